// 2:1: error: static assertion failed: "int is not 8 bytes"
_Static_assert(sizeof(int) == 8, "int is not 8 bytes");
