// What the target-independent assembler core needs from an architecture.
//
// An architecture supplies:
//   - its syntax (comment characters, `.word` size, what `.align` counts,
//     relocation operators such as riscv `%pcrel_hi(x)` or aarch64 `:lo12:x`);
//   - an encoder: one statement (text) or one backend `Inst` (no text) to
//     bytes with fixups, or to a relaxable fragment whose size layout chooses;
//   - fixup kinds: a fixup may carry an arch-specific `kind` ("branch",
//     "pcrel_hi20", "call26"…); the arch inserts a resolved value into the
//     instruction bits (`applyFixup`) and maps an unresolved one to its ELF
//     relocation type (`relocType`). A fixup without `kind` is a whole
//     little-endian integer of `size` bytes (data directives, all of x86);
//   - linker relaxation (riscv): relocations that must stay even when the
//     value is known here (`resolvesLocally`), label differences left to the
//     linker as ADD/SUB relocation pairs (`differenceRelocs`), a marker
//     relocation next to relaxable ones (`Fixup.relax` → `relaxRelocType`),
//     and code alignment the linker redoes (`alignCode`);
//   - ELF header flags, arch directives (`.option`), and a hook at the end of
//     input (attribute sections);
//   - CIE parameters and DWARF register names for `.cfi_*`.
//
// Architectures are created per assembly (`ArchFactory`), so state such as
// riscv's `.option push/pop` lives in the arch object.

import type { Expr, ExprParser } from "./expr.js";
import type { Fixup, Section } from "./model.js";
import type { Value } from "./value.js";
import type { Assembler } from "./assembler.js";

/** A fixup as the encoder produces it: offset relative to the instruction start. */
export type EncFixup = Omit<Fixup, "file" | "line">;

/** Bytes of one instruction variant, fixups relative to its first byte. */
export interface EncodedBytes { readonly bytes: readonly number[]; readonly fixups: readonly EncFixup[] }

/**
 * An instruction whose size depends on the distance to its target (x86
 * jmp/jcc rel8 → rel32; riscv c.beqz → beq → bne+jal). Layout starts from
 * `initial` and only ever moves to larger variants.
 */
export interface Relaxable {
  /** Byte size of each variant, in the order layout tries them. */
  readonly sizes: readonly number[];
  /**
   * How layout sees a forward target during a pass: `true` adds the growth
   * of earlier fragments in this pass (gas's generic relax_frag, x86);
   * `false` takes the target's address from the previous pass (riscv).
   */
  readonly stretch: boolean;
  /** The first variant: `local` is true when the target is defined in this section (not weak, not common). */
  initial(local: boolean): number;
  /** Whether variant `v` reaches a target `disp` bytes from the fragment's first byte. */
  fits(v: number, disp: number): boolean;
  /** The bytes of variant `v`. Fixups of a local target are resolved here unless the arch keeps them (`resolvesLocally`). */
  encode(v: number, local: boolean): EncodedBytes;
  /** gas creates these fixups when relaxation ends, after all others of the section: their relocations come last. */
  readonly relocsLast: boolean;
}

export type Encoded =
  | ({
    readonly kind: "bytes";
    /** Start a new fragment after these bytes (riscv: after instructions the linker may rewrite, so no distance across them is folded). */
    readonly endsFragment?: boolean;
  } & EncodedBytes)
  | { readonly kind: "relax"; readonly target: Expr; readonly inst: Relaxable };

/** Services the core offers an instruction parser/encoder. */
export interface InstContext {
  /** Parse an expression of operand text (numeric local labels and `.` resolved). */
  parseExpr(text: string): Expr;
  /** The expression's value if it is already a constant, else undefined. */
  constant(e: Expr): bigint | undefined;
  warning?(message: string): void;
  /**
   * A fresh local symbol at the current location, called `elfName` in the
   * symbol table: always (`keep`, mapping symbols `$x`/`$d`) or only when a
   * relocation names it (riscv's `.L0 ` labels); returns the internal name
   * to use in expressions.
   */
  localLabel(elfName: string, keep?: boolean): string;
  /** The section instructions are going to. */
  currentSection(): Section;
}

/** Lexical and directive conventions that differ between gas targets. */
export interface AsmSyntax {
  /** Characters that start a comment anywhere on a line (outside strings). */
  readonly commentChars: string;
  /** Characters that start a comment only as a line's first non-blank character. */
  readonly lineCommentChars: string;
  /** A two-character comment opener valid anywhere (aarch64 `//`), if any. */
  readonly commentString?: string;
  /** Bytes of `.word` (2 on x86, 4 on riscv and aarch64). */
  readonly wordSize: 2 | 4;
  /** The symbol-table name of `.` when a relocation must name it (riscv `.L0 `); x86 never needs one. */
  readonly fakeLabelName?: string;
  /** `.align n` aligns to 2**n (riscv, aarch64) rather than n bytes (x86). */
  readonly alignIsPow2: boolean;
  /**
   * A relocation operator at the start of a primary expression (`%hi(x)`,
   * `:lo12:x`): parse it from `p.pos` and return the node, or undefined
   * when there is none there.
   */
  readonly relocOperator?: (p: ExprParser) => Expr | undefined;
}

