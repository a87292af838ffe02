// The A64 opcode table: per mnemonic, the forms gas accepts, in gas's order of
// preference. A form is a list of operand codes (what each operand may be and
// which bits it fills; the encoder interprets them) and, per variant, the
// fixed bits. A variant key names the register classes the letters `R`
// (general: w/x), `F` (scalar FP: b/h/s/d/q) and `V` (vector arrangement)
// stand for in that variant: "x", "ws", "d", "4s"; "" when nothing varies.
//
// Operand codes (see encoder.ts for the exact fields):
//   R|W|X + field (d n m a t t2 s) [+ S: register 31 is sp]   general registers
//   F|B|H|S|D|Q + field                                       scalar FP/SIMD registers
//   V + field                                                 vector registers
//   Rne: general register as wide as the vector element (X for d, W otherwise)
//   aimm ashift? shift? rshift? ext? bimm mimm hw? immr imms nzcv imm5 cond
//   u16 u16d hint barrier barrier? sysreg prfop tbit l26 l19 l14 adr adrp
//   mU m9 mpre9 mpost9 mR m7 mpre7 mpost7 m0 fimm fzero zero
//   Ei5n Ei5d Ei4n Ei5nd Lt Ltn mlst mlstpost vshl vshr ext4 movi movi64 mshift? vfimm
// A trailing `?` marks an operand that may be left out.

import type { Arrangement } from "./inst.js";

export interface OpcodeRow {
  readonly ops: readonly string[];
  /** Variant key → fixed bits. */
  readonly v: Readonly<Record<string, number>>;
  /** log2 of the memory access size when it is not the transfer register's size. */
  readonly msz?: number;
  /** Branch fixups: which relocation a symbolic target gets (call26 for bl, jump26 for b). */
  readonly branch?: "call26" | "jump26";
  /** An architecture extension the form needs (gas refuses it unless `.arch` enables it). */
  readonly feature?: Feature;
}

/** Extensions beyond armv8-a that the table has forms of. */
export type Feature = "lse" | "fp16" | "crc" | "aes";

const row = (ops: string, v: Record<string, number>, extra: Partial<OpcodeRow> = {}): OpcodeRow =>
  ({ ops: ops ? ops.split(/,\s*/) : [], v, ...extra });
/** The 32- and 64-bit variants of a general-register instruction: sf is bit 31. */
const wx = (base: number, x64 = 0x80000000): Record<string, number> => ({ w: base, x: (base | x64) >>> 0 });
/** Scalar FP variants: ftype in bits 22-23 (s 00, d 01, h 11). */
const fp = (base: number, classes = "sdh"): Record<string, number> => {
  const t: Record<string, number> = { s: 0, d: 1, h: 3 };
  return Object.fromEntries([...classes].map((c) => [c, (base | (t[c] << 22)) >>> 0]));
};
/** Vector variants: Q at bit 30, size at bits 22-23. */
const SIZE: Record<Arrangement, [q: number, size: number]> = {
  "8b": [0, 0], "16b": [1, 0], "4h": [0, 1], "8h": [1, 1], "2s": [0, 2], "4s": [1, 2], "1d": [0, 3], "2d": [1, 3], "1q": [1, 3],
};
const vec = (base: number, arrs: string): Record<string, number> =>
  Object.fromEntries(arrs.split(" ").map((a) => {
    const [q, size] = SIZE[a as Arrangement];
    return [a, (base | (q << 30) | (size << 22)) >>> 0];
  }));
/** Vector variants where the element size lives in an immediate field: only Q (bit 30) varies. */
const vq = (base: number, arrs: string): Record<string, number> =>
  Object.fromEntries(arrs.split(" ").map((a) => [a, (base | (SIZE[a as Arrangement][0] << 30)) >>> 0]));
/** FP vector variants: Q at bit 30, sz at bit 22. */
const fvec = (base: number): Record<string, number> => ({ "2s": base, "4s": (base | 0x40000000) >>> 0, "2d": (base | 0x40400000) >>> 0 });
const INT_ARRS = "8b 16b 4h 8h 2s 4s 2d";
const INT_ARRS_NO_D = "8b 16b 4h 8h 2s 4s";
const BYTE_ARRS = "8b 16b";

const table: Record<string, OpcodeRow[]> = {};
const def = (mn: string | string[], ...rows: OpcodeRow[]): void => {
  for (const m of typeof mn === "string" ? [mn] : mn) (table[m] ??= []).push(...rows);
};

// ---------------------------------------------------------------- integer data processing

