// Text → IR. Reads the language printer.ts writes (grammar in IR.md).
// Errors are reported as IRParseError with a line number: IR text comes from
// tests and from people, so a good message matters more than speed.

import type {
  AggLayout, ArgType, AsmInput, AsmOutput, Block, CallArg, Func, Global, InitPiece, InlineAsm, Inst, Linkage, Module, Phi,
  RetType, TempInfo, Terminator, Type, Value, Visibility,
} from "./ir.js";
import {
  ALL_TYPES, CONV_OPS, FCMP_PREDS, FLOAT_BIN_OPS, ICMP_PREDS, INT_BIN_OPS, STACK_PROTECT_CLASSES, isFloatType, isIntType,
} from "./ir.js";
import type { ConvOp, FCmpPred, FloatBinOp, FloatType, ICmpPred, IntBinOp, IntType } from "./ir.js";
import { floatBits } from "./float.js";

export class IRParseError extends Error {
  constructor(message: string, readonly line: number) {
    super(`IR parse error at line ${line}: ${message}`);
    this.name = "IRParseError";
  }
}

type TokKind = "temp" | "global" | "label" | "type" | "ident" | "num" | "str" | "punct" | "eof";
interface Tok { kind: TokKind; text: string; line: number }

const TOKEN_RE = new RegExp(
  [
    String.raw`(?<ws>[ \t\r]+|#[^\n]*)`,
    String.raw`(?<nl>\n)`,
    String.raw`(?<temp>%[A-Za-z0-9_.]+)`,
    String.raw`(?<global>\$[A-Za-z0-9_.$@]+)`,
    String.raw`(?<label>@[A-Za-z0-9_.]+)`,
    String.raw`(?<type>:[A-Za-z0-9_.]+)`,
    String.raw`(?<num>-?0x[0-9a-fA-F]+|-?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)`,
    String.raw`(?<ident>-?[A-Za-z_][A-Za-z0-9_]*)`,
    String.raw`(?<str>"(?:[^"\\]|\\.)*")`,
    String.raw`(?<punct>\.\.\.|[=,(){}\[\]+-])`,
  ].join("|"),
  "y",
);

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let line = 1;
  TOKEN_RE.lastIndex = 0;
  while (TOKEN_RE.lastIndex < src.length) {
    const at = TOKEN_RE.lastIndex;
    const m = TOKEN_RE.exec(src);
    if (!m || !m.groups) throw new IRParseError(`unexpected character ${JSON.stringify(src[at])}`, line);
    const g = m.groups;
    if (g.nl !== undefined) { line++; continue; }
    if (g.ws !== undefined) continue;
    for (const kind of ["temp", "global", "label", "type", "num", "ident", "str", "punct"] as const) {
      const text = g[kind];
      if (text !== undefined) {
        const strip = kind === "temp" || kind === "global" || kind === "label" || kind === "type";
        toks.push({ kind, text: strip ? text.slice(1) : text, line });
        break;
      }
    }
  }
  toks.push({ kind: "eof", text: "", line });
  return toks;
}

function unescape(lit: string): Uint8Array {
  const out: number[] = [];
  for (let i = 1; i < lit.length - 1; i++) {
    const c = lit.charCodeAt(i);
    if (c === 0x5c) {
      const n = lit[i + 1]!;
      if (n === "\\" || n === '"') { out.push(n.charCodeAt(0)); i++; }
      else { out.push(parseInt(lit.slice(i + 1, i + 3), 16)); i += 2; }
    } else if (c < 0x80) out.push(c);
    else out.push(...new TextEncoder().encode(lit[i]!));
  }
  return Uint8Array.from(out);
}

const TYPE_SET = new Set<string>(ALL_TYPES);
const INT_BIN = new Set<string>(INT_BIN_OPS);
const FLOAT_BIN = new Set<string>(FLOAT_BIN_OPS);
const CONV = new Set<string>(CONV_OPS);
const ICMP = new Set<string>(ICMP_PREDS);
const FCMP = new Set<string>(FCMP_PREDS);
const LINKAGES = new Set<string>(["internal", "weak", "common", "external"]);
const VISIBILITIES = new Set<string>(["hidden", "protected", "default"]);

