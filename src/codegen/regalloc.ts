// Register allocation: linear scan over live intervals with lifetime holes and
// interval splitting (after Wimmer & Mössenböck, "Optimized Interval Splitting
// in a Linear Scan Register Allocator", 2005, and Wimmer & Franz 2010), with
// spill weights from loop depth, coalescing by interval joining, and
// rematerialisation of constants and addresses.
//
// Why linear scan with splitting rather than a greedy priority allocator: the
// same code runs at -O0 on every function of SQLite, so its time must stay
// linear in practice; one pass over intervals sorted by start, with splitting
// deciding locally where a value moves, gives most of what a greedy allocator
// gets (values in caller-saved registers between calls, reloads hoisted out of
// loops, no whole-value spills) without eviction queues and re-queuing.
//
// Positions: instruction k (numbered across blocks in layout order; an empty
// block still takes one number) owns 4k..4k+3. 4k is the gap before it, where
// moves made by splitting go; it reads its operands at 4k+1 and writes its
// results at 4k+2 (early-clobbered results at 4k+1). Ranges are half open, so
// an input dying at k may share a register with k's output, and an interval
// can only change location at a gap (4k), never between a read and a write.
//
// Steps:
//  1. Liveness per block over bit sets (dense vreg numbers), loop depth per
//     block from the back edges of a depth-first walk.
//  2. Intervals: per vreg a list of ranges (with holes) and its use positions,
//     each weighted 10^loopdepth; per physical register the ranges where it is
//     fixed (argument/return registers, call clobbers, asm clobbers).
//  3. Coalescing: the two vregs of a copy (phi moves are copies by now) whose
//     intervals do not meet become one (inner loops first).
//  4. Linear scan per register class. A register free for the whole interval
//     is taken (hint first, then allocation order: caller-saved first); one
//     free only for a while is taken up to a split point chosen at the block
//     boundary of least loop depth; when none is free, the interval with the
//     lower spill weight goes to the stack up to its next use (the evicted
//     interval is split at the current position and comes back before its
//     next use). Every operand needs a register, so a stack part never holds
//     a use, and what comes back after a spill covers all following uses.
//  5. Resolution: a move wherever a split interval changes location inside a
//     block, and at each CFG edge where the value's location differs at the
//     two ends; each set of moves at one point is a parallel move (stores,
//     then register copies in order with cycles broken through a stack slot,
//     then reloads). A spilled value defined once by a rematerialisable
//     instruction (TargetHooks.rematerializable) is recomputed instead of
//     stored and reloaded.
//
// If something cannot be done this way (a critical edge needing moves, a
// register demand no split can meet), the function falls back to the simple
// allocator (regalloc-simple.ts), which spills whole values; RA_DEBUG reports it.
// For now the simple allocator is the default; TSCC_REGALLOC=split selects this one.

import type { MFunc, MInst, MOperand, RegClass, TargetHooks } from "./mir.js";
import { VREG_BASE, isVirtual, newSlot } from "./mir.js";
import { allocateRegistersSimple } from "./regalloc-simple.js";

class CannotAllocate extends Error {}
const fail = (why: string): never => { throw new CannotAllocate(why); };

const MAX_DEPTH_WEIGHT = 6;

/** One piece of a virtual register's life, with a location. */
class Interval {
  /** Ranges as [from, to) pairs, ascending and disjoint. */
  ranges: number[] = [];
  /** Positions where an operand names the value (each needs a register), ascending; weights alongside. */
  uses: number[] = [];
  useWeights: number[] = [];
  reg = -1;
  /** Index into `ranges` of the first range not wholly before the scan position. */
  cursor = 0;
  constructor(readonly root: Root) {}
  get start(): number { return this.ranges[0]!; }
  get end(): number { return this.ranges[this.ranges.length - 1]!; }
  weight(): number { let w = 0; for (const x of this.useWeights) w += x; return w; }
  /** Does the interval cover `pos`? Moves the cursor forward: `pos` only grows between calls. */
  coversAdvancing(pos: number): boolean {
    const r = this.ranges;
    while (this.cursor < r.length && r[this.cursor + 1]! <= pos) this.cursor += 2;
    return this.cursor < r.length && r[this.cursor]! <= pos;
  }
  /** First use at or after `pos`, or Infinity. */
  nextUse(pos: number): number {
    const u = this.uses;
    let lo = 0, hi = u.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (u[m]! < pos) lo = m + 1; else hi = m; }
    return lo < u.length ? u[lo]! : Infinity;
  }
  /** Last use before `pos`, or -1. */
  lastUseBefore(pos: number): number {
    const u = this.uses;
    let lo = 0, hi = u.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (u[m]! < pos) lo = m + 1; else hi = m; }
    return lo > 0 ? u[lo - 1]! : -1;
  }
}

/** A (coalesced) virtual register: its pieces after splitting, its stack slot, how to recompute it. */
interface Root {
  readonly cls: RegClass;
  readonly vreg: number;
  pieces: Interval[];
  /** Physical register hint (a copy's other side). */
  hint: number;
  /** Another vreg whose register would make a copy vanish. */
  hintVreg: number;
  defs: number;
  /** The single defining instruction, when the target can recompute it anywhere (and the vreg it writes). */
  remat?: { readonly inst: MInst; readonly vreg: number };
  lastReg: number;
}

type Loc = { readonly k: "reg"; readonly r: number } | { readonly k: "stack"; readonly root: Root };
interface Move { readonly cls: RegClass; from: Loc; readonly to: Loc }

