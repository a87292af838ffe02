// 3:28: error: assignment of read-only member 'a'
struct S { const int a; };
void f(struct S *s) { s->a = 1; }
