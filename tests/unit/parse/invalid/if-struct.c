// 3:22: error: used struct type value where scalar is required
struct S { int a; } s;
int main(void) { if (s) return 1; return 0; }
