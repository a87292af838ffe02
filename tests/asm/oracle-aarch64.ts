// Property test of the AArch64 encoder against GNU as (aarch64-linux-gnu-as):
// fast-check generates instructions from the opcode table's operand codes and
// the alias list (every register class, addressing form, boundary and random
// immediates, undefined symbols with every relocation operator, and now and
// then an operand of the wrong kind or out of range). Each batch is assembled
// by gas; what gas rejects we must reject, and for the rest the 32-bit words
// and the relocations (type, symbol, addend) must be the same.
//
//   npx tsx tests/asm/oracle-aarch64.ts [--count 100000] [--seed N]

import fc from "fast-check";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assembleWithGas, cliOption, emptyResult, type OracleResult, reportOracle, runBatches } from "./oracle-common.js";
import { Assembler } from "../../src/asm/assembler.js";
import { x86_64Assembler } from "../../src/asm/x86_64/arch.js";
import { AsmError } from "../../src/asm/arch.js";
import { encodeInst, type A64Encoded } from "../../src/asm/aarch64/encoder.js";
import { parseInstruction } from "../../src/asm/aarch64/parser.js";
import { OPCODES } from "../../src/asm/aarch64/opcodes.js";
import { BARRIERS, PREFETCH_OPS, SYSREG_NAMES } from "../../src/asm/aarch64/names.js";
import { CONDITIONS, RELOC_OPS } from "../../src/asm/aarch64/inst.js";
import { ElfFile } from "../../src/elf/reader.js";
import { R_AARCH64, SHT_RELA } from "../../src/elf/constants.js";
import { EvalError } from "../../src/asm/value.js";

export const GAS = "aarch64-linux-gnu-as";
/** LSE atomics, half-precision scalars and AES are in the table, so gas must accept them too. */
export const GAS_FLAGS = ["-march=armv8.2-a+fp16+aes"];

// ---------------------------------------------------------------- operand generators

const pick = <T>(...xs: T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const regNum = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 30 }) }, { weight: 1, arbitrary: fc.constant(31) });
const SYMS = ["sym", "sym+8", "sym-4", "sym+0x1000", "foo"];
const symWith = (ops: readonly string[]): fc.Arbitrary<string> => fc.tuple(pick(...ops), pick(...SYMS), pick("", "#")).map(([op, s, h]) => `${h}:${op}:${s}`);
const anySym = symWith(RELOC_OPS);
const imm = (...vals: (string | number | bigint)[]): fc.Arbitrary<string> =>
  fc.tuple(pick(...vals.map(String)), pick("#", "#", "")).map(([v, h]) => h + v);
const bigImm = fc.oneof(
  fc.bigInt({ min: -(1n << 63n), max: (1n << 64n) - 1n }),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xffff })).map(([hw, v]) => BigInt(v) << BigInt(hw * 16)),
  fc.tuple(fc.integer({ min: 1, max: 63 }), fc.integer({ min: 0, max: 63 }), pick(2, 4, 8, 16, 32, 64)).map(([ones, rot, e]) => {
    // Replicated rotated runs of ones: the valid logical immediates (and, past the element size, invalid ones).
    const k = ones % e || 1;
    const run = (1n << BigInt(k)) - 1n;
    const r = rot % e;
    const elem = ((run >> BigInt(r)) | (run << BigInt(e - r))) & ((1n << BigInt(e)) - 1n);
    let v = 0n;
    for (let i = 0; i < 64; i += e) v |= elem << BigInt(i);
    return v;
  }),
  fc.bigInt({ min: -300n, max: 300n }),
).map((v) => (v < 0n ? `#${v}` : `#0x${v.toString(16)}`));
const FP_IMMS = ["1.0", "-1.0", "0.5", "2.5e+0", "31.0", "0.125", "-0.1875", "1.9375", "0.0", "3.3", "32.0", "0.1", "#1.5", "#-2.0"];

interface Variant { R?: 32 | 64; F?: string; V?: string }
function parseVariant(key: string): Variant {
  if (/^\d/.test(key)) return { V: key };
  const v: Variant = {};
  for (const c of key) {
    if (c === "w") v.R = 32;
    else if (c === "x") v.R = 64;
    else v.F = c;
  }
  return v;
}
const ELEM: Record<string, string> = { "8b": "b", "16b": "b", "4h": "h", "8h": "h", "2s": "s", "4s": "s", "1d": "d", "2d": "d" };
const WIDE: Record<string, string> = { "8b": "8h", "16b": "8h", "4h": "4s", "8h": "4s", "2s": "2d", "4s": "2d" };
const PAIR: Record<string, string> = { "8b": "4h", "16b": "8h", "4h": "2s", "8h": "4s", "2s": "1d", "4s": "2d" };
const ELEM_COUNT: Record<string, number> = { b: 16, h: 8, s: 4, d: 2 };

