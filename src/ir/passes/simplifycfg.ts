// CFG simplification, to a fixed point:
//   1. branches on constants become unconditional (condbr, switch), and a
//      condbr whose two targets agree becomes a br;
//   2. unreachable blocks are deleted (phi entries from them dropped);
//   3. a block whose only predecessor ends in an unconditional branch to it
//      is merged into that predecessor;
//   4. empty forwarding blocks (no phis, no instructions, `br S`) are bypassed
//      when that keeps S's phis well-formed;
//   5. jump threading: a block that only branches on one of its phis sends a
//      predecessor whose incoming value is a constant straight to the target
//      that constant selects (the shape `&&` and `||` lower to).
// Blocks whose address is taken (f.addressTaken: by a blockaddr or from static
// data) are never deleted or merged away.

import type { Block, Func, Module, Value } from "../ir.js";
import { instOperands, mapInstOperands, mapSuccessors, mapTermOperands, successors, termOperands } from "../ir.js";
import { buildCFG } from "../cfg.js";

export function simplifycfg(m: Module): void {
  for (const f of m.funcs) {
    for (let round = 0; round < 100 && simplifyOnce(f); round++) { /* iterate */ }
  }
}

/** Remove `pred`'s entries from the phis of `succ`. */
function dropIncoming(succ: Block, pred: string): void {
  for (const p of succ.phis) p.incoming = p.incoming.filter((x) => x.block !== pred);
}

function simplifyOnce(f: Func): boolean {
  let changed = false;
  const byLabel = new Map(f.blocks.map((b) => [b.label, b]));
  const taken = new Set(f.addressTaken);

  // 1. Constant and redundant branches.
  for (const b of f.blocks) {
    const t = b.term;
    let keep: string | undefined;
    if (t.op === "condbr" && t.cond.k === "int") keep = (t.cond.value & 1n) ? t.ifTrue : t.ifFalse;
    else if (t.op === "condbr" && t.ifTrue === t.ifFalse) keep = t.ifTrue;
    else if (t.op === "switch" && t.value.k === "int") {
      const w = t.type === "i1" ? 1 : Number(t.type.slice(1));
      const v = BigInt.asUintN(w, t.value.value);
      keep = t.cases.find((c) => BigInt.asUintN(w, c.value) === v)?.target ?? t.default;
    } else if (t.op === "switch" && t.cases.every((c) => c.target === t.default)) keep = t.default;
    if (keep === undefined) continue;
    for (const s of new Set(successors(t))) if (s !== keep) dropIncoming(byLabel.get(s)!, b.label);
    b.term = { op: "br", target: keep };
    changed = true;
  }

  // 2. Unreachable blocks: those reached neither from the entry nor from a
  //    block whose address is taken (kept, so its successors are kept too).
  let cfg = buildCFG(f);
  const live = new Set<string>();
  const work = [f.blocks[0]!.label, ...taken];
  while (work.length) {
    const l = work.pop()!;
    if (live.has(l)) continue;
    live.add(l);
    const b = byLabel.get(l);
    if (b) for (const s of successors(b.term)) work.push(s);
  }
  const dead = new Set(f.blocks.filter((b) => !live.has(b.label)).map((b) => b.label));
  if (dead.size) {
    f.blocks = f.blocks.filter((b) => !dead.has(b.label));
    for (const b of f.blocks) for (const p of b.phis) p.incoming = p.incoming.filter((x) => !dead.has(x.block));
    changed = true;
    cfg = buildCFG(f);
  }

  // 3. Merge blocks into their sole predecessor, all in one sweep (in RPO, so
  //    chains collapse into their head). `into` follows earlier merges.
  const into = new Map<string, Block>();
  const home = (l: string): Block => {
    let b = byLabel.get(l)!;
    while (into.has(b.label)) b = into.get(b.label)!;
    return b;
  };
  const repl = new Map<number, Value>();
  for (const bi of cfg.rpo) {
    const b = f.blocks[bi]!;
    const preds = cfg.preds[bi]!;
    if (bi === 0 || preds.length !== 1 || taken.has(b.label)) continue;
    const p = home(f.blocks[preds[0]!]!.label);
    if (p === b || p.term.op !== "br" || p.term.target !== b.label) continue;
    // Phis with a single predecessor are just their value.
    for (const ph of b.phis) repl.set(ph.dst, ph.incoming[0]!.value);
    for (const i of b.insts) p.insts.push(i);
    p.term = b.term;
    for (const s of new Set(successors(b.term))) {
      for (const ph of byLabel.get(s)!.phis) for (const x of ph.incoming) if (x.block === b.label) x.block = p.label;
    }
    into.set(b.label, p);
  }
  if (into.size) {
    f.blocks = f.blocks.filter((b) => !into.has(b.label));
    const resolve = (v: Value): Value => {
      while (v.k === "temp" && repl.has(v.id)) v = repl.get(v.id)!;
      return v;
    };
    if (repl.size) {
      for (const blk of f.blocks) {
        for (const ph of blk.phis) for (const x of ph.incoming) x.value = resolve(x.value);
        for (const i of blk.insts) mapInstOperands(i, resolve);
        mapTermOperands(blk.term, resolve);
      }
    }
    return true;
  }

  // 4. Bypass empty forwarding blocks (one sweep, keeping predecessor sets current).
  const predsOf = new Map<string, Set<string>>(f.blocks.map((b) => [b.label, new Set<string>()]));
  for (const b of f.blocks) for (const l of successors(b.term)) predsOf.get(l)!.add(b.label);
  const removed = new Set<string>();
  for (let bi = 1; bi < f.blocks.length; bi++) {
    const e = f.blocks[bi]!;
    if (e.phis.length || e.insts.length || e.term.op !== "br" || taken.has(e.label)) continue;
    const target = e.term.target;
    if (target === e.label) continue;
    const s = byLabel.get(target)!;
    const preds = [...predsOf.get(e.label)!].map((l) => byLabel.get(l)!);
    if (preds.length === 0 || preds.some((p) => p.term.op === "indirectbr")) continue;
    const sPreds = predsOf.get(target)!;
    if (s.phis.length && preds.some((p) => sPreds.has(p.label))) continue;
    for (const ph of s.phis) {
      const v = ph.incoming.find((x) => x.block === e.label)!.value;
      ph.incoming = ph.incoming.filter((x) => x.block !== e.label);
      for (const p of preds) ph.incoming.push({ block: p.label, value: v });
    }
    for (const p of preds) {
      mapSuccessors(p.term, (l) => (l === e.label ? target : l));
      sPreds.add(p.label);
    }
    sPreds.delete(e.label);
    removed.add(e.label);
    // e now has no predecessors; it is deleted below.
    predsOf.get(e.label)!.clear();
  }
  if (removed.size) {
    f.blocks = f.blocks.filter((b) => !removed.has(b.label));
    return true;
  }
  return threadJumps(f, byLabel, predsOf, taken) || changed;
}

