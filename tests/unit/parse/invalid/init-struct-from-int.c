// 3:29: error: invalid initializer
struct S { int a; };
void f(void) { struct S s = 1; }
