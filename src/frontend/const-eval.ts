// Constant evaluation over the typed AST (6.6).
//
// Because the AST already carries every conversion as a node, evaluation is a
// direct structural recursion: each node computes its value in its own type
// and wraps it to that type's width with BigInt.asIntN/asUintN (exact 64- and
// 128-bit arithmetic). Floating values are JavaScript doubles, rounded to
// binary32 with Math.fround when the type is float (long double constants
// are computed in double precision: a known approximation).
//
// Three kinds of result:
//   int   - integer constant (also null and integer-valued pointer constants)
//   float - arithmetic constant of floating type
//   addr  - address constant (6.6p9): &object + byte offset, where the object
//           is a static-storage symbol, a string literal, a label (GNU) or a
//           file-scope compound literal.
// `undefined` means "not a constant"; callers report the error they need.

import type { Expr, FunctionSymbol, Label, ObjectSymbol, StringLit } from "./ast.js";
import { intOf, isInteger, sizeOf, type Type } from "./types.js";

/**
 * A NaN as `__builtin_nan("tag")`/`__builtin_nans("tag")` make it: a double
 * cannot carry a payload or a signalling NaN through arithmetic, so constants
 * that are such NaNs say so, and the target format's bits are built from this.
 */
export interface NanSpec { payload: bigint; signalling: boolean; negative: boolean }

export type ConstValue =
  | { kind: "int"; value: bigint }
  /**
   * `literal`: the source text of a floating literal, kept while the value is
   * still exactly that literal in its own type, so a long double or
   * _Float128 gets its exact bits rather than a double's.
   */
  | { kind: "float"; value: number; nan?: NanSpec; literal?: string }
  /** A complex constant (real and imaginary parts as doubles). */
  | { kind: "complex"; re: number; im: number }
  /** `minusLabel`: GNU `&&a - &&b`, a link-time constant difference of two labels. */
  | { kind: "addr"; sym?: ObjectSymbol | FunctionSymbol; str?: StringLit; label?: Label; minusLabel?: Label; offset: bigint };

/** Wrap an integer to the width and signedness of an integer or pointer type. */
/**
 * An out-of-range float converted to an integer is undefined (6.3.1.4p1);
 * gcc's constant folder clamps it to the type's range, and code relies on it.
 */
function saturateInt(v: bigint, t: Type): bigint {
  if (t.kind !== "int" && t.kind !== "enum") return wrapInt(v, t);
  const it = intOf(t);
  const bits = BigInt(it.size * 8);
  const min = it.signed ? -(1n << (bits - 1n)) : 0n;
  const max = it.signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
  return v < min ? min : v > max ? max : v;
}

export function wrapInt(v: bigint, t: Type): bigint {
  if (t.kind === "int" || t.kind === "enum") {
    const it = intOf(t);
    if (it.name === "bool") return v !== 0n ? 1n : 0n;
    const bits = it.bits ?? it.size * 8;
    return it.signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
  }
  if (t.kind === "pointer") return BigInt.asUintN(64, v);
  return v;
}

function roundFloat(v: number, t: Type): number {
  if (t.kind === "float" && (t.format === "f32")) return Math.fround(v);
  return v;
}

/** Is `e` an integer constant expression? Returns its value. */
export function evalInt(e: Expr): bigint | undefined {
  const v = evalConst(e);
  return v && v.kind === "int" && (isInteger(e.type) || e.type.kind === "pointer") ? v.value : undefined;
}

function isUnsignedType(t: Type): boolean {
  return (t.kind === "int" || t.kind === "enum") && !intOf(t).signed || t.kind === "pointer";
}

/** Set while evaluating static initializers, where gcc also folds const objects (not in integer constant expressions). */
let foldConstObjects = false;

