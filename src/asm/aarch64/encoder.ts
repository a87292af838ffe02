// Inst → one 32-bit A64 word (plus at most one symbolic fixup). Aliases are
// first rewritten to their base instruction the way gas chooses (aliases.ts);
// then the forms of the mnemonic (opcodes.ts) are tried in table order, and
// the first whose operands fit wins. An operand of the right kind whose value
// is out of range does not end the search (`ldr x0, [x1, #-8]` falls through
// to the unscaled form) but is the error reported when nothing fits.

import { AsmError } from "../arch.js";
import type { Expr } from "../expr.js";
import { fitsW, rewriteAlias } from "./aliases.js";
import { OPCODES, type Feature, type OpcodeRow } from "./opcodes.js";
import {
  CONDITIONS, type Arrangement, type ElemSize, type FpClass, type GprOperand, type Inst, type MemOperand, type Operand,
  type RelocOp, type SymOperand,
} from "./inst.js";
import { BARRIERS, PREFETCH_OPS, sysregEncoding } from "./names.js";

/** What the encoder needs from the assembler: expression parsing and early evaluation. */
export interface EncodeContext {
  parseExpr(text: string): Expr;
  constant(e: Expr): bigint | undefined;
  /** Extensions `.arch` enabled; undefined accepts every form (the oracle's standalone use). */
  readonly features?: ReadonlySet<Feature>;
}

/**
 * A symbolic operand: the relocation gas would emit (R_AARCH64_ name without
 * the prefix; arch.ts knows which bits each patches when resolved here).
 */
export interface A64Fixup { readonly reloc: string; readonly pcrel: boolean; readonly expr: Expr }
export interface A64Encoded { readonly word: number; readonly fixup?: A64Fixup }

/** The operands do not fit this form: try the next one. */
class Mismatch extends Error {}
/** The operands are of the right kinds but a value is out of range. */
class RangeFail extends Error {}
/** The form needs an extension `.arch` has not enabled. */
class Unsupported extends Error {}

const GPR_FIELD: Record<string, number> = { d: 0, n: 5, m: 16, a: 10, t: 0, t2: 10, s: 16 };
const FP_SIZE_LOG2: Record<FpClass, number> = { b: 0, h: 1, s: 2, d: 3, q: 4 };
const ARR_ELEM: Record<Arrangement, ElemSize | "q"> = { "8b": "b", "16b": "b", "4h": "h", "8h": "h", "2s": "s", "4s": "s", "1d": "d", "2d": "d", "1q": "q" };
const ELEM_LOG2: Record<ElemSize, number> = { b: 0, h: 1, s: 2, d: 3 };
const WIDENED: Partial<Record<Arrangement, Arrangement>> = { "8b": "8h", "16b": "8h", "4h": "4s", "8h": "4s", "2s": "2d", "4s": "2d" };
const PAIRWISE: Partial<Record<Arrangement, Arrangement>> = { "8b": "4h", "16b": "8h", "4h": "2s", "8h": "4s", "2s": "1d", "4s": "2d" };
const ARR_BYTES = (a: Arrangement): number => (a === "8b" || a === "4h" || a === "2s" || a === "1d" ? 8 : 16);

/** One attempt at encoding an instruction with one form and variant. */
class Attempt {
  word: number;
  fixup?: A64Fixup;
  /** Width of `R` registers, class of `F`, arrangement of `V`, from the variant key. */
  readonly R?: 32 | 64;
  readonly F?: FpClass;
  readonly V?: Arrangement;
  /** The previous operand (for extends that qualify the register before them). */
  prev?: Operand;

  constructor(readonly row: OpcodeRow, variant: string, readonly cx: EncodeContext, readonly mnemonic: string) {
    this.word = row.v[variant];
    if (/^\d/.test(variant)) this.V = variant as Arrangement;
    else {
      for (const c of variant) {
        if (c === "w") this.R = 32;
        else if (c === "x") this.R = 64;
        else this.F = c as FpClass;
      }
    }
  }

  set(value: number, at: number): void { this.word = (this.word | (value << at)) >>> 0; }

  constant(o: Operand): bigint {
    // A bare expression (`mov x0, SIZE`) counts as an immediate when it is constant.
    if (o.kind === "sym" && !o.op) {
      const c = this.cx.constant(this.cx.parseExpr(o.expr));
      if (c === undefined) throw new Mismatch();
      return BigInt.asIntN(64, c);
    }
    if (o.kind !== "imm") throw new Mismatch();
    if (o.expr === undefined) return o.value;
    const c = this.cx.constant(this.cx.parseExpr(o.expr));
    if (c === undefined) throw new RangeFail(`constant expression required`);
    return BigInt.asIntN(64, c);
  }

  fix(s: SymOperand, reloc: string, pcrel: boolean): void {
    this.fixup = { reloc, pcrel, expr: this.cx.parseExpr(s.expr) };
  }

  /** The memory access size in bytes (log2): the row's, or the transfer register's. */
  get msz(): number {
    if (this.row.msz !== undefined) return this.row.msz;
    if (this.F) return FP_SIZE_LOG2[this.F];
    return this.R === 64 ? 3 : 2;
  }
}

