// 2:18: error: lvalue required as left operand of assignment
enum E { A };
void f(void) { A = 2; }
