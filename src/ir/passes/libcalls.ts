// libcalls: simplify calls to known C library functions.
//
// Only calls marked `builtin $name` are touched: lowering marks a call when it
// is the standard function (gcc's builtin rules: no -fno-builtin[-name], no
// -ffreestanding, not a static function of the program). What this pass does
// is what a C library call means, so every rewrite keeps behaviour exactly:
//
//   - folding with constant arguments: strlen("abc") → 3, strchr("ab", 'b'),
//     strcmp/strncmp/memcmp of constant strings, strspn/strcspn/strpbrk/strstr,
//     memchr, strnlen, abs/labs/llabs/imaxabs;
//   - string lengths seen through phis and selects of constant strings
//     (strlen(c ? "foo" : "bar") → 3) and constant string + variable offset
//     (strlen("hello" + i) → 5 - i, when the string fills its object);
//   - small fixed-size copies become IR memcpy/memset (the backend expands
//     them inline): memcpy/mempcpy/memset with a constant length,
//     strcpy/stpcpy/strncpy with a source of known length, memmove from
//     read-only memory or of at most 16 bytes (loaded before stored);
//   - cheaper equivalents: strcat(d, s) → memcpy(d + strlen(d), s, n + 1),
//     strchr(s, 0) → s + strlen(s), strcmp(s, "") → *s, memcmp(a, b, 1),
//     sprintf(d, "text") → memcpy, printf("text\n") → puts("text"),
//     fprintf(f, "%s", s) → fputs(s, f), fputs("x", f) → fputc('x', f)…;
//   - `__builtin_object_size` (the `object_size` intrinsic) from the object
//     a pointer points into (globals, allocas, malloc), and the fortify
//     `__X_chk` calls become plain X when the size check is known to pass.
//
// Every object_size intrinsic is resolved here (unknown: -1 or 0), so later
// passes and backends see only constants. Replaced calls leave `copy`s of
// their results for constfold to forward; rewritten calls (`__memcpy_chk` →
// `memcpy`) are simplified again in turn.

import type {
  Block, CallArg, Func, Global, ICmpPred, Inst, IntBinOp, Module, Phi, RetType, Type, Value,
} from "../ir.js";
import { bitWidth, instDefs, instOperands, termOperands, UNDEF } from "../ir.js";
import { type ConstBytes, globalSize, readonlyBytes } from "../constmem.js";
import { bitsToF64, f64ToBits } from "../float.js";

export function libcalls(m: Module): void {
  const mod = new ModuleFacts(m);
  for (const f of m.funcs) new FuncSimplifier(mod, f).run();
}

// ---------------------------------------------------------------- signatures

/**
 * IR shape of each function handled: p ptr, i i32, z i64 (size_t, long), v
 * void; "." variadic; V a va_list (a pointer where it is an array type,
 * SysV; an aggregate passed by value where it is a struct, AAPCS64).
 */
const SIGNATURES: Readonly<Record<string, string>> = {
  strlen: "z:p", strnlen: "z:p,z", strcpy: "p:p,p", stpcpy: "p:p,p", strncpy: "p:p,p,z", stpncpy: "p:p,p,z",
  strcat: "p:p,p", strncat: "p:p,p,z", strcmp: "i:p,p", strncmp: "i:p,p,z",
  strchr: "p:p,i", index: "p:p,i", strrchr: "p:p,i", rindex: "p:p,i", strstr: "p:p,p", strpbrk: "p:p,p",
  strspn: "z:p,p", strcspn: "z:p,p",
  memcpy: "p:p,p,z", mempcpy: "p:p,p,z", memmove: "p:p,p,z", memset: "p:p,i,z", memcmp: "i:p,p,z", bcmp: "i:p,p,z",
  memchr: "p:p,i,z", bcopy: "v:p,p,z", bzero: "v:p,z",
  abs: "i:i", labs: "z:z", llabs: "z:z", imaxabs: "z:z", fabs: "d:d", fabsf: "f:f",
  floor: "d:d", ceil: "d:d", trunc: "d:d", round: "d:d", rint: "d:d", nearbyint: "d:d",
  malloc: "p:z", calloc: "p:z,z",
  sprintf: "i:p,p.", snprintf: "i:p,z,p.", printf: "i:p.", fprintf: "i:p,p.",
  vsprintf: "i:p,p,V", vsnprintf: "i:p,z,p,V",
  puts: "i:p", putchar: "i:i", fputs: "i:p,p", fputc: "i:i,p", fwrite: "z:p,z,z,p",
  printf_unlocked: "i:p.", fprintf_unlocked: "i:p,p.", fputs_unlocked: "i:p,p", vprintf: "i:p,V", vfprintf: "i:p,p,V",
  __printf_chk: "i:i,p.", __fprintf_chk: "i:p,i,p.", __vprintf_chk: "i:i,p,V", __vfprintf_chk: "i:p,i,p,V",
  __memcpy_chk: "p:p,p,z,z", __mempcpy_chk: "p:p,p,z,z", __memmove_chk: "p:p,p,z,z", __memset_chk: "p:p,i,z,z",
  __strcpy_chk: "p:p,p,z", __stpcpy_chk: "p:p,p,z", __strcat_chk: "p:p,p,z",
  __strncpy_chk: "p:p,p,z,z", __stpncpy_chk: "p:p,p,z,z", __strncat_chk: "p:p,p,z,z",
  __sprintf_chk: "i:p,i,z,p.", __snprintf_chk: "i:p,z,i,z,p.",
  __vsprintf_chk: "i:p,i,z,p,V", __vsnprintf_chk: "i:p,z,i,z,p,V",
};

const FABS = new Set(["fabs", "fabsf", "fabsl"]);

/** Functions that only read memory: an unused call can go. */
const PURE = new Set([
  "fabs", "fabsf", "fabsl",
  "strlen", "strnlen", "strcmp", "strncmp", "strchr", "index", "strrchr", "rindex", "strstr", "strpbrk",
  "strspn", "strcspn", "memcmp", "bcmp", "memchr", "abs", "labs", "llabs", "imaxabs",
]);

const CODE_TYPE: Readonly<Record<string, Type>> = { p: "ptr", i: "i32", z: "i64", d: "f64", f: "f32" };

/** Does the call have the shape the standard function has? (A mismatch: the program's own function.) */
function matchesSignature(c: CallInst, name: string): boolean {
  const sig = Object.hasOwn(SIGNATURES, name) ? SIGNATURES[name] : undefined;
  if (!sig) return false;
  const [ret, rest] = sig.split(":") as [string, string];
  const variadic = rest.endsWith(".");
  const params = (variadic ? rest.slice(0, -1) : rest).split(",").filter((x) => x !== "");
  if (ret === "v" ? c.ret.kind !== "void" : c.ret.kind !== "scalar" || c.ret.type !== CODE_TYPE[ret]) return false;
  if (variadic ? c.args.length < params.length : c.args.length !== params.length) return false;
  return params.every((p, k) => {
    const t = c.args[k]!.type;
    if (p === "V") return t.kind === "agg" || (t.kind === "scalar" && t.type === "ptr");
    return t.kind === "scalar" && t.type === CODE_TYPE[p];
  });
}

type CallInst = Extract<Inst, { op: "call" }>;

// ---------------------------------------------------------------- module facts

class ModuleFacts {
  private readonly globals = new Map<string, Global>();
  private readonly bytes = new Map<string, ConstBytes | undefined>();
  private readonly strings = new Map<string, string>();
  private fresh = 0;

