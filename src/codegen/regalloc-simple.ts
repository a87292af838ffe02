// Linear-scan register allocation (Poletto & Sarkar) over every virtual register.
//
// Positions: instruction k (numbered across blocks in layout order) reads its
// operands at 2k and writes its results at 2k+1, so an input that dies at an
// instruction can share a register with that instruction's output.
//
// Each virtual register gets one interval [first, last] (no holes) from block
// liveness. Physical registers appear in MIR only around fixed constraints
// (argument/return registers, a divide's fixed register pair, shift counts, call
// clobbers) and never live across blocks, so each gets a list of short fixed
// ranges; a virtual register can take a physical one only if their ranges
// do not meet. A value live across a call therefore lands in a callee-saved
// register (which the prologue saves) or is spilled; a register the callee
// saves only in part (RegisterFile.calleeSaved) takes no value wider than
// that part across a call.
//
// Spilling rewrites the chosen register into a stack slot with a tiny fresh
// register around each access (reload before a use, store after a def) and
// reruns the scan; the tiny registers are never spilled again. Few rounds are
// needed in practice, and the process terminates because each round spills
// only original, spillable registers.

import type { MFunc, MInst, MOperand, RegClass, TargetHooks } from "./mir.js";
import { VREG_BASE, instRegs, isVirtual, newSlot, newVReg } from "./mir.js";
import { InternalCompilerError } from "../ir/errors.js";

interface Interval { vreg: number; cls: RegClass; start: number; end: number; reg: number; spillable: boolean; hint: number }

/** Per-block live-in sets of virtual registers (iterative backwards dataflow). */
export function liveness(f: MFunc): { liveIn: Set<number>[]; liveOut: Set<number>[] } {
  const n = f.blocks.length;
  const gen: Set<number>[] = [];
  const kill: Set<number>[] = [];
  for (const b of f.blocks) {
    const g = new Set<number>();
    const k = new Set<number>();
    for (const i of b.insts) {
      const { uses, defs } = instRegs(i);
      for (const u of uses) if (isVirtual(u) && !k.has(u)) g.add(u);
      for (const d of defs) if (isVirtual(d)) k.add(d);
    }
    gen.push(g);
    kill.push(k);
  }
  const liveIn = f.blocks.map(() => new Set<number>());
  const liveOut = f.blocks.map(() => new Set<number>());
  for (let changed = true; changed; ) {
    changed = false;
    for (let bi = n - 1; bi >= 0; bi--) {
      const out = liveOut[bi]!;
      for (const s of f.blocks[bi]!.succs) for (const v of liveIn[s]!) out.add(v);
      const inn = liveIn[bi]!;
      const before = inn.size;
      for (const v of gen[bi]!) inn.add(v);
      for (const v of out) if (!kill[bi]!.has(v)) inn.add(v);
      if (inn.size !== before) changed = true;
    }
  }
  return { liveIn, liveOut };
}

export function allocateRegistersSimple(f: MFunc, hooks: TargetHooks): void {
  const unspillable = new Set<number>();
  for (let round = 0; ; round++) {
    if (round > 50) throw new InternalCompilerError("register allocation does not converge", { func: f.name, pass: "regalloc" });
    const spilled = scan(f, hooks, unspillable);
    if (process.env.RA_DEBUG) console.error(`ra ${f.name} round ${round}: ${f.blocks.length} blocks, ${f.vregClass.length} vregs, ${spilled.length} spilled`);
    if (spilled.length === 0) return;
    rewriteSpilled(f, hooks, spilled, unspillable);
  }
}

