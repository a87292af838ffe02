// Dead code elimination: delete instructions and phis whose results are never
// used and which have no side effects (ir.hasSideEffects), iterating with use
// counts so chains of dead values (including dead phi cycles through a loop)
// disappear in one pass.

import type { Func, Module, Value } from "../ir.js";
import { hasSideEffects, instDefs, instOperands, termOperands } from "../ir.js";

export function dce(m: Module): void {
  for (const f of m.funcs) dceFunc(f);
}

export function dceFunc(f: Func): void {
  // Mark live from roots (side effects, terminators), then sweep: this also
  // removes dead cycles, which use counting alone would keep.
  const live = new Set<number>();
  const work: number[] = [];
  const mark = (v: Value): void => {
    if (v.k === "temp" && !live.has(v.id)) { live.add(v.id); work.push(v.id); }
  };
  const defs = new Map<number, Value[]>();
  for (const b of f.blocks) {
    for (const p of b.phis) defs.set(p.dst, p.incoming.map((x) => x.value));
    for (const i of b.insts) {
      const ds = instDefs(i);
      for (const d of ds) defs.set(d, instOperands(i));
      if (hasSideEffects(i)) {
        instOperands(i).forEach(mark);
        for (const d of ds) mark({ k: "temp", id: d });
      }
    }
    termOperands(b.term).forEach(mark);
  }
  for (const p of f.params) live.add(p.temp);
  if (f.chain !== undefined) live.add(f.chain);
  while (work.length) {
    const id = work.pop()!;
    for (const v of defs.get(id) ?? []) mark(v);
  }
  for (const b of f.blocks) {
    b.phis = b.phis.filter((p) => live.has(p.dst));
    b.insts = b.insts.filter((i) => {
      const ds = instDefs(i);
      return hasSideEffects(i) || ds.length === 0 || ds.some((d) => live.has(d));
    });
  }
}
