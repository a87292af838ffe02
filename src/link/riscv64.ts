// riscv64 relocations (RISC-V ELF psABI, "Relocations"), the PLT as GNU ld
// writes it, TLS variant I, and linker relaxation as GNU ld 2.40 does it:
// call → jal/c.j, lui+lo12 → gp-relative or c.lui, auipc+lo12 → gp-relative
// (executables only), tprel sequences → tp-relative, and R_RISCV_ALIGN
// padding cut down to what the final addresses need.
//
// Formulas use the psABI's letters: S symbol, A addend, P place, G GOT slot.
// %pcrel_lo relocations name the label of their %pcrel_hi instruction: the
// value is the low part of *that* relocation's value.

import { alignUp } from "../elf/bytes.js";
import { EM, R_RISCV, SHF_ALLOC, SHF_EXECINSTR, SHF_MERGE, SHF_TLS, SHF_WRITE, SHT_NOBITS, STT_FUNC, STT_GNU_IFUNC } from "../elf/constants.js";
import type { Rela } from "../elf/types.js";
import type { Context } from "./context.js";
import type { InputSection } from "./files.js";
import { SectionSymbols, shrinkSection, type Cut } from "./relax.js";
import type { Symbol } from "./symbol.js";
import { GENERIC_SECTION_ORDER, type SegmentClass } from "./layout.js";
import type { ApplySite, LinkTarget, RelocSite } from "./target.js";

const R = (name: string): number => R_RISCV.get(`R_RISCV_${name}`);

/**
 * Relocation types the linker itself gives relaxed instructions (numbers the
 * psABI retired, as GNU ld uses them internally): a lo12 that now addresses
 * from gp or tp, a lui shortened to c.lui.
 */
const GPREL_I = 47, GPREL_S = 48, TPREL_I = 49, TPREL_S = 50, RVC_LUI = 46;
const INTERNAL_NAMES = new Map([[GPREL_I, "R_RISCV_GPREL_I"], [GPREL_S, "R_RISCV_GPREL_S"], [TPREL_I, "R_RISCV_TPREL_I"], [TPREL_S, "R_RISCV_TPREL_S"], [RVC_LUI, "R_RISCV_RVC_LUI"]]);

const relName = (type: number): string => INTERNAL_NAMES.get(type) ?? R_RISCV.describe(type);

const REG_ZERO = 0, REG_SP = 2, REG_GP = 3, REG_TP = 4;
const EF_RISCV_RVC = 0x1;

// ---- instruction fields ------------------------------------------------------------------

const fits = (v: number, bits: number): boolean => v >= -(2 ** (bits - 1)) && v < 2 ** (bits - 1);
/** The %hi part: rounded so that adding the sign-extended %lo gives the value back. */
const hi20 = (v: number): number => Math.floor((v + 0x800) / 4096);
const lo12 = (v: number): number => v - hi20(v) * 4096;

const setU = (w: number, v: number): number => ((w & 0xfff) | ((hi20(v) & 0xfffff) << 12)) >>> 0;
const setI = (w: number, v: number): number => ((w & 0xfffff) | ((lo12(v) & 0xfff) << 20)) >>> 0;
const setS = (w: number, v: number): number => {
  const imm = lo12(v) & 0xfff;
  return ((w & 0x01fff07f) | ((imm >> 5) << 25) | ((imm & 0x1f) << 7)) >>> 0;
};
const setB = (w: number, v: number): number =>
  ((w & 0x01fff07f) | (((v >> 12) & 1) << 31) | (((v >> 5) & 0x3f) << 25) | (((v >> 1) & 0xf) << 8) | (((v >> 11) & 1) << 7)) >>> 0;
const setJ = (w: number, v: number): number =>
  ((w & 0xfff) | (((v >> 20) & 1) << 31) | (((v >> 1) & 0x3ff) << 21) | (((v >> 11) & 1) << 20) | (((v >> 12) & 0xff) << 12)) >>> 0;
const setCB = (h: number, v: number): number =>
  (h & 0xe383) | (((v >> 8) & 1) << 12) | (((v >> 3) & 3) << 10) | (((v >> 6) & 3) << 5) | (((v >> 1) & 3) << 3) | (((v >> 5) & 1) << 2);
const setCJ = (h: number, v: number): number =>
  (h & 0xe003) | (((v >> 11) & 1) << 12) | (((v >> 4) & 1) << 11) | (((v >> 8) & 3) << 9) | (((v >> 10) & 1) << 8)
    | (((v >> 6) & 1) << 7) | (((v >> 7) & 1) << 6) | (((v >> 1) & 7) << 3) | (((v >> 5) & 1) << 2);
const setCLui = (h: number, v: number): number => {
  const hi = hi20(v);
  return (h & ~((1 << 12) | (0x1f << 2))) | (((hi >> 5) & 1) << 12) | ((hi & 0x1f) << 2);
};
const setRs1 = (w: number, reg: number): number => ((w & ~(0x1f << 15)) | (reg << 15)) >>> 0;

