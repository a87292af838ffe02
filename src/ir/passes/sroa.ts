// sroa: scalar replacement of aggregates.
//
// A local struct or array whose address never escapes, and which is only
// read and written piecewise at constant offsets, is really a set of
// independent scalars: one alloca per (offset, type) piece lets mem2reg turn
// each into SSA values. That is what makes `s.a = 1; f(); return s.a` fold
// (no call can write an object whose address it never saw).
//
// An alloca qualifies when every use of its address, directly or through
// `add ptr A, const` chains, is the address of a non-volatile load or store
// inside the object, or the destination of a constant-size memset of a
// constant byte (which becomes a store to each piece it covers). Pieces may
// not partly overlap: two accesses touching common bytes must be the same
// access (offset and type). Anything else (a call argument, a stored address,
// a memcpy, a phi) leaves the alloca alone.

import type { Block, Func, Inst, Module, Type, Value } from "../ir.js";
import { instOperands, isFloatType, storeSize, termOperands } from "../ir.js";

export function sroa(m: Module): void {
  for (const f of m.funcs) splitFunc(f);
}

interface Piece { off: number; type: Type; temp?: number }

/** How one instruction uses a candidate: the access it makes at an offset from the alloca. */
type Use =
  | { k: "load" | "store"; off: number; type: Type }
  | { k: "memset"; off: number; size: number; byte: bigint }
  | { k: "offset" };