class Parser {
  private pos = 0;
  private types = new Map<string, AggLayout>();
  // Per-function state.
  private temps: TempInfo[] = [];
  private tempIds = new Map<string, number>();
  private defined = new Set<number>();
  private pendingTypes = new Map<number, Type>();
  private funcName = "";

  constructor(private readonly toks: Tok[]) {}

  private peek(o = 0): Tok { return this.toks[Math.min(this.pos + o, this.toks.length - 1)]!; }
  private next(): Tok { return this.toks[this.pos++]!; }
  private fail(msg: string, t: Tok = this.peek()): never {
    throw new IRParseError(`${msg} (found ${t.kind === "eof" ? "end of input" : JSON.stringify(t.text)})`, t.line);
  }
  private isP(text: string): boolean { const t = this.peek(); return t.kind === "punct" && t.text === text; }
  private isI(text: string): boolean { const t = this.peek(); return t.kind === "ident" && t.text === text; }
  private expectP(text: string): void { if (!this.isP(text)) this.fail(`expected '${text}'`); this.pos++; }
  private expectI(text: string): void { if (!this.isI(text)) this.fail(`expected '${text}'`); this.pos++; }
  private acceptP(text: string): boolean { if (this.isP(text)) { this.pos++; return true; } return false; }
  private acceptI(text: string): boolean { if (this.isI(text)) { this.pos++; return true; } return false; }
  private expect(kind: TokKind, what: string): string {
    const t = this.peek();
    if (t.kind !== kind) this.fail(`expected ${what}`);
    this.pos++;
    return t.text;
  }
  /** `vector N` after `mem` in an asm operand (see AsmOutput). */
  private vectorSize(): { vector?: number } {
    return this.acceptI("vector") ? { vector: Number(this.int()) } : {};
  }
  private int(): bigint {
    const t = this.expect("num", "an integer");
    if (/[.eE]/.test(t) && !t.includes("x")) this.fail("expected an integer");
    return t.startsWith("-") ? -BigInt(t.slice(1)) : BigInt(t);
  }
  private smallInt(): number { return Number(this.int()); }
  /** A string literal read as UTF-8 text (asm templates, constraints). */
  private text(): string { return new TextDecoder().decode(unescape(this.expect("str", "a string"))); }

  parseModule(): Module {
    const m: Module = { types: [], globals: [], funcs: [], asm: [] };
    while (this.peek().kind !== "eof") {
      if (this.acceptI("asm")) m.asm.push(this.text());
      else if (this.acceptI("type")) m.types.push(this.typeDef());
      else if (this.acceptI("global")) m.globals.push(this.global());
      else if (this.acceptI("function")) m.funcs.push(this.func());
      else this.fail("expected 'asm', 'type', 'global' or 'function'");
    }
    return m;
  }

  private typeDef(): AggLayout {
    const name = this.expect("type", "a :type name");
    this.expectP("=");
    this.expectI("size");
    const size = this.smallInt();
    this.expectI("align");
    const align = this.smallInt();
    const complex = this.acceptI("complex");
    const vector = this.acceptI("vector");
    const union = this.acceptI("union");
    this.expectP("{");
    const fields: { offset: number; type: Type }[] = [];
    while (!this.isP("}")) {
      const type = this.scalarType();
      fields.push({ type, offset: this.smallInt() });
      if (!this.acceptP(",")) break;
    }
    this.expectP("}");
    const t: AggLayout = { name, size, align, fields, ...(complex ? { complex } : {}), ...(vector ? { vector } : {}), ...(union ? { union } : {}) };
    if (this.types.has(name)) this.fail(`duplicate type :${name}`);
    this.types.set(name, t);
    return t;
  }

  private scalarType(): Type {
    const t = this.peek();
    if (t.kind !== "ident" || !TYPE_SET.has(t.text)) this.fail("expected a type");
    this.pos++;
    return t.text as Type;
  }

  private argType(): ArgType {
    if (this.peek().kind === "type") {
      const name = this.next().text;
      const layout = this.types.get(name);
      if (!layout) this.fail(`unknown type :${name}`, this.toks[this.pos - 1]);
      return { kind: "agg", layout };
    }
    const type = this.scalarType();
    if (this.acceptI("signext")) return { kind: "scalar", type, ext: "sign" };
    if (this.acceptI("zeroext")) return { kind: "scalar", type, ext: "zero" };
    return { kind: "scalar", type };
  }