// Encoders for the PLT and for relaxed instructions.
const uType = (opcode: number, rd: number, imm20: number): number => (((imm20 & 0xfffff) << 12) | (rd << 7) | opcode) >>> 0;
const iType = (opcode: number, f3: number, rd: number, rs1: number, imm: number): number =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode) >>> 0;
const AUIPC = 0x17, OP_IMM = 0x13, LOAD = 0x03, JALR = 0x67, JAL = 0x6f;
const T0 = 5, T1 = 6, T2 = 7, T3 = 28;
const NOP = 0x00000013, C_NOP = 0x0001;

// ---- sites -----------------------------------------------------------------------------

function overflow(s: { ctx: Context; sec: InputSection; rel: Rela; sym: Symbol }, ok: boolean): void {
  if (ok) return;
  const where = s.sym.isLocal ? "" : ` against symbol \`${s.sym.name}'`;
  s.ctx.diag.error(`${s.sec.file}:(${s.sec.name}+0x${s.rel.offset.toString(16)}): relocation truncated to fit: ${relName(s.rel.type)}${where}`);
}

const word = (s: ApplySite, d = 0): number => s.out.getUint32(s.at + d, true);
const putWord = (s: ApplySite, v: number, d = 0): void => s.out.setUint32(s.at + d, v >>> 0, true);
const half = (s: ApplySite): number => s.out.getUint16(s.at, true);
const putHalf = (s: ApplySite, v: number): void => s.out.setUint16(s.at, v & 0xffff, true);

/** Relocation scanning and application for one type. */
interface Handler {
  scan(s: RelocSite): void;
  apply(s: ApplySite): void;
}

const nothing = (): void => {};

/** The value a %pcrel_hi-style relocation computes (before taking its parts). */
function hiValue(ctx: Context, sec: InputSection, rel: Rela, sym: Symbol): number {
  const P = sec.addr + rel.offset;
  switch (rel.type) {
    case R("PCREL_HI20"): return ctx.symAddr(sym) + rel.addend - P;
    case R("GOT_HI20"): return ctx.got.entryAddr(sym.gotIndex) + rel.addend - P;
    case R("TLS_GOT_HI20"): return ctx.got.entryAddr(sym.gotTpIndex) + rel.addend - P;
    case R("TLS_GD_HI20"): return ctx.got.entryAddr(sym.tlsGdIndex) + rel.addend - P;
    default: throw new Error(`internal: ${relName(rel.type)} is not a %pcrel_hi relocation`);
  }
}

const PCREL_HI_TYPES = new Set([R("PCREL_HI20"), R("GOT_HI20"), R("TLS_GOT_HI20"), R("TLS_GD_HI20")]);

/** The %pcrel_hi relocation at each offset of a section's relocation list. */
const hiIndex = new WeakMap<readonly Rela[], Map<number, Rela>>();
function hiAt(rels: readonly Rela[], offset: number): Rela | undefined {
  let m = hiIndex.get(rels);
  if (!m) {
    m = new Map();
    for (const r of rels) if (PCREL_HI_TYPES.has(r.type)) m.set(r.offset, r);
    hiIndex.set(rels, m);
  }
  return m.get(offset);
}

function pcrelLo(store: "I" | "S"): Handler {
  return {
    scan: nothing,
    apply(s) {
      const label = s.sym;
      const hi = label.section === s.sec ? hiAt(s.rels, label.value) : undefined;
      if (!hi) {
        s.ctx.diag.error(`${s.sec.file}:(${s.sec.name}+0x${s.rel.offset.toString(16)}): dangerous relocation: ${relName(s.rel.type)}: unable to find the %pcrel_hi relocation it refers to`);
        return;
      }
      const hiSym = s.sec.file.symbols[hi.sym];
      const v = hiValue(s.ctx, s.sec, hi, hiSym) + s.A;
      putWord(s, store === "I" ? setI(word(s), v) : setS(word(s), v));
    },
  };
}

/** The symbol is reached directly: PC-relative or absolute in the output image. */
function direct(s: RelocSite): void {
  s.ctx.needDirectAccess(s.sym, s.sec, relName(s.rel.type));
}

