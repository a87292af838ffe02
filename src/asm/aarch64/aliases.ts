// Aliases → the base instruction gas encodes for them. Each rule sees the
// operands as written and returns the base instruction, or undefined when the
// mnemonic is not an alias for these operands (it then goes to the table as is).

import { AsmError } from "../arch.js";
import type { EncodeContext } from "./encoder.js";
import { encodeBitmask } from "./encoder.js";
import { imm, inst, type CondOperand, type GprOperand, type Inst, type Operand } from "./inst.js";

const zr = (size: 32 | 64): GprOperand => ({ kind: "gpr", size, num: 31, sp: false });
const isGpr = (o: Operand | undefined): o is GprOperand => o?.kind === "gpr";
const width = (o: Operand | undefined): 32 | 64 => (isGpr(o) ? o.size : 64);

function constant(o: Operand | undefined, cx: EncodeContext): bigint | undefined {
  if (o?.kind !== "imm") return undefined;
  if (o.expr === undefined) return o.value;
  const c = cx.constant(cx.parseExpr(o.expr));
  return c === undefined ? undefined : BigInt.asIntN(64, c);
}
function need(o: Operand | undefined, cx: EncodeContext, what: string): bigint {
  const c = constant(o, cx);
  if (c === undefined) throw new AsmError(`${what}: constant expression required`);
  return c;
}

/** The inverse condition (for cset/cinc/…); al and nv have none. */
function invert(c: Operand | undefined, mnemonic: string): CondOperand {
  if (c?.kind !== "cond") throw new AsmError(`operand mismatch -- \`${mnemonic}'`);
  if (c.cond >= 14) throw new AsmError(`condition requires an invertible code -- \`${mnemonic}'`);
  return { kind: "cond", cond: c.cond ^ 1 };
}

/** A 32-bit operation takes a 64-bit value whose upper half is all zeros or all ones (gas then uses the low half). */
export const fitsW = (v: bigint): boolean => {
  const hi = BigInt.asUintN(64, v) >> 32n;
  return hi === 0n || hi === 0xffffffffn;
};

/** `mov Rd, #imm` as gas picks it: movz, then movn, then orr with a bitmask immediate. */
function movImmediate(d: GprOperand, v: bigint): Inst {
  const w = d.size;
  const u = BigInt.asUintN(w, v);
  if (w === 32 && !fitsW(v)) throw new AsmError("immediate cannot be moved by a single instruction");
  const single = (x: bigint): number | undefined => {
    for (let hw = 0; hw < w / 16; hw++) if ((x & ~(0xffffn << BigInt(hw * 16))) === 0n) return hw;
    return undefined;
  };
  // movz/movn cannot write sp; only the orr form can.
  const z = d.sp ? undefined : single(u);
  if (z !== undefined) return movWide("movz", d, u, z);
  const n = d.sp ? undefined : single(BigInt.asUintN(w, ~u));
  if (n !== undefined) return movWide("movn", d, BigInt.asUintN(w, ~u), n);
  if (encodeBitmask(u, w) !== undefined) return inst("orr", d, zr(w), imm(BigInt.asIntN(w, u)));
  throw new AsmError("immediate cannot be moved by a single instruction");
}
function movWide(mn: string, d: GprOperand, u: bigint, hw: number): Inst {
  const part = imm((u >> BigInt(hw * 16)) & 0xffffn);
  return hw ? inst(mn, d, part, { kind: "shift", op: "lsl", amount: hw * 16 }) : inst(mn, d, part);
}

type Rule = (ops: readonly Operand[], cx: EncodeContext, mn: string) => Inst | undefined;

const bitfield = (base: string, immr: (w: bigint, a: bigint, b: bigint) => bigint, imms: (w: bigint, a: bigint, b: bigint) => bigint, zeroSource = false): Rule =>
  (ops, cx, mn) => {
    const [d] = ops;
    if (!isGpr(d)) return undefined;
    const src = zeroSource ? zr(d.size) : ops[1];
    const rest = zeroSource ? ops.slice(1) : ops.slice(2);
    if (rest.length !== 2) return undefined;
    const wbits = BigInt(d.size);
    const a = need(rest[0], cx, mn);
    const b = need(rest[1], cx, mn);
    if (a < 0n || a >= wbits) throw new AsmError(`immediate value out of range 0 to ${wbits - 1n} -- \`${mn}'`);
    if (b < 1n || b > wbits - a) throw new AsmError(`immediate value out of range 1 to ${wbits - a} -- \`${mn}'`);
    return inst(base, d, src, imm(immr(wbits, a, b)), imm(imms(wbits, a, b)));
  };
