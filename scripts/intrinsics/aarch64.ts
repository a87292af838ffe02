// The AArch64 intrinsics tscc's include/aarch64/arm_neon.h and arm_acle.h declare:
// one row per intrinsic, with gcc 12's name and C prototype and how tscc
// implements it. Generated headers: `npx tsx scripts/gen-intrinsics.ts`.
//
// Rows have the shape of the x86 table's (scripts/intrinsics/x86.ts): an extended-
// asm template with named operands, or a C body. Operand names: `r` the result,
// `r0`…`r3` the members of a structure result (`__r.val[k]`), `a`…`e` the
// parameters, `a0`…`a3` members of a structure parameter, `t_x` a scratch copy
// of parameter x, `N` the parameter typed `imm` (a constant: the intrinsic is a
// macro), `*x` the memory parameter x points to. Vectors travel in SIMD
// registers ("w"; "x" = v0–v15 where an instruction's by-element operand needs
// it). The instruction of each row is the one gcc 12 -O2 selects for the
// intrinsic (tests/unit/neon-intrinsics.test.ts checks this, the values, and
// each prototype against aarch64-linux-gnu-gcc's header).
//
// Most intrinsics are regular over their lane types, so rows are built by the
// helpers below from the lane descriptors rather than written one by one.
// `imm` gives the range of the constant parameter, for the value test.

export type A64Header = "arm_neon" | "arm_acle";

export type A64Intrinsic =
  | { h: A64Header; p: string; asm: string; out: string[]; in: string[]; clobber?: string; imm?: [number, number]; immScale?: number }
  | { h: A64Header; p: string; c: string; imm?: [number, number] };

type Kind = "s" | "u" | "f" | "p";
interface Lane { readonly kind: Kind; readonly bits: 8 | 16 | 32 | 64 }

const lane = (kind: Kind, bits: 8 | 16 | 32 | 64): Lane => ({ kind, bits });
const S8 = lane("s", 8), U8 = lane("u", 8), S16 = lane("s", 16), U16 = lane("u", 16);
const S32 = lane("s", 32), U32 = lane("u", 32), S64 = lane("s", 64), U64 = lane("u", 64);
const F32 = lane("f", 32), F64 = lane("f", 64), P8 = lane("p", 8), P16 = lane("p", 16), P64 = lane("p", 64);

/** Lane sets the intrinsics are defined over. */
const INT8_32 = [S8, U8, S16, U16, S32, U32];
const INT = [...INT8_32, S64, U64];
const SIGNED8_32 = [S8, S16, S32];
const FLOAT = [F32, F64];
const ALL = [...INT, ...FLOAT, P8, P16, P64];
const BOTH = [false, true];

const ELEM: Record<Kind, string> = { s: "int", u: "uint", f: "float", p: "poly" };
const suffix = (l: Lane): string => `${l.kind}${l.bits}`;
const lanes = (l: Lane, q: boolean): number => (q ? 128 : 64) / l.bits;
/** The vector type: int8x8_t, float64x2_t… */
export const vt = (l: Lane, q: boolean): string => `${ELEM[l.kind]}${l.bits}x${lanes(l, q)}_t`;
/** The element type: int8_t, float32_t, poly16_t… */
const et = (l: Lane): string => `${ELEM[l.kind]}${l.bits}_t`;
const letter = (l: Lane): string => ({ 8: "b", 16: "h", 32: "s", 64: "d" })[l.bits];
/** The operand in the template: `%[a].8b`, or `%d[a]` for a one-lane vector (scalar form). */
const op = (name: string, l: Lane, q: boolean): string =>
  lanes(l, q) === 1 ? `%d[${name}]` : `%[${name}].${lanes(l, q)}${letter(l)}`;
/** The k-vector structure type: int8x16x2_t… */
const STRUCT = (l: Lane, q: boolean, k: number): string => `${vt(l, q).replace(/_t$/, "")}x${k}_t`;
const bytes = (name: string, q: boolean): string => `%[${name}].${q ? 16 : 8}b`;
const half = (l: Lane): Lane => lane(l.kind, (l.bits / 2) as 8 | 16 | 32);
const wide = (l: Lane): Lane => lane(l.kind, (l.bits * 2) as 16 | 32 | 64);
const unsigned = (l: Lane): Lane => lane("u", l.bits);
const signed = (l: Lane): Lane => lane("s", l.bits);
/** The name: vadd + q + _n + _s8. */
const nm = (base: string, l: Lane, q: boolean, mid = ""): string => `${base}${q ? "q" : ""}${mid}_${suffix(l)}`;
/** s/u/f prefix of a mnemonic for a lane kind (poly as unsigned). */
const su = (l: Lane, s: string, u: string, f = ""): string => (l.kind === "s" ? s : l.kind === "f" ? f : u);

const rows: A64Intrinsic[] = [];
const neon = (p: string, asm: string, out: string[], inp: string[], more: { clobber?: string; imm?: [number, number]; immScale?: number } = {}): void => {
  rows.push({ h: "arm_neon", p, asm, out, in: inp, ...more });
};
const cbody = (p: string, c: string, imm?: [number, number]): void => {
  rows.push({ h: "arm_neon", p, c, ...(imm ? { imm } : {}) });
};

/** r = op(a, b) over lanes of l (one-lane vectors take the scalar D form). */
function binary(base: string, set: Lane[], mnem: (l: Lane) => string, opts: { qs?: boolean[]; ret?: (l: Lane) => Lane; bArg?: (l: Lane) => Lane; swap?: boolean } = {}): void {
  for (const l of set) for (const q of opts.qs ?? BOTH) {
    const rl = opts.ret ? opts.ret(l) : l;
    const bl = opts.bArg ? opts.bArg(l) : l;
    const [x, y] = opts.swap ? ["b", "a"] : ["a", "b"];
    neon(`${vt(rl, q)} ${nm(base, l, q)}(${vt(l, q)} a, ${vt(bl, q)} b)`, `${mnem(l)} ${op("r", rl, q)}, ${op(x, l, q)}, ${op(y, bl, q)}`, ["r:=w"], ["a:w", "b:w"]);
  }
}
/** Bitwise ops: always on bytes. */
function bitwise(base: string, mnem: string): void {
  for (const l of INT) for (const q of BOTH) {
    neon(`${vt(l, q)} ${nm(base, l, q)}(${vt(l, q)} a, ${vt(l, q)} b)`, `${mnem} ${bytes("r", q)}, ${bytes("a", q)}, ${bytes("b", q)}`, ["r:=w"], ["a:w", "b:w"]);
  }
}
function unary(base: string, set: Lane[], mnem: (l: Lane) => string, opts: { ret?: (l: Lane) => Lane; zero?: string; byteForm?: boolean } = {}): void {
  for (const l of set) for (const q of BOTH) {
    const rl = opts.ret ? opts.ret(l) : l;
    const o = (n: string, x: Lane): string => (opts.byteForm ? bytes(n, q) : op(n, x, q));
    neon(`${vt(rl, q)} ${nm(base, l, q)}(${vt(l, q)} a)`, `${mnem(l)} ${o("r", rl)}, ${o("a", l)}${opts.zero ?? ""}`, ["r:=w"], ["a:w"]);
  }
}
/** r = a (accumulator, tied) op (b, c). */
function accumulate(base: string, set: Lane[], mnem: (l: Lane) => string, opts: { bl?: (l: Lane) => Lane; qs?: boolean[] } = {}): void {
  for (const l of set) for (const q of opts.qs ?? BOTH) {
    const bl = opts.bl ? opts.bl(l) : l;
    neon(`${vt(l, q)} ${nm(base, l, q)}(${vt(l, q)} a, ${vt(bl, q)} b, ${vt(bl, q)} c)`, `${mnem(l)} ${op("r", l, q)}, ${op("b", bl, q)}, ${op("c", bl, q)}`, ["r:=w:a"], ["b:w", "c:w"]);
  }
}

