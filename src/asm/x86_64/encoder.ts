// Inst → machine code. Candidate forms come from the table (forms.ts); each
// one whose operand types match is encoded and the shortest wins (ties: table
// order), which reproduces GNU as's choices. Prefix order follows gas: fwait,
// segment, address size, operand size, rep/mandatory, lock, REX.

import { AsmError, type EncFixup, type Encoded, type Relaxable } from "../arch.js";
import type { Expr } from "../expr.js";
import { CONDITION_CODES } from "./opcodes.js";
import { FORMS, type Form } from "./forms.js";
import type { Inst, MemOperand, Operand } from "./inst.js";
import { regInfo, SEGMENT_PREFIX, type RegInfo } from "./registers.js";

/** What the encoder needs from the assembler: expression parsing and early evaluation. */
export interface EncodeContext {
  parseExpr(text: string): Expr;
  constant(e: Expr): bigint | undefined;
  warning?(message: string): void;
}

const PREFIX_BYTES: Record<string, number> = {
  lock: 0xf0, rep: 0xf3, repe: 0xf3, repz: 0xf3, repne: 0xf2, repnz: 0xf2, data16: 0x66, addr32: 0x67, notrack: 0x3e,
  cs: 0x2e, ds: 0x3e, es: 0x26, ss: 0x36, fs: 0x64, gs: 0x65,
};

/** Relocation specifiers gas accepts; anything else is an error rather than a silent misencoding. */
const KNOWN_RELOCS = new Set(["PLT", "GOTPCREL", "GOTTPOFF", "TPOFF", "NTPOFF", "DTPOFF", "TLSGD", "TLSLD", "GOTOFF", "GOT", "GOTPLT", "PLTOFF", "SIZE"]);

/** A resolved immediate or displacement: a constant, or an expression left to fixups. */
interface Val { c?: bigint; e?: Expr; reloc?: string }

function fieldValue(sym: string | undefined, disp: bigint, cx: EncodeContext): Val {
  if (sym === undefined) return { c: disp };
  let e = cx.parseExpr(sym);
  if (disp !== 0n) e = { k: "bin", op: "+", a: e, b: { k: "num", v: disp } };
  const reloc = findReloc(e);
  if (reloc && !KNOWN_RELOCS.has(reloc)) throw new AsmError(`unknown relocation @${reloc}`);
  const c = reloc ? undefined : cx.constant(e);
  return c !== undefined ? { c } : { e, reloc };
}

function findReloc(e: Expr): string | undefined {
  switch (e.k) {
    case "sym": return e.reloc;
    case "un": return findReloc(e.a);
    case "op": return e.op;
    case "bin": return findReloc(e.a) ?? findReloc(e.b);
    default: return undefined;
  }
}

const fitsS8 = (v: bigint): boolean => v >= -128n && v <= 127n;
const fitsS32 = (v: bigint): boolean => v >= -0x80000000n && v <= 0x7fffffffn;

/**
 * Sign-interpret a constant in `size` bytes when it fits there signed or
 * unsigned (gas treats `$0xffffffff` in 32-bit ops as -1, but not `$-0x80000000` in 16-bit ones).
 */
function inSize(v: bigint, size: number): bigint {
  if (size >= 8) return v;
  const bits = BigInt(size * 8);
  return v >= -(1n << (bits - 1n)) && v < 1n << bits ? BigInt.asIntN(size * 8, v) : v;
}

interface Ctx { cx: EncodeContext; vals: Map<Operand, Val> }

function val(o: Operand, ctx: Ctx): Val {
  let v = ctx.vals.get(o);
  if (!v) {
    if (o.kind === "imm") v = fieldValue(o.sym, o.value, ctx.cx);
    else if (o.kind === "mem") v = fieldValue(o.sym, o.disp, ctx.cx);
    else if (o.kind === "target") v = fieldValue(o.name, 0n, ctx.cx);
    else v = { c: 0n };
    ctx.vals.set(o, v);
  }
  return v;
}

function gpr(o: Operand): RegInfo | undefined {
  if (o.kind !== "reg") return undefined;
  const r = regInfo(o.reg);
  return r && r.cls === "gpr" ? r : undefined;
}

