// 4:1: error: duplicate label 'out'
int main(void) {
out:
out:
  return 0;
}
