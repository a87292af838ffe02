// 1:25: error: invalid type argument of unary '*' (have 'int')
void f(int x) { int y = *x; }