/** Intersect sorted flat range lists: the first position ≥ `from` in both, or Infinity. */
function firstIntersection(a: number[], ai: number, b: number[], from: number): number {
  // Binary search b for the first range ending after `from`.
  let lo = 0, hi = b.length >> 1;
  while (lo < hi) { const m = (lo + hi) >> 1; if (b[2 * m + 1]! <= from) lo = m + 1; else hi = m; }
  let bi = 2 * lo;
  while (ai < a.length && bi < b.length) {
    const s = Math.max(a[ai]!, b[bi]!, from);
    const e = Math.min(a[ai + 1]!, b[bi + 1]!);
    if (s < e) return s;
    if (a[ai + 1]! < b[bi + 1]!) ai += 2; else bi += 2;
  }
  return Infinity;
}

function rangesMeet(a: number[], b: number[]): boolean {
  let ai = 0, bi = 0;
  while (ai < a.length && bi < b.length) {
    if (Math.max(a[ai]!, b[bi]!) < Math.min(a[ai + 1]!, b[bi + 1]!)) return true;
    if (a[ai + 1]! < b[bi + 1]!) ai += 2; else bi += 2;
  }
  return false;
}

function unionRanges(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let ai = 0, bi = 0;
  while (ai < a.length || bi < b.length) {
    let s: number, e: number;
    if (bi >= b.length || (ai < a.length && a[ai]! <= b[bi]!)) { s = a[ai]!; e = a[ai + 1]!; ai += 2; } else { s = b[bi]!; e = b[bi + 1]!; bi += 2; }
    if (out.length && out[out.length - 1]! >= s) out[out.length - 1] = Math.max(out[out.length - 1]!, e);
    else out.push(s, e);
  }
  return out;
}

function mergeUses(a: Interval, b: Interval): void {
  const u: number[] = [], w: number[] = [];
  let i = 0, j = 0;
  while (i < a.uses.length || j < b.uses.length) {
    if (j >= b.uses.length || (i < a.uses.length && a.uses[i]! <= b.uses[j]!)) { u.push(a.uses[i]!); w.push(a.useWeights[i++]!); } else { u.push(b.uses[j]!); w.push(b.useWeights[j++]!); }
  }
  a.uses = u;
  a.useWeights = w;
}

/** A min-heap of intervals by start. */
class Unhandled {
  private h: Interval[] = [];
  get size(): number { return this.h.length; }
  push(x: Interval): void {
    const h = this.h;
    h.push(x);
    for (let i = h.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (h[p]!.start <= h[i]!.start) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }
  pop(): Interval {
    const h = this.h;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.start < h[m]!.start) m = l;
        if (r < h.length && h[r]!.start < h[m]!.start) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}

/** RA_DEBUG=1: time and fallbacks per function; RA_DEBUG=trace: its phases too. Read once, not per function. */
const DEBUG = process.env.RA_DEBUG;
// Not yet the default: zlib's minigzip and SQLite's speedtest1 built with it fail their
// runs (NOTES, "Register allocator"); TSCC_REGALLOC=split turns it on.
const SIMPLE = process.env.TSCC_REGALLOC !== "split";

export function allocateRegisters(f: MFunc, hooks: TargetHooks): void {
  if (SIMPLE) { allocateRegistersSimple(f, hooks); return; }
  const t0 = DEBUG ? performance.now() : 0;
  try {
    new SplittingAllocator(f, hooks).run();
  } catch (e) {
    if (!(e instanceof CannotAllocate)) throw e;
    if (DEBUG) console.error(`ra ${f.name}: falling back to the simple allocator (${e.message})`);
    allocateRegistersSimple(f, hooks);
  }
  if (DEBUG) console.error(`ra ${f.name}: ${f.blocks.length} blocks, ${f.vregClass.length} vregs, ${(performance.now() - t0).toFixed(1)} ms`);
}

class SplittingAllocator {
  private readonly nv: number;
  private readonly words: number;
  /** Index of each block's first instruction position (k), and one past its last. */
  private readonly blockFirst: Int32Array;
  private readonly blockEnd: Int32Array;
  private readonly depth: Int32Array;
  private readonly isHeader: Uint8Array;
  private readonly preds: number[][];
  private liveIn!: Uint32Array;
  /** Root of each dense vreg after coalescing (union–find). */
  private readonly rep: Int32Array;
  private readonly roots: (Root | undefined)[];
  /** Fixed ranges per physical register, and call positions (partial callee-saved registers). */
  private readonly fixed = new Map<number, number[]>();
  private readonly callRanges: number[] = [];
  /** Copies between vregs: [position, src, dst, weight]. */
  private readonly copies: number[] = [];

  constructor(private readonly f: MFunc, private readonly hooks: TargetHooks) {
    this.nv = f.vregClass.length;
    this.words = (this.nv + 31) >>> 5;
    const nb = f.blocks.length;
    this.blockFirst = new Int32Array(nb);
    this.blockEnd = new Int32Array(nb);
    let k = 0;
    f.blocks.forEach((b, bi) => { this.blockFirst[bi] = k; k += Math.max(1, b.insts.length); this.blockEnd[bi] = k; });
    this.preds = f.blocks.map(() => []);
    f.blocks.forEach((b, bi) => { for (const s of new Set(b.succs)) this.preds[s]!.push(bi); });
    this.depth = new Int32Array(nb);
    this.isHeader = new Uint8Array(nb);
    this.rep = new Int32Array(this.nv).map((_, i) => i);
    this.roots = new Array<Root | undefined>(this.nv);
  }

  run(): void {
    const trace = (what: string): void => { if (DEBUG === "trace") console.error(`ra ${this.f.name}: ${what}`); };
    trace("loops");
    this.loopDepths();
    trace("liveness");
    this.computeLiveness();
    trace("intervals");
    const pieces = this.buildIntervals();
    trace("coalesce");
    this.coalesce(pieces);
    trace("scan");
    const byClass = new Map<RegClass, Interval[]>();
    for (let v = 0; v < this.nv; v++) {
      const iv = pieces[v];
      if (!iv || this.rep[v] !== v || iv.ranges.length === 0) continue;
      let l = byClass.get(iv.root.cls);
      if (!l) byClass.set(iv.root.cls, (l = []));
      l.push(iv);
    }
    for (const [cls, list] of byClass) this.scan(cls, list);
    trace("rewrite");
    this.rewrite();
  }

