// 4:30: error: extra brace group at end of initializer
int x = { 1, 2 };
int y = {{1}};
struct S { int a; } s = { 1, { 2 } };
void *p = { 0 } ;
int z = "x" ;
