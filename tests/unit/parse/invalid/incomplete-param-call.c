// 4:25: error: invalid use of undefined type 'struct T'
struct T;
void f(struct T);
void g(struct T *p) { f(*p); }
