// 2:7: error: unknown type name 'foo_t'
int f(foo_t x);
