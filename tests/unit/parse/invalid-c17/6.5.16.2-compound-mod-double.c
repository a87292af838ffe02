// 1:22: error: invalid operands to binary % (have 'double' and 'int')
void f(double d) { d %= 2; }
