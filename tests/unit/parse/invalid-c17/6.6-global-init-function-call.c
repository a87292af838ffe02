// 2:9: error: initializer element is not constant
int g(void);
int x = g();
