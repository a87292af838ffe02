/* Comparisons of IEEE binary128 values (__float128, _Float128), which glibc's
 * static printf and strtod call: __eqtf2 __netf2 __lttf2 __letf2 __gttf2
 * __getf2 __cmptf2 __unordtf2. The entry points are in <arch>/tf-compare.s:
 * they take the operands from the registers the target passes them in and
 * call these with each value as two 64-bit halves. */

#include "runtime.h"

static inline int is_nan(du_int hi, du_int lo) {
  du_int magnitude_hi = hi & 0x7fffffffffffffffull;
  return magnitude_hi > 0x7fff000000000000ull || (magnitude_hi == 0x7fff000000000000ull && lo != 0);
}

static inline int is_zero(du_int hi, du_int lo) {
  return (hi & 0x7fffffffffffffffull) == 0 && lo == 0;
}

/*
 * -1, 0 or 1 as a is below, equal to or above b; `unordered` when either is a
 * NaN (each entry point picks the value that makes its test false). Sign and
 * magnitude order: the bits compare as unsigned integers within one sign, in
 * reverse for negative values, and the two zeros are equal.
 */
RT_API int __tscc_cmptf2(du_int ahi, du_int alo, du_int bhi, du_int blo, int unordered) {
  if (is_nan(ahi, alo) || is_nan(bhi, blo)) return unordered;
  if (is_zero(ahi, alo) && is_zero(bhi, blo)) return 0;
  int a_negative = (int)(ahi >> 63), b_negative = (int)(bhi >> 63);
  if (a_negative != b_negative) return a_negative ? -1 : 1;
  if (ahi == bhi && alo == blo) return 0;
  int below = ahi < bhi || (ahi == bhi && alo < blo);
  return below != a_negative ? -1 : 1;
}

RT_API int __tscc_unordtf2(du_int ahi, du_int alo, du_int bhi, du_int blo) {
  return is_nan(ahi, alo) || is_nan(bhi, blo);
}