function gprText(size: 32 | 64, n: number, sp: boolean): string {
  if (n === 31) return sp ? (size === 64 ? "sp" : "wsp") : size === 64 ? "xzr" : "wzr";
  return (size === 64 ? "x" : "w") + n;
}
const gprArb = (size: 32 | 64, sp: boolean): fc.Arbitrary<string> => regNum.map((n) => gprText(size, n, sp));
const baseReg = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 30 }).map((n) => "x" + n) }, { weight: 1, arbitrary: fc.constant("sp") });
const elemArb = (size: string): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: ELEM_COUNT[size] })).map(([n, i]) => `v${n}.${size}[${i}]`);

function memArb(code: string, msz: number): fc.Arbitrary<string> {
  const scale = 1 << msz;
  switch (code) {
    case "mU": return fc.oneof(
      fc.tuple(baseReg, fc.integer({ min: -2, max: 4097 })).map(([b, k]) => `[${b}, #${k * scale}]`),
      fc.tuple(baseReg, fc.integer({ min: -300, max: 300 })).map(([b, k]) => `[${b}, #${k}]`),
      baseReg.map((b) => `[${b}]`),
      fc.tuple(baseReg, anySym).map(([b, s]) => `[${b}, ${s}]`),
      fc.tuple(baseReg, symWith(["lo12", "got_lo12", "tlsdesc_lo12", "gottprel_lo12", "tprel_lo12_nc", "tprel_lo12", "dtprel_lo12", "dtprel_lo12_nc"])).map(([b, s]) => `[${b}, ${s}]`));
    case "m9": return fc.tuple(baseReg, fc.integer({ min: -260, max: 260 })).map(([b, k]) => `[${b}, #${k}]`);
    case "mpre9": return fc.tuple(baseReg, fc.integer({ min: -260, max: 260 })).map(([b, k]) => `[${b}, #${k}]!`);
    case "mpost9": return fc.tuple(baseReg, fc.integer({ min: -260, max: 260 })).map(([b, k]) => `[${b}], #${k}`);
    case "mR": return fc.tuple(baseReg, regNum, pick("", "lsl", "uxtw", "sxtw", "sxtx", "uxtx"), pick("", " #0", ` #${msz}`, " #1", " #3")).map(([b, n, e, a]) => {
      const x = e === "" || e === "lsl" || e === "sxtx" || e === "uxtx";
      const m = gprText(x ? 64 : 32, n, false);
      if (!e) return `[${b}, ${m}]`;
      if (e === "lsl" && !a) return `[${b}, ${m}, lsl #${msz}]`;
      return `[${b}, ${m}, ${e}${a}]`;
    });
    case "m7": case "mpre7": case "mpost7": return fc.tuple(baseReg, fc.integer({ min: -66, max: 66 }), fc.boolean()).map(([b, k, aligned]) => {
      const off = aligned ? k * scale : k;
      return code === "m7" ? `[${b}, #${off}]` : code === "mpre7" ? `[${b}, #${off}]!` : `[${b}], #${off}`;
    });
    case "m0": return fc.tuple(baseReg, pick("", ", #0", ", 0", ", #8")).map(([b, o]) => `[${b}${o}]`);
    default: throw new Error(`no generator for ${code}`);
  }
}