  /** Library functions the program calls by another symbol (asm labels): name → symbol. */
  readonly symbols = new Map<string, string>();

  constructor(readonly m: Module) {
    for (const g of m.globals) this.globals.set(g.name, g);
    for (const f of m.funcs) {
      for (const b of f.blocks) {
        for (const i of b.insts) {
          if (i.op === "call" && i.builtin !== undefined && i.callee.kind === "sym" && i.callee.name !== i.builtin) {
            this.symbols.set(i.builtin, i.callee.name);
          }
        }
      }
    }
  }

  global(name: string): Global | undefined {
    return this.globals.get(name);
  }

  sizeOf(g: Global): number | undefined {
    return globalSize(g);
  }

  /** Contents of a read-only object this module defines and nothing can replace. */
  constBytes(g: Global): ConstBytes | undefined {
    if (!this.bytes.has(g.name)) this.bytes.set(g.name, readonlyBytes(g));
    return this.bytes.get(g.name);
  }

  /** A read-only NUL-terminated string global with these bytes (shared between uses). */
  stringGlobal(s: Uint8Array): string {
    const key = Array.from(s).join(",");
    const known = this.strings.get(key);
    if (known) return known;
    let name: string;
    do name = `.L.libcalls.${this.fresh++}`; while (this.globals.has(name));
    const data = new Uint8Array(s.length + 1);
    data.set(s);
    const g: Global = {
      name, linkage: "internal", visibility: "default", align: 1, threadLocal: false, readonly: true,
      init: [{ k: "bytes", data }],
    };
    this.m.globals.push(g);
    this.globals.set(name, g);
    this.strings.set(key, name);
    return name;
  }
}

// ---------------------------------------------------------------- pointers

/** What a pointer points into. */
type Root =
  | { k: "global"; g: Global }
  | { k: "stack"; id: number; size: number | undefined }
  | { k: "heap"; id: number; size: bigint | undefined }
  | { k: "other"; v: Value };

/** A pointer as root + byte offset (undefined: an offset not known at compile time). */
interface Loc { root: Root; off: bigint | undefined }

type Def = { k: "inst"; inst: Inst } | { k: "phi"; phi: Phi };

const I32_MIN = -(1n << 31n);

// ---------------------------------------------------------------- emitting

/** Builds the instructions that replace one call. */
class Emitter {
  readonly insts: Inst[] = [];
  constructor(readonly fs: FuncSimplifier) {}

  private def(type: Type, make: (dst: number) => Inst): Value {
    const dst = this.fs.newTemp(type);
    this.push(make(dst));
    return { k: "temp", id: dst };
  }
  push(i: Inst): void {
    this.insts.push(i);
    this.fs.added(i);
  }
  bin(op: IntBinOp, type: "i32" | "i64" | "ptr", a: Value, b: Value): Value {
    if (a.k === "int" && b.k === "int" && type !== "ptr") {
      const w = type === "i32" ? 32 : 64;
      if (op === "add") return int(BigInt.asUintN(w, a.value + b.value));
      if (op === "sub") return int(BigInt.asUintN(w, a.value - b.value));
    }
    if (b.k === "int" && b.value === 0n && (op === "add" || op === "sub")) return a;
    return this.def(type, (dst) => ({ op, dst, type, a, b }));
  }
  offset(p: Value, n: Value | bigint): Value {
    return this.bin("add", "ptr", p, typeof n === "bigint" ? int(n) : n);
  }
  icmp(pred: ICmpPred, type: "i8" | "i32" | "i64" | "ptr", a: Value, b: Value): Value {
    return this.def("i1", (dst) => ({ op: "icmp", dst, pred, type, a, b }));
  }
  select(type: Type, cond: Value, a: Value, b: Value): Value {
    return this.def(type, (dst) => ({ op: "select", dst, type, cond, a, b }));
  }
  loadU8(p: Value, to: "i32" | "i64"): Value {
    const x = this.def("i8", (dst) => ({ op: "load", dst, type: "i8", addr: p, volatile: false }));
    return this.def(to, (dst) => ({ op: "zext", dst, from: "i8", to, a: x }));
  }
  load(type: Type, p: Value): Value {
    return this.def(type, (dst) => ({ op: "load", dst, type, addr: p, volatile: false }));
  }
  store(type: Type, v: Value, p: Value): void {
    this.push({ op: "store", type, value: v, addr: p, volatile: false });
  }
  conv(op: "fpext" | "fptrunc", from: Type, to: Type, a: Value): Value {
    return this.def(to, (dst) => ({ op, dst, from, to, a }));
  }
  trunc8(v: Value): Value {
    if (v.k === "int") return int(BigInt.asUintN(8, v.value));
    return this.def("i8", (dst) => ({ op: "trunc", dst, from: "i32", to: "i8", a: v }));
  }
  memcpy(d: Value, s: Value, n: bigint): void {
    if (n > 0n) this.push({ op: "memcpy", dstAddr: d, srcAddr: s, size: int(n), align: 1 });
  }
  memset(d: Value, byte: Value, n: bigint): void {
    if (n > 0n) this.push({ op: "memset", dstAddr: d, byte: this.trunc8(byte), size: int(n), align: 1 });
  }
  /** A call to the standard function `name` (simplified again in its turn). */
  /** A call; an argument given as a CallArg is passed as it was (a va_list keeps its ABI type). */
  call(name: string, ret: "ptr" | "i32" | "i64" | "f32" | "f64" | "void", args: ([Type, Value] | CallArg)[]): Value {
    const call: CallInst = {
      op: "call", ret: ret === "void" ? { kind: "void" } : { kind: "scalar", type: ret },
      callee: { kind: "sym", name: this.fs.mod.symbols.get(name) ?? name }, builtin: name,
      args: args.map((x): CallArg => (Array.isArray(x) ? { type: { kind: "scalar", type: x[0] }, value: x[1] } : x)),
    };
    if (ret === "void") { this.push(call); return UNDEF; }
    call.dst = this.fs.newTemp(ret);
    this.push(call);
    return { k: "temp", id: call.dst };
  }
}

const int = (v: bigint | number): Value => ({ k: "int", value: BigInt(v) });

// ---------------------------------------------------------------- the pass

/** A call being simplified: its builtin name, arguments and whether its result is used. */
interface Site {
  name: string;
  call: CallInst;
  a: Value[];
  used: boolean;
  e: Emitter;
}

/** The call's replacement: its result (UNDEF when void or unused), after the emitted instructions. */
type Handler = (fs: FuncSimplifier, s: Site) => Value | undefined;

class FuncSimplifier {
  private readonly defs = new Map<number, Def>();
  private readonly uses = new Map<number, number>();
  private readonly names = new Set<string>();
  private counter = 0;

  constructor(readonly mod: ModuleFacts, readonly f: Func) {
    for (const t of f.temps) this.names.add(t.name);
    for (const b of f.blocks) {
      for (const p of b.phis) {
        this.defs.set(p.dst, { k: "phi", phi: p });
        for (const x of p.incoming) this.use(x.value);
      }
      for (const i of b.insts) {
        this.noteDef(i);
        for (const v of instOperands(i)) this.use(v);
      }
      for (const v of termOperands(b.term)) this.use(v);
    }
  }

