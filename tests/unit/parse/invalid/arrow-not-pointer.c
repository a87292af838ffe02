// 3:26: error: invalid type argument of '->' (have 'struct S')
struct S { int a; } s;
int main(void) { return s->a; }
