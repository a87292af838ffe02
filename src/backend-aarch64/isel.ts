// Instruction selection for AArch64: IR → MIR with virtual registers.
//
// Value representation (as on x86_64):
//   - integers up to 64 bits and pointers: one int vreg. Values narrower than
//     32 bits keep undefined upper bits; whoever needs them (compares,
//     division, right shifts, extensions, conversions) extends explicitly.
//     32-bit values are computed in w registers.
//   - i1: 0/1 in the low bit (tested with `tst w, 1`).
//   - f32/f64: one float vreg (the low 32/64 bits of a v register).
//   - i128 and f128 (binary128 long double): a pair of int vregs [low, high].
//     f128 crosses calls in one q register and is computed by libgcc's
//     soft-float routines (legalize.ts turns its arithmetic into calls).
//   - static allocas: frame slots used directly as memory operands.
//   - symbol addresses: adrp + add :lo12: for symbols defined here, adrp +
//     ldr :got: for the rest; thread-locals local-exec in an executable,
//     initial-exec otherwise.
// MIR opcodes are A64 mnemonics (a condition rides in the opcode: `cset.ne`,
// `csel.lt`, `b.eq`) plus a few pseudos the emitter expands: `li` (any
// constant), `lea` (frame or register + offset), LL/SC atomics, setjmp.

import type * as ir from "../ir/ir.js";
import type { Type, Value } from "../ir/ir.js";
import { instOperands, temp, termOperands } from "../ir/ir.js";
import { CodegenError, ice } from "../ir/errors.js";
import type { DebugLoc } from "../ir/debug.js";
import type { MAsm, MImm, MReg, RegClass } from "../codegen/mir.js";
import { newSlot, newVReg } from "../codegen/mir.js";
import type { RegPart } from "../codegen/abi.js";
import { argAlign } from "../codegen/abi.js";
import { blockSymbol, type ModuleSymbols } from "../codegen/module-emit.js";
import { encodeBitmask, encodeFpImm8 } from "../asm/aarch64/encoder.js";
import type { ABlock as MBlock, AFunc as MFunc, AInst as MInst, AMem as MMem, AOperand as MOperand } from "./regs.js";
import { A64_REGS, CALLER_SAVED, FP, FP_ARG_REGS, INT_ARG_REGS, SP, X0, X1, X18, XZR, vreg as vr } from "./regs.js";
import { GR_SAVE_SIZE, VA_LIST, VR_SAVE_SIZE, homogeneous, layoutCall } from "./abi.js";
import { parseConstraint, registerNumber, type Constraint } from "./inlineasm.js";

/** Module-level facts isel needs about symbols, plus the jump tables. */
export interface ModuleContext extends ModuleSymbols {
  /** Jump tables: label → target labels; entries are `.word target - label`. */
  readonly jumpTables: Map<string, string[]>;
  /** -fno-jump-tables: every switch becomes a compare chain. */
  readonly useJumpTables: boolean;
  /** Inline asm statements so far (their `%=` numbers). */
  asmCount: number;
  /** setjmp resume labels so far. */
  setjmpCount: number;
  /** Some function writes a trampoline on the stack: the object needs an executable stack. */
  execStack: boolean;
}

/** Every allocatable register: what a setjmp resumption may have changed. */
const ALL_REGS: readonly number[] = [...A64_REGS.classes.int!.allocatable, ...A64_REGS.classes.float!.allocatable];

function irSize(t: Type): number {
  switch (t) {
    case "i1": case "i8": return 1;
    case "i16": return 2;
    case "i32": case "f32": return 4;
    case "i128": case "f128": case "f80": return 16;
    default: return 8;
  }
}
/** Operation width: sub-32-bit arithmetic is done in 32 bits. */
function opSize(t: Type): 4 | 8 {
  return t === "i64" || t === "ptr" ? 8 : 4;
}
const isPair = (t: Type): boolean => t === "i128" || t === "f128" || t === "f80";
const isFP = (t: Type): boolean => t === "f32" || t === "f64";

const r = (reg: number, size: number): MReg => ({ k: "reg", r: reg, size });
const d = (reg: number, size: number): MReg => ({ k: "reg", r: reg, size, def: true });
const ud = (reg: number, size: number): MReg => ({ k: "reg", r: reg, size, def: true, use: true });
const de = (reg: number, size: number): MReg => ({ k: "reg", r: reg, size, def: true, early: true });
const im = (v: bigint | number): MImm => ({ k: "imm", v: BigInt(v) });
const memAt = (base: number, disp = 0): MMem => ({ k: "mem", base, disp });
const slotMem = (slot: number, disp = 0): MMem => ({ k: "mem", slot, disp });
/** A move's `copy`: destination first, as A64 writes it. */
const COPY = { src: 1, dst: 0 } as const;

/** An add/sub immediate: 12 bits, optionally shifted by 12 (only the plain form is used). */
const isArithImm = (v: bigint): boolean => v >= 0n && v < 4096n;
/** Can a load/store of `size` bytes reach base + disp (scaled unsigned or unscaled signed 9-bit)? */
export function offsetFits(disp: number, size: number): boolean {
  return (disp >= -256 && disp <= 255) || (disp >= 0 && disp % size === 0 && disp / size < 4096);
}

type Address = { kind: "reg"; reg: number; off: number } | { kind: "slot"; slot: number; off: number };

const ICMP_CC: Record<ir.ICmpPred, string> = {
  eq: "eq", ne: "ne", slt: "lt", sle: "le", sgt: "gt", sge: "ge", ult: "cc", ule: "ls", ugt: "hi", uge: "cs",
};
/** Operands swapped: a < b ⟺ b > a. */
const SWAP_CC: Record<string, string> = { eq: "eq", ne: "ne", lt: "gt", le: "ge", gt: "lt", ge: "le", cc: "hi", ls: "cs", hi: "cc", cs: "ls" };
/**
 * fcmp sets NZCV = 0011 when unordered, so: mi/ls are ordered less (or
 * equal), gt/ge ordered greater, and their complements the unordered-or ones.
 * `one` and `ueq` need two conditions.
 */
const FCMP_CC: Record<Exclude<ir.FCmpPred, "one" | "ueq">, string> = {
  oeq: "eq", une: "ne", olt: "mi", ole: "ls", ogt: "gt", oge: "ge", ord: "vc", uno: "vs",
  ult: "lt", ule: "le", ugt: "hi", uge: "pl",
};

const INT_ALU: Partial<Record<ir.IntBinOp, string>> = { add: "add", sub: "sub", and: "and", or: "orr", xor: "eor", mul: "mul" };
const FP_OP: Record<ir.FloatBinOp, string> = { fadd: "fadd", fsub: "fsub", fmul: "fmul", fdiv: "fdiv" };
const LOAD: Partial<Record<Type, string>> = { i1: "ldrb", i8: "ldrb", i16: "ldrh" };
const STORE: Partial<Record<Type, string>> = { i1: "strb", i8: "strb", i16: "strh" };

export function isBranchOpc(opc: string): boolean {
  return opc === "b" || opc.startsWith("b.") || opc === "br" || opc === "br.table" || opc === "ret" || opc === "asm.goto";
}

export class ISel {
  readonly mf: MFunc;
  private cur!: MBlock;
  private vals = new Map<number, number[]>();
  private slots = new Map<number, number>();
  private syms = new Map<number, { sym: string; off: number }>();
  /** `add ptr %base, C` results, folded into the addressing of each use. */
  private offsets = new Map<number, { base: Value; off: number }>();
  private blockIdx = new Map<string, number>();
  private lastMBlock = new Map<string, number>();
  private useCount = new Map<number, number>();
  private sretPtr = -1;
  private regSave = -1;
  private layout!: ReturnType<typeof layoutCall>;
  private fused = new Set<number>();
  private loc: DebugLoc | undefined;

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
  slotOfAlloca(t: number): number | undefined {
    return this.slots.get(t);
  }
  private vreg(cls: RegClass = "int"): number {
    return newVReg(this.mf, cls);
  }
  private fail(msg: string): never {
    return ice(msg, { func: this.f.name, pass: "isel-aarch64" });
  }
  private copyInt(src: number, dst: number): void {
    this.emitX({ opc: "mov", ops: [d(dst, 8), r(src, 8)], copy: COPY });
  }
  private copyFloat(src: number, dst: number): void {
    this.emitX({ opc: "fmov", ops: [d(dst, 8), r(src, 8)], copy: COPY });
  }
  private li(dst: number, v: bigint, size: 4 | 8 = 8): void {
    this.emit("li", d(dst, size), im(size === 4 ? BigInt.asIntN(32, v) : BigInt.asIntN(64, v)));
  }
  private constReg(v: bigint): number {
    const x = this.vreg();
    this.li(x, v);
    return x;
  }
  blockLabel(l: string): string {
    return blockSymbol(this.f.name, l);
  }

  // ------------------------------------------------------------ values

  private regsOf(id: number): number[] {
    let v = this.vals.get(id);
    if (!v) {
      const t = this.f.temps[id]!.type;
      v = isPair(t) ? [this.vreg(), this.vreg()] : [this.vreg(isFP(t) ? "float" : "int")];
      this.vals.set(id, v);
    }
    return v;
  }
  private defReg(dst: number): number {
    return this.regsOf(dst)[0]!;
  }

  /** A single-register value in a vreg (materialising constants and addresses). */
  private valReg(v: Value, t: Type): number {
    if (v.k === "temp") {
      if (this.offsets.has(v.id) || this.slots.has(v.id)) return this.addrReg(this.address(v));
      const s = this.syms.get(v.id);
      if (s) return this.symAddress(s.sym, s.off);
      return this.regsOf(v.id)[0]!;
    }
    if (isFP(t)) {
      const x = this.vreg("float");
      const bits = v.k === "float" ? v.bits : v.k === "int" ? v.value : 0n;
      const value = t === "f32" ? new Float32Array(new Uint32Array([Number(BigInt.asUintN(32, bits))]).buffer)[0]! : new Float64Array(new BigUint64Array([BigInt.asUintN(64, bits)]).buffer)[0]!;
      if (bits === 0n) this.emit("fmov", d(x, irSize(t)), r(XZR, irSize(t)));
      else if (encodeFpImm8(value) !== undefined) this.emit("fmov", d(x, irSize(t)), { k: "imm", v: bits });
      else {
        const g = this.constReg(bits);
        this.emit("fmov", d(x, irSize(t)), r(g, irSize(t)));
      }
      return x;
    }
    const c = v.k === "int" ? v.value : v.k === "float" ? v.bits : 0n;
    return this.constReg(BigInt.asIntN(64, c));
  }

