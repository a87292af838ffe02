// Predefined macros per target, as data. The tables mean the same as
// `gcc -dM -E -x c /dev/null` for x86_64-linux-gnu, aarch64-linux-gnu and
// riscv64-linux-gnu (gcc 12.2, Debian 12); tests/unit/pp-predefined.test.ts
// diffs them against the installed gcc. Deliberate differences are listed in
// OMITTED below, each for a feature tscc does not have.
//
// We claim to be GCC 12.2.0: glibc's headers and the projects we build select
// code paths with __GNUC_PREREQ / __GNUC__ tests, and Debian 12's headers were
// tested against gcc 12. Claiming an older gcc would switch headers to
// fallback paths nobody tests any more; claiming a newer one would promise
// builtins we have not got.

import { TSCC_VERSION } from "../version.js";
import type { ArchName, DataLayout } from "../target.js";

export type CStd =
  | "c89" | "c90" | "iso9899:199409" | "c99" | "c11" | "c17" | "c18" | "c2x" | "c23"
  | "gnu89" | "gnu90" | "gnu99" | "gnu11" | "gnu17" | "gnu18" | "gnu2x" | "gnu23";

export interface PredefinedOptions {
  layout: DataLayout;
  std: CStd;
  /** -O level: 0 → __NO_INLINE__; >0 → __OPTIMIZE__. */
  optimize: number;
  /** -Os / -Oz: __OPTIMIZE_SIZE__. */
  optimizeSize?: boolean;
  /** -fpic → 1, -fPIC → 2 (also implied by pie), 0 for -fno-pic. */
  pic: 0 | 1 | 2;
  /** -fpie → 1, -fPIE / -pie → 2, 0 otherwise. */
  pie: 0 | 1 | 2;
  /** -ffreestanding: __STDC_HOSTED__ is 0. */
  freestanding?: boolean;
  /** What -ffast-math and its parts allow; the macros tell the program (see floatModelMacros). */
  floatModel?: FloatModel;
  hardening?: Hardening;
  /** Preprocessing assembler source (`.S`, -x assembler-with-cpp): __ASSEMBLER__. */
  assembler?: boolean;
}

/** -fstack-protector* and -fcf-protection, as their macros tell the program. */
export interface Hardening {
  stackProtector?: "none" | "normal" | "strong" | "all" | "explicit";
  /** -fcf-protection: bit 0 branch tracking (IBT), bit 1 shadow stack (SHSTK). */
  cfProtection?: number;
}

const SSP_MACROS: Readonly<Record<string, [string, string]>> = {
  normal: ["__SSP__", "1"], all: ["__SSP_ALL__", "2"], strong: ["__SSP_STRONG__", "3"], explicit: ["__SSP_EXPLICIT__", "4"],
};

/**
 * Floating-point permissions from -ffast-math and its parts. tscc's code stays
 * IEEE-conforming, which every one of them allows; what they change visibly is
 * the predefined macros (glibc's math.h and programs test them).
 */
export interface FloatModel {
  finiteMathOnly?: boolean;
  noMathErrno?: boolean;
  noSignedZeros?: boolean;
  noTrappingMath?: boolean;
  reciprocalMath?: boolean;
  associativeMath?: boolean;
  signalingNans?: boolean;
  fastMath?: boolean;
}

/** Macros the IEC 60559 conformance claims: withdrawn when the program allows non-IEEE results. */
const IEC_559_CLAIMS: ReadonlySet<string> = new Set([
  "__STDC_IEC_559__", "__STDC_IEC_559_COMPLEX__", "__STDC_IEC_60559_BFP__", "__STDC_IEC_60559_COMPLEX__",
]);

function applyFloatModel(out: [string, string][], f: FloatModel): void {
  const set = (name: string, value: string): void => {
    const m = out.find((x) => x[0] === name);
    if (m) m[1] = value;
    else out.push([name, value]);
  };
  // gcc enables -fassociative-math only together with these two.
  const associative = f.associativeMath === true && f.noSignedZeros === true && f.noTrappingMath === true;
  if (f.finiteMathOnly || f.noSignedZeros || f.reciprocalMath || associative) {
    set("__GCC_IEC_559", "0");
    set("__GCC_IEC_559_COMPLEX", "0");
    for (let i = out.length - 1; i >= 0; i--) if (IEC_559_CLAIMS.has(out[i]![0])) out.splice(i, 1);
  }
  if (f.finiteMathOnly) set("__FINITE_MATH_ONLY__", "1");
  if (f.noMathErrno) set("__NO_MATH_ERRNO__", "1");
  if (associative) set("__ASSOCIATIVE_MATH__", "1");
  if (f.noSignedZeros) set("__NO_SIGNED_ZEROS__", "1");
  if (f.reciprocalMath) set("__RECIPROCAL_MATH__", "1");
  if (f.noTrappingMath) set("__NO_TRAPPING_MATH__", "1");
  if (f.fastMath) set("__FAST_MATH__", "1");
  if (f.signalingNans) set("__SUPPORT_SNAN__", "1");
}

type Table = readonly (readonly [string, string])[];

/** What glibc's stdc-predef.h defines (gcc pre-includes it unless -ffreestanding). */
const STDC_PREDEF_MACROS: ReadonlySet<string> = new Set([
  "_STDC_PREDEF_H", "__STDC_IEC_559__", "__STDC_IEC_559_COMPLEX__", "__STDC_IEC_60559_BFP__",
  "__STDC_IEC_60559_COMPLEX__", "__STDC_ISO_10646__",
]);

