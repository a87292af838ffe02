// 4:11: error: subscripted value is neither array nor pointer nor vector
int main(void) {
  int x = 0;
  return x[1];
}
