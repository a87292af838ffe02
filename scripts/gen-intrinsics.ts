// Writes tscc's intrinsics headers from the tables in scripts/intrinsics/: the x86
// ones (include/x86_64/*intrin.h, from x86.ts) and the AArch64 ones
// (include/aarch64/arm_neon.h and arm_acle.h, from aarch64.ts).
// Run: `npx tsx scripts/gen-intrinsics.ts`.
//
// Each intrinsic becomes a `static __inline__` always_inline function (tscc's
// inline pass expands those at every -O level), or a macro over a statement
// expression when one parameter must be an integer constant (an `"n"` asm
// operand), as gcc's headers are at -O0. Vector operands go through GNU
// vector types in SSE registers (`"x"`; 32-byte ones in %ymm registers).

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { X86_INTRINSICS, type Intrinsic, type IntrinHeader } from "./intrinsics/x86.js";
import { A64_INTRINSICS, vt, type A64Header } from "./intrinsics/aarch64.js";

const INCLUDE = join(import.meta.dirname, "../include/x86_64");
const INCLUDE_A64 = join(import.meta.dirname, "../include/aarch64");

/** What the emitter needs of a row of either table. */
type Row =
  | { p: string; asm: string; out: string[]; in: string[]; clobber?: string; immScale?: number }
  | { p: string; c: string };

/** A parsed prototype: `RET NAME(T a, imm b)`. */
export interface Proto {
  ret: string;
  name: string;
  params: { type: string; name: string; imm: boolean }[];
}

export function parseProto(p: string): Proto {
  const m = /^(.*?)\s*(\w+)\((.*)\)$/.exec(p);
  if (!m) throw new Error(`bad prototype ${p}`);
  const params = m[3] === "void" ? [] : m[3]!.split(",").map((s) => {
    const pm = /^(.*?)\s*(\w+)$/.exec(s.trim());
    if (!pm) throw new Error(`bad parameter '${s}' in ${p}`);
    return { type: pm[1]!, name: pm[2]!, imm: pm[1] === "imm" };
  });
  return { ret: m[1]!, name: m[2]!, params };
}

const SCALAR_INT = /^(unsigned |signed )?(char|short|int|long long|long long int|long|unsigned)$/;

/** The C expression an asm operand names. */
function operandExpr(name: string, proto: Proto, macro: boolean, immScale = 1): string {
  if (name === "r") return "__r";
  if (name === "N") {
    const imm = proto.params.find((q) => q.imm)!;
    if (immScale !== 1) return macro ? `((${imm.name.toUpperCase()}_) * ${immScale})` : `__${imm.name} * ${immScale}`;
    return macro ? `(${imm.name.toUpperCase()}_)` : `__${imm.name}`;
  }
  // A member of a structure result or parameter (NEON's int8x16x2_t…): r0, a1…
  const member = /^([a-z])([0-9])$/.exec(name);
  if (member) return `__${member[1]}.val[${member[2]}]`;
  // The memory an AVX intrinsic's operand names may be a whole 32-byte vector.
  if (name.startsWith("*")) return `*(${/__m256/.test(proto.ret) || proto.params.some((q) => /__m256/.test(q.type)) ? "__tscc_mem256_t" : "__tscc_mem_t"} *)(__${name.slice(1)})`;
  if (name.startsWith("t_") || name.startsWith("s_")) return `__${name}`;
  const q = proto.params.find((x) => x.name === name);
  if (!q) throw new Error(`${proto.name}: operand ${name} is no parameter`);
  // Narrow integers are widened as gcc's callers do, so %k of the register is the value.
  if (/^(char|short|signed char)$/.test(q.type)) return `(int)__${name}`;
  if (/^unsigned (char|short)$/.test(q.type)) return `(unsigned int)__${name}`;
  return `__${name}`;
}

const opName = (n: string): string => (n.startsWith("*") ? "m_" + n.slice(1) : n);