// ------------------------------------------------------------ arithmetic

binary("vadd", [...INT, ...FLOAT], (l) => su(l, "add", "add", "fadd"));
binary("vsub", [...INT, ...FLOAT], (l) => su(l, "sub", "sub", "fsub"));
binary("vmul", [...INT8_32, ...FLOAT], (l) => su(l, "mul", "mul", "fmul"));
binary("vmul", [P8], () => "pmul");
binary("vdiv", FLOAT, () => "fdiv");
binary("vqadd", INT, (l) => su(l, "sqadd", "uqadd"));
binary("vqsub", INT, (l) => su(l, "sqsub", "uqsub"));
binary("vhadd", INT8_32, (l) => su(l, "shadd", "uhadd"));
binary("vrhadd", INT8_32, (l) => su(l, "srhadd", "urhadd"));
binary("vhsub", INT8_32, (l) => su(l, "shsub", "uhsub"));
binary("vmax", [...INT8_32, ...FLOAT], (l) => su(l, "smax", "umax", "fmax"));
binary("vmin", [...INT8_32, ...FLOAT], (l) => su(l, "smin", "umin", "fmin"));
binary("vmaxnm", FLOAT, () => "fmaxnm");
binary("vminnm", FLOAT, () => "fminnm");
binary("vabd", [...INT8_32, ...FLOAT], (l) => su(l, "sabd", "uabd", "fabd"));
binary("vpadd", [...INT8_32, F32], (l) => su(l, "addp", "addp", "faddp"), { qs: [false] });
binary("vpadd", [...INT, ...FLOAT], (l) => su(l, "addp", "addp", "faddp"), { qs: [true] });
for (const q of BOTH) {
  // Pairwise over one-lane float64x1_t does not exist.
  const floats = q ? FLOAT : [F32];
  binary("vpmax", [...INT8_32, ...floats], (l) => su(l, "smaxp", "umaxp", "fmaxp"), { qs: [q] });
  binary("vpmin", [...INT8_32, ...floats], (l) => su(l, "sminp", "uminp", "fminp"), { qs: [q] });
  binary("vpmaxnm", floats, () => "fmaxnmp", { qs: [q] });
  binary("vpminnm", floats, () => "fminnmp", { qs: [q] });
}
binary("vmulx", FLOAT, () => "fmulx");
binary("vrecps", FLOAT, () => "frecps");
binary("vrsqrts", FLOAT, () => "frsqrts");
binary("vqdmulh", [S16, S32], () => "sqdmulh");
binary("vqrdmulh", [S16, S32], () => "sqrdmulh");
// Shifts by a signed per-lane count.
binary("vshl", INT, (l) => su(l, "sshl", "ushl"), { bArg: signed });
binary("vqshl", INT, (l) => su(l, "sqshl", "uqshl"), { bArg: signed });
binary("vrshl", INT, (l) => su(l, "srshl", "urshl"), { bArg: signed });
binary("vqrshl", INT, (l) => su(l, "sqrshl", "uqrshl"), { bArg: signed });
// suqadd/usqadd accumulate into their destination.
for (const [base, m, set, other] of [["vuqadd", "suqadd", [S8, S16, S32, S64], unsigned], ["vsqadd", "usqadd", [U8, U16, U32, U64], signed]] as const) {
  for (const l of set) for (const q of BOTH) {
    neon(`${vt(l, q)} ${nm(base, l, q)}(${vt(l, q)} a, ${vt(other(l), q)} b)`, `${m} ${op("r", l, q)}, ${op("b", other(l), q)}`, ["r:=w:a"], ["b:w"]);
  }
}

// vmla/vmls: mla/mls on integers; on floats gcc 12 multiplies, then adds (no fusion).
accumulate("vmla", INT8_32, () => "mla");
accumulate("vmls", INT8_32, () => "mls");
for (const l of FLOAT) for (const q of BOTH) {
  for (const [base, add] of [["vmla", "fadd"], ["vmls", "fsub"]] as const) {
    neon(`${vt(l, q)} ${nm(base, l, q)}(${vt(l, q)} a, ${vt(l, q)} b, ${vt(l, q)} c)`,
      `fmul ${op("t_b", l, q)}, ${op("t_b", l, q)}, ${op("c", l, q)}; ${add} ${op("r", l, q)}, ${op("a", l, q)}, ${op("t_b", l, q)}`,
      ["r:=&w", "t_b:=w:b"], ["a:w", "c:w"]);
  }
}
accumulate("vfma", [F32], () => "fmla");
accumulate("vfms", [F32], () => "fmls");
accumulate("vfma", [F64], () => "fmla", { qs: [true] });
accumulate("vfms", [F64], () => "fmls", { qs: [true] });
// One double lane: the scalar fused multiply-add.
neon("float64x1_t vfma_f64(float64x1_t a, float64x1_t b, float64x1_t c)", "fmadd %d[r], %d[b], %d[c], %d[a]", ["r:=w"], ["a:w", "b:w", "c:w"]);
neon("float64x1_t vfms_f64(float64x1_t a, float64x1_t b, float64x1_t c)", "fmsub %d[r], %d[b], %d[c], %d[a]", ["r:=w"], ["a:w", "b:w", "c:w"]);
accumulate("vaba", INT8_32, (l) => su(l, "saba", "uaba"));
// vbsl(mask, a, b): bsl keeps the mask in its destination.
for (const l of ALL) for (const q of BOTH) {
  neon(`${vt(l, q)} ${nm("vbsl", l, q)}(${vt(unsigned(l), q)} a, ${vt(l, q)} b, ${vt(l, q)} c)`, `bsl ${bytes("r", q)}, ${bytes("b", q)}, ${bytes("c", q)}`, ["r:=w:a"], ["b:w", "c:w"]);
}

bitwise("vand", "and");
bitwise("vorr", "orr");
bitwise("veor", "eor");
bitwise("vbic", "bic");
bitwise("vorn", "orn");

unary("vabs", [S8, S16, S32, S64, ...FLOAT], (l) => su(l, "abs", "", "fabs"));
unary("vneg", [S8, S16, S32, S64, ...FLOAT], (l) => su(l, "neg", "", "fneg"));
unary("vqabs", [S8, S16, S32, S64], () => "sqabs");
unary("vqneg", [S8, S16, S32, S64], () => "sqneg");
unary("vmvn", [...INT8_32, P8], () => "not", { byteForm: true });
unary("vcnt", [S8, U8, P8], () => "cnt");
unary("vclz", INT8_32, () => "clz");
unary("vcls", SIGNED8_32, () => "cls");
unary("vrbit", [S8, U8, P8], () => "rbit");
unary("vrev16", [S8, U8, P8], () => "rev16");
unary("vrev32", [S8, U8, P8, S16, U16, P16], () => "rev32");
unary("vrev64", [S8, U8, P8, S16, U16, P16, S32, U32, F32], () => "rev64");
unary("vrecpe", [U32, ...FLOAT], (l) => su(l, "", "urecpe", "frecpe"));
unary("vrsqrte", [U32, ...FLOAT], (l) => su(l, "", "ursqrte", "frsqrte"));
unary("vsqrt", FLOAT, () => "fsqrt");
for (const [base, m] of [["vrnd", "frintz"], ["vrndn", "frintn"], ["vrndm", "frintm"], ["vrndp", "frintp"], ["vrnda", "frinta"], ["vrndi", "frinti"], ["vrndx", "frintx"]] as const) unary(base, FLOAT, () => m);

