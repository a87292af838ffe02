// Reading ELF64 little-endian files: headers, sections, symbol tables,
// relocations, and the dynamic information of shared objects (dynsym,
// .gnu.version, .gnu.version_d). Everything is read lazily from the original
// bytes; nothing here knows about linking.

import { ByteView, FormatError } from "./bytes.js";
import {
  DYN_SIZE, EHDR_SIZE, ELFCLASS64, ELFDATA2LSB, ELFMAG, RELA_SIZE, SHDR_SIZE, SHN_LORESERVE, SHN_XINDEX,
  SHT_DYNAMIC, SHT_DYNSYM, SHT_GNU_VERDEF, SHT_GNU_VERSYM, SHT_NOBITS, SHT_SYMTAB, SHT_SYMTAB_SHNDX, SYM_SIZE,
  VERSYM_HIDDEN, VER_FLG_BASE, DT,
} from "./constants.js";
import type { DynSymbol, DynamicEntry, ElfHeader, ElfSymbol, Rela, SectionHeader, VersionDef } from "./types.js";

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ELFMAG.every((b, i) => bytes[i] === b);
}

export class ElfFile {
  readonly data: ByteView;
  readonly header: ElfHeader;
  readonly sections: SectionHeader[];

  constructor(bytes: Uint8Array) {
    this.data = new ByteView(bytes);
    const d = this.data;
    if (!isElf(bytes)) throw new FormatError("not an ELF file");
    d.check(0, EHDR_SIZE, "ELF header");
    if (d.u8(4) !== ELFCLASS64) throw new FormatError("not a 64-bit ELF file (ELFCLASS32?)");
    if (d.u8(5) !== ELFDATA2LSB) throw new FormatError("not a little-endian ELF file");
    this.header = {
      type: d.u16(16), machine: d.u16(18), osabi: d.u8(7), entry: d.u64(24), phoff: d.u64(32),
      shoff: d.u64(40), flags: d.u32(48), phnum: d.u16(56), shnum: d.u16(60), shstrndx: d.u16(62),
    };
    this.sections = this.readSections();
  }

  private readSections(): SectionHeader[] {
    const d = this.data;
    const h = this.header;
    if (h.shoff === 0) return [];
    d.check(h.shoff, SHDR_SIZE, "section header table");
    // Huge section counts live in the first header's sh_size / sh_link (gABI "extended numbering").
    const shnum = h.shnum === 0 ? d.u64(h.shoff + 32) : h.shnum;
    const shstrndx = h.shstrndx === SHN_XINDEX ? d.u32(h.shoff + 40) : h.shstrndx;
    d.check(h.shoff, shnum * SHDR_SIZE, "section header table");
    const raw: SectionHeader[] = [];
    for (let i = 0; i < shnum; i++) {
      const o = h.shoff + i * SHDR_SIZE;
      raw.push({
        index: i, name: "", type: d.u32(o + 4), flags: d.u64(o + 8), addr: d.u64(o + 16),
        offset: d.u64(o + 24), size: d.u64(o + 32), link: d.u32(o + 40), info: d.u32(o + 44),
        addralign: d.u64(o + 48), entsize: d.u64(o + 56),
      });
      raw[i].name = String(d.u32(o)); // resolved below, once shstrtab is known
    }
    const strtab = raw[shstrndx];
    for (const s of raw) {
      const off = Number(s.name);
      s.name = strtab && off < strtab.size ? d.cstr(strtab.offset + off, strtab.offset + strtab.size) : "";
      if (s.type !== SHT_NOBITS && s.type !== 0) d.check(s.offset, s.size, `section ${s.name}`);
    }
    return raw;
  }

  /** The bytes of a section (empty for SHT_NOBITS). A view: do not modify. */
  contents(s: SectionHeader): Uint8Array {
    if (s.type === SHT_NOBITS) return new Uint8Array(0);
    return this.data.sub(s.offset, s.size);
  }

  sectionByName(name: string): SectionHeader | undefined {
    return this.sections.find((s) => s.name === name);
  }

  /** A string from the string table in section `strtabIndex`. */
  string(strtabIndex: number, offset: number): string {
    const s = this.sections[strtabIndex];
    if (!s) throw new FormatError(`bad string table index ${strtabIndex}`);
    if (offset >= s.size) throw new FormatError(`string offset ${offset} outside ${s.name}`);
    return this.data.cstr(s.offset + offset, s.offset + s.size);
  }

