// The x86_64 instruction forms as data. Each line is
//
//     mnemonic[{suffixes}] operand,operand,… | encoding
//
// with operands in AT&T order (sources first). `{bwlq}` expands the line once
// per size suffix (and once more under the bare mnemonic, whose size is then
// inferred from register operands, as gas does). Operand types:
//   r r8 r16 r32 r64      general register (`r`: of the form's size; `rn0`: not register 0)
//   rm rm8 … rm64         general register or memory
//   m                     memory of any size
//   acc cl dx one         %al/%ax/%eax/%rax of the form's size, %cl, %dx, $1
//   ib iw id iq           immediates of 8/16/32/64 bits (symbolic allowed)
//   ibs                   8-bit immediate sign-extended to the operand size (constants only)
//   iz                    immediate of the operand size, at most 32 bits (sign-extended for q)
//   x xr xm               %xmm (reg field) / %xmm in the r/m field / %xmm or memory
//   st0 sti               %st / %st(i)
//   rel                   branch target; *rm64 indirect branch target
// Encoding tokens: hex opcode bytes; a leading 66/f2/f3 before 0f is a
// mandatory prefix; W forces REX.W; /r or /0…/7 is the ModRM byte; +r and +i
// add the register number to the last opcode byte; ib/iw/id/iq/iz are the
// immediate; #xx is a fixed trailing byte; d64 means 64-bit operand size by
// default (no REX.W for q). When several forms fit, the shortest encoding
// wins and ties go to the earlier line: the order below is GNU as's choice.

import { vexForms } from "./opcodes-vex.js";
import { SSE2_INTEGER_OPS, SSE2_SHIFTS_BY_XMM } from "./sse-ops.js";

const CC: readonly (readonly [string, number])[] = [
  ["o", 0], ["no", 1], ["b", 2], ["c", 2], ["nae", 2], ["ae", 3], ["nb", 3], ["nc", 3], ["e", 4], ["z", 4],
  ["ne", 5], ["nz", 5], ["be", 6], ["na", 6], ["a", 7], ["nbe", 7], ["s", 8], ["ns", 9], ["p", 10], ["pe", 10],
  ["np", 11], ["po", 11], ["l", 12], ["nge", 12], ["ge", 13], ["nl", 13], ["le", 14], ["ng", 14], ["g", 15], ["nle", 15],
];
export const CONDITION_CODES: ReadonlyMap<string, number> = new Map(CC);

const hex = (n: number): string => n.toString(16).padStart(2, "0");

