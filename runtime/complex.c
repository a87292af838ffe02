/* Complex multiplication and division with C's Annex G semantics
 * (__mulsc3 __muldc3 __mulxc3, __divsc3 __divdc3 __divxc3): tscc lowers `*`
 * and `/` on complex float, double and long double to these calls.
 *
 * The straightforward formulas give NaN + NaN·i in cases where Annex G wants
 * an infinity (an infinite operand times a non-zero one) or a zero (a finite
 * value divided by an infinite one); when both parts come out NaN the
 * operands are re-examined as Annex G, G.5.1, prescribes. The results,
 * signs of zeros included, are those of gcc's libgcc.
 */

#include "runtime.h"

#define IS_NAN(x) ((x) != (x))
#define IS_INF(x) __builtin_isinf(x)
#define IS_FINITE(x) __builtin_isfinite(x)
/* copysign and fabs without libm: negation flips exactly the sign bit, zeros and NaNs included. */
#define COPYSIGN(x, y) (__builtin_signbit(x) != __builtin_signbit(y) ? -(x) : (x))
#define FABS(x) (__builtin_signbit(x) ? -(x) : (x))
/* 1 for an infinity, 0 otherwise, with the sign of x ("box" an infinite operand). */
#define BOX_INF(T, x) COPYSIGN(IS_INF(x) ? (T)1 : (T)0, x)
#define ZERO_IF_NAN(T, x) (IS_NAN(x) ? COPYSIGN((T)0, x) : (x))

#define DEFINE_COMPLEX_MUL(name, T)                                                     \
  RT_API T _Complex name(T a, T b, T c, T d) {                                          \
    T ac = a * c, bd = b * d, ad = a * d, bc = b * c;                                   \
    T x = ac - bd, y = ad + bc;                                                         \
    if (IS_NAN(x) && IS_NAN(y)) {                                                       \
      int recalc = 0;                                                                   \
      if (IS_INF(a) || IS_INF(b)) {                                                     \
        a = BOX_INF(T, a); b = BOX_INF(T, b);                                           \
        c = ZERO_IF_NAN(T, c); d = ZERO_IF_NAN(T, d);                                   \
        recalc = 1;                                                                     \
      }                                                                                 \
      if (IS_INF(c) || IS_INF(d)) {                                                     \
        c = BOX_INF(T, c); d = BOX_INF(T, d);                                           \
        a = ZERO_IF_NAN(T, a); b = ZERO_IF_NAN(T, b);                                   \
        recalc = 1;                                                                     \
      }                                                                                 \
      if (!recalc && (IS_INF(ac) || IS_INF(bd) || IS_INF(ad) || IS_INF(bc))) {          \
        a = ZERO_IF_NAN(T, a); b = ZERO_IF_NAN(T, b);                                   \
        c = ZERO_IF_NAN(T, c); d = ZERO_IF_NAN(T, d);                                   \
        recalc = 1;                                                                     \
      }                                                                                 \
      if (recalc) {                                                                     \
        x = __builtin_inf() * (a * c - b * d);                                          \
        y = __builtin_inf() * (a * d + b * c);                                          \
      }                                                                                 \
    }                                                                                   \
    return __builtin_complex(x, y);                                                     \
  }

/* Annex G's recovery when a quotient came out NaN + NaN·i (T the working type). */
#define RECOVER_QUOTIENT(T, a, b, c, d, x, y)                                           \
  if (IS_NAN(x) && IS_NAN(y)) {                                                         \
    if (c == 0 && d == 0 && (!IS_NAN(a) || !IS_NAN(b))) {                               \
      x = COPYSIGN((T)__builtin_inf(), c) * a;                                          \
      y = COPYSIGN((T)__builtin_inf(), c) * b;                                          \
    } else if ((IS_INF(a) || IS_INF(b)) && IS_FINITE(c) && IS_FINITE(d)) {              \
      a = BOX_INF(T, a); b = BOX_INF(T, b);                                             \
      x = (T)__builtin_inf() * (a * c + b * d);                                         \
      y = (T)__builtin_inf() * (b * c - a * d);                                         \
    } else if ((IS_INF(c) || IS_INF(d)) && IS_FINITE(a) && IS_FINITE(b)) {              \
      c = BOX_INF(T, c); d = BOX_INF(T, d);                                             \
      x = (T)0 * (a * c + b * d);                                                       \
      y = (T)0 * (b * c - a * d);                                                       \
    }                                                                                   \
  }

