// 2:8: error: redefinition of 'struct S'
struct S { int a; };
struct S { long b; };