const shiftRule = (immForm: (size: bigint, s: bigint) => [string, bigint, bigint] | [string, bigint], regForm: string): Rule =>
  (ops, cx, mn) => {
    const [d, n, s] = ops;
    if (!isGpr(d) || ops.length !== 3) return undefined;
    if (isGpr(s)) return inst(regForm, d, n, s);
    const v = need(s, cx, mn);
    if (v < 0n || v >= BigInt(d.size)) throw new AsmError(`immediate value out of range 0 to ${d.size - 1} -- \`${mn}'`);
    const f = immForm(BigInt(d.size), v);
    return f.length === 3 ? inst(f[0], d, n, imm(f[1]), imm(f[2])) : inst(f[0], d, n, n, imm(f[1]));
  };
/**
 * uxtb/sxth/…: a bit-field move of the low `imms + 1` bits. `dest` forces the
 * destination width (gas encodes `uxtb x0, w1` as `uxtb w0, w1`) or requires it (sxtw).
 */
const extendRule = (base: string, imms: number, dest?: 32 | 64, force = false): Rule => (ops) => {
  const [d, n] = ops;
  if (!isGpr(d) || !isGpr(n) || ops.length !== 2 || n.size !== 32) return undefined;
  if (dest && d.size !== dest && !force) return undefined;
  const size = force && dest ? dest : d.size;
  return inst(base, { ...d, size }, { ...n, size }, imm(0), imm(imms));
};
const condRule = (base: string, sources: "zr" | "n"): Rule => (ops, _cx, mn) => {
  const [d, n, c] = sources === "zr" ? [ops[0], undefined, ops[1]] : ops;
  if (!isGpr(d) || ops.length !== (sources === "zr" ? 2 : 3)) return undefined;
  const s = sources === "zr" ? zr(d.size) : (n as Operand);
  return inst(base, d, s, s, invert(c, mn));
};
const mulRule = (base: string): Rule => (ops) =>
  ops.length === 3 && isGpr(ops[0]) ? inst(base, ops[0], ops[1], ops[2], zr(width(ops[0]))) : undefined;
const compareRule = (base: string): Rule => (ops) =>
  isGpr(ops[0]) ? inst(base, zr(ops[0].size), ...ops) : undefined;
const negateRule = (base: string): Rule => (ops) =>
  isGpr(ops[0]) ? inst(base, ops[0], zr(ops[0].size), ...ops.slice(1)) : undefined;

/** add ↔ sub (and adds ↔ subs) for a negative immediate, as gas flips them. */
const FLIPPED: Record<string, string> = { add: "sub", sub: "add", adds: "subs", subs: "adds" };
const flipNegative: Rule = (ops, cx, mn) => {
  const i = ops[2];
  if (!isGpr(ops[0]) || (i?.kind !== "imm" && !(i?.kind === "sym" && !i.op))) return undefined;
  const v = i.kind === "imm" ? constant(i, cx) : cx.constant(cx.parseExpr(i.expr));
  if (v === undefined || BigInt.asIntN(64, v) >= 0n) return undefined;
  return inst(FLIPPED[mn], ops[0], ops[1], imm(-BigInt.asIntN(64, v)), ...ops.slice(3));
};

