// 4:20: error: incompatible types when assigning to type 'int *' from type 'struct S'
struct S { int a; } s;
int *p;
void f(void) { p = s; }
