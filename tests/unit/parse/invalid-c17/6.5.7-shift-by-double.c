// 1:25: error: invalid operands to binary >> (have 'int' and 'double')
int f(int x) { return x >> 1.0; }
