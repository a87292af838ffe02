// Lowering of compiler builtins: a table from the builtin's name to the IR it
// becomes. Bit tricks become IR intrinsics (the backend picks instructions),
// overflow checks are computed exactly in a wider type, atomics become
// `atomic_*` intrinsics, and builtins that are library functions under another
// name (`__builtin_memcpy` → `memcpy`) become ordinary calls.
//
// Intrinsics produced here (their contract for backends):
//   clz, ctz        (x: iN) → iN; undefined for x == 0 (callers guard)
//   popcount, bswap (x: iN) → iN
//   trap            () → void, does not return
//   frame_address, return_address (level: i32) → ptr
//   dwarf_cfa       () → ptr: the canonical frame address (the stack pointer before the call)
//   stack_save () → ptr;  stack_restore (p: ptr) → void
//   atomic_load (p: ptr) → T
//   atomic_xchg, atomic_add (p: ptr, v: T) → T (the old value)
//   atomic_cmpxchg  (p: ptr, expected: T, desired: T) → T (the old value)
//   fence () → void
//   setjmp (buf: ptr) → i32: stores into buf[0..2] (three pointers) what
//                   longjmp needs to resume here; returns 0, and 1 when resumed.
//                   buf[2] is the stack pointer to resume with: code that moves
//                   the stack later may store a new one there (stack_save).
//                   No register survives a resumption (the backend keeps values
//                   live across it in memory); mem2reg leaves such functions alone.
//   longjmp (buf: ptr) → void, does not return: resumes the setjmp that filled
//                   buf, whose function activation must still be live.
//   init_trampoline (tramp: ptr, fn: ptr, chain: ptr) → void: writes code at
//                   tramp (DataLayout.trampoline bytes) that calls fn with the static chain.
// all sequentially consistent. A store is an exchange whose result is unused;
// subtraction adds the negation; and/or/xor/nand are compare-exchange loops
// built here, so a backend needs only these five.

import type * as A from "../../frontend/ast.js";
import type { Type as CType } from "../../frontend/types.js";
import { isSigned, sizeOf } from "../../frontend/types.js";
import { floatBits } from "../float.js";
import type { CallArg, FloatType, IntType, Type, Value } from "../ir.js";
import { bitWidth, isFloatType, UNDEF } from "../ir.js";
import { argType, irType, retType } from "./ctypes.js";
import { builtinSignature, isLibraryFunction } from "../../frontend/builtins.js";
import { literalText, nanFraction, nanPayload } from "../../frontend/const-eval.js";
import type { FunctionLowerer } from "./lower.js";

type Handler = (L: FunctionLowerer, e: A.BuiltinCall) => Value;

const int = (v: bigint | number): Value => ({ k: "int", value: BigInt(v) });

function intrinsic(L: FunctionLowerer, name: string, type: Type | undefined, args: Value[]): Value {
  const b = L.builder;
  if (!type) {
    b.emit({ op: "intrinsic", name, args });
    return UNDEF;
  }
  const dst = b.newTemp(type, name);
  b.emit({ op: "intrinsic", dst, name, type, args });
  return { k: "temp", id: dst };
}

function irInt(t: CType): IntType {
  return (irType(t) ?? "i32") as IntType;
}

/** The argument converted to the intrinsic's operand width, the result back to the call's type. */
function bitOp(name: "clz" | "ctz" | "popcount" | "bswap"): Handler {
  return (L, e) => {
    const a = e.args[0];
    const t = irInt(a.type);
    const v = intrinsic(L, name, t, [L.rvalue(a)]);
    return L.intResize(v, t, irInt(e.type), false);
  };
}

const parity: Handler = (L, e) => {
  const a = e.args[0];
  const t = irInt(a.type);
  const pop = intrinsic(L, "popcount", t, [L.rvalue(a)]);
  const bit = L.builder.bin("and", t, pop, int(1));
  return L.intResize(bit, t, irInt(e.type), false);
};

const ffs: Handler = (L, e) => {
  const b = L.builder;
  const a = e.args[0];
  const t = irInt(a.type);
  const x = L.rvalue(a);
  const tz = intrinsic(L, "ctz", t, [x]);
  const plus = b.bin("add", t, tz, int(1));
  const isZero = b.icmp("eq", t, x, int(0));
  const r = b.select(t, isZero, int(0), plus);
  return L.intResize(r, t, irInt(e.type), false);
};

const clrsb: Handler = (L, e) => {
  const b = L.builder;
  const a = e.args[0];
  const t = irInt(a.type);
  const w = bitWidth(t);
  const x = L.rvalue(a);
  const sign = b.bin("ashr", t, x, int(w - 1));
  const y = b.bin("xor", t, x, sign);
  const isZero = b.icmp("eq", t, y, int(0));
  const safe = b.select(t, isZero, int(1), y);
  const lz = b.bin("sub", t, intrinsic(L, "clz", t, [safe]), int(1));
  const r = b.select(t, isZero, int(w - 1), lz);
  return L.intResize(r, t, irInt(e.type), false);
};

const passFirst: Handler = (L, e) => {
  const v = L.rvalue(e.args[0]);
  for (const a of e.args.slice(1)) L.rvalue(a);
  return v;
};

const unreachable: Handler = (L) => {
  L.builder.term({ op: "unreachable" });
  L.builder.at(L.builder.block("dead"));
  return UNDEF;
};

/** GNU `__builtin_longjmp(buf, 1)`: the value must be 1 (gcc insists), so only buf matters. */
const longjmp: Handler = (L, e) => {
  L.rvalue(e.args[1]);
  intrinsic(L, "longjmp", undefined, [L.rvalue(e.args[0])]);
  return unreachable(L, e);
};

const trap: Handler = (L) => {
  intrinsic(L, "trap", undefined, []);
  return unreachable(L, undefined as never);
};

/** The quiet bit of each format's NaNs (the top bit of the stored fraction). */
const QUIET_BIT: Readonly<Record<FloatType, bigint>> = { f32: 1n << 22n, f64: 1n << 51n, f80: 1n << 62n, f128: 1n << 111n };

/**
 * `__builtin_inf`, `__builtin_nan("tag")`, `__builtin_nans("tag")` and the
 * library `nan`s with a literal tag: constants (gcc folds them at -O0; a tag
 * that is not a number, or not a literal, leaves the library call).
 */