  private use(v: Value): void {
    if (v.k === "temp") this.uses.set(v.id, (this.uses.get(v.id) ?? 0) + 1);
  }
  /** Record an instruction added by the pass: its definitions and its uses. */
  added(i: Inst): void {
    this.noteDef(i);
    for (const v of instOperands(i)) this.use(v);
  }
  private noteDef(i: Inst): void {
    for (const d of instDefs(i)) this.defs.set(d, { k: "inst", inst: i });
  }
  newTemp(type: Type): number {
    let name: string;
    do name = `lc.${this.counter++}`; while (this.names.has(name));
    this.names.add(name);
    this.f.temps.push({ name, type });
    return this.f.temps.length - 1;
  }

  run(): void {
    for (const b of this.f.blocks) this.block(b);
    this.dropUnusedPureCalls();
  }

  private block(b: Block): void {
    const out: Inst[] = [];
    const work = [...b.insts].reverse();
    let budget = 50 * b.insts.length + 100;
    while (work.length) {
      const i = work.pop()!;
      const repl = budget-- > 0 ? this.simplify(i) : undefined;
      if (repl === undefined) { out.push(i); continue; }
      // The replacement is examined in its turn (a __memcpy_chk becomes a memcpy call...).
      for (let k = repl.length - 1; k >= 0; k--) work.push(repl[k]!);
    }
    b.insts = out;
  }

  /** The instructions replacing `i`, or undefined to keep it. */
  private simplify(i: Inst): Inst[] | undefined {
    if (i.op === "intrinsic" && i.name === "object_size" && i.dst !== undefined) {
      const kind = i.args[1]?.k === "int" ? Number(i.args[1].value) & 3 : 0;
      const e = new Emitter(this);
      e.push({ op: "copy", dst: i.dst, type: "i64", a: int(this.objectSize(i.args[0]!, kind)) });
      return e.insts;
    }
    if (i.op === "intrinsic" && i.name === "is_constant" && i.dst !== undefined) {
      const a = i.args[0];
      const e = new Emitter(this);
      e.push({ op: "copy", dst: i.dst, type: "i32", a: int(a && (a.k === "int" || a.k === "float") ? 1 : 0) });
      return e.insts;
    }
    if (i.op === "icmp") return this.strlenCompare(i);
    if (i.op === "fcmp") return this.fabsCompare(i);
    if (i.op !== "call" || i.builtin === undefined) return undefined;
    const name = i.builtin;
    const handler = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
    if (!handler || !matchesSignature(i, name)) return undefined;
    const e = new Emitter(this);
    const site: Site = { name, call: i, a: i.args.map((x) => x.value), used: i.dst !== undefined && (this.uses.get(i.dst) ?? 0) > 0, e };
    const r = handler(this, site);
    if (r === undefined) return undefined;
    if (i.dst !== undefined) e.push({ op: "copy", dst: i.dst, type: this.f.temps[i.dst]!.type, a: r });
    return e.insts;
  }

  /** `strlen(p) == 0` → `*p == 0` (and the equivalent unsigned forms). */
  private strlenCompare(i: Extract<Inst, { op: "icmp" }>): Inst[] | undefined {
    const zeroTest = (pred: ICmpPred, c: Value): "eq" | "ne" | undefined => {
      if (c.k !== "int") return undefined;
      if ((pred === "eq" || pred === "ule") && c.value === 0n) return "eq";
      if ((pred === "ne" || pred === "ugt") && c.value === 0n) return "ne";
      if (pred === "ult" && c.value === 1n) return "eq";
      if (pred === "uge" && c.value === 1n) return "ne";
      return undefined;
    };
    const flip: Partial<Record<ICmpPred, ICmpPred>> = { eq: "eq", ne: "ne", ult: "ugt", ugt: "ult", ule: "uge", uge: "ule" };
    let call: CallInst | undefined, test: "eq" | "ne" | undefined;
    const asStrlen = (v: Value): CallInst | undefined => {
      const d = this.defOf(v);
      return d?.op === "call" && d.builtin === "strlen" && matchesSignature(d, "strlen") ? d : undefined;
    };
    if ((call = asStrlen(i.a))) test = zeroTest(i.pred, i.b);
    else if ((call = asStrlen(i.b)) && flip[i.pred]) test = zeroTest(flip[i.pred]!, i.a);
    if (!call || !test) return undefined;
    const e = new Emitter(this);
    const c = e.load("i8", call.args[0]!.value);
    e.push({ op: "icmp", dst: i.dst, pred: test, type: "i8", a: c, b: int(0) });
    return e.insts;
  }

  /** `fabs(x) < 0` is false; `fabs(x) >= 0 or unordered` (uge) is true, NaN or not. */
  private fabsCompare(i: Extract<Inst, { op: "fcmp" }>): Inst[] | undefined {
    const d = this.defOf(i.a);
    const isFabs = d?.op === "call" && d.builtin !== undefined && FABS.has(d.builtin) && d.args.length === 1;
    const width = BigInt(bitWidth(i.type));
    const zero = i.b.k === "float" && BigInt.asUintN(Number(width) - 1, i.b.bits) === 0n; // +0.0 or -0.0
    if (!isFabs || !zero || (i.pred !== "olt" && i.pred !== "uge")) return undefined;
    const e = new Emitter(this);
    e.push({ op: "copy", dst: i.dst, type: "i1", a: int(i.pred === "uge" ? 1 : 0) });
    return e.insts;
  }

  /** Remove calls to read-only functions whose results nobody uses (e.g. after strlen(p) == 0). */
  private dropUnusedPureCalls(): void {
    for (;;) {
      const used = new Set<number>();
      const mark = (v: Value): void => { if (v.k === "temp") used.add(v.id); };
      for (const b of this.f.blocks) {
        for (const p of b.phis) for (const x of p.incoming) mark(x.value);
        for (const i of b.insts) instOperands(i).forEach(mark);
        termOperands(b.term).forEach(mark);
      }
      let changed = false;
      for (const b of this.f.blocks) {
        b.insts = b.insts.filter((i) => {
          const dead = i.op === "call" && i.builtin !== undefined && PURE.has(i.builtin) && matchesSignature(i, i.builtin)
            && (i.dst === undefined || !used.has(i.dst));
          if (dead) changed = true;
          return !dead;
        });
      }
      if (!changed) return;
    }
  }

  // ------------------------------------------------------------ facts

  defOf(v: Value): Inst | undefined {
    if (v.k !== "temp") return undefined;
    const d = this.defs.get(v.id);
    return d?.k === "inst" ? d.inst : undefined;
  }

  /** An integer constant (as an unsigned 64-bit number), looking through copies and extensions. */
  constInt(v: Value, depth = 0): bigint | undefined {
    if (v.k === "int") return BigInt.asUintN(64, v.value);
    const d = this.defOf(v);
    if (!d || depth > 8) return undefined;
    if (d.op === "copy") return this.constInt(d.a, depth + 1);
    if (d.op === "zext" || d.op === "trunc") {
      const x = this.constInt(d.a, depth + 1);
      return x === undefined ? undefined : BigInt.asUintN(bitsOf(d.to), BigInt.asUintN(bitsOf(d.from), x));
    }
    if (d.op === "sext") {
      const x = this.constInt(d.a, depth + 1);
      return x === undefined ? undefined : BigInt.asUintN(bitsOf(d.to), BigInt.asIntN(bitsOf(d.from), x));
    }
    return undefined;
  }

