// A small builder for lowering and tests: creates temps with unique names and
// appends instructions to the current block. It only constructs plain data;
// nothing here is needed to read or transform IR.

import type {
  AggLayout, ArgType, Block, CallArg, ConvOp, FCmpPred, FloatBinOp, FloatType, Func, ICmpPred,
  Inst, IntBinOp, IntType, Linkage, Module, RetType, StackProtectClass, Terminator, Type, Value, Global,
} from "./ir.js";
import { floatBits } from "./float.js";
import type { DebugLoc } from "./debug.js";

export function newModule(): Module {
  return { types: [], globals: [], funcs: [], asm: [] };
}

export function scalar(type: Type): ArgType {
  return { kind: "scalar", type };
}
export function agg(layout: AggLayout): ArgType {
  return { kind: "agg", layout };
}
export const VOID: RetType = { kind: "void" };

export function intValue(v: bigint | number): Value {
  return { k: "int", value: BigInt(v) };
}
export function floatValue(t: FloatType, x: number): Value {
  return { k: "float", bits: floatBits(t, x) };
}

export class FuncBuilder {
  readonly func: Func;
  private cur: Block | undefined;
  private names = new Set<string>();
  /** Next numeric suffix to try for each temp hint (keeps newTemp linear on huge functions). */
  private nextSuffix = new Map<string, number>();
  private labels = new Set<string>();
  private labelCount = 0;

  constructor(module: Module, name: string, ret: RetType, params: { type: ArgType; name?: string }[],
    opts: { varargs?: boolean; linkage?: Linkage } = {}) {
    this.func = {
      name, linkage: opts.linkage ?? "external", visibility: "default", ret, params: [],
      varargs: opts.varargs ?? false, blocks: [], temps: [], addressTaken: [],
    };
    for (const p of params) {
      const t = this.newTemp(p.type.kind === "scalar" ? p.type.type : "ptr", p.name ?? "arg");
      this.func.params.push({ type: p.type, temp: t });
    }
    module.funcs.push(this.func);
  }

  /** A fresh temp; `hint` becomes its name, made unique with a numeric suffix. */
  newTemp(type: Type, hint = "t"): number {
    let name = hint;
    if (this.names.has(name)) {
      let n = this.nextSuffix.get(hint) ?? 1;
      while (this.names.has(`${hint}.${n}`)) n++;
      this.nextSuffix.set(hint, n + 1);
      name = `${hint}.${n}`;
    }
    this.names.add(name);
    this.func.temps.push({ name, type });
    return this.func.temps.length - 1;
  }

  param(i: number): Value {
    return { k: "temp", id: this.func.params[i]!.temp };
  }

  /** Create a block (not yet positioned at). */
  block(hint = "L"): Block {
    let label = hint;
    while (this.labels.has(label)) label = `${hint}${++this.labelCount}`;
    this.labels.add(label);
    const b: Block = { label, phis: [], insts: [], term: { op: "unreachable" } };
    this.func.blocks.push(b);
    return b;
  }

  at(b: Block): this {
    this.cur = b;
    return this;
  }

  get current(): Block {
    if (!this.cur) throw new Error("FuncBuilder: no current block");
    return this.cur;
  }

  /** -g: the source position given to what is emitted from now on. */
  loc: DebugLoc | undefined;

  emit(i: Inst): void {
    if (this.loc) i.loc = this.loc;
    this.current.insts.push(i);
  }

  private def(type: Type, hint: string | undefined, mk: (dst: number) => Inst): Value {
    const dst = this.newTemp(type, hint);
    this.emit(mk(dst));
    return { k: "temp", id: dst };
  }

