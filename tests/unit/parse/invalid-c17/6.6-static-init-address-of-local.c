// 1:39: error: initializer element is not constant
void f(void) { int x; static int *p = &x; }