function asmBody(row: Extract<Row, { asm: string }>, proto: Proto, macro: boolean): string {
  const decls: string[] = [];
  const outs: string[] = [];
  const ins: string[] = [];
  const ties: { index: number; param: string }[] = [];
  let hasResult = false;
  row.out.forEach((o, index) => {
    const [name, con, tie] = o.split(":") as [string, string, string | undefined];
    if (name === "r" || /^r[0-9]$/.test(name)) hasResult = true;
    else if (name.startsWith("t_")) decls.push(`__typeof__(__${name.slice(2)}) __${name};`);
    // Scratch registers: s_xmm*/s_v* vector ones, others general.
    else if (name.startsWith("s_")) decls.push(/^s_(xmm|v)/.test(name) ? `__tscc_mem_t __${name};` : `unsigned long long __${name};`);
    outs.push(`[${opName(name)}] "${con}" (${operandExpr(name, proto, macro)})`);
    if (tie) ties.push({ index, param: tie });
  });
  for (const t of ties) ins.push(`"${t.index}" (${operandExpr(t.param, proto, macro)})`);
  for (const i of row.in) {
    const [name, con] = i.split(":") as [string, string];
    ins.push(`[${opName(name)}] "${con}" (${operandExpr(name, proto, macro, row.immScale)})`);
  }
  const text = row.asm.replace(/%(\w?)\[\*(\w)\]/g, "%$1[m_$2]").replace(/; /g, "\\n\\t");
  const volatile = proto.ret === "void" ? " __volatile__" : "";
  const clobber = row.clobber ? ` : ${row.clobber.split(",").map((c) => `"${c}"`).join(", ")}` : "";
  const asm = `__asm__${volatile}("${text}" : ${outs.join(", ")} : ${ins.join(", ")}${clobber});`;
  const result = hasResult ? `${proto.ret} __r; ` : "";
  return `${result}${decls.join(" ")}${decls.length ? " " : ""}${asm}${hasResult ? (macro ? " __r;" : " return __r;") : ""}`;
}

function emitIntrinsic(row: Row): string {
  const proto = parseProto(row.p);
  const imm = proto.params.find((q) => q.imm);
  if (!imm) {
    const params = proto.params.map((q) => `${q.type} __${q.name}`).join(", ") || "void";
    const body = "c" in row ? row.c : asmBody(row, proto, false);
    return `static __inline__ ${proto.ret} __attribute__((__always_inline__, __artificial__))\n${proto.name}(${params}) { ${body} }\n`;
  }
  // A macro: each argument evaluated once, converted to its parameter's type.
  const macroParams = proto.params.map((q) => `${q.name.toUpperCase()}_`).join(", ");
  const locals = proto.params.filter((q) => !q.imm).map((q) => `${q.type} __${q.name} = (${q.type})(${q.name.toUpperCase()}_);`).join(" ");
  const body = "c" in row ? `const int __${imm.name} = (${imm.name.toUpperCase()}_); ${row.c.replace(/\breturn ([^;]*);\s*$/, "$1;")}` : asmBody(row, proto, true);
  return `#define ${proto.name}(${macroParams}) (__extension__({ ${locals}${locals ? " " : ""}${body} }))\n`;
}

interface HeaderSpec {
  /** Included first. */
  includes: string[];
  /** The feature macro(s) its intrinsics need, as an #if condition (none: baseline). */
  guard?: string;
  /** Types and macros before the intrinsics. */
  preamble?: string;
  /** After the intrinsics (inside the guard). */
  postamble?: string;
  /** After everything. */
  trailer?: string;
}

const VEC = (name: string, elem: string, size: number, extra = ""): string =>
  `typedef ${elem} ${name} __attribute__((__vector_size__(${size})${extra}));`;

