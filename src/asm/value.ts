// Evaluating expressions to relocatable values: a constant plus at most one
// added symbol and one subtracted symbol (`a - b + 4`). Whether a difference of
// two labels is already a constant depends on how far layout has got: before
// layout only labels in the same fragment have a known distance.

import { constBin, type Expr } from "./expr.js";
import type { AsmSymbol, Section } from "./model.js";

export interface Value {
  add?: AsmSymbol;
  sub?: AsmSymbol;
  off: bigint;
  /** A relocation specifier on the added symbol (`@PLT`, `@GOTPCREL`, …). */
  reloc?: string;
  /**
   * The added symbol was reached through a local `.set A, label+k`: gas
   * keeps `A` (value `add + aliasBase`) where a relocation must name a symbol.
   */
  alias?: AsmSymbol;
  aliasBase?: bigint;
}

export class EvalError extends Error {}

export interface EvalContext {
  /** The symbol named, created (undefined, referenced) on first use. */
  symbol(name: string): AsmSymbol;
  /** The address of a defined label if known in this phase, else undefined. */
  address(s: AsmSymbol): number | undefined;
  /** True if both labels lie in the same fragment (distance known before layout). */
  sameFrag(a: AsmSymbol, b: AsmSymbol): boolean;
  /** The current location, as a symbol. */
  dot(): AsmSymbol;
  /**
   * Whether the distance between two labels of `sec` may be folded into a
   * constant (false under linker relaxation for code that may shrink).
   */
  differenceIsFixed?(sec: Section): boolean;
}

export const isConst = (v: Value): boolean => v.add === undefined && v.sub === undefined;

export function evaluate(e: Expr, cx: EvalContext, depth = 0): Value {
  if (depth > 100) throw new EvalError("expression nests too deeply (recursive .set?)");
  switch (e.k) {
    case "num": return { off: e.v };
    case "dot": return { add: cx.dot(), off: 0n };
    case "sym": {
      const s = cx.symbol(e.name);
      s.referenced = true;
      if (s.equ && !e.reloc) {
        // An alias of a label keeps its own name when it is global (the linker sees it).
        const v = evaluate(s.equ, cx, depth + 1);
        if (isConst(v)) return v;
        if (s.bind === "local") return v.add && !v.sub && !v.reloc && !v.alias ? { ...v, alias: s, aliasBase: v.off } : v;
      }
      return { add: s, off: 0n, reloc: e.reloc };
    }
    case "op": {
      // The arch folds operators of constants when encoding; here the operator tags the value for the relocation.
      const a = evaluate(e.a, cx, depth + 1);
      if (a.reloc || a.sub) throw new EvalError(`invalid operand of %${e.op}`);
      return { ...a, reloc: e.op };
    }
    case "un": {
      const a = evaluate(e.a, cx, depth + 1);
      if (!isConst(a)) {
        if (e.op === "-" && a.sub === undefined && a.add && !a.reloc) return { sub: a.add, off: -a.off };
        throw new EvalError("invalid operand for unary operator on a symbol");
      }
      const v = e.op === "-" ? -a.off : e.op === "~" ? ~a.off : a.off === 0n ? 1n : 0n;
      return { off: BigInt.asIntN(64, v) };
    }
    case "bin": {
      const a = evaluate(e.a, cx, depth + 1);
      const b = evaluate(e.b, cx, depth + 1);
      if (e.op === "+") return combine(a, b, 1n, cx);
      if (e.op === "-") return combine(a, b, -1n, cx);
      const ra = simplify(a, cx), rb = simplify(b, cx);
      if (isConst(ra) && isConst(rb)) {
        const v = constBin(e.op, ra.off, rb.off);
        if (v === undefined) throw new EvalError("division by zero");
        return { off: v };
      }
      // Comparisons of two labels in one section are decided by their order (gas does this).
      throw new EvalError(`invalid operands to '${e.op}' (not constants)`);
    }
  }
}

/** a ± b, cancelling symbols whose distance is known. */
function combine(a: Value, b: Value, sign: bigint, cx: EvalContext): Value {
  const adds: AsmSymbol[] = [];
  const subs: AsmSymbol[] = [];
  const put = (s: AsmSymbol | undefined, positive: boolean): void => {
    if (!s) return;
    (positive ? adds : subs).push(s);
  };
  put(a.add, true); put(a.sub, false);
  put(b.add, sign > 0n); put(b.sub, sign < 0n);
  let off = BigInt.asIntN(64, a.off + sign * b.off);
  const reloc = a.reloc ?? (sign > 0n ? b.reloc : undefined);
  // Cancel pairs whose distance is known now.
  for (let i = 0; i < adds.length; i++) {
    for (let j = 0; j < subs.length; j++) {
      const d = distance(adds[i], subs[j], cx);
      if (d !== undefined) {
        off = BigInt.asIntN(64, off + d);
        adds.splice(i--, 1);
        subs.splice(j, 1);
        break;
      }
    }
  }
  if (adds.length > 1 || subs.length > 1) throw new EvalError("expression too complex: more than one symbol on a side");
  const v: Value = { add: adds[0], sub: subs[0], off, reloc: adds[0] ? reloc : undefined };
  const via = a.alias && a.add === v.add ? a : sign > 0n && b.alias && b.add === v.add ? b : undefined;
  if (via && !v.sub) { v.alias = via.alias; v.aliasBase = via.aliasBase; }
  return v;
}

function simplify(v: Value, cx: EvalContext): Value {
  if (v.add && v.sub) {
    const d = distance(v.add, v.sub, cx);
    if (d !== undefined) return { off: BigInt.asIntN(64, v.off + d) };
  }
  return v;
}

function distance(a: AsmSymbol, b: AsmSymbol, cx: EvalContext): bigint | undefined {
  if (a === b) return 0n;
  if (!a.section || a.section !== b.section || a.common || b.common) return undefined;
  if (cx.differenceIsFixed && !cx.differenceIsFixed(a.section)) return undefined;
  if (cx.sameFrag(a, b)) return BigInt(a.fragOffset - b.fragOffset);
  const x = cx.address(a), y = cx.address(b);
  return x !== undefined && y !== undefined ? BigInt(x - y) : undefined;
}
