// 2:24: error: invalid use of undefined type 'struct S'
struct S;
void f(struct S *p) { p->a = 1; }