  // ---------------------------------------------------------------- analysis

  /** Loop depth per block: natural loops of the back edges found by a depth-first walk. */
  private loopDepths(): void {
    const f = this.f;
    const nb = f.blocks.length;
    if (nb === 0) return;
    const state = new Uint8Array(nb); // 0 unseen, 1 on stack, 2 done
    const backEdges: [number, number][] = [];
    const stack: [number, number][] = [[0, 0]];
    state[0] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const succs = f.blocks[top[0]]!.succs;
      if (top[1] < succs.length) {
        const s = succs[top[1]++]!;
        if (state[s] === 0) { state[s] = 1; stack.push([s, 0]); }
        else if (state[s] === 1) backEdges.push([top[0], s]);
      } else { state[top[0]] = 2; stack.pop(); }
    }
    const byHeader = new Map<number, number[]>();
    for (const [tail, head] of backEdges) {
      let l = byHeader.get(head);
      if (!l) byHeader.set(head, (l = []));
      l.push(tail);
    }
    const mark = new Int32Array(nb).fill(-1);
    for (const [head, tails] of byHeader) {
      this.isHeader[head] = 1;
      mark[head] = head;
      this.depth[head]!++;
      const work = tails.filter((t) => mark[t] !== head);
      for (const t of work) mark[t] = head;
      while (work.length) {
        const b = work.pop()!;
        this.depth[b]!++;
        for (const p of this.preds[b]!) if (mark[p] !== head && state[p] !== 0) { mark[p] = head; work.push(p); }
      }
    }
  }

  private weightAt(block: number): number {
    return 10 ** Math.min(this.depth[block]!, MAX_DEPTH_WEIGHT);
  }

  /** Block liveness of virtual registers over bit sets, iterated to a fixed point. */
  private computeLiveness(): void {
    const { f, words: W } = this;
    const nb = f.blocks.length;
    const gen = new Uint32Array(nb * W), kill = new Uint32Array(nb * W);
    const liveIn = new Uint32Array(nb * W), liveOut = new Uint32Array(nb * W);
    f.blocks.forEach((b, bi) => {
      const o = bi * W;
      for (const i of b.insts) {
        forEachReg(i, (r, isDef) => {
          if (!isVirtual(r)) return;
          const v = r - VREG_BASE, w = o + (v >>> 5), bit = 1 << (v & 31);
          if (isDef) kill[w]! |= bit;
          else if (!(kill[w]! & bit)) gen[w]! |= bit;
        });
      }
    });
    for (let changed = true; changed; ) {
      changed = false;
      for (let bi = nb - 1; bi >= 0; bi--) {
        const o = bi * W;
        for (const s of f.blocks[bi]!.succs) {
          const so = s * W;
          for (let w = 0; w < W; w++) liveOut[o + w]! |= liveIn[so + w]!;
        }
        for (let w = 0; w < W; w++) {
          const n = (gen[o + w]! | (liveOut[o + w]! & ~kill[o + w]!)) >>> 0;
          if (n !== liveIn[o + w]) { liveIn[o + w] = n; changed = true; }
        }
      }
    }
    this.liveIn = liveIn;
    this.liveOutBits = liveOut;
  }
  private liveOutBits!: Uint32Array;

  private rootOf(v: number): Root {
    let r = this.roots[v];
    if (!r) this.roots[v] = r = { cls: this.f.vregClass[v]!, vreg: v + VREG_BASE, pieces: [], hint: -1, hintVreg: -1, defs: 0, lastReg: -1 };
    return r;
  }