  /** Largest value an unsigned integer can have: constants through phis and selects. */
  maxInt(v: Value, seen = new Set<number>()): bigint | undefined {
    const c = this.constInt(v);
    if (c !== undefined) return c;
    if (v.k !== "temp" || seen.has(v.id)) return v.k === "temp" ? -1n : undefined;
    seen.add(v.id);
    const ins = this.choices(v);
    if (!ins) return undefined;
    let max = -1n;
    for (const x of ins) {
      const m = this.maxInt(x, seen);
      if (m === undefined) return undefined;
      if (m > max) max = m;
    }
    return max;
  }

  /** The values a phi or select chooses between, or undefined. */
  private choices(v: Value): Value[] | undefined {
    if (v.k !== "temp") return undefined;
    const d = this.defs.get(v.id);
    if (d?.k === "phi") return d.phi.incoming.map((x) => x.value);
    if (d?.k === "inst" && d.inst.op === "select") return [d.inst.a, d.inst.b];
    return undefined;
  }

  /** Where a pointer points. */
  locate(v: Value, depth = 0): Loc {
    const other: Loc = { root: { k: "other", v }, off: 0n };
    const d = this.defOf(v);
    if (!d || depth > 32) return other;
    switch (d.op) {
      case "addr": {
        const g = this.mod.global(d.sym);
        return g ? { root: { k: "global", g }, off: BigInt(d.offset) } : other;
      }
      case "alloca": {
        const size = d.dynSize ? this.constInt(d.dynSize) : BigInt(d.size);
        return { root: { k: "stack", id: d.dst, size: size === undefined ? undefined : Number(size) }, off: 0n };
      }
      case "copy": return this.locate(d.a, depth + 1);
      case "add": case "sub": {
        if (d.type !== "ptr") return other;
        const base = this.locate(d.a, depth + 1);
        const c = this.constInt(d.b);
        const off = c === undefined || base.off === undefined ? undefined : base.off + (d.op === "add" ? BigInt.asIntN(64, c) : -BigInt.asIntN(64, c));
        return { root: base.root, off };
      }
      case "call": {
        if (d.builtin === "malloc" && matchesSignature(d, "malloc") && d.dst !== undefined) {
          return { root: { k: "heap", id: d.dst, size: this.constInt(d.args[0]!.value) }, off: 0n };
        }
        if (d.builtin === "calloc" && matchesSignature(d, "calloc") && d.dst !== undefined) {
          const n = this.constInt(d.args[0]!.value), s = this.constInt(d.args[1]!.value);
          return { root: { k: "heap", id: d.dst, size: n !== undefined && s !== undefined ? n * s : undefined }, off: 0n };
        }
        return other;
      }
      default: return other;
    }
  }

  /** Constant bytes from a pointer to the end of its object, or undefined. */
  constBytesAt(v: Value): ConstBytes | undefined {
    const l = this.locate(v);
    if (l.root.k !== "global" || l.off === undefined) return undefined;
    const bytes = this.mod.constBytes(l.root.g);
    if (!bytes || l.off < 0n || l.off > BigInt(bytes.length)) return undefined;
    return bytes.subarray(Number(l.off));
  }

  /** Does the pointer point into read-only memory (which nothing can write)? */
  readOnly(v: Value): boolean {
    const l = this.locate(v);
    return l.root.k === "global" && this.mod.constBytes(l.root.g) !== undefined;
  }

  /** The constant string a pointer points to (without its NUL), or undefined. */
  constString(v: Value): Uint8Array | undefined {
    const b = this.constBytesAt(v);
    if (!b) return undefined;
    const out: number[] = [];
    for (const x of b) {
      if (x < 0) return undefined;
      if (x === 0) return Uint8Array.from(out);
      out.push(x);
    }
    return undefined; // no terminator inside the object
  }

  /** strlen of a pointer when known: a constant string, or phis/selects of strings of one length. */
  strLen(v: Value): bigint | undefined {
    const r = this.strLenRange(v, new Set());
    return r && r.min === r.max ? r.min : undefined;
  }

  /** Least and greatest strlen over the constant strings a pointer may point to. */
  strLenRange(v: Value, seen: Set<number>): { min: bigint; max: bigint } | undefined {
    const s = this.constString(v);
    if (s) return { min: BigInt(s.length), max: BigInt(s.length) };
    if (v.k !== "temp" || seen.has(v.id)) return undefined;
    const ins = this.choices(v);
    if (!ins) return undefined;
    seen.add(v.id);
    let r: { min: bigint; max: bigint } | undefined;
    for (const x of ins) {
      if (x.k === "temp" && seen.has(x.id)) continue; // a loop back to a phi under consideration
      const l = this.strLenRange(x, seen);
      if (!l) return undefined;
      r = r ? { min: l.min < r.min ? l.min : r.min, max: l.max > r.max ? l.max : r.max } : l;
    }
    return r;
  }

  /**
   * `__builtin_object_size(p, kind)`: bytes from p to the end of its object
   * (kinds 0/1: the most over the possibilities, 2/3: the least); unknown is
   * -1 for kinds 0/1 and 0 for 2/3. Subobjects (kinds 1/3) are not known to
   * the IR: the whole object counts.
   */
  objectSize(v: Value, kind: number): bigint {
    const unknown = kind >= 2 ? 0n : BigInt.asUintN(64, -1n);
    const r = this.sizeFrom(v, kind >= 2, new Set());
    return r === undefined ? unknown : r;
  }

  private sizeFrom(v: Value, least: boolean, seen: Set<number>): bigint | undefined {
    const ins = this.choices(v);
    if (ins && v.k === "temp") {
      if (seen.has(v.id)) return -1n; // a cycle adds no new object
      seen.add(v.id);
      let best: bigint | undefined;
      for (const x of ins) {
        const s = this.sizeFrom(x, least, seen);
        if (s === undefined) return undefined;
        if (s < 0n) continue;
        if (best === undefined || (least ? s < best : s > best)) best = s;
      }
      return best ?? -1n;
    }
    // A constant offset from a pointer that may itself be a phi.
    const d = this.defOf(v);
    if ((d?.op === "add" || d?.op === "sub") && d.type === "ptr" && this.choices(d.a) !== undefined) {
      const c = this.constInt(d.b);
      if (c === undefined) return undefined;
      const base = this.sizeFrom(d.a, least, seen);
      if (base === undefined || base < 0n) return base;
      const off = d.op === "add" ? BigInt.asIntN(64, c) : -BigInt.asIntN(64, c);
      return off > base ? 0n : off < 0n ? undefined : base - off;
    }
    const l = this.locate(v);
    if (l.off === undefined) return undefined;
    let size: bigint | undefined;
    if (l.root.k === "global") {
      const n = this.mod.sizeOf(l.root.g);
      size = n === undefined ? undefined : BigInt(n);
    } else if (l.root.k === "stack") size = l.root.size === undefined ? undefined : BigInt(l.root.size);
    else if (l.root.k === "heap") size = l.root.size;
    if (size === undefined) return undefined;
    if (l.off < 0n || l.off > size) return 0n;
    return size - l.off;
  }
}

function bitsOf(t: Type): number {
  return t === "i1" ? 1 : t === "i8" ? 8 : t === "i16" ? 16 : t === "i32" ? 32 : t === "i128" ? 128 : 64;
}

// ---------------------------------------------------------------- helpers for handlers

const SIZE_MAX = (1n << 64n) - 1n;
/** Copies at most this long become inline memcpy (the backend's limit for expanding). */
const INLINE_COPY = 128n;
/** memmove of at most this many bytes: everything loaded, then stored. */
const INLINE_MOVE = 16n;