/** Macros whose value is the same on all three LP64 Linux targets (sorted by name). */
const COMMON: Table = [
  ["_LP64", "1"],
  ["_STDC_PREDEF_H", "1"],
  ["__ATOMIC_ACQUIRE", "2"],
  ["__ATOMIC_ACQ_REL", "4"],
  ["__ATOMIC_CONSUME", "1"],
  ["__ATOMIC_RELAXED", "0"],
  ["__ATOMIC_RELEASE", "3"],
  ["__ATOMIC_SEQ_CST", "5"],
  ["__BYTE_ORDER__", "__ORDER_LITTLE_ENDIAN__"],
  ["__CHAR16_TYPE__", "short unsigned int"],
  ["__CHAR32_TYPE__", "unsigned int"],
  ["__CHAR_BIT__", "8"],
  ["__DBL_DECIMAL_DIG__", "17"],
  ["__DBL_DENORM_MIN__", "((double)4.94065645841246544176568792868221372e-324L)"],
  ["__DBL_DIG__", "15"],
  ["__DBL_EPSILON__", "((double)2.22044604925031308084726333618164062e-16L)"],
  ["__DBL_HAS_DENORM__", "1"],
  ["__DBL_HAS_INFINITY__", "1"],
  ["__DBL_HAS_QUIET_NAN__", "1"],
  ["__DBL_IS_IEC_60559__", "2"],
  ["__DBL_MANT_DIG__", "53"],
  ["__DBL_MAX_10_EXP__", "308"],
  ["__DBL_MAX_EXP__", "1024"],
  ["__DBL_MAX__", "((double)1.79769313486231570814527423731704357e+308L)"],
  ["__DBL_MIN_10_EXP__", "(-307)"],
  ["__DBL_MIN_EXP__", "(-1021)"],
  ["__DBL_MIN__", "((double)2.22507385850720138309023271733240406e-308L)"],
  ["__DBL_NORM_MAX__", "((double)1.79769313486231570814527423731704357e+308L)"],
  ["__DEC_EVAL_METHOD__", "2"],
  ["__ELF__", "1"],
  ["__FINITE_MATH_ONLY__", "0"],
  ["__FLOAT_WORD_ORDER__", "__ORDER_LITTLE_ENDIAN__"],
  ["__FLT128_DECIMAL_DIG__", "36"],
  ["__FLT128_DENORM_MIN__", "6.47517511943802511092443895822764655e-4966F128"],
  ["__FLT128_DIG__", "33"],
  ["__FLT128_EPSILON__", "1.92592994438723585305597794258492732e-34F128"],
  ["__FLT128_HAS_DENORM__", "1"],
  ["__FLT128_HAS_INFINITY__", "1"],
  ["__FLT128_HAS_QUIET_NAN__", "1"],
  ["__FLT128_IS_IEC_60559__", "2"],
  ["__FLT128_MANT_DIG__", "113"],
  ["__FLT128_MAX_10_EXP__", "4932"],
  ["__FLT128_MAX_EXP__", "16384"],
  ["__FLT128_MAX__", "1.18973149535723176508575932662800702e+4932F128"],
  ["__FLT128_MIN_10_EXP__", "(-4931)"],
  ["__FLT128_MIN_EXP__", "(-16381)"],
  ["__FLT128_MIN__", "3.36210314311209350626267781732175260e-4932F128"],
  ["__FLT128_NORM_MAX__", "1.18973149535723176508575932662800702e+4932F128"],
  ["__FLT32X_DECIMAL_DIG__", "17"],
  ["__FLT32X_DENORM_MIN__", "4.94065645841246544176568792868221372e-324F32x"],
  ["__FLT32X_DIG__", "15"],
  ["__FLT32X_EPSILON__", "2.22044604925031308084726333618164062e-16F32x"],
  ["__FLT32X_HAS_DENORM__", "1"],
  ["__FLT32X_HAS_INFINITY__", "1"],
  ["__FLT32X_HAS_QUIET_NAN__", "1"],
  ["__FLT32X_IS_IEC_60559__", "2"],
  ["__FLT32X_MANT_DIG__", "53"],
  ["__FLT32X_MAX_10_EXP__", "308"],
  ["__FLT32X_MAX_EXP__", "1024"],
  ["__FLT32X_MAX__", "1.79769313486231570814527423731704357e+308F32x"],
  ["__FLT32X_MIN_10_EXP__", "(-307)"],
  ["__FLT32X_MIN_EXP__", "(-1021)"],
  ["__FLT32X_MIN__", "2.22507385850720138309023271733240406e-308F32x"],
  ["__FLT32X_NORM_MAX__", "1.79769313486231570814527423731704357e+308F32x"],
  ["__FLT32_DECIMAL_DIG__", "9"],
  ["__FLT32_DENORM_MIN__", "1.40129846432481707092372958328991613e-45F32"],
  ["__FLT32_DIG__", "6"],
  ["__FLT32_EPSILON__", "1.19209289550781250000000000000000000e-7F32"],
  ["__FLT32_HAS_DENORM__", "1"],
  ["__FLT32_HAS_INFINITY__", "1"],
  ["__FLT32_HAS_QUIET_NAN__", "1"],
  ["__FLT32_IS_IEC_60559__", "2"],
  ["__FLT32_MANT_DIG__", "24"],
  ["__FLT32_MAX_10_EXP__", "38"],
  ["__FLT32_MAX_EXP__", "128"],
  ["__FLT32_MAX__", "3.40282346638528859811704183484516925e+38F32"],
  ["__FLT32_MIN_10_EXP__", "(-37)"],
  ["__FLT32_MIN_EXP__", "(-125)"],
  ["__FLT32_MIN__", "1.17549435082228750796873653722224568e-38F32"],
  ["__FLT32_NORM_MAX__", "3.40282346638528859811704183484516925e+38F32"],
  ["__FLT64_DECIMAL_DIG__", "17"],
  ["__FLT64_DENORM_MIN__", "4.94065645841246544176568792868221372e-324F64"],
  ["__FLT64_DIG__", "15"],
  ["__FLT64_EPSILON__", "2.22044604925031308084726333618164062e-16F64"],
  ["__FLT64_HAS_DENORM__", "1"],
  ["__FLT64_HAS_INFINITY__", "1"],
  ["__FLT64_HAS_QUIET_NAN__", "1"],
  ["__FLT64_IS_IEC_60559__", "2"],
  ["__FLT64_MANT_DIG__", "53"],
  ["__FLT64_MAX_10_EXP__", "308"],
  ["__FLT64_MAX_EXP__", "1024"],
  ["__FLT64_MAX__", "1.79769313486231570814527423731704357e+308F64"],
  ["__FLT64_MIN_10_EXP__", "(-307)"],
  ["__FLT64_MIN_EXP__", "(-1021)"],
  ["__FLT64_MIN__", "2.22507385850720138309023271733240406e-308F64"],
  ["__FLT64_NORM_MAX__", "1.79769313486231570814527423731704357e+308F64"],
  ["__FLT_DECIMAL_DIG__", "9"],
  ["__FLT_DENORM_MIN__", "1.40129846432481707092372958328991613e-45F"],
  ["__FLT_DIG__", "6"],
  ["__FLT_EPSILON__", "1.19209289550781250000000000000000000e-7F"],
  ["__FLT_EVAL_METHOD_TS_18661_3__", "0"],
  ["__FLT_EVAL_METHOD__", "0"],
  ["__FLT_HAS_DENORM__", "1"],
  ["__FLT_HAS_INFINITY__", "1"],
  ["__FLT_HAS_QUIET_NAN__", "1"],
  ["__FLT_IS_IEC_60559__", "2"],
  ["__FLT_MANT_DIG__", "24"],
  ["__FLT_MAX_10_EXP__", "38"],
  ["__FLT_MAX_EXP__", "128"],
  ["__FLT_MAX__", "3.40282346638528859811704183484516925e+38F"],
  ["__FLT_MIN_10_EXP__", "(-37)"],
  ["__FLT_MIN_EXP__", "(-125)"],
  ["__FLT_MIN__", "1.17549435082228750796873653722224568e-38F"],
  ["__FLT_NORM_MAX__", "3.40282346638528859811704183484516925e+38F"],
  ["__FLT_RADIX__", "2"],
  ["__GCC_ATOMIC_CHAR32_T_LOCK_FREE", "2"],
  ["__GCC_ATOMIC_INT_LOCK_FREE", "2"],
  ["__GCC_ATOMIC_LLONG_LOCK_FREE", "2"],
  ["__GCC_ATOMIC_LONG_LOCK_FREE", "2"],
  ["__GCC_ATOMIC_POINTER_LOCK_FREE", "2"],
  ["__GCC_ATOMIC_TEST_AND_SET_TRUEVAL", "1"],
  ["__GCC_ATOMIC_WCHAR_T_LOCK_FREE", "2"],
  ["__GCC_HAVE_SYNC_COMPARE_AND_SWAP_4", "1"],
  ["__GCC_HAVE_SYNC_COMPARE_AND_SWAP_8", "1"],
  ["__GCC_IEC_559", "2"],
  ["__GCC_IEC_559_COMPLEX", "2"],
  ["__GNUC_EXECUTION_CHARSET_NAME", '"UTF-8"'],
  ["__GNUC_MINOR__", "2"],
  ["__GNUC_PATCHLEVEL__", "0"],
  ["__GNUC_WIDE_EXECUTION_CHARSET_NAME", '"UTF-32LE"'],
  ["__GNUC__", "12"],
  ["__GXX_ABI_VERSION", "1017"],
  ["__INT16_C(c)", "c"],
  ["__INT16_MAX__", "0x7fff"],
  ["__INT16_TYPE__", "short int"],
  ["__INT32_C(c)", "c"],
  ["__INT32_MAX__", "0x7fffffff"],
  ["__INT32_TYPE__", "int"],
  ["__INT64_C(c)", "c ## L"],
  ["__INT64_MAX__", "0x7fffffffffffffffL"],
  ["__INT64_TYPE__", "long int"],
  ["__INT8_C(c)", "c"],
  ["__INT8_MAX__", "0x7f"],
  ["__INT8_TYPE__", "signed char"],
  ["__INTMAX_C(c)", "c ## L"],
  ["__INTMAX_MAX__", "0x7fffffffffffffffL"],
  ["__INTMAX_TYPE__", "long int"],
  ["__INTMAX_WIDTH__", "64"],
  ["__INTPTR_MAX__", "0x7fffffffffffffffL"],
  ["__INTPTR_TYPE__", "long int"],
  ["__INTPTR_WIDTH__", "64"],
  ["__INT_FAST16_MAX__", "0x7fffffffffffffffL"],
  ["__INT_FAST16_TYPE__", "long int"],
  ["__INT_FAST16_WIDTH__", "64"],
  ["__INT_FAST32_MAX__", "0x7fffffffffffffffL"],
  ["__INT_FAST32_TYPE__", "long int"],
  ["__INT_FAST32_WIDTH__", "64"],
  ["__INT_FAST64_MAX__", "0x7fffffffffffffffL"],
  ["__INT_FAST64_TYPE__", "long int"],
  ["__INT_FAST64_WIDTH__", "64"],
  ["__INT_FAST8_MAX__", "0x7f"],
  ["__INT_FAST8_TYPE__", "signed char"],
  ["__INT_FAST8_WIDTH__", "8"],
  ["__INT_LEAST16_MAX__", "0x7fff"],
  ["__INT_LEAST16_TYPE__", "short int"],
  ["__INT_LEAST16_WIDTH__", "16"],
  ["__INT_LEAST32_MAX__", "0x7fffffff"],
  ["__INT_LEAST32_TYPE__", "int"],
  ["__INT_LEAST32_WIDTH__", "32"],
  ["__INT_LEAST64_MAX__", "0x7fffffffffffffffL"],
  ["__INT_LEAST64_TYPE__", "long int"],
  ["__INT_LEAST64_WIDTH__", "64"],
  ["__INT_LEAST8_MAX__", "0x7f"],
  ["__INT_LEAST8_TYPE__", "signed char"],
  ["__INT_LEAST8_WIDTH__", "8"],
  ["__INT_MAX__", "0x7fffffff"],
  ["__INT_WIDTH__", "32"],
  ["__LONG_LONG_MAX__", "0x7fffffffffffffffLL"],
  ["__LONG_LONG_WIDTH__", "64"],
  ["__LONG_MAX__", "0x7fffffffffffffffL"],
  ["__LONG_WIDTH__", "64"],
  ["__LP64__", "1"],
  ["__ORDER_BIG_ENDIAN__", "4321"],
  ["__ORDER_LITTLE_ENDIAN__", "1234"],
  ["__ORDER_PDP_ENDIAN__", "3412"],
  ["__PRAGMA_REDEFINE_EXTNAME", "1"],
  ["__PTRDIFF_MAX__", "0x7fffffffffffffffL"],
  ["__PTRDIFF_TYPE__", "long int"],
  ["__PTRDIFF_WIDTH__", "64"],
  ["__REGISTER_PREFIX__", ""],
  ["__SCHAR_MAX__", "0x7f"],
  ["__SCHAR_WIDTH__", "8"],
  ["__SHRT_MAX__", "0x7fff"],
  ["__SHRT_WIDTH__", "16"],
  ["__SIG_ATOMIC_MAX__", "0x7fffffff"],
  ["__SIG_ATOMIC_MIN__", "(-__SIG_ATOMIC_MAX__ - 1)"],
  ["__SIG_ATOMIC_TYPE__", "int"],
  ["__SIG_ATOMIC_WIDTH__", "32"],
  ["__SIZEOF_DOUBLE__", "8"],
  ["__SIZEOF_FLOAT__", "4"],
  ["__SIZEOF_INT128__", "16"],
  ["__SIZEOF_INT__", "4"],
  ["__SIZEOF_LONG_DOUBLE__", "16"],
  ["__SIZEOF_LONG_LONG__", "8"],
  ["__SIZEOF_LONG__", "8"],
  ["__SIZEOF_POINTER__", "8"],
  ["__SIZEOF_PTRDIFF_T__", "8"],
  ["__SIZEOF_SHORT__", "2"],
  ["__SIZEOF_SIZE_T__", "8"],
  ["__SIZEOF_WINT_T__", "4"],
  ["__SIZE_MAX__", "0xffffffffffffffffUL"],
  ["__SIZE_TYPE__", "long unsigned int"],
  ["__SIZE_WIDTH__", "64"],
  ["__STDC_HOSTED__", "1"],
  ["__STDC_IEC_559_COMPLEX__", "1"],
  ["__STDC_IEC_559__", "1"],
  ["__STDC_IEC_60559_BFP__", "201404L"],
  ["__STDC_IEC_60559_COMPLEX__", "201404L"],
  ["__STDC_ISO_10646__", "201706L"],
  ["__STDC__", "1"],
  ["__UINT16_C(c)", "c"],
  ["__UINT16_MAX__", "0xffff"],
  ["__UINT16_TYPE__", "short unsigned int"],
  ["__UINT32_C(c)", "c ## U"],
  ["__UINT32_MAX__", "0xffffffffU"],
  ["__UINT32_TYPE__", "unsigned int"],
  ["__UINT64_C(c)", "c ## UL"],
  ["__UINT64_MAX__", "0xffffffffffffffffUL"],
  ["__UINT64_TYPE__", "long unsigned int"],
  ["__UINT8_C(c)", "c"],
  ["__UINT8_MAX__", "0xff"],
  ["__UINT8_TYPE__", "unsigned char"],
  ["__UINTMAX_C(c)", "c ## UL"],
  ["__UINTMAX_MAX__", "0xffffffffffffffffUL"],
  ["__UINTMAX_TYPE__", "long unsigned int"],
  ["__UINTPTR_MAX__", "0xffffffffffffffffUL"],
  ["__UINTPTR_TYPE__", "long unsigned int"],
  ["__UINT_FAST16_MAX__", "0xffffffffffffffffUL"],
  ["__UINT_FAST16_TYPE__", "long unsigned int"],
  ["__UINT_FAST32_MAX__", "0xffffffffffffffffUL"],
  ["__UINT_FAST32_TYPE__", "long unsigned int"],
  ["__UINT_FAST64_MAX__", "0xffffffffffffffffUL"],
  ["__UINT_FAST64_TYPE__", "long unsigned int"],
  ["__UINT_FAST8_MAX__", "0xff"],
  ["__UINT_FAST8_TYPE__", "unsigned char"],
  ["__UINT_LEAST16_MAX__", "0xffff"],
  ["__UINT_LEAST16_TYPE__", "short unsigned int"],
  ["__UINT_LEAST32_MAX__", "0xffffffffU"],
  ["__UINT_LEAST32_TYPE__", "unsigned int"],
  ["__UINT_LEAST64_MAX__", "0xffffffffffffffffUL"],
  ["__UINT_LEAST64_TYPE__", "long unsigned int"],
  ["__UINT_LEAST8_MAX__", "0xff"],
  ["__UINT_LEAST8_TYPE__", "unsigned char"],
  ["__USER_LABEL_PREFIX__", ""],
  ["__WINT_MAX__", "0xffffffffU"],
  ["__WINT_MIN__", "0U"],
  ["__WINT_TYPE__", "unsigned int"],
  ["__WINT_WIDTH__", "32"],
  ["__gnu_linux__", "1"],
  ["__linux", "1"],
  ["__linux__", "1"],
  ["__unix", "1"],
  ["__unix__", "1"],
];

