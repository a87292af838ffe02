// The tscc SSA IR: plain data, discriminated unions, no methods.
//
// Economy of QBE, discipline of LLVM. Every value has one of the scalar types
// below; aggregates never are values — they live in memory and are handled
// through pointers. Where a C aggregate crosses a call boundary by value, the
// call carries an `AggLayout` describing it, so that each backend's ABI code can
// classify it (SysV eightbytes, AAPCS64 HFAs, the RISC-V FP convention) without
// the lowering having to know any target's calling convention.
//
// The text form (printer.ts / parser.ts) is specified in IR.md.

import type { DebugFunc, DebugLoc, ModuleDebug } from "./debug.js";

export type IntType = "i1" | "i8" | "i16" | "i32" | "i64" | "i128";
export type FloatType = "f32" | "f64" | "f80" | "f128";
export type Type = IntType | FloatType | "ptr";

export const INT_TYPES: readonly IntType[] = ["i1", "i8", "i16", "i32", "i64", "i128"];
export const FLOAT_TYPES: readonly FloatType[] = ["f32", "f64", "f80", "f128"];
export const ALL_TYPES: readonly Type[] = [...INT_TYPES, ...FLOAT_TYPES, "ptr"];

export function isIntType(t: Type): t is IntType {
  return t[0] === "i";
}
export function isFloatType(t: Type): t is FloatType {
  return t[0] === "f";
}
/** Width in bits of the value (not its storage size: f80 is 80). */
export function bitWidth(t: Type): number {
  switch (t) {
    case "i1": return 1;
    case "i8": return 8;
    case "i16": return 16;
    case "i32": case "f32": return 32;
    case "i64": case "f64": case "ptr": return 64;
    case "f80": return 80;
    case "i128": case "f128": return 128;
  }
}
/** Bytes a load/store of this type touches. */
export function storeSize(t: Type): number {
  switch (t) {
    case "i1": case "i8": return 1;
    case "i16": return 2;
    case "i32": case "f32": return 4;
    case "i64": case "f64": case "ptr": return 8;
    case "f80": return 10;
    case "i128": case "f128": return 16;
  }
}

// ---------------------------------------------------------------- aggregates

/** One scalar leaf of a flattened aggregate (nested structs/arrays expanded). */
export interface AggField {
  readonly offset: number;
  readonly type: Type;
}

/**
 * By-value aggregate description for calls. `fields` lists every scalar leaf
 * (array elements included, bit-fields as their storage unit) in offset order;
 * unions simply contribute overlapping fields. `name` is only for the text form.
 */
export interface AggLayout {
  readonly name: string;
  readonly size: number;
  readonly align: number;
  readonly fields: readonly AggField[];
  /**
   * A C `_Complex` value rather than a struct of two: some ABIs treat it
   * apart (SysV returns `_Complex long double` in st(0)/st(1)).
   */
  readonly complex?: boolean;
  /** A GNU vector (`vector_size`): SysV passes 8- and 16-byte ones in one SSE register. */
  readonly vector?: boolean;
  /**
   * A union, or holds one: `fields` then overlap. SysV merges the classes of
   * overlapping leaves; the RISC-V FP convention never flattens a union.
   */
  readonly union?: boolean;
}

/** How one argument or return value crosses a call boundary. */
export type ArgType =
  /**
   * `ext`: the C type is a signed ("sign") or unsigned ("zero") integer
   * narrower than 32 bits; conventions that widen arguments (RISC-V LP64)
   * need to know which. Text form `i8 signext` / `i16 zeroext`.
   */
  | { readonly kind: "scalar"; readonly type: Type; readonly ext?: "sign" | "zero" }
  | { readonly kind: "agg"; readonly layout: AggLayout };

export type RetType = ArgType | { readonly kind: "void" };

// ---------------------------------------------------------------- values

/** An SSA temporary: an index into `Func.temps`. */
export interface TempRef { readonly k: "temp"; readonly id: number }
/** Integer (and pointer) constant, kept exact; interpreted modulo 2^width. */
export interface IntConst { readonly k: "int"; readonly value: bigint }
/** Float constant by its IEEE (or x87) bit pattern in the type of its use. */
export interface FloatConst { readonly k: "float"; readonly bits: bigint }
export interface Undef { readonly k: "undef" }

export type Value = TempRef | IntConst | FloatConst | Undef;