function operandArb(code: string, v: Variant, msz: number): fc.Arbitrary<string> {
  code = code.replace(/\?$/, "");
  let m = /^([RWX])(d|n|m|a|t2|t|s)(S?)$/.exec(code);
  if (m) return gprArb(m[1] === "W" ? 32 : m[1] === "X" ? 64 : v.R!, m[3] === "S");
  m = /^([FBHSDQ])(d|n|m|a|t2|t)$/.exec(code);
  if (m) {
    const c = m[1] === "F" ? v.F : m[1].toLowerCase();
    if (!c) throw new Error(`generator: ${code} without an FP class in variant`);
    return fc.integer({ min: 0, max: 31 }).map((n) => c + n);
  }
  m = /^F(e|w)[dn]$/.exec(code);
  if (m) {
    const e = ELEM[v.V!];
    const c = m[1] === "e" ? e : { b: "h", h: "s", s: "d", d: "q" }[e]!;
    // Sometimes the other size: gas must reject it and so must we.
    return fc.tuple(fc.integer({ min: 0, max: 31 }), pick(c, c, c, "b", "s", "d")).map(([n, k]) => k + n);
  }
  m = /^V[dnm]([wp]?)$/.exec(code);
  if (m) {
    const arr = m[1] === "w" ? WIDE[v.V!] : m[1] === "p" ? PAIR[v.V!] : v.V;
    if (!arr) throw new Error(`generator: ${code} without an arrangement`);
    return fc.integer({ min: 0, max: 31 }).map((n) => `v${n}.${arr}`);
  }
  const sh = (max: number): fc.Arbitrary<string> => fc.tuple(pick("lsl", "lsr", "asr", "ror"), fc.integer({ min: 0, max })).map(([o, a]) => `${o} #${a}`);
  switch (code) {
    case "Rne": return fc.oneof(gprArb(32, false), gprArb(64, false));
    case "Em": return gprArb(v.R === 64 ? 64 : 32, false).chain((r) => fc.oneof(fc.constant(r), gprArb(64, false)));
    case "aimm": return fc.oneof(imm(0, 1, 4095, 4096, 4097, 0x1000, 0xfff000, 0x1000000, -1, -4095, -4096, 8192, 0x123000), anySym,
      symWith(["lo12", "tlsdesc_lo12", "tprel_hi12", "tprel_lo12", "tprel_lo12_nc", "dtprel_hi12", "dtprel_lo12", "dtprel_lo12_nc"]));
    case "ashift": return pick("lsl #0", "lsl #12", "lsl #12", "lsl #1", "lsr #12");
    case "shift": case "rshift": return sh((v.R ?? 64) + 1);
    case "ext": return fc.tuple(pick("uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx", "lsl"), fc.integer({ min: 0, max: 5 }), fc.boolean())
      .map(([e, a, has]) => (has || e === "lsl" ? `${e} #${a}` : e));
    case "bimm": return bigImm;
    case "mimm": return fc.oneof(imm(0, 1, 0xffff, 0x10000, 0x1234, -1), anySym,
      symWith(["abs_g0", "abs_g0_nc", "abs_g1", "abs_g1_nc", "abs_g2", "abs_g2_nc", "abs_g3", "abs_g0_s", "abs_g1_s", "tprel_g0", "tprel_g1_nc", "tprel_g2", "prel_g0", "prel_g1_nc"]));
    case "hw": return pick("lsl #0", "lsl #16", "lsl #32", "lsl #48", "lsl #8");
    case "immr": case "imms": return imm(0, 1, 7, 15, 31, 32, 63, 64);
    case "nzcv": return imm(0, 1, 8, 15, 16);
    case "imm5": return imm(0, 1, 31, 32);
    case "cond": return pick(...CONDITIONS, "hs", "lo");
    case "u16": case "u16d": return imm(0, 1, 0x1234, 0xffff, 0x10000);
    case "hint": return imm(0, 1, 5, 34, 127, 128);
    case "btitarget": return pick("c", "j", "jc", "cj", "x");
    case "barrier": return fc.oneof(pick(...Object.keys(BARRIERS)), imm(0, 4, 15, 16));
    case "sysreg": return fc.oneof(pick(...SYSREG_NAMES), pick("s3_3_c13_c0_2", "s3_0_c15_c2_0", "s2_1_c0_c0_0"));
    case "prfop": return fc.oneof(pick(...PREFETCH_OPS.filter(Boolean)), imm(0, 6, 31, 32));
    case "tbit": return imm(0, 1, 31, 32, 63, 64);
    case "l26": case "l19": case "l14": case "lit19": case "adr": return fc.oneof(pick(...SYMS), anySym);
    case "adrp": return fc.oneof(pick(...SYMS), anySym, symWith(["got", "tlsdesc", "gottprel", "tlsgd", "pg_hi21", "pg_hi21_nc"]));
    case "mU": case "m9": case "mpre9": case "mpost9": case "mR": case "m7": case "mpre7": case "mpost7": case "m0":
      return memArb(code, msz);
    case "fimm": case "vfimm": return pick(...FP_IMMS).map((f) => (f.startsWith("#") ? f : "#" + f));
    case "fzero": return pick("#0.0", "0.0", "#0");
    case "zero": return pick("#0", "0", "#1");
    case "Ei1n": case "Ei1d": return fc.tuple(fc.integer({ min: 0, max: 31 }), pick(0, 1, 1, 1)).map(([n, i]) => `v${n}.d[${i}]`);
    case "Ei5n": case "Ei5d": case "Ei4n": {
      const size = v.V ? ELEM[v.V] : v.F && v.F !== "q" ? v.F : undefined;
      return size ? elemArb(size) : pick("b", "h", "s", "d").chain(elemArb);
    }
    case "Eidx": return fc.tuple(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 8 }), pick(ELEM[v.V!], ELEM[v.V!], "d"))
      .map(([n, i, e]) => `v${n}.${e}[${i}]`);
    case "Ll": return fc.tuple(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 1, max: 4 }), pick("b", "h", "s", "d"), fc.integer({ min: 0, max: 16 }))
      .map(([f, c, e, i]) => `{${Array.from({ length: c }, (_, k) => `v${(f + k) % 32}.${e}`).join(", ")}}[${i % (ELEM_COUNT[e] + 1)}]`);
    case "Lr": return fc.tuple(fc.integer({ min: 0, max: 31 }), pick("8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"), pick(1, 1, 1, 2))
      .map(([f, a, c]) => `{${Array.from({ length: c }, (_, i) => `v${(f + i) % 32}.${a}`).join(", ")}}`);
    case "Ltn": return fc.tuple(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 1, max: 4 })).map(([f, c]) =>
      `{${Array.from({ length: c }, (_, i) => `v${(f + i) % 32}.16b`).join(", ")}}`);
    case "Lt": return fc.tuple(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 1, max: 4 }), pick("8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"))
      .map(([f, c, a]) => `{${Array.from({ length: c }, (_, i) => `v${(f + i) % 32}.${a}`).join(", ")}}`);
    case "mlst": return baseReg.map((b) => `[${b}]`);
    case "mlstpost": return fc.oneof(fc.tuple(baseReg, pick(1, 2, 4, 8, 16, 24, 32, 48, 64, 12, 6, 3)).map(([b, k]) => `[${b}], #${k}`),
      fc.tuple(baseReg, fc.integer({ min: 0, max: 30 })).map(([b, n]) => `[${b}], x${n}`));
    case "vshl": case "vshr": return imm(0, 1, 7, 8, 15, 16, 31, 32, 63, 64);
    case "ext4": return imm(0, 1, 7, 8, 15, 16);
    case "movi": return imm(0, 1, 0x55, 0xff, 0x100);
    case "mshift": return pick("lsl #0", "lsl #8", "lsl #16", "lsl #24", "lsl #4", "msl #8");
    case "movi64": return pick("#0", "#0xff00ff00ff00ff00", "#0xffffffffffffffff", "#0x00ff0000000000ff", "#0x1234", "0xff");
  }
  throw new Error(`no generator for operand code ${code}`);
}

