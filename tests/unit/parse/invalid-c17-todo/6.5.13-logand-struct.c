// 2:24: error: invalid operands to binary && (have 'int' and 'struct S')
struct S { int a; } s;
int f(void) { return 1 && s; }