const HEADERS: Record<IntrinHeader, HeaderSpec> = {
  mmintrin: {
    includes: [],
    preamble: [
      VEC("__m64", "int", 8, ", __may_alias__"),
      VEC("__m64_u", "int", 8, ", __may_alias__, __aligned__(1)"),
      VEC("__m32", "int", 4, ", __may_alias__"),
      VEC("__m32_u", "int", 4, ", __may_alias__, __aligned__(1)"),
      VEC("__m16", "short", 2, ", __may_alias__"),
      VEC("__m16_u", "short", 2, ", __may_alias__, __aligned__(1)"),
      VEC("__v2si", "int", 8), VEC("__v4hi", "short", 8), VEC("__v8qi", "char", 8),
      VEC("__v1di", "long long", 8), VEC("__v2sf", "float", 8),
      "/* What an asm memory operand of an intrinsic points at (any size, any alignment). */",
      VEC("__tscc_mem_t", "char", 16, ", __may_alias__, __aligned__(1)"),
      VEC("__tscc_mem256_t", "char", 32, ", __may_alias__, __aligned__(1)"),
    ].join("\n"),
  },
  xmmintrin: {
    includes: ["mmintrin.h", "mm_malloc.h"],
    preamble: [
      VEC("__m128", "float", 16, ", __may_alias__"),
      VEC("__m128_u", "float", 16, ", __may_alias__, __aligned__(1)"),
      VEC("__v4sf", "float", 16),
      "#define _MM_SHUFFLE(fp3, fp2, fp1, fp0) (((fp3) << 6) | ((fp2) << 4) | ((fp1) << 2) | (fp0))",
      ...[
        ["_MM_EXCEPT_MASK", "0x003f"], ["_MM_EXCEPT_INVALID", "0x0001"], ["_MM_EXCEPT_DENORM", "0x0002"],
        ["_MM_EXCEPT_DIV_ZERO", "0x0004"], ["_MM_EXCEPT_OVERFLOW", "0x0008"], ["_MM_EXCEPT_UNDERFLOW", "0x0010"],
        ["_MM_EXCEPT_INEXACT", "0x0020"], ["_MM_MASK_MASK", "0x1f80"], ["_MM_MASK_INVALID", "0x0080"],
        ["_MM_MASK_DENORM", "0x0100"], ["_MM_MASK_DIV_ZERO", "0x0200"], ["_MM_MASK_OVERFLOW", "0x0400"],
        ["_MM_MASK_UNDERFLOW", "0x0800"], ["_MM_MASK_INEXACT", "0x1000"], ["_MM_ROUND_MASK", "0x6000"],
        ["_MM_ROUND_NEAREST", "0x0000"], ["_MM_ROUND_DOWN", "0x2000"], ["_MM_ROUND_UP", "0x4000"],
        ["_MM_ROUND_TOWARD_ZERO", "0x6000"], ["_MM_FLUSH_ZERO_MASK", "0x8000"], ["_MM_FLUSH_ZERO_ON", "0x8000"],
        ["_MM_FLUSH_ZERO_OFF", "0x0000"],
      ].map(([n, v]) => `#define ${n} ${v}`),
      "enum _mm_hint { _MM_HINT_ET0 = 7, _MM_HINT_ET1 = 6, _MM_HINT_T0 = 3, _MM_HINT_T1 = 2, _MM_HINT_T2 = 1, _MM_HINT_NTA = 0 };",
    ].join("\n"),
    postamble: [
      "#define _MM_TRANSPOSE4_PS(row0, row1, row2, row3) do { \\",
      "    __v4sf __r0 = (row0), __r1 = (row1), __r2 = (row2), __r3 = (row3); \\",
      "    __v4sf __t0 = _mm_unpacklo_ps(__r0, __r1), __t1 = _mm_unpacklo_ps(__r2, __r3); \\",
      "    __v4sf __t2 = _mm_unpackhi_ps(__r0, __r1), __t3 = _mm_unpackhi_ps(__r2, __r3); \\",
      "    (row0) = _mm_movelh_ps(__t0, __t1); (row1) = _mm_movehl_ps(__t1, __t0); \\",
      "    (row2) = _mm_movelh_ps(__t2, __t3); (row3) = _mm_movehl_ps(__t3, __t2); \\",
      "  } while (0)",
    ].join("\n"),
    // As gcc's: SSE code including only <xmmintrin.h> sees the SSE2 intrinsics too.
    trailer: "#ifdef __SSE2__\n#include <emmintrin.h>\n#endif",
  },
  emmintrin: {
    includes: ["xmmintrin.h"],
    preamble: [
      VEC("__m128i", "long long", 16, ", __may_alias__"),
      VEC("__m128i_u", "long long", 16, ", __may_alias__, __aligned__(1)"),
      VEC("__m128d", "double", 16, ", __may_alias__"),
      VEC("__m128d_u", "double", 16, ", __may_alias__, __aligned__(1)"),
      VEC("__v2df", "double", 16), VEC("__v2di", "long long", 16), VEC("__v2du", "unsigned long long", 16),
      VEC("__v4si", "int", 16), VEC("__v4su", "unsigned int", 16), VEC("__v8hi", "short", 16),
      VEC("__v8hu", "unsigned short", 16), VEC("__v16qi", "char", 16), VEC("__v16qs", "signed char", 16),
      VEC("__v16qu", "unsigned char", 16),
      "#define _MM_SHUFFLE2(fp1, fp0) (((fp1) << 1) | (fp0))",
    ].join("\n"),
  },
  pmmintrin: {
    includes: ["emmintrin.h"],
    guard: "defined(__SSE3__)",
    preamble: [
      "#define _MM_DENORMALS_ZERO_MASK 0x0040",
      "#define _MM_DENORMALS_ZERO_ON 0x0040",
      "#define _MM_DENORMALS_ZERO_OFF 0x0000",
      "#define _MM_SET_DENORMALS_ZERO_MODE(mode) _mm_setcsr((_mm_getcsr() & ~_MM_DENORMALS_ZERO_MASK) | (mode))",
      "#define _MM_GET_DENORMALS_ZERO_MODE() (_mm_getcsr() & _MM_DENORMALS_ZERO_MASK)",
    ].join("\n"),
  },
  tmmintrin: { includes: ["pmmintrin.h"], guard: "defined(__SSSE3__)" },
  smmintrin: {
    includes: ["tmmintrin.h"],
    guard: "defined(__SSE4_1__)",
    preamble: [
      ["_MM_FROUND_TO_NEAREST_INT", "0x00"], ["_MM_FROUND_TO_NEG_INF", "0x01"], ["_MM_FROUND_TO_POS_INF", "0x02"],
      ["_MM_FROUND_TO_ZERO", "0x03"], ["_MM_FROUND_CUR_DIRECTION", "0x04"], ["_MM_FROUND_RAISE_EXC", "0x00"],
      ["_MM_FROUND_NO_EXC", "0x08"],
      ["_MM_FROUND_NINT", "(_MM_FROUND_TO_NEAREST_INT | _MM_FROUND_RAISE_EXC)"],
      ["_MM_FROUND_FLOOR", "(_MM_FROUND_TO_NEG_INF | _MM_FROUND_RAISE_EXC)"],
      ["_MM_FROUND_CEIL", "(_MM_FROUND_TO_POS_INF | _MM_FROUND_RAISE_EXC)"],
      ["_MM_FROUND_TRUNC", "(_MM_FROUND_TO_ZERO | _MM_FROUND_RAISE_EXC)"],
      ["_MM_FROUND_RINT", "(_MM_FROUND_CUR_DIRECTION | _MM_FROUND_RAISE_EXC)"],
      ["_MM_FROUND_NEARBYINT", "(_MM_FROUND_CUR_DIRECTION | _MM_FROUND_NO_EXC)"],
    ].map(([n, v]) => `#define ${n} ${v}`).join("\n"),
    postamble: [
      "#define _mm_test_all_zeros(M, V) _mm_testz_si128((M), (V))",
      "#define _mm_test_all_ones(V) _mm_testc_si128((V), _mm_cmpeq_epi32((V), (V)))",
      "#define _mm_test_mix_ones_zeros(M, V) _mm_testnzc_si128((M), (V))",
      "#define _mm_ceil_pd(V) _mm_round_pd((V), _MM_FROUND_CEIL)",
      "#define _mm_ceil_sd(D, V) _mm_round_sd((D), (V), _MM_FROUND_CEIL)",
      "#define _mm_floor_pd(V) _mm_round_pd((V), _MM_FROUND_FLOOR)",
      "#define _mm_floor_sd(D, V) _mm_round_sd((D), (V), _MM_FROUND_FLOOR)",
      "#define _mm_ceil_ps(V) _mm_round_ps((V), _MM_FROUND_CEIL)",
      "#define _mm_ceil_ss(D, V) _mm_round_ss((D), (V), _MM_FROUND_CEIL)",
      "#define _mm_floor_ps(V) _mm_round_ps((V), _MM_FROUND_FLOOR)",
      "#define _mm_floor_ss(D, V) _mm_round_ss((D), (V), _MM_FROUND_FLOOR)",
      "#define _MM_MK_INSERTPS_NDX(S, D, M) (((S) << 6) | ((D) << 4) | (M))",
      "#define _MM_EXTRACT_FLOAT(D, S, N) { (D) = ((__v4sf)(S))[(N) & 3]; }",
      "#define _MM_PICK_OUT_PS(X, N) _mm_insert_ps(_mm_setzero_ps(), (X), _MM_MK_INSERTPS_NDX((N), 0, 0x0e))",
    ].join("\n"),
    trailer: "#include <nmmintrin.h>\n#include <popcntintrin.h>",
  },
  // gcc keeps the SSE4.2 part in smmintrin.h; tscc's smmintrin.h includes this one, so both names work.
  nmmintrin: {
    includes: ["smmintrin.h"],
    guard: "defined(__SSE4_2__)",
    preamble: [
      ["_SIDD_UBYTE_OPS", "0x00"], ["_SIDD_UWORD_OPS", "0x01"], ["_SIDD_SBYTE_OPS", "0x02"], ["_SIDD_SWORD_OPS", "0x03"],
      ["_SIDD_CMP_EQUAL_ANY", "0x00"], ["_SIDD_CMP_RANGES", "0x04"], ["_SIDD_CMP_EQUAL_EACH", "0x08"],
      ["_SIDD_CMP_EQUAL_ORDERED", "0x0c"], ["_SIDD_POSITIVE_POLARITY", "0x00"], ["_SIDD_NEGATIVE_POLARITY", "0x10"],
      ["_SIDD_MASKED_POSITIVE_POLARITY", "0x20"], ["_SIDD_MASKED_NEGATIVE_POLARITY", "0x30"],
      ["_SIDD_LEAST_SIGNIFICANT", "0x00"], ["_SIDD_MOST_SIGNIFICANT", "0x40"], ["_SIDD_BIT_MASK", "0x00"],
      ["_SIDD_UNIT_MASK", "0x40"],
    ].map(([n, v]) => `#define ${n} ${v}`).join("\n"),
  },
  wmmintrin: { includes: ["emmintrin.h"], guard: "defined(__AES__) || defined(__PCLMUL__)" },
  popcntintrin: { includes: [], guard: "defined(__POPCNT__)" },
  lzcntintrin: { includes: [], guard: "defined(__LZCNT__)" },
  bmiintrin: { includes: [], guard: "defined(__BMI__)" },
  bmi2intrin: { includes: [], guard: "defined(__BMI2__)" },
  avxintrin: {
    includes: ["smmintrin.h"],
    guard: "defined(__AVX__)",
    preamble: [
      VEC("__m256", "float", 32, ", __may_alias__"), VEC("__m256_u", "float", 32, ", __may_alias__, __aligned__(1)"),
      VEC("__m256d", "double", 32, ", __may_alias__"), VEC("__m256d_u", "double", 32, ", __may_alias__, __aligned__(1)"),
      VEC("__m256i", "long long", 32, ", __may_alias__"), VEC("__m256i_u", "long long", 32, ", __may_alias__, __aligned__(1)"),
      VEC("__v4df", "double", 32), VEC("__v8sf", "float", 32), VEC("__v4di", "long long", 32), VEC("__v4du", "unsigned long long", 32),
      VEC("__v8si", "int", 32), VEC("__v8su", "unsigned int", 32), VEC("__v16hi", "short", 32), VEC("__v16hu", "unsigned short", 32),
      VEC("__v32qi", "char", 32), VEC("__v32qs", "signed char", 32), VEC("__v32qu", "unsigned char", 32),
      // The comparison predicates of _mm*_cmp_p[sd]/_s[sd], in the instruction's immediate order.
      ...["EQ_OQ", "LT_OS", "LE_OS", "UNORD_Q", "NEQ_UQ", "NLT_US", "NLE_US", "ORD_Q", "EQ_UQ", "NGE_US", "NGT_US", "FALSE_OQ",
        "NEQ_OQ", "GE_OS", "GT_OS", "TRUE_UQ", "EQ_OS", "LT_OQ", "LE_OQ", "UNORD_S", "NEQ_US", "NLT_UQ", "NLE_UQ", "ORD_S",
        "EQ_US", "NGE_UQ", "NGT_UQ", "FALSE_OS", "NEQ_OS", "GE_OQ", "GT_OQ", "TRUE_US"].map((p, i) => `#define _CMP_${p} 0x${i.toString(16).padStart(2, "0")}`),
    ].join("\n"),
    postamble: [
      "#define _mm256_ceil_pd(V) _mm256_round_pd((V), _MM_FROUND_CEIL)",
      "#define _mm256_floor_pd(V) _mm256_round_pd((V), _MM_FROUND_FLOOR)",
      "#define _mm256_ceil_ps(V) _mm256_round_ps((V), _MM_FROUND_CEIL)",
      "#define _mm256_floor_ps(V) _mm256_round_ps((V), _MM_FROUND_FLOOR)",
    ].join("\n"),
  },
  avx2intrin: {
    includes: ["avxintrin.h"],
    guard: "defined(__AVX2__)",
    postamble: "#define _mm_broadcastsd_pd(X) _mm_movedup_pd(X)\n#define _mm_broadcastsi128_si256(X) _mm256_broadcastsi128_si256(X)",
  },
  fmaintrin: { includes: ["avxintrin.h"], guard: "defined(__FMA__)" },
  f16cintrin: { includes: ["avxintrin.h"], guard: "defined(__F16C__)" },
};

