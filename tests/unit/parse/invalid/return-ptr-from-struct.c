// 3:29: error: incompatible types when returning type 'int *' but 'struct S' was expected
struct S { int a; };
struct S f(int *p) { return p; }
