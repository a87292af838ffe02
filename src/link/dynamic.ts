// The sections the dynamic linker reads: .dynsym/.dynstr, .gnu.hash and
// .hash for symbol lookup, .gnu.version/.gnu.version_r for symbol versions,
// and .dynamic itself. Symbol order in .dynsym is fixed by `finalize`: the
// GNU hash table requires the hashed (defined) symbols last, grouped by bucket.

import { setU64 } from "../elf/bytes.js";
import {
  DYN_SIZE, SHF_ALLOC, SHF_WRITE, SHN_ABS, SHN_UNDEF, SHT_DYNAMIC, SHT_DYNSYM, SHT_GNU_HASH, SHT_GNU_VERNEED,
  SHT_GNU_VERSYM, SHT_HASH, SHT_STRTAB, STB_GLOBAL, STB_WEAK, STT_FUNC, STT_GNU_IFUNC, STV_DEFAULT, STV_PROTECTED,
  SYM_SIZE, VER_NDX_GLOBAL,
} from "../elf/constants.js";
import { encodeSymbols, StringTable } from "../elf/writer.js";
import type { Context } from "./context.js";
import type { SharedFile } from "./files.js";
import { SyntheticSection } from "./synthetic.js";
import type { Symbol } from "./symbol.js";

export function gnuHash(name: string): number {
  let h = 5381;
  for (let i = 0; i < name.length; i++) h = (h * 33 + name.charCodeAt(i)) >>> 0;
  return h;
}

export function sysvHash(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) {
    h = ((h << 4) + name.charCodeAt(i)) >>> 0;
    const g = h & 0xf0000000;
    if (g) h ^= g >>> 24;
    h &= ~g >>> 0;
    h >>>= 0;
  }
  return h;
}

export class DynstrSection extends SyntheticSection {
  readonly name = ".dynstr";
  readonly type = SHT_STRTAB;
  readonly flags = SHF_ALLOC;
  readonly align = 1;
  readonly table = new StringTable();

  get size(): number {
    return this.table.size;
  }

  write(ctx: Context, out: Uint8Array): void {
    out.set(this.table.finish(), this.fileOffset);
  }
}

export class DynsymSection extends SyntheticSection {
  readonly name = ".dynsym";
  readonly type = SHT_DYNSYM;
  readonly flags = SHF_ALLOC;
  readonly align = 8;
  readonly entsize = SYM_SIZE;
  /** Symbols in .dynsym order (index 0, the null symbol, not included). */
  symbols: Symbol[] = [];
  private readonly set = new Set<Symbol>();
  /** Index of the first symbol covered by the GNU hash table. */
  hashedStart = 1;
  nbuckets = 1;

  add(sym: Symbol): void {
    if (!this.set.has(sym)) {
      this.set.add(sym);
      this.symbols.push(sym);
    }
  }

  get size(): number {
    return (this.symbols.length + 1) * SYM_SIZE;
  }

  /** Fix the order: undefined symbols first, then defined ones grouped by GNU hash bucket. */
  finalize(ctx: Context): void {
    const isDef = (s: Symbol): boolean => ctx.isDynamicDefinition(s);
    const undef = this.symbols.filter((s) => !isDef(s));
    const def = this.symbols.filter(isDef);
    this.nbuckets = Math.max(1, Math.floor(def.length / 4));
    const bucket = (s: Symbol): number => gnuHash(s.name) % this.nbuckets;
    def.sort((a, b) => bucket(a) - bucket(b));
    this.symbols = [...undef, ...def];
    this.hashedStart = undef.length + 1;
    this.symbols.forEach((s, i) => { s.dynIndex = i + 1; });
    for (const s of this.symbols) ctx.dynstr.table.add(s.name);
  }

