// The x86_64 register file as data for the shared allocator.
// Numbers 0..15 are the general registers in hardware order, 16..31 xmm0..15.

import type { RegisterFile, RegClass } from "../codegen/mir.js";
import { GPR64, XMM } from "../asm/x86_64/inst.js";

export const RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
export const R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;
export const XMM0 = 16;
export const xmm = (n: number): number => XMM0 + n;

/** SysV argument registers, in order. */
export const INT_ARG_REGS = [RDI, RSI, RDX, RCX, R8, R9] as const;
export const SSE_ARG_REGS = [0, 1, 2, 3, 4, 5, 6, 7].map(xmm);
export const INT_RET_REGS = [RAX, RDX] as const;
export const SSE_RET_REGS = [xmm(0), xmm(1)] as const;

const CALLEE_SAVED = [RBX, R12, R13, R14, R15];
/** Everything a call may overwrite. */
export const CALLER_SAVED = [RAX, RCX, RDX, RSI, RDI, R8, R9, R10, R11, ...XMM.map((_, i) => xmm(i))];

export const X86_REGS: RegisterFile = {
  names: [...GPR64, ...XMM],
  classOf: [...GPR64.map((): RegClass => "int"), ...XMM.map((): RegClass => "float")],
  allocatable: {
    // Caller-saved first (free to use); callee-saved cost a save/restore.
    int: [RAX, RCX, RDX, RSI, RDI, R8, R9, R10, R11, RBX, R12, R13, R14, R15],
    float: XMM.map((_, i) => xmm(i)),
  },
  calleeSaved: new Set(CALLEE_SAVED),
};
