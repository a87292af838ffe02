// -g in a backend's emitter: `.loc` before the first instruction of each new
// source position, and labels around the code of each lexical scope (its pc
// range for the debug information). Arch-neutral: the emitter calls `entry`
// after the function's label, `before` ahead of each MIR instruction it
// handles (by block and position: it may handle two at once), `flush` before
// each instruction line it writes, and `finish` after the last one.

import type { Directive, Label } from "../asm/lines.js";
import { directive, label } from "../asm/lines.js";
import type { DebugLoc } from "../ir/debug.js";
import type { MFunc } from "./mir.js";

export interface FunctionLines {
  /** Each scope's parent (index = scope; scope 0 is the function's). Empty: line tables only. */
  readonly scopeParents: readonly (number | undefined)[];
  /** A prefix for this function's labels, unique in the module. */
  readonly prefix: string;
  /** Filled in: the labels bounding each scope that has code (scope 0 excluded). */
  readonly ranges: Map<number, { start: string; end: string }>;
  /** Filled in: the label after the function's last instruction. */
  end?: string;
}

/** Where lines go: any backend's line array takes labels and directives. */
interface Sink { push(...lines: (Directive | Label)[]): number }

const locText = (l: DebugLoc, flags: string): string => `${l.file + 1} ${l.line} ${l.col}${flags}`;
const sameRow = (a: Row | undefined, b: Row): boolean =>
  a !== undefined && a.loc.file === b.loc.file && a.loc.line === b.loc.line && a.loc.col === b.loc.col && a.discriminator === b.discriminator;

/**
 * A row of the line table. Code of one line in several basic blocks (a `for`
 * header and its body) gets a discriminator per block after the first, as gcc
 * gives: debuggers then treat the line as one statement (gdb collapses the
 * rows of a line with discriminators, so `next` steps over a one-line loop).
 */
interface Row { loc: DebugLoc; discriminator: number }

export class LineMarks {
  private last: Row | undefined;
  private pending: Row | undefined;
  /** MIR block of each instruction index; per source line, the blocks with code of it (their discriminators). */
  private readonly blockOf: number[] = [];
  private readonly lineBlocks = new Map<string, Map<number, number>>();
  private afterPrologue = false;
  /** Index of the first instruction of each block in the function's order. */
  private readonly blockStart: number[] = [];
  private count = 0;
  /** Instruction index → scopes whose range starts there / ends after it. */
  private readonly starts = new Map<number, number[]>();
  private readonly ends = new Map<number, number[]>();
  private endsFlushed = 0;
  private startsFlushed = 0;

  constructor(private readonly f: MFunc, private readonly info: FunctionLines) {
    const first = new Map<number, number>(), last = new Map<number, number>();
    let k = 0;
    for (const [bi, b] of f.blocks.entries()) {
      this.blockStart.push(k);
      for (const i of b.insts) {
        this.blockOf.push(bi);
        for (let s: number | undefined = i.loc?.scope; s !== undefined && s > 0; s = info.scopeParents[s]) {
          if (!first.has(s)) first.set(s, k);
          last.set(s, k);
        }
        k++;
      }
    }
    this.count = k;
    // A scope's range is the span from its first instruction to its last. Code of
    // one scope may come after a sibling's (cleanups, a loop's exit), so spans are
    // made to nest: each stays inside its parent's and ends before the next
    // sibling's starts; one left empty gets no range (its variables go to the parent).
    const children = new Map<number, number[]>();
    for (const s of first.keys()) push(children, info.scopeParents[s] ?? 0, s);
    const place = (p: number): void => {
      const kids = (children.get(p) ?? []).sort((a, b) => first.get(a)! - first.get(b)!);
      if (p > 0) {
        for (const c of kids) {
          first.set(c, Math.max(first.get(c)!, first.get(p)!));
          last.set(c, Math.min(last.get(c)!, last.get(p)!));
        }
      }
      kids.forEach((c, n) => { const next = kids[n + 1]; if (next !== undefined) last.set(c, Math.min(last.get(c)!, first.get(next)! - 1)); });
      for (const c of kids) {
        if (last.get(c)! < first.get(c)!) continue;
        push(this.starts, first.get(c)!, c);
        push(this.ends, last.get(c)!, c);
        info.ranges.set(c, { start: `${info.prefix}B${c}`, end: `${info.prefix}E${c}` });
        place(c);
      }
    };
    place(0);
  }

  /** The function's first row: its entry position, at the function's label. */
  entry(out: Sink): void {
    const at = this.f.blocks.flatMap((b) => b.insts).find((i) => i.loc)?.loc;
    if (!at) return;
    out.push(directive(".loc", locText(at, "")));
    this.last = { loc: at, discriminator: 0 };
    this.discriminator(at, this.blockOf[0] ?? 0);
  }

  before(block: number, k: number, out: Sink): void {
    const index = this.blockStart[block]! + k;
    const i = this.f.blocks[block]!.insts[k]!;
    // Labels of instructions the emitter skipped (nothing was written for them) go here too: same address.
    for (; this.startsFlushed <= index; this.startsFlushed++) {
      for (const s of this.starts.get(this.startsFlushed) ?? []) out.push(label(this.info.ranges.get(s)!.start));
    }
    this.closeScopes(out, index);
    if (!i.loc) return;
    const row = { loc: i.loc, discriminator: this.discriminator(i.loc, block) };
    this.pending = sameRow(this.last, row) ? undefined : row;
  }

  private discriminator(at: DebugLoc, block: number): number {
    const key = `${at.file}:${at.line}`;
    let blocks = this.lineBlocks.get(key);
    if (!blocks) this.lineBlocks.set(key, blocks = new Map());
    let d = blocks.get(block);
    if (d === undefined) blocks.set(block, d = blocks.size);
    return d;
  }

  flush(out: Sink): void {
    if (!this.pending) return;
    // The first row after the entry row is where the body starts: gdb stops there for `break f`.
    const flags = (this.afterPrologue ? "" : " prologue_end") + (this.pending.discriminator ? ` discriminator ${this.pending.discriminator}` : "");
    this.afterPrologue = true;
    out.push(directive(".loc", locText(this.pending.loc, flags)));
    this.last = this.pending;
    this.pending = undefined;
  }

  finish(out: Sink): void {
    for (; this.startsFlushed < this.count; this.startsFlushed++) {
      for (const s of this.starts.get(this.startsFlushed) ?? []) out.push(label(this.info.ranges.get(s)!.start));
    }
    this.closeScopes(out, this.count);
    this.info.end = `${this.info.prefix}FE`;
    out.push(label(this.info.end));
  }

  /** End labels of scopes whose last instruction came before `upTo`. */
  private closeScopes(out: Sink, upTo: number): void {
    for (; this.endsFlushed < upTo; this.endsFlushed++) {
      for (const s of this.ends.get(this.endsFlushed) ?? []) out.push(label(this.info.ranges.get(s)!.end));
    }
  }
}

function push(m: Map<number, number[]>, k: number, v: number): void {
  const l = m.get(k);
  if (l) l.push(v); else m.set(k, [v]);
}
