// Instruction selection for x86_64: IR → MIR with virtual registers.
//
// Value representation:
//   - integers up to 64 bits and pointers: one int vreg. Values narrower than
//     32 bits keep undefined upper bits; whoever needs them (compares use sized
//     forms, division, right shifts, extensions) extends explicitly.
//   - i1: 0/1 in the low bit (tested with `testb $1`).
//   - f32/f64: one float vreg (xmm).
//   - i128, f80 (and f128 bits): a pair of int vregs [low 8 bytes, high 8 bytes].
//     f80 arithmetic goes through two scratch stack slots and the x87 stack,
//     so no x87 register is ever live across MIR instructions. f128 (binary128,
//     `__float128`) crosses calls in one xmm register and is computed by
//     libgcc's soft-float routines (__addtf3, __lttf2, __extenddftf2, …),
//     which src/codegen/legalize.ts turns its arithmetic into before isel.
//   - static allocas: no register at all, a frame slot used directly as a
//     memory operand (and materialised with lea when the address escapes).
//   - `addr` results: folded into memory operands where the symbol is directly
//     reachable (pc-relative), otherwise loaded from the GOT.
// Calls, entry and returns follow abi.ts. Nothing here creates control flow
// inside an IR block: va_arg, unsigned conversions and selects are branchless.

import type * as ir from "../ir/ir.js";
import type { Type, Value } from "../ir/ir.js";
import { instOperands, temp, termOperands } from "../ir/ir.js";
import { CodegenError, ice } from "../ir/errors.js";
import type { DebugLoc } from "../ir/debug.js";
import type { MAsm, MImm, MReg, RegClass } from "../codegen/mir.js";
import type { XBlock as MBlock, XFunc as MFunc, XInst as MInst, XMem as MMem, XOperand as MOperand } from "./regs.js";
import { newSlot, newVReg } from "../codegen/mir.js";
import {
  RAX, RBP, RCX, RDI, RDX, RSP, R10, CALLER_SAVED, INT_ARG_REGS, SSE_ARG_REGS, X86_REGS, ST0, stReg, xmm,
} from "./regs.js";
import { parseConstraint, registerNumber } from "./inlineasm.js";
import type { RegPart } from "../codegen/abi.js";
import { argAlign } from "../codegen/abi.js";
import { REG_SAVE_AREA_SIZE, VA_LIST, classifyAgg, layoutCall, x87Parts } from "./abi.js";
import { blockSymbol, type ModuleSymbols } from "../codegen/module-emit.js";
import type { X86Machine } from "./machine.js";

/** Module-level facts isel needs about symbols, plus the constant pool. */
export interface ModuleContext extends ModuleSymbols {
  /** Constant pool: label → bytes (as a list of little-endian words). */
  readonly pool: Map<string, { align: number; words: { size: 4 | 8 | 16; value: bigint }[] }>;
  poolKey: Map<string, string>;
  /** Jump tables: label → target labels; entries are emitted as `.long target - label`. */
  readonly jumpTables: Map<string, string[]>;
  /** Inline asm statements so far (their `%=` numbers). */
  asmCount: number;
  /** setjmp resume labels so far (for unique names). */
  setjmpCount: number;
  /** Some function writes a trampoline on the stack: the object needs an executable stack. */
  execStack: boolean;
  /** What the -m options allow (machine.ts). */
  readonly machine: X86Machine;
  /** Dense switches may become jump tables (not with -fno-jump-tables, nor with retpolines: the jump is indirect). */
  readonly useJumpTables: boolean;
}

const SUFFIX: Record<number, string> = { 1: "b", 2: "w", 4: "l", 8: "q" };
/** Every allocatable register: what a setjmp resumption may have changed. */
const ALL_REGS: readonly number[] = [...X86_REGS.classes.int!.allocatable, ...X86_REGS.classes.float!.allocatable];

function irSize(t: Type): number {
  switch (t) {
    case "i1": case "i8": return 1;
    case "i16": return 2;
    case "i32": case "f32": return 4;
    default: return 8;
  }
}
/** Operation width: sub-32-bit arithmetic is done in 32 bits. */
function opSize(t: Type): 4 | 8 {
  return t === "i64" || t === "ptr" ? 8 : 4;
}
const isPair = (t: Type): boolean => t === "i128" || t === "f80" || t === "f128";
const isSSE = (t: Type): boolean => t === "f32" || t === "f64";
const fits32 = (v: bigint): boolean => v >= -(1n << 31n) && v < 1n << 31n;

const r = (reg: number, size: number): MReg => ({ k: "reg", r: reg, size });
/** The `copy` of a move: AT&T order, source operand first. */
const COPY = { src: 0, dst: 1 } as const;
const d = (reg: number, size: number): MReg => ({ k: "reg", r: reg, size, def: true });
const ud = (reg: number, size: number): MReg => ({ k: "reg", r: reg, size, def: true, use: true });
const im = (v: bigint | number): MImm => ({ k: "imm", v: BigInt(v) });
const memAt = (base: number, disp = 0): MMem => ({ k: "mem", base, disp });
const slotMem = (slot: number, disp = 0): MMem => ({ k: "mem", slot, disp });

/** A pointer operand that can be turned into a memory operand at any offset. */
type Address =
  | { kind: "reg"; reg: number; off: number }
  | { kind: "slot"; slot: number; off: number }
  | { kind: "sym"; sym: string; off: number };

/** Integer condition codes for icmp. */
const ICMP_CC: Record<ir.ICmpPred, string> = {
  eq: "e", ne: "ne", slt: "l", sle: "le", sgt: "g", sge: "ge", ult: "b", ule: "be", ugt: "a", uge: "ae",
};
/**
 * fcmp after `ucomis[sd] b, a` (flags of a - b) or, when swapped, of b - a.
 * ucomis sets ZF=PF=CF=1 on unordered, so "above" conditions are ordered
 * and "below" ones unordered-or; oeq/une need two flags (handled specially).
 */
const FCMP_CC: Record<Exclude<ir.FCmpPred, "oeq" | "une">, { swap: boolean; cc: string }> = {
  ogt: { swap: false, cc: "a" }, oge: { swap: false, cc: "ae" },
  olt: { swap: true, cc: "a" }, ole: { swap: true, cc: "ae" },
  ugt: { swap: true, cc: "b" }, uge: { swap: true, cc: "be" },
  ult: { swap: false, cc: "b" }, ule: { swap: false, cc: "be" },
  one: { swap: false, cc: "ne" }, ueq: { swap: false, cc: "e" },
  ord: { swap: false, cc: "np" }, uno: { swap: false, cc: "p" },
};

/** Two-operand integer ALU ops: IR op → mnemonic stem. */
const INT_ALU: Partial<Record<ir.IntBinOp, string>> = { add: "add", sub: "sub", and: "and", or: "or", xor: "xor", mul: "imul" };
const SHIFT: Partial<Record<ir.IntBinOp, string>> = { shl: "shl", lshr: "shr", ashr: "sar" };
const SSE_OP: Record<ir.FloatBinOp, string> = { fadd: "add", fsub: "sub", fmul: "mul", fdiv: "div" };
/**
 * x87 ops with `a` in st(0) and `b` in st(1): result into st(1) then pop.
 * (GNU as's AT&T spelling of the reversed forms, see the f80 e2e test.)
 */
const X87_OP: Record<ir.FloatBinOp, string> = { fadd: "faddp", fsub: "fsubp", fmul: "fmulp", fdiv: "fdivp" };

/** The IR result type of each kind of `libcall` result. */
const LIBCALL_RET: Record<"int" | "none", Type | undefined> = { int: "i64", none: undefined };


export class ISel {
  readonly mf: MFunc;
  private cur!: MBlock;
  private vals = new Map<number, number[]>();
  private slots = new Map<number, number>();
  private syms = new Map<number, { sym: string; off: number }>();
  /** `add ptr %base, C` results, folded into the addressing mode of each use. */
  private offsets = new Map<number, { base: Value; off: number }>();
  private blockIdx = new Map<string, number>();
  private lastMBlock = new Map<string, number>();
  private useCount = new Map<number, number>();
  private scratch = -1;
  private sretPtr = -1;
  private regSave = -1;
  private layout!: ReturnType<typeof layoutCall>;
  private fused = new Set<number>();

  constructor(private readonly f: ir.Func, private readonly ctx: ModuleContext) {
    this.mf = { name: f.name, blocks: [], vregClass: [], slots: [], usedCalleeSaved: [] };
  }

  // ------------------------------------------------------------ plumbing

  private emit(opc: string, ...ops: MOperand[]): void {
    this.cur.insts.push(this.loc ? { opc, ops, loc: this.loc } : { opc, ops });
  }
  private emitX(i: MInst): void {
    this.cur.insts.push(this.loc && !i.loc ? { ...i, loc: this.loc } : i);
  }
  /** -g: the position of the IR instruction being selected. */
  private loc: DebugLoc | undefined;

  /** The frame slot of a fixed-size alloca (-g: where a variable lives). */
  slotOfAlloca(temp: number): number | undefined {
    return this.slots.get(temp);
  }
  private vreg(cls: RegClass = "int"): number {
    return newVReg(this.mf, cls);
  }
  private fail(msg: string): never {
    return ice(msg, { func: this.f.name, pass: "isel-x86_64" });
  }
  private mov(size: number, src: MOperand, dst: number): void {
    // Full-width register moves are copies: the allocator may coalesce them away.
    this.emitX({ opc: "mov" + SUFFIX[size], ops: [src, d(dst, size)], ...(size === 8 && src.k === "reg" ? { copy: COPY } : {}) });
  }
  private copyInt(src: number, dst: number): void {
    this.emitX({ opc: "movq", ops: [r(src, 8), d(dst, 8)], copy: COPY });
  }
  private copyFloat(src: number, dst: number): void {
    this.emitX({ opc: "movaps", ops: [r(src, 16), d(dst, 16)], copy: COPY });
  }
  private scratchSlot(): number {
    if (this.scratch < 0) this.scratch = newSlot(this.mf, 32, 16);
    return this.scratch;
  }
  blockLabel(l: string): string {
    return blockSymbol(this.f.name, l);
  }

  private poolConst(words: { size: 4 | 8 | 16; value: bigint }[], align: number): MMem {
    const key = words.map((w) => `${w.size}:${w.value}`).join(",");
    let lab = this.ctx.poolKey.get(key);
    if (!lab) {
      lab = `.LC${this.ctx.pool.size}`;
      this.ctx.pool.set(lab, { align, words });
      this.ctx.poolKey.set(key, lab);
    }
    return { k: "mem", sym: lab, disp: 0 };
  }

  // ------------------------------------------------------------ values

  /** The vreg(s) of a temp, created on first sight. */
  private regsOf(id: number): number[] {
    let v = this.vals.get(id);
    if (!v) {
      const t = this.f.temps[id]!.type;
      v = isPair(t) ? [this.vreg(), this.vreg()] : [this.vreg(isSSE(t) ? "float" : "int")];
      this.vals.set(id, v);
    }
    return v;
  }

  /** A single-register value in a vreg (materialising constants and addresses). */
  private valReg(v: Value, t: Type): number {
    if (v.k === "temp") {
      if (this.offsets.has(v.id)) return this.addrReg(this.address(v));
      if (this.slots.has(v.id)) {
        const x = this.vreg();
        this.emit("leaq", slotMem(this.slots.get(v.id)!), d(x, 8));
        return x;
      }
      if (this.syms.has(v.id)) {
        const s = this.syms.get(v.id)!;
        return this.symAddress(s.sym, s.off);
      }
      return this.regsOf(v.id)[0]!;
    }
    if (isSSE(t)) {
      const x = this.vreg("float");
      const bits = v.k === "float" ? v.bits : 0n;
      // Both operands are definitions: the old value is irrelevant, and a use
      // would make x live from the function's entry.
      if (bits === 0n) this.emit("xorps", d(x, 16), d(x, 16));
      else this.emit(t === "f32" ? "movss" : "movsd", this.poolConst([{ size: t === "f32" ? 4 : 8, value: bits }], 8), d(x, 16));
      return x;
    }
    const x = this.vreg();
    const c = v.k === "int" ? BigInt.asIntN(64, v.value) : v.k === "float" ? BigInt.asIntN(64, v.bits) : 0n;
    if (fits32(c)) this.emit(opSize(t) === 8 ? "movq" : "movl", im(c), d(x, opSize(t)));
    else this.emit("movabsq", im(c), d(x, 8));
    return x;
  }

