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
