// 4:18: error: invalid use of undefined type 'struct T'
struct T;
struct T g(void);
int main(void) { g(); return 0; }
