/* IEEE binary128 arithmetic in software (__addtf3 __subtf3 __multf3
 * __divtf3 __floatsitf), which glibc's static libc.a calls in strtof128 and
 * printf; aarch64 and riscv64 will use the same code for long double. The
 * entry points taking the target's registers are in <arch>/tf-arith.s; these
 * take and return each value as a 128-bit integer holding its bits.
 * Rounding is to nearest, ties to even; exception flags are not raised.
 *
 * Internally a finite value is sign, exponent field e (1 for subnormals) and
 * a significand m with the implicit bit at position 112 + 3: three extra low
 * bits (guard, round, sticky) keep what alignment or normalisation shifted
 * out, so that pack() rounds once, correctly. */

#include "runtime.h"

#define FRACTION_BITS 112
#define EXTRA 3
#define EXP_MAX 0x7fff
#define BIAS 16383
#define IMPLICIT ((tu_int)1 << FRACTION_BITS)
#define SIGN ((tu_int)1 << 127)
#define QUIET_BIT ((tu_int)1 << (FRACTION_BITS - 1))
#define DEFAULT_NAN (SIGN | (tu_int)EXP_MAX << FRACTION_BITS | QUIET_BIT) /* x86's: negative, quiet */

struct unpacked { int negative; int e; tu_int m; };

static inline int exponent_field(tu_int v) { return (int)(v >> FRACTION_BITS) & EXP_MAX; }
static inline tu_int fraction(tu_int v) { return v & (IMPLICIT - 1); }
static inline int is_nan(tu_int v) { return exponent_field(v) == EXP_MAX && fraction(v) != 0; }
static inline int is_inf(tu_int v) { return exponent_field(v) == EXP_MAX && fraction(v) == 0; }
static inline int is_zero(tu_int v) { return (v & ~SIGN) == 0; }

/* A finite value, its significand already shifted left by EXTRA. (Through a
 * pointer: tscc clears a struct initialised from a call with memset, which
 * -nostdlib links lack.) */
static inline void unpack(tu_int v, struct unpacked *u) {
  u->negative = (int)(v >> 127);
  u->e = exponent_field(v);
  u->m = fraction(v);
  if (u->e == 0) u->e = 1; /* subnormal: same scale as the smallest normal, no implicit bit */
  else u->m |= IMPLICIT;
  u->m <<= EXTRA;
}

/* A subnormal's significand shifted up to the implicit bit's place (e may drop below 1). */
static inline void normalize_operand(struct unpacked *u) {
  int s = clz128(u->m) - (127 - (FRACTION_BITS + EXTRA));
  u->m <<= s;
  u->e -= s;
}

/* v >> n, with any bits shifted out ORed into bit 0. */
static inline tu_int shift_right_sticky(tu_int v, int n) {
  if (n <= 0) return v;
  if (n >= 128) return v != 0;
  return v >> n | ((v & (((tu_int)1 << n) - 1)) != 0);
}

/* Round and pack: m < 2^(113 + EXTRA) with e >= 1, or below IMPLICIT << EXTRA only when e == 1 (subnormal). */
static tu_int pack(int negative, int e, tu_int m) {
  tu_int sign = negative ? SIGN : 0;
  int low = (int)(m & 7);
  m >>= EXTRA;
  if (low > 4 || (low == 4 && (m & 1))) m++;
  if (m >> (FRACTION_BITS + 1)) { /* rounding carried into a new top bit */
    m >>= 1;
    e++;
  }
  if (e >= EXP_MAX) return sign | (tu_int)EXP_MAX << FRACTION_BITS;
  if (!(m & IMPLICIT)) e = 0; /* subnormal or zero */
  return sign | (tu_int)e << FRACTION_BITS | fraction(m);
}

/* Normalise a non-zero significand so its top bit is at FRACTION_BITS + EXTRA, then pack (scaling subnormals down). */
static tu_int normalize_pack(int negative, int e, tu_int m) {
  const int top = FRACTION_BITS + EXTRA;
  int width = 128 - clz128(m);
  if (width - 1 > top) {
    m = shift_right_sticky(m, width - 1 - top);
    e += width - 1 - top;
  } else {
    m <<= top - (width - 1);
    e -= top - (width - 1);
  }
  if (e < 1) {
    m = shift_right_sticky(m, 1 - e);
    e = 1;
  }
  return pack(negative, e, m);
}

static inline tu_int quiet(tu_int v) { return v | QUIET_BIT; }

