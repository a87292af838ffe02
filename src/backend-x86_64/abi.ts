// The System V AMD64 calling convention (psABI §3.2.3): where each argument
// and return value lives. Pure functions of the IR's ArgType descriptors, used
// by instruction selection for calls, function entry, returns and va_arg.

import type { AggLayout, ArgType, RetType, Type } from "../ir/ir.js";
import { INT_ARG_REGS, INT_RET_REGS, SSE_ARG_REGS, SSE_RET_REGS } from "./regs.js";

/** The class of one eightbyte. X87 never appears: such values go to memory. */
export type EightbyteClass = "INTEGER" | "SSE";

/** One register-passed piece: bytes [offset, offset+size) of the value. */
export interface RegPart { cls: EightbyteClass; reg: number; offset: number; size: number }

export type ArgLoc =
  | { kind: "regs"; parts: RegPart[] }
  /** In the argument area at `offset` from the first stack argument. */
  | { kind: "stack"; offset: number; size: number }
  /** x87 st(0) (long double and single-long-double struct returns). */
  | { kind: "x87" }
  /** x87 st(0) real part, st(1) imaginary part (`_Complex long double` returns). */
  | { kind: "x87pair" }
  /** Empty aggregate: occupies nothing. */
  | { kind: "none" };

function scalarAlign(t: Type): number {
  switch (t) {
    case "i1": case "i8": return 1;
    case "i16": return 2;
    case "i32": case "f32": return 4;
    case "i128": case "f80": case "f128": return 16;
    default: return 8;
  }
}
function scalarSize(t: Type): number {
  switch (t) {
    case "i1": case "i8": return 1;
    case "i16": return 2;
    case "i32": case "f32": return 4;
    case "i128": case "f80": case "f128": return 16;
    default: return 8;
  }
}

/**
 * Classify an aggregate's eightbytes, or return "MEMORY". Follows the psABI:
 * larger than 16 bytes, unaligned fields, or any x87/binary128 field → memory;
 * otherwise an eightbyte is INTEGER if any integer field overlaps it, else SSE.
 */
export function classifyAgg(l: AggLayout): EightbyteClass[] | "MEMORY" {
  if (l.size > 16) return "MEMORY";
  const n = Math.ceil(l.size / 8);
  const cls: (EightbyteClass | undefined)[] = new Array(n).fill(undefined);
  for (const f of l.fields) {
    if (f.offset % scalarAlign(f.type) !== 0) return "MEMORY";
    if (f.type === "f80" || f.type === "f128") return "MEMORY";
    const size = scalarSize(f.type);
    for (let e = Math.floor(f.offset / 8); e <= Math.floor((f.offset + size - 1) / 8) && e < n; e++) {
      const c: EightbyteClass = f.type[0] === "f" ? "SSE" : "INTEGER";
      cls[e] = cls[e] === "INTEGER" || c === "INTEGER" ? "INTEGER" : "SSE";
    }
  }
  // An eightbyte of pure padding carries nothing; INTEGER is as good as anything.
  return cls.map((c) => c ?? "INTEGER");
}

/** Eightbyte classes of a scalar (undefined: passed in memory / x87). */
function classifyScalar(t: Type): EightbyteClass[] | undefined {
  if (t === "f80") return undefined;
  if (t === "f128") return ["SSE"];
  if (t === "f32" || t === "f64") return ["SSE"];
  if (t === "i128") return ["INTEGER", "INTEGER"];
  return ["INTEGER"];
}

export function argSize(t: ArgType): number {
  return t.kind === "scalar" ? scalarSize(t.type) : t.layout.size;
}
export function argAlign(t: ArgType): number {
  return t.kind === "scalar" ? scalarAlign(t.type) : t.layout.align;
}

export interface CallLayout {
  args: ArgLoc[];
  ret: ArgLoc;
  /** The caller passes a result buffer in %rdi (MEMORY-class return). */
  sret: boolean;
  /** Bytes of stack arguments (a multiple of 16). */
  stackBytes: number;
  /** Bytes the named stack arguments really occupy (where va_arg's overflow area starts). */
  stackUsed: number;
  /** Alignment the argument area needs (more than 16 for over-aligned aggregates, as gcc does). */
  stackAlign: number;
  /** Registers used by the named arguments (va_start needs them). */
  intRegsUsed: number;
  sseRegsUsed: number;
}