  /** Intervals by a backward walk of each block (ranges and uses collected descending, then reversed). */
  private buildIntervals(): (Interval | undefined)[] {
    const { f, words: W, hooks } = this;
    const iv: (Interval | undefined)[] = new Array(this.nv);
    const get = (v: number): Interval => {
      let x = iv[v];
      if (!x) { x = iv[v] = new Interval(this.rootOf(v)); x.root.pieces.push(x); }
      return x;
    };
    // Ranges go in descending order while building; the head (lowest) range is at the end.
    const addRange = (x: Interval, from: number, to: number): void => {
      const r = x.ranges;
      if (from >= to) return;
      if (r.length && r[r.length - 2]! <= to) { if (from < r[r.length - 2]!) r[r.length - 2] = from; }
      else r.push(from, to);
    };
    const defAt = (x: Interval, pos: number): void => {
      const r = x.ranges;
      if (r.length && r[r.length - 2]! <= pos && pos < r[r.length - 1]!) r[r.length - 2] = pos;
      else r.push(pos, pos + 1);
    };
    const addFixed = (reg: number, from: number, to: number): void => {
      let l = this.fixed.get(reg);
      if (!l) this.fixed.set(reg, (l = []));
      l.push(from, to);
    };
    for (let bi = f.blocks.length - 1; bi >= 0; bi--) {
      const b = f.blocks[bi]!;
      const bs = 4 * this.blockFirst[bi]!, be = 4 * this.blockEnd[bi]!;
      const o = bi * W;
      for (let w = 0; w < W; w++) {
        let bits = this.liveOutBits[o + w]!;
        while (bits) {
          const low = bits & -bits;
          addRange(get(w * 32 + (31 - Math.clz32(low))), bs, be);
          bits ^= low;
        }
      }
      const weight = this.weightAt(bi);
      /** Physical registers read later in this block and not yet written (backwards): where the read is. */
      const openPhys = new Map<number, number>();
      for (let n = b.insts.length - 1; n >= 0; n--) {
        const i = b.insts[n]!;
        const k = this.blockFirst[bi]! + n;
        const read = 4 * k + 1, write = 4 * k + 2;
        const earlyDefs = new Set<number>();
        for (const op of i.ops) if (op.k === "reg" && op.def && op.early) earlyDefs.add(op.r);
        for (const c of i.clobbers ?? []) addFixed(c, read, write + 1);
        if (i.call) this.callRanges.push(read, write + 1);
        // Definitions first (backwards), then uses.
        forEachReg(i, (r, isDef) => {
          if (!isDef) return;
          const pos = earlyDefs.has(r) ? read : write;
          if (isVirtual(r)) {
            const x = get(r - VREG_BASE);
            defAt(x, pos);
            x.uses.push(pos);
            x.useWeights.push(weight);
            x.root.defs++;
            if (x.root.defs === 1 && hooks.rematerializable && isRematCandidate(i, r) && hooks.rematerializable(i)) x.root.remat = { inst: i, vreg: r };
          } else {
            const end = openPhys.get(r);
            addFixed(r, pos, end === undefined ? pos + 1 : Math.max(end, pos + 1));
            openPhys.delete(r);
          }
        });
        forEachReg(i, (r, isDef) => {
          if (isDef) return;
          if (isVirtual(r)) {
            const x = get(r - VREG_BASE);
            addRange(x, bs, read + 1);
            if (x.uses[x.uses.length - 1] !== read) { x.uses.push(read); x.useWeights.push(weight); }
          } else if (!openPhys.has(r)) openPhys.set(r, read + 1);
        });
        if (i.copy) {
          const s = i.ops[i.copy.src]!, d = i.ops[i.copy.dst]!;
          if (s.k === "reg" && d.k === "reg") {
            if (isVirtual(s.r) && isVirtual(d.r)) this.copies.push(write, s.r - VREG_BASE, d.r - VREG_BASE, weight);
            else if (isVirtual(d.r) && !isVirtual(s.r)) get(d.r - VREG_BASE).root.hint = s.r;
            else if (isVirtual(s.r) && !isVirtual(d.r)) get(s.r - VREG_BASE).root.hint = d.r;
          }
        }
      }
      for (const [r, end] of openPhys) addFixed(r, bs, end);
    }
    for (const x of iv) {
      if (!x) continue;
      const r = x.ranges;
      const out: number[] = [];
      for (let j = r.length - 2; j >= 0; j -= 2) out.push(r[j]!, r[j + 1]!);
      x.ranges = out;
      x.uses.reverse();
      x.useWeights.reverse();
    }
    for (const [reg, l] of this.fixed) this.fixed.set(reg, sortRanges(l));
    const calls = sortRanges(this.callRanges);
    this.callRanges.length = 0;
    this.callRanges.push(...calls);
    return iv;
  }

  private find(v: number): number {
    const rep = this.rep;
    while (rep[v] !== v) { rep[v] = rep[rep[v]!]!; v = rep[v]!; }
    return v;
  }

  /** Join the intervals of copy-related vregs that never hold different live values at once (hot copies first). */
  private coalesce(pieces: (Interval | undefined)[]): void {
    const c = this.copies;
    const order: number[] = [];
    for (let j = 0; j < c.length; j += 4) order.push(j);
    order.sort((a, b) => c[b + 3]! - c[a + 3]! || a - b);
    for (const j of order) {
      const a = this.find(c[j + 1]!), b = this.find(c[j + 2]!);
      if (a === b) continue;
      const A = pieces[a]!, B = pieces[b]!;
      if (A.root.cls !== B.root.cls || rangesMeet(A.ranges, B.ranges)) {
        if (A.root.hintVreg === -1) A.root.hintVreg = b;
        if (B.root.hintVreg === -1) B.root.hintVreg = a;
        continue;
      }
      A.ranges = unionRanges(A.ranges, B.ranges);
      mergeUses(A, B);
      A.root.defs += B.root.defs;
      if (A.root.hint === -1) A.root.hint = B.root.hint;
      this.rep[b] = a;
      this.roots[b] = A.root;
      pieces[b] = undefined;
    }
    for (let v = 0; v < this.nv; v++) {
      if (this.roots[v]) this.roots[v] = this.roots[this.find(v)];
      const r = this.roots[v];
      if (r && r.defs !== 1) r.remat = undefined;
      if (r && r.hintVreg !== -1) r.hintVreg = this.find(r.hintVreg);
    }
  }

  // ---------------------------------------------------------------- the scan