  /** Source operand: a register, or an immediate when it fits in 32 bits. */
  private src(v: Value, t: Type): MOperand {
    if (v.k === "int" && !isSSE(t)) {
      const c = BigInt.asIntN(irSize(t) * 8, v.value);
      if (fits32(c)) return im(c);
    }
    if (v.k === "undef" && !isSSE(t)) return im(0);
    return r(this.valReg(v, t), isSSE(t) ? 16 : opSize(t));
  }

  /** The two halves of an i128/f80/f128 value. */
  private pair(v: Value): [number, number] {
    if (v.k === "temp") {
      const p = this.regsOf(v.id);
      return [p[0]!, p[1]!];
    }
    const bits = v.k === "int" ? BigInt.asUintN(128, v.value) : v.k === "float" ? v.bits : 0n;
    const lo = this.valReg({ k: "int", value: BigInt.asIntN(64, bits) }, "i64");
    const hi = this.valReg({ k: "int", value: BigInt.asIntN(64, bits >> 64n) }, "i64");
    return [lo, hi];
  }

  /**
   * Is `sym` reached directly (pc-relative, no GOT or PLT)? Under
   * -mcmodel=kernel every symbol is: the image is linked statically, nothing
   * is interposed or copy-relocated.
   */
  private isLocal(sym: string): boolean {
    return this.ctx.local.has(sym) || (this.ctx.machine.codeModel === "kernel" && !this.ctx.threadLocal.has(sym));
  }

  private symAddress(sym: string, off: number): number {
    const x = this.vreg();
    if (this.ctx.threadLocal.has(sym)) {
      // Local-exec when defined in this executable, initial-exec otherwise
      // (also in shared objects: valid, if not dlopen-friendly; general
      // dynamic via __tls_get_addr is still to do).
      this.emit("movq", { k: "mem", disp: 0, mode: { seg: "fs" } }, d(x, 8));
      if (this.ctx.defined.has(sym) && !this.ctx.pic) this.emit("leaq", { k: "mem", base: x, sym, disp: off, mode: { reloc: "TPOFF" } }, d(x, 8) );
      else {
        const y = this.vreg();
        this.emit("movq", { k: "mem", sym, disp: 0, mode: { reloc: "GOTTPOFF" } }, d(y, 8));
        this.emit("addq", r(y, 8), ud(x, 8));
        if (off) this.emit("addq", im(off), ud(x, 8));
      }
      return x;
    }
    if (this.isLocal(sym)) this.emit("leaq", { k: "mem", sym, disp: off }, d(x, 8));
    else {
      this.emit("movq", { k: "mem", sym, disp: 0, mode: { reloc: "GOTPCREL" } }, d(x, 8));
      if (off) this.emit("addq", im(off), ud(x, 8));
    }
    return x;
  }

  private address(v: Value): Address {
    if (v.k === "temp") {
      const o = this.offsets.get(v.id);
      if (o) {
        const a = this.address(o.base);
        return { ...a, off: a.off + o.off };
      }
      const s = this.slots.get(v.id);
      if (s !== undefined) return { kind: "slot", slot: s, off: 0 };
      const g = this.syms.get(v.id);
      if (g && this.isLocal(g.sym) && !this.ctx.threadLocal.has(g.sym)) return { kind: "sym", sym: g.sym, off: g.off };
    }
    return { kind: "reg", reg: this.valReg(v, "ptr"), off: 0 };
  }
  private memOf(a: Address, off = 0): MMem {
    switch (a.kind) {
      case "reg": return memAt(a.reg, a.off + off);
      case "slot": return slotMem(a.slot, a.off + off);
      case "sym": return { k: "mem", sym: a.sym, disp: a.off + off };
    }
  }
  private addrReg(a: Address): number {
    if (a.kind === "reg" && a.off === 0) return a.reg;
    const x = this.vreg();
    this.emit("leaq", this.memOf(a), d(x, 8));
    return x;
  }

  private defReg(dst: number): number {
    return this.regsOf(dst)[0]!;
  }

  // ------------------------------------------------------------ driver

  run(): MFunc {
    const f = this.f;
    for (const b of f.blocks) {
      for (const i of b.insts) for (const v of instOperands(i)) this.countUse(v);
      for (const p of b.phis) for (const x of p.incoming) this.countUse(x.value);
      for (const v of termOperands(b.term)) this.countUse(v);
    }
    f.blocks.forEach((b, k) => {
      this.blockIdx.set(b.label, k);
      this.mf.blocks.push({ label: this.blockLabel(b.label), phis: [], insts: [], succs: [] });
    });
    // Static allocas anywhere become frame slots; symbol addresses are
    // rematerialised at each use (known up front: a use may be laid out first).
    for (const b of f.blocks) {
      for (const i of b.insts) {
        // %rbp is only as aligned as the stack: over-aligned objects are carved out of the stack at entry.
        if (i.op === "alloca" && !i.dynSize && i.align <= this.stackAlign) this.slots.set(i.dst, newSlot(this.mf, Math.max(i.size, 1), i.align));
        if (i.op === "addr") this.syms.set(i.dst, { sym: i.sym, off: i.offset });
        if (i.op === "add" && i.type === "ptr" && i.a.k === "temp" && i.b.k === "int" && fits32(i.b.value)) {
          this.offsets.set(i.dst, { base: i.a, off: Number(i.b.value) });
        }
      }
    }
    this.cur = this.mf.blocks[0]!;
    // The argument moves belong to the function's entry line.
    this.loc = f.blocks[0]?.insts.find((i) => i.loc)?.loc ?? f.blocks[0]?.termLoc;
    this.checkMachine();
    this.lowerEntry();
    for (const b of f.blocks) {
      for (const i of b.insts) {
        if (i.op === "alloca" && !i.dynSize && i.align > this.stackAlign) {
          this.lowerInst({ ...i, dynSize: { k: "int", value: BigInt(i.size) } }, b, -1);
        }
      }
    }
    f.blocks.forEach((b, k) => {
      if (k > 0) this.cur = this.mf.blocks[k]!;
      for (const p of b.phis) this.regsOf(p.dst);
      b.insts.forEach((i, n) => { this.loc = i.loc ?? this.loc; this.lowerInst(i, b, n); });
      this.loc = b.termLoc ?? this.loc;
      this.lowerTerm(b);
      this.lastMBlock.set(b.label, this.mf.blocks.indexOf(this.cur));
    });
    // Phis: one MPhi per register of the value.
    f.blocks.forEach((b, k) => {
      for (const p of b.phis) {
        const dsts = this.regsOf(p.dst);
        dsts.forEach((dst, half) => {
          const srcs = new Map<number, MOperand>();
          for (const x of p.incoming) {
            const pred = this.lastMBlock.get(x.block)!;
            this.cur = this.mf.blocks[pred]!;
            srcs.set(pred, this.phiSource(x.value, p.type, half));
          }
          this.mf.blocks[k]!.phis.push({ dst, cls: isSSE(p.type) ? "float" : "int", srcs });
        });
      }
    });
    return this.mf;
  }

  /** Phi operands: immediates stay immediates; other constants get a vreg in the predecessor. */
  private phiSource(v: Value, t: Type, half: number): MOperand {
    if (isPair(t)) {
      // Materialise constants before the predecessor's branch.
      if (v.k !== "temp") return this.beforeBranch(() => r(this.pair(v)[half]!, 8));
      return r(this.regsOf(v.id)[half]!, 8);
    }
    if (v.k === "temp" && !this.slots.has(v.id) && !this.syms.has(v.id) && !this.offsets.has(v.id)) return r(this.regsOf(v.id)[0]!, isSSE(t) ? 16 : 8);
    if (!isSSE(t) && (v.k === "int" || v.k === "undef")) {
      const c = v.k === "int" ? BigInt.asIntN(64, v.value) : 0n;
      if (fits32(c)) return im(c);
    }
    return this.beforeBranch(() => r(this.valReg(v, t), isSSE(t) ? 16 : 8));
  }

  /** Run `gen` with its instructions inserted before the current block's branches. */
  private beforeBranch<T>(gen: () => T): T {
    const insts = this.cur.insts;
    let at = insts.length;
    while (at > 0 && isBranchOpc(insts[at - 1]!.opc)) at--;
    const tail = insts.splice(at);
    const out = gen();
    this.cur.insts.push(...tail);
    return out;
  }

  private countUse(v: Value): void {
    if (v.k === "temp") this.useCount.set(v.id, (this.useCount.get(v.id) ?? 0) + 1);
  }

  /** Bytes %rsp (and so %rbp) is kept aligned to: 16 by the psABI, less with -mpreferred-stack-boundary. */
  private get stackAlign(): number {
    return Math.min(16, this.ctx.machine.stackAlign);
  }

  /**
   * With SSE (or the x87) turned off no value may need one of its registers:
   * gcc's error for the first such value (its "SSE register return with SSE
   * disabled"). tscc refuses every float-typed value, including those gcc
   * would copy through general registers.
   */
  private checkMachine(): void {
    const { sse, x87, fpRetIn387 } = this.ctx.machine;
    if (sse && x87 && fpRetIn387) return;
    const refuse = (t: Type): void => {
      if ((t === "f32" || t === "f64" || t === "f128") && !sse) throw new CodegenError(`${this.f.name}: SSE register return with SSE disabled`);
      if (t === "f80" && !x87) throw new CodegenError(`${this.f.name}: x87 register return with x87 disabled`);
      if (t === "f80" && !fpRetIn387) throw new CodegenError(`${this.f.name}: long double return without -mfp-ret-in-387`);
    };
    // Aggregates over 16 bytes travel in memory: only smaller ones may need a float register.
    const refuseArg = (t: ir.ArgType | ir.RetType): void => {
      if (t.kind === "scalar") refuse(t.type);
      else if (t.kind === "agg" && t.layout.size <= 16) for (const x of t.layout.fields) refuse(x.type);
    };
    for (const t of this.f.temps) if (t) refuse(t.type);
    refuseArg(this.f.ret);
    for (const p of this.f.params) refuseArg(p.type);
    for (const b of this.f.blocks) for (const i of b.insts) if (i.op === "call") {
      refuseArg(i.ret);
      for (const a of i.args) refuseArg(a.type);
    }
  }

  // ------------------------------------------------------------ entry / return

  private lowerEntry(): void {
    const f = this.f;
    // The static chain of a nested function (SysV: %r10).
    if (f.chain !== undefined) this.mov(8, r(R10, 8), this.defReg(f.chain));
    this.layout = layoutCall(f.ret, f.params.map((p) => p.type));
    if (this.layout.sret !== undefined) {
      this.sretPtr = this.vreg();
      this.mov(8, r(this.layout.sret, 8), this.sretPtr);
    }
    if (f.varargs) {
      // Register save area: all argument registers, as va_arg expects them.
      // (Without SSE only the general registers' 48 bytes: va_arg never reads a float.)
      this.regSave = newSlot(this.mf, this.ctx.machine.sse ? REG_SAVE_AREA_SIZE : 8 * INT_ARG_REGS.length, this.stackAlign);
      INT_ARG_REGS.forEach((reg, k) => this.emit("movq", r(reg, 8), slotMem(this.regSave, 8 * k)));
      // Without SSE no vector register carries an argument (and touching one would fault).
      if (this.ctx.machine.sse) SSE_ARG_REGS.forEach((reg, k) => this.emit("movaps", r(reg, 16), slotMem(this.regSave, 48 + 16 * k)));
    }
    f.params.forEach((p, k) => {
      const loc = this.layout.args[k]!;
      const t = p.type;
      if (t.kind === "agg") {
        if (loc.kind === "none") {
          this.slots.set(p.temp, newSlot(this.mf, 1, 1));
        } else if (loc.kind === "stack") {
          const x = this.defReg(p.temp);
          this.emit("leaq", memAt(RBP, 16 + loc.offset), d(x, 8));
        } else {
          const slot = newSlot(this.mf, Math.max(8, Math.ceil(t.layout.size / 8) * 8), Math.max(8, t.layout.align));
          this.slots.set(p.temp, slot);
          if (loc.kind === "regs") for (const part of loc.parts) this.storePart(part.reg, part, slotMem(slot, part.offset), true);
        }
        return;
      }
      const ty = t.type;
      if (loc.kind === "regs") {
        if (ty === "f128") this.xmmToPair(loc.parts[0]!.reg, p.temp);
        else if (isPair(ty)) {
          const [lo, hi] = this.regsOf(p.temp);
          this.mov(8, r(loc.parts[0]!.reg, 8), lo!);
          this.mov(8, r(loc.parts[1]!.reg, 8), hi!);
        } else if (isSSE(ty)) this.copyFloat(loc.parts[0]!.reg, this.defReg(p.temp));
        else this.mov(8, r(loc.parts[0]!.reg, 8), this.defReg(p.temp));
      } else if (loc.kind === "stack") {
        this.loadTyped(ty, memAt(RBP, 16 + loc.offset), p.temp);
      }
    });
  }

