// The __builtin_ spellings of library functions that glibc's headers use (and
// __has_builtin now reports), the _FloatN constants, __builtin_dwarf_cfa.
// expect: 4 abc xyz|-2 2 2|inf inf inf inf|nan nan 1|o world orld ld world 0|world (nil)|8|1
#include <stdio.h>
#include <string.h>
#include <stdarg.h>
static int vs(char *b, const char *f, ...) { va_list ap; va_start(ap, f); int n = __builtin_vsnprintf(b, 32, f, ap); va_end(ap); va_start(ap, f); char c[64]; __builtin_vsprintf(c, f, ap); va_end(ap); return n + (int)strlen(c); }
int main(void) {
  char buf[32], d[32];
  char *e = __builtin___mempcpy_chk(d, "abc", 4, sizeof d);
  __builtin___stpncpy_chk(buf, "xyz", 5, sizeof buf);
  printf("%d %s %s|", (int)(e - d), d, buf);
  __float128 q = __builtin_copysignf128(2.0, -1.0), r = __builtin_fabsq(q);
  printf("%g %g %g|", (double)q, (double)__builtin_fabsf128(q), (double)r);
  printf("%g %g %g %g|", (double)__builtin_huge_valf128(), (double)__builtin_inff64(), (double)__builtin_huge_valf32(), (double)__builtin_infq());
  printf("%g %g %d|", (double)__builtin_nanf64(""), (double)__builtin_nansf32x(""), __builtin_isnan(__builtin_nanf128("")));
  const char *s = "hello world";
  printf("%s %s %s %s %d|", __builtin_index(s, 'o'), __builtin_rindex(s, 'o'), __builtin_strrchr(s, 'l'), __builtin_strstr(s, "wor"), __builtin_strncmp(s, "help", 3));
  printf("%s %p|", __builtin_strpbrk(s, "wr"), __builtin_memchr(s, 'z', 5));
  printf("%d|", vs(buf, "%d-%s", 42, "x"));
  void *cfa = __builtin_dwarf_cfa(); printf("%d\n", cfa != 0);
  return 0;
}
