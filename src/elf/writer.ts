// Writing ELF64 little-endian files. The caller decides where section contents
// go (a linker lays out segments; `assignOffsets` does it for relocatable
// objects); the writer appends the section-name table and the section header
// table, and serialises headers, symbols, relocations and dynamic entries.

import { alignUp, ByteWriter, setU64 } from "./bytes.js";
import {
  DYN_SIZE, EHDR_SIZE, ELFCLASS64, ELFDATA2LSB, ELFMAG, EV_CURRENT, PHDR_SIZE, RELA_SIZE, SHDR_SIZE,
  ELFOSABI_NONE, ET, SHT_NOBITS, SHT_STRTAB, SHT_SYMTAB, SYM_SIZE, stInfo,
} from "./constants.js";
import type { DynamicEntry, ElfHeader, ElfSymbol, ProgramHeader, Rela, SectionHeader } from "./types.js";

/** Collects NUL-terminated strings, sharing identical ones; offset 0 is the empty string. */
export class StringTable {
  private readonly offsets = new Map<string, number>([["", 0]]);
  private readonly w = new ByteWriter().u8(0);

  add(s: string): number {
    let off = this.offsets.get(s);
    if (off === undefined) {
      off = this.w.length;
      this.offsets.set(s, off);
      for (let i = 0; i < s.length; i++) this.w.u8(s.charCodeAt(i));
      this.w.u8(0);
    }
    return off;
  }

  get size(): number {
    return this.w.length;
  }

  finish(): Uint8Array {
    return this.w.finish();
  }
}

/** A section to write: its header (offset already assigned unless NOBITS) and contents. */
export interface SectionImage {
  header: Omit<SectionHeader, "index">;
  data: Uint8Array | undefined;
}

export interface ElfImage {
  header: Omit<ElfHeader, "phoff" | "shoff" | "phnum" | "shnum" | "shstrndx">;
  /** Written at offset EHDR_SIZE; the caller must leave room for them. */
  programHeaders: ProgramHeader[];
  /** Sections after the null section, in section-index order. */
  sections: SectionImage[];
  /** Size of the laid-out part (the shstrtab and section headers go after it). */
  contentEnd: number;
  /** The laid-out part as one buffer, when the caller built it (section `data` may then be omitted). */
  content?: Uint8Array;
}

/** For relocatable output: place each section's contents after the ELF header, aligned. */
export function assignOffsets(sections: SectionImage[], start = EHDR_SIZE): number {
  let off = start;
  for (const s of sections) {
    off = alignUp(off, Math.max(1, s.header.addralign));
    s.header.offset = off;
    if (s.header.type !== SHT_NOBITS) off += s.header.size;
  }
  return off;
}

