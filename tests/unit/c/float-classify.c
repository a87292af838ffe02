// The type-generic floating builtins glibc's <math.h> uses (fpclassify,
// isnan, isinf, isfinite, isnormal, signbit, isinf_sign, the isgreater
// family), fabs/copysign and the NaN constants, for float, double, long
// double and _Float128, on zeros of both signs, subnormals, normals,
// infinities and NaNs (quiet, signalling, with payloads, negative). Values
// come through volatile objects (run-time code), as constants (folding) and
// as static initializers (the constant evaluator).
// Output: per type a string of class digits, then FNV hashes of the results
// and of the bit patterns fabs/copysign/nan produce. No -lm: everything here
// must be open-coded, as gcc does at -O0.
// expect: z0010010z0010110s0010010s0010110n0011010n0011110n0011010n0011110n0011010n0011110I0100020I0100100N1000010N1000110N1000010N1000010N1000011N1000111N1000011I0100020s0010010s0010010 b47bcd819b9a9d87N1000011I0100100s0010010z0010110 91f84efe3d7932f4 z0010010z0010110s0010010s0010110n0011010n0011110n0011010n0011110n0011010n0011110I0100020I0100100N1000010N1000110N1000010N1000010N1000011N1000111N1000011I0100020s0010010s0010010 db250a95699e9763N1000011I0100100s0010010z0010110 5ab7f39f1df2c938 z0010010z0010110s0010010s0010110n0011010n0011110n0011010n0011110n0011010n0011110I0100020I0100100N1000010N1000110N1000010N1000010N1000011N1000111N1000011I0100020s0010010s0010010 83d37f8def725fd5N1000011I0100100s0010010z0010110 24b245ee63fd25f2 z0010010z0010110s0010010s0010110n0011010n0011110n0011010n0011110n0011010n0011110I0100020I0100100N1000010N1000110N1000010N1000010N1000011N1000111N1000011I0100020s0010010s0010010 6fd40e0897058fe3N1000011I0100100s0010010z0010110 2cc8f8523d91ea7c 100100 3 -2 5 7 128a87c10a42319f -0.037037 -8 inf
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long hash = 1469598103934665603ULL;
static void mix(const void *p, unsigned n) {
  const unsigned char *b = p;
  for (unsigned i = 0; i < n; i++) hash = (hash ^ b[i]) * 1099511628211ULL;
}
static void mixint(int v) { mix(&v, sizeof v); }

// issignaling from the bits (gcc 12 has no __builtin_issignaling; tscc's is checked against this).
static int sig_f(float x) { unsigned u; memcpy(&u, &x, 4); u &= 0x7fffffffu; return u > 0x7f800000u && u < 0x7fc00000u; }
static int sig_d(double x) { unsigned long long u; memcpy(&u, &x, 8); u &= ~(1ULL << 63); return u > 0x7ff0000000000000ULL && u < 0x7ff8000000000000ULL; }
static int sig_ld(long double x) {
  unsigned long long m; unsigned short e; memcpy(&m, &x, 8); memcpy(&e, (char *)&x + 8, 2);
  return (e & 0x7fff) == 0x7fff && (m >> 63) && !((m >> 62) & 1) && (m & ((1ULL << 62) - 1)) != 0;
}
static int sig_q(_Float128 x) {
  unsigned long long lo, hi; memcpy(&lo, &x, 8); memcpy(&hi, (char *)&x + 8, 8); hi &= ~(1ULL << 63);
  return (hi >> 48) == 0x7fff && !((hi >> 47) & 1) && ((hi & ((1ULL << 47) - 1)) | lo) != 0;
}
#if defined __tscc__
#define ISSIG(x, fallback) __builtin_issignaling(x)
#else
#define ISSIG(x, fallback) fallback(x)
#endif

static const char *fp_class(int c) {
  return c == FP_NAN ? "N" : c == FP_INFINITE ? "I" : c == FP_NORMAL ? "n" : c == FP_SUBNORMAL ? "s" : c == FP_ZERO ? "z" : "?";
}

#define CLASSIFY(T, x, sig) do {                                                          \
    T v_ = (x);                                                                         \
    printf("%s%d%d%d%d%d%d%d", fp_class(fpclassify(v_)), !!isnan(v_), !!isinf(v_),      \
           !!isfinite(v_), !!isnormal(v_), !!signbit(v_), __builtin_isinf_sign(v_) + 1, ISSIG(v_, sig)); \
    mixint(__builtin_fpclassify(10, 20, 30, 40, 50, v_));                               \
    mixint(__builtin_isnan(v_)); mixint(__builtin_isinf(v_)); mixint(__builtin_isfinite(v_)); \
    mixint(__builtin_isnormal(v_)); mixint(__builtin_signbit(v_) != 0);                 \
  } while (0)

