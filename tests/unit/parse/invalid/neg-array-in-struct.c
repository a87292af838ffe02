// 2:16: error: size of array 'a' is negative
struct S { int a[-2]; };