  private scan(cls: RegClass, intervals: Interval[]): void {
    const regs = this.hooks.regs;
    const order = regs.classes[cls]!.allocatable;
    const bytes = regs.classes[cls]!.bytes;
    if (order.length === 0) fail(`no allocatable register in class ${cls}`);
    const empty: number[] = [];
    const fixedOf = order.map((r) => this.fixed.get(r) ?? empty);
    const partial = order.map((r) => { const kept = regs.calleeSaved.get(r); return kept !== undefined && kept < bytes; });
    const slotOfReg = new Map(order.map((r, n) => [r, n]));
    const unhandled = new Unhandled();
    for (const x of intervals) unhandled.push(x);
    let active: Interval[] = [];
    let inactive: Interval[] = [];
    const freeUntil = new Float64Array(order.length);
    const nextUse = new Float64Array(order.length);
    const cost = new Float64Array(order.length);
    const blockPos = new Float64Array(order.length);
    /** Where a fixed range of register n first meets `cur`. */
    const fixedMeet = (n: number, cur: Interval): number => {
      let p = firstIntersection(cur.ranges, cur.cursor, fixedOf[n]!, cur.start);
      if (partial[n]) p = Math.min(p, firstIntersection(cur.ranges, cur.cursor, this.callRanges, cur.start));
      return usableUntil(cur, p);
    };

    // Each step splits at most a bounded number of pieces; a runaway is a bug, not a slow function.
    let budget = 64 * intervals.length + 100_000;
    while (unhandled.size) {
      if (--budget < 0) fail("the scan does not converge");
      const cur = unhandled.pop();
      const pos = cur.start;
      cur.cursor = 0;
      const stillActive: Interval[] = [];
      for (const x of active) {
        if (x.end <= pos) continue;
        if (x.coversAdvancing(pos)) stillActive.push(x); else inactive.push(x);
      }
      const stillInactive: Interval[] = [];
      for (const x of inactive) {
        if (x.end <= pos) continue;
        if (x.coversAdvancing(pos)) stillActive.push(x); else stillInactive.push(x);
      }
      active = stillActive;
      inactive = stillInactive;

      // Try a free register.
      freeUntil.fill(Infinity);
      for (const x of active) freeUntil[slotOfReg.get(x.reg)!] = 0;
      for (const x of inactive) {
        const n = slotOfReg.get(x.reg)!;
        if (freeUntil[n]! === 0) continue;
        const p = usableUntil(cur, firstIntersection(cur.ranges, 0, x.ranges, pos));
        if (p < freeUntil[n]!) freeUntil[n] = p;
      }
      for (let n = 0; n < order.length; n++) if (freeUntil[n]! > pos) freeUntil[n] = Math.min(freeUntil[n]!, fixedMeet(n, cur));
      let choice = -1;
      const hint = cur.root.hint !== -1 ? cur.root.hint : cur.root.hintVreg !== -1 ? (this.roots[cur.root.hintVreg]?.lastReg ?? -1) : -1;
      const hintN = slotOfReg.get(hint);
      if (hintN !== undefined && freeUntil[hintN]! >= cur.end) choice = hintN;
      if (choice === -1) for (let n = 0; n < order.length; n++) if (freeUntil[n]! >= cur.end) { choice = n; break; }
      if (choice === -1) {
        let best = 0;
        for (let n = 1; n < order.length; n++) if (freeUntil[n]! > freeUntil[best]!) best = n;
        const split = this.splitPoint(cur, freeUntil[best]!);
        if (split !== -1) {
          unhandled.push(this.splitAt(cur, split));
          choice = best;
        }
      }
      if (choice === -1) choice = this.allocateBlocked(cur, order, slotOfReg, active, inactive, unhandled, fixedMeet, nextUse, cost, blockPos);
      if (choice === -1) continue; // cur went to the stack
      cur.reg = order[choice]!;
      cur.root.lastReg = cur.reg;
      active.push(cur);
    }
  }

  /**
   * The gap where `cur` should leave a register it may hold until `until`
   * (exclusive): after its last use before `until`, at the block boundary of
   * least loop depth, as late as possible; -1 when there is none.
   */
  private splitPoint(cur: Interval, until: number): number {
    const max = Math.floor(until / 4) * 4;
    const min = Math.max(cur.start + 1, cur.lastUseBefore(until) + 1);
    if (max < min || max <= cur.start) return -1;
    return this.bestGap(min, max);
  }

  /** The gap in [min, max] (max a gap) whose moves run least often. */
  private bestGap(min: number, max: number): number {
    const bMax = this.blockOfPos(max);
    let best = max, bestDepth = this.depth[bMax]!;
    // Block starts in range, from the latest back (a bounded walk keeps this linear).
    for (let b = bMax, steps = 0; b >= 0 && steps < 64; b--, steps++) {
      const s = 4 * this.blockFirst[b]!;
      if (s < min) break;
      if (s > max) continue;
      const d = this.depth[b]! - this.isHeader[b]!;
      if (d < bestDepth) { best = s; bestDepth = d; }
    }
    return best;
  }

  private blockOfPos(pos: number): number {
    const k = pos >> 2;
    let lo = 0, hi = this.blockFirst.length - 1;
    while (lo < hi) { const m = (lo + hi + 1) >> 1; if (this.blockFirst[m]! <= k) lo = m; else hi = m - 1; }
    return lo;
  }

  /** Cut `x` at gap `pos`: `x` keeps what is before, the returned piece (same value) what is after. */
  private splitAt(x: Interval, pos: number): Interval {
    const y = new Interval(x.root);
    const r = x.ranges;
    let j = 0;
    while (j < r.length && r[j + 1]! <= pos) j += 2;
    if (j < r.length && r[j]! < pos) { y.ranges = [pos, ...r.slice(j + 1)]; x.ranges = [...r.slice(0, j + 1), pos]; }
    else { y.ranges = r.slice(j); x.ranges = r.slice(0, j); }
    let u = 0;
    while (u < x.uses.length && x.uses[u]! < pos) u++;
    y.uses = x.uses.slice(u); y.useWeights = x.useWeights.slice(u);
    x.uses = x.uses.slice(0, u); x.useWeights = x.useWeights.slice(0, u);
    if (x.ranges.length === 0 || y.ranges.length === 0) fail("degenerate split");
    x.cursor = Math.min(x.cursor, x.ranges.length - 2);
    x.root.pieces.push(y);
    return y;
  }

