// -fshort-wchar (the kernel builds with it: wchar_t is unsigned short, L""
// strings have 16-bit elements, the macros say so) and -funsigned-char (plain
// char is unsigned; it used to be accepted and ignored).
// flags: -fshort-wchar -funsigned-char
// expect: 2 12 233 65535 1 65535 2 1 pp
#include <stdio.h>
#include <stddef.h>
const wchar_t s[] = L"h\u00e9llo";
int main(void) {
  wchar_t c = L'\xffff';
  char ch = (char)200;
  printf("%zu %zu %d %d %d %d %d %d", sizeof(wchar_t), sizeof s, s[1], (int)c, (wchar_t)-1 > 0, __WCHAR_MAX__, __SIZEOF_WCHAR_T__, ch > 0);
#if L'\xffff' > 0 && defined(__CHAR_UNSIGNED__)
  puts(" pp");
#endif
  return 0;
}
