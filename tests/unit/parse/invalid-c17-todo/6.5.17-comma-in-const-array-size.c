// 1:5: error: variably modified 'a' at file scope
int a[(1, 2)];