function gpr(o: Operand | undefined, size: 32 | 64, allowSp: boolean): GprOperand {
  if (!o || o.kind !== "gpr" || o.size !== size) throw new Mismatch();
  if (o.num === 31 && o.sp !== allowSp) throw new Mismatch();
  return o;
}

const inRange = (v: bigint, lo: bigint, hi: bigint): boolean => v >= lo && v <= hi;
function range(v: bigint, lo: bigint, hi: bigint, what: string): number {
  if (!inRange(v, lo, hi)) throw new RangeFail(`${what} out of range ${lo} to ${hi}`);
  return Number(v);
}

/** The N:immr:imms encoding of a logical immediate, or undefined when it has none. */
export function encodeBitmask(value: bigint, width: 32 | 64): number | undefined {
  let v = BigInt.asUintN(width, value);
  if (width === 32) v |= v << 32n;
  if (v === 0n || v === (1n << 64n) - 1n) return undefined;
  let e = 64;
  // The smallest element size whose pattern repeats across the 64 bits.
  while (e > 2) {
    const half = BigInt(e / 2);
    const mask = (1n << half) - 1n;
    if ((v & mask) !== ((v >> half) & mask)) break;
    e /= 2;
  }
  const emask = (1n << BigInt(e)) - 1n;
  const p = v & emask;
  let ones = 0;
  for (let t = p; t; t >>= 1n) ones += Number(t & 1n);
  const run = (1n << BigInt(ones)) - 1n;
  for (let r = 0; r < e; r++) {
    // rotate `run` right by r within e bits
    const rot = ((run >> BigInt(r)) | (run << BigInt(e - r))) & emask;
    if (rot === p) {
      const n = e === 64 ? 1 : 0;
      const imms = ((~(e - 1) << 1) & 0x3f) | (ones - 1);
      return (n << 12) | (r << 6) | imms;
    }
  }
  return undefined;
}

/** The 8-bit encoding of an FP immediate (±n/16 × 2^r, n 16..31, r -3..4), or undefined. */
export function encodeFpImm8(x: number): number | undefined {
  if (!Number.isFinite(x) || x === 0) return undefined;
  const sign = x < 0 ? 1 : 0;
  const a = Math.abs(x);
  for (let r = -3; r <= 4; r++) {
    const n = (a / 2 ** r) * 16;
    if (Number.isInteger(n) && n >= 16 && n <= 31) {
      // imm8 = a:NOT(b):c:d:efgh with exponent bits bcd = r+3 (b inverted as the architecture stores it)
      const exp = (r + 7) & 7;
      return (sign << 7) | (exp << 4) | (n - 16);
    }
  }
  return undefined;
}

