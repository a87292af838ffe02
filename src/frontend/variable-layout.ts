// GNU variably sized structs and unions: records with a member whose size is
// known only at run time, which gcc accepts inside functions:
//
//   void f(int n) { struct S { int a; char buf[n]; int b; } s; ... }
//
// The layout rules are the usual ones (each member at its predecessor's end
// rounded up to the member's alignment, the size rounded up to the record's
// alignment, a union as large as its largest member), but from the first
// variable-size member on the offsets and the size are run-time values. gcc
// evaluates them once, where the declaration is reached: a later change of `n`
// does not change `sizeof (struct S)` or where `b` lives. So do we:
//
// * `layoutRecord` (types.ts) computes everything static: every member's
//   alignment, the record's alignment, and the offsets up to and including the
//   first variable-size member (members of variable size count as 0 bytes).
// * `variableLayout` (here) turns the rest into assignments to hidden locals,
//   evaluated where the declaration is reached (the parser's pending VLA
//   evaluations): one per member with a run-time offset (`Member.offsetVar`)
//   and one for the size (`RecordInfo.sizeVar`), which doubles as the running
//   end offset while the struct's members are placed.
// * Every use reads those locals: member access (`MemberExpr.offset`),
//   `sizeof`, pointer arithmetic and indexing, copies (`Assign.size`), stack
//   allocation of objects — through the parser's `sizeExpr`, as for VLAs.

import type { Expr, ObjectSymbol } from "./ast.js";
import type { SrcLoc } from "./token.js";
import { alignOf, hasVariableSize, memberAlign, type IntType, type MemberDecl, type RecordInfo, type RecordLayoutOptions, type Type } from "./types.js";

/** What the layout needs from the parser. */
export interface VariableLayoutContext {
  /** unsigned long: the type of sizes and offsets. */
  readonly ulong: IntType;
  /** int: the type of comparisons. */
  readonly int: IntType;
  /** A new hidden unsigned long local of the current function. */
  newLocal(name: string): ObjectSymbol;
  /** The run-time size of a type in bytes (unsigned long). */
  sizeExpr(t: Type): Expr;
}

/**
 * Give `rec` (laid out by layoutRecord, with at least one variable-size member)
 * its run-time layout: sets `sizeVar` and the members' `offsetVar`, and returns
 * the assignments that compute them, in order, to be evaluated where the
 * declaration is reached.
 */
export function variableLayout(rec: RecordInfo, decls: readonly MemberDecl[], opts: RecordLayoutOptions, at: SrcLoc, cx: VariableLayoutContext): Expr[] {
  const ulong = cx.ulong;
  const int = (v: bigint): Expr => ({ kind: "int", value: v, type: ulong, loc: at });
  const greater = (left: Expr, right: Expr): Expr => ({ kind: "binary", op: ">", left, right, type: cx.int, loc: at });
  const read = (sym: ObjectSymbol): Expr => ({ kind: "var", sym, type: ulong, loc: at });
  const bin = (op: "+" | "&", left: Expr, right: Expr): Expr => ({ kind: "binary", op, left, right, type: ulong, loc: at });
  const assign = (sym: ObjectSymbol, value: Expr): Expr => ({ kind: "assign", target: read(sym), value, type: ulong, loc: at });
  /** `e` rounded up to a multiple of `align` (a power of two): (e + align-1) & -align. */
  const alignUp = (e: Expr, align: number): Expr => {
    if (align <= 1) return e;
    const mask = (1n << 64n) - BigInt(align); // -align as unsigned long
    return bin("&", bin("+", e, int(BigInt(align - 1))), int(mask));
  };

  const size = cx.newLocal("__record_size");
  const out: Expr[] = [];

  if (rec.isUnion) {
    // Every member at offset 0; the size is the largest member's, rounded up.
    // rec.size is the static members' maximum (already rounded: rounding twice changes nothing).
    out.push(assign(size, int(BigInt(rec.size))));
    for (const d of decls) {
      if (!hasVariableSize(d.type)) continue;
      const s = cx.sizeExpr(d.type);
      const larger: Expr = { kind: "cond", cond: greater(s, read(size)), then: s, else: read(size), type: ulong, loc: at };
      out.push(assign(size, larger));
    }
    out.push(assign(size, alignUp(read(size), rec.align)));
  } else {
    // From the first variable-size member on, the position is `size` bytes
    // (run time) plus `bits` (static). gcc does not apply the psABI rule that
    // a bit-field may not straddle a unit of its type once the position is a
    // run-time value (stor-layout's check needs a constant offset), so
    // bit-fields there just take the next bits.
    let bits = 0;
    /** size + bits rounded up to whole bytes and to `align`, as the new `size`; bits becomes 0. */
    const settle = (align: number): void => {
      const bytes = Math.ceil(bits / 8);
      const end = bytes ? bin("+", read(size), int(BigInt(bytes))) : read(size);
      if (bytes || align > 1) out.push(assign(size, alignUp(end, align)));
      bits = 0;
    };
    let index = 0; // into rec.members: zero-width bit-fields only pad and have no Member
    let variable = false;
    for (const d of decls) {
      const m = d.bitWidth === 0 ? undefined : rec.members[index++];
      if (!variable) {
        if (!m || !hasVariableSize(d.type)) continue;
        // The first variable-size member's offset is static; its end is not.
        variable = true;
        out.push(assign(size, bin("+", int(BigInt(m.offset)), cx.sizeExpr(m.type))));
        continue;
      }
      if (!m) { settle(alignOf(d.type)); continue; } // a zero-width bit-field aligns to its type
      const offset = cx.newLocal(`__offset_${d.name ?? index - 1}`);
      if (d.bitWidth !== undefined) {
        if (d.align !== undefined) settle(d.align);
        out.push(assign(offset, bits >= 8 ? bin("+", read(size), int(BigInt(bits >> 3))) : read(size)));
        const bitOffset = bits & 7;
        rec.members[index - 1] = { ...m, offset: 0, offsetVar: offset, bitOffset, storageBytes: Math.ceil((bitOffset + d.bitWidth) / 8) };
        bits += d.bitWidth;
        continue;
      }
      settle(1);
      out.push(assign(offset, alignUp(read(size), memberAlign(d, opts))));
      out.push(assign(size, bin("+", read(offset), cx.sizeExpr(d.type))));
      rec.members[index - 1] = { ...m, offset: 0, offsetVar: offset };
    }
    settle(rec.align);
  }
  rec.sizeVar = size;
  rec.size = 0;
  return out;
}
