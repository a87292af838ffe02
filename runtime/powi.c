/* x raised to an integer power (__powisf2 __powidf2 __powixf2), for
 * __builtin_powi: square-and-multiply over the bits of |n|, then the
 * reciprocal for a negative n. */

#include "runtime.h"

#define DEFINE_POWI(name, T)                        \
  RT_API T name(T x, int n) {                       \
    unsigned bits = n < 0 ? -(unsigned)n : (unsigned)n; \
    T result = bits & 1 ? x : 1;                    \
    while (bits >>= 1) {                            \
      x = x * x;                                    \
      if (bits & 1) result = result * x;            \
    }                                               \
    return n < 0 ? 1 / result : result;             \
  }

DEFINE_POWI(__powisf2, float)
DEFINE_POWI(__powidf2, double)
DEFINE_POWI(__powixf2, long double)
