// Pointers, strings and indirect calls: sort pseudo-random strings with qsort.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
enum { N = 800000, LEN = 12 };
static char pool[N][LEN];
static char *items[N];
static int cmp(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }
int main(void) {
  unsigned s = 12345;
  for (int i = 0; i < N; i++) {
    for (int k = 0; k < LEN - 1; k++) { s = s * 1103515245u + 12345u; pool[i][k] = 'a' + (s >> 16) % 26; }
    pool[i][LEN - 1] = 0;
    items[i] = pool[i];
  }
  qsort(items, N, sizeof *items, cmp);
  unsigned h = 0;
  for (int i = 0; i < N; i += 1000) for (const char *p = items[i]; *p; p++) h = h * 31 + (unsigned char)*p;
  printf("%u\n", h);
  return 0;
}
