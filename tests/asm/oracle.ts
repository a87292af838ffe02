// Property test of the x86_64 encoder against GNU as: fast-check generates
// random instructions from the opcode table's operand types (registers of all
// classes, every addressing mode, boundary immediates, symbols); a batch is
// assembled by both and compared instruction by instruction.
//
//   npx tsx tests/asm/oracle.ts [--count 100000] [--seed N]

import fc from "fast-check";
import { assembleWithGas, cliOption, emptyResult, type OracleResult, reportOracle, runBatches } from "./oracle-common.js";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assembleFile } from "../../src/asm/index.js";
import { ElfFile } from "../../src/elf/reader.js";
import { FORMS, type Form } from "../../src/asm/x86_64/forms.js";
import { GPR16, GPR32, GPR64, GPR8, XMM, YMM } from "../../src/asm/x86_64/inst.js";

const GPR: Record<number, readonly string[]> = { 1: GPR8, 2: GPR16, 4: GPR32, 8: GPR64 };
const BASES = [...GPR64, "rip"];
const INDEXES = GPR64.filter((r) => r !== "rsp");
const IMMS = ["0", "1", "-1", "127", "128", "-128", "-129", "255", "256", "32767", "-32768", "65535", "0x7fffffff", "-0x80000000", "0x12345678", "sym", "sym+8"];
const DISPS = ["", "0", "8", "-8", "127", "128", "-129", "0x1000", "sym", "sym+4", "sym-16"];

/** Mnemonics to exercise: every table entry except branches (relaxation is covered by the corpus). */
const SKIP = /^(call|callq|jmp|jmpq|loop|loopn?[ez]|jrcxz|jecxz)$/;
/** The VEX-encoded mnemonics (AVX, AVX2, FMA, F16C, BMI1/2), for `--only`. */
export const VEX_MNEMONICS = /^v|^(andn|bextr|bls|bzhi|mulx|pdep|pext|rorx|s[ah][lr]x)/;
const candidatesOf = (only: RegExp | undefined): { mn: string; f: Form }[] =>
  [...FORMS.entries()].flatMap(([mn, forms]) => (SKIP.test(mn) || (only && !only.test(mn)) ? [] : forms.map((f) => ({ mn, f }))));

const mem = fc.record({
  base: fc.option(fc.constantFrom(...BASES), { nil: undefined }),
  index: fc.option(fc.constantFrom(...INDEXES), { nil: undefined }),
  scale: fc.constantFrom(1, 2, 4, 8),
  disp: fc.constantFrom(...DISPS),
  seg: fc.constantFrom("", "", "", "%fs:"),
}).map(({ base, index, scale, disp, seg }) => {
  if (base === "rip") return `${seg}${disp || "0"}(%rip)`;
  if (!base && !index) return `${seg}${disp || "0x10"}`;
  return `${seg}${disp}(${base ? "%" + base : ""}${index ? `,%${index},${scale}` : ""})`;
});

function operand(t: string, size: number): fc.Arbitrary<string> {
  const reg = (n: number): fc.Arbitrary<string> => fc.constantFrom(...GPR[n]).map((r) => "%" + r);
  switch (t) {
    case "r": case "rn0": return reg(size);
    case "r8": case "r16": case "r32": case "r64": return reg(Number(t.slice(1)) / 8);
    case "rm": return fc.oneof(reg(size), mem);
    case "rm8": case "rm16": case "rm32": case "rm64": return fc.oneof(reg(Number(t.slice(2)) / 8), mem);
    case "m": return mem;
    case "acc": return fc.constant("%" + GPR[size][0]);
    case "acc16": return fc.constant("%ax");
    case "cl": return fc.constant("%cl");
    case "dx": return fc.constant("%dx");
    case "one": return fc.constant("$1");
    case "x": case "xr": case "vx": case "xi": return fc.constantFrom(...XMM).map((r) => "%" + r);
    case "y": case "yr": case "vy": case "yi": return fc.constantFrom(...YMM).map((r) => "%" + r);
    case "ym": return fc.oneof(fc.constantFrom(...YMM).map((r) => "%" + r), mem);
    case "vr": return reg(size);
    case "xmm0": return fc.constant("%xmm0");
    case "xm": return fc.oneof(fc.constantFrom(...XMM).map((r) => "%" + r), mem);
    case "st0": return fc.constant("%st");
    case "sti": return fc.integer({ min: 0, max: 7 }).map((i) => `%st(${i})`);
    case "*rm64": return fc.oneof(reg(8), mem).map((o) => "*" + o);
    case "ib": return fc.constantFrom("0", "1", "5", "127", "-1", "255").map((v) => "$" + v);
    case "iw": return fc.constantFrom("0", "8", "0x1234").map((v) => "$" + v);
    default: return fc.constantFrom(...IMMS).map((v) => "$" + v);
  }
}

/** Random instructions from the table's forms (those of mnemonics matching `only`, if given). */
export const instructionOf = (only?: RegExp): fc.Arbitrary<string> => fc.constantFrom(...candidatesOf(only)).chain(({ mn, f }) =>
  (f.ops.length ? fc.tuple(...f.ops.map((t) => operand(t, f.size))) : fc.constant([] as string[])).map((ops) => `${mn}${ops.length ? " " + ops.join(", ") : ""}`));

function textOf(obj: Uint8Array): Uint8Array {
  const e = new ElfFile(obj);
  return e.contents(e.sectionByName(".text")!);
}

/** Assemble `lines` with both assemblers; lines gas rejects are dropped first. */
export function compareBatch(lines: string[], work: string): OracleResult {
  const res = emptyResult();
  const keep = assembleWithGas(lines, {
    gas: ["as"],
    // A label before each instruction: gas's symbol table then gives every instruction's offset.
    write: (k, src) => writeFileSync(src, k.map((l, i) => `o${i}:\t${l}\n`).join("")),
    lineIndex: (line) => line - 1,
    weAccept: (l) => assembleFile(`\t${l}\n`, { fileName: "oracle.s" }).object !== undefined,
  }, work, res);
  const gasObj = readFileSync(join(work, "b.o"));
  const gasText = textOf(gasObj);
  const elf = new ElfFile(gasObj);
  const offsets = new Map(elf.symbols(elf.symtab()!).map((s) => [s.name, s.value]));
  keep.forEach((l, i) => {
    const off = offsets.get(`o${i}`)!;
    const end = offsets.get(`o${i + 1}`) ?? gasText.length;
    const r = assembleFile(`\t${l}\n`, { fileName: "oracle.s" });
    if (!r.object) { res.weRejected.push(`${l}: ${r.diagnostics[0]?.message}`); return; }
    const ours = textOf(r.object);
    const theirs = gasText.subarray(off, end);
    res.checked++;
    if (theirs.length !== ours.length || ours.some((b, j) => b !== theirs[j])) {
      const h = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");
      res.mismatches.push(`${l}: gas ${h(theirs)} ours ${h(ours)}`);
    }
  });
  return res;
}

export function runOracle(count: number, seed: number, batch = 2000, only?: RegExp): OracleResult {
  return runBatches(fc.sample(instructionOf(only), { numRuns: count, seed }), batch, (lines, _n, work) => compareBatch(lines, work));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `--only REGEX`: just the mnemonics it matches (`--only vex`: the VEX-encoded ones).
  const only = process.argv.includes("--only") ? cliOption("--only", "") : undefined;
  reportOracle("asm oracle", runOracle(Number(cliOption("--count", "5000")), Number(cliOption("--seed", String(Date.now() % 100000))), 2000,
    only === undefined ? undefined : only === "vex" ? VEX_MNEMONICS : new RegExp(only)));
}
