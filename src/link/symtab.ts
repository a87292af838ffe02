// The output's static symbol table (.symtab/.strtab): not needed to run the
// program, but debuggers, profilers and objdump read it. Locals come first
// (a gABI rule), then the globals.

import { SHN_ABS, SHN_UNDEF, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FILE, STT_SECTION, SYM_SIZE } from "../elf/constants.js";
import { encodeSymbols, StringTable } from "../elf/writer.js";
import type { ElfSymbol } from "../elf/types.js";
import type { Context } from "./context.js";
import type { Symbol } from "./symbol.js";

export interface SymtabImage {
  symtab: Uint8Array;
  strtab: Uint8Array;
  firstGlobal: number;
}

export function buildSymtab(ctx: Context): SymtabImage {
  const strings = new StringTable();
  const entries: Array<ElfSymbol & { nameOffset: number }> = [
    { name: "", nameOffset: 0, value: 0, size: 0, bind: 0, type: 0, visibility: 0, shndx: 0 },
  ];
  const entry = (s: Symbol, bind: number): ElfSymbol & { nameOffset: number } => {
    const out = ctx.outputSectionOf(s);
    const defined = s.kind !== "undefined" && (s.kind !== "shared" || s.copyOffset >= 0 || s.canonicalPlt);
    return {
      name: s.name, nameOffset: strings.add(s.name), value: defined ? ctx.symbolTableValue(s) : 0, size: s.size, bind,
      type: s.type, visibility: s.visibility,
      shndx: !defined ? SHN_UNDEF : out && out.index > 0 ? out.index : SHN_ABS,
    };
  };
  for (const obj of ctx.objects) {
    for (let i = 1; i < obj.firstGlobal; i++) {
      const s = obj.symbols[i];
      const e = obj.elfSymbols[i];
      if (!s || e.type === STT_SECTION || e.type === STT_FILE || !s.name || s.name.startsWith(".L")) continue;
      if (s.section && (s.section.discarded || !s.section.output)) continue;
      entries.push(entry(s, STB_LOCAL));
    }
  }
  const firstGlobal = entries.length;
  const globals = [...ctx.symtab.map.values()].filter((s) => (s.kind !== "undefined" && s.kind !== "shared") || s.referenced);
  globals.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const s of globals) {
    if (s.section && (s.section.discarded || !s.section.output)) continue;
    entries.push(entry(s, s.weak || (s.kind === "undefined" && !s.strongRef) ? STB_WEAK : STB_GLOBAL));
  }
  return { symtab: encodeSymbols(entries), strtab: strings.finish(), firstGlobal };
}

export { SYM_SIZE };
