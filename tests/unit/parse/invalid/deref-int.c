// 4:10: error: invalid type argument of unary '*' (have 'int')
int main(void) {
  int x = 0;
  return *x;
}