/** Evaluate an initializer element: like evalConst, but reads of const objects with constant initializers fold. */
export function evalInitializer(e: Expr): ConstValue | undefined {
  const prev = foldConstObjects;
  foldConstObjects = true;
  try {
    return evalConst(e);
  } finally {
    foldConstObjects = prev;
  }
}

export function evalConst(e: Expr): ConstValue | undefined {
  switch (e.kind) {
    case "int": return { kind: "int", value: e.value };
    case "float": return e.imaginary ? { kind: "complex", re: 0, im: e.value } : { kind: "float", value: e.value, ...(e.literal !== undefined ? { literal: e.literal } : {}) };
    case "cast": return evalCast(e.operand, e.type);
    case "decay": return evalAddress(e.operand);
    case "addr": return evalAddress(e.operand);
    case "labeladdr": return { kind: "addr", label: e.label, offset: 0n };
    case "comma": {
      // gcc folds `(0, 1)` in initializers; both sides must be constant.
      if (!evalConst(e.left)) return undefined;
      return evalConst(e.right);
    }
    case "unary": {
      const v = evalConst(e.operand);
      if (!v) return undefined;
      if (e.op === "not") {
        if (v.kind === "int") return { kind: "int", value: v.value === 0n ? 1n : 0n };
        if (v.kind === "float") return { kind: "int", value: v.value === 0 ? 1n : 0n };
        return { kind: "int", value: 0n }; // address of an object is non-null
      }
      if (v.kind === "int") return { kind: "int", value: wrapInt(e.op === "neg" ? -v.value : ~v.value, e.type) };
      if (v.kind === "float" && e.op === "neg") {
        return {
          kind: "float", value: -v.value,
          ...(v.nan ? { nan: { ...v.nan, negative: !v.nan.negative } } : {}),
          ...(v.literal !== undefined ? { literal: v.literal.startsWith("-") ? v.literal.slice(1) : `-${v.literal}` } : {}),
        };
      }
      if (v.kind === "complex" && e.op === "neg") return { kind: "complex", re: -v.re, im: -v.im };
      return undefined;
    }
    case "binary": return evalBinary(e.op, e.left, e.right, e.type);
    case "logical": {
      const l = truth(evalConst(e.left));
      if (l === undefined) return undefined;
      if (e.op === "&&" && !l) return { kind: "int", value: 0n };
      if (e.op === "||" && l) return { kind: "int", value: 1n };
      const r = truth(evalConst(e.right));
      if (r === undefined) return undefined;
      return { kind: "int", value: r ? 1n : 0n };
    }
    case "cond": {
      const c = truth(evalConst(e.cond));
      if (c === undefined) return undefined;
      if (c) return e.then ? evalConst(e.then) : evalCast(e.cond, e.type);
      return evalConst(e.else);
    }
    case "ptradd": {
      const p = evalConst(e.ptr);
      const i = evalConst(e.index);
      if (!p || !i || i.kind !== "int") return undefined;
      const delta = i.value * BigInt(e.scale);
      if (p.kind === "addr") return { ...p, offset: BigInt.asIntN(64, p.offset + delta) };
      if (p.kind === "int") return { kind: "int", value: BigInt.asUintN(64, p.value + delta) };
      return undefined;
    }
    case "ptrdiff": {
      const a = evalConst(e.left);
      const b = evalConst(e.right);
      if (!a || !b) return undefined;
      if (a.kind === "int" && b.kind === "int") return { kind: "int", value: BigInt.asIntN(64, a.value - b.value) / BigInt(e.scale) };
      if (a.kind === "addr" && b.kind === "addr" && a.sym === b.sym && sameString(a.str, b.str) && a.label === b.label) {
        return { kind: "int", value: (a.offset - b.offset) / BigInt(e.scale) };
      }
      if (a.kind === "addr" && b.kind === "addr" && a.label && b.label && !a.minusLabel && !b.minusLabel && e.scale === 1) {
        return { kind: "addr", label: a.label, minusLabel: b.label, offset: a.offset - b.offset };
      }
      return undefined;
    }
    case "builtin": return evalBuiltin(e.name, e.args, e.type);
    case "var": {
      // C23 constexpr objects are constants.
      const s = e.sym;
      if (s.kind === "object" && s.constexpr && s.constValue) return s.constValue;
      if (s.kind === "object" && foldConstObjects) return readConstObject(s, e.type);
      return undefined;
    }
    default: return undefined;
  }
}

