// 2:33: error: lvalue required as left operand of assignment
int main(void) { int x; (long)x = 1; return 0; }
