// The structures of an ELF64 file as plain records, shared by the reader and
// the writer. Field names follow the gABI without their st_/sh_/p_ prefixes.

export interface ElfHeader {
  type: number;
  machine: number;
  osabi: number;
  entry: number;
  phoff: number;
  shoff: number;
  flags: number;
  phnum: number;
  shnum: number;
  shstrndx: number;
}

export interface SectionHeader {
  index: number;
  name: string;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  addralign: number;
  entsize: number;
}

export interface ElfSymbol {
  name: string;
  value: number;
  size: number;
  bind: number;
  type: number;
  /** Visibility: the low two bits of st_other. */
  visibility: number;
  shndx: number;
}

export interface Rela {
  offset: number;
  type: number;
  sym: number;
  addend: number;
}

export interface ProgramHeader {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  paddr: number;
  filesz: number;
  memsz: number;
  align: number;
}

export interface DynamicEntry {
  tag: number;
  value: number;
}

/** One version a shared object defines (from .gnu.version_d). */
export interface VersionDef {
  index: number;
  flags: number;
  name: string;
}

/** A dynamic symbol of a shared object with its version. */
export interface DynSymbol extends ElfSymbol {
  /** Version name (`GLIBC_2.2.5`), undefined for unversioned or base-version symbols. */
  version: string | undefined;
  /** The version is not the default one: `foo@V` rather than `foo@@V`. */
  hidden: boolean;
}
