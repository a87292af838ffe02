// 2:1: error: static assertion failed
_Static_assert(0);
