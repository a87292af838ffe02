// 2:16: error: negative width in bit-field 'a'
struct S { int a : -1; };
