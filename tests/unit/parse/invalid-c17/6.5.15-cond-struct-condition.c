// 2:24: error: used struct type value where scalar is required
struct S { int a; } s;
int f(void) { return s ? 1 : 2; }