// ------------------------------------------------------------ comparisons

const CMP: [string, string, string, string, boolean][] = [
  // name, signed, unsigned, float, operands swapped
  ["vceq", "cmeq", "cmeq", "fcmeq", false], ["vcge", "cmge", "cmhs", "fcmge", false], ["vcgt", "cmgt", "cmhi", "fcmgt", false],
  ["vcle", "cmge", "cmhs", "fcmge", true], ["vclt", "cmgt", "cmhi", "fcmgt", true],
];
for (const [base, s, u, f, swap] of CMP) binary(base, base === "vceq" ? [...INT, ...FLOAT, P8] : [...INT, ...FLOAT], (l) => su(l, s, u, f), { ret: unsigned, swap });
binary("vtst", [...INT, P8], () => "cmtst", { ret: unsigned });
for (const [base, m, swap] of [["vcage", "facge", false], ["vcagt", "facgt", false], ["vcale", "facge", true], ["vcalt", "facgt", true]] as const) binary(base, FLOAT, () => m, { ret: unsigned, swap });
for (const [base, s, f] of [["vceqz", "cmeq", "fcmeq"], ["vcgez", "cmge", "fcmge"], ["vcgtz", "cmgt", "fcmgt"], ["vclez", "cmle", "fcmle"], ["vcltz", "cmlt", "fcmlt"]] as const) {
  const set = base === "vceqz" ? [...INT, ...FLOAT, P8] : [S8, S16, S32, S64, ...FLOAT];
  for (const l of set) for (const q of BOTH) {
    const zero = l.kind === "f" ? ", #0.0" : ", #0";
    // x < 0 on one 64-bit lane: gcc shifts the sign bit across.
    if (base === "vcltz" && l.kind === "s" && l.bits === 64 && !q) { neon(`uint64x1_t vcltz_s64(int64x1_t a)`, "sshr %d[r], %d[a], #63", ["r:=w"], ["a:w"]); continue; }
    neon(`${vt(unsigned(l), q)} ${nm(base, l, q)}(${vt(l, q)} a)`, `${l.kind === "f" ? f : s} ${op("r", unsigned(l), q)}, ${op("a", l, q)}${zero}`, ["r:=w"], ["a:w"]);
  }
}

// ------------------------------------------------------------ widening and narrowing

const NARROWABLE = [S16, U16, S32, U32, S64, U64];
for (const l of [S8, U8, S16, U16, S32, U32]) {
  const w = wide(l);
  const wq = vt(w, true);
  const s = (x: string, y: string): string => su(l, x, y);
  neon(`${wq} vmovl_${suffix(l)}(${vt(l, false)} a)`, `${s("sxtl", "uxtl")} ${op("r", w, true)}, ${op("a", l, false)}`, ["r:=w"], ["a:w"]);
  neon(`${wq} vmovl_high_${suffix(l)}(${vt(l, true)} a)`, `${s("sxtl2", "uxtl2")} ${op("r", w, true)}, ${op("a", l, true)}`, ["r:=w"], ["a:w"]);
  for (const [base, m] of [["vaddl", "addl"], ["vsubl", "subl"], ["vabdl", "abdl"], ["vmull", "mull"]] as const) {
    neon(`${wq} ${base}_${suffix(l)}(${vt(l, false)} a, ${vt(l, false)} b)`, `${s("s", "u")}${m} ${op("r", w, true)}, ${op("a", l, false)}, ${op("b", l, false)}`, ["r:=w"], ["a:w", "b:w"]);
    neon(`${wq} ${base}_high_${suffix(l)}(${vt(l, true)} a, ${vt(l, true)} b)`, `${s("s", "u")}${m}2 ${op("r", w, true)}, ${op("a", l, true)}, ${op("b", l, true)}`, ["r:=w"], ["a:w", "b:w"]);
  }
  for (const [base, m] of [["vaddw", "addw"], ["vsubw", "subw"]] as const) {
    neon(`${wq} ${base}_${suffix(l)}(${wq} a, ${vt(l, false)} b)`, `${s("s", "u")}${m} ${op("r", w, true)}, ${op("a", w, true)}, ${op("b", l, false)}`, ["r:=w"], ["a:w", "b:w"]);
    neon(`${wq} ${base}_high_${suffix(l)}(${wq} a, ${vt(l, true)} b)`, `${s("s", "u")}${m}2 ${op("r", w, true)}, ${op("a", w, true)}, ${op("b", l, true)}`, ["r:=w"], ["a:w", "b:w"]);
  }
  for (const [base, m] of [["vmlal", "mlal"], ["vmlsl", "mlsl"], ["vabal", "abal"]] as const) {
    neon(`${wq} ${base}_${suffix(l)}(${wq} a, ${vt(l, false)} b, ${vt(l, false)} c)`, `${s("s", "u")}${m} ${op("r", w, true)}, ${op("b", l, false)}, ${op("c", l, false)}`, ["r:=w:a"], ["b:w", "c:w"]);
    neon(`${wq} ${base}_high_${suffix(l)}(${wq} a, ${vt(l, true)} b, ${vt(l, true)} c)`, `${s("s", "u")}${m}2 ${op("r", w, true)}, ${op("b", l, true)}, ${op("c", l, true)}`, ["r:=w:a"], ["b:w", "c:w"]);
  }
  for (const q of BOTH) {
    // The pairwise long forms have a vector 1d arrangement, not a scalar form.
    const rw = lanes(w, q) === 1 ? "%[r].1d" : op("r", w, q);
    neon(`${vt(w, q)} ${nm("vpaddl", l, q)}(${vt(l, q)} a)`, `${s("saddlp", "uaddlp")} ${rw}, ${op("a", l, q)}`, ["r:=w"], ["a:w"]);
    neon(`${vt(w, q)} ${nm("vpadal", l, q)}(${vt(w, q)} a, ${vt(l, q)} b)`, `${s("sadalp", "uadalp")} ${rw}, ${op("b", l, q)}`, ["r:=w:a"], ["b:w"]);
  }
  neon(`${wq} vshll_n_${suffix(l)}(${vt(l, false)} a, imm b)`, `${s("sshll", "ushll")} ${op("r", w, true)}, ${op("a", l, false)}, #%[N]`, ["r:=w"], ["a:w", "N:i"], { imm: [0, l.bits - 1] });
  neon(`${wq} vshll_high_n_${suffix(l)}(${vt(l, true)} a, imm b)`, `${s("sshll2", "ushll2")} ${op("r", w, true)}, ${op("a", l, true)}, #%[N]`, ["r:=w"], ["a:w", "N:i"], { imm: [0, l.bits - 1] });
}
neon("poly16x8_t vmull_p8(poly8x8_t a, poly8x8_t b)", "pmull %[r].8h, %[a].8b, %[b].8b", ["r:=w"], ["a:w", "b:w"]);
neon("poly16x8_t vmull_high_p8(poly8x16_t a, poly8x16_t b)", "pmull2 %[r].8h, %[a].16b, %[b].16b", ["r:=w"], ["a:w", "b:w"]);
for (const l of [S16, S32]) {
  const w = wide(l);
  neon(`${vt(w, true)} vqdmull_${suffix(l)}(${vt(l, false)} a, ${vt(l, false)} b)`, `sqdmull ${op("r", w, true)}, ${op("a", l, false)}, ${op("b", l, false)}`, ["r:=w"], ["a:w", "b:w"]);
  neon(`${vt(w, true)} vqdmull_high_${suffix(l)}(${vt(l, true)} a, ${vt(l, true)} b)`, `sqdmull2 ${op("r", w, true)}, ${op("a", l, true)}, ${op("b", l, true)}`, ["r:=w"], ["a:w", "b:w"]);
  for (const [base, m] of [["vqdmlal", "sqdmlal"], ["vqdmlsl", "sqdmlsl"]] as const) {
    neon(`${vt(w, true)} ${base}_${suffix(l)}(${vt(w, true)} a, ${vt(l, false)} b, ${vt(l, false)} c)`, `${m} ${op("r", w, true)}, ${op("b", l, false)}, ${op("c", l, false)}`, ["r:=w:a"], ["b:w", "c:w"]);
    neon(`${vt(w, true)} ${base}_high_${suffix(l)}(${vt(w, true)} a, ${vt(l, true)} b, ${vt(l, true)} c)`, `${m}2 ${op("r", w, true)}, ${op("b", l, true)}, ${op("c", l, true)}`, ["r:=w:a"], ["b:w", "c:w"]);
  }
}
for (const l of NARROWABLE) {
  const n = half(l);
  const s = (x: string, y: string): string => su(l, x, y);
  const nd = vt(n, false), nq = vt(n, true);
  const narrowOps: [string, string, Lane][] = [["vmovn", "xtn", n], ["vqmovn", s("sqxtn", "uqxtn"), n]];
  if (l.kind === "s") narrowOps.push(["vqmovun", "sqxtun", unsigned(n)]);
  for (const [base, m, rl] of narrowOps) {
    neon(`${vt(rl, false)} ${base}_${suffix(l)}(${vt(l, true)} a)`, `${m} ${op("r", rl, false)}, ${op("a", l, true)}`, ["r:=w"], ["a:w"]);
    neon(`${vt(rl, true)} ${base}_high_${suffix(l)}(${vt(rl, false)} a, ${vt(l, true)} b)`, `${m}2 ${op("r", rl, true)}, ${op("b", l, true)}`, ["r:=w:a"], ["b:w"]);
  }
  for (const [base, m] of [["vaddhn", "addhn"], ["vraddhn", "raddhn"], ["vsubhn", "subhn"], ["vrsubhn", "rsubhn"]] as const) {
    neon(`${nd} ${base}_${suffix(l)}(${vt(l, true)} a, ${vt(l, true)} b)`, `${m} ${op("r", n, false)}, ${op("a", l, true)}, ${op("b", l, true)}`, ["r:=w"], ["a:w", "b:w"]);
    neon(`${nq} ${base}_high_${suffix(l)}(${nd} a, ${vt(l, true)} b, ${vt(l, true)} c)`, `${m}2 ${op("r", n, true)}, ${op("b", l, true)}, ${op("c", l, true)}`, ["r:=w:a"], ["b:w", "c:w"]);
  }
  const shifts: [string, string, Lane][] = [["vshrn", "shrn", n], ["vrshrn", "rshrn", n], ["vqshrn", s("sqshrn", "uqshrn"), n], ["vqrshrn", s("sqrshrn", "uqrshrn"), n]];
  if (l.kind === "s") shifts.push(["vqshrun", "sqshrun", unsigned(n)], ["vqrshrun", "sqrshrun", unsigned(n)]);
  for (const [base, m, rl] of shifts) {
    neon(`${vt(rl, false)} ${base}_n_${suffix(l)}(${vt(l, true)} a, imm b)`, `${m} ${op("r", rl, false)}, ${op("a", l, true)}, #%[N]`, ["r:=w"], ["a:w", "N:i"], { imm: [1, n.bits] });
    neon(`${vt(rl, true)} ${base}_high_n_${suffix(l)}(${vt(rl, false)} a, ${vt(l, true)} b, imm c)`, `${m}2 ${op("r", rl, true)}, ${op("b", l, true)}, #%[N]`, ["r:=w:a"], ["b:w", "N:i"], { imm: [1, n.bits] });
  }
}

