// 2:12: error: invalid initializer
int a[2] = 5;
