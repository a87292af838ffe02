// SHF_MERGE sections: identical entries of mergeable input sections are stored
// once. Input sections with the same output section, flags, entry size and
// alignment form one merged section; each input section is cut into pieces (a
// NUL-terminated string of entsize-wide characters for SHF_STRINGS, else one
// entsize-byte entry), equal pieces share one copy, and a string that is the
// tail of a longer one points into it ("world" inside "hello world"), as GNU ld
// does. Symbols defined in a merged input section move to the merged section
// at their piece's new offset; a relocation against the input's section symbol
// names a piece by its addend, so the addend is rewritten to the new offset.

import { SHF_ALLOC, SHF_EXECINSTR, SHF_MERGE, SHF_STRINGS, SHF_WRITE, STT_SECTION } from "../elf/constants.js";
import { alignUp, latin1 } from "../elf/bytes.js";
import type { Rela } from "../elf/types.js";
import type { Context } from "./context.js";
import { InputSection } from "./files.js";
import { outputNameOf } from "./layout.js";
import { SyntheticSection } from "./synthetic.js";

/** Where the pieces of one input section went: sorted input offsets and their output offsets. */
interface PieceMap {
  inStart: number[];
  outStart: number[];
}

export class MergedSection extends SyntheticSection {
  readonly type: number;
  readonly flags: number;
  readonly align: number;
  private bytes = new Uint8Array(0);
  readonly maps = new Map<InputSection, PieceMap>();

  constructor(readonly name: string, readonly outputName: string, first: InputSection, readonly inputs: InputSection[]) {
    super();
    this.type = first.type;
    this.flags = first.flags;
    this.align = first.align;
    this.entsize = first.header.entsize;
  }

  get size(): number {
    return this.bytes.length;
  }

  /** Cut every input into pieces, share equal pieces (and string tails), and build the contents. */
  build(): void {
    const strings = (this.flags & SHF_STRINGS) !== 0;
    const ent = this.entsize;
    // Distinct pieces by content (latin1 keys: one char per byte), each with the
    // strictest alignment any of its copies had in its input section (a string
    // gcc aligned for vector loads keeps that alignment).
    const distinct = new Map<string, number>();
    const pieces: string[] = [];
    const pieceAlign: number[] = [];
    const perInput: Array<{ sec: InputSection; starts: number[]; ids: number[] }> = [];
    for (const sec of this.inputs) {
      const data = sec.data;
      const starts: number[] = [], ids: number[] = [];
      for (let at = 0; at < data.length;) {
        const end = strings ? stringEnd(data, at, ent) : Math.min(at + ent, data.length);
        const key = latin1(data, at, end);
        let id = distinct.get(key);
        if (id === undefined) {
          id = pieces.length;
          distinct.set(key, id);
          pieces.push(key);
          pieceAlign.push(1);
        }
        pieceAlign[id] = Math.max(pieceAlign[id], at === 0 ? sec.align : Math.min(sec.align, at & -at));
        starts.push(at);
        ids.push(id);
        at = end;
      }
      perInput.push({ sec, starts, ids });
    }
    // Tail sharing: with pieces sorted by their reversed text, a string that is
    // the tail of another is a tail of its successor in that order. Only whole
    // characters are shared, and only by strings with no alignment of their own.
    const host = pieces.map((_, i) => i);
    const tailOffset = new Array<number>(pieces.length).fill(0);
    if (strings) {
      const order = pieces.map((_, i) => i).sort((a, b) => compareReversed(pieces[a], pieces[b]));
      for (let k = order.length - 2; k >= 0; k--) {
        const short = order[k], next = order[k + 1];
        const delta = pieces[next].length - pieces[short].length;
        if (delta > 0 && delta % ent === 0 && pieceAlign[short] <= ent && pieces[next].endsWith(pieces[short])) {
          host[short] = host[next];
          tailOffset[short] = tailOffset[next] + delta;
        }
      }
    }
    // Lay out the hosts in first-seen order.
    const hostOffset = new Array<number>(pieces.length).fill(-1);
    let size = 0;
    for (let i = 0; i < pieces.length; i++) {
      if (host[i] !== i) continue;
      size = alignUp(size, pieceAlign[i]);
      hostOffset[i] = size;
      size += pieces[i].length;
    }
    const bytes = new Uint8Array(size);
    for (let i = 0; i < pieces.length; i++) {
      if (host[i] !== i) continue;
      const p = pieces[i], at = hostOffset[i];
      for (let j = 0; j < p.length; j++) bytes[at + j] = p.charCodeAt(j);
    }
    this.bytes = bytes;
    for (const { sec, starts, ids } of perInput) {
      this.maps.set(sec, { inStart: starts, outStart: ids.map((id) => hostOffset[host[id]] + tailOffset[id]) });
      sec.mergedInto = this;
    }
  }