  private retType(): RetType {
    if (this.acceptI("void")) return { kind: "void" };
    return this.argType();
  }

  private attrs(): {
    linkage: Linkage; visibility: Visibility; section?: string; tls: boolean; readonly: boolean; used: boolean; align?: number; size?: number;
    alwaysInline?: boolean; noInline?: boolean; inlineHint?: boolean; inlineOnly?: boolean; stackProtect?: "require" | "never";
  } {
    const r: ReturnType<Parser["attrs"]> = { linkage: "external", visibility: "default", tls: false, readonly: false, used: false };
    for (;;) {
      const t = this.peek();
      if (t.kind !== "ident") return r;
      if (LINKAGES.has(t.text)) r.linkage = t.text as Linkage;
      else if (VISIBILITIES.has(t.text)) r.visibility = t.text as Visibility;
      else if (t.text === "tls") r.tls = true;
      else if (t.text === "readonly") r.readonly = true;
      else if (t.text === "used") r.used = true;
      else if (t.text === "alwaysinline") r.alwaysInline = true;
      else if (t.text === "noinline") r.noInline = true;
      else if (t.text === "inlinehint") r.inlineHint = true;
      else if (t.text === "inlineonly") r.inlineOnly = true;
      else if (t.text === "sspreq") r.stackProtect = "require";
      else if (t.text === "nossp") r.stackProtect = "never";
      else if (t.text === "section") { this.pos++; r.section = JSON.parse(this.expect("str", "a section name")) as string; continue; }
      else if (t.text === "align") { this.pos++; r.align = this.smallInt(); continue; }
      else if (t.text === "size") { this.pos++; r.size = this.smallInt(); continue; }
      else return r;
      this.pos++;
    }
  }

  private symOffset(): bigint {
    if (this.acceptP("+")) return this.int();
    const t = this.peek();
    if (t.kind === "num" && t.text.startsWith("-")) return this.int();
    return 0n;
  }

  private global(): Global {
    const a = this.attrs();
    const name = this.expect("global", "a $name");
    const g: Global = {
      name, linkage: a.linkage, visibility: a.visibility, align: a.align ?? 1, threadLocal: a.tls, readonly: a.readonly,
    };
    if (a.section !== undefined) g.section = a.section;
    if (a.used) g.used = true;
    if (a.size !== undefined) g.commonSize = a.size;
    if (this.acceptP("=")) {
      this.expectP("{");
      const init: InitPiece[] = [];
      while (!this.isP("}")) {
        const kw = this.expect("ident", "an initializer piece");
        if (kw === "bytes") init.push({ k: "bytes", data: unescape(this.expect("str", "a string")) });
        else if (kw === "zero") init.push({ k: "zero", size: this.smallInt() });
        else if (kw === "sym4" || kw === "sym8") {
          const sym = this.expect("global", "a $symbol");
          const block = this.peek().kind === "label" ? this.next().text : undefined;
          // `@a - @b`: a difference of two blocks (a '-' before a number is the addend's sign).
          const minusBlock = block !== undefined && this.isP("-") && this.toks[this.pos + 1]?.kind === "label"
            ? (this.next(), this.next().text) : undefined;
          init.push({
            k: "sym", name: sym, addend: this.symOffset(), width: kw === "sym4" ? 4 : 8,
            ...(block !== undefined ? { block } : {}), ...(minusBlock !== undefined ? { minusBlock } : {}),
          });
        } else this.fail("expected bytes, zero, sym4 or sym8", this.toks[this.pos - 1]);
        if (!this.acceptP(",")) break;
      }
      this.expectP("}");
      g.init = init;
    }
    return g;
  }

  // ------------------------------------------------------------ functions

  private tempRef(name: string): number {
    let id = this.tempIds.get(name);
    if (id === undefined) {
      id = this.temps.length;
      this.temps.push({ name, type: "i64" });
      this.tempIds.set(name, id);
    }
    return id;
  }