for (const [mn, imm, reg, ext, setsFlags] of [
  ["add", 0x11000000, 0x0b000000, 0x0b200000, false], ["adds", 0x31000000, 0x2b000000, 0x2b200000, true],
  ["sub", 0x51000000, 0x4b000000, 0x4b200000, false], ["subs", 0x71000000, 0x6b000000, 0x6b200000, true],
] as const) {
  const d = setsFlags ? "Rd" : "RdS";
  def(mn,
    row(`${d}, RnS, aimm, ashift?`, wx(imm)),
    row("Rd, Rn, Rm, shift?", wx(reg)),
    row(`${d}, RnS, Em, ext?`, wx(ext)));
}
for (const [mn, reg, imm] of [
  ["and", 0x0a000000, 0x12000000], ["orr", 0x2a000000, 0x32000000], ["eor", 0x4a000000, 0x52000000], ["ands", 0x6a000000, 0x72000000],
] as const) {
  def(mn, row(mn === "ands" ? "Rd, Rn, bimm" : "RdS, Rn, bimm", wx(imm)), row("Rd, Rn, Rm, rshift?", wx(reg)));
}
for (const [mn, reg] of [["bic", 0x0a200000], ["orn", 0x2a200000], ["eon", 0x4a200000], ["bics", 0x6a200000]] as const) {
  def(mn, row("Rd, Rn, Rm, rshift?", wx(reg)));
}
def("movn", row("Rd, mimm, hw?", wx(0x12800000)));
def("movz", row("Rd, mimm, hw?", wx(0x52800000)));
def("movk", row("Rd, mimm, hw?", wx(0x72800000)));
def("sbfm", row("Rd, Rn, immr, imms", wx(0x13000000, 0x80400000)));
def("bfm", row("Rd, Rn, immr, imms", wx(0x33000000, 0x80400000)));
def("ubfm", row("Rd, Rn, immr, imms", wx(0x53000000, 0x80400000)));
def("extr", row("Rd, Rn, Rm, imms", wx(0x13800000, 0x80400000)));
for (const [mn, op] of [["lslv", 0x1ac02000], ["lsrv", 0x1ac02400], ["asrv", 0x1ac02800], ["rorv", 0x1ac02c00], ["udiv", 0x1ac00800], ["sdiv", 0x1ac00c00]] as const) {
  def(mn, row("Rd, Rn, Rm", wx(op)));
}
// CRC32 (ARMv8.1, optional in v8.0): the data operand is X for the doubleword forms.
for (const [mn, op] of [["crc32b", 0x1ac04000], ["crc32h", 0x1ac04400], ["crc32w", 0x1ac04800], ["crc32cb", 0x1ac05000], ["crc32ch", 0x1ac05400], ["crc32cw", 0x1ac05800]] as const) {
  def(mn, row("Wd, Wn, Wm", { "": op }, { feature: "crc" }));
}
def("crc32x", row("Wd, Wn, Xm", { "": 0x9ac04c00 }, { feature: "crc" }));
def("crc32cx", row("Wd, Wn, Xm", { "": 0x9ac05c00 }, { feature: "crc" }));
for (const [mn, op] of [["rbit", 0x5ac00000], ["rev16", 0x5ac00400], ["clz", 0x5ac01000], ["cls", 0x5ac01400]] as const) {
  def(mn, row("Rd, Rn", wx(op)));
}
def("rev", row("Rd, Rn", { w: 0x5ac00800, x: 0xdac00c00 }));
def("rev32", row("Xd, Xn", { "": 0xdac00800 }));
def("rev64", row("Xd, Xn", { "": 0xdac00c00 }));
for (const [mn, op] of [["csel", 0x1a800000], ["csinc", 0x1a800400], ["csinv", 0x5a800000], ["csneg", 0x5a800400]] as const) {
  def(mn, row("Rd, Rn, Rm, cond", wx(op)));
}
for (const [mn, op] of [["ccmn", 0x3a400000], ["ccmp", 0x7a400000]] as const) {
  def(mn, row("Rn, imm5, nzcv, cond", wx(op | 0x800)), row("Rn, Rm, nzcv, cond", wx(op)));
}
for (const [mn, op] of [["adc", 0x1a000000], ["adcs", 0x3a000000], ["sbc", 0x5a000000], ["sbcs", 0x7a000000]] as const) {
  def(mn, row("Rd, Rn, Rm", wx(op)));
}
def("madd", row("Rd, Rn, Rm, Ra", wx(0x1b000000)));
def("msub", row("Rd, Rn, Rm, Ra", wx(0x1b008000)));
for (const [mn, op] of [["smaddl", 0x9b200000], ["smsubl", 0x9b208000], ["umaddl", 0x9ba00000], ["umsubl", 0x9ba08000]] as const) {
  def(mn, row("Xd, Wn, Wm, Xa", { "": op }));
}
def("smulh", row("Xd, Xn, Xm", { "": 0x9b407c00 }));
def("umulh", row("Xd, Xn, Xm", { "": 0x9bc07c00 }));
def("adr", row("Xd, adr", { "": 0x10000000 }));
def("adrp", row("Xd, adrp", { "": 0x90000000 }));

// ---------------------------------------------------------------- branches and system

def("b", row("l26", { "": 0x14000000 }, { branch: "jump26" }));
def("bl", row("l26", { "": 0x94000000 }, { branch: "call26" }));
def("b.", row("l19", { "": 0x54000000 }));
def("cbz", row("Rt, l19", wx(0x34000000)));
def("cbnz", row("Rt, l19", wx(0x35000000)));
def("tbz", row("Rt, tbit, l14", wx(0x36000000, 0)));
def("tbnz", row("Rt, tbit, l14", wx(0x37000000, 0)));
def("br", row("Xn", { "": 0xd61f0000 }));
def("blr", row("Xn", { "": 0xd63f0000 }));
def("ret", row("Xn", { "": 0xd65f0000 }), row("", { "": 0xd65f03c0 }));
// Hint-space instructions (pointer authentication and BTI too: no-ops on cores without them).
for (const [mn, op] of [
  ["nop", 0xd503201f], ["yield", 0xd503203f], ["wfe", 0xd503205f], ["wfi", 0xd503207f], ["sev", 0xd503209f], ["sevl", 0xd50320bf],
  ["xpaclri", 0xd50320ff], ["csdb", 0xd503229f], ["paciasp", 0xd503233f], ["pacibsp", 0xd503237f], ["autiasp", 0xd50323bf],
  ["autibsp", 0xd50323ff],
] as const) {
  def(mn, row("", { "": op }));
}
def("bti", row("", { "": 0xd503241f }), row("btitarget", { "": 0xd503241f }));
def("hint", row("hint", { "": 0xd503201f }));
def("isb", row("barrier?", { "": 0xd5033fdf }));
def("dmb", row("barrier", { "": 0xd50330bf }));
def("dsb", row("barrier", { "": 0xd503309f }));
def("clrex", row("barrier?", { "": 0xd5033f5f }));
def("svc", row("u16", { "": 0xd4000001 }));
def("hvc", row("u16", { "": 0xd4000002 }));
def("smc", row("u16", { "": 0xd4000003 }));
def("brk", row("u16", { "": 0xd4200000 }));
def("hlt", row("u16", { "": 0xd4400000 }));
def("udf", row("u16d", { "": 0x00000000 }));
def("mrs", row("Xt, sysreg", { "": 0xd5300000 }));
def("msr", row("sysreg, Xt", { "": 0xd5100000 }));

// ---------------------------------------------------------------- loads and stores

/**
 * A load/store with every addressing form, from its unsigned-offset encoding:
 * the unscaled, pre- and post-indexed forms clear bit 24 and set bits 10-11,
 * the register-offset form sets bit 21 and bit 11.
 */
