// 1:20: error: invalid operands to binary << (have 'int *' and 'int')
void f(int *p) { p <<= 1; }
