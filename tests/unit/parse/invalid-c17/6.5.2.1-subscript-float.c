// 1:19: error: array subscript is not an integer
void f(int *p) { p[1.5] = 0; }
