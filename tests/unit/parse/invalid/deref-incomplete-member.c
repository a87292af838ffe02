// 3:30: error: invalid use of undefined type 'struct T'
struct T;
int f(struct T *p) { return p->x; }
