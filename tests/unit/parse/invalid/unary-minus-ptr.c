// 4:10: error: wrong type argument to unary minus
int main(void) {
  int *p = 0;
  return -p;
}
