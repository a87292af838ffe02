#include <stdio.h>
#include "config.h"
#include "version.h"
double circle_area(double);
double hypotenuse(double, double);
int twice(int);
int main(void) {
#if defined HAVE_STDINT_H && defined HAVE_STRTOLL && defined HAVE_BUILTIN_EXPECT && !defined HAVE_NO_SUCH_HEADER
  const char *probes = "ok";
#else
  const char *probes = "wrong";
#endif
  printf("probes %s long %d int128 %d area %.3f hyp %.1f twice %d version %d\n", probes, SIZEOF_LONG,
         SIZEOF_INT128, circle_area(2.0), hypotenuse(3.0, 4.0), twice(21), PROBE_VERSION);
  return 0;
}
