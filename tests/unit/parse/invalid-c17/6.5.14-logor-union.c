// 2:22: error: used union type value where scalar is required
union U { int a; } u;
int f(void) { return u || 0; }
