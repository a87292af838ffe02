// 5:11: error: array subscript is not an integer
int main(void) {
  int a[2];
  double d = 0;
  return a[d];
}
