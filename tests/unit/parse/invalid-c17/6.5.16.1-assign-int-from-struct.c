// 2:27: error: incompatible types when assigning to type 'int' from type 'struct S'
struct S { int a; } s;
void f(void) { int x; x = s; }