function loadStore(mn: string, unscaledMn: string, reg: string, v: Record<string, number>, msz?: number): void {
  const map = (f: (b: number) => number): Record<string, number> => Object.fromEntries(Object.entries(v).map(([k, b]) => [k, f(b) >>> 0]));
  const extra = msz === undefined ? {} : { msz };
  const unscaled = map((b) => b & ~0x01000000);
  def(mn,
    row(`${reg}, mU`, v, extra),
    row(`${reg}, m9`, unscaled, extra),
    row(`${reg}, mpre9`, map((b) => (b & ~0x01000000) | 0xc00), extra),
    row(`${reg}, mpost9`, map((b) => (b & ~0x01000000) | 0x400), extra),
    row(`${reg}, mR`, map((b) => (b & ~0x01000000) | 0x200800), extra));
  def(unscaledMn, row(`${reg}, m9`, unscaled, extra));
}
loadStore("strb", "sturb", "Wt", { "": 0x39000000 }, 0);
loadStore("ldrb", "ldurb", "Wt", { "": 0x39400000 }, 0);
loadStore("ldrsb", "ldursb", "Rt", { x: 0x39800000, w: 0x39c00000 }, 0);
loadStore("strh", "sturh", "Wt", { "": 0x79000000 }, 1);
loadStore("ldrh", "ldurh", "Wt", { "": 0x79400000 }, 1);
loadStore("ldrsh", "ldursh", "Rt", { x: 0x79800000, w: 0x79c00000 }, 1);
loadStore("ldrsw", "ldursw", "Xt", { "": 0xb9800000 }, 2);
loadStore("str", "stur", "Rt", { w: 0xb9000000, x: 0xf9000000 });
loadStore("ldr", "ldur", "Rt", { w: 0xb9400000, x: 0xf9400000 });
loadStore("str", "stur", "Ft", { b: 0x3d000000, h: 0x7d000000, s: 0xbd000000, d: 0xfd000000, q: 0x3d800000 });
loadStore("ldr", "ldur", "Ft", { b: 0x3d400000, h: 0x7d400000, s: 0xbd400000, d: 0xfd400000, q: 0x3dc00000 });
def("ldr", row("Rt, lit19", { w: 0x18000000, x: 0x58000000 }), row("Ft, lit19", { s: 0x1c000000, d: 0x5c000000, q: 0x9c000000 }));
def("ldrsw", row("Xt, lit19", { "": 0x98000000 }));
def("prfm", row("prfop, mU", { "": 0xf9800000 }, { msz: 3 }), row("prfop, mR", { "": 0xf8a00800 }, { msz: 3 }), row("prfop, lit19", { "": 0xd8000000 }));
def("prfm", row("prfop, m9", { "": 0xf8800000 }));
def("prfum", row("prfop, m9", { "": 0xf8800000 }));

/** Pair loads/stores: bits 23-24 select post (01), offset (10), pre (11); 00 is the non-temporal form. */
function pair(mn: string, reg: string, v: Record<string, number>, msz?: number): void {
  const map = (bits: number): Record<string, number> => Object.fromEntries(Object.entries(v).map(([k, b]) => [k, (b | bits) >>> 0]));
  const extra = msz === undefined ? {} : { msz };
  def(mn, row(`${reg}, ${reg}2, m7`, map(0x01000000), extra), row(`${reg}, ${reg}2, mpre7`, map(0x01800000), extra),
    row(`${reg}, ${reg}2, mpost7`, map(0x00800000), extra));
}
pair("stp", "Rt", { w: 0x28000000, x: 0xa8000000 });
pair("ldp", "Rt", { w: 0x28400000, x: 0xa8400000 });
pair("ldpsw", "Xt", { "": 0x68400000 }, 2);
pair("stp", "Ft", { s: 0x2c000000, d: 0x6c000000, q: 0xac000000 });
pair("ldp", "Ft", { s: 0x2c400000, d: 0x6c400000, q: 0xac400000 });
def("stnp", row("Rt, Rt2, m7", { w: 0x28000000, x: 0xa8000000 }), row("Ft, Ft2, m7", { s: 0x2c000000, d: 0x6c000000, q: 0xac000000 }));
def("ldnp", row("Rt, Rt2, m7", { w: 0x28400000, x: 0xa8400000 }), row("Ft, Ft2, m7", { s: 0x2c400000, d: 0x6c400000, q: 0xac400000 }));

// Exclusive and ordered accesses. Sizes: b (00), h (01), w (10), x (11) in bits 30-31.
/** An exclusive/ordered access in its w/x forms and the b/h forms (whose data register is always W). */
const exclusive = (mn: string, ops: string, base: number): void => {
  def(mn, row(ops, { w: (base | 0x80000000) >>> 0, x: (base | 0xc0000000) >>> 0 }));
  def(mn + "b", row(ops.replace(/R(?!s)/g, "W"), { "": base }));
  def(mn + "h", row(ops.replace(/R(?!s)/g, "W"), { "": (base | 0x40000000) >>> 0 }));
};
exclusive("ldxr", "Rt, m0", 0x085f7c00);
exclusive("ldaxr", "Rt, m0", 0x085ffc00);
exclusive("stxr", "Ws, Rt, m0", 0x08007c00);
exclusive("stlxr", "Ws, Rt, m0", 0x0800fc00);
exclusive("ldar", "Rt, m0", 0x08dffc00);
exclusive("stlr", "Rt, m0", 0x089ffc00);
def("ldxp", row("Rt, Rt2, m0", { w: 0x887f0000, x: 0xc87f0000 }));
def("ldaxp", row("Rt, Rt2, m0", { w: 0x887f8000, x: 0xc87f8000 }));
def("stxp", row("Ws, Rt, Rt2, m0", { w: 0x88200000, x: 0xc8200000 }));
def("stlxp", row("Ws, Rt, Rt2, m0", { w: 0x88208000, x: 0xc8208000 }));

const LSE: Partial<OpcodeRow> = { feature: "lse" };
const FP16: Partial<OpcodeRow> = { feature: "fp16" };

