// 4:7: error: redeclaration of 'a' with no linkage
int main(void) {
  int a;
  int a;
  return 0;
}
