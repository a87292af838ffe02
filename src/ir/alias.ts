// A basic alias analysis over one function: which memory accesses may touch
// the same bytes. An address is decomposed into the object it points into
// (an alloca, or a global by name) and a byte offset when that is constant,
// by walking `add/sub ptr` chains back to their root. Two accesses are
// independent when they are in distinct objects, or in the same base at
// constant offsets whose byte ranges do not overlap, or when one is in a local
// whose address never escapes the function and the other is not provably in
// it. What cannot be decomposed may alias anything not ruled out so.
//
// Globals named in asm text (`__attribute__((alias))` emits `.set` directives)
// may be another global under a second name: they are never "distinct".

import type { Func, Inst, Module, Value } from "./ir.js";
import { instOperands, termOperands } from "./ir.js";

/** Where an address points: a root object or temp, and the offset from it (undefined: unknown). */
export interface Location {
  /** "a<id>" for an alloca, "g<name>" for a global, "t<id>" for any other base temp, "" unknown */
  readonly root: string;
  readonly offset: bigint | undefined;
}

export class AliasInfo {
  private readonly defs: (Inst | undefined)[];
  /** Allocas whose address is used only as the address of loads, stores, memcpy and memset. */
  private readonly privateAllocas = new Set<number>();
  private readonly memo = new Map<number, Location>();

  constructor(f: Func, private readonly asmNames: ReadonlySet<string>) {
    this.defs = new Array<Inst | undefined>(f.temps.length);
    for (const b of f.blocks) for (const i of b.insts) if ("dst" in i && i.dst !== undefined) this.defs[i.dst] = i;
    // An alloca escapes when its address (or an address derived from it)
    // is used other than as an access address: stored, passed, compared, converted.
    const derived = new Map<number, number>(); // temp → alloca it derives from
    for (const b of f.blocks) for (const i of b.insts) if (i.op === "alloca" && i.dynSize === undefined) { derived.set(i.dst, i.dst); this.privateAllocas.add(i.dst); }
    for (let changed = true; changed; ) {
      changed = false;
      for (const b of f.blocks) for (const i of b.insts) {
        if ((i.op === "add" || i.op === "sub") && i.type === "ptr" && i.a.k === "temp" && derived.has(i.a.id) && !derived.has(i.dst)) {
          derived.set(i.dst, derived.get(i.a.id)!); changed = true;
        }
      }
    }
    const escape = (v: Value): void => { if (v.k === "temp" && derived.has(v.id)) this.privateAllocas.delete(derived.get(v.id)!); };
    for (const b of f.blocks) {
      for (const p of b.phis) for (const x of p.incoming) escape(x.value);
      for (const i of b.insts) {
        switch (i.op) {
          case "load": break;
          case "store": escape(i.value); break;
          case "memcpy": escape(i.size); break;
          case "memset": escape(i.byte); escape(i.size); break;
          case "add": case "sub": if (i.type === "ptr") { escape(i.b); break; } for (const v of instOperands(i)) escape(v); break;
          default: for (const v of instOperands(i)) escape(v);
        }
      }
      for (const v of termOperands(b.term)) escape(v);
    }
  }

  /** The object and offset an address points into. */
  locate(v: Value): Location {
    if (v.k !== "temp") return { root: "", offset: undefined };
    const hit = this.memo.get(v.id);
    if (hit) return hit;
    let loc: Location;
    const d = this.defs[v.id];
    if (d?.op === "alloca") loc = { root: `a${d.dst}`, offset: 0n };
    else if (d?.op === "addr") loc = { root: `g${d.sym}`, offset: BigInt(d.offset) };
    else if ((d?.op === "add" || d?.op === "sub") && d.type === "ptr" && d.a.k === "temp") {
      const base = this.locate(d.a);
      const k = d.b.k === "int" ? (d.op === "add" ? d.b.value : -d.b.value) : undefined;
      loc = { root: base.root, offset: base.offset !== undefined && k !== undefined ? base.offset + k : undefined };
    } else loc = { root: `t${v.id}`, offset: 0n };
    this.memo.set(v.id, loc);
    return loc;
  }

  /** May accesses of `sa` bytes at `a` and `sb` bytes at `b` overlap? (size undefined: unknown extent) */
  mayAlias(a: Value, sa: number | undefined, b: Value, sb: number | undefined): boolean {
    const la = this.locate(a);
    const lb = this.locate(b);
    if (la.root === lb.root) {
      if (la.offset === undefined || lb.offset === undefined || sa === undefined || sb === undefined) return true;
      return la.offset < lb.offset + BigInt(sb) && lb.offset < la.offset + BigInt(sa);
    }
    const objA = this.isObject(la.root);
    const objB = this.isObject(lb.root);
    if (objA && objB) return false; // two distinct objects
    // A local whose address never escapes cannot be reached through any other pointer.
    if (this.isPrivate(la.root) || this.isPrivate(lb.root)) return false;
    return true;
  }

  /** May this access reach memory that a call (or anything opaque) could touch? */
  escapes(addr: Value): boolean {
    return !this.isPrivate(this.locate(addr).root);
  }

  private isObject(root: string): boolean {
    if (root.startsWith("a")) return true;
    return root.startsWith("g") && !this.asmNames.has(root.slice(1));
  }

  private isPrivate(root: string): boolean {
    return root.startsWith("a") && this.privateAllocas.has(Number(root.slice(1)));
  }
}

/** Global names that asm text mentions (possible aliases of other globals). */
export function asmNamedSymbols(m: Module): Set<string> {
  const out = new Set<string>();
  const texts = [...m.asm];
  for (const f of m.funcs) for (const b of f.blocks) for (const i of b.insts) if (i.op === "asm") texts.push(i.template);
  for (const t of texts) for (const w of t.split(/[^A-Za-z0-9_.$]+/)) if (w) out.add(w);
  return out;
}