function integerForms(): string[] {
  const l: string[] = [];
  const alu = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"];
  alu.forEach((n, i) => {
    const b = i * 8;
    l.push(
      `${n}{b} r,rm | ${hex(b)} /r`, `${n}{wlq} r,rm | ${hex(b + 1)} /r`,
      `${n}{b} rm,r | ${hex(b + 2)} /r`, `${n}{wlq} rm,r | ${hex(b + 3)} /r`,
      `${n}{wlq} ibs,rm | 83 /${i} ib`,
      `${n}{b} ib,acc | ${hex(b + 4)} ib`, `${n}{wlq} iz,acc | ${hex(b + 5)} iz`,
      `${n}{b} ib,rm | 80 /${i} ib`, `${n}{wlq} iz,rm | 81 /${i} iz`,
    );
  });
  ["rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"].forEach((n) => {
    const d = { rol: 0, ror: 1, rcl: 2, rcr: 3, shl: 4, sal: 4, shr: 5, sar: 7 }[n]!;
    l.push(
      `${n}{b} one,rm | d0 /${d}`, `${n}{wlq} one,rm | d1 /${d}`,
      `${n}{b} cl,rm | d2 /${d}`, `${n}{wlq} cl,rm | d3 /${d}`,
      `${n}{b} ib,rm | c0 /${d} ib`, `${n}{wlq} ib,rm | c1 /${d} ib`,
      `${n}{b} rm | d0 /${d}`, `${n}{wlq} rm | d1 /${d}`,
    );
  });
  ["not", "neg", "mul", "imul", "div", "idiv"].forEach((n, i) => l.push(`${n}{b} rm | f6 /${i + 2}`, `${n}{wlq} rm | f7 /${i + 2}`));
  ["inc", "dec"].forEach((n, i) => l.push(`${n}{b} rm | fe /${i}`, `${n}{wlq} rm | ff /${i}`));
  l.push(
    "imul{wlq} rm,r | 0f af /r", "imul{wlq} ibs,rm,r | 6b /r ib", "imul{wlq} iz,rm,r | 69 /r iz",
    // `imul $n, %reg` is `imul $n, %reg, %reg`.
    "imul{wlq} ibs,r | 6b /r ib", "imul{wlq} iz,r | 69 /r iz",
    "test{b} r,rm | 84 /r", "test{wlq} r,rm | 85 /r", "test{b} rm,r | 84 /r", "test{wlq} rm,r | 85 /r",
    "test{b} ib,acc | a8 ib", "test{wlq} iz,acc | a9 iz", "test{b} ib,rm | f6 /0 ib", "test{wlq} iz,rm | f7 /0 iz",
    "mov{b} r,rm | 88 /r", "mov{wlq} r,rm | 89 /r", "mov{b} rm,r | 8a /r", "mov{wlq} rm,r | 8b /r",
    "mov{b} ib,r | b0+r ib", "mov{wl} iz,r | b8+r iz", "mov{b} ib,rm | c6 /0 ib", "mov{wlq} iz,rm | c7 /0 iz",
    "mov{q} iq,r | b8+r iq", "movabs{q} iq,r | b8+r iq",
    "lea{wlq} m,r | 8d /r",
    "movzb{wlq} rm8,r | 0f b6 /r", "movzw{lq} rm16,r | 0f b7 /r",
    "movsb{wlq} rm8,r | 0f be /r", "movsw{lq} rm16,r | 0f bf /r", "movsl{q} rm32,r | 63 /r",
    "xchg{w} r,acc | 90+r", "xchg{w} acc,r | 90+r", "xchg{lq} rn0,acc | 90+r", "xchg{lq} acc,rn0 | 90+r",
    // gas writes `xchg %rax,%rax` as a plain nop (and `xchg %eax,%eax` as 87 c0, which zero-extends).
    "xchg{q} acc,acc | d64 90",
    "xchg{b} r,rm | 86 /r", "xchg{b} rm,r | 86 /r", "xchg{wlq} r,rm | 87 /r", "xchg{wlq} rm,r | 87 /r",
    "cmpxchg{b} r,rm | 0f b0 /r", "cmpxchg{wlq} r,rm | 0f b1 /r",
    "xadd{b} r,rm | 0f c0 /r", "xadd{wlq} r,rm | 0f c1 /r",
    "cmpxchg8b m | 0f c7 /1", "cmpxchg16b m | W 0f c7 /1",
    "bswap{lq} r | 0f c8+r",
    "bt{wlq} r,rm | 0f a3 /r", "bt{wlq} ib,rm | 0f ba /4 ib",
    "bts{wlq} r,rm | 0f ab /r", "bts{wlq} ib,rm | 0f ba /5 ib",
    "btr{wlq} r,rm | 0f b3 /r", "btr{wlq} ib,rm | 0f ba /6 ib",
    "btc{wlq} r,rm | 0f bb /r", "btc{wlq} ib,rm | 0f ba /7 ib",
    "bsf{wlq} rm,r | 0f bc /r", "bsr{wlq} rm,r | 0f bd /r",
    "crc32b rm8,r32 | f2 0f 38 f0 /r", "crc32b rm8,r64 | f2 W 0f 38 f0 /r", "crc32w rm16,r32 | 66 f2 0f 38 f1 /r",
    "crc32l rm32,r32 | f2 0f 38 f1 /r", "crc32q rm64,r64 | f2 W 0f 38 f1 /r",
    "tzcnt{wlq} rm,r | f3 0f bc /r", "lzcnt{wlq} rm,r | f3 0f bd /r", "popcnt{wlq} rm,r | f3 0f b8 /r",
    "shld{wlq} ib,r,rm | 0f a4 /r ib", "shld{wlq} cl,r,rm | 0f a5 /r", "shld{wlq} r,rm | 0f a5 /r",
    "shrd{wlq} ib,r,rm | 0f ac /r ib", "shrd{wlq} cl,r,rm | 0f ad /r", "shrd{wlq} r,rm | 0f ad /r",
    "movnti{lq} r,m | 0f c3 /r",
    "push{q} r64 | d64 50+r", "push{q} rm64 | d64 ff /6", "push{q} ibs | d64 6a ib", "push{q} id | d64 68 id",
    "push{w} r16 | 50+r", "pop{q} r64 | d64 58+r", "pop{q} rm64 | d64 8f /0", "pop{w} r16 | 58+r",
    "call rel | e8 rel", "callq rel | e8 rel", "call *rm64 | d64 ff /2", "callq *rm64 | d64 ff /2",
    "jmp *rm64 | d64 ff /4", "jmpq *rm64 | d64 ff /4",
    "loop rel | e2 rel8", "loope rel | e1 rel8", "loopz rel | e1 rel8", "loopne rel | e0 rel8", "loopnz rel | e0 rel8",
    "jrcxz rel | e3 rel8", "jecxz rel | 67 e3 rel8",
    "ret | c3", "retq | c3", "ret iw | c2 iw", "retq iw | c2 iw", "leave | c9", "leaveq | c9",
    "cbtw | 66 98", "cwtl | 98", "cltq | W 98", "cwtd | 66 99", "cltd | 99", "cqto | W 99",
    "cbw | 66 98", "cwde | 98", "cdqe | W 98", "cwd | 66 99", "cdq | 99", "cqo | W 99",
    "nop | 90", "nop{wl} rm | 0f 1f /0", "hlt | f4", "int3 | cc", "int ib | cd ib", "ud2 | 0f 0b",
    "cpuid | 0f a2", "rdtsc | 0f 31", "rdtscp | 0f 01 f9", "pause | f3 90", "emms | 0f 77", "mfence | 0f ae f0",
    "lfence | 0f ae e8", "sfence | 0f ae f8", "syscall | 0f 05", "cld | fc", "std | fd", "clc | f8",
    "stc | f9", "cmc | f5", "sahf | 9e", "lahf | 9f", "endbr64 | f3 0f 1e fa", "xgetbv | 0f 01 d0",
    "pushfq | 9c", "popfq | 9d", "pushf | 9c", "popf | 9d",
    "prefetchnta m | 0f 18 /0", "prefetcht0 m | 0f 18 /1", "prefetcht1 m | 0f 18 /2", "prefetcht2 m | 0f 18 /3",
    "prefetchw m | 0f 0d /1", "clflush m | 0f ae /7", "fxsave m | 0f ae /0", "fxrstor m | 0f ae /1",
    "ldmxcsr m | 0f ae /2", "stmxcsr m | 0f ae /3",
    "crc32b rm8,r32 | f2 0f 38 f0 /r", "crc32w rm16,r32 | 66 f2 0f 38 f1 /r", "crc32l rm32,r32 | f2 0f 38 f1 /r",
    "crc32q rm64,r64 | f2 W 0f 38 f1 /r",
  );
  for (const [cc, n] of CC) {
    l.push(`set${cc} rm8 | 0f ${hex(0x90 + n)} /0`, `cmov${cc}{wlq} rm,r | 0f ${hex(0x40 + n)} /r`);
  }
  // String instructions (operands implicit).
  const str: [string, number][] = [["movs", 0xa4], ["cmps", 0xa6], ["stos", 0xaa], ["lods", 0xac], ["scas", 0xae]];
  for (const [n, op] of str) {
    l.push(`${n}b | ${hex(op)}`, `${n}w | 66 ${hex(op + 1)}`, `${n}l | ${hex(op + 1)}`, `${n}q | W ${hex(op + 1)}`);
    // gas takes operand-less `movsd`/`cmpsd` as movsl/cmpsl (with a warning); stosd, lodsd, scasd do not exist.
    if (n === "movs" || n === "cmps") l.push(`${n}d | ${hex(op + 1)}`);
  }
  return l;
}

