// 3:27: error: invalid operands to binary + (have 'struct S' and 'int')
struct S { int a; } s;
int main(void) { return s + 1; }