/** Does operand `o` fit operand type `t` of a form with operand size `size`? */
function matches(t: string, o: Operand, size: number, ctx: Ctx): boolean {
  const r = o.kind === "reg" ? regInfo(o.reg) : undefined;
  switch (t) {
    case "r": return !!r && r.cls === "gpr" && r.size === size;
    case "rn0": return !!r && r.cls === "gpr" && r.size === size && r.num !== 0;
    case "r8": case "r16": case "r32": case "r64": return !!r && r.cls === "gpr" && r.size * 8 === Number(t.slice(1));
    case "rm": return o.kind === "mem" || (!!r && r.cls === "gpr" && r.size === size);
    case "rm8": case "rm16": case "rm32": case "rm64": return o.kind === "mem" || (!!r && r.cls === "gpr" && r.size * 8 === Number(t.slice(2)));
    case "m": return o.kind === "mem";
    case "acc": return !!r && r.cls === "gpr" && r.num === 0 && r.size === size && r.rex !== "forbids";
    case "acc16": return !!r && r.cls === "gpr" && r.num === 0 && r.size === 2;
    case "cl": return o.kind === "reg" && o.reg === "cl";
    case "sreg": return !!r && r.cls === "seg";
    case "fs": case "gs": return o.kind === "reg" && o.reg === t;
    case "cr": return !!r && r.cls === "cr";
    case "dr": return !!r && r.cls === "dr";
    case "dx": return o.kind === "reg" && o.reg === "dx";
    case "x": case "xr": case "vx": case "xi": return !!r && r.cls === "xmm";
    case "y": case "yr": case "vy": case "yi": return !!r && r.cls === "ymm";
    case "ym": return o.kind === "mem" || (!!r && r.cls === "ymm");
    case "vr": return !!r && r.cls === "gpr" && r.size === size;
    case "xmm0": return o.kind === "reg" && o.reg === "xmm0";
    case "xm": return o.kind === "mem" || (!!r && r.cls === "xmm");
    case "st0": return !!r && r.cls === "st" && r.num === 0;
    case "sti": return !!r && r.cls === "st";
    case "rel": return o.kind === "target";
    case "*rm64": {
      if (o.kind !== "indirect") return false;
      if (o.to.kind === "mem") return true;
      const ir = regInfo(o.to.reg);
      return !!ir && ir.cls === "gpr" && ir.size === 8;
    }
  }
  if (o.kind !== "imm") return false;
  const v = val(o, ctx);
  switch (t) {
    case "one": return v.c === 1n;
    case "ibs": return v.c !== undefined && fitsS8(inSize(v.c, size));
    case "ib": case "iw": case "iq": return true;
    case "id": return v.c === undefined || fitsS32(v.c) || (v.c >= 0n && v.c <= 0xffffffffn && size !== 8);
    case "iz": return size === 8 ? v.c === undefined || fitsS32(v.c) : true;
  }
  throw new Error(`opcode table: unknown operand type ${t}`);
}

interface Out { bytes: number[]; fixups: EncFixup[] }

