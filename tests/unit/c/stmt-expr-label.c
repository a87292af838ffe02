// A statement expression ending in a labelled expression statement still has
// its value (the kernel's ___wait_event: `({ ... __out: __ret; })`).
// expect: 7 3 12
#include <stdio.h>
#define WAIT(cond) ({ __label__ out; int ret = 0; for (int i = 0; ; i++) { if (cond(i)) { ret = i; goto out; } } out: ret; })
static int is7(int i) { return i == 7; }
static int is3(int i) { return i == 3; }
int main(void) {
  int a = WAIT(is7);
  int b = WAIT(is3);
  int c = ({ int x = 5; goto twice; twice: again: x + 7; });
  printf("%d %d %d\n", a, b, c);
  return 0;
}
