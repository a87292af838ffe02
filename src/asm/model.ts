// The assembler's in-memory object: sections made of fragments, symbols, and
// fixups (places whose bytes depend on symbol values). Sizes of some fragments
// (branches, alignment, .org, LEB128 of label differences) are known only after
// layout, which `layout.ts` computes to a fixed point.

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
  file: string;
  line: number;
}

export interface DataFrag { kind: "data"; buf: ByteBuf; fixups: Fixup[]; address: number }
/** A relaxable branch: short (rel8) until the displacement does not fit. */
export interface BranchFrag {
  kind: "branch"; address: number;
  /** Condition code 0..15 for jcc, -1 for jmp. */
  cond: number;
  target: Expr;
  long: boolean;
  /** The target is resolved here (same section): no relocation even when long. */
  local: boolean;
  /** Bytes of prefixes emitted before the opcode (kept as-is). */
  prefixes: readonly number[];
  file: string; line: number;
}
export interface AlignFrag { kind: "align"; address: number; align: number; fill: number | "nop"; fillSize: number; max: number; size: number }
export interface OrgFrag { kind: "org"; address: number; target: Expr; fill: number; size: number; file: string; line: number }
export interface LebFrag { kind: "leb"; address: number; expr: Expr; signed: boolean; bytes: number[]; file: string; line: number }
/** `.skip`/`.fill` whose count is only known after layout. */
export interface SpaceFrag { kind: "space"; address: number; count: Expr; fill: number; size: number; file: string; line: number }

export type Frag = DataFrag | BranchFrag | AlignFrag | OrgFrag | LebFrag | SpaceFrag;

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
  /** Referenced at all: undefined referenced symbols become global undefined. */
  referenced: boolean;
  defined: boolean;
  /** `.symver name, alias@VER` aliases created for this symbol. */
  line?: number;
}

export const fragSize = (f: Frag): number => {
  switch (f.kind) {
    case "data": return f.buf.length;
    case "branch": return branchSize(f);
    case "align": case "org": case "space": return f.size;
    case "leb": return f.bytes.length;
  }
};

/** x86 branch sizes: jmp rel8 = 2, jmp rel32 = 5, jcc rel8 = 2, jcc rel32 = 6 (plus prefixes). */
export function branchSize(f: BranchFrag): number {
  return f.prefixes.length + (f.long ? (f.cond < 0 ? 5 : 6) : 2);
}