/** `long double` (and _Float64x, which is the same type) per format. */
function longDoubleTable(format: DataLayout["longDouble"]): Table {
  const f = format === "x87"
    ? {
      decimalDig: "21", dig: "18", mantDig: "64",
      denormMin: "3.64519953188247460252840593361941982e-4951",
      epsilon: "1.08420217248550443400745280086994171e-19",
      max: "1.18973149535723176502126385303097021e+4932",
    }
    : {
      decimalDig: "36", dig: "33", mantDig: "113",
      denormMin: "6.47517511943802511092443895822764655e-4966",
      epsilon: "1.92592994438723585305597794258492732e-34",
      max: "1.18973149535723176508575932662800702e+4932",
    };
  const out: [string, string][] = [["__DECIMAL_DIG__", f.decimalDig]];
  for (const [prefix, suffix] of [["__LDBL", "L"], ["__FLT64X", "F64x"]]) {
    out.push(
      [`${prefix}_DECIMAL_DIG__`, f.decimalDig],
      [`${prefix}_DENORM_MIN__`, f.denormMin + suffix],
      [`${prefix}_DIG__`, f.dig],
      [`${prefix}_EPSILON__`, f.epsilon + suffix],
      [`${prefix}_HAS_DENORM__`, "1"],
      [`${prefix}_HAS_INFINITY__`, "1"],
      [`${prefix}_HAS_QUIET_NAN__`, "1"],
      [`${prefix}_IS_IEC_60559__`, "2"],
      [`${prefix}_MANT_DIG__`, f.mantDig],
      [`${prefix}_MAX_10_EXP__`, "4932"],
      [`${prefix}_MAX_EXP__`, "16384"],
      [`${prefix}_MAX__`, f.max + suffix],
      [`${prefix}_MIN_10_EXP__`, "(-4931)"],
      [`${prefix}_MIN_EXP__`, "(-16381)"],
      [`${prefix}_MIN__`, "3.36210314311209350626267781732175260e-4932" + suffix],
      [`${prefix}_NORM_MAX__`, f.max + suffix],
    );
  }
  return out;
}

