// 3:10: error: cannot take address of bit-field 'a'
struct S { int a : 3; } s;
int *p = &s.a;