  /** Store register `reg` holding bytes [part.offset, +part.size) to memory. */
  private storePart(reg: number, part: RegPart, m: MMem, fromPhys: boolean): void {
    if (part.cls === "float") {
      this.emit(sseMove(part.size), r(reg, 16), m);
      return;
    }
    if (part.size === 8) { this.emit("movq", r(reg, 8), m); return; }
    // Exact-size store: never write past the end of the object.
    let t = reg;
    if (fromPhys || part.size > 4 || [3, 5, 6, 7].includes(part.size)) {
      t = this.vreg();
      this.mov(8, r(reg, 8), t);
    }
    let done = 0;
    for (const w of [4, 2, 1]) {
      if (part.size - done >= w) {
        this.emit("mov" + SUFFIX[w], r(t, w), { ...m, disp: m.disp + done });
        done += w;
        if (done < part.size) this.emit("shrq", im(w * 8), ud(t, 8));
      }
    }
  }

  /** Load bytes [offset, offset+size) (size ≤ 8) into an int vreg without over-reading. */
  private loadBytes(m: MMem, size: number): number {
    const x = this.vreg();
    if (size === 8) { this.emit("movq", m, d(x, 8)); return x; }
    if (size === 4) { this.emit("movl", m, d(x, 4)); return x; }
    if (size === 2) { this.emit("movzwl", m, d(x, 4)); return x; }
    if (size === 1) { this.emit("movzbl", m, d(x, 4)); return x; }
    let done = 0;
    let first = true;
    for (const w of [4, 2, 1]) {
      while (size - done >= w) {
        const piece = first ? x : this.vreg();
        this.emit(w === 4 ? "movl" : w === 2 ? "movzwl" : "movzbl", { ...m, disp: m.disp + done }, d(piece, 4));
        if (!first) {
          this.emit("shlq", im(done * 8), ud(piece, 8));
          this.emit("orq", r(piece, 8), ud(x, 8));
        }
        first = false;
        done += w;
      }
    }
    return x;
  }

  private loadPart(part: RegPart, m: MMem, dstPhys: number): void {
    if (part.cls === "float") this.emit(sseMove(part.size), m, d(dstPhys, 16));
    else this.mov(8, r(this.loadBytes(m, part.size), 8), dstPhys);
  }

  private lowerRet(v: Value | undefined): void {
    const f = this.f;
    const uses: number[] = [];
    const ret = this.layout.ret;
    if (v !== undefined && f.ret.kind === "scalar") {
      const t = f.ret.type;
      if (t === "f80") {
        const [lo, hi] = this.pair(v);
        const s = this.scratchSlot();
        this.emit("movq", r(lo, 8), slotMem(s));
        this.emit("movw", r(hi, 2), slotMem(s, 8));
        this.emit("fldt", slotMem(s));
      } else if (t === "f128") {
        this.emitX({ opc: "movaps", ops: [r(this.pairToXmm(v), 16), d(xmm(0), 16)], copy: COPY });
        uses.push(xmm(0));
      } else if (isPair(t)) {
        const [lo, hi] = this.pair(v);
        this.mov(8, r(lo, 8), RAX);
        this.mov(8, r(hi, 8), RDX);
        uses.push(RAX, RDX);
      } else if (isSSE(t)) {
        this.emitX({ opc: "movaps", ops: [r(this.valReg(v, t), 16), d(xmm(0), 16)], copy: COPY });
        uses.push(xmm(0));
      } else {
        const s = this.src(v, t);
        this.mov(8, s.k === "reg" ? r(s.r, 8) : s, RAX);
        uses.push(RAX);
      }
    } else if (v !== undefined && f.ret.kind === "agg") {
      const a = this.address(v);
      if (this.layout.sret !== undefined) {
        const dst = this.vreg();
        this.mov(8, r(this.sretPtr, 8), dst);
        this.copyMem({ kind: "reg", reg: dst, off: 0 }, a, f.ret.layout.size);
        this.mov(8, r(this.sretPtr, 8), RAX);
        uses.push(RAX);
      } else if (x87Parts(ret) === 1) {
        this.emit("fldt", this.memOf(a));
      } else if (x87Parts(ret) === 2) {
        this.emit("fldt", this.memOf(a, 16));
        this.emit("fldt", this.memOf(a));
      } else if (ret.kind === "regs") {
        for (const part of ret.parts) {
          this.loadPart(part, this.memOf(a, part.offset), part.reg);
          uses.push(part.reg);
        }
      }
    }
    this.emitX({ opc: "ret", ops: [], impUses: uses });
  }

  // ------------------------------------------------------------ memory helpers

  private loadTyped(t: Type, m: MMem, dst: number): void {
    if (isPair(t)) {
      const [lo, hi] = this.regsOf(dst);
      this.emit("movq", m, d(lo!, 8));
      if (t === "f80") this.emit("movzwl", { ...m, disp: m.disp + 8 }, d(hi!, 4));
      else this.emit("movq", { ...m, disp: m.disp + 8 }, d(hi!, 8));
      return;
    }
    const x = this.defReg(dst);
    switch (t) {
      case "f32": this.emit("movss", m, d(x, 16)); return;
      case "f64": this.emit("movsd", m, d(x, 16)); return;
      case "i1": case "i8": this.emit("movzbl", m, d(x, 4)); return;
      case "i16": this.emit("movzwl", m, d(x, 4)); return;
      case "i32": this.emit("movl", m, d(x, 4)); return;
      default: this.emit("movq", m, d(x, 8));
    }
  }

  private storeTyped(t: Type, v: Value, m: MMem): void {
    if (isPair(t)) {
      const [lo, hi] = this.pair(v);
      this.emit("movq", r(lo, 8), m);
      if (t === "f80") this.emit("movw", r(hi, 2), { ...m, disp: m.disp + 8 });
      else this.emit("movq", r(hi, 8), { ...m, disp: m.disp + 8 });
      return;
    }
    if (isSSE(t)) {
      this.emit(t === "f32" ? "movss" : "movsd", r(this.valReg(v, t), 16), m);
      return;
    }
    const size = irSize(t);
    const s = this.src(v, t);
    this.emit("mov" + SUFFIX[size], s.k === "reg" ? r(s.r, size) : s, m);
  }

  /** Copy `size` bytes between addresses through a temporary register. */
  private copyMem(dst: Address, src: Address, size: number): void {
    if (size > 128) {
      this.libcall("memcpy", [this.addrReg(dst), this.addrReg(src), this.valReg({ k: "int", value: BigInt(size) }, "i64")]);
      return;
    }
    let off = 0;
    for (const w of [8, 4, 2, 1]) {
      while (size - off >= w) {
        const t = this.vreg();
        this.emit(w === 8 ? "movq" : w === 4 ? "movl" : w === 2 ? "movzwl" : "movzbl", this.memOf(src, off), d(t, w === 8 ? 8 : 4));
        this.emit("mov" + SUFFIX[w], r(t, w), this.memOf(dst, off));
        off += w;
      }
    }
  }

  /** Fill `size` bytes with `byte` by stores of a register holding the byte in every position. */
  private fillMem(dst: Address, byte: Value, size: number): void {
    if (size === 0) return;
    let pattern: number;
    if (byte.k === "int" || byte.k === "undef") {
      const b = byte.k === "int" ? BigInt.asUintN(8, byte.value) : 0n;
      pattern = this.valReg({ k: "int", value: BigInt.asIntN(64, b * 0x0101010101010101n) }, "i64");
    } else {
      pattern = this.extend(byte, "i8", false, 8);
      if (size > 1) this.emit("imulq", r(this.valReg({ k: "int", value: 0x0101010101010101n }, "i64"), 8), ud(pattern, 8));
    }
    let off = 0;
    for (const w of [8, 4, 2, 1]) {
      while (size - off >= w) {
        this.emit("mov" + SUFFIX[w], r(pattern, w), this.memOf(dst, off));
        off += w;
      }
    }
  }

  /**
   * Call a C library/runtime routine on values already in vregs (integer
   * ones, then float ones), through the one call lowering (lowerCall); returns
   * the result's vreg.
   */
  private libcall(name: string, intArgs: number[], sseArgs: number[] = [], ret: "int" | "none" = "none"): number[] {
    const arg = (type: Type) => (v: number): ir.CallArg => ({ type: { kind: "scalar", type }, value: temp(this.selTemp(type, v)) });
    const retType = LIBCALL_RET[ret];
    const dst = retType === undefined ? undefined : this.selTemp(retType);
    this.lowerCall({
      op: "call", ...(dst !== undefined ? { dst } : {}), ret: retType ? { kind: "scalar", type: retType } : { kind: "void" },
      callee: { kind: "sym", name }, args: [...intArgs.map(arg("i64")), ...sseArgs.map(arg("f64"))],
    });
    return dst === undefined ? [] : this.regsOf(dst);
  }

  // ------------------------------------------------------------ instructions

  private lowerInst(i: ir.Inst, b: ir.Block, n: number): void {
    switch (i.op) {
      case "alloca": {
        // Static allocas are frame slots (over-aligned ones were carved out at entry).
        if (!i.dynSize) return;
        // Dynamic stack allocation: round up to 16, keeping %rsp as aligned as
        // it was (16, or 8 with -mpreferred-stack-boundary=3). Over-aligned
        // memory is found by rounding the new %rsp up, which may skip up to
        // align-A bytes: allocate those too.
        const stackAlign = this.stackAlign;
        const size = this.valReg(i.dynSize, "i64");
        const t = this.vreg();
        this.emit("leaq", { k: "mem", base: size, disp: 15 + Math.max(0, i.align - stackAlign) }, d(t, 8));
        this.emit("andq", im(-16), ud(t, 8));
        // `sub.rsp` consumes t: with -fstack-clash-protection emission probes the pages.
        this.emitX({ opc: "sub.rsp", ops: [ud(t, 8), ud(RSP, 8)] });
        const x = this.defReg(i.dst);
        this.mov(8, r(RSP, 8), x);
        if (i.align > stackAlign) {
          this.emit("addq", im(i.align - 1), ud(x, 8));
          this.emit("andq", im(-i.align), ud(x, 8));
        }
        return;
      }
      case "load": this.loadTyped(i.type, this.memOf(this.address(i.addr)), i.dst); return;
      case "store": this.storeTyped(i.type, i.value, this.memOf(this.address(i.addr))); return;
      case "addr": return;
      case "blockaddr": {
        const sym = blockSymbol(i.func ?? this.f.name, i.block);
        this.emit("leaq", { k: "mem", sym, disp: 0 }, d(this.defReg(i.dst), 8));
        return;
      }
      case "copy": this.lowerCopy(i.type, i.a, i.dst); return;
      case "fneg": {
        if (i.type === "f80") return this.x87Unary("fchs", i.a, i.dst);
        if (i.type === "f128") {
          // Flip the sign bit, the top bit of the high quadword.
          this.lowerCopy("i128", i.a, i.dst);
          this.emit("btcq", im(63), ud(this.regsOf(i.dst)[1]!, 8));
          return;
        }
        const x = this.defReg(i.dst);
        this.copyFloat(this.valReg(i.a, i.type), x);
        const mask = i.type === "f32" ? 0x80000000n : 0x8000000000000000n;
        const m = this.vreg("float");
        this.emit(i.type === "f32" ? "movss" : "movsd", this.poolConst([{ size: i.type === "f32" ? 4 : 8, value: mask }], 16), d(m, 16));
        this.emit("xorps", r(m, 16), ud(x, 16));
        return;
      }
      case "icmp": {
        if (this.canFuse(i, b, n)) { this.fused.add(i.dst); return; }
        const cc = this.compareInt(i);
        this.setcc(cc, this.defReg(i.dst));
        return;
      }
      case "fcmp": this.lowerFcmp(i); return;
      case "select": this.lowerSelect(i); return;
      case "call": this.lowerCall(i); return;
      case "memcpy": {
        if (i.size.k === "int" && i.size.value <= 128n) {
          this.copyMem(this.address(i.dstAddr), this.address(i.srcAddr), Number(i.size.value));
        } else this.libcall("memcpy", [this.valReg(i.dstAddr, "ptr"), this.valReg(i.srcAddr, "ptr"), this.valReg(i.size, "i64")]);
        return;
      }
      case "memset": {
        if (i.size.k === "int" && i.size.value <= 128n) this.fillMem(this.address(i.dstAddr), i.byte, Number(i.size.value));
        else this.libcall("memset", [this.valReg(i.dstAddr, "ptr"), this.valReg(i.byte, "i32"), this.valReg(i.size, "i64")]);
        return;
      }
      case "va_start": this.lowerVaStart(i.ap); return;
      case "va_end": return;
      case "va_copy": this.copyMem(this.address(i.dstAp), this.address(i.srcAp), VA_LIST.size); return;
      case "va_arg": this.lowerVaArg(i); return;
      case "intrinsic": this.lowerIntrinsic(i); return;
      case "asm": this.lowerAsm(i); return;
      case "add": case "sub": case "mul": case "sdiv": case "udiv": case "srem": case "urem":
      case "and": case "or": case "xor": case "shl": case "lshr": case "ashr":
        if (this.offsets.has(i.dst)) return;
        if (i.type === "i128") this.lowerI128(i);
        else this.lowerIntBin(i);
        return;
      case "fadd": case "fsub": case "fmul": case "fdiv":
        if (i.type === "f80") this.x87Binary(X87_OP[i.op], i.a, i.b, i.dst);
        else if (i.type === "f128") this.fail(`${i.op} f128 left for legalisation`);
        else {
          const x = this.defReg(i.dst);
          this.copyFloat(this.valReg(i.a, i.type), x);
          this.emit(SSE_OP[i.op] + (i.type === "f32" ? "ss" : "sd"), r(this.valReg(i.b, i.type), 16), ud(x, 16));
        }
        return;
      default:
        this.lowerConv(i);
    }
  }

