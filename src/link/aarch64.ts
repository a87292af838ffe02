// aarch64 relocations (ELF for the Arm 64-bit Architecture, "Relocation"),
// the PLT as GNU ld writes it, TLS variant I (a 16-byte TCB at the thread
// pointer, the block after it), and the TLS rewrites GNU ld performs in
// executables: initial-exec to local-exec, descriptors to local-exec or
// initial-exec. Branches out of range go through veneers placed after the
// code of their section's output (a stub section, .text.veneers).
//
// Formulas use the ABI's letters: S symbol, A addend, P place, G GOT slot;
// Page(x) is x with its low 12 bits cleared.

import { EM, R_AARCH64, SHF_ALLOC, SHF_EXECINSTR, SHT_PROGBITS, STT_FUNC, STT_GNU_IFUNC } from "../elf/constants.js";
import { alignUp } from "../elf/bytes.js";
import type { Rela } from "../elf/types.js";
import type { Context } from "./context.js";
import type { InputSection } from "./files.js";
import type { Symbol } from "./symbol.js";
import { SyntheticSection } from "./synthetic.js";
import type { LinkTarget } from "./target.js";

const R = (name: string): number => R_AARCH64.get(`R_AARCH64_${name}`);
const relName = (type: number): string => R_AARCH64.describe(type);

// ---- fields ----------------------------------------------------------------------------

const page = (x: number): number => Math.floor(x / 4096) * 4096;
const low12 = (x: number): number => ((x % 4096) + 4096) % 4096;
const fits = (v: number, bits: number): boolean => v >= -(2 ** (bits - 1)) && v < 2 ** (bits - 1);

const setAdr = (w: number, imm: number): number => ((w & 0x9f00001f) | ((imm & 3) << 29) | (((imm >> 2) & 0x7ffff) << 5)) >>> 0;
const setImm12 = (w: number, v: number): number => ((w & ~(0xfff << 10)) | ((v & 0xfff) << 10)) >>> 0;
const setImm26 = (w: number, v: number): number => ((w & 0xfc000000) | ((v >> 2) & 0x3ffffff)) >>> 0;
const setImm19 = (w: number, v: number): number => ((w & 0xff00001f) | (((v >> 2) & 0x7ffff) << 5)) >>> 0;
const setImm14 = (w: number, v: number): number => ((w & 0xfff8001f) | (((v >> 2) & 0x3fff) << 5)) >>> 0;
const setImm16 = (w: number, v: number): number => ((w & 0xffe0001f) | ((v & 0xffff) << 5)) >>> 0;
/** 16 bits of a 64-bit value, `shift` a multiple of 16 (BigInt keeps the upper halves exact). */
const chunk16 = (v: number, shift: number): number => Number(BigInt.asUintN(16, BigInt(v) >> BigInt(shift)));

const NOP = 0xd503201f;
const movz = (rd: number, imm16: number, shift: number): number => (0xd2800000 | ((shift / 16) << 21) | (imm16 << 5) | rd) >>> 0;
const movk = (rd: number, imm16: number, shift: number): number => (0xf2800000 | ((shift / 16) << 21) | (imm16 << 5) | rd) >>> 0;

// ---- sites -------------------------------------------------------------------------------

interface Site {
  ctx: Context;
  sec: InputSection;
  rel: Rela;
  sym: Symbol;
}

interface ApplySite extends Site {
  out: DataView;
  at: number;
  P: number;
  A: number;
  S: number;
}

function overflow(s: Site, ok: boolean): void {
  if (ok) return;
  const where = s.sym.isLocal ? "" : ` against symbol \`${s.sym.name}'`;
  s.ctx.diag.error(`${s.sec.file}:(${s.sec.name}+0x${s.rel.offset.toString(16)}): relocation truncated to fit: ${relName(s.rel.type)}${where}`);
}

const word = (s: ApplySite): number => s.out.getUint32(s.at, true);
const put = (s: ApplySite, w: number): void => s.out.setUint32(s.at, w >>> 0, true);
const rdOf = (w: number): number => w & 31;

interface Handler {
  scan(s: Site): void;
  apply(s: ApplySite): void;
}

const nothing = (): void => {};