/** wchar_t is int on x86_64 and riscv64, unsigned int on aarch64, unsigned short with -fshort-wchar. */
function charTable(layout: DataLayout): Table {
  const out: [string, string][] = layout.sizeofWchar === 2
    ? [["__WCHAR_MAX__", "0xffff"], ["__WCHAR_MIN__", "0"], ["__WCHAR_TYPE__", "short unsigned int"]]
    : layout.wcharIsSigned
    ? [["__WCHAR_MAX__", "0x7fffffff"], ["__WCHAR_MIN__", "(-__WCHAR_MAX__ - 1)"], ["__WCHAR_TYPE__", "int"]]
    : [["__WCHAR_MAX__", "0xffffffffU"], ["__WCHAR_MIN__", "0U"], ["__WCHAR_TYPE__", "unsigned int"]];
  out.push(["__SIZEOF_WCHAR_T__", String(layout.sizeofWchar)], ["__WCHAR_WIDTH__", String(layout.sizeofWchar * 8)]);
  out.push(["__BIGGEST_ALIGNMENT__", String(layout.biggestAlignment)]);
  if (!layout.charIsSigned) out.push(["__CHAR_UNSIGNED__", "1"]);
  return out;
}

/**
 * Code-model macros of architectures that have them, for position-dependent
 * and position-independent code: gcc's riscv64 default code model is medlow,
 * but position-independent code implies medany.
 */
