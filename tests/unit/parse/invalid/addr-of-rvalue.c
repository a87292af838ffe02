// 3:12: error: lvalue required as unary '&' operand
int main(void) {
  int *p = &(1 + 2);
  return 0;
}