/** Identical string literals may share storage; gcc folds differences between them. */
function sameString(a: StringLit | undefined, b: StringLit | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.bytes.length !== b.bytes.length || a.elem.size !== b.elem.size) return false;
  for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  return true;
}

/**
 * gcc folds reads of const-qualified, non-volatile static objects with a
 * constant initializer (`const char a = 0x42; const double c = a;`).
 */
function readConstObject(s: ObjectSymbol, t: Type): ConstValue | undefined {
  if (!s.isStatic || !s.init || (s.type.quals & 1) === 0 || (s.type.quals & 2) !== 0) return undefined;
  const { bytes, relocs } = s.init;
  const size = sizeOf(t);
  if (relocs.length > 0 || bytes.length < size) return undefined;
  if (t.kind === "int" || t.kind === "enum") {
    let v = 0n;
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
    return { kind: "int", value: wrapInt(v, t) };
  }
  if (t.kind === "float" && (t.format === "f32" || t.format === "f64")) {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    return { kind: "float", value: t.format === "f32" ? dv.getFloat32(0, true) : dv.getFloat64(0, true) };
  }
  return undefined;
}

function truth(v: ConstValue | undefined): boolean | undefined {
  if (!v) return undefined;
  if (v.kind === "int") return v.value !== 0n;
  if (v.kind === "float") return v.value !== 0;
  if (v.kind === "complex") return v.re !== 0 || v.im !== 0;
  if (v.minusLabel) return undefined;
  return v.label || v.sym || v.str ? true : undefined;
}

function toNumber(v: ConstValue, from: Type): number | undefined {
  if (v.kind === "int") return isUnsignedType(from) ? Number(v.value) : Number(v.value);
  if (v.kind === "float") return v.value;
  if (v.kind === "complex") return v.re;
  return undefined;
}

export function evalCast(operand: Expr, to: Type): ConstValue | undefined {
  const v0 = evalConst(operand);
  if (!v0) return undefined;
  if (to.kind === "void") return { kind: "int", value: 0n };
  if (to.kind === "complex") {
    const elem = to.elem;
    const round = (x: number): number => (elem.kind === "int" ? Number(wrapInt(BigInt(Math.trunc(x)), elem)) : roundFloat(x, elem));
    if (v0.kind === "complex") return { kind: "complex", re: round(v0.re), im: round(v0.im) };
    const n = toNumber(v0, operand.type);
    return n === undefined ? undefined : { kind: "complex", re: round(n), im: 0 };
  }
  // complex -> real takes the real part (6.3.1.7p2)
  const v: ConstValue = v0.kind === "complex" ? { kind: "float", value: v0.re } : v0;
  if (to.kind === "int" || to.kind === "enum" || to.kind === "pointer") {
    if (v.kind === "int") return { kind: "int", value: wrapInt(v.value, to) };
    if (v.kind === "float") {
      if (to.kind === "int" && to.name === "bool") return { kind: "int", value: v.value !== 0 ? 1n : 0n };
      if (!Number.isFinite(v.value)) return undefined;
      return { kind: "int", value: saturateInt(BigInt(Math.trunc(v.value)), to) };
    }
    if (to.kind === "int" && to.name === "bool") return v.minusLabel ? undefined : { kind: "int", value: 1n };
    // An address survives a cast to a pointer or integer (a narrower integer cannot be
    // relocated: the static-initializer builder reports it as not computable at load time).
    return v;
  }
  if (to.kind === "float") {
    if (v.kind === "int") {
      const src = operand.type;
      const n = isUnsignedType(src) ? Number(v.value) : Number(v.value);
      return { kind: "float", value: roundFloat(n, to) };
    }
    if (v.kind === "float") {
      // A NaN's payload, and a literal's exact text, survive a conversion to their own format only.
      const sameFormat = operand.type.kind === "float" && operand.type.format === to.format;
      return {
        kind: "float", value: roundFloat(v.value, to),
        ...(sameFormat && v.nan ? { nan: v.nan } : {}), ...(sameFormat && v.literal !== undefined ? { literal: v.literal } : {}),
      };
    }
    return undefined;
  }
  return v;
}

