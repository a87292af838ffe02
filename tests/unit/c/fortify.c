// glibc's _FORTIFY_SOURCE wrappers (gcc's -O2 -D_FORTIFY_SOURCE=2, every Debian
// and gnulib build): extern inline gnu_inline always_inline functions that
// forward their variadic arguments with __builtin_va_arg_pack(). They must be
// inlined, never emitted, and the checking functions called.
// expect: 42 hi|42-42|abc|open 1 1|read 0|2.5 5.0|6 3|user 7 1.5 x
#ifdef __OPTIMIZE__
#define _FORTIFY_SOURCE 2
#endif
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern int logf_impl(int level, const char *fmt, ...);
int logf_impl(int level, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = printf("user %d ", level);
  n += vprintf(fmt, ap);
  va_end(ap);
  return n;
}
/* A wrapper of the same shape as glibc's, in the program itself. */
static inline __attribute__((always_inline, gnu_inline)) int logf_wrap(const char *fmt, ...) {
  if (__builtin_va_arg_pack_len() > 3) return -1;
  return logf_impl(7, fmt, __builtin_va_arg_pack());
}

int main(int argc, char **argv) {
  (void)argv;
  char buf[32];
  int x = argc + 41;
  printf("%d %s|", x, "hi");
  snprintf(buf, sizeof buf, "%d-%d", x, x);
  printf("%s|", buf);
  memcpy(buf, "abc", 4);
  fprintf(stdout, "%s|", buf);
  int fd = open("/dev/null", O_RDONLY);
  int fd2 = open("/dev/null", O_WRONLY | O_CREAT, 0600);
  printf("open %d %d|", fd >= 0, fd2 >= 0);
  char rb[8];
  printf("read %zd|", read(fd, rb, sizeof rb));
  double d = 2.5;
  sprintf(buf, "%g %.1f", d, d * 2);
  printf("%s|", buf);
  int n = snprintf(buf, 4, "%s", "abcdef");
  printf("%d %zu|", n, strlen(buf));
  logf_wrap("%.1f %c\n", 1.5, 'x');
  return 0;
}