  /**
   * Send `x` (from gap `pos` on) to the stack until just before its next use;
   * what follows goes back to `unhandled`. Parts must not start before `from`
   * (the scan position).
   */
  private spillFrom(x: Interval, pos: number, from: number, unhandled: Unhandled): Interval | undefined {
    const y = pos > x.start ? this.splitAt(x, pos) : x;
    y.reg = -1;
    const nu = y.nextUse(y.start);
    if (nu === Infinity) return undefined;
    const last = Math.floor((nu - 1) / 4) * 4;
    if (last <= y.start) {
      // The piece starts (after a hole) right at its use: nothing to keep on the stack.
      if (y.start < from) fail("no gap before a use");
      unhandled.push(y);
      return y;
    }
    const first = Math.max(y.start + 1, from);
    if (first > last) fail("no gap before a use");
    const gap = this.bestGap(first, last);
    const z = this.splitAt(y, gap);
    if (z.start < from) fail("split behind the scan");
    unhandled.push(z);
    return z;
  }

  /** No register is free: spill `cur` or the cheapest register's holders. Returns the register's index or -1. */
  private allocateBlocked(
    cur: Interval, order: readonly number[], slotOfReg: Map<number, number>, active: Interval[], inactive: Interval[], unhandled: Unhandled,
    fixedMeet: (n: number, cur: Interval) => number, nextUse: Float64Array, cost: Float64Array, blockPos: Float64Array,
  ): number {
    const pos = cur.start;
    const gap = Math.floor(pos / 4) * 4;
    const firstUse = cur.nextUse(pos);
    nextUse.fill(Infinity); cost.fill(0); blockPos.fill(Infinity);
    for (const x of active) {
      const n = slotOfReg.get(x.reg)!;
      // A piece that starts in this very gap cannot be split before it.
      if (x.start >= gap && x.start < pos) { nextUse[n] = 0; continue; }
      nextUse[n] = Math.min(nextUse[n]!, x.nextUse(gap));
      cost[n]! += x.weight();
    }
    for (const x of inactive) {
      const n = slotOfReg.get(x.reg)!;
      if (firstIntersection(cur.ranges, 0, x.ranges, pos) === Infinity) continue;
      nextUse[n] = Math.min(nextUse[n]!, x.nextUse(gap));
      cost[n]! += x.weight();
    }
    for (let n = 0; n < order.length; n++) {
      blockPos[n] = fixedMeet(n, cur);
      nextUse[n] = Math.min(nextUse[n]!, blockPos[n]!);
    }
    let best = -1;
    for (let n = 0; n < order.length; n++) {
      if (nextUse[n]! <= firstUse) continue;
      if (best === -1 || cost[n]! < cost[best]! || (cost[n] === cost[best] && nextUse[n]! > nextUse[best]!)) best = n;
    }
    const canSpillCur = firstUse === Infinity || Math.floor((firstUse - 1) / 4) * 4 > pos;
    if (best === -1 || (canSpillCur && cur.weight() < cost[best]!)) {
      if (!canSpillCur) fail(`no register for v${cur.root.vreg} at ${pos}`);
      this.spillFrom(cur, pos, pos, unhandled);
      return -1;
    }
    const reg = order[best]!;
    for (const list of [active, inactive]) {
      for (let j = list.length - 1; j >= 0; j--) {
        const x = list[j]!;
        if (x.reg !== reg) continue;
        if (list === inactive && firstIntersection(cur.ranges, 0, x.ranges, pos) === Infinity) continue;
        list.splice(j, 1);
        if (gap <= x.start) { x.reg = -1; this.spillFrom(x, x.start, pos, unhandled); }
        else this.spillFrom(x, gap, pos, unhandled);
        // The part before the gap keeps the register; it ends where the scan is.
      }
    }
    if (blockPos[best]! < cur.end) {
      const split = this.splitPoint(cur, blockPos[best]!);
      if (split === -1) fail(`fixed register conflict for v${cur.root.vreg}`);
      unhandled.push(this.splitAt(cur, split));
    }
    return best;
  }

  // ---------------------------------------------------------------- rewriting

  private pieceAt(root: Root, pos: number): Interval {
    const p = root.pieces;
    let lo = 0, hi = p.length - 1;
    while (lo < hi) { const m = (lo + hi + 1) >> 1; if (p[m]!.start <= pos) lo = m; else hi = m - 1; }
    return p[lo]!;
  }

  private locAt(root: Root, pos: number): Loc {
    const x = this.pieceAt(root, pos);
    return x.reg >= 0 ? { k: "reg", r: x.reg } : { k: "stack", root };
  }

  private regAt(v: number, pos: number): number {
    const x = this.pieceAt(this.roots[this.find(v - VREG_BASE)]!, pos);
    if (x.reg < 0) fail(`v${v} has no register at ${pos}`);
    return x.reg;
  }

