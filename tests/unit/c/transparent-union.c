// glibc declares the address argument of bind, connect, getsockname… as a
// transparent union under _GNU_SOURCE: it must be passed as its first member
// (a pointer), not as the address of a union.
// expect: bind 0 getsockname 0 family 2 len 16 | 6.5 42 -3 | 3.5 7 | 1 2
#define _GNU_SOURCE
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

typedef union { long x; unsigned long y; } __attribute__((transparent_union)) LongU;
typedef union { int *a; const long *b; void *c; } __attribute__((__transparent_union__)) PtrU;
union __attribute__((transparent_union)) Tagged { short s; unsigned short u; };

__attribute__((noinline)) static double mixed(int a, LongU u, double d) { return a + u.x + d + 0.5; }
__attribute__((noinline)) static long viaPtr(PtrU u, LongU l) { return *u.a + l.x; }
__attribute__((noinline)) static int viaShort(union Tagged t, int k) { return t.s * k; }
static int (*fp)(union Tagged, int) = viaShort;

union Cast { int i; double d; };

int main(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int b = bind(s, (struct sockaddr *)&a, sizeof a);
  socklen_t len = sizeof a;
  memset(&a, 0, sizeof a);
  int g = getsockname(s, (struct sockaddr *)&a, &len);
  printf("bind %d getsockname %d family %d len %d | ", b, g, a.sin_family, (int)len);

  int v = 40;
  unsigned short three = 3;
  printf("%g %ld %d | ", mixed(1, 5L, 0.0), viaPtr(&v, 2UL), fp(three, -1));
  union Cast w = (union Cast)3.5, z = (union Cast)7;
  printf("%g %d | ", w.d, z.i);
  long *lp = 0;
  PtrU nul = { .b = lp };
  printf("%d %ld\n", nul.a == 0, viaPtr(&(int){1}, (LongU){.y = 1}));
  return 0;
}
