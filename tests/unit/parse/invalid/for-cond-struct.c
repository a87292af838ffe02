// 3:25: error: used struct type value where scalar is required
struct S { int a; } s;
int main(void) { for (; s; ) ; return 0; }
