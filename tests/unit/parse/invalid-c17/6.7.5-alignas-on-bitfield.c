// 1:28: error: alignment specified for bit-field 'b'
struct S { _Alignas(8) int b : 3; };
