// 2:20: error: incompatible types when assigning to type 'struct S' from type 'int'
struct S { int a; } s;
void f(void) { s = 1; }
