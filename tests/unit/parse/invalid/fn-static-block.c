// 3:14: error: invalid storage class for function 'g'
int main(void) {
  static int g(void);
  return 0;
}
