// 3:22: error: 'x' undeclared (first use in this function)
int f(int) { return 0; }
int g(int, char *) { return 0; }
int h(void) { return x; }
