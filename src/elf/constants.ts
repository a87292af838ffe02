// ELF64 constants as data. Each table lists [name, number] pairs once; the
// `Enum` built from it answers both directions, so readers can print names in
// diagnostics and writers can look numbers up by the names the ABI documents use.
// Sources: the System V gABI, the GNU extensions (glibc elf.h is the reference
// for the numbers), and each architecture's psABI for its relocation types.

/** A two-way name ↔ number table. */
export class Enum {
  private readonly byName = new Map<string, number>();
  private readonly byValue = new Map<number, string>();

  constructor(readonly title: string, pairs: readonly (readonly [string, number])[]) {
    for (const [name, value] of pairs) {
      this.byName.set(name, value);
      // Several names may share a number (aliases); the first one listed is canonical.
      if (!this.byValue.has(value)) this.byValue.set(value, name);
    }
  }

  /** The number of `name`; throws on a typo, since names come from our own code. */
  get(name: string): number {
    const v = this.byName.get(name);
    if (v === undefined) throw new Error(`${this.title}: no constant named ${name}`);
    return v;
  }

  /** The canonical name of `value`, or undefined when the table does not know it. */
  name(value: number): string | undefined {
    return this.byValue.get(value);
  }

  /** The name, or a readable placeholder for unknown numbers (for diagnostics). */
  describe(value: number): string {
    return this.byValue.get(value) ?? `<unknown ${this.title} ${value}>`;
  }
}

// ---- identification and header -------------------------------------------------

export const ELFMAG = [0x7f, 0x45, 0x4c, 0x46] as const; // "\x7fELF"
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
export const ELFOSABI_NONE = 0;
export const ELFOSABI_GNU = 3;

export const EHDR_SIZE = 64;
export const PHDR_SIZE = 56;
export const SHDR_SIZE = 64;
export const SYM_SIZE = 24;
export const RELA_SIZE = 24;
export const DYN_SIZE = 16;

export const ET = new Enum("e_type", [
  ["ET_NONE", 0], ["ET_REL", 1], ["ET_EXEC", 2], ["ET_DYN", 3], ["ET_CORE", 4],
]);

export const EM = new Enum("e_machine", [
  ["EM_NONE", 0], ["EM_386", 3], ["EM_X86_64", 62], ["EM_AARCH64", 183], ["EM_RISCV", 243],
]);

// ---- sections --------------------------------------------------------------------

export const SHN_UNDEF = 0;
export const SHN_LORESERVE = 0xff00;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;
export const SHN_XINDEX = 0xffff;

export const SHT = new Enum("sh_type", [
  ["SHT_NULL", 0], ["SHT_PROGBITS", 1], ["SHT_SYMTAB", 2], ["SHT_STRTAB", 3], ["SHT_RELA", 4],
  ["SHT_HASH", 5], ["SHT_DYNAMIC", 6], ["SHT_NOTE", 7], ["SHT_NOBITS", 8], ["SHT_REL", 9],
  ["SHT_SHLIB", 10], ["SHT_DYNSYM", 11], ["SHT_INIT_ARRAY", 14], ["SHT_FINI_ARRAY", 15],
  ["SHT_PREINIT_ARRAY", 16], ["SHT_GROUP", 17], ["SHT_SYMTAB_SHNDX", 18], ["SHT_RELR", 19],
  ["SHT_GNU_ATTRIBUTES", 0x6ffffff5], ["SHT_GNU_HASH", 0x6ffffff6], ["SHT_GNU_LIBLIST", 0x6ffffff7],
  ["SHT_GNU_verdef", 0x6ffffffd], ["SHT_GNU_verneed", 0x6ffffffe], ["SHT_GNU_versym", 0x6fffffff],
  ["SHT_X86_64_UNWIND", 0x70000001], ["SHT_AARCH64_ATTRIBUTES", 0x70000003],
  ["SHT_RISCV_ATTRIBUTES", 0x70000003],
]);

