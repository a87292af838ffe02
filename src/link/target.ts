// What the shared linker code needs from an architecture. Each target file
// (x86_64.ts, later aarch64.ts and riscv64.ts) exports one LinkTarget; the
// registry below is the only place that lists them.

import type { Rela } from "../elf/types.js";
import type { Context, TlsLayout } from "./context.js";
import type { InputSection } from "./files.js";
import type { SegmentClass } from "./layout.js";
import type { Symbol } from "./symbol.js";

/** Dynamic relocation types of the target, in its own numbering. */
export interface DynamicRelocTypes {
  relative: number;
  globDat: number;
  jumpSlot: number;
  copy: number;
  irelative: number;
  /** Word-sized absolute relocation (R_X86_64_64, R_AARCH64_ABS64 …). */
  abs64: number;
  dtpmod64: number;
  dtpoff64: number;
  tpoff64: number;
  /** TLS descriptor relocation (R_AARCH64_TLSDESC), on targets whose objects use descriptors. */
  tlsdesc?: number;
}

/**
 * Per-relocation work. `scan` runs once before layout and records what the
 * relocation needs (GOT and PLT slots, copy relocations, dynamic relocations);
 * `apply` runs after layout and patches the bytes. Both get the relocation's
 * index so that multi-relocation sequences (TLS relaxations) can consume the
 * relocations that follow; they return how many extra relocations they used.
 */
export interface LinkTarget {
  readonly name: string;
  readonly machine: number;
  /** Emulations accepted with -m. */
  readonly emulations: readonly string[];
  readonly pageSize: number;
  /** Base address of non-PIE executables. */
  readonly execBase: number;
  readonly dynamicLinker: string;
  readonly dyn: DynamicRelocTypes;
  /** `_GLOBAL_OFFSET_TABLE_` is the start of .got.plt (x86_64) or of .got. */
  readonly gotSymbolInGotPlt: boolean;
  /**
   * .got starts with a word holding the address of .dynamic (riscv64 and
   * aarch64 ld.so and static start-up code read it as GOT[0]).
   */
  readonly gotHeaderHoldsDynamic: boolean;
  /** Reserved words at the start of .got.plt (x86_64: _DYNAMIC, link map, resolver). */
  readonly gotPltHeaderEntries: number;
  /**
   * An object without .note.GNU-stack asks for an executable stack (GNU ld's
   * default on x86_64; its riscv64 port assumes a non-executable one, and
   * riscv64 gcc's crti.o/crtn.o have no note).
   */
  readonly missingStackNoteMeansExec: boolean;
  readonly pltHeaderSize: number;
  readonly pltEntrySize: number;

  /** Where the target's GNU ld script puts sections, where it differs from the generic script. */
  readonly sectionLayout?: {
    /** Output sections in address order with their segment class (default GENERIC_SECTION_ORDER). */
    readonly order?: ReadonlyArray<readonly [string, SegmentClass]>;
    /** [name, output]: sections named `name` or `name.*` (input or synthetic) go to `output`. */
    readonly mergeInto?: ReadonlyArray<readonly [string, string]>;
    /** Code in its own segment, apart from headers and read-only data (default true, x86_64's -z separate-code). */
    readonly separateCode?: boolean;
  };

  relocName(type: number): string;
  scan(ctx: Context, sec: InputSection, rels: readonly Rela[], i: number, sym: Symbol): number;
  apply(ctx: Context, sec: InputSection, rels: readonly Rela[], i: number, sym: Symbol, out: DataView, at: number): number;
  /**
   * Relocate a non-allocated section (debug information): link-time values
   * only, nothing dynamic. `tombstone` replaces the value when the symbol's
   * code or data is not in the output.
   */
  applyNonAlloc(ctx: Context, sec: InputSection, rel: Rela, sym: Symbol, out: DataView, at: number, tombstone: number | undefined): void;
  /** Write the PLT header at `at` in `out`; `pltAddr`/`gotPltAddr` are the section addresses. */
  writePltHeader(out: DataView, at: number, pltAddr: number, gotPltAddr: number): void;
  /** Write PLT entry `index` jumping through the GOT word at `gotSlotAddr`. */
  writePltEntry(out: DataView, at: number, entryAddr: number, gotSlotAddr: number, index: number, pltAddr: number, lazy: boolean): void;
  /** The value a lazily bound .got.plt slot starts with (where an unresolved call goes). */
  lazySlotValue(entryAddr: number, pltAddr: number): number;

  /**
   * Where the thread pointer points, as an offset from the start of the
   * executable's TLS block: the block size for TLS variant II (x86_64, the
   * block ends at %fs:0), 0 or minus the TCB size for variant I (riscv64,
   * aarch64, the block follows the thread pointer).
   */
  threadPointerOffset(tls: TlsLayout): number;
  /** Subtracted from offsets within a module's TLS block in DTPREL values (riscv64: 0x800). */
  readonly dtpOffsetBias: number;
  /** e_flags of the output, from the input objects' (riscv64: float ABI and RVC). */
  outputFlags?(ctx: Context): number;
  /**
   * Symbols the target's ABI has the linker define (riscv64: `__global_pointer$`);
   * their values are computed after layout, and again after every relaxation pass.
   */
  readonly builtins?: ReadonlyArray<readonly [string, (ctx: Context) => number]>;
  /**
   * Linker relaxation, called after addresses are assigned, with the pass
   * number (from 0). It may shrink input sections (src/link/relax.ts);
   * it returns true when it did, and the linker lays out again and calls it
   * once more. Targets without it have sizes that do not depend on addresses.
   */
  relax?(ctx: Context, pass: number): boolean;
}

/** One relocation as a handler sees it: where it is, which entry, against what. */
export interface RelocSite {
  ctx: Context;
  sec: InputSection;
  rels: readonly Rela[];
  i: number;
  rel: Rela;
  sym: Symbol;
}

/** A relocation being applied: the bytes and the ELF psABI's S, A and P. */
export interface ApplySite extends RelocSite {
  out: DataView;
  /** File offset of the place in `out`. */
  at: number;
  /** Address of the place. */
  P: number;
  A: number;
  S: number;
}
