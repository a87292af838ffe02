// 4:7: error: declaration of 'x' with no linkage follows extern declaration
int main(void) {
  extern int x;
  int x;
  return 0;
}
