// 2:34: error: invalid use of void expression
int main(void) { void *p = 0; *p = 1; return 0; }
