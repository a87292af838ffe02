// 4:5: error: assignment of read-only variable 'x'
int main(void) {
  const int x = 1;
  x = 2;
  return x;
}
