// 3:22: error: void value not ignored as it ought to be
void f(void);
int g(void) { return f(); }
