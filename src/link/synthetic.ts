// Sections the linker makes itself: the GOT and PLT, dynamic relocations,
// the space for common symbols and copy relocations, .interp and the build-id
// note. The dynamic-symbol sections live in dynamic.ts. Each one's size is
// fixed before layout; its contents are written after addresses are known.

import { alignUp, setU64 } from "../elf/bytes.js";
import {
  NT_GNU_BUILD_ID, RELA_SIZE, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_NOTE, SHT_PROGBITS, SHT_RELA,
} from "../elf/constants.js";
import { encodeRelas } from "../elf/writer.js";
import type { Context } from "./context.js";
import { Chunk } from "./files.js";
import type { Symbol } from "./symbol.js";

export abstract class SyntheticSection extends Chunk {
  entsize = 0;
  abstract write(ctx: Context, out: Uint8Array, dv: DataView): void;
}

// ---- GOT ------------------------------------------------------------------------

export type GotEntryKind =
  /** The symbol's address (GLOB_DAT when preemptible, RELATIVE in PIC output, else static). */
  | "addr"
  /** Thread-pointer offset for initial-exec TLS (TPOFF64 when preemptible or in a shared object). */
  | "tpoff"
  /** Module id for general/local-dynamic TLS (DTPMOD64; 1 in executables). */
  | "dtpmod"
  /** Offset within the module's TLS block (DTPOFF64 when preemptible). */
  | "dtpoff"
  /** The address of .dynamic (0 without one): the reserved first word of .got on some targets. */
  | "dynamic"
  /** One of the two words of a TLS descriptor, filled by the dynamic linker. */
  | "tlsdesc";

export interface GotEntry {
  kind: GotEntryKind;
  sym: Symbol | undefined;
}

export class GotSection extends SyntheticSection {
  readonly name = ".got";
  readonly type = SHT_PROGBITS;
  readonly flags = SHF_ALLOC | SHF_WRITE;
  readonly align = 8;
  entsize = 8;
  readonly entries: GotEntry[] = [];
  /** Slot of the shared module-id pair for local-dynamic TLS (−1: none yet). */
  tlsLdIndex = -1;

  get size(): number {
    return this.entries.length * 8;
  }

  add(kind: GotEntryKind, sym: Symbol | undefined): number {
    this.entries.push({ kind, sym });
    return this.entries.length - 1;
  }

  entryAddr(index: number): number {
    return this.addr + index * 8;
  }

  write(ctx: Context, out: Uint8Array, dv: DataView): void {
    this.entries.forEach((e, i) => setU64(dv, this.fileOffset + i * 8, ctx.gotEntryStaticValue(e)));
  }
}

/** .got.plt: reserved header words, then one slot per lazily bound PLT entry, then IFUNC slots. */
export class GotPltSection extends SyntheticSection {
  readonly name = ".got.plt";
  readonly type = SHT_PROGBITS;
  readonly flags = SHF_ALLOC | SHF_WRITE;
  readonly align = 8;
  entsize = 8;
  constructor(private readonly ctx: Context) {
    super();
  }

  get headerEntries(): number {
    return this.ctx.hasDynamicSection ? this.ctx.target.gotPltHeaderEntries : 0;
  }

  get size(): number {
    const n = this.ctx.plt.symbols.length + this.ctx.iplt.symbols.length;
    // Keep the header whenever the section exists: _GLOBAL_OFFSET_TABLE_ points at it.
    return (n > 0 || this.ctx.hasDynamicSection ? this.headerEntries : 0) * 8 + n * 8;
  }

  slotAddr(pltIndex: number): number {
    return this.addr + (this.headerEntries + pltIndex) * 8;
  }

  ipltSlotAddr(ipltIndex: number): number {
    return this.slotAddr(this.ctx.plt.symbols.length + ipltIndex);
  }

  write(ctx: Context, out: Uint8Array, dv: DataView): void {
    if (this.size === 0) return;
    if (this.headerEntries > 0) setU64(dv, this.fileOffset, ctx.dynamic ? ctx.dynamic.addr : 0);
    ctx.plt.symbols.forEach((s, i) => {
      const slot = this.slotAddr(i) - this.addr + this.fileOffset;
      setU64(dv, slot, ctx.target.lazySlotValue(ctx.plt.entryAddr(i), ctx.plt.addr));
    });
    // IFUNC slots start as the resolver's address; IRELATIVE replaces it at start-up.
    ctx.iplt.symbols.forEach((s, i) => {
      setU64(dv, this.ipltSlotAddr(i) - this.addr + this.fileOffset, ctx.definedAddr(s));
    });
  }
}

/** The lazily bound PLT: a header, then one entry per preemptible function called. */
export class PltSection extends SyntheticSection {
  readonly name = ".plt";
  readonly type = SHT_PROGBITS;
  readonly flags = SHF_ALLOC | SHF_EXECINSTR;
  readonly align = 16;
  readonly symbols: Symbol[] = [];
  constructor(private readonly ctx: Context) {
    super();
  }

  get size(): number {
    const t = this.ctx.target;
    return this.symbols.length ? t.pltHeaderSize + this.symbols.length * t.pltEntrySize : 0;
  }

  add(sym: Symbol): void {
    if (sym.pltIndex >= 0) return;
    sym.pltIndex = this.symbols.length;
    this.symbols.push(sym);
  }

  entryAddr(i: number): number {
    const t = this.ctx.target;
    return this.addr + t.pltHeaderSize + i * t.pltEntrySize;
  }