// ------------------------------------------------------------ shifts by immediates

for (const l of INT) for (const q of BOTH) {
  const v = vt(l, q);
  const s = (x: string, y: string): string => su(l, x, y);
  const r = op("r", l, q), a = op("a", l, q), b = op("b", l, q);
  neon(`${v} ${nm("vshl", l, q, "_n")}(${v} a, imm b)`, `shl ${r}, ${a}, #%[N]`, ["r:=w"], ["a:w", "N:i"], { imm: [0, l.bits - 1] });
  neon(`${v} ${nm("vshr", l, q, "_n")}(${v} a, imm b)`, `${s("sshr", "ushr")} ${r}, ${a}, #%[N]`, ["r:=w"], ["a:w", "N:i"], { imm: [1, l.bits] });
  neon(`${v} ${nm("vrshr", l, q, "_n")}(${v} a, imm b)`, `${s("srshr", "urshr")} ${r}, ${a}, #%[N]`, ["r:=w"], ["a:w", "N:i"], { imm: [1, l.bits] });
  neon(`${v} ${nm("vsra", l, q, "_n")}(${v} a, ${v} b, imm c)`, `${s("ssra", "usra")} ${r}, ${b}, #%[N]`, ["r:=w:a"], ["b:w", "N:i"], { imm: [1, l.bits] });
  neon(`${v} ${nm("vrsra", l, q, "_n")}(${v} a, ${v} b, imm c)`, `${s("srsra", "ursra")} ${r}, ${b}, #%[N]`, ["r:=w:a"], ["b:w", "N:i"], { imm: [1, l.bits] });
  neon(`${v} ${nm("vqshl", l, q, "_n")}(${v} a, imm b)`, `${s("sqshl", "uqshl")} ${r}, ${a}, #%[N]`, ["r:=w"], ["a:w", "N:i"], { imm: [0, l.bits - 1] });
  if (l.kind === "s") neon(`${vt(unsigned(l), q)} ${nm("vqshlu", l, q, "_n")}(${v} a, imm b)`, `sqshlu ${op("r", unsigned(l), q)}, ${a}, #%[N]`, ["r:=w"], ["a:w", "N:i"], { imm: [0, l.bits - 1] });
  neon(`${v} ${nm("vsli", l, q, "_n")}(${v} a, ${v} b, imm c)`, `sli ${r}, ${b}, #%[N]`, ["r:=w:a"], ["b:w", "N:i"], { imm: [0, l.bits - 1] });
  neon(`${v} ${nm("vsri", l, q, "_n")}(${v} a, ${v} b, imm c)`, `sri ${r}, ${b}, #%[N]`, ["r:=w:a"], ["b:w", "N:i"], { imm: [1, l.bits] });
}

// ------------------------------------------------------------ lanes, dup, combine

