// 2:28: error: void value not ignored as it ought to be
void g(void);
void f(void) { do ; while (g()); }
