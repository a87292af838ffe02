// Constant folding and copy propagation.
//
// Integer arithmetic is exact: constants are BigInts reduced modulo 2^width
// (ptr is 64 bits), so i128 and all wrap-around cases fold exactly as the
// machine would compute them. Operations whose result is undefined or traps
// (division by zero, INT_MIN / -1, oversized shifts, out-of-range float to int)
// are left alone for the backend to execute as written.
// f32/f64 fold with IEEE semantics of the type (an f32 operation computed in
// double and rounded once is exact for + - * /); f80/f128 are not folded.
//
// Besides folding, this pass forwards `copy`, removes trivial phis (all
// incoming values the same, ignoring self-references), applies a few
// identities that never change behaviour (x+0, x*1, x&-1, x|0, x^0, shifts by
// 0, x*0 and x&0 to 0) and makes branch conditions constant for simplifycfg.
// Loads from read-only globals at constant offsets become the constants stored
// there (constmem.ts says which globals qualify).

import type { FloatType, Func, Inst, IntType, Module, Type, Value } from "../ir.js";
import { bitWidth, instDst, mapInstOperands, mapTermOperands, storeSize } from "../ir.js";
import { type ConstBytes, readLE, readonlyBytes } from "../constmem.js";
import { bitsToF32, bitsToF64, f32ToBits, f64ToBits, floatBits, wideToF64Exact } from "../float.js";

export function constfold(m: Module): void {
  const globals = new Map(m.globals.map((g) => [g.name, g]));
  const bytes = new Map<string, ConstBytes | undefined>();
  const memory: ConstMemory = (sym) => {
    if (!bytes.has(sym)) {
      const g = globals.get(sym);
      bytes.set(sym, g ? readonlyBytes(g) : undefined);
    }
    return bytes.get(sym);
  };
  for (const f of m.funcs) foldFunc(f, memory);
}

/** The constant contents of a global, if it has them. */
type ConstMemory = (sym: string) => ConstBytes | undefined;

/** A load of `t` from constant memory at `sym + off`. */
function constLoad(t: Type, bytes: ConstBytes, off: number): Value | undefined {
  if (t === "f80" || t === "f128" || t === "i1") return undefined;
  const v = readLE(bytes, off, storeSize(t));
  if (v === undefined) return undefined;
  return t === "f32" || t === "f64" ? { k: "float", bits: v } : int(v);
}

const width = (t: Type): number => (t === "ptr" ? 64 : bitWidth(t));
const norm = (t: Type, v: bigint): bigint => BigInt.asUintN(width(t), v);
const signed = (t: Type, v: bigint): bigint => BigInt.asIntN(width(t), v);
const int = (v: bigint): Value => ({ k: "int", value: v });

/** Exact integer binary operation, or undefined when it must not be folded. */
export function foldIntBin(op: Inst["op"], t: IntType | "ptr", a: bigint, b: bigint): bigint | undefined {
  const w = width(t);
  const ua = norm(t, a), ub = norm(t, b);
  const sa = signed(t, a), sb = signed(t, b);
  switch (op) {
    case "add": return norm(t, ua + ub);
    case "sub": return norm(t, ua - ub);
    case "mul": return norm(t, ua * ub);
    case "and": return ua & ub;
    case "or": return ua | ub;
    case "xor": return ua ^ ub;
    case "udiv": return ub === 0n ? undefined : ua / ub;
    case "urem": return ub === 0n ? undefined : ua % ub;
    // BigInt division truncates toward zero, as C requires.
    case "sdiv": return sb === 0n || (sb === -1n && sa === -(1n << BigInt(w - 1))) ? undefined : norm(t, sa / sb);
    case "srem": return sb === 0n || (sb === -1n && sa === -(1n << BigInt(w - 1))) ? undefined : norm(t, sa % sb);
    case "shl": return ub >= BigInt(w) ? undefined : norm(t, ua << ub);
    case "lshr": return ub >= BigInt(w) ? undefined : ua >> ub;
    case "ashr": return ub >= BigInt(w) ? undefined : norm(t, sa >> ub);
    default: return undefined;
  }
}

function icmp(pred: string, t: Type, a: bigint, b: bigint): boolean {
  const ua = norm(t, a), ub = norm(t, b), sa = signed(t, a), sb = signed(t, b);
  switch (pred) {
    case "eq": return ua === ub;
    case "ne": return ua !== ub;
    case "slt": return sa < sb;
    case "sle": return sa <= sb;
    case "sgt": return sa > sb;
    case "sge": return sa >= sb;
    case "ult": return ua < ub;
    case "ule": return ua <= ub;
    case "ugt": return ua > ub;
    default: return ua >= ub;
  }
}

