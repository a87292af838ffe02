// 2:16: error: empty index range in initializer
int a[10] = { [5 ... 2] = 1 };
