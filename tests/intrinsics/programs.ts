// C programs exercising every intrinsic of scripts/intrinsics/x86.ts, for the
// differential test against gcc (tests/unit/intrinsics.test.ts).
//
// valueProgram: each intrinsic called on edge and pseudo-random inputs (fixed
// seed), every result and every byte it stores printed in hex, one line per
// call. instructionProgram: one wrapper function per intrinsic (`t_<name>`),
// compiled with -S so the instructions of each can be compared.

import { X86_INTRINSICS, type Intrinsic } from "../../scripts/intrinsics/x86.js";
import { parseProto, type Proto } from "../../scripts/gen-intrinsics.js";

/** Every -m option the headers' features need. */
export const ALL_FEATURES = ["-msse4.2", "-maes", "-mpclmul", "-mpopcnt", "-mlzcnt", "-mbmi", "-mbmi2", "-mcrc32", "-mavx2", "-mfma", "-mf16c"];

/** Results that are undefined by definition: not printed. */
const UNDEFINED_VALUE = /^_mm(256)?_undefined_/;

const VECTORS = new Set(["__m128", "__m128i", "__m128d", "__m64", "__m256", "__m256i", "__m256d"]);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s;
  };
}

/** Immediates to try: small ones are valid for every intrinsic; two-element selectors stop at 1. */
function immValues(name: string): number[] {
  if (/gather/.test(name)) return [1, 4, 8];
  if (/(extract|insert)[fi]128/.test(name)) return [0, 1];
  if (/(insert|extract)_epi64/.test(name)) return [0, 1];
  if (/insert|extract|pinsrw|pextrw/.test(name)) return [0, 1, 3];
  if (/_mm_prefetch/.test(name)) return [0, 3];
  if (/shuffle|blend_epi|_mm256_blend_ps|_dp_|alignr|mpsadbw|cmp[ei]str|clmul|insert_ps|keygen|s[lr]li_si(128|256)|bs[lr]li|permute|cvtps_ph/.test(name)) return [0, 1, 3, 0x11, 0x1b, 0x4e];
  return [0, 1, 2, 3];
}

/** A C expression for a vector argument: edge patterns first, then random bytes. */
function vectorArg(type: string, k: number, next: () => number): string {
  const bytes = type === "__m64" ? 8 : type.startsWith("__m256") ? 32 : 16;
  const edge: number[][] = [
    new Array<number>(bytes).fill(0), new Array<number>(bytes).fill(0xff), new Array<number>(bytes).fill(0x80),
    new Array<number>(bytes).fill(0x7f),
  ];
  const floatEdges = ["1.5f", "-0.0f", "__builtin_nanf(\"\")", "__builtin_inff()", "-2.5f", "3e9f", "0.5f", "-1e-40f"];
  const doubleEdges = ["2.5", "-0.0", "__builtin_nan(\"\")", "-__builtin_inf()", "1e300", "-3.5", "0.5", "5e9"];
  if ((type === "__m128" || type === "__m256") && k % 3 === 1) {
    const e = (i: number): string => floatEdges[(k + i * 3) % floatEdges.length]!;
    return `((${type}){${Array.from({ length: bytes / 4 }, (_, i) => e(i)).join(", ")}})`;
  }
  if ((type === "__m128d" || type === "__m256d") && k % 3 === 1) {
    const e = (i: number): string => doubleEdges[(k + i * 5) % doubleEdges.length]!;
    return `((${type}){${Array.from({ length: bytes / 8 }, (_, i) => e(i)).join(", ")}})`;
  }
  const b = k < edge.length ? edge[k]! : Array.from({ length: bytes }, () => next() & 0xff);
  const elems = b.map((x) => String(x)).join(", ");
  return bytes === 8 ? `((__m64)(__v8qi){${elems}})` : `((${type})(${bytes === 32 ? "__v32qi" : "__v16qi"}){${elems}})`;
}

/** Index vectors for a gather: elements 0..7 in a few orders, 32- or 64-bit as the name says. */
function gatherIndex(type: string, name: string, k: number): string {
  const wide = /_i64gather/.test(name);
  const n = (type === "__m256i" ? 32 : 16) / (wide ? 8 : 4);
  const order = Array.from({ length: n }, (_, i) => (i * (k % 2 === 0 ? 1 : 3) + k) % 8);
  return `((${type})(${wide ? (n === 4 ? "__v4di" : "__v2di") : n === 8 ? "__v8si" : "__v4si"}){${order.join(", ")}})`;
}

function scalarArg(type: string, name: string, k: number, next: () => number): string {
  if (/^_mm_setcsr$/.test(name)) return ["0x1f80", "0x9fc0", "0x3f80", "0x5f80"][k % 4]!;
  if (/^_MM_SET_/.test(name)) {
    const field: Record<string, string[]> = {
      _MM_SET_EXCEPTION_STATE: ["0", "0x1"], _MM_SET_EXCEPTION_MASK: ["0x1f80", "0x1f00"],
      _MM_SET_ROUNDING_MODE: ["0x2000", "0x6000"], _MM_SET_FLUSH_ZERO_MODE: ["0x8000", "0"],
    };
    return field[name]![k % 2]!;
  }
  if (type === "float") return ["1.5f", "-2.75f", "1e20f", "-0.0f"][k % 4]!;
  if (type === "double") return ["2.5", "-1e10", "3.25", "-0.0"][k % 4]!;
  const edges = ["0", "1", "-1", "7", "15", "16", "31", "33", "63", "64"];
  if (k < edges.length && !/long long|unsigned long/.test(type)) return `(${type})${edges[k]}`;
  const v = (BigInt(next()) << 32n) | BigInt(next());
  return `(${type})0x${v.toString(16)}ULL`;
}

