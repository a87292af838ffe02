// Property test of the riscv64 assembler against GNU as
// (riscv64-linux-gnu-as with the options riscv64-linux-gnu-gcc passes):
// fast-check generates random instructions from the opcode table and the
// pseudo-instructions (registers by every name, boundary immediates, symbols
// under every relocation operator, rounding modes, fence sets, CSRs, 64-bit
// `li` constants, branches to undefined and nearby labels); a batch is
// assembled by gas and each instruction by us, and the bytes AND the
// relocations (offset, type, symbol, addend) of every instruction compared.
// Batches alternate `.option relax/norelax` and `pic/nopic`.
//
//   npx tsx tests/asm/oracle-riscv64.ts [--count 100000] [--seed N]
//   npx tsx tests/asm/oracle-riscv64.ts --layout [--count 500]   # whole functions: relaxation, alignment, CFI

import fc from "fast-check";
import { execFileSync } from "node:child_process";
import { assembleWithGas, cliOption, emptyResult, type OracleResult, reportOracle, runBatches } from "./oracle-common.js";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assembleFile } from "../../src/asm/index.js";
import { ElfFile } from "../../src/elf/reader.js";
import { R_RISCV, SHT_RELA } from "../../src/elf/constants.js";
import { OPCODES } from "../../src/asm/riscv64/opcodes.js";
import { FPR, GPR } from "../../src/asm/riscv64/inst.js";
import { compareObjects } from "./compare.js";

/** The options riscv64-linux-gnu-gcc 12 gives its assembler. */
export const GAS_OPTIONS = ["-march=rv64imafdc_zicsr_zifencei", "-mabi=lp64d", "-misa-spec=20191213"];

const gpr = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...GPR) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 31 }).map((i) => `x${i}`) },
  { weight: 1, arbitrary: fc.constant("fp") },
);
const fpr = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FPR) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 31 }).map((i) => `f${i}`) });
const SYMS = ["sym", "sym+4", "sym-8", "sym+0x1000", "ext", "sym+0x7ff", "sym-0x801"];
const TLS_SYMS = ["tsym", "tsym+8"];
const IMM12 = ["0", "1", "-1", "4", "8", "16", "31", "32", "-32", "-33", "63", "64", "255", "496", "512", "-512", "1020", "1024", "2047", "-2048", "2048", "-2049", "0x7ff", "-0x800"];
const imm12 = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...IMM12) },
  { weight: 2, arbitrary: fc.integer({ min: -2048, max: 2047 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom(...SYMS).map((s) => `%lo(${s})`) },
  { weight: 1, arbitrary: fc.constantFrom(...TLS_SYMS).map((s) => `%tprel_lo(${s})`) },
  { weight: 1, arbitrary: fc.constantFrom(...SYMS).map((s) => `%pcrel_lo(${s})`) },
);
const offsets = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("", "0", "4", "8", "12", "16", "24", "60", "64", "120", "124", "128", "248", "252", "256", "504", "508", "512", "-8", "2047", "-2048", "2048") },
  { weight: 2, arbitrary: fc.integer({ min: -2048, max: 2047 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom(...SYMS).map((s) => `%lo(${s})`) },
  { weight: 1, arbitrary: fc.constantFrom(...TLS_SYMS).map((s) => `%tprel_lo(${s})`) },
);
const mem = fc.tuple(offsets, gpr).map(([o, r]) => `${o}(${r})`);
const upper = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("0", "1", "31", "32", "0x80000", "0xfffff", "0xfffe0", "0xfffdf", "0x100000", "-1") },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xfffff }).map(String) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom("hi", "pcrel_hi", "got_pcrel_hi"), fc.constantFrom(...SYMS)).map(([op, s]) => `%${op}(${s})`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom("tprel_hi", "tls_ie_pcrel_hi", "tls_gd_pcrel_hi"), fc.constantFrom(...TLS_SYMS)).map(([op, s]) => `%${op}(${s})`) },
);
const shamt = (max: number): fc.Arbitrary<string> => fc.constantFrom("0", "1", "5", "31", "32", String(max), String(max + 1));
const CSR_NAMES = ["fflags", "frm", "fcsr", "cycle", "time", "instret", "sstatus", "mstatus", "mepc", "0x123", "0xc00", "4095", "4096"];
const rm = fc.constantFrom("rne", "rtz", "rdn", "rup", "rmm", "dyn");
const fenceSet = fc.constantFrom("iorw", "rw", "r", "w", "io", "i", "o", "ow", "ir");
const target = fc.constantFrom("ext", "ext@plt", "1f", "sym");
/** A 64-bit constant for li: boundaries, powers of two and their neighbours, random bit patterns. */
const constant64 = fc.oneof(
  fc.constantFrom("0", "1", "-1", "2047", "2048", "-2048", "-2049", "0x7fffffff", "0x80000000", "-0x80000000", "0xffffffff", "0x100000000",
    "0x7fffffffffffffff", "-0x8000000000000000", "0x123456789abcdef0", "0xfffffffffffff800", "0x800", "0x7ff800"),
  fc.integer({ min: 0, max: 63 }).chain((k) => fc.constantFrom(-1n, 0n, 1n).map((d) => String(BigInt.asIntN(64, (1n << BigInt(k)) + d)))),
  fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map(String),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map(String),
);

