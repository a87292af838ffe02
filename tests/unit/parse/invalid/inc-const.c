// 4:4: error: increment of read-only variable 'a'
int main(void) {
  const int a = 0;
  a++;
  return a;
}
