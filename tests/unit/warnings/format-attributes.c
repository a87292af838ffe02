// -Wformat against gcc 12: macros, concatenation, format/format_arg attributes, $ operands, scanf (messages and columns compared)
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <libintl.h>
#include <syslog.h>
#include <stdarg.h>
#define FMT "%d\n"
#define P(x) printf("%s\n", x)
void my(const char *f, ...) __attribute__((format(printf, 1, 2)));
void myv(const char *f, va_list ap) __attribute__((format(printf, 1, 0)));
extern int myscan(int, const char *, ...) __attribute__((__format__(__scanf__, 2, 3)));
const char *tr(const char *) __attribute__((format_arg(1)));
void g(int i, long l, size_t z, unsigned u, char *s, va_list ap, unsigned short us, unsigned char uc, long double ld, float f) {
  printf(FMT, l);
  P(i);
  printf("abc"
         "%d\n", l);
  printf("%y %d\n", i, l);
  printf("%05.3d\n", i);
  printf("%.3p\n", s);
  printf("%--d\n", i);
  printf("%zd %zu\n", i, l);
  printf("%ju %tu %hu %hhu\n", i, i, l, l);
  printf("%hn %hhn %lln %jn %zn\n", &i, &i, &i, &i, &i);
  my("%d\n", l);
  myv("%d\n", ap);
  myscan(1, "%d", l);
  printf(tr("%d\n"), l);
  printf(gettext("%d\n"), l);
  printf(dgettext("x", "%s\n"), i);
  syslog(1, "%d", l);
  printf("%u\n", -1);
  printf("%d\n", 'a');
  printf("%lu\n", sizeof(int));
  printf("%d\n", sizeof(int));
  printf("%d\n", us);
  printf("%x\n", uc);
  printf("%Lg %g\n", ld, f);
  printf("%d\n", (char)1 + 2);
  printf("%d\n", l > 0);
  printf("%ld\n", i + 1L);
  printf("%d\n", s - s);
  printf("%c\n", "x"[0]);
  printf("%d\n", (size_t)3);
  printf("%d\n", z);
  printf(s, 1);
  printf("%s\n", NULL);
  printf("%p\n", NULL);
  printf("%p\n", 0);
  printf(i ? "%d" : "%s", l);
  fprintf(stdout, "%5.2s|%-10s|%+.3e\n", s, s, 1.0);
  printf("%I64d\n", l);
  printf("%I d\n", l);
  scanf("%d %d", &i);
  scanf("%1$d", &i);
  scanf("%hhx", &uc);
  scanf("%4c", s);
  scanf("%as", &s);
  scanf("%lc", s);
  scanf("%[", s);
  scanf("%*5d");
  scanf("%0d", &i);
  printf("%1$d %1$d\n", i);
  printf("%2$d\n", i, i);
  printf("%3$d\n", i, i);
  printf("%.*d\n", i);
  printf("%*d\n", i);
  printf("%ls\n", L"x");
  printf("%lf\n", ld);
  printf("%hhd\n", 'c');
  printf("%e\n", 1);
  printf("%d\n", 1.0);
  printf("%5.5%\n");
  printf("%-%\n");
  printf("%c %s\n", s, i);
}