const CODE_MODEL: Partial<Record<ArchName, { readonly fixed: Table; readonly pic: Table }>> = {
  riscv64: { fixed: [["__riscv_cmodel_medlow", "1"]], pic: [["__riscv_cmodel_medany", "1"], ["__riscv_cmodel_pic", "1"]] },
};

/** What each architecture adds. */
const ARCH: Readonly<Record<ArchName, Table>> = {
  x86_64: [
    ["__ATOMIC_HLE_ACQUIRE", "65536"],
    ["__ATOMIC_HLE_RELEASE", "131072"],
    ["__FXSR__", "1"],
    ["__GCC_ATOMIC_BOOL_LOCK_FREE", "2"],
    ["__GCC_ATOMIC_CHAR16_T_LOCK_FREE", "2"],
    ["__GCC_ATOMIC_CHAR_LOCK_FREE", "2"],
    ["__GCC_ATOMIC_SHORT_LOCK_FREE", "2"],
    ["__GCC_CONSTRUCTIVE_SIZE", "64"],
    ["__GCC_DESTRUCTIVE_SIZE", "64"],
    ["__GCC_HAVE_DWARF2_CFI_ASM", "1"],
    ["__GCC_HAVE_SYNC_COMPARE_AND_SWAP_1", "1"],
    ["__GCC_HAVE_SYNC_COMPARE_AND_SWAP_2", "1"],
    ["__MMX_WITH_SSE__", "1"],
    ["__MMX__", "1"],
    ["__SIZEOF_FLOAT128__", "16"],
    ["__SIZEOF_FLOAT80__", "16"],
    ["__SSE2_MATH__", "1"],
    ["__SSE2__", "1"],
    ["__SSE_MATH__", "1"],
    ["__SSE__", "1"],
    ["__amd64", "1"],
    ["__amd64__", "1"],
    ["__code_model_small__", "1"],
    ["__k8", "1"],
    ["__k8__", "1"],
    ["__x86_64", "1"],
    ["__x86_64__", "1"],
  ],
  aarch64: [
    ["__AARCH64EL__", "1"],
    ["__AARCH64_CMODEL_SMALL__", "1"],
    ["__ARM_64BIT_STATE", "1"],
    ["__ARM_ALIGN_MAX_PWR", "28"],
    ["__ARM_ALIGN_MAX_STACK_PWR", "16"],
    ["__ARM_ARCH", "8"],
    ["__ARM_ARCH_8A", "1"],
    ["__ARM_ARCH_ISA_A64", "1"],
    ["__ARM_ARCH_PROFILE", "65"],
    ["__ARM_FEATURE_CLZ", "1"],
    ["__ARM_FEATURE_FMA", "1"],
    ["__ARM_FEATURE_IDIV", "1"],
    ["__ARM_FEATURE_NUMERIC_MAXMIN", "1"],
    ["__ARM_FEATURE_UNALIGNED", "1"],
    ["__ARM_FP", "14"],
    ["__ARM_FP16_ARGS", "1"],
    ["__ARM_FP16_FORMAT_IEEE", "1"],
    ["__ARM_NEON", "1"],
    ["__ARM_PCS_AAPCS64", "1"],
    ["__ARM_SIZEOF_MINIMAL_ENUM", "4"],
    ["__ARM_SIZEOF_WCHAR_T", "4"],
    ["__FLT_EVAL_METHOD_C99__", "0"],
    ["__FP_FAST_FMA", "1"],
    ["__FP_FAST_FMAF", "1"],
    ["__FP_FAST_FMAF32", "1"],
    ["__FP_FAST_FMAF32x", "1"],
    ["__FP_FAST_FMAF64", "1"],
    ["__GCC_ASM_FLAG_OUTPUTS__", "1"],
    ["__GCC_ATOMIC_BOOL_LOCK_FREE", "2"],
    ["__GCC_ATOMIC_CHAR16_T_LOCK_FREE", "2"],
    ["__GCC_ATOMIC_CHAR_LOCK_FREE", "2"],
    ["__GCC_ATOMIC_SHORT_LOCK_FREE", "2"],
    ["__GCC_CONSTRUCTIVE_SIZE", "64"],
    ["__GCC_DESTRUCTIVE_SIZE", "256"],
    ["__GCC_HAVE_DWARF2_CFI_ASM", "1"],
    ["__GCC_HAVE_SYNC_COMPARE_AND_SWAP_1", "1"],
    ["__GCC_HAVE_SYNC_COMPARE_AND_SWAP_16", "1"],
    ["__GCC_HAVE_SYNC_COMPARE_AND_SWAP_2", "1"],
    ["__aarch64__", "1"],
  ],
  riscv64: [
    // gcc 12's riscv64 port inlines no 1- and 2-byte atomics (it calls libatomic).
    ["__FP_FAST_FMA", "1"],
    ["__FP_FAST_FMAF", "1"],
    ["__FP_FAST_FMAF32", "1"],
    ["__FP_FAST_FMAF32x", "1"],
    ["__FP_FAST_FMAF64", "1"],
    ["__GCC_ATOMIC_BOOL_LOCK_FREE", "1"],
    ["__GCC_ATOMIC_CHAR16_T_LOCK_FREE", "1"],
    ["__GCC_ATOMIC_CHAR_LOCK_FREE", "1"],
    ["__GCC_ATOMIC_SHORT_LOCK_FREE", "1"],
    ["__riscv", "1"],
    ["__riscv_a", "2001000"],
    ["__riscv_arch_test", "1"],
    ["__riscv_atomic", "1"],
    ["__riscv_c", "2000000"],
    ["__riscv_compressed", "1"],
    ["__riscv_d", "2002000"],
    ["__riscv_div", "1"],
    ["__riscv_f", "2002000"],
    ["__riscv_fdiv", "1"],
    ["__riscv_flen", "64"],
    ["__riscv_float_abi_double", "1"],
    ["__riscv_fsqrt", "1"],
    ["__riscv_i", "2001000"],
    ["__riscv_m", "2000000"],
    ["__riscv_mul", "1"],
    ["__riscv_muldiv", "1"],
    ["__riscv_xlen", "64"],
    ["__riscv_zicsr", "2000000"],
    ["__riscv_zifencei", "2000000"],
  ],
};

