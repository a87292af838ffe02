// The calling-convention engine shared by every target: where each argument
// and the return value of a call live. A target says how one value is
// classified (`AbiTarget.classifyArg/classifyReturn`: register pieces of some
// classes, memory, by reference) and which registers exist; the engine hands
// out registers and stack offsets in order, the same way for a call, a
// function's entry and va_start. All three psABIs are LP64 with 8-byte stack
// slots and a 16-byte aligned argument area.

import type { ArgType, RetType, Type } from "../ir/ir.js";
import type { RegClass } from "./mir.js";

/** How the caller widens a scalar narrower than its register (RISC-V LP64 requires it). */
export type Extension = "sign" | "zero";

/** Bytes [offset, offset+size) of a value, wanting one register of class `cls`. */
export interface AbiPiece { readonly cls: RegClass; readonly offset: number; readonly size: number }
/** A piece with its register. */
export interface RegPart extends AbiPiece { readonly reg: number }

/** A target's classification of one value. */
export type ArgClass =
  | { readonly kind: "none" }
  /** In memory: the argument area, or for a return a buffer the caller passes (sret). */
  | { readonly kind: "memory" }
  /** A copy in memory made by the caller, its address passed like a pointer argument. */
  | { readonly kind: "byref" }
  /**
   * In registers. `evenPair`: the pieces take an aligned register pair (the
   * first an even-numbered argument register of the class; RISC-V variadic
   * 2×XLEN-aligned values). `regAlign`: the first register of each class used
   * is the next one whose index is a multiple of this (AAPCS64: 16-byte
   * aligned values start at an even-numbered register). `fallback`: how to
   * pass the value when its pieces do not all fit in the registers left
   * (RISC-V: a float struct or scalar goes by the integer convention once the
   * FP registers run out).
   */
  | {
    readonly kind: "regs"; readonly pieces: readonly AbiPiece[]; readonly ext?: Extension;
    readonly evenPair?: boolean; readonly regAlign?: number; readonly fallback?: ArgClass;
  }
  /** Registers the convention names outright, outside the argument sequence (SysV's x87 returns). */
  | { readonly kind: "fixed"; readonly parts: readonly RegPart[] };

export type ArgLoc =
  | { kind: "regs"; parts: RegPart[]; ext?: Extension }
  /** In the argument area at `offset` from the first stack argument. */
  | { kind: "stack"; offset: number; size: number; ext?: Extension }
  /** The first bytes in registers, the remaining `size` bytes at `offset` in the argument area. */
  | { kind: "split"; parts: RegPart[]; offset: number; size: number }
  /** The address of a caller-made copy, passed as `ptr` says. */
  | { kind: "byref"; ptr: Extract<ArgLoc, { kind: "regs" | "stack" }> }
  /** Empty aggregate: occupies nothing. */
  | { kind: "none" };

export interface AbiTarget {
  /** Argument and return registers per class, in order. */
  readonly argRegs: Readonly<Record<RegClass, readonly number[]>>;
  readonly retRegs: Readonly<Record<RegClass, readonly number[]>>;
  /** The class pointers are passed in (byref addresses). */
  readonly pointerClass: RegClass;
  /**
   * Where the caller passes the address of a memory-returned value: `reg`,
   * which is also the first argument register of its class when
   * `takesArgReg` (SysV: the first integer one) or a register of its own (AAPCS64: x8).
   */
  readonly sret: { readonly reg: number; readonly takesArgReg: boolean };
  /**
   * An argument whose register pieces do not all fit in the registers left
   * goes whole to the stack ("stack": SysV, AAPCS64) or is split between the
   * last registers and the stack ("split": RISC-V).
   */
  readonly partialFit: "stack" | "split";
  /**
   * An argument that wanted registers of a class and went to the stack uses
   * up the class: no later argument takes its registers (AAPCS64 C.11, C.3).
   */
  readonly stackExhausts?: boolean;
  /** `variadic`: the argument is past the named ones (RISC-V passes such floats in integer registers). */
  classifyArg(t: ArgType, variadic: boolean): ArgClass;
  classifyReturn(t: RetType): ArgClass;
  /** Alignment of an argument in the argument area (at least a slot). */
  stackAlign(t: ArgType): number;
}

export interface CallLayout {
  args: ArgLoc[];
  ret: ArgLoc;
  /** The register carrying the result buffer's address (memory-class return), if any. */
  sret: number | undefined;
  /** Bytes of stack arguments (a multiple of 16). */
  stackBytes: number;
  /** Bytes the named stack arguments really occupy (where va_arg's overflow area starts). */
  stackUsed: number;
  /** Alignment the argument area needs (more than 16 for over-aligned aggregates, as gcc does). */
  stackAlign: number;
  /** Argument registers used per class (va_start needs them). */
  regsUsed: Record<RegClass, number>;
}

const SLOT = 8;

/** Size of a scalar as a C object (f80 occupies 16 bytes in LP64). */
export function scalarSize(t: Type): number {
  switch (t) {
    case "i1": case "i8": return 1;
    case "i16": return 2;
    case "i32": case "f32": return 4;
    case "i128": case "f80": case "f128": return 16;
    default: return 8;
  }
}
export const scalarAlign = scalarSize;