function absoluteInCode(s: RelocSite): void {
  const { ctx, sym } = s;
  if (ctx.pic && !sym.isAbsolute && !(sym.isUndefWeak && !ctx.preemptible(sym))) {
    ctx.diag.error(`${s.sec.file}: relocation ${relName(s.rel.type)} against ${sym.isLocal ? `\`${s.sec.name}'` : `symbol \`${sym.name}'`} can not be used when making a ${ctx.isShared ? "shared object" : "PIE object"}; recompile with -fPIC`);
    return;
  }
  direct(s);
}

/** Calls and jumps: through the PLT when the function may live elsewhere. */
function pltOrDirect(s: RelocSite): void {
  if (s.sym.type === STT_FUNC || s.sym.type === STT_GNU_IFUNC || s.sym.kind === "shared" || s.ctx.preemptible(s.sym)) s.ctx.needPltCall(s.sym);
  else direct(s);
}

const branchTarget = (s: ApplySite): number => s.ctx.pltAddr(s.sym) + s.A - s.P;

// In-place arithmetic on data words (label differences, CFI advances).
type Width = 1 | 2 | 4 | 8;
function readN(out: DataView, at: number, n: Width): bigint {
  switch (n) {
    case 1: return BigInt(out.getUint8(at));
    case 2: return BigInt(out.getUint16(at, true));
    case 4: return BigInt(out.getUint32(at, true));
    case 8: return out.getBigUint64(at, true);
  }
}
function writeN(out: DataView, at: number, n: Width, v: bigint): void {
  switch (n) {
    case 1: out.setUint8(at, Number(BigInt.asUintN(8, v))); break;
    case 2: out.setUint16(at, Number(BigInt.asUintN(16, v)), true); break;
    case 4: out.setUint32(at, Number(BigInt.asUintN(32, v)), true); break;
    case 8: out.setBigUint64(at, BigInt.asUintN(64, v), true); break;
  }
}

function readUleb(out: DataView, at: number): { value: bigint; length: number } {
  let value = 0n, shift = 0n, length = 0;
  for (;;) {
    const b = out.getUint8(at + length++);
    value |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if (!(b & 0x80)) return { value, length };
  }
}

/** Rewrite a ULEB128 in place, keeping its length (the assembler reserved it). */
function writeUleb(out: DataView, at: number, length: number, v: bigint): boolean {
  let x = BigInt.asUintN(64, v);
  for (let k = 0; k < length; k++) {
    const more = k < length - 1;
    out.setUint8(at + k, Number(x & 0x7fn) | (more ? 0x80 : 0));
    x >>= 7n;
  }
  return x === 0n;
}

type DataOp = "add" | "sub" | "set" | "sub6" | "set6" | "setUleb" | "subUleb";
function dataOp(out: DataView, at: number, op: DataOp, n: Width, v: number): boolean {
  const value = BigInt(v);
  switch (op) {
    case "add": writeN(out, at, n, readN(out, at, n) + value); return true;
    case "sub": writeN(out, at, n, readN(out, at, n) - value); return true;
    case "set": writeN(out, at, n, value); return true;
    case "sub6": {
      const b = out.getUint8(at);
      out.setUint8(at, (b & 0xc0) | (Number(BigInt.asUintN(6, BigInt(b & 0x3f) - value))));
      return true;
    }
    case "set6": out.setUint8(at, (out.getUint8(at) & 0xc0) | Number(BigInt.asUintN(6, value))); return true;
    case "setUleb": return writeUleb(out, at, readUleb(out, at).length, value);
    case "subUleb": {
      const cur = readUleb(out, at);
      return writeUleb(out, at, cur.length, cur.value - value);
    }
  }
}

function arithmetic(op: DataOp, n: Width): Handler {
  return {
    scan: nothing,
    apply(s) {
      // Label differences: each half names a symbol in this output; no dynamic part.
      overflow(s, dataOp(s.out, s.at, op, n, s.S + s.A));
    },
  };
}

function absoluteData(n: 4 | 8): Handler {
  return {
    scan(s) {
      if (n === 8) s.ctx.needAbsoluteWord(s.sym, s.sec, s.rel.offset, s.rel.addend);
      else absoluteInCode(s);
    },
    apply(s) {
      // A word filled by a dynamic relocation keeps the static value too (harmless, as GNU ld writes it).
      const v = s.S + s.A;
      if (n === 8) writeN(s.out, s.at, 8, BigInt(v));
      else {
        overflow(s, v >= -(2 ** 31) && v < 2 ** 32);
        s.out.setUint32(s.at, v >>> 0, true);
      }
    },
  };
}

const HANDLERS = new Map<number, Handler>([
  [R("NONE"), { scan: nothing, apply: nothing }],
  [R("RELAX"), { scan: nothing, apply: nothing }],
  [R("ALIGN"), { scan: nothing, apply: nothing }],
  [R("TPREL_ADD"), { scan: nothing, apply: nothing }],
  [R("32"), absoluteData(4)],
  [R("64"), absoluteData(8)],
  [R("32_PCREL"), {
    scan: direct,
    apply(s) {
      const v = s.S + s.A - s.P;
      overflow(s, fits(v, 32));
      s.out.setInt32(s.at, v, true);
    },
  }],
  [R("PLT32"), {
    scan: pltOrDirect,
    apply(s) {
      const v = branchTarget(s);
      overflow(s, fits(v, 32));
      s.out.setInt32(s.at, v, true);
    },
  }],
  [R("BRANCH"), { scan: pltOrDirect, apply(s) { const v = branchTarget(s); overflow(s, fits(v, 13)); putWord(s, setB(word(s), v)); } }],
  [R("JAL"), { scan: pltOrDirect, apply(s) { const v = branchTarget(s); overflow(s, fits(v, 21)); putWord(s, setJ(word(s), v)); } }],
  [R("RVC_BRANCH"), { scan: pltOrDirect, apply(s) { const v = branchTarget(s); overflow(s, fits(v, 9)); putHalf(s, setCB(half(s), v)); } }],
  [R("RVC_JUMP"), { scan: pltOrDirect, apply(s) { const v = branchTarget(s); overflow(s, fits(v, 12)); putHalf(s, setCJ(half(s), v)); } }],
  ...[R("CALL"), R("CALL_PLT")].map((t): [number, Handler] => [t, {
    scan(s) { s.ctx.needPltCall(s.sym); },
    apply(s) {
      const v = branchTarget(s);
      overflow(s, fits(v + 0x800, 32));
      putWord(s, setU(word(s), v));
      putWord(s, setI(word(s, 4), v), 4);
    },
  }]),
  [R("PCREL_HI20"), {
    scan: direct,
    apply(s) { const v = s.S + s.A - s.P; overflow(s, fits(v + 0x800, 32)); putWord(s, setU(word(s), v)); },
  }],
  [R("GOT_HI20"), {
    scan(s) { s.ctx.needGot(s.sym); },
    apply(s) { putWord(s, setU(word(s), hiValue(s.ctx, s.sec, s.rel, s.sym))); },
  }],
  [R("TLS_GOT_HI20"), {
    scan(s) { s.ctx.needGotTp(s.sym); },
    apply(s) { putWord(s, setU(word(s), hiValue(s.ctx, s.sec, s.rel, s.sym))); },
  }],
  [R("TLS_GD_HI20"), {
    scan(s) { s.ctx.needTlsGd(s.sym); },
    apply(s) { putWord(s, setU(word(s), hiValue(s.ctx, s.sec, s.rel, s.sym))); },
  }],
  [R("PCREL_LO12_I"), pcrelLo("I")],
  [R("PCREL_LO12_S"), pcrelLo("S")],
  [R("HI20"), {
    scan: absoluteInCode,
    apply(s) { const v = s.S + s.A; overflow(s, fits(v + 0x800, 32)); putWord(s, setU(word(s), v)); },
  }],
  [R("LO12_I"), { scan: absoluteInCode, apply(s) { putWord(s, setI(word(s), s.S + s.A)); } }],
  [R("LO12_S"), { scan: absoluteInCode, apply(s) { putWord(s, setS(word(s), s.S + s.A)); } }],
  [RVC_LUI, { scan: nothing, apply(s) { putHalf(s, setCLui(half(s), s.S + s.A)); } }],
  [GPREL_I, { scan: nothing, apply(s) { putWord(s, setI(setRs1(word(s), gpBase(s)), s.S + s.A - gpValue(s))); } }],
  [GPREL_S, { scan: nothing, apply(s) { putWord(s, setS(setRs1(word(s), gpBase(s)), s.S + s.A - gpValue(s))); } }],
  [R("TPREL_HI20"), {
    scan: localExecOnly,
    apply(s) { putWord(s, setU(word(s), s.ctx.tpoff(s.sym) + s.A)); },
  }],
  [R("TPREL_LO12_I"), { scan: localExecOnly, apply(s) { putWord(s, setI(word(s), s.ctx.tpoff(s.sym) + s.A)); } }],
  [R("TPREL_LO12_S"), { scan: localExecOnly, apply(s) { putWord(s, setS(word(s), s.ctx.tpoff(s.sym) + s.A)); } }],
  [TPREL_I, { scan: nothing, apply(s) { putWord(s, setI(setRs1(word(s), REG_TP), s.ctx.tpoff(s.sym) + s.A)); } }],
  [TPREL_S, { scan: nothing, apply(s) { putWord(s, setS(setRs1(word(s), REG_TP), s.ctx.tpoff(s.sym) + s.A)); } }],
  [R("TLS_DTPREL32"), { scan: nothing, apply(s) { s.out.setUint32(s.at, (s.ctx.dtprel(s.sym) + s.A) >>> 0, true); } }],
  [R("TLS_DTPREL64"), { scan: nothing, apply(s) { writeN(s.out, s.at, 8, BigInt(s.ctx.dtprel(s.sym) + s.A)); } }],
  [R("ADD8"), arithmetic("add", 1)], [R("ADD16"), arithmetic("add", 2)], [R("ADD32"), arithmetic("add", 4)], [R("ADD64"), arithmetic("add", 8)],
  [R("SUB8"), arithmetic("sub", 1)], [R("SUB16"), arithmetic("sub", 2)], [R("SUB32"), arithmetic("sub", 4)], [R("SUB64"), arithmetic("sub", 8)],
  [R("SUB6"), arithmetic("sub6", 1)], [R("SET6"), arithmetic("set6", 1)],
  [R("SET8"), arithmetic("set", 1)], [R("SET16"), arithmetic("set", 2)], [R("SET32"), arithmetic("set", 4)],
  [R("SET_ULEB128"), arithmetic("setUleb", 1)], [R("SUB_ULEB128"), arithmetic("subUleb", 1)],
]);

function localExecOnly(s: RelocSite): void {
  if (s.ctx.isShared) s.ctx.diag.error(`${s.sec.file}: relocation ${relName(s.rel.type)} against \`${s.sym.name}' can not be used when making a shared object; recompile with -fPIC`);
}

