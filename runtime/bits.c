/* Bit counting on 32/64/128-bit integers (__popcount[sdt]i2, __parity[sdt]i2).
 * Written with shifts and masks: tscc lowers the corresponding builtins to
 * calls of these routines. */

#include "runtime.h"

/* Sum bits in pairs, nibbles, then bytes; the multiply adds the eight byte counts into the top byte. */
static inline int popcount64(du_int v) {
  v -= v >> 1 & 0x5555555555555555ull;
  v = (v & 0x3333333333333333ull) + (v >> 2 & 0x3333333333333333ull);
  v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return (int)(v * 0x0101010101010101ull >> 56);
}

RT_API int __popcountsi2(unsigned v) { return popcount64(v); }
RT_API int __popcountdi2(du_int v) { return popcount64(v); }
RT_API int __popcountti2(tu_int v) { return popcount64(hi64(v)) + popcount64(lo64(v)); }

RT_API int __paritysi2(unsigned v) { return popcount64(v) & 1; }
RT_API int __paritydi2(du_int v) { return popcount64(v) & 1; }
RT_API int __parityti2(tu_int v) { return __popcountti2(v) & 1; }

/* Leading/trailing zero counts and byte swaps (undefined for a zero argument,
 * as in libgcc): glibc's static libc.a calls them on targets whose base ISA
 * has no such instructions (riscv64 without Zbb). Plain shifts: no builtin,
 * so no call back into these. */
static inline int clz64(du_int v) {
  int n = 0;
  for (int s = 32; s > 0; s >>= 1)
    if (!(v >> (64 - s))) { n += s; v <<= s; }
  return n;
}
RT_API int __clzdi2(du_int v) { return clz64(v); }
RT_API int __clzsi2(unsigned v) { return clz64(v) - 32; }
RT_API int __ctzdi2(du_int v) { return 63 - clz64(v & -v); }
RT_API int __ctzsi2(unsigned v) { return 63 - clz64(v & -v); }
RT_API unsigned __bswapsi2(unsigned v) { return v >> 24 | (v >> 8 & 0xff00) | (v << 8 & 0xff0000) | v << 24; }
RT_API du_int __bswapdi2(du_int v) { return (du_int)__bswapsi2((unsigned)v) << 32 | __bswapsi2((unsigned)(v >> 32)); }