/** The text of a string-literal expression (through decay and casts), if it is one with 1-byte characters. */
export function literalText(e: Expr | undefined): string | undefined {
  let x = e;
  while (x && (x.kind === "decay" || x.kind === "cast")) x = x.operand;
  if (x?.kind !== "string" || x.elem.size !== 1) return undefined;
  const end = x.bytes.indexOf(0);
  return String.fromCharCode(...x.bytes.subarray(0, end < 0 ? x.bytes.length : end));
}

/** The payload `nan("tag")` puts in the fraction: the tag read as a C integer constant (0x hex, 0 octal); undefined if it is not one. */
export function nanPayload(tag: string | undefined): bigint | undefined {
  if (tag === undefined) return undefined;
  if (tag === "") return 0n;
  if (!/^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(tag)) return undefined;
  return tag.length > 1 && tag[0] === "0" && !/[xX]/.test(tag[1]!) ? BigInt(`0o${tag.slice(1)}`) : BigInt(tag);
}

/**
 * The fraction bits of a NaN in a format whose quiet bit is `quiet` (the
 * top fraction bit): a quiet NaN sets it, a signalling one keeps it clear and
 * needs a non-zero fraction (gcc sets the bit below the quiet bit when the tag
 * gives none). The payload is cut to the bits below the quiet bit.
 */
export function nanFraction(nan: Omit<NanSpec, "negative">, quiet: bigint): bigint {
  const fraction = nan.payload & (quiet - 1n);
  if (!nan.signalling) return quiet | fraction;
  return fraction === 0n ? quiet >> 1n : fraction;
}

/** The address of an lvalue, if it is an address constant. */
export function evalAddress(e: Expr): ConstValue | undefined {
  switch (e.kind) {
    case "var": {
      const s = e.sym;
      if (s.kind === "function" || s.isStatic) return { kind: "addr", sym: s, offset: 0n };
      return undefined;
    }
    case "string": return { kind: "addr", str: e, offset: 0n };
    case "compound": return e.sym.isStatic ? { kind: "addr", sym: e.sym, offset: 0n } : undefined;
    case "member": {
      if (e.offset) return undefined; // a run-time offset (variably sized record)
      const b = evalAddress(e.base);
      if (!b || b.kind !== "addr" && b.kind !== "int") return undefined;
      if (b.kind === "int") return { kind: "int", value: b.value + BigInt(e.member.offset) }; // offsetof idiom
      return { ...b, offset: b.offset + BigInt(e.member.offset) };
    }
    case "deref": return evalConst(e.ptr);
    case "decay": return evalAddress(e.operand);
    case "cast": return evalAddress(e.operand);
    case "real": return evalAddress(e.operand);
    case "imag": {
      const b = evalAddress(e.operand);
      if (!b || b.kind !== "addr") return undefined;
      return { ...b, offset: b.offset + BigInt(sizeOf(e.type)) };
    }
    default: return undefined;
  }
}

