// 3:14: error: cannot initialize array of 'int' from a string literal with type array of 'char'
int main(void) {
  int a[2] = "ab";
  return a[0];
}
