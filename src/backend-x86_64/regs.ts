// The x86_64 register file and address mode as data for the shared machine layer.
// Numbers 0..15 are the general registers in hardware order, 16..31 xmm0..15,
// 32..39 the x87 stack st(0)..st(7) (a class of its own, only ever used at
// fixed places: f80 arithmetic and asm operands).

import type { MBlock, MFunc, MInst, MMem, MOperand, RegisterFile, RegClass } from "../codegen/mir.js";
import type { Reloc } from "../asm/x86_64/inst.js";
import { GPR64, X87, XMM } from "../asm/x86_64/inst.js";

export const RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
export const R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;
export const XMM0 = 16;
export const xmm = (n: number): number => XMM0 + n;
export const ST0 = 32;
export const stReg = (n: number): number => ST0 + n;

/** SysV argument registers, in order. */
export const INT_ARG_REGS = [RDI, RSI, RDX, RCX, R8, R9] as const;
export const SSE_ARG_REGS = [0, 1, 2, 3, 4, 5, 6, 7].map(xmm);
export const INT_RET_REGS = [RAX, RDX] as const;
export const SSE_RET_REGS = [xmm(0), xmm(1)] as const;

const CALLEE_SAVED = [RBX, R12, R13, R14, R15];
/** Everything a call may overwrite. */
export const CALLER_SAVED = [RAX, RCX, RDX, RSI, RDI, R8, R9, R10, R11, ...XMM.map((_, i) => xmm(i))];

export const X86_REGS: RegisterFile = {
  names: [...GPR64, ...XMM, ...X87],
  classOf: [...GPR64.map((): RegClass => "int"), ...XMM.map((): RegClass => "float"), ...X87.map((): RegClass => "x87")],
  classes: {
    // Caller-saved first (free to use); callee-saved cost a save/restore.
    int: { allocatable: [RAX, RCX, RDX, RSI, RDI, R8, R9, R10, R11, RBX, R12, R13, R14, R15], bytes: 8 },
    float: { allocatable: XMM.map((_, i) => xmm(i)), bytes: 16 },
    x87: { allocatable: [], bytes: 16 },
  },
  calleeSaved: new Map(CALLEE_SAVED.map((r) => [r, 8])),
};

/** x86's part of a memory operand: index scaling, the %fs segment, a relocation operator on the symbol. */
export interface X86Addr {
  readonly scale?: 2 | 4 | 8;
  readonly seg?: "fs";
  readonly reloc?: Extract<Reloc, "TPOFF" | "GOTTPOFF" | "GOTPCREL">;
}
export type XMem = MMem<X86Addr>;
export type XOperand = MOperand<X86Addr>;
export type XInst = MInst<X86Addr>;
export type XBlock = MBlock<X86Addr>;
export type XFunc = MFunc<X86Addr>;
