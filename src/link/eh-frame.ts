// .eh_frame_hdr (--eh-frame-hdr): a sorted table from function start to FDE
// that unwinders find through PT_GNU_EH_FRAME, so that they binary-search
// instead of walking .eh_frame. The .eh_frame contents themselves are the
// input sections concatenated (CIEs are not merged); the table is built from
// the relocated output. Format: LSB "Exception Frame Header" / DWARF CFI.

import { SHF_ALLOC, SHT_PROGBITS } from "../elf/constants.js";
import type { Rela } from "../elf/types.js";
import type { Context } from "./context.js";
import type { InputSection } from "./files.js";
import { SyntheticSection } from "./synthetic.js";

const DW_EH_PE_omit = 0xff;
const DW_EH_PE_udata4 = 0x03;
const DW_EH_PE_sdata4 = 0x0b;
const DW_EH_PE_pcrel = 0x10;
const DW_EH_PE_datarel = 0x30;

interface Record {
  /** Offset of the record (its length field) in the buffer. */
  at: number;
  /** Total size including the length field. */
  size: number;
  /** 0 for a CIE; otherwise the FDE's CIE pointer. */
  id: number;
}

/** The CIE/FDE records of an .eh_frame image; zero terminators are skipped. */
function* records(bytes: Uint8Array, start: number, end: number): Iterable<Record> {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = start;
  while (o + 4 <= end) {
    const len = dv.getUint32(o, true);
    if (len === 0) { o += 4; continue; }
    if (len === 0xffffffff) throw new Error("64-bit .eh_frame records are not supported");
    if (o + 4 + len > end) throw new Error("truncated .eh_frame record");
    yield { at: o, size: 4 + len, id: dv.getUint32(o + 4, true) };
    o += 4 + len;
  }
}

/** A record of an input .eh_frame with the relocations inside it. */
export interface EhRecord {
  at: number;
  size: number;
  /** "cie", "fde", or "end" for a zero terminator (crtend's). */
  kind: "cie" | "fde" | "end";
  /** For an FDE: the offset of its CIE in the section. */
  cieAt: number;
  relocs: Rela[];
}

export function ehRecords(sec: InputSection): EhRecord[] {
  const data = sec.data;
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const rels = [...sec.relocations].sort((a, b) => a.offset - b.offset);
  const out: EhRecord[] = [];
  let ri = 0;
  for (let o = 0; o + 4 <= data.length; ) {
    const len = dv.getUint32(o, true);
    if (len === 0) {
      out.push({ at: o, size: 4, kind: "end", cieAt: -1, relocs: [] });
      o += 4;
      continue;
    }
    if (len === 0xffffffff) throw new Error("64-bit .eh_frame records are not supported");
    const size = 4 + len;
    if (o + size > data.length) throw new Error("truncated .eh_frame record");
    const id = dv.getUint32(o + 4, true);
    const relocs: Rela[] = [];
    while (ri < rels.length && rels[ri].offset < o) ri++;
    while (ri < rels.length && rels[ri].offset < o + size) relocs.push(rels[ri++]);
    out.push({ at: o, size, kind: id === 0 ? "cie" : "fde", cieAt: id === 0 ? -1 : o + 4 - id, relocs });
    o += size;
  }
  return out;
}

/**
 * Keep only the FDEs `keep` accepts (and the CIEs they use); rewrite the CIE
 * pointers and relocation offsets. Returns false when nothing was dropped.
 */
export function pruneEhFrame(sec: InputSection, records: EhRecord[], keep: (fde: EhRecord) => boolean): boolean {
  const keptFdes = new Set(records.filter((r) => r.kind === "fde" && keep(r)));
  if (keptFdes.size === records.filter((r) => r.kind === "fde").length) return false;
  const usedCies = new Set([...keptFdes].map((r) => r.cieAt));
  const kept = records.filter((r) => r.kind === "end" || keptFdes.has(r) || (r.kind === "cie" && usedCies.has(r.at)));
  const from = sec.data;
  const data = new Uint8Array(kept.reduce((n, r) => n + r.size, 0));
  const dv = new DataView(data.buffer);
  const moved = new Map<number, number>();
  const relocs: Rela[] = [];
  let o = 0;
  for (const r of kept) {
    moved.set(r.at, o);
    data.set(from.subarray(r.at, r.at + r.size), o);
    if (r.kind === "fde") dv.setUint32(o + 4, o + 4 - moved.get(r.cieAt)!, true);
    for (const x of r.relocs) relocs.push({ ...x, offset: x.offset - r.at + o });
    o += r.size;
  }
  sec.edit(data, relocs);
  return true;
}