/** Section types by name, for code that switches on them (numbers are what files hold). */
export const SHT_NULL = 0, SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_RELA = 4,
  SHT_HASH = 5, SHT_DYNAMIC = 6, SHT_NOTE = 7, SHT_NOBITS = 8, SHT_REL = 9, SHT_DYNSYM = 11,
  SHT_INIT_ARRAY = 14, SHT_FINI_ARRAY = 15, SHT_PREINIT_ARRAY = 16, SHT_GROUP = 17,
  SHT_SYMTAB_SHNDX = 18, SHT_GNU_HASH = 0x6ffffff6, SHT_GNU_VERDEF = 0x6ffffffd,
  SHT_GNU_VERNEED = 0x6ffffffe, SHT_GNU_VERSYM = 0x6fffffff;

export const SHF = new Enum("sh_flags", [
  ["SHF_WRITE", 0x1], ["SHF_ALLOC", 0x2], ["SHF_EXECINSTR", 0x4], ["SHF_MERGE", 0x10],
  ["SHF_STRINGS", 0x20], ["SHF_INFO_LINK", 0x40], ["SHF_LINK_ORDER", 0x80],
  ["SHF_OS_NONCONFORMING", 0x100], ["SHF_GROUP", 0x200], ["SHF_TLS", 0x400],
  ["SHF_COMPRESSED", 0x800], ["SHF_GNU_RETAIN", 0x200000], ["SHF_EXCLUDE", 0x80000000],
]);
export const SHF_WRITE = 0x1, SHF_ALLOC = 0x2, SHF_EXECINSTR = 0x4, SHF_MERGE = 0x10,
  SHF_STRINGS = 0x20, SHF_INFO_LINK = 0x40, SHF_LINK_ORDER = 0x80, SHF_GROUP = 0x200,
  SHF_TLS = 0x400, SHF_COMPRESSED = 0x800, SHF_EXCLUDE = 0x80000000;

export const GRP_COMDAT = 1;

// ---- symbols -----------------------------------------------------------------------

export const STB = new Enum("st_bind", [
  ["STB_LOCAL", 0], ["STB_GLOBAL", 1], ["STB_WEAK", 2], ["STB_GNU_UNIQUE", 10],
]);
export const STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2, STB_GNU_UNIQUE = 10;

export const STT = new Enum("st_type", [
  ["STT_NOTYPE", 0], ["STT_OBJECT", 1], ["STT_FUNC", 2], ["STT_SECTION", 3], ["STT_FILE", 4],
  ["STT_COMMON", 5], ["STT_TLS", 6], ["STT_GNU_IFUNC", 10],
]);
export const STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4,
  STT_COMMON = 5, STT_TLS = 6, STT_GNU_IFUNC = 10;

export const STV = new Enum("st_other visibility", [
  ["STV_DEFAULT", 0], ["STV_INTERNAL", 1], ["STV_HIDDEN", 2], ["STV_PROTECTED", 3],
]);
export const STV_DEFAULT = 0, STV_INTERNAL = 1, STV_HIDDEN = 2, STV_PROTECTED = 3;

export const stInfo = (bind: number, type: number): number => ((bind << 4) | (type & 0xf)) & 0xff;

// ---- symbol versioning ---------------------------------------------------------

export const VER_NDX_LOCAL = 0;
export const VER_NDX_GLOBAL = 1;
/** In .gnu.version: the symbol is a non-default version (`foo@V`, not `foo@@V`). */
export const VERSYM_HIDDEN = 0x8000;
export const VER_FLG_BASE = 0x1;
export const VER_FLG_WEAK = 0x2;

// ---- program headers -------------------------------------------------------------