const TPREL_LDST = ["LDST8", "LDST16", "LDST32", "LDST64", "LDST128"];
/** Relocations of a load/store's scaled 12-bit offset, by operator and access size. */
function ldstReloc(op: RelocOp | undefined, msz: number): string | undefined {
  switch (op) {
    case "lo12": return `${TPREL_LDST[msz]}_ABS_LO12_NC`;
    // gas gives these their 64-bit relocation whatever the access size.
    case "got_lo12": return "LD64_GOT_LO12_NC";
    case "tlsdesc_lo12": return "TLSDESC_LD64_LO12";
    case "gottprel_lo12": return "TLSIE_LD64_GOTTPREL_LO12_NC";
    // The TLS forms exist up to 64-bit accesses only.
    case "tprel_lo12": return msz > 3 ? undefined : `TLSLE_${TPREL_LDST[msz]}_TPREL_LO12`;
    case "tprel_lo12_nc": return msz > 3 ? undefined : `TLSLE_${TPREL_LDST[msz]}_TPREL_LO12_NC`;
    case "dtprel_lo12": return msz > 3 ? undefined : `TLSLD_${TPREL_LDST[msz]}_DTPREL_LO12`;
    case "dtprel_lo12_nc": return msz > 3 ? undefined : `TLSLD_${TPREL_LDST[msz]}_DTPREL_LO12_NC`;
    default: return undefined;
  }
}
const ADD_RELOCS: Partial<Record<RelocOp, string>> = {
  lo12: "ADD_ABS_LO12_NC", tlsdesc_lo12: "TLSDESC_ADD_LO12", tprel_hi12: "TLSLE_ADD_TPREL_HI12",
  tprel_lo12: "TLSLE_ADD_TPREL_LO12", tprel_lo12_nc: "TLSLE_ADD_TPREL_LO12_NC", dtprel_hi12: "TLSLD_ADD_DTPREL_HI12",
  dtprel_lo12: "TLSLD_ADD_DTPREL_LO12", dtprel_lo12_nc: "TLSLD_ADD_DTPREL_LO12_NC", tlsgd_lo12: "TLSGD_ADD_LO12_NC",
};
const ADRP_RELOCS: Partial<Record<RelocOp | "", string>> = {
  "": "ADR_PREL_PG_HI21", pg_hi21: "ADR_PREL_PG_HI21", pg_hi21_nc: "ADR_PREL_PG_HI21_NC", got: "ADR_GOT_PAGE",
  tlsdesc: "TLSDESC_ADR_PAGE21", gottprel: "TLSIE_ADR_GOTTPREL_PAGE21", tlsgd: "TLSGD_ADR_PAGE21",
};
/** Operators on a 19-bit PC-relative field (ldr literal; gas takes them on b.cond/cbz/tbz too, with the same relocation). */
const IMM19_RELOCS: Partial<Record<RelocOp, string>> = { got: "GOT_LD_PREL19", gottprel: "TLSIE_LD_GOTTPREL_PREL19", tlsdesc: "TLSDESC_LD_PREL19" };
const ADR_RELOCS: Partial<Record<RelocOp, string>> = { tlsgd: "TLSGD_ADR_PREL21", tlsdesc: "TLSDESC_ADR_PREL21" };
/** Move-wide operators: relocation and the 16-bit group they select (hw). */
const MOVW_RELOCS: Partial<Record<RelocOp, [string, number]>> = {
  abs_g0: ["MOVW_UABS_G0", 0], abs_g0_nc: ["MOVW_UABS_G0_NC", 0], abs_g1: ["MOVW_UABS_G1", 1], abs_g1_nc: ["MOVW_UABS_G1_NC", 1],
  abs_g2: ["MOVW_UABS_G2", 2], abs_g2_nc: ["MOVW_UABS_G2_NC", 2], abs_g3: ["MOVW_UABS_G3", 3],
  abs_g0_s: ["MOVW_SABS_G0", 0], abs_g1_s: ["MOVW_SABS_G1", 1], abs_g2_s: ["MOVW_SABS_G2", 2],
  tprel_g0: ["TLSLE_MOVW_TPREL_G0", 0], tprel_g0_nc: ["TLSLE_MOVW_TPREL_G0_NC", 0], tprel_g1: ["TLSLE_MOVW_TPREL_G1", 1],
  tprel_g1_nc: ["TLSLE_MOVW_TPREL_G1_NC", 1], tprel_g2: ["TLSLE_MOVW_TPREL_G2", 2],
  prel_g0: ["MOVW_PREL_G0", 0], prel_g0_nc: ["MOVW_PREL_G0_NC", 0], prel_g1: ["MOVW_PREL_G1", 1], prel_g1_nc: ["MOVW_PREL_G1_NC", 1],
  prel_g2: ["MOVW_PREL_G2", 2], prel_g2_nc: ["MOVW_PREL_G2_NC", 2], prel_g3: ["MOVW_PREL_G3", 3],
};

const EXTEND_OPTION: Record<string, number> = { uxtb: 0, uxth: 1, uxtw: 2, uxtx: 3, sxtb: 4, sxth: 5, sxtw: 6, sxtx: 7 };

/** Memory operand with only a base register (and maybe `#0`). */
function baseOnly(m: MemOperand, a: Attempt): void {
  if (m.mode !== "offset") throw new Mismatch();
  if (m.offset && !(m.offset.kind === "imm" && a.constant(m.offset) === 0n)) throw new Mismatch();
  a.set(m.base, 5);
}

/**
 * `[xn, #imm]`, `[xn, #imm]!` or `[xn], #imm` as the code's suffix (none,
 * `pre`, `post`) asks: sets the base register, returns the offset.
 */
function immediateAddress(o: Operand, code: string, a: Attempt): bigint {
  const mode = code.includes("pre") ? "pre" : code.includes("post") ? "post" : "offset";
  if (o.kind !== "mem" || o.mode !== mode || o.offset?.kind === "index" || o.offset?.kind === "sym") throw new Mismatch();
  if (mode !== "offset" && !o.offset) throw new Mismatch();
  a.set(o.base, 5);
  return o.offset ? a.constant(o.offset) : 0n;
}

/** The immediate offset of an addressing form, or a symbolic one (`#:lo12:x`). */
function memImm(m: MemOperand, a: Attempt): bigint | SymOperand {
  if (!m.offset) return 0n;
  if (m.offset.kind === "sym") return m.offset;
  if (m.offset.kind !== "imm") throw new Mismatch();
  return a.constant(m.offset);
}

