// The -O2 inliner: direct calls to functions defined in this module are
// expanded in place (inline.ts's expandCall) when a cost model says so, as
// gcc's -O2 does with -finline-small-functions and -finline-functions-called-once:
//
//  - a small body (at most SMALL_BODY weighted instructions: little more than
//    the call itself costs), wherever it is called from;
//  - a body declared `inline`, up to HINTED_BODY;
//  - a `static` function with exactly one call site and no address taken, up
//    to CALLED_ONCE_BODY (its out-of-line copy then goes: globaldce).
//
// Never: `noinline` and weak functions, recursive ones (a cycle in the call graph),
// bodies inline.ts cannot copy, callees with dynamic allocas (a loop in the
// caller would grow the stack), callees calling setjmp and kin, and nothing
// at all under -fno-inline. Callers are visited callees-first, so a body is
// measured after its own calls were expanded. Each caller may grow to
// CALLER_GROWTH times its size (at least by CALLER_SLACK) and never past
// CALLER_LIMIT: a huge interpreter loop gets no bigger.

import type { Func, Module } from "../ir.js";
import { callsReturnsTwice, removeUnreachableBlocks } from "../ir.js";
import { argumentsFit, canInline, expandCall, functionsWithLabelsReferencedOutside } from "./inline.js";
import type { PassOptions } from "./pipeline.js";

const SMALL_BODY = 12;
const HINTED_BODY = 40;
const CALLED_ONCE_BODY = 400;
const CALLER_GROWTH = 2;
const CALLER_SLACK = 100;
const CALLER_LIMIT = 3000;

/** Weighted size of a body: what it will cost in machine instructions, roughly. */
export function bodyCost(f: Func): number {
  let n = 0;
  for (const b of f.blocks) {
    for (const i of b.insts) {
      if (i.op === "alloca" || i.op === "copy") continue;
      n += i.op === "call" ? 1 + i.args.length : 1;
    }
    if (b.term.op !== "br") n++;
  }
  return n;
}

export function inliner(m: Module, o: PassOptions): void {
  if (o.noInline) return;
  inlineCalls(m);
  // Bodies that existed only for inlining (C99 inline definitions, GNU extern
  // inline) go now; calls left to them reach the external definition.
  m.funcs = m.funcs.filter((f) => !f.inlineOnly);
}

function inlineCalls(m: Module): void {
  const byName = new Map(m.funcs.map((f) => [f.name, f]));
  const callSites = new Map<string, number>();
  for (const f of m.funcs) {
    for (const b of f.blocks) for (const i of b.insts) {
      if (i.op === "call" && i.callee.kind === "sym" && byName.has(i.callee.name)) callSites.set(i.callee.name, (callSites.get(i.callee.name) ?? 0) + 1);
    }
  }
  const labelsOutside = functionsWithLabelsReferencedOutside(m);
  const { order, recursive } = callGraphOrder(m.funcs, byName);
  // A weak definition may be replaced at link time: the call must reach whichever wins.
  const eligible = new Set(m.funcs.filter((f) => !f.noInline && f.linkage !== "weak" && !recursive.has(f) && canInline(f, labelsOutside) && !growsStackOrReturnsTwice(f)));
  let addressed: Set<string> | undefined;
  const calledOnce = (f: Func): boolean => {
    if (f.linkage !== "internal" || f.used || callSites.get(f.name) !== 1) return false;
    // Names in instructions count calls too; a name that is also in an `addr` or in data is taken.
    addressed ??= addressTaken(m);
    return !addressed.has(f.name);
  };
  const cost = new Map<Func, number>();
  const costOf = (f: Func): number => {
    let c = cost.get(f);
    if (c === undefined) cost.set(f, (c = bodyCost(f)));
    return c;
  };
  let counter = 0;
  for (const caller of order) {
    const start = costOf(caller);
    const limit = Math.min(Math.max(start * CALLER_GROWTH, start + CALLER_SLACK), Math.max(start, CALLER_LIMIT));
    let size = start;
    let done = 0;
    for (let bi = 0; bi < caller.blocks.length; bi++) {
      const block = caller.blocks[bi]!;
      for (let ii = 0; ii < block.insts.length; ii++) {
        const call = block.insts[ii]!;
        if (call.op !== "call" || call.callee.kind !== "sym") continue;
        const callee = byName.get(call.callee.name);
        if (callee === undefined || callee === caller || !eligible.has(callee) || !argumentsFit(call, callee)) continue;
        const c = costOf(callee);
        const once = calledOnce(callee);
        const wanted = c <= SMALL_BODY || (callee.inlineHint === true && c <= HINTED_BODY) || (once && c <= CALLED_ONCE_BODY);
        // The call itself goes away: a once-called body moves rather than grows the program.
        const growth = c - 1 - call.args.length;
        if (!wanted || (size + growth > limit && !(once && c <= SMALL_BODY))) continue;
        expandCall(caller, bi, ii, call, callee, ++counter);
        size += growth;
        done++;
        break; // the rest of this block moved to the continuation block
      }
    }
    if (done > 0) {
      removeUnreachableBlocks(caller);
      cost.set(caller, size);
    }
  }
}

