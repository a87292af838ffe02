// AT&T operand text → `Inst`. Expressions that are not plain numbers are kept
// as text in `sym` (see inst.ts); the encoder evaluates them.

import { AsmError } from "../arch.js";
import { splitArgs } from "../lexer.js";
import type { Inst, MemOperand, Operand, RegName } from "./inst.js";
import { REGISTERS } from "./registers.js";

/** Prefix words that may stand before a mnemonic. */
export const PREFIX_WORDS = new Set([
  "lock", "rep", "repe", "repz", "repne", "repnz", "data16", "data32", "addr32", "rex64", "rex", "rex.w", "notrack",
  "cs", "ds", "es", "ss", "fs", "gs",
]);

/** Mnemonics whose bare-expression operand is a branch target, not a memory reference. */
const BRANCHES = /^(jmp|jmpq|call|callq|j[a-z]{1,3}|loop|loope|loopz|loopne|loopnz|jrcxz|jecxz|xbegin)$/;

const NUMBER = /^[-+]?(0[xX][0-9a-fA-F]+|[0-9]+)$/;

function regName(t: string): RegName {
  const n = t.replace(/\s+/g, "").toLowerCase();
  if (!REGISTERS.has(n)) throw new AsmError(`bad register name \`%${t}'`);
  return n as RegName;
}

/** A displacement or immediate: a literal becomes `disp`, anything else stays text. */
function exprField(t: string): { value: bigint; sym?: string } {
  const s = t.trim();
  if (s === "") return { value: 0n };
  if (NUMBER.test(s)) {
    const neg = s.startsWith("-");
    const body = s.replace(/^[-+]/, "");
    let v = body.length > 1 && body[0] === "0" && !/^0[xX]/.test(body) ? BigInt("0o" + body.slice(1)) : BigInt(body);
    if (neg) v = -v;
    return { value: BigInt.asIntN(64, v) };
  }
  return { value: 0n, sym: s };
}

function parseMemory(t: string): MemOperand {
  let s = t.trim();
  let seg: MemOperand["seg"];
  const segm = /^%([cdefgs]s)\s*:\s*/i.exec(s);
  if (segm) {
    seg = segm[1].toLowerCase() as MemOperand["seg"];
    s = s.slice(segm[0].length);
  }
  let base: RegName | undefined;
  let index: RegName | undefined;
  let scale: 1 | 2 | 4 | 8 = 1;
  const paren = s.endsWith(")") ? s.lastIndexOf("(") : -1;
  let dispText = s;
  if (paren >= 0 && /^\(\s*(%|,)/.test(s.slice(paren))) {
    dispText = s.slice(0, paren);
    const parts = s.slice(paren + 1, -1).split(",").map((x) => x.trim());
    if (parts.length > 3) throw new AsmError(`bad memory operand \`${t}'`);
    if (parts[0]) {
      if (!parts[0].startsWith("%")) throw new AsmError(`bad memory operand \`${t}'`);
      base = regName(parts[0].slice(1));
    }
    if (parts[1]) {
      if (!parts[1].startsWith("%")) throw new AsmError(`bad memory operand \`${t}'`);
      index = regName(parts[1].slice(1));
    }
    if (parts[2]) {
      const sc = Number(parts[2]);
      if (sc !== 1 && sc !== 2 && sc !== 4 && sc !== 8) throw new AsmError(`scale factor of ${parts[2]} without an index register`);
      scale = sc;
    }
  }
  const d = exprField(dispText);
  return { kind: "mem", seg, base, index, scale, disp: d.value, sym: d.sym };
}

export function parseOperand(t: string, branch: boolean): Operand {
  const s = t.trim();
  if (s.startsWith("*")) {
    const inner = parseOperand(s.slice(1), false);
    if (inner.kind !== "reg" && inner.kind !== "mem") throw new AsmError(`bad indirect operand \`${t}'`);
    return { kind: "indirect", to: inner };
  }
  if (s.startsWith("$")) {
    const f = exprField(s.slice(1));
    return { kind: "imm", value: f.value, sym: f.sym };
  }
  if (s.startsWith("%") && !/^%[cdefgs]s\s*:/i.test(s)) return { kind: "reg", reg: regName(s.slice(1)) };
  if (branch && !s.includes("(") && !s.includes("%")) return { kind: "target", name: s };
  return parseMemory(s);
}

/** Parse `[prefix…] mnemonic operands` (the mnemonic already split off by the caller). */
export function parseInstruction(mnemonic: string, operandText: string): Inst {
  let mn = mnemonic.toLowerCase();
  let rest = operandText.trim();
  const prefixes: string[] = [];
  while (PREFIX_WORDS.has(mn) && rest) {
    prefixes.push(mn);
    const m = /^(\S+)\s*(.*)$/.exec(rest)!;
    mn = m[1].toLowerCase();
    rest = m[2];
  }
  const branch = BRANCHES.test(mn);
  const operands = rest ? splitArgs(rest).map((o) => {
    if (!o) throw new AsmError("missing operand");
    return parseOperand(o, branch);
  }) : [];
  return prefixes.length ? { kind: "inst", mnemonic: mn, operands, prefixes } : { kind: "inst", mnemonic: mn, operands };
}
