// Compare two relocatable objects the way the assembler oracle tests need:
// section headers and contents, the symbol table in order, relocations.
// Returns human-readable differences (empty when equivalent).

import { ElfFile } from "../../src/elf/reader.js";
import { RELOCATIONS_BY_MACHINE, R_X86_64, SHT_GROUP, SHT_NOBITS, SHT_RELA, SHT_STRTAB, SHT_SYMTAB, STT_SECTION } from "../../src/elf/constants.js";

const hex = (b: Uint8Array, from: number, n = 16): string => Array.from(b.subarray(from, from + n), (x) => x.toString(16).padStart(2, "0")).join(" ");

function symbolLines(elf: ElfFile): string[] {
  const st = elf.symtab();
  if (!st) return [];
  const secName = (i: number): string => (i === 0 ? "UND" : i === 0xfff1 ? "ABS" : i === 0xfff2 ? "COM" : elf.sections[i]?.name ?? String(i));
  return elf.symbols(st).map((s) => `${s.type === STT_SECTION ? `[section ${secName(s.shndx)}]` : s.name} type=${s.type} bind=${s.bind} vis=${s.visibility} ${secName(s.shndx)} value=${s.value} size=${s.size}`);
}

function relocLines(elf: ElfFile): string[] {
  const table = RELOCATIONS_BY_MACHINE.get(elf.header.machine) ?? R_X86_64;
  const st = elf.symtab();
  const syms = st ? elf.symbols(st) : [];
  const out: string[] = [];
  for (const s of elf.sections) {
    if (s.type !== SHT_RELA) continue;
    for (const r of elf.relocations(s)) {
      const sym = syms[r.sym];
      const name = sym ? (sym.type === STT_SECTION ? `[${elf.sections[sym.shndx]?.name}]` : sym.name) : "?";
      out.push(`${s.name} ${r.offset.toString(16)} ${table.describe(r.type)} ${name} ${r.addend}`);
    }
  }
  return out;
}

export function compareObjects(gas: Uint8Array, ours: Uint8Array, what: { sections?: boolean; symbols?: boolean; relocs?: boolean; symbolOrder?: boolean } = {}): string[] {
  const a = new ElfFile(gas);
  const b = new ElfFile(ours);
  const diffs: string[] = [];
  if (a.header.flags !== b.header.flags) diffs.push(`ELF flags: 0x${a.header.flags.toString(16)} (gas) vs 0x${b.header.flags.toString(16)}`);
  if (what.sections !== false) {
    for (const s of a.sections) {
      if (!s.name || [SHT_SYMTAB, SHT_STRTAB, SHT_RELA, SHT_GROUP].includes(s.type)) continue;
      const t = b.sectionByName(s.name);
      if (!t) { diffs.push(`section ${s.name}: missing`); continue; }
      for (const k of ["type", "flags", "size", "addralign", "entsize"] as const) {
        if (s[k] !== t[k]) diffs.push(`section ${s.name}: ${k} ${s[k]} (gas) vs ${t[k]}`);
      }
      if (s.type !== SHT_NOBITS && s.size === t.size) {
        const x = a.contents(s), y = b.contents(t);
        const i = x.findIndex((v, j) => v !== y[j]);
        if (i >= 0) diffs.push(`section ${s.name}: bytes differ at 0x${i.toString(16)}: gas ${hex(x, i)} | ours ${hex(y, i)}`);
      }
    }
    for (const t of b.sections) if (t.name && !a.sectionByName(t.name)) diffs.push(`section ${t.name}: extra`);
  }
  const cmpLists = (kind: string, x: string[], y: string[]): void => {
    const n = Math.max(x.length, y.length);
    for (let i = 0; i < n; i++) if (x[i] !== y[i]) { diffs.push(`${kind} #${i}: gas «${x[i] ?? "-"}» vs ours «${y[i] ?? "-"}»`); return; }
  };
  // Local symbols may come in a different order than gas's (which depends on
  // its internal symbol chain); the set must be the same.
  if (what.symbols !== false) {
    cmpLists("symbol", symbolLines(a).sort(), symbolLines(b).sort());
    if (what.symbolOrder && !diffs.length) cmpLists("symbol order", symbolLines(a), symbolLines(b));
  }
  if (what.relocs !== false) cmpLists("reloc", relocLines(a), relocLines(b));
  return diffs;
}
