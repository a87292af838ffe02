#include <stdlib.h>
int a(int x) { if (x) return 1; }
int b(int x) { if (x) return 1; abort(); }
int c(int x) { for (;;) if (x) return 1; }
int d(int x) { switch (x) { case 1: return 1; default: return 2; } }
int e(int x) { while (x) { if (x > 3) return x; x--; } }
__attribute__((noreturn)) void die(void);
int g(int x) { if (x) return 0; die(); }
struct S { int v; };
struct S h(int x) { if (x) { struct S s = {x}; return s; } }
int main(void) { return a(1) + d(1) - 2; }
