// ranges: integer comparisons decided by value ranges.
//
// The range of an integer value is an interval of its signed reading,
// computed from how it is made (constants, add/sub of a constant without
// overflow, zext/sext/trunc, `and` with a non-negative mask, lshr and urem by
// a constant, phis and selects of ranged values) and narrowed by the branch
// conditions that dominate the comparison (`icmp slt %x, 10` taken: %x < 10;
// `ult` with a non-negative bound also gives 0 ≤ %x). An icmp whose operand
// ranges decide it becomes a constant; constfold and simplifycfg clean up.
// This is what `var > 0 ⇒ (unsigned)(var - 1) < UINT_MAX` needs (20041114-1).

import { buildCFG, buildDomTree } from "../cfg.js";
import { bitWidth, mapInstOperands, mapTermOperands, type Func, type ICmpPred, type Inst, type Module, type Value } from "../ir.js";

interface Range { lo: bigint; hi: bigint }

const MAX_DEPTH = 6;
/** Range computations per comparison (phis fan out). */
const BUDGET = 64;
const smin = (w: number): bigint => -(1n << BigInt(w - 1));
const smax = (w: number): bigint => (1n << BigInt(w - 1)) - 1n;
const full = (w: number): Range => ({ lo: smin(w), hi: smax(w) });
const meet = (a: Range, b: Range): Range => ({ lo: a.lo > b.lo ? a.lo : b.lo, hi: a.hi < b.hi ? a.hi : b.hi });
const join = (a: Range, b: Range): Range => ({ lo: a.lo < b.lo ? a.lo : b.lo, hi: a.hi > b.hi ? a.hi : b.hi });
const fits = (r: Range, w: number): boolean => r.lo >= smin(w) && r.hi <= smax(w);

/** A branch fact: `%x pred c` is known to hold (or not). */
interface Fact { temp: number; range: Range }

export function ranges(m: Module): void {
  for (const f of m.funcs) if (f.blocks.length > 0) rangesFunc(f);
}

