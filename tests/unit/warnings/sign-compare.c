#include <stddef.h>
int f(int i, unsigned u, long l, unsigned long ul, unsigned char uc, short s, size_t n) {
  int r = 0;
  if (i < u) r++;
  if (u > 5) r++;
  if (i == 3u) r++;
  if (l < ul) r++;
  if (uc < u) r++;
  if (s < u) r++;
  if ((i & 0xff) < u) r++;
  if (i < n) r++;
  if (n != -1) r++;
  if (u == (-1U >> 9)) r++;
  if (i == sizeof(int) * 3) r++;
  if ((unsigned)i < u) r++;
  if (l < u) r++;
  return r;
}