/** Encode `inst` with `form`; operands already matched. */
function encodeForm(inst: Inst, f: Form, ctx: Ctx): Out {
  const ops = inst.operands;
  const bytes: number[] = [];
  const fixups: EncFixup[] = [];
  let rex = 0;
  let needRex = false;
  let forbidRex = false;
  let seg: number | undefined;
  let addr32 = false;
  const noteReg = (r: RegInfo): void => {
    if (r.rex === "needs") needRex = true;
    if (r.rex === "forbids") forbidRex = true;
  };

  // Operand roles.
  let regOp: Operand | undefined;
  let rmOp: Operand | undefined;
  let immOp: Operand | undefined;
  let plusOp: Operand | undefined;
  let relOp: Operand | undefined;
  // VEX: the register in VEX.vvvv (operand types v…) and the one in the immediate's high nibble (…i).
  let vvvvOp: Operand | undefined;
  let is4Op: Operand | undefined;
  // Segment, control and debug registers always take the ModRM reg field (the general register is r/m).
  const systemReg = (t: string): boolean => t === "sreg" || t === "cr" || t === "dr";
  const hasSystemReg = f.ops.some(systemReg);
  f.ops.forEach((t, i) => {
    const o = ops[i];
    if (t === "one" || t === "cl" || t === "dx" || t === "acc16" || t === "xmm0" || t === "acc" || t === "fs" || t === "gs") return;
    if (hasSystemReg && f.modrm === "r") {
      if (systemReg(t)) regOp = o;
      else rmOp = o;
      return;
    }
    if (t[0] === "v") { vvvvOp = o; return; }
    if (t === "xi" || t === "yi") { is4Op = o; return; }
    if (o.kind === "imm") { immOp = o; return; }
    if (t === "rel") { relOp = o; return; }
    if (t === "st0") return;
    if (f.plus) { plusOp = o; return; }
    if (o.kind === "indirect") { rmOp = o.to; return; }
    if (f.modrm === "r") {
      if (t.startsWith("rm") || t === "xm" || t === "m" || t === "xr" || t === "ym" || t === "yr") rmOp = o;
      else if (regOp === undefined) regOp = o;
      else rmOp = o;
    } else rmOp = o;
  });
  // `imul $3, %eax`: the one register is both source (r/m) and destination (reg).
  if (f.modrm === "r" && rmOp === undefined) rmOp = regOp;

  if (f.rexW || (f.size === 8 && !f.d64)) rex |= 8;
  let modrmBytes: number[] = [];
  let dispFixup: { at: number; v: Val; pcrel: boolean } | undefined;
  if (f.modrm !== undefined) {
    const regField = f.modrm === "r" ? regNum(regOp!, noteReg) : f.modrm;
    if (f.modrm === "r" && regField >= 8) rex |= 4;
    if (rmOp!.kind === "reg") {
      const n = regNum(rmOp!, noteReg);
      if (n >= 8) rex |= 1;
      modrmBytes = [0xc0 | ((regField & 7) << 3) | (n & 7)];
    } else {
      const m = rmOp as MemOperand;
      if (m.seg) seg = SEGMENT_PREFIX[m.seg];
      const enc = encodeMem(m, regField & 7, ctx);
      rex |= enc.rex;
      addr32 = enc.addr32;
      modrmBytes = enc.bytes;
      if (enc.fixup) dispFixup = { at: enc.fixup.at, v: enc.fixup.v, pcrel: enc.fixup.pcrel };
    }
  }
  let opcode = [...f.opcode];
  if (f.plus) {
    const r = regInfo((plusOp as { reg: string }).reg)!;
    if (f.plus === "r") {
      noteReg(r);
      if (r.num >= 8) rex |= 1;
    }
    opcode[opcode.length - 1] += r.num & 7;
  }
  if (f.vex) return finishVex(f, rex, opcode, modrmBytes, { seg, addr32, vvvv: vvvvOp && regNum(vvvvOp, noteReg), is4: is4Op && regNum(is4Op, noteReg) }, immOp, dispFixup, ctx);
  if (needRex && !rex) rex = 0x40;
  if (rex) rex |= 0x40;
  if (rex && forbidRex) throw new AsmError(`can't encode register '%${findHighByte(ops)}' in an instruction requiring REX prefix`);

  // Prefixes, in gas's order.
  const pre: number[] = [];
  const explicit = (inst.prefixes ?? []).filter((p) => p !== "rex64" && p !== "rex" && p !== "rex.w").map((p) => PREFIX_BYTES[p]);
  if (f.prefixes.includes(0x9b)) pre.push(0x9b);
  if (seg !== undefined) pre.push(seg);
  for (const p of explicit) if ([0x2e, 0x3e, 0x26, 0x36, 0x64, 0x65].includes(p)) pre.push(p);
  if (addr32 || f.prefixes.includes(0x67) || explicit.includes(0x67)) pre.push(0x67);
  if (f.size === 2) pre.push(0x66);
  for (const p of explicit) if (p === 0x66) pre.push(0x66);
  for (const p of f.prefixes) if (p === 0x66 || p === 0xf2 || p === 0xf3) pre.push(p);
  for (const p of explicit) if (p === 0xf2 || p === 0xf3) pre.push(p);
  for (const p of explicit) if (p === 0xf0) pre.push(p);
  if ((inst.prefixes ?? []).some((p) => p.startsWith("rex"))) rex |= 0x40 | (inst.prefixes!.includes("rex64") || inst.prefixes!.includes("rex.w") ? 8 : 0);
  bytes.push(...pre);
  if (rex) bytes.push(rex);
  bytes.push(...opcode);
  const modrmStart = bytes.length;
  bytes.push(...modrmBytes);

  // Immediate and relative operands.
  let immLen = 0;
  if (immOp && f.imm) {
    const v = val(immOp, ctx);
    const at = bytes.length;
    immLen = f.imm;
    if (v.c !== undefined) pushInt(bytes, v.c, f.imm);
    else {
      pushInt(bytes, 0n, f.imm);
      const signed = f.imm === 4 && (f.size === 8 || f.d64);
      fixups.push({ offset: at, size: f.imm, expr: v.e!, pcrel: false, bias: 0n, signed });
    }
  }
  if (f.trailing !== undefined) { bytes.push(f.trailing); immLen += 1; }
  if (dispFixup) {
    const offset = modrmStart + dispFixup.at;
    const bias = dispFixup.pcrel ? -BigInt(bytes.length - offset) : 0n;
    const fx: EncFixup = { offset, size: 4, expr: dispFixup.v.e!, pcrel: dispFixup.pcrel, bias, signed: true };
    if (dispFixup.v.reloc === "GOTPCREL") {
      const x = gotpcrelx(f);
      if (x) fx.relocOverride = rex ? "REX_GOTPCRELX" : "GOTPCRELX";
    }
    fixups.push(fx);
  }
  if (relOp && f.rel) {
    const v = val(relOp, ctx);
    const at = bytes.length;
    if (v.e === undefined) throw new AsmError("branch to an absolute address is not supported");
    pushInt(bytes, 0n, f.rel);
    fixups.push({ offset: at, size: f.rel, expr: v.e, pcrel: true, bias: -BigInt(f.rel), signed: true, branch: f.rel === 4 });
  }
  return { bytes, fixups };
}

