// 2:24: error: invalid type argument of '->' (have 'int')
int f(int p) { return p->a; }
