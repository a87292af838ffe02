// The builtin function table: signatures of the `__builtin_*` functions with
// a fixed type, as data. Each entry is "ret:param,param,..." in a one-letter
// type code (below); a trailing "." means variadic. A builtin whose name is
// `__builtin_X` with X in LIBRARY also names the C library function X: the
// parser uses these signatures for implicit declarations (so `abort()` without
// a declaration gets gcc's type) and lowering may call X instead of expanding.
//
// Type-generic builtins (`__atomic_*`, `__sync_*`, `__builtin_add_overflow`,
// `__builtin_isnan`, `__builtin_va_*`, `__builtin_offsetof`...) are not in this
// table: the parser checks them by hand (see GENERIC below).

import type { BasicTypes, Type } from "./types.js";
import { pointerTo, qualified, Q } from "./types.js";

const T = {
  v: "void", b: "bool", c: "char", i: "int", u: "uint", w: "ushort", l: "long", L: "ulong",
  x: "llong", X: "ullong", z: "ulong", Z: "long", f: "float", d: "double", D: "ldouble",
  q: "int128", Q: "uint128", p: "void*", P: "const void*", s: "char*", S: "const char*",
  F: "_Float128", j: "float _Complex", k: "double _Complex", K: "long double _Complex",
  V: "va_list (as a parameter: a pointer on x86_64 and riscv64, a struct on aarch64)",
} as const;

export const BUILTIN_SIGNATURES: Readonly<Record<string, string>> = {
  // Bits.
  __builtin_clz: "i:u", __builtin_clzl: "i:L", __builtin_clzll: "i:X",
  __builtin_ctz: "i:u", __builtin_ctzl: "i:L", __builtin_ctzll: "i:X",
  __builtin_clrsb: "i:i", __builtin_clrsbl: "i:l", __builtin_clrsbll: "i:x",
  __builtin_popcount: "i:u", __builtin_popcountl: "i:L", __builtin_popcountll: "i:X",
  __builtin_parity: "i:u", __builtin_parityl: "i:L", __builtin_parityll: "i:X",
  __builtin_ffs: "i:i", __builtin_ffsl: "i:l", __builtin_ffsll: "i:x",
  __builtin_bswap16: "w:w", __builtin_bswap32: "u:u", __builtin_bswap64: "L:L", __builtin_bswap128: "Q:Q",
  // Control and the machine.
  __builtin_expect: "l:l,l", __builtin_expect_with_probability: "l:l,l,d",
  __builtin_trap: "v:", __builtin_unreachable: "v:", __builtin_abort: "v:",
  __builtin_return_address: "p:u", __builtin_frame_address: "p:u", __builtin_extract_return_addr: "p:p",
  __builtin_prefetch: "v:P.", __builtin_assume_aligned: "p:P,z.",
  __builtin_setjmp: "i:p", __builtin_longjmp: "v:p,i",
  __builtin_alloca: "p:z", __builtin_alloca_with_align: "p:z,z",
  __builtin_stack_save: "p:", __builtin_stack_restore: "v:p",
  __builtin___clear_cache: "v:p,p", __builtin_dwarf_cfa: "p:",
  __builtin_flt_rounds: "i:",
  // Floating constants.
  __builtin_inf: "d:", __builtin_inff: "f:", __builtin_infl: "D:",
  __builtin_huge_val: "d:", __builtin_huge_valf: "f:", __builtin_huge_vall: "D:",
  __builtin_nan: "d:S", __builtin_nanf: "f:S", __builtin_nanl: "D:S",
  __builtin_nans: "d:S", __builtin_nansf: "f:S", __builtin_nansl: "D:S",
  __builtin_inff32: "f:", __builtin_inff64: "d:", __builtin_inff32x: "d:", __builtin_inff64x: "D:", __builtin_inff128: "F:",
  __builtin_huge_valf32: "f:", __builtin_huge_valf64: "d:", __builtin_huge_valf32x: "d:", __builtin_huge_valf64x: "D:", __builtin_huge_valf128: "F:",
  __builtin_nanf32: "f:S", __builtin_nanf64: "d:S", __builtin_nanf32x: "d:S", __builtin_nanf64x: "D:S", __builtin_nanf128: "F:S",
  __builtin_nansf32: "f:S", __builtin_nansf64: "d:S", __builtin_nansf32x: "d:S", __builtin_nansf64x: "D:S", __builtin_nansf128: "F:S",
  // gcc's x86 names for the __float128 ones (libquadmath's spelling).
  __builtin_fabsq: "F:F", __builtin_copysignq: "F:F,F", __builtin_infq: "F:", __builtin_huge_valq: "F:",
  __builtin_nanq: "F:S", __builtin_nansq: "F:S",
  // x to an integer power: libgcc's __powi?f2 (gcc never calls a C library function for these).
  __builtin_powi: "d:d,i", __builtin_powif: "f:f,i", __builtin_powil: "D:D,i",
  // Overflow with fixed types.
  __builtin_sadd_overflow: "b:i,i,p", __builtin_saddl_overflow: "b:l,l,p", __builtin_saddll_overflow: "b:x,x,p",
  __builtin_uadd_overflow: "b:u,u,p", __builtin_uaddl_overflow: "b:L,L,p", __builtin_uaddll_overflow: "b:X,X,p",
  __builtin_ssub_overflow: "b:i,i,p", __builtin_ssubl_overflow: "b:l,l,p", __builtin_ssubll_overflow: "b:x,x,p",
  __builtin_usub_overflow: "b:u,u,p", __builtin_usubl_overflow: "b:L,L,p", __builtin_usubll_overflow: "b:X,X,p",
  __builtin_smul_overflow: "b:i,i,p", __builtin_smull_overflow: "b:l,l,p", __builtin_smulll_overflow: "b:x,x,p",
  __builtin_umul_overflow: "b:u,u,p", __builtin_umull_overflow: "b:L,L,p", __builtin_umulll_overflow: "b:X,X,p",
  // Fortify helpers glibc's headers use.
  __builtin___memcpy_chk: "p:p,P,z,z", __builtin___memmove_chk: "p:p,P,z,z", __builtin___mempcpy_chk: "p:p,P,z,z",
  __builtin___memset_chk: "p:p,i,z,z", __builtin___strcpy_chk: "s:s,S,z", __builtin___stpcpy_chk: "s:s,S,z",
  __builtin___strncpy_chk: "s:s,S,z,z", __builtin___stpncpy_chk: "s:s,S,z,z", __builtin___strcat_chk: "s:s,S,z", __builtin___strncat_chk: "s:s,S,z,z",
  __builtin___sprintf_chk: "i:s,i,z,S.", __builtin___snprintf_chk: "i:s,z,i,z,S.",
  __builtin___vsprintf_chk: "i:s,i,z,S,V", __builtin___vsnprintf_chk: "i:s,z,i,z,S,V",
  __builtin___printf_chk: "i:i,S.", __builtin___fprintf_chk: "i:p,i,S.",
  __builtin___vprintf_chk: "i:i,S,p", __builtin___vfprintf_chk: "i:p,i,S,p",
  __builtin_va_arg_pack: "i:", __builtin_va_arg_pack_len: "i:",
};

