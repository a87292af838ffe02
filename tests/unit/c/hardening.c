// Debian's hardening flags (dpkg-buildflags): the stack protector catches an
// overflow into the canary (in a child, which must die of SIGABRT), and code
// built with IBT landing pads, notrack jump tables and stack-clash probes
// still runs: indirect calls, switch tables, computed goto, setjmp, big frames, VLAs.
// flags: -fstack-protector-strong -fstack-clash-protection -fcf-protection
// expect: ssp 3 cet 3 | 25 111 2 3 | 1031 32433 3 | overflow caught 1 | attr ok
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static jmp_buf jb;
static int square(int x) { return x * x; }
int (*volatile indirect)(int) = square;

int table(int x, int y) {
  switch (x) {
  case 0: y += 3; break;
  case 1: y *= 7; break;
  case 2: y -= 9; break;
  case 3: y ^= 11; break;
  case 4: y /= 13; break;
  case 5: y %= 17; break;
  }
  return y;
}

int computed(int x) {
  static void *targets[] = {&&a, &&b};
  goto *targets[x];
a: return 1;
b: return 2;
}

__attribute__((noinline)) static int sum(const unsigned char *p, int n) {
  int s = 0;
  for (int i = 0; i < n; i += 97) s += p[i];
  return s;
}
int big_frame(void) { unsigned char b[100000]; memset(b, 1, sizeof b); return sum(b, sizeof b); }
int vla(int n) { unsigned char b[n]; memset(b, 3, n); return sum(b, n); }

volatile int overflow_len = 64;
__attribute__((noinline)) static void fill(char *p, int n) { memset(p, 'A', n); }
__attribute__((noinline)) int smash(void) { char buf[16]; fill(buf, overflow_len); return buf[0]; }

// Opted out: the overflow of two bytes into padding goes unnoticed here.
__attribute__((no_stack_protector, noinline)) int unprotected(void) { char buf[16]; fill(buf, 16); return buf[15]; }

int main(void) {
#if defined(__SSP_STRONG__) && defined(__CET__)
  printf("ssp %d cet %d | ", __SSP_STRONG__, __CET__);
#endif
  int r = setjmp(jb);
  if (!r) longjmp(jb, 3);
  printf("%d %d %d %d | ", indirect(5), table(3, 100), computed(1), r);
  printf("%d %d %d | ", big_frame(), vla(1 << 20), vla(1));
  fflush(stdout);
  pid_t child = fork();
  if (child == 0) {
    // glibc reports on the terminal or stderr: keep the test's output clean.
    freopen("/dev/null", "w", stderr);
    smash();
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  printf("overflow caught %d | ", WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
  printf("attr %s\n", unprotected() == 'A' ? "ok" : "bad");
  return 0;
}