for (const l of ALL) for (const q of BOTH) {
  const v = vt(l, q), e = et(l), n = lanes(l, q);
  const gp = l.kind !== "f";
  const wreg = l.bits === 64 ? "%x" : "%w";
  const elem = (name: string, idx: string): string => `%[${name}].${letter(l)}[${idx}]`;
  // vget_lane: umov/smov to a general register; a float lane by dup to a scalar register.
  // (gcc zero-extends narrow signed lanes too: the caller extends a char or short result.)
  const get = l.kind === "f" ? `dup %${letter(l)}[r], ${elem("a", "%[N]")}` : n === 1 ? "fmov %x[r], %d[a]" : `umov ${wreg}[r], ${elem("a", "%[N]")}`;
  neon(`${e} ${q ? "vgetq_lane" : "vget_lane"}_${suffix(l)}(${v} a, imm b)`, get, [gp ? "r:=r" : "r:=w"], ["a:w", "N:i"], { imm: [0, n - 1] });
  const set = gp ? `ins ${elem("r", "%[N]")}, ${wreg}[a]` : `ins ${elem("r", "%[N]")}, ${elem("a", "0")}`;
  neon(`${v} ${q ? "vsetq_lane" : "vset_lane"}_${suffix(l)}(${e} a, ${v} b, imm c)`, set, ["r:=w:b"], [gp ? "a:r" : "a:w", "N:i"], { imm: [0, n - 1] });
  const dup = gp ? `dup ${op("r", l, q)}, ${wreg}[a]` : `dup ${op("r", l, q)}, ${elem("a", "0")}`;
  const dupAsm = n === 1 ? (gp ? "fmov %d[r], %x[a]" : "") : dup;
  for (const base of ["vdup", "vmov"]) {
    if (n === 1 && !gp) cbody(`${v} ${nm(base, l, q, "_n")}(${e} a)`, `return (${v}){__a};`);
    else neon(`${v} ${nm(base, l, q, "_n")}(${e} a)`, dupAsm, ["r:=w"], [gp ? "a:r" : "a:w"]);
  }
  for (const from of BOTH) {
    const base = `${q ? "vdupq" : "vdup"}_${from ? "laneq" : "lane"}_${suffix(l)}`;
    const text = n === 1 ? `dup %d[r], ${elem("a", "%[N]")}` : `dup ${op("r", l, q)}, ${elem("a", "%[N]")}`;
    neon(`${v} ${base}(${vt(l, from)} a, imm b)`, text, ["r:=w"], ["a:w", "N:i"], { imm: [0, lanes(l, from) - 1] });
  }
  neon(`${v} ${nm("vext", l, q)}(${v} a, ${v} b, imm c)`, n === 1 ? "mov %[r].8b, %[a].8b" : `ext ${bytes("r", q)}, ${bytes("a", q)}, ${bytes("b", q)}, #%[N]`, ["r:=w"], ["a:w", "b:w", "N:i"], { imm: [0, n - 1], immScale: l.bits / 8 });
  if (!q) {
    neon(`${v} vcreate_${suffix(l)}(uint64_t a)`, "fmov %d[r], %x[a]", ["r:=w"], ["a:r"]);
    neon(`${vt(l, true)} vcombine_${suffix(l)}(${v} a, ${v} b)`, "ins %[r].d[1], %[b].d[0]", ["r:=w:a"], ["b:w"]);
  } else {
    cbody(`${vt(l, false)} vget_low_${suffix(l)}(${v} a)`, `${vt(l, false)} __r; __builtin_memcpy(&__r, &__a, 8); return __r;`);
    neon(`${vt(l, false)} vget_high_${suffix(l)}(${v} a)`, "dup %d[r], %[a].d[1]", ["r:=w"], ["a:w"]);
  }
}
// Permutes.
for (const l of ALL) for (const q of BOTH) {
  if (lanes(l, q) === 1) continue;
  for (const m of ["zip1", "zip2", "uzp1", "uzp2", "trn1", "trn2"]) {
    const v = vt(l, q);
    // On two lanes the three permutes coincide: gcc selects zip.
    const insn = lanes(l, q) === 2 ? "zip" + m.slice(-1) : m;
    neon(`${v} ${nm("v" + m, l, q)}(${v} a, ${v} b)`, `${insn} ${op("r", l, q)}, ${op("a", l, q)}, ${op("b", l, q)}`, ["r:=w"], ["a:w", "b:w"]);
  }
}

// vzip/vuzp/vtrn: both halves of the permute, as a two-vector structure.
for (const l of [S8, S16, S32, U8, U16, U32, F32, P8, P16]) for (const q of BOTH) {
  const v = vt(l, q);
  for (const m of ["zip", "uzp", "trn"]) {
    const insn = lanes(l, q) === 2 ? "zip" : m;
    neon(`${STRUCT(l, q, 2)} ${nm("v" + m, l, q)}(${v} a, ${v} b)`, `${insn}1 ${op("r0", l, q)}, ${op("a", l, q)}, ${op("b", l, q)}; ${insn}2 ${op("r1", l, q)}, ${op("a", l, q)}, ${op("b", l, q)}`, ["r0:=&w", "r1:=&w"], ["a:w", "b:w"]);
  }
}

// ------------------------------------------------------------ by element and by scalar

for (const l of [S16, U16, S32, U32, F32, F64]) for (const q of BOTH) {
  if (lanes(l, q) === 1) continue; // float64x1_t by element: not yet
  const v = vt(l, q), e = et(l);
  const f = l.kind === "f";
  // A 16-bit element operand must be in v0–v15.
  const ec = l.bits === 16 ? "x" : "w";
  const r = lanes(l, q) === 1 ? `%d[r]` : op("r", l, q), a = lanes(l, q) === 1 ? `%d[a]` : op("a", l, q);
  const el = (idx: string): string => `%[b].${letter(l)}[${idx}]`;
  // By a 16-bit scalar gcc duplicates it first (a by-element operand must be in v0–v15).
  if (l.bits === 16) neon(`${v} ${nm("vmul", l, q, "_n")}(${v} a, ${e} b)`, `dup ${op("s_vb", l, q)}, %w[b]; mul ${r}, ${a}, ${op("s_vb", l, q)}`, ["r:=w", "s_vb:=&w"], ["a:w", "b:r"]);
  else neon(`${v} ${nm("vmul", l, q, "_n")}(${v} a, ${e} b)`, `${f ? "fmul" : "mul"} ${r}, ${a}, ${el("0")}`, ["r:=w"], ["a:w", `b:${f ? "w" : ec}`]);
  for (const from of BOTH) {
    const base = `${q ? "vmulq" : "vmul"}_${from ? "laneq" : "lane"}_${suffix(l)}`;
    neon(`${v} ${base}(${v} a, ${vt(l, from)} b, imm c)`, `${f ? "fmul" : "mul"} ${r}, ${a}, ${el("%[N]")}`, ["r:=w"], ["a:w", `b:${ec}`, "N:i"], { imm: [0, lanes(l, from) - 1] });
    if (!f) {
      for (const base2 of ["vmla", "vmls"]) {
        const name = `${base2}${q ? "q" : ""}_${from ? "laneq" : "lane"}_${suffix(l)}`;
        neon(`${v} ${name}(${v} a, ${v} b, ${vt(l, from)} c, imm d)`, `${base2.slice(1)} ${r}, %[b].${lanes(l, q)}${letter(l)}, %[c].${letter(l)}[%[N]]`, ["r:=w:a"], ["b:w", `c:${ec}`, "N:i"], { imm: [0, lanes(l, from) - 1] });
      }
    } else {
      for (const [base2, m] of [["vfma", "fmla"], ["vfms", "fmls"]]) {
        const name = `${base2}${q ? "q" : ""}_${from ? "laneq" : "lane"}_${suffix(l)}`;
        neon(`${v} ${name}(${v} a, ${v} b, ${vt(l, from)} c, imm d)`, `${m} ${r}, ${lanes(l, q) === 1 ? "%d[b]" : op("b", l, q)}, %[c].${letter(l)}[%[N]]`, ["r:=w:a"], ["b:w", "c:w", "N:i"], { imm: [0, lanes(l, from) - 1] });
      }
    }
  }
  if (!f) {
    for (const base2 of ["vmla", "vmls"]) {
      if (l.bits === 16) neon(`${v} ${nm(base2, l, q, "_n")}(${v} a, ${v} b, ${e} c)`, `dup ${op("s_vc", l, q)}, %w[c]; ${base2.slice(1)} ${r}, %[b].${lanes(l, q)}${letter(l)}, ${op("s_vc", l, q)}`, ["r:=w:a", "s_vc:=&w"], ["b:w", "c:r"]);
      else neon(`${v} ${nm(base2, l, q, "_n")}(${v} a, ${v} b, ${e} c)`, `${base2.slice(1)} ${r}, %[b].${lanes(l, q)}${letter(l)}, %[c].${letter(l)}[0]`, ["r:=w:a"], ["b:w", `c:${ec}`]);
    }
  }
}