  private rewrite(): void {
    const { f, hooks } = this;
    const W = this.words;
    for (const r of new Set(this.roots)) r?.pieces.sort((a, b) => a.start - b.start);
    // Moves inside blocks, where a piece starts while its value is live.
    const movesAt = new Map<number, Move[]>();
    const blockStarts = new Set<number>();
    for (let b = 0; b < f.blocks.length; b++) blockStarts.add(4 * this.blockFirst[b]!);
    for (const root of new Set(this.roots)) {
      if (!root) continue;
      for (let j = 1; j < root.pieces.length; j++) {
        const prev = root.pieces[j - 1]!, x = root.pieces[j]!;
        if (prev.end !== x.start || blockStarts.has(x.start)) continue;
        if (x.start % 4 !== 0) fail("split off a gap");
        const from: Loc = prev.reg >= 0 ? { k: "reg", r: prev.reg } : { k: "stack", root };
        const to: Loc = x.reg >= 0 ? { k: "reg", r: x.reg } : { k: "stack", root };
        if (sameLoc(from, to)) continue;
        let l = movesAt.get(x.start);
        if (!l) movesAt.set(x.start, (l = []));
        l.push({ cls: root.cls, from, to });
      }
    }
    // Moves on edges, where a live value's location differs at the two ends.
    const edgeEnd = new Map<number, Move[]>(), edgeStart = new Map<number, Move[]>();
    const edgeBlocks: { from: number; to: number; moves: Move[] }[] = [];
    f.blocks.forEach((b, bi) => {
      const endPos = 4 * this.blockEnd[bi]! - 1;
      for (const s of new Set(b.succs)) {
        const startPos = 4 * this.blockFirst[s]!;
        const moves: Move[] = [];
        const seen = new Set<Root>();
        for (let w = 0; w < W; w++) {
          let bits = this.liveIn[s * W + w]!;
          while (bits) {
            const low = bits & -bits;
            bits ^= low;
            const v = w * 32 + (31 - Math.clz32(low));
            const root = this.roots[this.find(v)];
            if (!root || seen.has(root)) continue;
            seen.add(root);
            const from = this.locAt(root, endPos), to = this.locAt(root, startPos);
            if (!sameLoc(from, to)) moves.push({ cls: root.cls, from, to });
          }
        }
        if (!moves.length) continue;
        if (new Set(b.succs).size === 1) {
          const l = edgeEnd.get(bi) ?? [];
          edgeEnd.set(bi, [...l, ...moves]);
        } else if (this.preds[s]!.length === 1) edgeStart.set(s, [...(edgeStart.get(s) ?? []), ...moves]);
        else {
          // A critical edge: the moves get a block of their own, which p's branches to s (or its fall-through) reach instead.
          const named = b.insts.some((i) => i.ops.some((o) => o.k === "label" && o.block === s));
          if (!named && s !== bi + 1) fail(`critical edge ${bi}->${s} reached by neither a label nor a fall-through`);
          edgeBlocks.push({ from: bi, to: s, moves });
        }
      }
    });

    // Build the new instruction lists before touching f (failure falls back cleanly).
    const slotOf = new Map<Root, number>();
    const pendingSlots: { root: Root | RegClass; bytes: number }[] = [];
    const slotFor = (root: Root): number => {
      let s = slotOf.get(root);
      if (s === undefined) {
        s = this.f.slots.length + pendingSlots.length;
        pendingSlots.push({ root, bytes: this.hooks.regs.classes[root.cls]!.bytes });
        slotOf.set(root, s);
      }
      return s;
    };
    const tempSlot = new Map<RegClass, number>();
    const scratchSlot = (cls: RegClass): number => {
      let s = tempSlot.get(cls);
      if (s === undefined) {
        s = this.f.slots.length + pendingSlots.length;
        pendingSlots.push({ root: cls, bytes: this.hooks.regs.classes[cls]!.bytes });
        tempSlot.set(cls, s);
      }
      return s;
    };
    const used = new Set<number>();
    const emitMoves = (moves: Move[], out: MInst[]): void => { for (const i of this.sequence(moves, slotFor, scratchSlot)) { out.push(i); } };
    const newBlocks: MInst[][] = [];
    f.blocks.forEach((b, bi) => {
      const out: MInst[] = [];
      const startMoves = edgeStart.get(bi);
      if (startMoves) emitMoves(startMoves, out);
      let tail = b.insts.length;
      while (tail > 0 && hooks.isBranch(b.insts[tail - 1]!)) tail--;
      const endMoves = edgeEnd.get(bi);
      if (endMoves && tail < b.insts.length) {
        // The branches after the moves must not read a register the moves write.
        const written = new Set(endMoves.flatMap((m) => (m.to.k === "reg" ? [m.to.r] : [])));
        for (let n = tail; n < b.insts.length; n++) forEachReg(b.insts[n]!, (r, isDef) => {
          if (!isDef && isVirtual(r) && written.has(this.regAt(r, 4 * (this.blockFirst[bi]! + n) + 1))) fail("edge moves clobber a branch operand");
        });
      }
      b.insts.forEach((i, n) => {
        const k = this.blockFirst[bi]! + n;
        const m = movesAt.get(4 * k);
        if (m) emitMoves(m, out);
        if (n === tail && endMoves) emitMoves(endMoves, out);
        const early = new Set<number>();
        for (const o of i.ops) if (o.k === "reg" && o.def && o.early) early.add(o.r);
        const ops = i.ops.map((o): MOperand => {
          if (o.k === "reg") {
            // A physical register an instruction writes (an asm's `{reg}` operand) is used too.
            if (!isVirtual(o.r)) { if (o.def) used.add(o.r); return o; }
            const p = this.regAt(o.r, o.def && !o.use && !early.has(o.r) ? 4 * k + 2 : 4 * k + 1);
            used.add(p);
            return { ...o, r: p };
          }
          if (o.k === "mem" && ((o.base !== undefined && isVirtual(o.base)) || (o.index !== undefined && isVirtual(o.index)))) {
            const m2 = { ...o };
            if (o.base !== undefined && isVirtual(o.base)) used.add((m2.base = this.regAt(o.base, 4 * k + 1)));
            if (o.index !== undefined && isVirtual(o.index)) used.add((m2.index = this.regAt(o.index, 4 * k + 1)));
            return m2;
          }
          return o;
        });
        for (const d of i.impDefs ?? []) used.add(d);
        for (const c of i.clobbers ?? []) used.add(c);
        const ni: MInst = { ...i, ops };
        if (ni.copy && sameRegOp(ops[ni.copy.src]!, ops[ni.copy.dst]!)) return;
        out.push(ni);
      });
      if (endMoves && tail === b.insts.length) emitMoves(endMoves, out);
      newBlocks.push(out);
    });
    const added = edgeBlocks.map(({ from, to, moves }, n) => {
      const at = f.blocks.length + n;
      const insts: MInst[] = [];
      emitMoves(moves, insts);
      insts.push(hooks.jump(to));
      const retarget = (o: MOperand): MOperand => (o.k === "label" && o.block === to ? { k: "label", block: at } : o);
      newBlocks[from] = newBlocks[from]!.map((i) => (i.ops.some((o) => o.k === "label" && o.block === to) ? { ...i, ops: i.ops.map(retarget) } : i));
      if (to === from + 1) newBlocks[from]!.push(hooks.jump(at));
      return { label: `${f.blocks[from]!.label}.ra${to}`, phis: [], insts, succs: [to], from, at };
    });
    // Commit.
    for (const p of pendingSlots) newSlot(f, p.bytes, p.bytes);
    f.blocks.forEach((b, bi) => { b.insts = newBlocks[bi]!; });
    for (const { from, at, ...block } of added) {
      const b = f.blocks[from]!;
      b.succs = b.succs.map((s) => (s === block.succs[0] ? at : s));
      f.blocks.push(block);
    }
    for (const b of newBlocks) for (const i of b) for (const o of i.ops) if (o.k === "reg" && !isVirtual(o.r)) used.add(o.r);
    f.usedCalleeSaved = [...used].filter((r) => this.hooks.regs.calleeSaved.has(r)).sort((a, b) => a - b);
  }