// LSE atomics: acquire (bit 23) and release (bit 22) variants, then byte/halfword sizes.
const ORDERINGS: readonly [string, number][] = [["", 0], ["a", 0x800000], ["l", 0x400000], ["al", 0xc00000]];
for (const [op, opc] of [["add", 0], ["clr", 1], ["eor", 2], ["set", 3], ["smax", 4], ["smin", 5], ["umax", 6], ["umin", 7], ["swp", 8]] as const) {
  const base = op === "swp" ? 0x38208000 : (0x38200000 | (opc << 12)) >>> 0;
  const name = op === "swp" ? "swp" : "ld" + op;
  for (const [ord, bits] of ORDERINGS) {
    const b = (base | bits) >>> 0;
    def(name + ord, row("Rs, Rt, m0", { w: (b | 0x80000000) >>> 0, x: (b | 0xc0000000) >>> 0 }, LSE));
    def(name + ord + "b", row("Ws, Wt, m0", { "": b }, LSE));
    def(name + ord + "h", row("Ws, Wt, m0", { "": (b | 0x40000000) >>> 0 }, LSE));
  }
}
for (const [ord, bits] of [["", 0], ["a", 0x400000], ["l", 0x8000], ["al", 0x408000]] as const) {
  const b = (0x08a07c00 | bits) >>> 0;
  def("cas" + ord, row("Rs, Rt, m0", { w: (b | 0x80000000) >>> 0, x: (b | 0xc0000000) >>> 0 }, LSE));
  def("cas" + ord + "b", row("Ws, Wt, m0", { "": b }, LSE));
  def("cas" + ord + "h", row("Ws, Wt, m0", { "": (b | 0x40000000) >>> 0 }, LSE));
}

// ---------------------------------------------------------------- scalar floating point

def("fmov",
  row("Fd, Fn", fp(0x1e204000)),
  row("Wd, Sn", { "": 0x1e260000 }), row("Sd, Wn", { "": 0x1e270000 }),
  row("Xd, Dn", { "": 0x9e660000 }), row("Dd, Xn", { "": 0x9e670000 }),
  row("Wd, Hn", { "": 0x1ee60000 }, FP16), row("Hd, Wn", { "": 0x1ee70000 }, FP16),
  row("Xd, Hn", { "": 0x9ee60000 }, FP16), row("Hd, Xn", { "": 0x9ee70000 }, FP16),
  row("Xd, Ei1n", { d: 0x9eae0000 }), row("Ei1d, Xn", { d: 0x9eaf0000 }),
  row("Fd, fimm", fp(0x1e201000)));
for (const [mn, op] of [
  ["fmul", 0x1e200800], ["fdiv", 0x1e201800], ["fadd", 0x1e202800], ["fsub", 0x1e203800], ["fmax", 0x1e204800],
  ["fmin", 0x1e205800], ["fmaxnm", 0x1e206800], ["fminnm", 0x1e207800], ["fnmul", 0x1e208800],
] as const) def(mn, row("Fd, Fn, Fm", fp(op)));
for (const [mn, op] of [
  ["fabs", 0x1e20c000], ["fneg", 0x1e214000], ["fsqrt", 0x1e21c000], ["frintn", 0x1e244000], ["frintp", 0x1e24c000],
  ["frintm", 0x1e254000], ["frintz", 0x1e25c000], ["frinta", 0x1e264000], ["frintx", 0x1e274000], ["frinti", 0x1e27c000],
] as const) def(mn, row("Fd, Fn", fp(op)));
def("fcvt",
  row("Dd, Sn", { "": 0x1e22c000 }), row("Sd, Dn", { "": 0x1e624000 }), row("Hd, Sn", { "": 0x1e23c000 }),
  row("Sd, Hn", { "": 0x1ee24000 }), row("Dd, Hn", { "": 0x1ee2c000 }), row("Hd, Dn", { "": 0x1e63c000 }));
for (const [mn, op] of [["fmadd", 0x1f000000], ["fmsub", 0x1f008000], ["fnmadd", 0x1f200000], ["fnmsub", 0x1f208000]] as const) {
  def(mn, row("Fd, Fn, Fm, Fa", fp(op)));
}
for (const [mn, op] of [["fcmp", 0x1e202000], ["fcmpe", 0x1e202010]] as const) {
  def(mn, row("Fn, Fm", fp(op)), row("Fn, fzero", fp(op | 8)));
}
def("fccmp", row("Fn, Fm, nzcv, cond", fp(0x1e200400)));
def("fccmpe", row("Fn, Fm, nzcv, cond", fp(0x1e200410)));
def("fcsel", row("Fd, Fn, Fm, cond", fp(0x1e200c00)));
/** FP ↔ integer conversions: variant "ws" is a W register with an S register, and so on. */
const cvt = (base: number, intFirst: boolean): OpcodeRow => {
  const v: Record<string, number> = {};
  for (const [r, sf] of [["w", 0], ["x", 0x80000000]] as const) {
    for (const [f, t] of [["s", 0], ["d", 1], ["h", 3]] as const) v[r + f] = (base | sf | (t << 22)) >>> 0;
  }
  return row(intFirst ? "Rd, Fn" : "Fd, Rn", v);
};
for (const [mn, op] of [
  ["fcvtzs", 0x1e380000], ["fcvtzu", 0x1e390000], ["fcvtns", 0x1e200000], ["fcvtnu", 0x1e210000], ["fcvtps", 0x1e280000],
  ["fcvtpu", 0x1e290000], ["fcvtms", 0x1e300000], ["fcvtmu", 0x1e310000], ["fcvtas", 0x1e240000], ["fcvtau", 0x1e250000],
] as const) def(mn, cvt(op, true));
def("scvtf", cvt(0x1e220000, false));
def("ucvtf", cvt(0x1e230000, false));

// ---------------------------------------------------------------- vectors (Advanced SIMD)