/** An 8- or 16-byte GNU vector: one SSE register (classes SSE, SSEUP). */
function isSseVector(t: ArgType | RetType): boolean {
  return t.kind === "agg" && t.layout.vector === true && (t.layout.size === 8 || t.layout.size === 16);
}

/** The size of eightbyte `e`'s register part (a vector's one part is all of it). */
function partSize(t: ArgType | RetType, size: number, e: number): number {
  return isSseVector(t) ? size : Math.min(8, size - e * 8);
}

function classesOf(t: ArgType): EightbyteClass[] | "MEMORY" {
  if (isSseVector(t)) return ["SSE"];
  if (t.kind === "agg") return classifyAgg(t.layout);
  return classifyScalar(t.type) ?? "MEMORY";
}

export function classifyReturn(ret: RetType): { loc: ArgLoc; sret: boolean } {
  if (ret.kind === "void") return { loc: { kind: "none" }, sret: false };
  if (ret.kind === "scalar" && ret.type === "f80") return { loc: { kind: "x87" }, sret: false };
  if (ret.kind === "agg") {
    const f = ret.layout.fields;
    if (ret.layout.size === 0) return { loc: { kind: "none" }, sret: false };
    // struct { long double x; } comes back in st(0) (classes X87, X87UP).
    if (f.length > 0 && f.every((x) => x.type === "f80" && x.offset === 0) && ret.layout.size === 16) {
      return { loc: { kind: "x87" }, sret: false };
    }
    // _Complex long double: class COMPLEX_X87.
    if (ret.layout.complex && f.length === 2 && f.every((x) => x.type === "f80")) return { loc: { kind: "x87pair" }, sret: false };
  }
  const cls = classesOf(ret);
  if (cls === "MEMORY") return { loc: { kind: "stack", offset: 0, size: argSize(ret) }, sret: true };
  let ni = 0, ns = 0;
  const size = argSize(ret);
  const parts = cls.map((c, e): RegPart => ({
    cls: c, reg: c === "INTEGER" ? INT_RET_REGS[ni++]! : SSE_RET_REGS[ns++]!,
    offset: e * 8, size: partSize(ret, size, e),
  }));
  return { loc: { kind: "regs", parts }, sret: false };
}

export function layoutCall(ret: RetType, args: readonly ArgType[]): CallLayout {
  const r = classifyReturn(ret);
  let ni = r.sret ? 1 : 0;
  let ns = 0;
  let stack = 0;
  let stackAlign = 16;
  const locs: ArgLoc[] = [];
  for (const a of args) {
    if (a.kind === "agg" && a.layout.size === 0) { locs.push({ kind: "none" }); continue; }
    const cls = classesOf(a);
    const size = argSize(a);
    if (cls !== "MEMORY") {
      const needI = cls.filter((c) => c === "INTEGER").length;
      const needS = cls.length - needI;
      if (ni + needI <= INT_ARG_REGS.length && ns + needS <= SSE_ARG_REGS.length) {
        const parts = cls.map((c, e): RegPart => ({
          cls: c, reg: c === "INTEGER" ? INT_ARG_REGS[ni++]! : SSE_ARG_REGS[ns++]!,
          offset: e * 8, size: a.kind === "scalar" && a.type === "i128" ? 8 : partSize(a, size, e),
        }));
        locs.push({ kind: "regs", parts });
        continue;
      }
    }
    const align = Math.max(8, argAlign(a));
    stackAlign = Math.max(stackAlign, align);
    stack = Math.ceil(stack / align) * align;
    locs.push({ kind: "stack", offset: stack, size });
    stack += Math.ceil(size / 8) * 8;
  }
  return {
    args: locs, ret: r.loc, sret: r.sret, stackBytes: Math.ceil(stack / 16) * 16, stackUsed: stack, stackAlign,
    intRegsUsed: ni, sseRegsUsed: ns,
  };
}

/** va_list: { u32 gp_offset; u32 fp_offset; ptr overflow_arg_area; ptr reg_save_area; } */
export const VA_LIST = { gpOffset: 0, fpOffset: 4, overflow: 8, regSave: 16, size: 24 } as const;
/** The register save area holds 6 GPRs then 8 xmm registers (16 bytes each). */
export const REG_SAVE_AREA_SIZE = 6 * 8 + 8 * 16;