  /**
   * A parallel move as a sequence: stores first (they only read), then
   * register copies ordered so that no source is overwritten before it is read
   * (a cycle parks one register in a scratch slot), then reloads and
   * recomputations.
   */
  private sequence(moves: Move[], slotFor: (r: Root) => number, scratchSlot: (cls: RegClass) => number): MInst[] {
    const h = this.hooks;
    const out: MInst[] = [];
    const loads: MInst[] = [];
    const size = (cls: RegClass): number => h.regs.classes[cls]!.bytes;
    let copies: Move[] = [];
    for (const m of moves) {
      const { from, to } = m;
      if (to.k === "stack") {
        if (from.k !== "reg") return fail("stack to stack move");
        if (!to.root.remat) out.push(h.spillStore(m.cls, from.r, slotFor(to.root)));
      } else if (from.k === "stack") loads.push(this.reload(from.root, to.r, slotFor));
      else copies.push(m);
    }
    const reads = (m: Move, r: number): boolean => m.from.k === "reg" && m.from.r === r;
    while (copies.length) {
      const ready = copies.findIndex((c) => c.to.k === "reg" && !copies.some((o) => o !== c && reads(o, (c.to as { r: number }).r)));
      if (ready >= 0) {
        const c = copies[ready]!;
        out.push(h.copy(c.cls, (c.to as { r: number }).r, { k: "reg", r: (c.from as { r: number }).r, size: size(c.cls) }));
        copies.splice(ready, 1);
        continue;
      }
      // Only cycles: park one destination's old value and let its readers reload it.
      const c = copies[0]!;
      const d = (c.to as { r: number }).r;
      const slot = scratchSlot(c.cls);
      out.push(h.spillStore(c.cls, d, slot));
      const parked = copies.filter((o) => reads(o, d));
      copies = copies.filter((o) => !reads(o, d));
      for (const o of parked) loads.push(h.spillLoad(o.cls, (o.to as { r: number }).r, slot));
    }
    return [...out, ...loads];
  }

  private reload(root: Root, dst: number, slotFor: (r: Root) => number): MInst {
    if (root.remat) return rematerialize(root.remat.inst, root.remat.vreg, dst);
    return this.hooks.spillLoad(root.cls, dst, slotFor(root));
  }
}

/**
 * A register taken from `cur` at `p` is given up at the gap before: if `cur`
 * is read by the instruction at whose write `p` falls (a call using a value
 * that lives on), it must already be elsewhere at that instruction's gap.
 */
function usableUntil(cur: Interval, p: number): number {
  if (p === Infinity) return p;
  const gap = p & ~3;
  return cur.nextUse(gap) < p ? gap : p;
}

function sameLoc(a: Loc, b: Loc): boolean {
  return a.k === "reg" ? b.k === "reg" && a.r === b.r : b.k === "stack" && a.root === b.root;
}

function sameRegOp(a: MOperand, b: MOperand): boolean {
  return a.k === "reg" && b.k === "reg" && a.r === b.r;
}

function sortRanges(l: number[]): number[] {
  const pairs: [number, number][] = [];
  for (let j = 0; j < l.length; j += 2) pairs.push([l[j]!, l[j + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [s, e] of pairs) {
    if (out.length && out[out.length - 1]! >= s) out[out.length - 1] = Math.max(out[out.length - 1]!, e);
    else out.push(s, e);
  }
  return out;
}

/** Every register an instruction reads (isDef false) or writes (true), operands then implicit ones. */
function forEachReg(i: MInst, fn: (r: number, isDef: boolean) => void): void {
  for (const o of i.ops) {
    if (o.k === "reg") {
      if (!o.def || o.use) fn(o.r, false);
      if (o.def) fn(o.r, true);
    } else if (o.k === "mem") {
      if (o.base !== undefined) fn(o.base, false);
      if (o.index !== undefined) fn(o.index, false);
    }
  }
  if (i.impUses) for (const r of i.impUses) fn(r, false);
  if (i.impDefs) for (const r of i.impDefs) fn(r, true);
}

/** Only a write of `v` and no other register, nothing implicit: the shape a recomputation can copy. */
function isRematCandidate(i: MInst, v: number): boolean {
  if (i.call || i.asm || i.impUses?.length || i.impDefs?.length || i.clobbers?.length || i.copy) return false;
  for (const o of i.ops) {
    if (o.k === "reg" && (o.r !== v || !o.def || o.use)) return false;
    if (o.k === "mem" && (o.base !== undefined || o.index !== undefined)) return false;
  }
  return true;
}

function rematerialize(i: MInst, v: number, dst: number): MInst {
  return { ...i, ops: i.ops.map((o) => (o.k === "reg" && o.r === v ? { ...o, r: dst } : o)) };
}
