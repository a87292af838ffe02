// 3:17: error: 'struct S' has no member named 'b'
struct S { int a; };
struct S s = { .b = 1 };
