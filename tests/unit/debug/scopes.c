/* Nested scopes with shadowing, recursion and loops under gdb. */
static int depth_seen;

static unsigned long fact(unsigned n) {
  if (n <= 1) {
    depth_seen++;
    return 1;
  }
  unsigned long below = fact(n - 1);
  return n * below;
}

int main(void) {
  int x = 1;
  int sum = 0;
  {
    int x = 2;
    sum += x;
    {
      int x = 3;
      sum += x;
    }
    sum += x;
  }
  sum += x;
  int i = 0;
  while (i < 3) {
    int sq = i * i;
    sum += sq;
    i++;
  }
  unsigned long f = fact(5);
  return sum == 13 && f == 120 && depth_seen == 1 ? 0 : 1;
}
