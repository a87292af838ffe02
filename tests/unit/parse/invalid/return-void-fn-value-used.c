// 3:27: error: void value not ignored as it ought to be
void g(void);
int main(void) { int x; x = g(); return x; }