/**
 * What gcc predefines and we deliberately do not, because tscc lacks the feature:
 * decimal floating point (__DEC*), _Float16 (__FLT16_*), x86 named address spaces
 * (__SEG_FS/GS), asm flag outputs on x86_64 (__GCC_ASM_FLAG_OUTPUTS__),
 * __builtin_speculation_safe_value (__HAVE_SPECULATION_SAFE_VALUE).
 */
export const OMITTED: readonly string[] = [
  "__DEC", "__DECIMAL_BID_FORMAT__", "__FLT16_", "__SEG_FS", "__SEG_GS", "__GCC_ASM_FLAG_OUTPUTS__",
  "__HAVE_SPECULATION_SAFE_VALUE",
];

const STD_VERSION: Readonly<Record<string, string | undefined>> = {
  c89: undefined, c90: undefined, gnu89: undefined, gnu90: undefined, "iso9899:199409": "199409L",
  c99: "199901L", gnu99: "199901L", c11: "201112L", gnu11: "201112L",
  c17: "201710L", c18: "201710L", gnu17: "201710L", gnu18: "201710L",
  // gcc 12 calls the next standard c2x and gives it 202000L; c23 is its final value.
  c2x: "202000L", gnu2x: "202000L", c23: "202311L", gnu23: "202311L",
};

/** The standard's __STDC_VERSION__ as a number (0 for C89), for feature decisions. */
export function stdVersion(std: CStd): number {
  const v = STD_VERSION[std];
  return v === undefined ? 0 : parseInt(v, 10);
}

