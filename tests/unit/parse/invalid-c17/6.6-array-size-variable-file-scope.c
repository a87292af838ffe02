// 2:5: error: variably modified 'a' at file scope
int n = 3;
int a[n];
