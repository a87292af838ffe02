// 3:27: error: used struct type value where scalar is required
struct S { int a; } s;
int main(void) { return s ? 1 : 2; }
