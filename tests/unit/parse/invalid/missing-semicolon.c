// 4:3: error: expected ',' or ';' before 'return'
int main(void) {
  int x = 1
  return x;
}