function floatConst(kind: "inf" | "nan" | "nans"): Handler {
  return (L, e) => {
    const t = irType(e.type) as FloatType;
    if (kind === "inf") return { k: "float", bits: floatBits(t, Infinity) };
    const payload = nanPayload(literalText(e.args[0]));
    if (payload === undefined) return libraryCall(L, e);
    const quiet = QUIET_BIT[t];
    // The exponent all ones (with x87's explicit integer bit), then the fraction.
    const base = floatBits(t, NaN) & ~((quiet << 1n) - 1n);
    return { k: "float", bits: base | nanFraction({ payload, signalling: kind === "nans" }, quiet) };
  };
}

// ---------------------------------------------------------------- sign bit operations

/** Where the sign bit lives when a format has no integer of its width (x87's 80 bits): byte 9's top bit. */
const F80_SIGN_BYTE = 9;

/**
 * `x` with its sign bit replaced: cleared (`fabs`), or taken from `y`
 * (`copysign`). Pure bit operations on an integer view of the value, so NaN
 * payloads and signed zeros go through unchanged, as gcc's inline expansion;
 * f80 has no integer of its width and is edited through memory.
 */
function withSign(L: FunctionLowerer, t: FloatType, x: Value, y: Value | undefined): Value {
  const b = L.builder;
  if (t === "f80") {
    const slot = b.alloca(16, 16, "sign");
    b.store(t, x, slot);
    const at = L.offset(slot, F80_SIGN_BYTE);
    let top = b.bin("and", "i8", b.load("i8", at), int(0x7f));
    if (y) {
      const ySlot = b.alloca(16, 16, "sign.src");
      b.store(t, y, ySlot);
      top = b.bin("or", "i8", top, b.bin("and", "i8", b.load("i8", L.offset(ySlot, F80_SIGN_BYTE)), int(0x80)));
    }
    b.store("i8", top, at);
    return b.load(t, slot);
  }
  const it: IntType = t === "f32" ? "i32" : t === "f64" ? "i64" : "i128";
  const sign = 1n << BigInt(bitWidth(it) - 1);
  let bits = b.bin("and", it, b.conv("bitcast", t, it, x), int(sign - 1n));
  if (y) bits = b.bin("or", it, bits, b.bin("and", it, b.conv("bitcast", t, it, y), int(sign)));
  return b.conv("bitcast", it, t, bits);
}

/** `fabs(x)` and `copysign(x, y)` in every floating type: sign-bit edits, never calls (gcc open-codes them at -O0). */
function signOp(kind: "fabs" | "copysign"): Handler {
  return (L, e) => {
    const t = irType(e.type) as FloatType;
    const arg = (a: A.Expr): Value => L.convert(L.rvalue(a), a.type, e.type);
    const x = arg(e.args[0]!);
    return withSign(L, t, x, kind === "copysign" ? arg(e.args[1]!) : undefined);
  };
}

/** `abs`, `labs`, `llabs`, `imaxabs`: x < 0 ? -x : x in the call's type (wrapping, as gcc's expansion). */
const intAbs: Handler = (L, e) => {
  const t = irInt(e.type);
  const x = L.intResize(L.rvalue(e.args[0]!), irInt(e.args[0]!.type), t, true);
  const neg = L.builder.bin("sub", t, int(0), x);
  return L.builder.select(t, L.builder.icmp("slt", t, x, int(0)), neg, x);
};

/** `__builtin_powi(x, n)`: libgcc's __powi?f2, by the format of x. */
const powi: Handler = (L, e) => {
  const t = irType(e.type) as FloatType;
  const fn = t === "f32" ? "__powisf2" : t === "f64" ? "__powidf2" : "__powixf2";
  const args: CallArg[] = e.args.map((a) => ({ type: argType(a.type), value: L.rvalue(a) }));
  return L.builder.call(retType(e.type), fn, args) ?? UNDEF;
};

/** `__builtin_{add,sub,mul}_overflow(a, b, *res)`: exact result in 128 bits, then a range check. */
function overflow(op: "add" | "sub" | "mul"): Handler {
  return (L, e) => {
    const b = L.builder;
    const [ea, eb, er] = e.args;
    const resT = er.type.kind === "pointer" ? er.type.to : er.type;
    const rt = irInt(resT);
    const ta = irInt(ea.type), tb = irInt(eb.type);
    const wide: IntType = "i128";
    const a = L.intResize(L.rvalue(ea), ta, wide, isSigned(ea.type));
    const bv = L.intResize(L.rvalue(eb), tb, wide, isSigned(eb.type));
    const ptr = L.rvalue(er);
    const exact = b.bin(op, wide, a, bv);
    const truncated = L.intResize(exact, wide, rt, false);
    let ok: Value;
    // An unsigned 64×64 product needs all 128 bits: read it as unsigned.
    const unsignedWide = op === "mul" && !isSigned(ea.type) && !isSigned(eb.type) && bitWidth(ta) === 64 && bitWidth(tb) === 64;
    if (unsignedWide) {
      const keep = isSigned(resT) ? bitWidth(rt) - 1 : bitWidth(rt);
      ok = b.icmp("eq", wide, b.bin("lshr", wide, exact, int(keep)), int(0));
    } else {
      const back = L.intResize(truncated, rt, wide, isSigned(resT));
      ok = b.icmp("eq", wide, back, exact);
    }
    b.store(rt, truncated, ptr);
    const over = b.bin("xor", "i1", ok, int(1));
    return b.conv("zext", "i1", irInt(e.type), over);
  };
}

// ---------------------------------------------------------------- atomics

/** The value type an atomic builtin works on: the pointee of its first argument. */
function atomicType(e: A.BuiltinCall): Type {
  const p = e.args[0].type;
  const pointee = p.kind === "pointer" ? p.to : p;
  return irType(pointee) ?? "i64";
}

/** old = *p; repeat { new = combine(old) } until compare-exchange(p, old, new) succeeds. */
function casLoop(L: FunctionLowerer, t: IntType, p: Value, combine: (old: Value) => Value): Value {
  const b = L.builder;
  const init = intrinsic(L, "atomic_load", t, [p]);
  const entry = b.current.label;
  const head = b.block("atomic.retry");
  const done = b.block("atomic.done");
  b.br(head);
  b.at(head);
  const oldTemp = b.newTemp(t, "old");
  const old: Value = { k: "temp", id: oldTemp };
  const phi = { dst: oldTemp, type: t as Type, incoming: [{ block: entry, value: init }] };
  head.phis.push(phi);
  const prev = intrinsic(L, "atomic_cmpxchg", t, [p, old, combine(old)]);
  phi.incoming.push({ block: b.current.label, value: prev });
  b.condbr(b.icmp("eq", t, prev, old), done, head);
  b.at(done);
  return old;
}