function fcmp(pred: string, a: number, b: number): boolean {
  const uno = Number.isNaN(a) || Number.isNaN(b);
  switch (pred) {
    case "oeq": return !uno && a === b;
    case "one": return !uno && a !== b;
    case "olt": return !uno && a < b;
    case "ole": return !uno && a <= b;
    case "ogt": return !uno && a > b;
    case "oge": return !uno && a >= b;
    case "ord": return !uno;
    case "ueq": return uno || a === b;
    case "une": return uno || a !== b;
    case "ult": return uno || a < b;
    case "ule": return uno || a <= b;
    case "ugt": return uno || a > b;
    case "uge": return uno || a >= b;
    default: return uno;
  }
}

const isSmallFloat = (t: Type): t is "f32" | "f64" => t === "f32" || t === "f64";

/**
 * f80/f128 constants that are exactly doubles fold through doubles when the
 * double result is exact too: comparisons always, + and - when the rounding
 * error is zero (then the wide result is that same value).
 */
function wideFold(i: Inst): Value | undefined {
  const wide = (t: Type, v: Value): number | undefined =>
    (t === "f80" || t === "f128") && v.k === "float" ? wideToF64Exact(t, v.bits) : undefined;
  switch (i.op) {
    case "fcmp": {
      const a = wide(i.type, i.a), b = wide(i.type, i.b);
      return a === undefined || b === undefined ? undefined : int(fcmp(i.pred, a, b) ? 1n : 0n);
    }
    case "fadd": case "fsub": {
      const a = wide(i.type, i.a), b0 = wide(i.type, i.b);
      if (a === undefined || b0 === undefined) return undefined;
      const b = i.op === "fsub" ? -b0 : b0;
      const s = a + b;
      if (!Number.isFinite(s)) return undefined;
      const bb = s - a;
      if (a - (s - bb) + (b - bb) !== 0) return undefined; // TwoSum: the rounding error
      return { k: "float", bits: floatBits(i.type as FloatType, s) };
    }
    case "fpext":
      if ((i.to === "f80" || i.to === "f128") && i.a.k === "float" && isSmallFloat(i.from)) {
        return { k: "float", bits: floatBits(i.to, fval(i.from, i.a.bits)) };
      }
      return undefined;
    case "fptrunc": {
      const a = wide(i.from, i.a);
      if (a === undefined || !isSmallFloat(i.to) || (i.to === "f32" && Math.fround(a) !== a)) return undefined;
      return fconst(i.to, a);
    }
    default: return undefined;
  }
}
const fval = (t: "f32" | "f64", bits: bigint): number => (t === "f32" ? bitsToF32(bits) : bitsToF64(bits));
const fconst = (t: "f32" | "f64", x: number): Value => ({ k: "float", bits: t === "f32" ? f32ToBits(Math.fround(x)) : f64ToBits(x) });

