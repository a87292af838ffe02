// 2:20: error: assignment of read-only member 'a'
struct S { const int a; } s;
void f(void) { s.a = 1; }
