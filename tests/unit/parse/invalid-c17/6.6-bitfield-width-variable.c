// 2:16: error: bit-field 'b' width not an integer constant
int w = 3;
struct S { int b : w; };
