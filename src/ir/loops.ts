// Loops of a function and the analyses passes share, cached per function and
// invalidated explicitly by a pass that changes the CFG.
//
// A natural loop is found from each back edge t → h (h dominates t): its body
// is h plus every block that reaches t without passing through h; back edges
// to one header make one loop. Loops nest by containment; `loops` lists them
// innermost first. A loop's preheader is the single block outside the loop
// that branches to its header and nowhere else; ensurePreheader makes one.

import { buildCFG, buildDomTree, type CFG, type DomTree } from "./cfg.js";
import { mapSuccessors, type Block, type Func, type Value } from "./ir.js";

export interface Loop {
  readonly header: number;
  readonly blocks: Set<number>;
  parent: Loop | undefined;
  depth: number;
}

export interface LoopForest {
  /** Innermost loops first. */
  readonly loops: Loop[];
  /** The innermost loop containing each block. */
  readonly loopOf: (Loop | undefined)[];
}

export function buildLoopForest(cfg: CFG, dom: DomTree): LoopForest {
  const byHeader = new Map<number, Loop>();
  for (const t of cfg.rpo) {
    for (const h of cfg.succs[t]!) {
      if (!dom.dominates(h, t)) continue;
      let loop = byHeader.get(h);
      if (!loop) byHeader.set(h, (loop = { header: h, blocks: new Set([h]), parent: undefined, depth: 1 }));
      const work = [t];
      while (work.length) {
        const b = work.pop()!;
        if (loop.blocks.has(b)) continue;
        loop.blocks.add(b);
        for (const p of cfg.preds[b]!) if (cfg.rpoNum[p] !== -1) work.push(p);
      }
    }
  }
  // Smaller loops are inside larger ones that contain their header.
  const loops = [...byHeader.values()].sort((a, b) => a.blocks.size - b.blocks.size);
  const loopOf: (Loop | undefined)[] = cfg.succs.map(() => undefined);
  for (const l of loops) for (const b of l.blocks) loopOf[b] ??= l;
  for (let i = 0; i < loops.length; i++) {
    const l = loops[i]!;
    for (let j = i + 1; j < loops.length; j++) if (loops[j]!.blocks.has(l.header) && loops[j] !== l) { l.parent = loops[j]; break; }
  }
  for (const l of [...loops].reverse()) l.depth = l.parent ? l.parent.depth + 1 : 1;
  return { loops, loopOf };
}

/** The analyses of one function, computed on first use and kept until invalidate(). */
export class FuncAnalyses {
  private cfgC: CFG | undefined;
  private domC: DomTree | undefined;
  private loopsC: LoopForest | undefined;
  constructor(readonly f: Func) {}
  get cfg(): CFG { return (this.cfgC ??= buildCFG(this.f)); }
  get dom(): DomTree { return (this.domC ??= buildDomTree(this.cfg)); }
  get loops(): LoopForest { return (this.loopsC ??= buildLoopForest(this.cfg, this.dom)); }
  /** After a change of blocks or edges. */
  invalidate(): void { this.cfgC = this.domC = this.loopsC = undefined; }
}

/**
 * The loop's preheader, made if missing (a new block that the outside
 * predecessors of the header branch to instead, taking their phi inputs).
 * Returns undefined when the header cannot be given one: its address is taken
 * (an indirect branch may enter it) or an outside edge comes from asm goto.
 * Invalidates `a` when it changes the function.
 */
export function ensurePreheader(a: FuncAnalyses, loop: Loop): Block | undefined {
  const f = a.f;
  const header = f.blocks[loop.header]!;
  const outside = a.cfg.preds[loop.header]!.filter((p) => !loop.blocks.has(p) && a.cfg.rpoNum[p] !== -1);
  if (outside.length === 0 || f.addressTaken.includes(header.label)) return undefined;
  if (outside.length === 1) {
    const p = f.blocks[outside[0]!]!;
    if (p.term.op === "br") return p;
  }
  if (outside.some((p) => f.blocks[p]!.term.op === "asmgoto" || f.blocks[p]!.term.op === "indirectbr")) return undefined;
  let label = `${header.label}.preheader`;
  for (let k = 1; f.blocks.some((b) => b.label === label); k++) label = `${header.label}.preheader${k}`;
  const pre: Block = { label, phis: [], insts: [], term: { op: "br", target: header.label } };
  const outLabels = new Set(outside.map((p) => f.blocks[p]!.label));
  for (const phi of header.phis) {
    const fromOutside = phi.incoming.filter((x) => outLabels.has(x.block));
    const rest = phi.incoming.filter((x) => !outLabels.has(x.block));
    let value: Value;
    if (fromOutside.length === 1) value = fromOutside[0]!.value;
    else {
      const dst = f.temps.length;
      f.temps.push({ name: `${f.temps[phi.dst]!.name}.pre`, type: phi.type });
      pre.phis.push({ dst, type: phi.type, incoming: fromOutside });
      value = { k: "temp", id: dst };
    }
    phi.incoming = [...rest, { block: label, value }];
  }
  for (const p of outside) mapSuccessors(f.blocks[p]!.term, (l) => (l === header.label ? label : l));
  f.blocks.splice(loop.header, 0, pre);
  a.invalidate();
  return pre;
}
