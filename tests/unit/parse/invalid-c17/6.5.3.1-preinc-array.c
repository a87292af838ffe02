// 1:26: error: lvalue required as increment operand
void f(void) { int a[2]; ++a; }