  write(ctx: Context, out: Uint8Array, dv: DataView): void {
    if (!this.symbols.length) return;
    const t = ctx.target;
    t.writePltHeader(dv, this.fileOffset, this.addr, ctx.gotPlt.addr);
    const lazy = !ctx.bindNow;
    this.symbols.forEach((s, i) => {
      const at = this.fileOffset + t.pltHeaderSize + i * t.pltEntrySize;
      t.writePltEntry(dv, at, this.entryAddr(i), ctx.gotPlt.slotAddr(i), i, this.addr, lazy);
    });
  }
}

/** PLT entries for IFUNCs defined in the output: they jump through slots that IRELATIVE fills. */
export class IpltSection extends SyntheticSection {
  readonly name = ".iplt";
  readonly type = SHT_PROGBITS;
  readonly flags = SHF_ALLOC | SHF_EXECINSTR;
  readonly align = 16;
  readonly symbols: Symbol[] = [];
  constructor(private readonly ctx: Context) {
    super();
  }

  get size(): number {
    return this.symbols.length * this.ctx.target.pltEntrySize;
  }

  add(sym: Symbol): void {
    if (sym.ipltIndex >= 0) return;
    sym.ipltIndex = this.symbols.length;
    this.symbols.push(sym);
  }

  entryAddr(i: number): number {
    return this.addr + i * this.ctx.target.pltEntrySize;
  }

  write(ctx: Context, out: Uint8Array, dv: DataView): void {
    const t = ctx.target;
    this.symbols.forEach((s, i) => {
      t.writePltEntry(dv, this.fileOffset + i * t.pltEntrySize, this.entryAddr(i), ctx.gotPlt.ipltSlotAddr(i), i, 0, false);
    });
  }
}

// ---- dynamic relocations --------------------------------------------------------------

export interface DynReloc {
  /** The chunk and offset patched at run time. */
  chunk: Chunk;
  offset: number;
  type: number;
  /** Symbol for symbolic relocations (its .dynsym index goes in r_info). */
  sym: Symbol | undefined;
  /** The addend, computed once addresses are known. */
  addend: () => number;
}

export class RelaSection extends SyntheticSection {
  readonly type = SHT_RELA;
  readonly flags = SHF_ALLOC;
  readonly align = 8;
  readonly entsize = RELA_SIZE;
  readonly relocs: DynReloc[] = [];

  constructor(readonly name: string, private readonly relativeType: number) {
    super();
  }

  get size(): number {
    return this.relocs.length * RELA_SIZE;
  }

  add(r: DynReloc): void {
    this.relocs.push(r);
  }

  /** Number of RELATIVE relocations (sorted first, for DT_RELACOUNT). */
  get relativeCount(): number {
    return this.relocs.filter((r) => r.type === this.relativeType).length;
  }

  write(ctx: Context, out: Uint8Array): void {
    // RELATIVE first (the dynamic linker handles them in a fast loop), then the rest in order.
    const sorted = [...this.relocs.filter((r) => r.type === this.relativeType), ...this.relocs.filter((r) => r.type !== this.relativeType)];
    const bytes = encodeRelas(sorted.map((r) => ({
      offset: r.chunk.addr + r.offset, type: r.type, sym: r.sym ? Math.max(0, r.sym.dynIndex) : 0, addend: r.addend(),
    })));
    out.set(bytes, this.fileOffset);
  }
}

// ---- data for common symbols and copy relocations ---------------------------------------

/** Zero-initialised space carved out for symbols (COMMON, copy relocations). */
export class BssSection extends SyntheticSection {
  readonly type = SHT_NOBITS;
  readonly flags = SHF_ALLOC | SHF_WRITE;
  align = 1;
  private used = 0;

  constructor(readonly name: string) {
    super();
  }

  get size(): number {
    return this.used;
  }

  /** Reserve `size` bytes aligned to `align`; returns their offset. */
  allocate(size: number, align: number): number {
    this.align = Math.max(this.align, align);
    const off = alignUp(this.used, align);
    this.used = off + Math.max(size, 0);
    return off;
  }

  write(): void {}
}

// ---- small fixed sections -------------------------------------------------------------

export class InterpSection extends SyntheticSection {
  readonly name = ".interp";
  readonly type = SHT_PROGBITS;
  readonly flags = SHF_ALLOC;
  readonly align = 1;
  constructor(readonly path: string) {
    super();
  }

  get size(): number {
    return this.path.length + 1;
  }

  write(ctx: Context, out: Uint8Array): void {
    for (let i = 0; i < this.path.length; i++) out[this.fileOffset + i] = this.path.charCodeAt(i);
  }
}

/** .note.gnu.build-id; the hash is filled in over the finished file. */
export class BuildIdSection extends SyntheticSection {
  readonly name = ".note.gnu.build-id";
  readonly type = SHT_NOTE;
  readonly flags = SHF_ALLOC;
  readonly align = 4;
  constructor(readonly hashSize: number) {
    super();
  }

  get size(): number {
    return 16 + this.hashSize;
  }

  get hashOffset(): number {
    return this.fileOffset + 16;
  }

  write(ctx: Context, out: Uint8Array, dv: DataView): void {
    const o = this.fileOffset;
    dv.setUint32(o, 4, true);
    dv.setUint32(o + 4, this.hashSize, true);
    dv.setUint32(o + 8, NT_GNU_BUILD_ID, true);
    out.set([0x47, 0x4e, 0x55, 0], o + 12); // "GNU\0"
  }
}
