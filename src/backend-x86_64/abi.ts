// The System V AMD64 calling convention (psABI §3.2.3) as classification
// hooks for the shared engine (src/codegen/abi.ts): the eightbyte classes of
// a value, and the registers. Used by instruction selection for calls,
// function entry, returns and va_arg.

import type { AggLayout, ArgType, RetType, Type } from "../ir/ir.js";
import type { AbiPiece, AbiTarget, ArgClass, CallLayout } from "../codegen/abi.js";
import { argSize, argAlign, layoutCall as layoutWith, scalarAlign, scalarSize } from "../codegen/abi.js";
import { INT_ARG_REGS, INT_RET_REGS, SSE_ARG_REGS, SSE_RET_REGS, stReg } from "./regs.js";

/** The class of one eightbyte. X87 never appears: such values go to memory. */
export type EightbyteClass = "INTEGER" | "SSE";

/**
 * Classify an aggregate's eightbytes, or return "MEMORY". Follows the psABI:
 * larger than 16 bytes, unaligned fields, or any x87/binary128 field → memory;
 * otherwise an eightbyte is INTEGER if any integer field overlaps it, else SSE.
 * (Union members overlap in `fields`, which merges their classes as the psABI says.)
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

/** Eightbyte classes as register pieces ("int"/"float" are the register file's classes). */
function pieces(t: ArgType, cls: EightbyteClass[], size: (e: number) => number): ArgClass {
  return { kind: "regs", pieces: cls.map((c, e): AbiPiece => ({ cls: c === "INTEGER" ? "int" : "float", offset: e * 8, size: size(e) })) };
}

export const SYSV_ABI: AbiTarget = {
  argRegs: { int: INT_ARG_REGS, float: SSE_ARG_REGS },
  retRegs: { int: INT_RET_REGS, float: SSE_RET_REGS },
  pointerClass: "int",
  sret: { reg: INT_ARG_REGS[0], takesArgReg: true },
  partialFit: "stack",
  stackAlign: argAlign,
  classifyArg(a) {
    if (a.kind === "agg" && a.layout.size === 0) return { kind: "none" };
    const cls = classesOf(a);
    if (cls === "MEMORY") return { kind: "memory" };
    const size = argSize(a);
    return pieces(a, cls, (e) => (a.kind === "scalar" && a.type === "i128" ? 8 : partSize(a, size, e)));
  },
  classifyReturn(ret) {
    if (ret.kind === "void") return { kind: "none" };
    const st0 = { cls: "x87", reg: stReg(0), offset: 0, size: 16 };
    if (ret.kind === "scalar" && ret.type === "f80") return { kind: "fixed", parts: [st0] };
    if (ret.kind === "agg") {
      const f = ret.layout.fields;
      if (ret.layout.size === 0) return { kind: "none" };
      // struct { long double x; } comes back in st(0) (classes X87, X87UP).
      if (f.length > 0 && f.every((x) => x.type === "f80" && x.offset === 0) && ret.layout.size === 16) return { kind: "fixed", parts: [st0] };
      // _Complex long double: class COMPLEX_X87, real part in st(0), imaginary in st(1).
      if (ret.layout.complex && f.length === 2 && f.every((x) => x.type === "f80")) {
        return { kind: "fixed", parts: [st0, { cls: "x87", reg: stReg(1), offset: 16, size: 16 }] };
      }
    }
    const cls = classesOf(ret);
    if (cls === "MEMORY") return { kind: "memory" };
    const size = argSize(ret);
    return pieces(ret, cls, (e) => partSize(ret, size, e));
  },
};

export function layoutCall(ret: RetType, args: readonly ArgType[]): CallLayout {
  return layoutWith(SYSV_ABI, ret, args);
}

/** Is this return location SysV's x87 st(0) (or st(0)/st(1) for `_Complex long double`)? */
export const x87Parts = (loc: CallLayout["ret"]): number => (loc.kind === "regs" && loc.parts[0]?.cls === "x87" ? loc.parts.length : 0);

/** va_list: { u32 gp_offset; u32 fp_offset; ptr overflow_arg_area; ptr reg_save_area; } */
export const VA_LIST = { gpOffset: 0, fpOffset: 4, overflow: 8, regSave: 16, size: 24 } as const;
/** The register save area holds 6 GPRs then 8 xmm registers (16 bytes each). */
export const REG_SAVE_AREA_SIZE = 6 * 8 + 8 * 16;