function evalBinary(op: string, le: Expr, re: Expr, t: Type): ConstValue | undefined {
  const l = evalConst(le);
  if (!l) return undefined;
  const r = evalConst(re);
  if (!r) return undefined;
  const cmp = op === "==" || op === "!=" || op === "<" || op === ">" || op === "<=" || op === ">=";
  if (l.kind === "complex" || r.kind === "complex") {
    if (l.kind !== "complex" || r.kind !== "complex") return undefined;
    const elem = t.kind === "complex" ? t.elem : undefined;
    const round = (x: number): number => (elem ? roundFloat(x, elem) : x);
    switch (op) {
      case "+": return { kind: "complex", re: round(l.re + r.re), im: round(l.im + r.im) };
      case "-": return { kind: "complex", re: round(l.re - r.re), im: round(l.im - r.im) };
      case "*": return { kind: "complex", re: round(l.re * r.re - l.im * r.im), im: round(l.re * r.im + l.im * r.re) };
      case "==": return { kind: "int", value: l.re === r.re && l.im === r.im ? 1n : 0n };
      case "!=": return { kind: "int", value: l.re !== r.re || l.im !== r.im ? 1n : 0n };
      default: return undefined;
    }
  }
  if (l.kind === "float" || r.kind === "float") {
    if (l.kind !== "float" || r.kind !== "float") return undefined;
    const a = l.value;
    const b = r.value;
    if (cmp) return { kind: "int", value: compare(op, a, b) ? 1n : 0n };
    let v: number;
    switch (op) {
      case "+": v = a + b; break;
      case "-": v = a - b; break;
      case "*": v = a * b; break;
      case "/": v = a / b; break;
      default: return undefined;
    }
    return { kind: "float", value: roundFloat(v, t) };
  }
  if (l.kind === "addr" || r.kind === "addr") {
    // Address comparisons against null, and equality of identical addresses.
    if (!cmp) {
      // (char *)&x + 1 written with integer arithmetic on a cast address: `(long)&x + 4`.
      if (l.kind === "addr" && r.kind === "int" && (op === "+" || op === "-")) return { ...l, offset: op === "+" ? l.offset + r.value : l.offset - r.value };
      if (r.kind === "addr" && l.kind === "int" && op === "+") return { ...r, offset: r.offset + l.value };
      return undefined;
    }
    if (l.kind === "addr" && r.kind === "addr") {
      if (l.sym !== r.sym || l.str !== r.str || l.label !== r.label) return op === "!=" ? { kind: "int", value: 1n } : op === "==" ? { kind: "int", value: 0n } : undefined;
      return { kind: "int", value: compare(op, Number(l.offset), Number(r.offset)) ? 1n : 0n };
    }
    const other = l.kind === "int" ? l : r.kind === "int" ? r : undefined;
    if (other && other.value === 0n && (op === "==" || op === "!=")) return { kind: "int", value: op === "!=" ? 1n : 0n };
    return undefined;
  }
  const a = l.value;
  const b = r.value;
  const opType = cmp ? le.type : t;
  if (cmp) {
    // The operands are already converted to their common type: compare as such.
    return { kind: "int", value: compareBig(op, a, b) ? 1n : 0n };
  }
  let v: bigint;
  switch (op) {
    case "+": v = a + b; break;
    case "-": v = a - b; break;
    case "*": v = a * b; break;
    case "/": if (b === 0n) return undefined; v = a / b; break;
    case "%": if (b === 0n) return undefined; v = a % b; break;
    case "&": v = a & b; break;
    case "|": v = a | b; break;
    case "^": v = a ^ b; break;
    // Shifts by a negative count or by the width or more are undefined: not constants (gcc agrees).
    case "<<": {
      if (b < 0n || b >= BigInt(sizeOf(opType) * 8)) return undefined;
      v = a << b;
      break;
    }
    case ">>": {
      if (b < 0n || b >= BigInt(sizeOf(opType) * 8)) return undefined;
      v = a >> b;
      break;
    }
    default: return undefined;
  }
  return { kind: "int", value: wrapInt(v, opType) };
}

