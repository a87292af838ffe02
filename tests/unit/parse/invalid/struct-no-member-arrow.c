// 3:30: error: 'struct S' has no member named 'zz'
struct S { int a; };
int f(struct S *p) { return p->zz; }
