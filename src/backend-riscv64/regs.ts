// The riscv64 register file and address mode as data for the shared machine
// layer. Numbers 0..31 are x0..x31 in hardware order, 32..63 f0..f31.
// Reserved (never allocated): zero, ra, sp, gp, tp, s0 (the frame pointer)
// and t6, the scratch register for frame offsets beyond ±2 KiB and for
// pseudo-instructions expanded after allocation.

import type { MBlock, MFunc, MInst, MMem, MOperand, RegisterFile, RegClass } from "../codegen/mir.js";
import { FPR, GPR } from "../asm/riscv64/inst.js";

export const ZERO = 0, RA = 1, SP = 2, GP = 3, TP = 4, T0 = 5, T1 = 6, T2 = 7, S0 = 8, S1 = 9;
export const A0 = 10, A1 = 11, A7 = 17, T6 = 31;
export const F0 = 32;
export const freg = (n: number): number => F0 + n;
export const FA0 = freg(10), FA1 = freg(11);

/** LP64D argument registers, in order: a0–a7, fa0–fa7. */
export const INT_ARG_REGS = [10, 11, 12, 13, 14, 15, 16, 17] as const;
export const FP_ARG_REGS = INT_ARG_REGS.map(freg);
export const INT_RET_REGS = [A0, A1] as const;
export const FP_RET_REGS = [FA0, FA1] as const;
/** The static chain of a nested function (gcc's riscv64: t2). */
export const CHAIN_REG = T2;
/** The scratch register: large frame offsets, expansions after allocation. */
export const SCRATCH = T6;

const INT_TEMPS = [T0, T1, T2, 28, 29, 30];
const INT_CALLEE = [S1, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27];
const FP_TEMPS = [0, 1, 2, 3, 4, 5, 6, 7, 28, 29, 30, 31].map(freg);
const FP_CALLEE = [8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27].map(freg);

/** Everything a call may overwrite. */
export const CALLER_SAVED = [RA, ...INT_TEMPS, ...INT_ARG_REGS, T6, ...FP_TEMPS, ...FP_ARG_REGS];

export const RV_REGS: RegisterFile = {
  names: [...GPR, ...FPR],
  classOf: [...GPR.map((): RegClass => "int"), ...FPR.map((): RegClass => "float")],
  classes: {
    // Caller-saved first (free to use); callee-saved cost a save/restore.
    int: { allocatable: [...INT_TEMPS, ...INT_ARG_REGS, ...INT_CALLEE], bytes: 8 },
    float: { allocatable: [...FP_TEMPS, ...FP_ARG_REGS, ...FP_CALLEE], bytes: 8 },
  },
  calleeSaved: new Map([...INT_CALLEE, ...FP_CALLEE].map((r) => [r, 8])),
};

/** RISC-V addresses are base + 12-bit offset only: nothing target-specific to add. */
export type RvAddr = never;
export type RMem = MMem<RvAddr>;
export type ROperand = MOperand<RvAddr>;
export type RInst = MInst<RvAddr>;
export type RBlock = MBlock<RvAddr>;
export type RFunc = MFunc<RvAddr>;

export const regName = (r: number): string => (r >= F0 ? FPR[r - F0]! : GPR[r]!);
