// Float constants are stored as bit patterns so every format (including x87
// f80 and binary128) round-trips exactly; these helpers convert for f32/f64.

import type { FloatType } from "./ir.js";

const buf = new DataView(new ArrayBuffer(8));

export function f64ToBits(x: number): bigint {
  buf.setFloat64(0, x, true);
  return buf.getBigUint64(0, true);
}
export function bitsToF64(b: bigint): number {
  buf.setBigUint64(0, BigInt.asUintN(64, b), true);
  return buf.getFloat64(0, true);
}
export function f32ToBits(x: number): bigint {
  buf.setFloat32(0, x, true);
  return BigInt(buf.getUint32(0, true));
}
export function bitsToF32(b: bigint): number {
  buf.setUint32(0, Number(BigInt.asUintN(32, b)), true);
  return buf.getFloat32(0, true);
}

/** x87 80-bit extended from a double (exact: every double is representable). */
export function f64ToF80Bits(x: number): bigint {
  const b = f64ToBits(x);
  const sign = (b >> 63n) & 1n;
  const exp = (b >> 52n) & 0x7ffn;
  let mant = b & ((1n << 52n) - 1n);
  if (exp === 0n && mant === 0n) return sign << 79n;
  if (exp === 0x7ffn) return (sign << 79n) | (0x7fffn << 64n) | (1n << 63n) | (mant << 11n);
  let e = exp - 1023n + 16383n;
  if (exp === 0n) {
    // Subnormal double: normalise.
    e = 1n - 1023n + 16383n;
    while ((mant & (1n << 52n)) === 0n) { mant <<= 1n; e -= 1n; }
    mant &= (1n << 52n) - 1n;
  }
  return (sign << 79n) | (e << 64n) | (1n << 63n) | (mant << 11n);
}

/** IEEE binary128 from a double (exact). */
export function f64ToF128Bits(x: number): bigint {
  const b = f64ToBits(x);
  const sign = (b >> 63n) & 1n;
  const exp = (b >> 52n) & 0x7ffn;
  let mant = b & ((1n << 52n) - 1n);
  if (exp === 0n && mant === 0n) return sign << 127n;
  if (exp === 0x7ffn) return (sign << 127n) | (0x7fffn << 112n) | (mant << 60n);
  let e = exp - 1023n + 16383n;
  if (exp === 0n) {
    e = 1n - 1023n + 16383n;
    while ((mant & (1n << 52n)) === 0n) { mant <<= 1n; e -= 1n; }
    mant &= (1n << 52n) - 1n;
  }
  return (sign << 127n) | (e << 112n) | (mant << 60n);
}

/** The bit pattern of the double `x` rounded to / widened into `t`. */
export function floatBits(t: FloatType, x: number): bigint {
  switch (t) {
    case "f32": return f32ToBits(x);
    case "f64": return f64ToBits(x);
    case "f80": return f64ToF80Bits(x);
    case "f128": return f64ToF128Bits(x);
  }
}

/** The double value of an f32/f64 constant (undefined for f80/f128). */
export function floatValue(t: FloatType, bits: bigint): number | undefined {
  if (t === "f32") return bitsToF32(bits);
  if (t === "f64") return bitsToF64(bits);
  return undefined;
}

/**
 * The value of an f80/f128 constant as a double, when the double is exactly
 * that value (finite normal doubles, zeros and infinities); undefined for
 * NaNs and for values a double cannot hold exactly.
 */
export function wideToF64Exact(t: "f80" | "f128", bits: bigint): number | undefined {
  const [signBit, expShift, fracBits] = t === "f80" ? [79n, 64n, 63n] : [127n, 112n, 112n];
  const sign = (bits >> signBit) & 1n;
  const exp = (bits >> expShift) & 0x7fffn;
  let frac = bits & ((1n << fracBits) - 1n);
  if (t === "f80") {
    const integer = (bits >> 63n) & 1n;
    if (exp !== 0n && integer === 0n) return undefined; // unnormals and pseudo-values
  }
  if (exp === 0n) return frac === 0n ? (sign ? -0 : 0) : undefined;
  if (exp === 0x7fffn) return frac === 0n ? (sign ? -Infinity : Infinity) : undefined;
  const e = exp - 16383n;
  if (e < -1022n || e > 1023n) return undefined;
  const drop = fracBits - 52n;
  if ((frac & ((1n << drop) - 1n)) !== 0n) return undefined;
  frac >>= drop;
  return bitsToF64((sign << 63n) | ((e + 1023n) << 52n) | frac);
}
