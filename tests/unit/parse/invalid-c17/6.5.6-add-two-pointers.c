// 1:35: error: invalid operands to binary + (have 'int *' and 'int *')
int *f(int *p, int *q) { return p + q; }
