// AArch64 instructions as structured data: what a backend emits, what the
// assembler's text parser produces, what the encoder consumes and what the
// printer turns back into gas syntax.
//
// Conventions (gas syntax, as `aarch64-linux-gnu-gcc -S` prints it):
//   - `mnemonic` is the name as written, aliases included ("mov", "cmp",
//     "lsl", "cset", "b.ne"); the encoder maps aliases to their base
//     instruction the way gas does.
//   - operands are in assembly order, destination first. A shift or extend
//     that follows a register (`x2, lsl #3`) is an operand of its own.
//   - expressions that are not plain numbers are kept as gas text (`sym`,
//     `.L3`, `8+.LC0`); the encoder evaluates them through the assembler.

/** General registers: 31 is sp/wsp when `sp` is set, xzr/wzr otherwise. */
export interface GprOperand { readonly kind: "gpr"; readonly size: 32 | 64; readonly num: number; readonly sp: boolean }

export type FpClass = "b" | "h" | "s" | "d" | "q";
/** A scalar FP/SIMD register: b0, h1, s2, d3, q4. */
export interface FprOperand { readonly kind: "fpr"; readonly cls: FpClass; readonly num: number }

export const ARRANGEMENTS = ["8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d", "1q"] as const;
export type Arrangement = (typeof ARRANGEMENTS)[number];
/** A whole vector register with its arrangement: v0.4s. */
export interface VecOperand { readonly kind: "vec"; readonly num: number; readonly arr: Arrangement }

export type ElemSize = "b" | "h" | "s" | "d";
/** One element of a vector register: v1.s[2]. */
export interface ElemOperand { readonly kind: "elem"; readonly num: number; readonly size: ElemSize; readonly index: number }

/** A register list for structure loads/stores and tbl: {v0.4s, v1.4s} (consecutive, modulo 32). */
export interface ListOperand { readonly kind: "list"; readonly first: number; readonly count: number; readonly arr: Arrangement }

/** One lane of consecutive registers for single-structure loads/stores: {v0.s}[1], {v0.h, v1.h}[3]. */
export interface LanesOperand { readonly kind: "lanes"; readonly first: number; readonly count: number; readonly size: ElemSize; readonly index: number }

/** `#value`, or `#expr` kept as text (evaluated to a constant by the encoder). */
export interface ImmOperand { readonly kind: "imm"; readonly value: bigint; readonly expr?: string }
/** A floating-point immediate (fmov, fcmp #0.0). */
export interface FImmOperand { readonly kind: "fimm"; readonly value: number }

export type ShiftOp = "lsl" | "lsr" | "asr" | "ror" | "msl";
export interface ShiftOperand { readonly kind: "shift"; readonly op: ShiftOp; readonly amount: number }

export type ExtendOp = "uxtb" | "uxth" | "uxtw" | "uxtx" | "sxtb" | "sxth" | "sxtw" | "sxtx";
/** An extend with an optional left shift; `amount` undefined when not written. */
export interface ExtendOperand { readonly kind: "extend"; readonly op: ExtendOp; readonly amount?: number }

/** Relocation operators of gas syntax (`:lo12:sym`). */
export const RELOC_OPS = [
  "lo12", "got", "got_lo12", "tlsdesc", "tlsdesc_lo12", "tprel_hi12", "tprel_lo12", "tprel_lo12_nc",
  "gottprel", "gottprel_lo12", "dtprel_hi12", "dtprel_lo12", "dtprel_lo12_nc", "tlsgd", "tlsgd_lo12",
  "abs_g0", "abs_g0_nc", "abs_g1", "abs_g1_nc", "abs_g2", "abs_g2_nc", "abs_g3", "abs_g0_s", "abs_g1_s", "abs_g2_s",
  "tprel_g0", "tprel_g0_nc", "tprel_g1", "tprel_g1_nc", "tprel_g2", "pg_hi21", "pg_hi21_nc", "prel_g0", "prel_g0_nc",
  "prel_g1", "prel_g1_nc", "prel_g2", "prel_g2_nc", "prel_g3",
] as const;
export type RelocOp = (typeof RELOC_OPS)[number];

/** A symbolic operand: a label, a branch target, or `:op:expr` (with `#` in front when `hash`). */
export interface SymOperand { readonly kind: "sym"; readonly expr: string; readonly op?: RelocOp; readonly hash?: true }

/** The offset part of an address. */
export type MemOffset =
  | ImmOperand
  | SymOperand
  | { readonly kind: "index"; readonly reg: GprOperand; readonly ext?: ShiftOperand | ExtendOperand };

/**
 * `[xn]`, `[xn, off]` (`mode: "offset"`), `[xn, #imm]!` (pre-index),
 * `[xn], #imm` / `[xn], xm` (post-index). `base` is an X register or sp.
 */
export interface MemOperand { readonly kind: "mem"; readonly base: number; readonly mode: "offset" | "pre" | "post"; readonly offset?: MemOffset }

export const CONDITIONS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"] as const;
export type CondName = (typeof CONDITIONS)[number];
/** Other spellings gas accepts for condition codes, by number. */
export const CONDITION_ALIASES: Readonly<Record<string, number>> = { hs: 2, lo: 3 };
export interface CondOperand { readonly kind: "cond"; readonly cond: number }

/** A named operand: barrier option (`ish`), system register (`tpidr_el0`), prefetch operation (`pldl1keep`). */
export interface NameOperand { readonly kind: "name"; readonly name: string }

export type Operand =
  | GprOperand | FprOperand | VecOperand | ElemOperand | ListOperand | LanesOperand | ImmOperand | FImmOperand
  | ShiftOperand | ExtendOperand | SymOperand | MemOperand | CondOperand | NameOperand;

export interface Inst { readonly kind: "inst"; readonly mnemonic: string; readonly operands: readonly Operand[] }

// ---------------------------------------------------------------- constructors

export const x = (num: number): GprOperand => ({ kind: "gpr", size: 64, num, sp: false });
export const w = (num: number): GprOperand => ({ kind: "gpr", size: 32, num, sp: false });
export const sp: GprOperand = { kind: "gpr", size: 64, num: 31, sp: true };
export const wsp: GprOperand = { kind: "gpr", size: 32, num: 31, sp: true };
export const xzr: GprOperand = x(31);
export const wzr: GprOperand = w(31);
export const fpr = (cls: FpClass, num: number): FprOperand => ({ kind: "fpr", cls, num });
export const vec = (num: number, arr: Arrangement): VecOperand => ({ kind: "vec", num, arr });
export const elem = (num: number, size: ElemSize, index: number): ElemOperand => ({ kind: "elem", num, size, index });
export const imm = (v: bigint | number): ImmOperand => ({ kind: "imm", value: BigInt(v) });
export const shift = (op: ShiftOp, amount: number): ShiftOperand => ({ kind: "shift", op, amount });
export const extend = (op: ExtendOp, amount?: number): ExtendOperand => ({ kind: "extend", op, amount });
export const sym = (expr: string, op?: RelocOp): SymOperand => (op ? { kind: "sym", expr, op } : { kind: "sym", expr });
export const cond = (c: CondName): CondOperand => ({ kind: "cond", cond: CONDITIONS.indexOf(c) });
export const inst = (mnemonic: string, ...operands: Operand[]): Inst => ({ kind: "inst", mnemonic, operands });
export function mem(base: number, offset?: MemOffset, mode: MemOperand["mode"] = "offset"): MemOperand {
  return offset ? { kind: "mem", base, mode, offset } : { kind: "mem", base, mode };
}