/*
 * (a + bi) / (c + di) in T itself: Smith's method, divide by the larger of
 * |c| and |d| first, hardened against overflow and underflow as Baudin and
 * Smith (2012) and McGehearty (2020) describe, the results gcc's libgcc gives:
 * a divisor near the top of the range halves all operands, a tiny one (or a
 * tiny numerator part) scales them all up by 1/ε, and a subnormal ratio
 * switches to an order of operations that does not lose it.
 * MAX, MIN (smallest normal) and EPS are T's limits.
 */
#define DEFINE_COMPLEX_DIV(name, T, MAX, MIN, EPS)                                      \
  RT_API T _Complex name(T a, T b, T c, T d) {                                          \
    const T big = MAX / 2, tiny = EPS, grow = 1 / EPS, bound = big * EPS;               \
    T x, y;                                                                             \
    /* p + qi: the divisor with its larger part first (p = d when |c| < |d|). */        \
    int swapped = FABS(c) < FABS(d);                                                    \
    T p = swapped ? d : c, q = swapped ? c : d;                                         \
    if (FABS(p) >= big) {                                                               \
      a = a / 2; b = b / 2; c = c / 2; d = d / 2;                                       \
    }                                                                                   \
    p = swapped ? d : c;                                                                \
    if (FABS(p) < tiny ||                                                               \
        (FABS(a) < MIN && FABS(b) < bound && FABS(p) < bound) ||                        \
        (FABS(b) < MIN && FABS(a) < bound && FABS(p) < bound)) {                        \
      a = a * grow; b = b * grow; c = c * grow; d = d * grow;                           \
    }                                                                                   \
    p = swapped ? d : c;                                                                \
    q = swapped ? c : d;                                                                \
    T ratio = q / p, denom = q * ratio + p;                                             \
    if (swapped) {                                                                      \
      if (FABS(ratio) > MIN) {                                                          \
        x = (a * ratio + b) / denom;                                                    \
        y = (b * ratio - a) / denom;                                                    \
      } else {                                                                          \
        x = (c * (a / d) + b) / denom;                                                  \
        y = (c * (b / d) - a) / denom;                                                  \
      }                                                                                 \
    } else {                                                                            \
      if (FABS(ratio) > MIN) {                                                          \
        x = (b * ratio + a) / denom;                                                    \
        y = (b - a * ratio) / denom;                                                    \
      } else {                                                                          \
        x = (a + d * (b / c)) / denom;                                                  \
        y = (b - d * (a / c)) / denom;                                                  \
      }                                                                                 \
    }                                                                                   \
    RECOVER_QUOTIENT(T, a, b, c, d, x, y)                                               \
    return __builtin_complex(x, y);                                                     \
  }

/* float: the textbook formula in double, whose range makes overflow and underflow moot. */
RT_API float _Complex __divsc3(float fa, float fb, float fc, float fd) {
  double a = fa, b = fb, c = fc, d = fd;
  double denom = c * c + d * d;
  double x = (a * c + b * d) / denom, y = (b * c - a * d) / denom;
  RECOVER_QUOTIENT(double, a, b, c, d, x, y)
  return __builtin_complex((float)x, (float)y);
}

DEFINE_COMPLEX_MUL(__mulsc3, float)
DEFINE_COMPLEX_MUL(__muldc3, double)
DEFINE_COMPLEX_MUL(__mulxc3, long double)
DEFINE_COMPLEX_DIV(__divdc3, double, __DBL_MAX__, __DBL_MIN__, __DBL_EPSILON__)
DEFINE_COMPLEX_DIV(__divxc3, long double, __LDBL_MAX__, __LDBL_MIN__, __LDBL_EPSILON__)
