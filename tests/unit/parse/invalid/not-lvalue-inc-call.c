// 3:21: error: lvalue required as increment operand
int g(void);
int main(void) { g()++; return 0; }