/** A weak undefined symbol is at 0: addressed from x0 instead of gp. */
const gpBase = (s: ApplySite): number => (s.sym.isUndefWeak ? REG_ZERO : REG_GP);
const gpValue = (s: ApplySite): number => (s.sym.isUndefWeak ? 0 : globalPointer(s.ctx));

// ---- __global_pointer$ ---------------------------------------------------------------------

/**
 * GNU ld's riscv script: `MIN(__SDATA_BEGIN__ + 0x800, MAX(__DATA_BEGIN__ + 0x800,
 * __BSS_END__ - 0x800))`, so that gp reaches the small data and as much of the
 * rest of the data as it can.
 */
function globalPointer(ctx: Context): number {
  const writable = ctx.outputSections.filter((o) => o.flags & SHF_ALLOC && o.flags & SHF_WRITE && !(o.flags & SHF_TLS) && o.size > 0);
  if (writable.length === 0) return 0;
  // __DATA_BEGIN__: where the data after RELRO starts; __SDATA_BEGIN__: .sdata, or where it would be.
  const afterRelro = writable.filter((o) => !RELRO_SECTIONS.has(o.name));
  const dataBegin = (afterRelro[0] ?? writable[0]).addr;
  const progbits = writable.filter((o) => o.type !== SHT_NOBITS);
  const last = progbits[progbits.length - 1];
  const sdataBegin = writable.find((o) => o.name === ".sdata")?.addr ?? (last ? last.addr + last.size : dataBegin);
  const end = writable[writable.length - 1];
  const bssEnd = alignUp(end.addr + end.size, 8);
  return Math.min(sdataBegin + 0x800, Math.max(dataBegin + 0x800, bssEnd - 0x800));
}

