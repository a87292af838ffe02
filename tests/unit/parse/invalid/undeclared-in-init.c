// 3:11: error: 'nope' undeclared (first use in this function)
int main(void) {
  int x = nope + 1;
  return x;
}
