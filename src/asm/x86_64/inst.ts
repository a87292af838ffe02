// x86_64 instructions as structured data: what the backend emits, what the
// assembler's text parser produces, and what the encoder consumes.
//
// Conventions (AT&T, as GNU as prints them):
//   - `mnemonic` is the full AT&T mnemonic including its size suffix where the
//     instruction has one ("addq", "movslq", "cvtsi2sdl", "fldt", "movsd").
//     Every operand size is thus explicit: registers by name, memory by suffix.
//   - operands are in AT&T order: sources first, destination last.

import type { AsmLine as GenericAsmLine } from "../lines.js";

export const GPR64 = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"] as const;
export const GPR32 = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"] as const;
export const GPR16 = ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di", "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"] as const;
export const GPR8 = ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"] as const;
export const XMM = ["xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"] as const;
/** The 256-bit AVX registers: `%ymmN` is `%xmmN` widened (VEX.L=1 forms). */
export const YMM = XMM.map((x) => `y${x.slice(1)}` as `ymm${number}`);
export const X87 = ["st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)"] as const;
/** The legacy high-byte registers (not encodable together with a REX prefix). */
export const GPR8H = ["ah", "ch", "dh", "bh"] as const;

/** Segment, control and debug registers: system code (the kernel) moves them with `mov`. */
export const SEGMENT_REGS = ["es", "cs", "ss", "ds", "fs", "gs"] as const;
export const CONTROL_REGS = Array.from({ length: 16 }, (_, i) => `cr${i}` as const);
export const DEBUG_REGS = Array.from({ length: 16 }, (_, i) => `db${i}` as const);

export type RegName =
  | (typeof GPR64)[number] | (typeof GPR32)[number] | (typeof GPR16)[number] | (typeof GPR8)[number]
  | (typeof XMM)[number] | `ymm${number}` | (typeof X87)[number] | (typeof GPR8H)[number] | "st(0)" | "rip"
  | (typeof SEGMENT_REGS)[number] | `cr${number}` | `db${number}` | `dr${number}`;

/** The name of general register `n` (0..15, hardware numbering) at a byte width. */
export function gprName(n: number, size: number): RegName {
  const table = size === 8 ? GPR64 : size === 4 ? GPR32 : size === 2 ? GPR16 : GPR8;
  return table[n]!;
}

export type Reloc = "PLT" | "GOTPCREL" | "TPOFF" | "GOTTPOFF" | "GOTOFF" | "TLSGD" | "TLSLD" | "DTPOFF";

export interface RegOperand { readonly kind: "reg"; readonly reg: RegName }
/**
 * `$value`, or `$sym+value` (absolute; not used in PIC code). Throughout, `sym`
 * may be any gas expression text (the assembler's parser stores e.g.
 * `.L3-.L2` there); the encoder evaluates it, the printer prints it verbatim.
 */
export interface ImmOperand { readonly kind: "imm"; readonly value: bigint; readonly sym?: string }
/** seg:disp+sym@reloc(base, index, scale). `base: "rip"` is RIP-relative. */
export interface MemOperand {
  readonly kind: "mem";
  readonly seg?: "fs" | "gs" | "cs" | "ds" | "es" | "ss";
  readonly base?: RegName;
  readonly index?: RegName;
  readonly scale: 1 | 2 | 4 | 8;
  readonly disp: bigint;
  readonly sym?: string;
  readonly reloc?: Reloc;
}
/** A branch/call target: a label or symbol, possibly @PLT. */
export interface TargetOperand { readonly kind: "target"; readonly name: string; readonly reloc?: Reloc }
/** `*%reg` / `*mem` for indirect jumps and calls. */
export interface IndirectOperand { readonly kind: "indirect"; readonly to: RegOperand | MemOperand }

export type Operand = RegOperand | ImmOperand | MemOperand | TargetOperand | IndirectOperand;

export interface Inst {
  readonly kind: "inst";
  readonly mnemonic: string;
  readonly operands: readonly Operand[];
  /** Instruction prefixes written before the mnemonic: lock, rep, repne, data16, rex64, … */
  readonly prefixes?: readonly string[];
}
export type { Label, Directive, Verbatim } from "../lines.js";
export { label, directive, verbatim } from "../lines.js";
/** A line of x86_64 assembly: an instruction, label, directive or verbatim text. */
export type AsmLine = GenericAsmLine<Inst>;

// ---------------------------------------------------------------- constructors

export const reg = (r: RegName): RegOperand => ({ kind: "reg", reg: r });
export const imm = (v: bigint | number): ImmOperand => ({ kind: "imm", value: BigInt(v) });
export const inst = (mnemonic: string, ...operands: Operand[]): Inst => ({ kind: "inst", mnemonic, operands });
export function mem(m: Omit<MemOperand, "kind" | "scale" | "disp"> & { scale?: 1 | 2 | 4 | 8; disp?: bigint | number }): MemOperand {
  return { ...m, kind: "mem", scale: m.scale ?? 1, disp: BigInt(m.disp ?? 0) };
}
