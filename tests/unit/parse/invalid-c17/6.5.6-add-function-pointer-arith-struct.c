// 2:25: error: invalid operands to binary + (have 'int' and 'struct S')
struct S { int a; } s;
int f(int x) { return x + s; }
