// Unwind tables (.eh_frame from the backend's .cfi_* directives): glibc's
// backtrace() walks through tscc-compiled frames, including one with a VLA,
// back to main. Without them it stops after the first frame.
// expect: inner middle outer main
#include <execinfo.h>
#include <stdio.h>

static void *frames[16];
static int count;
__attribute__((noinline)) int inner(int d) { count = backtrace(frames, 16); return d; }
__attribute__((noinline)) int middle(int d) { char vla[d]; vla[0] = 1; return inner(d + vla[0]) + 1; }
__attribute__((noinline)) int outer(int d) { return middle(d) * 2; }

/** Is `pc` inside the first bytes of function `fn`? (each function here is small) */
static int within(void *pc, void *fn) { return (char *)pc > (char *)fn && (char *)pc < (char *)fn + 512; }

int main(void) {
  if (outer(3) != 10) return 1;
  void *fns[] = { (void *)inner, (void *)middle, (void *)outer, (void *)main };
  const char *names[] = { "inner", "middle", "outer", "main" };
  int next = 0;
  for (int i = 0; i < count && next < 4; i++) if (within(frames[i], fns[next])) next++;
  for (int k = 0; k < next; k++) printf("%s%s", k ? " " : "", names[k]);
  printf("\n");
  return 0;
}
