// 2:23: error: flexible array member not at end of struct
struct S { int n; int a[]; int b; };
