// 1:19: error: storage class specified for parameter 'x'
void f(static int x);
