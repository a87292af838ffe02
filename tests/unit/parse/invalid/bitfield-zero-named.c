// 2:16: error: zero width for bit-field 'a'
struct S { int a : 0; };