for (const [mn, op, arrs] of [
  ["add", 0x0e208400, INT_ARRS], ["sub", 0x2e208400, INT_ARRS], ["mul", 0x0e209c00, INT_ARRS_NO_D],
  ["cmeq", 0x2e208c00, INT_ARRS], ["cmgt", 0x0e203400, INT_ARRS], ["cmge", 0x0e203c00, INT_ARRS],
  ["cmhi", 0x2e203400, INT_ARRS], ["cmhs", 0x2e203c00, INT_ARRS], ["cmtst", 0x0e208c00, INT_ARRS],
  ["smax", 0x0e206400, INT_ARRS_NO_D], ["smin", 0x0e206c00, INT_ARRS_NO_D], ["umax", 0x2e206400, INT_ARRS_NO_D],
  ["umin", 0x2e206c00, INT_ARRS_NO_D], ["addp", 0x0e20bc00, INT_ARRS], ["sqadd", 0x0e200c00, INT_ARRS],
  ["uqadd", 0x2e200c00, INT_ARRS], ["sqsub", 0x0e202c00, INT_ARRS], ["uqsub", 0x2e202c00, INT_ARRS],
  ["sshl", 0x0e204400, INT_ARRS], ["ushl", 0x2e204400, INT_ARRS], ["mla", 0x0e209400, INT_ARRS_NO_D],
  ["mls", 0x2e209400, INT_ARRS_NO_D], ["uhadd", 0x2e200400, INT_ARRS_NO_D], ["urhadd", 0x2e201400, INT_ARRS_NO_D],
  ["and", 0x0e201c00, BYTE_ARRS], ["bic", 0x0e601c00, BYTE_ARRS], ["orr", 0x0ea01c00, BYTE_ARRS],
  ["orn", 0x0ee01c00, BYTE_ARRS], ["eor", 0x2e201c00, BYTE_ARRS], ["bsl", 0x2e601c00, BYTE_ARRS],
  ["bit", 0x2ea01c00, BYTE_ARRS], ["bif", 0x2ee01c00, BYTE_ARRS],
  ["uzp1", 0x0e001800, INT_ARRS], ["trn1", 0x0e002800, INT_ARRS], ["zip1", 0x0e003800, INT_ARRS],
  ["uzp2", 0x0e005800, INT_ARRS], ["trn2", 0x0e006800, INT_ARRS], ["zip2", 0x0e007800, INT_ARRS],
] as const) {
  // The logical ops keep their opcode in the size field, so only Q varies.
  const v = arrs === BYTE_ARRS ? { "8b": op, "16b": (op | 0x40000000) >>> 0 } : vec(op, arrs);
  def(mn, row("Vd, Vn, Vm", v));
}
for (const [mn, op] of [
  ["fadd", 0x0e20d400], ["fsub", 0x0ea0d400], ["fmul", 0x2e20dc00], ["fdiv", 0x2e20fc00], ["fmax", 0x0e20f400],
  ["fmin", 0x0ea0f400], ["fmaxnm", 0x0e20c400], ["fminnm", 0x0ea0c400], ["fcmeq", 0x0e20e400], ["fcmge", 0x2e20e400],
  ["fcmgt", 0x2ea0e400], ["fmla", 0x0e20cc00], ["fmls", 0x0ea0cc00], ["faddp", 0x2e20d400], ["fabd", 0x2ea0d400],
] as const) def(mn, row("Vd, Vn, Vm", fvec(op)));
for (const [mn, op, arrs] of [
  ["abs", 0x0e20b800, INT_ARRS], ["neg", 0x2e20b800, INT_ARRS], ["cnt", 0x0e205800, BYTE_ARRS], ["not", 0x2e205800, BYTE_ARRS],
  ["mvn", 0x2e205800, BYTE_ARRS], ["rev64", 0x0e200800, INT_ARRS_NO_D], ["rev32", 0x2e200800, "8b 16b 4h 8h"],
  ["rev16", 0x0e201800, BYTE_ARRS], ["clz", 0x2e204800, INT_ARRS_NO_D], ["cls", 0x0e204800, INT_ARRS_NO_D],
] as const) def(mn, row("Vd, Vn", vec(op, arrs)));
for (const [mn, op] of [["cmeq", 0x0e209800], ["cmgt", 0x0e208800], ["cmge", 0x2e208800], ["cmle", 0x2e209800], ["cmlt", 0x0e20a800]] as const) {
  def(mn, row("Vd, Vn, zero", vec(op, INT_ARRS)));
}
for (const [mn, op] of [
  ["fabs", 0x0ea0f800], ["fneg", 0x2ea0f800], ["fsqrt", 0x2ea1f800], ["scvtf", 0x0e21d800], ["ucvtf", 0x2e21d800],
  ["fcvtzs", 0x0ea1b800], ["fcvtzu", 0x2ea1b800], ["frintn", 0x0e218800], ["frintm", 0x0e219800], ["frintp", 0x0ea18800],
  ["frintz", 0x0ea19800], ["frinta", 0x2e218800],
] as const) def(mn, row("Vd, Vn", fvec(op)));
for (const [mn, op, arrs] of [
  ["addv", 0x0e31b800, "8b 16b 4h 8h 4s"], ["smaxv", 0x0e30a800, "8b 16b 4h 8h 4s"], ["umaxv", 0x2e30a800, "8b 16b 4h 8h 4s"],
  ["sminv", 0x0e31a800, "8b 16b 4h 8h 4s"], ["uminv", 0x2e31a800, "8b 16b 4h 8h 4s"],
] as const) def(mn, row("Fed, Vn", vec(op, arrs)));
def("uaddlv", row("Fwd, Vn", vec(0x2e303800, "8b 16b 4h 8h 4s")));
def("saddlv", row("Fwd, Vn", vec(0x0e303800, "8b 16b 4h 8h 4s")));
def("addp", row("Dd, Vn", { "2d": 0x5ef1b800 }));
def("faddp", row("Sd, Vn", { "2s": 0x7e30d800 }), row("Dd, Vn", { "2d": 0x7e70d800 }));
def("fmaxv", row("Sd, Vn", { "4s": 0x6e30f800 }));
def("fminv", row("Sd, Vn", { "4s": 0x6eb0f800 }));
def("fmaxnmv", row("Sd, Vn", { "4s": 0x6e30c800 }));
def("fminnmv", row("Sd, Vn", { "4s": 0x6eb0c800 }));
def("dup", row("Vd, Ei5n", vq(0x0e000400, INT_ARRS)), row("Vd, Rne", vq(0x0e000c00, INT_ARRS)));
def("dup", row("Fd, Ei5n", { b: 0x5e000400, h: 0x5e000400, s: 0x5e000400, d: 0x5e000400 }));
def("ins", row("Ei5d, Ei4n", { "": 0x6e000400 }), row("Ei5d, Rne", { "": 0x4e001c00 }));
def("umov", row("Rd, Ei5n", { w: 0x0e003c00, x: 0x4e003c00 }));
def("smov", row("Rd, Ei5n", { w: 0x0e002c00, x: 0x4e002c00 }));
def("ext", row("Vd, Vn, Vm, ext4", { "8b": 0x2e000000, "16b": 0x6e000000 }));
def("tbl", row("Vd, Ltn, Vm", { "8b": 0x0e000000, "16b": 0x4e000000 }));
def("tbx", row("Vd, Ltn, Vm", { "8b": 0x0e001000, "16b": 0x4e001000 }));
def("shl", row("Vd, Vn, vshl", vq(0x0f005400, INT_ARRS)));
def("sshr", row("Vd, Vn, vshr", vq(0x0f000400, INT_ARRS)));
def("ushr", row("Vd, Vn, vshr", vq(0x2f000400, INT_ARRS)));
for (const [mn, op] of [["ssra", 0x0f001400], ["usra", 0x2f001400], ["srshr", 0x0f002400], ["urshr", 0x2f002400], ["srsra", 0x0f003400], ["ursra", 0x2f003400], ["sri", 0x2f004400]] as const) {
  def(mn, row("Vd, Vn, vshr", vq(op, INT_ARRS)));
}
def("sli", row("Vd, Vn, vshl", vq(0x2f005400, INT_ARRS)));
def("movi",
  row("Vd, movi", { "8b": 0x0f00e400, "16b": 0x4f00e400 }),
  row("Vd, movi, mshift?", { "4h": 0x0f008400, "8h": 0x4f008400, "2s": 0x0f000400, "4s": 0x4f000400 }),
  row("Vd, movi64", { "2d": 0x6f00e400 }),
  row("Dd, movi64", { "": 0x2f00e400 }));
