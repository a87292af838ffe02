// 2:20: error: invalid initializer
typedef int F(void);
void f(void) { (F){0}; }
