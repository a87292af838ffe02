// 3:42: error: type mismatch in conditional expression
struct S { int a; } s;
int main(int c, char **v) { return c ? s : 1; }
