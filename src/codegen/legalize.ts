// Legalisation before instruction selection, shared by every backend: IR
// rewrites that make a function fit what the machine layer can express,
// told the target's limits (`LegalizeLimits`). They run on the IR the code
// generator is handed (after the optimiser), so no pass after them sees it.
//
// Today: critical-edge splitting, which phi elimination needs (its copies
// go at the end of each predecessor).

import type * as ir from "../ir/ir.js";
import { mapSuccessors, successors } from "../ir/ir.js";

/** What a target's instruction selection cannot take and wants rewritten first. */
export interface LegalizeLimits {
  /** Give every edge into a block with phis from a block with several successors a block of its own. */
  readonly splitCriticalEdges: boolean;
}

export function legalizeFunction(f: ir.Func, limits: LegalizeLimits): void {
  if (limits.splitCriticalEdges) splitCriticalEdges(f);
}

/**
 * Split every edge from a block with several successors into a block with
 * phis, so phi copies have a block of their own.
 *
 * An indirectbr edge cannot get a new block in between (the jump goes to the
 * label's address), so when its target has phis and other predecessors the
 * target's label moves to a new landing block in front of it: the landing
 * block (what `&&label` now means) takes the indirectbr's copies and falls
 * through into the old block, which gets a fresh label for its direct
 * predecessors. That needs the indirectbr to be the target's only indirect
 * predecessor (lowering makes one dispatch block per function); otherwise the
 * copies go before the jump.
 */
function splitCriticalEdges(f: ir.Func): void {
  const byLabel = new Map(f.blocks.map((b) => [b.label, b]));
  const labels = new Set(byLabel.keys());
  const fresh = (base: string): string => {
    let name = base;
    while (labels.has(name)) name += "_";
    labels.add(name);
    return name;
  };
  const preds = new Map<string, string[]>(f.blocks.map((b) => [b.label, []]));
  for (const b of f.blocks) for (const s of new Set(successors(b.term))) preds.get(s)!.push(b.label);

  // Landing blocks for indirectbr targets: label -> the landing block placed before it.
  const landing = new Map<string, ir.Block>();
  for (const b of f.blocks) {
    if (b.term.op !== "indirectbr") continue;
    for (const s of new Set(b.term.targets)) {
      const target = byLabel.get(s)!;
      const ps = preds.get(s)!;
      if (!target.phis.length || ps.length < 2 || target === b) continue;
      if (ps.some((p) => p !== b.label && byLabel.get(p)!.term.op === "indirectbr")) continue;
      const moved = fresh(`${s}.direct`);
      // Everything that named the old block as a CFG node now names `moved`;
      // the indirectbr edge (and the label's address) stays with `s`.
      for (const p of ps) {
        if (p === b.label) continue;
        mapSuccessors(byLabel.get(p)!.term, (l) => (l === s ? moved : l));
      }
      for (const succ of new Set(successors(target.term))) {
        for (const ph of byLabel.get(succ)!.phis) for (const x of ph.incoming) if (x.block === s) x.block = moved;
      }
      if (successors(target.term).includes(s)) mapSuccessors(target.term, (l) => (l === s ? moved : l));
      target.label = moved;
      const pad: ir.Block = { label: s, phis: [], insts: [], term: { op: "br", target: moved } };
      for (const ph of target.phis) for (const x of ph.incoming) if (x.block === b.label) x.block = s;
      byLabel.set(moved, target);
      byLabel.set(s, pad);
      landing.set(moved, pad);
    }
  }

  const hasPhis = new Set(f.blocks.filter((b) => b.phis.length).map((b) => b.label));
  const order: ir.Block[] = [];
  for (const b of f.blocks) {
    const pad = landing.get(b.label);
    if (pad) order.push(pad);
    order.push(b);
    if (b.term.op === "indirectbr") continue;
    const succs = [...new Set(successors(b.term))];
    if (succs.length < 2) continue;
    const rename = new Map<string, string>();
    // The false/default edge's block goes first: it is the fall-through.
    if (b.term.op === "condbr") succs.reverse();
    for (const s of succs) {
      if (!hasPhis.has(s)) continue;
      const name = fresh(`${b.label}.${s}`);
      rename.set(s, name);
      // Right after the predecessor, so its fall-through edge needs no jump.
      order.push({ label: name, phis: [], insts: [], term: { op: "br", target: s } });
      for (const p of byLabel.get(s)!.phis) for (const x of p.incoming) if (x.block === b.label) x.block = name;
    }
    if (rename.size) mapSuccessors(b.term, (l) => rename.get(l) ?? l);
  }
  f.blocks = order;
}

