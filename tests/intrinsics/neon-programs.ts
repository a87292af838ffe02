// C programs exercising every intrinsic of scripts/intrinsics/aarch64.ts, for the
// differential test against aarch64-linux-gnu-gcc (tests/unit/neon-intrinsics.test.ts).
//
// valueProgram: each intrinsic called on edge and pseudo-random inputs, every
// result and every byte it stores printed in hex, one line per call. The inputs
// come from a byte pool filled at run time (edge patterns first: zeros, ones,
// 0x80, 0x7f, float and double specials), so gcc cannot fold the calls.
// instructionProgram: one wrapper `t_<name>` per intrinsic for the -S comparison.

import type { A64Intrinsic } from "../../scripts/intrinsics/aarch64.js";
import { parseProto } from "../../scripts/gen-intrinsics.js";

const POOL = 4096;
/** Offsets of the edge regions of the pool (see the prologue below), then random ones. */
const EDGE_OFFSETS = [0, 64, 128, 192, 256, 384];

/** The values a constant parameter takes: both ends of its range and one inside. */
function immValues(row: A64Intrinsic): number[] {
  const [lo, hi] = row.imm ?? [0, 0];
  return [...new Set([lo, hi, Math.floor((lo + hi + 1) / 2)])];
}

const PROLOGUE = [
  "#include <arm_neon.h>", "#include <arm_acle.h>", "#include <stdio.h>", "#include <string.h>",
  `static unsigned char pool[${POOL}];`,
  "static unsigned char buf[4][64];",
  "static void dump(const void *p, unsigned n) { const unsigned char *b = p; printf(\" \"); for (unsigned i = 0; i < n; i++) printf(\"%02x\", b[i]); }",
  "static void fill(unsigned char *b, unsigned seed) { for (int i = 0; i < 64; i++) { seed = seed * 1103515245u + 12345u; b[i] = (unsigned char)(seed >> 16); } }",
  "static void setup(void) {",
  "  unsigned seed = 12345;",
  `  for (int i = 0; i < ${POOL}; i++) { seed = seed * 1664525u + 1013904223u; pool[i] = (unsigned char)(seed >> 24); }`,
  "  memset(pool, 0, 64); memset(pool + 64, 0xff, 64); memset(pool + 128, 0x80, 64); memset(pool + 192, 0x7f, 64);",
  "  float f[] = { 1.5f, -0.0f, __builtin_nanf(\"\"), __builtin_inff(), -2.5f, 3e9f, 0.5f, -1e-40f, 65535.5f, -4e9f, 1e-10f, -__builtin_inff(), 2.5f, -3.5f, 7.0f, 1e30f, -0.75f, 0.0f, 255.0f, -1.0f, 3.25f, -6e9f, 1.0f, 100.5f, -100.5f, 4.5f, 0.25f, -0.5f, 8e-39f, 123456.0f, -7.5f, 9.0f };",
  "  double d[] = { 2.5, -0.0, __builtin_nan(\"\"), -__builtin_inf(), 1e300, -3.5, 0.5, 5e9, -2e19, 1e-310, 4.5, -0.75, 3e18, -1.0, 7.25, 1e-5 };",
  "  memcpy(pool + 256, f, sizeof f); memcpy(pool + 384, d, sizeof d);",
  "}",
];

function callsFor(row: A64Intrinsic, n: number): string[] {
  const proto = parseProto(row.p);
  const lines: string[] = [];
  let rng = 1000 + n * 7;
  const next = (): number => { rng = (rng * 1103515245 + 12345) >>> 0; return rng; };
  const imms = proto.params.some((p) => p.imm) ? immValues(row) : [undefined];
  const rounds = proto.params.length === 0 ? 1 : imms.length > 1 ? 2 : 4;
  for (const iv of imms) {
    for (let k = 0; k < rounds; k++) {
      const decls: string[] = [];
      let bufIndex = 0;
      const bufs: number[] = [];
      const args = proto.params.map((p, i) => {
        if (p.imm) return String(iv);
        if (p.type.includes("*")) {
          const b = bufIndex++;
          bufs.push(b);
          return `(${p.type})buf[${b}]`;
        }
        // Float lanes read the float/double edge regions in some rounds.
        const edge = EDGE_OFFSETS[(k + i * 2 + n) % EDGE_OFFSETS.length]!;
        const off = (k + i) % 3 === 2 ? 512 + (next() % (POOL - 1024)) : /float64/.test(p.type) ? 384 + ((k * 8) % 64) : /float32/.test(p.type) ? 256 + ((k * 4 + i * 12) % 64) : edge;
        decls.push(`${p.type} a${i}; memcpy(&a${i}, pool + ${off}, sizeof a${i});`);
        return `a${i}`;
      });
      const fills = bufs.map((b) => `fill(buf[${b}], ${n * 13 + k});`).join(" ");
      const call = `${proto.name}(${args.join(", ")})`;
      const body = proto.ret === "void" ? `${call};` : `${proto.ret} v = ${call}; dump(&v, sizeof v);`;
      const dumps = bufs.map((b) => `dump(buf[${b}], 64);`).join(" ");
      lines.push(`  { printf("${proto.name}"); ${fills} ${decls.join(" ")} ${body} ${dumps} printf("\\n"); }`);
    }
  }
  return lines;
}