export const PT = new Enum("p_type", [
  ["PT_NULL", 0], ["PT_LOAD", 1], ["PT_DYNAMIC", 2], ["PT_INTERP", 3], ["PT_NOTE", 4],
  ["PT_SHLIB", 5], ["PT_PHDR", 6], ["PT_TLS", 7], ["PT_GNU_EH_FRAME", 0x6474e550],
  ["PT_GNU_STACK", 0x6474e551], ["PT_GNU_RELRO", 0x6474e552], ["PT_GNU_PROPERTY", 0x6474e553],
]);
export const PT_NULL = 0, PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4, PT_PHDR = 6,
  PT_TLS = 7, PT_GNU_EH_FRAME = 0x6474e550, PT_GNU_STACK = 0x6474e551, PT_GNU_RELRO = 0x6474e552,
  PT_GNU_PROPERTY = 0x6474e553;

export const PF_X = 1, PF_W = 2, PF_R = 4;

// ---- dynamic section ----------------------------------------------------------------

export const DT = new Enum("d_tag", [
  ["DT_NULL", 0], ["DT_NEEDED", 1], ["DT_PLTRELSZ", 2], ["DT_PLTGOT", 3], ["DT_HASH", 4],
  ["DT_STRTAB", 5], ["DT_SYMTAB", 6], ["DT_RELA", 7], ["DT_RELASZ", 8], ["DT_RELAENT", 9],
  ["DT_STRSZ", 10], ["DT_SYMENT", 11], ["DT_INIT", 12], ["DT_FINI", 13], ["DT_SONAME", 14],
  ["DT_RPATH", 15], ["DT_SYMBOLIC", 16], ["DT_REL", 17], ["DT_RELSZ", 18], ["DT_RELENT", 19],
  ["DT_PLTREL", 20], ["DT_DEBUG", 21], ["DT_TEXTREL", 22], ["DT_JMPREL", 23], ["DT_BIND_NOW", 24],
  ["DT_INIT_ARRAY", 25], ["DT_FINI_ARRAY", 26], ["DT_INIT_ARRAYSZ", 27], ["DT_FINI_ARRAYSZ", 28],
  ["DT_RUNPATH", 29], ["DT_FLAGS", 30], ["DT_PREINIT_ARRAY", 32], ["DT_PREINIT_ARRAYSZ", 33],
  ["DT_SYMTAB_SHNDX", 34], ["DT_RELRSZ", 35], ["DT_RELR", 36], ["DT_RELRENT", 37],
  ["DT_GNU_HASH", 0x6ffffef5], ["DT_VERSYM", 0x6ffffff0], ["DT_RELACOUNT", 0x6ffffff9],
  ["DT_RELCOUNT", 0x6ffffffa], ["DT_FLAGS_1", 0x6ffffffb], ["DT_VERDEF", 0x6ffffffc],
  ["DT_VERDEFNUM", 0x6ffffffd], ["DT_VERNEED", 0x6ffffffe], ["DT_VERNEEDNUM", 0x6fffffff],
]);

export const DF_ORIGIN = 0x1, DF_SYMBOLIC = 0x2, DF_TEXTREL = 0x4, DF_BIND_NOW = 0x8, DF_STATIC_TLS = 0x10;
export const DF_1_NOW = 0x1, DF_1_NODELETE = 0x8, DF_1_NOOPEN = 0x40, DF_1_PIE = 0x8000000;

// ---- notes ---------------------------------------------------------------------------

export const NT_GNU_ABI_TAG = 1;
export const NT_GNU_BUILD_ID = 3;
export const NT_GNU_PROPERTY_TYPE_0 = 5;

// ---- relocation types, one table per architecture -----------------------------------------