function scan(f: MFunc, hooks: TargetHooks, unspillable: Set<number>): number[] {
  const regs = hooks.regs;
  const { liveIn, liveOut } = liveness(f);
  const intervals = new Map<number, Interval>();
  const fixed = new Map<number, [number, number][]>();
  const touch = (v: number, pos: number): void => {
    let iv = intervals.get(v);
    if (!iv) {
      const cls = f.vregClass[v - VREG_BASE]!;
      iv = { vreg: v, cls, start: pos, end: pos, reg: -1, spillable: !unspillable.has(v), hint: -1 };
      intervals.set(v, iv);
    }
    if (pos < iv.start) iv.start = pos;
    if (pos > iv.end) iv.end = pos;
  };
  let k = 0;
  /** Positions of calls, ascending. */
  const calls: number[] = [];
  f.blocks.forEach((b, bi) => {
    const first = 2 * k;
    const physOpen = new Map<number, [number, number]>();
    for (const v of liveIn[bi]!) touch(v, first);
    for (const i of b.insts) {
      const { uses, defs } = instRegs(i);
      // Early-clobbered results and clobbers are live while the inputs are read.
      const early = new Set<number>();
      for (const o of i.ops) if (o.k === "reg" && o.def && o.early) early.add(o.r);
      for (const u of uses) {
        if (isVirtual(u)) touch(u, 2 * k);
        else {
          let r = physOpen.get(u);
          if (!r) { r = [first, first]; physOpen.set(u, r); addFixed(fixed, u, r); }
          r[1] = 2 * k;
        }
      }
      for (const c of i.clobbers ?? []) addFixed(fixed, c, [2 * k, 2 * k + 1]);
      if (i.call) calls.push(2 * k);
      for (const d of defs) {
        if (isVirtual(d)) touch(d, early.has(d) ? 2 * k : 2 * k + 1);
        else {
          const r: [number, number] = [early.has(d) ? 2 * k : 2 * k + 1, 2 * k + 1];
          physOpen.set(d, r);
          addFixed(fixed, d, r);
        }
      }
      const cs = i.copy && i.ops[i.copy.src]!;
      const cd = i.copy && i.ops[i.copy.dst]!;
      if (cs && cd && cs.k === "reg" && cd.k === "reg") {
        // Hint: a copy's destination would like its source's register.
        const src = cs.r;
        const dst = cd.r;
        if (isVirtual(dst)) {
          const iv = intervals.get(dst)!;
          if (iv.hint === -1) iv.hint = src;
        }
      }
      k++;
    }
    const last = 2 * k - 1;
    for (const v of liveOut[bi]!) touch(v, last);
  });

  // Fixed ranges are created in position order; binary search the first that may overlap.
  const conflictsFixed = (reg: number, s: number, e: number): boolean => {
    const rs = fixed.get(reg);
    if (!rs) return false;
    let lo = 0, hi = rs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rs[mid]![1] < s) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < rs.length && rs[k]![0] <= e; k++) if (rs[k]![1] >= s) return true;
    return false;
  };

  // A register saved only in part by callees cannot hold a wider value across a call.
  const partial = (reg: number, cur: Interval): boolean => {
    const kept = regs.calleeSaved.get(reg);
    if (kept === undefined || kept >= regs.classes[cur.cls]!.bytes) return false;
    let lo = 0, hi = calls.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (calls[mid]! < cur.start) lo = mid + 1; else hi = mid; }
    return lo < calls.length && calls[lo]! < cur.end;
  };

  const sorted = [...intervals.values()].sort((a, b) => a.start - b.start || a.vreg - b.vreg);
  // activeOn[reg]: the interval currently holding a physical register.
  const activeOn = new Map<number, Interval>();
  const spilled: number[] = [];
  const assigned = new Map<number, number>();
  for (const cur of sorted) {
    const order = regs.classes[cur.cls]!.allocatable;
    for (const reg of order) {
      const a = activeOn.get(reg);
      if (a && a.end < cur.start) activeOn.delete(reg);
    }
    const free = (reg: number): boolean => !activeOn.has(reg) && !conflictsFixed(reg, cur.start, cur.end) && !partial(reg, cur);
    let choice = -1;
    const hinted = cur.hint === -1 ? -1 : isVirtual(cur.hint) ? (assigned.get(cur.hint) ?? -1) : cur.hint;
    if (hinted !== -1 && order.includes(hinted) && free(hinted)) choice = hinted;
    if (choice === -1) choice = order.find(free) ?? -1;
    if (choice === -1) {
      // Spill whichever interval ends last among those whose register cur could use.
      let victim: Interval | undefined;
      for (const reg of order) {
        const a = activeOn.get(reg);
        if (!a || !a.spillable || conflictsFixed(reg, cur.start, cur.end) || partial(reg, cur)) continue;
        if (!victim || a.end > victim.end) victim = a;
      }
      if (victim && (!cur.spillable || victim.end > cur.end)) {
        choice = victim.reg;
        activeOn.delete(choice);
        assigned.delete(victim.vreg);
        spilled.push(victim.vreg);
      } else if (cur.spillable) {
        spilled.push(cur.vreg);
        continue;
      } else {
        throw new InternalCompilerError(`no register for v${cur.vreg} at ${cur.start}`, { func: f.name, pass: "regalloc" });
      }
    }
    cur.reg = choice;
    assigned.set(cur.vreg, choice);
    activeOn.set(choice, cur);
  }
  if (spilled.length) return spilled;

  // Success: rewrite virtual registers to physical ones; drop identity copies.
  const used = new Set<number>();
  const map = (r: number): number => {
    if (!isVirtual(r)) return r;
    const p = assigned.get(r);
    if (p === undefined) throw new InternalCompilerError(`unallocated v${r}`, { func: f.name, pass: "regalloc" });
    used.add(p);
    return p;
  };
  for (const b of f.blocks) {
    for (const i of b.insts) {
      for (const o of i.ops) {
        // A physical register an instruction writes (an asm's `{reg}` operand) is used too.
        if (o.k === "reg" && o.def && !isVirtual(o.r)) used.add(o.r);
        if (o.k === "reg") o.r = map(o.r);
        else if (o.k === "mem") {
          if (o.base !== undefined) o.base = map(o.base);
          if (o.index !== undefined) o.index = map(o.index);
        }
      }
      for (const d of i.impDefs ?? []) used.add(d);
      for (const c of i.clobbers ?? []) used.add(c);
    }
    b.insts = b.insts.filter((i) => !(i.copy && sameReg(i.ops[i.copy.src]!, i.ops[i.copy.dst]!)));
  }
  f.usedCalleeSaved = [...used].filter((r) => regs.calleeSaved.has(r)).sort((a, b) => a - b);
  return [];
}

