// 2:17: error: bit-field 'p' has invalid type
struct S { int *p : 3; };