function rangesFunc(f: Func): void {
  const defs = new Map<number, Inst>();
  const phis = new Map<number, Value[]>();
  for (const b of f.blocks) {
    for (const p of b.phis) phis.set(p.dst, p.incoming.map((x) => x.value));
    for (const i of b.insts) if ("dst" in i && i.dst !== undefined) defs.set(i.dst, i);
  }
  const width = (v: Value): number | undefined => {
    if (v.k !== "temp") return undefined;
    const t = f.temps[v.id]!.type;
    return t[0] === "i" ? bitWidth(t) : undefined;
  };
  const cfg = buildCFG(f);
  const dom = buildDomTree(cfg);
  const facts: Fact[] = [];

  let budget = 0;
  const rangeOf = (v: Value, w: number, depth: number): Range => {
    if (v.k === "int") return { lo: BigInt.asIntN(w, v.value), hi: BigInt.asIntN(w, v.value) };
    if (v.k !== "temp" || w > 64) return full(w);
    let r = depth < MAX_DEPTH && budget-- > 0 ? derive(v.id, w, depth + 1) : full(w);
    for (const x of facts) if (x.temp === v.id) r = meet(r, x.range);
    return r;
  };
  const derive = (id: number, w: number, depth: number): Range => {
    const incoming = phis.get(id);
    if (incoming) return incoming.map((x) => rangeOf(x, w, depth)).reduce(join);
    const i = defs.get(id);
    if (!i) return full(w);
    switch (i.op) {
      case "add": case "sub": {
        if (i.b.k !== "int") return full(w);
        const c = BigInt.asIntN(w, i.b.value) * (i.op === "add" ? 1n : -1n);
        const a = rangeOf(i.a, w, depth);
        const r = { lo: a.lo + c, hi: a.hi + c };
        return fits(r, w) ? r : full(w);
      }
      case "zext": case "sext": {
        const from = bitWidth(i.from);
        const a = rangeOf(i.a, from, depth);
        return i.op === "sext" || a.lo >= 0n ? a : { lo: 0n, hi: (1n << BigInt(from)) - 1n };
      }
      case "trunc": {
        const a = rangeOf(i.a, bitWidth(i.from), depth);
        return fits(a, w) ? a : full(w);
      }
      case "and": {
        const mask = i.b.k === "int" ? BigInt.asIntN(w, i.b.value) : undefined;
        return mask !== undefined && mask >= 0n ? { lo: 0n, hi: mask } : full(w);
      }
      case "lshr": {
        const k = i.b.k === "int" ? i.b.value : 0n;
        return k > 0n && k < BigInt(w) ? { lo: 0n, hi: ((1n << BigInt(w)) - 1n) >> k } : full(w);
      }
      case "urem": {
        const c = i.b.k === "int" ? BigInt.asUintN(w, i.b.value) : 0n;
        return c > 0n && c - 1n <= smax(w) ? { lo: 0n, hi: c - 1n } : full(w);
      }
      case "select": return join(rangeOf(i.a, w, depth), rangeOf(i.b, w, depth));
      default: return full(w);
    }
  };

  /** The range `%x` has when `icmp pred %x, c` holds (x on the left), if it says anything. */
  const factRange = (pred: ICmpPred, c: bigint, w: number): Range | undefined => {
    const s = BigInt.asIntN(w, c);
    const u = BigInt.asUintN(w, c);
    switch (pred) {
      case "eq": return { lo: s, hi: s };
      case "slt": return { lo: smin(w), hi: s - 1n };
      case "sle": return { lo: smin(w), hi: s };
      case "sgt": return { lo: s + 1n, hi: smax(w) };
      case "sge": return { lo: s, hi: smax(w) };
      case "ult": return u - 1n <= smax(w) ? { lo: 0n, hi: u - 1n } : undefined;
      case "ule": return u <= smax(w) ? { lo: 0n, hi: u } : undefined;
      default: return undefined;
    }
  };
  const NEGATE: Readonly<Record<ICmpPred, ICmpPred>> = {
    eq: "ne", ne: "eq", slt: "sge", sge: "slt", sle: "sgt", sgt: "sle", ult: "uge", uge: "ult", ule: "ugt", ugt: "ule",
  };
  const SWAP: Readonly<Record<ICmpPred, ICmpPred>> = {
    eq: "eq", ne: "ne", slt: "sgt", sgt: "slt", sle: "sge", sge: "sle", ult: "ugt", ugt: "ult", ule: "uge", uge: "ule",
  };
  /** Facts a block learns from being the `taken` side of its single predecessor's condbr. */
  const learn = (cond: Value, taken: boolean): Fact[] => {
    if (cond.k !== "temp") return [];
    const c = defs.get(cond.id);
    if (c?.op !== "icmp" || c.type === "ptr") return [];
    const w = bitWidth(c.type);
    let pred = taken ? c.pred : NEGATE[c.pred];
    let [x, k] = [c.a, c.b];
    if (x.k === "int" && k.k === "temp") { [x, k] = [k, x]; pred = SWAP[pred]; }
    if (x.k !== "temp" || k.k !== "int") return [];
    const r = factRange(pred, k.value, w);
    return r && r.lo <= r.hi ? [{ temp: x.id, range: r }] : [];
  };
  /** true/false when the ranges decide `a pred b`. */
  const decide = (pred: ICmpPred, a: Range, b: Range): boolean | undefined => {
    if (pred[0] === "u" && (a.lo < 0n || b.lo < 0n)) return undefined; // unsigned order = signed order only for non-negatives
    switch (pred) {
      case "eq": return a.hi < b.lo || b.hi < a.lo ? false : a.lo === a.hi && b.lo === b.hi && a.lo === b.lo ? true : undefined;
      case "ne": { const e = decide("eq", a, b); return e === undefined ? undefined : !e; }
      case "slt": case "ult": return a.hi < b.lo ? true : a.lo >= b.hi ? false : undefined;
      case "sle": case "ule": return a.hi <= b.lo ? true : a.lo > b.hi ? false : undefined;
      case "sgt": case "ugt": return decide(pred === "sgt" ? "slt" : "ult", b, a);
      case "sge": case "uge": return decide(pred === "sge" ? "sle" : "ule", b, a);
    }
  };

  const replaced = new Map<number, Value>();
  // Preorder walk of the dominator tree, facts pushed on entry and popped on exit.
  const stack: { b: number; pushed: number | undefined }[] = [{ b: 0, pushed: undefined }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.pushed !== undefined) { facts.length -= top.pushed; stack.pop(); continue; }
    const preds = cfg.preds[top.b]!;
    let learned: Fact[] = [];
    if (preds.length === 1) {
      const t = f.blocks[preds[0]!]!.term;
      const label = f.blocks[top.b]!.label;
      if (t.op === "condbr" && t.ifTrue !== t.ifFalse) learned = learn(t.cond, t.ifTrue === label);
    }
    facts.push(...learned);
    top.pushed = learned.length;
    for (const i of f.blocks[top.b]!.insts) {
      if (i.op !== "icmp" || i.type === "ptr") continue;
      const w = width(i.a) ?? width(i.b);
      if (w === undefined || w > 64) continue;
      budget = BUDGET;
      const d = decide(i.pred, rangeOf(i.a, w, 0), rangeOf(i.b, w, 0));
      if (d !== undefined) replaced.set(i.dst, { k: "int", value: d ? 1n : 0n });
    }
    for (const c of dom.children[top.b]!) stack.push({ b: c, pushed: undefined });
  }
  if (replaced.size === 0) return;
  for (const b of f.blocks) b.insts = b.insts.filter((i) => !(i.op === "icmp" && replaced.has(i.dst)));
  const get = (v: Value): Value => (v.k === "temp" ? replaced.get(v.id) ?? v : v);
  for (const b of f.blocks) {
    for (const p of b.phis) for (const x of p.incoming) x.value = get(x.value);
    for (const i of b.insts) mapInstOperands(i, get);
    mapTermOperands(b.term, get);
  }
}