function rmw(L: FunctionLowerer, op: string, t: IntType, p: Value, v: Value): Value {
  const b = L.builder;
  switch (op) {
    case "xchg": case "add": return intrinsic(L, `atomic_${op}`, t, [p, v]);
    case "sub": return intrinsic(L, "atomic_add", t, [p, b.bin("sub", t, int(0), v)]);
    case "nand": return casLoop(L, t, p, (old) => b.bin("xor", t, b.bin("and", t, old, v), int(-1)));
    default: return casLoop(L, t, p, (old) => b.bin(op as "and" | "or" | "xor", t, old, v));
  }
}

function atomicRmw(op: string, returnNew?: (L: FunctionLowerer, t: IntType, old: Value, v: Value) => Value): Handler {
  return (L, e) => {
    const t = atomicType(e);
    const p = L.rvalue(e.args[0]);
    const v = L.intResize(L.rvalue(e.args[1]), irInt(e.args[1].type), t as IntType, isSigned(e.args[1].type));
    for (const extra of e.args.slice(2)) L.rvalue(extra);
    const old = rmw(L, op, t as IntType, p, v);
    const result = returnNew ? returnNew(L, t as IntType, old, v) : old;
    return L.intResize(result, t as IntType, irInt(e.type), false);
  };
}

const newValue = (op: "add" | "sub" | "and" | "or" | "xor") =>
  (L: FunctionLowerer, t: IntType, old: Value, v: Value): Value => L.builder.bin(op, t, old, v);
const newNand = (L: FunctionLowerer, t: IntType, old: Value, v: Value): Value =>
  L.builder.bin("xor", t, L.builder.bin("and", t, old, v), int(-1));

const atomicLoadN: Handler = (L, e) => {
  const t = atomicType(e);
  const v = intrinsic(L, "atomic_load", t, [L.rvalue(e.args[0])]);
  L.rvalue(e.args[1]);
  return v;
};

const atomicStoreN: Handler = (L, e) => {
  const t = atomicType(e);
  const p = L.rvalue(e.args[0]);
  const v = L.convert(L.rvalue(e.args[1]), e.args[1].type, pointee(e.args[0].type));
  L.rvalue(e.args[2]);
  intrinsic(L, "atomic_xchg", t, [p, v]);
  return UNDEF;
};

function pointee(t: CType): CType {
  return t.kind === "pointer" ? t.to : t;
}

/** Generic forms taking pointers to values: __atomic_load(p, ret, order), __atomic_store(p, val, order), __atomic_exchange(p, val, ret, order). */
const atomicLoad: Handler = (L, e) => {
  const t = atomicType(e);
  const v = intrinsic(L, "atomic_load", t, [L.rvalue(e.args[0])]);
  L.builder.store(t, v, L.rvalue(e.args[1]));
  return UNDEF;
};
const atomicStore: Handler = (L, e) => {
  const t = atomicType(e);
  const p = L.rvalue(e.args[0]);
  const v = L.builder.load(t, L.rvalue(e.args[1]));
  intrinsic(L, "atomic_xchg", t, [p, v]);
  return UNDEF;
};
const atomicExchange: Handler = (L, e) => {
  const t = atomicType(e);
  const p = L.rvalue(e.args[0]);
  const v = L.builder.load(t, L.rvalue(e.args[1]));
  const old = intrinsic(L, "atomic_xchg", t, [p, v]);
  L.builder.store(t, old, L.rvalue(e.args[2]));
  return UNDEF;
};

/** __atomic_compare_exchange_n(p, expected*, desired, weak, s, f) and the generic form with desired*. */
function compareExchange(desiredByPointer: boolean): Handler {
  return (L, e) => {
    const b = L.builder;
    const t = atomicType(e);
    const p = L.rvalue(e.args[0]);
    const expPtr = L.rvalue(e.args[1]);
    const desired = desiredByPointer ? b.load(t, L.rvalue(e.args[2])) : L.convert(L.rvalue(e.args[2]), e.args[2].type, pointee(e.args[0].type));
    for (const extra of e.args.slice(3)) L.rvalue(extra);
    const expected = b.load(t, expPtr);
    const old = intrinsic(L, "atomic_cmpxchg", t, [p, expected, desired]);
    const ok = b.icmp("eq", t as IntType, old, expected);
    // On failure the current value is written back to *expected.
    b.store(t, old, expPtr);
    return b.conv("zext", "i1", irInt(e.type), ok);
  };
}

const syncCas = (returnBool: boolean): Handler => (L, e) => {
  const b = L.builder;
  const t = atomicType(e);
  const p = L.rvalue(e.args[0]);
  const cast = (a: A.Expr): Value => L.intResize(L.rvalue(a), irInt(a.type), t as IntType, isSigned(a.type));
  const expected = cast(e.args[1]);
  const desired = cast(e.args[2]);
  const old = intrinsic(L, "atomic_cmpxchg", t, [p, expected, desired]);
  if (!returnBool) return L.intResize(old, t as IntType, irInt(e.type), false);
  return b.conv("zext", "i1", irInt(e.type), b.icmp("eq", t as IntType, old, expected));
};

const fence: Handler = (L, e) => {
  for (const a of e.args) L.rvalue(a);
  intrinsic(L, "fence", undefined, []);
  return UNDEF;
};

const testAndSet: Handler = (L, e) => {
  const p = L.rvalue(e.args[0]);
  for (const extra of e.args.slice(1)) L.rvalue(extra);
  const old = intrinsic(L, "atomic_xchg", "i8", [p, int(1)]);
  return L.builder.conv("zext", "i1", irInt(e.type), L.builder.icmp("ne", "i8", old, int(0)));
};

const clear: Handler = (L, e) => {
  const p = L.rvalue(e.args[0]);
  for (const extra of e.args.slice(1)) L.rvalue(extra);
  intrinsic(L, "atomic_xchg", "i8", [p, int(0)]);
  return UNDEF;
};

const lockRelease: Handler = (L, e) => {
  const t = atomicType(e);
  intrinsic(L, "atomic_xchg", t, [L.rvalue(e.args[0]), int(0)]);
  return UNDEF;
};

