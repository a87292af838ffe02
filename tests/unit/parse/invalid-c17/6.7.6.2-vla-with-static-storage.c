// 1:28: error: storage size of 'a' isn't constant
void f(int n) { static int a[n]; }