/** Intrinsics that need a feature of their own inside a header (gcc's target pragmas). */
function rowGuard(row: Intrinsic): string | undefined {
  const name = parseProto(row.p).name;
  if (/^_mm_crc32_/.test(name)) return "defined(__CRC32__)";
  if (/^_mm_(aes|aeskeygenassist)/.test(name)) return "defined(__AES__)";
  if (/^_mm_clmulepi64/.test(name)) return "defined(__PCLMUL__)";
  if (/^_mm_lzcnt|lzcnt/.test(name) && row.h !== "lzcntintrin") return undefined;
  return undefined;
}

const NOTICE = "/* Generated by scripts/gen-intrinsics.ts from scripts/intrinsics/x86.ts: edit those. */";

function headerText(h: IntrinHeader): string {
  const spec = HEADERS[h];
  const guardName = `_TSCC_${h.toUpperCase()}_H`;
  const lines: string[] = [NOTICE, `#ifndef ${guardName}`, `#define ${guardName}`, ""];
  lines.push("#ifndef __x86_64__", `#error "<${h}.h> is for x86_64 targets"`, "#endif", "");
  for (const inc of spec.includes) lines.push(`#include <${inc}>`);
  if (spec.includes.length) lines.push("");
  if (spec.guard) lines.push(`#if ${spec.guard}`);
  if (spec.preamble) lines.push(spec.preamble, "");
  let open: string | undefined;
  for (const row of X86_INTRINSICS.filter((r) => r.h === h)) {
    const g = rowGuard(row);
    if (g !== open) {
      if (open) lines.push("#endif");
      if (g) lines.push(`#if ${g}`);
      open = g;
    }
    lines.push(emitIntrinsic(row));
  }
  if (open) lines.push("#endif");
  if (spec.postamble) lines.push(spec.postamble);
  if (spec.guard) lines.push(`#endif /* ${spec.guard} */`);
  if (spec.trailer) lines.push("", spec.trailer);
  lines.push("", `#endif /* ${guardName} */`, "");
  return lines.join("\n");
}

