#include <stdio.h>
__float128 fa(__float128 a, __float128 b) { return a * b + a / b - b; }
int cmpq(__float128 a, __float128 b) { return (a < b) + 2*(a == b) + 4*(a > b); }
__float128 fromd(double d) { return d; }
double tod(__float128 q) { return (double)q; }
long double toL(__float128 q) { return q; }
__float128 fromL(long double q) { return q; }
__float128 fromi(long i) { return i; }
long toi(__float128 q) { return q; }
__int128 f2i128(long double x) { return (__int128)x; }
unsigned __int128 f2u128(long double x) { return (unsigned __int128)x; }
long double i1282f(__int128 x) { return x; }
long double u1282f(unsigned __int128 x) { return x; }
__float128 i128q(__int128 x) { return x; }
int sw(__int128 x) { switch (x) { case 1: return 10; case 2: return 20; case ((__int128)1 << 100): return 30; case -5: return 40; default: return 0; } }
_Complex long double cm(_Complex long double a, _Complex long double b) { return a * b + a; }
__float128 negq(__float128 a) { return -a; }
int main(void) {
  __float128 x = fa(3.0, 2.0);
  printf("%g %d %d %d\n", tod(x), cmpq(1, 2), cmpq(2, 2), cmpq(3, 2));
  printf("%Lg %g %ld %g %g\n", toL(fromd(2.5)), tod(fromL(1.25L)), toi(fromi(-77)), tod(negq(4)), tod(i128q(-((__int128)1 << 70))));
  __int128 v = f2i128(-1e30L); unsigned __int128 u = f2u128(3e35L);
  printf("%lld %llu %Lg %Lg\n", (long long)(v >> 64), (unsigned long long)(u >> 64), i1282f(-((__int128)1 << 80)), u1282f(~(unsigned __int128)0));
  printf("%d %d %d %d %d\n", sw(1), sw(2), sw((__int128)1 << 100), sw(-5), sw(7));
  _Complex long double c = cm(1.0L + 2.0Li, 3.0L - 1.0Li);
  printf("%Lg %Lg\n", __real__ c, __imag__ c);
  return 0;
}
