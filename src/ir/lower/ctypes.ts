// C types as the IR sees them: a scalar C type becomes one IR type; an
// aggregate (struct, union, array, complex, vector) stays in memory and, where
// it crosses a call, is described by an AggLayout listing its scalar leaves
// so each backend's ABI code can classify it.

import type { Type as CType } from "../../frontend/types.js";
import { sizeOf, alignOf, isSigned } from "../../frontend/types.js";
import type { AggField, AggLayout, ArgType, FloatType, IntType, RetType, StackProtectClass, Type } from "../ir.js";

const INT_BY_SIZE: Readonly<Record<number, IntType>> = { 1: "i8", 2: "i16", 4: "i32", 8: "i64", 16: "i128" };
const FLOAT_BY_FORMAT: Readonly<Record<string, FloatType>> = { f32: "f32", f64: "f64", x87: "f80", f128: "f128" };

/** The IR type of a scalar C type, or undefined for aggregates and void. */
export function irType(t: CType): Type | undefined {
  switch (t.kind) {
    case "int": return INT_BY_SIZE[t.size];
    case "enum": return INT_BY_SIZE[t.info.underlying.size];
    case "float": return FLOAT_BY_FORMAT[t.format];
    case "pointer": return "ptr";
    default: return undefined;
  }
}

export function intTypeOfSize(size: number): IntType {
  const t = INT_BY_SIZE[size];
  if (!t) throw new Error(`no integer type of ${size} bytes`);
  return t;
}

/** Values of these C types are addresses of memory holding them. */
export function isMemoryType(t: CType): boolean {
  return t.kind === "struct" || t.kind === "union" || t.kind === "array" || t.kind === "complex" || t.kind === "vector";
}

const layoutCache = new WeakMap<object, AggLayout>();
const argLayoutCache = new WeakMap<object, AggLayout>();
let layoutCounter = 0;

/** The by-value description of an aggregate C type. */
export function aggLayout(t: CType): AggLayout {
  const key: object = t.kind === "struct" || t.kind === "union" ? t.rec : t;
  const cached = layoutCache.get(key);
  if (cached) return cached;
  const fields: AggField[] = [];
  flatten(t, 0, fields);
  const layout = makeLayout(t, fields);
  layoutCache.set(key, layout);
  return layout;
}

/**
 * The description of an argument: a transparent union (gcc's
 * `__attribute__((transparent_union))`, used by glibc's socket functions
 * under _GNU_SOURCE) is passed as its first member would be, so its layout
 * lists that member's leaves only and every ABI classifies it as that member.
 */
function argLayout(t: CType): AggLayout {
  if (t.kind !== "union" || !t.rec.transparentUnion || t.rec.members.length === 0) return aggLayout(t);
  const cached = argLayoutCache.get(t.rec);
  if (cached) return cached;
  const fields: AggField[] = [];
  const first = t.rec.members[0]!.type;
  flatten(first, 0, fields);
  const layout = makeLayout(t, fields, ".transparent", hasUnion(first));
  argLayoutCache.set(t.rec, layout);
  return layout;
}

function makeLayout(t: CType, fields: AggField[], suffix = "", union = hasUnion(t)): AggLayout {
  fields.sort((a, b) => a.offset - b.offset);
  const name = (t.kind === "struct" || t.kind === "union" ? `${t.kind}.${t.rec.tag ?? "anon"}.${t.rec.id}` : `agg.${layoutCounter++}`) + suffix;
  return {
    name, size: sizeOf(t), align: alignOf(t), fields,
    ...(t.kind === "complex" ? { complex: true } : {}), ...(t.kind === "vector" ? { vector: true } : {}), ...(union ? { union: true } : {}),
  };
}

/** Is `t` a union or does it hold one (a member or array element at any depth)? */
function hasUnion(t: CType): boolean {
  if (t.kind === "union") return true;
  if (t.kind === "struct") return t.rec.members.some((m) => m.bitWidth === undefined && hasUnion(m.type));
  return t.kind === "array" && hasUnion(t.elem);
}

function flatten(t: CType, base: number, out: AggField[]): void {
  switch (t.kind) {
    case "struct": case "union":
      for (const m of t.rec.members) {
        if (m.bitWidth !== undefined) {
          if (m.bitWidth === 0 || !m.storageBytes) continue;
          const size = m.storageBytes <= 1 ? 1 : m.storageBytes <= 2 ? 2 : m.storageBytes <= 4 ? 4 : 8;
          out.push({ offset: base + m.offset, type: INT_BY_SIZE[size] });
        } else {
          flatten(m.type, base + m.offset, out);
        }
      }
      return;
    case "array": {
      const n = t.length ?? 0;
      const es = sizeOf(t.elem);
      for (let i = 0; i < n; i++) flatten(t.elem, base + i * es, out);
      return;
    }
    case "complex":
      flatten(t.elem, base, out);
      flatten(t.elem, base + sizeOf(t.elem), out);
      return;
    case "vector": {
      const es = sizeOf(t.elem);
      for (let off = 0; off < t.size; off += es) flatten(t.elem, base + off, out);
      return;
    }
    default: {
      const s = irType(t);
      if (s) out.push({ offset: base, type: s });
    }
  }
}

export function argType(t: CType): ArgType {
  const s = irType(t);
  return s ? scalarArg(t, s) : { kind: "agg", layout: argLayout(t) };
}

/** A scalar argument or result; an integer narrower than 32 bits says how its C type extends. */
function scalarArg(t: CType, s: Type): ArgType {
  if (s !== "i1" && s !== "i8" && s !== "i16") return { kind: "scalar", type: s };
  return { kind: "scalar", type: s, ext: isSigned(t) ? "sign" : "zero" };
}

export function retType(t: CType): RetType {
  if (t.kind === "void") return { kind: "void" };
  const s = irType(t);
  return s ? scalarArg(t, s) : { kind: "agg", layout: aggLayout(t) };
}

/**
 * gcc's stack-protector class of a local object (see StackProtectClass):
 * arrays whose elements are plain character types on their own, other arrays
 * and aggregates holding arrays, or a scalar whose address is taken.
 */
export function stackProtectClass(t: CType, addressTaken: boolean): StackProtectClass | undefined {
  const a = arrayContents(t, false);
  if (a.chars && !a.inAggregate) return "char-array";
  if (a.bigChars) return "array-chars";
  if (a.array) return "array";
  return addressTaken ? "addr" : undefined;
}

/** -fstack-protector's threshold (gcc's ssp-buffer-size): character arrays this long count. */
const SSP_BUFFER_SIZE = 8;

interface ArrayContents { array: boolean; chars: boolean; bigChars: boolean; inAggregate: boolean }

function arrayContents(t: CType, inAggregate: boolean): ArrayContents {
  const none = { array: false, chars: false, bigChars: false, inAggregate };
  if (t.kind === "array") {
    const e = t.elem;
    const isChar = e.kind === "int" && (e.name === "char" || e.name === "schar" || e.name === "uchar");
    // gcc looks at the element type only: `char a[2][16]` is an array, not a character array.
    if (!isChar) return { ...none, array: true };
    return { array: true, chars: true, bigChars: (t.length ?? SSP_BUFFER_SIZE) >= SSP_BUFFER_SIZE, inAggregate };
  }
  if (t.kind === "struct" || t.kind === "union") {
    const r = { ...none, inAggregate: true };
    for (const m of t.rec.members) {
      const c = arrayContents(m.type, true);
      r.array ||= c.array; r.chars ||= c.chars; r.bigChars ||= c.bigChars;
    }
    return r;
  }
  return none;
}
