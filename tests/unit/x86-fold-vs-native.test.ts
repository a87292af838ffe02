// Differential test: the constant folder (exact BigInt arithmetic) against the
// x86_64 backend executing the same operations at run time. A seeded sample
// of (op, type, a, b) triples is compiled twice — once with constants inline
// and the pipeline folding them, once through function parameters at -O0 —
// and both programs must print the same bits.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseModule, runPipeline } from "../../src/ir/index.js";
import type { IntBinOp, ICmpPred } from "../../src/ir/index.js";
import { emitAssembly } from "../../src/backend-x86_64/index.js";
import { requireForEach } from "./require.js";

type T = "i8" | "i16" | "i32" | "i64";
const W: Record<T, number> = { i8: 8, i16: 16, i32: 32, i64: 64 };
const OPS: IntBinOp[] = ["add", "sub", "mul", "sdiv", "udiv", "srem", "urem", "and", "or", "xor", "shl", "lshr", "ashr"];
const PREDS: ICmpPred[] = ["eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"];

interface Case { op: IntBinOp | ICmpPred; type: T; a: bigint; b: bigint }

/** Operations with undefined behaviour are not compared. */
function defined(c: Case): boolean {
  const w = W[c.type];
  const sb = BigInt.asIntN(w, c.b), sa = BigInt.asIntN(w, c.a);
  if (["sdiv", "srem", "udiv", "urem"].includes(c.op) && sb === 0n) return false;
  if ((c.op === "sdiv" || c.op === "srem") && sb === -1n && sa === -(1n << BigInt(w - 1))) return false;
  if (["shl", "lshr", "ashr"].includes(c.op) && BigInt.asUintN(w, c.b) >= BigInt(w)) return false;
  return true;
}

const interesting = (w: number): fc.Arbitrary<bigint> => fc.oneof(
  fc.bigInt({ min: -(1n << BigInt(w - 1)), max: (1n << BigInt(w)) - 1n }),
  fc.constantFrom(0n, 1n, -1n, 2n, 7n, BigInt(w - 1), 1n << BigInt(w - 1), (1n << BigInt(w - 1)) - 1n),
);
const caseArb: fc.Arbitrary<Case> = fc.constantFrom<T>("i8", "i16", "i32", "i64").chain((type) =>
  fc.record({
    op: fc.constantFrom<IntBinOp | ICmpPred>(...OPS, ...PREDS),
    type: fc.constant(type),
    a: interesting(W[type]),
    b: interesting(W[type]),
  }));

function program(cases: Case[], inline: boolean): string {
  const out: string[] = ['global internal readonly align 1 $fmt = { bytes "%lx\\0a\\00" }'];
  const body: string[] = [];
  cases.forEach((c, k) => {
    const isCmp = (PREDS as string[]).includes(c.op);
    const res = isCmp ? `%r = icmp ${c.op} ${c.type} %a, %b\n  %z = zext i1 %r to i64` : `%r = ${c.op} ${c.type} %a, %b\n  %z = ${c.type === "i64" ? "copy i64 %r" : `zext ${c.type} %r to i64`}`;
    if (inline) {
      out.push(`function i64 $f${k}() {\n@e\n  ${res.replace("%a", String(c.a)).replace("%b", String(c.b))}\n  ret %z\n}`);
      body.push(`  %v${k} = call i64 $f${k}()`);
    } else {
      out.push(`function i64 $f${k}(${c.type} %a, ${c.type} %b) {\n@e\n  ${res}\n  ret %z\n}`);
      body.push(`  %v${k} = call i64 $f${k}(${c.type} ${c.a}, ${c.type} ${c.b})`);
    }
    body.push(`  %p${k} = call i32 $printf(ptr %fmt, ..., i64 %v${k})`);
  });
  out.push(`function i32 $main() {\n@e\n  %fmt = addr $fmt\n${body.join("\n")}\n  ret 0\n}`);
  return out.join("\n");
}

function run(text: string, opt: number, dir: string, name: string): string {
  const m = parseModule(text);
  runPipeline(m, opt, { verify: true });
  const s = join(dir, name + ".s");
  writeFileSync(s, emitAssembly(m, { optLevel: opt, pic: false }));
  execFileSync("gcc", [s, "-o", join(dir, name)]);
  return spawnSync(join(dir, name), { encoding: "utf8" }).stdout;
}

type F = "f32" | "f64";
const FOPS = ["fadd", "fsub", "fmul", "fdiv", "oeq", "one", "olt", "ole", "ogt", "oge", "ord", "ueq", "une", "ult", "ule", "ugt", "uge", "uno",
  "sitofp", "uitofp", "fptosi", "fptoui", "fpext/fptrunc"] as const;
interface FCase { op: (typeof FOPS)[number]; type: F; a: number; b: number; n: bigint }
const fnum = fc.oneof(fc.double(), fc.constantFrom(0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, 1e300, 2 ** 63, 2 ** 64 - 2048, 3.4e38));
const fcaseArb: fc.Arbitrary<FCase> = fc.record({
  op: fc.constantFrom(...FOPS), type: fc.constantFrom<F>("f32", "f64"), a: fnum, b: fnum,
  n: fc.oneof(fc.bigInt({ min: -(1n << 63n), max: (1n << 64n) - 1n }), fc.constantFrom(0n, 1n, -1n, 1n << 63n, (1n << 53n) + 1n)),
});