export function countFdes(sections: readonly InputSection[]): number {
  let n = 0;
  for (const s of sections) for (const r of records(s.data, 0, s.size)) if (r.id !== 0) n++;
  return n;
}

function uleb(b: Uint8Array, o: number): [number, number] {
  let v = 0, shift = 0, byte: number;
  do {
    byte = b[o++];
    v += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [v, o];
}

const pointerSize = (enc: number): number => {
  switch (enc & 0x0f) {
    case 0x02: case 0x0a: return 2;
    case 0x03: case 0x0b: return 4;
    default: return 8;
  }
};

/** The FDE pointer encoding ('R' augmentation) of the CIE at `at`. */
function cieEncoding(b: Uint8Array, at: number): number {
  let o = at + 8;
  const version = b[o++];
  const augStart = o;
  while (b[o] !== 0) o++;
  const aug = String.fromCharCode(...b.subarray(augStart, o));
  o++;
  [, o] = uleb(b, o); // code alignment
  [, o] = uleb(b, o); // data alignment (sleb: same length)
  if (version === 1) o++; else [, o] = uleb(b, o);
  if (!aug.startsWith("z")) return 0; // absptr
  [, o] = uleb(b, o);
  for (const c of aug.slice(1)) {
    if (c === "R") return b[o];
    if (c === "P") o += 1 + pointerSize(b[o]);
    else if (c === "L") o++;
  }
  return 0;
}

export class EhFrameHdrSection extends SyntheticSection {
  readonly name = ".eh_frame_hdr";
  readonly type = SHT_PROGBITS;
  readonly flags = SHF_ALLOC;
  readonly align = 4;

  constructor(private readonly fdeCount: number) {
    super();
  }

  get size(): number {
    return 12 + this.fdeCount * 8;
  }

  write(ctx: Context, out: Uint8Array, dv: DataView): void {
    const eh = ctx.outputSections.find((o) => o.name === ".eh_frame");
    const o = this.fileOffset;
    dv.setUint8(o, 1);
    dv.setUint8(o + 1, DW_EH_PE_pcrel | DW_EH_PE_sdata4);
    dv.setUint8(o + 2, DW_EH_PE_udata4);
    dv.setUint8(o + 3, DW_EH_PE_datarel | DW_EH_PE_sdata4);
    dv.setInt32(o + 4, (eh?.addr ?? 0) - (this.addr + 4), true);
    const table = eh ? this.table(ctx, out, dv, eh.offset, eh.addr, eh.size) : undefined;
    if (!table || table.length !== this.fdeCount) {
      // Let unwinders fall back to walking .eh_frame rather than trusting a wrong table.
      dv.setUint8(o + 2, DW_EH_PE_omit);
      dv.setUint8(o + 3, DW_EH_PE_omit);
      dv.setUint32(o + 8, 0, true);
      return;
    }
    table.sort((a, b) => a[0] - b[0]);
    dv.setUint32(o + 8, table.length, true);
    table.forEach(([pc, fde], i) => {
      dv.setInt32(o + 12 + i * 8, pc - this.addr, true);
      dv.setInt32(o + 16 + i * 8, fde - this.addr, true);
    });
  }

  /** [initial location, FDE address] for every FDE, from the relocated .eh_frame. */
  private table(ctx: Context, out: Uint8Array, dv: DataView, fileOff: number, addr: number, size: number): Array<[number, number]> | undefined {
    const entries: Array<[number, number]> = [];
    const encodings = new Map<number, number>();
    try {
      for (const r of records(out, fileOff, fileOff + size)) {
        if (r.id === 0) {
          encodings.set(r.at, cieEncoding(out, r.at));
          continue;
        }
        const cie = r.at + 4 - r.id;
        const enc = encodings.get(cie) ?? cieEncoding(out, cie);
        const field = r.at + 8;
        const fieldAddr = addr + (field - fileOff);
        let pc: number;
        switch (enc & 0x0f) {
          case 0x0b: pc = dv.getInt32(field, true); break;
          case 0x03: pc = dv.getUint32(field, true); break;
          default: pc = Number(dv.getBigInt64(field, true));
        }
        if ((enc & 0x70) === DW_EH_PE_pcrel) pc += fieldAddr;
        entries.push([pc, addr + (r.at - fileOff)]);
      }
    } catch {
      return undefined;
    }
    return entries;
  }
}