export interface TempInfo {
  readonly name: string;
  readonly type: Type;
}

// ---------------------------------------------------------------- instructions

export type IntBinOp =
  | "add" | "sub" | "mul" | "sdiv" | "udiv" | "srem" | "urem"
  | "and" | "or" | "xor" | "shl" | "lshr" | "ashr";
export type FloatBinOp = "fadd" | "fsub" | "fmul" | "fdiv";
export type ConvOp =
  | "trunc" | "zext" | "sext" | "fptosi" | "fptoui" | "sitofp" | "uitofp"
  | "fpext" | "fptrunc" | "ptrtoint" | "inttoptr" | "bitcast";
export type ICmpPred = "eq" | "ne" | "slt" | "sle" | "sgt" | "sge" | "ult" | "ule" | "ugt" | "uge";
/** o* are false when either side is NaN, u* are true; ord/uno test NaN-ness. */
export type FCmpPred =
  | "oeq" | "one" | "olt" | "ole" | "ogt" | "oge" | "ord"
  | "ueq" | "une" | "ult" | "ule" | "ugt" | "uge" | "uno";

export const INT_BIN_OPS: readonly IntBinOp[] = [
  "add", "sub", "mul", "sdiv", "udiv", "srem", "urem", "and", "or", "xor", "shl", "lshr", "ashr",
];
export const FLOAT_BIN_OPS: readonly FloatBinOp[] = ["fadd", "fsub", "fmul", "fdiv"];
export const CONV_OPS: readonly ConvOp[] = [
  "trunc", "zext", "sext", "fptosi", "fptoui", "sitofp", "uitofp",
  "fpext", "fptrunc", "ptrtoint", "inttoptr", "bitcast",
];
export const ICMP_PREDS: readonly ICmpPred[] = ["eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"];
export const FCMP_PREDS: readonly FCmpPred[] = [
  "oeq", "one", "olt", "ole", "ogt", "oge", "ord", "ueq", "une", "ult", "ule", "ugt", "uge", "uno",
];

/** Stack memory; `dynSize` (an i64) replaces `size` for VLAs and alloca(). */
export interface Alloca { op: "alloca"; dst: number; size: number; align: number; dynSize?: Value; ssp?: StackProtectClass }

/**
 * What -fstack-protector needs to know of a local object (gcc's classes):
 * `char-array` a character array of its own, `array` any other array or an
 * aggregate holding one (`array-chars`: one that holds a character array of 8
 * or more bytes), `addr` a non-array whose address is taken; `guard` is the
 * canary slot the stackprotect pass adds, which frames place just below the
 * saved registers, above the arrays.
 */
export type StackProtectClass = "guard" | "char-array" | "array" | "array-chars" | "addr";
export const STACK_PROTECT_CLASSES: readonly StackProtectClass[] = ["guard", "char-array", "array", "array-chars", "addr"];
export interface Load { op: "load"; dst: number; type: Type; addr: Value; volatile: boolean }
export interface Store { op: "store"; type: Type; value: Value; addr: Value; volatile: boolean }
export interface IntBin { op: IntBinOp; dst: number; type: IntType | "ptr"; a: Value; b: Value }
export interface FloatBin { op: FloatBinOp; dst: number; type: FloatType; a: Value; b: Value }
export interface FNeg { op: "fneg"; dst: number; type: FloatType; a: Value }
/** Result is i1. `type` is the operand type. */
export interface ICmp { op: "icmp"; dst: number; pred: ICmpPred; type: IntType | "ptr"; a: Value; b: Value }
export interface FCmp { op: "fcmp"; dst: number; pred: FCmpPred; type: FloatType; a: Value; b: Value }
export interface Conv { op: ConvOp; dst: number; from: Type; to: Type; a: Value }
export interface Select { op: "select"; dst: number; type: Type; cond: Value; a: Value; b: Value }
export interface Copy { op: "copy"; dst: number; type: Type; a: Value }
/** Address of a global or function symbol plus a byte offset (thread-locals included). */
export interface Addr { op: "addr"; dst: number; sym: string; offset: number }
/**
 * Address of a label (GNU `&&label`), for indirectbr: a block of this function,
 * or with `func` of that (enclosing) function (a nested function taking the
 * address of a label of the function it is nested in).
 */
export interface BlockAddr { op: "blockaddr"; dst: number; block: string; func?: string }

