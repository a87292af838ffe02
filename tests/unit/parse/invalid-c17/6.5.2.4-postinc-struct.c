// 2:17: error: wrong type argument to increment
struct S { int a; } s;
void f(void) { s++; }
