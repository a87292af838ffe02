// 2:1: error: static assertion failed: "math"
_Static_assert(1 == 2, "math");