/** Instructions from the table: a row, a variant, operands for its codes (optional ones sometimes left out). */
const tableInst: fc.Arbitrary<string> = fc.constantFrom(...[...OPCODES.entries()].flatMap(([mn, rows]) =>
  rows.flatMap((row) => Object.keys(row.v).map((variant) => ({ mn, row, variant }))))).chain(({ mn, row, variant }) => {
  const v = parseVariant(variant);
  const msz = row.msz ?? (v.F ? { b: 0, h: 1, s: 2, d: 3, q: 4 }[v.F]! : v.R === 64 ? 3 : 2);
  const name = mn === "b." ? fc.constantFrom(...CONDITIONS.map((c) => `b.${c}`), "bne", "bgt", "bhs", "blo", "ble") : fc.constant(mn);
  const ops = row.ops.map((c) => {
    const a = operandArb(c, v, msz);
    return c.endsWith("?") ? fc.option(a, { nil: "", freq: 2 }) : a;
  });
  return fc.tuple(name, ops.length ? fc.tuple(...ops) : fc.constant([] as string[])).map(([n, o]) => {
    const list = o.filter((x, i) => x !== "" || !row.ops[i].endsWith("?"));
    // Optional operands are only left out at the end.
    const cut = list.length;
    return `${n}${cut ? " " + list.join(", ") : ""}`;
  });
});