export const R_X86_64 = new Enum("x86_64 relocation", [
  ["R_X86_64_NONE", 0], ["R_X86_64_64", 1], ["R_X86_64_PC32", 2], ["R_X86_64_GOT32", 3],
  ["R_X86_64_PLT32", 4], ["R_X86_64_COPY", 5], ["R_X86_64_GLOB_DAT", 6], ["R_X86_64_JUMP_SLOT", 7],
  ["R_X86_64_RELATIVE", 8], ["R_X86_64_GOTPCREL", 9], ["R_X86_64_32", 10], ["R_X86_64_32S", 11],
  ["R_X86_64_16", 12], ["R_X86_64_PC16", 13], ["R_X86_64_8", 14], ["R_X86_64_PC8", 15],
  ["R_X86_64_DTPMOD64", 16], ["R_X86_64_DTPOFF64", 17], ["R_X86_64_TPOFF64", 18],
  ["R_X86_64_TLSGD", 19], ["R_X86_64_TLSLD", 20], ["R_X86_64_DTPOFF32", 21],
  ["R_X86_64_GOTTPOFF", 22], ["R_X86_64_TPOFF32", 23], ["R_X86_64_PC64", 24],
  ["R_X86_64_GOTOFF64", 25], ["R_X86_64_GOTPC32", 26], ["R_X86_64_GOT64", 27],
  ["R_X86_64_GOTPCREL64", 28], ["R_X86_64_GOTPC64", 29], ["R_X86_64_GOTPLT64", 30],
  ["R_X86_64_PLTOFF64", 31], ["R_X86_64_SIZE32", 32], ["R_X86_64_SIZE64", 33],
  ["R_X86_64_GOTPC32_TLSDESC", 34], ["R_X86_64_TLSDESC_CALL", 35], ["R_X86_64_TLSDESC", 36],
  ["R_X86_64_IRELATIVE", 37], ["R_X86_64_RELATIVE64", 38], ["R_X86_64_GOTPCRELX", 41],
  ["R_X86_64_REX_GOTPCRELX", 42],
]);

