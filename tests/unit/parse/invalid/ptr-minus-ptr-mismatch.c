// 4:12: error: invalid operands to binary - (have 'int *' and 'char *')
int main(void) {
  int *p = 0; char *q = 0;
  return p - q;
}
