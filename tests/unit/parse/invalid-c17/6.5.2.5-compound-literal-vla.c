// 1:26: error: compound literal has variable size
void f(int n) { int *p = (int[n]){0}; }
