// 1:27: error: array subscript is not an integer
void f(int *p, int *q) { p[q] = 0; }
