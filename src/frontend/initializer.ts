// Static initializers: turning the flat list of initializer items the parser
// produced (offset, type, converted expression) into the bytes and
// relocations of an object with static storage duration (6.7.9p4: every
// initializer of such an object must be a constant expression).
//
// The parser does the hard part - designators, brace elision, string
// literals - and hands over items in source order; a later item simply
// overwrites an earlier one at the same place (6.7.9p19). Here each item is
// evaluated with const-eval and stored little-endian in the target's format.

import type { InitItem, ObjectSymbol, Reloc, StaticInit, StringLit } from "./ast.js";
import { evalInitializer, nanFraction, type NanSpec } from "./const-eval.js";
import { wideFloatBits } from "./floatlit.js";
import { type FloatFormat, sizeOf, type Type } from "./types.js";

export interface StaticInitProblem {
  item: InitItem;
  message: string;
}

/** How many bytes of string literal `s` initialize array type `t`: all of it, or the array's size if smaller. */
function stringInitBytes(s: StringLit, t: Type & { kind: "array" }): number {
  return t.length === undefined ? s.bytes.length : Math.min(s.bytes.length, t.length * sizeOf(t.elem));
}

/**
 * Build the static image of an object of `size` bytes. `stringObject` turns a
 * string literal whose address is taken into its anonymous object.
 */
export function buildStaticInit(
  size: number,
  items: readonly InitItem[],
  stringObject: (s: StringLit) => ObjectSymbol,
  problems: StaticInitProblem[],
): StaticInit {
  let end = size;
  for (const it of items) end = Math.max(end, it.offset + (it.expr.kind === "string" && it.type.kind === "array" ? stringInitBytes(it.expr, it.type) : sizeOf(it.type)));
  const bytes = new Uint8Array(end);
  const relocs: Reloc[] = [];
  for (const it of items) {
    // Later items overwrite earlier relocations at the same offset.
    const dropRelocs = (from: number, len: number): void => {
      for (let i = relocs.length - 1; i >= 0; i--) {
        if (relocs[i].offset < from + len && relocs[i].offset + relocs[i].size > from) relocs.splice(i, 1);
      }
    };
    if (it.expr.kind === "string" && it.type.kind === "array") {
      const n = stringInitBytes(it.expr, it.type);
      dropRelocs(it.offset, n);
      bytes.set(it.expr.bytes.subarray(0, n), it.offset);
      continue;
    }
    if (it.expr.kind === "compound" && !it.expr.sym.init && it.expr.init) {
      // A block-scope compound literal with a constant initializer (GNU: `static T a[] = (T[]){...}`).
      const img = buildStaticInit(sizeOf(it.expr.type), it.expr.init.items, stringObject, problems);
      const n = Math.min(img.bytes.length, sizeOf(it.type) || img.bytes.length);
      dropRelocs(it.offset, n);
      bytes.set(img.bytes.subarray(0, n), it.offset);
      for (const r of img.relocs) if (r.offset < n) relocs.push({ ...r, offset: r.offset + it.offset });
      continue;
    }
    if (it.expr.kind === "compound" && it.expr.sym.init) {
      // A file-scope compound literal used as a whole-object initializer: copy its image.
      const src = it.expr.sym.init;
      const n = Math.min(src.bytes.length, sizeOf(it.type));
      dropRelocs(it.offset, n);
      bytes.set(src.bytes.subarray(0, n), it.offset);
      for (const r of src.relocs) if (r.offset < n) relocs.push({ ...r, offset: r.offset + it.offset });
      continue;
    }
    const v = evalInitializer(it.expr);
    if (!v) {
      problems.push({ item: it, message: "initializer element is not constant" });
      continue;
    }
    if (it.bitfield) {
      const m = it.bitfield;
      if (v.kind !== "int") { problems.push({ item: it, message: "initializer element is not constant" }); continue; }
      const w = m.bitWidth ?? 0;
      const mask = (1n << BigInt(w)) - 1n;
      const bits = (BigInt.asUintN(w, v.value) & mask) << BigInt(m.bitOffset ?? 0);
      const clear = ~(mask << BigInt(m.bitOffset ?? 0));
      const n = m.storageBytes ?? 1;
      let cur = 0n;
      for (let i = n - 1; i >= 0; i--) cur = (cur << 8n) | BigInt(bytes[it.offset + i]);
      cur = (cur & clear) | bits;
      for (let i = 0; i < n; i++) bytes[it.offset + i] = Number((cur >> BigInt(8 * i)) & 0xffn);
      continue;
    }
    const tsize = sizeOf(it.type);
    dropRelocs(it.offset, tsize);
    if (v.kind === "int") {
      writeInt(bytes, it.offset, tsize, v.value);
    } else if (v.kind === "float") {
      const wide = it.type.kind === "float" && (it.type.format === "x87" || it.type.format === "f128") && v.literal !== undefined
        ? wideFloatBits(v.literal, it.type.format === "x87" ? "f80" : "f128") : undefined;
      if (v.nan && it.type.kind === "float") writeNan(bytes, it.offset, it.type.format, v.nan);
      else if (wide !== undefined) writeInt(bytes, it.offset, 16, wide);
      else writeFloat(bytes, it.offset, it.type, v.value);
    } else if (v.kind === "complex") {
      if (it.type.kind !== "complex") { writeFloat(bytes, it.offset, it.type, v.re); continue; }
      const half = sizeOf(it.type.elem);
      writeFloat(bytes, it.offset, it.type.elem, v.re);
      writeFloat(bytes, it.offset + half, it.type.elem, v.im);
    } else if (v.minusLabel) {
      relocs.push({ offset: it.offset, size: tsize, label: v.label, minusLabel: v.minusLabel, addend: Number(v.offset) });
    } else {
      if (tsize !== 8) {
        problems.push({ item: it, message: "initializer element is not computable at load time" });
        continue;
      }
      const target = v.str ? stringObject(v.str) : v.sym;
      relocs.push({ offset: it.offset, size: 8, target, label: v.label, addend: Number(v.offset) });
      writeInt(bytes, it.offset, 8, 0n);
    }
  }
  return { bytes, relocs };
}