/** Step 5: thread constant phi values through blocks that only branch on them. */
function threadJumps(f: Func, byLabel: Map<string, Block>, predsOf: Map<string, Set<string>>, taken: Set<string>): boolean {
  // Where each phi of a candidate block is used: only its own branch and
  // successor phis (along edges from it) may use it, or bypassing the block
  // would leave a use without its definition.
  const candidates = f.blocks.filter((b, k) => k > 0 && !taken.has(b.label) && b.insts.length === 0 && b.phis.length > 0
    && b.term.op === "condbr" && b.term.cond.k === "temp" && b.term.ifTrue !== b.term.ifFalse);
  if (candidates.length === 0) return false;
  const phiHome = new Map<number, Block>();
  for (const b of candidates) for (const p of b.phis) phiHome.set(p.dst, b);
  const badUse = new Set<Block>();
  const use = (v: Value, okFor?: Block): void => {
    if (v.k !== "temp") return;
    const home = phiHome.get(v.id);
    if (home && home !== okFor) badUse.add(home);
  };
  for (const b of f.blocks) {
    for (const p of b.phis) for (const x of p.incoming) use(x.value, byLabel.get(x.block));
    for (const i of b.insts) instOperands(i).forEach((v) => use(v));
    for (const v of termOperands(b.term)) use(v, b);
  }
  let changed = false;
  for (const b of candidates) {
    if (badUse.has(b) || b.term.op !== "condbr" || b.term.cond.k !== "temp") continue;
    const condId = b.term.cond.id;
    const cond = b.phis.find((p) => p.dst === condId);
    if (!cond) continue;
    const { ifTrue, ifFalse } = b.term;
    for (const x of [...cond.incoming]) {
      if (x.value.k !== "int") continue;
      const p = byLabel.get(x.block)!;
      const target = (x.value.value & 1n) ? ifTrue : ifFalse;
      const pt = p.term;
      if (p === b || (pt.op !== "br" && pt.op !== "condbr") || successors(pt).includes(target) || target === b.label) continue;
      const t = byLabel.get(target)!;
      // The target's phis get the values they would have received from b, seen from p.
      const fromP = (v: Value): Value => {
        if (v.k !== "temp" || phiHome.get(v.id) !== b) return v;
        return b.phis.find((q) => q.dst === v.id)!.incoming.find((y) => y.block === p.label)!.value;
      };
      for (const q of t.phis) {
        const vb = q.incoming.find((y) => y.block === b.label)!.value;
        q.incoming.push({ block: p.label, value: fromP(vb) });
      }
      mapSuccessors(pt, (l) => (l === b.label ? target : l));
      for (const q of b.phis) q.incoming = q.incoming.filter((y) => y.block !== p.label);
      predsOf.get(b.label)!.delete(p.label);
      predsOf.get(target)!.add(p.label);
      changed = true;
    }
  }
  return changed;
}
