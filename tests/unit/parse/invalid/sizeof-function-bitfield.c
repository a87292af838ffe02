// 3:15: error: 'sizeof' applied to a bit-field
struct S { int a : 3; } s;
int n = sizeof(s.a);
