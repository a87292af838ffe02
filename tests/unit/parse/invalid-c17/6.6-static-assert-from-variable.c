// 2:16: error: expression in static assertion is not constant
int v = 2;
_Static_assert(v, "x");
