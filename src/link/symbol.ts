// Symbols and their resolution. One Symbol per global name (shared by every
// file that mentions it) and one per local symbol of each object. Resolution
// follows the ELF rules GNU ld implements: a strong definition beats a weak
// one, which beats a common, which beats a definition in a shared object,
// which beats nothing; two strong definitions are an error.

import { STB_WEAK, STT_GNU_IFUNC, STT_NOTYPE, STT_TLS, STV_DEFAULT } from "../elf/constants.js";
import type { Chunk, ObjectFile, SharedFile } from "./files.js";

export type SymbolKind =
  /** Referenced, not (yet) defined. */
  | "undefined"
  /** Defined by a relocatable object, in `section` or absolute when `section` is undefined. */
  | "defined"
  /** A tentative definition (SHN_COMMON); becomes "defined" in .bss before layout. */
  | "common"
  /** Defined by a shared object: resolved by the dynamic linker at run time. */
  | "shared"
  /** Defined by the linker itself (`_end`, `__init_array_start` …); `value` is set after layout. */
  | "linker";

export class Symbol {
  kind: SymbolKind = "undefined";
  file: ObjectFile | SharedFile | undefined;
  section: Chunk | undefined;
  value = 0;
  size = 0;
  type = STT_NOTYPE;
  /** The binding of the winning definition is weak. */
  weak = false;
  /** The most constraining visibility seen in any object (gABI rule). */
  visibility = STV_DEFAULT;
  /** Alignment of a common symbol (its st_value in the object). */
  commonAlign = 1;
  /** For shared definitions: the version it binds to (`GLIBC_2.2.5`). */
  version: string | undefined;
  /** Referenced from a relocatable object (counts for --as-needed and export decisions). */
  referenced = false;
  /** Some reference is a strong one (weak-only references do not pull archive members). */
  strongRef = false;
  /** A file that referenced it first, for "undefined reference" diagnostics. */
  firstRef: ObjectFile | undefined;
  /** True for STB_LOCAL symbols of one object. */
  isLocal = false;
  /** Referenced by a shared object or exported by request: must be in .dynsym as a definition. */
  exported = false;

  // ---- what relocations need, set during scanning -------------------------------------
  gotIndex = -1;
  /** Index in the lazily bound PLT (−1: none). */
  pltIndex = -1;
  /** Index among the IFUNC PLT entries, whose GOT slots get IRELATIVE relocations (−1: none). */
  ipltIndex = -1;
  /** The PLT address is the symbol's canonical address (function from a DSO used as a pointer in non-PIC code). */
  canonicalPlt = false;
  /** GOT slot holding the thread-pointer offset (initial-exec TLS). */
  gotTpIndex = -1;
  /** First of two GOT slots (module, offset) for general-dynamic TLS. */
  tlsGdIndex = -1;
  /** First of two GOT slots of a TLS descriptor (−1: none). */
  tlsDescIndex = -1;
  /** Copy relocation: offset of the copy in the .bss chunk holding copies (−1: none). */
  copyOffset = -1;
  /** Index in .dynsym (−1: not dynamic). */
  dynIndex = -1;

  constructor(readonly name: string) {}

  get isIfunc(): boolean {
    return this.type === STT_GNU_IFUNC && this.kind === "defined";
  }

  get isTls(): boolean {
    return this.type === STT_TLS;
  }

  get isDefined(): boolean {
    return this.kind !== "undefined";
  }

  /** The symbol has no definition and only weak references: it resolves to 0. */
  get isUndefWeak(): boolean {
    return this.kind === "undefined" && !this.strongRef;
  }

  /** Absolute (SHN_ABS) definitions keep their value in position-independent output. */
  get isAbsolute(): boolean {
    return this.kind === "defined" && this.section === undefined;
  }

  toString(): string {
    return this.name;
  }
}

/** Rank of a kind of definition: higher wins. */
function rank(kind: SymbolKind, weak: boolean): number {
  switch (kind) {
    case "undefined": return 0;
    case "shared": return 1;
    case "common": return 2;
    case "linker": return 3;
    case "defined": return weak ? 3 : 4;
  }
}

export interface Definition {
  kind: SymbolKind;
  file: ObjectFile | SharedFile;
  section: Chunk | undefined;
  value: number;
  size: number;
  type: number;
  bind: number;
  version?: string;
  commonAlign?: number;
}

/** The global symbol table. */
export class SymbolTable {
  readonly map = new Map<string, Symbol>();

  get(name: string): Symbol | undefined {
    return this.map.get(name);
  }

  intern(name: string): Symbol {
    let s = this.map.get(name);
    if (!s) {
      s = new Symbol(name);
      this.map.set(name, s);
    }
    return s;
  }

  /**
   * Offer a definition for `sym`. Returns the previous definition's file when
   * both are strong definitions from objects (a duplicate), else undefined.
   */
  define(sym: Symbol, d: Definition): ObjectFile | SharedFile | undefined {
    const weak = d.bind === STB_WEAK;
    const oldRank = rank(sym.kind, sym.weak);
    const newRank = rank(d.kind, weak);
    if (d.kind === "common" && sym.kind === "common") {
      // Tentative definitions merge: the largest size and alignment win.
      sym.size = Math.max(sym.size, d.size);
      sym.commonAlign = Math.max(sym.commonAlign, d.commonAlign ?? 1);
      return undefined;
    }
    if (newRank === 4 && oldRank === 4) return sym.file;
    // Equal ranks keep the first definition (weak vs weak, shared vs shared).
    if (newRank <= oldRank) return undefined;
    sym.kind = d.kind;
    sym.file = d.file;
    sym.section = d.section;
    sym.value = d.value;
    sym.size = d.size;
    sym.type = d.type;
    sym.weak = weak;
    sym.version = d.version;
    sym.commonAlign = d.commonAlign ?? 1;
    return undefined;
  }
}