/**
 * The VEX form of an instruction: [segment] [67] VEX opcode ModRM… [imm].
 * The two-byte prefix (c5) when nothing needs X, B, W or a map other than 0f,
 * as gas picks it; REX's R/X/B/W bits travel inverted (R/X/B/vvvv) in the prefix.
 */
function finishVex(
  f: Form, rex: number, opcode: number[], modrm: number[],
  regs: { seg?: number; addr32: boolean; vvvv?: number; is4?: number },
  immOp: Operand | undefined, dispFixup: { at: number; v: Val; pcrel: boolean } | undefined, ctx: Ctx,
): Out {
  const v = f.vex!;
  const bytes: number[] = [];
  const fixups: EncFixup[] = [];
  if (regs.seg !== undefined) bytes.push(regs.seg);
  if (regs.addr32) bytes.push(0x67);
  const notR = rex & 4 ? 0 : 0x80;
  const tail = (((~(regs.vvvv ?? 0)) & 15) << 3) | (v.l << 2) | v.pp;
  if ((rex & 0xb) === 0 && v.map === 1) bytes.push(0xc5, notR | tail);
  else bytes.push(0xc4, notR | (rex & 2 ? 0 : 0x40) | (rex & 1 ? 0 : 0x20) | v.map, (rex & 8 ? 0x80 : 0) | tail);
  bytes.push(...opcode);
  const modrmStart = bytes.length;
  bytes.push(...modrm);
  if (immOp && f.imm) {
    const iv = val(immOp, ctx);
    if (iv.c === undefined) fixups.push({ offset: bytes.length, size: f.imm, expr: iv.e!, pcrel: false, bias: 0n, signed: false });
    pushInt(bytes, iv.c ?? 0n, f.imm);
  }
  if (regs.is4 !== undefined) bytes.push(regs.is4 << 4);
  if (f.trailing !== undefined) bytes.push(f.trailing);
  if (dispFixup) {
    const offset = modrmStart + dispFixup.at;
    const bias = dispFixup.pcrel ? -BigInt(bytes.length - offset) : 0n;
    fixups.push({ offset, size: 4, expr: dispFixup.v.e!, pcrel: dispFixup.pcrel, bias, signed: true });
  }
  return { bytes, fixups };
}

/** gas relaxes GOTPCREL loads that the linker may rewrite: mov, test, binops, indirect call/jmp. */
function gotpcrelx(f: Form): boolean {
  const op = f.opcode[f.opcode.length - 1];
  if (f.opcode.length !== 1) return false;
  if (op === 0xff) return f.modrm === 2 || f.modrm === 4;
  return f.modrm === "r" && [0x8b, 0x03, 0x0b, 0x13, 0x1b, 0x23, 0x2b, 0x33, 0x3b, 0x85].includes(op);
}