export interface CallArg { type: ArgType; value: Value }
/**
 * A call. Aggregate arguments are passed as a pointer to the caller's copy.
 * An aggregate result is written to the memory `retAddr` points to.
 * `fixedArgs` is set for calls to variadic functions: the number of named
 * arguments (the rest are the `...` part; SysV needs %al, others differ).
 */
export interface Call {
  op: "call";
  dst?: number;
  ret: RetType;
  callee: { kind: "sym"; name: string } | { kind: "value"; value: Value };
  args: CallArg[];
  fixedArgs?: number;
  retAddr?: Value;
  /** The static chain passed to a callee that takes one (`Func.chain`: GNU nested functions). */
  chain?: Value;
  /**
   * GNU `__builtin_va_arg_pack()` as the last argument: when the function
   * making this call is inlined, the variadic arguments of the inlined call
   * are appended here. Only the inliner removes it; a call that still has it
   * at code generation is an error in the program (as in gcc).
   */
  vaPack?: boolean;
  /**
   * The standard C library function this call is (`strlen`, `__memcpy_chk`),
   * when the program lets the compiler treat it as one (no -fno-builtin, a
   * non-static declaration): libcalls may fold or expand it. Usually the
   * callee's own name; differs when an asm label renames the function.
   */
  builtin?: string;
}
export interface Memcpy { op: "memcpy"; dstAddr: Value; srcAddr: Value; size: Value; align: number }
export interface Memset { op: "memset"; dstAddr: Value; byte: Value; size: Value; align: number }
/** `ap` points to a target-sized va_list object (x86_64: 24 bytes, align 8). */
export interface VaStart { op: "va_start"; ap: Value }
export interface VaEnd { op: "va_end"; ap: Value }
export interface VaCopy { op: "va_copy"; dstAp: Value; srcAp: Value }
/**
 * Fetch the next variadic argument. For a scalar, `dst` is the value. For an
 * aggregate, `dst` is a ptr to memory holding it (valid until the next va_arg
 * of this instruction), which the frontend copies from.
 */
export interface VaArg { op: "va_arg"; dst: number; type: ArgType; ap: Value }
/**
 * Functions that return twice (setjmp and kin): after the second return,
 * registers hold values from the first, so passes keep variables in memory
 * around them and CET lands the second return with endbr64.
 */
export const RETURNS_TWICE: ReadonlySet<string> = new Set(["setjmp", "_setjmp", "sigsetjmp", "__sigsetjmp", "savectx", "vfork", "getcontext"]);

/** Is `i` a direct call of a function that returns twice? */
export function callsReturnsTwice(i: Inst): boolean {
  return i.op === "call" && i.callee.kind === "sym" && RETURNS_TWICE.has(i.callee.name);
}

/** Escape hatch for builtins (see INTRINSICS in intrinsics.ts). */
export interface Intrinsic { op: "intrinsic"; dst?: number; name: string; type?: Type; args: Value[] }

/**
 * One output of an inline asm. A register-class output defines a temp (its
 * type is the temp's); a memory output names the object the asm writes.
 * A GNU vector in a register (`"x"`) stays a memory operand here, with
 * `vector` its size in bytes: lowering keeps vectors by address, so the
 * backend loads it into a vector register before the asm (an input) or
 * stores the register to it after (an output). For the passes it is what it
 * is in effect, memory read or written by the asm.
 * Constraint strings are the target's (GCC syntax), kept as written except
 * that lowering has already turned `+` into `=` plus a hidden input.
 */
export type AsmOutput =
  | { kind: "reg"; constraint: string; name?: string; dst: number }
  | { kind: "mem"; constraint: string; name?: string; addr: Value; vector?: number };
/** One input: a value, or (memory constraints) the address of the object read. */
export type AsmInput =
  | { kind: "value"; constraint: string; name?: string; type: Type; value: Value }
  | { kind: "mem"; constraint: string; name?: string; addr: Value; vector?: number };

/**
 * GNU inline assembly. Operands are numbered as in GCC: outputs, then inputs,
 * then goto labels. `template` is the text with `%` escapes still in it
 * (basic asm arrives with its `%` doubled). Several results: see instDefs.
 * Without outputs or with `volatile` it is never deleted; memory effects are
 * those of a call to an unknown function when `clobbers` has "memory".
 */
