// 2:22: error: incompatible types when returning type 'struct S' but 'int' was expected
struct S { int a; } s;
int f(void) { return s; }