export function writeInt(bytes: Uint8Array, offset: number, size: number, value: bigint): void {
  let v = BigInt.asUintN(size * 8, value);
  for (let i = 0; i < size; i++) {
    bytes[offset + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/**
 * Store a NaN with its payload, signalling bit and sign: per format, the sign
 * bit's position, the exponent field with everything above the fraction
 * (x87's explicit integer bit) and the quiet bit.
 */
function writeNan(bytes: Uint8Array, offset: number, format: FloatFormat, nan: NanSpec): void {
  const layout: Record<FloatFormat, { size: number; sign: bigint; exponent: bigint; quiet: bigint }> = {
    f16: { size: 2, sign: 15n, exponent: 0x1fn << 10n, quiet: 1n << 9n },
    f32: { size: 4, sign: 31n, exponent: 0xffn << 23n, quiet: 1n << 22n },
    f64: { size: 8, sign: 63n, exponent: 0x7ffn << 52n, quiet: 1n << 51n },
    x87: { size: 10, sign: 79n, exponent: (0x7fffn << 64n) | (1n << 63n), quiet: 1n << 62n },
    f128: { size: 16, sign: 127n, exponent: 0x7fffn << 112n, quiet: 1n << 111n },
  };
  const l = layout[format];
  const bits = (nan.negative ? 1n << l.sign : 0n) | l.exponent | nanFraction(nan, l.quiet);
  writeInt(bytes, offset, l.size, bits);
}

/** Store a double in the target format of floating (or complex: real part) type `t`. */
export function writeFloat(bytes: Uint8Array, offset: number, t: Type, value: number): void {
  const ft = t.kind === "complex" ? t.elem : t;
  if (ft.kind === "int") { writeInt(bytes, offset, ft.size, BigInt(Math.trunc(value))); return; }
  if (ft.kind !== "float") { writeInt(bytes, offset, sizeOf(t), BigInt(Math.trunc(value))); return; }
  const dv = new DataView(bytes.buffer, bytes.byteOffset);
  switch (ft.format) {
    case "f32": dv.setFloat32(offset, value, true); return;
    case "f64": dv.setFloat64(offset, value, true); return;
    case "f16": dv.setUint16(offset, toHalf(value), true); return;
    case "x87": writeInt(bytes, offset, 16, doubleToX87(value)); return;
    case "f128": writeInt(bytes, offset, 16, doubleToBinary128(value)); return;
  }
}

function doubleBits(v: number): bigint {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, v, true);
  return dv.getBigUint64(0, true);
}

/** Split a double into sign, unbiased exponent and a 53-bit significand with explicit leading bit (subnormals normalised). */
function decompose(v: number): { sign: bigint; exp: number; mant: bigint; kind: "zero" | "inf" | "nan" | "finite" } {
  const bits = doubleBits(v);
  const sign = bits >> 63n;
  const e = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (e === 0x7ff) return { sign, exp: 0, mant, kind: mant === 0n ? "inf" : "nan" };
  if (e === 0) {
    if (mant === 0n) return { sign, exp: 0, mant, kind: "zero" };
    let exp = -1022;
    while ((mant & (1n << 52n)) === 0n) { mant <<= 1n; exp--; }
    return { sign, exp, mant, kind: "finite" };
  }
  return { sign, exp: e - 1023, mant: mant | (1n << 52n), kind: "finite" };
}

/** x87 80-bit extended: 64-bit significand with explicit integer bit, 15-bit exponent (bias 16383). */
export function doubleToX87(v: number): bigint {
  const d = decompose(v);
  let se: bigint;
  let m: bigint;
  if (d.kind === "zero") { se = d.sign << 15n; m = 0n; }
  else if (d.kind === "inf") { se = (d.sign << 15n) | 0x7fffn; m = 1n << 63n; }
  else if (d.kind === "nan") { se = (d.sign << 15n) | 0x7fffn; m = (3n << 62n) | (d.mant << 11n); }
  else { se = (d.sign << 15n) | BigInt(d.exp + 16383); m = d.mant << 11n; }
  return (se << 64n) | m;
}

/** IEEE binary128: 112-bit fraction, 15-bit exponent (bias 16383). */
export function doubleToBinary128(v: number): bigint {
  const d = decompose(v);
  let se: bigint;
  let f: bigint;
  if (d.kind === "zero") { se = d.sign << 15n; f = 0n; }
  else if (d.kind === "inf") { se = (d.sign << 15n) | 0x7fffn; f = 0n; }
  else if (d.kind === "nan") { se = (d.sign << 15n) | 0x7fffn; f = (1n << 111n) | (d.mant << 60n); }
  else { se = (d.sign << 15n) | BigInt(d.exp + 16383); f = (d.mant & ((1n << 52n) - 1n)) << 60n; }
  return (se << 112n) | f;
}

/** Round a double to IEEE binary16 bits (half to even). */
export function toHalf(v: number): number {
  const d = decompose(v);
  const s = Number(d.sign) << 15;
  if (d.kind === "zero") return s;
  if (d.kind === "inf") return s | 0x7c00;
  if (d.kind === "nan") return s | 0x7e00;
  let e = d.exp;
  // Significand with 10 fraction bits; shift more for subnormals.
  let shift = 42;
  if (e < -14) { shift += -14 - e; e = -15; }
  if (shift > 60) return s;
  const sh = BigInt(shift);
  let m = d.mant >> sh;
  const rem = d.mant & ((1n << sh) - 1n);
  const half = 1n << (sh - 1n);
  if (rem > half || (rem === half && (m & 1n) === 1n)) m++;
  if (e === -15) {
    // subnormal (or rounded up to the smallest normal)
    return s | Number(m);
  }
  if (m >= 2048n) { m >>= 1n; e++; }
  if (e > 15) return s | 0x7c00;
  return s | ((e + 15) << 10) | Number(m & 0x3ffn);
}