  private define(name: string, type: Type, tok: Tok): number {
    const id = this.tempRef(name);
    if (this.defined.has(id)) this.fail(`%${name} is defined twice`, tok);
    this.defined.add(id);
    this.pendingTypes.set(id, type);
    return id;
  }

  private func(): Func {
    const a = this.attrs();
    const ret = this.retType();
    const name = this.expect("global", "a $name");
    this.funcName = name;
    this.temps = [];
    this.tempIds = new Map();
    this.defined = new Set();
    this.pendingTypes = new Map();
    const f: Func = {
      name, linkage: a.linkage, visibility: a.visibility, ret, params: [], varargs: false, blocks: [], temps: [],
      addressTaken: [],
    };
    if (a.section !== undefined) f.section = a.section;
    if (a.used) f.used = true;
    if (a.alwaysInline) f.alwaysInline = true;
    if (a.noInline) f.noInline = true;
    if (a.inlineHint) f.inlineHint = true;
    if (a.inlineOnly) f.inlineOnly = true;
    if (a.stackProtect) f.stackProtect = a.stackProtect;
    this.expectP("(");
    if (this.acceptI("chain")) {
      const tok = this.peek();
      f.chain = this.define(this.expect("temp", "a %chain"), "ptr", tok);
      if (!this.isP(")")) this.expectP(",");
    }
    while (!this.isP(")")) {
      if (this.acceptP("...")) { f.varargs = true; break; }
      const type = this.argType();
      const tok = this.peek();
      const tname = this.expect("temp", "a %parameter");
      f.params.push({ type, temp: this.define(tname, type.kind === "scalar" ? type.type : "ptr", tok) });
      if (!this.acceptP(",")) break;
    }
    this.expectP(")");
    if (this.acceptI("addresstaken")) {
      this.expectP("[");
      while (!this.isP("]")) {
        f.addressTaken.push(this.expect("label", "a @label"));
        if (!this.acceptP(",")) break;
      }
      this.expectP("]");
    }
    this.expectP("{");
    while (!this.isP("}")) f.blocks.push(this.block(f));
    this.expectP("}");
    // Text written before the list existed: a blockaddr takes its block's address.
    for (const b of f.blocks) {
      for (const i of b.insts) if (i.op === "blockaddr" && i.func === undefined && !f.addressTaken.includes(i.block)) f.addressTaken.push(i.block);
    }
    for (const [id, info] of this.temps.entries()) {
      if (!this.defined.has(id)) throw new IRParseError(`%${info.name} is used but never defined in $${name}`, this.peek().line);
    }
    f.temps = this.temps.map((t, id) => ({ name: t.name, type: this.pendingTypes.get(id)! }));
    return f;
  }

  private block(f: Func): Block {
    const label = this.expect("label", "a @label");
    const b: Block = { label, phis: [], insts: [], term: { op: "unreachable" } };
    for (;;) {
      const t = this.peek();
      if (t.kind === "temp" && this.peek(1).text === "=") {
        this.pos += 2;
        if (this.acceptI("phi")) { b.phis.push(this.phi(t)); continue; }
        b.insts.push(this.inst(t));
        continue;
      }
      if (t.kind !== "ident") this.fail("expected an instruction");
      const term = this.terminator(f);
      if (term) { b.term = term; return b; }
      b.insts.push(this.inst(undefined));
    }
  }

  private phi(dstTok: Tok): Phi {
    const type = this.scalarType();
    const dst = this.define(dstTok.text, type, dstTok);
    const incoming: Phi["incoming"] = [];
    do {
      const block = this.expect("label", "a @block");
      incoming.push({ block, value: this.value(type) });
    } while (this.acceptP(","));
    return { dst, type, incoming };
  }

