// Computed goto: phis in a label block that is also reached directly, and
// labels whose address is taken only in static data.
#include <stdio.h>
/* L is reached by falling into it and by computed goto, so its variables have
   phis; L dominates every goto, so a phi's value (old == x at L) is live
   through the dispatch into M. Copies for L's phis must happen only on the
   way to L. */
static int run(const unsigned char *pc) {
  static void *t[] = {&&L, &&M, &&E};
  int x = 1, old;
 L:
  old = x;
  x = x * 3;
  goto *t[*pc++];
 M:
  x = old + x;
  goto *t[*pc++];
 E:
  return x;
}
/* Labels whose address is only in static data, with no goto * anywhere:
   their blocks must survive (the table names them). */
static const void *where;
static int pick(int k) {
  static const void *tbl[] = {&&one, &&two};
  where = tbl[k];
  return k;
 one:
  return 1;
 two:
  return 2;
}
int main(void) {
  static const unsigned char prog[] = {1, 0, 1, 2};
  printf("%d %d\n", run(prog), pick(1));
  return 0;
}
// expect: 16 1
