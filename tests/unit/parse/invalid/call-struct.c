// 3:25: error: called object 's' is not a function or function pointer
struct S { int a; } s;
int main(void) { return s(); }