// Long and saturating-doubling multiplies by one lane of a vector (a 16-bit lane in v0–v15).
for (const l of [S16, U16, S32, U32]) for (const from of BOTH) {
  const w = wide(l), wq = vt(w, true), ec = l.bits === 16 ? "x" : "w";
  const lane_ = from ? "laneq" : "lane";
  const imm: [number, number] = [0, lanes(l, from) - 1];
  const el = (name: string): string => `%[${name}].${letter(l)}[%[N]]`;
  const s = su(l, "s", "u");
  for (const hi of BOTH) {
    const src = vt(l, hi), h = hi ? "_high" : "", two = hi ? "2" : "";
    neon(`${wq} vmull${h}_${lane_}_${suffix(l)}(${src} a, ${vt(l, from)} b, imm c)`, `${s}mull${two} ${op("r", w, true)}, ${op("a", l, hi)}, ${el("b")}`, ["r:=w"], ["a:w", `b:${ec}`, "N:i"], { imm });
    for (const m of ["mlal", "mlsl"]) {
      neon(`${wq} v${m}${h}_${lane_}_${suffix(l)}(${wq} a, ${src} b, ${vt(l, from)} c, imm d)`, `${s}${m}${two} ${op("r", w, true)}, ${op("b", l, hi)}, ${el("c")}`, ["r:=w:a"], ["b:w", `c:${ec}`, "N:i"], { imm });
    }
  }
  if (l.kind === "s") {
    for (const q of BOTH) for (const m of ["qdmulh", "qrdmulh"]) {
      neon(`${vt(l, q)} v${m}${q ? "q" : ""}_${lane_}_${suffix(l)}(${vt(l, q)} a, ${vt(l, from)} b, imm c)`, `s${m} ${op("r", l, q)}, ${op("a", l, q)}, ${el("b")}`, ["r:=w"], ["a:w", `b:${ec}`, "N:i"], { imm });
    }
  }
}

// Long multiplies by a scalar: a 16-bit one duplicated first, a 32-bit one as lane 0.
for (const l of [S16, U16, S32, U32]) for (const hi of BOTH) {
  const w = wide(l), wq = vt(w, true), s = su(l, "s", "u"), h = hi ? "_high" : "", two = hi ? "2" : "";
  const by = (name: string): [string, string[], string[]] => l.bits === 16
    ? [`dup %[s_vb].${hi ? 8 : 4}h, %w[${name}]; `, [`s_vb:=&w`], [`${name}:r`]]
    : ["", [], [`${name}:w`]];
  const other = (name: string): string => (l.bits === 16 ? op("s_vb", l, hi) : `%[${name}].s[0]`);
  const [pre, scratch, inp] = by("b");
  neon(`${wq} vmull${h}_n_${suffix(l)}(${vt(l, hi)} a, ${et(l)} b)`, `${pre}${s}mull${two} ${op("r", w, true)}, ${op("a", l, hi)}, ${other("b")}`, ["r:=w", ...scratch], ["a:w", ...inp]);
  for (const m of ["mlal", "mlsl"]) {
    const [pre2, scratch2, inp2] = by("c");
    neon(`${wq} v${m}${h}_n_${suffix(l)}(${wq} a, ${vt(l, hi)} b, ${et(l)} c)`, `${pre2}${s}${m}${two} ${op("r", w, true)}, ${op("b", l, hi)}, ${other("c")}`, ["r:=w:a", ...scratch2], ["b:w", ...inp2]);
  }
}

// ------------------------------------------------------------ across lanes

for (const l of [...INT8_32, ...FLOAT, S64, U64]) for (const q of BOTH) {
  const n = lanes(l, q);
  if (n === 1) continue;
  const L = letter(l), f = l.kind === "f";
  /** Reduce into scalar register t: the across-lanes instruction, or the pairwise one for two lanes. */
  const reduce = (across: string, pair: string): string => {
    if (n > 2 && !(f && across === "faddp")) return `${across} %${L}[t], ${op("a", l, q)}`;
    if (f && n > 2) return `faddp %[t].4s, %[a].4s, %[a].4s; faddp %s[t], %[t].2s`;
    if (f || l.bits === 64) return `${pair} %${L}[t], ${op("a", l, q)}`;
    return `${pair} ${op("t", l, q)}, ${op("a", l, q)}, ${op("a", l, q)}`;
  };
  // Integer results move to a general register: fmov for 32/64 bits, smov/umov for narrower.
  // (gcc moves narrow signed results with umov too; two-lane max/min with umov, addp with fmov.)
  const move = (base: string): string => l.bits === 64 ? "fmov %x[r], %d[t]" : l.bits === 32 && (n > 2 || base === "vaddv") ? "fmov %w[r], %s[t]" : `umov %w[r], %[t].${L}[0]`;
  const row = (base: string, across: string, pair: string): void => {
    const text = reduce(across, pair);
    if (f) neon(`${et(l)} ${nm(base, l, q)}(${vt(l, q)} a)`, text.replace(/\[t\]/g, "[r]"), ["r:=w"], ["a:w"]);
    else neon(`${et(l)} ${nm(base, l, q)}(${vt(l, q)} a)`, `${text}; ${move(base)}`.replace(/\[t\]/g, "[s_vt]"), ["r:=r", "s_vt:=&w"], ["a:w"]);
  };
  const s = (x: string, y: string, z: string): string => su(l, x, y, z);
  row("vaddv", s("addv", "addv", "faddp"), s("addp", "addp", "faddp"));
  if (l.bits !== 64) {
    row("vmaxv", s("smaxv", "umaxv", "fmaxv"), s("smaxp", "umaxp", "fmaxp"));
    row("vminv", s("sminv", "uminv", "fminv"), s("sminp", "uminp", "fminp"));
  }
  if (f) {
    row("vmaxnmv", "fmaxnmv", "fmaxnmp");
    row("vminnmv", "fminnmv", "fminnmp");
  }
}

// Long sums across lanes.
for (const l of INT8_32) for (const q of BOTH) {
  const w = wide(l), n = lanes(l, q);
  const s = su(l, "s", "u");
  const move = w.bits === 64 ? "fmov %x[r], %d[s_vt]" : w.bits === 32 ? "fmov %w[r], %s[s_vt]" : "umov %w[r], %[s_vt].h[0]";
  const sum = n === 2 ? `${s}addlp %[s_vt].1d, ${op("a", l, q)}` : `${s}addlv %${letter(w)}[s_vt], ${op("a", l, q)}`;
  neon(`${et(w)} ${nm("vaddlv", l, q)}(${vt(l, q)} a)`, `${sum}; ${move}`, ["r:=r", "s_vt:=&w"], ["a:w"]);
}