/** Aliases gas accepts, with operands from the same generators. */
const R = (size: 32 | 64): fc.Arbitrary<string> => gprArb(size, false);
const aliasInst: fc.Arbitrary<string> = pick<32 | 64>(32, 64).chain((s) => {
  const r = R(s);
  const n = fc.integer({ min: -2, max: s + 1 }).map((k) => `#${k}`);
  const cc = pick(...CONDITIONS, "hs", "lo");
  return fc.oneof(
    fc.tuple(r, r).map(([a, b]) => `mov ${a}, ${b}`),
    fc.tuple(gprArb(s, true), gprArb(s, true)).map(([a, b]) => `mov ${a}, ${b}`),
    fc.tuple(gprArb(s, true), bigImm).map(([a, b]) => `mov ${a}, ${b}`),
    fc.tuple(pick("cmp", "cmn", "tst"), gprArb(s, true), fc.oneof(bigImm, imm(0, 1, -1, 4095, -4096, 4096), r)).map(([m, a, b]) => `${m} ${a}, ${b}`),
    fc.tuple(pick("cmp", "cmn", "tst", "neg", "negs", "mvn"), r, r, fc.option(fc.tuple(pick("lsl", "lsr", "asr", "ror"), fc.integer({ min: 0, max: s })).map(([o, k]) => `, ${o} #${k}`), { nil: "" }))
      .map(([m, a, b, x]) => `${m} ${a}, ${b}${x}`),
    fc.tuple(pick("ngc", "ngcs"), r, r).map(([m, a, b]) => `${m} ${a}, ${b}`),
    fc.tuple(pick("lsl", "lsr", "asr", "ror"), r, r, fc.oneof(n, r)).map(([m, a, b, c]) => `${m} ${a}, ${b}, ${c}`),
    fc.tuple(pick("ubfx", "sbfx", "bfxil", "ubfiz", "sbfiz", "bfi"), r, r, n, n).map(([m, a, b, c, d]) => `${m} ${a}, ${b}, ${c}, ${d}`),
    fc.tuple(r, n, n).map(([a, c, d]) => `bfc ${a}, ${c}, ${d}`),
    fc.tuple(pick("uxtb", "uxth", "sxtb", "sxth", "sxtw"), r, R(32)).map(([m, a, b]) => `${m} ${a}, ${b}`),
    fc.tuple(pick("cset", "csetm"), r, cc).map(([m, a, c]) => `${m} ${a}, ${c}`),
    fc.tuple(pick("cinc", "cinv", "cneg"), r, r, cc).map(([m, a, b, c]) => `${m} ${a}, ${b}, ${c}`),
    fc.tuple(pick("mul", "mneg"), r, r, r).map(([m, a, b, c]) => `${m} ${a}, ${b}, ${c}`),
    fc.tuple(pick("smull", "umull", "smnegl", "umnegl"), R(64), R(32), R(32)).map(([m, a, b, c]) => `${m} ${a}, ${b}, ${c}`),
    fc.tuple(pick("add", "sub", "adds", "subs"), gprArb(s, true), gprArb(s, true), imm(-1, -4095, -4096, -4097, -0x1000000, "-(8*2)", "(1<<12)")).map(([m, a, b, c]) => `${m} ${a}, ${b}, ${c}`),
    fc.tuple(pick("stadd", "staddl", "stclr", "steor", "stset", "stsmax", "stumin"), pick("", "b", "h"), r, baseReg).map(([m, z, a, b]) => `${m}${z} ${z ? a.replace(/^x/, "w").replace("xzr", "wzr") : a}, [${b}]`),
    fc.tuple(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 31 }), pick("8b", "16b", "4s")).map(([a, b, t]) => `mov v${a}.${t}, v${b}.${t}`),
    fc.tuple(R(s), fc.integer({ min: 0, max: 31 }), pick("s", "d", "b"), fc.integer({ min: 0, max: 3 })).map(([a, b, t, i]) => `mov ${a}, v${b}.${t}[${i}]`),
    fc.tuple(fc.integer({ min: 0, max: 31 }), pick("s", "d", "h"), fc.integer({ min: 0, max: 3 }), R(s)).map(([a, t, i, b]) => `mov v${a}.${t}[${i}], ${b}`),
    fc.tuple(fc.integer({ min: 0, max: 31 }), pick("s", "d", "b"), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 3 }))
      .map(([a, t, i, b, j]) => `mov v${a}.${t}[${i}], v${b}.${t}[${j}]`),
    fc.tuple(pick("s", "d", "b"), fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 3 })).map(([t, a, b, i]) => `mov ${t}${a}, v${b}.${t}[${i}]`),
    fc.tuple(pick("sxtl", "uxtl", "sxtl2", "uxtl2"), fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 31 }), pick(["8h", "8b"], ["4s", "4h"], ["2d", "2s"], ["8h", "16b"], ["4s", "8h"], ["2d", "4s"], ["4s", "8b"]))
      .map(([m, a, b, [wide, narrow]]) => `${m} v${a}.${wide}, v${b}.${narrow}`),
  );
});

