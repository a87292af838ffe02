// __attribute__((cleanup(fn))) runs fn(&var) whenever the variable's scope is
// left: at its end, by break, continue, return, goto (forward and backward),
// out of a statement expression (after its value is taken), innermost first.
// expect: [0][1][2][10][20][50][40][30] 51 | [61][60] 121 | [70] | [81][81][82]g | [91]s=5 | [99]v=7
#include <stdio.h>
struct S { int v; };
static void done(int *p) { printf("[%d]", *p); }
static void zap(struct S *s) { printf("[%d]", 99); s->v = -1; }
static int f(int n) {
  for (int i = 0; i < 3; i++) {
    int x __attribute__((cleanup(done))) = i;
    if (i == 1) continue;
    if (i == 2) break;
  }
  {
    int y __attribute__((cleanup(done))) = 10;
    if (n) goto out;
  }
out:
  switch (n) {
    case 1: { int z __attribute__((cleanup(done))) = 20; if (n) break; }
    default: ;
  }
  int w __attribute__((cleanup(done))) = 30;
  while (1) { int v __attribute__((cleanup(done))) = 40; return n + ({ int q __attribute__((cleanup(done))) = 50; q; }); }
}
static int g(void) { int a __attribute__((cleanup(done))) = 60; int b __attribute__((cleanup(done))) = 61; return a + b; }
static void back(void) {
  int k = 0;
again:
  {
    int c __attribute__((cleanup(done))) = 81 + (k == 2);
    if (++k < 3) goto again;
  }
  printf("g");
}
static int scope(void) {
  int r = ({ int s __attribute__((cleanup(done))) = 91; 5; });
  return r;
}
static struct S ret(void) {
  struct S s __attribute__((cleanup(zap))) = {7};
  return s;
}
int main(void) {
  printf(" %d | ", f(1));
  printf(" %d | ", g());
  do { int d __attribute__((cleanup(done))) = 70; } while (0);
  printf(" | ");
  back();
  printf(" | ");
  int s = scope();
  printf("s=%d | ", s);
  struct S v = ret();
  printf("v=%d\n", v.v);
  return 0;
}