function direct(s: Site): void {
  s.ctx.needDirectAccess(s.sym, s.sec, relName(s.rel.type));
}

function absoluteInCode(s: Site): void {
  const { ctx, sym } = s;
  if (ctx.pic && !sym.isAbsolute && !(sym.isUndefWeak && !ctx.preemptible(sym))) {
    ctx.diag.error(`${s.sec.file}: relocation ${relName(s.rel.type)} against ${sym.isLocal ? `\`${s.sec.name}'` : `symbol \`${sym.name}'`} can not be used when making a ${ctx.isShared ? "shared object" : "PIE object"}; recompile with -fPIC`);
    return;
  }
  direct(s);
}

const isFunction = (s: Site): boolean => s.sym.type === STT_FUNC || s.sym.type === STT_GNU_IFUNC || s.sym.kind === "shared";

// ---- branches and veneers ------------------------------------------------------------------

/** Range-extension veneers: `adrp x16, T; add x16, x16, :lo12:T; br x16`, one per target. */
export class VeneerSection extends SyntheticSection {
  readonly name = ".text.veneers";
  readonly type = SHT_PROGBITS;
  readonly flags = SHF_ALLOC | SHF_EXECINSTR;
  readonly align = 4;
  readonly targets: Array<{ sym: Symbol; addend: number }> = [];
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.targets.length * 12;
  }

  /** The veneer for `sym + addend`, created if new. */
  add(sym: Symbol, addend: number, key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.targets.length;
      this.targets.push({ sym, addend });
      this.index.set(key, i);
    }
    return i;
  }

  lookup(key: string): number | undefined {
    return this.index.get(key);
  }

  entryAddr(i: number): number {
    return this.addr + i * 12;
  }

  write(ctx: Context, out: Uint8Array, dv: DataView): void {
    this.targets.forEach((t, i) => {
      const at = this.fileOffset + i * 12;
      const P = this.entryAddr(i);
      const T = ctx.pltAddr(t.sym) + t.addend;
      dv.setUint32(at, setAdr(0x90000010, (page(T) - page(P)) / 4096), true); // adrp x16, T
      dv.setUint32(at + 4, setImm12(0x91000210, low12(T)), true); // add x16, x16, :lo12:T
      dv.setUint32(at + 8, 0xd61f0200, true); // br x16
    });
  }
}

/** Veneers of each input section that has out-of-range branches, placed right after it. */
const veneers = new WeakMap<Context, Map<InputSection, VeneerSection>>();
const veneerKey = (sym: Symbol, addend: number): string => `${sym.name}\0${sym.isLocal ? String(sym.file) + sym.value : ""}\0${addend}`;

function branch26(s: ApplySite): void {
  const target = s.ctx.pltAddr(s.sym) + s.A;
  let v = target - s.P;
  if (!fits(v, 28)) {
    const ven = veneers.get(s.ctx)?.get(s.sec);
    const i = ven?.lookup(veneerKey(s.sym, s.A));
    if (ven && i !== undefined) v = ven.entryAddr(i) - s.P;
  }
  // A call to an undefined weak function (address 0) becomes a no-op, as GNU ld makes it.
  if (s.sym.isUndefWeak && s.sym.pltIndex < 0 && !s.ctx.pic) {
    put(s, NOP);
    return;
  }
  overflow(s, fits(v, 28));
  put(s, setImm26(word(s), v));
}

// ---- TLS ----------------------------------------------------------------------------------

/** What a TLS descriptor or initial-exec access becomes in this output. */
type TlsModel = "le" | "ie" | "desc";
function tlsModel(ctx: Context, sym: Symbol, fromDesc: boolean): TlsModel {
  if (!ctx.isShared) return ctx.preemptible(sym) || sym.kind === "shared" ? "ie" : "le";
  return fromDesc ? "desc" : "ie";
}

/** An undefined weak TLS variable (glibc's optional locale categories) is at offset 0. */
const tpoff = (s: ApplySite): number => (s.sym.isUndefWeak ? 0 : s.ctx.tpoff(s.sym)) + s.A;

function leMovz(s: ApplySite, rd: number): void {
  const v = tpoff(s);
  overflow(s, v >= 0 && v < 2 ** 32);
  put(s, movz(rd, chunk16(v, 16), 16));
}
function leMovk(s: ApplySite, rd: number): void {
  put(s, movk(rd, chunk16(tpoff(s), 0), 0));
}

const gotTpPage = (s: ApplySite): number => (page(s.ctx.got.entryAddr(s.sym.gotTpIndex)) - page(s.P)) / 4096;

// ---- handlers ------------------------------------------------------------------------------

function movw(shift: number, check: "u" | "s" | "nc", value: (s: ApplySite) => number, scan: (s: Site) => void = absoluteInCode): Handler {
  return {
    scan,
    apply(s) {
      const v = value(s);
      let w = word(s);
      if (check === "u") overflow(s, v >= 0 && v < 2 ** (shift + 16));
      if (check === "s") {
        overflow(s, fits(v, shift + 17));
        // movz for a non-negative value, movn (of the complement) for a negative one.
        const negative = v < 0;
        w = negative ? (w & ~(1 << 30)) >>> 0 : (w | (1 << 30)) >>> 0;
        put(s, setImm16(w, chunk16(negative ? -v - 1 : v, shift)));
        return;
      }
      put(s, setImm16(w, chunk16(v, shift)));
    },
  };
}

const abs = (s: ApplySite): number => s.S + s.A;
const prel = (s: ApplySite): number => s.S + s.A - s.P;

function localExecOnly(s: Site): void {
  if (s.ctx.isShared) s.ctx.diag.error(`${s.sec.file}: relocation ${relName(s.rel.type)} against \`${s.sym.name}' can not be used when making a shared object; recompile with -fPIC`);
}

