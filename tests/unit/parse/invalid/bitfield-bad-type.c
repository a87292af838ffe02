// 2:19: error: bit-field 'a' has invalid type
struct S { double a : 3; };