const alwaysLockFree: Handler = (L, e) => {
  const size = e.args[0].kind === "int" ? Number(e.args[0].value) : 0;
  for (const a of e.args) L.rvalue(a);
  return int(size <= 8 && (size & (size - 1)) === 0 ? 1 : 0);
};

// ---------------------------------------------------------------- floating classification

function fcmpHandler(pred: "ogt" | "oge" | "olt" | "ole" | "one" | "uno"): Handler {
  return (L, e) => {
    const [x, y] = e.args;
    const t = irType(x.type) as FloatType;
    const c = L.builder.fcmp(pred, t, L.rvalue(x), L.convert(L.rvalue(y), y.type, x.type));
    return L.builder.conv("zext", "i1", irInt(e.type), c);
  };
}

function classify(kind: "isnan" | "isinf" | "isfinite" | "isnormal" | "signbit" | "isinf_sign"): Handler {
  return (L, e) => {
    const b = L.builder;
    const x = e.args[0];
    const t = irType(x.type) as FloatType;
    const v = L.rvalue(x);
    const rt = irInt(e.type);
    const bool = (c: Value): Value => b.conv("zext", "i1", rt, c);
    const abs = (): Value => {
      const neg = L.fneg(t, v);
      return b.select(t, b.fcmp("olt", t, v, { k: "float", bits: 0n }), neg, v);
    };
    const inf: Value = { k: "float", bits: floatBits(t, Infinity) };
    switch (kind) {
      case "isnan": return bool(b.fcmp("uno", t, v, v));
      case "isinf": return bool(b.fcmp("oeq", t, abs(), inf));
      case "isfinite": return bool(b.fcmp("olt", t, abs(), inf));
      case "isnormal": {
        const min = { k: "float", bits: floatBits(t, t === "f32" ? 1.1754943508222875e-38 : 2.2250738585072014e-308) } as Value;
        const a = abs();
        return bool(b.bin("and", "i1", b.fcmp("oge", t, a, t === "f80" || t === "f128" ? { k: "float", bits: minNormalBits(t) } : min), b.fcmp("olt", t, a, inf)));
      }
      case "isinf_sign": {
        const isInf = b.fcmp("oeq", t, abs(), inf);
        const neg = b.fcmp("olt", t, v, { k: "float", bits: 0n });
        const sgn = b.select(rt, neg, int(-1), int(1));
        return b.select(rt, isInf, sgn, int(0));
      }
      case "signbit": {
        // Read the sign through memory so it works for every format, -0.0 and NaNs included.
        const slot = b.alloca(16, 16, "signbit");
        b.store(t, v, slot);
        const topByte = t === "f32" ? 3 : t === "f64" ? 7 : t === "f80" ? 9 : 15;
        const byte = b.load("i8", L.offset(slot, topByte));
        const bit = b.bin("lshr", "i8", byte, int(7));
        return L.intResize(bit, "i8", rt, false);
      }
    }
  };
}

/**
 * `__builtin_fpclassify(nan, inf, normal, subnormal, zero, x)`: one of the
 * first five arguments by the class of x (glibc's fpclassify passes FP_*).
 */
const fpclassify: Handler = (L, e) => {
  const b = L.builder;
  const rt = irInt(e.type);
  const classes = e.args.slice(0, 5).map((a) => L.intResize(L.rvalue(a), irInt(a.type), rt, true));
  const [nanV, infV, normalV, subnormalV, zeroV] = classes as [Value, Value, Value, Value, Value];
  const xe = e.args[5]!;
  const t = irType(xe.type) as FloatType;
  const x = L.rvalue(xe);
  const a = withSign(L, t, x, undefined);
  const finiteClass = b.select(rt, b.fcmp("oge", t, a, minNormal(t)), normalV,
    b.select(rt, b.fcmp("oeq", t, a, { k: "float", bits: 0n }), zeroV, subnormalV));
  const nonNan = b.select(rt, b.fcmp("oeq", t, a, { k: "float", bits: floatBits(t, Infinity) }), infV, finiteClass);
  return b.select(rt, b.fcmp("uno", t, x, x), nanV, nonNan);
};

/**
 * `__builtin_issignaling(x)` (gcc 13): a NaN whose quiet bit is clear. Read
 * from the bits, as comparing would raise the very exception it asks about.
 */
const issignaling: Handler = (L, e) => {
  const b = L.builder;
  const xe = e.args[0]!;
  const t = irType(xe.type) as FloatType;
  const rt = irInt(e.type);
  const x = L.rvalue(xe);
  const quiet = QUIET_BIT[t];
  if (t === "f80") {
    // The quiet bit is bit 62 of the 64-bit significand at offset 0; the exponent is bits 0-14 at offset 8.
    const slot = b.alloca(16, 16, "issig");
    b.store(t, x, slot);
    const sig = b.load("i64", slot);
    const exp = b.bin("and", "i16", b.load("i16", L.offset(slot, 8)), int(0x7fff));
    const fraction = b.bin("and", "i64", sig, int((1n << 62n) - 1n));
    const isSig = b.bin("and", "i1", b.icmp("eq", "i16", exp, int(0x7fff)),
      b.bin("and", "i1", b.icmp("eq", "i64", b.bin("and", "i64", sig, int(quiet)), int(0)), b.icmp("ne", "i64", fraction, int(0))));
    return b.conv("zext", "i1", rt, isSig);
  }
  // The magnitude's bits lie strictly between infinity's and the smallest quiet NaN's.
  const it: IntType = t === "f32" ? "i32" : t === "f64" ? "i64" : "i128";
  const sign = 1n << BigInt(bitWidth(it) - 1);
  const mag = b.bin("and", it, b.conv("bitcast", t, it, x), int(sign - 1n));
  const infBits = floatBits(t, Infinity);
  const isSig = b.bin("and", "i1", b.icmp("ugt", it, mag, int(infBits)), b.icmp("ult", it, mag, int(infBits | quiet)));
  return b.conv("zext", "i1", rt, isSig);
};

/** The smallest positive normal number of the format. */
function minNormal(t: FloatType): Value {
  if (t === "f80" || t === "f128") return { k: "float", bits: minNormalBits(t) };
  return { k: "float", bits: floatBits(t, t === "f32" ? 1.1754943508222875e-38 : 2.2250738585072014e-308) };
}

