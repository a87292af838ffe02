/* The gcc side of the ABI interop test (abi_c.ir): gcc calls IR, IR calls gcc. */
#include <stdio.h>
#include <stdarg.h>
struct pair { long a; double b; };
struct ff { float x, y, z; };
struct big { long a, b, c; };
struct odd { char a, b, c; };
struct mix { int i; float f; };
struct ld1 { long double x; };

/* implemented in IR */
struct pair ir_pair(struct pair p, long k);
struct ff ir_ff(struct ff f);
struct big ir_big(int x, struct big b);
struct odd ir_odd(struct odd o);
struct mix ir_mix(struct mix m);
long double ir_ld(long double a, long double b);
__int128 ir_i128(__int128 a, __int128 b);
double ir_calls_back(void);
long ir_vsum(int n, ...);

/* called from IR */
struct pair c_pair(struct pair p) { p.a += 1; p.b *= 2; return p; }
struct big c_big(struct big b) { b.a += b.b + b.c; return b; }
struct mix c_mix(struct mix m) { m.i *= 3; m.f += 0.5f; return m; }
double c_many(int a, int b, int c, int d, int e, int f, int g, double h, struct ff s, struct odd o) {
  return a + b + c + d + e + f + g + h + s.x + s.y + s.z + o.a + o.b + o.c;
}
long double c_ld(long double x) { return x * 2; }

int main(void) {
  struct pair p = ir_pair((struct pair){ 5, 1.5 }, 10);
  struct ff f = ir_ff((struct ff){ 1, 2, 3 });
  struct big b = ir_big(0, (struct big){ 1, 2, 3 });
  struct odd o = ir_odd((struct odd){ 'a', 'b', 'c' });
  struct mix m = ir_mix((struct mix){ 4, 0.25f });
  long double ld = ir_ld(1.5L, 2.25L);
  __int128 w = ir_i128((__int128)1 << 70, 3);
  printf("%ld %g | %g %g %g | %ld %ld %ld | %c%c%c | %d %g | %Lg | %ld | %g | %ld\n",
         p.a, p.b, f.x, f.y, f.z, b.a, b.b, b.c, o.a, o.b, o.c, m.i, m.f, ld, (long)(w >> 64),
         ir_calls_back(), ir_vsum(4, 10L, 20L, 30L, 40L));
  return 0;
}
