// 4:9: error: incompatible types when initializing type 'int' using type 'struct S'
struct S { int a; };
struct S s;
int x = s;
