// 1:28: error: 'struct S' has no member named 'b'
struct S { int a; } s = { .b = 1 };
