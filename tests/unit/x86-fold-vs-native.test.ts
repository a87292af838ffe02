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

const hasGcc = spawnSync("gcc", ["--version"]).status === 0 && process.arch === "x64";
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

describe.skipIf(!hasGcc)("constant folding agrees with the machine", () => {
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