export function isGnuStd(std: CStd): boolean {
  return std.startsWith("gnu");
}

/** All predefined macros for a compilation, as [name-with-parameters, replacement] pairs. */
export function predefinedMacros(o: PredefinedOptions): [string, string][] {
  const out: [string, string][] = [];
  const add = (t: Table): void => { for (const [n, v] of t) out.push([n, v]); };
  add(COMMON);
  if (o.freestanding) {
    // No hosted library: __STDC_HOSTED__ is 0 and glibc's stdc-predef.h is not pre-included.
    for (const m of out) if (m[0] === "__STDC_HOSTED__") m[1] = "0";
    for (let i = out.length - 1; i >= 0; i--) if (STDC_PREDEF_MACROS.has(out[i]![0])) out.splice(i, 1);
  }
  add(longDoubleTable(o.layout.longDouble));
  add(charTable(o.layout));
  add(ARCH[o.layout.arch]);
  const model = CODE_MODEL[o.layout.arch];
  if (model) add(o.pic || o.pie ? model.pic : model.fixed);

  const version = stdVersion(o.std);
  const gnu = isGnuStd(o.std);
  out.push(["__VERSION__", `"12.2.0 (tscc ${TSCC_VERSION})"`]);
  out.push(["__tscc__", "1"]);
  // Assembler source has no C standard version (gcc leaves these out for .S).
  if (STD_VERSION[o.std] !== undefined && !o.assembler) out.push(["__STDC_VERSION__", STD_VERSION[o.std]!]);
  if (version >= 201112 && !o.assembler) out.push(["__STDC_UTF_16__", "1"], ["__STDC_UTF_32__", "1"]);
  if (!gnu) out.push(["__STRICT_ANSI__", "1"]);
  // Before C99, `inline` has GNU's old meaning (gnu_inline); from C99 on, the standard's.
  out.push(version >= 199901 ? ["__GNUC_STDC_INLINE__", "1"] : ["__GNUC_GNU_INLINE__", "1"]);
  if (gnu) out.push(["linux", "1"], ["unix", "1"]);
  if (o.optimize > 0 || o.optimizeSize) out.push(["__OPTIMIZE__", "1"]);
  else out.push(["__NO_INLINE__", "1"]);
  if (o.optimizeSize) out.push(["__OPTIMIZE_SIZE__", "1"]);
  const pic = Math.max(o.pic, o.pie);
  if (pic) out.push(["__PIC__", String(pic)], ["__pic__", String(pic)]);
  if (o.pie) out.push(["__PIE__", String(o.pie)], ["__pie__", String(o.pie)]);
  if (o.floatModel) applyFloatModel(out, o.floatModel);
  const ssp = SSP_MACROS[o.hardening?.stackProtector ?? "none"];
  if (ssp) out.push(ssp);
  if (o.hardening?.cfProtection) out.push(["__CET__", String(o.hardening.cfProtection)]);
  if (o.assembler) out.push(["__ASSEMBLER__", "1"]);
  return out;
}

/** The predefined macros as the text of gcc's "<built-in>" buffer. */
export function predefinedSource(o: PredefinedOptions): string {
  let text = "";
  for (const [name, value] of predefinedMacros(o)) text += `#define ${name} ${value}\n`;
  return text;
}

// What the __has_* probes answer. These describe the compiler, not the
// preprocessor: parser/sema owners, keep them in step with what you implement.

/** GNU attributes (`__attribute__((x))`, `[[gnu::x]]`), as `__has_attribute` sees them. */
export const GNU_ATTRIBUTES: ReadonlySet<string> = new Set([
  "access", "alias", "aligned", "alloc_align", "alloc_size", "always_inline", "artificial",
  "assume_aligned", "cleanup", "cold", "common", "const", "constructor", "copy", "deprecated",
  "designated_init", "destructor", "error", "externally_visible", "fallthrough", "flatten",
  "format", "format_arg", "gnu_inline", "hot", "ifunc", "leaf", "malloc", "may_alias", "mode",
  "no_icf", "no_instrument_function", "no_reorder", "no_sanitize", "no_sanitize_address",
  "no_sanitize_undefined", "no_split_stack", "no_stack_protector", "nocommon", "noclone", "noinline",
  "noipa", "nonnull", "nonstring", "noplt", "noreturn", "nothrow", "optimize", "packed", "pure",
  "retain", "returns_nonnull", "returns_twice", "scalar_storage_order", "section", "sentinel",
  "simd", "stack_protect", "target", "tls_model", "transparent_union", "unavailable", "unused", "used",
  "vector_size", "visibility", "warn_unused_result", "warning", "weak", "weakref",
]);

/**
 * C23 standard attributes and the values gcc 12 gives them (in `__has_c_attribute`, and
 * in `__has_attribute` too). gcc 12 does not know [[noreturn]] / [[unsequenced]] yet.
 */
export const C_ATTRIBUTES: ReadonlyMap<string, number> = new Map([
  ["deprecated", 201904], ["fallthrough", 201904], ["maybe_unused", 201904], ["nodiscard", 202003],
]);