const gotAddr = (s: ApplySite): number => s.ctx.got.entryAddr(s.sym.gotIndex) + s.A;
const gotBase = (ctx: Context): number => ctx.got.addr;

const HANDLERS = new Map<number, Handler>([
  [R("NONE"), { scan: nothing, apply: nothing }],
  [R("ABS64"), {
    scan(s) { s.ctx.needAbsoluteWord(s.sym, s.sec, s.rel.offset, s.rel.addend); },
    apply(s) { s.out.setBigUint64(s.at, BigInt.asUintN(64, BigInt(s.S + s.A)), true); },
  }],
  [R("ABS32"), {
    scan: absoluteInCode,
    apply(s) { const v = abs(s); overflow(s, v >= -(2 ** 31) && v < 2 ** 32); s.out.setUint32(s.at, v >>> 0, true); },
  }],
  [R("ABS16"), {
    scan: absoluteInCode,
    apply(s) { const v = abs(s); overflow(s, v >= -(2 ** 15) && v < 2 ** 16); s.out.setUint16(s.at, v & 0xffff, true); },
  }],
  [R("PREL64"), { scan: direct, apply(s) { s.out.setBigUint64(s.at, BigInt.asUintN(64, BigInt(prel(s))), true); } }],
  [R("PREL32"), { scan: direct, apply(s) { const v = prel(s); overflow(s, v >= -(2 ** 31) && v < 2 ** 32); s.out.setUint32(s.at, v >>> 0, true); } }],
  [R("PREL16"), { scan: direct, apply(s) { const v = prel(s); overflow(s, v >= -(2 ** 15) && v < 2 ** 16); s.out.setUint16(s.at, v & 0xffff, true); } }],
  [R("ADR_PREL_PG_HI21"), {
    scan: direct,
    apply(s) { const v = (page(abs(s)) - page(s.P)) / 4096; overflow(s, fits(v, 21)); put(s, setAdr(word(s), v)); },
  }],
  [R("ADR_PREL_PG_HI21_NC"), { scan: direct, apply(s) { put(s, setAdr(word(s), (page(abs(s)) - page(s.P)) / 4096)); } }],
  [R("ADR_PREL_LO21"), { scan: direct, apply(s) { const v = prel(s); overflow(s, fits(v, 21)); put(s, setAdr(word(s), v)); } }],
  [R("ADD_ABS_LO12_NC"), { scan: nothing, apply(s) { put(s, setImm12(word(s), low12(abs(s)))); } }],
  [R("LDST8_ABS_LO12_NC"), { scan: nothing, apply(s) { put(s, setImm12(word(s), low12(abs(s)))); } }],
  [R("LDST16_ABS_LO12_NC"), { scan: nothing, apply(s) { put(s, setImm12(word(s), low12(abs(s)) >> 1)); } }],
  [R("LDST32_ABS_LO12_NC"), { scan: nothing, apply(s) { put(s, setImm12(word(s), low12(abs(s)) >> 2)); } }],
  [R("LDST64_ABS_LO12_NC"), { scan: nothing, apply(s) { put(s, setImm12(word(s), low12(abs(s)) >> 3)); } }],
  [R("LDST128_ABS_LO12_NC"), { scan: nothing, apply(s) { put(s, setImm12(word(s), low12(abs(s)) >> 4)); } }],
  ...[R("CALL26"), R("JUMP26")].map((t): [number, Handler] => [t, {
    scan(s) { if (isFunction(s) || s.ctx.preemptible(s.sym)) s.ctx.needPltCall(s.sym); else direct(s); },
    apply: branch26,
  }]),
  [R("CONDBR19"), { scan: direct, apply(s) { const v = s.ctx.pltAddr(s.sym) + s.A - s.P; overflow(s, fits(v, 21)); put(s, setImm19(word(s), v)); } }],
  [R("LD_PREL_LO19"), { scan: direct, apply(s) { const v = prel(s); overflow(s, fits(v, 21)); put(s, setImm19(word(s), v)); } }],
  [R("TSTBR14"), { scan: direct, apply(s) { const v = s.ctx.pltAddr(s.sym) + s.A - s.P; overflow(s, fits(v, 16)); put(s, setImm14(word(s), v)); } }],
  [R("ADR_GOT_PAGE"), {
    scan(s) { s.ctx.needGot(s.sym); },
    apply(s) { const v = (page(gotAddr(s)) - page(s.P)) / 4096; overflow(s, fits(v, 21)); put(s, setAdr(word(s), v)); },
  }],
  [R("LD64_GOT_LO12_NC"), { scan(s) { s.ctx.needGot(s.sym); }, apply(s) { put(s, setImm12(word(s), low12(gotAddr(s)) >> 3)); } }],
  [R("LD64_GOTPAGE_LO15"), {
    scan(s) { s.ctx.needGot(s.sym); },
    apply(s) { const v = gotAddr(s) - page(gotBase(s.ctx)); overflow(s, v >= 0 && v < 2 ** 15); put(s, setImm12(word(s), v >> 3)); },
  }],
  [R("GOT_LD_PREL19"), {
    scan(s) { s.ctx.needGot(s.sym); },
    apply(s) { const v = gotAddr(s) - s.P; overflow(s, fits(v, 21)); put(s, setImm19(word(s), v)); },
  }],
  // movz/movk/movn sequences for absolute and PC-relative values.
  [R("MOVW_UABS_G0"), movw(0, "u", abs)], [R("MOVW_UABS_G0_NC"), movw(0, "nc", abs)],
  [R("MOVW_UABS_G1"), movw(16, "u", abs)], [R("MOVW_UABS_G1_NC"), movw(16, "nc", abs)],
  [R("MOVW_UABS_G2"), movw(32, "u", abs)], [R("MOVW_UABS_G2_NC"), movw(32, "nc", abs)],
  [R("MOVW_UABS_G3"), movw(48, "nc", abs)],
  [R("MOVW_SABS_G0"), movw(0, "s", abs)], [R("MOVW_SABS_G1"), movw(16, "s", abs)], [R("MOVW_SABS_G2"), movw(32, "s", abs)],
  [R("MOVW_PREL_G0"), movw(0, "s", prel, direct)], [R("MOVW_PREL_G0_NC"), movw(0, "nc", prel, direct)],
  [R("MOVW_PREL_G1"), movw(16, "s", prel, direct)], [R("MOVW_PREL_G1_NC"), movw(16, "nc", prel, direct)],
  [R("MOVW_PREL_G2"), movw(32, "s", prel, direct)], [R("MOVW_PREL_G2_NC"), movw(32, "nc", prel, direct)],
  [R("MOVW_PREL_G3"), movw(48, "nc", prel, direct)],
  // Local exec.
  [R("TLSLE_MOVW_TPREL_G2"), movw(32, "s", tpoff, localExecOnly)],
  [R("TLSLE_MOVW_TPREL_G1"), movw(16, "s", tpoff, localExecOnly)], [R("TLSLE_MOVW_TPREL_G1_NC"), movw(16, "nc", tpoff, localExecOnly)],
  [R("TLSLE_MOVW_TPREL_G0"), movw(0, "s", tpoff, localExecOnly)], [R("TLSLE_MOVW_TPREL_G0_NC"), movw(0, "nc", tpoff, localExecOnly)],
  [R("TLSLE_ADD_TPREL_HI12"), {
    scan: localExecOnly,
    apply(s) { const v = tpoff(s); overflow(s, v >= 0 && v < 2 ** 24); put(s, setImm12(word(s), (v >> 12) & 0xfff)); },
  }],
  [R("TLSLE_ADD_TPREL_LO12"), { scan: localExecOnly, apply(s) { const v = tpoff(s); overflow(s, v >= 0 && v < 4096); put(s, setImm12(word(s), v)); } }],
  [R("TLSLE_ADD_TPREL_LO12_NC"), { scan: localExecOnly, apply(s) { put(s, setImm12(word(s), low12(tpoff(s)))); } }],
  ...[0, 1, 2, 3, 4].flatMap((scale): Array<[number, Handler]> => {
    const bits = 8 << scale;
    const h: Handler = { scan: localExecOnly, apply(s) { put(s, setImm12(word(s), low12(tpoff(s)) >> scale)); } };
    return [[R(`TLSLE_LDST${bits}_TPREL_LO12`), h], [R(`TLSLE_LDST${bits}_TPREL_LO12_NC`), h]];
  }),
  // Initial exec, rewritten to local exec in executables when the variable is ours.
  [R("TLSIE_ADR_GOTTPREL_PAGE21"), {
    scan(s) { if (tlsModel(s.ctx, s.sym, false) !== "le") s.ctx.needGotTp(s.sym); },
    apply(s) {
      if (tlsModel(s.ctx, s.sym, false) === "le") leMovz(s, rdOf(word(s)));
      else put(s, setAdr(word(s), gotTpPage(s)));
    },
  }],
  [R("TLSIE_LD64_GOTTPREL_LO12_NC"), {
    scan(s) { if (tlsModel(s.ctx, s.sym, false) !== "le") s.ctx.needGotTp(s.sym); },
    apply(s) {
      if (tlsModel(s.ctx, s.sym, false) === "le") leMovk(s, rdOf(word(s)));
      else put(s, setImm12(word(s), low12(s.ctx.got.entryAddr(s.sym.gotTpIndex)) >> 3));
    },
  }],
  // Descriptors: adrp x0; ldr x1, [x0, lo12]; add x0, x0, lo12; blr x1.
  [R("TLSDESC_ADR_PAGE21"), {
    scan: scanDesc,
    apply(s) {
      const m = tlsModel(s.ctx, s.sym, true);
      if (m === "le") leMovz(s, 0);
      else if (m === "ie") put(s, setAdr(0x90000000, gotTpPage(s)));
      else put(s, setAdr(word(s), (page(s.ctx.got.entryAddr(s.sym.tlsDescIndex)) - page(s.P)) / 4096));
    },
  }],
  [R("TLSDESC_LD64_LO12"), {
    scan: scanDesc,
    apply(s) {
      const m = tlsModel(s.ctx, s.sym, true);
      if (m === "le") leMovk(s, 0);
      else if (m === "ie") put(s, setImm12(0xf9400000, low12(s.ctx.got.entryAddr(s.sym.gotTpIndex)) >> 3)); // ldr x0, [x0, lo12]
      else put(s, setImm12(word(s), low12(s.ctx.got.entryAddr(s.sym.tlsDescIndex)) >> 3));
    },
  }],
  [R("TLSDESC_ADD_LO12"), {
    scan: scanDesc,
    apply(s) {
      if (tlsModel(s.ctx, s.sym, true) !== "desc") put(s, NOP);
      else put(s, setImm12(word(s), low12(s.ctx.got.entryAddr(s.sym.tlsDescIndex))));
    },
  }],
  [R("TLSDESC_CALL"), {
    scan: nothing,
    apply(s) { if (tlsModel(s.ctx, s.sym, true) !== "desc") put(s, NOP); },
  }],
  // General dynamic (-mtls-dialect=trad): kept, with the GOT pair filled statically in executables.
  [R("TLSGD_ADR_PAGE21"), {
    scan(s) { s.ctx.needTlsGd(s.sym); },
    apply(s) { put(s, setAdr(word(s), (page(s.ctx.got.entryAddr(s.sym.tlsGdIndex)) - page(s.P)) / 4096)); },
  }],
  [R("TLSGD_ADD_LO12_NC"), {
    scan(s) { s.ctx.needTlsGd(s.sym); },
    apply(s) { put(s, setImm12(word(s), low12(s.ctx.got.entryAddr(s.sym.tlsGdIndex)))); },
  }],
  [R("TLSLD_ADR_PAGE21"), {
    scan(s) { s.ctx.needTlsLd(); },
    apply(s) { put(s, setAdr(word(s), (page(s.ctx.got.entryAddr(s.ctx.got.tlsLdIndex)) - page(s.P)) / 4096)); },
  }],
  [R("TLSLD_ADD_LO12_NC"), {
    scan(s) { s.ctx.needTlsLd(); },
    apply(s) { put(s, setImm12(word(s), low12(s.ctx.got.entryAddr(s.ctx.got.tlsLdIndex)))); },
  }],
  [R("TLSLD_ADD_DTPREL_HI12"), { scan: nothing, apply(s) { put(s, setImm12(word(s), ((s.ctx.dtprel(s.sym) + s.A) >> 12) & 0xfff)); } }],
  [R("TLSLD_ADD_DTPREL_LO12"), { scan: nothing, apply(s) { put(s, setImm12(word(s), low12(s.ctx.dtprel(s.sym) + s.A))); } }],
  [R("TLSLD_ADD_DTPREL_LO12_NC"), { scan: nothing, apply(s) { put(s, setImm12(word(s), low12(s.ctx.dtprel(s.sym) + s.A))); } }],
]);