function x87Forms(): string[] {
  const l: string[] = [
    "flds m | d9 /0", "fldl m | dd /0", "fldt m | db /5", "fld sti | d9 c0+i",
    "fsts m | d9 /2", "fstl m | dd /2", "fst sti | dd d0+i",
    "fstps m | d9 /3", "fstpl m | dd /3", "fstpt m | db /7", "fstp sti | dd d8+i",
    "filds m | df /0", "fildl m | db /0", "fildll m | df /5", "fildq m | df /5",
    "fists m | df /2", "fistl m | db /2",
    "fistps m | df /3", "fistpl m | db /3", "fistpll m | df /7", "fistpq m | df /7",
    "fisttps m | df /1", "fisttpl m | db /1", "fisttpll m | dd /1", "fisttpq m | dd /1",
    "fcom sti | d8 d0+i", "fcom | d8 d1", "fcomp sti | d8 d8+i", "fcomp | d8 d9", "fcompp | de d9",
    "fucom sti | dd e0+i", "fucom | dd e1", "fucomp sti | dd e8+i", "fucomp | dd e9", "fucompp | da e9",
    "fucomi sti,st0 | db e8+i", "fucomi sti | db e8+i", "fucomip sti,st0 | df e8+i", "fucomip sti | df e8+i",
    "fcomi sti,st0 | db f0+i", "fcomi sti | db f0+i", "fcomip sti,st0 | df f0+i", "fcomip sti | df f0+i",
    "fucompi sti,st0 | df e8+i", "fcompi sti,st0 | df f0+i",
    "fxch sti | d9 c8+i", "fxch | d9 c9", "ffree sti | dd c0+i",
    "fnstcw m | d9 /7", "fstcw m | 9b d9 /7", "fldcw m | d9 /5",
    "fnstsw acc16 | df e0", "fnstsw m | dd /7", "fstsw acc16 | 9b df e0", "fstsw m | 9b dd /7",
    "fnstenv m | d9 /6", "fstenv m | 9b d9 /6", "fldenv m | d9 /4", "fwait | 9b", "wait | 9b",
    "fnsave m | dd /6", "fsave m | 9b dd /6", "frstor m | dd /4",
    "fninit | db e3", "finit | 9b db e3", "fnclex | db e2", "fclex | 9b db e2",
    "fcmovb sti,st0 | da c0+i", "fcmove sti,st0 | da c8+i", "fcmovbe sti,st0 | da d0+i", "fcmovu sti,st0 | da d8+i",
    "fcmovnb sti,st0 | db c0+i", "fcmovne sti,st0 | db c8+i", "fcmovnbe sti,st0 | db d0+i", "fcmovnu sti,st0 | db d8+i",
  ];
  const simple: [string, string][] = [
    ["fchs", "e0"], ["fabs", "e1"], ["ftst", "e4"], ["fxam", "e5"], ["fld1", "e8"], ["fldl2t", "e9"], ["fldl2e", "ea"],
    ["fldpi", "eb"], ["fldlg2", "ec"], ["fldln2", "ed"], ["fldz", "ee"], ["f2xm1", "f0"], ["fyl2x", "f1"], ["fptan", "f2"],
    ["fpatan", "f3"], ["fxtract", "f4"], ["fprem1", "f5"], ["fdecstp", "f6"], ["fincstp", "f7"], ["fprem", "f8"],
    ["fyl2xp1", "f9"], ["fsqrt", "fa"], ["fsincos", "fb"], ["frndint", "fc"], ["fscale", "fd"], ["fsin", "fe"], ["fcos", "ff"], ["fnop", "d0"],
  ];
  for (const [n, b] of simple) l.push(`${n} | d9 ${b}`);
  // Arithmetic. Debian's gas does not apply the old AT&T sub/subr swap for %st(i)
  // destinations (checked against it): fsub %st,%st(i) is dc e0+i.
  const ar: [string, number][] = [["add", 0], ["mul", 1], ["sub", 4], ["subr", 5], ["div", 6], ["divr", 7]];
  for (const [n, d] of ar) {
    const swapped = d;
    l.push(
      `f${n}s m | d8 /${d}`, `f${n}l m | dc /${d}`, `fi${n}l m | da /${d}`, `fi${n}s m | de /${d}`,
      `f${n} sti,st0 | d8 ${hex(0xc0 + d * 8)}+i`, `f${n} st0,sti | dc ${hex(0xc0 + swapped * 8)}+i`,
      `f${n} sti | d8 ${hex(0xc0 + d * 8)}+i`,
      `f${n}p st0,sti | de ${hex(0xc0 + swapped * 8)}+i`, `f${n}p sti | de ${hex(0xc0 + swapped * 8)}+i`,
      `f${n}p | de ${hex(0xc1 + swapped * 8)}`,
    );
  }
  l.push("fcoms m | d8 /2", "fcoml m | dc /2", "fcomps m | d8 /3", "fcompl m | dc /3",
    "ficoms m | de /2", "ficoml m | da /2", "ficomps m | de /3", "ficompl m | da /3");
  return l;
}