/** Library functions that have a `__builtin_` twin; the plain name gets this signature when implicitly declared. */
export const LIBRARY_SIGNATURES: Readonly<Record<string, string>> = {
  abort: "v:", exit: "v:i", _exit: "v:i", _Exit: "v:i",
  memcpy: "p:p,P,z", memmove: "p:p,P,z", memset: "p:p,i,z", memcmp: "i:P,P,z", memchr: "p:P,i,z",
  mempcpy: "p:p,P,z", bcmp: "i:P,P,z", bcopy: "v:P,p,z", bzero: "v:p,z",
  strlen: "z:S", strnlen: "z:S,z", strcpy: "s:s,S", strncpy: "s:s,S,z", stpncpy: "s:s,S,z", stpcpy: "s:s,S", strcat: "s:s,S",
  strncat: "s:s,S,z", strcmp: "i:S,S", strncmp: "i:S,S,z", strchr: "s:S,i", strrchr: "s:S,i",
  strstr: "s:S,S", strdup: "s:S", strndup: "s:S,z", strspn: "z:S,S", strcspn: "z:S,S", strpbrk: "s:S,S",
  index: "s:S,i", rindex: "s:S,i", strcasecmp: "i:S,S", strncasecmp: "i:S,S,z",
  printf: "i:S.", fprintf: "i:p,S.", sprintf: "i:s,S.", snprintf: "i:s,z,S.", puts: "i:S", putchar: "i:i",
  fputs: "i:S,p", fputc: "i:i,p", putc: "i:i,p", fwrite: "z:P,z,z,p", scanf: "i:S.", sscanf: "i:S,S.",
  printf_unlocked: "i:S.", fprintf_unlocked: "i:p,S.", fputs_unlocked: "i:S,p", putchar_unlocked: "i:i",
  fputc_unlocked: "i:i,p", putc_unlocked: "i:i,p", fwrite_unlocked: "z:P,z,z,p",
    vprintf: "i:S,V", vfprintf: "i:p,S,V", vsprintf: "i:s,S,V", vsnprintf: "i:s,z,S,V",
  malloc: "p:z", calloc: "p:z,z", realloc: "p:p,z", free: "v:p", alloca: "p:z",
  abs: "i:i", labs: "l:l", llabs: "x:x", imaxabs: "l:l",
  isdigit: "i:i", isalpha: "i:i", isalnum: "i:i", isspace: "i:i", isupper: "i:i", islower: "i:i",
  isprint: "i:i", isxdigit: "i:i", toupper: "i:i", tolower: "i:i", isascii: "i:i",
  fabs: "d:d", fabsf: "f:f", fabsl: "D:D", sqrt: "d:d", sqrtf: "f:f", sqrtl: "D:D",
  sin: "d:d", cos: "d:d", tan: "d:d", exp: "d:d", log: "d:d", log2: "d:d", log10: "d:d", pow: "d:d,d",
  sinf: "f:f", cosf: "f:f", expf: "f:f", logf: "f:f", powf: "f:f,f", sinl: "D:D", cosl: "D:D",
  floor: "d:d", ceil: "d:d", round: "d:d", trunc: "d:d", rint: "d:d", nearbyint: "d:d",
  floorf: "f:f", ceilf: "f:f", roundf: "f:f", truncf: "f:f", floorl: "D:D", ceill: "D:D",
  lround: "l:d", llround: "x:d", lrint: "l:d", llrint: "x:d",
  fmod: "d:d,d", fmodf: "f:f,f", fmodl: "D:D,D", copysign: "d:d,d", copysignf: "f:f,f", copysignl: "D:D,D",
  fabsf32: "f:f", fabsf64: "d:d", fabsf32x: "d:d", fabsf64x: "D:D", fabsf128: "F:F",
  copysignf32: "f:f,f", copysignf64: "d:d,d", copysignf32x: "d:d,d", copysignf64x: "D:D,D", copysignf128: "F:F,F",
  fmin: "d:d,d", fmax: "d:d,d", fminf: "f:f,f", fmaxf: "f:f,f", fma: "d:d,d,d", fmaf: "f:f,f,f",
  ldexp: "d:d,i", ldexpf: "f:f,i", ldexpl: "D:D,i", frexp: "d:d,p", modf: "d:d,p", scalbn: "d:d,i",
  atan: "d:d", atan2: "d:d,d", asin: "d:d", acos: "d:d", sinh: "d:d", cosh: "d:d", tanh: "d:d",
  hypot: "d:d,d", cbrt: "d:d", exp2: "d:d", expm1: "d:d", log1p: "d:d",
  conj: "k:k", conjf: "j:j", conjl: "K:K", creal: "d:k", crealf: "f:j", creall: "D:K",
  cimag: "d:k", cimagf: "f:j", cimagl: "D:K", cabs: "d:k", cabsf: "f:j", cabsl: "D:K",
  signbit: "i:d", isnan: "i:d", isinf: "i:d", finite: "i:d",
  signbitf: "i:f", signbitl: "i:D", isnanf: "i:f", isnanl: "i:D", isinff: "i:f", isinfl: "i:D", finitef: "i:f", finitel: "i:D",
  nan: "d:S", nanf: "f:S", nanl: "D:S",
  setjmp: "i:p", longjmp: "v:p,i", ffs: "i:i", ffsl: "i:l", ffsll: "i:x",
  strtol: "l:S,p,i", strtoul: "L:S,p,i", atoi: "i:S", atol: "l:S",
};

