// 2:23: error: invalid type argument of '->' (have 'struct S')
struct S { int a; };
void f(struct S s) { s->a = 1; }
