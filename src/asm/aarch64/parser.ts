// gas-syntax AArch64 operand text → `Inst`. Numbers become values; other
// expressions stay text (see inst.ts) for the encoder to evaluate.

import { AsmError } from "../arch.js";
import { constBin, ExprParser, type Expr } from "../expr.js";
import {
  ARRANGEMENTS, CONDITIONS, RELOC_OPS, type Arrangement, type ElemSize, type ExtendOp, type FpClass, type GprOperand,
  type Inst, type MemOffset, type MemOperand, type Operand, type RelocOp, type ShiftOp,
} from "./inst.js";

/** Mnemonics whose operand list ends with a condition code. */
const COND_LAST = new Set(["csel", "csinc", "csinv", "csneg", "cset", "csetm", "cinc", "cinv", "cneg", "ccmp", "ccmn", "fccmp", "fccmpe", "fcsel"]);
/** Named operands (barrier options, system registers, prefetch operations): mnemonic → operand position. */
const NAMED: Readonly<Record<string, number>> = { dmb: 0, dsb: 0, isb: 0, clrex: 0, mrs: 1, msr: 0, prfm: 0, prfum: 0, bti: 0 };

/** Split at top-level commas (not inside [], {} or ()). */
export function splitOperands(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "[" || c === "{" || c === "(") depth++;
    else if (c === "]" || c === "}" || c === ")") depth--;
    else if (c === "," && depth === 0) { out.push(s.slice(start, i).trim()); start = i + 1; }
  }
  const last = s.slice(start).trim();
  if (last || out.length) out.push(last);
  return out;
}