export interface InlineAsm {
  template: string;
  outputs: AsmOutput[];
  inputs: AsmInput[];
  clobbers: string[];
  volatile: boolean;
}
export interface Asm extends InlineAsm { op: "asm" }

/** Every instruction may carry the source position it was lowered from (-g). */
export type Inst = (
  | Alloca | Load | Store | IntBin | FloatBin | FNeg | ICmp | FCmp | Conv | Select | Copy
  | Addr | BlockAddr | Call | Memcpy | Memset | VaStart | VaEnd | VaCopy | VaArg | Intrinsic | Asm
) & { loc?: DebugLoc };

export interface Phi {
  dst: number;
  type: Type;
  incoming: { block: string; value: Value }[];
}

// ---------------------------------------------------------------- terminators

export type Terminator =
  | { op: "br"; target: string }
  | { op: "condbr"; cond: Value; ifTrue: string; ifFalse: string }
  | { op: "switch"; type: IntType; value: Value; default: string; cases: { value: bigint; target: string }[] }
  | { op: "ret"; value?: Value }
  | { op: "unreachable" }
  | { op: "indirectbr"; addr: Value; targets: string[] }
  /**
   * `asm goto`: runs the asm, which either falls through to `fallthrough` or
   * jumps to one of `targets` (its label operands %l0.., in order). It has no
   * register outputs: a terminator defines no temps.
   */
  | { op: "asmgoto"; asm: InlineAsm; fallthrough: string; targets: string[] };

export interface Block {
  label: string;
  phis: Phi[];
  insts: Inst[];
  term: Terminator;
  /** The terminator's source position (-g). */
  termLoc?: DebugLoc;
}

// ---------------------------------------------------------------- top level

export type Linkage = "external" | "internal" | "weak" | "common";
export type Visibility = "default" | "hidden" | "protected";

export interface Param {
  type: ArgType;
  /** The temp receiving the value (for aggregates: a ptr to the callee's copy). */
  temp: number;
}

export interface Func {
  name: string;
  linkage: Linkage;
  visibility: Visibility;
  section?: string;
  /** `__attribute__((used))` (or a constructor): kept even when nothing here refers to it. */
  used?: boolean;
  /** `__attribute__((always_inline))`: every direct call is inlined, at every -O level. */
  alwaysInline?: boolean;
  /** `__attribute__((noinline))`. */
  noInline?: boolean;
  /** Declared `inline`: the -O2 inliner accepts a larger body (gcc's max-inline-insns-single). */
  inlineHint?: boolean;
  /**
   * The body exists only to be inlined (a GNU `extern inline` or C99 inline
   * definition that is not the external definition): after inlining the
   * function is dropped and what still refers to it gets the external symbol.
   */
  inlineOnly?: boolean;
  /** `__attribute__((stack_protect))` ("require") or `no_stack_protector` ("never"). */
  stackProtect?: "require" | "never";
  ret: RetType;
  params: Param[];
  varargs: boolean;
  /**
   * The temp receiving the static chain, for a function that takes one (a GNU
   * nested function: a pointer to the frame of the function it is nested in).
   * Each target passes it in its own register (x86_64: %r10).
   */
  chain?: number;
  /** blocks[0] is the entry block. */
  blocks: Block[];
  temps: TempInfo[];
  /**
   * Blocks whose address is taken (GNU `&&label`, by a blockaddr or from
   * static data): an indirect branch may reach them, so passes keep them even
   * when no edge in the CFG does, and never merge them away or rename them.
   */
  addressTaken: string[];
  /** -g: the function's scopes and variables. */
  debug?: DebugFunc;
}

export type InitPiece =
  | { k: "bytes"; data: Uint8Array }
  | { k: "zero"; size: number }
  /**
   * Address of `sym` + addend, stored in `width` bytes (needs a relocation).
   * With `block`, the address of that block of function `name` (GNU `&&label`
   * in a static initializer). With `minusBlock` too, the difference of the
   * two blocks' addresses (GNU `&&a - &&b`), a constant the assembler computes.
   */
  | { k: "sym"; name: string; addend: bigint; width: 4 | 8; block?: string; minusBlock?: string };

