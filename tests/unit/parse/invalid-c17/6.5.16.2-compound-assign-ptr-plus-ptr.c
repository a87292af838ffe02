// 1:28: error: invalid operands to binary + (have 'int *' and 'int *')
void f(int *p, int *q) { p += q; }
