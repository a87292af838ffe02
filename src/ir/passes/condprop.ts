// condprop: what a branch condition says holds in the blocks it guards.
//
// A block whose only predecessor ends in `condbr %c, @t, @f` runs only when
// %c was true (it is @t) or false (@f), and so does every block it dominates.
// Walking the dominator tree with those facts, this pass
//   - replaces uses of %c (and of conditions implied through `xor %c, 1`,
//     `and`/`or` of i1) by the known constant, phi operands included when
//     the edge leaves a block where the fact holds;
//   - decides other comparisons of the same two operands: knowing x == y
//     makes x != y false, knowing x < y makes y < x false, knowing
//     !(x >= y) and !isunordered(x, y) makes x < y true.
// Each comparison is a set of possible orderings of its operands (less,
// equal, greater, and unordered for floats); facts intersect the set, and a
// comparison is decided when the set lies inside, or outside, its own.
// Constfold and simplifycfg clean up after it.

import type { Block, FCmpPred, Func, ICmpPred, Inst, Module, Value } from "../ir.js";
import { mapInstOperands, mapTermOperands } from "../ir.js";
import { buildCFG, buildDomTree } from "../cfg.js";

export function condprop(m: Module): void {
  for (const f of m.funcs) propagate(f);
}

const LT = 1, EQ = 2, GT = 4, UNO = 8;

/** Orderings for which an integer predicate is true (signed and unsigned domains separately). */
const ICMP_SET: Readonly<Record<ICmpPred, { dom: "s" | "u" | "both"; set: number }>> = {
  eq: { dom: "both", set: EQ }, ne: { dom: "both", set: LT | GT },
  slt: { dom: "s", set: LT }, sle: { dom: "s", set: LT | EQ }, sgt: { dom: "s", set: GT }, sge: { dom: "s", set: GT | EQ },
  ult: { dom: "u", set: LT }, ule: { dom: "u", set: LT | EQ }, ugt: { dom: "u", set: GT }, uge: { dom: "u", set: GT | EQ },
};

/** Orderings (with unordered) for which a float predicate is true. */
const FCMP_SET: Readonly<Record<FCmpPred, number>> = {
  oeq: EQ, one: LT | GT, olt: LT, ole: LT | EQ, ogt: GT, oge: GT | EQ, ord: LT | EQ | GT,
  ueq: EQ | UNO, une: LT | GT | UNO, ult: LT | UNO, ule: LT | EQ | UNO, ugt: GT | UNO, uge: GT | EQ | UNO, uno: UNO,
};

/** The same orderings seen with the operands swapped. */
const mirror = (s: number): number => (s & (EQ | UNO)) | (s & LT ? GT : 0) | (s & GT ? LT : 0);

type Cmp = Extract<Inst, { op: "icmp" | "fcmp" }>;

/** What is known about one ordered pair of operands. */
interface PairFacts { s: number; u: number; f: number }
const ALL: PairFacts = { s: LT | EQ | GT, u: LT | EQ | GT, f: LT | EQ | GT | UNO };

function valueKey(v: Value): string | undefined {
  switch (v.k) {
    case "temp": return `%${v.id}`;
    case "int": return `i${BigInt.asUintN(128, v.value)}`;
    case "float": return `f${v.bits}`;
    default: return undefined;
  }
}

/** The pair key for a comparison's operands, and whether they are swapped relative to it. */
function pairOf(c: Cmp): { key: string; swapped: boolean } | undefined {
  const a = valueKey(c.a), b = valueKey(c.b);
  if (a === undefined || b === undefined || a === b) return undefined;
  return a < b ? { key: `${c.type}|${a}|${b}`, swapped: false } : { key: `${c.type}|${b}|${a}`, swapped: true };
}