export interface Global {
  name: string;
  linkage: Linkage;
  visibility: Visibility;
  align: number;
  section?: string;
  /** `__attribute__((used))`: kept even when nothing here refers to it. */
  used?: boolean;
  threadLocal: boolean;
  readonly: boolean;
  /** undefined: a declaration of something defined elsewhere (unless common). */
  init?: InitPiece[];
  /** Size for `common` globals, which have no initializer. */
  commonSize?: number;
}

export interface Module {
  /** Named aggregate layouts referenced by signatures (text form `:name`). */
  types: AggLayout[];
  globals: Global[];
  funcs: Func[];
  /** File-scope `asm("...")` blocks, emitted verbatim in order. */
  asm: string[];
  /** -g: what the debug information describes. */
  debug?: ModuleDebug;
}

// ---------------------------------------------------------------- helpers

export function temp(id: number): TempRef {
  return { k: "temp", id };
}
export function iconst(value: bigint | number): IntConst {
  return { k: "int", value: BigInt(value) };
}
export const UNDEF: Undef = { k: "undef" };

export function initSize(init: readonly InitPiece[]): number {
  let n = 0;
  for (const p of init) n += p.k === "bytes" ? p.data.length : p.k === "zero" ? p.size : p.width;
  return n;
}

/** The temp an instruction defines, if any (`asm` may define several: see instDefs). */
export function instDst(i: Inst): number | undefined {
  return "dst" in i ? i.dst : undefined;
}

/** Every temp an instruction defines. */
export function instDefs(i: Inst): number[] {
  if (i.op === "asm") return i.outputs.flatMap((o) => (o.kind === "reg" ? [o.dst] : []));
  return "dst" in i && i.dst !== undefined ? [i.dst] : [];
}

/** The Value operands of an inline asm: memory-output addresses, then inputs. */
export function asmOperands(a: InlineAsm): Value[] {
  const vs: Value[] = [];
  for (const o of a.outputs) if (o.kind === "mem") vs.push(o.addr);
  for (const x of a.inputs) vs.push(x.kind === "mem" ? x.addr : x.value);
  return vs;
}

function mapAsmOperands(a: InlineAsm, f: (v: Value) => Value): void {
  for (const o of a.outputs) if (o.kind === "mem") o.addr = f(o.addr);
  for (const x of a.inputs) {
    if (x.kind === "mem") x.addr = f(x.addr);
    else x.value = f(x.value);
  }
}

/** Every Value operand of an instruction, in a fixed order. */
export function instOperands(i: Inst): Value[] {
  switch (i.op) {
    case "alloca": return i.dynSize ? [i.dynSize] : [];
    case "load": return [i.addr];
    case "store": return [i.value, i.addr];
    case "fneg": return [i.a];
    case "select": return [i.cond, i.a, i.b];
    case "copy": return [i.a];
    case "addr": case "blockaddr": return [];
    case "call": {
      const vs = i.args.map((a) => a.value);
      if (i.callee.kind === "value") vs.unshift(i.callee.value);
      if (i.retAddr) vs.push(i.retAddr);
      if (i.chain) vs.push(i.chain);
      return vs;
    }
    case "memcpy": return [i.dstAddr, i.srcAddr, i.size];
    case "memset": return [i.dstAddr, i.byte, i.size];
    case "va_start": case "va_end": return [i.ap];
    case "va_copy": return [i.dstAp, i.srcAp];
    case "va_arg": return [i.ap];
    case "intrinsic": return i.args;
    case "asm": return asmOperands(i);
    case "icmp": case "fcmp": return [i.a, i.b];
    default:
      if ("b" in i) return [i.a, i.b];
      return [i.a];
  }
}

/** Rewrite every Value operand of an instruction in place. */
export function mapInstOperands(i: Inst, f: (v: Value) => Value): void {
  switch (i.op) {
    case "alloca": if (i.dynSize) i.dynSize = f(i.dynSize); return;
    case "load": i.addr = f(i.addr); return;
    case "store": i.value = f(i.value); i.addr = f(i.addr); return;
    case "select": i.cond = f(i.cond); i.a = f(i.a); i.b = f(i.b); return;
    case "addr": case "blockaddr": return;
    case "call":
      if (i.callee.kind === "value") i.callee = { kind: "value", value: f(i.callee.value) };
      for (const a of i.args) a.value = f(a.value);
      if (i.retAddr) i.retAddr = f(i.retAddr);
      if (i.chain) i.chain = f(i.chain);
      return;
    case "memcpy": i.dstAddr = f(i.dstAddr); i.srcAddr = f(i.srcAddr); i.size = f(i.size); return;
    case "memset": i.dstAddr = f(i.dstAddr); i.byte = f(i.byte); i.size = f(i.size); return;
    case "va_start": case "va_end": case "va_arg": i.ap = f(i.ap); return;
    case "va_copy": i.dstAp = f(i.dstAp); i.srcAp = f(i.srcAp); return;
    case "intrinsic": i.args = i.args.map(f); return;
    case "asm": mapAsmOperands(i, f); return;
    default:
      i.a = f(i.a);
      if ("b" in i) i.b = f(i.b);
  }
}

