// 2:37: error: wrong type argument to unary plus
int main(void) { int *p = 0; return +p; }
