// mem2reg: promote stack slots to SSA temps.
//
// Lowering emits one alloca per local variable and accesses it with plain
// loads and stores. An alloca is promotable when its address never escapes:
// every use is the address operand of a non-volatile load or store, all of the
// same type. For those we run the classic construction (Cytron et al.): phis
// at the iterated dominance frontier of the storing blocks, then a renaming
// walk over the dominator tree that replaces each load by the reaching store.
// A load with no reaching store reads `undef` (an uninitialised variable).
// Phis left without users are deleted at the end (we build minimal, not
// pruned, SSA; that cleanup recovers most of the difference cheaply).

import type { Func, Module, Phi, Type, Value } from "../ir.js";
import { callsReturnsTwice, instOperands, mapInstOperands, mapTermOperands, termOperands } from "../ir.js";
import { buildCFG, buildDomTree } from "../cfg.js";
import { tempNamer } from "../builder.js";

export function mem2reg(m: Module): void {
  for (const f of m.funcs) if (!f.blocks.some((b) => b.insts.some(callsReturnsTwice))) promoteFunc(f);
}


interface Slot { type: Type | undefined; ok: boolean }

function findPromotable(f: Func): Map<number, Type> {
  const slots = new Map<number, Slot>();
  for (const b of f.blocks) {
    for (const i of b.insts) if (i.op === "alloca" && !i.dynSize) slots.set(i.dst, { type: undefined, ok: true });
  }
  const escape = (v: Value): void => {
    if (v.k === "temp") { const s = slots.get(v.id); if (s) s.ok = false; }
  };
  const access = (addr: Value, type: Type, volatile: boolean, allocaSize: (id: number) => number): void => {
    if (addr.k !== "temp") return;
    const s = slots.get(addr.id);
    if (!s) return;
    if (volatile || (s.type !== undefined && s.type !== type)) s.ok = false;
    s.type = type;
    if (storeSizeOf(type) > allocaSize(addr.id)) s.ok = false;
  };
  const sizes = new Map<number, number>();
  for (const b of f.blocks) for (const i of b.insts) if (i.op === "alloca") sizes.set(i.dst, i.size);
  const sizeOf = (id: number): number => sizes.get(id) ?? 0;
  for (const b of f.blocks) {
    for (const p of b.phis) for (const x of p.incoming) escape(x.value);
    for (const i of b.insts) {
      if (i.op === "load") access(i.addr, i.type, i.volatile, sizeOf);
      else if (i.op === "store") { escape(i.value); access(i.addr, i.type, i.volatile, sizeOf); }
      else for (const v of instOperands(i)) escape(v);
    }
    for (const v of termOperands(b.term)) escape(v);
  }
  const out = new Map<number, Type>();
  for (const [id, s] of slots) if (s.ok && s.type !== undefined) out.set(id, s.type);
  // Never-accessed allocas are simply dead; DCE removes them.
  return out;
}

function storeSizeOf(t: Type): number {
  return t === "i1" || t === "i8" ? 1 : t === "i16" ? 2 : t === "i32" || t === "f32" ? 4
    : t === "f80" ? 10 : t === "i128" || t === "f128" ? 16 : 8;
}

/**
 * A function that calls `intrinsic setjmp` may be resumed there by a longjmp
 * with memory as it is at the time of the longjmp; a promoted variable would
 * come back with its value at the time of the setjmp instead. Such functions
 * keep every variable in memory.
 */
function resumable(f: Func): boolean {
  return f.blocks.some((b) => b.insts.some((i) => i.op === "intrinsic" && i.name === "setjmp"));
}

