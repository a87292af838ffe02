// 4:9: error: lvalue required as left operand of assignment
int main(void) {
  int a = 1;
  a + 1 = 2;
  return a;
}