/** Sign of a comparison result as an i32 constant. */
const sign = (d: number): Value => int(d < 0 ? -1 : d > 0 ? 1 : 0);

function compareBytes(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number {
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return (a[k] ?? 0) - (b[k] ?? 0);
  return 0;
}

/** A constant C string with its NUL (for strcmp-style reads). */
const withNul = (s: Uint8Array): Uint8Array => { const t = new Uint8Array(s.length + 1); t.set(s); return t; };

/** Format strings: the text when it has no conversion, and `%s`/`%c` alone. */
function formatKind(fmt: Uint8Array | undefined): "plain" | "%s" | "%c" | undefined {
  if (!fmt) return undefined;
  if (!fmt.includes(37)) return "plain";
  if (fmt.length === 2 && fmt[0] === 37 && fmt[1] === 115) return "%s";
  if (fmt.length === 2 && fmt[0] === 37 && fmt[1] === 99) return "%c";
  return undefined;
}

const isAllOnes = (fs: FuncSimplifier, v: Value): boolean => fs.constInt(v) === SIZE_MAX;

/** Is a copy of `n` bytes into `dst` known to fit, given the object size argument? */
function fits(fs: FuncSimplifier, n: bigint | undefined, objsize: Value): boolean {
  const os = fs.constInt(objsize);
  return os === SIZE_MAX || (n !== undefined && os !== undefined && n <= os);
}

// ---------------------------------------------------------------- handlers

const strlen: Handler = (fs, { a, e }) => {
  const n = fs.strLen(a[0]!);
  if (n !== undefined) return int(n);
  // A constant string plus a variable offset: when the string fills its object
  // (no NUL before the last byte), strlen(s + i) is len - i for every valid i.
  const d = fs.defOf(a[0]!);
  if (d?.op === "add" && d.type === "ptr" && fs.constInt(d.b) === undefined) {
    const bytes = fs.constBytesAt(d.a);
    if (bytes && bytes.length > 0 && bytes.indexOf(0) === bytes.length - 1 && !bytes.includes(-1)) {
      return e.bin("sub", "i64", int(bytes.length - 1), d.b);
    }
  }
  return undefined;
};

const strnlen: Handler = (fs, { a, e }) => {
  const len = fs.strLen(a[0]!);
  const n = fs.constInt(a[1]!);
  if (n === 0n) return int(0);
  if (len === undefined) return undefined;
  if (n !== undefined) return int(n < len ? n : len);
  // min(len, n): the string is readable up to its NUL, so strnlen reads no further.
  return e.select("i64", e.icmp("ult", "i64", a[1]!, int(len)), a[1]!, int(len));
};

/** strcpy/stpcpy with a source of known length: a memcpy including the NUL. */
const strcpyLike = (stp: boolean): Handler => (fs, { a, e, used }) => {
  const [d, s] = [a[0]!, a[1]!];
  const n = fs.strLen(s);
  if (n === undefined) {
    if (stp && !used) return e.call("strcpy", "ptr", [["ptr", d], ["ptr", s]]), UNDEF;
    return undefined;
  }
  if (n + 1n > INLINE_COPY) return undefined;
  e.memcpy(d, s, n + 1n);
  return stp ? e.offset(d, n) : d;
};

/** strncpy/stpncpy: n constant and the source length known: a copy and NUL padding. */
const strncpyLike = (stp: boolean): Handler => (fs, { a, e, used }) => {
  const [d, s] = [a[0]!, a[1]!];
  const n = fs.constInt(a[2]!);
  if (n === 0n) return d;
  const len = fs.strLen(s);
  if (n === undefined || len === undefined || n > INLINE_COPY) {
    if (stp && !used) return e.call("strncpy", "ptr", [["ptr", d], ["ptr", s], ["i64", a[2]!]]), UNDEF;
    return undefined;
  }
  // Copies min(n, len + 1) bytes and pads with NULs to n; stpncpy returns d + min(n, len).
  const copied = n < len + 1n ? n : len + 1n;
  e.memcpy(d, s, copied);
  e.memset(e.offset(d, copied), int(0), n - copied);
  return stp ? e.offset(d, n < len ? n : len) : d;
};

const strcat: Handler = (fs, { a, e }) => {
  const [d, s] = [a[0]!, a[1]!];
  const n = fs.strLen(s);
  if (n === 0n) return d;
  if (n === undefined || n + 1n > INLINE_COPY) return undefined;
  const end = e.offset(d, e.call("strlen", "i64", [["ptr", d]]));
  e.memcpy(end, s, n + 1n);
  return d;
};

const strncat: Handler = (fs, { a, e }) => {
  const [d, s] = [a[0]!, a[1]!];
  const n = fs.constInt(a[2]!);
  const len = fs.strLen(s);
  if (n === 0n || len === 0n) return d;
  if (n !== undefined && len !== undefined && n >= len) return e.call("strcat", "ptr", [["ptr", d], ["ptr", s]]);
  return undefined;
};

const strcmp: Handler = (fs, { a, e }) => {
  const [x, y] = [a[0]!, a[1]!];
  if (sameValue(x, y)) return int(0);
  const sx = fs.constString(x), sy = fs.constString(y);
  if (sx && sy) return sign(compareBytes(withNul(sx), withNul(sy), Math.min(sx.length, sy.length) + 1));
  if (sy?.length === 0) return e.loadU8(x, "i32");
  if (sx?.length === 0) return e.bin("sub", "i32", int(0), e.loadU8(y, "i32"));
  return undefined;
};

const strncmp: Handler = (fs, { a, e }) => {
  const [x, y] = [a[0]!, a[1]!];
  const n = fs.constInt(a[2]!);
  if (n === 0n || sameValue(x, y)) return int(0);
  const sx = fs.constString(x), sy = fs.constString(y);
  if (sx && sy && n !== undefined) {
    const upto = Math.min(sx.length, sy.length) + 1;
    return sign(compareBytes(withNul(sx), withNul(sy), n < BigInt(upto) ? Number(n) : upto));
  }
  if (n === undefined) return undefined;
  if (n === 1n || sy?.length === 0 || sx?.length === 0) {
    // Only the first bytes decide.
    return e.bin("sub", "i32", e.loadU8(x, "i32"), e.loadU8(y, "i32"));
  }
  return undefined;
};

const memcmp: Handler = (fs, { a, e }) => {
  const [x, y] = [a[0]!, a[1]!];
  const n = fs.constInt(a[2]!);
  if (n === 0n || (n !== undefined && sameValue(x, y))) return int(0);
  if (n === undefined) return undefined;
  const bx = fs.constBytesAt(x), by = fs.constBytesAt(y);
  if (bx && by && BigInt(bx.length) >= n && BigInt(by.length) >= n && !bx.subarray(0, Number(n)).includes(-1) && !by.subarray(0, Number(n)).includes(-1)) {
    return sign(compareBytes(bx, by, Number(n)));
  }
  if (n === 1n) return e.bin("sub", "i32", e.loadU8(x, "i32"), e.loadU8(y, "i32"));
  return undefined;
};

/** strchr/strrchr: constant strings fold; searching for NUL finds the end. */
const strchrLike = (last: boolean): Handler => (fs, { a, e }) => {
  const [s, cv] = [a[0]!, a[1]!];
  const c = fs.constInt(cv);
  if (c === undefined) return undefined;
  const ch = Number(BigInt.asUintN(8, c));
  const str = fs.constString(s);
  if (str) {
    const k = ch === 0 ? str.length : last ? str.lastIndexOf(ch) : str.indexOf(ch);
    return k < 0 ? int(0) : e.offset(s, BigInt(k));
  }
  if (ch === 0) return last ? e.call("strchr", "ptr", [["ptr", s], ["i32", cv]]) : e.offset(s, e.call("strlen", "i64", [["ptr", s]]));
  return undefined;
};

const memchr: Handler = (fs, { a, e }) => {
  const [s, cv] = [a[0]!, a[1]!];
  const c = fs.constInt(cv), n = fs.constInt(a[2]!);
  if (n === 0n) return int(0);
  const bytes = fs.constBytesAt(s);
  if (c === undefined || n === undefined || !bytes) return undefined;
  const ch = Number(BigInt.asUintN(8, c));
  const limit = n < BigInt(bytes.length) ? Number(n) : bytes.length;
  for (let k = 0; k < limit; k++) {
    if (bytes[k]! < 0) return undefined;
    if (bytes[k] === ch) return e.offset(s, BigInt(k));
  }
  return BigInt(limit) >= n ? int(0) : undefined;
};

const strstr: Handler = (fs, { a, e }) => {
  const [h, nd] = [a[0]!, a[1]!];
  const needle = fs.constString(nd);
  if (!needle) return undefined;
  if (needle.length === 0) return h;
  const hay = fs.constString(h);
  if (hay) {
    const k = indexOfBytes(hay, needle);
    return k < 0 ? int(0) : e.offset(h, BigInt(k));
  }
  if (needle.length === 1) return e.call("strchr", "ptr", [["ptr", h], ["i32", int(needle[0]!)]]);
  return undefined;
};

const strpbrk: Handler = (fs, { a, e }) => {
  const [s, acc] = [a[0]!, a[1]!];
  const set = fs.constString(acc);
  if (!set) return undefined;
  if (set.length === 0) return int(0);
  const str = fs.constString(s);
  if (str) {
    const k = str.findIndex((x) => set.includes(x));
    return k < 0 ? int(0) : e.offset(s, BigInt(k));
  }
  if (set.length === 1) return e.call("strchr", "ptr", [["ptr", s], ["i32", int(set[0]!)]]);
  return undefined;
};

const strspnLike = (complement: boolean): Handler => (fs, { a, e }) => {
  const [s, acc] = [a[0]!, a[1]!];
  const str = fs.constString(s), set = fs.constString(acc);
  if (str?.length === 0) return int(0);
  if (str && set) {
    let k = 0;
    while (k < str.length && set.includes(str[k]!) !== complement) k++;
    return int(k);
  }
  if (set?.length === 0) return complement ? e.call("strlen", "i64", [["ptr", s]]) : int(0);
  return undefined;
};

const memcpy: Handler = (fs, { a, e }) => {
  const n = fs.constInt(a[2]!);
  if (n === undefined || n > INLINE_COPY) return undefined;
  e.memcpy(a[0]!, a[1]!, n);
  return a[0]!;
};

const mempcpy: Handler = (fs, { a, e }) => {
  const n = fs.constInt(a[2]!);
  if (n !== undefined && n <= INLINE_COPY) e.memcpy(a[0]!, a[1]!, n);
  else e.call("memcpy", "ptr", [["ptr", a[0]!], ["ptr", a[1]!], ["i64", a[2]!]]);
  return e.offset(a[0]!, a[2]!);
};

/** memmove(d, s, n): exact as a copy when s is read-only, or when all of s is read before d is written. */
function move(fs: FuncSimplifier, e: Emitter, d: Value, s: Value, nv: Value): boolean {
  const n = fs.constInt(nv);
  if (n === 0n) return true;
  if (fs.readOnly(s)) {
    if (n !== undefined && n <= INLINE_COPY) e.memcpy(d, s, n);
    else e.call("memcpy", "ptr", [["ptr", d], ["ptr", s], ["i64", nv]]);
    return true;
  }
  if (n === undefined || n > INLINE_MOVE) return false;
  const parts: [Type, bigint][] = [];
  let off = 0n;
  for (const [t, w] of [["i64", 8n], ["i32", 4n], ["i16", 2n], ["i8", 1n]] as [Type, bigint][]) {
    while (n - off >= w) { parts.push([t, off]); off += w; }
  }
  const vals = parts.map(([t, o]) => e.load(t, e.offset(s, o)));
  parts.forEach(([t, o], k) => e.store(t, vals[k]!, e.offset(d, o)));
  return true;
}

const memmove: Handler = (fs, { a, e }) => (move(fs, e, a[0]!, a[1]!, a[2]!) ? a[0]! : undefined);
const bcopy: Handler = (fs, { a, e }) => (move(fs, e, a[1]!, a[0]!, a[2]!) ? UNDEF : undefined);

const memset: Handler = (fs, { a, e }) => {
  const n = fs.constInt(a[2]!);
  if (n === undefined || n > INLINE_COPY) return undefined;
  e.memset(a[0]!, a[1]!, n);
  return a[0]!;
};

const bzero: Handler = (fs, { a, e }) => {
  const n = fs.constInt(a[1]!);
  if (n !== undefined && n <= INLINE_COPY) e.memset(a[0]!, int(0), n);
  else e.call("memset", "ptr", [["ptr", a[0]!], ["i32", int(0)], ["i64", a[1]!]]);
  return UNDEF;
};

const abs = (type: "i32" | "i64"): Handler => (fs, { a, e }) => {
  const x = a[0]!;
  const c = fs.constInt(x);
  const w = type === "i32" ? 32 : 64;
  if (c !== undefined) {
    const v = BigInt.asIntN(w, c);
    if (type === "i32" && v === I32_MIN) return undefined; // undefined behaviour: leave it to run
    return int(BigInt.asUintN(w, v < 0n ? -v : v));
  }
  const neg = e.bin("sub", type, int(0), x);
  return e.select(type, e.icmp("slt", type, x, int(0)), neg, x);
};

/** sprintf(d, fmt, ...) with a constant format: plain text or "%s" of a known string. */
function sprintfCore(fs: FuncSimplifier, e: Emitter, used: boolean, d: Value, fmtv: Value, rest: Value[]): Value | undefined {
  const fmt = fs.constString(fmtv);
  const kind = formatKind(fmt);
  if (kind === "plain" && rest.length === 0 && fmt!.length + 1 <= Number(INLINE_COPY)) {
    e.memcpy(d, fmtv, BigInt(fmt!.length + 1));
    return int(fmt!.length);
  }
  if (kind === "%s" && rest.length === 1) {
    const s = rest[0]!;
    const n = fs.strLen(s);
    if (n !== undefined && n + 1n <= INLINE_COPY) { e.memcpy(d, s, n + 1n); return int(n); }
    if (!used) { e.call("strcpy", "ptr", [["ptr", d], ["ptr", s]]); return UNDEF; }
  }
  return undefined;
}

const sprintf: Handler = (fs, { a, e, used }) => sprintfCore(fs, e, used, a[0]!, a[1]!, a.slice(2));

const snprintf: Handler = (fs, { a, e }) => {
  const [d, nv, fmtv] = [a[0]!, a[1]!, a[2]!];
  const n = fs.constInt(nv);
  const fmt = fs.constString(fmtv);
  if (n === undefined || formatKind(fmt) !== "plain" || a.length !== 3) return undefined;
  if (n === 0n) return int(fmt!.length);
  if (BigInt(fmt!.length) >= n || fmt!.length + 1 > Number(INLINE_COPY)) return undefined;
  e.memcpy(d, fmtv, BigInt(fmt!.length + 1));
  return int(fmt!.length);
};

/**
 * The text a printf-style call prints when it is known: a format without
 * conversions, "%s" of a constant string, "%c" of a constant.
 */
function printedText(fs: FuncSimplifier, call: CallInst, fmtArg: number, a: Value[]): Uint8Array | undefined {
  const fmt = fs.constString(a[fmtArg]!);
  const kind = formatKind(fmt);
  const rest = a.length - fmtArg - 1;
  if (kind === "plain" && rest === 0) return fmt;
  if (kind === "%s" && rest === 1 && isPtrArg(call, fmtArg + 1)) return fs.constString(a[fmtArg + 1]!);
  if (kind === "%c" && rest === 1 && !isPtrArg(call, fmtArg + 1)) {
    const c = fs.constInt(a[fmtArg + 1]!);
    return c === undefined ? undefined : Uint8Array.of(Number(BigInt.asUintN(8, c)));
  }
  return undefined;
}

/**
 * The printf family whose result is unused. `fmt` is the format's argument
 * index, `stream` the FILE's (fprintf), `va` a va_list taking the place of the
 * variadic arguments; `full` is false for the `_unlocked` variants, which are
 * only dropped when they print nothing. Known text becomes putchar/puts
 * (fputc/fputs); "%c" and "%s" ("%s\n" for puts) pass their argument on.
 */
const printfLike = (o: { fmt: number; stream?: number; va?: boolean; full?: boolean }): Handler =>
  (fs, { a, e, used, call }) => {
    if (used || (o.va && a.length !== o.fmt + 2)) return undefined;
    const fmtv = a[o.fmt]!;
    const fmt = fs.constString(fmtv);
    const kind = formatKind(fmt);
    const text = o.va ? (kind === "plain" ? fmt : undefined) : printedText(fs, call, o.fmt, a);
    if (text?.length === 0) return UNDEF;
    if (o.full === false) return undefined;
    const arg = o.va || a.length !== o.fmt + 2 ? undefined : { v: a[o.fmt + 1]!, ptr: isPtrArg(call, o.fmt + 1) };
    if (o.stream !== undefined) {
      const f = a[o.stream]!;
      if (text?.length === 1) return e.call("fputc", "i32", [["i32", int(text[0]!)], ["ptr", f]]), UNDEF;
      if (kind === "plain" && text) return e.call("fputs", "i32", [["ptr", fmtv], ["ptr", f]]), UNDEF;
      if (kind === "%s" && arg?.ptr) return e.call("fputs", "i32", [["ptr", arg.v], ["ptr", f]]), UNDEF;
      if (kind === "%c" && arg && !arg.ptr) return e.call("fputc", "i32", [["i32", arg.v], ["ptr", f]]), UNDEF;
      return undefined;
    }
    if (text?.length === 1) return e.call("putchar", "i32", [["i32", int(text[0]!)]]), UNDEF;
    if (text && text[text.length - 1] === 10) {
      return e.call("puts", "i32", [["ptr", stringValue(fs, e, text.subarray(0, text.length - 1))]]), UNDEF;
    }
    if (kind === "%c" && arg && !arg.ptr) return e.call("putchar", "i32", [["i32", arg.v]]), UNDEF;
    const percentSNewline = fmt?.length === 3 && fmt[0] === 37 && fmt[1] === 115 && fmt[2] === 10;
    if (percentSNewline && arg?.ptr) return e.call("puts", "i32", [["ptr", arg.v]]), UNDEF;
    return undefined;
  };

/** fputs whose result is unused: nothing, fputc, or fwrite when the length is known. */
const fputs: Handler = (fs, { a, e, used, name }) => {
  if (used) return undefined;
  const n = fs.strLen(a[0]!);
  if (n === 0n) return UNDEF;
  if (name !== "fputs" || n === undefined) return undefined; // fputs_unlocked: only the empty case
  const s = fs.constString(a[0]!);
  if (s?.length === 1) return e.call("fputc", "i32", [["i32", int(s[0]!)], ["ptr", a[1]!]]), UNDEF;
  return e.call("fwrite", "i64", [["ptr", a[0]!], ["i64", int(1)], ["i64", int(n)], ["ptr", a[1]!]]), UNDEF;
};

function isPtrArg(c: CallInst, k: number): boolean {
  const t = c.args[k]?.type;
  return t?.kind === "scalar" && t.type === "ptr";
}

function stringValue(fs: FuncSimplifier, e: Emitter, s: Uint8Array): Value {
  const name = fs.mod.stringGlobal(s);
  const dst = fs.newTemp("ptr");
  e.push({ op: "addr", dst, sym: name, offset: 0 });
  return { k: "temp", id: dst };
}

/** The fortify `__X_chk` entry points: the plain function when the check cannot fail. */
const chk = (plain: string, lengthOf: (fs: FuncSimplifier, a: Value[]) => bigint | undefined, objsizeArg: number): Handler =>
  (fs, { a, e, call }) => {
    if (!fits(fs, lengthOf(fs, a), a[objsizeArg]!)) return undefined;
    const args = a.filter((_, k) => k !== objsizeArg);
    const types = call.args.filter((_, k) => k !== objsizeArg).map((x) => (x.type.kind === "scalar" ? x.type.type : "ptr"));
    const ret = (call.ret as Extract<RetType, { kind: "scalar" }>).type as "ptr" | "i32";
    return e.call(plain, ret, args.map((v, k): [Type, Value] => [types[k]!, v]));
  };

/** __strncat_chk(d, s, n, os) with strlen(s) <= n is __strcat_chk. */
const strncatChk: Handler = (fs, site) => {
  // Nothing appended (n == 0 or an empty source): no check is needed.
  const plain = chk("strncat", (f, a) => (f.strLen(a[1]!) === 0n || f.constInt(a[2]!) === 0n ? 0n : undefined), 3)(fs, site);
  if (plain !== undefined) return plain;
  const { a, e } = site;
  const len = fs.strLen(a[1]!), n = fs.constInt(a[2]!);
  if (len === undefined || n === undefined || len > n) return undefined;
  return e.call("__strcat_chk", "ptr", [["ptr", a[0]!], ["ptr", a[1]!], ["i64", a[3]!]]);
};

/** __stpcpy_chk whose result is unused is __strcpy_chk. */
const stpcpyChk: Handler = (fs, site) => {
  const plain = chk("stpcpy", strLenPlus1, 2)(fs, site);
  if (plain !== undefined || site.used) return plain;
  const { a, e } = site;
  return e.call("__strcpy_chk", "ptr", [["ptr", a[0]!], ["ptr", a[1]!], ["i64", a[2]!]]), UNDEF;
};

const constLen = (k: number) => (fs: FuncSimplifier, a: Value[]): bigint | undefined => fs.maxInt(a[k]!);
const strLenPlus1 = (fs: FuncSimplifier, a: Value[]): bigint | undefined => {
  const n = fs.strLenRange(a[1]!, new Set());
  return n === undefined ? undefined : n.max + 1n;
};

/** __sprintf_chk(d, flag, os, fmt, ...) and friends: drop the flag and size when the output fits. */
const sprintfChk: Handler = (fs, { a, e, call, used }) => {
  const [d, flag, os, fmtv] = [a[0]!, a[1]!, a[2]!, a[3]!];
  const fmt = fs.constString(fmtv);
  const kind = formatKind(fmt);
  // The output length, when the format says it.
  let len: bigint | undefined;
  if (kind === "plain" && a.length === 4) len = BigInt(fmt!.length) + 1n;
  else if (kind === "%s" && a.length === 5) { const n = fs.strLen(a[4]!); len = n === undefined ? undefined : n + 1n; }
  if (fs.constInt(flag) !== 0n && kind === undefined) return undefined;
  if (!fits(fs, len, os)) return undefined;
  const folded = sprintfCore(fs, e, used, d, fmtv, a.slice(4));
  if (folded !== undefined) return folded;
  const rest = call.args.slice(4).map((x): [Type, Value] => [x.type.kind === "scalar" ? x.type.type : "ptr", x.value]);
  return variadicCall(e, call, "sprintf", [["ptr", d], ["ptr", fmtv], ...rest], 2);
};

const snprintfChk: Handler = (fs, { a, e, call }) => {
  const [d, n, flag, os, fmtv] = [a[0]!, a[1]!, a[2]!, a[3]!, a[4]!];
  if (fs.constInt(flag) !== 0n && formatKind(fs.constString(fmtv)) === undefined) return undefined;
  if (!fits(fs, fs.maxInt(n), os)) return undefined;
  const rest = call.args.slice(5).map((x): [Type, Value] => [x.type.kind === "scalar" ? x.type.type : "ptr", x.value]);
  return variadicCall(e, call, "snprintf", [["ptr", d], ["i64", n], ["ptr", fmtv], ...rest], 3);
};

const vsprintfChk: Handler = (fs, { a, e, call }) => {
  const [d, flag, os, fmtv] = [a[0]!, a[1]!, a[2]!, a[3]!];
  const fmt = fs.constString(fmtv);
  const len = formatKind(fmt) === "plain" ? BigInt(fmt!.length) + 1n : undefined;
  if (fs.constInt(flag) !== 0n && formatKind(fmt) === undefined) return undefined;
  if (!fits(fs, len, os)) return undefined;
  return e.call("vsprintf", "i32", [["ptr", d], ["ptr", fmtv], call.args[4]!]);
};

const vsnprintfChk: Handler = (fs, { a, e, call }) => {
  const [d, n, flag, os, fmtv] = [a[0]!, a[1]!, a[2]!, a[3]!, a[4]!];
  if (fs.constInt(flag) !== 0n && formatKind(fs.constString(fmtv)) === undefined) return undefined;
  if (!fits(fs, fs.maxInt(n), os)) return undefined;
  return e.call("vsnprintf", "i32", [["ptr", d], ["i64", n], ["ptr", fmtv], call.args[5]!]);
};

/** A call to a variadic standard function: `fixed` named arguments, the rest variadic. */
function variadicCall(e: Emitter, like: CallInst, name: string, args: [Type, Value][], fixed: number): Value {
  const call: CallInst = {
    op: "call", ret: like.ret, callee: { kind: "sym", name: e.fs.mod.symbols.get(name) ?? name }, builtin: name, fixedArgs: fixed,
    args: args.map(([type, value]): CallArg => ({ type: { kind: "scalar", type }, value })),
  };
  if (like.ret.kind === "scalar") {
    call.dst = e.fs.newTemp(like.ret.type);
    e.push(call);
    return { k: "temp", id: call.dst };
  }
  e.push(call);
  return UNDEF;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let k = 0; k + needle.length <= hay.length; k++) {
    for (let j = 0; j < needle.length; j++) if (hay[k + j] !== needle[j]) continue outer;
    return k;
  }
  return -1;
}