function findHighByte(ops: readonly Operand[]): string {
  for (const o of ops) if (o.kind === "reg" && regInfo(o.reg)?.rex === "forbids") return o.reg;
  return "";
}

function regNum(o: Operand, note: (r: RegInfo) => void): number {
  if (o.kind !== "reg") throw new AsmError("internal: register operand expected");
  const r = regInfo(o.reg)!;
  note(r);
  return r.num;
}

function pushInt(bytes: number[], v: bigint, size: number): void {
  let x = BigInt.asUintN(size * 8, v);
  for (let i = 0; i < size; i++) { bytes.push(Number(x & 0xffn)); x >>= 8n; }
}

/** ModRM (+SIB, +displacement) for a memory operand; `reg` is the ModRM.reg field. */
function encodeMem(m: MemOperand, reg: number, ctx: Ctx): { bytes: number[]; rex: number; addr32: boolean; fixup?: { at: number; v: Val; pcrel: boolean } } {
  const v = val(m, ctx);
  const bytes: number[] = [];
  let rex = 0;
  let addr32 = false;
  const addrReg = (name: string | undefined): RegInfo | undefined => {
    if (name === undefined) return undefined;
    const r = regInfo(name);
    if (!r || (r.cls !== "gpr" && r.cls !== "rip") || (r.cls === "gpr" && r.size !== 8 && r.size !== 4)) {
      throw new AsmError(`\`%${name}' is not a valid base/index expression`);
    }
    if (r.cls === "gpr" && r.size === 4) addr32 = true;
    return r;
  };
  const base = addrReg(m.base);
  const index = addrReg(m.index);
  if (index && (index.cls === "rip" || (index.num === 4))) throw new AsmError(`\`%${m.index}' is not a valid base/index expression`);
  const disp32 = (): { at: number; v: Val; pcrel: boolean } | undefined => {
    const at = bytes.length;
    if (v.c !== undefined) {
      if (!fitsS32(v.c) && !(v.c >= 0n && v.c <= 0xffffffffn)) throw new AsmError(`displacement 0x${v.c.toString(16)} out of range`);
      pushInt(bytes, v.c, 4);
      return undefined;
    }
    pushInt(bytes, 0n, 4);
    return { at, v, pcrel: base?.cls === "rip" };
  };
  if (base?.cls === "rip") {
    if (index) throw new AsmError("%rip-relative addressing cannot have an index register");
    bytes.push((reg << 3) | 5);
    return { bytes, rex, addr32, fixup: disp32() };
  }
  if (!base) {
    bytes.push((reg << 3) | 4);
    if (index) {
      if (index.num >= 8) rex |= 2;
      bytes.push((scaleBits(m.scale) << 6) | ((index.num & 7) << 3) | 5);
    } else bytes.push(0x25);
    return { bytes, rex, addr32, fixup: disp32() };
  }
  if (base.num >= 8) rex |= 1;
  let mod: number;
  if (v.c === undefined) mod = 2;
  else if (v.c === 0n && (base.num & 7) !== 5) mod = 0;
  else if (fitsS8(v.c)) mod = 1;
  else mod = 2;
  if (index || (base.num & 7) === 4) {
    bytes.push((mod << 6) | (reg << 3) | 4);
    const idx = index ? index.num : 4;
    if (index && index.num >= 8) rex |= 2;
    bytes.push((scaleBits(index ? m.scale : 1) << 6) | ((idx & 7) << 3) | (base.num & 7));
  } else {
    bytes.push((mod << 6) | (reg << 3) | (base.num & 7));
  }
  if (mod === 1) bytes.push(Number(BigInt.asUintN(8, v.c!)));
  if (mod === 2) return { bytes, rex, addr32, fixup: disp32() };
  return { bytes, rex, addr32 };
}

const scaleBits = (s: number): number => (s === 1 ? 0 : s === 2 ? 1 : s === 4 ? 2 : 3);

/**
 * jmp/jcc to a label: rel8 (2 bytes) until the displacement does not fit,
 * then rel32 (jmp 5, jcc 6), prefixes kept in front. A target outside the
 * section starts long; its relocation is made when relaxation ends (gas
 * emits it after the section's other relocations).
 */