/** Output sections GNU ld's script puts before DATA_SEGMENT_RELRO_END. */
const RELRO_SECTIONS = new Set([".preinit_array", ".init_array", ".fini_array", ".data.rel.ro", ".dynamic"]);

// ---- relaxation --------------------------------------------------------------------------------

interface RelaxState {
  symbols: SectionSymbols;
  alignDone: boolean;
  /** Largest alignment of any code section: the most a distance can still grow by. */
  maxCodeAlign: number;
}
const relaxState = new WeakMap<Context, RelaxState>();

const hasRvc = (sec: InputSection): boolean => (sec.file.elf.header.flags & EF_RISCV_RVC) !== 0;

function relaxableSections(ctx: Context): InputSection[] {
  const out: InputSection[] = [];
  for (const obj of ctx.objects) {
    for (const sec of obj.sections) {
      if (sec && !sec.discarded && sec.output && sec.flags & SHF_EXECINSTR && sec.relaHeader && sec.relocations.length) out.push(sec);
    }
  }
  return out;
}

/** One section's edits in one pass. */
class SectionEdit {
  readonly data: Uint8Array;
  readonly dv: DataView;
  readonly rels: Rela[];
  readonly cuts: Cut[] = [];
  constructor(readonly sec: InputSection) {
    this.data = new Uint8Array(sec.data);
    this.dv = new DataView(this.data.buffer);
    this.rels = sec.relocations.map((r) => ({ ...r }));
  }
  cut(offset: number, count: number): void {
    this.cuts.push({ offset, count });
  }
}

/** Distance margin for a reference from `sec` to `target` (alignment padding may still grow it). */
function margin(st: RelaxState, sec: InputSection, targetSec: InputSection | undefined): number {
  return targetSec && targetSec.output === sec.output ? sec.align : st.maxCodeAlign;
}

const inMergeOrCode = (sym: Symbol): boolean => !!sym.section && (sym.section.flags & (SHF_MERGE | SHF_EXECINSTR)) !== 0;

/** How far past its address an access through this relocation can reach (the rest of the object). */
const reserveFor = (sym: Symbol, addend: number): number => (sym.size > addend && addend >= 0 ? sym.size - addend : 0);

/** gp-relative reach with GNU ld's allowance for alignment and the object's size. */
function nearGp(ctx: Context, gp: number, value: number, sym: Symbol, addend: number): boolean {
  if (gp === 0) return false;
  const slack = gpAlignment(ctx, gp) + reserveFor(sym, addend);
  return value >= gp ? fits(value - gp + slack, 12) : fits(value - gp - slack, 12);
}

function gpAlignment(ctx: Context, gp: number): number {
  let a = 1;
  for (const o of ctx.outputSections) {
    if (!(o.flags & SHF_ALLOC) || o.addr + o.size < gp - 0x800 || o.addr >= gp + 0x800) continue;
    a = Math.max(a, o.align);
  }
  return a;
}

