// The AAPCS64 procedure call standard as Linux uses it, as classification
// hooks for the shared engine (src/codegen/abi.ts): integers and pointers in
// x0–x7, floats and homogeneous floating-point/short-vector aggregates (HFAs,
// HVAs: one to four members of one type) in v0–v7, other composites up to 16
// bytes in one or two x registers, larger ones by reference (a caller-made
// copy), memory results through x8. Variadic arguments are passed like named
// ones.

import type { AggLayout, ArgType, RetType, Type } from "../ir/ir.js";
import type { AbiPiece, AbiTarget, ArgClass, CallLayout } from "../codegen/abi.js";
import { argAlign, argSize, layoutCall as layoutWith } from "../codegen/abi.js";
import { FP_ARG_REGS, FP_RET_REGS, INT_ARG_REGS, INT_RET_REGS, X8 } from "./regs.js";

const FLOAT_SIZE: Partial<Record<Type, number>> = { f32: 4, f64: 8, f128: 16 };

/**
 * The members of a homogeneous aggregate (their size and count), or
 * undefined: every leaf the same floating type (or, for vectors, the same
 * 8/16-byte size), one to four of them tiling the whole object.
 */
export function homogeneous(l: AggLayout): { size: number; count: number } | undefined {
  if (l.vector) return l.size === 8 || l.size === 16 ? { size: l.size, count: 1 } : undefined;
  const first = l.fields[0];
  if (!first) return undefined;
  const size = FLOAT_SIZE[first.type];
  if (size === undefined || l.size % size !== 0) return undefined;
  const count = l.size / size;
  if (count < 1 || count > 4) return undefined;
  const seen = new Set<number>();
  for (const f of l.fields) {
    if (f.type !== first.type || f.offset % size !== 0) return undefined;
    seen.add(f.offset);
  }
  return seen.size === count ? { size, count } : undefined;
}

function classify(t: ArgType): ArgClass {
  if (t.kind === "scalar") {
    const fs = FLOAT_SIZE[t.type];
    if (fs !== undefined) return { kind: "regs", pieces: [{ cls: "float", offset: 0, size: fs }] };
    if (t.type === "f80") return { kind: "memory" };
    if (t.type === "i128") return { kind: "regs", pieces: [{ cls: "int", offset: 0, size: 8 }, { cls: "int", offset: 8, size: 8 }], regAlign: 2 };
    return { kind: "regs", pieces: [{ cls: "int", offset: 0, size: 8 }] };
  }
  const l = t.layout;
  if (l.size === 0) return { kind: "none" };
  const h = homogeneous(l);
  if (h) return { kind: "regs", pieces: Array.from({ length: h.count }, (_, k): AbiPiece => ({ cls: "float", offset: k * h.size, size: h.size })) };
  if (l.size > 16) return { kind: "byref" };
  const n = Math.ceil(l.size / 8);
  const pieces = Array.from({ length: n }, (_, k): AbiPiece => ({ cls: "int", offset: 8 * k, size: Math.min(8, l.size - 8 * k) }));
  return { kind: "regs", pieces, ...(l.align >= 16 ? { regAlign: 2 } : {}) };
}

export const AAPCS64_ABI: AbiTarget = {
  argRegs: { int: INT_ARG_REGS, float: FP_ARG_REGS },
  retRegs: { int: INT_RET_REGS, float: FP_RET_REGS },
  pointerClass: "int",
  sret: { reg: X8, takesArgReg: false },
  partialFit: "stack",
  stackExhausts: true,
  // Stack arguments: 8-byte slots, 16-byte alignment for what needs it (C.14/C.16).
  stackAlign: (t) => Math.min(16, argAlign(t)),
  classifyArg: (t) => classify(t),
  classifyReturn(ret: RetType): ArgClass {
    if (ret.kind === "void") return { kind: "none" };
    const c = classify(ret);
    return c.kind === "byref" ? { kind: "memory" } : c;
  },
};

export function layoutCall(ret: RetType, args: readonly ArgType[]): CallLayout {
  return layoutWith(AAPCS64_ABI, ret, args);
}

/** va_list: { void *__stack; void *__gr_top; void *__vr_top; int __gr_offs; int __vr_offs; } */
export const VA_LIST = { stack: 0, grTop: 8, vrTop: 16, grOffs: 24, vrOffs: 28, size: 32 } as const;
/** The variadic prologue's save areas: v0–v7 (16 bytes each) then x0–x7. */
export const VR_SAVE_SIZE = 8 * 16, GR_SAVE_SIZE = 8 * 8;

export { argSize };
