// 2:24: error: 'p' is a pointer; did you mean to use '->'?
struct S { int a; };
void f(struct S *p) { p.a = 1; }
