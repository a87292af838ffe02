// 3:18: error: incompatible type for argument 1 of 'g'
struct S { int a; } s;
void g(int);
void f(void) { g(s); }
