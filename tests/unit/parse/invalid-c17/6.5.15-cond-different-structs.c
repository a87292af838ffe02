// 2:23: error: type mismatch in conditional expression
struct A { int a; } a; struct B { int b; } b;
void f(int c) { c ? a : b; }