const EXTRA: Record<string, string> = {
  "mm_malloc.h": `${NOTICE}
#ifndef _TSCC_MM_MALLOC_H
#define _TSCC_MM_MALLOC_H
#include <stdlib.h>

/* Aligned allocation for vector data: posix_memalign wants a multiple of sizeof(void *). */
static __inline__ void *_mm_malloc(size_t __size, size_t __align) {
  void *__p;
  if (__align == 1) return malloc(__size);
  if (__align == 2 || __align == 4) __align = sizeof(void *);
  return posix_memalign(&__p, __align, __size) == 0 ? __p : (void *)0;
}

static __inline__ void _mm_free(void *__p) { free(__p); }

#endif
`,
  "x86gprintrin.h": `${NOTICE}
#ifndef _TSCC_X86GPRINTRIN_H
#define _TSCC_X86GPRINTRIN_H
#include <popcntintrin.h>
#include <lzcntintrin.h>
#include <bmiintrin.h>
#include <bmi2intrin.h>
#endif
`,
  "immintrin.h": `${NOTICE}
#ifndef _TSCC_IMMINTRIN_H
#define _TSCC_IMMINTRIN_H
/* SSE through SSE4.2, AES/PCLMUL, the bit-manipulation sets, AVX, AVX2, FMA and F16C. */
#include <x86gprintrin.h>
#include <mmintrin.h>
#include <xmmintrin.h>
#include <emmintrin.h>
#include <pmmintrin.h>
#include <tmmintrin.h>
#include <smmintrin.h>
#include <wmmintrin.h>
#include <avxintrin.h>
#include <avx2intrin.h>
#include <fmaintrin.h>
#include <f16cintrin.h>
#endif
`,
  "x86intrin.h": `${NOTICE}
#ifndef _TSCC_X86INTRIN_H
#define _TSCC_X86INTRIN_H
#include <immintrin.h>
#endif
`,
};