function sameReg(a: MOperand, b: MOperand): boolean {
  return a.k === "reg" && b.k === "reg" && a.r === b.r;
}

function addFixed(fixed: Map<number, [number, number][]>, r: number, range: [number, number]): void {
  let l = fixed.get(r);
  if (!l) fixed.set(r, (l = []));
  l.push(range);
}

/**
 * Give each of `spilled` a stack slot; every access goes through a fresh
 * short-lived register. One sweep for all of them (a sweep per register is
 * quadratic when hundreds spill in a big function).
 */
function rewriteSpilled(f: MFunc, hooks: TargetHooks, spilled: number[], unspillable: Set<number>): void {
  const slotOf = new Map<number, number>();
  const rank = new Map(spilled.map((v, k) => [v, k]));
  for (const v of spilled) {
    const cls = f.vregClass[v - VREG_BASE]!;
    const bytes = hooks.regs.classes[cls]!.bytes;
    slotOf.set(v, newSlot(f, bytes, bytes));
  }
  for (const b of f.blocks) {
    const out: MInst[] = [];
    for (const i of b.insts) {
      const { uses, defs } = instRegs(i);
      // In `spilled` order, so the rewrite is the same as one sweep per register.
      const touched = [...new Set([...uses, ...defs].filter((v) => slotOf.has(v)))].sort((a, b) => rank.get(a)! - rank.get(b)!);
      if (touched.length === 0) { out.push(i); continue; }
      const stores: MInst[] = [];
      for (const v of touched) {
        const cls = f.vregClass[v - VREG_BASE]!;
        const slot = slotOf.get(v)!;
        const t = newVReg(f, cls);
        unspillable.add(t);
        for (const o of i.ops) {
          if (o.k === "reg" && o.r === v) o.r = t;
          else if (o.k === "mem") {
            if (o.base === v) o.base = t;
            if (o.index === v) o.index = t;
          }
        }
        if (uses.includes(v)) out.push(hooks.spillLoad(cls, t, slot));
        if (defs.includes(v)) stores.unshift(hooks.spillStore(cls, t, slot));
      }
      out.push(i);
      for (const s of stores) out.push(s);
    }
    b.insts = out;
  }
}
