// 3:9: error: initializer element is not constant
int x;
int y = x;
