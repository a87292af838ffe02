// flags: -Wstrict-prototypes -Wmissing-prototypes -Wmissing-declarations -Wold-style-definition
// Prototype warnings (only when asked) and -Wold-style-declaration (-Wextra) against gcc 12
int f();
int g(void);
int h() { return 0; }
int k(a) int a; { return a; }
int g(void) { return 1; }
static int s() { return 2; }
int m(int x) { return x; }
void (*fp)();
int n(void);
int n(void) { return 0; }
int q();
int q() { return 3; }
typedef int T();
int static z;
const static int y = 1;
struct S { int (*cb)(); };
int use(void) { return s() + y + z; }
extern int decl_only();
int main(void);
int main(void) { return f(); }
struct S2 {
  int a;
  int (*cb)();
};
void f2(int (*cb)());
void g2(void) { int (*p)() = 0; (void)p; (void)(int (*)())0; }
