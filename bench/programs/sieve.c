// Integer loops and byte stores: the sieve of Eratosthenes, repeated.
#include <stdio.h>
#include <string.h>
enum { N = 2000000 };
static char composite[N + 1];
int main(void) {
  long total = 0;
  for (int round = 0; round < 60; round++) {
    memset(composite, 0, sizeof composite);
    int count = 0;
    for (long i = 2; i <= N; i++) {
      if (composite[i]) continue;
      count++;
      for (long j = i * i; j <= N; j += i) composite[j] = 1;
    }
    total += count;
  }
  printf("%ld\n", total);
  return 0;
}
