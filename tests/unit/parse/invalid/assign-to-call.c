// 3:22: error: lvalue required as left operand of assignment
int g(void);
int main(void) { g() = 1; return 0; }
