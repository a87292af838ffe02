// 2:27: error: nested function 'f' declared but never defined
int main(void) { auto int f(void); return 0; }
