// 2:19: error: expected string literal before 'm'
const char *m;
_Static_assert(1, m);