  alloca(size: number, align: number, hint?: string, ssp?: StackProtectClass): Value {
    return this.def("ptr", hint, (dst) => (ssp ? { op: "alloca", dst, size, align, ssp } : { op: "alloca", dst, size, align }));
  }
  load(type: Type, addr: Value, hint?: string, volatile = false): Value {
    return this.def(type, hint, (dst) => ({ op: "load", dst, type, addr, volatile }));
  }
  store(type: Type, value: Value, addr: Value, volatile = false): void {
    this.emit({ op: "store", type, value, addr, volatile });
  }
  bin(op: IntBinOp, type: IntType | "ptr", a: Value, b: Value, hint?: string): Value {
    return this.def(type, hint, (dst) => ({ op, dst, type, a, b }));
  }
  fbin(op: FloatBinOp, type: FloatType, a: Value, b: Value, hint?: string): Value {
    return this.def(type, hint, (dst) => ({ op, dst, type, a, b }));
  }
  icmp(pred: ICmpPred, type: IntType | "ptr", a: Value, b: Value, hint?: string): Value {
    return this.def("i1", hint, (dst) => ({ op: "icmp", dst, pred, type, a, b }));
  }
  fcmp(pred: FCmpPred, type: FloatType, a: Value, b: Value, hint?: string): Value {
    return this.def("i1", hint, (dst) => ({ op: "fcmp", dst, pred, type, a, b }));
  }
  conv(op: ConvOp, from: Type, to: Type, a: Value, hint?: string): Value {
    return this.def(to, hint, (dst) => ({ op, dst, from, to, a }));
  }
  select(type: Type, cond: Value, a: Value, b: Value, hint?: string): Value {
    return this.def(type, hint, (dst) => ({ op: "select", dst, type, cond, a, b }));
  }
  addr(sym: string, offset = 0, hint?: string): Value {
    return this.def("ptr", hint, (dst) => ({ op: "addr", dst, sym, offset }));
  }
  /**
   * Call `callee` (a symbol name or a ptr value). Aggregate args are pointers
   * to the caller's copy; for an aggregate result pass `retAddr`.
   * `fixedArgs` marks a call to a variadic function; `chain` is the static
   * chain for a callee that takes one.
   */
  call(ret: RetType, callee: string | Value, args: CallArg[], opts: { fixedArgs?: number; retAddr?: Value; hint?: string; chain?: Value; builtin?: string; vaPack?: boolean } = {}): Value | undefined {
    const i: Extract<Inst, { op: "call" }> = {
      op: "call", ret, args,
      callee: typeof callee === "string" ? { kind: "sym", name: callee } : { kind: "value", value: callee },
    };
    if (opts.fixedArgs !== undefined) i.fixedArgs = opts.fixedArgs;
    if (opts.retAddr) i.retAddr = opts.retAddr;
    if (opts.chain) i.chain = opts.chain;
    if (opts.builtin !== undefined) i.builtin = opts.builtin;
    if (opts.vaPack) i.vaPack = true;
    if (ret.kind === "scalar") {
      i.dst = this.newTemp(ret.type, opts.hint);
      this.emit(i);
      return { k: "temp", id: i.dst };
    }
    this.emit(i);
    return undefined;
  }

  /** A phi at the top of the current block; fill `incoming` as predecessors become known. */
  phi(type: Type, incoming: { block: Block; value: Value }[], hint?: string): Value {
    const dst = this.newTemp(type, hint);
    this.current.phis.push({ dst, type, incoming: incoming.map((x) => ({ block: x.block.label, value: x.value })) });
    return { k: "temp", id: dst };
  }
  memcpy(dstAddr: Value, srcAddr: Value, size: Value, align: number): void {
    this.emit({ op: "memcpy", dstAddr, srcAddr, size, align });
  }
  memset(dstAddr: Value, byte: Value, size: Value, align: number): void {
    this.emit({ op: "memset", dstAddr, byte, size, align });
  }
  vaArg(type: ArgType, ap: Value, hint?: string): Value {
    return this.def(type.kind === "scalar" ? type.type : "ptr", hint, (dst) => ({ op: "va_arg", dst, type, ap }));
  }
  intrinsic(name: string, type: Type | undefined, args: Value[], hint?: string): Value | undefined {
    if (type === undefined) {
      this.emit({ op: "intrinsic", name, args });
      return undefined;
    }
    return this.def(type, hint, (dst) => ({ op: "intrinsic", dst, name, type, args }));
  }

  term(t: Terminator): void {
    this.current.term = t;
    if (this.loc) this.current.termLoc = this.loc;
  }
  br(target: Block): void {
    this.term({ op: "br", target: target.label });
  }
  condbr(cond: Value, t: Block, f: Block): void {
    this.term({ op: "condbr", cond, ifTrue: t.label, ifFalse: f.label });
  }
  ret(value?: Value): void {
    this.term(value ? { op: "ret", value } : { op: "ret" });
  }
}

/**
 * Register an aggregate layout in the module (needed for the text form), reusing
 * an identical existing one. Names are made unique with a numeric suffix.
 */
export function defineType(m: Module, name: string, size: number, align: number, fields: AggLayout["fields"]): AggLayout {
  const same = m.types.find((t) => t.size === size && t.align === align && t.fields.length === fields.length &&
    t.fields.every((f, i) => f.offset === fields[i]!.offset && f.type === fields[i]!.type));
  if (same) return same;
  let unique = name;
  for (let n = 1; m.types.some((t) => t.name === unique); n++) unique = `${name}.${n}`;
  const t: AggLayout = { name: unique, size, align, fields };
  m.types.push(t);
  return t;
}

export function defineGlobal(m: Module, g: Partial<Global> & { name: string }): Global {
  const full: Global = {
    linkage: "external", visibility: "default", align: 1, threadLocal: false, readonly: false, ...g,
  };
  m.globals.push(full);
  return full;
}

/**
 * Fresh temps for a pass that adds them to an existing function: `hint`,
 * then `hint1`, `hint2`… (suffixes remembered per hint, so naming stays
 * linear on huge functions).
 */
export function tempNamer(f: Func): (type: Type, hint: string) => number {
  const names = new Set(f.temps.map((t) => t.name));
  const nextSuffix = new Map<string, number>();
  return (type, hint) => {
    let name = hint;
    if (names.has(name)) {
      let n = nextSuffix.get(hint) ?? 1;
      while (names.has(`${hint}${n}`)) n++;
      nextSuffix.set(hint, n + 1);
      name = `${hint}${n}`;
    }
    names.add(name);
    f.temps.push({ name, type });
    return f.temps.length - 1;
  };
}