function sseForms(): string[] {
  const l: string[] = [];
  // [mnemonic, prefix ("" for none), opcode after 0f] for `xm,x` forms.
  const rm: [string, string, string][] = [];
  const fp = (n: string, op: string, kinds = "ss sd ps pd"): void => {
    for (const k of kinds.split(" ")) rm.push([n + k, { ss: "f3", sd: "f2", ps: "", pd: "66" }[k]!, op]);
  };
  fp("add", "58"); fp("sub", "5c"); fp("mul", "59"); fp("div", "5e"); fp("min", "5d"); fp("max", "5f"); fp("sqrt", "51");
  fp("and", "54", "ps pd"); fp("andn", "55", "ps pd"); fp("or", "56", "ps pd"); fp("xor", "57", "ps pd");
  fp("rcp", "53", "ss ps"); fp("rsqrt", "52", "ss ps");
  fp("unpckl", "14", "ps pd"); fp("unpckh", "15", "ps pd");
  rm.push(
    ["comiss", "", "2f"], ["comisd", "66", "2f"], ["ucomiss", "", "2e"], ["ucomisd", "66", "2e"],
    ["cvtss2sd", "f3", "5a"], ["cvtsd2ss", "f2", "5a"], ["cvtps2pd", "", "5a"], ["cvtpd2ps", "66", "5a"],
    ["cvtdq2ps", "", "5b"], ["cvtps2dq", "66", "5b"], ["cvttps2dq", "f3", "5b"],
    ["cvtdq2pd", "f3", "e6"], ["cvtpd2dq", "f2", "e6"], ["cvttpd2dq", "66", "e6"],
    ["haddpd", "66", "7c"], ["haddps", "f2", "7c"], ["hsubpd", "66", "7d"], ["hsubps", "f2", "7d"],
    ["addsubpd", "66", "d0"], ["addsubps", "f2", "d0"], ["movddup", "f2", "12"], ["movshdup", "f3", "16"], ["movsldup", "f3", "12"],
  );
  const ints = [...SSE2_INTEGER_OPS, ...SSE2_SHIFTS_BY_XMM];
  for (const [n, op] of ints) rm.push([n, "66", op]);
  const ssse3: [string, string][] = [
    ["pshufb", "00"], ["phaddw", "01"], ["phaddd", "02"], ["phaddsw", "03"], ["pmaddubsw", "04"], ["phsubw", "05"], ["phsubd", "06"],
    ["phsubsw", "07"], ["psignb", "08"], ["psignw", "09"], ["psignd", "0a"], ["pmulhrsw", "0b"], ["pabsb", "1c"], ["pabsw", "1d"], ["pabsd", "1e"],
    ["ptest", "17"], ["pmovsxbw", "20"], ["pmovsxbd", "21"], ["pmovsxbq", "22"], ["pmovsxwd", "23"], ["pmovsxwq", "24"], ["pmovsxdq", "25"],
    ["pmuldq", "28"], ["pcmpeqq", "29"], ["packusdw", "2b"], ["pmovzxbw", "30"], ["pmovzxbd", "31"], ["pmovzxbq", "32"],
    ["pmovzxwd", "33"], ["pmovzxwq", "34"], ["pmovzxdq", "35"], ["pcmpgtq", "37"], ["pminsb", "38"], ["pminsd", "39"], ["pminuw", "3a"],
    ["pminud", "3b"], ["pmaxsb", "3c"], ["pmaxsd", "3d"], ["pmaxuw", "3e"], ["pmaxud", "3f"], ["pmulld", "40"], ["phminposuw", "41"],
    ["pblendvb", "10"], ["blendvps", "14"], ["blendvpd", "15"],
    ["aesimc", "db"], ["aesenc", "dc"], ["aesenclast", "dd"], ["aesdec", "de"], ["aesdeclast", "df"],
  ];
  for (const [n, op] of ssse3) rm.push([n, "66", "38 " + op]);
  for (const [n, p, op] of rm) l.push(`${n} xm,x | ${p ? p + " " : ""}0f ${op} /r`);
  for (const n of ["pblendvb", "blendvps", "blendvpd"]) {
    const op = { pblendvb: "10", blendvps: "14", blendvpd: "15" }[n]!;
    l.push(`${n} xmm0,xm,x | 66 0f 38 ${op} /r`);
  }
  // With an 8-bit immediate.
  const imm: [string, string, string][] = [
    ["pshufd", "66", "70"], ["pshufhw", "f3", "70"], ["pshuflw", "f2", "70"], ["shufps", "", "c6"], ["shufpd", "66", "c6"],
    ["cmpps", "", "c2"], ["cmppd", "66", "c2"], ["cmpss", "f3", "c2"], ["cmpsd", "f2", "c2"],
    ["roundps", "66", "3a 08"], ["roundpd", "66", "3a 09"], ["roundss", "66", "3a 0a"], ["roundsd", "66", "3a 0b"],
    ["blendps", "66", "3a 0c"], ["blendpd", "66", "3a 0d"], ["pblendw", "66", "3a 0e"], ["palignr", "66", "3a 0f"],
    ["dpps", "66", "3a 40"], ["dppd", "66", "3a 41"], ["mpsadbw", "66", "3a 42"], ["insertps", "66", "3a 21"],
    ["pcmpestrm", "66", "3a 60"], ["pcmpestri", "66", "3a 61"], ["pcmpistrm", "66", "3a 62"], ["pcmpistri", "66", "3a 63"],
    ["aeskeygenassist", "66", "3a df"], ["pclmulqdq", "66", "3a 44"],
  ];
  for (const [n, p, op] of imm) l.push(`${n} ib,xm,x | ${p ? p + " " : ""}0f ${op} /r ib`);
  const preds = ["eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"];
  preds.forEach((pr, i) => {
    for (const [k, p] of [["ss", "f3 "], ["sd", "f2 "], ["ps", ""], ["pd", "66 "]]) l.push(`cmp${pr}${k} xm,x | ${p}0f c2 /r #${hex(i)}`);
  });
  // Moves: the load form first (GNU as prefers it for register to register).
  const moves: [string, string, string, string][] = [
    ["movaps", "", "28", "29"], ["movapd", "66", "28", "29"], ["movups", "", "10", "11"], ["movupd", "66", "10", "11"],
    ["movss", "f3", "10", "11"], ["movsd", "f2", "10", "11"], ["movdqa", "66", "6f", "7f"], ["movdqu", "f3", "6f", "7f"],
  ];
  for (const [n, p, ld, st] of moves) l.push(`${n} xm,x | ${p ? p + " " : ""}0f ${ld} /r`, `${n} x,xm | ${p ? p + " " : ""}0f ${st} /r`);
  const half: [string, string, string, string][] = [["movlps", "", "12", "13"], ["movhps", "", "16", "17"], ["movlpd", "66", "12", "13"], ["movhpd", "66", "16", "17"]];
  for (const [n, p, ld, st] of half) l.push(`${n} m,x | ${p ? p + " " : ""}0f ${ld} /r`, `${n} x,m | ${p ? p + " " : ""}0f ${st} /r`);
  l.push(
    "movhlps xr,x | 0f 12 /r", "movlhps xr,x | 0f 16 /r",
    "movntps x,m | 0f 2b /r", "movntpd x,m | 66 0f 2b /r", "movntdq x,m | 66 0f e7 /r", "movntdqa m,x | 66 0f 38 2a /r",
    "lddqu m,x | f2 0f f0 /r", "maskmovdqu xr,x | 66 0f f7 /r",
    "movmskps xr,r32 | 0f 50 /r", "movmskpd xr,r32 | 66 0f 50 /r", "pmovmskb xr,r32 | 66 0f d7 /r",
    "movd rm32,x | 66 0f 6e /r", "movd x,rm32 | 66 0f 7e /r",
    "movq xm,x | f3 0f 7e /r", "movq x,xm | 66 0f d6 /r", "movq rm64,x | 66 W 0f 6e /r", "movq x,rm64 | 66 W 0f 7e /r",
    "movd rm64,x | 66 W 0f 6e /r", "movd x,rm64 | 66 W 0f 7e /r",
    "cvtsi2ss{lq} rm,x | f3 0f 2a /r", "cvtsi2sd{lq} rm,x | f2 0f 2a /r",
    "cvttss2si{lq} xm,r | f3 0f 2c /r", "cvttsd2si{lq} xm,r | f2 0f 2c /r",
    "cvtss2si{lq} xm,r | f3 0f 2d /r", "cvtsd2si{lq} xm,r | f2 0f 2d /r",
    "pinsrw ib,rm32,x | 66 0f c4 /r ib", "pextrw ib,xr,r32 | 66 0f c5 /r ib", "pextrw ib,x,m | 66 0f 3a 15 /r ib",
    "pextrb ib,x,rm32 | 66 0f 3a 14 /r ib", "pextrd ib,x,rm32 | 66 0f 3a 16 /r ib", "pextrq ib,x,rm64 | 66 W 0f 3a 16 /r ib",
    "extractps ib,x,rm32 | 66 0f 3a 17 /r ib",
    "pinsrb ib,rm32,x | 66 0f 3a 20 /r ib", "pinsrd ib,rm32,x | 66 0f 3a 22 /r ib", "pinsrq ib,rm64,x | 66 W 0f 3a 22 /r ib",
    "psrlw ib,xr | 66 0f 71 /2 ib", "psraw ib,xr | 66 0f 71 /4 ib", "psllw ib,xr | 66 0f 71 /6 ib",
    "psrld ib,xr | 66 0f 72 /2 ib", "psrad ib,xr | 66 0f 72 /4 ib", "pslld ib,xr | 66 0f 72 /6 ib",
    "psrlq ib,xr | 66 0f 73 /2 ib", "psllq ib,xr | 66 0f 73 /6 ib", "psrldq ib,xr | 66 0f 73 /3 ib", "pslldq ib,xr | 66 0f 73 /7 ib",
  );
  return l;
}