/** Dynamic allocas (VLAs, alloca()) or a call that returns twice: such a body keeps its own frame. */
function growsStackOrReturnsTwice(f: Func): boolean {
  return f.blocks.some((b) => b.insts.some((i) =>
    (i.op === "alloca" && i.dynSize !== undefined) ||
    callsReturnsTwice(i)));
}

/** Functions whose address is taken or that asm may name: an `addr`, static data, asm text. */
function addressTaken(m: Module): Set<string> {
  const out = new Set<string>();
  const asmText = [...m.asm];
  for (const f of m.funcs) for (const b of f.blocks) for (const i of b.insts) {
    if (i.op === "addr") out.add(i.sym);
    else if (i.op === "asm") asmText.push(i.template);
  }
  for (const g of m.globals) for (const p of g.init ?? []) if (p.k === "sym") out.add(p.name);
  for (const f of m.funcs) if (asmText.some((t) => t.includes(f.name))) out.add(f.name);
  return out;
}

/**
 * Functions in callees-first order (Tarjan's strongly connected components,
 * iteratively: call chains can be deep), and those on a call-graph cycle.
 */
function callGraphOrder(funcs: readonly Func[], byName: ReadonlyMap<string, Func>): { order: Func[]; recursive: Set<Func> } {
  const callees = new Map<Func, Func[]>();
  for (const f of funcs) {
    const out = new Set<Func>();
    for (const b of f.blocks) for (const i of b.insts) {
      if (i.op === "call" && i.callee.kind === "sym") {
        const g = byName.get(i.callee.name);
        if (g) out.add(g);
      }
    }
    callees.set(f, [...out]);
  }
  const index = new Map<Func, number>();
  const low = new Map<Func, number>();
  const onStack = new Set<Func>();
  const stack: Func[] = [];
  const order: Func[] = [];
  const recursive = new Set<Func>();
  let next = 0;
  for (const root of funcs) {
    if (index.has(root)) continue;
    const work: [Func, number][] = [[root, 0]];
    index.set(root, next); low.set(root, next++); stack.push(root); onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const [f, k] = top;
      const cs = callees.get(f)!;
      if (k < cs.length) {
        top[1]++;
        const g = cs[k]!;
        if (!index.has(g)) {
          index.set(g, next); low.set(g, next++); stack.push(g); onStack.add(g);
          work.push([g, 0]);
        } else if (onStack.has(g)) low.set(f, Math.min(low.get(f)!, index.get(g)!));
        continue;
      }
      work.pop();
      if (work.length) { const p = work[work.length - 1]![0]; low.set(p, Math.min(low.get(p)!, low.get(f)!)); }
      if (low.get(f) !== index.get(f)) continue;
      const scc: Func[] = [];
      for (;;) { const g = stack.pop()!; onStack.delete(g); scc.push(g); if (g === f) break; }
      if (scc.length > 1 || callees.get(f)!.includes(f)) for (const g of scc) recursive.add(g);
      order.push(...scc);
    }
  }
  return { order, recursive };
}
