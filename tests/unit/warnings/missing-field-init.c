struct S { int a, b, c; };
struct T { struct S s; int d; };
struct S x = {
 1,
 2
};
struct T y = { {1, 2, 3} };
struct T z = { {1}, 2 };
struct S w[2] = { {1,2}, {1,2,3} };
int f(void) { struct S q = {
1,
2 }; return q.a; }