export const R_AARCH64 = new Enum("aarch64 relocation", [
  ["R_AARCH64_NONE", 0], ["R_AARCH64_ABS64", 257], ["R_AARCH64_ABS32", 258], ["R_AARCH64_ABS16", 259],
  ["R_AARCH64_PREL64", 260], ["R_AARCH64_PREL32", 261], ["R_AARCH64_PREL16", 262],
  ["R_AARCH64_MOVW_UABS_G0", 263], ["R_AARCH64_MOVW_UABS_G0_NC", 264], ["R_AARCH64_MOVW_UABS_G1", 265],
  ["R_AARCH64_MOVW_UABS_G1_NC", 266], ["R_AARCH64_MOVW_UABS_G2", 267], ["R_AARCH64_MOVW_UABS_G2_NC", 268],
  ["R_AARCH64_MOVW_UABS_G3", 269], ["R_AARCH64_MOVW_SABS_G0", 270], ["R_AARCH64_MOVW_SABS_G1", 271],
  ["R_AARCH64_MOVW_SABS_G2", 272], ["R_AARCH64_LD_PREL_LO19", 273], ["R_AARCH64_ADR_PREL_LO21", 274],
  ["R_AARCH64_ADR_PREL_PG_HI21", 275], ["R_AARCH64_ADR_PREL_PG_HI21_NC", 276],
  ["R_AARCH64_ADD_ABS_LO12_NC", 277], ["R_AARCH64_LDST8_ABS_LO12_NC", 278],
  ["R_AARCH64_TSTBR14", 279], ["R_AARCH64_CONDBR19", 280], ["R_AARCH64_JUMP26", 282],
  ["R_AARCH64_CALL26", 283], ["R_AARCH64_LDST16_ABS_LO12_NC", 284], ["R_AARCH64_LDST32_ABS_LO12_NC", 285],
  ["R_AARCH64_LDST64_ABS_LO12_NC", 286], ["R_AARCH64_MOVW_PREL_G0", 287], ["R_AARCH64_MOVW_PREL_G0_NC", 288],
  ["R_AARCH64_MOVW_PREL_G1", 289], ["R_AARCH64_MOVW_PREL_G1_NC", 290], ["R_AARCH64_MOVW_PREL_G2", 291],
  ["R_AARCH64_MOVW_PREL_G2_NC", 292], ["R_AARCH64_MOVW_PREL_G3", 293],
  ["R_AARCH64_LDST128_ABS_LO12_NC", 299], ["R_AARCH64_ADR_GOT_PAGE", 311], ["R_AARCH64_LD64_GOT_LO12_NC", 312],
  ["R_AARCH64_LD64_GOTPAGE_LO15", 313], ["R_AARCH64_TLSGD_ADR_PAGE21", 513], ["R_AARCH64_TLSGD_ADD_LO12_NC", 514],
  ["R_AARCH64_TLSLD_ADR_PAGE21", 518], ["R_AARCH64_TLSLD_ADD_LO12_NC", 519],
  ["R_AARCH64_TLSLD_ADD_DTPREL_HI12", 528], ["R_AARCH64_TLSLD_ADD_DTPREL_LO12_NC", 530],
  ["R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21", 541], ["R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC", 542],
  ["R_AARCH64_TLSLE_MOVW_TPREL_G2", 544], ["R_AARCH64_TLSLE_MOVW_TPREL_G1", 545],
  ["R_AARCH64_TLSLE_MOVW_TPREL_G1_NC", 546], ["R_AARCH64_TLSLE_MOVW_TPREL_G0", 547],
  ["R_AARCH64_TLSLE_MOVW_TPREL_G0_NC", 548], ["R_AARCH64_TLSLE_ADD_TPREL_HI12", 549],
  ["R_AARCH64_TLSLE_ADD_TPREL_LO12", 550], ["R_AARCH64_TLSLE_ADD_TPREL_LO12_NC", 551],
  ["R_AARCH64_TLSLE_LDST8_TPREL_LO12", 552], ["R_AARCH64_TLSLE_LDST8_TPREL_LO12_NC", 553],
  ["R_AARCH64_TLSLE_LDST16_TPREL_LO12", 554], ["R_AARCH64_TLSLE_LDST16_TPREL_LO12_NC", 555],
  ["R_AARCH64_TLSLE_LDST32_TPREL_LO12", 556], ["R_AARCH64_TLSLE_LDST32_TPREL_LO12_NC", 557],
  ["R_AARCH64_TLSLE_LDST64_TPREL_LO12", 558], ["R_AARCH64_TLSLE_LDST64_TPREL_LO12_NC", 559],
  ["R_AARCH64_TLSLE_LDST128_TPREL_LO12", 570], ["R_AARCH64_TLSLE_LDST128_TPREL_LO12_NC", 571],
  ["R_AARCH64_TLSLD_ADD_DTPREL_LO12", 529],
  ["R_AARCH64_TLSLD_LDST8_DTPREL_LO12", 531], ["R_AARCH64_TLSLD_LDST8_DTPREL_LO12_NC", 532],
  ["R_AARCH64_TLSLD_LDST16_DTPREL_LO12", 533], ["R_AARCH64_TLSLD_LDST16_DTPREL_LO12_NC", 534],
  ["R_AARCH64_TLSLD_LDST32_DTPREL_LO12", 535], ["R_AARCH64_TLSLD_LDST32_DTPREL_LO12_NC", 536],
  ["R_AARCH64_TLSLD_LDST64_DTPREL_LO12", 537], ["R_AARCH64_TLSLD_LDST64_DTPREL_LO12_NC", 538],
  ["R_AARCH64_TLSLD_LDST128_DTPREL_LO12", 572], ["R_AARCH64_TLSLD_LDST128_DTPREL_LO12_NC", 573],
  ["R_AARCH64_GOT_LD_PREL19", 309], ["R_AARCH64_TLSGD_ADR_PREL21", 512], ["R_AARCH64_TLSLD_ADR_PREL21", 517],
  ["R_AARCH64_TLSIE_LD_GOTTPREL_PREL19", 543], ["R_AARCH64_TLSDESC_LD_PREL19", 560], ["R_AARCH64_TLSDESC_ADR_PREL21", 561], ["R_AARCH64_TLSDESC_ADR_PAGE21", 562],
  ["R_AARCH64_TLSDESC_LD64_LO12", 563], ["R_AARCH64_TLSDESC_ADD_LO12", 564], ["R_AARCH64_TLSDESC_CALL", 569],
  ["R_AARCH64_COPY", 1024], ["R_AARCH64_GLOB_DAT", 1025], ["R_AARCH64_JUMP_SLOT", 1026],
  ["R_AARCH64_RELATIVE", 1027], ["R_AARCH64_TLS_DTPMOD", 1028], ["R_AARCH64_TLS_DTPREL", 1029],
  ["R_AARCH64_TLS_TPREL", 1030], ["R_AARCH64_TLSDESC", 1031], ["R_AARCH64_IRELATIVE", 1032],
]);