function operand(p: string): fc.Arbitrary<string> {
  switch (p) {
    case "d": case "s": case "t": return gpr;
    case "D": case "S": case "T": case "R": return fpr;
    case "j": return imm12;
    case "o": case "q": return mem;
    case "u": return upper;
    case ">": return shamt(63);
    case "<": return shamt(31);
    case "Z": return fc.constantFrom("0", "1", "31", "32");
    case "E": return fc.constantFrom(...CSR_NAMES);
    case "A": return fc.tuple(fc.constantFrom("", "0"), gpr).map(([o, r]) => `${o}(${r})`);
    case "b": case "a": return target;
    default: throw new Error(`operand pattern ${p}`);
  }
}

/** Base instructions from the table; the rounding mode is sometimes left out (gas's default, dyn). */
const base = fc.constantFrom(...OPCODES.values()).chain((e) => {
  const pats = e.operands ? e.operands.split(",") : [];
  const fixed = pats.filter((p) => p !== "m");
  const ops = fixed.length ? fc.tuple(...fixed.map(operand)) : fc.constant([] as string[]);
  const withRm = pats.includes("m") ? fc.tuple(ops, fc.option(rm, { nil: undefined })).map(([o, r]) => (r ? [...o, r] : o)) : ops;
  return withRm.map((o) => `${e.mnemonic}${o.length ? " " + o.join(", ") : ""}`);
});

const P = (mn: string, ...ops: fc.Arbitrary<string>[]): fc.Arbitrary<string> =>
  (ops.length ? fc.tuple(...ops) : fc.constant([] as string[])).map((o) => `${mn}${o.length ? " " + o.join(", ") : ""}`);
const sym = fc.constantFrom(...SYMS);
const tsym = fc.constantFrom(...TLS_SYMS);
const pseudo = fc.oneof(
  P("li", gpr, constant64), P("li", gpr, constant64), P("li", gpr, imm12.filter((x) => !x.startsWith("%"))),
  P("la", gpr, sym), P("lla", gpr, sym), P("la.tls.ie", gpr, tsym), P("la.tls.gd", gpr, tsym),
  P("call", target), P("tail", target),
  P("mv", gpr, gpr), fc.constantFrom("sext.b", "sext.h", "zext.h", "zext.w").chain((m) => P(m, gpr, gpr)), P("not", gpr, gpr), P("neg", gpr, gpr), P("negw", gpr, gpr), P("sext.w", gpr, gpr), P("zext.b", gpr, gpr),
  P("seqz", gpr, gpr), P("snez", gpr, gpr), P("sltz", gpr, gpr), P("sgtz", gpr, gpr), P("sgt", gpr, gpr, gpr), P("sgtu", gpr, gpr, gpr),
  fc.constantFrom("beqz", "bnez", "blez", "bgez", "bltz", "bgtz").chain((m) => P(m, gpr, target)),
  fc.constantFrom("beq", "bne", "blt", "bge", "bltu", "bgeu", "bgt", "ble", "bgtu", "bleu").chain((m) => P(m, gpr, gpr, target)),
  P("j", target), P("jal", target), P("jal", gpr, target), P("jr", gpr), P("jalr", gpr), P("ret"), P("nop"),
  fc.constantFrom("fmv.s", "fmv.d", "fabs.s", "fabs.d", "fneg.s", "fneg.d").chain((m) => P(m, fpr, fpr)),
  fc.constantFrom("fgt.s", "fgt.d", "fge.s", "fge.d").chain((m) => P(m, gpr, fpr, fpr)),
  P("csrr", gpr, fc.constantFrom(...CSR_NAMES)), fc.constantFrom("csrw", "csrs", "csrc").chain((m) => P(m, fc.constantFrom(...CSR_NAMES), gpr)),
  fc.constantFrom("csrwi", "csrsi", "csrci").chain((m) => P(m, fc.constantFrom(...CSR_NAMES), fc.constantFrom("0", "5", "31", "32"))),
  fc.constantFrom("rdcycle", "rdtime", "rdinstret", "frcsr", "frrm", "frflags", "fscsr", "fsrm", "fsflags").chain((m) => P(m, gpr)),
  P("fence"), P("fence", fenceSet, fenceSet), P("fence.tso"), P("fence.i"),
  fc.constantFrom("lb", "lh", "lw", "ld", "lbu", "lhu", "lwu").chain((m) => P(m, gpr, sym)),
  fc.constantFrom("sb", "sh", "sw", "sd").chain((m) => P(m, gpr, sym, gpr)),
  fc.constantFrom("flw", "fld").chain((m) => P(m, fpr, sym, gpr)), fc.constantFrom("fsw", "fsd").chain((m) => P(m, fpr, sym, gpr)),
  P("add", gpr, gpr, fc.constant("tp"), tsym.map((s) => `%tprel_add(${s})`)),
);

