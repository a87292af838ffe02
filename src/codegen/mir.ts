// MIR: the target-independent machine IR shared by all backends.
//
// A MIR instruction is a target opcode with operands that may name virtual
// registers. Everything the shared layer must know is explicit data: which
// register operands are read and written, which physical registers an
// instruction implicitly reads, writes or clobbers, which operands a copy
// moves between. What an address looks like beyond "registers + offset or
// symbol + frame slot" is the target's (`A`, e.g. scaling or a relocation
// operator), and so are register classes: the target's `RegisterFile`
// describes them as data. Nothing in src/codegen knows a register by name.

import type { DebugLoc } from "../ir/debug.js";

/** A register class, named by the target's register file (e.g. "int", "float"). */
export type RegClass = string;

/** Register numbers below VREG_BASE are physical; the rest are virtual. */
export const VREG_BASE = 1000;
export const isVirtual = (r: number): boolean => r >= VREG_BASE;

export interface MReg {
  readonly k: "reg";
  r: number;
  /** Access width in bytes (selects the register's name at that width). */
  readonly size: number;
  readonly def?: boolean;
  /** Read as well as written (two-address destinations). */
  readonly use?: boolean;
  /** Written before the instruction's inputs are all read (asm `&`): shares no register with them. */
  readonly early?: boolean;
}
export interface MImm { readonly k: "imm"; readonly v: bigint }
/**
 * A memory operand: `base` and `index` are registers the address reads (the
 * allocator rewrites them); `slot` names a frame slot, replaced by the frame
 * register and an offset when the frame is final (frame.ts). `mode` is the
 * target's part of the address (how `index` is scaled, a relocation operator
 * on `sym`, …), opaque to the shared layer.
 */
export interface MMem<A = unknown> {
  readonly k: "mem";
  base?: number;
  index?: number;
  readonly disp: number;
  readonly sym?: string;
  readonly slot?: number;
  readonly mode?: A;
}
export interface MLabel { readonly k: "label"; readonly block: number }
/** A symbol as an operand (call targets); `reloc` is the target's relocation operator, "" for none. */
export interface MSym { readonly k: "sym"; readonly name: string; readonly reloc?: string; readonly off?: number }
export type MOperand<A = unknown> = MReg | MImm | MMem<A> | MLabel | MSym;

export interface MInst<A = unknown> {
  readonly opc: string;
  readonly ops: MOperand<A>[];
  /** Physical registers read / written that are not operands (call args, fixed-register instructions). */
  readonly impUses?: readonly number[];
  readonly impDefs?: readonly number[];
  /**
   * A plain register-to-register copy: `ops[src]` into `ops[dst]` (a
   * coalescing hint; removed when both get the same register).
   */
  readonly copy?: { readonly src: number; readonly dst: number };
  /**
   * A call: across it a callee-saved register keeps only the bytes the
   * register file says (`calleeSaved`), so a wider value may not live there.
   */
  readonly call?: boolean;
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
export interface MPhi<A = unknown> {
  readonly dst: number;
  readonly cls: RegClass;
  /** Incoming operand per predecessor MIR block index. */
  readonly srcs: Map<number, MOperand<A>>;
}

export interface MBlock<A = unknown> {
  readonly label: string;
  phis: MPhi<A>[];
  insts: MInst<A>[];
  /** Successor MIR block indices (for liveness). */
  succs: number[];
}

export interface FrameSlot {
  size: number;
  align: number;
  /** Offset from the frame register, assigned by layoutFrame. */
  offset?: number;
}

/** A callee-saved register the prologue saves: `bytes` of it at `offset` from the frame register. */
export interface SavedReg { readonly reg: number; readonly bytes: number; readonly offset: number }

export interface MFunc<A = unknown> {
  readonly name: string;
  blocks: MBlock<A>[];
  /** Class of each virtual register, indexed by (vreg - VREG_BASE). */
  vregClass: RegClass[];
  slots: FrameSlot[];
  /** Physical callee-saved registers the allocator used (filled by regalloc). */
  usedCalleeSaved: number[];
  /** The final frame (filled by finalizeFrame): its size and where each used callee-saved register is saved. */
  frame?: { readonly size: number; readonly saves: readonly SavedReg[] };
}

/** One register class of a target. */
export interface RegClassInfo {
  /** Allocation order (caller-saved first: they cost nothing to use); empty: fixed uses only (x87). */
  readonly allocatable: readonly number[];
  /** Bytes a value of the class occupies: its spill slot's size and alignment. */
  readonly bytes: number;
}

/** A backend's register file, as data. */
export interface RegisterFile {
  readonly names: readonly string[];
  readonly classOf: readonly RegClass[];
  readonly classes: Readonly<Record<RegClass, RegClassInfo>>;
  /** Callee-saved registers → how many of their bytes a callee preserves (AArch64 v8–v15: the low 8). */
  readonly calleeSaved: ReadonlyMap<number, number>;
}

/** Target hooks the shared layer needs to insert code. */
export interface TargetHooks<A = unknown> {
  readonly regs: RegisterFile;
  /** Copy `src` into register `dst` of class cls. */
  copy(cls: RegClass, dst: number, src: MOperand<A>): MInst<A>;
  spillStore(cls: RegClass, src: number, slot: number): MInst<A>;
  spillLoad(cls: RegClass, dst: number, slot: number): MInst<A>;
  /**
   * Can the allocator recompute this value-defining instruction at any point
   * instead of reloading its value (a constant, an address not read from
   * memory)? Only asked of an instruction whose one register operand is the
   * value it writes; the copy must leave flags and memory alone.
   */
  rematerializable?(i: MInst<A>): boolean;
  /** An unconditional jump to block `block` (the allocator's blocks on critical edges end with one). */
  jump(block: number): MInst<A>;
  /** Is this a block-ending branch (copies must go before it)? */
  isBranch(i: MInst<A>): boolean;
}

export function newVReg(f: MFunc, cls: RegClass): number {
  f.vregClass.push(cls);
  return VREG_BASE + f.vregClass.length - 1;
}

export function newSlot(f: MFunc, size: number, align: number): number {
  f.slots.push({ size, align });
  return f.slots.length - 1;
}

/**
 * A new empty block placed right after block `after` (isel making control
 * flow inside an IR block): later blocks move up by one, and every block
 * index in labels, successors and phi sources is renumbered. Returns its index.
 */
export function insertBlock<A>(f: MFunc<A>, after: number, label: string): number {
  const at = after + 1;
  const shift = (b: number): number => (b >= at ? b + 1 : b);
  for (const b of f.blocks) {
    b.succs = b.succs.map(shift);
    for (const p of b.phis) {
      const moved = [...p.srcs].map(([k, v]): [number, MOperand<A>] => [shift(k), v]);
      p.srcs.clear();
      for (const [k, v] of moved) p.srcs.set(k, v);
    }
    for (const i of b.insts) i.ops.forEach((o, n) => { if (o.k === "label" && o.block >= at) i.ops[n] = { k: "label", block: o.block + 1 }; });
  }
  f.blocks.splice(at, 0, { label, phis: [], insts: [], succs: [] });
  return at;
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
