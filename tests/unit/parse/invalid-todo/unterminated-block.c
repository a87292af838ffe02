// 3:3: error: expected declaration or statement at end of input
int main(void) {
  return 0;