export const instruction: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: base }, { weight: 2, arbitrary: pseudo });

/** `.option` lines heading a batch: every combination of relaxation and PIC. */
const HEADERS = [[".option relax", ".option pic"], [".option norelax", ".option nopic"], [".option relax", ".option nopic"], [".option norelax", ".option pic"]];

/** Per instruction: its bytes and relocations as `offset type symbol addend` lines (offsets from its start). */
interface Piece { bytes: Uint8Array; relocs: string[] }

/** Split an object's .text at the labels `o0`, `o1`, … `oend`. */
function pieces(obj: Uint8Array, count: number): Piece[] {
  const e = new ElfFile(obj);
  const text = e.sectionByName(".text")!;
  const data = e.contents(text);
  const syms = e.symbols(e.symtab()!);
  const relocs: { offset: number; line: string }[] = [];
  for (const s of e.sections) {
    if (s.type !== SHT_RELA || s.name !== ".rela.text") continue;
    for (const r of e.relocations(s)) {
      // Numeric labels are numbered by instance (`.L1^B3`): compare them without the number.
      const name = (syms[r.sym]?.name ?? "").replace(/\x02\d+$/, "");
      relocs.push({ offset: r.offset, line: `${R_RISCV.describe(r.type)} ${name} ${r.addend}` });
    }
  }
  const bounds: number[] = [];
  const at = new Map(syms.map((s) => [s.name, s.value]));
  for (let i = 0; i < count; i++) bounds.push(at.get(`o${i}`)!);
  bounds.push(at.get("oend")!);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i], bounds[i + 1]];
    out.push({ bytes: data.subarray(a, b), relocs: relocs.filter((r) => r.offset >= a && r.offset < b).map((r) => `${r.offset - a} ${r.line}`) });
  }
  return out;
}

/** A line as assembled: the instruction, then the numeric label its `1f` targets. */
const body = (l: string): string => `\t${l}\n1:\n`;

export function compareBatch(lines: string[], header: readonly string[], work: string): OracleResult {
  const res = emptyResult();
  const head = header.map((h) => `\t${h}\n`).join("");
  // Ours alone, at the offset gas put it (branch fields hold the distance to the target, "for objdump").
  const ours = (l: string, at = 0): ReturnType<typeof assembleFile> =>
    assembleFile(`${head}${at ? `\t.skip ${at}\n` : ""}o0:${body(l)}oend:\n`, { fileName: "oracle.s", arch: "riscv64" });
  const keep = assembleWithGas(lines, {
    gas: ["riscv64-linux-gnu-as", ...GAS_OPTIONS],
    write: (k, src) => writeFileSync(src, head + k.map((l, i) => `o${i}:${body(l)}`).join("") + "oend:\n"),
    // Lines: the header, then two per instruction (the instruction, its `1:`).
    lineIndex: (line) => Math.floor((line - 1 - header.length) / 2),
    weAccept: (l) => ours(l).object !== undefined,
    describe: (l) => `${l} [${header.join("; ")}]`,
  }, work, res);
  const gasObj = readFileSync(join(work, "b.o"));
  const theirs = pieces(gasObj, keep.length);
  const starts = new Map(new ElfFile(gasObj).symbols(new ElfFile(gasObj).symtab()!).map((s) => [s.name, s.value]));
  keep.forEach((l, i) => {
    const r = ours(l, starts.get(`o${i}`)!);
    if (!r.object) { res.weRejected.push(`${l} [${header.join("; ")}]: ${r.diagnostics[0]?.message}`); return; }
    const mine = pieces(r.object, 1)[0];
    const t = theirs[i];
    res.checked++;
    const h = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");
    if (h(t.bytes) !== h(mine.bytes) || t.relocs.join("; ") !== mine.relocs.join("; ")) {
      res.mismatches.push(`${l} [${header.join("; ")}]: gas ${h(t.bytes)} {${t.relocs.join("; ")}} ours ${h(mine.bytes)} {${mine.relocs.join("; ")}}`);
    }
  });
  return res;
}

