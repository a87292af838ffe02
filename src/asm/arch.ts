// What the target-independent assembler core needs from an architecture.

import type { Expr } from "./expr.js";
import type { Fixup } from "./model.js";
import type { Value } from "./value.js";

/** A fixup as the encoder produces it: offset relative to the instruction start. */
export type EncFixup = Omit<Fixup, "file" | "line">;

export type Encoded =
  | { readonly kind: "bytes"; readonly bytes: readonly number[]; readonly fixups: readonly EncFixup[] }
  | { readonly kind: "branch"; readonly cond: number; readonly target: Expr; readonly prefixes: readonly number[] };

/** Services the core offers an instruction parser/encoder. */
export interface InstContext {
  /** Parse an expression of operand text (numeric local labels and `.` resolved). */
  parseExpr(text: string): Expr;
  /** The expression's value if it is already a constant, else undefined. */
  constant(e: Expr): bigint | undefined;
}

export interface ArchAssembler {
  readonly machine: number;
  /** Encode one instruction statement; throws AsmError for bad input. */
  instruction(mnemonic: string, operands: string, cx: InstContext): Encoded;
  /** `n` bytes of no-op instructions for code alignment. */
  nops(n: number): number[];
  /** The ELF relocation type for a fixup that must be left to the linker. */
  relocType(f: Fixup, v: Value, symbolIsLocal: boolean): number;
  /** Whether relocations with this specifier must keep their symbol (not become section-relative). */
  keepsSymbol(f: Fixup, v: Value): boolean;
  /** DWARF CFI parameters for .eh_frame. */
  readonly cfi: { codeAlign: number; dataAlign: number; raReg: number; initial: readonly number[]; pcrelType: number };
}

/** An error in the input, reported as `file:line: error: message` like GNU as. */
export class AsmError extends Error {}
