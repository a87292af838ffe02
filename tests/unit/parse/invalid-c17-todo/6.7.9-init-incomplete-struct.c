// 2:8: error: variable 's' has initializer but incomplete type
struct S;
struct S s = { 0 };