function relaxInstructions(ctx: Context, st: RelaxState): boolean {
  const gp = ctx.isShared ? 0 : globalPointer(ctx);
  let changed = false;
  for (const sec of relaxableSections(ctx)) {
    const rels = sec.relocations;
    if (!rels.some((r) => r.type === R("RELAX"))) continue;
    const e = new SectionEdit(sec);
    const obj = sec.file;
    const relaxed = (i: number): boolean => rels[i + 1]?.type === R("RELAX") && rels[i + 1].offset === rels[i].offset;
    // %pcrel_hi instructions turned gp-relative, by offset, and the lo12s that must follow them.
    const pcrelToGp = new Set<number>();
    if (!ctx.pic && gp) {
      const blocked = new Set<number>();
      for (let i = 0; i < rels.length; i++) {
        const r = rels[i];
        if (r.type !== R("PCREL_LO12_I") && r.type !== R("PCREL_LO12_S")) continue;
        const label = obj.symbols[r.sym];
        if (!relaxed(i) || label.section !== sec) blocked.add(label.value);
      }
      for (let i = 0; i < rels.length; i++) {
        const r = rels[i];
        if (r.type !== R("PCREL_HI20") || !relaxed(i) || blocked.has(r.offset)) continue;
        const sym = obj.symbols[r.sym];
        if (sym.isUndefWeak || inMergeOrCode(sym) || ctx.preemptible(sym) || sym.kind === "shared" || sym.isIfunc) continue;
        if (nearGp(ctx, gp, ctx.symAddr(sym) + r.addend, sym, r.addend)) pcrelToGp.add(r.offset);
      }
    }
    const rvc = hasRvc(sec);
    for (let i = 0; i < rels.length; i++) {
      const r = rels[i];
      if (!relaxed(i)) continue;
      const sym = obj.symbols[r.sym];
      const P = sec.addr + r.offset;
      const S = ctx.symAddr(sym);
      switch (r.type) {
        case R("CALL"):
        case R("CALL_PLT"): {
          const target = ctx.pltAddr(sym) + r.addend;
          if (sym.isUndefWeak && !ctx.preemptible(sym) && sym.pltIndex < 0) break;
          const viaPlt = sym.pltIndex >= 0 || sym.ipltIndex >= 0;
          const foff = target - P;
          const slack = margin(st, sec, viaPlt ? undefined : (sym.section as InputSection | undefined));
          const reach = foff + (foff < 0 ? -slack : slack);
          const rd = (e.dv.getUint32(r.offset + 4, true) >> 7) & 31;
          if (rvc && rd === REG_ZERO && fits(reach, 12)) {
            e.dv.setUint16(r.offset, 0xa001, true); // c.j 0
            e.rels[i].type = R("RVC_JUMP");
            e.cut(r.offset + 2, 6);
          } else if (fits(reach, 21)) {
            e.dv.setUint32(r.offset, (rd << 7) | JAL, true); // jal rd, 0
            e.rels[i].type = R("JAL");
            e.cut(r.offset + 4, 4);
          }
          break;
        }
        case R("HI20"):
        case R("LO12_I"):
        case R("LO12_S"): {
          if (ctx.pic) break;
          const undefWeak = sym.isUndefWeak;
          if (!undefWeak && inMergeOrCode(sym)) break;
          const value = S + r.addend;
          if (undefWeak || nearGp(ctx, gp, value, sym, r.addend)) {
            if (r.type === R("HI20")) {
              e.rels[i].type = R("NONE");
              e.cut(r.offset, 4);
            } else {
              e.rels[i].type = r.type === R("LO12_I") ? GPREL_I : GPREL_S;
            }
            break;
          }
          if (r.type === R("HI20") && rvc) {
            const insn = e.dv.getUint32(r.offset, true);
            const rd = (insn >> 7) & 31;
            const hi = hi20(value + reserveFor(sym, r.addend));
            const hiNow = hi20(value);
            if (rd !== REG_ZERO && rd !== REG_SP && hiNow !== 0 && fits(hiNow, 6) && hi === hiNow) {
              e.dv.setUint16(r.offset, 0x6001 | (rd << 7), true); // c.lui rd, 0
              e.rels[i].type = RVC_LUI;
              e.cut(r.offset + 2, 2);
            }
          }
          break;
        }
        case R("TPREL_HI20"):
        case R("TPREL_ADD"):
        case R("TPREL_LO12_I"):
        case R("TPREL_LO12_S"): {
          if (ctx.isShared || !fits(ctx.tpoff(sym) + r.addend, 12)) break;
          if (r.type === R("TPREL_HI20") || r.type === R("TPREL_ADD")) {
            e.rels[i].type = R("NONE");
            e.cut(r.offset, 4);
          } else {
            e.rels[i].type = r.type === R("TPREL_LO12_I") ? TPREL_I : TPREL_S;
          }
          break;
        }
        case R("PCREL_HI20"):
          if (pcrelToGp.has(r.offset)) {
            e.rels[i].type = R("NONE");
            e.cut(r.offset, 4);
          }
          break;
        case R("PCREL_LO12_I"):
        case R("PCREL_LO12_S"): {
          if (sym.section !== sec || !pcrelToGp.has(sym.value)) break;
          const hi = hiAt(rels, sym.value)!;
          e.rels[i].type = r.type === R("PCREL_LO12_I") ? GPREL_I : GPREL_S;
          e.rels[i].sym = hi.sym;
          e.rels[i].addend = hi.addend + r.addend;
          break;
        }
      }
    }
    if (e.cuts.length) {
      changed = true;
      shrinkSection(sec, e.data, e.rels, e.cuts, st.symbols.of(sec));
    } else if (e.rels.some((r, k) => r.type !== rels[k].type)) {
      sec.edit(e.data, e.rels);
    }
  }
  return changed;
}

