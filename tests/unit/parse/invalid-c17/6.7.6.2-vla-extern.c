// 1:28: error: object with variably modified type must have no linkage
void f(int n) { extern int a[n]; }