function encodeOperand(code: string, o: Operand | undefined, a: Attempt, ops: readonly Operand[]): void {
  const optional = code.endsWith("?");
  if (optional) {
    code = code.slice(0, -1);
    // An extended-register form without an extend means lsl #0 (uxtx/uxtw).
    if (o === undefined && code === "ext") o = { kind: "shift", op: "lsl", amount: 0 };
    if (o === undefined) return;
  } else if (o === undefined) throw new Mismatch();

  let m = /^([RWX])(d|n|m|a|t2|t|s)(S?)$/.exec(code);
  if (m) {
    const size = m[1] === "W" ? 32 : m[1] === "X" ? 64 : a.R;
    if (!size) throw new Error(`opcode table: ${code} without a general-register variant`);
    a.set(gpr(o, size, m[3] === "S").num, GPR_FIELD[m[2]]);
    return;
  }
  m = /^([FBHSDQ])(d|n|m|a|t2|t)$/.exec(code);
  if (m) {
    const cls = m[1] === "F" ? a.F : (m[1].toLowerCase() as FpClass);
    if (!o || o.kind !== "fpr" || o.cls !== cls) throw new Mismatch();
    a.set(o.num, GPR_FIELD[m[2]]);
    return;
  }
  m = /^V(d|n|m)([wp]?)$/.exec(code);
  if (m) {
    // `w`: the arrangement with elements twice as wide (the long side of sxtl, umull, xtn);
    // `p`: twice as wide and half as many (pairwise saddlp).
    const arr = m[2] === "w" ? WIDENED[a.V!] : m[2] === "p" ? PAIRWISE[a.V!] : a.V;
    if (!o || o.kind !== "vec" || o.arr !== arr) throw new Mismatch();
    a.set(o.num, GPR_FIELD[m[1]]);
    return;
  }
  m = /^F(e|w)(d|n)$/.exec(code);
  if (m) {
    // A scalar the size of the variant's vector element (`e`) or twice that (`w`): addv b0, uaddlv h0.
    const e = ARR_ELEM[a.V!];
    const cls = m[1] === "e" ? e : ({ b: "h", h: "s", s: "d", d: "q", q: undefined } as const)[e];
    if (!o || o.kind !== "fpr" || o.cls !== cls) throw new Mismatch();
    a.set(o.num, GPR_FIELD[m[2]]);
    return;
  }
  // Rm of an extended-register add/sub: W or X as the extend says, checked by `ext`.
  if (code === "Em") {
    if (!o || o.kind !== "gpr" || (o.num === 31 && o.sp)) throw new Mismatch();
    a.set(o.num, 16);
    a.prev = o;
    return;
  }
  if (!o) throw new Mismatch();
  if (code === "Rne") {
    const first = ops[0];
    const e = a.V ? ARR_ELEM[a.V] : first.kind === "elem" ? first.size : undefined;
    a.set(gpr(o, e === "d" ? 64 : 32, false).num, 5);
    // dup's imm5 names the element size (ins has it from its element operand).
    if (a.V && e !== "q") a.set(1 << ELEM_LOG2[e as ElemSize], 16);
    return;
  }
  const mismatch = (): never => { throw new Mismatch(); };
  switch (code) {
    case "aimm": {
      const shifted = ops[ops.indexOf(o) + 1];
      if (o.kind === "sym" && o.op) {
        // Only `add` takes relocation operators (not sub/adds/subs).
        const reloc = a.mnemonic === "add" ? ADD_RELOCS[o.op] : undefined;
        if (!reloc) throw new Mismatch();
        // :tprel_hi12: is always `lsl #12`, whatever lsl is written (gas); the others take lsl #0 or #12.
        const hi12 = o.op === "tprel_hi12";
        if (shifted && (shifted.kind !== "shift" || shifted.op !== "lsl" || (!hi12 && shifted.amount !== 0 && shifted.amount !== 12))) throw new RangeFail("shift amount must be 0 or 12");
        if (hi12 || (shifted?.kind === "shift" && shifted.amount === 12)) a.set(1, 22);
        a.fix(o, reloc, false);
        return;
      }
      const v = a.constant(o);
      if (shifted) {
        if (shifted.kind !== "shift" || shifted.op !== "lsl" || (shifted.amount !== 0 && shifted.amount !== 12)) throw new RangeFail("shift amount must be 0 or 12");
        a.set(range(v, 0n, 4095n, "immediate"), 10);
        if (shifted.amount === 12) a.set(1, 22);
        return;
      }
      // gas moves a multiple of 4096 that does not fit 12 bits into the shifted form itself.
      if (inRange(v, 0n, 4095n)) a.set(Number(v), 10);
      else if (v > 0n && (v & 0xfffn) === 0n && v >> 12n <= 4095n) { a.set(Number(v >> 12n), 10); a.set(1, 22); }
      else throw new RangeFail("immediate out of range");
      return;
    }
    case "ashift": return; // consumed by aimm
    case "shift": case "rshift": {
      if (o.kind !== "shift" || o.op === "msl" || (o.op === "ror" && code === "shift")) throw new Mismatch();
      a.set({ lsl: 0, lsr: 1, asr: 2, ror: 3 }[o.op], 22);
      a.set(range(BigInt(o.amount), 0n, BigInt((a.R ?? 64) - 1), "shift amount"), 10);
      return;
    }
    case "ext": {
      const rm = a.prev as GprOperand;
      let option: number;
      let amount: number;
      if (o.kind === "extend") { option = EXTEND_OPTION[o.op]; amount = o.amount ?? 0; }
      else if (o.kind === "shift" && o.op === "lsl") { option = a.R === 64 ? 3 : 2; amount = o.amount; }
      else throw new Mismatch();
      // uxtx/sxtx take an X register; gas takes either for the narrower extends of a 64-bit form.
      if (a.R === 32 ? rm.size !== 32 : (option & 3) === 3 ? rm.size !== 64 : false) throw new Mismatch();
      a.set(option, 13);
      a.set(range(BigInt(amount), 0n, 4n, "shift amount"), 10);
      return;
    }
    case "bimm": {
      const enc = encodeBitmask(a.constant(o), a.R!);
      const v = a.constant(o);
      if (a.R === 32 && !fitsW(v)) throw new RangeFail("immediate out of range");
      if (enc === undefined) throw new RangeFail(`immediate out of range`);
      a.set(enc, 10);
      return;
    }
    case "mimm": {
      if (o.kind === "sym") {
        const r = o.op ? MOVW_RELOCS[o.op] : undefined;
        if (!r) throw new Mismatch();
        if (a.mnemonic === "movk" && !/^abs_g\d(_nc)?$|_nc$/.test(o.op!)) throw new RangeFail("the specified relocation type is not allowed for MOVK");
        if (a.R === 32 && r[1] > 1) throw new RangeFail("relocation not allowed for a 32-bit register");
        a.set(r[1], 21);
        a.fix(o, r[0], false);
        return;
      }
      a.set(range(a.constant(o), 0n, 0xffffn, "immediate"), 5);
      return;
    }
    case "hw": {
      if (o.kind !== "shift" || o.op !== "lsl" || o.amount % 16 !== 0 || o.amount >= (a.R ?? 64)) throw new RangeFail("shift amount must be 0, 16, 32 or 48");
      if (a.fixup) throw new RangeFail("a relocation operator and a shift together");
      a.set(o.amount / 16, 21);
      return;
    }
    case "immr": case "imms": {
      a.set(range(a.constant(o), 0n, BigInt(a.R! - 1), "immediate"), code === "immr" ? 16 : 10);
      return;
    }
    case "nzcv": a.set(range(a.constant(o), 0n, 15n, "immediate"), 0); return;
    case "imm5": a.set(range(a.constant(o), 0n, 31n, "immediate"), 16); return;
    case "cond": {
      if (o.kind !== "cond") throw new Mismatch();
      a.set(o.cond, 12);
      return;
    }
    case "u16": a.set(range(a.constant(o), 0n, 0xffffn, "immediate"), 5); return;
    case "u16d": a.set(range(a.constant(o), 0n, 0xffffn, "immediate"), 0); return;
    case "hint": a.word = (a.word & ~(0x7f << 5)) >>> 0; a.set(range(a.constant(o), 0n, 127n, "immediate"), 5); return;
    case "btitarget": {
      const t = o.kind === "name" ? ({ c: 2, j: 4, jc: 6 } as Record<string, number>)[o.name] : undefined;
      if (t === undefined) throw new Mismatch();
      a.set(t, 5);
      return;
    }
    case "barrier": {
      let v: number | undefined;
      if (o.kind === "name") v = a.mnemonic === "clrex" ? undefined : BARRIERS[o.name];
      else if (o.kind === "imm") v = range(a.constant(o), 0n, 15n, "barrier option");
      if (v === undefined) throw new Mismatch();
      if (a.mnemonic === "isb" && o.kind === "name" && o.name !== "sy") throw new RangeFail("the specified option is not accepted in ISB");
      a.word = (a.word & ~(0xf << 8)) >>> 0;
      a.set(v, 8);
      return;
    }
    case "sysreg": {
      if (o.kind !== "name") throw new Mismatch();
      const enc = sysregEncoding(o.name);
      if (enc === undefined) throw new RangeFail(`unknown or missing system register name at operand`);
      a.set(enc, 5);
      return;
    }
    case "prfop": {
      let v: number | undefined;
      if (o.kind === "name") v = PREFETCH_OPS.indexOf(o.name);
      else if (o.kind === "imm") v = range(a.constant(o), 0n, 31n, "prefetch operation");
      if (v === undefined || v < 0) throw new Mismatch();
      a.set(v, 0);
      return;
    }
    case "tbit": {
      const rt = ops[0] as GprOperand;
      const v = range(a.constant(o), 0n, BigInt(rt.size - 1), "bit number");
      a.set(v >> 5, 31);
      a.set(v & 31, 19);
      return;
    }
    case "l26": case "l19": case "l14": case "lit19": case "adr": case "adrp": {
      if (o.kind !== "sym") throw new Mismatch();
      if (code === "adrp") {
        if (o.hash) throw new Mismatch();
        const reloc = ADRP_RELOCS[o.op ?? ""];
        if (!reloc) throw new Mismatch();
        a.fix(o, reloc, true);
        return;
      }
      if (o.op) {
        // gas reads `b :op:x` (and b.cond) as a label definition, but takes `b #:op:x` like the 19-bit fields.
        const labelLike = code === "l26" || a.mnemonic === "b.";
        const reloc = code === "lit19" || code === "l19" || code === "l14" || code === "l26" ? (labelLike && !o.hash ? undefined : IMM19_RELOCS[o.op]) : code === "adr" ? ADR_RELOCS[o.op] : undefined;
        if (!reloc) throw new Mismatch();
        a.fix(o, reloc, true);
        return;
      }
      if (code === "l26") a.fix(o, a.row.branch === "call26" ? "CALL26" : "JUMP26", true);
      else if (code === "l19") a.fix(o, "CONDBR19", true);
      else if (code === "lit19") a.fix(o, "LD_PREL_LO19", true);
      else if (code === "l14") a.fix(o, "TSTBR14", true);
      else a.fix(o, "ADR_PREL_LO21", true);
      return;
    }
    case "mU": {
      if (o.kind !== "mem" || o.mode !== "offset" || o.offset?.kind === "index") throw new Mismatch();
      a.set(o.base, 5);
      const off = memImm(o, a);
      if (typeof off !== "bigint") {
        const reloc = ldstReloc(off.op, a.msz);
        if (!reloc) throw new Mismatch();
        a.fix(off, reloc, false);
        return;
      }
      const scale = BigInt(a.msz);
      if (off < 0n || (off & ((1n << scale) - 1n)) !== 0n) throw new Mismatch();
      a.set(range(off >> scale, 0n, 4095n, "offset"), 10);
      return;
    }
    case "m9": case "mpre9": case "mpost9": {
      a.set(range(immediateAddress(o, code, a), -256n, 255n, "offset") & 0x1ff, 12);
      return;
    }
    case "mR": {
      if (o.kind !== "mem" || o.mode !== "offset" || o.offset?.kind !== "index") throw new Mismatch();
      const { reg, ext: e } = o.offset;
      if (reg.num === 31 && reg.sp) throw new Mismatch();
      a.set(o.base, 5);
      a.set(reg.num, 16);
      // lsl (option 011) or uxtw, sxtw, sxtx; uxtx is not accepted as a name here.
      let option = 3;
      if (e?.kind === "extend") option = EXTEND_OPTION[e.op];
      else if (e && e.op !== "lsl") throw new Mismatch();
      if (option !== 2 && option !== 6 && option !== 7 && !(option === 3 && e?.kind !== "extend")) throw new RangeFail("invalid extend for a register offset");
      if ((reg.size === 64) !== ((option & 1) === 1)) throw new Mismatch();
      const amount = e?.amount;
      if (amount !== undefined && amount !== 0 && amount !== a.msz) throw new RangeFail("invalid shift amount");
      // A byte access sets S when an amount is written at all (`lsl #0`); the others when it is nonzero.
      if (amount !== undefined && (a.msz === 0 ? true : amount !== 0)) a.set(1, 12);
      a.set(option, 13);
      return;
    }
    case "m7": case "mpre7": case "mpost7": {
      const off = immediateAddress(o, code, a);
      const scale = BigInt(a.msz);
      if ((off & ((1n << scale) - 1n)) !== 0n) throw new RangeFail("offset must be a multiple of the access size");
      a.set(range(off >> scale, -64n, 63n, "offset") & 0x7f, 15);
      return;
    }
    case "m0": if (o.kind !== "mem") throw new Mismatch(); baseOnly(o, a); return;
    case "fimm": {
      const v = o.kind === "fimm" ? o.value : o.kind === "imm" ? Number(a.constant(o)) : mismatch();
      const enc = encodeFpImm8(v);
      if (enc === undefined) throw new RangeFail("invalid floating-point constant");
      a.set(enc, 13);
      return;
    }
    case "fzero": {
      if (!((o.kind === "fimm" && o.value === 0) || (o.kind === "imm" && o.expr === undefined && o.value === 0n))) throw new Mismatch();
      return;
    }
    case "zero": if (o.kind !== "imm" || a.constant(o) !== 0n) throw new Mismatch(); return;
    case "Ei1n": case "Ei1d": {
      if (o.kind !== "elem" || o.size !== "d" || o.index !== 1) throw new Mismatch();
      a.set(o.num, code === "Ei1n" ? 5 : 0);
      return;
    }
    case "Ei5n": case "Ei5d": {
      if (o.kind !== "elem") throw new Mismatch();
      const want = a.V ? ARR_ELEM[a.V] : a.F ?? undefined;
      if (want !== undefined && want !== o.size) throw new Mismatch();
      if (a.mnemonic === "umov" && (a.R === 64) !== (o.size === "d")) throw new Mismatch();
      if (a.mnemonic === "smov" && (o.size === "d" || (a.R === 32 && o.size === "s"))) throw new Mismatch();
      const sz = ELEM_LOG2[o.size];
      a.set(range(BigInt(o.index), 0n, BigInt((16 >> sz) - 1), "element index"), 16 + sz + 1);
      a.set(1 << sz, 16);
      a.set(o.num, code === "Ei5n" ? 5 : 0);
      if (code === "Ei5d" && ops[1]?.kind === "gpr" && (ops[1].size === 64) !== (o.size === "d")) throw new Mismatch();
      return;
    }
    case "Ei4n": {
      const d = ops[0];
      if (o.kind !== "elem" || d.kind !== "elem" || d.size !== o.size) throw new Mismatch();
      const sz = ELEM_LOG2[o.size];
      a.set(range(BigInt(o.index), 0n, BigInt((16 >> sz) - 1), "element index") << sz, 11);
      a.set(o.num, 5);
      return;
    }
    case "Eidx": {
      // By-element operand: h elements use H:L:M and v0-v15, s use H:L, d use H.
      const e = ARR_ELEM[a.V!];
      if (o.kind !== "elem" || o.size !== e) throw new Mismatch();
      const i = range(BigInt(o.index), 0n, BigInt((16 >> ELEM_LOG2[e as ElemSize]) - 1), "element index");
      if (e === "h") {
        if (o.num > 15) throw new RangeFail("register number out of range 0 to 15");
        a.set(o.num, 16); a.set(i >> 2, 11); a.set((i >> 1) & 1, 21); a.set(i & 1, 20);
      } else if (e === "s") { a.set(o.num, 16); a.set(i >> 1, 11); a.set(i & 1, 21); }
      else { a.set(o.num, 16); a.set(i, 11); }
      return;
    }
    case "Ll": {
      // One lane: the index spreads over Q:S:size by element size; the opcode names the size.
      if (o.kind !== "lanes") throw new Mismatch();
      const n = Number(a.mnemonic[2]);
      if (o.count !== n) throw new Mismatch();
      const sz = ELEM_LOG2[o.size];
      const i = range(BigInt(o.index), 0n, BigInt((16 >> sz) - 1), "element index");
      const bits = i << sz; // Q:S:size as if for bytes
      a.set(bits >> 3, 30);
      a.set((bits >> 2) & 1, 12);
      a.set(sz === 3 ? 1 : bits & 3, 10);
      a.set([0, 2, 4, 4][sz], 13);
      a.set(o.first, 0);
      return;
    }
    case "Lr": {
      // ld1r..ld4r: as many registers as the mnemonic's digit.
      if (o.kind !== "list" || o.count !== Number(a.mnemonic[2]) || o.arr === "1q") throw new Mismatch();
      a.set(ARR_BYTES(o.arr) === 16 ? 1 : 0, 30);
      a.set(ELEM_LOG2[ARR_ELEM[o.arr] as ElemSize], 10);
      a.set(o.first, 0);
      return;
    }
    case "Ltn": {
      if (o.kind !== "list" || o.arr !== "16b" || o.count > 4) throw new Mismatch();
      a.set(o.first, 5);
      a.set(o.count - 1, 13);
      return;
    }
    case "Lt": {
      if (o.kind !== "list" || o.count > 4 || o.arr === "1q") throw new Mismatch();
      // ld1/st1 take 1-4 registers (opcode by count); ldN/stN exactly N, not of 1d.
      const n = Number(a.mnemonic[2]);
      if (n > 1 && (o.count !== n || o.arr === "1d")) throw new Mismatch();
      a.set(ARR_BYTES(o.arr) === 16 ? 1 : 0, 30);
      a.set(ELEM_LOG2[ARR_ELEM[o.arr] as ElemSize], 10);
      a.set(n > 1 ? ({ 2: 0x8, 3: 0x4, 4: 0x0 } as Record<number, number>)[n] : [0x7, 0xa, 0x6, 0x2][o.count - 1], 12);
      a.set(o.first, 0);
      return;
    }
    case "mlst": if (o.kind !== "mem") throw new Mismatch(); if (o.offset) throw new Mismatch(); if (o.mode !== "offset") throw new Mismatch(); a.set(o.base, 5); return;
    case "mlstpost": {
      // Post-index by a register, or by exactly the bytes transferred (Rm = 31).
      if (o.kind !== "mem" || o.mode !== "post" || !o.offset) throw new Mismatch();
      a.set(o.base, 5);
      const regs = ops[0];
      if (regs.kind !== "list" && regs.kind !== "lanes") throw new Mismatch();
      if (o.offset.kind === "index") {
        if (o.offset.reg.size !== 64 || o.offset.reg.num === 31 || o.offset.ext) throw new Mismatch();
        a.set(o.offset.reg.num, 16);
      } else {
        const bytes = regs.kind === "list" ? ARR_BYTES(regs.arr) : 1 << ELEM_LOG2[regs.size];
        if (memImm(o, a) !== BigInt(bytes * regs.count)) throw new RangeFail(`invalid post-increment amount`);
        a.set(31, 16);
      }
      return;
    }
    case "vshl": case "vshr": {
      // A scalar shift (shl d0, d1, #3) has 64-bit elements.
      const esize = a.V ? 8 << ELEM_LOG2[ARR_ELEM[a.V] as ElemSize] : 64;
      const v = a.constant(o);
      const field = code === "vshl" ? esize + range(v, 0n, BigInt(esize - 1), "shift amount") : 2 * esize - range(v, 1n, BigInt(esize), "shift amount");
      a.set(field, 16);
      if (a.V === "1d") mismatch();
      return;
    }
    case "ext4": a.set(range(a.constant(o), 0n, BigInt(ARR_BYTES(a.V!) - 1), "index"), 11); return;
    case "movi": {
      // gas takes -128..255 (and 64-bit values that sign-extend from a byte) as the 8-bit pattern.
      let c = a.constant(o);
      if (c >= 0xffffffffffffff80n && c <= 0xffffffffffffffffn) c = BigInt.asIntN(64, c);
      const v = range(c, -128n, 255n, "immediate") & 0xff;
      a.set(v >> 5, 16);
      a.set(v & 31, 5);
      return;
    }
    case "mshift": {
      const elemBits = a.V === "4h" || a.V === "8h" ? 16 : 32;
      // msl (shifting ones in) exists for 32-bit elements by 8 or 16: cmode 110x.
      if (o.kind === "shift" && o.op === "msl" && elemBits === 32 && (a.mnemonic === "movi" || a.mnemonic === "mvni") && (o.amount === 8 || o.amount === 16)) {
        a.set(o.amount === 8 ? 0xc : 0xd, 12);
        return;
      }
      if (o.kind !== "shift" || o.op !== "lsl" || o.amount % 8 !== 0 || o.amount >= elemBits) throw new RangeFail("invalid shift amount");
      a.set(o.amount / 8, 13);
      return;
    }
    case "movi64": {
      const v = BigInt.asUintN(64, a.constant(o));
      let imm8 = 0;
      for (let i = 0; i < 8; i++) {
        const byte = (v >> BigInt(i * 8)) & 0xffn;
        if (byte === 0xffn) imm8 |= 1 << i;
        else if (byte !== 0n) throw new RangeFail("invalid immediate");
      }
      a.set(imm8 >> 5, 16);
      a.set(imm8 & 31, 5);
      return;
    }
    case "vfimm": {
      const v = o.kind === "fimm" ? o.value : o.kind === "imm" ? Number(a.constant(o)) : mismatch();
      const enc = encodeFpImm8(v);
      if (enc === undefined) throw new RangeFail("invalid floating-point constant");
      a.set(enc >> 5, 16);
      a.set(enc & 31, 5);
      return;
    }
  }
  throw new Error(`opcode table: unknown operand code ${code}`);
}

