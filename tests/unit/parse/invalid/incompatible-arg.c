// 4:20: error: incompatible type for argument 1 of 'f'
struct S { int a; } s;
void f(int);
int main(void) { f(s); return 0; }