RT_API tu_int __tscc_addtf3(tu_int a, tu_int b) {
  if (is_nan(a)) return quiet(a);
  if (is_nan(b)) return quiet(b);
  if (is_inf(a)) return is_inf(b) && (a ^ b) & SIGN ? DEFAULT_NAN : a;
  if (is_inf(b)) return b;
  if (is_zero(a) && is_zero(b)) return a & b; /* -0 only for -0 + -0 */
  if (is_zero(a)) return b;
  if (is_zero(b)) return a;
  if ((a & ~SIGN) < (b & ~SIGN)) { tu_int t = a; a = b; b = t; } /* |a| >= |b| */
  struct unpacked x, y;
  unpack(a, &x);
  unpack(b, &y);
  tu_int m = shift_right_sticky(y.m, x.e - y.e);
  if (x.negative == y.negative) return normalize_pack(x.negative, x.e, x.m + m);
  m = x.m - m;
  return m == 0 ? 0 : normalize_pack(x.negative, x.e, m);
}

RT_API tu_int __tscc_subtf3(tu_int a, tu_int b) {
  return __tscc_addtf3(a, is_nan(b) ? b : b ^ SIGN);
}

/* The full 256-bit product of two 128-bit values, as high and low halves. */
static inline void multiply_wide(tu_int a, tu_int b, tu_int *high, tu_int *low) {
  tu_int a0 = lo64(a), a1 = hi64(a), b0 = lo64(b), b1 = hi64(b);
  tu_int p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  tu_int middle = (p00 >> 64) + lo64(p01) + lo64(p10); /* < 3 · 2^64: no overflow */
  *low = (middle << 64) | lo64(p00);
  *high = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
}

RT_API tu_int __tscc_multf3(tu_int a, tu_int b) {
  tu_int sign = (a ^ b) & SIGN;
  if (is_nan(a)) return quiet(a);
  if (is_nan(b)) return quiet(b);
  if (is_inf(a) || is_inf(b)) return is_zero(a) || is_zero(b) ? DEFAULT_NAN : sign | (tu_int)EXP_MAX << FRACTION_BITS;
  if (is_zero(a) || is_zero(b)) return sign;
  struct unpacked x, y;
  unpack(a, &x);
  unpack(b, &y);
  normalize_operand(&x);
  normalize_operand(&y);
  /* Significands without the extra bits: the product of two below 2^113 fits in 226 bits. */
  tu_int high, low;
  multiply_wide(x.m >> EXTRA, y.m >> EXTRA, &high, &low);
  /* Keep the top 125 bits of the product (high has at most 98), the rest sticky. */
  tu_int m = high << 27 | low >> 101 | ((low & (((tu_int)1 << 101) - 1)) != 0);
  /* value = product · 2^(ex + ey - 2·BIAS - 224) and m = product / 2^101 (+ sticky); pack reads m · 2^(e - BIAS - 115). */
  return normalize_pack(sign != 0, x.e + y.e - BIAS - 8, m);
}

RT_API tu_int __tscc_divtf3(tu_int a, tu_int b) {
  tu_int sign = (a ^ b) & SIGN;
  if (is_nan(a)) return quiet(a);
  if (is_nan(b)) return quiet(b);
  if (is_inf(a)) return is_inf(b) ? DEFAULT_NAN : sign | (tu_int)EXP_MAX << FRACTION_BITS;
  if (is_inf(b)) return sign;
  if (is_zero(b)) return is_zero(a) ? DEFAULT_NAN : sign | (tu_int)EXP_MAX << FRACTION_BITS;
  if (is_zero(a)) return sign;
  struct unpacked x, y;
  unpack(a, &x);
  unpack(b, &y);
  /* Restoring division, one quotient bit per step: 117 bits of quotient from the remainders, then sticky. */
  tu_int r = x.m >> EXTRA, d = y.m >> EXTRA, q = 0;
  int shift = clz128(d) - clz128(r); /* align the divisor's top bit with the dividend's */
  if (shift >= 0) d <<= shift;
  else r <<= -shift;
  for (int i = 0; i < FRACTION_BITS + EXTRA + 2; i++) {
    q <<= 1;
    if (r >= d) {
      r -= d;
      q |= 1;
    }
    r <<= 1;
  }
  q |= r != 0;
  /* a / b = (r / d) · 2^(shift + ex - ey) and q = (r / d) · 2^116; pack reads q · 2^(e - BIAS - 115). */
  return normalize_pack(sign != 0, x.e - y.e + BIAS - 1 + shift, q);
}

RT_API tu_int __tscc_floatsitf(int i) {
  if (i == 0) return 0;
  du_int magnitude = i < 0 ? -(du_int)i : (du_int)i;
  return normalize_pack(i < 0, BIAS + FRACTION_BITS, (tu_int)magnitude << EXTRA);
}
