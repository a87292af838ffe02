// Control-flow graph facts about a function: predecessors, reverse postorder,
// dominators (Cooper, Harvey & Kennedy's "A Simple, Fast Dominance Algorithm")
// and dominance frontiers. Blocks are referred to by their index in f.blocks.

import type { Func } from "./ir.js";
import { successors } from "./ir.js";
import { ice } from "./errors.js";

export interface CFG {
  readonly index: Map<string, number>;
  readonly succs: number[][];
  readonly preds: number[][];
  /** Reachable blocks in reverse postorder (entry first). */
  readonly rpo: number[];
  /** Position of each block in rpo, -1 if unreachable. */
  readonly rpoNum: number[];
}

export function buildCFG(f: Func): CFG {
  const index = new Map<string, number>();
  f.blocks.forEach((b, i) => index.set(b.label, i));
  const succs = f.blocks.map((b) =>
    successors(b.term).map((l) => index.get(l) ?? ice(`branch to unknown block @${l}`, { func: f.name })),
  );
  const preds: number[][] = f.blocks.map(() => []);
  succs.forEach((ss, i) => {
    for (const s of new Set(ss)) preds[s]!.push(i);
  });
  // Iterative DFS for postorder (deep CFGs would overflow the JS stack otherwise).
  const post: number[] = [];
  const seen = new Uint8Array(f.blocks.length);
  if (f.blocks.length) {
    const stack: [number, number][] = [[0, 0]];
    seen[0] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const ss = succs[top[0]]!;
      if (top[1] < ss.length) {
        const s = ss[top[1]++]!;
        if (!seen[s]) { seen[s] = 1; stack.push([s, 0]); }
      } else {
        post.push(top[0]);
        stack.pop();
      }
    }
  }
  const rpo = post.reverse();
  const rpoNum = f.blocks.map(() => -1);
  rpo.forEach((b, i) => (rpoNum[b] = i));
  return { index, succs, preds, rpo, rpoNum };
}

export interface DomTree {
  /** Immediate dominator, -1 for the entry and unreachable blocks. */
  readonly idom: number[];
  readonly children: number[][];
  /** Dominance frontier of each block. */
  readonly frontier: Set<number>[];
  dominates(a: number, b: number): boolean;
}

export function buildDomTree(cfg: CFG): DomTree {
  const n = cfg.succs.length;
  const idom = new Array<number>(n).fill(-1);
  if (n === 0) return { idom, children: [], frontier: [], dominates: () => false };
  const { rpo, rpoNum, preds } = cfg;
  idom[0] = 0;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (rpoNum[a]! > rpoNum[b]!) a = idom[a]!;
      while (rpoNum[b]! > rpoNum[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of rpo) {
      if (b === 0) continue;
      let nd = -1;
      for (const p of preds[b]!) {
        if (idom[p] === -1) continue;
        nd = nd === -1 ? p : intersect(p, nd);
      }
      if (nd !== idom[b]) { idom[b] = nd; changed = true; }
    }
  }
  idom[0] = -1;
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let b = 0; b < n; b++) if (idom[b]! >= 0) children[idom[b]!]!.push(b);
  // Pre/post numbering of the dominator tree for O(1) dominance queries.
  const pre = new Array<number>(n).fill(-1);
  const postN = new Array<number>(n).fill(-1);
  let clock = 0;
  const stack: [number, number][] = [[0, 0]];
  pre[0] = clock++;
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const cs = children[top[0]]!;
    if (top[1] < cs.length) {
      const c = cs[top[1]++]!;
      pre[c] = clock++;
      stack.push([c, 0]);
    } else {
      postN[top[0]] = clock++;
      stack.pop();
    }
  }
  const frontier: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let b = 0; b < n; b++) {
    const ps = preds[b]!.filter((p) => rpoNum[p] !== -1);
    if (ps.length < 2 || rpoNum[b] === -1) continue;
    for (const p of ps) {
      for (let r = p; r !== -1 && r !== idom[b]; r = idom[r]!) frontier[r]!.add(b);
    }
  }
  return {
    idom, children, frontier,
    dominates: (a, b) => pre[a]! !== -1 && pre[b]! !== -1 && pre[a]! <= pre[b]! && postN[b]! <= postN[a]!,
  };
}