function propagate(f: Func): void {
  if (f.blocks.length < 2) return;
  const cfg = buildCFG(f);
  const dom = buildDomTree(cfg);
  const defs = new Map<number, Inst>();
  for (const b of f.blocks) for (const i of b.insts) if ("dst" in i && i.dst !== undefined) defs.set(i.dst, i);

  // Scoped facts with an undo log (dominator-tree walk).
  const known = new Map<number, boolean>();
  const pairs = new Map<string, PairFacts>();
  const undo: (() => void)[] = [];
  const setBool = (id: number, v: boolean): void => {
    if (known.has(id)) return;
    known.set(id, v);
    undo.push(() => known.delete(id));
  };
  const setPair = (key: string, p: PairFacts): void => {
    const old = pairs.get(key);
    pairs.set(key, p);
    undo.push(() => (old ? pairs.set(key, old) : pairs.delete(key)));
  };

  /** Record that the i1 value `c` is `v`, and what follows from it. */
  const assume = (c: Value, v: boolean, depth = 0): void => {
    if (c.k !== "temp" || depth > 8) return;
    setBool(c.id, v);
    const d = defs.get(c.id);
    if (!d) return;
    if (d.op === "icmp" || d.op === "fcmp") {
      const cmp: Cmp = d;
      const pk = pairOf(cmp);
      if (!pk) return;
      const p = { ...(pairs.get(pk.key) ?? ALL) };
      if (cmp.op === "icmp") {
        const { dom: dm, set } = ICMP_SET[cmp.pred];
        let s = v ? set : (LT | EQ | GT) & ~set;
        if (pk.swapped) s = mirror(s);
        if (dm === "s" || dm === "both") p.s &= s;
        if (dm === "u" || dm === "both") p.u &= s;
        // Equality is the same in both domains.
        if (!(p.s & EQ) || !(p.u & EQ)) { p.s &= ~EQ; p.u &= ~EQ; }
        if (p.s === EQ || p.u === EQ) { p.s &= EQ; p.u &= EQ; }
      } else {
        let s = v ? FCMP_SET[cmp.pred] : (LT | EQ | GT | UNO) & ~FCMP_SET[cmp.pred];
        if (pk.swapped) s = mirror(s);
        p.f &= s;
      }
      setPair(pk.key, p);
    } else if (d.op === "xor" && d.type === "i1" && d.b.k === "int" && (d.b.value & 1n) === 1n) {
      assume(d.a, !v, depth + 1);
    } else if (d.op === "and" && d.type === "i1" && v) {
      assume(d.a, true, depth + 1);
      assume(d.b, true, depth + 1);
    } else if (d.op === "or" && d.type === "i1" && !v) {
      assume(d.a, false, depth + 1);
      assume(d.b, false, depth + 1);
    }
  };

  /** Is this comparison decided by the facts? */
  const decide = (c: Cmp): boolean | undefined => {
    const pk = pairOf(c);
    const p = pk && pairs.get(pk.key);
    if (!pk || !p) return undefined;
    let mask: number, set: number;
    if (c.op === "icmp") {
      const { dom: dm, set: s } = ICMP_SET[c.pred];
      // Equality facts are kept in step in both domains, so eq/ne may read either.
      mask = dm === "u" ? p.u : p.s;
      set = s;
    } else {
      mask = p.f;
      set = FCMP_SET[c.pred];
    }
    if (pk.swapped) mask = mirror(mask);
    if (mask === 0) return undefined; // contradictory facts: unreachable code, leave it
    if ((mask & ~set) === 0) return true;
    if ((mask & set) === 0) return false;
    return undefined;
  };

  const resolve = (v: Value): Value => (v.k === "temp" && known.has(v.id) ? { k: "int", value: known.get(v.id) ? 1n : 0n } : v);

  /** Enter a block: its edge fact, then its instructions under the facts in force. */
  const enter = (bi: number): void => {
    const b = f.blocks[bi]!;
    const preds = cfg.preds[bi]!;
    if (preds.length === 1) {
      const t = f.blocks[preds[0]!]!.term;
      if (t.op === "condbr" && t.ifTrue !== t.ifFalse) assume(t.cond, t.ifTrue === b.label);
    }
    for (const i of b.insts) {
      mapInstOperands(i, resolve);
      if (i.op === "icmp" || i.op === "fcmp") {
        const r = decide(i);
        if (r !== undefined) setBool(i.dst, r);
      }
    }
    mapTermOperands(b.term, resolve);
    for (const si of cfg.succs[bi]!) forwardPhis(f.blocks[si]!, b.label, resolve);
  };

  // Depth-first over the dominator tree without recursion (deep trees are common).
  const stack: { b: number; mark: number; next: number }[] = [];
  const push = (bi: number): void => {
    const mark = undo.length;
    enter(bi);
    stack.push({ b: bi, mark, next: 0 });
  };
  push(0);
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const kids = dom.children[top.b]!;
    if (top.next < kids.length) { push(kids[top.next++]!); continue; }
    while (undo.length > top.mark) undo.pop()!();
    stack.pop();
  }
}

/** Phi operands flowing along the edge from `pred` are evaluated where the facts of `pred` hold. */
function forwardPhis(succ: Block, pred: string, resolve: (v: Value) => Value): void {
  for (const p of succ.phis) for (const x of p.incoming) if (x.block === pred) x.value = resolve(x.value);
}