export const R_RISCV = new Enum("riscv64 relocation", [
  ["R_RISCV_NONE", 0], ["R_RISCV_32", 1], ["R_RISCV_64", 2], ["R_RISCV_RELATIVE", 3], ["R_RISCV_COPY", 4],
  ["R_RISCV_JUMP_SLOT", 5], ["R_RISCV_TLS_DTPMOD32", 6], ["R_RISCV_TLS_DTPMOD64", 7],
  ["R_RISCV_TLS_DTPREL32", 8], ["R_RISCV_TLS_DTPREL64", 9], ["R_RISCV_TLS_TPREL32", 10],
  ["R_RISCV_TLS_TPREL64", 11], ["R_RISCV_BRANCH", 16], ["R_RISCV_JAL", 17], ["R_RISCV_CALL", 18],
  ["R_RISCV_CALL_PLT", 19], ["R_RISCV_GOT_HI20", 20], ["R_RISCV_TLS_GOT_HI20", 21],
  ["R_RISCV_TLS_GD_HI20", 22], ["R_RISCV_PCREL_HI20", 23], ["R_RISCV_PCREL_LO12_I", 24],
  ["R_RISCV_PCREL_LO12_S", 25], ["R_RISCV_HI20", 26], ["R_RISCV_LO12_I", 27], ["R_RISCV_LO12_S", 28],
  ["R_RISCV_TPREL_HI20", 29], ["R_RISCV_TPREL_LO12_I", 30], ["R_RISCV_TPREL_LO12_S", 31],
  ["R_RISCV_TPREL_ADD", 32], ["R_RISCV_ADD8", 33], ["R_RISCV_ADD16", 34], ["R_RISCV_ADD32", 35],
  ["R_RISCV_ADD64", 36], ["R_RISCV_SUB8", 37], ["R_RISCV_SUB16", 38], ["R_RISCV_SUB32", 39],
  ["R_RISCV_SUB64", 40], ["R_RISCV_ALIGN", 43], ["R_RISCV_RVC_BRANCH", 44], ["R_RISCV_RVC_JUMP", 45],
  ["R_RISCV_RELAX", 51], ["R_RISCV_SUB6", 52], ["R_RISCV_SET6", 53], ["R_RISCV_SET8", 54],
  ["R_RISCV_SET16", 55], ["R_RISCV_SET32", 56], ["R_RISCV_32_PCREL", 57], ["R_RISCV_IRELATIVE", 58],
  ["R_RISCV_PLT32", 59], ["R_RISCV_SET_ULEB128", 60], ["R_RISCV_SUB_ULEB128", 61],
]);

/** The relocation table of a machine, for diagnostics that name relocation types. */
export const RELOCATIONS_BY_MACHINE: ReadonlyMap<number, Enum> = new Map([
  [62, R_X86_64], [183, R_AARCH64], [243, R_RISCV],
]);
