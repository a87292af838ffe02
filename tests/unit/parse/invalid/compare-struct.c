// 3:27: error: invalid operands to binary == (have 'struct S' and 'struct S')
struct S { int a; } s, t;
int main(void) { return s == t; }
