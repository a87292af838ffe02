/* Conversions between 128-bit integers and float, double and x87 long double:
 * __floattisf __floattidf __floattixf, __floatuntisf __floatuntidf
 * __floatuntixf, __fixsfti __fixdfti __fixxfti, __fixunssfti __fixunsdfti
 * __fixunsxfti. Results are rounded once, in the current rounding mode, as a
 * 64-bit conversion instruction rounds. */

#include "runtime.h"

/* 2^e as a double, for 0 <= e <= 1023, by building its bits. */
static inline double exp2_int(int e) {
  union { du_int bits; double d; } u;
  u.bits = (du_int)(1023 + e) << 52;
  return u.d;
}

/*
 * To float or double from a value too wide for a 64-bit conversion: keep its
 * top 62 (signed) or 64 (unsigned) significant bits and OR any bits shifted
 * out into the lowest kept bit. That sticky bit sits well below the rounding
 * position of either format, so converting the 64-bit value rounds exactly as
 * the full value would; scaling back by a power of two is then exact (or
 * overflows to infinity, as the full value would).
 */
static inline int sticky(tu_int v, int shift) {
  return (v & (((tu_int)1 << shift) - 1)) != 0;
}

static inline int signed_shift(ti_int v) {
  tu_int m = v < 0 ? ~(tu_int)v : (tu_int)v; /* same width as |v|, without overflow at the minimum */
  return 128 - clz128(m) - 62;
}

RT_API double __floattidf(ti_int v) {
  if (v == (di_int)v) return (double)(di_int)v;
  int shift = signed_shift(v);
  return (double)((di_int)(v >> shift) | sticky(v, shift)) * exp2_int(shift);
}

RT_API float __floattisf(ti_int v) {
  if (v == (di_int)v) return (float)(di_int)v;
  int shift = signed_shift(v);
  return (float)((di_int)(v >> shift) | sticky(v, shift)) * (float)exp2_int(shift);
}

RT_API double __floatuntidf(tu_int v) {
  if (hi64(v) == 0) return (double)lo64(v);
  int shift = 64 - clz128(v);
  return (double)((du_int)(v >> shift) | sticky(v, shift)) * exp2_int(shift);
}

RT_API float __floatuntisf(tu_int v) {
  if (hi64(v) == 0) return (float)lo64(v);
  int shift = 64 - clz128(v);
  return (float)((du_int)(v >> shift) | sticky(v, shift)) * (float)exp2_int(shift);
}

/* long double holds any 64-bit integer exactly, so hi * 2^64 + lo rounds once, in the addition. */
RT_API long double __floattixf(ti_int v) {
  return (long double)(di_int)(v >> 64) * 0x1p64L + (long double)lo64(v);
}

RT_API long double __floatuntixf(tu_int v) {
  return (long double)hi64(v) * 0x1p64L + (long double)lo64(v);
}

/*
 * To 128-bit integers, truncating: a value of magnitude below 2^63 goes
 * through the 64-bit conversion; beyond that it is an integer, its
 * significand shifted into place. Out-of-range values saturate and NaN gives
 * 0 for the unsigned conversions, the minimum for the signed ones.
 */
static const tu_int TU_MAX = ~(tu_int)0;
static const ti_int TI_MAX = (ti_int)(~(tu_int)0 >> 1);
static const ti_int TI_MIN = -(ti_int)(~(tu_int)0 >> 1) - 1;

/* significand * 2^exponent truncated, for a non-negative value below 2^128. */
static inline tu_int scale(du_int significand, int exponent) {
  return exponent >= 0 ? (tu_int)significand << exponent : exponent > -64 ? significand >> -exponent : 0;
}

/* Sign, significand and exponent (value = significand * 2^exponent) of a finite
 * double or long double. (Members are assigned one by one: tscc zero-fills a
 * braced aggregate initializer with a call to memset, which -nostdlib links lack.) */
struct parts { int negative; du_int significand; int exponent; };

static inline struct parts double_parts(double x) {
  union { double d; du_int bits; } u;
  u.d = x;
  struct parts p;
  p.negative = (int)(u.bits >> 63);
  p.significand = (u.bits & 0xfffffffffffffull) | 1ull << 52;
  p.exponent = (int)(u.bits >> 52 & 0x7ff) - 1075;
  return p;
}

static inline struct parts long_double_parts(long double x) {
  union { long double f; struct { du_int significand; unsigned short sign_exponent; } s; } u;
  u.f = x;
  struct parts p;
  p.negative = u.s.sign_exponent >> 15;
  p.significand = u.s.significand;
  p.exponent = (u.s.sign_exponent & 0x7fff) - 16383 - 63;
  return p;
}

static inline ti_int signed_from_parts(struct parts p) {
  if (p.exponent + 64 - __builtin_clzll(p.significand) > 127)
    return p.negative ? TI_MIN : TI_MAX;
  tu_int m = scale(p.significand, p.exponent);
  return p.negative ? -(ti_int)m : (ti_int)m;
}

static inline tu_int unsigned_from_parts(struct parts p) {
  if (p.negative) return 0;
  if (p.exponent + 64 - __builtin_clzll(p.significand) > 128) return TU_MAX;
  return scale(p.significand, p.exponent);
}

RT_API ti_int __fixdfti(double x) {
  if (x > -0x1p63 && x < 0x1p63) return (di_int)x;
  return x != x ? TI_MIN : signed_from_parts(double_parts(x));
}

RT_API ti_int __fixsfti(float x) {
  return __fixdfti(x);
}

RT_API ti_int __fixxfti(long double x) {
  if (x > -0x1p63L && x < 0x1p63L) return (di_int)x;
  return x != x ? TI_MIN : signed_from_parts(long_double_parts(x));
}

RT_API tu_int __fixunsdfti(double x) {
  if (x > -1.0 && x < 0x1p64) return (du_int)x;
  return x != x ? 0 : unsigned_from_parts(double_parts(x));
}

RT_API tu_int __fixunssfti(float x) {
  return __fixunsdfti(x);
}

RT_API tu_int __fixunsxfti(long double x) {
  if (x > -1.0L && x < 0x1p64L) return (du_int)x;
  return x != x ? 0 : unsigned_from_parts(long_double_parts(x));
}
