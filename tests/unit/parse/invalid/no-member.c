// 3:26: error: 'struct S' has no member named 'b'
struct S { int a; } s;
int main(void) { return s.b; }