  write(ctx: Context, out: Uint8Array): void {
    const strtab = ctx.dynstr.table;
    const entries = [{ nameOffset: 0, name: "", value: 0, size: 0, bind: 0, type: 0, visibility: 0, shndx: 0 }];
    for (const s of this.symbols) {
      const def = ctx.isDynamicDefinition(s);
      // A function from a shared object used as a pointer in non-PIC code: its PLT entry is its address.
      const value = def ? ctx.symbolTableValue(s) : s.canonicalPlt ? ctx.pltAddr(s) : 0;
      const outSec = def ? ctx.outputSectionOf(s) : undefined;
      entries.push({
        nameOffset: strtab.add(s.name), name: s.name, value, size: def ? s.size : 0,
        // An import is weak when only weak references want it (it may then be missing at run time).
        bind: (def ? s.weak : !s.strongRef) ? STB_WEAK : STB_GLOBAL,
        type: s.type === STT_GNU_IFUNC && !def ? STT_FUNC : s.type,
        visibility: s.visibility === STV_PROTECTED ? STV_PROTECTED : STV_DEFAULT,
        shndx: def ? (outSec?.index ?? SHN_ABS) : SHN_UNDEF,
      });
    }
    out.set(encodeSymbols(entries), this.fileOffset);
  }
}

export class GnuHashSection extends SyntheticSection {
  readonly name = ".gnu.hash";
  readonly type = SHT_GNU_HASH;
  readonly flags = SHF_ALLOC;
  readonly align = 8;
  private readonly shift2 = 6;

  constructor(private readonly dynsym: DynsymSection) {
    super();
  }

  private get hashedCount(): number {
    return this.dynsym.symbols.length + 1 - this.dynsym.hashedStart;
  }

  private get maskWords(): number {
    // A power of two; about one 64-bit bloom word per 8 symbols keeps false positives rare.
    let n = 1;
    while (n * 8 < this.hashedCount) n *= 2;
    return n;
  }

  get size(): number {
    return 16 + this.maskWords * 8 + this.dynsym.nbuckets * 4 + this.hashedCount * 4;
  }

  write(ctx: Context, out: Uint8Array, dv: DataView): void {
    const o = this.fileOffset;
    const nb = this.dynsym.nbuckets;
    const mw = this.maskWords;
    dv.setUint32(o, nb, true);
    dv.setUint32(o + 4, this.dynsym.hashedStart, true);
    dv.setUint32(o + 8, mw, true);
    dv.setUint32(o + 12, this.shift2, true);
    const hashed = this.dynsym.symbols.slice(this.dynsym.hashedStart - 1);
    const bloom = new Array<bigint>(mw).fill(0n);
    const buckets = new Array<number>(nb).fill(0);
    const chainAt = o + 16 + mw * 8 + nb * 4;
    hashed.forEach((s, i) => {
      const h = gnuHash(s.name);
      const word = Math.floor(h / 64) % mw;
      bloom[word] |= (1n << BigInt(h % 64)) | (1n << BigInt((h >>> this.shift2) % 64));
      const b = h % nb;
      if (buckets[b] === 0) buckets[b] = this.dynsym.hashedStart + i;
      const last = i === hashed.length - 1 || gnuHash(hashed[i + 1].name) % nb !== b;
      dv.setUint32(chainAt + i * 4, last ? (h | 1) >>> 0 : (h & ~1) >>> 0, true);
    });
    bloom.forEach((w, i) => dv.setBigUint64(o + 16 + i * 8, w, true));
    buckets.forEach((b, i) => dv.setUint32(o + 16 + mw * 8 + i * 4, b, true));
  }
}

/** The classic SysV hash table (--hash-style=sysv/both). */
export class SysvHashSection extends SyntheticSection {
  readonly name = ".hash";
  readonly type = SHT_HASH;
  readonly flags = SHF_ALLOC;
  readonly align = 8;
  readonly entsize = 4;

  constructor(private readonly dynsym: DynsymSection) {
    super();
  }

  private get nchain(): number {
    return this.dynsym.symbols.length + 1;
  }

  private get nbucket(): number {
    return Math.max(1, this.nchain);
  }

  get size(): number {
    return 8 + (this.nbucket + this.nchain) * 4;
  }

  write(ctx: Context, out: Uint8Array, dv: DataView): void {
    const o = this.fileOffset;
    dv.setUint32(o, this.nbucket, true);
    dv.setUint32(o + 4, this.nchain, true);
    const bucketAt = o + 8;
    const chainAt = bucketAt + this.nbucket * 4;
    this.dynsym.symbols.forEach((s, i) => {
      const idx = i + 1;
      const b = sysvHash(s.name) % this.nbucket;
      dv.setUint32(chainAt + idx * 4, dv.getUint32(bucketAt + b * 4, true), true);
      dv.setUint32(bucketAt + b * 4, idx, true);
    });
  }
}

// ---- symbol versions ----------------------------------------------------------------------