export function generateHeaders(): Record<string, string> {
  const out: Record<string, string> = { ...EXTRA };
  for (const h of Object.keys(HEADERS) as IntrinHeader[]) out[`${h}.h`] = headerText(h);
  return out;
}

// ------------------------------------------------------------ AArch64

const A64_NOTICE = "/* Generated by scripts/gen-intrinsics.ts from scripts/intrinsics/aarch64.ts: edit those. */";

/** NEON's types: 64- and 128-bit GNU vectors of each lane type, and their 2-4 element structures. */
function neonTypes(): string {
  const out: string[] = [
    "typedef float float32_t;", "typedef double float64_t;",
    "typedef uint8_t poly8_t;", "typedef uint16_t poly16_t;", "typedef uint64_t poly64_t;", "typedef unsigned __int128 poly128_t;",
    "/* What an asm scratch or memory operand of an intrinsic is (any alignment). */",
    VEC("__tscc_mem_t", "char", 16, ", __may_alias__, __aligned__(1)"),
  ];
  const elem: Record<string, string> = {
    int8: "signed char", int16: "short", int32: "int", int64: "long",
    uint8: "unsigned char", uint16: "unsigned short", uint32: "unsigned int", uint64: "unsigned long",
    float32: "float", float64: "double", poly8: "unsigned char", poly16: "unsigned short", poly64: "unsigned long",
  };
  for (const [name, c] of Object.entries(elem)) {
    const bits = Number(/\d+$/.exec(name)![0]);
    for (const q of [false, true]) {
      const t = vt({ kind: name.startsWith("u") ? "u" : name.startsWith("f") ? "f" : name.startsWith("p") ? "p" : "s", bits: bits as 8 | 16 | 32 | 64 }, q);
      out.push(VEC(t, c, q ? 16 : 8));
      for (const k of [2, 3, 4]) {
        const st = `${t.replace(/_t$/, "")}x${k}_t`;
        out.push(`typedef struct ${st} { ${t} val[${k}]; } ${st};`);
      }
    }
  }
  return out.join("\n");
}

function a64HeaderText(h: A64Header): string {
  const guardName = `_TSCC_${h.toUpperCase()}_H`;
  const lines: string[] = [A64_NOTICE, `#ifndef ${guardName}`, `#define ${guardName}`, ""];
  lines.push("#ifndef __aarch64__", `#error "<${h}.h> is for aarch64 targets"`, "#endif", "", "#include <stdint.h>", "");
  if (h === "arm_neon") lines.push(neonTypes(), "");
  for (const row of A64_INTRINSICS.filter((r) => r.h === h)) lines.push(emitIntrinsic(row));
  lines.push(`#endif /* ${guardName} */`, "");
  return lines.join("\n");
}

export function generateA64Headers(): Record<string, string> {
  return { "arm_neon.h": a64HeaderText("arm_neon"), "arm_acle.h": a64HeaderText("arm_acle") };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  for (const [name, text] of Object.entries(generateHeaders())) writeFileSync(join(INCLUDE, name), text);
  mkdirSync(INCLUDE_A64, { recursive: true });
  for (const [name, text] of Object.entries(generateA64Headers())) writeFileSync(join(INCLUDE_A64, name), text);
}