// ------------------------------------------------------------ conversions

for (const q of BOTH) for (const f of FLOAT) {
  if (f.bits === 64 && !q) continue;
  const i = lane("s", f.bits), u = lane("u", f.bits);
  const fv = vt(f, q);
  for (const il of [i, u]) {
    const iv = vt(il, q), s = il.kind === "s";
    neon(`${fv} ${nm("vcvt", f, q)}_${suffix(il)}(${iv} a)`, `${s ? "scvtf" : "ucvtf"} ${op("r", f, q)}, ${op("a", il, q)}`, ["r:=w"], ["a:w"]);
    neon(`${iv} ${nm("vcvt", il, q)}_${suffix(f)}(${fv} a)`, `${s ? "fcvtzs" : "fcvtzu"} ${op("r", il, q)}, ${op("a", f, q)}`, ["r:=w"], ["a:w"]);
    for (const mode of ["n", "m", "p", "a"]) {
      neon(`${iv} ${q ? "vcvt" + mode + "q" : "vcvt" + mode}_${suffix(il)}_${suffix(f)}(${fv} a)`, `fcvt${mode}${s ? "s" : "u"} ${op("r", il, q)}, ${op("a", f, q)}`, ["r:=w"], ["a:w"]);
    }
    neon(`${fv} ${q ? "vcvtq_n" : "vcvt_n"}_${suffix(f)}_${suffix(il)}(${iv} a, imm b)`, `${s ? "scvtf" : "ucvtf"} ${op("r", f, q)}, ${op("a", il, q)}, #%[N]`, ["r:=w"], ["a:w", "N:i"], { imm: [1, f.bits] });
    neon(`${iv} ${q ? "vcvtq_n" : "vcvt_n"}_${suffix(il)}_${suffix(f)}(${fv} a, imm b)`, `${s ? "fcvtzs" : "fcvtzu"} ${op("r", il, q)}, ${op("a", f, q)}, #%[N]`, ["r:=w"], ["a:w", "N:i"], { imm: [1, f.bits] });
  }
}
neon("float32x2_t vcvt_f32_f64(float64x2_t a)", "fcvtn %[r].2s, %[a].2d", ["r:=w"], ["a:w"]);
neon("float32x4_t vcvt_high_f32_f64(float32x2_t a, float64x2_t b)", "fcvtn2 %[r].4s, %[b].2d", ["r:=w:a"], ["b:w"]);
neon("float64x2_t vcvt_f64_f32(float32x2_t a)", "fcvtl %[r].2d, %[a].2s", ["r:=w"], ["a:w"]);
neon("float64x2_t vcvt_high_f64_f32(float32x4_t a)", "fcvtl2 %[r].2d, %[a].4s", ["r:=w"], ["a:w"]);

// ------------------------------------------------------------ reinterpret casts

const CASTABLE = [S8, S16, S32, S64, U8, U16, U32, U64, F32, F64, P8, P16, P64];
for (const q of BOTH) for (const to of CASTABLE) for (const from of CASTABLE) {
  if (to === from) continue;
  cbody(`${vt(to, q)} ${nm("vreinterpret", to, q)}_${suffix(from)}(${vt(from, q)} a)`, `return (${vt(to, q)})__a;`);
}

// ------------------------------------------------------------ loads and stores

const listOf = (regs: string[], l: Lane, q: boolean): string => `{${regs.map((x) => (lanes(l, q) === 1 ? `${x}.1d` : `${x}.${lanes(l, q)}${letter(l)}`)).join(", ")}}`;
/** Scratch registers for instructions taking consecutive registers (v28–v31: the end of the allocation order). */
const SCRATCH = ["v28", "v29", "v30", "v31"];
const regRange = (k: number): string[] => SCRATCH.slice(0, k);
const clobberOf = (k: number): string => regRange(k).join(",");
for (const l of ALL) for (const q of BOTH) {
  const v = vt(l, q), e = et(l), n = lanes(l, q), size = q ? 16 : 8;
  const reg = q ? "%q[r]" : "%d[r]";
  neon(`${v} ${nm("vld1", l, q)}(const ${e} *a)`, `ldr ${reg}, %[m_a]`, ["r:=w"], ["*a:m"]);
  neon(`void ${nm("vst1", l, q)}(${e} *a, ${v} b)`, `str ${q ? "%q[b]" : "%d[b]"}, %[m_a]`, ["*a:=m"], ["b:w"]);
  const one = `{%[r].${letter(l)}}`;
  neon(`${v} ${nm("vld1", l, q, "_dup")}(const ${e} *a)`, `ld1r {%[r].${n === 1 ? "1d" : `${n}${letter(l)}`}}, [%[a]]`, ["r:=w"], ["a:r", "*a:m"]);
  neon(`${v} ${nm("vld1", l, q, "_lane")}(const ${e} *a, ${v} b, imm c)`, `ld1 ${one}[%[N]], [%[a]]`, ["r:=w:b"], ["a:r", "*a:m", "N:i"], { imm: [0, n - 1] });
  neon(`void ${nm("vst1", l, q, "_lane")}(${e} *a, ${v} b, imm c)`, `st1 {%[b].${letter(l)}}[%[N]], [%[a]]`, ["*a:=m"], ["a:r", "b:w", "N:i"], { imm: [0, n - 1] });
  for (const k of [2, 3, 4]) {
    const st = STRUCT(l, q, k);
    const outs = Array.from({ length: k }, (_, j) => `r${j}:=w`);
    const ins = Array.from({ length: k }, (_, j) => `b${j}:w`);
    const movesOut = regRange(k).map((x, j) => `mov %[r${j}].16b, ${x}.16b`).join("; ");
    const movesIn = regRange(k).map((x, j) => `mov ${x}.16b, %[b${j}].16b`).join("; ");
    const ldx = (mn: string, m: string): string => `${mn} ${listOf(regRange(k), l, q)}, [%[a]]; ${m}`;
    // ld1 {…} of k registers: vld1_x2..x4; ldK/stK interleave (one-lane: ld1 of k registers, as gcc).
    neon(`${st} ${nm("vld1", l, q)}_x${k}(const ${e} *a)`, ldx("ld1", movesOut), outs, ["a:r", "*a:m"], { clobber: clobberOf(k) });
    neon(`void ${nm("vst1", l, q)}_x${k}(${e} *a, ${st} b)`, `${movesIn}; st1 ${listOf(regRange(k), l, q)}, [%[a]]`, ["*a:=m"], ["a:r", ...ins], { clobber: clobberOf(k) });
    const mn = n === 1 ? "1" : String(k);
    neon(`${st} ${nm(`vld${k}`, l, q)}(const ${e} *a)`, ldx(`ld${mn}`, movesOut), outs, ["a:r", "*a:m"], { clobber: clobberOf(k) });
    neon(`void ${nm(`vst${k}`, l, q)}(${e} *a, ${st} b)`, `${movesIn}; st${mn} ${listOf(regRange(k), l, q)}, [%[a]]`, ["*a:=m"], ["a:r", ...ins], { clobber: clobberOf(k) });
    neon(`${st} ${nm(`vld${k}`, l, q, "_dup")}(const ${e} *a)`, ldx(`ld${k}r`, movesOut), outs, ["a:r", "*a:m"], { clobber: clobberOf(k) });
    const laneList = `{${regRange(k).map((x) => `${x}.${letter(l)}`).join(", ")}}[%[N]]`;
    neon(`${st} ${nm(`vld${k}`, l, q, "_lane")}(const ${e} *a, ${st} b, imm c)`, `${movesIn}; ld${k} ${laneList}, [%[a]]; ${movesOut}`, outs, ["a:r", "*a:m", ...ins, "N:i"], { clobber: clobberOf(k), imm: [0, n - 1] });
    neon(`void ${nm(`vst${k}`, l, q, "_lane")}(${e} *a, ${st} b, imm c)`, `${movesIn}; st${k} ${laneList}, [%[a]]`, ["*a:=m"], ["a:r", ...ins, "N:i"], { clobber: clobberOf(k), imm: [0, n - 1] });
  }
}

