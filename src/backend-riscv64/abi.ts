// The RISC-V LP64D calling convention (psABI "Integer and Hardware
// Floating-Point Calling Conventions") as classification hooks for the shared
// engine (src/codegen/abi.ts).
//
//   - Scalars up to 8 bytes take one register, 16-byte ones (i128,
//     binary128 long double) an integer pair, split with the stack when one
//     register is left.
//   - float/double named arguments take an FP register while there is one,
//     then an integer register (`fallback`).
//   - A struct whose flattened fields are one or two floating reals (≤ 8
//     bytes), or one real and one integer (≤ 8 bytes), goes in FP (+ integer)
//     registers when enough are free; otherwise, and for unions, by the
//     integer convention: ≤ 16 bytes in one or two integer registers, larger
//     by reference. Returns the same, with memory (sret in a0) beyond 16 bytes.
//   - Variadic arguments use the integer convention only; a 16-byte-aligned
//     one starts at an even register.
//   - Integers narrower than 64 bits are extended: 32-bit ones always by sign
//     (`unsigned int` too).

import type { AggLayout, ArgType, RetType, Type } from "../ir/ir.js";
import type { AbiPiece, AbiTarget, ArgClass, CallLayout } from "../codegen/abi.js";
import { argAlign, argSize, layoutCall as layoutWith, scalarSize } from "../codegen/abi.js";
import { A0, FP_ARG_REGS, FP_RET_REGS, INT_ARG_REGS, INT_RET_REGS } from "./regs.js";

const XLEN = 8;
const FLEN = 8;

const isFloat = (t: Type): boolean => t === "f32" || t === "f64";

/**
 * The integer convention: one piece per 8 bytes. Narrow scalars are
 * extended as their C type says (`ext`); a value made by the compiler itself
 * (runtime calls) has none, and then `char`'s rule (unsigned on RISC-V)
 * applies to 8 bits and `short`'s to 16.
 */
function integerPieces(t: ArgType, size: number): Extract<ArgClass, { kind: "regs" }> {
  const pieces: AbiPiece[] = [];
  for (let off = 0; off < size; off += XLEN) pieces.push({ cls: "int", offset: off, size: Math.min(XLEN, size - off) });
  if (t.kind === "scalar" && scalarSize(t.type) < 8) {
    return { kind: "regs", pieces, ext: t.ext ?? (t.type === "i1" || t.type === "i8" ? "zero" : "sign") };
  }
  return { kind: "regs", pieces };
}

/** The FP convention's pieces of an aggregate, or undefined when it does not apply. */
function floatPieces(l: AggLayout): AbiPiece[] | undefined {
  if (l.union || l.vector || l.size > 2 * XLEN) return undefined;
  const f = l.fields;
  if (f.length === 0 || f.length > 2) return undefined;
  if (!f.some((x) => isFloat(x.type))) return undefined;
  for (const x of f) {
    if (isFloat(x.type) ? scalarSize(x.type) > FLEN : scalarSize(x.type) > XLEN) return undefined;
    if (x.type === "f80" || x.type === "f128") return undefined;
  }
  return f.map((x): AbiPiece => ({ cls: isFloat(x.type) ? "float" : "int", offset: x.offset, size: scalarSize(x.type) }));
}

function classify(t: ArgType, variadic: boolean): ArgClass {
  const size = argSize(t);
  if (t.kind === "agg") {
    if (size === 0) return { kind: "none" };
    if (size > 2 * XLEN) return { kind: "byref" };
    const ints = integerPieces(t, size);
    const fp = variadic ? undefined : floatPieces(t.layout);
    if (variadic && t.layout.align === 2 * XLEN) return { ...ints, evenPair: true };
    return fp ? { kind: "regs", pieces: fp, fallback: ints } : ints;
  }
  if (isFloat(t.type) && !variadic) {
    return { kind: "regs", pieces: [{ cls: "float", offset: 0, size }], fallback: integerPieces(t, size) };
  }
  const ints = integerPieces(t, size);
  return variadic && size === 2 * XLEN ? { ...ints, evenPair: true } : ints;
}

export const LP64D_ABI: AbiTarget = {
  argRegs: { int: INT_ARG_REGS, float: FP_ARG_REGS },
  retRegs: { int: INT_RET_REGS, float: FP_RET_REGS },
  pointerClass: "int",
  sret: { reg: A0, takesArgReg: true },
  partialFit: "split",
  stackAlign: (t) => Math.min(argAlign(t), 2 * XLEN),
  classifyArg: classify,
  classifyReturn(ret: RetType) {
    if (ret.kind === "void") return { kind: "none" };
    const c = classify(ret, false);
    return c.kind === "byref" ? { kind: "memory" } : c;
  },
};

export function layoutCall(ret: RetType, args: readonly ArgType[], fixedArgs?: number): CallLayout {
  return layoutWith(LP64D_ABI, ret, args, fixedArgs);
}
