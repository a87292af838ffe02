// The assembler's in-memory object: sections made of fragments, symbols, and
// fixups (places whose bytes depend on symbol values). Sizes of some fragments
// (branches, alignment, .org, LEB128 of label differences) are known only after
// layout, which `layout.ts` computes to a fixed point.

import type { Relaxable } from "./arch.js";
import type { Expr } from "./expr.js";

export class ByteBuf {
  bytes = new Uint8Array(64);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let cap = this.bytes.length * 2;
    while (cap < this.length + n) cap *= 2;
    const nb = new Uint8Array(cap);
    nb.set(this.bytes.subarray(0, this.length));
    this.bytes = nb;
  }

  u8(v: number): void { this.reserve(1); this.bytes[this.length++] = v & 0xff; }
  /** Append `size` bytes of `v`, little-endian, two's complement. */
  int(v: bigint, size: number): void {
    this.reserve(size);
    let x = BigInt.asUintN(size * 8, v);
    for (let i = 0; i < size; i++) { this.bytes[this.length++] = Number(x & 0xffn); x >>= 8n; }
  }
  append(b: ArrayLike<number>): void {
    this.reserve(b.length);
    for (let i = 0; i < b.length; i++) this.bytes[this.length++] = b[i];
  }
  fill(n: number, v: number): void { this.reserve(n); this.bytes.fill(v & 0xff, this.length, this.length + n); this.length += n; }
  view(): Uint8Array { return this.bytes.subarray(0, this.length); }
}

/** How a fixup's value is applied: the arch maps this to a relocation type. */
export interface Fixup {
  /** Byte offset inside the fragment. */
  offset: number;
  /**
   * An arch-specific field kind (riscv "branch", "pcrel_hi20"…): the arch
   * inserts the value (`ArchAssembler.applyFixup`). Absent: a whole
   * little-endian integer of `size` bytes.
   */
  kind?: string;
  /** Bytes the field occupies (for a `kind`, the instruction bytes it patches). */
  size: 1 | 2 | 4 | 8;
  expr: Expr;
  /** The field holds target - (field address) + bias: RIP-relative and branches. */
  pcrel: boolean;
  /** Added to the value: for RIP-relative operands, -(bytes from the field to the end of the instruction). */
  bias: bigint;
  /** The field is sign-extended by the CPU (imm32 in 64-bit ops, memory displacements). */
  signed: boolean;
  /** A branch displacement: global targets get PLT32, as gas does. */
  branch?: boolean;
  /** Arch-specific override of the relocation for a specifier (e.g. GOTPCREL → REX_GOTPCRELX). */
  relocOverride?: string;
  /**
   * A label difference left to the linker: ADD/SUB relocations (data), or
   * SET/SUB (the field holds the difference alone: CFI advances), SET6 for
   * DW_CFA_advance_loc's low 6 bits.
   */
  diffForm?: "add" | "set" | "set6";
  /** Under linker relaxation: the relocation is followed by the arch's relax marker (R_RISCV_RELAX). */
  relax?: boolean;
  file: string;
  line: number;
}

export interface DataFrag { kind: "data"; buf: ByteBuf; fixups: Fixup[]; address: number }
/** An instruction whose size layout chooses (see `Relaxable`). */
export interface RelaxFrag {
  kind: "relax"; address: number;
  target: Expr;
  inst: Relaxable;
  /** Index into `inst.sizes`. */
  variant: number;
  /** The target is defined in this section (not weak, not common): layout may measure the distance. */
  local: boolean;
  file: string; line: number;
}
export interface AlignFrag { kind: "align"; address: number; align: number; fill: number | "nop"; fillSize: number; max: number; size: number }
export interface OrgFrag { kind: "org"; address: number; target: Expr; fill: number; size: number; file: string; line: number }
export interface LebFrag { kind: "leb"; address: number; expr: Expr; signed: boolean; bytes: number[]; file: string; line: number }
/** `.skip`/`.fill` whose count is only known after layout. */
export interface SpaceFrag { kind: "space"; address: number; count: Expr; fill: number; size: number; file: string; line: number }

export type Frag = DataFrag | RelaxFrag | AlignFrag | OrgFrag | LebFrag | SpaceFrag;

export interface Section {
  readonly name: string;
  readonly index: number;
  type: number;
  flags: number;
  entsize: number;
  align: number;
  /** COMDAT or plain group signature. */
  group?: { signature: string; comdat: boolean };
  /** Linked section for SHF_LINK_ORDER. */
  linkTo?: string;
  /** Fragment lists by subsection number; concatenated in ascending order at layout. */
  subsections: Map<number, Frag[]>;
  /** The final fragment order, set by layout. */
  frags: Frag[];
  size: number;
  /** The section symbol, created with the section (as gas does) but emitted only if used. */
  symbol: AsmSymbol;
}

export interface AsmSymbol {
  readonly name: string;
  /** The name in the ELF symbol table when it differs (gas's many riscv `.L0 ` labels share one name). */
  elfName?: string;
  /** An internal symbol (see `InstContext.localLabel`) that is in the table even when no relocation names it. */
  keep?: boolean;
  /** Creation order: the ELF symbol table follows it. */
  readonly order: number;
  section?: Section;
  frag?: Frag;
  /** Offset inside `frag`. */
  fragOffset: number;
  /** For `.set`/`.equ` symbols: the expression (re-evaluated on use). */
  equ?: Expr;
  bind: "local" | "global" | "weak";
  explicitLocal: boolean;
  type: number;
  visibility: number;
  size?: Expr;
  common?: { size: bigint; align: bigint };
  isSection: boolean;
  isFile: boolean;
  /** Referenced by an emitted relocation (so a `.L` symbol must be in the table). */
  usedInReloc: boolean;
  /** The order in which relocations first named it (gas converts its local `.L` labels into symbols then). */
  relocOrder?: number;
  /** A `.L` symbol that gas would have made a full symbol by now (`.set`): it keeps its place in the table. */
  materialized?: boolean;
  /**
   * A section symbol gas only creates when writing the object: sections made
   * implicitly (`.comment`, `.eh_frame`), then those the arch adds last
   * (`.riscv.attributes`).
   */
  lateSection?: "implicit" | "final";
  /** Referenced at all: undefined referenced symbols become global undefined. */
  referenced: boolean;
  defined: boolean;
  /** `.symver name, alias@VER` aliases created for this symbol. */
  line?: number;
}

export const fragSize = (f: Frag): number => {
  switch (f.kind) {
    case "data": return f.buf.length;
    case "relax": return f.inst.sizes[f.variant];
    case "align": case "org": case "space": return f.size;
    case "leb": return f.bytes.length;
  }
};