function scanDesc(s: Site): void {
  const m = tlsModel(s.ctx, s.sym, true);
  if (m === "ie") s.ctx.needGotTp(s.sym);
  else if (m === "desc") s.ctx.needTlsDesc(s.sym);
}

// ---- veneer planning ----------------------------------------------------------------------

/**
 * After the first layout: branches whose target is beyond ±128 MiB get a
 * veneer. The veneer section is then laid out with the code (its size was 0
 * until now), so this runs until no new veneer is needed.
 */
function planVeneers(ctx: Context): boolean {
  let all = veneers.get(ctx);
  let added = false;
  for (const obj of ctx.objects) {
    for (const sec of obj.sections) {
      if (!sec || sec.discarded || !sec.output || !(sec.flags & SHF_EXECINSTR) || !sec.relaHeader) continue;
      for (const r of sec.relocations) {
        if (r.type !== R("CALL26") && r.type !== R("JUMP26")) continue;
        const sym = obj.symbols[r.sym];
        if (!sym || (sym.isUndefWeak && sym.pltIndex < 0)) continue;
        const v = ctx.pltAddr(sym) + r.addend - (sec.addr + r.offset);
        if (fits(v, 28)) continue;
        if (!all) veneers.set(ctx, (all = new Map()));
        let ven = all.get(sec);
        if (!ven) {
          ven = new VeneerSection();
          all.set(sec, ven);
          // Right after the section with the branches, so that they reach it.
          const out = sec.output;
          out.chunks.splice(out.chunks.indexOf(sec) + 1, 0, ven);
          ven.output = out;
        }
        const key = veneerKey(sym, r.addend);
        if (ven.lookup(key) === undefined) {
          ven.add(sym, r.addend, key);
          added = true;
        }
      }
    }
  }
  return added;
}

