/* Shared by the files of tscc's compiler runtime (libtscc_rt.a), the routines
 * that generated code calls by name where the target has no instruction:
 * the same names and calling conventions as gcc's libgcc, so objects compiled
 * by gcc link against it too.
 *
 * Every routine is hidden: each executable and shared object gets its own
 * copy from the archive, as with libgcc.a, and exports none of them.
 * The routines must not use the operations they implement (`/` on __int128
 * would call __divti3, `__builtin_popcountll` __popcountdi2, an __int128 ↔
 * floating conversion the matching __float/__fix routine), nor libm.
 */

#ifndef TSCC_RUNTIME_H
#define TSCC_RUNTIME_H

#define RT_API __attribute__((visibility("hidden")))

typedef __int128 ti_int;
typedef unsigned __int128 tu_int;
typedef long long di_int;
typedef unsigned long long du_int;

static inline du_int hi64(tu_int v) { return (du_int)(v >> 64); }
static inline du_int lo64(tu_int v) { return (du_int)v; }

/* Leading zeros of a non-zero 128-bit value. */
static inline int clz128(tu_int v) {
  return hi64(v) ? __builtin_clzll(hi64(v)) : 64 + __builtin_clzll(lo64(v));
}

#endif