  /** The value as an operand of an add/sub (`arith`), a logical op, or a compare: an immediate when encodable. */
  private src(v: Value, t: Type, kind: "arith" | "logic"): MOperand {
    if (v.k === "int" || v.k === "undef") {
      const sz = opSize(t);
      const c = v.k === "int" ? BigInt.asIntN(sz * 8, v.value) : 0n;
      if (kind === "arith" && isArithImm(c)) return im(c);
      if (kind === "logic" && encodeBitmask(c, sz === 8 ? 64 : 32) !== undefined) return im(BigInt.asUintN(sz * 8, c));
    }
    return r(this.valReg(v, t), opSize(t));
  }

  private pair(v: Value): [number, number] {
    if (v.k === "temp") {
      const p = this.regsOf(v.id);
      return [p[0]!, p[1]!];
    }
    const bits = v.k === "int" ? BigInt.asUintN(128, v.value) : v.k === "float" ? v.bits : 0n;
    return [this.constReg(BigInt.asIntN(64, bits)), this.constReg(BigInt.asIntN(64, bits >> 64n))];
  }

  private symAddress(sym: string, off: number): number {
    const x = this.vreg();
    const expr = off ? `${sym}+${off}` : sym;
    if (this.ctx.threadLocal.has(sym)) {
      const tp = this.vreg();
      if (this.ctx.pic) {
        // TLS descriptors (gcc's default dialect): the resolver returns the
        // offset from the thread pointer in x0 and preserves every other register.
        this.emitX({ opc: "tlsdesc", ops: [{ k: "sym", name: sym }], impDefs: [X0, X1] });
        this.emit("mrs.tp", d(tp, 8));
        this.emit("add", d(x, 8), r(tp, 8), r(X0, 8));
      } else if (this.ctx.defined.has(sym)) {
        this.emit("mrs.tp", d(tp, 8));
        // Local-exec: the variable's offset from the thread pointer is a link-time constant.
        this.emit("add.hi12", d(x, 8), r(tp, 8), { k: "sym", name: sym, reloc: "tprel_hi12" });
        this.emit("add", d(x, 8), r(x, 8), { k: "sym", name: sym, reloc: "tprel_lo12_nc" });
      } else {
        // Initial-exec: the offset from the GOT.
        this.emit("mrs.tp", d(tp, 8));
        const g = this.vreg();
        this.emit("adrp", d(g, 8), { k: "sym", name: sym, reloc: "gottprel" });
        this.emit("ldr", d(g, 8), { k: "mem", base: g, disp: 0, sym, mode: { reloc: "gottprel_lo12" } });
        this.emit("add", d(x, 8), r(tp, 8), r(g, 8));
      }
      if (off) this.addImm(x, x, off);
      return x;
    }
    if (this.ctx.local.has(sym)) {
      this.emit("adrp", d(x, 8), { k: "sym", name: expr, reloc: "" });
      this.emit("add", d(x, 8), r(x, 8), { k: "sym", name: expr, reloc: "lo12" });
    } else {
      this.emit("adrp", d(x, 8), { k: "sym", name: sym, reloc: "got" });
      this.emit("ldr", d(x, 8), { k: "mem", base: x, disp: 0, sym, mode: { reloc: "got_lo12" } });
      if (off) this.addImm(x, x, off);
    }
    return x;
  }

