// 1:26: error: invalid operands to binary << (have 'int *' and 'int')
int f(int *p) { return p << 1; }