function fprogram(cases: FCase[], inline: boolean): string {
  const out: string[] = ['global internal readonly align 1 $fmt = { bytes "%lx\\0a\\00" }'];
  const body: string[] = [];
  const lit = (t: F, x: number): string => {
    const buf = new DataView(new ArrayBuffer(8));
    if (t === "f32") { buf.setFloat32(0, x); return "0x" + buf.getUint32(0).toString(16); }
    buf.setFloat64(0, x);
    return "0x" + buf.getBigUint64(0).toString(16);
  };
  cases.forEach((c, k) => {
    const t = c.type;
    const i64 = (v: string): string => (t === "f32" ? `%bits = bitcast f32 ${v} to i32\n  %z = zext i32 %bits to i64` : `%z = bitcast f64 ${v} to i64`);
    let params: string, args: string, code: string;
    const A = inline ? lit(t, c.a) : "%a", B = inline ? lit(t, c.b) : "%b", N = inline ? String(c.n) : "%n";
    if (["fadd", "fsub", "fmul", "fdiv"].includes(c.op)) {
      code = `%r = ${c.op} ${t} ${A}, ${B}\n  ${i64("%r")}`;
      params = `${t} %a, ${t} %b`; args = `${t} ${lit(t, c.a)}, ${t} ${lit(t, c.b)}`;
    } else if (c.op === "sitofp" || c.op === "uitofp") {
      code = `%r = ${c.op} i64 ${N} to ${t}\n  ${i64("%r")}`;
      params = "i64 %n"; args = `i64 ${c.n}`;
    } else if (c.op === "fptosi" || c.op === "fptoui") {
      // Only in-range values are defined: clamp the input into range first.
      const lim = c.op === "fptosi" ? 2 ** 62 : 2 ** 63 * 1.5;
      const x = Number.isFinite(c.a) ? (c.op === "fptoui" ? Math.abs(c.a) : c.a) % lim : 3;
      const xs = t === "f32" ? Math.fround(x) : x;
      code = `%z = ${c.op} ${t} ${inline ? lit(t, xs) : "%a"} to i64`;
      params = `${t} %a`; args = `${t} ${lit(t, xs)}`;
    } else if (c.op === "fpext/fptrunc") {
      code = t === "f32" ? `%r = fpext f32 ${A} to f64\n  %z = bitcast f64 %r to i64` : `%r = fptrunc f64 ${A} to f32\n  %bits = bitcast f32 %r to i32\n  %z = zext i32 %bits to i64`;
      params = `${t} %a`; args = `${t} ${lit(t, c.a)}`;
    } else {
      code = `%r = fcmp ${c.op} ${t} ${A}, ${B}\n  %z = zext i1 %r to i64`;
      params = `${t} %a, ${t} %b`; args = `${t} ${lit(t, c.a)}, ${t} ${lit(t, c.b)}`;
    }
    if (inline) {
      out.push(`function i64 $f${k}() {\n@e\n  ${code}\n  ret %z\n}`);
      body.push(`  %v${k} = call i64 $f${k}()`);
    } else {
      out.push(`function i64 $f${k}(${params}) {\n@e\n  ${code}\n  ret %z\n}`);
      body.push(`  %v${k} = call i64 $f${k}(${args})`);
    }
    body.push(`  %p${k} = call i32 $printf(ptr %fmt, ..., i64 %v${k})`);
  });
  out.push(`function i32 $main() {\n@e\n  %fmt = addr $fmt\n${body.join("\n")}\n  ret 0\n}`);
  return out.join("\n");
}

describe("constant folding agrees with the machine", () => {
  requireForEach("gcc", { hostArch: "x64" });
  it("on 300 seeded float operations and conversions", () => {
    const cases = fc.sample(fcaseArb, { numRuns: 300, seed: 7 });
    const dir = mkdtempSync(join(tmpdir(), "tscc-ffold-"));
    const a = run(fprogram(cases, true), 1, dir, "folded").split("\n");
    const b = run(fprogram(cases, false), 0, dir, "native").split("\n");
    // NaN results may differ in payload/sign between folding and hardware; compare NaN-ness then.
    const isNaNBits = (c: FCase, h: string | undefined): boolean => {
      if (!h || !["fadd", "fsub", "fmul", "fdiv", "fpext/fptrunc"].includes(c.op)) return false;
      const v = BigInt("0x" + h);
      const f32 = (c.type === "f32") !== (c.op === "fpext/fptrunc");
      return f32 ? (v & 0x7f800000n) === 0x7f800000n && (v & 0x7fffffn) !== 0n
        : (v & 0x7ff0000000000000n) === 0x7ff0000000000000n && (v & 0xfffffffffffffn) !== 0n;
    };
    const bad = cases.map((c, k) => ({ c, k }))
      .filter(({ c, k }) => a[k] !== b[k] && !(isNaNBits(c, a[k]) && isNaNBits(c, b[k])));
    expect(bad.map(({ c, k }) => `${c.op} ${c.type} ${c.a} ${c.b} ${c.n}: folded ${a[k]} native ${b[k]}`)).toEqual([]);
  });

  it("on 400 seeded integer operations", () => {
    const cases = fc.sample(caseArb, { numRuns: 600, seed: 42 }).filter(defined).slice(0, 400);
    const dir = mkdtempSync(join(tmpdir(), "tscc-fold-"));
    const folded = program(cases, true);
    // Folding really happened: no arithmetic left in the folded functions.
    const m = parseModule(folded);
    runPipeline(m, 1, { verify: true });
    expect(m.funcs.slice(0, -1).every((f) => f.blocks.every((b) => b.insts.length === 0))).toBe(true);
    const a = run(folded, 1, dir, "folded").split("\n");
    const b = run(program(cases, false), 0, dir, "native").split("\n");
    const bad = cases.map((c, k) => ({ c, k })).filter(({ k }) => a[k] !== b[k]);
    expect(bad.map(({ c, k }) => `${c.op} ${c.type} ${c.a}, ${c.b}: folded ${a[k]} native ${b[k]}`)).toEqual([]);
  });
});
