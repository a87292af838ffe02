// -Wimplicit-fallthrough=3 (-Wextra) against gcc 12: what may fall through, the comments and the attribute that say it is meant
#include <stdlib.h>
void a(void);
int f(int x, int y) {
  switch (x) {
  case 1:
    a();
  case 2:
    if (y)
      a();
  case 3:
    if (y) {
      a();
      break;
    }
  case 4:
    if (y) a(); else return 1;
  case 5:
    a();
    /* FALLTHROUGH */
  case 6:
    a();
    // fall through
  case 7:
    a();
    __attribute__((fallthrough));
  case 8:
    { a(); }
  case 9:
    while (1) { a(); }
  case 10:
    for (;;) { if (y) break; }
  case 11:
    exit(1);
  case 12:
    a(); /* fallthru */
  default:
    y++;
    /* Fall through.  */
  case 13:
    y++;
    /* intentionally no break */
  case 14:
    y++;
    /* falls through */
  case 15:
    do { a(); } while (0);
  case 16:
    switch (y) { case 0: return 1; default: return 2; }
  case 17:
    {
      int q = 3;
      a();
      q++;
    }
  case 18:
    ;
  case 19:
    goto out;
  case 20:
    y = 2;
  label:
  case 21:
    y = 3;
    /* FALLTHROUGH */
    /* other */
  case 22:
    y = 4;
    /*FALLTHRU*/
  case 23:
    y = 5;
    /* fall through */ break;
  }
 out:
  switch (x) {
    case 0: y++;
    case 1: y--;
  }
  if (x) goto label;
  return y;
}
