// MIR: the target-independent machine IR shared by all backends.
//
// A MIR instruction is a target opcode (for x86_64 an AT&T mnemonic) with
// operands that may name virtual registers. Everything the register allocator
// must know is explicit data: which register operands are read and written,
// which physical registers an instruction implicitly reads, writes or clobbers.
// Backends describe their register files as data (`RegisterFile`); nothing in
// src/codegen knows an x86 register by name.

import type { DebugLoc } from "../ir/debug.js";

export type RegClass = "int" | "float";

/** Register numbers below VREG_BASE are physical; the rest are virtual. */
export const VREG_BASE = 1000;
export const isVirtual = (r: number): boolean => r >= VREG_BASE;

export interface MReg {
  readonly k: "reg";
  r: number;
  /** Access width in bytes (selects e.g. %eax vs %rax). */
  readonly size: number;
  readonly def?: boolean;
  /** Read as well as written (two-address destinations). */
  readonly use?: boolean;
  /** Written before the instruction's inputs are all read (asm `&`): shares no register with them. */
  readonly early?: boolean;
}
export interface MImm { readonly k: "imm"; readonly v: bigint }
/** base/index are register numbers; `slot` names a frame slot resolved after layout. */
export interface MMem {
  readonly k: "mem";
  base?: number;
  index?: number;
  readonly scale: 1 | 2 | 4 | 8;
  readonly disp: number;
  readonly sym?: string;
  /** Relocation flavour of sym: "" (pc-relative), GOTPCREL, TPOFF, GOTTPOFF. */
  readonly reloc?: string;
  readonly slot?: number;
  readonly seg?: string;
}
export interface MLabel { readonly k: "label"; readonly block: number }
export interface MSym { readonly k: "sym"; readonly name: string; readonly reloc?: string; readonly off?: number }
export type MOperand = MReg | MImm | MMem | MLabel | MSym;

export interface MInst {
  readonly opc: string;
  readonly ops: MOperand[];
  /** Physical registers read / written that are not operands (call args, div, cl...). */
  readonly impUses?: readonly number[];
  readonly impDefs?: readonly number[];
  /** A plain register-to-register copy (coalescing hint; removable when src==dst). */
  readonly copy?: boolean;
  /**
   * Physical registers destroyed at some point during the instruction (asm
   * clobbers): unlike impDefs they may hold neither an input nor an output.
   */
  readonly clobbers?: readonly number[];
  /** Inline asm: the emitter substitutes `ops` into the template. */
  readonly asm?: MAsm;
  /** -g: the source position of the IR instruction this was selected from. */
  loc?: DebugLoc;
}

/**
 * An inline asm statement. `operands[n]` is GCC operand number n (outputs,
 * inputs, goto labels): the index of its MOperand in the instruction's ops,
 * and its `[name]`.
 */
export interface MAsm {
  readonly template: string;
  readonly operands: readonly { readonly op: number; readonly name?: string }[];
  /** A number unique to this asm in the output (`%=`). */
  readonly unique: number;
}

/** A phi over virtual registers; removed by phi elimination before allocation. */
export interface MPhi {
  readonly dst: number;
  readonly cls: RegClass;
  /** Incoming operand per predecessor MIR block index. */
  readonly srcs: Map<number, MOperand>;
}

export interface MBlock {
  readonly label: string;
  phis: MPhi[];
  insts: MInst[];
  /** Successor MIR block indices (for liveness). */
  succs: number[];
}

export interface FrameSlot {
  size: number;
  align: number;
  /** Offset from the frame base, assigned by layoutFrame. */
  offset?: number;
}

export interface MFunc {
  readonly name: string;
  blocks: MBlock[];
  /** Class of each virtual register, indexed by (vreg - VREG_BASE). */
  vregClass: RegClass[];
  slots: FrameSlot[];
  /** Physical callee-saved registers the allocator used (filled by regalloc). */
  usedCalleeSaved: number[];
}

/** A backend's register file, as data. */
export interface RegisterFile {
  readonly names: readonly string[];
  readonly classOf: readonly RegClass[];
  /** Allocation order per class (caller-saved first: they cost nothing to use). */
  readonly allocatable: Readonly<Record<RegClass, readonly number[]>>;
  readonly calleeSaved: ReadonlySet<number>;
}

/** Target hooks the shared layer needs to insert code. */
export interface TargetHooks {
  readonly regs: RegisterFile;
  /** Copy `src` into register `dst` of class cls. */
  copy(cls: RegClass, dst: number, src: MOperand): MInst;
  spillStore(cls: RegClass, src: number, slot: number): MInst;
  spillLoad(cls: RegClass, dst: number, slot: number): MInst;
  /** Is this a block-ending branch (copies must go before it)? */
  isBranch(i: MInst): boolean;
}

export function newVReg(f: MFunc, cls: RegClass): number {
  f.vregClass.push(cls);
  return VREG_BASE + f.vregClass.length - 1;
}

export function newSlot(f: MFunc, size: number, align: number): number {
  f.slots.push({ size, align });
  return f.slots.length - 1;
}

/** Register reads and writes of an instruction (operands + implicit). */
export function instRegs(i: MInst): { uses: number[]; defs: number[] } {
  const uses: number[] = [];
  const defs: number[] = [];
  for (const o of i.ops) {
    if (o.k === "reg") {
      if (!o.def || o.use) uses.push(o.r);
      if (o.def) defs.push(o.r);
    } else if (o.k === "mem") {
      if (o.base !== undefined) uses.push(o.base);
      if (o.index !== undefined) uses.push(o.index);
    }
  }
  if (i.impUses) uses.push(...i.impUses);
  if (i.impDefs) defs.push(...i.impDefs);
  return { uses, defs };
}
