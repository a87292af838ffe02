// 3:10: error: 'y' undeclared (first use in this function)
int main(void) {
  return y;
}
