// 1:19: error: bit-field 'd' has invalid type
struct S { double d : 3; };