  /** dst = src + c (src may be dst). */
  private addImm(dst: number, src: number, c: number): void {
    if (c === 0) { if (dst !== src) this.copyInt(src, dst); return; }
    if (Math.abs(c) < 4096) { this.emit(c > 0 ? "add" : "sub", d(dst, 8), r(src, 8), im(Math.abs(c))); return; }
    this.emit("add", d(dst, 8), r(src, 8), r(this.constReg(BigInt(c)), 8));
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
    }
    return { kind: "reg", reg: this.valReg(v, "ptr"), off: 0 };
  }
  /** A memory operand for an access of `size` bytes at a + off (computing the address when out of reach). */
  private memOf(a: Address, off: number, size: number): MMem {
    const disp = a.off + off;
    if (a.kind === "slot") return slotMem(a.slot, disp);
    if (offsetFits(disp, size)) return memAt(a.reg, disp);
    const t = this.vreg();
    this.addImm(t, a.reg, disp);
    return memAt(t, 0);
  }
  private addrReg(a: Address): number {
    if (a.kind === "reg" && a.off === 0) return a.reg;
    const x = this.vreg();
    if (a.kind === "slot") this.emit("lea", d(x, 8), slotMem(a.slot, a.off));
    else this.addImm(x, a.reg, a.off);
    return x;
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
    for (const b of f.blocks) {
      for (const i of b.insts) {
        // x29 is only 16-aligned: over-aligned objects are carved out of the stack at entry.
        if (i.op === "alloca" && !i.dynSize && i.align <= 16) this.slots.set(i.dst, newSlot(this.mf, Math.max(i.size, 1), i.align));
        if (i.op === "addr") this.syms.set(i.dst, { sym: i.sym, off: i.offset });
        if (i.op === "add" && i.type === "ptr" && i.a.k === "temp" && i.b.k === "int" && BigInt.asIntN(64, i.b.value) > -(1n << 31n) && BigInt.asIntN(64, i.b.value) < 1n << 31n) {
          this.offsets.set(i.dst, { base: i.a, off: Number(BigInt.asIntN(64, i.b.value)) });
        }
      }
    }
    this.cur = this.mf.blocks[0]!;
    this.loc = f.blocks[0]?.insts.find((i) => i.loc)?.loc ?? f.blocks[0]?.termLoc;
    this.lowerEntry();
    for (const b of f.blocks) {
      for (const i of b.insts) {
        if (i.op === "alloca" && !i.dynSize && i.align > 16) this.lowerInst({ ...i, dynSize: { k: "int", value: BigInt(i.size) } }, b, -1);
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
          this.mf.blocks[k]!.phis.push({ dst, cls: isFP(p.type) ? "float" : "int", srcs });
        });
      }
    });
    return this.mf;
  }

  /** Phi operands: constants become `li` immediates (the copy hook handles them); the rest a vreg. */
  private phiSource(v: Value, t: Type, half: number): MOperand {
    if (isPair(t)) {
      if (v.k !== "temp") {
        const bits = v.k === "int" ? BigInt.asUintN(128, v.value) : v.k === "float" ? v.bits : 0n;
        return im(BigInt.asIntN(64, half ? bits >> 64n : bits));
      }
      return r(this.regsOf(v.id)[half]!, 8);
    }
    if (v.k === "temp" && !this.slots.has(v.id) && !this.syms.has(v.id) && !this.offsets.has(v.id)) return r(this.regsOf(v.id)[0]!, 8);
    if (!isFP(t) && (v.k === "int" || v.k === "undef")) return im(v.k === "int" ? BigInt.asIntN(64, v.value) : 0n);
    return this.beforeBranch(() => r(this.valReg(v, t), 8));
  }

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

  // ------------------------------------------------------------ entry / return

  private lowerEntry(): void {
    const f = this.f;
    // The static chain of a nested function (AAPCS64 Linux: x18, as gcc uses it).
    if (f.chain !== undefined) this.emitX({ opc: "mov", ops: [d(this.defReg(f.chain), 8), r(X18, 8)], copy: COPY });
    this.layout = layoutCall(f.ret, f.params.map((p) => p.type));
    if (this.layout.sret !== undefined) {
      this.sretPtr = this.vreg();
      this.emitX({ opc: "mov", ops: [d(this.sretPtr, 8), r(this.layout.sret, 8)], copy: COPY });
    }
    if (f.varargs) {
      // Save areas: v0–v7 then x0–x7, as va_arg reads them back.
      this.regSave = newSlot(this.mf, VR_SAVE_SIZE + GR_SAVE_SIZE, 16);
      FP_ARG_REGS.forEach((reg, k) => this.emit("str", r(reg, 16), slotMem(this.regSave, 16 * k)));
      INT_ARG_REGS.forEach((reg, k) => this.emit("str", r(reg, 8), slotMem(this.regSave, VR_SAVE_SIZE + 8 * k)));
    }
    const incoming = (off: number): MMem => memAt(FP, 16 + off);
    f.params.forEach((p, k) => {
      const loc = this.layout.args[k]!;
      const t = p.type;
      if (t.kind === "agg") {
        if (loc.kind === "none") this.slots.set(p.temp, newSlot(this.mf, 1, 1));
        else if (loc.kind === "stack") this.emit("lea", d(this.defReg(p.temp), 8), incoming(loc.offset));
        else if (loc.kind === "byref") {
          // The caller's private copy is the parameter.
          if (loc.ptr.kind === "regs") this.emitX({ opc: "mov", ops: [d(this.defReg(p.temp), 8), r(loc.ptr.parts[0]!.reg, 8)], copy: COPY });
          else this.emit("ldr", d(this.defReg(p.temp), 8), incoming(loc.ptr.offset));
        } else if (loc.kind === "regs") {
          const slot = newSlot(this.mf, Math.max(8, Math.ceil(t.layout.size / 8) * 8), Math.max(8, t.layout.align));
          this.slots.set(p.temp, slot);
          for (const part of loc.parts) this.emit("str", r(part.reg, part.cls === "float" ? part.size : 8), slotMem(slot, part.offset));
        }
        return;
      }
      const ty = t.type;
      if (loc.kind === "regs") {
        if (ty === "f128") this.qToPair(loc.parts[0]!.reg, p.temp);
        else if (isPair(ty)) {
          const [lo, hi] = this.regsOf(p.temp);
          this.emitX({ opc: "mov", ops: [d(lo!, 8), r(loc.parts[0]!.reg, 8)], copy: COPY });
          this.emitX({ opc: "mov", ops: [d(hi!, 8), r(loc.parts[1]!.reg, 8)], copy: COPY });
        } else if (isFP(ty)) this.copyFloat(loc.parts[0]!.reg, this.defReg(p.temp));
        else this.emitX({ opc: "mov", ops: [d(this.defReg(p.temp), 8), r(loc.parts[0]!.reg, 8)], copy: COPY });
      } else if (loc.kind === "stack") this.loadTyped(ty, incoming(loc.offset), p.temp);
      else if (loc.kind === "byref") this.fail("scalar passed by reference");
    });
  }

  /** The q register `src` into the pair of temp `dst`. */
  private qToPair(src: number, dst: number): void {
    const [lo, hi] = this.regsOf(dst);
    this.emit("fmov", d(lo!, 8), r(src, 8));
    this.emit("umov.d1", d(hi!, 8), r(src, 16));
  }
  /** A pair into physical q register `dst`. */
  private pairToQ(v: Value, dst: number): void {
    const [lo, hi] = this.pair(v);
    this.pairRegsToQ(lo, hi, dst);
  }
  private pairRegsToQ(lo: number, hi: number, dst: number): void {
    this.emit("fmov", d(dst, 8), r(lo, 8));
    this.emit("ins.d1", ud(dst, 16), r(hi, 8));
  }

  private lowerRet(v: Value | undefined): void {
    const f = this.f;
    const uses: number[] = [];
    const ret = this.layout.ret;
    if (v !== undefined && f.ret.kind === "scalar" && ret.kind === "regs") {
      const t = f.ret.type;
      const p0 = ret.parts[0]!.reg;
      if (t === "f128") this.pairToQ(v, p0);
      else if (isPair(t)) {
        const [lo, hi] = this.pair(v);
        this.emitX({ opc: "mov", ops: [d(p0, 8), r(lo, 8)], copy: COPY });
        this.emitX({ opc: "mov", ops: [d(ret.parts[1]!.reg, 8), r(hi, 8)], copy: COPY });
        uses.push(ret.parts[1]!.reg);
      } else if (isFP(t)) this.copyFloat(this.valReg(v, t), p0);
      else this.emitX({ opc: "mov", ops: [d(p0, 8), r(this.valReg(v, t), 8)], copy: COPY });
      uses.push(p0);
    } else if (v !== undefined && f.ret.kind === "agg") {
      const a = this.address(v);
      if (this.layout.sret !== undefined) {
        this.copyMem({ kind: "reg", reg: this.sretPtr, off: 0 }, a, f.ret.layout.size);
      } else if (ret.kind === "regs") {
        const got = ret.parts.map((part) => this.loadPartValue(part, a));
        ret.parts.forEach((part, k) => {
          if (part.cls === "float") this.emitX({ opc: "fmov", ops: [d(part.reg, 8), r(got[k]!, 8)], copy: COPY });
          else this.emitX({ opc: "mov", ops: [d(part.reg, 8), r(got[k]!, 8)], copy: COPY });
          uses.push(part.reg);
        });
        // 16-byte vector parts are loaded straight into the register.
      }
    }
    this.emitX({ opc: "ret", ops: [], impUses: uses });
  }

  /**
   * An ABI register part of the aggregate at `a` into a vreg (float parts of
   * 16 bytes, vector members, go to the physical register at once).
   */
  private loadPartValue(part: RegPart, a: Address): number {
    if (part.cls === "float") {
      if (part.size === 16) {
        this.emit("ldr", d(part.reg, 16), this.memOf(a, part.offset, 16));
        return part.reg;
      }
      const x = this.vreg("float");
      this.emit("ldr", d(x, part.size), this.memOf(a, part.offset, part.size));
      return x;
    }
    return this.loadBytes(a, part.offset, part.size);
  }

  // ------------------------------------------------------------ memory helpers

  private loadTyped(t: Type, m: MMem, dst: number): void {
    if (isPair(t)) {
      const [lo, hi] = this.regsOf(dst);
      const m2 = this.memOf(m.slot !== undefined ? { kind: "slot", slot: m.slot, off: m.disp } : { kind: "reg", reg: m.base!, off: m.disp }, 8, 8);
      this.emit("ldr", d(lo!, 8), m);
      this.emit("ldr", d(hi!, 8), m2);
      return;
    }
    const x = this.defReg(dst);
    if (isFP(t)) { this.emit("ldr", d(x, irSize(t)), m); return; }
    this.emit(LOAD[t] ?? "ldr", d(x, opSize(t)), m);
  }

  /** A memory operand for `size` bytes at `m` + k (m from memOf, so in reach or a register base). */
  private memPlus(m: MMem, k: number, size: number): MMem {
    if (m.slot !== undefined) return slotMem(m.slot, m.disp + k);
    return this.memOf({ kind: "reg", reg: m.base!, off: m.disp }, k, size);
  }

  private storeTyped(t: Type, v: Value, m: MMem): void {
    if (isPair(t)) {
      const [lo, hi] = this.pair(v);
      this.emit("str", r(lo, 8), m);
      this.emit("str", r(hi, 8), this.memPlus(m, 8, 8));
      return;
    }
    if (isFP(t)) { this.emit("str", r(this.valReg(v, t), irSize(t)), m); return; }
    const zero = v.k === "undef" || (v.k === "int" && BigInt.asUintN(irSize(t) * 8, v.value) === 0n);
    this.emit(STORE[t] ?? "str", r(zero ? XZR : this.valReg(v, t), opSize(t)), m);
  }

  /** Load bytes [off, off+size) (size ≤ 8) of `a` into an int vreg without over-reading. */
  private loadBytes(a: Address, off: number, size: number): number {
    const x = this.vreg();
    const one = (w: number, dst: number, at: number): void => {
      this.emit(w === 1 ? "ldrb" : w === 2 ? "ldrh" : "ldr", d(dst, w === 8 ? 8 : 4), this.memOf(a, at, w));
    };
    if (size === 8 || size === 4 || size === 2 || size === 1) { one(size, x, off); return x; }
    let done = 0;
    let first = true;
    for (const w of [4, 2, 1]) {
      while (size - done >= w) {
        const piece = first ? x : this.vreg();
        one(w, piece, off + done);
        if (!first) this.emit("orr.lsl", d(x, 8), r(x, 8), r(piece, 8), im(done * 8));
        first = false;
        done += w;
      }
    }
    return x;
  }

  /** Copy `size` bytes between addresses through temporary registers (memcpy beyond 128). */
  private copyMem(dst: Address, src: Address, size: number): void {
    if (size > 128) {
      this.libcall("memcpy", [this.addrReg(dst), this.addrReg(src), this.constReg(BigInt(size))]);
      return;
    }
    let off = 0;
    for (const w of [8, 4, 2, 1]) {
      while (size - off >= w) {
        const t = this.vreg();
        const [ld, st] = w === 8 || w === 4 ? ["ldr", "str"] : w === 2 ? ["ldrh", "strh"] : ["ldrb", "strb"];
        this.emit(ld!, d(t, w === 8 ? 8 : 4), this.memOf(src, off, w));
        this.emit(st!, r(t, w === 8 ? 8 : 4), this.memOf(dst, off, w));
        off += w;
      }
    }
  }

  private fillMem(dst: Address, byte: Value, size: number): void {
    if (size === 0) return;
    let pattern: number;
    if (byte.k === "int" || byte.k === "undef") {
      const b = byte.k === "int" ? BigInt.asUintN(8, byte.value) : 0n;
      pattern = b === 0n ? XZR : this.constReg(BigInt.asIntN(64, b * 0x0101010101010101n));
    } else {
      pattern = this.vreg();
      this.emit("uxtb", d(pattern, 4), r(this.valReg(byte, "i8"), 4));
      this.emit("mul", d(pattern, 8), r(pattern, 8), r(this.constReg(0x0101010101010101n), 8));
    }
    let off = 0;
    for (const w of [8, 4, 2, 1]) {
      while (size - off >= w) {
        this.emit(w === 8 || w === 4 ? "str" : w === 2 ? "strh" : "strb", r(pattern, w === 8 ? 8 : 4), this.memOf(dst, off, w));
        off += w;
      }
    }
  }

  /** Call a runtime routine on 64-bit integer arguments through the one call lowering; returns the result vreg. */
  private libcall(name: string, args: number[], ret?: Type): number | undefined {
    const dst = ret === undefined ? undefined : this.selTemp(ret);
    this.lowerCall({
      op: "call", ...(dst !== undefined ? { dst } : {}), ret: ret ? { kind: "scalar", type: ret } : { kind: "void" },
      callee: { kind: "sym", name }, args: args.map((v) => ({ type: { kind: "scalar", type: "i64" }, value: temp(this.selTemp("i64", v)) })),
    });
    return dst === undefined ? undefined : this.regsOf(dst)[0];
  }

  /** A temp that exists only for instruction selection (appended to the function's temps). */
  private selTemp(t: Type, vreg?: number): number {
    this.f.temps.push({ name: `isel.${this.f.temps.length}`, type: t });
    const id = this.f.temps.length - 1;
    if (vreg !== undefined) this.vals.set(id, [vreg]);
    return id;
  }

  // ------------------------------------------------------------ instructions

  private lowerInst(i: ir.Inst, b: ir.Block, n: number): void {
    switch (i.op) {
      case "alloca": {
        if (!i.dynSize) return;
        // Dynamic allocation: round up to keep sp 16-aligned; over-aligned
        // memory rounds the new sp up, so allocate the slack too.
        const size = this.valReg(i.dynSize, "i64");
        const t = this.vreg();
        this.addImm(t, size, 15 + Math.max(0, i.align - 16));
        this.emit("and", d(t, 8), r(t, 8), im(BigInt.asUintN(64, -16n)));
        // `sub.sp` consumes t: with -fstack-clash-protection the emitter probes page by page.
        this.emitX({ opc: "sub.sp", ops: [ud(t, 8)], impUses: [SP], impDefs: [SP] });
        const x = this.defReg(i.dst);
        this.emit("mov", d(x, 8), r(SP, 8));
        if (i.align > 16) {
          this.emit("add", d(x, 8), r(x, 8), im(i.align - 1));
          this.emit("and", d(x, 8), r(x, 8), im(BigInt.asUintN(64, -BigInt(i.align))));
        }
        return;
      }
      case "load": {
        const sz = isPair(i.type) ? 8 : irSize(i.type);
        this.loadTyped(i.type, this.memOf(this.address(i.addr), 0, sz), i.dst);
        return;
      }
      case "store": {
        const sz = isPair(i.type) ? 8 : irSize(i.type);
        this.storeTyped(i.type, i.value, this.memOf(this.address(i.addr), 0, sz));
        return;
      }
      case "addr": return;
      case "blockaddr": {
        const sym = blockSymbol(i.func ?? this.f.name, i.block);
        const x = this.defReg(i.dst);
        this.emit("adrp", d(x, 8), { k: "sym", name: sym, reloc: "" });
        this.emit("add", d(x, 8), r(x, 8), { k: "sym", name: sym, reloc: "lo12" });
        return;
      }
      case "copy": this.lowerCopy(i.type, i.a, i.dst); return;
      case "fneg": {
        if (isPair(i.type)) {
          // binary128: flip the sign bit, the top bit of the high half.
          const [lo, hi] = this.pair(i.a);
          const [dl, dh] = this.regsOf(i.dst);
          this.copyInt(lo, dl!);
          this.emit("eor", d(dh!, 8), r(hi, 8), im(0x8000000000000000n));
          return;
        }
        this.emit("fneg", d(this.defReg(i.dst), irSize(i.type)), r(this.valReg(i.a, i.type), irSize(i.type)));
        return;
      }
      case "icmp": {
        if (this.canFuse(i, b, n)) { this.fused.add(i.dst); return; }
        const cc = this.compareInt(i);
        this.emit("cset." + cc, d(this.defReg(i.dst), 4));
        return;
      }
      case "fcmp": this.lowerFcmp(i); return;
      case "select": this.lowerSelect(i); return;
      case "call": this.lowerCall(i); return;
      case "memcpy":
        if (i.size.k === "int" && i.size.value <= 128n) this.copyMem(this.address(i.dstAddr), this.address(i.srcAddr), Number(i.size.value));
        else this.libcall("memcpy", [this.valReg(i.dstAddr, "ptr"), this.valReg(i.srcAddr, "ptr"), this.valReg(i.size, "i64")]);
        return;
      case "memset":
        if (i.size.k === "int" && i.size.value <= 128n) this.fillMem(this.address(i.dstAddr), i.byte, Number(i.size.value));
        else this.libcall("memset", [this.valReg(i.dstAddr, "ptr"), this.valReg(i.byte, "i32"), this.valReg(i.size, "i64")]);
        return;
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
      case "fadd": case "fsub": case "fmul": case "fdiv": {
        if (!isFP(i.type)) this.fail(`${i.op} ${i.type} left for legalisation`);
        const sz = irSize(i.type);
        this.emit(FP_OP[i.op], d(this.defReg(i.dst), sz), r(this.valReg(i.a, i.type), sz), r(this.valReg(i.b, i.type), sz));
        return;
      }
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
    } else if (isFP(t)) this.copyFloat(this.valReg(a, t), this.defReg(dst));
    else if (a.k === "int" || a.k === "undef") this.li(this.defReg(dst), a.k === "int" ? a.value : 0n);
    else this.copyInt(this.valReg(a, t), this.defReg(dst));
  }

  /** Sign- or zero-extend a value of type t to 32 (`to` 4) or 64 bits in a fresh vreg. */
  private extend(v: Value, t: Type, signed: boolean, to: 4 | 8 = 4): number {
    const x = this.vreg();
    if (v.k !== "temp") {
      const c = v.k === "int" ? v.value : 0n;
      const w = irSize(t) * 8;
      const val = t === "i1" ? c & 1n : signed ? BigInt.asIntN(Math.min(w, 64), c) : BigInt.asUintN(Math.min(w, 64), c);
      this.li(x, to === 4 ? BigInt.asIntN(32, val) : val, to);
      return x;
    }
    const s = this.valReg(v, t);
    switch (t) {
      case "i1":
        this.emit("and", d(x, 4), r(s, 4), im(1));
        if (signed) this.emit("neg", d(x, to), r(x, to));
        return x;
      case "i8": this.emit(signed ? "sxtb" : "uxtb", d(x, signed ? to : 4), r(s, 4)); return x;
      case "i16": this.emit(signed ? "sxth" : "uxth", d(x, signed ? to : 4), r(s, 4)); return x;
      case "i32":
        if (to === 8 && signed) this.emit("sxtw", d(x, 8), r(s, 4));
        else this.emit("mov", d(x, 4), r(s, 4));
        return x;
      default: this.copyInt(s, x); return x;
    }
  }

  private lowerIntBin(i: ir.IntBin): void {
    const sz = opSize(i.type);
    const x = this.defReg(i.dst);
    const alu = INT_ALU[i.op];
    if (alu) {
      const a = this.valReg(i.a, i.type);
      if (alu === "add" || alu === "sub") {
        // A negative constant flips the operation.
        if (i.b.k === "int") {
          const c = BigInt.asIntN(sz * 8, i.b.value);
          if (c < 0n && isArithImm(-c)) { this.emit(alu === "add" ? "sub" : "add", d(x, sz), r(a, sz), im(-c)); return; }
        }
        this.emit(alu, d(x, sz), r(a, sz), this.src(i.b, i.type, "arith"));
        return;
      }
      if (alu === "mul") { this.emit("mul", d(x, sz), r(a, sz), r(this.valReg(i.b, i.type), sz)); return; }
      this.emit(alu, d(x, sz), r(a, sz), this.src(i.b, i.type, "logic"));
      return;
    }
    if (i.op === "shl" || i.op === "lshr" || i.op === "ashr") {
      const narrow = irSize(i.type) < 4 && i.op !== "shl";
      const a = narrow ? this.extend(i.a, i.type, i.op === "ashr") : this.valReg(i.a, i.type);
      const opc = i.op === "shl" ? "lsl" : i.op === "lshr" ? "lsr" : "asr";
      if (i.b.k === "int") {
        const c = Number(BigInt.asUintN(6, i.b.value)) & (sz * 8 - 1);
        this.emit(opc, d(x, sz), r(a, sz), im(c));
      } else this.emit(opc, d(x, sz), r(a, sz), r(this.valReg(i.b, i.type), sz));
      return;
    }
    // Division: sdiv/udiv; the remainder as a - (a / b) * b.
    const signed = i.op === "sdiv" || i.op === "srem";
    const a = irSize(i.type) < 4 ? this.extend(i.a, i.type, signed) : this.valReg(i.a, i.type);
    const bv = irSize(i.type) < 4 ? this.extend(i.b, i.type, signed) : this.valReg(i.b, i.type);
    if (i.op === "sdiv" || i.op === "udiv") { this.emit(signed ? "sdiv" : "udiv", d(x, sz), r(a, sz), r(bv, sz)); return; }
    const q = this.vreg();
    this.emit(signed ? "sdiv" : "udiv", d(q, sz), r(a, sz), r(bv, sz));
    this.emit("msub", d(x, sz), r(q, sz), r(bv, sz), r(a, sz));
  }

  /** Compare for icmp / fused branches; returns the condition. */
  private compareInt(i: ir.ICmp): string {
    if (i.type === "i128") return this.compareI128(i);
    let a = i.a, bv = i.b, cc = ICMP_CC[i.pred];
    if (a.k !== "temp" && bv.k === "temp") { [a, bv] = [bv, a]; cc = SWAP_CC[cc]!; }
    const size = irSize(i.type);
    if (size < 4) {
      // Narrow values: compare their extensions (signed or not, as the predicate reads them).
      const signed = ["lt", "le", "gt", "ge"].includes(cc);
      const ar = this.extend(a, i.type, signed);
      let b: MOperand;
      if (bv.k === "int" || bv.k === "undef") {
        const w = size * 8;
        const c = bv.k === "int" ? (signed ? BigInt.asIntN(w, bv.value) : BigInt.asUintN(w, bv.value)) : 0n;
        b = isArithImm(c) ? im(c) : r(this.extend(bv, i.type, signed), 4);
      } else b = r(this.extend(bv, i.type, signed), 4);
      this.emit("cmp", r(ar, 4), b);
      return cc;
    }
    const sz = opSize(i.type);
    const ar = this.valReg(a, i.type);
    if (bv.k === "int") {
      const c = BigInt.asIntN(sz * 8, bv.value);
      if (c < 0n && isArithImm(-c)) { this.emit("cmn", r(ar, sz), im(-c)); return cc; }
    }
    this.emit("cmp", r(ar, sz), this.src(bv, i.type, "arith"));
    return cc;
  }

  private canFuse(i: ir.ICmp, b: ir.Block, n: number): boolean {
    return n === b.insts.length - 1 && b.term.op === "condbr" && b.term.cond.k === "temp" &&
      b.term.cond.id === i.dst && this.useCount.get(i.dst) === 1 && i.type !== "i128";
  }

  private lowerFcmp(i: ir.FCmp): void {
    if (!isFP(i.type)) this.fail(`${i.type} compare left for legalisation`);
    const sz = irSize(i.type);
    const x = this.defReg(i.dst);
    const b = i.b.k === "float" && i.b.bits === 0n ? im(0) : r(this.valReg(i.b, i.type), sz);
    this.emit("fcmp", r(this.valReg(i.a, i.type), sz), b);
    if (i.pred === "one" || i.pred === "ueq") {
      const t = this.vreg();
      this.emit(i.pred === "one" ? "cset.mi" : "cset.eq", d(x, 4));
      this.emit(i.pred === "one" ? "cset.gt" : "cset.vs", d(t, 4));
      this.emit("orr", d(x, 4), r(x, 4), r(t, 4));
      return;
    }
    this.emit("cset." + FCMP_CC[i.pred], d(x, 4));
  }

  private lowerSelect(i: ir.Select): void {
    const c = this.valReg(i.cond, "i1");
    const t = i.type;
    this.emit("tst", r(c, 4), im(1));
    if (isPair(t)) {
      const [al, ah] = this.pair(i.a);
      const [bl, bh] = this.pair(i.b);
      const [dl, dh] = this.regsOf(i.dst);
      this.emit("csel.ne", d(dl!, 8), r(al, 8), r(bl, 8));
      this.emit("csel.ne", d(dh!, 8), r(ah, 8), r(bh, 8));
    } else if (isFP(t)) {
      this.emit("fcsel.ne", d(this.defReg(i.dst), irSize(t)), r(this.valReg(i.a, t), irSize(t)), r(this.valReg(i.b, t), irSize(t)));
    } else {
      this.emit("csel.ne", d(this.defReg(i.dst), 8), r(this.valReg(i.a, t), 8), r(this.valReg(i.b, t), 8));
    }
  }

  // ------------------------------------------------------------ conversions

  private lowerConv(i: ir.Conv): void {
    const { from, to } = i;
    const x = (): number => this.defReg(i.dst);
    if ((from === "f128" || to === "f128") && i.op !== "bitcast") this.fail(`${i.op} ${from} to ${to} left for legalisation`);
    switch (i.op) {
      case "trunc": case "ptrtoint": case "inttoptr": case "zext": case "sext": {
        if (to === "i128") {
          const [lo, hi] = this.regsOf(i.dst);
          const s = this.extend(i.a, from, i.op === "sext", 8);
          this.copyInt(s, lo!);
          if (i.op === "sext") this.emit("asr", d(hi!, 8), r(s, 8), im(63));
          else this.li(hi!, 0n);
          return;
        }
        if (from === "i128") { this.copyInt(this.pair(i.a)[0], x()); return; }
        if (i.op === "sext" || i.op === "zext") { this.copyInt(this.extend(i.a, from, i.op === "sext", opSize(to)), x()); return; }
        this.lowerCopy("i64", i.a, i.dst);
        return;
      }
      case "bitcast": {
        if (isPair(from) || isPair(to)) return this.lowerCopy("i128", i.a, i.dst);
        if (isFP(from) === isFP(to)) return this.lowerCopy(to, i.a, i.dst);
        const sz = irSize(to) === 4 || irSize(from) === 4 ? 4 : 8;
        this.emit("fmov", d(x(), sz), r(this.valReg(i.a, from), sz));
        return;
      }
      case "fpext": case "fptrunc":
        this.emit("fcvt", d(x(), irSize(to)), r(this.valReg(i.a, from), irSize(from)));
        return;
      case "sitofp": case "uitofp": {
        if (!isFP(to) || from === "i128") this.fail(`${i.op} ${from} to ${to} left for legalisation`);
        const signed = i.op === "sitofp";
        const wide = irSize(from) === 8 ? 8 : 4;
        const v = irSize(from) < 4 ? this.extend(i.a, from, signed) : this.valReg(i.a, from);
        this.emit(signed ? "scvtf" : "ucvtf", d(x(), irSize(to)), r(v, wide));
        return;
      }
      case "fptosi": case "fptoui": {
        if (!isFP(from) || to === "i128") this.fail(`${i.op} ${from} to ${to} left for legalisation`);
        // Narrow unsigned results convert signed (C leaves out-of-range values undefined).
        const unsigned = i.op === "fptoui" && irSize(to) >= 4;
        this.emit(unsigned ? "fcvtzu" : "fcvtzs", d(x(), irSize(to) === 8 ? 8 : 4), r(this.valReg(i.a, from), irSize(from)));
        return;
      }
    }
    this.fail(`cannot select ${i.op} ${from} to ${to}`);
  }

  // ------------------------------------------------------------ i128

  private lowerI128(i: ir.IntBin): void {
    const [dl, dh] = this.regsOf(i.dst) as [number, number];
    const [al, ah] = this.pair(i.a);
    const [bl, bh] = this.pair(i.b);
    const two = (lo: string, hi: string): void => {
      // Into fresh registers first: the destination may be an operand's pair (phis).
      const tl = this.vreg(), th = this.vreg();
      this.emit(lo, d(tl, 8), r(al, 8), r(bl, 8));
      this.emit(hi, d(th, 8), r(ah, 8), r(bh, 8));
      this.copyInt(tl, dl);
      this.copyInt(th, dh);
    };
    switch (i.op) {
      case "add": return two("adds", "adc");
      case "sub": return two("subs", "sbc");
      case "and": return two("and", "and");
      case "or": return two("orr", "orr");
      case "xor": return two("eor", "eor");
      case "mul": {
        // lo = al*bl; hi = umulh(al, bl) + al*bh + ah*bl
        const lo = this.vreg(), hi = this.vreg();
        this.emit("umulh", d(hi, 8), r(al, 8), r(bl, 8));
        this.emit("madd", d(hi, 8), r(al, 8), r(bh, 8), r(hi, 8));
        this.emit("madd", d(hi, 8), r(ah, 8), r(bl, 8), r(hi, 8));
        this.emit("mul", d(lo, 8), r(al, 8), r(bl, 8));
        this.copyInt(lo, dl);
        this.copyInt(hi, dh);
        return;
      }
      case "shl": case "lshr": case "ashr": {
        // Shift by n (mod 128): the double-word shift for n mod 64, where the
        // bits crossing halves are (x >> 1) >> (63 - n) so n = 0 needs no
        // special case; then when n & 64 the halves move over (csel).
        const n = bl;
        const inv = this.vreg();
        this.emit("mvn", d(inv, 8), r(n, 8));
        const a = this.vreg(), b = this.vreg(), c = this.vreg();
        const rl = this.vreg(), rh = this.vreg();
        if (i.op === "shl") {
          this.emit("lsl", d(a, 8), r(al, 8), r(n, 8)); // low result
          this.emit("lsr", d(b, 8), r(al, 8), im(1));
          this.emit("lsr", d(b, 8), r(b, 8), r(inv, 8));
          this.emit("lsl", d(c, 8), r(ah, 8), r(n, 8));
          this.emit("orr", d(c, 8), r(c, 8), r(b, 8)); // high result
          this.emit("tst", r(n, 8), im(64));
          this.emit("csel.ne", d(rh, 8), r(a, 8), r(c, 8));
          this.emit("csel.ne", d(rl, 8), r(XZR, 8), r(a, 8));
        } else {
          this.emit(i.op === "lshr" ? "lsr" : "asr", d(a, 8), r(ah, 8), r(n, 8)); // high result
          this.emit("lsl", d(b, 8), r(ah, 8), im(1));
          this.emit("lsl", d(b, 8), r(b, 8), r(inv, 8));
          this.emit("lsr", d(c, 8), r(al, 8), r(n, 8));
          this.emit("orr", d(c, 8), r(c, 8), r(b, 8)); // low result
          const fill = this.vreg();
          if (i.op === "lshr") this.li(fill, 0n);
          else this.emit("asr", d(fill, 8), r(ah, 8), im(63));
          this.emit("tst", r(n, 8), im(64));
          this.emit("csel.ne", d(rl, 8), r(a, 8), r(c, 8));
          this.emit("csel.ne", d(rh, 8), r(fill, 8), r(a, 8));
        }
        this.copyInt(rl, dl);
        this.copyInt(rh, dh);
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
      this.emit("eor", d(t, 8), r(al, 8), r(bl, 8));
      this.emit("eor", d(u, 8), r(ah, 8), r(bh, 8));
      this.emit("orr", d(t, 8), r(t, 8), r(u, 8));
      this.emit("cmp", r(t, 8), im(0));
      return ICMP_CC[i.pred];
    }
    // The flags of the 128-bit subtraction x - y (cmp low, sbcs high).
    let [x, y] = [[al, ah], [bl, bh]];
    let pred = i.pred;
    if (pred === "sgt" || pred === "sle" || pred === "ugt" || pred === "ule") {
      [x, y] = [y, x];
      pred = ({ sgt: "slt", sle: "sge", ugt: "ult", ule: "uge" } as const)[pred];
    }
    this.emit("cmp", r(x[0]!, 8), r(y[0]!, 8));
    this.emit("sbcs", d(XZR, 8), r(x[1]!, 8), r(y[1]!, 8));
    return ICMP_CC[pred];
  }

  // ------------------------------------------------------------ calls

  private lowerCall(i: ir.Call): void {
    if (i.vaPack) throw new CodegenError(`invalid use of '__builtin_va_arg_pack ()' in ${this.f.name}`);
    const lay = layoutCall(i.ret, i.args.map((a) => a.type));
    // Caller-made copies of large aggregates (passed by reference), before sp moves.
    const copies = i.args.map((a, k): number => {
      const loc = lay.args[k]!;
      if (loc.kind !== "byref" || a.type.kind !== "agg") return -1;
      const slot = newSlot(this.mf, Math.max(a.type.layout.size, 1), Math.max(8, Math.min(16, a.type.layout.align)));
      this.copyMem({ kind: "slot", slot, off: 0 }, this.address(a.value), a.type.layout.size);
      const p = this.vreg();
      this.emit("lea", d(p, 8), slotMem(slot));
      return p;
    });
    const stackBytes = Math.ceil(lay.stackBytes / 16) * 16;
    const savedSp = lay.stackAlign > 16 ? this.vreg() : -1;
    if (savedSp >= 0) this.emit("mov", d(savedSp, 8), r(SP, 8));
    if (stackBytes) this.adjustSp(-stackBytes);
    if (savedSp >= 0) {
      const t = this.vreg();
      this.emit("mov", d(t, 8), r(SP, 8));
      this.emit("and", d(t, 8), r(t, 8), im(BigInt.asUintN(64, -BigInt(lay.stackAlign))));
      this.emit("mov", d(SP, 8), r(t, 8));
    }
    const sp: Address = { kind: "reg", reg: SP, off: 0 };
    i.args.forEach((a, k) => {
      const loc = lay.args[k]!;
      if (loc.kind === "stack") {
        if (a.type.kind === "agg") this.copyMem({ kind: "reg", reg: SP, off: loc.offset }, this.address(a.value), a.type.layout.size);
        else this.storeTyped(a.type.type, a.value, this.memOf(sp, loc.offset, isPair(a.type.type) ? 8 : Math.max(1, irSize(a.type.type))));
      } else if (loc.kind === "byref" && loc.ptr.kind === "stack") {
        this.emit("str", r(copies[k]!, 8), this.memOf(sp, loc.ptr.offset, 8));
      }
    });
    // Register arguments into vregs first, then all moved into place together.
    const moves: (() => void)[] = [];
    const argRegs: number[] = [];
    const move = (reg: number, src: number, cls: RegClass): void => {
      moves.push(() => this.emitX({ opc: cls === "float" ? "fmov" : "mov", ops: [d(reg, 8), r(src, 8)], copy: COPY }));
      argRegs.push(reg);
    };
    i.args.forEach((a, k) => {
      const loc = lay.args[k]!;
      if (loc.kind === "byref" && loc.ptr.kind === "regs") { move(loc.ptr.parts[0]!.reg, copies[k]!, "int"); return; }
      if (loc.kind !== "regs") return;
      if (a.type.kind === "agg") {
        const ad = this.address(a.value);
        for (const p of loc.parts) {
          if (p.cls === "float" && p.size === 16) {
            const m = this.memOf(ad, p.offset, 16);
            moves.push(() => this.emit("ldr", d(p.reg, 16), m));
            argRegs.push(p.reg);
          } else move(p.reg, this.loadPartValue(p, ad), p.cls);
        }
      } else if (a.type.type === "f128") {
        const reg = loc.parts[0]!.reg;
        const [lo, hi] = this.pair(a.value);
        moves.push(() => this.pairRegsToQ(lo, hi, reg));
        argRegs.push(reg);
      } else if (isPair(a.type.type)) {
        const [lo, hi] = this.pair(a.value);
        move(loc.parts[0]!.reg, lo, "int");
        move(loc.parts[1]!.reg, hi, "int");
      } else {
        const t = a.type.type;
        move(loc.parts[0]!.reg, this.valReg(a.value, t), isFP(t) ? "float" : "int");
      }
    });
    let callee: MOperand;
    if (i.callee.kind === "sym") callee = { k: "sym", name: i.callee.name };
    else callee = r(this.valReg(i.callee.value, "ptr"), 8);
    const retAddr = i.retAddr ? this.valReg(i.retAddr, "ptr") : -1;
    const chain = i.chain ? this.valReg(i.chain, "ptr") : -1;
    for (const m of moves) m();
    if (lay.sret !== undefined) { this.emitX({ opc: "mov", ops: [d(lay.sret, 8), r(retAddr, 8)], copy: COPY }); argRegs.push(lay.sret); }
    if (chain >= 0) { this.emitX({ opc: "mov", ops: [d(X18, 8), r(chain, 8)], copy: COPY }); argRegs.push(X18); }
    this.emitX({ opc: callee.k === "sym" ? "bl" : "blr", ops: [callee], impUses: argRegs, impDefs: CALLER_SAVED, call: true });
    if (savedSp >= 0) this.emit("mov", d(SP, 8), r(savedSp, 8));
    else if (stackBytes) this.adjustSp(stackBytes);
    if (i.ret.kind === "scalar" && i.dst !== undefined && lay.ret.kind === "regs") {
      const t = i.ret.type;
      const p0 = lay.ret.parts[0]!.reg;
      if (t === "f128") this.qToPair(p0, i.dst);
      else if (isPair(t)) {
        const [lo, hi] = this.regsOf(i.dst);
        this.emitX({ opc: "mov", ops: [d(lo!, 8), r(p0, 8)], copy: COPY });
        this.emitX({ opc: "mov", ops: [d(hi!, 8), r(lay.ret.parts[1]!.reg, 8)], copy: COPY });
      } else if (isFP(t)) this.copyFloat(p0, this.defReg(i.dst));
      else this.emitX({ opc: "mov", ops: [d(this.defReg(i.dst), 8), r(p0, 8)], copy: COPY });
    } else if (i.ret.kind === "agg" && lay.sret === undefined && lay.ret.kind === "regs") {
      // Capture the result registers first: storing may need temporaries.
      const parts = lay.ret.parts;
      const got = parts.map((p) => {
        if (p.cls === "float" && p.size === 16) return -1;
        const t = this.vreg(p.cls);
        this.emitX({ opc: p.cls === "float" ? "fmov" : "mov", ops: [d(t, 8), r(p.reg, 8)], copy: COPY });
        return t;
      });
      const dst: Address = { kind: "reg", reg: retAddr, off: 0 };
      parts.forEach((p, k) => {
        if (got[k] === -1) { this.emit("str", r(p.reg, 16), this.memOf(dst, p.offset, 16)); return; }
        if (p.cls === "float") this.emit("str", r(got[k]!, p.size), this.memOf(dst, p.offset, p.size));
        else this.storeBytes(got[k]!, dst, p.offset, p.size);
      });
    }
  }

  /** Store the low `size` bytes of int vreg `v` at a + off, exactly (never past the object). */
  private storeBytes(v: number, a: Address, off: number, size: number): void {
    if (size === 8 || size === 4 || size === 2 || size === 1) {
      this.emit(size === 1 ? "strb" : size === 2 ? "strh" : "str", r(v, size === 8 ? 8 : 4), this.memOf(a, off, size));
      return;
    }
    let done = 0;
    let t = v;
    for (const w of [4, 2, 1]) {
      if (size - done >= w) {
        this.emit(w === 1 ? "strb" : w === 2 ? "strh" : "str", r(t, 4), this.memOf(a, off + done, w));
        done += w;
        if (done < size) {
          const u = this.vreg();
          this.emit("lsr", d(u, 8), r(t, 8), im(w * 8));
          t = u;
        }
      }
    }
  }

  /** sp += c. */
  private adjustSp(c: number): void {
    const n = Math.abs(c);
    if (n < 4096) this.emitX({ opc: c < 0 ? "sub" : "add", ops: [d(SP, 8), r(SP, 8), im(n)] });
    else this.emitX({ opc: c < 0 ? "sub" : "add", ops: [d(SP, 8), r(SP, 8), r(this.constReg(BigInt(n)), 8)] });
  }

  // ------------------------------------------------------------ varargs

  private lowerVaStart(ap: Value): void {
    if (!this.f.varargs) this.fail("va_start in a non-variadic function");
    const a = this.address(ap);
    const t = this.vreg();
    this.emit("lea", d(t, 8), memAt(FP, 16 + this.layout.stackUsed));
    this.emit("str", r(t, 8), this.memOf(a, VA_LIST.stack, 8));
    const g = this.vreg();
    this.emit("lea", d(g, 8), slotMem(this.regSave, VR_SAVE_SIZE + GR_SAVE_SIZE));
    this.emit("str", r(g, 8), this.memOf(a, VA_LIST.grTop, 8));
    const v = this.vreg();
    this.emit("lea", d(v, 8), slotMem(this.regSave, VR_SAVE_SIZE));
    this.emit("str", r(v, 8), this.memOf(a, VA_LIST.vrTop, 8));
    const gr = this.constReg(BigInt(-(8 - this.layout.regsUsed.int!) * 8));
    this.emit("str", r(gr, 4), this.memOf(a, VA_LIST.grOffs, 4));
    const vrOffs = this.constReg(BigInt(-(8 - this.layout.regsUsed.float!) * 16));
    this.emit("str", r(vrOffs, 4), this.memOf(a, VA_LIST.vrOffs, 4));
  }

  /**
   * va_arg without branches: the address in the register save area and in
   * the stack area are both computed, and csel picks by "the registers it
   * needs are left" (offs + need ≤ 0); the offset is updated either way, as
   * a failed register fetch leaves it positive, which routes every later
   * fetch of that class to the stack too.
   */
  private lowerVaArg(i: ir.VaArg): void {
    const ap = this.address(i.ap);
    const t = i.type;
    const size = t.kind === "agg" ? t.layout.size : irSize(t.type);
    if (size === 0) {
      // An empty aggregate occupies no register and no stack (as calls pass it).
      this.emit("lea", d(this.defReg(i.dst), 8), slotMem(newSlot(this.mf, 1, 1)));
      return;
    }
    const h = t.kind === "agg" ? homogeneous(t.layout) : isFP(t.type) || t.type === "f128" ? { size, count: 1 } : undefined;
    const byref = t.kind === "agg" && !h && size > 16;
    const vr = h !== undefined;
    const step = vr ? 16 : 8;
    const nRegs = vr ? h.count : byref ? 1 : Math.max(1, Math.ceil(size / 8));
    const align = byref ? 8 : Math.min(16, Math.max(8, argAlign(t)));
    const stackSize = byref ? 8 : Math.ceil(size / 8) * 8;

    const offsField = vr ? VA_LIST.vrOffs : VA_LIST.grOffs;
    const topField = vr ? VA_LIST.vrTop : VA_LIST.grTop;
    const offs = this.vreg();
    this.emit("ldrsw", d(offs, 8), this.memOf(ap, offsField, 4));
    if (!vr && align === 16) {
      this.emit("add", d(offs, 8), r(offs, 8), im(15));
      this.emit("and", d(offs, 8), r(offs, 8), im(BigInt.asUintN(64, -16n)));
    }
    const next = this.vreg();
    this.emit("add", d(next, 8), r(offs, 8), im(step * nRegs));
    this.emit("str", r(next, 4), this.memOf(ap, offsField, 4));
    const top = this.vreg();
    this.emit("ldr", d(top, 8), this.memOf(ap, topField, 8));
    const regAddr = this.vreg();
    this.emit("add", d(regAddr, 8), r(top, 8), r(offs, 8));
    const stack = this.vreg();
    this.emit("ldr", d(stack, 8), this.memOf(ap, VA_LIST.stack, 8));
    if (align > 8) {
      this.emit("add", d(stack, 8), r(stack, 8), im(align - 1));
      this.emit("and", d(stack, 8), r(stack, 8), im(BigInt.asUintN(64, -BigInt(align))));
    }
    const newStack = this.vreg();
    this.emit("add", d(newStack, 8), r(stack, 8), im(stackSize));
    // Registers suffice when next ≤ 0 (le after cmp next, 0).
    this.emit("cmp", r(next, 8), im(0));
    const keptStack = this.vreg();
    this.emit("csel.le", d(keptStack, 8), r(stack, 8), r(newStack, 8));
    const addr = this.vreg();
    this.emit("csel.le", d(addr, 8), r(regAddr, 8), r(stack, 8));
    this.emit("str", r(keptStack, 8), this.memOf(ap, VA_LIST.stack, 8));

    if (vr && h.count > 1) {
      // An HFA: its members are 16 bytes apart in the save area, adjacent on the stack.
      const slot = newSlot(this.mf, h.size * h.count, 16);
      for (let k = 0; k < h.count; k++) {
        const ra = this.vreg(), sa = this.vreg(), pick = this.vreg();
        this.emit("add", d(ra, 8), r(regAddr, 8), im(16 * k));
        this.emit("add", d(sa, 8), r(stack, 8), im(h.size * k));
        this.emit("cmp", r(next, 8), im(0));
        this.emit("csel.le", d(pick, 8), r(ra, 8), r(sa, 8));
        if (h.size === 16) {
          const lo = this.vreg(), hi = this.vreg();
          this.emit("ldr", d(lo, 8), memAt(pick, 0));
          this.emit("ldr", d(hi, 8), memAt(pick, 8));
          this.emit("str", r(lo, 8), slotMem(slot, 16 * k));
          this.emit("str", r(hi, 8), slotMem(slot, 16 * k + 8));
        } else {
          const f = this.vreg("float");
          this.emit("ldr", d(f, h.size), memAt(pick, 0));
          this.emit("str", r(f, h.size), slotMem(slot, h.size * k));
        }
      }
      this.emit("lea", d(this.defReg(i.dst), 8), slotMem(slot));
      return;
    }
    if (t.kind === "agg") {
      if (byref) this.emit("ldr", d(this.defReg(i.dst), 8), memAt(addr, 0));
      else this.copyInt(addr, this.defReg(i.dst));
      return;
    }
    this.loadTyped(t.type, memAt(addr, 0), i.dst);
  }

  // ------------------------------------------------------------ intrinsics

  private lowerIntrinsic(i: ir.Intrinsic): void {
    const t = i.type ?? "i64";
    const sz = opSize(t);
    const dst = (): number => (i.dst !== undefined ? this.defReg(i.dst) : this.vreg());
    switch (i.name) {
      case "trap": this.emit("brk", im(1000)); return;
      case "stack_guard": {
        // glibc on AArch64 keeps the canary in the global __stack_chk_guard.
        const p = this.symAddress("__stack_chk_guard", 0);
        this.emit("ldr", d(dst(), 8), memAt(p, 0));
        return;
      }
      case "clz": case "ctz": {
        const w = irSize(t);
        const a = this.extend(i.args[0]!, t, false, sz);
        const x = dst();
        if (i.name === "ctz") {
          this.emit("rbit", d(x, sz), r(a, sz));
          this.emit("clz", d(x, sz), r(x, sz));
        } else {
          this.emit("clz", d(x, sz), r(a, sz));
          if (w < 4) this.emit("sub", d(x, 4), r(x, 4), im(32 - w * 8));
        }
        return;
      }
      case "popcount": {
        const a = this.extend(i.args[0]!, t, false, 8);
        this.copyInt(this.libcall("__popcountdi2", [a], "i64")!, dst());
        return;
      }
      case "bswap": {
        const x = dst();
        if (t === "i16") this.emit("rev16", d(x, 4), r(this.valReg(i.args[0]!, t), 4));
        else this.emit("rev", d(x, sz), r(this.valReg(i.args[0]!, t), sz));
        return;
      }
      case "frame_address": case "return_address": {
        // Every tscc frame keeps the x29/x30 frame record: follow it.
        const level = i.args[0]?.k === "int" ? Number(i.args[0].value) : 0;
        const x = dst();
        if (level === 0 && i.name === "return_address") { this.emit("ldr", d(x, 8), memAt(FP, 8)); return; }
        this.emit("mov", d(x, 8), r(FP, 8));
        for (let k = 0; k < level; k++) this.emit("ldr", d(x, 8), memAt(x, 0));
        if (i.name === "return_address") this.emit("ldr", d(x, 8), memAt(x, 8));
        return;
      }
      case "dwarf_cfa": this.emit("add", d(dst(), 8), r(FP, 8), im(16)); return;
      case "stack_save": this.emit("mov", d(dst(), 8), r(SP, 8)); return;
      case "stack_restore": this.emit("mov", d(SP, 8), r(this.valReg(i.args[0]!, "ptr"), 8)); return;
      case "atomic_load": case "atomic_xchg": case "atomic_add": case "atomic_cmpxchg": {
        if (irSize(t) > 8) this.fail(`${i.name} of ${t} is not supported on aarch64 yet`);
        const w = irSize(t);
        const p = this.valReg(i.args[0]!, "ptr");
        if (i.name === "atomic_load") {
          this.emit(w === 1 ? "ldarb" : w === 2 ? "ldarh" : "ldar", d(dst(), w === 8 ? 8 : 4), memAt(p, 0));
          return;
        }
        const x = dst();
        const old = this.vreg(), status = this.vreg();
        if (i.name === "atomic_cmpxchg") {
          const want = irSize(t) < 4 ? this.extend(i.args[1]!, t, false) : this.valReg(i.args[1]!, t);
          const next = this.valReg(i.args[2]!, t);
          this.emit("atomic.cas", de(old, w), de(status, 4), r(p, 8), r(want, w), r(next, w));
        } else if (i.name === "atomic_xchg") {
          this.emit("atomic.xchg", de(old, w), de(status, 4), r(p, 8), r(this.valReg(i.args[1]!, t), w));
        } else {
          const tmp = this.vreg();
          this.emit("atomic.add", de(old, w), de(status, 4), de(tmp, w), r(p, 8), r(this.valReg(i.args[1]!, t), w));
        }
        this.copyInt(old, x);
        return;
      }
      case "fence": this.emit("dmb"); return;
      case "setjmp": {
        // The buffer holds x29, the resume address and sp; a resumption
        // arrives at the label with w0 = 1 and every other register clobbered.
        this.emitX({ opc: "mov", ops: [d(X0, 8), r(this.valReg(i.args[0]!, "ptr"), 8)], copy: COPY });
        const resume = `.Lsj.${this.f.name}.${this.ctx.setjmpCount++}`;
        this.emitX({ opc: "setjmp", ops: [{ k: "sym", name: resume }], impUses: [X0], impDefs: [X0], clobbers: ALL_REGS });
        this.emit("mov", d(dst(), 4), r(X0, 4));
        return;
      }
      case "longjmp":
        this.emitX({ opc: "mov", ops: [d(X1, 8), r(this.valReg(i.args[0]!, "ptr"), 8)], copy: COPY });
        this.emitX({ opc: "longjmp", ops: [], impUses: [X1], clobbers: ALL_REGS });
        return;
      case "init_trampoline": {
        // ldr x17, .+16; ldr x18, .+20; br x17; (pad); .xword fn; .xword chain — gcc's layout.
        const tramp = this.address(i.args[0]!);
        const fn = this.valReg(i.args[1]!, "ptr");
        const chain = this.valReg(i.args[2]!, "ptr");
        const words = [0x58000091n, 0x580000b2n, 0xd61f0220n, 0xd503201fn];
        words.forEach((wd, k) => this.emit("str", r(this.constReg(wd), 4), this.memOf(tramp, 4 * k, 4)));
        this.emit("str", r(fn, 8), this.memOf(tramp, 16, 8));
        this.emit("str", r(chain, 8), this.memOf(tramp, 24, 8));
        const start = this.addrReg(tramp);
        const end = this.vreg();
        this.emit("add", d(end, 8), r(start, 8), im(32));
        this.libcall("__clear_cache", [start, end]);
        this.ctx.execStack = true;
        return;
      }
      case "is_constant": this.li(dst(), 0n); return;
      case "object_size": {
        const kind = i.args[1]?.k === "int" ? Number(i.args[1].value) & 3 : 0;
        this.li(dst(), kind >= 2 ? 0n : -1n);
        return;
      }
    }
    this.fail(`unknown intrinsic ${i.name}`);
  }

  // ------------------------------------------------------------ terminators

  private jmp(label: string): void {
    this.emitX({ opc: "b", ops: [{ k: "label", block: this.blockIdx.get(label)! }] });
    this.cur.succs.push(this.blockIdx.get(label)!);
  }
  private bcc(cc: string, label: string): void {
    this.emitX({ opc: "b." + cc, ops: [{ k: "label", block: this.blockIdx.get(label)! }] });
    this.cur.succs.push(this.blockIdx.get(label)!);
  }

  /** Dense switch → bounds check + pc-relative table of 32-bit offsets. */
  private jumpTable(t: Extract<ir.Terminator, { op: "switch" }>): boolean {
    if (t.cases.length < JT_MIN_CASES) return false;
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
    const v = this.extend(t.value, t.type, signed, 8);
    const idx = this.vreg();
    this.emit("sub", d(idx, 8), r(v, 8), r(this.constReg(min), 8));
    this.emit("cmp", r(idx, 8), isArithImm(range) ? im(range) : r(this.constReg(range), 8));
    this.bcc("hi", t.default);
    const label = `.LJT.${this.f.name}.${this.ctx.jumpTables.size}`;
    const targets = new Array<string>(Number(range) + 1).fill(t.default);
    t.cases.forEach((c, k) => (targets[Number((signed ? sv[k]! : uv[k]!) - min)] = c.target));
    this.ctx.jumpTables.set(label, targets.map((l) => this.blockLabel(l)));
    const base = this.vreg(), off = this.vreg(), dest = this.vreg();
    this.emit("adrp", d(base, 8), { k: "sym", name: label, reloc: "" });
    this.emit("add", d(base, 8), r(base, 8), { k: "sym", name: label, reloc: "lo12" });
    this.emit("ldrsw", d(off, 8), { k: "mem", base, index: idx, disp: 0, mode: { shift: 2 } });
    this.emit("add", d(dest, 8), r(base, 8), r(off, 8));
    this.emitX({ opc: "br.table", ops: [r(dest, 8)] });
    for (const l of new Set(targets)) this.cur.succs.push(this.blockIdx.get(l)!);
    return true;
  }

  private lowerTerm(b: ir.Block): void {
    const t = b.term;
    switch (t.op) {
      case "br": this.jmp(t.target); return;
      case "condbr": {
        const c = t.cond;
        if (c.k === "temp" && this.fused.has(c.id)) {
          this.bcc(this.compareInt(b.insts[b.insts.length - 1] as ir.ICmp), t.ifTrue);
        } else if (c.k === "int" || c.k === "undef") {
          this.jmp(c.k === "int" && (c.value & 1n) ? t.ifTrue : t.ifFalse);
          return;
        } else {
          this.emit("tst", r(this.valReg(c, "i1"), 4), im(1));
          this.bcc("ne", t.ifTrue);
        }
        this.jmp(t.ifFalse);
        return;
      }
      case "switch": {
        if (t.type === "i128") {
          const [lo, hi] = this.pair(t.value);
          for (const c of t.cases) {
            const v = BigInt.asUintN(128, c.value);
            const x = this.vreg(), y = this.vreg();
            this.emit("eor", d(x, 8), r(lo, 8), r(this.constReg(BigInt.asIntN(64, v)), 8));
            this.emit("eor", d(y, 8), r(hi, 8), r(this.constReg(BigInt.asIntN(64, v >> 64n)), 8));
            this.emit("orr", d(x, 8), r(x, 8), r(y, 8));
            this.emit("cmp", r(x, 8), im(0));
            this.bcc("eq", c.target);
          }
          this.jmp(t.default);
          return;
        }
        if (this.ctx.useJumpTables && this.jumpTable(t)) return;
        const size = irSize(t.type);
        const sz = opSize(t.type);
        const v = size < 4 ? this.extend(t.value, t.type, false) : this.valReg(t.value, t.type);
        for (const c of t.cases) {
          const cv = size < 4 ? BigInt.asUintN(size * 8, c.value) : BigInt.asUintN(sz * 8, c.value);
          this.emit("cmp", r(v, sz), isArithImm(cv) ? im(cv) : r(this.constReg(BigInt.asIntN(64, cv)), sz));
          this.bcc("eq", c.target);
        }
        this.jmp(t.default);
        return;
      }
      case "ret": this.lowerRet(t.value); return;
      case "unreachable": this.emit("brk", im(1000)); this.emitX({ opc: "ret", ops: [], impUses: [] }); return;
      case "indirectbr":
        this.emitX({ opc: "br", ops: [r(this.valReg(t.addr, "ptr"), 8)] });
        for (const l of t.targets) this.cur.succs.push(this.blockIdx.get(l)!);
        return;
      case "asmgoto":
        this.lowerAsm(t.asm, t.targets);
        this.jmp(t.fallthrough);
        return;
    }
  }

  // ------------------------------------------------------------ inline asm

  /**
   * GNU asm: each operand where its constraint asks — values needed in a
   * named register copied there just before, results copied out just after —
   * and one MIR instruction carrying the template, expanded by the emitter
   * once registers are final. Matching inputs ("0") share their output's
   * register, which the asm then both reads and writes.
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
    for (const c of a.clobbers) {
      const n = registerNumber(c);
      if (n === undefined) throw new CodegenError(`unknown register name '${c}' in asm clobber list${where}`);
      if (n === "ignore" || n === SP) continue;
      if (n === FP) throw new CodegenError(`x29 is the frame pointer and cannot be clobbered${where}`);
      clobbers.push(n);
    }
    const afterAsm: (() => void)[] = [];
    const beforeAsm: (() => void)[] = [];
    const outReg: ({ reg: number; cls: RegClass } | undefined)[] = [];
    // `x`/`y` operands (v0–v15, v0–v7) get physical registers of their own,
    // from v7 down (caller-saved, so no save), avoiding those the asm names.
    const named = new Set<number>(clobbers);
    for (const o of [...a.outputs, ...a.inputs]) {
      const p = parseConstraint(o.constraint).reg;
      if (p?.kind === "fixed") named.add(p.reg);
    }
    let nextLow = vr(7);
    const narrow = (c: Constraint): Constraint => {
      if (c.reg?.kind !== "any" || c.reg.below === undefined) return c;
      const below = c.reg.below;
      nextLow = Math.min(nextLow, vr(below - 1));
      while (named.has(nextLow)) nextLow--;
      if (nextLow < vr(0)) throw new CodegenError(`too many "x"/"y" asm operands${where}`);
      named.add(nextLow);
      return { ...c, reg: { kind: "fixed", reg: nextLow-- } };
    };
    /** The register a vector operand lives in: a new SIMD vreg, or the one named. */
    const vectorPlace = (place: NonNullable<Constraint["reg"]>): number => {
      if (place.kind === "any" && place.cls === "float") return this.vreg("float");
      if (place.kind === "fixed" && A64_REGS.classOf[place.reg] === "float") return place.reg;
      throw new CodegenError(`a vector asm operand needs a SIMD register constraint (w, x, y)${where}`);
    };
    const clsOf = (t: Type): RegClass => (isFP(t) ? "float" : "int");
    const moveBetween = (src: number, sc: RegClass, dst: number, dc: RegClass, t: Type): void => {
      const size = irSize(t) === 8 ? 8 : irSize(t) === 4 ? 4 : 8;
      if (sc === dc) this.emitX({ opc: sc === "float" ? "fmov" : "mov", ops: [d(dst, 8), r(src, 8)], copy: COPY });
      else this.emit("fmov", d(dst, size), r(src, size));
    };
    a.outputs.forEach((o, k) => {
      const c = narrow(parseConstraint(o.constraint));
      if (o.kind === "mem" && o.vector !== undefined && c.reg) {
        // A vector output in a SIMD register: stored to its object after the asm.
        const n = vectorPlace(c.reg);
        const size = vectorSize(o.vector);
        operand({ k: "reg", r: n, size, def: true, ...(c.early ? { early: true } : {}) }, o.name);
        const mem = this.memOf(this.address(o.addr), 0, size);
        afterAsm.push(() => this.emit("str", r(n, size), mem));
        outReg.push({ reg: n, cls: "float" });
        return;
      }
      if (o.kind === "mem") {
        operand(this.memOf(this.address(o.addr), 0, 1), o.name);
        outReg.push(undefined);
        return;
      }
      const t = this.f.temps[o.dst]!.type;
      if (isPair(t)) throw new CodegenError(`a ${t} asm output in a register is not supported${where}`);
      const place = c.reg ?? (c.mem ? { kind: "any" as const, cls: "int" as const } : undefined);
      if (!place) throw new CodegenError(`impossible constraint "${o.constraint}" in asm output ${k}${where}`);
      const cls: RegClass = place.kind === "fixed" ? A64_REGS.classOf[place.reg]! : place.cls;
      const size = cls === "float" ? Math.max(4, irSize(t)) : irSize(t) === 8 ? 8 : 4;
      let n: number;
      if (place.kind === "fixed") {
        n = place.reg;
        afterAsm.push(() => moveBetween(n, cls, this.defReg(o.dst), clsOf(t), t));
      } else if (cls === clsOf(t)) n = this.defReg(o.dst);
      else {
        n = this.vreg(cls);
        afterAsm.push(() => moveBetween(n, cls, this.defReg(o.dst), clsOf(t), t));
      }
      operand({ k: "reg", r: n, size, def: true, ...(c.early ? { early: true } : {}) }, o.name);
      outReg.push({ reg: n, cls });
    });
    for (const x of a.inputs) {
      if (x.kind === "mem" && x.vector !== undefined) {
        const c = narrow(parseConstraint(x.constraint));
        const size = vectorSize(x.vector);
        const mem = this.memOf(this.address(x.addr), 0, size);
        const out = c.match !== undefined ? outReg[c.match] : undefined;
        const target = c.match !== undefined ? operands[c.match] : undefined;
        if (out !== undefined && target !== undefined) {
          // Loaded straight into the output's register, which the asm reads and writes.
          if (out.cls !== "float") throw new CodegenError(`matching constraint "${x.constraint}" of a vector names no SIMD register output${where}`);
          beforeAsm.push(() => this.emit("ldr", d(out.reg, size), mem));
          ops[target.op] = { ...(ops[target.op] as MReg), use: true };
          operands.push({ op: target.op });
          continue;
        }
        if (c.reg) {
          const n = c.reg.kind === "fixed" ? vectorPlace(c.reg) : this.vreg("float");
          if (c.reg.kind === "fixed") beforeAsm.push(() => this.emit("ldr", d(n, size), mem));
          else this.emit("ldr", d(n, size), mem);
          operand(r(n, size), x.name);
          continue;
        }
      }
      if (x.kind === "mem") {
        operand(this.memOf(this.address(x.addr), 0, 1), x.name);
        continue;
      }
      const c = narrow(parseConstraint(x.constraint));
      const { value: v, type: t } = x;
      if (isPair(t)) throw new CodegenError(`a ${t} asm input in a register is not supported${where}`);
      if (c.match !== undefined) {
        const out = outReg[c.match];
        const target = operands[c.match];
        if (c.match >= a.outputs.length || !target) throw new CodegenError(`matching constraint "${x.constraint}" names no output${where}`);
        if (out === undefined) { operands.push({ ...target, ...(x.name !== undefined ? { name: x.name } : {}) }); continue; }
        const src = this.valReg(v, t);
        beforeAsm.push(() => moveBetween(src, clsOf(t), out.reg, out.cls, t));
        ops[target.op] = { ...(ops[target.op] as MReg), use: true };
        operands.push({ op: target.op });
        continue;
      }
      const isConst = v.k === "int" || v.k === "undef";
      const sym = v.k === "temp" ? this.syms.get(v.id) : undefined;
      if (c.imm && isConst && !isFP(t)) { operand(im(v.k === "int" ? BigInt.asIntN(64, v.value) : 0n), x.name); continue; }
      if (c.imm && sym && !c.reg) { operand({ k: "sym", name: sym.sym, off: sym.off }, x.name); continue; }
      const place = c.reg;
      if (!place) {
        if (!c.mem) throw new CodegenError(`impossible constraint "${x.constraint}" in asm${where}`);
        const slot = newSlot(this.mf, 16, 16);
        this.storeTyped(t, v, slotMem(slot));
        operand(slotMem(slot), x.name);
        continue;
      }
      const vcls = clsOf(t);
      const src = this.valReg(v, t);
      const size = (cls: RegClass): number => (cls === "float" ? Math.max(4, irSize(t)) : irSize(t) === 8 ? 8 : 4);
      if (place.kind === "fixed") {
        const n = place.reg;
        const cls = A64_REGS.classOf[n]!;
        beforeAsm.push(() => moveBetween(src, vcls, n, cls, t));
        operand(r(n, size(cls)), x.name);
      } else if (place.cls === vcls) operand(r(src, size(vcls)), x.name);
      else {
        const n = this.vreg(place.cls);
        moveBetween(src, vcls, n, place.cls, t);
        operand(r(n, size(place.cls)), x.name);
      }
    }
    for (const f of beforeAsm) f();
    const isGoto = gotoTargets !== undefined;
    if (isGoto) {
      if (afterAsm.length) throw new CodegenError(`asm goto cannot have register outputs${where}`);
      for (const l of gotoTargets) operand({ k: "label", block: this.blockIdx.get(l)! }, undefined);
    }
    const info: MAsm = { template: a.template, operands, unique: this.ctx.asmCount++ };
    this.emitX({ opc: isGoto ? "asm.goto" : "asm", ops, ...(clobbers.length ? { clobbers } : {}), asm: info });
    if (isGoto) {
      for (const l of gotoTargets) this.cur.succs.push(this.blockIdx.get(l)!);
      return;
    }
    for (const f of afterAsm) f();
  }
}

/** The access size of a GNU vector in a SIMD register: a d (8 bytes) or q (16) register. */
function vectorSize(bytes: number): 8 | 16 {
  if (bytes === 8 || bytes === 16) return bytes;
  throw new CodegenError(`a ${bytes}-byte vector does not fit a SIMD register operand of asm`);
}

/** Dense enough for a table: at least 4 cases filling a third of the range. */
const JT_MIN_CASES = 4;
const JT_MAX_SPREAD = 3;

export { vr as vectorRegister };