export function writeElf(img: ElfImage): Uint8Array {
  const names = new StringTable();
  const nameOffsets = img.sections.map((s) => names.add(s.header.name));
  const shstrtabName = names.add(".shstrtab");
  const shstrtab = names.finish();
  const shstrtabOffset = img.contentEnd;
  const shoff = alignUp(shstrtabOffset + shstrtab.length, 8);
  const shnum = img.sections.length + 2; // null section first, .shstrtab last
  const total = shoff + shnum * SHDR_SIZE;

  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  if (img.content) out.set(img.content.subarray(0, img.contentEnd), 0);
  // ELF header.
  out.set(ELFMAG, 0);
  out[4] = ELFCLASS64;
  out[5] = ELFDATA2LSB;
  out[6] = EV_CURRENT;
  out[7] = img.header.osabi;
  dv.setUint16(16, img.header.type, true);
  dv.setUint16(18, img.header.machine, true);
  dv.setUint32(20, EV_CURRENT, true);
  setU64(dv, 24, img.header.entry);
  setU64(dv, 32, img.programHeaders.length ? EHDR_SIZE : 0);
  setU64(dv, 40, shoff);
  dv.setUint32(48, img.header.flags, true);
  dv.setUint16(52, EHDR_SIZE, true);
  dv.setUint16(54, img.programHeaders.length ? PHDR_SIZE : 0, true);
  dv.setUint16(56, img.programHeaders.length, true);
  dv.setUint16(58, SHDR_SIZE, true);
  dv.setUint16(60, shnum, true);
  dv.setUint16(62, shnum - 1, true);

  img.programHeaders.forEach((p, i) => {
    const o = EHDR_SIZE + i * PHDR_SIZE;
    dv.setUint32(o, p.type, true);
    dv.setUint32(o + 4, p.flags, true);
    setU64(dv, o + 8, p.offset);
    setU64(dv, o + 16, p.vaddr);
    setU64(dv, o + 24, p.paddr);
    setU64(dv, o + 32, p.filesz);
    setU64(dv, o + 40, p.memsz);
    setU64(dv, o + 48, p.align);
  });

  for (const s of img.sections) {
    if (s.data && s.header.type !== SHT_NOBITS) out.set(s.data.subarray(0, s.header.size), s.header.offset);
  }
  out.set(shstrtab, shstrtabOffset);

  const writeShdr = (i: number, name: number, h: Omit<SectionHeader, "index" | "name">): void => {
    const o = shoff + i * SHDR_SIZE;
    dv.setUint32(o, name, true);
    dv.setUint32(o + 4, h.type, true);
    setU64(dv, o + 8, h.flags);
    setU64(dv, o + 16, h.addr);
    setU64(dv, o + 24, h.offset);
    setU64(dv, o + 32, h.size);
    dv.setUint32(o + 40, h.link, true);
    dv.setUint32(o + 44, h.info, true);
    setU64(dv, o + 48, h.addralign);
    setU64(dv, o + 56, h.entsize);
  };
  img.sections.forEach((s, i) => writeShdr(i + 1, nameOffsets[i], s.header));
  writeShdr(shnum - 1, shstrtabName, {
    type: SHT_STRTAB, flags: 0, addr: 0, offset: shstrtabOffset, size: shstrtab.length,
    link: 0, info: 0, addralign: 1, entsize: 0,
  });
  return out;
}

/** Symbols with their names already in a string table. */
export function encodeSymbols(syms: ReadonlyArray<ElfSymbol & { nameOffset: number }>): Uint8Array {
  const w = new ByteWriter();
  for (const s of syms) {
    w.u32(s.nameOffset).u8(stInfo(s.bind, s.type)).u8(s.visibility).u16(s.shndx).u64(s.value).u64(s.size);
  }
  return w.finish();
}

export function encodeRelas(relas: readonly Rela[]): Uint8Array {
  const out = new Uint8Array(relas.length * RELA_SIZE);
  const dv = new DataView(out.buffer);
  relas.forEach((r, i) => {
    const o = i * RELA_SIZE;
    setU64(dv, o, r.offset);
    dv.setUint32(o + 8, r.type, true);
    dv.setUint32(o + 12, r.sym, true);
    setU64(dv, o + 16, r.addend);
  });
  return out;
}

export function encodeDynamic(entries: readonly DynamicEntry[]): Uint8Array {
  const out = new Uint8Array(entries.length * DYN_SIZE);
  const dv = new DataView(out.buffer);
  entries.forEach((e, i) => {
    setU64(dv, i * DYN_SIZE, e.tag);
    setU64(dv, i * DYN_SIZE + 8, e.value);
  });
  return out;
}

export { SYM_SIZE, RELA_SIZE, DYN_SIZE };

/**
 * Finish a relocatable object (the assembler's output and `ld -r`'s): append
 * .symtab and .strtab (at index `strtabIndex`; locals before `firstGlobal`),
 * lay the sections out and write the ET_REL file.
 */
export function writeRelocatableObject(
  images: SectionImage[], syms: ReadonlyArray<ElfSymbol & { nameOffset: number }>, strtab: StringTable,
  strtabIndex: number, firstGlobal: number, machine: number, flags = 0,
): Uint8Array {
  const symData = encodeSymbols(syms);
  images.push({ header: { name: ".symtab", type: SHT_SYMTAB, flags: 0, addr: 0, offset: 0, size: symData.length, link: strtabIndex, info: firstGlobal, addralign: 8, entsize: SYM_SIZE }, data: symData });
  const strData = strtab.finish();
  images.push({ header: { name: ".strtab", type: SHT_STRTAB, flags: 0, addr: 0, offset: 0, size: strData.length, link: 0, info: 0, addralign: 1, entsize: 0 }, data: strData });
  const contentEnd = assignOffsets(images);
  return writeElf({ header: { type: ET.get("ET_REL")!, machine, osabi: ELFOSABI_NONE, entry: 0, flags }, programHeaders: [], sections: images, contentEnd });
}