  private lowerCopy(t: Type, a: Value, dst: number): void {
    if (isPair(t)) {
      const [lo, hi] = this.pair(a);
      const [dl, dh] = this.regsOf(dst);
      this.copyInt(lo, dl!);
      this.copyInt(hi, dh!);
    } else if (isSSE(t)) this.copyFloat(this.valReg(a, t), this.defReg(dst));
    else {
      const s = this.src(a, t);
      if (s.k === "reg") this.copyInt(s.r, this.defReg(dst));
      else this.mov(8, s, this.defReg(dst));
    }
  }

  /** Sign- or zero-extend a narrow value to 32/64 bits in a fresh vreg. */
  private extend(v: Value, t: Type, signed: boolean, to: 4 | 8 = 4): number {
    const x = this.vreg();
    if (v.k !== "temp") {
      const c = v.k === "int" ? v.value : 0n;
      const w = irSize(t) * 8;
      const val = t === "i1" ? c & 1n : signed ? BigInt.asIntN(w, c) : BigInt.asUintN(w, c);
      this.emit(fits32(val) ? (to === 8 ? "movq" : "movl") : "movabsq", im(val), d(x, fits32(val) ? to : 8));
      return x;
    }
    const s = this.valReg(v, t);
    switch (t) {
      case "i1":
        this.emit("movl", r(s, 4), d(x, 4));
        this.emit("andl", im(1), ud(x, 4));
        if (signed) this.emit(to === 8 ? "negq" : "negl", ud(x, to));
        return x;
      case "i8": this.emit(signed ? `movsb${SUFFIX[to]}` : "movzbl", r(s, 1), d(x, signed ? to : 4)); return x;
      case "i16": this.emit(signed ? `movsw${SUFFIX[to]}` : "movzwl", r(s, 2), d(x, signed ? to : 4)); return x;
      case "i32":
        if (to === 8) this.emit(signed ? "movslq" : "movl", r(s, 4), d(x, signed ? 8 : 4));
        else this.emit("movl", r(s, 4), d(x, 4));
        return x;
      default: this.copyInt(s, x); return x;
    }
  }

  private lowerIntBin(i: ir.IntBin): void {
    const sz = opSize(i.type);
    const x = this.defReg(i.dst);
    const alu = INT_ALU[i.op];
    if (alu) {
      this.mov(sz, r(this.valReg(i.a, i.type), sz), x);
      const b = this.src(i.b, i.type);
      this.emit(alu + SUFFIX[sz], b.k === "reg" ? r(b.r, sz) : b, ud(x, sz));
      return;
    }
    const sh = SHIFT[i.op];
    if (sh) {
      const narrow = irSize(i.type) < 4 && i.op !== "shl";
      const a = narrow ? this.extend(i.a, i.type, i.op === "ashr") : this.valReg(i.a, i.type);
      this.mov(sz, r(a, sz), x);
      if (i.b.k === "int") {
        this.emit(sh + SUFFIX[sz], im(BigInt.asUintN(6, i.b.value) & BigInt(sz * 8 - 1)), ud(x, sz));
      } else {
        this.mov(4, r(this.valReg(i.b, i.type), 4), RCX);
        this.emitX({ opc: sh + SUFFIX[sz], ops: [r(RCX, 1), ud(x, sz)] });
      }
      return;
    }
    // Division: dividend in rdx:rax, quotient in rax, remainder in rdx.
    const signed = i.op === "sdiv" || i.op === "srem";
    const a = irSize(i.type) < 4 ? this.extend(i.a, i.type, signed) : this.valReg(i.a, i.type);
    const bv = irSize(i.type) < 4 ? this.extend(i.b, i.type, signed) : this.valReg(i.b, i.type);
    this.mov(sz, r(a, sz), RAX);
    if (signed) this.emitX({ opc: sz === 8 ? "cqto" : "cltd", ops: [], impUses: [RAX], impDefs: [RDX] });
    else this.mov(4, im(0), RDX);
    this.emitX({ opc: (signed ? "idiv" : "div") + SUFFIX[sz], ops: [r(bv, sz)], impUses: [RAX, RDX], impDefs: [RAX, RDX] });
    this.mov(sz, r(i.op === "sdiv" || i.op === "udiv" ? RAX : RDX, sz), x);
  }

  /** Compare for icmp / fused branches; returns the condition code. */
  private compareInt(i: ir.ICmp): string {
    if (i.type === "i128") return this.compareI128(i);
    const sz = irSize(i.type);
    let a = i.a, bv = i.b, cc = ICMP_CC[i.pred];
    if (a.k !== "temp" && bv.k === "temp") { [a, bv] = [bv, a]; cc = SWAP_CC[cc]!; }
    const ar = this.valReg(a, i.type);
    const b = this.src(bv, i.type);
    this.emit("cmp" + SUFFIX[sz], b.k === "reg" ? r(b.r, sz) : b.k === "imm" ? im(BigInt.asIntN(sz * 8, b.v)) : b, r(ar, sz));
    return cc;
  }

  private setcc(cc: string, dst: number): void {
    this.emit("set" + cc, d(dst, 1));
  }

  private canFuse(i: ir.ICmp | ir.FCmp, b: ir.Block, n: number): boolean {
    return n === b.insts.length - 1 && b.term.op === "condbr" && b.term.cond.k === "temp" &&
      b.term.cond.id === i.dst && this.useCount.get(i.dst) === 1 && i.type !== "i128";
  }

  private lowerFcmp(i: ir.FCmp): void {
    if (i.type === "f128") this.fail("f128 compare left for legalisation");
    const x = this.defReg(i.dst);
    const cmp = (swap: boolean): void => {
      const [p, q] = swap ? [i.b, i.a] : [i.a, i.b];
      if (i.type === "f80") {
        this.x87Load(q);
        this.x87Load(p);
        this.emit("fucomip", { k: "reg", r: stReg(1), size: 10 }, { k: "reg", r: stReg(0), size: 10 });
        this.emit("fstp", { k: "reg", r: stReg(0), size: 10 });
      } else {
        const s = i.type === "f32" ? "ss" : "sd";
        this.emit("ucomi" + s, r(this.valReg(q, i.type), 16), r(this.valReg(p, i.type), 16));
      }
    };
    if (i.pred === "oeq" || i.pred === "une") {
      cmp(false);
      const t = this.vreg();
      this.setcc(i.pred === "oeq" ? "e" : "ne", x);
      this.setcc(i.pred === "oeq" ? "np" : "p", t);
      this.emit(i.pred === "oeq" ? "andb" : "orb", r(t, 1), ud(x, 1));
      return;
    }
    const { swap, cc } = FCMP_CC[i.pred];
    cmp(swap);
    this.setcc(cc, x);
  }

  private lowerSelect(i: ir.Select): void {
    const c = this.valReg(i.cond, "i1");
    const t = i.type;
    const pick = (a: number, b: number, dst: number): void => {
      this.copyInt(b, dst);
      this.emit("testb", im(1), r(c, 1));
      this.emit("cmovneq", r(a, 8), ud(dst, 8));
    };
    if (isPair(t)) {
      const [al, ah] = this.pair(i.a);
      const [bl, bh] = this.pair(i.b);
      const [dl, dh] = this.regsOf(i.dst);
      pick(al, bl, dl!);
      pick(ah, bh, dh!);
    } else if (isSSE(t)) {
      const a = this.vreg(), b = this.vreg(), m = this.vreg();
      this.emit("movq", r(this.valReg(i.a, t), 16), d(a, 8));
      this.emit("movq", r(this.valReg(i.b, t), 16), d(b, 8));
      pick(a, b, m);
      this.emit("movq", r(m, 8), d(this.defReg(i.dst), 16));
    } else {
      pick(this.valReg(i.a, t), this.valReg(i.b, t), this.defReg(i.dst));
    }
  }

  // ------------------------------------------------------------ conversions

  private lowerConv(i: ir.Conv): void {
    const { from, to } = i;
    const x = (): number => this.defReg(i.dst);
    // binary128 and the i128 ↔ float conversions are library calls by now (legalize.ts).
    if ((from === "f128" || to === "f128") && i.op !== "bitcast") this.fail(`${i.op} ${from} to ${to} left for legalisation`);
    switch (i.op) {
      case "trunc": case "ptrtoint": case "inttoptr": case "zext": case "sext": {
        if (to === "i128") {
          const [lo, hi] = this.regsOf(i.dst);
          const s = i.op === "sext" ? this.extend(i.a, from, true, 8) : this.extend(i.a, from, false, 8);
          this.copyInt(s, lo!);
          if (i.op === "sext") { this.copyInt(s, hi!); this.emit("sarq", im(63), ud(hi!, 8)); }
          else this.mov(4, im(0), hi!);
          return;
        }
        if (from === "i128") { this.copyInt(this.pair(i.a)[0], x()); return; }
        if (i.op === "sext" || i.op === "zext") {
          this.copyInt(this.extend(i.a, from, i.op === "sext", opSize(to)), x());
          return;
        }
        this.lowerCopy("i64", i.a, i.dst);
        return;
      }
      case "bitcast": {
        if (isPair(from) || isPair(to)) return this.lowerCopy("i128", i.a, i.dst);
        if (isSSE(from) === isSSE(to)) return this.lowerCopy(to, i.a, i.dst);
        const w = to === "f32" || from === "f32" ? "movd" : "movq";
        const sz = to === "f32" || from === "f32" ? 4 : 8;
        if (isSSE(to)) this.emit(w, r(this.valReg(i.a, from), sz), d(x(), 16));
        else this.emit(w, r(this.valReg(i.a, from), 16), d(x(), sz));
        return;
      }
      case "fpext": case "fptrunc": {
        if (from === "f80" || to === "f80") return this.x87Convert(i);
        if (from === "f128" || to === "f128") this.fail("f128 conversions are not supported on x86_64 yet");
        this.emit(from === "f32" ? "cvtss2sd" : "cvtsd2ss", r(this.valReg(i.a, from), 16), d(x(), 16));
        return;
      }
      case "sitofp": case "uitofp": {
        if (from === "i128") this.fail(`${i.op} from i128 left for legalisation`);
        if (to === "f80") return this.x87Convert(i);
        const s = to === "f32" ? "ss" : "sd";
        if (i.op === "sitofp" || irSize(from) < 8) {
          const v = irSize(from) < 8 ? this.extend(i.a, from, i.op === "sitofp", 8) : this.valReg(i.a, from);
          this.emit(`cvtsi2${s}q`, r(v, 8), d(x(), 16));
          return;
        }
        // u64: halve (keeping the low bit for rounding) when the top bit is set, then double.
        const v = this.valReg(i.a, from);
        const h = this.vreg(), lo = this.vreg();
        this.copyInt(v, h);
        this.emit("shrq", im(1), ud(h, 8));
        this.copyInt(v, lo);
        this.emit("andl", im(1), ud(lo, 4));
        this.emit("orq", r(lo, 8), ud(h, 8));
        const sel = this.vreg();
        this.copyInt(v, sel);
        this.emit("testq", r(v, 8), r(v, 8));
        this.emit("cmovsq", r(h, 8), ud(sel, 8));
        const f1 = this.vreg("float"), f2 = this.vreg("float");
        this.emit(`cvtsi2${s}q`, r(sel, 8), d(f1, 16));
        this.copyFloat(f1, f2);
        this.emit(`add${s}`, r(f1, 16), ud(f2, 16));
        const b1 = this.vreg(), b2 = this.vreg();
        this.emit("movq", r(f1, 16), d(b1, 8));
        this.emit("movq", r(f2, 16), d(b2, 8));
        this.emit("testq", r(v, 8), r(v, 8));
        this.emit("cmovsq", r(b2, 8), ud(b1, 8));
        this.emit("movq", r(b1, 8), d(x(), 16));
        return;
      }
      case "fptosi": case "fptoui": {
        if (to === "i128") this.fail(`${i.op} to i128 left for legalisation`);
        if (from === "f80") return this.x87Convert(i);
        const s = from === "f32" ? "ss" : "sd";
        const v = this.valReg(i.a, from);
        if (i.op === "fptosi" || irSize(to) < 8) {
          this.emit(`cvtt${s}2siq`, r(v, 16), d(x(), 8));
          return;
        }
        // u64: values ≥ 2^63 are converted after subtracting 2^63.
        const big = this.vreg("float");
        const two63 = from === "f32" ? 0x5f000000n : 0x43e0000000000000n;
        this.emit(from === "f32" ? "movss" : "movsd", this.poolConst([{ size: from === "f32" ? 4 : 8, value: two63 }], 8), d(big, 16));
        const t = this.vreg("float");
        this.copyFloat(v, t);
        this.emit(`sub${s}`, r(big, 16), ud(t, 16));
        const r1 = this.vreg(), r2 = this.vreg();
        this.emit(`cvtt${s}2siq`, r(v, 16), d(r1, 8));
        this.emit(`cvtt${s}2siq`, r(t, 16), d(r2, 8));
        this.emit("btcq", im(63), ud(r2, 8));
        this.emit("ucomi" + s, r(big, 16), r(v, 16));
        this.emit("cmovaeq", r(r2, 8), ud(r1, 8));
        this.copyInt(r1, x());
        return;
      }
    }
    this.fail(`cannot select ${i.op} ${from} to ${to}`);
  }

