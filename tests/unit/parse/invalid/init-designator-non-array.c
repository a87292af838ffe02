// 3:17: error: array index in non-array initializer
struct S { int a; };
struct S s = { [0] = 1 };
