// 1:36: error: invalid operands to binary - (have 'int *' and 'long int *')
long f(int *p, long *q) { return p - q; }
