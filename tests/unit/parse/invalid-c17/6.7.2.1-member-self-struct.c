// 1:28: error: field 's' has incomplete type
struct S { int a; struct S s; };