/** Half-precision arithmetic (an `h` variant of a form without memory operands) needs fp16; h loads and stores do not. */
const needsFp16 = (row: OpcodeRow, a: Attempt): boolean =>
  row.feature === "fp16" || (a.F === "h" && !row.ops.some((c) => /^(m|lit19)/.test(c)));

function tryRow(mnemonic: string, row: OpcodeRow, variant: string, ops: readonly Operand[], cx: EncodeContext): A64Encoded {
  const a = new Attempt(row, variant, cx, mnemonic);
  const codes = row.ops;
  // Optional operands come last; `ashift` is read by `aimm`.
  if (ops.length > codes.length) throw new Mismatch();
  for (let i = 0; i < codes.length; i++) {
    if (i >= ops.length && !codes[i].endsWith("?")) throw new Mismatch();
    encodeOperand(codes[i], ops[i], a, ops);
  }
  // Checked once the operands fit, so only a form that would be chosen reports a missing extension.
  const feature = needsFp16(row, a) ? "fp16" : row.feature;
  if (feature && cx.features && !cx.features.has(feature)) throw new Unsupported();
  return a.fixup ? { word: a.word, fixup: a.fixup } : { word: a.word };
}

/** Encode one instruction; throws AsmError for input gas rejects. */
export function encodeInst(inst: Inst, cx: EncodeContext): A64Encoded {
  const base = rewriteAlias(inst, cx);
  const { mnemonic, operands: ops } = base;
  // b.cond, also written without the dot (gcc prints `bgt`).
  const bcond = /^b\.?([a-z]{2})$/.exec(mnemonic);
  const c = bcond ? conditionNumber(bcond[1]) : undefined;
  if (c !== undefined) {
    const r = encodeWith("b.", ops, cx, inst);
    return { ...r, word: (r.word | c) >>> 0 };
  }
  return encodeWith(mnemonic, ops, cx, inst);
}

function encodeWith(mnemonic: string, ops: readonly Operand[], cx: EncodeContext, original: Inst): A64Encoded {
  const rows = OPCODES.get(mnemonic);
  if (!rows) throw new AsmError(`unknown mnemonic \`${original.mnemonic}'`);
  let error: string | undefined;
  let unsupported = false;
  for (const row of rows) {
    for (const variant of Object.keys(row.v)) {
      try {
        return tryRow(mnemonic, row, variant, ops, cx);
      } catch (e) {
        if (e instanceof Unsupported) unsupported = true;
        else if (e instanceof RangeFail) error ??= e.message;
        else if (!(e instanceof Mismatch)) throw e;
      }
    }
  }
  if (unsupported) throw new AsmError(`selected processor does not support \`${original.mnemonic}'`);
  throw new AsmError(error ? `${error} -- \`${original.mnemonic}'` : `operand mismatch -- \`${original.mnemonic}'`);
}

export function conditionNumber(name: string): number | undefined {
  const i = (CONDITIONS as readonly string[]).indexOf(name);
  if (i >= 0) return i;
  return name === "hs" ? 2 : name === "lo" ? 3 : undefined;
}