  /** The symbols of a SHT_SYMTAB or SHT_DYNSYM section, index 0 included. */
  symbols(symtab: SectionHeader): ElfSymbol[] {
    const d = this.data;
    const n = Math.floor(symtab.size / SYM_SIZE);
    const xindex = this.sections.find((s) => s.type === SHT_SYMTAB_SHNDX && s.link === symtab.index);
    const strtab = this.sections[symtab.link];
    if (!strtab) throw new FormatError(`symbol table ${symtab.name} has no string table`);
    const strEnd = strtab.offset + strtab.size;
    const out: ElfSymbol[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const o = symtab.offset + i * SYM_SIZE;
      const nameOff = d.u32(o);
      const info = d.u8(o + 4);
      let shndx = d.u16(o + 6);
      if (shndx === SHN_XINDEX && xindex) shndx = d.u32(xindex.offset + i * 4);
      out[i] = {
        name: nameOff === 0 ? "" : d.cstr(strtab.offset + nameOff, strEnd),
        value: d.u64(o + 8), size: d.u64(o + 16), bind: info >> 4, type: info & 0xf,
        visibility: d.u8(o + 5) & 3, shndx,
      };
    }
    return out;
  }

  symtab(): SectionHeader | undefined {
    return this.sections.find((s) => s.type === SHT_SYMTAB);
  }

  /** The entries of a SHT_RELA section. */
  relocations(rela: SectionHeader): Rela[] {
    const d = this.data;
    const n = Math.floor(rela.size / RELA_SIZE);
    const out: Rela[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const o = rela.offset + i * RELA_SIZE;
      out[i] = { offset: d.u64(o), type: d.u32(o + 8), sym: d.u32(o + 12), addend: d.i64(o + 16) };
    }
    return out;
  }

  /** The .dynamic entries up to DT_NULL. */
  dynamic(): DynamicEntry[] {
    const s = this.sections.find((x) => x.type === SHT_DYNAMIC);
    if (!s) return [];
    const out: DynamicEntry[] = [];
    for (let o = s.offset; o + DYN_SIZE <= s.offset + s.size; o += DYN_SIZE) {
      const tag = this.data.i64(o);
      if (tag === 0) break;
      out.push({ tag, value: this.data.u64(o + 8) });
    }
    return out;
  }
}

/** True for section indexes that name a section (not SHN_UNDEF/ABS/COMMON). */
export const isRegularIndex = (shndx: number): boolean => shndx !== 0 && (shndx < SHN_LORESERVE || shndx > 0xffff);

/** What a linker needs from a shared object: its name, dependencies and versioned dynamic symbols. */
export interface SharedObjectInfo {
  soname: string | undefined;
  needed: string[];
  symbols: DynSymbol[];
  versions: VersionDef[];
}

export function readSharedObject(elf: ElfFile): SharedObjectInfo {
  const dynsym = elf.sections.find((s) => s.type === SHT_DYNSYM);
  const dynamicSec = elf.sections.find((s) => s.type === SHT_DYNAMIC);
  const dyn = elf.dynamic();
  const strtabIndex = dynamicSec?.link ?? dynsym?.link ?? 0;
  const dynStr = (off: number): string => elf.string(strtabIndex, off);
  let soname: string | undefined;
  const needed: string[] = [];
  for (const e of dyn) {
    if (e.tag === DT.get("DT_SONAME")) soname = dynStr(e.value);
    else if (e.tag === DT.get("DT_NEEDED")) needed.push(dynStr(e.value));
  }

  const versions = readVersionDefs(elf);
  const byIndex = new Map(versions.map((v) => [v.index, v]));
  const raw = dynsym ? elf.symbols(dynsym) : [];
  const versym = elf.sections.find((s) => s.type === SHT_GNU_VERSYM);
  const symbols: DynSymbol[] = raw.map((s, i) => {
    let version: string | undefined;
    let hidden = false;
    if (versym && i > 0) {
      const v = elf.data.u16(versym.offset + i * 2);
      hidden = (v & VERSYM_HIDDEN) !== 0;
      const def = byIndex.get(v & ~VERSYM_HIDDEN);
      // The base version (the file's own name) is no real version: treat as unversioned.
      if (def && (def.flags & VER_FLG_BASE) === 0) version = def.name;
    }
    return { ...s, version, hidden };
  });
  return { soname, needed, symbols, versions };
}

/** The version definitions (.gnu.version_d) of a shared object. */
export function readVersionDefs(elf: ElfFile): VersionDef[] {
  const sec = elf.sections.find((s) => s.type === SHT_GNU_VERDEF);
  if (!sec) return [];
  const d = elf.data;
  const out: VersionDef[] = [];
  let o = sec.offset;
  for (let guard = 0; guard < 100000; guard++) {
    d.check(o, 20, "version definition");
    const flags = d.u16(o + 2);
    const index = d.u16(o + 4);
    const cnt = d.u16(o + 6);
    const aux = d.u32(o + 12);
    const next = d.u32(o + 16);
    if (cnt > 0) out.push({ index, flags, name: elf.string(sec.link, d.u32(o + aux)) });
    if (next === 0) break;
    o += next;
  }
  return out;
}