/** The folded value of `i`, or undefined. */
function fold(i: Inst): Value | undefined {
  const isInt = (v: Value): v is { k: "int"; value: bigint } => v.k === "int";
  switch (i.op) {
    case "copy": return i.a;
    case "select":
      if (i.cond.k === "int") return (i.cond.value & 1n) ? i.a : i.b;
      if (sameValue(i.a, i.b)) return i.a;
      return undefined;
    case "icmp":
      if (isInt(i.a) && isInt(i.b)) return int(icmp(i.pred, i.type, i.a.value, i.b.value) ? 1n : 0n);
      // x P x: true for the predicates that include equality.
      if (i.a.k === "temp" && sameValue(i.a, i.b)) return int(["eq", "sle", "sge", "ule", "uge"].includes(i.pred) ? 1n : 0n);
      return undefined;
    case "fcmp":
      if (i.a.k === "float" && i.b.k === "float" && isSmallFloat(i.type)) {
        return int(fcmp(i.pred, fval(i.type, i.a.bits), fval(i.type, i.b.bits)) ? 1n : 0n);
      }
      // A NaN operand makes every ordered comparison false and every unordered one true.
      if ((isNaNConst(i.type, i.a) || isNaNConst(i.type, i.b)) && i.pred !== "ord" && i.pred !== "uno") {
        return int(i.pred.startsWith("u") ? 1n : 0n);
      }
      if (isNaNConst(i.type, i.a) || isNaNConst(i.type, i.b)) return int(i.pred === "uno" ? 1n : 0n);
      return undefined;
    case "fadd": case "fsub": case "fmul": case "fdiv": {
      if (i.a.k !== "float" || i.b.k !== "float" || !isSmallFloat(i.type)) return undefined;
      const a = fval(i.type, i.a.bits), b = fval(i.type, i.b.bits);
      const r = i.op === "fadd" ? a + b : i.op === "fsub" ? a - b : i.op === "fmul" ? a * b : a / b;
      return fconst(i.type, r);
    }
    case "fneg":
      if (i.a.k !== "float") return undefined;
      return { k: "float", bits: i.a.bits ^ (1n << BigInt(i.type === "f80" ? 79 : bitWidth(i.type) - 1)) };
    case "add": case "sub": case "mul": case "sdiv": case "udiv": case "srem": case "urem":
    case "and": case "or": case "xor": case "shl": case "lshr": case "ashr": {
      if (isInt(i.a) && isInt(i.b)) {
        const r = foldIntBin(i.op, i.type, i.a.value, i.b.value);
        return r === undefined ? undefined : int(r);
      }
      return identity(i.op, i.type, i.a, i.b);
    }
    case "trunc": case "zext": case "ptrtoint": case "inttoptr":
      return isInt(i.a) ? int(norm(i.to, norm(i.from, i.a.value))) : undefined;
    case "sext":
      return isInt(i.a) ? int(norm(i.to, signed(i.from, i.a.value))) : undefined;
    case "sitofp": case "uitofp": {
      if (!isInt(i.a) || !isSmallFloat(i.to)) return undefined;
      const v = i.op === "sitofp" ? signed(i.from, i.a.value) : norm(i.from, i.a.value);
      // Number(bigint) rounds once, to nearest; f32 would round twice beyond 2^53.
      if (i.to === "f32" && (v > 1n << 53n || v < -(1n << 53n))) return undefined;
      return fconst(i.to, Number(v));
    }
    case "fpext": case "fptrunc":
      if (i.a.k !== "float" || !isSmallFloat(i.from) || !isSmallFloat(i.to)) return undefined;
      return fconst(i.to, fval(i.from, i.a.bits));
    case "fptosi": case "fptoui": {
      if (i.a.k !== "float" || !isSmallFloat(i.from)) return undefined;
      const x = Math.trunc(fval(i.from, i.a.bits));
      if (!Number.isFinite(x)) return undefined;
      const v = BigInt(x);
      const w = BigInt(width(i.to));
      const ok = i.op === "fptosi" ? v >= -(1n << (w - 1n)) && v < 1n << (w - 1n) : v >= 0n && v < 1n << w;
      return ok ? int(norm(i.to, v)) : undefined;
    }
    case "bitcast":
      if (i.a.k === "int" && (i.to === "f32" || i.to === "f64")) return { k: "float", bits: norm(i.from, i.a.value) };
      if (i.a.k === "float" && (i.from === "f32" || i.from === "f64")) return int(i.a.bits);
      return undefined;
    default:
      return undefined;
  }
}

/** Is `v` a NaN constant of float type `t`? */
function isNaNConst(t: FloatType, v: Value): boolean {
  if (v.k !== "float") return false;
  const [exp, man] = t === "f32" ? [8, 23] : t === "f64" ? [11, 52] : t === "f128" ? [15, 112] : [15, 64];
  const e = (v.bits >> BigInt(man)) & ((1n << BigInt(exp)) - 1n);
  // f80 keeps its integer bit explicitly: the fraction is the low 63 bits.
  const frac = t === "f80" ? v.bits & ((1n << 63n) - 1n) : v.bits & ((1n << BigInt(man)) - 1n);
  return e === (1n << BigInt(exp)) - 1n && frac !== 0n;
}

/** Identities with one constant operand (never changing defined behaviour). */
function identity(op: Inst["op"], t: IntType | "ptr", a: Value, b: Value): Value | undefined {
  const z = (v: Value): boolean => v.k === "int" && norm(t, v.value) === 0n;
  const one = (v: Value): boolean => v.k === "int" && norm(t, v.value) === 1n;
  const ones = (v: Value): boolean => v.k === "int" && norm(t, v.value) === norm(t, -1n);
  switch (op) {
    // On ptr, the second operand is an i64 offset: 0 + x is not a ptr.
    case "add": case "or": case "xor": return z(b) ? a : z(a) && t !== "ptr" ? b : undefined;
    case "sub": return z(b) ? a : undefined;
    // Shifting 0 gives 0, and arithmetic shifts of -1 give -1, whatever the (valid) count.
    case "shl": case "lshr": return z(b) ? a : z(a) ? int(0n) : undefined;
    case "ashr": return z(b) ? a : z(a) || ones(a) ? a : undefined;
    case "mul": return one(b) ? a : one(a) ? b : z(a) || z(b) ? int(0n) : undefined;
    case "and": return ones(b) ? a : ones(a) && t !== "ptr" ? b : z(a) || z(b) ? int(0n) : undefined;
    case "sdiv": case "udiv": return one(b) ? a : undefined;
    default: return undefined;
  }
}

