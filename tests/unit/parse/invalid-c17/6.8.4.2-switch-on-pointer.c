// 1:26: error: switch quantity not an integer
void f(int *p) { switch (p) { default: ; } }