def("mvni", row("Vd, movi, mshift?", { "4h": 0x2f008400, "8h": 0x6f008400, "2s": 0x2f000400, "4s": 0x6f000400 }));
def("fmov", row("Vd, vfimm", { "2s": 0x0f00f400, "4s": 0x4f00f400, "2d": 0x6f00f400 }));
for (const [mn, l] of [["st1", 0], ["ld1", 0x400000], ["st2", 0], ["ld2", 0x400000], ["st3", 0], ["ld3", 0x400000], ["st4", 0], ["ld4", 0x400000]] as const) {
  def(mn, row("Lt, mlst", { "": (0x0c000000 | l) >>> 0 }), row("Lt, mlstpost", { "": (0x0c800000 | l) >>> 0 }));
}
def("ld1r", row("Lr, mlst", { "": 0x0d40c000 }));
// Single lanes: ld1 {v0.s}[1], [x0]; R (bit 21) set for 2 and 4 registers, opcode bit 13 for 3 and 4.
for (const [n, bits] of [[1, 0], [2, 0x200000], [3, 0x2000], [4, 0x202000]] as const) {
  for (const [mn, l] of [[`st${n}`, 0], [`ld${n}`, 0x400000]] as const) {
    def(mn, row("Ll, mlst", { "": (0x0d000000 | l | bits) >>> 0 }), row("Ll, mlstpost", { "": (0x0d800000 | l | bits) >>> 0 }));
  }
}

// Scalar forms of vector instructions (a D register is one 64-bit lane).
for (const [mn, op] of [
  ["add", 0x5ee08400], ["sub", 0x7ee08400], ["cmeq", 0x7ee08c00], ["cmgt", 0x5ee03400], ["cmhi", 0x7ee03400],
  ["cmge", 0x5ee03c00], ["cmhs", 0x7ee03c00], ["cmtst", 0x5ee08c00], ["sshl", 0x5ee04400], ["ushl", 0x7ee04400],
] as const) def(mn, row("Dd, Dn, Dm", { "": op }));
def("neg", row("Dd, Dn", { "": 0x7ee0b800 }));
def("abs", row("Dd, Dn", { "": 0x5ee0b800 }));
def("shl", row("Dd, Dn, vshl", { "": 0x5f005400 }));
def("sshr", row("Dd, Dn, vshr", { "": 0x5f000400 }));
def("ushr", row("Dd, Dn, vshr", { "": 0x7f000400 }));
for (const [mn, op] of [["fcvtzs", 0x5ea1b800], ["fcvtzu", 0x7ea1b800], ["scvtf", 0x5e21d800], ["ucvtf", 0x7e21d800]] as const) {
  def(mn, row("Fd, Fn", fp(op, "sd")));
}

// Long and narrow forms: the variant is the narrow arrangement; "2" names the upper-half forms.
const NARROW = "8b 4h 2s";
const NARROW2 = "16b 8h 4s";
for (const [mn, op] of [
  ["smull", 0x0e20c000], ["umull", 0x2e20c000], ["saddl", 0x0e200000], ["uaddl", 0x2e200000], ["ssubl", 0x0e202000],
  ["usubl", 0x2e202000], ["smlal", 0x0e208000], ["umlal", 0x2e208000], ["sabdl", 0x0e207000], ["uabdl", 0x2e207000],
] as const) {
  def(mn, row("Vdw, Vn, Vm", vec(op, NARROW)));
  def(mn + "2", row("Vdw, Vn, Vm", vec(op, NARROW2)));
}
for (const [mn, op] of [["saddw", 0x0e201000], ["uaddw", 0x2e201000], ["ssubw", 0x0e203000], ["usubw", 0x2e203000]] as const) {
  def(mn, row("Vdw, Vnw, Vm", vec(op, NARROW)));
  def(mn + "2", row("Vdw, Vnw, Vm", vec(op, NARROW2)));
}
for (const [mn, op] of [["sshll", 0x0f00a400], ["ushll", 0x2f00a400]] as const) {
  def(mn, row("Vdw, Vn, vshl", vq(op, NARROW)));
  def(mn + "2", row("Vdw, Vn, vshl", vq(op, NARROW2)));
}
for (const [mn, op] of [["sabal", 0x0e205000], ["uabal", 0x2e205000]] as const) {
  def(mn, row("Vdw, Vn, Vm", vec(op, NARROW)));
  def(mn + "2", row("Vdw, Vn, Vm", vec(op, NARROW2)));
}
for (const [mn, op] of [["shrn", 0x0f008400], ["rshrn", 0x0f008c00]] as const) {
  def(mn, row("Vd, Vnw, vshr", vq(op, NARROW)));
  def(mn + "2", row("Vd, Vnw, vshr", vq(op, NARROW2)));
}
// Pairwise long adds: each result element sums two source elements (8b → 4h, 4s → 2d).
for (const [mn, op] of [["saddlp", 0x0e202800], ["uaddlp", 0x2e202800], ["sadalp", 0x0e206800], ["uadalp", 0x2e206800]] as const) {
  def(mn, row("Vdp, Vn", vec(op, INT_ARRS_NO_D)));
}
def("xtn", row("Vd, Vnw", vec(0x0e212800, NARROW)));
def("xtn2", row("Vd, Vnw", vec(0x0e212800, NARROW2)));
def("fcvtl", row("Vdw, Vn", { "4h": 0x0e217800, "2s": 0x0e617800 }));
def("fcvtl2", row("Vdw, Vn", { "8h": 0x4e217800, "4s": 0x4e617800 }));
def("fcvtn", row("Vd, Vnw", { "4h": 0x0e216800, "2s": 0x0e616800 }));
def("fcvtn2", row("Vd, Vnw", { "8h": 0x4e216800, "4s": 0x4e616800 }));