  private value(ty: Type): Value {
    const t = this.next();
    if (t.kind === "temp") return { k: "temp", id: this.tempRef(t.text) };
    if (t.kind === "ident" && t.text === "undef") return { k: "undef" };
    if (isFloatType(ty)) {
      if (t.kind === "num" && /^-?0x/.test(t.text)) {
        const neg = t.text.startsWith("-");
        const bits = BigInt(neg ? t.text.slice(1) : t.text);
        return { k: "float", bits };
      }
      if (t.kind === "num" || (t.kind === "ident" && /^-?(inf|nan)$/.test(t.text))) {
        const x = t.text.endsWith("inf") ? (t.text.startsWith("-") ? -Infinity : Infinity) : t.text.endsWith("nan") ? NaN : Number(t.text);
        return { k: "float", bits: floatBits(ty as FloatType, x) };
      }
    } else if (t.kind === "num" && !/[.eE]/.test(t.text.replace(/^-?0x.*/, ""))) {
      return { k: "int", value: t.text.startsWith("-") ? -BigInt(t.text.slice(1)) : BigInt(t.text) };
    }
    return this.fail(`expected a ${ty} value`, t);
  }

  private alignClause(): number {
    this.expectP(",");
    this.expectI("align");
    return this.smallInt();
  }

  private inst(dstTok: Tok | undefined): Inst {
    const opTok = this.next();
    if (opTok.kind !== "ident") this.fail("expected an opcode", opTok);
    const op = opTok.text;
    const needDst = (): Tok => dstTok ?? this.fail(`'${op}' needs a result`, opTok);
    const noDst = (): void => { if (dstTok) this.fail(`'${op}' has no result`, opTok); };
    const def = (type: Type): number => { const t = needDst(); return this.define(t.text, type, t); };

    if (INT_BIN.has(op) || FLOAT_BIN.has(op)) {
      const type = this.scalarType();
      if (INT_BIN.has(op) ? isFloatType(type) : !isFloatType(type)) this.fail(`bad type ${type} for ${op}`, opTok);
      const a = this.value(type);
      this.expectP(",");
      const b = this.value(type);
      const dst = def(type);
      return INT_BIN.has(op)
        ? { op: op as IntBinOp, dst, type: type as IntType | "ptr", a, b }
        : { op: op as FloatBinOp, dst, type: type as FloatType, a, b };
    }
    if (CONV.has(op)) {
      const from = this.scalarType();
      const a = this.value(from);
      this.expectI("to");
      const to = this.scalarType();
      return { op: op as ConvOp, dst: def(to), from, to, a };
    }
    switch (op) {
      case "alloca": {
        const t = this.peek();
        let size = 0;
        let dynSize: Value | undefined;
        if (t.kind === "num") size = this.smallInt();
        else dynSize = this.value("i64");
        const align = this.alignClause();
        const i: Inst = { op: "alloca", dst: def("ptr"), size, align };
        if (dynSize) i.dynSize = dynSize;
        if (this.isP(",") && this.peek(1).kind === "ident" && this.peek(1).text === "ssp") {
          this.pos += 2;
          const cls = this.expect("ident", "a stack-protector class");
          const known = STACK_PROTECT_CLASSES.find((c) => c === cls);
          if (!known) this.fail(`unknown stack-protector class ${cls}`);
          i.ssp = known;
        }
        return i;
      }
      case "load": {
        const vol = this.acceptI("volatile");
        const type = this.scalarType();
        const addr = this.value("ptr");
        return { op: "load", dst: def(type), type, addr, volatile: vol };
      }
      case "store": {
        noDst();
        const vol = this.acceptI("volatile");
        const type = this.scalarType();
        const value = this.value(type);
        this.expectP(",");
        return { op: "store", type, value, addr: this.value("ptr"), volatile: vol };
      }
      case "fneg": {
        const type = this.scalarType();
        if (!isFloatType(type)) this.fail("fneg needs a float type", opTok);
        const a = this.value(type);
        return { op: "fneg", dst: def(type), type, a };
      }
      case "icmp": case "fcmp": {
        const pred = this.expect("ident", "a predicate");
        if (!(op === "icmp" ? ICMP : FCMP).has(pred)) this.fail(`unknown ${op} predicate ${pred}`, this.toks[this.pos - 1]);
        const type = this.scalarType();
        const a = this.value(type);
        this.expectP(",");
        const b = this.value(type);
        const dst = def("i1");
        return op === "icmp"
          ? { op, dst, pred: pred as ICmpPred, type: type as IntType, a, b }
          : { op, dst, pred: pred as FCmpPred, type: type as FloatType, a, b };
      }
      case "select": {
        const type = this.scalarType();
        const cond = this.value("i1");
        this.expectP(",");
        const a = this.value(type);
        this.expectP(",");
        const b = this.value(type);
        return { op: "select", dst: def(type), type, cond, a, b };
      }
      case "copy": {
        const type = this.scalarType();
        const a = this.value(type);
        return { op: "copy", dst: def(type), type, a };
      }
      case "addr": {
        const sym = this.expect("global", "a $symbol");
        const offset = Number(this.symOffset());
        return { op: "addr", dst: def("ptr"), sym, offset };
      }
      case "blockaddr": {
        const func = this.peek().kind === "global" ? this.next().text : undefined;
        const block = this.expect("label", "a @label");
        const i: Inst = { op: "blockaddr", dst: def("ptr"), block };
        if (func !== undefined) i.func = func;
        return i;
      }
      case "call": return this.call(dstTok);
      case "asm": noDst(); return { op: "asm", ...this.asmBody() };
      case "memcpy": case "memset": {
        noDst();
        const d = this.value("ptr");
        this.expectP(",");
        const s = this.value(op === "memcpy" ? "ptr" : "i8");
        this.expectP(",");
        const size = this.value("i64");
        const align = this.alignClause();
        return op === "memcpy"
          ? { op, dstAddr: d, srcAddr: s, size, align }
          : { op, dstAddr: d, byte: s, size, align };
      }
      case "va_start": case "va_end": noDst(); return { op, ap: this.value("ptr") };
      case "va_copy": {
        noDst();
        const d = this.value("ptr");
        this.expectP(",");
        return { op, dstAp: d, srcAp: this.value("ptr") };
      }
      case "va_arg": {
        const type = this.argType();
        const ap = this.value("ptr");
        return { op, dst: def(type.kind === "scalar" ? type.type : "ptr"), type, ap };
      }
      case "intrinsic": {
        const name = this.expect("ident", "an intrinsic name");
        let type: Type | undefined;
        if (this.peek().kind === "ident" && TYPE_SET.has(this.peek().text)) type = this.scalarType();
        this.expectP("(");
        const args: Value[] = [];
        while (!this.isP(")")) {
          args.push(this.value(type ?? "i64"));
          if (!this.acceptP(",")) break;
        }
        this.expectP(")");
        const i: Inst = { op, name, args };
        if (type) i.type = type;
        if (dstTok) {
          if (!type) this.fail("an intrinsic with a result needs a type", opTok);
          i.dst = def(type);
        }
        return i;
      }
    }
    return this.fail(`unknown instruction '${op}'`, opTok);
  }

