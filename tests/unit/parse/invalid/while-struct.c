// 3:25: error: used struct type value where scalar is required
struct S { int a; } s;
int main(void) { while (s) ; return 0; }
