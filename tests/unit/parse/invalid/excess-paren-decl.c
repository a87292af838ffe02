// 3:15: error: expected ')' before ';' token
int main(void) {
  int x = (int;
  return 0;
}