  private call(dstTok: Tok | undefined): Inst {
    const ret = this.retType();
    let callee: Extract<Inst, { op: "call" }>["callee"];
    if (this.peek().kind === "global") callee = { kind: "sym", name: this.next().text };
    else callee = { kind: "value", value: this.value("ptr") };
    this.expectP("(");
    const args: CallArg[] = [];
    let fixedArgs: number | undefined;
    let chain: Value | undefined;
    if (this.acceptI("chain")) {
      chain = this.value("ptr");
      if (!this.isP(")")) this.expectP(",");
    }
    while (!this.isP(")")) {
      if (this.acceptP("...")) fixedArgs = args.length;
      else {
        const type = this.argType();
        args.push({ type, value: this.value(type.kind === "scalar" ? type.type : "ptr") });
      }
      if (!this.acceptP(",")) break;
    }
    this.expectP(")");
    const i: Extract<Inst, { op: "call" }> = { op: "call", ret, callee, args };
    if (fixedArgs !== undefined) i.fixedArgs = fixedArgs;
    if (chain) i.chain = chain;
    if (this.acceptI("into")) i.retAddr = this.value("ptr");
    if (this.acceptI("builtin")) i.builtin = this.expect("global", "a $name");
    if (this.acceptI("vapack")) i.vaPack = true;
    if (dstTok) {
      if (ret.kind !== "scalar") this.fail("only a call with a scalar result defines a temp", dstTok);
      i.dst = this.define(dstTok.text, ret.type, dstTok);
    }
    return i;
  }

