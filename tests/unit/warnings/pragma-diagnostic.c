// #pragma GCC diagnostic against gcc 12: push/pop, ignored/warning/error by name and by group, _Pragma in a macro, malformed pragmas (-Wpragmas)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-variable"
void f(void) { int a; }
#pragma GCC diagnostic pop
void g(void) { int b; }
#pragma GCC diagnostic ignored "-Wfoo-bar"
#pragma GCC diagnostic frob "-Wunused"
#pragma GCC diagnostic ignored
#pragma GCC diagnostic error "-Wunused"
void h(void) { int c; }
#pragma GCC diagnostic warning "-Wunused-variable"
void i(void) { int d; }
#define SILENCE _Pragma("GCC diagnostic ignored \"-Wunused-variable\"")
SILENCE
void j(void) { int e; }
#pragma GCC diagnostic warning "-Wformat-security"
#pragma GCC diagnostic ignored "unused"
#pragma GCC diagnostic pop
#pragma GCC diagnostic error "-Wstrict-prototypes"
int k();
