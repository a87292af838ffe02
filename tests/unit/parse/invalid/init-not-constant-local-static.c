// 4:18: error: initializer element is not constant
int main(void) {
  int a = 1;
  static int b = a;
  return b;
}
