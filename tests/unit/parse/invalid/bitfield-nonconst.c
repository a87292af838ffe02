// 3:16: error: bit-field 'a' width not an integer constant
int n;
struct S { int a : n; };
