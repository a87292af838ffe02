// 1:28: error: switch quantity not an integer
void f(double d) { switch (d) { default: ; } }