function relaxableJump(cond: number, prefixes: readonly number[], target: Expr): Relaxable {
  const p = prefixes.length;
  return {
    sizes: [p + 2, p + (cond < 0 ? 5 : 6)],
    stretch: true,
    relocsLast: true,
    initial: (local) => (local ? 0 : 1),
    fits: (v, disp) => v === 1 || (disp - (p + 2) >= -128 && disp - (p + 2) <= 127),
    encode(v, local) {
      if (v === 0) {
        return { bytes: [...prefixes, cond < 0 ? 0xeb : 0x70 + cond, 0], fixups: [{ offset: p + 1, size: 1, expr: target, pcrel: true, bias: -1n, signed: true }] };
      }
      const op = cond < 0 ? [0xe9] : [0x0f, 0x80 + cond];
      const at = p + op.length;
      // A global target reached from here is still left to the linker (PLT32), unless it is local to the section.
      return { bytes: [...prefixes, ...op, 0, 0, 0, 0], fixups: [{ offset: at, size: 4, expr: target, pcrel: true, bias: -4n, signed: true, branch: !local }] };
    },
  };
}

/** Jumps with a label target become relaxable fragments; everything else is encoded here. */
export function encodeInst(inst: Inst, cx: EncodeContext): Encoded {
  const mn = inst.mnemonic;
  const ops = inst.operands;
  const explicitPrefixes = (inst.prefixes ?? []).map((p) => {
    const b = PREFIX_BYTES[p];
    if (b === undefined && !p.startsWith("rex")) throw new AsmError(`invalid prefix ${p}`);
    return b;
  });
  // A prefix alone on a line is emitted as its byte.
  if (PREFIX_BYTES[mn] !== undefined && ops.length === 0) return { kind: "bytes", bytes: [...explicitPrefixes.filter((b) => b !== undefined), PREFIX_BYTES[mn]], fixups: [] };
  if (mn === "rex64" && ops.length === 0) return { kind: "bytes", bytes: [0x48], fixups: [] };
  if (ops.length === 1 && ops[0].kind === "target" && (mn === "jmp" || mn === "jmpq" || (mn[0] === "j" && CONDITION_CODES.has(mn.slice(1))))) {
    const cond = mn === "jmp" || mn === "jmpq" ? -1 : CONDITION_CODES.get(mn.slice(1))!;
    const target = cx.parseExpr(ops[0].name);
    const reloc = findReloc(target);
    if (reloc && reloc !== "PLT") throw new AsmError(`unsupported relocation @${reloc} for a branch`);
    return { kind: "relax", target, inst: relaxableJump(cond, explicitPrefixes.filter((b): b is number => b !== undefined), target) };
  }
  const forms = FORMS.get(mn);
  if (!forms) throw new AsmError(`no such instruction: \`${printable(inst)}'`);
  const ctx: Ctx = { cx, vals: new Map() };
  let cands = forms.filter((f) => f.ops.length === ops.length && f.ops.every((t, i) => matches(t, ops[i], f.size, ctx)));
  if (cands.length === 0) throw new AsmError(`${forms.some((f) => f.ops.length === ops.length) ? "operand type mismatch" : "number of operands mismatch"} for \`${mn}'`);
  if (cands.some((f) => f.inferred)) {
    // Bare mnemonic: the operand size comes from a register operand.
    const sized = cands.filter((f) => f.ops.some((t, i) => (t === "r" || t === "rm" || t === "acc" || t === "vr") && gpr(ops[i])));
    if (sized.length) cands = sized;
    else if (new Set(cands.map((f) => f.size)).size > 1) {
      const pick = cands.some((f) => f.size === 4) ? 4 : Math.max(...cands.map((f) => f.size));
      cx.warning?.(`no instruction mnemonic suffix given and no register operands; using default for \`${mn}'`);
      cands = cands.filter((f) => f.size === pick);
    }
  }
  let best: Out | undefined;
  let bestOrder = Infinity;
  for (const f of cands) {
    const out = encodeForm(inst, f, ctx);
    if (!best || out.bytes.length < best.bytes.length || (out.bytes.length === best.bytes.length && f.order < bestOrder)) {
      best = out;
      bestOrder = f.order;
    }
  }
  return { kind: "bytes", bytes: best!.bytes, fixups: best!.fixups };
}

function printable(inst: Inst): string {
  return inst.mnemonic;
}