const RULES: Record<string, Rule> = {
  mov: (ops, cx) => {
    const [d, s] = ops;
    if (ops.length !== 2) return undefined;
    if (isGpr(d) && isGpr(s)) {
      if (d.size !== s.size) return undefined;
      if (d.sp || s.sp) return inst("add", d, s, imm(0));
      return inst("orr", d, zr(d.size), s);
    }
    if (isGpr(d) && s.kind === "imm") return movImmediate(d, need(s, cx, "mov"));
    if (d.kind === "vec" && s.kind === "vec") return inst("orr", d, s, s);
    // umov is printed as mov only for a whole W (s element) or X (d element).
    if (isGpr(d) && s.kind === "elem" && (d.size === 32 ? s.size === "s" : s.size === "d")) return inst("umov", d, s);
    if (d.kind === "elem" && isGpr(s)) return inst("ins", d, s);
    if (d.kind === "elem" && s.kind === "elem") return inst("ins", d, s);
    if (d.kind === "fpr" && s.kind === "elem") return inst("dup", d, s);
    return undefined;
  },
  add: flipNegative, sub: flipNegative, adds: flipNegative, subs: flipNegative,
  cmp: compareRule("subs"), cmn: compareRule("adds"), tst: compareRule("ands"),
  neg: negateRule("sub"), negs: negateRule("subs"), ngc: negateRule("sbc"), ngcs: negateRule("sbcs"),
  mvn: negateRule("orn"),
  lsl: shiftRule((w, s) => ["ubfm", (w - s) % w, w - 1n - s], "lslv"),
  lsr: shiftRule((w, s) => ["ubfm", s, w - 1n], "lsrv"),
  asr: shiftRule((w, s) => ["sbfm", s, w - 1n], "asrv"),
  ror: shiftRule((_w, s) => ["extr", s], "rorv"),
  ubfx: bitfield("ubfm", (_w, l) => l, (_w, l, n) => l + n - 1n),
  sbfx: bitfield("sbfm", (_w, l) => l, (_w, l, n) => l + n - 1n),
  bfxil: bitfield("bfm", (_w, l) => l, (_w, l, n) => l + n - 1n),
  ubfiz: bitfield("ubfm", (w, l) => (w - l) % w, (_w, _l, n) => n - 1n),
  sbfiz: bitfield("sbfm", (w, l) => (w - l) % w, (_w, _l, n) => n - 1n),
  bfi: bitfield("bfm", (w, l) => (w - l) % w, (_w, _l, n) => n - 1n),
  bfc: bitfield("bfm", (w, l) => (w - l) % w, (_w, _l, n) => n - 1n, true),
  uxtb: extendRule("ubfm", 7, 32, true), uxth: extendRule("ubfm", 15, 32, true),
  // uxtw Xd, Wn zero-extends by writing Wd: gas encodes it as `mov wd, wn`.
  uxtw: (ops) => (ops.length === 2 && isGpr(ops[0]) && isGpr(ops[1]) && ops[1].size === 32 ? inst("orr", { ...ops[0], size: 32 }, zr(32), ops[1]) : undefined),
  sxtb: extendRule("sbfm", 7), sxth: extendRule("sbfm", 15), sxtw: extendRule("sbfm", 31, 64),
  cset: condRule("csinc", "zr"), csetm: condRule("csinv", "zr"),
  cinc: condRule("csinc", "n"), cinv: condRule("csinv", "n"), cneg: condRule("csneg", "n"),
  sxtl: (ops) => (ops.length === 2 && ops[0].kind === "vec" ? inst("sshll", ops[0], ops[1], imm(0)) : undefined),
  sxtl2: (ops) => (ops.length === 2 && ops[0].kind === "vec" ? inst("sshll2", ops[0], ops[1], imm(0)) : undefined),
  uxtl: (ops) => (ops.length === 2 && ops[0].kind === "vec" ? inst("ushll", ops[0], ops[1], imm(0)) : undefined),
  uxtl2: (ops) => (ops.length === 2 && ops[0].kind === "vec" ? inst("ushll2", ops[0], ops[1], imm(0)) : undefined),
  mul: mulRule("madd"), mneg: mulRule("msub"), smull: mulRule("smaddl"), umull: mulRule("umaddl"),
  smnegl: mulRule("smsubl"), umnegl: mulRule("umsubl"),
};

// ST<op>: an atomic whose loaded value goes to the zero register.
for (const op of ["add", "clr", "eor", "set", "smax", "smin", "umax", "umin"]) {
  for (const ord of ["", "l"]) {
    for (const size of ["", "b", "h"]) {
      RULES[`st${op}${ord}${size}`] = (ops) =>
        ops.length === 2 && isGpr(ops[0]) ? inst(`ld${op}${ord}${size}`, ops[0], zr(ops[0].size), ops[1]) : undefined;
    }
  }
}

/** Rewrite aliases until the instruction is a base one (`cmp x0, #-1` → subs → adds). */
export function rewriteAlias(i: Inst, cx: EncodeContext): Inst {
  for (let n = 0; n < 3; n++) {
    const rule = RULES[i.mnemonic];
    const r = rule?.(i.operands, cx, i.mnemonic);
    if (!r) return i;
    i = r;
  }
  return i;
}