  // ------------------------------------------------------------ f128 (libgcc soft-float)

  /** An f128/i128 pair as one xmm vreg (low quadword first), as the ABI passes f128. */
  private pairToXmm(v: Value): number {
    const [lo, hi] = this.pair(v);
    const x = this.vreg("float"), y = this.vreg("float");
    this.emit("movq", r(lo, 8), d(x, 16));
    this.emit("movq", r(hi, 8), d(y, 16));
    this.emit("punpcklqdq", r(y, 16), ud(x, 16));
    return x;
  }
  /** The 16 bytes of xmm register `src` into the pair of temp `dst`. */
  private xmmToPair(src: number, dst: number): void {
    const [lo, hi] = this.regsOf(dst);
    const y = this.vreg("float");
    this.emit("movq", r(src, 16), d(lo!, 8));
    this.emit("movhlps", r(src, 16), d(y, 16));
    this.emit("movq", r(y, 16), d(hi!, 8));
  }

  /**
   * A temp that exists only for instruction selection (results of runtime
   * calls). It is appended to the function's temps, which nothing reads
   * after isel.
   */
  private selTemp(t: Type, vreg?: number): number {
    this.f.temps.push({ name: `isel.${this.f.temps.length}`, type: t });
    const id = this.f.temps.length - 1;
    if (vreg !== undefined) this.vals.set(id, [vreg]);
    return id;
  }


  // ------------------------------------------------------------ x87 (f80)

  /** Push an f80 value onto the x87 stack via the scratch slot. */
  private x87Load(v: Value): void {
    const [lo, hi] = this.pair(v);
    const s = this.scratchSlot();
    this.emit("movq", r(lo, 8), slotMem(s));
    this.emit("movw", r(hi, 2), slotMem(s, 8));
    this.emit("fldt", slotMem(s));
  }
  /** Pop st(0) into the pair of `dst`. */
  private x87Store(dst: number): void {
    const s = this.scratchSlot();
    this.emit("fstpt", slotMem(s));
    const [lo, hi] = this.regsOf(dst);
    this.emit("movq", slotMem(s), d(lo!, 8));
    this.emit("movzwl", slotMem(s, 8), d(hi!, 4));
  }
  private x87Unary(op: string, a: Value, dst: number): void {
    this.x87Load(a);
    this.emit(op);
    this.x87Store(dst);
  }
  private x87Binary(op: string, a: Value, b: Value, dst: number): void {
    this.x87Load(b);
    this.x87Load(a);
    this.emit(op, { k: "reg", r: stReg(0), size: 10 }, { k: "reg", r: stReg(1), size: 10 });
    this.x87Store(dst);
  }
  private x87Convert(i: ir.Conv): void {
    const { from, to } = i;
    const s = this.scratchSlot();
    // Get the source onto the x87 stack.
    if (from === "f80") this.x87Load(i.a);
    else if (isSSE(from)) {
      this.emit(from === "f32" ? "movss" : "movsd", r(this.valReg(i.a, from), 16), slotMem(s, 16));
      this.emit(from === "f32" ? "flds" : "fldl", slotMem(s, 16));
    } else {
      const signed = i.op === "sitofp";
      const v = this.extend(i.a, from, signed, 8);
      this.emit("movq", r(v, 8), slotMem(s, 16));
      this.emit("fildq", slotMem(s, 16));
      if (!signed && irSize(from) === 8) {
        // fild reads signed; add 2^64 when the top bit was set (table lookup, no branch).
        const idx = this.vreg();
        this.copyInt(v, idx);
        this.emit("shrq", im(63), ud(idx, 8));
        const tab = this.vreg();
        this.emit("leaq", this.poolConst([{ size: 4, value: 0n }, { size: 4, value: 0x5f800000n }], 8), d(tab, 8));
        this.emit("fadds", { k: "mem", base: tab, index: idx, disp: 0, mode: { scale: 4 } });
      }
    }
    // Take it off into the destination.
    if (to === "f80") this.x87Store(i.dst);
    else if (isSSE(to)) {
      this.emit(to === "f32" ? "fstps" : "fstpl", slotMem(s, 16));
      this.emit(to === "f32" ? "movss" : "movsd", slotMem(s, 16), d(this.defReg(i.dst), 16));
    } else {
      if (i.op === "fptoui" && irSize(to) === 8) {
        // x ≥ 2^63: subtract 2^63 (picked from a two-entry table, no branch),
        // convert, and put the top bit back.
        const tab = this.vreg();
        this.emit("leaq", this.poolConst([{ size: 4, value: 0n }, { size: 4, value: 0x5f000000n }], 8), d(tab, 8));
        this.emit("flds", memAt(tab, 4));
        this.emit("fucomip", { k: "reg", r: stReg(1), size: 10 }, { k: "reg", r: stReg(0), size: 10 });
        const big = this.vreg(), idx = this.vreg();
        this.setcc("be", big);
        this.emit("movzbl", r(big, 1), d(idx, 4));
        this.emit("fsubs", { k: "mem", base: tab, index: idx, disp: 0, mode: { scale: 4 } });
        this.emit("fisttpq", slotMem(s, 16));
        const x = this.defReg(i.dst);
        this.emit("movq", slotMem(s, 16), d(x, 8));
        this.emit("shlq", im(63), ud(idx, 8));
        this.emit("xorq", r(idx, 8), ud(x, 8));
        return;
      }
      this.emit("fisttpq", slotMem(s, 16));
      this.emit("movq", slotMem(s, 16), d(this.defReg(i.dst), 8));
    }
  }

  // ------------------------------------------------------------ i128

  private lowerI128(i: ir.IntBin): void {
    const [dl, dh] = this.regsOf(i.dst) as [number, number];
    const [al, ah] = this.pair(i.a);
    const [bl, bh] = this.pair(i.b);
    const two = (lo: string, hi: string): void => {
      this.copyInt(al, dl); this.copyInt(ah, dh);
      this.emit(lo, r(bl, 8), ud(dl, 8));
      this.emit(hi, r(bh, 8), ud(dh, 8));
    };
    switch (i.op) {
      case "add": return two("addq", "adcq");
      case "sub": return two("subq", "sbbq");
      case "and": return two("andq", "andq");
      case "or": return two("orq", "orq");
      case "xor": return two("xorq", "xorq");
      case "mul": {
        // (ah:al)*(bh:bl) mod 2^128 = al*bl + ((al*bh + ah*bl) << 64)
        const c1 = this.vreg(), c2 = this.vreg();
        this.copyInt(al, c1); this.emit("imulq", r(bh, 8), ud(c1, 8));
        this.copyInt(ah, c2); this.emit("imulq", r(bl, 8), ud(c2, 8));
        this.emit("addq", r(c2, 8), ud(c1, 8));
        this.mov(8, r(al, 8), RAX);
        this.emitX({ opc: "mulq", ops: [r(bl, 8)], impUses: [RAX], impDefs: [RAX, RDX] });
        this.mov(8, r(RAX, 8), dl);
        this.mov(8, r(RDX, 8), dh);
        this.emit("addq", r(c1, 8), ud(dh, 8));
        return;
      }
      case "shl": case "lshr": case "ashr": {
        // Shift by c (mod 128): double shift for c&63, then fix up when c&64 with cmov.
        this.mov(4, r(bl, 4), RCX);
        this.copyInt(al, dl); this.copyInt(ah, dh);
        const fill = this.vreg();
        if (i.op === "shl") {
          this.emitX({ opc: "shldq", ops: [r(RCX, 1), r(al, 8), ud(dh, 8)] });
          this.emitX({ opc: "shlq", ops: [r(RCX, 1), ud(dl, 8)] });
          this.mov(4, im(0), fill);
          this.emitX({ opc: "testb", ops: [im(64), r(RCX, 1)] });
          this.emit("cmovneq", r(dl, 8), ud(dh, 8));
          this.emit("cmovneq", r(fill, 8), ud(dl, 8));
        } else {
          const sh = i.op === "lshr" ? "shrq" : "sarq";
          this.emitX({ opc: "shrdq", ops: [r(RCX, 1), r(ah, 8), ud(dl, 8)] });
          this.emitX({ opc: sh, ops: [r(RCX, 1), ud(dh, 8)] });
          if (i.op === "lshr") this.mov(4, im(0), fill);
          else { this.copyInt(ah, fill); this.emit("sarq", im(63), ud(fill, 8)); }
          this.emitX({ opc: "testb", ops: [im(64), r(RCX, 1)] });
          this.emit("cmovneq", r(dh, 8), ud(dl, 8));
          this.emit("cmovneq", r(fill, 8), ud(dh, 8));
        }
        return;
      }
    }
    this.fail(`i128 ${i.op} not supported`);
  }

  private compareI128(i: ir.ICmp): string {
    const [al, ah] = this.pair(i.a);
    const [bl, bh] = this.pair(i.b);
    if (i.pred === "eq" || i.pred === "ne") {
      const t = this.vreg(), u = this.vreg();
      this.copyInt(al, t); this.emit("xorq", r(bl, 8), ud(t, 8));
      this.copyInt(ah, u); this.emit("xorq", r(bh, 8), ud(u, 8));
      this.emit("orq", r(u, 8), ud(t, 8));
      return ICMP_CC[i.pred];
    }
    // a < b  ⟺  borrow/sign of the 128-bit subtraction a - b (cmp low, sbb high).
    let [x, y] = [[al, ah], [bl, bh]];
    let pred = i.pred;
    if (pred === "sgt" || pred === "sle" || pred === "ugt" || pred === "ule") {
      [x, y] = [y, x];
      pred = ({ sgt: "slt", sle: "sge", ugt: "ult", ule: "uge" } as const)[pred];
    }
    const t = this.vreg();
    this.copyInt(x[1]!, t);
    this.emit("cmpq", r(y[0]!, 8), r(x[0]!, 8));
    this.emit("sbbq", r(y[1]!, 8), ud(t, 8));
    return ICMP_CC[pred];
  }

  // ------------------------------------------------------------ calls