export const instruction: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: tableInst }, { weight: 1, arbitrary: aliasInst });

// ---------------------------------------------------------------- comparison

export interface OurResult { word?: number; reloc?: { type: string; sym: string; addend: bigint }; error?: string }

const ctx = new Assembler(x86_64Assembler, { fileName: "oracle.s" });

/** Encode one line with the standalone encoder (parser + encoder, no assembler core). */
export function encodeLine(line: string): OurResult {
  const sp = line.indexOf(" ");
  const mn = sp < 0 ? line : line.slice(0, sp);
  const ops = sp < 0 ? "" : line.slice(sp + 1);
  let enc: A64Encoded;
  try {
    enc = encodeInst(parseInstruction(mn, ops), ctx);
  } catch (e) {
    if (e instanceof AsmError || e instanceof EvalError) return { error: e.message };
    throw e;
  }
  if (!enc.fixup) return { word: enc.word };
  const e = enc.fixup.expr;
  let sym = "?";
  let addend = 0n;
  if (e.k === "sym") sym = e.name;
  else if (e.k === "bin" && e.a.k === "sym" && e.b.k === "num") { sym = e.a.name; addend = e.op === "-" ? -e.b.v : e.b.v; }
  return { word: enc.word, reloc: { type: "R_AARCH64_" + enc.fixup.reloc, sym, addend } };
}

export function compareBatch(lines: string[], work: string): OracleResult {
  const res = emptyResult();
  const keep = assembleWithGas(lines, {
    gas: [GAS, ...GAS_FLAGS],
    write: (k, src) => writeFileSync(src, k.map((l) => `\t${l}\n`).join("")),
    lineIndex: (line) => line - 1,
    weAccept: (l) => !encodeLine(l).error,
  }, work, res);
  const elf = new ElfFile(readFileSync(join(work, "b.o")));
  const text = elf.contents(elf.sectionByName(".text")!);
  const syms = elf.symbols(elf.symtab()!);
  const relocs = new Map<number, { type: string; sym: string; addend: bigint }>();
  for (const s of elf.sections) {
    if (s.type !== SHT_RELA || s.name !== ".rela.text") continue;
    for (const r of elf.relocations(s)) relocs.set(Number(r.offset), { type: R_AARCH64.describe(r.type), sym: syms[r.sym]?.name ?? "?", addend: BigInt(r.addend) });
  }
  const hex = (w: number | undefined): string => (w === undefined ? "-" : w.toString(16).padStart(8, "0"));
  keep.forEach((l, i) => {
    const theirs = new DataView(text.buffer, text.byteOffset + i * 4, 4).getUint32(0, true);
    const theirReloc = relocs.get(i * 4);
    const ours = encodeLine(l);
    if (ours.error) { res.weRejected.push(`${l}: ${ours.error}`); return; }
    res.checked++;
    const rel = (r: OurResult["reloc"]): string => (r ? `${r.type} ${r.sym}${r.addend ? (r.addend > 0n ? "+" : "") + r.addend : ""}` : "no reloc");
    if (ours.word !== theirs || rel(ours.reloc) !== rel(theirReloc)) {
      res.mismatches.push(`${l}: gas ${hex(theirs)} ${rel(theirReloc)} | ours ${hex(ours.word)} ${rel(ours.reloc)}`);
    }
  });
  return res;
}

export function runOracle(count: number, seed: number, batch = 2000): OracleResult {
  return runBatches(fc.sample(instruction, { numRuns: count, seed }), batch, (lines, _n, work) => compareBatch(lines, work));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  reportOracle("aarch64 asm oracle", runOracle(Number(cliOption("--count", "5000")), Number(cliOption("--seed", String(Date.now() % 100000)))));
}
