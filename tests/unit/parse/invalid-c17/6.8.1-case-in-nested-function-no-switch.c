// 1:43: error: case label not within a switch statement
void f(int x) { switch (x) { default: ; } case 1: ; }