  private lowerCall(i: ir.Call): void {
    const lay = layoutCall(i.ret, i.args.map((a) => a.type));
    // An over-aligned stack argument needs %rsp realigned (and restored after).
    const savedSp = lay.stackAlign > 16 ? this.vreg() : -1;
    if (savedSp >= 0) this.mov(8, r(RSP, 8), savedSp);
    if (lay.stackBytes) this.emit("subq", im(lay.stackBytes), ud(RSP, 8));
    if (savedSp >= 0) this.emit("andq", im(-lay.stackAlign), ud(RSP, 8));
    const argRegs: number[] = [];
    // Stack arguments first (they may need temporaries), then registers.
    i.args.forEach((a, k) => {
      const loc = lay.args[k]!;
      if (loc.kind !== "stack") return;
      const m = memAt(RSP, loc.offset);
      if (a.type.kind === "agg") this.copyToStack(loc.offset, a.value, a.type.layout.size);
      else this.storeTyped(a.type.type, a.value, m);
    });
    // Load register arguments into vregs first, then move them into place
    // together, so no argument register is live across another's computation.
    const moves: { reg: number; src: number; cls: RegClass }[] = [];
    i.args.forEach((a, k) => {
      const loc = lay.args[k]!;
      if (loc.kind !== "regs") return;
      if (a.type.kind === "agg") {
        const ad = this.address(a.value);
        for (const p of loc.parts) {
          if (p.cls === "float") {
            const t = this.vreg("float");
            this.emit(sseMove(p.size), this.memOf(ad, p.offset), d(t, 16));
            moves.push({ reg: p.reg, src: t, cls: "float" });
          } else moves.push({ reg: p.reg, src: this.loadBytes(this.memOf(ad, p.offset), p.size), cls: "int" });
        }
      } else if (a.type.type === "f128") {
        moves.push({ reg: loc.parts[0]!.reg, src: this.pairToXmm(a.value), cls: "float" });
      } else if (isPair(a.type.type)) {
        const [lo, hi] = this.pair(a.value);
        moves.push({ reg: loc.parts[0]!.reg, src: lo, cls: "int" }, { reg: loc.parts[1]!.reg, src: hi, cls: "int" });
      } else {
        const t = a.type.type;
        moves.push({ reg: loc.parts[0]!.reg, src: this.valReg(a.value, t), cls: isSSE(t) ? "float" : "int" });
      }
    });
    let callee: MOperand;
    if (i.callee.kind === "sym") {
      const name = i.callee.name;
      callee = { k: "sym", name, reloc: this.isLocal(name) ? "" : "PLT" };
    } else callee = r(this.valReg(i.callee.value, "ptr"), 8);
    const retAddr = i.retAddr ? this.valReg(i.retAddr, "ptr") : -1;
    for (const mv of moves) {
      if (mv.cls === "float") this.emitX({ opc: "movaps", ops: [r(mv.src, 16), d(mv.reg, 16)], copy: COPY });
      else this.mov(8, r(mv.src, 8), mv.reg);
      argRegs.push(mv.reg);
    }
    if (lay.sret !== undefined) { this.mov(8, r(retAddr, 8), lay.sret); argRegs.push(lay.sret); }
    if (i.chain) { this.mov(8, r(this.valReg(i.chain, "ptr"), 8), R10); argRegs.push(R10); }
    if (i.fixedArgs !== undefined && !(this.ctx.machine.skipRaxSetup && !this.ctx.machine.sse)) {
      // Variadic call: %al = number of vector registers used (-mskip-rax-setup: none can be, so no %al).
      this.mov(4, im(lay.regsUsed.float!), RAX);
      argRegs.push(RAX);
    }
    this.emitX({ opc: "call", ops: [callee], impUses: argRegs, impDefs: CALLER_SAVED, call: true });
    if (savedSp >= 0) this.mov(8, r(savedSp, 8), RSP);
    else if (lay.stackBytes) this.emit("addq", im(lay.stackBytes), ud(RSP, 8));
    // Results.
    if (i.ret.kind === "scalar" && i.dst !== undefined) {
      const t = i.ret.type;
      if (t === "f80") this.x87Store(i.dst);
      else if (t === "f128") this.xmmToPair(xmm(0), i.dst);
      else if (isPair(t)) {
        const [lo, hi] = this.regsOf(i.dst);
        this.mov(8, r(RAX, 8), lo!);
        this.mov(8, r(RDX, 8), hi!);
      } else if (isSSE(t)) this.copyFloat(xmm(0), this.defReg(i.dst));
      else this.mov(8, r(RAX, 8), this.defReg(i.dst));
    } else if (i.ret.kind === "scalar" && i.ret.type === "f80") {
      this.emit("fstp", { k: "reg", r: stReg(0), size: 10 });
    } else if (i.ret.kind === "agg" && lay.sret === undefined) {
      if (x87Parts(lay.ret) === 1) this.emit("fstpt", memAt(retAddr));
      else if (x87Parts(lay.ret) === 2) {
        this.emit("fstpt", memAt(retAddr));
        this.emit("fstpt", memAt(retAddr, 16));
      }
      else if (lay.ret.kind === "regs") {
        // Capture the result registers first: storing may need temporaries.
        const got = lay.ret.parts.map((p) => {
          const t = this.vreg(p.cls);
          if (p.cls === "float") this.copyFloat(p.reg, t);
          else this.mov(8, r(p.reg, 8), t);
          return t;
        });
        lay.ret.parts.forEach((p, k) => this.storePart(got[k]!, p, memAt(retAddr, p.offset), false));
      }
    }
  }

  private copyToStack(off: number, v: Value, size: number): void {
    const src = this.address(v);
    // Large aggregates through memcpy, as copyMem does: an unrolled copy of a
    // 128 KiB struct is 32k instructions per call. The register arguments are
    // loaded after the stack ones, so the call clobbers nothing of this call.
    if (size > 128) {
      const dst = this.vreg();
      this.emit("leaq", memAt(RSP, off), d(dst, 8));
      this.libcall("memcpy", [dst, this.addrReg(src), this.valReg({ k: "int", value: BigInt(size) }, "i64")]);
      return;
    }
    let o = 0;
    for (const w of [8, 4, 2, 1]) {
      while (size - o >= w) {
        const t = this.vreg();
        this.emit(w === 8 ? "movq" : w === 4 ? "movl" : w === 2 ? "movzwl" : "movzbl", this.memOf(src, o), d(t, w === 8 ? 8 : 4));
        this.emit("mov" + SUFFIX[w], r(t, w), memAt(RSP, off + o));
        o += w;
      }
    }
  }

  // ------------------------------------------------------------ varargs

  private lowerVaStart(ap: Value): void {
    if (!this.f.varargs) this.fail("va_start in a non-variadic function");
    const a = this.address(ap);
    this.emit("movl", im(this.layout.regsUsed.int! * 8), this.memOf(a, VA_LIST.gpOffset));
    this.emit("movl", im(48 + this.layout.regsUsed.float! * 16), this.memOf(a, VA_LIST.fpOffset));
    const t = this.vreg();
    this.emit("leaq", memAt(RBP, 16 + this.layout.stackUsed), d(t, 8));
    this.emit("movq", r(t, 8), this.memOf(a, VA_LIST.overflow));
    const u = this.vreg();
    this.emit("leaq", slotMem(this.regSave), d(u, 8));
    this.emit("movq", r(u, 8), this.memOf(a, VA_LIST.regSave));
  }

  /**
   * va_arg without branches: compute both the register-save-area and the
   * overflow-area address, then pick with cmov on "enough registers left".
   */
  private lowerVaArg(i: ir.VaArg): void {
    const ap = this.address(i.ap);
    const t = i.type;
    let classes: ("INTEGER" | "SSE")[] | "MEMORY";
    if (t.kind === "agg") classes = classifyAgg(t.layout);
    else if (t.type === "f80") classes = "MEMORY";
    else if (t.type === "i128") classes = ["INTEGER", "INTEGER"];
    else classes = isSSE(t.type) ? ["SSE"] : ["INTEGER"];
    const size = t.kind === "agg" ? t.layout.size : t.type === "f80" || t.type === "i128" || t.type === "f128" ? 16 : 8;
    const align = Math.max(8, argAlign(t));

    // Overflow area address, aligned.
    const ov = this.vreg();
    this.emit("movq", this.memOf(ap, VA_LIST.overflow), d(ov, 8));
    if (align > 8) {
      this.emit("addq", im(align - 1), ud(ov, 8));
      this.emit("andq", im(-align), ud(ov, 8));
    }
    const newOv = this.vreg();
    this.emit("leaq", memAt(ov, Math.ceil(size / 8) * 8), d(newOv, 8));

    if (classes === "MEMORY") {
      this.emit("movq", r(newOv, 8), this.memOf(ap, VA_LIST.overflow));
      this.finishVaArg(i, ov, t);
      return;
    }
    const nGp = classes.filter((c) => c === "INTEGER").length;
    const nSse = classes.length - nGp;
    const gp = this.vreg(), fp = this.vreg(), rsa = this.vreg();
    this.emit("movl", this.memOf(ap, VA_LIST.gpOffset), d(gp, 4));
    this.emit("movl", this.memOf(ap, VA_LIST.fpOffset), d(fp, 4));
    this.emit("movq", this.memOf(ap, VA_LIST.regSave), d(rsa, 8));
    // ok = gp <= 48 - 8*nGp && fp <= 176 - 16*nSse
    const ok = this.vreg(), ok2 = this.vreg();
    this.emit("cmpl", im(48 - 8 * nGp), r(gp, 4));
    this.setcc("be", ok);
    this.emit("cmpl", im(176 - 16 * nSse), r(fp, 4));
    this.setcc("be", ok2);
    this.emit("andb", r(ok2, 1), ud(ok, 1));
    // Addresses of each eightbyte in both places.
    const srcs: number[] = [];
    let gi = 0, si = 0;
    classes.forEach((c, e) => {
      const regAddr = this.vreg();
      const off = c === "INTEGER" ? gp : fp;
      const k = c === "INTEGER" ? gi++ * 8 : si++ * 16;
      this.emit("leaq", { k: "mem", base: rsa, index: off, disp: k }, d(regAddr, 8));
      const memAddr = this.vreg();
      this.emit("leaq", memAt(ov, e * 8), d(memAddr, 8));
      srcs.push(regAddr, memAddr);
    });
    const newGp = this.vreg(), newFp = this.vreg(), outOv = this.vreg();
    this.emit("leal", memAt(gp, 8 * nGp), d(newGp, 4));
    this.emit("leal", memAt(fp, 16 * nSse), d(newFp, 4));
    this.copyInt(ov, outOv);
    // Select: registers if ok, else the overflow area.
    this.emit("testb", r(ok, 1), r(ok, 1));
    const picked: number[] = [];
    for (let e = 0; e < classes.length; e++) {
      const p = this.vreg();
      this.copyInt(srcs[2 * e + 1]!, p);
      this.emit("cmovneq", r(srcs[2 * e]!, 8), ud(p, 8));
      picked.push(p);
    }
    this.emit("cmoveq", r(gp, 8), ud(newGp, 8));
    this.emit("cmoveq", r(fp, 8), ud(newFp, 8));
    this.emit("cmoveq", r(newOv, 8), ud(outOv, 8));
    this.emit("movl", r(newGp, 4), this.memOf(ap, VA_LIST.gpOffset));
    this.emit("movl", r(newFp, 4), this.memOf(ap, VA_LIST.fpOffset));
    this.emit("movq", r(outOv, 8), this.memOf(ap, VA_LIST.overflow));
    if (classes.length === 1 && t.kind === "scalar") { this.finishVaArg(i, picked[0]!, t); return; }
    // Two eightbytes (i128 or small aggregate): gather into a private slot.
    const slot = newSlot(this.mf, 16, this.stackAlign);
    picked.forEach((p, e) => {
      const v = this.vreg();
      this.emit("movq", memAt(p), d(v, 8));
      this.emit("movq", r(v, 8), slotMem(slot, 8 * e));
    });
    if (t.kind === "agg") this.emit("leaq", slotMem(slot), d(this.defReg(i.dst), 8));
    else this.loadTyped(t.type, slotMem(slot), i.dst);
  }

  private finishVaArg(i: ir.VaArg, addr: number, t: ir.ArgType): void {
    if (t.kind === "agg") this.copyInt(addr, this.defReg(i.dst));
    else this.loadTyped(t.type, memAt(addr), i.dst);
  }

  // ------------------------------------------------------------ intrinsics

