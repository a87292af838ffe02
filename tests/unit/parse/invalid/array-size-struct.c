// 3:5: error: size of array 'a' has non-integer type
struct S { int a; } s;
int a[s];
