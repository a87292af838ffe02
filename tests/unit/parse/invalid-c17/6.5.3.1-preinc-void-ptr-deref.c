// 1:19: error: invalid use of void expression
void f(void *p) { ++*p; }