  private lowerIntrinsic(i: ir.Intrinsic): void {
    const t = i.type ?? "i64";
    const sz = opSize(t);
    const dst = (): number => (i.dst !== undefined ? this.defReg(i.dst) : this.vreg());
    switch (i.name) {
      case "trap": this.emit("ud2"); return;
      // glibc keeps the stack protector's canary in the TCB (tcbhead_t.stack_guard).
      case "stack_guard": this.emit("movq", { k: "mem", disp: 40, mode: { seg: "fs" } }, d(dst(), 8)); return;
      case "clz": case "ctz": {
        const a = this.extend(i.args[0]!, t, false, sz);
        const x = dst();
        this.emit((i.name === "clz" ? "bsr" : "bsf") + SUFFIX[sz], r(a, sz), d(x, sz));
        if (i.name === "clz") this.emit("xor" + SUFFIX[sz], im(irSize(t) * 8 - 1), ud(x, sz));
        return;
      }
      case "popcount": {
        const a = this.extend(i.args[0]!, t, false, 8);
        const [res] = this.libcall("__popcountdi2", [a], [], "int");
        this.copyInt(res!, dst());
        return;
      }
      case "bswap": {
        const x = dst();
        this.mov(sz, r(this.valReg(i.args[0]!, t), sz), x);
        if (t === "i16") this.emit("rolw", im(8), ud(x, 2));
        else this.emit("bswap" + SUFFIX[sz], ud(x, sz));
        return;
      }
      case "frame_address": case "return_address": {
        // Level N follows the saved frame-pointer chain N times (every tscc
        // frame keeps %rbp); the return address sits just above a frame's %rbp.
        const level = i.args[0]?.k === "int" ? Number(i.args[0].value) : 0;
        const x = dst();
        if (level === 0 && i.name === "return_address") { this.emit("movq", memAt(RBP, 8), d(x, 8)); return; }
        this.mov(8, r(RBP, 8), x);
        for (let k = 0; k < level; k++) this.emit("movq", memAt(x, 0), d(x, 8));
        if (i.name === "return_address") this.emit("movq", memAt(x, 8), d(x, 8));
        return;
      }
      // The CFA is %rbp + 16 in every tscc frame (see the CFI in emit.ts).
      case "dwarf_cfa": this.emit("leaq", memAt(RBP, 16), d(dst(), 8)); return;
      case "stack_save": this.mov(8, r(RSP, 8), dst()); return;
      case "stack_restore": this.mov(8, r(this.valReg(i.args[0]!, "ptr"), 8), RSP); return;
      // Atomics (sequentially consistent). Aligned loads are atomic on x86;
      // xchg with memory is implicitly locked; the rest take a lock prefix.
      case "atomic_load": case "atomic_xchg": case "atomic_add": case "atomic_cmpxchg": {
        if (irSize(t) > 8) this.fail(`${i.name} of ${t} is not supported on x86_64 yet`);
        const w = irSize(t) as 1 | 2 | 4 | 8;
        const p = this.valReg(i.args[0]!, "ptr");
        if (i.name === "atomic_load") {
          this.loadTyped(t, memAt(p), i.dst!);
          return;
        }
        if (i.name === "atomic_cmpxchg") {
          const want = this.valReg(i.args[1]!, t), next = this.valReg(i.args[2]!, t);
          this.mov(w, r(want, w), RAX);
          this.emitX({ opc: "lock cmpxchg" + SUFFIX[w], ops: [r(next, w), memAt(p)], impUses: [RAX], impDefs: [RAX] });
          this.mov(w, r(RAX, w), dst());
          return;
        }
        const x = dst();
        this.mov(w, r(this.valReg(i.args[1]!, t), w), x);
        this.emit(i.name === "atomic_xchg" ? "xchg" + SUFFIX[w] : "lock xadd" + SUFFIX[w], ud(x, w), memAt(p));
        return;
      }
      case "fence": this.emit("mfence"); return;
      case "setjmp": {
        // The buffer holds %rbp, the resume address and %rsp. A resumption
        // (see longjmp) arrives at the label with %eax = 1 and every other
        // register clobbered: values live across are kept in stack slots, and
        // the prologue saves all callee-saved registers for the epilogue.
        this.mov(8, r(this.valReg(i.args[0]!, "ptr"), 8), RDI);
        const resume = `.Lsj.${this.f.name}.${this.ctx.setjmpCount++}`;
        this.emitX({ opc: "setjmp", ops: [{ k: "sym", name: resume }], impUses: [RDI], impDefs: [RAX], clobbers: ALL_REGS });
        this.mov(4, r(RAX, 4), dst());
        return;
      }
      case "longjmp":
        this.mov(8, r(this.valReg(i.args[0]!, "ptr"), 8), RCX);
        this.emitX({ opc: "longjmp", ops: [], impUses: [RCX], clobbers: ALL_REGS });
        return;
      case "init_trampoline": {
        // movabs $fn, %r11; movabs $chain, %r10; jmp *%r11 (gcc's layout, 24 bytes with a nop).
        const tramp = this.address(i.args[0]!);
        const fn = this.valReg(i.args[1]!, "ptr");
        const chain = this.valReg(i.args[2]!, "ptr");
        this.emit("movw", im(BigInt.asIntN(16, 0xbb49n)), this.memOf(tramp, 0));
        this.emit("movq", r(fn, 8), this.memOf(tramp, 2));
        this.emit("movw", im(BigInt.asIntN(16, 0xba49n)), this.memOf(tramp, 10));
        this.emit("movq", r(chain, 8), this.memOf(tramp, 12));
        this.emit("movl", im(BigInt.asIntN(32, 0x90e3ff49n)), this.memOf(tramp, 20));
        this.ctx.execStack = true;
        return;
      }
      case "is_constant": this.copyInt(this.valReg({ k: "int", value: 0n }, "i64"), dst()); return;
      case "object_size": {
        // Not resolved by the libcalls pass (or -O0): the size is unknown.
        const kind = i.args[1]?.k === "int" ? Number(i.args[1].value) & 3 : 0;
        this.copyInt(this.valReg({ k: "int", value: kind >= 2 ? 0n : -1n }, "i64"), dst());
        return;
      }
    }
    this.fail(`unknown intrinsic ${i.name}`);
  }

  // ------------------------------------------------------------ terminators

  private jmp(label: string): void {
    this.emitX({ opc: "jmp", ops: [{ k: "label", block: this.blockIdx.get(label)! }] });
    this.cur.succs.push(this.blockIdx.get(label)!);
  }
  private jcc(cc: string, label: string): void {
    this.emitX({ opc: "j" + cc, ops: [{ k: "label", block: this.blockIdx.get(label)! }] });
    this.cur.succs.push(this.blockIdx.get(label)!);
  }

  /**
   * Dense switch → bounds check + pc-relative jump table. Case values are
   * read as signed or unsigned in the switch width, whichever range is smaller;
   * the index is (value - min) compared unsigned against the range, so values
   * below min wrap around to the default.
   */
  private jumpTable(t: Extract<ir.Terminator, { op: "switch" }>): boolean {
    if (t.cases.length < JT_MIN_CASES || !this.ctx.useJumpTables) return false;
    const w = irSize(t.type) * 8;
    const spread = (vals: bigint[]): [bigint, bigint] => {
      let lo = vals[0]!, hi = vals[0]!;
      for (const v of vals) { if (v < lo) lo = v; if (v > hi) hi = v; }
      return [lo, hi - lo];
    };
    const sv = t.cases.map((c) => BigInt.asIntN(w, c.value));
    const uv = t.cases.map((c) => BigInt.asUintN(w, c.value));
    const [smin, srange] = spread(sv);
    const [umin, urange] = spread(uv);
    const signed = srange <= urange;
    const [min, range] = signed ? [smin, srange] : [umin, urange];
    if (range >= BigInt(t.cases.length * JT_MAX_SPREAD) || range > 100_000n) return false;
    const idx = this.extend(t.value, t.type, signed, 8);
    const minOp = fits32(-min) ? im(-min) : r(this.valReg({ k: "int", value: -min }, "i64"), 8);
    this.emit("addq", minOp, ud(idx, 8));
    this.emit("cmpq", fits32(range) ? im(range) : r(this.valReg({ k: "int", value: range }, "i64"), 8), r(idx, 8));
    this.jcc("a", t.default);
    const label = `.LJT${this.ctx.jumpTables.size}`;
    const targets = new Array<string>(Number(range) + 1).fill(t.default);
    t.cases.forEach((c, k) => (targets[Number((signed ? sv[k]! : uv[k]!) - min)] = c.target));
    this.ctx.jumpTables.set(label, targets.map((l) => this.blockLabel(l)));
    const base = this.vreg(), off = this.vreg();
    this.emit("leaq", { k: "mem", sym: label, disp: 0 }, d(base, 8));
    this.emit("movslq", { k: "mem", base, index: idx, disp: 0, mode: { scale: 4 } }, d(off, 8));
    this.emit("addq", r(base, 8), ud(off, 8));
    this.emitX({ opc: "jmp*table", ops: [r(off, 8)] });
    for (const l of new Set(targets)) this.cur.succs.push(this.blockIdx.get(l)!);
    return true;
  }

  /** i128 switch: a chain of equality tests, each `(lo ^ clo) | (hi ^ chi) == 0`. */
  private switchI128(t: Extract<ir.Terminator, { op: "switch" }>): void {
    const [lo, hi] = this.pair(t.value);
    const half = (v: number, c: bigint): number => {
      const x = this.vreg();
      this.copyInt(v, x);
      const k = BigInt.asIntN(64, c);
      this.emit("xorq", fits32(k) ? im(k) : r(this.valReg({ k: "int", value: k }, "i64"), 8), ud(x, 8));
      return x;
    };
    for (const c of t.cases) {
      const v = BigInt.asUintN(128, c.value);
      const x = half(lo, v), y = half(hi, v >> 64n);
      this.emit("orq", r(y, 8), ud(x, 8));
      this.jcc("e", c.target);
    }
    this.jmp(t.default);
  }

  private lowerTerm(b: ir.Block): void {
    const t = b.term;
    switch (t.op) {
      case "br": this.jmp(t.target); return;
      case "condbr": {
        const c = t.cond;
        if (c.k === "temp" && this.fused.has(c.id)) {
          const cmp = b.insts[b.insts.length - 1] as ir.ICmp;
          this.jcc(this.compareInt(cmp), t.ifTrue);
        } else if (c.k === "int" || c.k === "undef") {
          this.jmp(c.k === "int" && (c.value & 1n) ? t.ifTrue : t.ifFalse);
          return;
        } else {
          this.emit("testb", im(1), r(this.valReg(c, "i1"), 1));
          this.jcc("ne", t.ifTrue);
        }
        this.jmp(t.ifFalse);
        return;
      }
      case "switch": {
        if (t.type === "i128") return this.switchI128(t);
        const sz = irSize(t.type);
        if (this.jumpTable(t)) return;
        const v = this.valReg(t.value, t.type);
        for (const c of t.cases) {
          const cv = BigInt.asIntN(sz * 8, c.value);
          const op = fits32(cv) ? im(cv) : r(this.valReg({ k: "int", value: cv }, "i64"), 8);
          this.emit("cmp" + SUFFIX[sz], op, r(v, sz));
          this.jcc("e", c.target);
        }
        this.jmp(t.default);
        return;
      }
      case "ret": this.lowerRet(t.value); return;
      case "unreachable": this.emit("ud2"); this.emitX({ opc: "ret", ops: [], impUses: [] }); return;
      case "indirectbr": {
        this.emitX({ opc: "jmp*", ops: [r(this.valReg(t.addr, "ptr"), 8)] });
        for (const l of t.targets) this.cur.succs.push(this.blockIdx.get(l)!);
        return;
      }
      case "asmgoto":
        this.lowerAsm(t.asm, t.targets);
        this.jmp(t.fallthrough);
        return;
    }
  }

  // ------------------------------------------------------------ inline asm

