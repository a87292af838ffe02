// 2:16: error: called object 'x' is not a function or function pointer
int x;
void f(void) { x(); }
