// The linker's view of its inputs: relocatable objects (their sections become
// chunks of output sections) and shared objects (their dynamic symbols satisfy
// references at run time). Chunk is the unit of layout, shared by input
// sections and the sections the linker synthesises (GOT, PLT, .dynsym …).

import { ElfFile, isRegularIndex, type SharedObjectInfo } from "../elf/reader.js";
import type { DynSymbol, ElfSymbol, Rela, SectionHeader } from "../elf/types.js";
import { SHN_ABS, SHN_COMMON, SHN_UNDEF, SHT_NOBITS, SHT_RELA, SHT_REL, STB_LOCAL, STT_SECTION } from "../elf/constants.js";
import { LinkError } from "./diagnostics.js";
import type { MergedSection } from "./merge.js";
import { Symbol } from "./symbol.js";

export interface OutputSection {
  name: string;
  type: number;
  flags: number;
  align: number;
  chunks: Chunk[];
  addr: number;
  offset: number;
  size: number;
  /** Index in the output's section header table (0 until assigned). */
  index: number;
}

/** A contiguous piece of an output section. */
export abstract class Chunk {
  output: OutputSection | undefined;
  /** Offset within the output section. */
  offset = 0;
  /** Removed by COMDAT deduplication; symbols in it resolve to nothing. */
  discarded = false;
  abstract readonly name: string;
  abstract readonly type: number;
  abstract readonly flags: number;
  abstract readonly align: number;
  abstract get size(): number;

  get addr(): number {
    if (!this.output) throw new Error(`internal: chunk ${this.name} has no output section`);
    return this.output.addr + this.offset;
  }

  get fileOffset(): number {
    return this.output!.offset + this.offset;
  }
}

export class InputSection extends Chunk {
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  readonly align: number;
  private relocCache: Rela[] | undefined;
  /** The SHT_RELA section applying to this one, if any. */
  relaHeader: SectionHeader | undefined;
  /** A SHF_MERGE section whose pieces went into this merged section (it is not laid out itself). */
  mergedInto: MergedSection | undefined;
  constructor(readonly file: ObjectFile, readonly header: SectionHeader) {
    super();
    this.name = header.name;
    this.type = header.type;
    this.flags = header.flags;
    this.align = Math.max(1, header.addralign);
  }

  /** Contents replacing the file's: an .eh_frame without the FDEs of code that is not linked. */
  private edited: Uint8Array | undefined;

  get size(): number {
    return this.edited?.length ?? this.header.size;
  }

  get data(): Uint8Array {
    return this.edited ?? this.file.elf.contents(this.header);
  }

  get relocations(): Rela[] {
    if (!this.relocCache) this.relocCache = this.relaHeader ? this.file.elf.relocations(this.relaHeader) : [];
    return this.relocCache;
  }

  /** Replace contents and relocations (the file itself, shared through the input cache, stays as it is). */
  edit(data: Uint8Array, relocations: Rela[]): void {
    this.edited = data;
    this.relocCache = relocations;
  }

  toString(): string {
    return `${this.file.name}(${this.name})`;
  }
}

export class ObjectFile {
  readonly sections: (InputSection | undefined)[] = [];
  readonly elfSymbols: ElfSymbol[];
  /** Symbols by symbol-table index; globals are shared with the symbol table. */
  readonly symbols: Symbol[] = [];
  readonly firstGlobal: number;
  /** From .note.GNU-stack: undefined when the object has none (GNU ld then assumes an executable stack). */
  execStack: boolean | undefined;
  /** COMDAT groups: signature and member section indexes. */
  readonly groups: Array<{ signature: string; symbol: number; comdat: boolean; members: number[] }> = [];

  constructor(readonly name: string, readonly elf: ElfFile) {
    const symtab = elf.symtab();
    this.elfSymbols = symtab ? elf.symbols(symtab) : [];
    this.firstGlobal = symtab ? symtab.info : 0;
    for (const h of elf.sections) this.sections.push(undefined);
    for (const h of elf.sections) {
      if (h.type === SHT_REL) throw new LinkError(`${name}: SHT_REL relocation sections are not supported on this target (${h.name})`);
    }
  }

  /** Attach RELA sections to the sections they relocate. Call after creating InputSections. */
  attachRelocations(): void {
    for (const h of this.elf.sections) {
      if (h.type !== SHT_RELA) continue;
      const target = this.sections[h.info];
      if (target) target.relaHeader = h;
    }
  }

  /** Create the local symbols (index < firstGlobal). */
  makeLocals(): void {
    for (let i = 0; i < this.firstGlobal; i++) {
      const e = this.elfSymbols[i];
      const s = new Symbol(e.name);
      s.isLocal = true;
      s.file = this;
      s.type = e.type;
      s.size = e.size;
      s.value = e.value;
      if (i === 0) s.kind = "undefined";
      else if (e.shndx === SHN_ABS) s.kind = "defined";
      else if (isRegularIndex(e.shndx)) {
        s.kind = "defined";
        s.section = this.sections[e.shndx];
        // A section symbol of a dropped section (e.g. .note.GNU-stack) stays "defined" at 0.
        if (!s.section && e.type !== STT_SECTION) s.kind = "undefined";
      }
      this.symbols[i] = s;
    }
  }

  toString(): string {
    return this.name;
  }
}

export function definitionSection(file: ObjectFile, e: ElfSymbol): InputSection | undefined | "abs" | "common" | "undef" {
  if (e.shndx === SHN_UNDEF) return "undef";
  if (e.shndx === SHN_ABS) return "abs";
  if (e.shndx === SHN_COMMON) return "common";
  return file.sections[e.shndx];
}

export class SharedFile {
  readonly soname: string;
  readonly symbols: DynSymbol[];
  /** Names this object references (undefined in its .dynsym): we must export our definitions of them. */
  readonly undefinedNames: string[] = [];
  /** Version name → whether it is a real (non-base) version defined here. */
  readonly versionNames = new Set<string>();
  /** Needed for DT_NEEDED: referenced, or not --as-needed. */
  needed: boolean;

  constructor(readonly path: string, info: SharedObjectInfo, readonly asNeeded: boolean) {
    this.soname = info.soname ?? path.slice(path.lastIndexOf("/") + 1);
    this.symbols = info.symbols;
    for (const v of info.versions) this.versionNames.add(v.name);
    for (const s of info.symbols) if (s.shndx === SHN_UNDEF && s.name && s.bind !== STB_LOCAL) this.undefinedNames.push(s.name);
    this.needed = !asNeeded;
  }

  /** Defined symbols other than the one given that share its address (aliases such as environ/__environ). */
  aliasesOf(sym: DynSymbol): DynSymbol[] {
    return this.symbols.filter((s) => s !== sym && s.shndx !== SHN_UNDEF && s.value === sym.value && s.name !== sym.name && !s.hidden);
  }

  toString(): string {
    return this.path;
  }
}

export const isNobits = (c: Chunk): boolean => c.type === SHT_NOBITS;