const NUMBER = /^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)$/;
const FLOAT = /^[-+]?([0-9]+\.[0-9]*([eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)$/;

function parseNumber(s: string): bigint {
  const neg = s.startsWith("-");
  const body = s.replace(/^[-+]/, "");
  const v = /^0[0-7]+$/.test(body) ? BigInt("0o" + body.slice(1)) : BigInt(body);
  return neg ? -v : v;
}

/** A general register name, or undefined. */
export function gprOperand(name: string): GprOperand | undefined {
  const n = name.toLowerCase();
  if (n === "sp") return { kind: "gpr", size: 64, num: 31, sp: true };
  if (n === "wsp") return { kind: "gpr", size: 32, num: 31, sp: true };
  if (n === "xzr") return { kind: "gpr", size: 64, num: 31, sp: false };
  if (n === "wzr") return { kind: "gpr", size: 32, num: 31, sp: false };
  const m = /^([xw])([0-9]|[12][0-9]|30)$/.exec(n);
  return m ? { kind: "gpr", size: m[1] === "x" ? 64 : 32, num: Number(m[2]), sp: false } : undefined;
}

function vectorOperand(n: string): Operand | undefined {
  const m = /^v([0-9]|[12][0-9]|3[01])(?:\.([0-9]*[bhsdq]))?(?:\[(\d+)\])?$/.exec(n);
  if (!m || !m[2]) return undefined;
  const num = Number(m[1]);
  if (m[3] !== undefined) {
    if (!/^[bhsd]$/.test(m[2])) return undefined;
    return { kind: "elem", num, size: m[2] as ElemSize, index: Number(m[3]) };
  }
  if (!(ARRANGEMENTS as readonly string[]).includes(m[2])) return undefined;
  return { kind: "vec", num, arr: m[2] as Arrangement };
}

function registerOperand(t: string): Operand | undefined {
  const n = t.toLowerCase();
  const g = gprOperand(n);
  if (g) return g;
  const f = /^([bhsdq])([0-9]|[12][0-9]|3[01])$/.exec(n);
  if (f) return { kind: "fpr", cls: f[1] as FpClass, num: Number(f[2]) };
  return vectorOperand(n);
}

/** A constant written as an expression of numbers (`#(32 - 1)`); symbols are not allowed here. */
function constantExpr(text: string): bigint | undefined {
  let e: Expr;
  try { e = ExprParser.parse(text); } catch { return undefined; }
  const value = (x: Expr): bigint | undefined => {
    switch (x.k) {
      case "num": return x.v;
      case "un": {
        const a = value(x.a);
        if (a === undefined) return undefined;
        return x.op === "-" ? -a : x.op === "~" ? ~a : x.op === "!" ? (a === 0n ? 1n : 0n) : a;
      }
      case "bin": {
        const a = value(x.a), b = value(x.b);
        return a === undefined || b === undefined ? undefined : constBin(x.op, a, b);
      }
      default: return undefined;
    }
  };
  return value(e);
}

function shiftAmount(t: string): number {
  const s = t.trim().replace(/^#/, "");
  const v = NUMBER.test(s) ? parseNumber(s) : constantExpr(s);
  if (v === undefined) throw new AsmError(`constant shift amount required: \`${t}'`);
  return Number(v);
}

function shiftOrExtend(t: string): Operand | undefined {
  const m = /^(lsl|lsr|asr|ror|msl|uxt[bhwx]|sxt[bhwx])(?:\s+(.*))?$/i.exec(t);
  if (!m) return undefined;
  const op = m[1].toLowerCase();
  if (op.length === 4) return m[2] === undefined ? { kind: "extend", op: op as ExtendOp } : { kind: "extend", op: op as ExtendOp, amount: shiftAmount(m[2]) };
  if (m[2] === undefined) throw new AsmError(`missing shift amount: \`${t}'`);
  return { kind: "shift", op: op as ShiftOp, amount: shiftAmount(m[2]) };
}

/** `:op:expr`, with or without a leading `#`. */
function relocOperand(t: string): Operand | undefined {
  const m = /^#?\s*:([a-z0-9_]+):\s*(.+)$/i.exec(t);
  if (!m) return undefined;
  const op = m[1].toLowerCase();
  if (!(RELOC_OPS as readonly string[]).includes(op)) throw new AsmError(`unknown relocation modifier \`:${m[1]}:'`);
  const sym = { kind: "sym", expr: m[2].trim(), op: op as RelocOp } as const;
  return t.startsWith("#") ? { ...sym, hash: true } : sym;
}

function immediate(t: string): Operand {
  const s = t.replace(/^#/, "").trim();
  if (s === "") throw new AsmError("missing immediate expression");
  if (NUMBER.test(s)) return { kind: "imm", value: BigInt.asIntN(64, parseNumber(s)) };
  if (FLOAT.test(s)) return { kind: "fimm", value: Number(s) };
  return { kind: "imm", value: 0n, expr: s };
}

function memOffset(t: string, rest: string[]): MemOffset {
  const reg = gprOperand(t);
  if (reg) {
    if (rest.length > 1) throw new AsmError(`bad address \`${t}'`);
    const ext = rest.length ? shiftOrExtend(rest[0]) : undefined;
    if (rest.length && !ext) throw new AsmError(`bad shift or extend \`${rest[0]}'`);
    if (ext && ext.kind !== "shift" && ext.kind !== "extend") throw new AsmError(`bad address`);
    return ext ? { kind: "index", reg, ext } : { kind: "index", reg };
  }
  if (rest.length) throw new AsmError(`bad address \`${t}'`);
  const r = relocOperand(t);
  if (r && r.kind === "sym") return r;
  const i = immediate(t);
  if (i.kind !== "imm") throw new AsmError(`bad address offset \`${t}'`);
  return i;
}

function memory(t: string, post: string | undefined): MemOperand {
  const m = /^\[(.*)\](!?)$/.exec(t);
  if (!m) throw new AsmError(`bad address \`${t}'`);
  const parts = splitOperands(m[1]);
  const base = gprOperand(parts[0] ?? "");
  if (!base || base.size !== 64 || (base.num === 31 && !base.sp)) throw new AsmError(`invalid base register \`${parts[0] ?? ""}'`);
  const offset = parts.length > 1 ? memOffset(parts[1], parts.slice(2)) : undefined;
  if (post !== undefined) {
    if (offset || m[2]) throw new AsmError(`bad address \`${t}, ${post}'`);
    return { kind: "mem", base: base.num, mode: "post", offset: memOffset(post, []) };
  }
  if (m[2]) {
    if (!offset) throw new AsmError(`bad pre-indexed address \`${t}'`);
    return { kind: "mem", base: base.num, mode: "pre", offset };
  }
  return offset ? { kind: "mem", base: base.num, mode: "offset", offset } : { kind: "mem", base: base.num, mode: "offset" };
}

function list(t: string): Operand {
  const lane = /^\{(.*)\}\s*\[(\d+)\]$/.exec(t);
  if (lane) {
    const regs = splitOperands(lane[1]).map((r) => /^v([0-9]|[12][0-9]|3[01])\.([bhsd])$/i.exec(r.trim()));
    if (!regs.length || regs.some((r) => !r) || regs.some((r) => r![2].toLowerCase() !== regs[0]![2].toLowerCase())) throw new AsmError(`bad register list \`${t}'`);
    const nums = regs.map((r) => Number(r![1]));
    if (nums.some((n, i) => n !== (nums[0] + i) % 32) || nums.length > 4) throw new AsmError(`invalid register list \`${t}'`);
    return { kind: "lanes", first: nums[0], count: nums.length, size: regs[0]![2].toLowerCase() as ElemSize, index: Number(lane[2]) };
  }
  const body = t.slice(1, -1).trim();
  const range = /^(\S+)\s*-\s*(\S+)$/.exec(body);
  const regs = (range ? [range[1], range[2]] : splitOperands(body)).map((r) => vectorOperand(r.toLowerCase()));
  if (!regs.length || regs.some((r) => r?.kind !== "vec")) throw new AsmError(`bad register list \`${t}'`);
  const vs = regs as { kind: "vec"; num: number; arr: Arrangement }[];
  const arr = vs[0].arr;
  if (vs.some((r) => r.arr !== arr)) throw new AsmError(`type mismatch in vector register list`);
  let count = vs.length;
  if (range) count = ((vs[1].num - vs[0].num + 32) % 32) + 1;
  else if (vs.some((r, i) => r.num !== (vs[0].num + i) % 32)) throw new AsmError(`invalid register list \`${t}'`);
  if (count > 4) throw new AsmError(`too many registers in vector register list`);
  return { kind: "list", first: vs[0].num, count, arr };
}

/**
 * Mnemonics whose last operand is a label: there a register-like name (`s1`,
 * `h1`, `x2`) is a symbol, as gas reads it.
 */
const CONDS = [...CONDITIONS, "hs", "lo"].join("|");
const BRANCH = new RegExp(`^(b|bl|b\\.?(${CONDS}))$`);
const LABEL_LAST = new RegExp(`^(b|bl|b\\.?(${CONDS})|cbn?z|tbn?z|adrp?|ldr|ldrsw|prfm)$`);

function operand(t: string, mnemonic: string, index: number, count: number): Operand {
  if (t === "") throw new AsmError("missing operand");
  const labelPosition = index === count - 1 && index > 0 || (index === 0 && count === 1 && BRANCH.test(mnemonic));
  const reg = registerOperand(t);
  if (reg && !(labelPosition && LABEL_LAST.test(mnemonic) && /^[a-z_.$][\w.$]*$/i.test(t) && reg.kind !== "vec" && reg.kind !== "elem")) return reg;
  if (t.startsWith("{")) {
    if (!/\}(\s*\[\d+\])?$/.test(t)) throw new AsmError(`bad register list \`${t}'`);
    return list(t);
  }
  const lower = t.toLowerCase();
  if (COND_LAST.has(mnemonic) && index === count - 1) {
    const c = (CONDITIONS as readonly string[]).indexOf(lower);
    if (c >= 0) return { kind: "cond", cond: c };
    if (lower === "hs" || lower === "lo") return { kind: "cond", cond: lower === "hs" ? 2 : 3 };
    throw new AsmError(`condition expected -- \`${t}'`);
  }
  if (NAMED[mnemonic] === index && /^[a-z_][a-z0-9_]*$/i.test(t)) return { kind: "name", name: lower };
  const se = shiftOrExtend(t);
  if (se) return se;
  const r = relocOperand(t);
  if (r) return r;
  if (t.startsWith("#") || NUMBER.test(t) || FLOAT.test(t)) return immediate(t);
  return { kind: "sym", expr: t };
}

export function parseInstruction(mnemonic: string, text: string): Inst {
  const mn = mnemonic.toLowerCase();
  const parts = splitOperands(text);
  const ops: Operand[] = [];
  for (let i = 0; i < parts.length; i++) {
    const t = parts[i];
    if (t.startsWith("[")) {
      // `[xn], #imm` and `[xn], xm`: what follows the address is its post-index.
      const post = i + 1 < parts.length && !t.endsWith("!") ? parts[++i] : undefined;
      ops.push(memory(t, post));
    } else ops.push(operand(t, mn, i, parts.length));
  }
  return { kind: "inst", mnemonic: mn, operands: ops };
}
