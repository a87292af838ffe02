// 1:18: error: lvalue required as left operand of assignment
void f(void) { 5 = 3; }