function compare(op: string, a: number, b: number): boolean {
  switch (op) {
    case "==": return a === b;
    case "!=": return a !== b;
    case "<": return a < b;
    case ">": return a > b;
    case "<=": return a <= b;
    default: return a >= b;
  }
}

function compareBig(op: string, a: bigint, b: bigint): boolean {
  switch (op) {
    case "==": return a === b;
    case "!=": return a !== b;
    case "<": return a < b;
    case ">": return a > b;
    case "<=": return a <= b;
    default: return a >= b;
  }
}

function popcount(v: bigint): number {
  let n = 0;
  for (; v > 0n; v >>= 1n) if (v & 1n) n++;
  return n;
}

/** Builtins gcc folds in constant expressions when their arguments are constant. */
function evalBuiltin(name: string, args: Expr[], t: Type): ConstValue | undefined {
  // The _FloatN/_FloatNx spellings (`__builtin_inff128`) fold as the plain ones: the value is the same number.
  const base = name.replace(/^__builtin_/, "").replace(/^(inf|huge_val|nans?)(f(32|64|128)x?|q)$/, "$1");
  switch (base) {
    case "inf": case "inff": case "infl": case "huge_val": case "huge_valf": case "huge_vall":
      return { kind: "float", value: Infinity };
    case "nan": case "nanf": case "nanl": case "nans": case "nansf": case "nansl": {
      const payload = nanPayload(literalText(args[0]));
      if (payload === undefined) return undefined;
      return { kind: "float", value: NaN, nan: { payload, signalling: base.startsWith("nans"), negative: false } };
    }
    case "expect": case "expect_with_probability": return args[0] ? evalConst(args[0]) : undefined;
    // Left for the optimiser (see the parser); a constant expression takes it as 0.
    case "constant_p": return { kind: "int", value: 0n };
    case "complex": {
      const re = args[0] && evalConst(args[0]);
      const im = args[1] && evalConst(args[1]);
      if (!re || !im || !args[0] || !args[1]) return undefined;
      const a = toNumber(re, args[0].type);
      const b = toNumber(im, args[1].type);
      return a === undefined || b === undefined ? undefined : { kind: "complex", re: a, im: b };
    }
  }
  const vals: bigint[] = [];
  for (const a of args) {
    const v = evalConst(a);
    if (!v || v.kind !== "int") return undefined;
    vals.push(v.value);
  }
  const bits = args[0] ? sizeOf(args[0].type) * 8 : 32;
  const x = vals[0] === undefined ? 0n : BigInt.asUintN(bits, vals[0]);
  const int = (n: number | bigint): ConstValue => ({ kind: "int", value: wrapInt(BigInt(n), t) });
  switch (base) {
    case "clz": case "clzl": case "clzll":
      return x === 0n ? undefined : int(bits - x.toString(2).length);
    case "ctz": case "ctzl": case "ctzll": {
      if (x === 0n) return undefined;
      let n = 0;
      for (let y = x; (y & 1n) === 0n; y >>= 1n) n++;
      return int(n);
    }
    case "ffs": case "ffsl": case "ffsll": {
      if (x === 0n) return int(0);
      let n = 1;
      for (let y = x; (y & 1n) === 0n; y >>= 1n) n++;
      return int(n);
    }
    case "popcount": case "popcountl": case "popcountll": return int(popcount(x));
    case "parity": case "parityl": case "parityll": return int(popcount(x) & 1);
    case "clrsb": case "clrsbl": case "clrsbll": {
      const s = BigInt.asIntN(bits, x);
      const y = s < 0n ? ~s : s;
      return int(bits - 1 - (y === 0n ? 0 : y.toString(2).length));
    }
    case "bswap16": case "bswap32": case "bswap64": case "bswap128": {
      const n = bits / 8;
      let r = 0n;
      for (let i = 0; i < n; i++) r = (r << 8n) | ((x >> BigInt(8 * i)) & 0xffn);
      return int(r);
    }
  }
  return undefined;
}
