typedef unsigned long size_t;
struct point { int x, y; unsigned flags : 3; int : 0; char name[]; };
union u { float f; unsigned char b[sizeof(float)]; };
enum color { RED, GREEN = 5, BLUE };
static const int table[3][2] = { { 1, 2 }, [2] = { 5, 6 } };
extern int (*handlers[4])(int, const char *, ...);
int (*signal_like(int sig, void (*fn)(int)))(int);
_Alignas(16) static char buffer[64];
_Thread_local int counter;
_Static_assert(sizeof(int) == 4, "int is 4 bytes");
struct point origin = { .x = 0, .y = 0 };
char *names[] = { "a", "bc", [5] = "def" };
int k_and_r(a, b) int a; char *b; { return a + *b; }
