// 2:18: error: storage class specified for parameter 'x'
int f(static int x);