// ---- the target --------------------------------------------------------------------------

const NON_ALLOC = new Map<number, "abs64" | "abs32" | "prel32" | "dtprel64" | "none">([
  [R("NONE"), "none"], [R("ABS64"), "abs64"], [R("ABS32"), "abs32"], [R("PREL32"), "prel32"], [R("TLS_DTPREL"), "dtprel64"],
]);

function writeWords(out: DataView, at: number, words: readonly number[]): void {
  words.forEach((w, k) => out.setUint32(at + 4 * k, w >>> 0, true));
}

/** adrp x16, slot; ldr x17, [x16, lo12(slot)]; add x16, x16, lo12(slot); br x17 — at `at` (address `addr`). */
function pltJump(out: DataView, at: number, addr: number, slot: number): void {
  writeWords(out, at, [
    setAdr(0x90000010, (page(slot) - page(addr)) / 4096),
    setImm12(0xf9400211, low12(slot) >> 3),
    setImm12(0x91000210, low12(slot)),
    0xd61f0220,
  ]);
}

export const AARCH64: LinkTarget = {
  name: "aarch64",
  machine: EM.get("EM_AARCH64"),
  emulations: ["aarch64linux", "aarch64elf"],
  pageSize: 0x10000,
  execBase: 0x400000,
  dynamicLinker: "/lib/ld-linux-aarch64.so.1",
  dyn: {
    relative: R("RELATIVE"), globDat: R("GLOB_DAT"), jumpSlot: R("JUMP_SLOT"), copy: R("COPY"), irelative: R("IRELATIVE"),
    abs64: R("ABS64"), dtpmod64: R("TLS_DTPMOD"), dtpoff64: R("TLS_DTPREL"), tpoff64: R("TLS_TPREL"), tlsdesc: R("TLSDESC"),
  },
  gotSymbolInGotPlt: false,
  gotHeaderHoldsDynamic: true,
  gotPltHeaderEntries: 3,
  missingStackNoteMeansExec: true,
  pltHeaderSize: 32,
  pltEntrySize: 16,

  // GNU ld for aarch64 keeps headers, code and read-only data in one segment.
  sectionLayout: { separateCode: false },

  relocName: relName,

  scan(ctx, sec, rels, i, sym) {
    const rel = rels[i];
    const h = HANDLERS.get(rel.type);
    if (!h) ctx.diag.error(`${sec.file}: unsupported relocation type ${relName(rel.type)} (${rel.type}) in section ${sec.name} at offset 0x${rel.offset.toString(16)}`);
    else h.scan({ ctx, sec, rel, sym });
    return 0;
  },

  apply(ctx, sec, rels, i, sym, out, at) {
    const rel = rels[i];
    HANDLERS.get(rel.type)?.apply({ ctx, sec, rel, sym, out, at, P: sec.addr + rel.offset, A: rel.addend, S: ctx.symAddr(sym) });
    return 0;
  },

  applyNonAlloc(ctx, sec, rel, sym, out, at, tombstone) {
    const kind = NON_ALLOC.get(rel.type);
    if (!kind) {
      ctx.diag.error(`${sec.file}:(${sec.name}+0x${rel.offset.toString(16)}): relocation ${relName(rel.type)} is not supported in a non-allocated section`);
      return;
    }
    if (kind === "none") return;
    const value = tombstone ?? (kind === "dtprel64" ? ctx.dtprel(sym) : kind === "prel32" ? ctx.symAddr(sym) - (sec.addr + rel.offset) : ctx.symAddr(sym)) + rel.addend;
    if (kind === "abs64" || kind === "dtprel64") out.setBigUint64(at, BigInt.asUintN(64, BigInt(value)), true);
    else out.setUint32(at, value >>> 0, true);
  },

  writePltHeader(out, at, pltAddr, gotPltAddr) {
    // stp x16, x30, [sp, #-16]!; then jump through .got.plt[2] (the resolver) with x16 = &.got.plt[2]; nop × 3.
    out.setUint32(at, 0xa9bf7bf0, true);
    pltJump(out, at + 4, pltAddr + 4, gotPltAddr + 16);
    writeWords(out, at + 20, [NOP, NOP, NOP]);
  },

  writePltEntry(out, at, entryAddr, gotSlotAddr) {
    pltJump(out, at, entryAddr, gotSlotAddr);
  },

  lazySlotValue: (_entryAddr, pltAddr) => pltAddr,

  // TLS variant I: a 16-byte TCB at the thread pointer, then the block at its alignment.
  threadPointerOffset: (tls) => -alignUp(16, tls.align),
  dtpOffsetBias: 0,

  relax(ctx) {
    return planVeneers(ctx);
  },
};
