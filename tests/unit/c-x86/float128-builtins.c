// gcc's x86 names for the __float128 builtins (fabsq, copysignq, infq,
// huge_valq, nanq, nansq): open-coded by gcc at -O0, so no libquadmath.
#include <stdio.h>
static void bits(const void *x) {
  const unsigned char *b = x;
  for (int i = 15; i >= 0; i--) printf("%02x", b[i]);
  printf(" ");
}
static __float128 statics[] = { __builtin_infq(), -__builtin_huge_valq(), __builtin_nanq("0x2a"), __builtin_nansq("") };
int main(void) {
  volatile __float128 x = -3, nz = -0.0Q, n = -__builtin_nanq("7");
  __float128 r[] = { __builtin_fabsq(x), __builtin_fabsq(nz), __builtin_fabsq(n), __builtin_copysignq(x, 1),
                     __builtin_copysignq(2, nz), __builtin_copysignq(n, 1), __builtin_infq(), __builtin_huge_valq(),
                     __builtin_nanq(""), __builtin_nansq(""), __builtin_nanq("0x123") };
  for (unsigned i = 0; i < sizeof r / sizeof r[0]; i++) bits(&r[i]);
  for (unsigned i = 0; i < sizeof statics / sizeof statics[0]; i++) bits(&statics[i]);
  printf("\n");
  return 0;
}
