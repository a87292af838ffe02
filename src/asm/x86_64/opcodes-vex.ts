// The VEX-encoded instructions as opcode-table lines (syntax in opcodes.ts):
// AVX and AVX2 (128- and 256-bit), FMA3, F16C, and the BMI1/BMI2 general
// register instructions. A line starts its encoding with `vex`; `L1` marks
// the 256-bit form and `W` sets VEX.W. Operand types added for VEX:
//   y yr ym       %ymm (reg field) / %ymm in r/m / %ymm or memory
//   vx vy vr      the register in VEX.vvvv: %xmm, %ymm, general of the form's size
//   xi yi         a register in the high nibble of the trailing immediate byte
// As with the legacy forms, operands are in AT&T order and the shortest
// encoding wins, which gives gas's two-byte prefix for register moves whose
// source is %xmm8-15 (the store opcode with the registers swapped).

import { SSE2_INTEGER_OPS, SSE2_SHIFTS_BY_XMM } from "./sse-ops.js";

const hex = (n: number): string => n.toString(16).padStart(2, "0");
const pre = (p: string): string => (p ? p + " " : "");

export function vexForms(): string[] {
  const l: string[] = [];
  /** `op src2, src1, dst` (src1 in vvvv), at 128 bits and, if `wide`, 256. */
  const nds = (n: string, p: string, op: string, wide: boolean, enc = ""): void => {
    l.push(`${n} xm,vx,x | vex ${enc}${pre(p)}0f ${op} /r`);
    if (wide) l.push(`${n} ym,vy,y | vex L1 ${enc}${pre(p)}0f ${op} /r`);
  };
  /** `op src, dst` with no vvvv operand. */
  const unary = (n: string, p: string, op: string, wide: boolean, enc = ""): void => {
    l.push(`${n} xm,x | vex ${enc}${pre(p)}0f ${op} /r`);
    if (wide) l.push(`${n} ym,y | vex L1 ${enc}${pre(p)}0f ${op} /r`);
  };
  /** Widening conversions: the 256-bit form reads an %xmm or half-width memory. */
  const widen = (n: string, p: string, op: string): void => {
    l.push(`${n} xm,x | vex ${pre(p)}0f ${op} /r`, `${n} xm,y | vex L1 ${pre(p)}0f ${op} /r`);
  };
  /** Narrowing conversions: memory needs the x/y suffix to say its width. */
  const narrow = (n: string, p: string, op: string): void => {
    l.push(
      `${n} xr,x | vex ${pre(p)}0f ${op} /r`, `${n} yr,x | vex L1 ${pre(p)}0f ${op} /r`,
      `${n}x xm,x | vex ${pre(p)}0f ${op} /r`, `${n}y ym,x | vex L1 ${pre(p)}0f ${op} /r`,
    );
  };
  const KIND_PREFIX: Record<string, string> = { ss: "f3", sd: "f2", ps: "", pd: "66" };

  // Floating-point arithmetic: packed at both widths, scalar at 128 bits.
  for (const [n, op] of [["add", "58"], ["sub", "5c"], ["mul", "59"], ["div", "5e"], ["min", "5d"], ["max", "5f"]] as const) {
    for (const k of ["ps", "pd"]) nds(`v${n}${k}`, KIND_PREFIX[k]!, op, true);
    for (const k of ["ss", "sd"]) nds(`v${n}${k}`, KIND_PREFIX[k]!, op, false);
  }
  for (const k of ["ps", "pd"]) unary(`vsqrt${k}`, KIND_PREFIX[k]!, "51", true);
  for (const k of ["ss", "sd"]) nds(`vsqrt${k}`, KIND_PREFIX[k]!, "51", false);
  for (const [n, op] of [["and", "54"], ["andn", "55"], ["or", "56"], ["xor", "57"], ["unpckl", "14"], ["unpckh", "15"]] as const) {
    for (const k of ["ps", "pd"]) nds(`v${n}${k}`, KIND_PREFIX[k]!, op, true);
  }
  unary("vrcpps", "", "53", true); nds("vrcpss", "f3", "53", false);
  unary("vrsqrtps", "", "52", true); nds("vrsqrtss", "f3", "52", false);
  for (const [n, p, op] of [["vhaddpd", "66", "7c"], ["vhaddps", "f2", "7c"], ["vhsubpd", "66", "7d"], ["vhsubps", "f2", "7d"], ["vaddsubpd", "66", "d0"], ["vaddsubps", "f2", "d0"]] as const) nds(n, p, op, true);
  for (const [n, p, op] of [["vcomiss", "", "2f"], ["vcomisd", "66", "2f"], ["vucomiss", "", "2e"], ["vucomisd", "66", "2e"]] as const) unary(n, p, op, false);
  for (const [n, p, op] of [["vmovddup", "f2", "12"], ["vmovshdup", "f3", "16"], ["vmovsldup", "f3", "12"]] as const) unary(n, p, op, true);

  // Conversions.
  nds("vcvtss2sd", "f3", "5a", false); nds("vcvtsd2ss", "f2", "5a", false);
  widen("vcvtps2pd", "", "5a"); widen("vcvtdq2pd", "f3", "e6");
  narrow("vcvtpd2ps", "66", "5a"); narrow("vcvtpd2dq", "f2", "e6"); narrow("vcvttpd2dq", "66", "e6");
  unary("vcvtdq2ps", "", "5b", true); unary("vcvtps2dq", "66", "5b", true); unary("vcvttps2dq", "f3", "5b", true);
  l.push(
    "vcvtsi2ss{lq} rm,vx,x | vex f3 0f 2a /r", "vcvtsi2sd{lq} rm,vx,x | vex f2 0f 2a /r",
    "vcvttss2si{lq} xm,r | vex f3 0f 2c /r", "vcvttsd2si{lq} xm,r | vex f2 0f 2c /r",
    "vcvtss2si{lq} xm,r | vex f3 0f 2d /r", "vcvtsd2si{lq} xm,r | vex f2 0f 2d /r",
    "vcvtph2ps xm,x | vex 66 0f 38 13 /r", "vcvtph2ps xm,y | vex L1 66 0f 38 13 /r",
    "vcvtps2ph ib,x,xm | vex 66 0f 3a 1d /r ib", "vcvtps2ph ib,y,xm | vex L1 66 0f 3a 1d /r ib",
  );

  // Comparisons: the predicate as an immediate or in the mnemonic (AVX has 32).
  for (const k of ["ps", "pd", "ss", "sd"]) {
    const wide = k[0] === "p";
    l.push(`vcmp${k} ib,xm,vx,x | vex ${pre(KIND_PREFIX[k]!)}0f c2 /r ib`);
    if (wide) l.push(`vcmp${k} ib,ym,vy,y | vex L1 ${pre(KIND_PREFIX[k]!)}0f c2 /r ib`);
  }
  const predicates = [
    "eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord", "eq_uq", "nge", "ngt", "false", "neq_oq", "ge", "gt", "true",
    "eq_os", "lt_oq", "le_oq", "unord_s", "neq_us", "nlt_uq", "nle_uq", "ord_s", "eq_us", "nge_uq", "ngt_uq", "false_os", "neq_os", "ge_oq", "gt_oq", "true_us",
  ];
  predicates.forEach((pr, i) => {
    for (const k of ["ps", "pd", "ss", "sd"]) {
      l.push(`vcmp${pr}${k} xm,vx,x | vex ${pre(KIND_PREFIX[k]!)}0f c2 /r #${hex(i)}`);
      if (k[0] === "p") l.push(`vcmp${pr}${k} ym,vy,y | vex L1 ${pre(KIND_PREFIX[k]!)}0f c2 /r #${hex(i)}`);
    }
  });

  // Integer SSE2 operations at 128 bits, AVX2 at 256.
  for (const [n, op] of SSE2_INTEGER_OPS) nds(`v${n}`, "66", op, true);
  // Shifts by a count in an %xmm (also for %ymm data), and by an immediate (the destination is vvvv).
  for (const [n, op] of SSE2_SHIFTS_BY_XMM) {
    l.push(`v${n} xm,vx,x | vex 66 0f ${op} /r`, `v${n} xm,vy,y | vex L1 66 0f ${op} /r`);
  }
  for (const [n, op, ext] of [
    ["psrlw", "71", 2], ["psraw", "71", 4], ["psllw", "71", 6], ["psrld", "72", 2], ["psrad", "72", 4], ["pslld", "72", 6],
    ["psrlq", "73", 2], ["psllq", "73", 6], ["psrldq", "73", 3], ["pslldq", "73", 7],
  ] as const) {
    l.push(`v${n} ib,xr,vx | vex 66 0f ${op} /${ext} ib`, `v${n} ib,yr,vy | vex L1 66 0f ${op} /${ext} ib`);
  }
  const ops38: [string, string][] = [
    ["pshufb", "00"], ["phaddw", "01"], ["phaddd", "02"], ["phaddsw", "03"], ["pmaddubsw", "04"], ["phsubw", "05"], ["phsubd", "06"],
    ["phsubsw", "07"], ["psignb", "08"], ["psignw", "09"], ["psignd", "0a"], ["pmulhrsw", "0b"],
    ["pmuldq", "28"], ["pcmpeqq", "29"], ["packusdw", "2b"], ["pcmpgtq", "37"], ["pminsb", "38"], ["pminsd", "39"], ["pminuw", "3a"],
    ["pminud", "3b"], ["pmaxsb", "3c"], ["pmaxsd", "3d"], ["pmaxuw", "3e"], ["pmaxud", "3f"], ["pmulld", "40"],
  ];
  for (const [n, op] of ops38) nds(`v${n}`, "66", `38 ${op}`, true);
  for (const [n, op] of [["pabsb", "1c"], ["pabsw", "1d"], ["pabsd", "1e"], ["ptest", "17"]] as const) unary(`v${n}`, "66", `38 ${op}`, true);
  for (const [n, op] of [["bw", "0"], ["bd", "1"], ["bq", "2"], ["wd", "3"], ["wq", "4"], ["dq", "5"]] as const) {
    widen(`vpmovsx${n}`, "66", `38 2${op}`);
    widen(`vpmovzx${n}`, "66", `38 3${op}`);
  }
  unary("vphminposuw", "66", "38 41", false);
  unary("vaesimc", "66", "38 db", false);
  for (const [n, op] of [["aesenc", "dc"], ["aesenclast", "dd"], ["aesdec", "de"], ["aesdeclast", "df"]] as const) nds(`v${n}`, "66", `38 ${op}`, false);
  for (const [n, op] of [["vblendvps", "4a"], ["vblendvpd", "4b"], ["vpblendvb", "4c"]] as const) {
    l.push(`${n} xi,xm,vx,x | vex 66 0f 3a ${op} /r`, `${n} yi,ym,vy,y | vex L1 66 0f 3a ${op} /r`);
  }

  // With an 8-bit immediate.
  for (const [n, p, op, wide] of [["vpshufd", "66", "70", true], ["vpshufhw", "f3", "70", true], ["vpshuflw", "f2", "70", true],
    ["vroundps", "66", "3a 08", true], ["vroundpd", "66", "3a 09", true], ["vpermilps", "66", "3a 04", true], ["vpermilpd", "66", "3a 05", true],
    ["vpcmpestrm", "66", "3a 60", false], ["vpcmpestri", "66", "3a 61", false], ["vpcmpistrm", "66", "3a 62", false], ["vpcmpistri", "66", "3a 63", false],
    ["vaeskeygenassist", "66", "3a df", false]] as const) {
    l.push(`${n} ib,xm,x | vex ${pre(p)}0f ${op} /r ib`);
    if (wide) l.push(`${n} ib,ym,y | vex L1 ${pre(p)}0f ${op} /r ib`);
  }
  for (const [n, p, op, wide] of [["vshufps", "", "c6", true], ["vshufpd", "66", "c6", true],
    ["vroundss", "66", "3a 0a", false], ["vroundsd", "66", "3a 0b", false], ["vblendps", "66", "3a 0c", true], ["vblendpd", "66", "3a 0d", true],
    ["vpblendw", "66", "3a 0e", true], ["vpalignr", "66", "3a 0f", true], ["vdpps", "66", "3a 40", true], ["vdppd", "66", "3a 41", false],
    ["vmpsadbw", "66", "3a 42", true], ["vinsertps", "66", "3a 21", false], ["vpclmulqdq", "66", "3a 44", false], ["vpblendd", "66", "3a 02", true]] as const) {
    l.push(`${n} ib,xm,vx,x | vex ${pre(p)}0f ${op} /r ib`);
    if (wide) l.push(`${n} ib,ym,vy,y | vex L1 ${pre(p)}0f ${op} /r ib`);
  }

  // Moves: the load form first (gas's choice when both are as short).
  for (const [n, p, ld, st] of [["vmovaps", "", "28", "29"], ["vmovapd", "66", "28", "29"], ["vmovups", "", "10", "11"], ["vmovupd", "66", "10", "11"],
    ["vmovdqa", "66", "6f", "7f"], ["vmovdqu", "f3", "6f", "7f"]] as const) {
    l.push(`${n} xm,x | vex ${pre(p)}0f ${ld} /r`, `${n} x,xm | vex ${pre(p)}0f ${st} /r`,
      `${n} ym,y | vex L1 ${pre(p)}0f ${ld} /r`, `${n} y,ym | vex L1 ${pre(p)}0f ${st} /r`);
  }
  for (const [n, p] of [["vmovss", "f3"], ["vmovsd", "f2"]] as const) {
    l.push(`${n} m,x | vex ${p} 0f 10 /r`, `${n} x,m | vex ${p} 0f 11 /r`, `${n} xr,vx,x | vex ${p} 0f 10 /r`, `${n} x,vx,xr | vex ${p} 0f 11 /r`);
  }
  for (const [n, p, ld, st] of [["vmovlps", "", "12", "13"], ["vmovhps", "", "16", "17"], ["vmovlpd", "66", "12", "13"], ["vmovhpd", "66", "16", "17"]] as const) {
    l.push(`${n} m,vx,x | vex ${pre(p)}0f ${ld} /r`, `${n} x,m | vex ${pre(p)}0f ${st} /r`);
  }
  l.push(
    "vmovhlps xr,vx,x | vex 0f 12 /r", "vmovlhps xr,vx,x | vex 0f 16 /r",
    "vmovntps x,m | vex 0f 2b /r", "vmovntps y,m | vex L1 0f 2b /r", "vmovntpd x,m | vex 66 0f 2b /r", "vmovntpd y,m | vex L1 66 0f 2b /r",
    "vmovntdq x,m | vex 66 0f e7 /r", "vmovntdq y,m | vex L1 66 0f e7 /r",
    "vmovntdqa m,x | vex 66 0f 38 2a /r", "vmovntdqa m,y | vex L1 66 0f 38 2a /r",
    "vlddqu m,x | vex f2 0f f0 /r", "vlddqu m,y | vex L1 f2 0f f0 /r", "vmaskmovdqu xr,x | vex 66 0f f7 /r",
    "vmovmskps xr,r32 | vex 0f 50 /r", "vmovmskps yr,r32 | vex L1 0f 50 /r", "vmovmskpd xr,r32 | vex 66 0f 50 /r", "vmovmskpd yr,r32 | vex L1 66 0f 50 /r",
    "vmovmskps xr,r64 | vex 0f 50 /r", "vmovmskps yr,r64 | vex L1 0f 50 /r", "vmovmskpd xr,r64 | vex 66 0f 50 /r", "vmovmskpd yr,r64 | vex L1 66 0f 50 /r",
    "vpmovmskb xr,r32 | vex 66 0f d7 /r", "vpmovmskb yr,r32 | vex L1 66 0f d7 /r", "vpmovmskb xr,r64 | vex 66 0f d7 /r", "vpmovmskb yr,r64 | vex L1 66 0f d7 /r",
    "vmovd rm32,x | vex 66 0f 6e /r", "vmovd x,rm32 | vex 66 0f 7e /r",
    "vmovq xm,x | vex f3 0f 7e /r", "vmovq x,xm | vex 66 0f d6 /r", "vmovq rm64,x | vex 66 W 0f 6e /r", "vmovq x,rm64 | vex 66 W 0f 7e /r",
    "vpinsrw ib,rm32,vx,x | vex 66 0f c4 /r ib", "vpextrw ib,xr,r32 | vex 66 0f c5 /r ib", "vpextrw ib,x,m | vex 66 0f 3a 15 /r ib",
    "vpextrb ib,x,rm32 | vex 66 0f 3a 14 /r ib", "vpextrd ib,x,rm32 | vex 66 0f 3a 16 /r ib", "vpextrq ib,x,rm64 | vex 66 W 0f 3a 16 /r ib",
    "vextractps ib,x,rm32 | vex 66 0f 3a 17 /r ib",
    "vpinsrb ib,rm32,vx,x | vex 66 0f 3a 20 /r ib", "vpinsrd ib,rm32,vx,x | vex 66 0f 3a 22 /r ib", "vpinsrq ib,rm64,vx,x | vex 66 W 0f 3a 22 /r ib",
    "vldmxcsr m | vex 0f ae /2", "vstmxcsr m | vex 0f ae /3",
    "vzeroupper | vex 0f 77", "vzeroall | vex L1 0f 77",
  );

  // AVX/AVX2 lane operations: broadcasts, 128-bit halves, permutes, masked moves, variable shifts.
  l.push(
    "vbroadcastss m,x | vex 66 0f 38 18 /r", "vbroadcastss m,y | vex L1 66 0f 38 18 /r",
    "vbroadcastss xr,x | vex 66 0f 38 18 /r", "vbroadcastss xr,y | vex L1 66 0f 38 18 /r",
    "vbroadcastsd m,y | vex L1 66 0f 38 19 /r", "vbroadcastsd xr,y | vex L1 66 0f 38 19 /r",
    "vbroadcastf128 m,y | vex L1 66 0f 38 1a /r", "vbroadcasti128 m,y | vex L1 66 0f 38 5a /r",
    "vinsertf128 ib,xm,vy,y | vex L1 66 0f 3a 18 /r ib", "vinserti128 ib,xm,vy,y | vex L1 66 0f 3a 38 /r ib",
    "vextractf128 ib,y,xm | vex L1 66 0f 3a 19 /r ib", "vextracti128 ib,y,xm | vex L1 66 0f 3a 39 /r ib",
    "vperm2f128 ib,ym,vy,y | vex L1 66 0f 3a 06 /r ib", "vperm2i128 ib,ym,vy,y | vex L1 66 0f 3a 46 /r ib",
    "vpermd ym,vy,y | vex L1 66 0f 38 36 /r", "vpermps ym,vy,y | vex L1 66 0f 38 16 /r",
    "vpermq ib,ym,y | vex L1 66 W 0f 3a 00 /r ib", "vpermpd ib,ym,y | vex L1 66 W 0f 3a 01 /r ib",
  );
  for (const [n, op] of [["vpbroadcastb", "78"], ["vpbroadcastw", "79"], ["vpbroadcastd", "58"], ["vpbroadcastq", "59"]] as const) widen(n, "66", `38 ${op}`);
  nds("vpermilps", "66", "38 0c", true); nds("vpermilpd", "66", "38 0d", true);
  unary("vtestps", "66", "38 0e", true); unary("vtestpd", "66", "38 0f", true);
  for (const [n, ld, st, w] of [["vmaskmovps", "2c", "2e", ""], ["vmaskmovpd", "2d", "2f", ""], ["vpmaskmovd", "8c", "8e", ""], ["vpmaskmovq", "8c", "8e", "W "]] as const) {
    l.push(`${n} m,vx,x | vex 66 ${w}0f 38 ${ld} /r`, `${n} m,vy,y | vex L1 66 ${w}0f 38 ${ld} /r`,
      `${n} x,vx,m | vex 66 ${w}0f 38 ${st} /r`, `${n} y,vy,m | vex L1 66 ${w}0f 38 ${st} /r`);
  }
  for (const [n, op, w] of [["vpsllvd", "47", ""], ["vpsllvq", "47", "W "], ["vpsrlvd", "45", ""], ["vpsrlvq", "45", "W "], ["vpsravd", "46", ""]] as const) {
    nds(n, "66", `38 ${op}`, true, w);
  }

  // FMA3: 132/213/231 name which operands multiply; W selects double precision.
  const fma: [string, number, boolean][] = [
    ["fmaddsub", 0x96, false], ["fmsubadd", 0x97, false], ["fmadd", 0x98, true], ["fmsub", 0x9a, true], ["fnmadd", 0x9c, true], ["fnmsub", 0x9e, true],
  ];
  for (const [n, base, scalar] of fma) {
    [132, 213, 231].forEach((order, k) => {
      const op = base + 0x10 * k;
      nds(`v${n}${order}ps`, "66", `38 ${hex(op)}`, true);
      nds(`v${n}${order}pd`, "66", `38 ${hex(op)}`, true, "W ");
      if (scalar) {
        nds(`v${n}${order}ss`, "66", `38 ${hex(op + 1)}`, false);
        nds(`v${n}${order}sd`, "66", `38 ${hex(op + 1)}`, false, "W ");
      }
    });
  }

  // BMI1 and BMI2: general registers, VEX-encoded; q forms set VEX.W.
  l.push(
    "andn{lq} rm,vr,r | vex 0f 38 f2 /r", "bextr{lq} vr,rm,r | vex 0f 38 f7 /r",
    "blsr{lq} rm,vr | vex 0f 38 f3 /1", "blsmsk{lq} rm,vr | vex 0f 38 f3 /2", "blsi{lq} rm,vr | vex 0f 38 f3 /3",
    "bzhi{lq} vr,rm,r | vex 0f 38 f5 /r", "mulx{lq} rm,vr,r | vex f2 0f 38 f6 /r",
    "pdep{lq} rm,vr,r | vex f2 0f 38 f5 /r", "pext{lq} rm,vr,r | vex f3 0f 38 f5 /r",
    "rorx{lq} ib,rm,r | vex f2 0f 3a f0 /r ib",
    "sarx{lq} vr,rm,r | vex f3 0f 38 f7 /r", "shlx{lq} vr,rm,r | vex 66 0f 38 f7 /r", "shrx{lq} vr,rm,r | vex f2 0f 38 f7 /r",
  );
  return l;
}
