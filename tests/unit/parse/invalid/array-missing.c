// 3:7: error: array size missing in 'a'
int main(void) {
  int a[];
  return 0;
}
