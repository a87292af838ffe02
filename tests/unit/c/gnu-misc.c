// GNU and corner-case semantics found through the torture suite.
#include <stdio.h>
#include <stddef.h>

typedef int V4 __attribute__((vector_size(16)));

const wchar_t wide[] = L"foo";                 // static wide string: 4-byte elements
struct { char c; char tail[]; } flex = { 'o', "wx" };  // GNU: initialized flexible member
int target[4] = { 7 };
extern int other[4] __attribute__((alias("target")));   // attribute after an array declarator

float knr(x) float x; { return x * 2; }         // K&R: the caller passes a double

unsigned acc[1] = { 2 };
unsigned bump(void) { acc[0] |= 128; return 1; }

int labdiff(int i) {
  static const int off[] = { &&one - &&base, &&two - &&base };
  int r = 0;
  goto *(&&base + off[i]);
one:
  r += 10;
two:
  r += 1;
base:
  return r;
}

void *volatile keep;

int main(void) {
  printf("%d %d %d %d ", (int)wide[0], (int)wide[1], (int)wide[3], (int)sizeof wide);
  printf("%c%c%c ", flex.c, flex.tail[0], flex.tail[1]);
  other[1] = 5;
  printf("%d %d ", target[0], target[1]);
  float (*f)() = (float (*)())knr;
  printf("%.1f ", (double)f(1.5f));
  acc[0] |= bump();
  printf("%u ", acc[0]);
  V4 v = { 1, 2, 3, 4 };
  V4 w = v * 3 + 1;
  V4 m = { 3, 2, 1, 0 };
  V4 s = __builtin_shuffle(w, m);
  printf("%d %d %d %d ", w[0], w[3], s[0], s[3]);
  printf("%d ", (int)2147483648.0f);
  printf("%d %d ", labdiff(0), labdiff(1));
  int n = 0;
again:;
  int big[1000 + n % 3];
  keep = big;
  if (++n < 100000) goto again;       // leaves big's scope: its space is given back
  printf("%d ", n);
  return 0;
}
// expect: 102 111 0 16 owx 7 5 3.0 131 4 13 13 4 2147483647 11 1 100000
