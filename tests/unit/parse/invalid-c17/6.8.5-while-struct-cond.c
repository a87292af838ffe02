// 2:23: error: used struct type value where scalar is required
struct S { int a; } s;
void f(void) { while (s) ; }
