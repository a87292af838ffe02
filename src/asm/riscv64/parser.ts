// gas riscv operand text → Inst. Operands are split at top-level commas; each
// is a register, `offset(reg)`, a relocation operator `%op(expr)`, or an
// expression (a number becomes an immediate; anything else stays expression
// text for the encoder, which also reads CSR names, rounding modes and fence
// sets from it).

import { AsmError } from "../arch.js";
import { splitArgs } from "../lexer.js";
import { fprIndex, gprIndex } from "./encoder.js";
import { FPR, GPR, RELOC_OPERATORS, type GprName, type ImmOperand, type Inst, type Operand, type RelocOperator, type SymOperand } from "./inst.js";

const OPERATORS = new Set<string>(RELOC_OPERATORS);

/** A register by any of its names (x10, a0, fp), as its ABI name. */
export function parseRegister(t: string): Operand | undefined {
  const g = gprIndex(t);
  if (g !== undefined) return { kind: "reg", reg: GPR[g] };
  const f = fprIndex(t);
  if (f !== undefined) return { kind: "reg", reg: FPR[f] };
  return undefined;
}

const NUMBER = /^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)$/;

function parseNumber(t: string): bigint | undefined {
  if (!NUMBER.test(t)) return undefined;
  const neg = t.startsWith("-");
  const body = t.replace(/^[-+]/, "");
  const v = body.length > 1 && body[0] === "0" && /^[0-7]+$/.test(body) ? BigInt("0o" + body.slice(1)) : BigInt(body);
  return neg ? -v : v;
}

/** `%op(expr)` → its operator and inner text, when the whole text is one. */
function parseOperator(t: string): SymOperand | undefined {
  const m = /^%([a-z_]+)\s*\((.*)\)$/s.exec(t);
  if (!m) return undefined;
  if (!OPERATORS.has(m[1])) throw new AsmError(`bad relocation operator %${m[1]}`);
  return { kind: "sym", expr: m[2].trim(), op: m[1] as RelocOperator };
}

function parseValue(t: string): ImmOperand | SymOperand {
  const n = parseNumber(t);
  if (n !== undefined) return { kind: "imm", value: n };
  return parseOperator(t) ?? { kind: "sym", expr: t };
}

export function parseOperand(text: string): Operand {
  const t = text.trim();
  if (!t) throw new AsmError("missing operand");
  const r = parseRegister(t);
  if (r) return r;
  // offset(base): the parenthesis at the end holds a register.
  const m = /^(.*)\(\s*([a-z0-9]+)\s*\)$/s.exec(t);
  if (m) {
    const base = gprIndex(m[2]);
    if (base !== undefined) {
      const off = m[1].trim();
      return { kind: "mem", base: GPR[base] as GprName, offset: off ? parseValue(off) : { kind: "imm", value: 0n } };
    }
  }
  return parseValue(t);
}

/**
 * Operands that are always a symbol expression, even when spelled like a
 * register (a function named `f1`): by mnemonic, the operand index (-1: the last).
 */
const SYMBOL_OPERAND: ReadonlyMap<string, number> = new Map([
  ...["call", "tail", "j"].map((m) => [m, 0] as [string, number]),
  ...["la", "lla", "la.tls.ie", "la.tls.gd"].map((m) => [m, 1] as [string, number]),
  ...["beq", "bne", "blt", "bge", "bltu", "bgeu", "bgt", "ble", "bgtu", "bleu", "beqz", "bnez", "blez", "bgez", "bltz", "bgtz", "jal"]
    .map((m) => [m, -1] as [string, number]),
]);

export function parseInstruction(mnemonic: string, operands: string): Inst {
  const mn = mnemonic.toLowerCase();
  const texts = operands.trim() ? splitArgs(operands) : [];
  const symAt = SYMBOL_OPERAND.get(mn);
  const at = symAt === undefined ? -2 : symAt < 0 ? texts.length - 1 : symAt;
  // `jal rd` with one operand is a register jump only as `jalr`; `jal x` is a call of symbol x.
  const ops = texts.map((t, i) => (i === at && !/[()%]/.test(t) ? { kind: "sym" as const, expr: t.trim() } : parseOperand(t)));
  return { kind: "inst", mnemonic: mn, operands: ops };
}
