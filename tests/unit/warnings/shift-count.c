// -Wshift-count-overflow/-negative (on by default) against gcc 12: shifts and compound shifts by constant counts
int f(int x, long l, unsigned char c) {
  int a = x << 32;
  int b = x >> -1;
  long d = l << 64;
  long e = l << 63;
  int g = c << 31;
  int h = 1 << 33;
  int i = x << 31;
  unsigned long long j = 1ULL << 64;
  x <<= 40;
  x >>= -3;
  return a + b + d + e + g + h + i + j + (sizeof(int) << 70);
}