export function runOracle(count: number, seed: number, batch = 1000): OracleResult {
  return runBatches(fc.sample(instruction, { numRuns: count, seed }), batch, (lines, n, work) => compareBatch(lines, HEADERS[n % HEADERS.length]!, work));
}

// ---------------------------------------------------------------- layout

/**
 * Whole functions for the relaxation: labels, branches and jumps to them over
 * random distances (so every c.beqz/beq/c.bnez+jal/bne+jal and c.j/jal
 * choice is met, including exact range boundaries), code alignment, calls,
 * pcrel pairs and CFI, assembled as a file by both and compared as objects
 * (sections, symbols in order, relocations).
 */
const layoutItem = (labels: number): fc.Arbitrary<string> => fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: labels - 1 }).map((l) => `.L${l}:`) },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom("beqz a0", "bnez s1", "beqz a7", "blez a0", "beq a0, a1", "bne s0, zero", "bgtu a2, a3", "j", "jal", "jal t0"), fc.integer({ min: 0, max: labels - 1 })).map(([b, l]) => `\t${b}${b.includes(" ") ? ", " : " "}.L${l}`) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom("addi a0, a0, 1", "add a0, a1, a2", "sd ra, 8(sp)", "lui a5, 0x12"), fc.integer({ min: 1, max: 200 })).map(([i, n]) => `\t.rept ${n}\n\t${i}\n\t.endr`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }).map((k) => `\t.align ${k}`) },
  { weight: 1, arbitrary: fc.constantFrom("\tcall ext", "\ttail ext", "\tlla a0, sym", "\tla a1, sym", "\tlw a2, sym", "\t.cfi_def_cfa_offset 16", "\t.cfi_offset ra, -8", "\t.cfi_remember_state", "\t.cfi_restore_state") },
);
const layoutFile = fc.tuple(fc.integer({ min: 2, max: 6 }), fc.constantFrom(...HEADERS)).chain(([labels, header]) =>
  fc.array(layoutItem(labels), { minLength: 5, maxLength: 40 }).map((items) => {
    // Every label defined once: the first occurrence stays, later ones become plain code.
    const seen = new Set<string>();
    const body = items.map((it) => (/^\.L\d+:$/.test(it) ? (seen.has(it) ? "\tnop" : (seen.add(it), it)) : it));
    for (let l = 0; l < labels; l++) if (!seen.has(`.L${l}:`)) body.push(`.L${l}:`);
    return [...header.map((h) => `\t${h}`), "\t.text", "f:", "\t.cfi_startproc", ...body, "\tret", "\t.cfi_endproc", ""].join("\n");
  }));

export function runLayoutOracle(count: number, seed: number): { checked: number; failures: string[] } {
  const work = mkdtempSync(join(tmpdir(), "tscc-rv-layout-"));
  const res = { checked: 0, failures: [] as string[] };
  try {
    for (const src of fc.sample(layoutFile, { numRuns: count, seed })) {
      writeFileSync(join(work, "l.s"), src);
      try {
        execFileSync("riscv64-linux-gnu-as", [...GAS_OPTIONS, join(work, "l.s"), "-o", join(work, "l.o")], { stdio: "pipe" });
      } catch { continue; }
      res.checked++;
      const ours = assembleFile(src, { fileName: "l.s", arch: "riscv64" });
      const diffs = ours.object ? compareObjects(readFileSync(join(work, "l.o")), ours.object, { symbolOrder: true }) : ours.diagnostics.map((d) => d.message);
      if (diffs.length) res.failures.push(`${diffs.slice(0, 2).join("; ")}\n${src}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return res;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seed = Number(cliOption("--seed", String(Date.now() % 100000)));
  if (process.argv.includes("--layout")) {
    const l = runLayoutOracle(Number(cliOption("--count", "500")), seed);
    console.log(`riscv64 layout oracle: ${l.checked} files compared as objects, ${l.checked - l.failures.length} identical`);
    for (const f of l.failures.slice(0, Number(cliOption("--show", "3")))) console.log(f);
    process.exit(l.failures.length ? 1 : 0);
  }
  reportOracle("riscv64 asm oracle (bytes and relocations)", runOracle(Number(cliOption("--count", "5000")), seed));
}
