// 3:26: error: void value not ignored as it ought to be
void f(void);
int main(void) { return *f(); }