/** The value program: one function per intrinsic (one huge main is slow to compile). */
export function valueProgram(rows: readonly A64Intrinsic[]): string {
  const out = [...PROLOGUE];
  const names: string[] = [];
  rows.forEach((row, n) => {
    const fn = `test_${n}`;
    names.push(fn);
    out.push(`static void ${fn}(void) {`, ...callsFor(row, n), "}");
  });
  out.push("int main(void) {", "  setup();", ...names.map((f) => `  ${f}();`), "  return 0;", "}");
  return out.join("\n") + "\n";
}

/** Wrappers `t_<name>`; a constant parameter takes 1 when its range allows, else its lowest value. */
export function instructionProgram(rows: readonly A64Intrinsic[]): string {
  const out = ["#include <arm_neon.h>", "#include <arm_acle.h>"];
  for (const row of rows) {
    const proto = parseProto(row.p);
    const [lo, hi] = row.imm ?? [0, 0];
    const imm = lo <= 1 && hi >= 1 ? 1 : lo;
    const params = proto.params.filter((p) => !p.imm).map((p) => `${p.type} ${p.name}`).join(", ") || "void";
    const args = proto.params.map((p) => (p.imm ? String(imm) : p.name)).join(", ");
    const call = `${proto.name}(${args})`;
    out.push(`${proto.ret} t_${proto.name}(${params}) { ${proto.ret === "void" ? call : "return " + call}; }`);
  }
  return out.join("\n") + "\n";
}

/** Mnemonics per `t_<name>` function of an AArch64 listing (inline asm lines may be unindented). */
export function mnemonicsByFunction(asm: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let cur: string[] | undefined;
  for (const line of asm.split("\n")) {
    const label = /^t_(\w+):/.exec(line);
    if (label) { cur = []; out.set(label[1]!, cur); continue; }
    const t = line.trim();
    if (!cur || t === "" || t.startsWith(".") || t.startsWith("//") || /^[\w.$]+:/.test(t)) continue;
    const m = /^([a-z][a-z0-9]*)\b/.exec(t);
    if (m) cur.push(m[1]!);
  }
  return out;
}

/**
 * gcc 12's NEON/ACLE prototypes from its header, normalised as the table writes
 * them (`const int` parameters become `imm`, parameter names dropped).
 */
export function gccPrototypes(header: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /extern __inline\s+([\w ]+?)\s*\n__attribute__\s*\(\([^)]*\)\)\n(\w+)\s*\(([^)]*)\)/g;
  for (const m of header.matchAll(re)) {
    // Every parameter of gcc's is named: drop the name, spell `__const` as const.
    const params = m[3]!.trim() === "void" ? [] : m[3]!.split(",").map((s) => {
      const t = spellType(s.replace(/__const\b/g, "const").replace(/\s*\b\w+\s*$/, ""));
      return t === "const int" ? "imm" : t;
    });
    out.set(m[2]!, `${m[1]!.trim()} ${m[2]!}(${params.join(", ")})`);
  }
  // vzip/vuzp come from a macro over a list of (result, input, suffix, q) types.
  const list = [...header.matchAll(/__DEFINTERLEAVE \(op, (\w+), (\w+), (\w+),\s*(q?)\)/g)];
  for (const op of header.matchAll(/^__INTERLEAVE_LIST \((\w+)\)/gm)) {
    for (const [, ret, input, suffix, q] of list) {
      const name = `v${op[1]}${q}_${suffix}`;
      out.set(name, `${ret} ${name}(${input}, ${input})`);
    }
  }
  return out;
}

/** A type with single spaces and none before or after `*`. */
const spellType = (t: string): string => t.trim().replace(/\s+/g, " ").replace(/\s*\*\s*/g, "*");

/** A table prototype in the same normal form. */
export function normalPrototype(p: string): string {
  const proto = parseProto(p);
  return `${proto.ret} ${proto.name}(${proto.params.map((q) => spellType(q.type)).join(", ")})`;
}