// By element: the last operand is one lane of a vector register.
for (const [mn, op] of [["fmul", 0x0f809000], ["fmla", 0x0f801000], ["fmls", 0x0f805000]] as const) {
  def(mn, row("Vd, Vn, Eidx", fvec(op)));
}
for (const [mn, op] of [["mul", 0x0f008000], ["mla", 0x2f000000], ["mls", 0x2f004000]] as const) {
  def(mn, row("Vd, Vn, Eidx", vec(op, "4h 8h 2s 4s")));
}
for (const [mn, op] of [["fcmeq", 0x0ea0d800], ["fcmgt", 0x0ea0c800], ["fcmge", 0x2ea0c800], ["fcmle", 0x2ea0d800], ["fcmlt", 0x0ea0e800]] as const) {
  def(mn, row("Vd, Vn, fzero", fvec(op)));
}
def("orr", row("Vd, movi, mshift?", { "4h": 0x0f009400, "8h": 0x4f009400, "2s": 0x0f001400, "4s": 0x4f001400 }));
def("bic", row("Vd, movi, mshift?", { "4h": 0x2f009400, "8h": 0x6f009400, "2s": 0x2f001400, "4s": 0x6f001400 }));

// The rest of the integer three-same class: 0 Q U 01110 size 1 Rm opcode 1 Rn Rd.
const threeSame = (u: number, opcode: number): number => (0x0e200400 | (u << 29) | (opcode << 11)) >>> 0;
for (const [mn, u, opc, arrs] of [
  ["shadd", 0, 0, INT_ARRS_NO_D], ["srhadd", 0, 2, INT_ARRS_NO_D], ["shsub", 0, 4, INT_ARRS_NO_D], ["uhsub", 1, 4, INT_ARRS_NO_D],
  ["sqshl", 0, 9, INT_ARRS], ["uqshl", 1, 9, INT_ARRS], ["srshl", 0, 10, INT_ARRS], ["urshl", 1, 10, INT_ARRS],
  ["sqrshl", 0, 11, INT_ARRS], ["uqrshl", 1, 11, INT_ARRS], ["sabd", 0, 14, INT_ARRS_NO_D], ["uabd", 1, 14, INT_ARRS_NO_D],
  ["saba", 0, 15, INT_ARRS_NO_D], ["uaba", 1, 15, INT_ARRS_NO_D], ["pmul", 1, 19, BYTE_ARRS], ["smaxp", 0, 20, INT_ARRS_NO_D],
  ["umaxp", 1, 20, INT_ARRS_NO_D], ["sminp", 0, 21, INT_ARRS_NO_D], ["uminp", 1, 21, INT_ARRS_NO_D],
  ["sqdmulh", 0, 22, "4h 8h 2s 4s"], ["sqrdmulh", 1, 22, "4h 8h 2s 4s"],
] as const) def(mn, row("Vd, Vn, Vm", vec(threeSame(u, opc), arrs)));
for (const [mn, op] of [
  ["fmaxp", 0x2e20f400], ["fminp", 0x2ea0f400], ["fmaxnmp", 0x2e20c400], ["fminnmp", 0x2ea0c400], ["fmulx", 0x0e20dc00],
  ["frecps", 0x0e20fc00], ["frsqrts", 0x0ea0fc00], ["facge", 0x2e20ec00], ["facgt", 0x2ea0ec00],
] as const) def(mn, row("Vd, Vn, Vm", fvec(op)));
// Two-register misc: 0 Q U 01110 size 10000 opcode 10 Rn Rd.
for (const [mn, op, arrs] of [
  ["suqadd", 0x0e203800, INT_ARRS], ["usqadd", 0x2e203800, INT_ARRS], ["sqabs", 0x0e207800, INT_ARRS], ["sqneg", 0x2e207800, INT_ARRS],
  ["rbit", 0x2e605800, BYTE_ARRS], ["urecpe", 0x0ea1c800, "2s 4s"], ["ursqrte", 0x2ea1c800, "2s 4s"],
] as const) def(mn, row("Vd, Vn", arrs === BYTE_ARRS ? { "8b": op, "16b": (op | 0x40000000) >>> 0 } : arrs === "2s 4s" ? { "2s": op, "4s": (op | 0x40000000) >>> 0 } : vec(op, arrs)));
for (const [mn, op] of [
  ["frecpe", 0x0ea1d800], ["frsqrte", 0x2ea1d800], ["frintx", 0x2e219800], ["frinti", 0x2ea19800], ["fcvtns", 0x0e21a800],
  ["fcvtnu", 0x2e21a800], ["fcvtms", 0x0e21b800], ["fcvtmu", 0x2e21b800], ["fcvtps", 0x0ea1a800], ["fcvtpu", 0x2ea1a800],
  ["fcvtas", 0x0e21c800], ["fcvtau", 0x2e21c800],
] as const) def(mn, row("Vd, Vn", fvec(op)));
// Fixed-point conversions: the fraction bits are encoded as a right shift.
for (const [mn, op] of [["scvtf", 0x0f00e400], ["ucvtf", 0x2f00e400], ["fcvtzs", 0x0f00fc00], ["fcvtzu", 0x2f00fc00]] as const) {
  def(mn, row("Vd, Vn, vshr", vq(op, "2s 4s 2d")));
}
// Shifts by immediate: 0 Q U 011110 immh immb opcode 1 Rn Rd.
def("sqshlu", row("Vd, Vn, vshl", vq(0x2f006400, INT_ARRS)));
def("sqshl", row("Vd, Vn, vshl", vq(0x0f007400, INT_ARRS)));
def("uqshl", row("Vd, Vn, vshl", vq(0x2f007400, INT_ARRS)));
for (const [mn, op] of [
  ["sqshrun", 0x2f008400], ["sqrshrun", 0x2f008c00], ["sqshrn", 0x0f009400], ["uqshrn", 0x2f009400], ["sqrshrn", 0x0f009c00], ["uqrshrn", 0x2f009c00],
] as const) {
  def(mn, row("Vd, Vnw, vshr", vq(op, NARROW)));
  def(mn + "2", row("Vd, Vnw, vshr", vq(op, NARROW2)));
}
for (const [mn, op] of [["sqxtn", 0x0e214800], ["uqxtn", 0x2e214800], ["sqxtun", 0x2e212800]] as const) {
  def(mn, row("Vd, Vnw", vec(op, NARROW)));
  def(mn + "2", row("Vd, Vnw", vec(op, NARROW2)));
}
// Three different: 0 Q U 01110 size 1 Rm opcode 00 Rn Rd.
for (const [mn, op] of [["addhn", 0x0e204000], ["raddhn", 0x2e204000], ["subhn", 0x0e206000], ["rsubhn", 0x2e206000]] as const) {
  def(mn, row("Vd, Vnw, Vmw", vec(op, NARROW)));
  def(mn + "2", row("Vd, Vnw, Vmw", vec(op, NARROW2)));
}
for (const [mn, op, arrs] of [
  ["smlsl", 0x0e20a000, NARROW], ["umlsl", 0x2e20a000, NARROW], ["sqdmlal", 0x0e209000, "4h 2s"], ["sqdmlsl", 0x0e20b000, "4h 2s"],
  ["sqdmull", 0x0e20d000, "4h 2s"], ["pmull", 0x0e20e000, "8b"],
] as const) {
  def(mn, row("Vdw, Vn, Vm", vec(op, arrs)));
  def(mn + "2", row("Vdw, Vn, Vm", vec(op, arrs.replace("8b", "16b").replace("4h", "8h").replace("2s", "4s"))));
}
// Long and saturating multiplies by element: 0 Q U 01111 size L M Rm opcode H 0 Rn Rd.
for (const [mn, op] of [
  ["smull", 0x0f00a000], ["umull", 0x2f00a000], ["smlal", 0x0f002000], ["umlal", 0x2f002000], ["smlsl", 0x0f006000], ["umlsl", 0x2f006000],
] as const) {
  def(mn, row("Vdw, Vn, Eidx", vec(op, "4h 2s")));
  def(mn + "2", row("Vdw, Vn, Eidx", vec(op, "8h 4s")));
}
for (const [mn, op] of [["sqdmulh", 0x0f00c000], ["sqrdmulh", 0x0f00d000]] as const) def(mn, row("Vd, Vn, Eidx", vec(op, "4h 8h 2s 4s")));

