// 2:38: error: initializer element is not constant
int f(void) { int x; static int *p = &x; return *p; }
