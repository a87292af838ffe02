// instcombine: cheaper instructions for the same value (strength reduction
// of operations by constants), rewritten in place:
//
//   mul x, 2^k        → shl x, k
//   udiv x, 2^k       → lshr x, k
//   urem x, 2^k       → and x, 2^k - 1
//   sdiv x, 2^k       → ashr (add x, lshr (ashr x, w-1), w-k), k      (rounds toward 0)
//   srem x, 2^k       → sub x, and (add x, lshr (ashr x, w-1), w-k), -2^k
//   udiv i32 x, c     → trunc (lshr (mul (zext x to i64), m), L)  (multiply by a magic
//                        number m = ceil(2^L / c) < 2^32, when one exists: exact for every x)
//   add ptr (add ptr p, c1), c2 → add ptr p, c1 + c2;  add ptr (addr $g+o), c → addr $g+(o+c)
//
// Each is exact for every input (two's complement, wrap-around): no
// assumption about overflow. Division by 0 or 1 and i128 are left alone.

import type { Func, Inst, IntType, Module, Value } from "../ir.js";

export function instcombine(m: Module): void {
  for (const f of m.funcs) combineFunc(f);
}

const int = (v: bigint): Value => ({ k: "int", value: v });

/** k when v is 2^k (k ≥ 1) in width w, read as unsigned. */
function log2(v: Value, w: number): number | undefined {
  if (v.k !== "int") return undefined;
  const u = BigInt.asUintN(w, v.value);
  if (u < 2n || (u & (u - 1n)) !== 0n) return undefined;
  return u.toString(2).length - 1;
}

const WIDTH: Readonly<Record<string, number>> = { i8: 8, i16: 16, i32: 32, i64: 64 };

function combineFunc(f: Func): void {
  const defs = new Map<number, Inst>();
  const newTemp = (type: IntType, base: number): number => {
    f.temps.push({ name: `${f.temps[base]!.name}.ic${f.temps.length}`, type });
    return f.temps.length - 1;
  };
  for (const b of f.blocks) {
    const out: Inst[] = [];
    for (const i of b.insts) {
      out.push(...rewrite(i));
      const last = out[out.length - 1]!;
      if ("dst" in last && last.dst !== undefined) defs.set(last.dst, last);
    }
    b.insts = out;
  }

  function rewrite(i: Inst): Inst[] {
    if (i.op === "add" && i.type === "ptr" && i.b.k === "int" && i.a.k === "temp") {
      const d = defs.get(i.a.id);
      if (d?.op === "add" && d.type === "ptr" && d.b.k === "int") return [{ ...i, a: d.a, b: int(BigInt.asIntN(64, d.b.value + i.b.value)) }];
      const off = Number(BigInt.asIntN(64, i.b.value));
      if (d?.op === "addr" && Number.isSafeInteger(d.offset + off) && Math.abs(d.offset + off) < 2 ** 31) return [{ op: "addr", dst: i.dst, sym: d.sym, offset: d.offset + off }];
      return [i];
    }
    if (i.op !== "mul" && i.op !== "udiv" && i.op !== "urem" && i.op !== "sdiv" && i.op !== "srem") return [i];
    if (i.type === "ptr" || i.type === "i128" || i.type === "i1") return [i];
    const t = i.type;
    const w = WIDTH[t]!;
    const k = log2(i.b, w);
    if (k === undefined) {
      if (i.op === "mul" && log2(i.a, w) !== undefined) return rewrite({ ...i, a: i.b, b: i.a });
      return i.op === "udiv" && t === "i32" ? udivByMagic(i.dst, i.a, i.b) ?? [i] : [i];
    }
    switch (i.op) {
      case "mul": return [{ op: "shl", dst: i.dst, type: t, a: i.a, b: int(BigInt(k)) }];
      case "udiv": return [{ op: "lshr", dst: i.dst, type: t, a: i.a, b: int(BigInt(k)) }];
      case "urem": return [{ op: "and", dst: i.dst, type: t, a: i.a, b: int((1n << BigInt(k)) - 1n) }];
      default: {
        if (k >= w - 1) return [i]; // 2^(w-1) is negative as a signed divisor
        // x + (x < 0 ? 2^k - 1 : 0): the bias that makes an arithmetic shift round toward zero.
        const sign = newTemp(t, i.dst), bias = newTemp(t, i.dst), biased = newTemp(t, i.dst);
        const head: Inst[] = [
          { op: "ashr", dst: sign, type: t, a: i.a, b: int(BigInt(w - 1)) },
          { op: "lshr", dst: bias, type: t, a: { k: "temp", id: sign }, b: int(BigInt(w - k)) },
          { op: "add", dst: biased, type: t, a: i.a, b: { k: "temp", id: bias } },
        ];
        if (i.op === "sdiv") return [...head, { op: "ashr", dst: i.dst, type: t, a: { k: "temp", id: biased }, b: int(BigInt(k)) }];
        const rounded = newTemp(t, i.dst);
        return [...head,
          { op: "and", dst: rounded, type: t, a: { k: "temp", id: biased }, b: int(BigInt.asIntN(w, -(1n << BigInt(k)))) },
          { op: "sub", dst: i.dst, type: t, a: i.a, b: { k: "temp", id: rounded } }];
      }
    }
  }

  /**
   * x / c for 32-bit unsigned x and a constant c ≥ 2 that is not a power of
   * two: with m = ceil(2^L / c) and e = m*c - 2^L, x*m / 2^L = x/c + x*e/(c*2^L),
   * and the error term stays below 1/c (so the floor is right) when
   * e * 2^32 ≤ 2^L. The smallest such L with m < 2^32 keeps x*m within 64
   * bits; divisors with none (7, for one) keep the divide instruction.
   */
  function udivByMagic(dst: number, x: Value, divisor: Value): Inst[] | undefined {
    if (divisor.k !== "int") return undefined;
    const c = BigInt.asUintN(32, divisor.value);
    if (c < 3n) return undefined;
    let shift: bigint | undefined, m = 0n;
    for (let L = 32n; L < 64n; L++) {
      m = ((1n << L) + c - 1n) / c;
      if (m >= 1n << 32n) return undefined;
      if ((m * c - (1n << L)) << 32n <= 1n << L) { shift = L; break; }
    }
    if (shift === undefined) return undefined;
    const wide = newTemp("i64", dst), prod = newTemp("i64", dst), high = newTemp("i64", dst);
    return [
      { op: "zext", dst: wide, from: "i32", to: "i64", a: x },
      { op: "mul", dst: prod, type: "i64", a: { k: "temp", id: wide }, b: int(m) },
      { op: "lshr", dst: high, type: "i64", a: { k: "temp", id: prod }, b: int(shift) },
      { op: "trunc", dst, from: "i64", to: "i32", a: { k: "temp", id: high } },
    ];
  }
}