  /**
   * GNU asm: put each operand where its constraint asks — values needed in a
   * named register are copied there just before, results in one are copied
   * out just after — and emit one MIR instruction carrying the template,
   * which the emitter expands once registers are final. Matching inputs
   * ("0") are copied into their output's register, which the asm then both
   * reads and writes. x87 operands (t, u) are pushed before and popped
   * after, by GCC's rule that an input the asm pops is clobbered or tied to
   * an output.
   */
  private lowerAsm(a: ir.InlineAsm, gotoTargets?: string[]): void {
    const where = ` (asm in ${this.f.name})`;
    const ops: MOperand[] = [];
    const operands: { op: number; name?: string }[] = [];
    const operand = (o: MOperand, name: string | undefined): number => {
      ops.push(o);
      operands.push({ op: ops.length - 1, ...(name !== undefined ? { name } : {}) });
      return ops.length - 1;
    };
    const clobbers: number[] = [];
    const poppedSt = new Set<number>();
    for (const c of a.clobbers) {
      const n = registerNumber(c);
      if (n === undefined) throw new CodegenError(`unknown register name '${c}' in asm clobber list${where}`);
      if (n === "ignore" || n === RSP) continue;
      if (n === RBP) throw new CodegenError(`%rbp is the frame pointer and cannot be clobbered${where}`);
      if (n >= ST0) poppedSt.add(n - ST0);
      else clobbers.push(n);
    }
    const beforeAsm: (() => void)[] = [];
    const afterAsm: (() => void)[] = [];
    const x87In = new Map<number, { v: Value; t: Type }>();
    const x87Out = new Map<number, { dst: number; t: Type }>();
    /** Per output: the register it is produced in (vreg or physical), for matching inputs. */
    const outReg: ({ reg: number; cls: RegClass } | { st: number } | undefined)[] = [];
    const checkType = (t: Type, what: string): void => {
      if (isPair(t)) throw new CodegenError(`a ${t} ${what} in a register is not supported${where}`);
    };

    a.outputs.forEach((o, k) => {
      const c = parseConstraint(o.constraint);
      if (o.kind === "mem" && o.vector !== undefined && c.reg) {
        // A vector output in a register: stored to its object after the asm.
        const n = this.vectorPlace(c.reg, where);
        const width = vectorWidth(o.vector);
        operand({ k: "reg", r: n, size: width, def: true, ...(c.early ? { early: true } : {}) }, o.name);
        const mem = this.memOf(this.address(o.addr));
        afterAsm.push(() => this.emit(vectorMove(o.vector!), r(n, width), mem));
        outReg.push({ reg: n, cls: "float" });
        return;
      }
      if (o.kind === "mem") {
        operand(this.memOf(this.address(o.addr)), o.name);
        outReg.push(undefined);
        return;
      }
      const t = this.f.temps[o.dst]!.type;
      const place = c.reg ?? (c.mem ? { kind: "any" as const, cls: "int" as const } : undefined);
      if (!place) throw new CodegenError(`impossible constraint "${o.constraint}" in asm output ${k}${where}`);
      const reg = (n: number, size: number): MReg => ({ k: "reg", r: n, size, def: true, ...(c.early ? { early: true } : {}) });
      if (place.kind === "x87") {
        if (t !== "f80" && !isSSE(t)) throw new CodegenError(`an x87 asm output needs a floating type${where}`);
        operand({ k: "reg", r: stReg(place.st), size: 10 }, o.name);
        x87Out.set(place.st, { dst: o.dst, t });
        outReg.push({ st: place.st });
        return;
      }
      checkType(t, "asm output");
      const cls: RegClass = place.kind === "fixed" ? (place.reg >= 16 ? "float" : "int") : place.cls;
      const size = cls === "float" ? 16 : irSize(t);
      let n: number;
      if (place.kind === "fixed") {
        n = place.reg;
        afterAsm.push(() => this.moveBetween(n, cls, this.defReg(o.dst), isSSE(t) ? "float" : "int", t));
      } else if (cls === (isSSE(t) ? "float" : "int")) n = this.defReg(o.dst);
      else {
        n = this.vreg(cls);
        afterAsm.push(() => this.moveBetween(n, cls, this.defReg(o.dst), isSSE(t) ? "float" : "int", t));
      }
      operand(reg(n, size), o.name);
      outReg.push({ reg: n, cls });
    });

    for (const x of a.inputs) {
      if (x.kind === "mem" && x.vector !== undefined) {
        const c = parseConstraint(x.constraint);
        const out = c.match !== undefined ? outReg[c.match] : undefined;
        if (c.match !== undefined && out !== undefined) {
          const target = operands[c.match];
          if (!target || "st" in out || out.cls !== "float") throw new CodegenError(`matching constraint "${x.constraint}" of a vector names no vector register output${where}`);
          const src = this.loadVector(x.addr, x.vector);
          beforeAsm.push(() => this.copyVector(src, out.reg, x.vector!));
          ops[target.op] = { ...(ops[target.op] as MReg), use: true };
          operands.push({ op: target.op });
          continue;
        }
        if (c.reg) {
          const src = this.loadVector(x.addr, x.vector);
          const n = c.reg.kind === "fixed" ? this.vectorPlace(c.reg, where) : src;
          if (n !== src) beforeAsm.push(() => this.copyVector(src, n, x.vector!));
          operand(r(n, vectorWidth(x.vector)), x.name);
          continue;
        }
      }
      if (x.kind === "mem") { operand(this.memOf(this.address(x.addr)), x.name); continue; }
      const c = parseConstraint(x.constraint);
      const { value: v, type: t } = x;
      if (c.match !== undefined) {
        const out = outReg[c.match];
        const target = operands[c.match];
        if (c.match >= a.outputs.length || !target) throw new CodegenError(`matching constraint "${x.constraint}" names no output${where}`);
        if (out === undefined) { operands.push({ ...target, ...(x.name !== undefined ? { name: x.name } : {}) }); continue; }
        if ("st" in out) {
          x87In.set(out.st, { v, t });
          operands.push({ ...target });
          continue;
        }
        checkType(t, "asm input");
        const src = this.valReg(v, t);
        beforeAsm.push(() => this.moveBetween(src, isSSE(t) ? "float" : "int", out.reg, out.cls, t));
        const o = ops[target.op] as MReg;
        ops[target.op] = { ...o, use: true };
        operands.push({ op: target.op });
        continue;
      }
      const isConst = v.k === "int" || v.k === "undef";
      const sym = v.k === "temp" ? this.syms.get(v.id) : undefined;
      if (c.imm && isConst && !isSSE(t)) { operand(im(v.k === "int" ? BigInt.asIntN(64, v.value) : 0n), x.name); continue; }
      if (c.imm && sym && !c.reg) { operand({ k: "sym", name: sym.sym, off: sym.off }, x.name); continue; }
      const place = c.reg;
      if (!place) {
        if (!c.mem) throw new CodegenError(`impossible constraint "${x.constraint}" in asm${where}`);
        const slot = newSlot(this.mf, 16, Math.min(16, Math.max(irSize(t), this.stackAlign)));
        this.storeTyped(t, v, slotMem(slot));
        operand(slotMem(slot), x.name);
        continue;
      }
      if (place.kind === "x87") {
        if (t !== "f80" && !isSSE(t)) throw new CodegenError(`an x87 asm input needs a floating type${where}`);
        x87In.set(place.st, { v, t });
        operand({ k: "reg", r: stReg(place.st), size: 10 }, x.name);
        continue;
      }
      checkType(t, "asm input");
      const vcls: RegClass = isSSE(t) ? "float" : "int";
      const src = this.valReg(v, t);
      if (place.kind === "fixed") {
        const n = place.reg;
        const cls: RegClass = n >= 16 ? "float" : "int";
        beforeAsm.push(() => this.moveBetween(src, vcls, n, cls, t));
        operand(r(n, cls === "float" ? 16 : irSize(t)), x.name);
      } else if (place.cls === vcls) operand(r(src, vcls === "float" ? 16 : irSize(t)), x.name);
      else {
        const n = this.vreg(place.cls);
        this.moveBetween(src, vcls, n, place.cls, t);
        operand(r(n, place.cls === "float" ? 16 : irSize(t)), x.name);
      }
    }

    // x87 inputs, deepest first, so that "t" ends up in st(0).
    const depth = x87In.size ? Math.max(...x87In.keys()) + 1 : 0;
    for (let st = depth - 1; st >= 0; st--) {
      const x = x87In.get(st);
      if (!x) throw new CodegenError(`x87 asm inputs must fill st(0)..st(${depth - 1})${where}`);
      this.x87Push(x.v, x.t);
    }
    for (const f of beforeAsm) f();
    const isGoto = gotoTargets !== undefined;
    if (isGoto) {
      if (afterAsm.length || x87Out.size || depth) throw new CodegenError(`asm goto cannot have register or x87 outputs or x87 inputs${where}`);
      for (const l of gotoTargets) operand({ k: "label", block: this.blockIdx.get(l)! }, undefined);
    }
    const info: MAsm = { template: a.template, operands, unique: this.ctx.asmCount++ };
    this.emitX({ opc: isGoto ? "asm.goto" : "asm", ops, ...(clobbers.length ? { clobbers } : {}), asm: info });
    if (isGoto) {
      for (const l of gotoTargets) this.cur.succs.push(this.blockIdx.get(l)!);
      return;
    }
    for (const f of afterAsm) f();
    // x87 results are on top of the stack in order; inputs the asm did not pop are below.
    for (let st = 0; st < x87Out.size; st++) {
      const o = x87Out.get(st);
      if (!o) throw new CodegenError(`x87 asm outputs must fill st(0)..st(${x87Out.size - 1})${where}`);
      this.x87Pop(o.dst, o.t);
    }
    for (let st = 0; st < depth; st++) {
      if (!x87Out.has(st) && !poppedSt.has(st)) this.emit("fstp", { k: "reg", r: stReg(0), size: 10 });
    }
  }

  /** The register a vector asm operand is placed in: a new vector vreg or the one named. */
  private vectorPlace(place: NonNullable<ReturnType<typeof parseConstraint>["reg"]>, where: string): number {
    if (place.kind === "any" && place.cls === "float") return this.vreg("float");
    if (place.kind === "fixed" && place.reg >= 16) return place.reg;
    throw new CodegenError(`a vector asm operand needs an SSE register constraint${where}`);
  }
  /** Load a vector of `size` bytes kept in memory at addr into a new vector vreg. */
  private loadVector(addr: Value, size: number): number {
    const n = this.vreg("float");
    this.emit(vectorMove(size), this.memOf(this.address(addr)), d(n, vectorWidth(size)));
    return n;
  }
  /** Copy a vector asm operand between registers: all 32 bytes of a %ymm one. */
  private copyVector(src: number, dst: number, size: number): void {
    if (size === 32) this.emit("vmovaps", r(src, 32), d(dst, 32));
    else this.copyFloat(src, dst);
  }

  /** Copy a scalar of type t between registers of either class (movq/movd across). */
  private moveBetween(src: number, sc: RegClass, dst: number, dc: RegClass, t: Type): void {
    if (sc === "int" && dc === "int") this.mov(8, r(src, 8), dst);
    else if (sc === "float" && dc === "float") this.copyFloat(src, dst);
    else {
      const w = irSize(t) === 8 ? 8 : 4;
      this.emit(w === 8 ? "movq" : "movd", r(src, sc === "float" ? 16 : w), d(dst, dc === "float" ? 16 : w));
    }
  }

  /** Push a floating value (f80, f64 or f32) onto the x87 stack. */
  private x87Push(v: Value, t: Type): void {
    if (t === "f80") return this.x87Load(v);
    const s = this.scratchSlot();
    this.emit(t === "f32" ? "movss" : "movsd", r(this.valReg(v, t), 16), slotMem(s));
    this.emit(t === "f32" ? "flds" : "fldl", slotMem(s));
  }
  /** Pop st(0) into a temp of type t (f80, f64 or f32). */
  private x87Pop(dst: number, t: Type): void {
    if (t === "f80") return this.x87Store(dst);
    const s = this.scratchSlot();
    this.emit(t === "f32" ? "fstps" : "fstpl", slotMem(s));
    this.emit(t === "f32" ? "movss" : "movsd", slotMem(s), d(this.defReg(dst), 16));
  }
}

/** Dense enough for a table: at least 4 cases filling a third of the range. */
const JT_MIN_CASES = 4;
const JT_MAX_SPREAD = 3;

const SWAP_CC: Record<string, string> = {
  e: "e", ne: "ne", l: "g", le: "ge", g: "l", ge: "le", b: "a", be: "ae", a: "b", ae: "be",
};

/** The move of an SSE register part of `size` bytes to or from memory (16: a vector). */
function sseMove(size: number): string {
  return size <= 4 ? "movss" : size <= 8 ? "movsd" : "movups";
}

/**
 * The register width of a GNU vector asm operand: a 32-byte vector lives in a
 * %ymm register (AVX; the register allocator still sees the %xmm part, which
 * is safe because such a value lives only from its load to the asm).
 */
function vectorWidth(size: number): number {
  return size === 32 ? 32 : 16;
}

/** The move of a GNU vector of `size` bytes between memory and an SSE register. */
function vectorMove(size: number): string {
  if (size === 32) return "vmovups";
  if (size === 16) return "movups";
  if (size === 8) return "movq";
  if (size === 4) return "movd";
  throw new CodegenError(`a ${size}-byte vector does not fit an SSE register operand of asm`);
}

export function isBranchOpc(opc: string): boolean {
  return opc[0] === "j" || opc === "ret" || opc === "asm.goto";
}
