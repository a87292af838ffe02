// 1:20: error: static or type qualifiers in non-parameter array declarator
void f(void) { int a[const 3]; }
