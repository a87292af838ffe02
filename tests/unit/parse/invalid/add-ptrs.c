// 2:47: error: invalid operands to binary + (have 'int *' and 'int *')
int main(void) { int *p = 0, *q = 0; return p + q; }
