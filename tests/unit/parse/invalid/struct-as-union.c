// 3:14: error: 'S' defined as wrong kind of tag
struct S { int a; };
void f(union S *p);