/** How to print a value of type t held in C expression e. */
function printValue(t: string, e: string): string {
  if (VECTORS.has(t) || t === "float" || t === "double") return `dump(&${e}, sizeof(${t}));`;
  if (t === "void") return "";
  return `printf(" %llx", (unsigned long long)(${e}));`;
}

const POINTER_BUF = 64;

function callsFor(row: Intrinsic, proto: Proto, seed: number): string[] {
  const next = rng(seed);
  const lines: string[] = [];
  const imm = proto.params.find((p) => p.imm);
  const imms = imm ? immValues(proto.name) : [undefined];
  const pointers = proto.params.filter((p) => p.type.includes("*"));
  const rounds = proto.params.length === 0 ? 1 : 6;
  for (const iv of imms) {
    for (let k = 0; k < rounds; k++) {
      // Arguments go through volatile locals so that gcc cannot fold the call at compile time
      // (its folding of NaNs and out-of-range conversions differs from the instructions').
      const locals: string[] = [];
      const args = proto.params.map((p, i) => {
        if (p.imm) return String(iv);
        if (p.type.includes("*")) return `(${p.type})buf${i}`;
        // A gather's indices stay inside the 64-byte buffer its base points to (at scale 8: 0..7).
        const v = /gather/.test(proto.name) && p.type.endsWith("i") && VECTORS.has(p.type) && proto.params[i - 1]?.type.includes("*")
          ? gatherIndex(p.type, proto.name, k)
          : VECTORS.has(p.type) ? vectorArg(p.type, (k + i * 2) % 9, next) : scalarArg(p.type, proto.name, k + i, next);
        locals.push(`volatile ${p.type} a${i} = ${v};`);
        return `a${i}`;
      });
      const fill = pointers.map((p) => `fill(buf${proto.params.indexOf(p)}, ${seed + k});`).join(" ");
      const call = `${proto.name}(${args.join(", ")})`;
      const result = "{ " + locals.join(" ") + " " + (proto.ret === "void" || UNDEFINED_VALUE.test(proto.name) ? `(void)${call};` : `{ ${proto.ret} v = ${call}; ${printValue(proto.ret, "v")} }`) + " }";
      const bufs = pointers.map((p) => `dump(buf${proto.params.indexOf(p)}, ${POINTER_BUF});`).join(" ");
      const restore = /setcsr|_MM_SET_/.test(proto.name) ? ` printf(" csr %x", _mm_getcsr()); _mm_setcsr(0x1f80);` : "";
      lines.push(`  printf("${proto.name}"); ${fill} ${result} ${bufs}${restore} printf("\\n");`);
    }
  }
  return lines;
}

/** The whole value program (one function per intrinsic: a single huge main is slow to compile). */
export function valueProgram(rows: readonly Intrinsic[] = X86_INTRINSICS): string {
  const out: string[] = [
    "#include <x86intrin.h>", "#include <stdio.h>", "#include <string.h>",
    "static void dump(const void *p, unsigned n) { const unsigned char *b = p; printf(\" \"); for (unsigned i = 0; i < n; i++) printf(\"%02x\", b[i]); }",
    "static void fill(unsigned char *b, unsigned seed) { for (int i = 0; i < 64; i++) { seed = seed * 1103515245u + 12345u; b[i] = (unsigned char)(seed >> 16); } }",
    ...[0, 1, 2, 3, 4].map((i) => `static unsigned char buf${i}[${POINTER_BUF}] __attribute__((aligned(64)));`),
  ];
  const names: string[] = [];
  rows.forEach((row, n) => {
    const proto = parseProto(row.p);
    const fn = `test_${n}`;
    names.push(fn);
    out.push(`static void ${fn}(void) {`, ...callsFor(row, proto, 1000 + n * 7), "}");
  });
  out.push("int main(void) {", ...names.map((f) => `  ${f}();`), "  return 0;", "}");
  return out.join("\n") + "\n";
}

/**
 * Wrappers `t_<name>` for the -S comparison; immediates take the value 1, except
 * the blends, for which gcc turns a mask of 1 into movss/movsd.
 */
export function instructionProgram(rows: readonly Intrinsic[]): string {
  const out = ["#include <x86intrin.h>"];
  for (const row of rows) {
    const proto = parseProto(row.p);
    const params = proto.params.filter((p) => !p.imm).map((p) => `${p.type} ${p.name}`).join(", ") || "void";
    const imm = /^_mm_blend_p[sd]$/.test(proto.name) ? "2" : "1";
    const args = proto.params.map((p) => (p.imm ? imm : p.name)).join(", ");
    const call = `${proto.name}(${args})`;
    out.push(`${proto.ret} t_${proto.name}(${params}) { ${proto.ret === "void" ? call : "return " + call}; }`);
  }
  return out.join("\n") + "\n";
}

/** Mnemonics per `t_<name>` function of an assembly listing. */
export function mnemonicsByFunction(asm: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let cur: string[] | undefined;
  for (const line of asm.split("\n")) {
    const label = /^t_(\w+):/.exec(line);
    if (label) { cur = []; out.set(label[1]!, cur); continue; }
    const m = /^\s+([a-z][a-z0-9]*)\b/.exec(line);
    if (cur && m && !line.trimStart().startsWith(".")) cur.push(line.trim().startsWith("rep nop") ? "pause" : m[1]!);
  }
  return out;
}