function promoteFunc(f: Func): void {
  if (resumable(f)) return;
  const promo = findPromotable(f);
  if (promo.size === 0) return;
  const cfg = buildCFG(f);
  const dom = buildDomTree(cfg);
  const slotIds = [...promo.keys()];
  const slotIndex = new Map(slotIds.map((id, k) => [id, k]));

  // 1. Phi placement at the iterated dominance frontier of each slot's stores.
  const phiSlot = new Map<Phi, number>();
  const newTemp = tempNamer(f);
  // The reachable blocks storing to each slot, in one walk (not one per slot: huge functions have thousands).
  const storeBlocks = new Map<number, number[]>();
  f.blocks.forEach((b, bi) => {
    if (cfg.rpoNum[bi] === -1) return;
    for (const i of b.insts) {
      if (i.op !== "store" || i.addr.k !== "temp" || !promo.has(i.addr.id)) continue;
      const list = storeBlocks.get(i.addr.id) ?? [];
      if (list[list.length - 1] !== bi) list.push(bi);
      storeBlocks.set(i.addr.id, list);
    }
  });
  slotIds.forEach((id, k) => {
    const type = promo.get(id)!;
    const work: number[] = [...(storeBlocks.get(id) ?? [])];
    const hasPhi = new Set<number>();
    while (work.length) {
      const b = work.pop()!;
      for (const d of dom.frontier[b]!) {
        if (hasPhi.has(d)) continue;
        hasPhi.add(d);
        const name = `${f.temps[id]!.name}.phi`;
        const dst = newTemp(type, name);
        const phi: Phi = { dst, type, incoming: [] };
        f.blocks[d]!.phis.push(phi);
        phiSlot.set(phi, k);
        work.push(d);
      }
    }
  });

  // 2. Renaming over the dominator tree (explicit stack: CFGs can be deep).
  const replace = new Map<number, Value>();
  const current: Value[][] = slotIds.map(() => [{ k: "undef" }]);
  const stack: { block: number; exit: boolean; pushed?: number[] }[] = [{ block: 0, exit: false }];
  while (stack.length) {
    const item = stack.pop()!;
    if (item.exit) {
      for (const k of item.pushed!) current[k]!.pop();
      continue;
    }
    const b = f.blocks[item.block]!;
    const pushed: number[] = [];
    for (const p of b.phis) {
      const k = phiSlot.get(p);
      if (k !== undefined) { current[k]!.push({ k: "temp", id: p.dst }); pushed.push(k); }
    }
    b.insts = b.insts.filter((i) => {
      if (i.op === "alloca" && promo.has(i.dst)) return false;
      if (i.op === "load" && i.addr.k === "temp") {
        const k = slotIndex.get(i.addr.id);
        if (k === undefined) return true;
        const cur = current[k]!;
        replace.set(i.dst, cur[cur.length - 1]!);
        return false;
      }
      if (i.op === "store" && i.addr.k === "temp") {
        const k = slotIndex.get(i.addr.id);
        if (k === undefined) return true;
        current[k]!.push(i.value);
        pushed.push(k);
        return false;
      }
      return true;
    });
    for (const s of cfg.succs[item.block]!) {
      for (const p of f.blocks[s]!.phis) {
        const k = phiSlot.get(p);
        if (k === undefined || p.incoming.some((x) => x.block === b.label)) continue;
        const cur = current[k]!;
        p.incoming.push({ block: b.label, value: cur[cur.length - 1]! });
      }
    }
    stack.push({ block: item.block, exit: true, pushed });
    for (const c of dom.children[item.block]!) stack.push({ block: c, exit: false });
  }
  // Unreachable predecessors never got visited; give their phi edges undef.
  for (const [p] of phiSlot) {
    const bi = f.blocks.findIndex((b) => b.phis.includes(p));
    for (const pi of cfg.preds[bi]!) {
      const l = f.blocks[pi]!.label;
      if (!p.incoming.some((x) => x.block === l)) p.incoming.push({ block: l, value: { k: "undef" } });
    }
  }
  // Unreachable blocks may still mention promoted slots; drop those accesses.
  f.blocks.forEach((b, bi) => {
    if (cfg.rpoNum[bi] !== -1) return;
    b.insts = b.insts.filter((i) => {
      if ((i.op === "load" || i.op === "store") && i.addr.k === "temp" && promo.has(i.addr.id)) {
        if (i.op === "load") replace.set(i.dst, { k: "undef" });
        return false;
      }
      return !(i.op === "alloca" && promo.has(i.dst));
    });
  });

  // 3. Substitute loaded values (following chains: a load may yield another load).
  const resolve = (v: Value): Value => {
    while (v.k === "temp" && replace.has(v.id)) v = replace.get(v.id)!;
    return v;
  };
  for (const b of f.blocks) {
    for (const p of b.phis) for (const x of p.incoming) x.value = resolve(x.value);
    for (const i of b.insts) mapInstOperands(i, resolve);
    mapTermOperands(b.term, resolve);
  }
  removeDeadPhis(f, new Set(phiSlot.keys()));
}

/** A maker of fresh temps of `f` named after a hint, unique by a suffix; linear in the temps, whatever their number. */
/** Delete the given phis when nothing but (transitively dead) phis uses them. */
function removeDeadPhis(f: Func, candidates: Set<Phi>): void {
  const uses = new Map<number, number>();
  const count = (v: Value): void => { if (v.k === "temp") uses.set(v.id, (uses.get(v.id) ?? 0) + 1); };
  for (const b of f.blocks) {
    for (const p of b.phis) for (const x of p.incoming) count(x.value);
    for (const i of b.insts) instOperands(i).forEach(count);
    termOperands(b.term).forEach(count);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of f.blocks) {
      b.phis = b.phis.filter((p) => {
        if (!candidates.has(p) || (uses.get(p.dst) ?? 0) > 0) return true;
        for (const x of p.incoming) if (x.value.k === "temp") uses.set(x.value.id, uses.get(x.value.id)! - 1);
        changed = true;
        return false;
      });
    }
  }
}