function sameValue(a: Value, b: Value): boolean {
  if (a.k === "temp" && b.k === "temp") return a.id === b.id;
  return a.k === "int" && b.k === "int" && a.value === b.value;
}

const ROUNDING: Readonly<Record<string, (x: number) => number>> = {
  floor: Math.floor, ceil: Math.ceil, trunc: Math.trunc,
  round: (x) => (x < 0 ? -Math.round(-x) : Math.round(x)),
};

/**
 * floor((double)f) for a float f is (double)floorf(f): rounding a float to an
 * integer is exact in float. floor, ceil, trunc and round of a constant fold
 * (exact; -0.0 kept by Math's rules), as the argument of an inlined call may now be.
 */
const narrowRounding: Handler = (fs, { a, e, name }) => {
  const fold = ROUNDING[name];
  if (a[0]!.k === "float" && fold) {
    const x = bitsToF64(a[0]!.bits);
    if (Number.isFinite(x)) return { k: "float", bits: f64ToBits(fold(x)) };
  }
  const d = fs.defOf(a[0]!);
  if (d?.op !== "fpext" || d.from !== "f32" || d.to !== "f64") return undefined;
  return e.conv("fpext", "f32", "f64", e.call(`${name}f`, "f32", [["f32", d.a]]));
};

const HANDLERS: Readonly<Record<string, Handler>> = {
  floor: narrowRounding, ceil: narrowRounding, trunc: narrowRounding, round: narrowRounding,
  rint: narrowRounding, nearbyint: narrowRounding,
  strlen, strnlen, strcpy: strcpyLike(false), stpcpy: strcpyLike(true), strncpy: strncpyLike(false), stpncpy: strncpyLike(true), strcat, strncat,
  strcmp, strncmp, memcmp, bcmp: memcmp,
  strchr: strchrLike(false), index: strchrLike(false), strrchr: strchrLike(true), rindex: strchrLike(true),
  memchr, strstr, strpbrk, strspn: strspnLike(false), strcspn: strspnLike(true),
  memcpy, mempcpy, memmove, bcopy, memset, bzero,
  abs: abs("i32"), labs: abs("i64"), llabs: abs("i64"), imaxabs: abs("i64"),
  sprintf, snprintf, fputs, fputs_unlocked: fputs,
  printf: printfLike({ fmt: 0 }), printf_unlocked: printfLike({ fmt: 0, full: false }),
  fprintf: printfLike({ fmt: 1, stream: 0 }), fprintf_unlocked: printfLike({ fmt: 1, stream: 0, full: false }),
  vprintf: printfLike({ fmt: 0, va: true }), vfprintf: printfLike({ fmt: 1, stream: 0, va: true }),
  __printf_chk: printfLike({ fmt: 1 }), __fprintf_chk: printfLike({ fmt: 2, stream: 0 }),
  __vprintf_chk: printfLike({ fmt: 1, va: true }), __vfprintf_chk: printfLike({ fmt: 2, stream: 0, va: true }),
  __memcpy_chk: chk("memcpy", constLen(2), 3), __mempcpy_chk: chk("mempcpy", constLen(2), 3),
  __memmove_chk: chk("memmove", constLen(2), 3), __memset_chk: chk("memset", constLen(2), 3),
  __strcpy_chk: chk("strcpy", strLenPlus1, 2), __stpcpy_chk: stpcpyChk,
  __strcat_chk: chk("strcat", (fs, a) => (fs.strLen(a[1]!) === 0n ? 0n : undefined), 2),
  __strncpy_chk: chk("strncpy", constLen(2), 3), __stpncpy_chk: chk("stpncpy", constLen(2), 3),
  __strncat_chk: strncatChk,
  __sprintf_chk: sprintfChk, __snprintf_chk: snprintfChk,
  __vsprintf_chk: vsprintfChk, __vsnprintf_chk: vsnprintfChk,
};
