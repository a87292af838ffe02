// 3:15: error: nonconstant array index in initializer
int n = 1;
int a[4] = { [n] = 1 };
