// riscv64 instructions as structured data: what a backend emits, what the
// text parser produces, what the encoder consumes and the printer prints.
//
// Conventions (gas syntax as riscv64-linux-gnu-gcc -S prints it):
//   - `mnemonic` is the gas mnemonic, pseudo-instructions included ("li",
//     "call", "sext.w", "amoswap.w.aqrl", "fcvt.w.d").
//   - operands in gas order: destination first; a memory operand is
//     `offset(base)`.

/** Integer registers by ABI name, index = register number. */
export const GPR = [
  "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
  "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
] as const;
/** Floating-point registers by ABI name. */
export const FPR = [
  "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
  "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
] as const;

export type GprName = (typeof GPR)[number];
export type FprName = (typeof FPR)[number];

/** Relocation operators: `%hi(sym)` etc. */
export const RELOC_OPERATORS = [
  "hi", "lo", "pcrel_hi", "pcrel_lo", "got_pcrel_hi", "tprel_hi", "tprel_lo", "tprel_add", "tls_ie_pcrel_hi", "tls_gd_pcrel_hi",
] as const;
export type RelocOperator = (typeof RELOC_OPERATORS)[number];

export interface RegOperand { readonly kind: "reg"; readonly reg: GprName | FprName }
export interface ImmOperand { readonly kind: "imm"; readonly value: bigint }
/**
 * A symbolic value: gas expression text (`sym`, `sym+8`, `.L3`, `ext@plt`),
 * optionally under a relocation operator (`%pcrel_lo(.Lpcrel7)`).
 */
export interface SymOperand { readonly kind: "sym"; readonly expr: string; readonly op?: RelocOperator }
/** `offset(base)`: a constant or symbolic offset. */
export interface MemOperand { readonly kind: "mem"; readonly base: GprName; readonly offset: ImmOperand | SymOperand }
/** A rounding mode operand of F/D instructions. */
export interface RoundingOperand { readonly kind: "rm"; readonly mode: "rne" | "rtz" | "rdn" | "rup" | "rmm" | "dyn" }
/** A fence's predecessor or successor set: a subset of "iorw" in that order. */
export interface FenceOperand { readonly kind: "fence"; readonly set: string }
/** A CSR by name. */
export interface CsrOperand { readonly kind: "csr"; readonly name: string }

export type Operand = RegOperand | ImmOperand | SymOperand | MemOperand | RoundingOperand | FenceOperand | CsrOperand;

export interface Inst {
  readonly kind: "inst";
  readonly mnemonic: string;
  readonly operands: readonly Operand[];
}

// ---------------------------------------------------------------- constructors

export const reg = (r: GprName | FprName): RegOperand => ({ kind: "reg", reg: r });
export const imm = (v: bigint | number): ImmOperand => ({ kind: "imm", value: BigInt(v) });
export const sym = (expr: string, op?: RelocOperator): SymOperand => (op ? { kind: "sym", expr, op } : { kind: "sym", expr });
export const mem = (base: GprName, offset: bigint | number | SymOperand = 0): MemOperand =>
  ({ kind: "mem", base, offset: typeof offset === "object" ? offset : imm(offset) });
export const inst = (mnemonic: string, ...operands: Operand[]): Inst => ({ kind: "inst", mnemonic, operands });