function sameValue(a: Value, b: Value): boolean {
  if (a.k !== b.k) return false;
  if (a.k === "temp") return a.id === (b as typeof a).id;
  if (a.k === "int") return a.value === (b as typeof a).value;
  if (a.k === "float") return a.bits === (b as typeof a).bits;
  return false;
}

function foldFunc(f: Func, memory: ConstMemory): void {
  const repl = new Map<number, Value>();
  // `icmp ne (zext i1 c), 0` is c: the shape every C condition has after lowering.
  const zextOfBool = new Map<number, Value>();
  const boolCompare = (i: Inst): Value | undefined => {
    if ((i.op === "zext" || i.op === "sext") && i.from === "i1" && i.dst !== undefined) zextOfBool.set(i.dst, i.a);
    if (i.op !== "icmp" || i.pred !== "ne" || i.a.k !== "temp" || i.b.k !== "int" || norm(i.type, i.b.value) !== 0n) return undefined;
    return zextOfBool.get(i.a.id);
  };
  // Pointers known as symbol + constant offset, for loads from constant memory.
  const symPtr = new Map<number, { sym: string; off: number }>();
  const loadFold = (i: Inst): Value | undefined => {
    if (i.op === "addr") symPtr.set(i.dst, { sym: i.sym, off: i.offset });
    else if ((i.op === "add" || i.op === "sub") && i.type === "ptr" && i.a.k === "temp" && i.b.k === "int") {
      const base = symPtr.get(i.a.id);
      const d = Number(BigInt.asIntN(64, i.b.value));
      if (base) symPtr.set(i.dst, { sym: base.sym, off: base.off + (i.op === "add" ? d : -d) });
    } else if (i.op === "load" && !i.volatile && i.addr.k === "temp") {
      const p = symPtr.get(i.addr.id);
      const bytes = p && memory(p.sym);
      if (p && bytes) return constLoad(i.type, bytes, p.off);
    }
    return undefined;
  };
  // Floats whose sign bit is known clear (`fabs` open-coded as an `and` of the
  // bits): `fabs(x) < 0.0` is false even for a NaN x (gcc folds it at -O1+,
  // torture 20020720-1 checks).
  const clearedBits = new Set<number>();
  const nonNegative = new Set<number>();
  const signFold = (i: Inst): Value | undefined => {
    if (i.op === "and" && (i.type === "i32" || i.type === "i64") && i.a.k === "temp" && i.b.k === "int") {
      const sign = 1n << BigInt(i.type === "i32" ? 31 : 63);
      if ((i.b.value & sign) === 0n) clearedBits.add(i.dst);
    } else if (i.op === "bitcast" && (i.to === "f32" || i.to === "f64") && i.a.k === "temp" && clearedBits.has(i.a.id)) {
      nonNegative.add(i.dst);
    } else if (i.op === "fcmp" && isSmallFloat(i.type)) {
      // nonneg < c and nonneg <= c' (c <= 0, c' < 0) are false; their mirrors likewise.
      const [x, c, pred] = i.a.k === "temp" && nonNegative.has(i.a.id) && i.b.k === "float" ? [i.a, i.b, i.pred]
        : i.b.k === "temp" && nonNegative.has(i.b.id) && i.a.k === "float" ? [i.b, i.a, ({ ogt: "olt", oge: "ole" } as Record<string, string>)[i.pred]] : [];
      if (x && c?.k === "float" && pred) {
        const k = fval(i.type, c.bits);
        if ((pred === "olt" && k <= 0) || (pred === "ole" && k < 0)) return int(0n);
      }
    }
    return undefined;
  };
  const resolve = (v: Value): Value => {
    while (v.k === "temp" && repl.has(v.id)) v = repl.get(v.id)!;
    return v;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of f.blocks) {
      b.phis = b.phis.filter((p) => {
        for (const x of p.incoming) x.value = resolve(x.value);
        // Trivial phi: every incoming value is the same (or the phi itself).
        const others = p.incoming.map((x) => x.value).filter((v) => !(v.k === "temp" && v.id === p.dst));
        const first = others[0];
        if (first && first.k !== "undef" && others.every((v) => sameValue(v, first))) {
          repl.set(p.dst, first);
          changed = true;
          return false;
        }
        return true;
      });
      b.insts = b.insts.filter((i) => {
        mapInstOperands(i, resolve);
        const dst = instDst(i);
        if (dst === undefined) return true;
        const v = fold(i) ?? wideFold(i) ?? loadFold(i) ?? boolCompare(i) ?? signFold(i);
        if (v === undefined) return true;
        repl.set(dst, v);
        changed = true;
        return false;
      });
      mapTermOperands(b.term, resolve);
    }
  }
}

export type { FloatType };
