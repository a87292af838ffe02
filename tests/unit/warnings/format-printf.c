// -Wformat against gcc 12: printf/scanf/strftime conversions, lengths, flags, counts (messages and columns compared)
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <time.h>
#include <wchar.h>
#include <sys/types.h>
enum E { A, B };
struct S { int x; };
void f(int i, long l, unsigned u, char c, short s, float fl, double d, long double ld,
       size_t z, ssize_t sz, intmax_t im, ptrdiff_t pd, char *str, const char *cs, void *vp,
       int *ip, long long ll, unsigned char uc, bool b, enum E e, wchar_t *ws, wint_t wi,
       struct S st, uint64_t u64, int32_t i32, signed char sc, long *lp) {
  printf("%d\n", l);
  printf("%d\n", u);
  printf("%d %d\n", c, s);
  printf("%d\n", fl);
  printf("%f\n", i);
  printf("%f %f\n", fl, d);
  printf("%f\n", ld);
  printf("%Lf\n", d);
  printf("%zu %zd %zu\n", z, sz, i);
  printf("%jd %td\n", im, pd);
  printf("%jd\n", i);
  printf("%td\n", i);
  printf("%hhd %hd\n", i, i);
  printf("%hhd %hd\n", l, l);
  printf("%s\n", i);
  printf("%s\n", vp);
  printf("%s\n", ip);
  printf("%p\n", i);
  printf("%p\n", ip);
  printf("%p\n", str);
  printf("%lld\n", l);
  printf("%ld\n", ll);
  printf("%d\n", uc);
  printf("%d %u\n", b, e);
  printf("%ls %lc\n", ws, wi);
  printf("%ls\n", str);
  printf("%lc\n", c);
  printf("%d\n", st);
  printf("%lu\n", u64);
  printf("%d\n", i32);
  printf("%hhu\n", sc);
  printf("%n\n", ip);
  printf("%n\n", lp);
  printf("%ln\n", lp);
  printf("%m\n");
  printf("%'d\n", i);
  printf("%*d\n", l, i);
  printf("%.*s\n", z, str);
  printf("%*.*f\n", i, i, d);
  printf("%d %d\n", i);
  printf("%d\n", i, i);
  printf("%d\n", i, i, i);
  printf("");
  printf("abc\0def");
  printf("%y\n", i);
  printf("%");
  printf("%5");
  printf("%#s\n", str);
  printf("%+u\n", u);
  printf("% s\n", str);
  printf("%0s\n", str);
  printf("%-0d\n", i);
  printf("%+ d\n", i);
  printf("%.3c\n", i);
  printf("%1$d %2$d\n", i, i);
  printf("%1$d %d\n", i, i);
  printf("%hf\n", d);
  printf("%lf\n", d);
  printf("%llf\n", d);
  printf("%qd\n", ll);
  printf("%Ld\n", ll);
  printf("%zd\n", z);
  printf("%lx %X %o\n", l, u, i);
  printf("%e %g %a %E %G %A\n", d, d, d, d, d, d);
  printf("%c\n", l);
  printf("%s\n", cs);
  printf("%S\n", ws);
  printf("%C\n", wi);
  printf("%i\n", l);
  printf("%%\n", i);
  printf("%5%\n");
  fprintf(stderr, "%d\n", l);
  sprintf(str, "%d\n", l);
  snprintf(str, 3, "%d\n", l);
  fprintf(stderr, "%s %s\n", str);
  char buf[64];
  strftime(buf, 64, "%Y %Q %E %Ey %Ex %OY", (struct tm *)0);
  scanf("%d", i);
  scanf("%d", &l);
  scanf("%d", &i);
  scanf("%s", str);
  scanf("%ld %lf %f", &l, &d, &fl);
  scanf("%lf", &fl);
  scanf("%zu", &z);
  scanf("%c", &c);
  scanf("%hhd", &c);
  scanf("%[abc]", str);
  scanf("%*d %d", &i);
  scanf("%*d", &i);
  scanf("%5s", str);
  scanf("%ms", &str);
  scanf("%p", &vp);
  scanf("%n", &i);
  sscanf(cs, "%d", &u);
  printf(cs);
  printf(str, i);
  wprintf(L"%d\n", l);
}
