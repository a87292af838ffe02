// 4:10: error: lvalue required as increment operand
int main(void) {
  int a = 0;
  (a + 1)++;
  return a;
}