function minNormalBits(t: FloatType): bigint {
  // Smallest normal: exponent field 1, mantissa 0 (x87 keeps its explicit integer bit).
  return t === "f80" ? (1n << 64n) | (1n << 63n) : 1n << 112n;
}

// ---------------------------------------------------------------- varargs, stack, misc

const vaStart: Handler = (L, e) => {
  const ap = L.rvalue(e.args[0]);
  for (const a of e.args.slice(1)) L.rvalue(a);
  L.builder.emit({ op: "va_start", ap });
  return UNDEF;
};
const vaEnd: Handler = (L, e) => {
  L.builder.emit({ op: "va_end", ap: L.rvalue(e.args[0]) });
  return UNDEF;
};
const vaCopy: Handler = (L, e) => {
  L.builder.emit({ op: "va_copy", dstAp: L.rvalue(e.args[0]), srcAp: L.rvalue(e.args[1]) });
  return UNDEF;
};

const alloca: Handler = (L, e) => {
  const b = L.builder;
  const size = L.intResize(L.rvalue(e.args[0]), irInt(e.args[0].type), "i64", false);
  const align = e.args[1]?.kind === "int" ? Math.max(16, Number(e.args[1].value) / 8) : 16;
  const dst = b.newTemp("ptr", "alloca");
  b.emit({ op: "alloca", dst, size: 0, align, dynSize: size });
  L.stackChanged();
  return { k: "temp", id: dst };
};

const frameOrReturn = (name: "frame_address" | "return_address"): Handler => (L, e) =>
  intrinsic(L, name, "ptr", [L.intResize(L.rvalue(e.args[0]), irInt(e.args[0].type), "i32", false)]);

/** Could evaluating `e` change anything (assignments, calls, volatile reads)? Conservative. */
function hasSideEffects(e: A.Expr): boolean {
  if ((e.type.quals & 2) !== 0) return true; // volatile
  switch (e.kind) {
    case "int": case "float": case "string": case "var": case "labeladdr": return false;
    case "member": return hasSideEffects(e.base);
    case "deref": return hasSideEffects(e.ptr);
    case "addr": case "decay": case "cast": case "unary": case "real": case "imag": return hasSideEffects(e.operand);
    case "binary": case "ptrdiff": case "logical": case "comma": return hasSideEffects(e.left) || hasSideEffects(e.right);
    case "ptradd": return hasSideEffects(e.ptr) || hasSideEffects(e.index);
    case "cond": return hasSideEffects(e.cond) || (e.then !== undefined && hasSideEffects(e.then)) || hasSideEffects(e.else);
    default: return true;
  }
}

/**
 * `__builtin_object_size(p, kind)`: the argument is never evaluated (gcc:
 * its side effects are dropped). When it has none, the libcalls pass works
 * out the size from the pointer (the `object_size` intrinsic); otherwise, and
 * at -O0, the answer is "unknown".
 */
const objectSize: Handler = (L, e) => {
  const kind = e.args[1]?.kind === "int" ? Number(e.args[1].value) & 3 : 0;
  const unknown = int(kind >= 2 ? 0 : -1);
  const p = e.args[0];
  if (!p || hasSideEffects(p) || !L.opts.optimize) return unknown;
  return intrinsic(L, "object_size", "i64", [L.rvalue(p), int(kind)]);
};

/**
 * `__builtin_constant_p(x)`: 1 for literal constants; otherwise, when x has no
 * side effects (which would not be evaluated), the `is_constant` intrinsic
 * lets the optimiser answer after propagating constants (0 if it cannot).
 */
const constantP: Handler = (L, e) => {
  const a = e.args[0];
  if (a.kind === "int" || a.kind === "float") return int(1);
  if (hasSideEffects(a) || !irType(a.type) || !L.opts.optimize) return int(0);
  return intrinsic(L, "is_constant", "i32", [L.rvalue(a)]);
};

/** `__builtin_complex(re, im)` (and the parser's integer imaginary constants `2i`). */
const makeComplex: Handler = (L, e) => {
  const t = e.type;
  if (t.kind !== "complex") return UNDEF;
  const tmp = L.builder.alloca(sizeOf(t), Math.max(1, sizeOf(t.elem)), "cplx");
  L.storeValue(tmp, t.elem, L.convert(L.rvalue(e.args[0]), e.args[0].type, t.elem), false);
  L.storeValue(L.offset(tmp, sizeOf(t.elem)), t.elem, L.convert(L.rvalue(e.args[1]), e.args[1].type, t.elem), false);
  return tmp;
};

/** `conj(z)`: the same real part, the imaginary part negated. */
const conj: Handler = (L, e) => {
  const t = e.type;
  const a = e.args[0];
  if (t.kind !== "complex") return UNDEF;
  const src = L.convert(L.rvalue(a), a.type, t);
  const it = irType(t.elem)!;
  const tmp = L.builder.alloca(sizeOf(t), Math.max(1, sizeOf(t.elem)), "conj");
  L.builder.store(it, L.builder.load(it, src), tmp);
  // `~z` on a GNU complex integer is a conjugate too.
  const im = L.builder.load(it, L.offset(src, sizeOf(t.elem)));
  const negated = isFloatType(it) ? L.fneg(it, im) : L.builder.bin("sub", it as IntType, { k: "int", value: 0n }, im);
  L.builder.store(it, negated, L.offset(tmp, sizeOf(t.elem)));
  return tmp;
};

/** `creal(z)` / `cimag(z)`: one part of the complex argument. */
const complexPart = (part: 0 | 1): Handler => (L, e) => {
  const a = e.args[0];
  const ct = a.type.kind === "complex" ? a.type : { kind: "complex" as const, elem: e.type as CType & { kind: "float" }, quals: 0 };
  const src = a.type.kind === "complex" ? L.rvalue(a) : L.convert(L.rvalue(a), a.type, ct);
  const it = irType(ct.elem)!;
  const v = L.builder.load(it, L.offset(src, part * sizeOf(ct.elem)));
  return L.convert(v, ct.elem, e.type);
};

/** `v[i]` on a vector rvalue: the element at a run-time index, through memory. */
const vecExtract: Handler = (L, e) => {
  const [v, i] = e.args;
  if (v.type.kind !== "vector") return UNDEF;
  const es = sizeOf(v.type.elem);
  const addr = L.rvalue(v);
  const idx = L.rvalue(i);
  const off = es === 1 ? idx : L.builder.bin("mul", "i64", idx, int(es));
  return L.loadValue(L.offset(addr, off), v.type.elem, false);
};