/** Builtin functions `__has_builtin` reports (gcc says 0 for keyword-like ones such as __builtin_va_arg). */
export const BUILTINS: ReadonlySet<string> = new Set([
  "__builtin_expect", "__builtin_expect_with_probability", "__builtin_constant_p", "__builtin_offsetof",
  "__builtin_va_start", "__builtin_va_end", "__builtin_va_copy",
  "__builtin_types_compatible_p", "__builtin_choose_expr", "__builtin_unreachable", "__builtin_trap",
  "__builtin_abort", "__builtin_bswap16", "__builtin_bswap32", "__builtin_bswap64", "__builtin_bswap128",
  "__builtin_clz", "__builtin_clzl", "__builtin_clzll", "__builtin_ctz", "__builtin_ctzl", "__builtin_ctzll",
  "__builtin_popcount", "__builtin_popcountl", "__builtin_popcountll", "__builtin_parity",
  "__builtin_parityl", "__builtin_parityll", "__builtin_ffs", "__builtin_ffsl", "__builtin_ffsll",
  "__builtin_clrsb", "__builtin_clrsbl", "__builtin_clrsbll",
  "__builtin_add_overflow", "__builtin_sub_overflow", "__builtin_mul_overflow",
  "__builtin_add_overflow_p", "__builtin_sub_overflow_p", "__builtin_mul_overflow_p",
  "__builtin_sadd_overflow", "__builtin_saddl_overflow", "__builtin_saddll_overflow",
  "__builtin_uadd_overflow", "__builtin_uaddl_overflow", "__builtin_uaddll_overflow",
  "__builtin_ssub_overflow", "__builtin_ssubl_overflow", "__builtin_ssubll_overflow",
  "__builtin_usub_overflow", "__builtin_usubl_overflow", "__builtin_usubll_overflow",
  "__builtin_smul_overflow", "__builtin_smull_overflow", "__builtin_smulll_overflow",
  "__builtin_umul_overflow", "__builtin_umull_overflow", "__builtin_umulll_overflow",
  "__builtin_huge_val", "__builtin_huge_valf", "__builtin_huge_vall", "__builtin_inf", "__builtin_inff",
  "__builtin_infl", "__builtin_nan", "__builtin_nanf", "__builtin_nanl", "__builtin_nans",
  "__builtin_nansf", "__builtin_nansl", "__builtin_isnan", "__builtin_isinf", "__builtin_isinf_sign",
  "__builtin_isfinite", "__builtin_isnormal", "__builtin_fpclassify", "__builtin_signbit",
  "__builtin_signbitf", "__builtin_signbitl", "__builtin_isgreater", "__builtin_isgreaterequal",
  "__builtin_isless", "__builtin_islessequal", "__builtin_islessgreater", "__builtin_isunordered",
  "__builtin_copysign", "__builtin_copysignf", "__builtin_copysignl", "__builtin_fabs",
  "__builtin_fabsf", "__builtin_fabsl", "__builtin_alloca", "__builtin_alloca_with_align",
  "__builtin_frame_address", "__builtin_return_address", "__builtin_extract_return_addr",
  "__builtin_assume_aligned", "__builtin_object_size", "__builtin_dynamic_object_size",
  "__builtin_prefetch", "__builtin_memcpy", "__builtin_memmove", "__builtin_memset",
  "__builtin_memcmp", "__builtin_strlen", "__builtin_strcmp", "__builtin_strcpy", "__builtin_strncpy",
  "__builtin_strcat", "__builtin_strchr", "__builtin_malloc", "__builtin_free", "__builtin_calloc",
  "__builtin_printf", "__builtin_sprintf", "__builtin_snprintf", "__builtin_abs", "__builtin_labs",
  "__builtin_llabs", "__builtin_classify_type", "__builtin_LINE", "__builtin_FILE",
  "__builtin_FUNCTION", "__builtin___clear_cache", "__builtin_setjmp", "__builtin_longjmp",
  "__builtin_shuffle", "__builtin_convertvector", "__builtin_speculation_safe_value",
  "__builtin_apply_args", "__builtin_unwind_init", "__builtin_eh_return_data_regno",
  "__builtin___memcpy_chk", "__builtin___memmove_chk", "__builtin___memset_chk",
  "__builtin___strcpy_chk", "__builtin___strncpy_chk", "__builtin___strcat_chk",
  "__builtin___strncat_chk", "__builtin___sprintf_chk", "__builtin___snprintf_chk",
  "__builtin___vsprintf_chk", "__builtin___vsnprintf_chk", "__builtin___stpcpy_chk",
  "__builtin_va_arg_pack", "__builtin_va_arg_pack_len",
  "__atomic_load", "__atomic_load_n", "__atomic_store", "__atomic_store_n", "__atomic_exchange",
  "__atomic_exchange_n", "__atomic_compare_exchange", "__atomic_compare_exchange_n",
  "__atomic_add_fetch", "__atomic_sub_fetch", "__atomic_and_fetch", "__atomic_or_fetch",
  "__atomic_xor_fetch", "__atomic_nand_fetch", "__atomic_fetch_add", "__atomic_fetch_sub",
  "__atomic_fetch_and", "__atomic_fetch_or", "__atomic_fetch_xor", "__atomic_fetch_nand",
  "__atomic_test_and_set", "__atomic_clear", "__atomic_thread_fence", "__atomic_signal_fence",
  "__atomic_always_lock_free", "__atomic_is_lock_free",
  "__sync_fetch_and_add", "__sync_fetch_and_sub", "__sync_fetch_and_or", "__sync_fetch_and_and",
  "__sync_fetch_and_xor", "__sync_fetch_and_nand", "__sync_add_and_fetch", "__sync_sub_and_fetch",
  "__sync_or_and_fetch", "__sync_and_and_fetch", "__sync_xor_and_fetch", "__sync_nand_and_fetch",
  "__sync_bool_compare_and_swap", "__sync_val_compare_and_swap", "__sync_lock_test_and_set",
  "__sync_lock_release", "__sync_synchronize",
]);

/** Clang-style `__has_feature` / `__has_extension` answers (gcc 14 has them too). */
export const FEATURES: ReadonlySet<string> = new Set([
  "c_alignas", "c_alignof", "c_atomic", "c_generic_selections", "c_static_assert", "c_thread_local",
]);
