// 2:26: error: 'sizeof' applied to a bit-field
struct S { int b : 3; } s;
unsigned long n = sizeof s.b;