#define SIGNS(T, x, fabsfn, copysignfn, BYTES) do {                                            \
    T v_ = (x), r_;                                                                     \
    r_ = fabsfn(v_); mix(&r_, BYTES);                                                 \
    r_ = copysignfn((T)1, v_); mix(&r_, BYTES);                                       \
    r_ = copysignfn(v_, (T)-1); mix(&r_, BYTES);                                      \
    r_ = copysignfn(v_, (T)0); mix(&r_, BYTES);                                       \
  } while (0)

#define COMPARE(a, b) do {                                                              \
    mixint(isgreater(a, b)); mixint(isgreaterequal(a, b)); mixint(isless(a, b));         \
    mixint(islessequal(a, b)); mixint(islessgreater(a, b)); mixint(isunordered(a, b));   \
  } while (0)

#define LITERALS(T, S, MIN, TRUE_MIN, MAX)                                              \
  (T)0, -(T)0, TRUE_MIN, -TRUE_MIN, MIN, -MIN, (T)1.5, -(T)2, MAX, -MAX,                  \
  __builtin_inf##S(), -__builtin_inf##S(), __builtin_nan##S(""), -__builtin_nan##S(""),   \
  __builtin_nan##S("0x5"), __builtin_nan##S("17"), __builtin_nans##S(""), -__builtin_nans##S(""), \
  __builtin_nans##S("0x3"), __builtin_huge_val##S()
// Static initializers take the literals only: tscc's constant evaluator does
// wide (long double, _Float128) arithmetic in doubles, so MIN / 2 would be 0 there.
#define VALUES(T, S, MIN, TRUE_MIN, MAX) { LITERALS(T, S, MIN, TRUE_MIN, MAX), MIN / 2, MIN - TRUE_MIN }

#define RUN(T, S, MIN, TRUE_MIN, MAX, sig, fabsfn, copysignfn, BYTES) do {                     \
    volatile T vals[] = VALUES(T, S, MIN, TRUE_MIN, MAX);                                 \
    const T consts[] = VALUES(T, S, MIN, TRUE_MIN, MAX);                                  \
    static const T statics[] = { LITERALS(T, S, MIN, TRUE_MIN, MAX) };                    \
    enum { n_statics = sizeof statics / sizeof statics[0] };                              \
    enum { n = sizeof vals / sizeof vals[0] };                                            \
    hash = 1469598103934665603ULL;                                                        \
    for (int i = 0; i < n; i++) { CLASSIFY(T, vals[i], sig); SIGNS(T, vals[i], fabsfn, copysignfn, BYTES); } \
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) COMPARE(vals[i], vals[j]);    \
    printf(" %016llx", hash);                                                             \
    hash = 1469598103934665603ULL;                                                        \
    for (int i = 0; i < n; i++) { T c = consts[i]; mix(&c, BYTES); }                   \
    for (int i = 0; i < n_statics; i++) mix(&statics[i], BYTES);                          \
    CLASSIFY(T, __builtin_nans##S(""), sig); CLASSIFY(T, -__builtin_inf##S(), sig);       \
    CLASSIFY(T, MIN / 4, sig); CLASSIFY(T, -(T)0, sig);                                   \
    SIGNS(T, -__builtin_nan##S("0x7"), fabsfn, copysignfn, BYTES); SIGNS(T, -(T)0, fabsfn, copysignfn, BYTES); \
    printf(" %016llx ", hash);                                                            \
  } while (0)

int main(void) {
  // The significant bytes of each format (long double's last 6 bytes are padding).
  RUN(float, f, __FLT_MIN__, __FLT_DENORM_MIN__, __FLT_MAX__, sig_f, fabsf, copysignf, 4);
  RUN(double, , __DBL_MIN__, __DBL_DENORM_MIN__, __DBL_MAX__, sig_d, fabs, copysign, 8);
  RUN(long double, l, __LDBL_MIN__, __LDBL_DENORM_MIN__, __LDBL_MAX__, sig_ld, fabsl, copysignl, 10);
  RUN(_Float128, f128, __FLT128_MIN__, __FLT128_DENORM_MIN__, __FLT128_MAX__, sig_q, __builtin_fabsf128, __builtin_copysignf128, 16);
  // The library spellings glibc declares as functions, and nan() with a literal tag.
  volatile double d = -3.0; volatile float f = -0.0f; volatile long double l = -__builtin_infl();
  double n1 = nan(""), n2 = nan("0x12"); float n3 = nanf("9"); long double n4 = nanl("");
  hash = 1469598103934665603ULL;
  mix(&n1, 8); mix(&n2, 8); mix(&n3, 4); mix(&n4, 10);
  // __builtin_powi is libgcc's __powidf2 (never a C library function).
  volatile int k = -3;
  printf("%d%d%d%d%d%d %g %g %d %d %016llx %g %g %Lg\n", finite(d), isinff(f), isnanf(f), isinfl(l), isnanl(l), finitel(l),
         fabs(d), copysign(2.0, f), abs(-5), (int)labs(-7L), hash, __builtin_powi(d, k), __builtin_powif(f - 2, 3), __builtin_powil(l, 2));
  return 0;
}