// Structure loads that replicate to all lanes: R (bit 21) for 2 and 4 registers, opcode bit 13 for 3 and 4.
def("ld2r", row("Lr, mlst", { "": 0x0d60c000 }));
def("ld3r", row("Lr, mlst", { "": 0x0d40e000 }));
def("ld4r", row("Lr, mlst", { "": 0x0d60e000 }));
// AES (FEAT_AES).
for (const [mn, op] of [["aese", 0x4e284800], ["aesd", 0x4e285800], ["aesmc", 0x4e286800], ["aesimc", 0x4e287800]] as const) {
  def(mn, row("Vd, Vn", { "16b": op }, { feature: "aes" }));
}
// Scalar (one 64-bit lane) forms of the above.
for (const [mn, op] of [
  ["sqadd", 0x5ee00c00], ["uqadd", 0x7ee00c00], ["sqsub", 0x5ee02c00], ["uqsub", 0x7ee02c00], ["sqshl", 0x5ee04c00], ["uqshl", 0x7ee04c00],
  ["srshl", 0x5ee05400], ["urshl", 0x7ee05400], ["sqrshl", 0x5ee05c00], ["uqrshl", 0x7ee05c00],
  ["fcmeq", 0x5e60e400], ["fcmge", 0x7e60e400], ["fcmgt", 0x7ee0e400], ["fabd", 0x7ee0d400], ["facge", 0x7e60ec00], ["facgt", 0x7ee0ec00],
  ["fmulx", 0x5e60dc00], ["frecps", 0x5e60fc00], ["frsqrts", 0x5ee0fc00],
] as const) def(mn, row("Dd, Dn, Dm", { "": op }));
def("uqadd", row("Fd, Fn, Fm", { b: 0x7e200c00, h: 0x7e600c00, s: 0x7ea00c00 }));
for (const [mn, op] of [
  ["sqabs", 0x5ee07800], ["sqneg", 0x7ee07800], ["suqadd", 0x5ee03800], ["usqadd", 0x7ee03800], ["frecpe", 0x5ee1d800], ["frsqrte", 0x7ee1d800],
] as const) def(mn, row("Dd, Dn", { "": op }));
for (const [mn, op] of [["cmeq", 0x5ee09800], ["cmge", 0x7ee08800], ["cmgt", 0x5ee08800], ["cmle", 0x7ee09800], ["cmlt", 0x5ee0a800]] as const) {
  def(mn, row("Dd, Dn, zero", { "": op }));
}
for (const [mn, op] of [["fcmeq", 0x5ee0d800], ["fcmge", 0x7ee0c800], ["fcmgt", 0x5ee0c800], ["fcmle", 0x7ee0d800], ["fcmlt", 0x5ee0e800]] as const) {
  def(mn, row("Dd, Dn, fzero", { "": op }));
}
for (const [mn, op] of [
  ["ssra", 0x5f001400], ["usra", 0x7f001400], ["srshr", 0x5f002400], ["urshr", 0x7f002400], ["srsra", 0x5f003400], ["ursra", 0x7f003400], ["sri", 0x7f004400],
] as const) def(mn, row("Dd, Dn, vshr", { "": op }));
for (const [mn, op] of [["sli", 0x7f005400], ["sqshlu", 0x7f006400], ["sqshl", 0x5f007400], ["uqshl", 0x7f007400]] as const) def(mn, row("Dd, Dn, vshl", { "": op }));
// Pairwise reductions of two float lanes into a scalar.
for (const [mn, op] of [["fmaxp", 0x7e30f800], ["fminp", 0x7eb0f800], ["fmaxnmp", 0x7e30c800], ["fminnmp", 0x7eb0c800]] as const) {
  def(mn, row("Sd, Vn", { "2s": op }), row("Dd, Vn", { "2d": (op | 0x400000) >>> 0 }));
}

export const OPCODES: ReadonlyMap<string, readonly OpcodeRow[]> = new Map(Object.entries(table));