/**
 * `__builtin_shuffle(a, mask)` / `(a, b, mask)`: lane i of the result is lane
 * `mask[i]` of a (or of a and b side by side), the index taken modulo the
 * number of lanes available (gcc's rule; lane counts are powers of two).
 */
const shuffle: Handler = (L, e) => {
  const b = L.builder;
  const vecs = e.args.slice(0, -1);
  const mask = e.args[e.args.length - 1]!;
  const vt = vecs[0]!.type;
  const mt = mask.type;
  if (vt.kind !== "vector" || mt.kind !== "vector") return UNDEF;
  const es = sizeOf(vt.elem);
  const lanes = vt.size / es;
  const total = lanes * vecs.length;
  // The inputs side by side in one buffer, so one index reaches either.
  const src = b.alloca(vt.size * vecs.length, Math.max(es, 1), "shuf.src");
  vecs.forEach((v, k) => L.copy(L.offset(src, k * vt.size), L.rvalue(v), vt.size, es));
  const maskAddr = L.rvalue(mask);
  const ms = sizeOf(mt.elem);
  const mIr = irType(mt.elem) as IntType;
  const resultLanes = mt.size / ms;
  const out = b.alloca(resultLanes * es, Math.max(es, 1), "shuf");
  const et = irType(vt.elem)!;
  for (let i = 0; i < resultLanes; i++) {
    let m = b.load(mIr, L.offset(maskAddr, i * ms));
    if (mIr !== "i64") m = L.intResize(m, mIr, "i64", false);
    const idx = b.bin("and", "i64", m, int(total - 1));
    const at = L.offset(src, es === 1 ? idx : b.bin("mul", "i64", idx, int(es)));
    b.store(et, b.load(et, at), L.offset(out, i * es));
  }
  return out;
};

const nothing: Handler = (L, e) => {
  for (const a of e.args) L.rvalue(a);
  return UNDEF;
};

/** The `_FloatN`/`_FloatNx` spellings of a builtin (`__builtin_fabsf128`...), all with one handler: the type is the call's. */
function floatNVariants(base: string, h: Handler): Record<string, Handler> {
  return Object.fromEntries(["f32", "f64", "f32x", "f64x", "f128"].map((suffix) => [`${base}${suffix}`, h]));
}

