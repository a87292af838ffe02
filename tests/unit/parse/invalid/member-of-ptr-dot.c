// 3:30: error: 'p' is a pointer; did you mean to use '->'?
struct S { int a; };
int f(struct S *p) { return p.a; }
