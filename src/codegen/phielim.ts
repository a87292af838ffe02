// Phi elimination: turn each block's phis into parallel copies at the end of
// its predecessors, then sequentialise every parallel copy.
//
// The caller (instruction selection) has split critical edges, so the copies
// for an edge can go at the end of the predecessor, just before its branch.
// Sequentialising matters when a phi's source is another phi's destination
// (the classic swap `a, b = b, a` in a loop): copies whose destination is no
// longer needed as a source go first; when only cycles remain, one value is
// saved in a fresh temporary to break the cycle.

import type { MFunc, MInst, MOperand, RegClass, TargetHooks } from "./mir.js";
import { newVReg } from "./mir.js";

interface PCopy { dst: number; src: MOperand; cls: RegClass }

export function eliminatePhis(f: MFunc, hooks: TargetHooks): void {
  const edgeCopies = new Map<number, PCopy[]>();
  for (const b of f.blocks) {
    for (const phi of b.phis) {
      for (const [pred, src] of phi.srcs) {
        let list = edgeCopies.get(pred);
        if (!list) edgeCopies.set(pred, (list = []));
        list.push({ dst: phi.dst, src, cls: phi.cls });
      }
    }
    b.phis = [];
  }
  for (const [pred, copies] of edgeCopies) {
    const seq = sequentialize(f, copies, hooks);
    const insts = f.blocks[pred]!.insts;
    let at = insts.length;
    while (at > 0 && hooks.isBranch(insts[at - 1]!)) at--;
    f.blocks[pred]!.insts = [...insts.slice(0, at), ...seq, ...insts.slice(at)];
  }
}

export function sequentialize(f: MFunc, copies: PCopy[], hooks: TargetHooks): MInst[] {
  const out: MInst[] = [];
  let pending = copies.filter((c) => !(c.src.k === "reg" && c.src.r === c.dst));
  const readsReg = (c: PCopy, r: number): boolean => c.src.k === "reg" && c.src.r === r;
  while (pending.length) {
    const ready = pending.findIndex((c) => !pending.some((o) => o !== c && readsReg(o, c.dst)));
    if (ready >= 0) {
      const c = pending[ready]!;
      out.push(hooks.copy(c.cls, c.dst, c.src));
      pending.splice(ready, 1);
      continue;
    }
    // Only cycles remain: save one destination's old value and redirect its readers.
    const c = pending[0]!;
    const tmp = newVReg(f, c.cls);
    const size = hooks.regs.classes[c.cls]!.bytes;
    out.push(hooks.copy(c.cls, tmp, { k: "reg", r: c.dst, size }));
    pending = pending.map((o) => (readsReg(o, c.dst) ? { ...o, src: { k: "reg", r: tmp, size } } : o));
  }
  return out;
}
