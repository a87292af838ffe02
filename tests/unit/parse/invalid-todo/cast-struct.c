// 3:1: error: aggregate value used where an integer was expected
struct S { int a; } s;
int main(void) { return (int)s; }