/** Label differences and alignment under linker relaxation (riscv). */
export interface LinkerRelaxation {
  /**
   * Whether `a - b` is a constant the assembler may fold (both in `sec`):
   * false when code in between may change size at link time.
   */
  differenceIsFixed(sec: Section): boolean;
  /** ADD/SUB (or SET/SUB, SET6/SUB6) relocation types for a `size`-byte field holding a label difference. */
  differenceRelocs(size: number, form: "add" | "set" | "set6"): { add: number; sub: number } | undefined;
  /** The relocation type emitted next to a relocation whose fixup has `relax` (R_RISCV_RELAX). */
  readonly relaxRelocType: number;
}

export interface ArchAssembler<I = never> {
  readonly machine: number;
  readonly syntax: AsmSyntax;
  /** ELF header e_flags. */
  elfFlags(): number;
  /** Encode one instruction statement; throws AsmError for bad input. */
  instruction(mnemonic: string, operands: string, cx: InstContext): Encoded;
  /** Encode a backend's instruction (no text); the same result as its printed form through `instruction`. */
  encodeInst(inst: I, cx: InstContext): Encoded;
  /** `n` bytes of no-op instructions for code alignment. */
  nops(n: number): number[];
  /**
   * Code alignment done by the arch instead of a padding fragment (riscv
   * under relaxation: worst-case nops and R_RISCV_ALIGN); false to use the
   * core's fragment.
   */
  alignCode?(asm: Assembler, align: number, max: number): boolean;
  /** The ELF relocation type for a fixup that must be left to the linker. */
  relocType(f: Fixup, v: Value, symbolIsLocal: boolean): number;
  /** Whether relocations with this specifier must keep their symbol (not become section-relative). */
  keepsSymbol(f: Fixup, v: Value): boolean;
  /**
   * Write a known value into a fixup with an arch `kind` (range checked,
   * gas's message on overflow). May return a relocation type to emit
   * with no symbol and the value as addend (R_RISCV_ALIGN).
   */
  applyFixup?(f: Fixup, value: bigint, out: Uint8Array, at: number): number | undefined;
  /**
   * The bits of an arch-kind fixup that is left to the linker (gas writes
   * e.g. riscv branch displacements "for objdump"): `target` is the symbol's
   * offset in its section (0 if undefined) plus the addend.
   */
  relocatedBits?(f: Fixup, target: bigint, addend: bigint, out: Uint8Array, at: number): void;
  /** Whether a PC-relative fixup whose target is known here may be resolved (default: yes). */
  resolvesLocally?(f: Fixup): boolean;
  readonly linkerRelax?: LinkerRelaxation;
  /**
   * gas keeps `.L` labels and `.` labels out of its symbol list until a
   * relocation names one: in the table they follow the other local symbols,
   * in the order relocations first named them, before section symbols of
   * implicitly made sections (riscv, where such labels reach the table).
   */
  readonly lateLocalLabels?: boolean;
  /**
   * `.fill`/`.space` end their fragment, as gas's rs_fill frags do: label
   * distances across them are then unknown before layout (which matters
   * where such distances in code are left to the linker, riscv).
   */
  readonly fillEndsFragment?: boolean;
  /** Every section gets its symbol in the table, used or not (gas on riscv). */
  readonly allSectionSymbols?: boolean;
  /** Relocations sorted by offset (stable) in each section, as gas does for this target. */
  readonly sortRelocs?: boolean;
  /** Arch directives (`.option`, `.attribute`, `.dword`), by lower-case name with the dot. */
  readonly directives?: ReadonlyMap<string, (asm: Assembler, args: string) => void>;
  /** Called once after the last statement, before layout (attribute sections…). */
  finish?(asm: Assembler): void;
  /** Called once all sections have their final addresses, before relocations and symbols are written (aarch64 drops redundant mapping symbols). */
  afterLayout?(asm: Assembler): void;
  /** Called before a data directive emits into the current section (mapping symbols `$d`). */
  beforeData?(asm: Assembler): void;
  /**
   * Called where gas starts a variable fragment: a fill (`.zero`, `.skip`,
   * `.fill` with a nonzero count) or an alignment (also the padding after a
   * CIE in .eh_frame). aarch64 places mapping symbols there.
   */
  frag?(asm: Assembler, kind: "fill" | "align"): void;
  /** The initial alignment of `.text` (gas: the instruction alignment). */
  readonly textAlign?: number;
  /** DWARF CFI parameters for .eh_frame. */
  readonly cfi: CfiParams;
}

export interface CfiParams {
  /** CIE version (1; riscv gas writes 3). */
  readonly version?: number;
  /** The smallest instruction size: CFI advances and `.debug_line`'s address advances count in it. */
  readonly codeAlign: number;
  readonly dataAlign: number;
  readonly raReg: number;
  /** The CIE's initial instructions. */
  readonly initial: readonly number[];
  /** The CFA offset the initial instructions establish. */
  readonly initialCfaOffset: number;
  /** DWARF numbers of register names accepted by `.cfi_*`. */
  readonly registers: Readonly<Record<string, number>>;
  readonly pcrelType: number;
}

/**
 * A fresh arch object for one assembly (arches with `.option`-like state need
 * one each), given the assembler command-line options in gas's spelling
 * (`-fpic`, `-march=rv64gc`, `-mno-relax`); an arch ignores those it does not know.
 */
export type ArchFactory<I = never> = (args?: readonly string[]) => ArchAssembler<I>;

/** An error in the input, reported as `file:line: error: message` like GNU as. */
export class AsmError extends Error {}
