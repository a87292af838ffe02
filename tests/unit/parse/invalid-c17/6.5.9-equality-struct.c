// 2:24: error: invalid operands to binary == (have 'struct S' and 'struct S')
struct S { int a; } s, t;
int f(void) { return s == t; }