/** R_RISCV_ALIGN: the assembler reserved the worst-case padding; keep only what the address needs. */
function relaxAlignment(ctx: Context, st: RelaxState): boolean {
  let changed = false;
  for (const sec of relaxableSections(ctx)) {
    const rels = sec.relocations;
    if (!rels.some((r) => r.type === R("ALIGN"))) continue;
    const e = new SectionEdit(sec);
    let removed = 0;
    for (const [i, r] of rels.entries()) {
      if (r.type !== R("ALIGN")) continue;
      let align = 1;
      while (align <= r.addend) align *= 2;
      const at = sec.addr + r.offset - removed;
      const needed = (align - (at % align)) % align;
      if (needed > r.addend) {
        ctx.diag.error(`${sec.file}:(${sec.name}+0x${r.offset.toString(16)}): cannot satisfy R_RISCV_ALIGN: ${r.addend} bytes reserved, ${needed} needed`);
        continue;
      }
      let k = 0;
      for (; k + 4 <= needed; k += 4) e.dv.setUint32(r.offset + k, NOP, true);
      if (k < needed) e.dv.setUint16(r.offset + k, C_NOP, true);
      e.rels[i].type = R("NONE");
      e.cut(r.offset + needed, r.addend - needed);
      removed += r.addend - needed;
    }
    changed ||= removed > 0;
    shrinkSection(sec, e.data, e.rels, e.cuts, st.symbols.of(sec));
  }
  return changed;
}

function relax(ctx: Context, pass: number): boolean {
  if (!ctx.cfg.relax) return false;
  let st = relaxState.get(ctx);
  if (!st) {
    const maxCodeAlign = Math.max(1, ...ctx.outputSections.filter((o) => o.flags & SHF_EXECINSTR).map((o) => o.align));
    st = { symbols: new SectionSymbols(ctx), alignDone: false, maxCodeAlign };
    relaxState.set(ctx, st);
  }
  if (st.alignDone) return false;
  // Instruction relaxation until nothing more shrinks (bounded: every pass removes bytes), then alignment once.
  if (pass < 32 && relaxInstructions(ctx, st)) return true;
  st.alignDone = true;
  return relaxAlignment(ctx, st);
}

// ---- the target ----------------------------------------------------------------------------

function handlerFor(ctx: Context, sec: InputSection, rel: Rela): Handler | undefined {
  const h = HANDLERS.get(rel.type);
  if (!h) ctx.diag.error(`${sec.file}: unsupported relocation type ${relName(rel.type)} (${rel.type}) in section ${sec.name} at offset 0x${rel.offset.toString(16)}`);
  return h;
}

/** Debug information: absolute words, TLS offsets and label arithmetic. */
const NON_ALLOC = new Map<number, { op: DataOp | "abs" | "dtprel" | "none"; n: Width }>([
  [R("NONE"), { op: "none", n: 1 }],
  [R("32"), { op: "abs", n: 4 }], [R("64"), { op: "abs", n: 8 }],
  [R("TLS_DTPREL32"), { op: "dtprel", n: 4 }], [R("TLS_DTPREL64"), { op: "dtprel", n: 8 }],
  [R("ADD8"), { op: "add", n: 1 }], [R("ADD16"), { op: "add", n: 2 }], [R("ADD32"), { op: "add", n: 4 }], [R("ADD64"), { op: "add", n: 8 }],
  [R("SUB8"), { op: "sub", n: 1 }], [R("SUB16"), { op: "sub", n: 2 }], [R("SUB32"), { op: "sub", n: 4 }], [R("SUB64"), { op: "sub", n: 8 }],
  [R("SUB6"), { op: "sub6", n: 1 }], [R("SET6"), { op: "set6", n: 1 }],
  [R("SET8"), { op: "set", n: 1 }], [R("SET16"), { op: "set", n: 2 }], [R("SET32"), { op: "set", n: 4 }],
  [R("SET_ULEB128"), { op: "setUleb", n: 1 }], [R("SUB_ULEB128"), { op: "subUleb", n: 1 }],
]);

function writePltWords(out: DataView, at: number, words: readonly number[]): void {
  words.forEach((w, k) => out.setUint32(at + 4 * k, w >>> 0, true));
}

const PLT_HEADER_SIZE = 32;

/**
 * GNU ld's riscv script: .got (with .got.plt in it) after the data, outside
 * RELRO, then the small data gp points into (.srodata constants included),
 * .sbss before .bss.
 */