/**
 * System instructions (privileged or system-programming ones the kernel uses):
 * interrupts, MSRs, descriptor tables, control/debug/segment registers, port
 * I/O, XSAVE state, cache control, random numbers, FS/GS base.
 */
function systemForms(): string[] {
  return [
    "cli | fa", "sti | fb", "clts | 0f 06", "invd | 0f 08", "wbinvd | 0f 09", "wbnoinvd | f3 0f 09",
    "wrmsr | 0f 30", "rdmsr | 0f 32", "rdpmc | 0f 33", "sysenter | 0f 34", "sysexit | 0f 35",
    "sysret | 0f 07", "sysretl | 0f 07", "sysretq | W 0f 07", "swapgs | 0f 01 f8", "rsm | 0f aa",
    "iret | cf", "iretl | cf", "iretw | 66 cf", "iretq | W cf",
    "lret | cb", "lretl | cb", "lretq | W cb", "lret iw | ca iw", "lretl iw | ca iw", "lretq iw | W ca iw",
    "clac | 0f 01 ca", "stac | 0f 01 cb", "monitor | 0f 01 c8", "mwait | 0f 01 c9", "xsetbv | 0f 01 d1",
    "vmcall | 0f 01 c1", "vmmcall | 0f 01 d9", "serialize | 0f 01 e8", "rdpkru | 0f 01 ee", "wrpkru | 0f 01 ef",
    "int1 | f1", "ud1{wlq} rm,r | 0f b9 /r", "ud0{wlq} rm,r | 0f ff /r",
    // Stores of a selector or the machine status word: 16 bits to memory, zero-extended into a register.
    ...["sldt", "str"].flatMap((n, k) => [`${n} m | 0f 00 /${k}`, `${n} r16 | 66 0f 00 /${k}`, `${n} r32 | 0f 00 /${k}`, `${n} r64 | 0f 00 /${k}`]),
    "lldt rm16 | 0f 00 /2", "ltr rm16 | 0f 00 /3",
    "verr rm16 | 0f 00 /4", "verw rm16 | 0f 00 /5",
    "sgdt m | 0f 01 /0", "sidt m | 0f 01 /1", "lgdt m | 0f 01 /2", "lidt m | 0f 01 /3",
    "sgdtq m | 0f 01 /0", "sidtq m | 0f 01 /1", "lgdtq m | 0f 01 /2", "lidtq m | 0f 01 /3",
    "smsw m | 0f 01 /4", "smsw r16 | 66 0f 01 /4", "smsw r32 | 0f 01 /4", "smsw r64 | W 0f 01 /4", "lmsw rm16 | 0f 01 /6", "invlpg m | 0f 01 /7",
    "lar{wlq} rm,r | 0f 02 /r", "lsl{wlq} rm,r | 0f 03 /r",
    // gas takes no size suffix on these: the register says it.
    "rdrand r16 | 66 0f c7 /6", "rdrand r32 | 0f c7 /6", "rdrand r64 | W 0f c7 /6",
    "rdseed r16 | 66 0f c7 /7", "rdseed r32 | 0f c7 /7", "rdseed r64 | W 0f c7 /7", "rdpid r64 | f3 0f c7 /7",
    ...["rdfsbase", "rdgsbase", "wrfsbase", "wrgsbase"].flatMap((n, k) => [`${n} r32 | f3 0f ae /${k}`, `${n} r64 | f3 W 0f ae /${k}`]),
    "xsave m | 0f ae /4", "xrstor m | 0f ae /5", "xsaveopt m | 0f ae /6",
    "xsave64 m | W 0f ae /4", "xrstor64 m | W 0f ae /5", "xsaveopt64 m | W 0f ae /6",
    "xsavec m | 0f c7 /4", "xsavec64 m | W 0f c7 /4", "xsaves m | 0f c7 /5", "xsaves64 m | W 0f c7 /5",
    "xrstors m | 0f c7 /3", "xrstors64 m | W 0f c7 /3", "fxsave64 m | W 0f ae /0", "fxrstor64 m | W 0f ae /1",
    "fxsaveq m | W 0f ae /0", "fxrstorq m | W 0f ae /1",
    "clflushopt m | 66 0f ae /7", "clwb m | 66 0f ae /6", "invpcid m,r64 | 66 0f 38 82 /r",
    "insb | 6c", "insw | 66 6d", "insl | 6d", "outsb | 6e", "outsw | 66 6f", "outsl | 6f",
    "in{b} dx,acc | ec", "in{wl} dx,acc | ed", "in{b} ib,acc | e4 ib", "in{wl} ib,acc | e5 ib",
    "out{b} acc,dx | ee", "out{wl} acc,dx | ef", "out{b} acc,ib | e6 ib", "out{wl} acc,ib | e7 ib",
    // Control and debug registers move as 64-bit values without REX.W.
    "mov cr,r64 | 0f 20 /r", "movq cr,r64 | 0f 20 /r", "mov r64,cr | 0f 22 /r", "movq r64,cr | 0f 22 /r",
    "mov dr,r64 | 0f 21 /r", "movq dr,r64 | 0f 21 /r", "mov r64,dr | 0f 23 /r", "movq r64,dr | 0f 23 /r",
    // Segment registers: a memory operand is always 16 bits (no operand-size prefix).
    "mov sreg,m | 8c /r", "movw sreg,m | 8c /r", "mov sreg,r16 | 66 8c /r", "movw sreg,r16 | 66 8c /r",
    "mov sreg,r32 | 8c /r", "movl sreg,r32 | 8c /r", "mov sreg,r64 | 8c /r", "movq sreg,r64 | 8c /r",
    "mov m,sreg | 8e /r", "movw m,sreg | 8e /r", "mov r16,sreg | 8e /r", "movw r16,sreg | 8e /r",
    "mov r32,sreg | 8e /r", "movl r32,sreg | 8e /r", "mov r64,sreg | 8e /r", "movq r64,sreg | 8e /r",
    "push fs | 0f a0", "pushq fs | 0f a0", "pop fs | 0f a1", "popq fs | 0f a1",
    "push gs | 0f a8", "pushq gs | 0f a8", "pop gs | 0f a9", "popq gs | 0f a9",
  ];
}

export const FORM_LINES: readonly string[] = [...integerForms(), ...x87Forms(), ...sseForms(), ...systemForms(), ...vexForms()];