const BUILTINS: Readonly<Record<string, Handler>> = {
  __builtin_clz: bitOp("clz"), __builtin_clzl: bitOp("clz"), __builtin_clzll: bitOp("clz"),
  __builtin_ctz: bitOp("ctz"), __builtin_ctzl: bitOp("ctz"), __builtin_ctzll: bitOp("ctz"),
  __builtin_popcount: bitOp("popcount"), __builtin_popcountl: bitOp("popcount"), __builtin_popcountll: bitOp("popcount"),
  __builtin_bswap16: bitOp("bswap"), __builtin_bswap32: bitOp("bswap"), __builtin_bswap64: bitOp("bswap"), __builtin_bswap128: bitOp("bswap"),
  __builtin_parity: parity, __builtin_parityl: parity, __builtin_parityll: parity,
  __builtin_ffs: ffs, __builtin_ffsl: ffs, __builtin_ffsll: ffs,
  __builtin_clrsb: clrsb, __builtin_clrsbl: clrsb, __builtin_clrsbll: clrsb,
  __builtin_expect: passFirst, __builtin_expect_with_probability: passFirst, __builtin_assume_aligned: passFirst,
  __builtin_speculation_safe_value: passFirst, __builtin_extract_return_addr: passFirst,
  __builtin_unreachable: unreachable, __builtin_trap: trap,
  __builtin_setjmp: (L, e) => intrinsic(L, "setjmp", "i32", [L.rvalue(e.args[0])]), __builtin_longjmp: longjmp,
  __builtin_inf: floatConst("inf"), __builtin_inff: floatConst("inf"), __builtin_infl: floatConst("inf"),
  __builtin_huge_val: floatConst("inf"), __builtin_huge_valf: floatConst("inf"), __builtin_huge_vall: floatConst("inf"),
  __builtin_nan: floatConst("nan"), __builtin_nanf: floatConst("nan"), __builtin_nanl: floatConst("nan"),
  __builtin_nans: floatConst("nans"), __builtin_nansf: floatConst("nans"), __builtin_nansl: floatConst("nans"),
  ...floatNVariants("__builtin_inf", floatConst("inf")), ...floatNVariants("__builtin_huge_val", floatConst("inf")),
  ...floatNVariants("__builtin_nan", floatConst("nan")), ...floatNVariants("__builtin_nans", floatConst("nans")),
  __builtin_fabs: signOp("fabs"), __builtin_fabsf: signOp("fabs"), __builtin_fabsl: signOp("fabs"), ...floatNVariants("__builtin_fabs", signOp("fabs")),
  __builtin_copysign: signOp("copysign"), __builtin_copysignf: signOp("copysign"), __builtin_copysignl: signOp("copysign"),
  ...floatNVariants("__builtin_copysign", signOp("copysign")),
  __builtin_fabsq: signOp("fabs"), __builtin_copysignq: signOp("copysign"), __builtin_infq: floatConst("inf"),
  __builtin_huge_valq: floatConst("inf"), __builtin_nanq: floatConst("nan"), __builtin_nansq: floatConst("nans"),
  __builtin_abs: intAbs, __builtin_labs: intAbs, __builtin_llabs: intAbs, __builtin_imaxabs: intAbs,
  __builtin_powi: powi, __builtin_powif: powi, __builtin_powil: powi,
  __builtin_fpclassify: fpclassify, __builtin_issignaling: issignaling,
  __builtin_add_overflow: overflow("add"), __builtin_sub_overflow: overflow("sub"), __builtin_mul_overflow: overflow("mul"),
  __builtin_sadd_overflow: overflow("add"), __builtin_saddl_overflow: overflow("add"), __builtin_saddll_overflow: overflow("add"),
  __builtin_uadd_overflow: overflow("add"), __builtin_uaddl_overflow: overflow("add"), __builtin_uaddll_overflow: overflow("add"),
  __builtin_ssub_overflow: overflow("sub"), __builtin_ssubl_overflow: overflow("sub"), __builtin_ssubll_overflow: overflow("sub"),
  __builtin_usub_overflow: overflow("sub"), __builtin_usubl_overflow: overflow("sub"), __builtin_usubll_overflow: overflow("sub"),
  __builtin_smul_overflow: overflow("mul"), __builtin_smull_overflow: overflow("mul"), __builtin_smulll_overflow: overflow("mul"),
  __builtin_umul_overflow: overflow("mul"), __builtin_umull_overflow: overflow("mul"), __builtin_umulll_overflow: overflow("mul"),
  __builtin_va_start: vaStart, __builtin_va_end: vaEnd, __builtin_va_copy: vaCopy, __builtin_c23_va_start: vaStart,
  __builtin_alloca: alloca, __builtin_alloca_with_align: alloca,
  __builtin_dwarf_cfa: (L) => intrinsic(L, "dwarf_cfa", "ptr", []),
  __builtin_frame_address: frameOrReturn("frame_address"), __builtin_return_address: frameOrReturn("return_address"),
  __builtin_stack_save: (L) => intrinsic(L, "stack_save", "ptr", []),
  __builtin_stack_restore: (L, e) => intrinsic(L, "stack_restore", undefined, [L.rvalue(e.args[0])]),
  __builtin_object_size: objectSize, __builtin_dynamic_object_size: objectSize,
  __builtin_constant_p: constantP, __builtin_complex: makeComplex,
  __builtin_prefetch: nothing, __builtin___clear_cache: nothing,
  __builtin_conj: conj, __builtin_conjf: conj, __builtin_conjl: conj,
  __builtin_vec_extract: vecExtract, __builtin_shuffle: shuffle,
  __builtin_creal: complexPart(0), __builtin_crealf: complexPart(0), __builtin_creall: complexPart(0),
  __builtin_cimag: complexPart(1), __builtin_cimagf: complexPart(1), __builtin_cimagl: complexPart(1),
  __builtin_isinff: classify("isinf"), __builtin_isinfl: classify("isinf"), __builtin_isnanf: classify("isnan"),
  __builtin_isnanl: classify("isnan"), __builtin_finitef: classify("isfinite"), __builtin_finitel: classify("isfinite"),
  __builtin_isnan: classify("isnan"), __builtin_isinf: classify("isinf"), __builtin_isfinite: classify("isfinite"),
  __builtin_isnormal: classify("isnormal"), __builtin_signbit: classify("signbit"), __builtin_signbitf: classify("signbit"),
  __builtin_signbitl: classify("signbit"), __builtin_isinf_sign: classify("isinf_sign"), __builtin_finite: classify("isfinite"),
  __builtin_isgreater: fcmpHandler("ogt"), __builtin_isgreaterequal: fcmpHandler("oge"), __builtin_isless: fcmpHandler("olt"),
  __builtin_islessequal: fcmpHandler("ole"), __builtin_islessgreater: fcmpHandler("one"), __builtin_isunordered: fcmpHandler("uno"),
  __atomic_load_n: atomicLoadN, __atomic_store_n: atomicStoreN,
  __atomic_load: atomicLoad, __atomic_store: atomicStore, __atomic_exchange: atomicExchange,
  __atomic_exchange_n: atomicRmw("xchg"),
  __atomic_compare_exchange_n: compareExchange(false), __atomic_compare_exchange: compareExchange(true),
  __atomic_fetch_add: atomicRmw("add"), __atomic_fetch_sub: atomicRmw("sub"), __atomic_fetch_and: atomicRmw("and"),
  __atomic_fetch_or: atomicRmw("or"), __atomic_fetch_xor: atomicRmw("xor"), __atomic_fetch_nand: atomicRmw("nand"),
  __atomic_add_fetch: atomicRmw("add", newValue("add")), __atomic_sub_fetch: atomicRmw("sub", newValue("sub")),
  __atomic_and_fetch: atomicRmw("and", newValue("and")), __atomic_or_fetch: atomicRmw("or", newValue("or")),
  __atomic_xor_fetch: atomicRmw("xor", newValue("xor")), __atomic_nand_fetch: atomicRmw("nand", newNand),
  __sync_fetch_and_add: atomicRmw("add"), __sync_fetch_and_sub: atomicRmw("sub"), __sync_fetch_and_and: atomicRmw("and"),
  __sync_fetch_and_or: atomicRmw("or"), __sync_fetch_and_xor: atomicRmw("xor"), __sync_fetch_and_nand: atomicRmw("nand"),
  __sync_add_and_fetch: atomicRmw("add", newValue("add")), __sync_sub_and_fetch: atomicRmw("sub", newValue("sub")),
  __sync_and_and_fetch: atomicRmw("and", newValue("and")), __sync_or_and_fetch: atomicRmw("or", newValue("or")),
  __sync_xor_and_fetch: atomicRmw("xor", newValue("xor")), __sync_nand_and_fetch: atomicRmw("nand", newNand),
  __sync_lock_test_and_set: atomicRmw("xchg"), __sync_lock_release: lockRelease,
  __sync_bool_compare_and_swap: syncCas(true), __sync_val_compare_and_swap: syncCas(false),
  __sync_synchronize: fence, __atomic_thread_fence: fence, __atomic_signal_fence: nothing,
  __atomic_test_and_set: testAndSet, __atomic_clear: clear,
  __atomic_always_lock_free: alwaysLockFree, __atomic_is_lock_free: alwaysLockFree,
};

/** Lower a builtin call; library builtins without an expansion become calls to the library function. */
export function lowerBuiltin(L: FunctionLowerer, e: A.BuiltinCall): Value {
  const handler = BUILTINS[e.name];
  if (OBJECT_ATOMICS.has(e.name) && !INLINE_ATOMIC_SIZES.has(sizeOf(pointee(e.args[0]!.type)))) return atomicLibraryCall(L, e);
  if (handler) return handler(L, e);
  return libraryCall(L, e);
}

// ---------------------------------------------------------------- atomics through libatomic

/** Object sizes whose atomic operations are instructions on every target; others are calls, as gcc makes them. */
const INLINE_ATOMIC_SIZES = new Set([1, 2, 4, 8]);

/** The atomic builtins that act on the object their first argument points to. */
const OBJECT_ATOMICS = new Set(Object.keys(BUILTINS).filter((n) =>
  /^__(atomic|sync)_/.test(n) && !/^__(sync_synchronize|atomic_(thread_fence|signal_fence|test_and_set|clear|always_lock_free|is_lock_free))$/.test(n)));