/** Type-generic builtins the parser checks itself. */
export const GENERIC_BUILTINS: ReadonlySet<string> = new Set([
  "__builtin_va_start", "__builtin_va_end", "__builtin_va_copy", "__builtin_va_arg", "__builtin_c23_va_start",
  "__builtin_offsetof", "__builtin_types_compatible_p", "__builtin_choose_expr", "__builtin_constant_p",
  "__builtin_classify_type", "__builtin_object_size", "__builtin_dynamic_object_size",
  "__builtin_add_overflow", "__builtin_sub_overflow", "__builtin_mul_overflow",
  "__builtin_add_overflow_p", "__builtin_sub_overflow_p", "__builtin_mul_overflow_p",
  "__builtin_isnan", "__builtin_isinf", "__builtin_isfinite", "__builtin_isnormal", "__builtin_isinf_sign",
  "__builtin_signbit", "__builtin_fpclassify", "__builtin_issignaling", "__builtin_isgreater", "__builtin_isgreaterequal",
  "__builtin_isless", "__builtin_islessequal", "__builtin_islessgreater", "__builtin_isunordered",
  "__builtin_complex", "__builtin_convertvector", "__builtin_shuffle",
  "__builtin_LINE", "__builtin_FILE", "__builtin_FUNCTION",
  "__builtin_speculation_safe_value", "__builtin_clear_padding", "__builtin_tgmath",
  "__builtin_call_with_static_chain", "__builtin_bit_cast", "__builtin_has_attribute",
]);

