// 1:15: error: array index in initializer exceeds array bounds
int a[2] = { [-1] = 1 };