function splitFunc(f: Func): void {
  // Offsets of derived pointers: temp → (alloca temp, constant offset).
  const base = new Map<number, { alloca: number; off: number }>();
  const sizes = new Map<number, number>();
  for (const b of f.blocks) {
    for (const i of b.insts) {
      if (i.op === "alloca" && !i.dynSize && i.size > 0) { sizes.set(i.dst, i.size); base.set(i.dst, { alloca: i.dst, off: 0 }); }
    }
  }
  if (sizes.size === 0) return;
  // Pointer arithmetic may come before its base in block order: iterate to a fixed point.
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of f.blocks) {
      for (const i of b.insts) {
        if ((i.op === "add" || i.op === "sub") && i.type === "ptr" && i.a.k === "temp" && i.b.k === "int" && !base.has(i.dst)) {
          const from = base.get(i.a.id);
          if (!from) continue;
          const d = Number(BigInt.asIntN(64, i.b.value));
          base.set(i.dst, { alloca: from.alloca, off: from.off + (i.op === "add" ? d : -d) });
          changed = true;
        }
      }
    }
  }

  const bad = new Set<number>();
  const pieces = new Map<number, Piece[]>();
  const escape = (v: Value): void => {
    if (v.k === "temp" && base.has(v.id)) bad.add(base.get(v.id)!.alloca);
  };
  const access = (addr: Value, off0: number, type: Type, size: number): void => {
    if (addr.k !== "temp") return;
    const at = base.get(addr.id);
    if (!at) return;
    const off = at.off + off0;
    const total = sizes.get(at.alloca)!;
    if (off < 0 || off + size > total) { bad.add(at.alloca); return; }
    const list = pieces.get(at.alloca) ?? [];
    pieces.set(at.alloca, list);
    if (!list.some((p) => p.off === off && p.type === type)) list.push({ off, type });
  };
  const useOf = (i: Inst): void => {
    switch (i.op) {
      case "load":
        if (i.volatile) escape(i.addr); else access(i.addr, 0, i.type, storeSize(i.type));
        return;
      case "store":
        escape(i.value);
        if (i.volatile) escape(i.addr); else access(i.addr, 0, i.type, storeSize(i.type));
        return;
      case "add": case "sub":
        if (i.type === "ptr" && i.a.k === "temp" && base.has(i.dst)) { escape(i.b); return; }
        break;
      case "memset":
        if (i.size.k === "int" && i.byte.k === "int" && i.dstAddr.k === "temp" && base.has(i.dstAddr.id)) {
          const at = base.get(i.dstAddr.id)!;
          const size = Number(i.size.value);
          if (at.off < 0 || at.off + size > sizes.get(at.alloca)!) bad.add(at.alloca);
          return;
        }
        break;
      default: break;
    }
    for (const v of instOperands(i)) escape(v);
  };
  for (const b of f.blocks) {
    for (const p of b.phis) for (const x of p.incoming) escape(x.value);
    for (const i of b.insts) useOf(i);
    for (const v of termOperands(b.term)) escape(v);
  }

  // Pieces must not partly overlap; memsets must cover pieces whole.
  for (const [a, list] of pieces) {
    if (bad.has(a)) continue;
    list.sort((x, y) => x.off - y.off);
    for (let k = 1; k < list.length; k++) {
      const prev = list[k - 1]!;
      if (list[k]!.off < prev.off + storeSize(prev.type)) bad.add(a);
    }
  }
  for (const b of f.blocks) {
    for (const i of b.insts) {
      if (i.op !== "memset" || i.dstAddr.k !== "temp") continue;
      const at = base.get(i.dstAddr.id);
      if (!at || bad.has(at.alloca)) continue;
      const lo = at.off, hi = at.off + Number((i.size as { value: bigint }).value);
      for (const p of pieces.get(at.alloca) ?? []) {
        const end = p.off + storeSize(p.type);
        if (end > lo && p.off < hi && (p.off < lo || end > hi)) bad.add(at.alloca);
      }
    }
  }
  const split = [...pieces.keys()].filter((a) => !bad.has(a) && !(pieces.get(a)!.length === 1 && pieces.get(a)![0]!.off === 0));
  if (split.length === 0) return;
  const chosen = new Set(split);

  // New allocas, in the entry block.
  const names = new Set(f.temps.map((t) => t.name));
  const fresh = (hint: string): number => {
    let n = 0;
    while (names.has(`${hint}.${n}`)) n++;
    names.add(`${hint}.${n}`);
    f.temps.push({ name: `${hint}.${n}`, type: "ptr" });
    return f.temps.length - 1;
  };
  const newAllocas: Inst[] = [];
  for (const a of split) {
    for (const p of pieces.get(a)!) {
      p.temp = fresh(f.temps[a]!.name);
      const size = storeSize(p.type);
      newAllocas.push({ op: "alloca", dst: p.temp, size, align: Math.min(16, size === 10 ? 16 : size) });
    }
  }
  const pieceAt = (addr: Value, type: Type): number | undefined => {
    if (addr.k !== "temp") return undefined;
    const at = base.get(addr.id);
    if (!at || !chosen.has(at.alloca)) return undefined;
    return pieces.get(at.alloca)!.find((p) => p.off === at.off && p.type === type)?.temp;
  };
  const rewrite = (b: Block): void => {
    const out: Inst[] = [];
    for (const i of b.insts) {
      if (i.op === "alloca" && chosen.has(i.dst)) continue;
      if ((i.op === "add" || i.op === "sub") && i.type === "ptr" && base.has(i.dst) && chosen.has(base.get(i.dst)!.alloca)) continue;
      if (i.op === "load" || i.op === "store") {
        const t = pieceAt(i.addr, i.type);
        if (t !== undefined) { i.addr = { k: "temp", id: t }; out.push(i); continue; }
      }
      if (i.op === "memset" && i.dstAddr.k === "temp") {
        const at = base.get(i.dstAddr.id);
        if (at && chosen.has(at.alloca)) {
          const lo = at.off, hi = at.off + Number((i.size as { value: bigint }).value);
          const byte = BigInt.asUintN(8, (i.byte as { value: bigint }).value);
          for (const p of pieces.get(at.alloca)!) {
            if (p.off >= lo && p.off + storeSize(p.type) <= hi) {
              out.push({ op: "store", type: p.type, value: splat(p.type, byte), addr: { k: "temp", id: p.temp! }, volatile: false });
            }
          }
          continue;
        }
      }
      out.push(i);
    }
    b.insts = out;
  };
  for (const b of f.blocks) rewrite(b);
  f.blocks[0]!.insts.unshift(...newAllocas);
}

/** The value of a `type` whose every byte is `byte`. */
function splat(type: Type, byte: bigint): Value {
  let bits = 0n;
  for (let k = 0; k < storeSize(type); k++) bits = (bits << 8n) | byte;
  return isFloatType(type) ? { k: "float", bits } : { k: "int", value: bits };
}
