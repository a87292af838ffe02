// 3:16: error: expression in static assertion is not constant
int x;
_Static_assert(x, "x");
