// Shrinking input sections for linker relaxation. A target decides, with
// addresses assigned, which bytes of a section are no longer needed (a
// two-instruction sequence that now fits in one, alignment padding larger
// than the alignment needs) and what the kept bytes and relocations become;
// this file removes the bytes and moves everything that was behind them:
// the section's relocations, and the symbols defined in it (values, and the
// sizes of symbols that span a cut). The input file itself is shared through
// the input cache and stays untouched: the section gets edited copies.

import type { Rela } from "../elf/types.js";
import type { Context } from "./context.js";
import type { InputSection } from "./files.js";
import type { Symbol } from "./symbol.js";

/** Remove `count` bytes at `offset` (an offset in the section as it is before this shrink). */
export interface Cut {
  offset: number;
  count: number;
}

/** Symbols defined in each relaxable section, found once per link. */
export class SectionSymbols {
  private readonly bySection = new Map<InputSection, Symbol[]>();

  constructor(ctx: Context) {
    const seen = new Set<Symbol>();
    for (const obj of ctx.objects) {
      for (const sym of obj.symbols) {
        if (!sym || seen.has(sym) || sym.kind !== "defined" || !sym.section || sym.file !== obj) continue;
        seen.add(sym);
        const sec = sym.section as InputSection;
        let list = this.bySection.get(sec);
        if (!list) this.bySection.set(sec, (list = []));
        list.push(sym);
      }
    }
  }

  of(sec: InputSection): readonly Symbol[] {
    return this.bySection.get(sec) ?? [];
  }
}

/**
 * Apply `cuts` (any order, not overlapping) to `sec`, with `data` the
 * section's contents after the target's rewrites and `rels` its relocations
 * (new objects: types the target changed already). Relocations inside a cut
 * are dropped; those after it move back.
 */
export function shrinkSection(sec: InputSection, data: Uint8Array, rels: readonly Rela[], cuts: readonly Cut[], symbols: readonly Symbol[]): void {
  const sorted = [...cuts].filter((c) => c.count > 0).sort((a, b) => a.offset - b.offset);
  if (sorted.length === 0) {
    sec.edit(data, [...rels]);
    return;
  }
  const removed = sorted.reduce((n, c) => n + c.count, 0);
  const out = new Uint8Array(data.length - removed);
  let from = 0, to = 0;
  for (const c of sorted) {
    out.set(data.subarray(from, c.offset), to);
    to += c.offset - from;
    from = c.offset + c.count;
  }
  out.set(data.subarray(from), to);

  // Bytes removed before an offset (cuts are sorted and disjoint).
  const starts = sorted.map((c) => c.offset);
  const before: number[] = [0];
  for (const c of sorted) before.push(before[before.length - 1] + c.count);
  const removedBefore = (offset: number, inclusive: boolean): number => {
    // Number of cuts ending at or before `offset` (or, inclusive, containing it too).
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const end = sorted[mid].offset + sorted[mid].count;
      if (end <= offset || (inclusive && starts[mid] < offset)) lo = mid + 1;
      else hi = mid;
    }
    let n = before[lo];
    // A cut that contains `offset` (inclusive mode) counts only up to it.
    if (inclusive && lo > 0 && sorted[lo - 1].offset + sorted[lo - 1].count > offset) {
      n -= sorted[lo - 1].offset + sorted[lo - 1].count - offset;
    }
    return n;
  };
  const inCut = (offset: number): boolean => {
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].offset + sorted[mid].count <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo].offset <= offset;
  };

  const newRels: Rela[] = [];
  for (const r of rels) {
    if (inCut(r.offset)) continue;
    newRels.push({ ...r, offset: r.offset - removedBefore(r.offset, false) });
  }
  // A symbol inside a cut moves to the cut's start; a symbol's end moves the same way.
  for (const sym of symbols) {
    const start = sym.value;
    const end = sym.value + sym.size;
    const newStart = start - removedBefore(start, true);
    const newEnd = end - removedBefore(end, true);
    sym.value = newStart;
    if (sym.size > 0) sym.size = Math.max(0, newEnd - newStart);
  }
  sec.edit(out, newRels);
}
