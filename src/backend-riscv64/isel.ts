// Instruction selection for riscv64: IR → MIR with virtual registers. MIR
// opcodes are gas mnemonics (pseudo-instructions included: li, mv, la, lla,
// call) with operands in gas order, destination first; a few opcodes of our
// own (`lea`, `cas.*`, `setjmp` …) are spelled out by the emitter.
//
// Value representation:
//   - integers up to 64 bits and pointers: one int vreg. An i32 is always
//     kept sign-extended to 64 bits (what the W instructions and `lw`
//     produce, and what the LP64 convention passes), so 64-bit compares,
//     branches and argument passing need no extension; i8/i16 keep undefined
//     upper bits and are extended where that matters; i1 is exactly 0 or 1.
//   - f32/f64: one float vreg; constants come through an integer register.
//   - i128 and f128 (binary128 long double): a pair of int vregs [low, high];
//     f128 arithmetic is libgcc calls by now (src/codegen/legalize.ts).
//   - static allocas: frame slots used directly as memory operands.
// Nothing here creates control flow inside an IR block: selects use masks,
// i128 shifts are branchless; loops (LR/SC) are pseudo-instructions the
// emitter expands after allocation.

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
import type { RBlock as MBlock, RFunc as MFunc, RInst as MInst, RMem as MMem, ROperand as MOperand } from "./regs.js";
import { A0, A1, CALLER_SAVED, CHAIN_REG, INT_ARG_REGS, RV_REGS, S0, SP, TP, ZERO, FA0 } from "./regs.js";
import { layoutCall } from "./abi.js";
import { parseConstraint, registerNumber } from "./inlineasm.js";

/** Module-level facts isel needs about symbols. */
export interface ModuleContext extends ModuleSymbols {
  /** Inline asm statements so far (their `%=` numbers). */
  asmCount: number;
  /** Labels made by pseudo-instruction expansion and setjmp so far (for unique names). */
  labelCount: number;
  /** Some function writes a trampoline on the stack: the object needs an executable stack. */
  execStack: boolean;
  /** Jump tables: label → target labels; entries are emitted as `.word target - label` in .rodata. */
  readonly jumpTables: Map<string, string[]>;
  /** -fno-jump-tables: every switch becomes a compare chain. */
  readonly useJumpTables: boolean;
}

/** Dense enough for a table: at least 4 cases filling a third of the range. */
const JT_MIN_CASES = 4;
const JT_MAX_SPREAD = 3;

/** Every allocatable register: what a setjmp resumption may have changed. */
const ALL_REGS: readonly number[] = [...RV_REGS.classes.int!.allocatable, ...RV_REGS.classes.float!.allocatable];

/** The bytes the prologue reserves above the frame record for a variadic function's a0–a7. */
export const VA_SAVE_BYTES = 64;

const isPair = (t: Type): boolean => t === "i128" || t === "f128" || t === "f80";
const isFP = (t: Type): boolean => t === "f32" || t === "f64";
const fits12 = (v: bigint | number): boolean => BigInt(v) >= -2048n && BigInt(v) <= 2047n;

function irSize(t: Type): number {
  switch (t) {
    case "i1": case "i8": return 1;
    case "i16": return 2;
    case "i32": case "f32": return 4;
    default: return 8;
  }
}

/** A constant of type t in the register representation described above. */
function normalize(c: bigint, t: Type): bigint {
  if (t === "i1") return c & 1n;
  if (t === "i32") return BigInt.asIntN(32, c);
  return BigInt.asIntN(64, c);
}

const r = (reg: number): MReg => ({ k: "reg", r: reg, size: 8 });
const d = (reg: number): MReg => ({ k: "reg", r: reg, size: 8, def: true });
const de = (reg: number): MReg => ({ k: "reg", r: reg, size: 8, def: true, early: true });
const im = (v: bigint | number): MImm => ({ k: "imm", v: BigInt(v) });
const memAt = (base: number, disp = 0): MMem => ({ k: "mem", base, disp });
const slotMem = (slot: number, disp = 0): MMem => ({ k: "mem", slot, disp });
/** A copy `mv dst, src`: which operands it reads and writes. */
const COPY = { src: 1, dst: 0 } as const;

/** A pointer operand that can be turned into a memory operand at any offset. */
type Address =
  | { kind: "reg"; reg: number; off: number }
  | { kind: "slot"; slot: number; off: number };

const LOAD: Record<string, string> = { i1: "lbu", i8: "lbu", i16: "lhu", i32: "lw", i64: "ld", ptr: "ld", f32: "flw", f64: "fld" };
const STORE: Record<number, string> = { 1: "sb", 2: "sh", 4: "sw", 8: "sd" };
/** Loads of exactly n bytes, zero-extended. */
const LOADU: Record<number, string> = { 1: "lbu", 2: "lhu", 4: "lwu", 8: "ld" };

/** Branch on a compare of two registers: IR predicate → mnemonic and whether the operands swap. */
const BRANCH: Record<ir.ICmpPred, { op: string; swap: boolean }> = {
  eq: { op: "beq", swap: false }, ne: { op: "bne", swap: false },
  slt: { op: "blt", swap: false }, sge: { op: "bge", swap: false }, sgt: { op: "blt", swap: true }, sle: { op: "bge", swap: true },
  ult: { op: "bltu", swap: false }, uge: { op: "bgeu", swap: false }, ugt: { op: "bltu", swap: true }, ule: { op: "bgeu", swap: true },
};

const FLOAT_OP: Record<ir.FloatBinOp, string> = { fadd: "fadd", fsub: "fsub", fmul: "fmul", fdiv: "fdiv" };

