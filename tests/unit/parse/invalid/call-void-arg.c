// 4:20: error: invalid use of void expression
void f(int);
void g(void);
int main(void) { f(g()); return 0; }
