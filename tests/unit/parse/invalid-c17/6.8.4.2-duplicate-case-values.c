// 1:46: error: duplicate case value
void f(int x) { switch (x) { case 1: case 2: case 1: ; } }
