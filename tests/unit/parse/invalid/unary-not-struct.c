// 3:25: error: wrong type argument to bit-complement
struct S { int a; } s;
int main(void) { return ~s; }
