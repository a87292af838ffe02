// -r: a relocatable link, objects (and the archive members they pull in)
// combined into one object that a later link consumes. What GNU ld does with
// its default -r script: input sections of one name are concatenated into one
// output section (`.text.foo` stays apart from `.text`), members of COMDAT
// groups stay apart and keep their group (duplicate groups are dropped),
// non-allocated sections (.comment, debug info) come along, relocations are
// kept and moved — against a section they become relative to the output
// section's symbol. Common symbols stay common; undefined ones stay undefined.

import {
  GRP_COMDAT, RELA_SIZE, SHF_EXECINSTR, SHF_GROUP, SHF_INFO_LINK, SHF_LINK_ORDER, SHF_MERGE, SHF_STRINGS, SHN_ABS, SHN_COMMON, SHN_UNDEF, SHT_GROUP, SHT_NOBITS, SHT_PROGBITS, SHT_RELA, SHT_STRTAB, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_SECTION,
} from "../elf/constants.js";
import { alignUp } from "../elf/bytes.js";
import type { ElfSymbol, Rela } from "../elf/types.js";
import { encodeRelas, StringTable, writeRelocatableObject, type SectionImage } from "../elf/writer.js";
import type { Context } from "./context.js";
import type { InputSection, ObjectFile } from "./files.js";
import type { Symbol } from "./symbol.js";

interface OutSection {
  name: string;
  type: number;
  flags: number;
  entsize: number;
  align: number;
  size: number;
  /** sh_link: the input section an SHF_LINK_ORDER section is linked to. */
  linkTo: InputSection | undefined;
  chunks: InputSection[];
  index: number;
  relaIndex: number;
  /** Index of this section's STT_SECTION symbol. */
  symbol: number;
}

type OutSymbol = ElfSymbol & { nameOffset: number };