const SECTION_ORDER: ReadonlyArray<readonly [string, SegmentClass]> = GENERIC_SECTION_ORDER
  .filter(([name]) => name !== ".got" && name !== ".got.plt")
  .flatMap((entry): Array<readonly [string, SegmentClass]> =>
    entry[0] === "@data" ? [entry, [".got", "data"], [".sdata", "data"], [".sbss", "data"]] : [entry]);

export const RISCV64: LinkTarget = {
  name: "riscv64",
  machine: EM.get("EM_RISCV"),
  emulations: ["elf64lriscv", "elf64lriscv_lp64f", "elf64lriscv_lp64"],
  pageSize: 0x1000,
  execBase: 0x10000,
  dynamicLinker: "/lib/ld-linux-riscv64-lp64d.so.1",
  dyn: {
    relative: R("RELATIVE"), globDat: R("64"), jumpSlot: R("JUMP_SLOT"), copy: R("COPY"),
    irelative: R("IRELATIVE"), abs64: R("64"), dtpmod64: R("TLS_DTPMOD64"), dtpoff64: R("TLS_DTPREL64"), tpoff64: R("TLS_TPREL64"),
  },
  gotSymbolInGotPlt: false,
  gotHeaderHoldsDynamic: true,
  gotPltHeaderEntries: 2,
  missingStackNoteMeansExec: false,
  pltHeaderSize: PLT_HEADER_SIZE,
  pltEntrySize: 16,

  sectionLayout: {
    order: SECTION_ORDER,
    mergeInto: [[".got.plt", ".got"], [".srodata", ".sdata"], [".sdata", ".sdata"], [".sbss", ".sbss"], [".scommon", ".sbss"]],
    separateCode: false,
  },

  relocName: relName,

  scan(ctx, sec, rels, i, sym) {
    handlerFor(ctx, sec, rels[i])?.scan({ ctx, sec, rels, i, rel: rels[i], sym });
    return 0;
  },

  apply(ctx, sec, rels, i, sym, out, at) {
    const rel = rels[i];
    HANDLERS.get(rel.type)?.apply({ ctx, sec, rels, i, rel, sym, out, at, P: sec.addr + rel.offset, A: rel.addend, S: ctx.symAddr(sym) });
    return 0;
  },

  applyNonAlloc(ctx, sec, rel, sym, out, at, tombstone) {
    const field = NON_ALLOC.get(rel.type);
    if (!field) {
      ctx.diag.error(`${sec.file}:(${sec.name}+0x${rel.offset.toString(16)}): relocation ${relName(rel.type)} is not supported in a non-allocated section`);
      return;
    }
    if (field.op === "none") return;
    if (field.op === "abs" || field.op === "dtprel") {
      const v = tombstone ?? (field.op === "dtprel" ? ctx.dtprel(sym) : ctx.symAddr(sym)) + rel.addend;
      writeN(out, at, field.n, BigInt(v));
      return;
    }
    // A label difference into code that is not linked: leave the assembler's value alone.
    if (tombstone !== undefined) return;
    dataOp(out, at, field.op, field.n, ctx.symAddr(sym) + rel.addend);
  },

  writePltHeader(out, at, pltAddr, gotPltAddr) {
    const off = gotPltAddr - pltAddr;
    writePltWords(out, at, [
      uType(AUIPC, T2, hi20(off)), // auipc t2, %pcrel_hi(.got.plt)
      0x41c30333, // sub t1, t1, t3
      setI(iType(LOAD, 3, T3, T2, 0), off), // ld t3, %pcrel_lo(.got.plt)(t2): _dl_runtime_resolve
      iType(OP_IMM, 0, T1, T1, -(PLT_HEADER_SIZE + 12)), // addi t1, t1, -(header + 12)
      setI(iType(OP_IMM, 0, T0, T2, 0), off), // addi t0, t2, %pcrel_lo(.got.plt)
      iType(OP_IMM, 5, T1, T1, 1), // srli t1, t1, 1: PLT offset → .got.plt offset
      iType(LOAD, 3, T0, T0, 8), // ld t0, 8(t0): the link map
      iType(JALR, 0, REG_ZERO, T3, 0), // jr t3
    ]);
  },

  writePltEntry(out, at, entryAddr, gotSlotAddr) {
    const off = gotSlotAddr - entryAddr;
    writePltWords(out, at, [
      uType(AUIPC, T3, hi20(off)), // auipc t3, %pcrel_hi(slot)
      setI(iType(LOAD, 3, T3, T3, 0), off), // ld t3, %pcrel_lo(slot)(t3)
      iType(JALR, 0, T1, T3, 0), // jalr t1, t3
      NOP,
    ]);
  },

  lazySlotValue: (_entryAddr, pltAddr) => pltAddr,

  // TLS variant I with no TCB space in front of the block: tp points at its start.
  threadPointerOffset: () => 0,
  dtpOffsetBias: 0x800,

  outputFlags(ctx) {
    let flags = 0;
    for (const o of ctx.objects) flags |= o.elf.header.flags;
    return flags;
  },

  builtins: [["__global_pointer$", globalPointer]],
  relax,
};


