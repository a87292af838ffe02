// 1:31: error: invalid operands to binary % (have 'double' and 'int')
double f(double a) { return a % 2; }
