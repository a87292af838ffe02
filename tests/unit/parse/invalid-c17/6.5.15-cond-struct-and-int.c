// 2:23: error: type mismatch in conditional expression
struct S { int a; } s;
void f(int c) { c ? s : 1; }
