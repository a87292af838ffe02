// 4:6: error: assignment of read-only location '*p'
int main(void) {
  const int *p = 0;
  *p = 2;
  return 0;
}