export function termOperands(t: Terminator): Value[] {
  switch (t.op) {
    case "condbr": return [t.cond];
    case "switch": return [t.value];
    case "ret": return t.value ? [t.value] : [];
    case "indirectbr": return [t.addr];
    case "asmgoto": return asmOperands(t.asm);
    default: return [];
  }
}

export function mapTermOperands(t: Terminator, f: (v: Value) => Value): void {
  switch (t.op) {
    case "condbr": t.cond = f(t.cond); return;
    case "switch": t.value = f(t.value); return;
    case "ret": if (t.value) t.value = f(t.value); return;
    case "indirectbr": t.addr = f(t.addr); return;
    case "asmgoto": mapAsmOperands(t.asm, f); return;
    default: return;
  }
}

export function successors(t: Terminator): string[] {
  switch (t.op) {
    case "br": return [t.target];
    case "condbr": return [t.ifTrue, t.ifFalse];
    case "switch": return [t.default, ...t.cases.map((c) => c.target)];
    case "indirectbr": return [...t.targets];
    case "asmgoto": return [t.fallthrough, ...t.targets];
    default: return [];
  }
}

/**
 * Drop the blocks no path from the entry reaches (code after return, goto or
 * a call that never returns; the arms of `if (0)`) and the phi inputs that
 * came from them. Labels whose address is taken stay: an indirect branch may
 * reach them.
 */
export function removeUnreachableBlocks(f: Func): void {
  const byLabel = new Map(f.blocks.map((b) => [b.label, b]));
  const reached = new Set<string>();
  const work = [f.blocks[0]!.label, ...f.addressTaken];
  while (work.length > 0) {
    const label = work.pop()!;
    if (reached.has(label)) continue;
    reached.add(label);
    const b = byLabel.get(label);
    if (b) for (const s of successors(b.term)) if (!reached.has(s)) work.push(s);
  }
  if (reached.size === f.blocks.length) return;
  f.blocks = f.blocks.filter((b) => reached.has(b.label));
  for (const b of f.blocks) for (const phi of b.phis) phi.incoming = phi.incoming.filter((i) => reached.has(i.block));
}

/** Rename successor labels (used when splitting edges / merging blocks). */
export function mapSuccessors(t: Terminator, f: (l: string) => string): void {
  switch (t.op) {
    case "br": t.target = f(t.target); return;
    case "condbr": t.ifTrue = f(t.ifTrue); t.ifFalse = f(t.ifFalse); return;
    case "switch": t.default = f(t.default); for (const c of t.cases) c.target = f(c.target); return;
    case "indirectbr": t.targets = t.targets.map(f); return;
    case "asmgoto": t.fallthrough = f(t.fallthrough); t.targets = t.targets.map(f); return;
    default: return;
  }
}

/** Instructions with effects beyond their result (kept by DCE even if unused). */
export function hasSideEffects(i: Inst): boolean {
  switch (i.op) {
    case "store": case "call": case "memcpy": case "memset":
    case "va_start": case "va_end": case "va_copy": case "va_arg": case "intrinsic":
      return true;
    case "load": return i.volatile;
    // Division traps on zero / overflow: keep it unless the divisor is a safe constant.
    case "sdiv": case "srem": return !(i.b.k === "int" && i.b.value !== 0n && i.b.value !== -1n);
    case "udiv": case "urem": return !(i.b.k === "int" && i.b.value !== 0n);
    case "alloca": return i.dynSize !== undefined;
    // GCC: an asm without outputs is implicitly volatile; one writing memory is a store.
    case "asm": return i.volatile || i.outputs.length === 0 || i.outputs.some((o) => o.kind === "mem");
    default: return false;
  }
}
