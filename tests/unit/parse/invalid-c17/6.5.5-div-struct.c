// 2:24: error: invalid operands to binary / (have 'struct S' and 'int')
struct S { int a; } s;
int f(void) { return s / 2; }