export function writeRelocatable(ctx: Context): Uint8Array {
  // ---- output sections, in order of first appearance.
  const outs: OutSection[] = [];
  const byKey = new Map<string, OutSection>();
  const outOf = new Map<InputSection, OutSection>();
  for (const [oi, obj] of ctx.objects.entries()) {
    for (const sec of obj.sections) {
      if (!sec || sec.discarded) continue;
      const alone = (sec.flags & (SHF_GROUP | SHF_LINK_ORDER)) !== 0;
      const key = alone ? `${oi}:${sec.header.index}` : sec.name;
      let o = byKey.get(key);
      if (!o) {
        o = {
          name: sec.name, type: sec.type, flags: sec.flags, entsize: sec.header.entsize, align: 1, size: 0, chunks: [], index: 0,
          relaIndex: 0, symbol: 0, linkTo: sec.flags & SHF_LINK_ORDER ? obj.sections[sec.header.link] : undefined,
        };
        byKey.set(key, o);
        outs.push(o);
      } else if ((o.flags & (SHF_MERGE | SHF_STRINGS)) !== (sec.flags & (SHF_MERGE | SHF_STRINGS)) || o.entsize !== sec.header.entsize) {
        // Differently merged inputs: the result is plain data.
        o.flags &= ~(SHF_MERGE | SHF_STRINGS);
        o.entsize = 0;
      }
      if (o.type === SHT_NOBITS && sec.type !== SHT_NOBITS) o.type = SHT_PROGBITS;
      o.flags |= sec.flags & ~(SHF_MERGE | SHF_STRINGS);
      o.align = Math.max(o.align, sec.align);
      o.size = alignUp(o.size, sec.align);
      sec.offset = o.size;
      o.size += sec.size;
      o.chunks.push(sec);
      outOf.set(sec, o);
    }
  }

  // ---- COMDAT groups that survived, with their members' output sections.
  const groups: Array<{ obj: ObjectFile; signature: number; flags: number; members: OutSection[] }> = [];
  for (const obj of ctx.objects) {
    for (const g of obj.groups) {
      const members = g.members.map((i) => obj.sections[i]).filter((s): s is InputSection => !!s && !s.discarded).map((s) => outOf.get(s)!);
      if (members.length === 0) continue;
      groups.push({ obj, signature: g.symbol, flags: g.comdat ? GRP_COMDAT : 0, members });
    }
  }

  // ---- section indexes: groups first (as gas and ld put them), then each section and its relocations.
  let next = 1 + groups.length;
  const hasRelocs = (o: OutSection): boolean => o.chunks.some((c) => c.relocations.length > 0);
  for (const o of outs) {
    o.index = next++;
    if (hasRelocs(o)) o.relaIndex = next++;
  }
  next++; // .note.GNU-stack
  const symtabIndex = next++;
  const strtabIndex = next++;

  // ---- symbols: null, section symbols, each object's locals, then the globals.
  const strtab = new StringTable();
  const syms: OutSymbol[] = [{ name: "", nameOffset: 0, value: 0, size: 0, bind: STB_LOCAL, type: 0, visibility: 0, shndx: 0 }];
  for (const o of outs) {
    o.symbol = syms.length;
    syms.push({ name: "", nameOffset: 0, value: 0, size: 0, bind: STB_LOCAL, type: STT_SECTION, visibility: 0, shndx: o.index });
  }
  /** Output index of each input symbol, per object; section symbols are handled per relocation. */
  const localIndex = new Map<ObjectFile, Map<number, number>>();
  for (const obj of ctx.objects) {
    const map = new Map<number, number>();
    localIndex.set(obj, map);
    for (let i = 1; i < obj.firstGlobal; i++) {
      const e = obj.elfSymbols[i];
      if (e.type === STT_SECTION) continue;
      const sec = obj.symbols[i]?.section as InputSection | undefined;
      if (sec && (sec.discarded || !outOf.has(sec))) continue;
      let shndx = e.shndx, value = e.value;
      if (sec) {
        shndx = outOf.get(sec)!.index;
        value += sec.offset;
      } else if (shndx !== SHN_ABS && shndx !== SHN_UNDEF) continue; // in a section that is not carried over
      map.set(i, syms.length);
      syms.push({ name: e.name, nameOffset: strtab.add(e.name), value, size: e.size, bind: STB_LOCAL, type: e.type, visibility: e.visibility, shndx });
    }
  }
  const firstGlobal = syms.length;
  const globalIndex = new Map<Symbol, number>();
  for (const s of ctx.symtab.map.values()) {
    if (s.kind === "undefined" && !s.referenced) continue;
    let shndx = SHN_UNDEF, value = 0, size = s.size;
    if (s.kind === "defined") {
      const sec = s.section as InputSection | undefined;
      if (sec && (sec.discarded || !outOf.has(sec))) continue;
      shndx = sec ? outOf.get(sec)!.index : SHN_ABS;
      value = s.value + (sec?.offset ?? 0);
    } else if (s.kind === "common") {
      shndx = SHN_COMMON;
      value = s.commonAlign;
    } else size = 0;
    const bind = s.kind === "undefined" ? (s.strongRef ? STB_GLOBAL : STB_WEAK) : s.weak ? STB_WEAK : STB_GLOBAL;
    globalIndex.set(s, syms.length);
    syms.push({ name: s.name, nameOffset: strtab.add(s.name), value, size, bind, type: s.kind === "undefined" ? 0 : s.type, visibility: s.visibility, shndx });
  }

  /** The output symbol for symbol `i` of `obj`, and what to add to a relocation's addend. */
  const symbolFor = (obj: ObjectFile, i: number): { index: number; bias: number } | undefined => {
    if (i === 0) return { index: 0, bias: 0 };
    if (i >= obj.firstGlobal) {
      const idx = globalIndex.get(obj.symbols[i]);
      return idx === undefined ? undefined : { index: idx, bias: 0 };
    }
    const e = obj.elfSymbols[i];
    if (e.type === STT_SECTION) {
      const sec = obj.symbols[i]?.section as InputSection | undefined;
      const o = sec && !sec.discarded ? outOf.get(sec) : undefined;
      return o ? { index: o.symbol, bias: sec!.offset } : undefined;
    }
    const idx = localIndex.get(obj)!.get(i);
    return idx === undefined ? undefined : { index: idx, bias: 0 };
  };

  // ---- section images.
  const images: SectionImage[] = [];
  for (const g of groups) {
    const words = [g.flags];
    for (const m of g.members) {
      words.push(m.index);
      if (m.relaIndex) words.push(m.relaIndex);
    }
    const data = new Uint8Array(words.length * 4);
    const dv = new DataView(data.buffer);
    words.forEach((w, i) => dv.setUint32(i * 4, w, true));
    const sig = symbolFor(g.obj, g.signature);
    images.push({ header: { name: ".group", type: SHT_GROUP, flags: 0, addr: 0, offset: 0, size: data.length, link: symtabIndex, info: sig?.index ?? 0, addralign: 4, entsize: 4 }, data });
  }
  for (const o of outs) {
    let data: Uint8Array | undefined;
    if (o.type !== SHT_NOBITS) {
      data = new Uint8Array(o.size);
      for (const c of o.chunks) if (c.type !== SHT_NOBITS) data.set(c.data, c.offset);
    }
    const link = o.linkTo && outOf.has(o.linkTo) ? outOf.get(o.linkTo)!.index : 0;
    images.push({ header: { name: o.name, type: o.type, flags: o.flags, addr: 0, offset: 0, size: o.size, link, info: 0, addralign: o.align, entsize: o.entsize }, data });
    if (!o.relaIndex) continue;
    const relas: Rela[] = [];
    for (const c of o.chunks) {
      for (const r of c.relocations) {
        const s = symbolFor(c.file, r.sym);
        // A reference into a dropped COMDAT duplicate: nothing left to point at.
        if (!s) relas.push({ offset: c.offset + r.offset, type: 0, sym: 0, addend: 0 });
        else relas.push({ offset: c.offset + r.offset, type: r.type, sym: s.index, addend: r.addend + s.bias });
      }
    }
    const rd = encodeRelas(relas);
    images.push({
      header: { name: ".rela" + o.name, type: SHT_RELA, flags: SHF_INFO_LINK | (o.flags & SHF_GROUP), addr: 0, offset: 0, size: rd.length, link: symtabIndex, info: o.index, addralign: 8, entsize: RELA_SIZE },
      data: rd,
    });
  }
  // Stack marking: executable only if some input asks for it (or lacks the note, as GNU ld assumes).
  const exec = ctx.objects.some((o) => o.execStack !== false) && !ctx.cfg.z.has("noexecstack") || ctx.cfg.z.has("execstack");
  images.push({ header: { name: ".note.GNU-stack", type: SHT_PROGBITS, flags: exec ? SHF_EXECINSTR : 0, addr: 0, offset: 0, size: 0, link: 0, info: 0, addralign: 1, entsize: 0 }, data: new Uint8Array(0) });
  return writeRelocatableObject(images, syms, strtab, strtabIndex, firstGlobal, ctx.target.machine);
}
