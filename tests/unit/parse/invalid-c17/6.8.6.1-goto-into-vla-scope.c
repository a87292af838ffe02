// 1:17: error: jump into scope of identifier with variably modified type
void f(int n) { goto in; { int a[n]; in: a[0] = 0; } }