  /** `[volatile] "template" [out(...)] [in(...)] [clobber(...)]` (IR.md). */
  private asmBody(): InlineAsm {
    const a: InlineAsm = { volatile: this.acceptI("volatile"), template: this.text(), outputs: [], inputs: [], clobbers: [] };
    const list = (item: () => void): void => {
      this.expectP("(");
      while (!this.isP(")")) {
        item();
        if (!this.acceptP(",")) break;
      }
      this.expectP(")");
    };
    const named = (): { name?: string } => {
      if (!this.acceptP("[")) return {};
      const name = this.expect("ident", "an operand name");
      this.expectP("]");
      return { name };
    };
    if (this.acceptI("out")) {
      list(() => {
        const n = named();
        const constraint = this.text();
        let o: AsmOutput;
        if (this.acceptI("mem")) o = { kind: "mem", constraint, ...this.vectorSize(), addr: this.value("ptr"), ...n };
        else {
          const type = this.scalarType();
          const tok = this.peek();
          o = { kind: "reg", constraint, dst: this.define(this.expect("temp", "a %result"), type, tok), ...n };
        }
        a.outputs.push(o);
      });
    }
    if (this.acceptI("in")) {
      list(() => {
        const n = named();
        const constraint = this.text();
        let x: AsmInput;
        if (this.acceptI("mem")) x = { kind: "mem", constraint, ...this.vectorSize(), addr: this.value("ptr"), ...n };
        else {
          const type = this.scalarType();
          x = { kind: "value", constraint, type, value: this.value(type), ...n };
        }
        a.inputs.push(x);
      });
    }
    if (this.acceptI("clobber")) list(() => a.clobbers.push(this.text()));
    return a;
  }

  private retTypeOf(f: Func): Type {
    return f.ret.kind === "scalar" ? f.ret.type : "ptr";
  }

  /** A terminator, or undefined (without consuming) if the next token starts an instruction. */
  private terminator(f: Func): Terminator | undefined {
    const t = this.peek();
    switch (t.text) {
      case "br": this.pos++; return { op: "br", target: this.expect("label", "a @label") };
      case "condbr": {
        this.pos++;
        const cond = this.value("i1");
        this.expectP(",");
        const ifTrue = this.expect("label", "a @label");
        this.expectP(",");
        return { op: "condbr", cond, ifTrue, ifFalse: this.expect("label", "a @label") };
      }
      case "switch": {
        this.pos++;
        const type = this.scalarType();
        if (!isIntType(type)) this.fail("switch needs an integer type", t);
        const value = this.value(type);
        this.expectP(",");
        const dflt = this.expect("label", "a @label");
        this.expectP("[");
        const cases: { value: bigint; target: string }[] = [];
        while (!this.isP("]")) {
          const v = this.int();
          cases.push({ value: v, target: this.expect("label", "a @label") });
          if (!this.acceptP(",")) break;
        }
        this.expectP("]");
        return { op: "switch", type, value, default: dflt, cases };
      }
      case "ret": {
        this.pos++;
        const n = this.peek();
        if (n.kind === "label" || n.text === "}" || f.ret.kind === "void") return { op: "ret" };
        return { op: "ret", value: this.value(this.retTypeOf(f)) };
      }
      case "unreachable": this.pos++; return { op: "unreachable" };
      case "indirectbr": {
        this.pos++;
        const addr = this.value("ptr");
        this.expectP(",");
        this.expectP("[");
        const targets: string[] = [];
        while (!this.isP("]")) {
          targets.push(this.expect("label", "a @label"));
          if (!this.acceptP(",")) break;
        }
        this.expectP("]");
        return { op: "indirectbr", addr, targets };
      }
      case "asmgoto": {
        this.pos++;
        const asm = this.asmBody();
        if (asm.outputs.some((o) => o.kind === "reg")) this.fail("asmgoto cannot define temps", t);
        this.expectP(",");
        const fallthrough = this.expect("label", "a @label");
        this.expectP(",");
        this.expectP("[");
        const targets: string[] = [];
        while (!this.isP("]")) {
          targets.push(this.expect("label", "a @label"));
          if (!this.acceptP(",")) break;
        }
        this.expectP("]");
        return { op: "asmgoto", asm, fallthrough, targets };
      }
    }
    return undefined;
  }
}

export function parseModule(text: string): Module {
  return new Parser(tokenize(text)).parseModule();
}