/** Opcodes that end a block (phi copies go before them). */
const BRANCHES = new Set(["j", "jr.table", "beq", "bne", "blt", "bge", "bltu", "bgeu", "beqz", "bnez", "ret", "jr.indirect", "asm.goto"]);
export const isBranchOpc = (opc: string): boolean => BRANCHES.has(opc);

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
  private layout!: ReturnType<typeof layoutCall>;
  private fused = new Set<number>();
  /** Bytes between the frame register + 16 and the incoming stack arguments (a variadic function's register save area). */
  private readonly vaSave: number;

  constructor(private readonly f: ir.Func, private readonly ctx: ModuleContext) {
    this.mf = { name: f.name, blocks: [], vregClass: [], slots: [], usedCalleeSaved: [] };
    this.vaSave = f.varargs ? VA_SAVE_BYTES : 0;
  }

  // ------------------------------------------------------------ plumbing

  private loc: DebugLoc | undefined;
  private emit(opc: string, ...ops: MOperand[]): void {
    this.cur.insts.push(this.loc ? { opc, ops, loc: this.loc } : { opc, ops });
  }
  private emitX(i: MInst): void {
    this.cur.insts.push(this.loc && !i.loc ? { ...i, loc: this.loc } : i);
  }
  /** The frame slot of a fixed-size alloca (-g: where a variable lives). */
  slotOfAlloca(t: number): number | undefined {
    return this.slots.get(t);
  }
  private vreg(cls: RegClass = "int"): number {
    return newVReg(this.mf, cls);
  }
  private fail(msg: string): never {
    return ice(msg, { func: this.f.name, pass: "isel-riscv64" });
  }
  private mv(src: number, dst: number): void {
    this.emitX({ opc: "mv", ops: [d(dst), r(src)], copy: COPY });
  }
  private fmv(src: number, dst: number): void {
    this.emitX({ opc: "fmv.d", ops: [d(dst), r(src)], copy: COPY });
  }
  private li(v: bigint): number {
    const x = this.vreg();
    this.emit("li", d(x), im(BigInt.asIntN(64, v)));
    return x;
  }
  /** `op d, a, imm` when the immediate fits 12 bits, else through a register (`rop`). */
  private opImm(op: string, rop: string, dst: number, a: number, v: bigint): void {
    if (fits12(v)) this.emit(op, d(dst), r(a), im(v));
    else this.emit(rop, d(dst), r(a), r(this.li(v)));
  }
  blockLabel(l: string): string {
    return blockSymbol(this.f.name, l);
  }
  private newLabel(): string {
    return `.Lrv${this.ctx.labelCount++}`;
  }

  // ------------------------------------------------------------ values

  /** The vreg(s) of a temp, created on first sight. */
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
      if (this.offsets.has(v.id)) return this.addrReg(this.address(v));
      const s = this.slots.get(v.id);
      if (s !== undefined) {
        const x = this.vreg();
        this.emit("lea", d(x), slotMem(s));
        return x;
      }
      const g = this.syms.get(v.id);
      if (g) return this.symAddress(g.sym, g.off);
      return this.regsOf(v.id)[0]!;
    }
    const bits = v.k === "int" ? v.value : v.k === "float" ? v.bits : 0n;
    if (isFP(t)) {
      const x = this.vreg("float");
      const src = bits === 0n ? ZERO : this.li(t === "f32" ? BigInt.asUintN(32, bits) : bits);
      this.emit(t === "f32" ? "fmv.w.x" : "fmv.d.x", d(x), r(src));
      return x;
    }
    return this.li(normalize(bits, t));
  }

  /** An integer operand as a register; zero is x0. */
  private intReg(v: Value, t: Type): number {
    if (v.k === "undef" || (v.k === "int" && normalize(v.value, t) === 0n)) return ZERO;
    return this.valReg(v, t);
  }

  /** The two halves of an i128/f128 value. */
  private pair(v: Value): [number, number] {
    if (v.k === "temp") {
      const p = this.regsOf(v.id);
      return [p[0]!, p[1]!];
    }
    const bits = v.k === "int" ? BigInt.asUintN(128, v.value) : v.k === "float" ? v.bits : 0n;
    const half = (b: bigint): number => (b === 0n ? ZERO : this.li(BigInt.asIntN(64, b)));
    return [half(BigInt.asUintN(64, bits)), half(bits >> 64n)];
  }

  /**
   * The address of a symbol: pc-relative (`lla`) when it is defined here
   * and cannot be interposed, else from the GOT (`la`, under `.option pic`).
   * Thread-locals: local-exec for one defined here in position-dependent
   * code, initial-exec otherwise (as the x86_64 backend: the code generator
   * is not told a PIE from a shared object, which would want general-dynamic
   * for dlopen).
   */
  private symAddress(sym: string, off: number): number {
    const x = this.vreg();
    if (this.ctx.threadLocal.has(sym)) {
      const s = (reloc: string): MOperand => ({ k: "sym", name: sym, reloc });
      if (this.ctx.defined.has(sym) && !this.ctx.pic) {
        const hi = this.vreg(), sum = this.vreg();
        this.emit("lui", d(hi), s("tprel_hi"));
        this.emit("add", d(sum), r(hi), r(TP), s("tprel_add"));
        this.emit("addi", d(x), r(sum), s("tprel_lo"));
      } else {
        this.emit("la.tls.ie", d(x), { k: "sym", name: sym });
        this.emit("add", d(x), r(x), r(TP));
      }
      if (off) this.opImm("addi", "add", x, x, BigInt(off));
      return x;
    }
    if (this.ctx.local.has(sym)) this.emit("lla", d(x), { k: "sym", name: sym, off });
    else {
      this.emit("la", d(x), { k: "sym", name: sym });
      if (off) this.opImm("addi", "add", x, x, BigInt(off));
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
    }
    return { kind: "reg", reg: this.valReg(v, "ptr"), off: 0 };
  }
  /** A memory operand for bytes at `off` from the address (12-bit offsets; larger ones through a register). */
  private memOf(a: Address, off = 0): MMem {
    const disp = a.off + off;
    if (a.kind === "slot") return slotMem(a.slot, disp);
    if (fits12(disp) && fits12(disp + 8)) return memAt(a.reg, disp);
    const t = this.vreg();
    this.opImm("addi", "add", t, a.reg, BigInt(disp));
    return memAt(t, 0);
  }
  private addrReg(a: Address): number {
    if (a.kind === "reg" && a.off === 0) return a.reg;
    const x = this.vreg();
    if (a.kind === "slot") this.emit("lea", d(x), slotMem(a.slot, a.off));
    else this.opImm("addi", "add", x, a.reg, BigInt(a.off));
    return x;
  }
  /** Incoming stack argument bytes at `off`: above the frame record and the variadic save area. */
  private incoming(off: number): Address {
    return { kind: "reg", reg: S0, off: 16 + this.vaSave + off };
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
        // s0 is only 16-aligned: over-aligned objects are carved out of the stack at entry.
        if (i.op === "alloca" && !i.dynSize && i.align <= 16) this.slots.set(i.dst, newSlot(this.mf, Math.max(i.size, 1), i.align));
        if (i.op === "addr") this.syms.set(i.dst, { sym: i.sym, off: i.offset });
        if (i.op === "add" && i.type === "ptr" && i.a.k === "temp" && i.b.k === "int" && BigInt.asIntN(64, i.b.value) >= -(1n << 31n) && BigInt.asIntN(64, i.b.value) < 1n << 31n) {
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

  /** Phi operands: integer constants stay immediates (the copy becomes `li`); the rest get a vreg in the predecessor. */
  private phiSource(v: Value, t: Type, half: number): MOperand {
    if (isPair(t)) {
      if (v.k !== "temp") return this.beforeBranch(() => r(this.pair(v)[half]!));
      return r(this.regsOf(v.id)[half]!);
    }
    if (v.k === "temp" && !this.slots.has(v.id) && !this.syms.has(v.id) && !this.offsets.has(v.id)) return r(this.regsOf(v.id)[0]!);
    if (!isFP(t) && (v.k === "int" || v.k === "undef")) return im(v.k === "int" ? normalize(v.value, t) : 0n);
    return this.beforeBranch(() => r(this.valReg(v, t)));
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

  // ------------------------------------------------------------ moves between registers and memory

  /** Move a scalar of type t between registers of either class. */
  private moveBetween(src: number, sc: RegClass, dst: number, dc: RegClass, t: Type): void {
    if (sc === "int" && dc === "int") this.mv(src, dst);
    else if (sc === "float" && dc === "float") this.fmv(src, dst);
    else if (sc === "float") this.emit(t === "f32" ? "fmv.x.w" : "fmv.x.d", d(dst), r(src));
    else this.emit(t === "f32" ? "fmv.w.x" : "fmv.d.x", d(dst), r(src));
  }

  /** Load bytes [0, size) (size ≤ 8) at m into an int vreg without reading past them. */
  private loadBytes(m: MMem, size: number): number {
    const x = this.vreg();
    if (LOADU[size]) { this.emit(LOADU[size]!, d(x), m); return x; }
    let done = 0;
    let first = true;
    for (const w of [4, 2, 1]) {
      while (size - done >= w) {
        const piece = first ? x : this.vreg();
        this.emit(LOADU[w]!, d(piece), { ...m, disp: m.disp + done });
        if (!first) {
          const sh = this.vreg();
          this.emit("slli", d(sh), r(piece), im(done * 8));
          this.emit("or", d(x), r(x), r(sh));
        }
        first = false;
        done += w;
      }
    }
    return x;
  }

  /** Store the low `size` bytes of int register `reg` at m, exactly. */
  private storeBytes(reg: number, m: MMem, size: number): void {
    if (STORE[size]) { this.emit(STORE[size]!, r(reg), m); return; }
    let done = 0;
    let cur = reg;
    for (const w of [4, 2, 1]) {
      while (size - done >= w) {
        this.emit(STORE[w]!, r(cur), { ...m, disp: m.disp + done });
        done += w;
        if (done < size) {
          const next = this.vreg();
          this.emit("srli", d(next), r(cur), im(w * 8));
          cur = next;
        }
      }
    }
  }

  /** Store a register piece of a value (bytes [part.offset, +part.size)) at m. */
  private storePart(reg: number, part: RegPart, m: MMem): void {
    if (part.cls === "float") this.emit(part.size === 4 ? "fsw" : "fsd", r(reg), m);
    else this.storeBytes(reg, m, part.size);
  }
  /** Load a register piece from memory into a new vreg of its class. */
  private loadPart(part: RegPart, m: MMem): number {
    if (part.cls === "float") {
      const x = this.vreg("float");
      this.emit(part.size === 4 ? "flw" : "fld", d(x), m);
      return x;
    }
    return this.loadBytes(m, part.size);
  }

  private loadTyped(t: Type, m: MMem, dst: number): void {
    if (isPair(t)) {
      const [lo, hi] = this.regsOf(dst);
      this.emit("ld", d(lo!), m);
      this.emit("ld", d(hi!), { ...m, disp: m.disp + 8 });
      return;
    }
    this.emit(LOAD[t]!, d(this.defReg(dst)), m);
  }

  private storeTyped(t: Type, v: Value, m: MMem): void {
    if (isPair(t)) {
      const [lo, hi] = this.pair(v);
      this.emit("sd", r(lo), m);
      this.emit("sd", r(hi), { ...m, disp: m.disp + 8 });
      return;
    }
    if (isFP(t)) {
      this.emit(t === "f32" ? "fsw" : "fsd", r(this.valReg(v, t)), m);
      return;
    }
    this.emit(STORE[irSize(t)]!, r(this.intReg(v, t)), m);
  }

  /** Copy `size` bytes between addresses. */
  private copyMem(dst: Address, src: Address, size: number): void {
    if (size > 128) {
      this.libcall("memcpy", [this.addrReg(dst), this.addrReg(src), this.li(BigInt(size))]);
      return;
    }
    let off = 0;
    for (const w of [8, 4, 2, 1]) {
      while (size - off >= w) {
        const t = this.vreg();
        this.emit(LOADU[w]!, d(t), this.memOf(src, off));
        this.emit(STORE[w]!, r(t), this.memOf(dst, off));
        off += w;
      }
    }
  }

  private fillMem(dst: Address, byte: Value, size: number): void {
    if (size === 0) return;
    let pattern: number;
    if (byte.k === "int" || byte.k === "undef") {
      const b = byte.k === "int" ? BigInt.asUintN(8, byte.value) : 0n;
      pattern = b === 0n ? ZERO : this.li(b * 0x0101010101010101n);
    } else {
      const b = this.ext(byte, "i8", false);
      pattern = this.vreg();
      this.emit("mul", d(pattern), r(b), r(this.li(0x0101010101010101n)));
    }
    let off = 0;
    for (const w of [8, 4, 2, 1]) {
      while (size - off >= w) {
        this.emit(STORE[w]!, r(pattern), this.memOf(dst, off));
        off += w;
      }
    }
  }

  /** Call a C library/runtime routine on int values already in vregs; returns the result's vreg. */
  private libcall(name: string, args: number[], ret: "i64" | "none" = "none"): number | undefined {
    const dst = ret === "none" ? undefined : this.selTemp(ret);
    this.lowerCall({
      op: "call", ...(dst !== undefined ? { dst } : {}), ret: ret === "none" ? { kind: "void" } : { kind: "scalar", type: ret },
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

  // ------------------------------------------------------------ entry / return

  private lowerEntry(): void {
    const f = this.f;
    if (f.chain !== undefined) this.mv(CHAIN_REG, this.defReg(f.chain));
    this.layout = layoutCall(f.ret, f.params.map((p) => p.type));
    if (this.layout.sret !== undefined) {
      this.sretPtr = this.vreg();
      this.mv(this.layout.sret, this.sretPtr);
    }
    if (f.varargs) {
      // a0–a7 go just below the stack arguments, so the variadic ones are
      // contiguous in memory and va_list is a plain pointer.
      INT_ARG_REGS.forEach((reg, k) => this.emit("sd", r(reg), memAt(S0, 16 + 8 * k)));
    }
    f.params.forEach((p, k) => {
      const loc = this.layout.args[k]!;
      const t = p.type;
      if (loc.kind === "none") {
        if (t.kind === "agg") this.slots.set(p.temp, newSlot(this.mf, 1, 1));
        return;
      }
      if (loc.kind === "byref") {
        const x = this.defReg(p.temp);
        if (loc.ptr.kind === "regs") this.mv(loc.ptr.parts[0]!.reg, x);
        else this.emit("ld", d(x), this.memOf(this.incoming(loc.ptr.offset)));
        return;
      }
      if (t.kind === "agg" || loc.kind === "split") {
        const size = t.kind === "agg" ? t.layout.size : 16;
        if (t.kind === "agg" && loc.kind === "stack") {
          this.mv(this.addrReg(this.incoming(loc.offset)), this.defReg(p.temp));
          return;
        }
        const slot = newSlot(this.mf, Math.max(16, Math.ceil(size / 8) * 8), Math.max(16, t.kind === "agg" ? t.layout.align : 16));
        const parts = loc.kind === "regs" || loc.kind === "split" ? loc.parts : [];
        for (const part of parts) {
          if (part.cls === "float") this.emit(part.size === 4 ? "fsw" : "fsd", r(part.reg), slotMem(slot, part.offset));
          else this.emit("sd", r(part.reg), slotMem(slot, part.offset));
        }
        if (loc.kind === "split") this.copyMem({ kind: "slot", slot, off: size - loc.size }, this.incoming(loc.offset), loc.size);
        if (t.kind === "agg") this.slots.set(p.temp, slot);
        else this.loadTyped(t.type, slotMem(slot), p.temp);
        return;
      }
      const ty = t.type;
      if (loc.kind === "regs") {
        if (isPair(ty)) {
          const [lo, hi] = this.regsOf(p.temp);
          this.mv(loc.parts[0]!.reg, lo!);
          this.mv(loc.parts[1]!.reg, hi!);
          return;
        }
        const part = loc.parts[0]!;
        const x = this.defReg(p.temp);
        if (isFP(ty)) this.moveBetween(part.reg, part.cls, x, "float", ty);
        else this.mv(part.reg, x);
      } else if (loc.kind === "stack") {
        this.loadTyped(ty, this.memOf(this.incoming(loc.offset)), p.temp);
      }
    });
  }

  private lowerRet(v: Value | undefined): void {
    const f = this.f;
    const uses: number[] = [];
    const ret = this.layout.ret;
    if (v !== undefined && f.ret.kind === "scalar" && ret.kind === "regs") {
      const t = f.ret.type;
      if (isPair(t)) {
        const [lo, hi] = this.pair(v);
        this.mv(lo, A0);
        this.mv(hi, A1);
        uses.push(A0, A1);
      } else if (isFP(t)) {
        this.fmv(this.valReg(v, t), FA0);
        uses.push(FA0);
      } else {
        this.mv(this.ext(v, t, ret.ext === "zero" ? false : true), A0);
        uses.push(A0);
      }
    } else if (v !== undefined && f.ret.kind === "agg") {
      const a = this.address(v);
      if (this.layout.sret !== undefined) {
        this.copyMem({ kind: "reg", reg: this.sretPtr, off: 0 }, a, f.ret.layout.size);
        this.mv(this.sretPtr, A0);
        uses.push(A0);
      } else if (ret.kind === "regs") {
        const got = ret.parts.map((part) => this.loadPart(part, this.memOf(a, part.offset)));
        ret.parts.forEach((part, k) => {
          if (part.cls === "float") this.fmv(got[k]!, part.reg);
          else this.mv(got[k]!, part.reg);
          uses.push(part.reg);
        });
      }
    }
    this.emitX({ opc: "ret", ops: [], impUses: uses });
  }

  // ------------------------------------------------------------ instructions

  private lowerInst(i: ir.Inst, b: ir.Block, n: number): void {
    switch (i.op) {
      case "alloca": {
        if (!i.dynSize) return;
        // Round up to keep sp 16-aligned; over-aligned memory is found by
        // rounding the new sp up, which may skip up to align-16 bytes.
        const size = this.valReg(i.dynSize, "i64");
        const t = this.vreg();
        this.opImm("addi", "add", t, size, BigInt(15 + Math.max(0, i.align - 16)));
        this.emit("andi", d(t), r(t), im(-16));
        this.emitX({ opc: "sub", ops: [d(SP), r(SP), r(t)] });
        const x = this.defReg(i.dst);
        this.mv(SP, x);
        if (i.align > 16) {
          this.opImm("addi", "add", x, x, BigInt(i.align - 1));
          this.opImm("andi", "and", x, x, BigInt(-i.align));
        }
        return;
      }
      case "load": this.loadTyped(i.type, this.memOf(this.address(i.addr)), i.dst); return;
      case "store": this.storeTyped(i.type, i.value, this.memOf(this.address(i.addr))); return;
      case "addr": return;
      case "blockaddr": {
        const sym = blockSymbol(i.func ?? this.f.name, i.block);
        this.emit("lla", d(this.defReg(i.dst)), { k: "sym", name: sym });
        return;
      }
      case "copy": this.lowerCopy(i.type, i.a, i.dst); return;
      case "fneg": {
        if (isPair(i.type)) {
          // binary128: flip the sign bit, the top bit of the high half.
          const [lo, hi] = this.pair(i.a);
          const [dl, dh] = this.regsOf(i.dst) as [number, number];
          this.mv(lo, dl);
          this.emit("xor", d(dh), r(hi), r(this.li(1n << 63n)));
          return;
        }
        const s = i.type === "f32" ? "s" : "d";
        this.emit(`fneg.${s}`, d(this.defReg(i.dst)), r(this.valReg(i.a, i.type)));
        return;
      }
      case "icmp": {
        if (this.canFuse(i, b, n)) { this.fused.add(i.dst); return; }
        this.compareInt(i, this.defReg(i.dst));
        return;
      }
      case "fcmp": this.lowerFcmp(i); return;
      case "select": this.lowerSelect(i); return;
      case "call": this.lowerCall(i); return;
      case "memcpy": {
        if (i.size.k === "int" && i.size.value <= 128n) this.copyMem(this.address(i.dstAddr), this.address(i.srcAddr), Number(i.size.value));
        else this.libcall("memcpy", [this.valReg(i.dstAddr, "ptr"), this.valReg(i.srcAddr, "ptr"), this.valReg(i.size, "i64")]);
        return;
      }
      case "memset": {
        if (i.size.k === "int" && i.size.value <= 128n) this.fillMem(this.address(i.dstAddr), i.byte, Number(i.size.value));
        else this.libcall("memset", [this.valReg(i.dstAddr, "ptr"), this.ext(i.byte, "i8", false), this.valReg(i.size, "i64")]);
        return;
      }
      case "va_start": this.lowerVaStart(i.ap); return;
      case "va_end": return;
      case "va_copy": this.copyMem(this.address(i.dstAp), this.address(i.srcAp), 8); return;
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
        const s = i.type === "f32" ? "s" : "d";
        this.emit(`${FLOAT_OP[i.op]}.${s}`, d(this.defReg(i.dst)), r(this.valReg(i.a, i.type)), r(this.valReg(i.b, i.type)));
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
      this.mv(lo, dl!);
      this.mv(hi, dh!);
    } else if (isFP(t)) this.fmv(this.valReg(a, t), this.defReg(dst));
    else this.mv(this.intReg(a, t), this.defReg(dst));
  }

  /** A value of type t extended to 64 bits (an existing register when it already is). */
  private ext(v: Value, t: Type, signed: boolean): number {
    if (v.k !== "temp" || this.slots.has(v.id) || this.syms.has(v.id) || this.offsets.has(v.id)) {
      if (v.k !== "int" && v.k !== "undef") return this.valReg(v, t);
      const c = v.k === "int" ? v.value : 0n;
      const w = irSize(t) * 8;
      const val = t === "i1" ? c & 1n : w >= 64 ? BigInt.asIntN(64, c) : signed ? BigInt.asIntN(w, c) : BigInt.asUintN(w, c);
      return val === 0n ? ZERO : this.li(val);
    }
    const s = this.valReg(v, t);
    const x = this.vreg();
    switch (t) {
      case "i1": if (!signed) return s; this.emit("neg", d(x), r(s)); return x;
      case "i8":
        if (!signed) { this.emit("andi", d(x), r(s), im(255)); return x; }
        return this.shiftPair(s, 56, true);
      case "i16": return this.shiftPair(s, 48, signed);
      case "i32": return signed ? s : this.shiftPair(s, 32, false);
      default: return s;
    }
  }
  /** `slli` then `srai`/`srli` by n: sign- or zero-extends the low 64-n bits. */
  private shiftPair(s: number, n: number, signed: boolean): number {
    const t = this.vreg(), x = this.vreg();
    this.emit("slli", d(t), r(s), im(n));
    this.emit(signed ? "srai" : "srli", d(x), r(t), im(n));
    return x;
  }

  private lowerIntBin(i: ir.IntBin): void {
    const t = i.type;
    const x = this.defReg(i.dst);
    const w32 = t === "i32";
    const bImm = i.b.k === "int" ? normalize(i.b.value, t) : undefined;
    switch (i.op) {
      case "add": case "sub": {
        const a = this.intReg(i.a, t);
        const imm = bImm === undefined ? undefined : i.op === "sub" ? -bImm : bImm;
        if (imm !== undefined && fits12(imm)) this.emit(w32 ? "addiw" : "addi", d(x), r(a), im(imm));
        else this.emit((i.op === "add" ? "add" : "sub") + (w32 ? "w" : ""), d(x), r(a), r(this.intReg(i.b, t)));
        break;
      }
      case "mul": this.emit(w32 ? "mulw" : "mul", d(x), r(this.intReg(i.a, t)), r(this.intReg(i.b, t))); break;
      case "and": case "or": case "xor": {
        const a = this.intReg(i.a, t);
        if (bImm !== undefined && fits12(bImm)) this.emit(i.op + "i", d(x), r(a), im(bImm));
        else this.emit(i.op, d(x), r(a), r(this.intReg(i.b, t)));
        break;
      }
      case "shl": case "lshr": case "ashr": {
        const narrow = irSize(t) < 4;
        const a = i.op === "shl" || !narrow ? this.intReg(i.a, t) : this.ext(i.a, t, i.op === "ashr");
        const op = { shl: "sll", lshr: "srl", ashr: "sra" }[i.op];
        const wsfx = w32 ? "w" : "";
        if (i.b.k === "int") {
          const bits = w32 ? 31n : 63n;
          this.emit(op + "i" + wsfx, d(x), r(a), im(BigInt.asUintN(64, i.b.value) & bits));
        } else this.emit(op + wsfx, d(x), r(a), r(this.valReg(i.b, t)));
        break;
      }
      default: {
        const signed = i.op === "sdiv" || i.op === "srem";
        const narrow = irSize(t) < 4;
        const a = narrow ? this.ext(i.a, t, signed) : this.intReg(i.a, t);
        const bv = narrow ? this.ext(i.b, t, signed) : this.intReg(i.b, t);
        const op = { sdiv: "div", udiv: "divu", srem: "rem", urem: "remu" }[i.op];
        this.emit(op + (w32 ? "w" : ""), d(x), r(a), r(bv));
      }
    }
    // i1 stays exactly 0 or 1.
    if (t === "i1" && i.op !== "and" && i.op !== "or" && i.op !== "xor" && i.op !== "lshr") this.emit("andi", d(x), r(x), im(1));
  }

  /** The operands of an integer compare as registers, extended as the predicate needs. */
  private cmpOperands(i: ir.ICmp): [number, number] {
    const t = i.type;
    const signed = i.pred[0] === "s";
    if (irSize(t) < 4) return [this.ext(i.a, t, signed), this.ext(i.b, t, signed)];
    return [this.intReg(i.a, t), this.intReg(i.b, t)];
  }

  /** icmp into a 0/1 register. */
  private compareInt(i: ir.ICmp, x: number): void {
    if (i.type === "i128") { this.compareI128(i, x); return; }
    const [a, b] = this.cmpOperands(i);
    const t = this.vreg();
    switch (i.pred) {
      case "eq": case "ne":
        if (b === ZERO) this.emit(i.pred === "eq" ? "seqz" : "snez", d(x), r(a));
        else {
          this.emit("xor", d(t), r(a), r(b));
          this.emit(i.pred === "eq" ? "seqz" : "snez", d(x), r(t));
        }
        return;
      case "slt": this.emit("slt", d(x), r(a), r(b)); return;
      case "ult": this.emit("sltu", d(x), r(a), r(b)); return;
      case "sgt": this.emit("slt", d(x), r(b), r(a)); return;
      case "ugt": this.emit("sltu", d(x), r(b), r(a)); return;
      case "sge": this.emit("slt", d(t), r(a), r(b)); break;
      case "uge": this.emit("sltu", d(t), r(a), r(b)); break;
      case "sle": this.emit("slt", d(t), r(b), r(a)); break;
      case "ule": this.emit("sltu", d(t), r(b), r(a)); break;
    }
    this.emit("xori", d(x), r(t), im(1));
  }

  private canFuse(i: ir.ICmp | ir.FCmp, b: ir.Block, n: number): boolean {
    return i.op === "icmp" && n === b.insts.length - 1 && b.term.op === "condbr" && b.term.cond.k === "temp" &&
      b.term.cond.id === i.dst && this.useCount.get(i.dst) === 1 && i.type !== "i128";
  }

  private lowerFcmp(i: ir.FCmp): void {
    if (!isFP(i.type)) this.fail("f128 compare left for legalisation");
    const s = i.type === "f32" ? "s" : "d";
    const x = this.defReg(i.dst);
    const a = this.valReg(i.a, i.type), b = this.valReg(i.b, i.type);
    const cmp = (op: string, p: number, q: number, dst: number): void => this.emit(`${op}.${s}`, d(dst), r(p), r(q));
    const not = (src: number): void => this.emit("xori", d(x), r(src), im(1));
    const t = this.vreg(), u = this.vreg();
    switch (i.pred) {
      case "oeq": cmp("feq", a, b, x); return;
      case "olt": cmp("flt", a, b, x); return;
      case "ole": cmp("fle", a, b, x); return;
      case "ogt": cmp("flt", b, a, x); return;
      case "oge": cmp("fle", b, a, x); return;
      case "une": cmp("feq", a, b, t); not(t); return;
      case "uge": cmp("flt", a, b, t); not(t); return;
      case "ugt": cmp("fle", a, b, t); not(t); return;
      case "ule": cmp("flt", b, a, t); not(t); return;
      case "ult": cmp("fle", b, a, t); not(t); return;
      case "ord": case "uno":
        cmp("feq", a, a, t); cmp("feq", b, b, u);
        if (i.pred === "ord") this.emit("and", d(x), r(t), r(u));
        else { const v = this.vreg(); this.emit("and", d(v), r(t), r(u)); not(v); }
        return;
      case "one": case "ueq": {
        cmp("flt", a, b, t); cmp("flt", b, a, u);
        if (i.pred === "one") this.emit("or", d(x), r(t), r(u));
        else { const v = this.vreg(); this.emit("or", d(v), r(t), r(u)); not(v); }
        return;
      }
    }
  }

  /** `dst = c ? a : b` on int registers, branch-free: b ^ ((a ^ b) & -c). */
  private pick(mask: number, a: number, b: number, dst: number): void {
    const t = this.vreg(), u = this.vreg();
    this.emit("xor", d(t), r(a), r(b));
    this.emit("and", d(u), r(t), r(mask));
    this.emit("xor", d(dst), r(b), r(u));
  }

  private lowerSelect(i: ir.Select): void {
    const c = this.intReg(i.cond, "i1");
    const mask = this.vreg();
    this.emit("neg", d(mask), r(c));
    const t = i.type;
    if (isPair(t)) {
      const [al, ah] = this.pair(i.a);
      const [bl, bh] = this.pair(i.b);
      const [dl, dh] = this.regsOf(i.dst);
      this.pick(mask, al, bl, dl!);
      this.pick(mask, ah, bh, dh!);
    } else if (isFP(t)) {
      const a = this.vreg(), b = this.vreg(), m = this.vreg();
      this.emit("fmv.x.d", d(a), r(this.valReg(i.a, t)));
      this.emit("fmv.x.d", d(b), r(this.valReg(i.b, t)));
      this.pick(mask, a, b, m);
      this.emit("fmv.d.x", d(this.defReg(i.dst)), r(m));
    } else {
      this.pick(mask, this.intReg(i.a, t), this.intReg(i.b, t), this.defReg(i.dst));
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
          const s = this.ext(i.a, from, i.op === "sext" || from === "i32");
          if (i.op === "sext") { this.mv(s, lo!); this.emit("srai", d(hi!), r(s), im(63)); }
          else {
            const z = i.op === "zext" ? this.ext(i.a, from, false) : s;
            this.mv(z, lo!);
            this.mv(ZERO, hi!);
          }
          return;
        }
        const src: Value = from === "i128" ? { k: "temp", id: this.selTemp("i64", this.pair(i.a)[0]) } : i.a;
        const fromT: Type = from === "i128" ? "i64" : from;
        if (i.op === "zext" || i.op === "sext") { this.mv(this.ext(src, fromT, i.op === "sext"), x()); return; }
        if (irSize(to) > irSize(fromT)) { this.mv(this.ext(src, fromT, fromT === "i32"), x()); return; }
        // Narrowing (or same width): re-establish the representation of `to`.
        if (to === "i32" && fromT !== "i32") this.emit("sext.w", d(x()), r(this.intReg(src, fromT)));
        else if (to === "i1" && fromT !== "i1") this.emit("andi", d(x()), r(this.intReg(src, fromT)), im(1));
        else this.mv(this.intReg(src, fromT), x());
        return;
      }
      case "bitcast": {
        if (isPair(from) || isPair(to)) return this.lowerCopy("i128", i.a, i.dst);
        if (isFP(from) === isFP(to)) return this.lowerCopy(to, i.a, i.dst);
        const w = to === "f32" || from === "f32";
        if (isFP(to)) this.emit(w ? "fmv.w.x" : "fmv.d.x", d(x()), r(this.intReg(i.a, from)));
        else this.emit(w ? "fmv.x.w" : "fmv.x.d", d(x()), r(this.valReg(i.a, from)));
        return;
      }
      case "fpext": this.emit("fcvt.d.s", d(x()), r(this.valReg(i.a, from))); return;
      case "fptrunc": this.emit("fcvt.s.d", d(x()), r(this.valReg(i.a, from))); return;
      case "sitofp": case "uitofp": {
        if (from === "i128") this.fail(`${i.op} from i128 left for legalisation`);
        const s = to === "f32" ? "s" : "d";
        const signed = i.op === "sitofp";
        if (from === "i32") { this.emit(`fcvt.${s}.w${signed ? "" : "u"}`, d(x()), r(this.intReg(i.a, from))); return; }
        this.emit(`fcvt.${s}.l${signed ? "" : "u"}`, d(x()), r(this.ext(i.a, from, signed)));
        return;
      }
      case "fptosi": case "fptoui": {
        if (to === "i128") this.fail(`${i.op} to i128 left for legalisation`);
        const s = from === "f32" ? "s" : "d";
        const v = this.valReg(i.a, from);
        const rtz: MOperand = { k: "sym", name: "rtz" };
        if (to === "i32") this.emitX({ opc: `fcvt.w${i.op === "fptoui" ? "u" : ""}.${s}`, ops: [d(x()), r(v), rtz] });
        else this.emitX({ opc: `fcvt.l${i.op === "fptoui" && irSize(to) === 8 ? "u" : ""}.${s}`, ops: [d(x()), r(v), rtz] });
        if (to === "i1") this.emit("andi", d(x()), r(x()), im(1));
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
    switch (i.op) {
      case "add": {
        const lo = this.vreg(), c = this.vreg(), h = this.vreg();
        this.emit("add", d(lo), r(al), r(bl));
        this.emit("sltu", d(c), r(lo), r(al));
        this.emit("add", d(h), r(ah), r(bh));
        this.emit("add", d(dh), r(h), r(c));
        this.mv(lo, dl);
        return;
      }
      case "sub": {
        const lo = this.vreg(), c = this.vreg(), h = this.vreg();
        this.emit("sub", d(lo), r(al), r(bl));
        this.emit("sltu", d(c), r(al), r(lo));
        this.emit("sub", d(h), r(ah), r(bh));
        this.emit("sub", d(dh), r(h), r(c));
        this.mv(lo, dl);
        return;
      }
      case "and": case "or": case "xor":
        this.emit(i.op, d(dl), r(al), r(bl));
        this.emit(i.op, d(dh), r(ah), r(bh));
        return;
      case "mul": {
        // (ah:al)*(bh:bl) mod 2^128 = al*bl + ((al*bh + ah*bl) << 64)
        const c1 = this.vreg(), c2 = this.vreg(), s = this.vreg(), h = this.vreg(), h2 = this.vreg(), lo = this.vreg();
        this.emit("mul", d(c1), r(al), r(bh));
        this.emit("mul", d(c2), r(ah), r(bl));
        this.emit("add", d(s), r(c1), r(c2));
        this.emit("mulhu", d(h), r(al), r(bl));
        this.emit("mul", d(lo), r(al), r(bl));
        this.emit("add", d(h2), r(h), r(s));
        this.mv(lo, dl);
        this.mv(h2, dh);
        return;
      }
      case "shl": case "lshr": case "ashr": {
        // By n mod 128, branch-free: shift both halves by n mod 64 (the
        // register shifts take the low 6 bits), carry the bits crossing the
        // middle, then swap halves under the mask of n & 64.
        const n = bl;
        const notN = this.vreg(), big = this.vreg(), mask = this.vreg(), keep = this.vreg();
        this.emit("not", d(notN), r(n));
        this.emit("srli", d(big), r(n), im(6));
        this.emit("andi", d(big), r(big), im(1));
        this.emit("neg", d(mask), r(big));
        this.emit("addi", d(keep), r(big), im(-1));
        const tl = this.vreg(), th = this.vreg(), c = this.vreg(), c2 = this.vreg(), m = this.vreg();
        if (i.op === "shl") {
          this.emit("sll", d(tl), r(al), r(n));
          this.emit("sll", d(th), r(ah), r(n));
          this.emit("srli", d(c), r(al), im(1));
          this.emit("srl", d(c2), r(c), r(notN));
          this.emit("or", d(m), r(th), r(c2));
          this.pick(mask, tl, m, dh);
          this.emit("and", d(dl), r(tl), r(keep));
        } else {
          this.emit("srl", d(tl), r(al), r(n));
          this.emit(i.op === "lshr" ? "srl" : "sra", d(th), r(ah), r(n));
          this.emit("slli", d(c), r(ah), im(1));
          this.emit("sll", d(c2), r(c), r(notN));
          this.emit("or", d(m), r(tl), r(c2));
          this.pick(mask, th, m, dl);
          if (i.op === "lshr") this.emit("and", d(dh), r(th), r(keep));
          else {
            const fill = this.vreg();
            this.emit("srai", d(fill), r(ah), im(63));
            this.pick(mask, fill, th, dh);
          }
        }
        return;
      }
    }
    this.fail(`i128 ${i.op} not supported`);
  }

  private compareI128(i: ir.ICmp, x: number): void {
    const [al, ah] = this.pair(i.a);
    const [bl, bh] = this.pair(i.b);
    if (i.pred === "eq" || i.pred === "ne") {
      const t = this.vreg(), u = this.vreg(), v = this.vreg();
      this.emit("xor", d(t), r(al), r(bl));
      this.emit("xor", d(u), r(ah), r(bh));
      this.emit("or", d(v), r(t), r(u));
      this.emit(i.pred === "eq" ? "seqz" : "snez", d(x), r(v));
      return;
    }
    // a < b ⟺ hi(a) < hi(b) || (hi(a) == hi(b) && lo(a) <u lo(b)).
    let [p, q] = [[al, ah], [bl, bh]];
    let pred = i.pred;
    if (pred === "sgt" || pred === "sle" || pred === "ugt" || pred === "ule") {
      [p, q] = [q, p];
      pred = ({ sgt: "slt", sle: "sge", ugt: "ult", ule: "uge" } as const)[pred];
    }
    const hl = this.vreg(), he = this.vreg(), eq = this.vreg(), ll = this.vreg(), both = this.vreg(), lt = this.vreg();
    this.emit(pred[0] === "s" ? "slt" : "sltu", d(hl), r(p[1]!), r(q[1]!));
    this.emit("xor", d(he), r(p[1]!), r(q[1]!));
    this.emit("seqz", d(eq), r(he));
    this.emit("sltu", d(ll), r(p[0]!), r(q[0]!));
    this.emit("and", d(both), r(eq), r(ll));
    if (pred === "slt" || pred === "ult") this.emit("or", d(x), r(hl), r(both));
    else {
      this.emit("or", d(lt), r(hl), r(both));
      this.emit("xori", d(x), r(lt), im(1));
    }
  }

  // ------------------------------------------------------------ calls

  private lowerCall(i: ir.Call): void {
    if (i.vaPack) throw new CodegenError(`invalid use of '__builtin_va_arg_pack ()' (in ${this.f.name})`);
    const lay = layoutCall(i.ret, i.args.map((a) => a.type), i.fixedArgs);
    // By-reference aggregates: a copy in this frame whose address is passed.
    const byref = new Map<number, number>();
    i.args.forEach((a, k) => {
      if (lay.args[k]!.kind !== "byref" || a.type.kind !== "agg") return;
      const slot = newSlot(this.mf, Math.max(a.type.layout.size, 1), Math.min(16, Math.max(8, a.type.layout.align)));
      this.copyMem({ kind: "slot", slot, off: 0 }, this.address(a.value), a.type.layout.size);
      const p = this.vreg();
      this.emit("lea", d(p), slotMem(slot));
      byref.set(k, p);
    });
    if (lay.stackBytes) this.opImm("addi", "add", SP, SP, BigInt(-lay.stackBytes));
    const sp: Address = { kind: "reg", reg: SP, off: 0 };
    // Stack arguments first (they may need temporaries), then registers.
    i.args.forEach((a, k) => {
      const loc = lay.args[k]!;
      if (loc.kind === "stack") {
        if (a.type.kind === "agg") this.copyMem({ ...sp, off: loc.offset }, this.address(a.value), a.type.layout.size);
        else {
          const t = a.type.type;
          if (!isPair(t) && !isFP(t) && irSize(t) < 8) this.emit("sd", r(this.ext(a.value, t, loc.ext !== "zero")), this.memOf(sp, loc.offset));
          else this.storeTyped(t, a.value, this.memOf(sp, loc.offset));
        }
      } else if (loc.kind === "split") {
        const size = a.type.kind === "agg" ? a.type.layout.size : 16;
        if (a.type.kind === "agg") this.copyMem({ ...sp, off: loc.offset }, { ...this.address(a.value), off: this.address(a.value).off + size - loc.size }, loc.size);
        else this.emit("sd", r(this.pair(a.value)[1]), this.memOf(sp, loc.offset));
      } else if (loc.kind === "byref" && loc.ptr.kind === "stack") {
        this.emit("sd", r(byref.get(k)!), this.memOf(sp, loc.ptr.offset));
      }
    });
    // Register arguments into vregs first, then into place together, so no
    // argument register is live across another's computation.
    const moves: { reg: number; src: number; cls: RegClass; t: Type }[] = [];
    i.args.forEach((a, k) => {
      const loc = lay.args[k]!;
      if (loc.kind === "byref") {
        if (loc.ptr.kind === "regs") moves.push({ reg: loc.ptr.parts[0]!.reg, src: byref.get(k)!, cls: "int", t: "ptr" });
        return;
      }
      if (loc.kind !== "regs" && loc.kind !== "split") return;
      if (a.type.kind === "agg") {
        const ad = this.address(a.value);
        for (const p of loc.parts) moves.push({ reg: p.reg, src: this.loadPart(p, this.memOf(ad, p.offset)), cls: p.cls, t: p.size === 4 ? "f32" : "f64" });
        return;
      }
      const t = a.type.type;
      if (isPair(t)) {
        const [lo, hi] = this.pair(a.value);
        moves.push({ reg: loc.parts[0]!.reg, src: lo, cls: "int", t: "i64" });
        if (loc.parts[1]) moves.push({ reg: loc.parts[1].reg, src: hi, cls: "int", t: "i64" });
        return;
      }
      const part = loc.parts[0]!;
      if (isFP(t)) moves.push({ reg: part.reg, src: this.valReg(a.value, t), cls: "float", t });
      else moves.push({ reg: part.reg, src: this.ext(a.value, t, loc.kind === "regs" && loc.ext === "zero" ? false : true), cls: "int", t });
    });
    let callee: MOperand;
    if (i.callee.kind === "sym") {
      const name = i.callee.name;
      callee = { k: "sym", name, reloc: this.ctx.local.has(name) ? "" : "plt" };
    } else callee = r(this.valReg(i.callee.value, "ptr"));
    const retAddr = i.retAddr ? this.valReg(i.retAddr, "ptr") : -1;
    const chain = i.chain ? this.valReg(i.chain, "ptr") : -1;
    const argRegs: number[] = [];
    for (const mv of moves) {
      const dc: RegClass = mv.reg >= 32 ? "float" : "int";
      this.moveBetween(mv.src, mv.cls, mv.reg, dc, mv.t);
      argRegs.push(mv.reg);
    }
    if (lay.sret !== undefined) { this.mv(retAddr, lay.sret); argRegs.push(lay.sret); }
    if (chain >= 0) { this.mv(chain, CHAIN_REG); argRegs.push(CHAIN_REG); }
    this.emitX({ opc: "call", ops: [callee], impUses: argRegs, impDefs: CALLER_SAVED, call: true });
    if (lay.stackBytes) this.opImm("addi", "add", SP, SP, BigInt(lay.stackBytes));
    if (i.ret.kind === "scalar" && i.dst !== undefined && lay.ret.kind === "regs") {
      const t = i.ret.type;
      if (isPair(t)) {
        const [lo, hi] = this.regsOf(i.dst);
        this.mv(A0, lo!);
        this.mv(A1, hi!);
      } else if (isFP(t)) this.fmv(FA0, this.defReg(i.dst));
      else if (t === "i32") this.emit("sext.w", d(this.defReg(i.dst)), r(A0));
      else if (t === "i1") this.emit("andi", d(this.defReg(i.dst)), r(A0), im(1));
      else this.mv(A0, this.defReg(i.dst));
    } else if (i.ret.kind === "agg" && lay.sret === undefined && lay.ret.kind === "regs") {
      const got = lay.ret.parts.map((p) => {
        const t = this.vreg(p.cls);
        if (p.cls === "float") this.fmv(p.reg, t);
        else this.mv(p.reg, t);
        return t;
      });
      lay.ret.parts.forEach((p, k) => this.storePart(got[k]!, p, memAt(retAddr, p.offset)));
    }
  }

  // ------------------------------------------------------------ varargs

  private lowerVaStart(ap: Value): void {
    if (!this.f.varargs) this.fail("va_start in a non-variadic function");
    const first = this.incoming(0);
    const x = this.vreg();
    // The save area of a0–a7 sits right below the stack arguments.
    const off = first.off - this.vaSave + 8 * this.layout.regsUsed.int! + (this.layout.regsUsed.int! >= 8 ? this.layout.stackUsed : 0);
    this.opImm("addi", "add", x, S0, BigInt(off));
    this.emit("sd", r(x), this.memOf(this.address(ap)));
  }

  private lowerVaArg(i: ir.VaArg): void {
    const apAddr = this.address(i.ap);
    const t = i.type;
    const p = this.vreg();
    this.emit("ld", d(p), this.memOf(apAddr));
    const size = t.kind === "agg" ? t.layout.size : isPair(t.type) ? 16 : 8;
    let at = p;
    if (argAlign(t) >= 16 && size <= 16) {
      at = this.vreg();
      const u = this.vreg();
      this.emit("addi", d(u), r(p), im(15));
      this.emit("andi", d(at), r(u), im(-16));
    }
    const next = this.vreg();
    const byRef = t.kind === "agg" && size > 16;
    // An empty struct occupies no argument slot (it was never passed).
    this.emit("addi", d(next), r(at), im(byRef ? 8 : size === 0 ? 0 : Math.max(8, Math.ceil(size / 8) * 8)));
    this.emit("sd", r(next), this.memOf(apAddr));
    if (t.kind === "agg") {
      if (byRef) this.emit("ld", d(this.defReg(i.dst)), memAt(at));
      else this.mv(at, this.defReg(i.dst));
      return;
    }
    this.loadTyped(t.type, memAt(at), i.dst);
  }

  // ------------------------------------------------------------ intrinsics

  private lowerIntrinsic(i: ir.Intrinsic): void {
    const t = i.type ?? "i64";
    const dst = (): number => (i.dst !== undefined ? this.defReg(i.dst) : this.vreg());
    switch (i.name) {
      case "trap": this.emit("ebreak"); return;
      case "stack_guard": {
        // riscv64 glibc keeps the canary in the global __stack_chk_guard.
        const a = this.symAddress("__stack_chk_guard", 0);
        this.emit("ld", d(dst()), memAt(a));
        return;
      }
      case "clz": case "ctz": case "popcount": {
        const bits = irSize(t) * 8;
        const a = this.ext(i.args[0]!, t, false);
        const x = dst();
        if (i.name === "popcount") { this.mv(this.libcall("__popcountdi2", [a], "i64")!, x); return; }
        if (i.name === "ctz") { this.mv(this.ctz(a), x); return; }
        // clz of the zero-extended value counts 64-bits extra zeros.
        const c = this.clz64(a);
        this.opImm("addi", "add", x, c, BigInt(bits - 64));
        return;
      }
      case "bswap": {
        const n = irSize(t);
        const a = this.valReg(i.args[0]!, t);
        let acc = ZERO;
        for (let k = 0; k < n; k++) {
          const b = this.vreg(), sh = this.vreg(), next = this.vreg();
          this.emit("srli", d(b), r(a), im(8 * k));
          this.emit("andi", d(sh), r(b), im(255));
          const moved = this.vreg();
          this.emit("slli", d(moved), r(sh), im(8 * (n - 1 - k)));
          this.emit("or", d(next), r(acc), r(moved));
          acc = next;
        }
        const x = dst();
        if (t === "i32") this.emit("sext.w", d(x), r(acc));
        else this.mv(acc, x);
        return;
      }
      case "frame_address": case "return_address": {
        // Every tscc frame keeps s0 pointing at its frame record {saved s0, ra}.
        const level = i.args[0]?.k === "int" ? Number(i.args[0].value) : 0;
        const x = dst();
        if (level === 0 && i.name === "return_address") { this.emit("ld", d(x), memAt(S0, 8)); return; }
        let f = S0;
        for (let k = 0; k < level; k++) { const n = this.vreg(); this.emit("ld", d(n), memAt(f, 0)); f = n; }
        if (i.name === "return_address") this.emit("ld", d(x), memAt(f, 8));
        else this.mv(f, x);
        return;
      }
      case "dwarf_cfa": this.emit("addi", d(dst()), r(S0), im(16 + this.vaSave)); return;
      case "stack_save": this.mv(SP, dst()); return;
      case "stack_restore": this.mv(this.valReg(i.args[0]!, "ptr"), SP); return;
      case "atomic_load": {
        const p = this.valReg(i.args[0]!, "ptr");
        this.emit("fence", { k: "sym", name: "rw" }, { k: "sym", name: "rw" });
        this.loadTyped(t, memAt(p), i.dst!);
        this.emit("fence", { k: "sym", name: "r" }, { k: "sym", name: "rw" });
        return;
      }
      case "atomic_xchg": case "atomic_add": case "atomic_cmpxchg": {
        const w = irSize(t);
        const p = this.valReg(i.args[0]!, "ptr");
        const x = dst();
        if (w === 4 || w === 8) {
          const sfx = w === 4 ? "w" : "d";
          if (i.name === "atomic_cmpxchg") {
            const want = this.intReg(i.args[1]!, t), next = this.intReg(i.args[2]!, t);
            this.emitX({ opc: `cas.${sfx}`, ops: [de(x), r(p), r(want), r(next)] });
            return;
          }
          const v = this.intReg(i.args[1]!, t);
          this.emitX({ opc: `${i.name === "atomic_xchg" ? "amoswap" : "amoadd"}.${sfx}.aqrl`, ops: [d(x), r(v), memAt(p)] });
          return;
        }
        // 1- and 2-byte: LR/SC on the aligned word holding them, under a mask.
        const shift = this.vreg(), aligned = this.vreg(), low = this.vreg(), mask = this.vreg(), m0 = this.vreg();
        this.emit("andi", d(low), r(p), im(3));
        this.emit("slli", d(shift), r(low), im(3));
        this.emit("andi", d(aligned), r(p), im(-4));
        this.emit("li", d(m0), im(w === 1 ? 0xff : 0xffff));
        this.emit("sllw", d(mask), r(m0), r(shift));
        const place = (v: Value): number => {
          const e = this.ext(v, t, false), s = this.vreg();
          this.emit("sllw", d(s), r(e), r(shift));
          return s;
        };
        const old = this.vreg(), ow = this.vreg();
        if (i.name === "atomic_cmpxchg") {
          const want = place(i.args[1]!), next = place(i.args[2]!);
          this.emitX({ opc: "casmask.w", ops: [de(ow), r(aligned), r(want), r(next), r(mask), de(this.vreg())] });
        } else {
          const v = place(i.args[1]!);
          this.emitX({ opc: i.name === "atomic_xchg" ? "xchgmask.w" : "addmask.w", ops: [de(ow), r(aligned), r(v), r(mask), de(this.vreg())] });
        }
        this.emit("srlw", d(old), r(ow), r(shift));
        if (w === 1) this.emit("andi", d(x), r(old), im(0xff));
        else this.mv(this.shiftPair(old, 48, false), x);
        return;
      }
      case "fence": this.emit("fence", { k: "sym", name: "rw" }, { k: "sym", name: "rw" }); return;
      case "setjmp": {
        // The buffer holds s0, the resume address and sp. A resumption
        // arrives at the label with a0 = 1 and every other register clobbered.
        this.mv(this.valReg(i.args[0]!, "ptr"), A0);
        const resume = this.newLabel();
        this.emitX({ opc: "setjmp", ops: [{ k: "sym", name: resume }], impUses: [A0], impDefs: [A0], clobbers: ALL_REGS.filter((x) => x !== A0) });
        this.mv(A0, dst());
        return;
      }
      case "longjmp":
        this.mv(this.valReg(i.args[0]!, "ptr"), A1);
        this.emitX({ opc: "longjmp", ops: [], impUses: [A1], clobbers: ALL_REGS.filter((x) => x !== A1) });
        return;
      case "init_trampoline": {
        // auipc t2,0; ld t0,24(t2); ld t2,16(t2); jr t0; .dword chain; .dword fn
        const tramp = this.address(i.args[0]!);
        const fn = this.valReg(i.args[1]!, "ptr");
        const chain = this.valReg(i.args[2]!, "ptr");
        [0x00000397n, 0x0183b283n, 0x0103b383n, 0x00028067n].forEach((word, k) => {
          this.emit("sw", r(this.li(BigInt.asIntN(32, word))), this.memOf(tramp, 4 * k));
        });
        this.emit("sd", r(chain), this.memOf(tramp, 16));
        this.emit("sd", r(fn), this.memOf(tramp, 24));
        this.emit("fence.i");
        this.ctx.execStack = true;
        return;
      }
      case "is_constant": this.mv(ZERO, dst()); return;
      case "object_size": {
        const kind = i.args[1]?.k === "int" ? Number(i.args[1].value) & 3 : 0;
        this.mv(kind >= 2 ? ZERO : this.li(-1n), dst());
        return;
      }
    }
    this.fail(`unknown intrinsic ${i.name}`);
  }

  /** Count trailing zeros of a nonzero 64-bit value: 63 - clz of its lowest set bit. */
  private ctz(a: number): number {
    const neg = this.vreg(), low = this.vreg(), x = this.vreg();
    this.emit("neg", d(neg), r(a));
    this.emit("and", d(low), r(a), r(neg));
    const c = this.clz64(low);
    this.emit("sub", d(x), r(this.li(63n)), r(c));
    return x;
  }

  /** Count leading zeros of a 64-bit value (64 for zero), branch-free binary search. */
  private clz64(a: number): number {
    let v = a;
    let n = this.li(0n);
    for (const s of [32, 16, 8, 4, 2, 1]) {
      // If v >> (64 - s) ... test the top s bits of the remaining window.
      const top = this.vreg(), isZero = this.vreg(), amt = this.vreg(), nv = this.vreg(), nn = this.vreg();
      this.emit("srli", d(top), r(v), im(64 - s));
      this.emit("seqz", d(isZero), r(top));
      this.emit("slli", d(amt), r(isZero), im(Math.log2(s)));
      this.emit("sll", d(nv), r(v), r(amt));
      this.emit("add", d(nn), r(n), r(amt));
      v = nv;
      n = nn;
    }
    // Zero input: every step shifted, n = 63, and the value is still zero: add 1.
    const z = this.vreg(), out = this.vreg();
    this.emit("seqz", d(z), r(v));
    this.emit("add", d(out), r(n), r(z));
    return out;
  }

  // ------------------------------------------------------------ terminators

  private target(label: string): MOperand {
    const b = this.blockIdx.get(label)!;
    this.cur.succs.push(b);
    return { k: "label", block: b };
  }
  private jmp(label: string): void {
    this.emitX({ opc: "j", ops: [this.target(label)] });
  }

  /**
   * Dense switch → bounds check + pc-relative table of 32-bit offsets (as
   * gcc lays it out). Case values are read signed or unsigned in the switch
   * width, whichever spans less; (value - min) compared unsigned against the
   * range sends values below min to the default too.
   */
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
    const v = this.ext(t.value, t.type, signed);
    const idx = this.vreg();
    if (min === 0n) this.mv(v, idx);
    else this.opImm("addi", "add", idx, v, -min);
    this.emitX({ opc: "bltu", ops: [r(this.li(range)), r(idx), this.target(t.default)] });
    const label = `.LJT${this.ctx.jumpTables.size}`;
    const targets = new Array<string>(Number(range) + 1).fill(t.default);
    t.cases.forEach((c, k) => (targets[Number((signed ? sv[k]! : uv[k]!) - min)] = c.target));
    this.ctx.jumpTables.set(label, targets.map((l) => this.blockLabel(l)));
    const base = this.vreg(), scaled = this.vreg(), at = this.vreg(), off = this.vreg(), dest = this.vreg();
    this.emit("lla", d(base), { k: "sym", name: label });
    this.emit("slli", d(scaled), r(idx), im(2));
    this.emit("add", d(at), r(scaled), r(base));
    this.emit("lw", d(off), memAt(at));
    this.emit("add", d(dest), r(off), r(base));
    this.emitX({ opc: "jr.table", ops: [r(dest)] });
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
          const cmp = b.insts[b.insts.length - 1] as ir.ICmp;
          const [x, y] = this.cmpOperands(cmp);
          const br = BRANCH[cmp.pred];
          const [p, q] = br.swap ? [y, x] : [x, y];
          this.emitX({ opc: br.op, ops: [r(p), r(q), this.target(t.ifTrue)] });
        } else if (c.k === "int" || c.k === "undef") {
          this.jmp(c.k === "int" && (c.value & 1n) ? t.ifTrue : t.ifFalse);
          return;
        } else {
          this.emitX({ opc: "bnez", ops: [r(this.valReg(c, "i1")), this.target(t.ifTrue)] });
        }
        this.jmp(t.ifFalse);
        return;
      }
      case "switch": {
        if (t.type === "i128") {
          const [lo, hi] = this.pair(t.value);
          for (const c of t.cases) {
            const v = BigInt.asUintN(128, c.value);
            const x = this.vreg(), y = this.vreg(), z = this.vreg();
            this.emit("xor", d(x), r(lo), r(this.intReg({ k: "int", value: BigInt.asIntN(64, v) }, "i64")));
            this.emit("xor", d(y), r(hi), r(this.intReg({ k: "int", value: BigInt.asIntN(64, v >> 64n) }, "i64")));
            this.emit("or", d(z), r(x), r(y));
            this.emitX({ opc: "beqz", ops: [r(z), this.target(c.target)] });
          }
          this.jmp(t.default);
          return;
        }
        if (this.ctx.useJumpTables && this.jumpTable(t)) return;
        const v = irSize(t.type) < 4 ? this.ext(t.value, t.type, false) : this.intReg(t.value, t.type);
        for (const c of t.cases) {
          const cv = irSize(t.type) < 4 ? BigInt.asUintN(irSize(t.type) * 8, c.value) : normalize(c.value, t.type);
          this.emitX({ opc: "beq", ops: [r(v), r(this.intReg({ k: "int", value: cv }, "i64")), this.target(c.target)] });
        }
        this.jmp(t.default);
        return;
      }
      case "ret": this.lowerRet(t.value); return;
      case "unreachable": this.emit("ebreak"); this.emitX({ opc: "ret", ops: [], impUses: [] }); return;
      case "indirectbr": {
        this.emitX({ opc: "jr.indirect", ops: [r(this.valReg(t.addr, "ptr"))] });
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
   * GNU asm: each operand where its constraint asks (a register of a class,
   * a named register, memory as `offset(reg)`, an immediate), one MIR
   * instruction carrying the template, expanded by the emitter once
   * registers are final. Matching inputs ("0") are copied into their
   * output's register, which the asm then reads and writes.
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
      if (n === S0) throw new CodegenError(`s0 is the frame pointer and cannot be clobbered${where}`);
      clobbers.push(n);
    }
    const beforeAsm: (() => void)[] = [];
    const afterAsm: (() => void)[] = [];
    const outReg: ({ reg: number; cls: RegClass } | undefined)[] = [];
    const clsOf = (t: Type): RegClass => (isFP(t) ? "float" : "int");
    const check = (t: Type, what: string): void => {
      if (isPair(t)) throw new CodegenError(`a ${t} ${what} in a register is not supported${where}`);
    };
    /** Memory operand for an address: `0(reg)` (constraint A and m alike). */
    const memOperand = (addr: Value): MMem => {
      const ad = this.address(addr);
      return ad.kind === "slot" ? slotMem(ad.slot, ad.off) : this.memOf(ad);
    };

    a.outputs.forEach((o, k) => {
      const c = parseConstraint(o.constraint);
      if (o.kind === "mem") {
        operand(memOperand(o.addr), o.name);
        outReg.push(undefined);
        return;
      }
      const t = this.f.temps[o.dst]!.type;
      const place = c.reg ?? (c.mem ? { kind: "any" as const, cls: "int" as const } : undefined);
      if (!place) throw new CodegenError(`impossible constraint "${o.constraint}" in asm output ${k}${where}`);
      check(t, "asm output");
      const cls: RegClass = place.kind === "fixed" ? (place.reg >= 32 ? "float" : "int") : place.cls;
      const reg = (n: number): MReg => ({ k: "reg", r: n, size: 8, def: true, ...(c.early ? { early: true } : {}) });
      let n: number;
      if (place.kind === "fixed") {
        n = place.reg;
        afterAsm.push(() => this.moveBetween(n, cls, this.defReg(o.dst), clsOf(t), t));
      } else if (cls === clsOf(t)) n = this.defReg(o.dst);
      else {
        n = this.vreg(cls);
        afterAsm.push(() => this.moveBetween(n, cls, this.defReg(o.dst), clsOf(t), t));
      }
      operand(reg(n), o.name);
      outReg.push({ reg: n, cls });
    });

    for (const x of a.inputs) {
      if (x.kind === "mem") { operand(memOperand(x.addr), x.name); continue; }
      const c = parseConstraint(x.constraint);
      const { value: v, type: t } = x;
      if (c.match !== undefined) {
        const out = outReg[c.match];
        const target = operands[c.match];
        if (c.match >= a.outputs.length || !target) throw new CodegenError(`matching constraint "${x.constraint}" names no output${where}`);
        if (out === undefined) { operands.push({ ...target, ...(x.name !== undefined ? { name: x.name } : {}) }); continue; }
        check(t, "asm input");
        const src = isFP(t) ? this.valReg(v, t) : this.intReg(v, t);
        beforeAsm.push(() => this.moveBetween(src, clsOf(t), out.reg, out.cls, t));
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
      check(t, "asm input");
      const vcls = clsOf(t);
      const src = vcls === "float" ? this.valReg(v, t) : this.intReg(v, t);
      if (place.kind === "fixed") {
        const n = place.reg;
        const cls: RegClass = n >= 32 ? "float" : "int";
        beforeAsm.push(() => this.moveBetween(src, vcls, n, cls, t));
        operand(r(n), x.name);
      } else if (place.cls === vcls && src !== ZERO) operand(r(src), x.name);
      else {
        const n = this.vreg(place.cls);
        this.moveBetween(src, vcls, n, place.cls, t);
        operand(r(n), x.name);
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