export function argSize(t: ArgType): number {
  return t.kind === "scalar" ? scalarSize(t.type) : t.layout.size;
}
export function argAlign(t: ArgType): number {
  return t.kind === "scalar" ? scalarAlign(t.type) : t.layout.align;
}

/**
 * Lay out a call (or a function's incoming arguments). Arguments from index
 * `fixedArgs` on are variadic (undefined: none are).
 */
export function layoutCall(abi: AbiTarget, ret: RetType, args: readonly ArgType[], fixedArgs?: number): CallLayout {
  const used: Record<RegClass, number> = {};
  for (const cls of Object.keys(abi.argRegs)) used[cls] = 0;
  const rc = abi.classifyReturn(ret);
  let sret: number | undefined;
  let retLoc: ArgLoc;
  if (rc.kind === "memory") {
    sret = abi.sret.reg;
    if (abi.sret.takesArgReg) used[abi.pointerClass]!++;
    retLoc = { kind: "stack", offset: 0, size: ret.kind === "void" ? 0 : argSize(ret) };
  } else retLoc = placeRegs(rc, abi.retRegs, {});

  let stack = 0;
  let stackAlign = 16;
  const onStack = (a: ArgType, size: number): number => {
    const align = Math.max(SLOT, abi.stackAlign(a));
    stackAlign = Math.max(stackAlign, align);
    stack = Math.ceil(stack / align) * align;
    const at = stack;
    stack += Math.ceil(size / SLOT) * SLOT;
    return at;
  };
  /** Registers for `first` (or its fallback) when they are free, else a split or the stack. */
  const regsOrStack = (a: ArgType, size: number, first: Extract<ArgClass, { kind: "regs" }>): ArgLoc => {
    const free = (cls: RegClass): number => abi.argRegs[cls]!.length - Math.min(used[cls]!, abi.argRegs[cls]!.length);
    const fits = (x: Extract<ArgClass, { kind: "regs" }>): boolean => {
      const need: Record<RegClass, number> = {};
      for (const p of x.pieces) need[p.cls] = (need[p.cls] ?? 0) + 1;
      return Object.keys(need).every((cls) => need[cls]! <= free(cls));
    };
    let c = first;
    for (let f = c.fallback; !fits(c) && f?.kind === "regs"; f = c.fallback) c = f;
    // An aligned pair starts at an even register (an odd one left over stays unused).
    const cls0 = c.pieces[0]?.cls;
    if (c.evenPair && cls0 !== undefined && used[cls0]! % 2 !== 0) used[cls0] = Math.min(used[cls0]! + 1, abi.argRegs[cls0]!.length);
    if (c.regAlign) for (const p of c.pieces) used[p.cls] = Math.ceil(used[p.cls]! / c.regAlign) * c.regAlign;
    if (fits(c)) return placeRegs(c, abi.argRegs, used);
    // Pieces that fit in what is left, in order, then the rest on the stack.
    const fit = c.pieces.findIndex((p, n) => c.pieces.slice(0, n + 1).filter((q) => q.cls === p.cls).length > free(p.cls));
    if (abi.partialFit === "split" && fit > 0) {
      const head = placeRegs({ kind: "regs", pieces: c.pieces.slice(0, fit) }, abi.argRegs, used);
      const from = c.pieces[fit]!.offset;
      return { kind: "split", parts: head.kind === "regs" ? head.parts : [], offset: onStack(a, size - from), size: size - from };
    }
    if (abi.stackExhausts) for (const p of c.pieces) used[p.cls] = abi.argRegs[p.cls]!.length;
    return { kind: "stack", offset: onStack(a, size), size, ...(c.ext ? { ext: c.ext } : {}) };
  };
  const locs = args.map((a, k): ArgLoc => {
    const c = abi.classifyArg(a, fixedArgs !== undefined && k >= fixedArgs);
    const size = argSize(a);
    switch (c.kind) {
      case "none": return { kind: "none" };
      case "fixed": return { kind: "regs", parts: [...c.parts] };
      case "memory": return { kind: "stack", offset: onStack(a, size), size };
      case "byref": {
        const ptr = abi.argRegs[abi.pointerClass]![used[abi.pointerClass]!];
        if (ptr !== undefined) {
          used[abi.pointerClass]!++;
          return { kind: "byref", ptr: { kind: "regs", parts: [{ cls: abi.pointerClass, reg: ptr, offset: 0, size: SLOT }] } };
        }
        return { kind: "byref", ptr: { kind: "stack", offset: onStack({ kind: "scalar", type: "ptr" }, SLOT), size: SLOT } };
      }
      case "regs": return regsOrStack(a, size, c);
    }
  });
  return { args: locs, ret: retLoc, sret, stackBytes: Math.ceil(stack / 16) * 16, stackUsed: stack, stackAlign, regsUsed: used };
}

/** Give each piece the next register of its class (`used` counts per class, updated). */
function placeRegs(c: ArgClass, regs: Readonly<Record<RegClass, readonly number[]>>, used: Record<RegClass, number>): ArgLoc {
  if (c.kind === "fixed") return { kind: "regs", parts: [...c.parts] };
  if (c.kind !== "regs") return { kind: "none" };
  const parts = c.pieces.map((p): RegPart => {
    const n = used[p.cls] ?? 0;
    used[p.cls] = n + 1;
    return { ...p, reg: regs[p.cls]![n]! };
  });
  return { kind: "regs", parts, ...(c.ext ? { ext: c.ext } : {}) };
}