interface VersionNeed {
  file: SharedFile;
  versions: Array<{ name: string; index: number }>;
}

export class VerneedSection extends SyntheticSection {
  readonly name = ".gnu.version_r";
  readonly type = SHT_GNU_VERNEED;
  readonly flags = SHF_ALLOC;
  readonly align = 8;
  readonly needs: VersionNeed[] = [];
  private nextIndex = 2; // 0 local, 1 global

  /** The .gnu.version index for `version` of `file`, allocating it on first use. */
  indexFor(file: SharedFile, version: string): number {
    let need = this.needs.find((n) => n.file === file);
    if (!need) {
      need = { file, versions: [] };
      this.needs.push(need);
    }
    let v = need.versions.find((x) => x.name === version);
    if (!v) {
      v = { name: version, index: this.nextIndex++ };
      need.versions.push(v);
    }
    return v.index;
  }

  get size(): number {
    return this.needs.reduce((n, need) => n + 16 + need.versions.length * 16, 0);
  }

  internStrings(ctx: Context): void {
    for (const n of this.needs) {
      ctx.dynstr.table.add(n.file.soname);
      for (const v of n.versions) ctx.dynstr.table.add(v.name);
    }
  }

  write(ctx: Context, out: Uint8Array, dv: DataView): void {
    const str = ctx.dynstr.table;
    let o = this.fileOffset;
    this.needs.forEach((n, ni) => {
      const size = 16 + n.versions.length * 16;
      dv.setUint16(o, 1, true); // vn_version
      dv.setUint16(o + 2, n.versions.length, true);
      dv.setUint32(o + 4, str.add(n.file.soname), true);
      dv.setUint32(o + 8, 16, true); // vn_aux
      dv.setUint32(o + 12, ni === this.needs.length - 1 ? 0 : size, true);
      n.versions.forEach((v, vi) => {
        const a = o + 16 + vi * 16;
        dv.setUint32(a, sysvHash(v.name), true);
        dv.setUint16(a + 4, 0, true);
        dv.setUint16(a + 6, v.index, true);
        dv.setUint32(a + 8, str.add(v.name), true);
        dv.setUint32(a + 12, vi === n.versions.length - 1 ? 0 : 16, true);
      });
      o += size;
    });
  }
}

export class VersymSection extends SyntheticSection {
  readonly name = ".gnu.version";
  readonly type = SHT_GNU_VERSYM;
  readonly flags = SHF_ALLOC;
  readonly align = 2;
  readonly entsize = 2;

  constructor(private readonly dynsym: DynsymSection, private readonly verneed: VerneedSection) {
    super();
  }

  get size(): number {
    return (this.dynsym.symbols.length + 1) * 2;
  }

  /** Allocate version indexes for every versioned shared symbol (before sizes are final). */
  assign(ctx: Context): void {
    for (const s of this.dynsym.symbols) {
      if (s.kind === "shared" && s.version && s.file && "soname" in s.file) this.verneed.indexFor(s.file, s.version);
    }
  }

  write(ctx: Context, out: Uint8Array, dv: DataView): void {
    dv.setUint16(this.fileOffset, 0, true);
    this.dynsym.symbols.forEach((s, i) => {
      let v = VER_NDX_GLOBAL;
      if (s.kind === "shared" && s.version && s.file && "soname" in s.file) v = this.verneed.indexFor(s.file, s.version);
      dv.setUint16(this.fileOffset + (i + 1) * 2, v, true);
    });
  }
}

// ---- .dynamic -------------------------------------------------------------------------------

export class DynamicSection extends SyntheticSection {
  readonly name = ".dynamic";
  readonly type = SHT_DYNAMIC;
  readonly flags = SHF_ALLOC | SHF_WRITE;
  readonly align = 8;
  readonly entsize = DYN_SIZE;
  /** Tags with their values, computed at write time (addresses are not known before). */
  entries: Array<{ tag: number; value: () => number }> = [];

  get size(): number {
    return (this.entries.length + 1) * DYN_SIZE;
  }

  write(ctx: Context, out: Uint8Array, dv: DataView): void {
    this.entries.forEach((e, i) => {
      setU64(dv, this.fileOffset + i * DYN_SIZE, e.tag);
      setU64(dv, this.fileOffset + i * DYN_SIZE + 8, e.value());
    });
  }
}
