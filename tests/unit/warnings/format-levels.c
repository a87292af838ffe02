// -Wformat levels against gcc 12 (warnings.test.ts runs it with -Wformat=2, -Wno-format, -Werror=format…)
#include <stdio.h>
#include <stdarg.h>
void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vlog(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void vlog(const char *fmt, va_list ap) { vprintf(fmt, ap); }
void plain(const char *fmt, va_list ap) { vprintf(fmt, ap); }
void g(const char *s, long l) {
  printf(s);
  printf(s, 1);
  printf("%d\n", l);
  logf_("%s\n", l);
  printf("");
}