  /** The offset in this section of byte `offset` of input `sec` (offsets past a piece's start carry over). */
  offsetOf(sec: InputSection, offset: number): number {
    const m = this.maps.get(sec)!;
    let lo = 0, hi = m.inStart.length - 1;
    if (hi < 0) return offset;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (m.inStart[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return m.outStart[lo] + (offset - m.inStart[lo]);
  }

  write(_ctx: Context, out: Uint8Array): void {
    out.set(this.bytes, this.fileOffset);
  }
}

/** End (exclusive) of the string starting at `at`: after its terminating NUL character. */
function stringEnd(data: Uint8Array, at: number, ent: number): number {
  for (let i = at; i + ent <= data.length; i += ent) {
    let zero = true;
    for (let j = 0; j < ent; j++) if (data[i + j] !== 0) { zero = false; break; }
    if (zero) return i + ent;
  }
  return data.length;
}


function compareReversed(a: string, b: string): number {
  for (let i = a.length - 1, j = b.length - 1; i >= 0 && j >= 0; i--, j--) {
    const d = a.charCodeAt(i) - b.charCodeAt(j);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** May this input section be merged? Mergeable, well-formed, and nothing relocates inside it. */
function mergeable(sec: InputSection): boolean {
  const h = sec.header;
  if (!(sec.flags & SHF_MERGE) || sec.discarded || h.entsize <= 0) return false;
  if (sec.relaHeader || sec.size % h.entsize !== 0) return false;
  return true;
}

/** Merge the mergeable sections of a final link; returns the merged sections for layout. */
export function mergeSections(ctx: Context): MergedSection[] {
  const groups = new Map<string, InputSection[]>();
  for (const obj of ctx.objects) {
    for (const sec of obj.sections) {
      if (!sec || !mergeable(sec)) continue;
      const kept = SHF_MERGE | SHF_STRINGS | SHF_ALLOC | SHF_WRITE | SHF_EXECINSTR;
      const key = `${outputNameOf(sec.name, ctx.target)}\0${sec.flags & kept}\0${sec.header.entsize}\0${sec.align}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(sec);
    }
  }
  const merged: MergedSection[] = [];
  for (const inputs of groups.values()) {
    const m = new MergedSection(inputs[0].name, outputNameOf(inputs[0].name, ctx.target), inputs[0], inputs);
    m.build();
    merged.push(m);
  }
  if (merged.length === 0) return merged;

  // Symbols defined in merged inputs, and relocations against their section symbols.
  for (const obj of ctx.objects) {
    const sectionSymbolOf = new Map<number, InputSection>();
    for (let i = 0; i < obj.symbols.length; i++) {
      const sym = obj.symbols[i];
      const sec = sym?.section;
      if (!(sec instanceof InputSection) || !sec.mergedInto || sec.file !== obj) continue;
      if (obj.elfSymbols[i]?.type === STT_SECTION && sym.isLocal) {
        sectionSymbolOf.set(i, sec);
        sym.section = sec.mergedInto;
        sym.value = 0;
        continue;
      }
      sym.section = sec.mergedInto;
      sym.value = sec.mergedInto.offsetOf(sec, sym.value);
    }
    if (sectionSymbolOf.size === 0) continue;
    for (const sec of obj.sections) {
      if (!sec || sec.discarded || !sec.relaHeader) continue;
      const rels = sec.relocations;
      if (!rels.some((r) => sectionSymbolOf.has(r.sym))) continue;
      const rewritten: Rela[] = rels.map((r) => {
        const target = sectionSymbolOf.get(r.sym);
        if (!target) return r;
        // The section symbol now stands for the merged section's start (value 0).
        return { ...r, addend: target.mergedInto!.offsetOf(target, obj.elfSymbols[r.sym].value + r.addend) };
      });
      sec.edit(sec.data, rewritten);
    }
  }
  return merged;
}