/** Is `name` a type-generic atomic/sync builtin (checked by the parser)? */
export function isAtomicBuiltin(name: string): boolean {
  return name.startsWith("__atomic_") || name.startsWith("__sync_");
}

export interface BuiltinSignature {
  ret: Type;
  params: Type[];
  variadic: boolean;
}

function codeType(c: string, bt: BasicTypes, vaList: Type): Type {
  switch (c) {
    case "V": return vaList;
    case "v": return bt.void;
    case "b": return bt.bool;
    case "c": return bt.char;
    case "i": return bt.int;
    case "u": return bt.uint;
    case "w": return bt.ushort;
    case "l": return bt.long;
    case "L": return bt.ulong;
    case "x": return bt.llong;
    case "X": return bt.ullong;
    case "z": return bt.sizeT;
    case "Z": return bt.long;
    case "f": return bt.float;
    case "d": return bt.double;
    case "D": return bt.ldouble;
    case "F": return bt.float128;
    case "q": return bt.int128;
    case "Q": return bt.uint128;
    case "p": return bt.voidPtr;
    case "P": return pointerTo(qualified(bt.void, Q.Const));
    case "s": return bt.charPtr;
    case "S": return pointerTo(qualified(bt.char, Q.Const));
    case "j": return { kind: "complex", elem: bt.float, quals: 0 };
    case "k": return { kind: "complex", elem: bt.double, quals: 0 };
    case "K": return { kind: "complex", elem: bt.ldouble, quals: 0 };
  }
  throw new Error(`bad builtin type code ${c}`);
}

/** Decode a signature string. */
export function decodeSignature(sig: string, bt: BasicTypes, vaList: Type = bt.voidPtr): BuiltinSignature {
  const [ret, rest] = sig.split(":");
  let params = rest;
  let variadic = false;
  if (params.endsWith(".")) { variadic = true; params = params.slice(0, -1); }
  return {
    ret: codeType(ret, bt, vaList),
    params: params === "" ? [] : params.split(",").map((c) => codeType(c, bt, vaList)),
    variadic,
  };
}

/** The fixed signature of a builtin or library twin, if any. */
export function builtinSignature(name: string): string | undefined {
  if (Object.hasOwn(BUILTIN_SIGNATURES, name)) return BUILTIN_SIGNATURES[name];
  if (name.startsWith("__builtin_")) return librarySignature(name.slice(10));
  return undefined;
}

/** The signature of a library function gcc knows as a builtin (for implicit declarations). */
export function librarySignature(name: string): string | undefined {
  return Object.hasOwn(LIBRARY_SIGNATURES, name) ? LIBRARY_SIGNATURES[name] : undefined;
}

/**
 * Is `name` a C library function gcc knows as a builtin (including the
 * fortify `__X_chk` entry points)? Calls to it may be folded and expanded.
 */
export function isLibraryFunction(name: string): boolean {
  if (librarySignature(name) !== undefined) return true;
  return name.startsWith("__") && name.endsWith("_chk") && Object.hasOwn(BUILTIN_SIGNATURES, `__builtin_${name}`);
}

// Keep the code table referenced for readers: it documents the letters.
export const TYPE_CODES = T;

/** Library functions gcc's builtin table marks noreturn (whatever the program's declaration says). */
export const NORETURN_LIBRARY: ReadonlySet<string> = new Set(["abort", "exit", "_exit", "_Exit", "quick_exit"]);