/**
 * An atomic operation on an object of another size (a 16-byte __int128, a
 * struct) as gcc compiles it without -mcx16: a call to libatomic's
 * `__atomic_<op>_16` or `__sync_<op>_16` (the builtin's arguments, the value
 * converted to the object's type), or for other sizes libatomic's generic
 * `__atomic_<op>(size, …)`. Linking then needs -latomic, as with gcc.
 */
function atomicLibraryCall(L: FunctionLowerer, e: A.BuiltinCall): Value {
  const b = L.builder;
  const objType = pointee(e.args[0]!.type);
  const size = sizeOf(objType);
  const sized = size === 16;
  const plainArg = (a: A.Expr): CallArg => ({ type: argType(a.type), value: L.rvalue(a) });
  const valueArg = (a: A.Expr): CallArg => ({ type: argType(objType), value: L.convert(L.rvalue(a), a.type, objType) });
  const loadedArg = (a: A.Expr): CallArg => ({ type: argType(objType), value: b.load(irType(objType)!, L.rvalue(a)) });
  const sizeArg: CallArg = { type: { kind: "scalar", type: "i64" }, value: int(size) };
  const call = (name: string, args: CallArg[], ret = retType(e.type)): Value => b.call(ret, name, args) ?? UNDEF;
  const [p, a1, a2, a3, a4, a5] = e.args;
  // gcc refuses the _n and __sync forms on objects that are not 1, 2, 4, 8 or 16 bytes; so does tscc.
  const generic = /^__atomic_(load|store|exchange|compare_exchange)$/.test(e.name);
  if (!generic && !sized) {
    L.diags.error(e.loc, `operand type '${objType.kind}' of ${size} bytes is incompatible with '${e.name}'`);
    return UNDEF;
  }
  switch (e.name) {
    case "__atomic_load":
      if (!sized) return call("__atomic_load", [sizeArg, plainArg(p!), plainArg(a1!), plainArg(a2!)]);
      b.store(irType(objType)!, call("__atomic_load_16", [plainArg(p!), plainArg(a2!)], argType(objType)), L.rvalue(a1!));
      return UNDEF;
    case "__atomic_store":
      if (!sized) return call("__atomic_store", [sizeArg, plainArg(p!), plainArg(a1!), plainArg(a2!)]);
      return call("__atomic_store_16", [plainArg(p!), loadedArg(a1!), plainArg(a2!)]);
    case "__atomic_exchange":
      if (!sized) return call("__atomic_exchange", [sizeArg, plainArg(p!), plainArg(a1!), plainArg(a2!), plainArg(a3!)]);
      b.store(irType(objType)!, call("__atomic_exchange_16", [plainArg(p!), loadedArg(a1!), plainArg(a3!)], argType(objType)), L.rvalue(a2!));
      return UNDEF;
    case "__atomic_compare_exchange":
      // The weak flag (a3) has no library counterpart.
      L.rvalue(a3!);
      if (!sized) return call("__atomic_compare_exchange", [sizeArg, plainArg(p!), plainArg(a1!), plainArg(a2!), plainArg(a4!), plainArg(a5!)]);
      return call("__atomic_compare_exchange_16", [plainArg(p!), plainArg(a1!), loadedArg(a2!), plainArg(a4!), plainArg(a5!)]);
    case "__atomic_compare_exchange_n":
      L.rvalue(a3!);
      return call("__atomic_compare_exchange_16", [plainArg(p!), plainArg(a1!), valueArg(a2!), plainArg(a4!), plainArg(a5!)]);
    case "__atomic_load_n":
      return call("__atomic_load_16", [plainArg(p!), plainArg(a1!)]);
    case "__sync_lock_release":
      return call("__sync_lock_release_16", [plainArg(p!)]);
    case "__sync_bool_compare_and_swap": case "__sync_val_compare_and_swap":
      return call(`${e.name}_16`, [plainArg(p!), valueArg(a1!), valueArg(a2!)]);
    default: {
      // __atomic_store_n/exchange_n/fetch_op/op_fetch (value, order) and __sync_op (value).
      const name = e.name.replace(/_n$/, "");
      return call(`${name}_16`, [plainArg(p!), valueArg(a1!), ...e.args.slice(2).map(plainArg)]);
    }
  }
}

/** The builtin as a call to its library function (`__builtin_X` → X). */
function libraryCall(L: FunctionLowerer, e: A.BuiltinCall): Value {
  const target = e.libName ?? (e.name.startsWith("__builtin_") ? e.name.slice("__builtin_".length) : undefined);
  if (!target) {
    L.diags.error(e.loc, `builtin '${e.name}' is not supported yet`);
    return UNDEF;
  }
  const b = L.builder;
  // `__builtin___snprintf_chk(…, __builtin_va_arg_pack())` in a fortify wrapper (see passes/inline.ts).
  const last = e.args[e.args.length - 1];
  const vaPack = last?.kind === "builtin" && last.name === "__builtin_va_arg_pack";
  if (vaPack) L.checkVaArgPack(e);
  const args: CallArg[] = (vaPack ? e.args.slice(0, -1) : e.args).map((a) => ({ type: argType(a.type), value: L.rvalue(a) }));
  const ret = retType(e.type);
  // `__builtin_X` is always the standard X, whatever -fno-builtin says.
  // A variadic library function: where its `...` starts (RISC-V passes variadic floats in integer registers).
  const sig = builtinSignature(e.name);
  const fixed = sig?.endsWith(".") ? sig.slice(sig.indexOf(":") + 1, -1).split(",").filter((p) => p !== "").length : vaPack ? args.length : undefined;
  const opts = {
    ...(isLibraryFunction(target) ? { builtin: target } : {}), ...(vaPack ? { vaPack: true } : {}),
    ...(fixed !== undefined && fixed <= args.length ? { fixedArgs: fixed } : {}),
  };
  const symbol = L.names.library.get(target) ?? target;
  if (ret.kind === "agg") {
    const tmp = b.alloca(Math.max(1, sizeOf(e.type)), ret.layout.align, "call.ret");
    b.call(ret, symbol, args, { retAddr: tmp, ...opts });
    return tmp;
  }
  return b.call(ret, symbol, args, opts) ?? UNDEF;
}

export function hasBuiltinExpansion(name: string): boolean {
  return name in BUILTINS;
}


