// What the shared linker code needs from an architecture. Each target file
// (x86_64.ts, later aarch64.ts and riscv64.ts) exports one LinkTarget; the
// registry below is the only place that lists them.

import type { Rela } from "../elf/types.js";
import type { Context } from "./context.js";
import type { InputSection } from "./files.js";
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
  /** Reserved words at the start of .got.plt (x86_64: _DYNAMIC, link map, resolver). */
  readonly gotPltHeaderEntries: number;
  readonly pltHeaderSize: number;
  readonly pltEntrySize: number;

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
  /** The value a lazily bound .got.plt slot starts with (the address the PLT entry jumps back to). */
  lazySlotValue(entryAddr: number): number;
}