// ------------------------------------------------------------ table lookup

for (const l of [S8, U8, P8]) {
  const ix = vt(U8, false), ixq = vt(U8, true);
  const idx = (t: Lane): string => (t.kind === "s" ? vt(S8, false) : ix);
  for (const q of BOTH) {
    const tab = (k: number): string => (k === 1 ? vt(l, true) : STRUCT(l, true, k));
    const idxT = q ? (l.kind === "s" ? "uint8x16_t" : ixq) : ix;
    for (const k of [1, 2, 3, 4]) {
      const tins = k === 1 ? ["a:w"] : Array.from({ length: k }, (_, j) => `a${j}:w`);
      const movesIn = k === 1 ? "" : regRange(k).map((x, j) => `mov ${x}.16b, %[a${j}].16b; `).join("");
      const list = k === 1 ? "{%[a].16b}" : `{${regRange(k).map((x) => `${x}.16b`).join(", ")}}`;
      const cl = k === 1 ? {} : { clobber: clobberOf(k) };
      neon(`${vt(l, q)} vqtbl${k}${q ? "q" : ""}_${suffix(l)}(${tab(k)} a, ${idxT} b)`, `${movesIn}tbl ${bytes("r", q)}, ${list}, ${bytes("b", q)}`, ["r:=&w"], [...tins, "b:w"], cl);
      // vqtbx(a, table b, indices c): the table parameter is b here.
      const xin = (x: string): string => x.replace(/%\[a(\d?)\]/g, "%[b$1]");
      const xins = k === 1 ? ["b:w"] : Array.from({ length: k }, (_, j) => `b${j}:w`);
      neon(`${vt(l, q)} vqtbx${k}${q ? "q" : ""}_${suffix(l)}(${vt(l, q)} a, ${tab(k)} b, ${idxT} c)`,
        `${xin(movesIn)}tbx ${bytes("r", q)}, ${xin(list)}, ${bytes("c", q)}`, ["r:=&w:a"], [...xins, "c:w"], cl);
    }
  }
  // vtbl1-4 / vtbx1-4: 64-bit tables, joined into 128-bit ones.
  for (const k of [1, 2, 3, 4]) {
    const tab = k === 1 ? vt(l, false) : STRUCT(l, false, k);
    const tins = k === 1 ? ["a:w"] : Array.from({ length: k }, (_, j) => `a${j}:w`);
    const parts = k === 1 ? ["%[a]"] : Array.from({ length: k }, (_, j) => `%[a${j}]`);
    const regs = regRange(Math.ceil(k / 2));
    const join = regs.map((x, j) => `mov ${x}.8b, ${parts[2 * j]}.8b${parts[2 * j + 1] ? `; ins ${x}.d[1], ${parts[2 * j + 1]}.d[0]` : ""}`).join("; ");
    const list = `{${regs.map((x) => `${x}.16b`).join(", ")}}`;
    const cl = { clobber: clobberOf(regs.length) };
    neon(`${vt(l, false)} vtbl${k}_${suffix(l)}(${tab} a, ${idx(l)} b)`, `${join}; tbl %[r].8b, ${list}, %[b].8b`, ["r:=&w"], [...tins, "b:w"], cl);
    // vtbx(a, tables b, indices c).
    const xjoin = join.replace(/%\[a(\d?)\]/g, "%[b$1]");
    const xins = tins.map((x) => x.replace(/^a/, "b"));
    if (k % 2 === 0) neon(`${vt(l, false)} vtbx${k}_${suffix(l)}(${vt(l, false)} a, ${tab} b, ${idx(l)} c)`, `${xjoin}; tbx %[r].8b, ${list}, %[c].8b`, ["r:=&w:a"], [...xins, "c:w"], cl);
    else {
      // An odd number of 64-bit tables leaves a half register: indices past the
      // tables keep a's bytes (tbl, then bif on the out-of-range mask).
      neon(`${vt(l, false)} vtbx${k}_${suffix(l)}(${vt(l, false)} a, ${tab} b, ${idx(l)} c)`,
        `${xjoin}; movi %[s_vm].8b, #${k * 8}; cmhs %[s_vm].8b, %[c].8b, %[s_vm].8b; tbl %[r].8b, ${list}, %[c].8b; bit %[r].8b, %[a].8b, %[s_vm].8b`,
        ["r:=&w", "s_vm:=&w"], ["a:w", ...xins, "c:w"], cl);
    }
  }
}

// ------------------------------------------------------------ scalar forms real code uses

for (const l of [S64, U64]) {
  neon(`${et(l)} vaddd_${suffix(l)}(${et(l)} a, ${et(l)} b)`, "add %x[r], %x[a], %x[b]", ["r:=r"], ["a:r", "b:r"]);
  neon(`${et(l)} vsubd_${suffix(l)}(${et(l)} a, ${et(l)} b)`, "sub %x[r], %x[a], %x[b]", ["r:=r"], ["a:r", "b:r"]);
}

// ------------------------------------------------------------ crypto (+crypto / +aes / +sha2)

neon("uint8x16_t vaeseq_u8(uint8x16_t a, uint8x16_t b)", ".arch_extension aes; aese %[r].16b, %[b].16b", ["r:=w:a"], ["b:w"]);
neon("uint8x16_t vaesdq_u8(uint8x16_t a, uint8x16_t b)", ".arch_extension aes; aesd %[r].16b, %[b].16b", ["r:=w:a"], ["b:w"]);
neon("uint8x16_t vaesmcq_u8(uint8x16_t a)", ".arch_extension aes; aesmc %[r].16b, %[a].16b", ["r:=w"], ["a:w"]);
neon("uint8x16_t vaesimcq_u8(uint8x16_t a)", ".arch_extension aes; aesimc %[r].16b, %[a].16b", ["r:=w"], ["a:w"]);

// ------------------------------------------------------------ <arm_acle.h>

const acle = (p: string, asm: string, out: string[], inp: string[]): void => { rows.push({ h: "arm_acle", p, asm, out, in: inp }); };
for (const [sz, t, reg] of [["b", "uint8_t", "w"], ["h", "uint16_t", "w"], ["w", "uint32_t", "w"], ["d", "uint64_t", "x"]] as const) {
  const mn = sz === "d" ? "x" : sz;
  acle(`uint32_t __crc32${sz}(uint32_t a, ${t} b)`, `.arch_extension crc; crc32${mn} %w[r], %w[a], %${reg}[b]`, ["r:=r"], ["a:r", "b:r"]);
  acle(`uint32_t __crc32c${sz}(uint32_t a, ${t} b)`, `.arch_extension crc; crc32c${mn} %w[r], %w[a], %${reg}[b]`, ["r:=r"], ["a:r", "b:r"]);
}

export const A64_INTRINSICS: readonly A64Intrinsic[] = rows;
