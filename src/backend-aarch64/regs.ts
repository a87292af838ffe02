// The AArch64 register file and address mode as data for the shared machine
// layer. Numbers 0..30 are x0..x30, 31 is sp (only ever a base or an
// operand of sp arithmetic), 32..63 are v0..v31, 64 is xzr.
//
// Reserved, never allocated: x16/x17 (intra-procedure-call scratch: the
// linker's veneers and PLT may clobber them, and the frame layer puts out-of-
// range frame offsets in x16), x18 (platform register; gcc's static chain),
// x29 (frame pointer), x30 (link register, saved in the frame record).

import type { MBlock, MFunc, MInst, MMem, MOperand, RegisterFile, RegClass } from "../codegen/mir.js";

export const X0 = 0, X1 = 1, X8 = 8, X16 = 16, X17 = 17, X18 = 18, FP = 29, LR = 30, SP = 31, XZR = 64;
export const V0 = 32;
export const vreg = (n: number): number => V0 + n;
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k);

/** AAPCS64 argument and result registers, in order. */
export const INT_ARG_REGS = range(0, 7);
export const FP_ARG_REGS = range(0, 7).map(vreg);
export const INT_RET_REGS = [0, 1] as const;
export const FP_RET_REGS = range(0, 3).map(vreg);

const CALLEE_SAVED_INT = range(19, 28);
/** v8–v15: a callee preserves only their low 64 bits (d8–d15). */
const CALLEE_SAVED_FP = range(8, 15).map(vreg);
/** Everything a call may overwrite (v8–v15's upper halves are the register file's business). */
export const CALLER_SAVED = [...range(0, 17), LR, ...range(0, 7).map(vreg), ...range(16, 31).map(vreg)];

export const A64_REGS: RegisterFile = {
  names: [...range(0, 30).map((n) => `x${n}`), "sp", ...range(0, 31).map((n) => `v${n}`), "xzr"],
  classOf: [...range(0, 31).map((): RegClass => "int"), ...range(0, 31).map((): RegClass => "float"), "int"],
  classes: {
    // Caller-saved first: temporaries x9–x15, then the argument registers, then callee-saved.
    int: { allocatable: [...range(9, 15), ...range(0, 8), ...CALLEE_SAVED_INT], bytes: 8 },
    // A float vreg holds an f32 or f64 (binary128 lives in integer pairs), so 8 bytes.
    float: { allocatable: [...range(16, 31).map(vreg), ...range(0, 7).map(vreg), ...CALLEE_SAVED_FP], bytes: 8 },
  },
  calleeSaved: new Map([...CALLEE_SAVED_INT.map((r): [number, number] => [r, 8]), ...CALLEE_SAVED_FP.map((r): [number, number] => [r, 8])]),
};

/**
 * AArch64's part of a memory operand: the index register's shift (`[x1, x2,
 * lsl 3]`), or the relocation operator of a symbolic offset
 * (`[x0, :got_lo12:sym]`).
 */
export interface A64Addr {
  readonly shift?: number;
  readonly reloc?: "got_lo12" | "gottprel_lo12";
}
export type AMem = MMem<A64Addr>;
export type AOperand = MOperand<A64Addr>;
export type AInst = MInst<A64Addr>;
export type ABlock = MBlock<A64Addr>;
export type AFunc = MFunc<A64Addr>;
