// The assembled object → an ELF relocatable file, in gas's order: sections in
// creation order, each followed by its .rela section, then .symtab and
// .strtab (the writer appends .shstrtab). Symbol table: null, STT_FILE, local
// symbols (section symbols only where a relocation needs them), then globals,
// each group in creation order.

import type { Assembler } from "./assembler.js";
import type { Reloc } from "./layout.js";
import type { AsmSymbol, Section } from "./model.js";
import { evaluate, isConst } from "./value.js";
import { encodeRelas, StringTable, writeRelocatableObject, type SectionImage } from "../elf/writer.js";
import {
  GRP_COMDAT, RELA_SIZE, SHF_GROUP, SHF_INFO_LINK, SHN_ABS, SHN_COMMON, SHN_UNDEF, SHT_GROUP, SHT_NOBITS, SHT_RELA, SHT_STRTAB, SHF_TLS, STT_OBJECT, STT_TLS, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FILE, STT_SECTION,
} from "../elf/constants.js";
import type { ElfSymbol } from "../elf/types.js";

interface Finished { sec: Section; data: Uint8Array; relocs: Reloc[] }

export function writeObject(asm: Assembler, finished: Finished[]): Uint8Array {
  // ---- section indices: groups first (as gas), then each section and its relocations.
  const groups = new Map<string, Section[]>();
  for (const f of finished) if (f.sec.group) {
    const l = groups.get(f.sec.group.signature) ?? [];
    l.push(f.sec);
    groups.set(f.sec.group.signature, l);
  }
  const order: { kind: "group"; sig: string } [] = [...groups.keys()].map((sig) => ({ kind: "group", sig }));
  let next = 1 + order.length;
  const shndx = new Map<Section, number>();
  const relaIndex = new Map<Section, number>();
  for (const f of finished) {
    shndx.set(f.sec, next++);
    if (f.relocs.length) relaIndex.set(f.sec, next++);
  }
  const symtabIndex = next++;
  const strtabIndex = next++;

  // ---- symbols.
  const strtab = new StringTable();
  const syms: (ElfSymbol & { nameOffset: number })[] = [{ name: "", nameOffset: 0, value: 0, size: 0, bind: STB_LOCAL, type: 0, visibility: 0, shndx: 0 }];
  const index = new Map<AsmSymbol, number>();
  if (asm.fileSymbol !== undefined) {
    syms.push({ name: asm.fileSymbol, nameOffset: strtab.add(asm.fileSymbol), value: 0, size: 0, bind: STB_LOCAL, type: STT_FILE, visibility: 0, shndx: SHN_ABS });
  }
  const groupSigs = new Set(groups.keys());
  const entry = (s: AsmSymbol): ElfSymbol & { nameOffset: number } => {
    let value = 0;
    let sh = SHN_UNDEF;
    let size = 0;
    if (s.isSection) {
      sh = shndx.get(s.section!) ?? SHN_UNDEF;
      return { name: "", nameOffset: 0, value: 0, size: 0, bind: STB_LOCAL, type: STT_SECTION, visibility: 0, shndx: sh };
    }
    if (s.common) {
      sh = SHN_COMMON;
      value = Number(s.common.align);
      size = Number(s.common.size);
    } else if (s.frag && s.section) {
      sh = shndx.get(s.section) ?? SHN_UNDEF;
      value = s.frag.address + s.fragOffset;
      // A label in a TLS section is a TLS symbol, with no `.type` or `.type @object` (as gas does).
      if ((s.type === 0 || s.type === STT_OBJECT) && s.section.flags & SHF_TLS) s.type = STT_TLS;
    } else if (s.equ) {
      const v = evaluate(s.equ, asm);
      if (isConst(v)) { sh = SHN_ABS; value = Number(v.off); }
      else if (v.add && !v.sub && v.add.frag && v.add.section) {
        sh = shndx.get(v.add.section) ?? SHN_UNDEF;
        value = v.add.frag.address + v.add.fragOffset + Number(v.off);
        if (s.type === 0) s.type = v.add.type;
        if ((s.type === 0 || s.type === STT_OBJECT) && v.add.section.flags & SHF_TLS) s.type = STT_TLS;
        if (s.size === undefined) s.size = v.add.size;
      }
    }
    if (s.size && !s.common) {
      const v = evaluate(s.size, asm);
      if (isConst(v)) size = Number(v.off);
      else asm.error(`.size expression for ${s.name} does not evaluate to a constant`);
    }
    const bind = s.bind === "global" ? STB_GLOBAL : s.bind === "weak" ? STB_WEAK : STB_LOCAL;
    const name = s.elfName ?? s.name;
    return { name, nameOffset: strtab.add(name), value, size, bind, type: s.type, visibility: s.visibility, shndx: sh };
  };
  const emitLocal = (s: AsmSymbol): boolean => {
    if (s.bind !== "local" || s.isFile) return false;
    if (s.isSection) return s.usedInReloc || (!!s.section?.group && shndx.has(s.section)) || (!!asm.arch.allSectionSymbols && !!s.section && shndx.has(s.section));
    if (s.name.startsWith("\x02")) return s.elfName !== undefined && (s.usedInReloc || !!s.keep);
    if (asm.isTemporary(s)) return s.usedInReloc;
    return s.defined || !!s.equ;
  };
  let locals = asm.symbolList.filter(emitLocal);
  if (asm.arch.lateLocalLabels) {
    const lazy = (s: AsmSymbol): boolean => !s.isSection && !s.materialized && !s.keep && (asm.isTemporary(s) || s.elfName !== undefined);
    const late = [...locals.filter((s) => s.isSection && s.lateSection === "implicit"), ...locals.filter((s) => s.isSection && s.lateSection === "final")];
    const labels = locals.filter(lazy).sort((a, b) => (a.relocOrder ?? 0) - (b.relocOrder ?? 0));
    locals = [...locals.filter((s) => !lazy(s) && !(s.isSection && s.lateSection)), ...labels, ...late];
  }
  for (const s of locals) { index.set(s, syms.length); syms.push(entry(s)); }
  const firstGlobal = syms.length;
  for (const s of asm.symbolList) {
    if (s.bind === "local" || s.isSection) continue;
    if (!s.defined && !s.referenced && !s.usedInReloc && s.bind !== "weak" && !groupSigs.has(s.name) && !(s.bind === "global")) continue;
    index.set(s, syms.length);
    syms.push(entry(s));
  }

  // ---- section images.
  const images: SectionImage[] = [];
  const sigIndex = (sig: string): number => {
    const s = asm.symbols.get(sig);
    return s ? index.get(s) ?? 0 : 0;
  };
  for (const [sig, members] of groups) {
    const comdat = members[0].group!.comdat;
    const words = [comdat ? GRP_COMDAT : 0];
    for (const m of members) {
      words.push(shndx.get(m)!);
      if (relaIndex.has(m)) words.push(relaIndex.get(m)!);
    }
    const data = new Uint8Array(words.length * 4);
    const dv = new DataView(data.buffer);
    words.forEach((w, i) => dv.setUint32(i * 4, w, true));
    images.push({ header: { name: ".group", type: SHT_GROUP, flags: 0, addr: 0, offset: 0, size: data.length, link: symtabIndex, info: sigIndex(sig), addralign: 4, entsize: 4 }, data });
  }
  for (const f of finished) {
    const s = f.sec;
    const link = s.linkTo ? [...shndx.entries()].find(([k]) => k.name === s.linkTo)?.[1] ?? 0 : 0;
    images.push({
      header: { name: s.name, type: s.type, flags: s.flags, addr: 0, offset: 0, size: s.size, link, info: 0, addralign: s.align, entsize: s.entsize },
      data: s.type === SHT_NOBITS ? undefined : f.data,
    });
    if (f.relocs.length) {
      const relas = f.relocs.map((r) => ({ offset: r.offset, type: r.type, sym: r.sym ? index.get(r.sym) ?? 0 : 0, addend: Number(r.addend) }));
      const data = encodeRelas(relas);
      images.push({
        header: { name: ".rela" + s.name, type: SHT_RELA, flags: SHF_INFO_LINK | (s.group ? SHF_GROUP : 0), addr: 0, offset: 0, size: data.length, link: symtabIndex, info: shndx.get(s)!, addralign: 8, entsize: RELA_SIZE },
        data,
      });
    }
  }
  return writeRelocatableObject(images, syms, strtab, strtabIndex, firstGlobal, asm.arch.machine, asm.arch.elfFlags());
}
