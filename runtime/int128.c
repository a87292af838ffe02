/* 128-bit integer division and overflow-checked multiplication
 * (__divti3 __udivti3 __modti3 __umodti3 __udivmodti4 __muloti4). */

#include "runtime.h"

/*
 * n / d and n % d for unsigned 128-bit values, d != 0. Three cases by size:
 * both fit in 64 bits (one machine division); d fits in 32 bits (short
 * division of n's four 32-bit digits, each step a 64-bit division whose
 * quotient digit fits in 32 bits); otherwise the quotient has at most 96 bits
 * and binary long division takes one compare-and-subtract per quotient bit.
 */
RT_API tu_int __udivmodti4(tu_int n, tu_int d, tu_int *remainder) {
  tu_int q, r;
  if (hi64(n) == 0 && hi64(d) == 0) {
    q = lo64(n) / lo64(d);
    r = lo64(n) % lo64(d);
  } else if (d >> 32 == 0) {
    du_int divisor = lo64(d), rem = 0;
    q = 0;
    for (int shift = 96; shift >= 0; shift -= 32) {
      du_int cur = rem << 32 | (du_int)(n >> shift) & 0xffffffffu;
      q |= (tu_int)(cur / divisor) << shift;
      rem = cur % divisor;
    }
    r = rem;
  } else if (n < d) {
    q = 0;
    r = n;
  } else {
    int bits = clz128(d) - clz128(n);
    tu_int dd = d << bits;
    q = 0;
    r = n;
    for (int i = 0; i <= bits; i++) {
      q <<= 1;
      if (r >= dd) {
        r -= dd;
        q |= 1;
      }
      dd >>= 1;
    }
  }
  if (remainder) *remainder = r;
  return q;
}

RT_API tu_int __udivti3(tu_int n, tu_int d) {
  return __udivmodti4(n, d, 0);
}

RT_API tu_int __umodti3(tu_int n, tu_int d) {
  tu_int r;
  __udivmodti4(n, d, &r);
  return r;
}

/* Signed division truncates toward zero: divide magnitudes, then the
 * quotient is negative when the signs differ, the remainder takes n's sign. */
static inline tu_int magnitude(ti_int v) {
  return v < 0 ? -(tu_int)v : (tu_int)v;
}

RT_API ti_int __divti3(ti_int n, ti_int d) {
  tu_int q = __udivmodti4(magnitude(n), magnitude(d), 0);
  return (ti_int)((n < 0) != (d < 0) ? -q : q);
}

RT_API ti_int __modti3(ti_int n, ti_int d) {
  tu_int r;
  __udivmodti4(magnitude(n), magnitude(d), &r);
  return (ti_int)(n < 0 ? -r : r);
}

/*
 * a * b, wrapping, with *overflow set when the exact product does not fit.
 * The magnitude of the exact product comes from 64-bit halves: at most one
 * of the high halves may be non-zero, the cross term must fit in 64 bits,
 * and adding it (shifted) to the low product must not carry out.
 */
RT_API ti_int __muloti4(ti_int a, ti_int b, int *overflow) {
  tu_int ua = magnitude(a), ub = magnitude(b);
  int negative = (a < 0) != (b < 0);
  int out_of_range = 0;
  tu_int product = 0;
  if (hi64(ua) != 0 && hi64(ub) != 0) {
    out_of_range = 1;
  } else {
    tu_int cross = (tu_int)hi64(ua) * lo64(ub) + (tu_int)hi64(ub) * lo64(ua);
    tu_int low = (tu_int)lo64(ua) * lo64(ub);
    product = low + (cross << 64);
    out_of_range = hi64(cross) != 0 || product < low;
  }
  tu_int limit = ((tu_int)1 << 127) - (negative ? 0 : 1);
  *overflow = out_of_range || product > limit;
  return (ti_int)((tu_int)a * (tu_int)b);
}
