// 1:22: error: incompatible types when assigning to type 'int *' from type 'double'
void f(int *p) { p = 1.5; }
