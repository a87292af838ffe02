// 2:22: error: wrong type argument to unary exclamation mark
struct S { int a; } s;
int f(void) { return !s; }
