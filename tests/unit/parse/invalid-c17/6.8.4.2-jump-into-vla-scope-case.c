// 1:47: error: switch jumps into scope of identifier with variably modified type
void f(int x, int n) { switch (x) { int a[n]; case 1: a[0] = 1; } }
