// 3:25: error: wrong type argument to unary exclamation mark
struct S { int a; } s;
int main(void) { return !s; }
