// The x86_64 -m options that change code generation, as gcc 12 defines them,
// read once from the command line's list (the driver checks the spelling,
// the code generator reads the result):
//
//   -mno-sse -mno-sse2 -mno-mmx -mno-80387 -msoft-float -mgeneral-regs-only
//       no xmm/x87 register is touched: the varargs prologue saves no vector
//       registers, variadic calls still set %al (to 0), block copies and
//       fills use general registers (they always do), and a float value that
//       would need an SSE or x87 register is an error, as gcc's "SSE register
//       return with SSE disabled". (gcc still copies a double through general
//       registers and passes one on the stack; tscc refuses every float value
//       in such a unit: the kernel has none.)
//   -mcmodel=kernel   symbols live in the top 2 GiB, so a symbol's address is
//       a sign-extended 32-bit immediate: `movq $sym, %reg` and `sym(%reg)`
//       (R_X86_64_32S); pc-relative forms stay valid. Refused with -fpic, as
//       gcc does. -mcmodel=medium/large are refused (not implemented).
//   -mpreferred-stack-boundary=N   the stack is kept 2^N aligned (3..12):
//       frames round to that, and an object needing more than it is carved out
//       of the stack at run time (as over-aligned objects always are).
//   -mno-red-zone     what tscc does anyway: nothing is ever stored below
//       %rsp (every frame slot is inside the frame allocated by the prologue).
//   -mskip-rax-setup  with SSE off, variadic calls leave %al alone (no vector
//       register can carry an argument, gcc's definition).
//   -mindirect-branch=thunk-extern  indirect calls and jumps go through
//       `__x86_indirect_thunk_<reg>` (retpoline, the thunks are the program's);
//       jump tables are not made (their jump is indirect). The target is in a
//       register already, so -mindirect-branch-register asks nothing more.
//   -mfunction-return=thunk-extern  `ret` becomes `jmp __x86_return_thunk`.
//   -mharden-sls=all|return|indirect-jmp  an `int3` after each `ret` and/or
//       indirect `jmp`, so straight-line speculation past it stops.

import type { MachineOptions, MachineMacros } from "../toolchain.js";

export interface X86Machine {
  readonly sse: boolean;
  readonly sse2: boolean;
  readonly mmx: boolean;
  /** x87 instructions allowed (-m80387, the default). */
  readonly x87: boolean;
  /** long double returns in %st(0) (-mfp-ret-in-387, the default). */
  readonly fpRetIn387: boolean;
  readonly codeModel: "small" | "kernel";
  /** Bytes the stack is kept aligned to (2^N of -mpreferred-stack-boundary=N). */
  readonly stackAlign: number;
  readonly skipRaxSetup: boolean;
  readonly indirectThunk: boolean;
  readonly returnThunk: boolean;
  readonly slsReturn: boolean;
  readonly slsIndirectJmp: boolean;
}

export const DEFAULT_X86_MACHINE: X86Machine = {
  sse: true, sse2: true, mmx: true, x87: true, fpRetIn387: true, codeModel: "small", stackAlign: 16,
  skipRaxSetup: false, indirectThunk: false, returnThunk: false, slsReturn: false, slsIndirectJmp: false,
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Setter = (m: Mutable<X86Machine>) => void;

/** Whole options (after `-m`) and what each sets; gcc's pairs imply as gcc does (-mno-sse turns SSE2 off, -msse2 turns SSE on). */
const FLAGS: Readonly<Record<string, Setter>> = {
  "sse": (m) => { m.sse = true; },
  "no-sse": (m) => { m.sse = false; m.sse2 = false; },
  "sse2": (m) => { m.sse = true; m.sse2 = true; },
  "no-sse2": (m) => { m.sse2 = false; },
  "mmx": (m) => { m.mmx = true; },
  "no-mmx": (m) => { m.mmx = false; },
  "80387": (m) => { m.x87 = true; },
  "hard-float": (m) => { m.x87 = true; },
  "no-80387": (m) => { m.x87 = false; },
  "soft-float": (m) => { m.x87 = false; },
  "fp-ret-in-387": (m) => { m.fpRetIn387 = true; },
  "no-fp-ret-in-387": (m) => { m.fpRetIn387 = false; },
  "general-regs-only": (m) => { m.sse = false; m.sse2 = false; m.mmx = false; m.x87 = false; },
  // tscc generates no 3DNow! or AVX code: turning them off asks for what it does.
  "no-3dnow": () => {},
  "no-avx": () => {},
  // tscc never stores below %rsp (see the header).
  "red-zone": () => {},
  "no-red-zone": () => {},
  "skip-rax-setup": (m) => { m.skipRaxSetup = true; },
  "no-skip-rax-setup": (m) => { m.skipRaxSetup = false; },
  // The thunk's target is always in a register already (tscc never calls through memory).
  "indirect-branch-register": () => {},
  "no-indirect-branch-register": () => {},
};

/** Joined options (`cmodel=`) and their accepted values. */
const VALUES: Readonly<Record<string, Readonly<Record<string, Setter>>>> = {
  "cmodel=": { small: (m) => { m.codeModel = "small"; }, kernel: (m) => { m.codeModel = "kernel"; } },
  "preferred-stack-boundary=": Object.fromEntries(
    Array.from({ length: 10 }, (_, k) => k + 3).map((n): [string, Setter] => [String(n), (m) => { m.stackAlign = 2 ** n; }]),
  ),
  "indirect-branch=": { keep: (m) => { m.indirectThunk = false; }, "thunk-extern": (m) => { m.indirectThunk = true; } },
  "function-return=": { keep: (m) => { m.returnThunk = false; }, "thunk-extern": (m) => { m.returnThunk = true; } },
  "harden-sls=": {
    none: (m) => { m.slsReturn = false; m.slsIndirectJmp = false; },
    return: (m) => { m.slsReturn = true; m.slsIndirectJmp = false; },
    "indirect-jmp": (m) => { m.slsReturn = false; m.slsIndirectJmp = true; },
    all: (m) => { m.slsReturn = true; m.slsIndirectJmp = true; },
  },
};

function setterOf(v: string): Setter | undefined {
  const flag = FLAGS[v];
  if (flag) return flag;
  const eq = v.indexOf("=");
  return eq < 0 ? undefined : VALUES[v.slice(0, eq + 1)]?.[v.slice(eq + 1)];
}

/** The machine a list of accepted -m options (command-line order) describes. */
export function x86Machine(list: readonly string[]): X86Machine {
  const m: Mutable<X86Machine> = { ...DEFAULT_X86_MACHINE };
  for (const v of list) setterOf(v)?.(m);
  return m;
}

/** gcc's macros that follow these options (checked against gcc 12's -dM output in tests/unit/x86-machine.test.ts). */
function macros(list: readonly string[], pic: boolean): MachineMacros | { error: string } {
  const m = x86Machine(list);
  if (m.codeModel === "kernel" && pic) return { error: "code model kernel does not support PIC mode" };
  const undef: string[] = [];
  const define: string[] = [];
  if (!m.sse) undef.push("__SSE__", "__SSE_MATH__");
  if (!m.sse2) undef.push("__SSE2__", "__SSE2_MATH__", "__MMX_WITH_SSE__");
  if (!m.mmx) undef.push("__MMX__");
  if (!m.x87) define.push("_SOFT_FLOAT");
  if (!m.x87 && !m.sse) {
    // No floating-point hardware at all: gcc stops claiming IEC 60559 conformance.
    undef.push("__GCC_IEC_559", "__GCC_IEC_559_COMPLEX", "__STDC_IEC_559__", "__STDC_IEC_559_COMPLEX__",
      "__STDC_IEC_60559_BFP__", "__STDC_IEC_60559_COMPLEX__");
    define.push("__GCC_IEC_559=0", "__GCC_IEC_559_COMPLEX=0");
  } else if (!m.sse || !m.sse2) {
    // float and double arithmetic on the x87 (2), or float in SSE and double on the x87 (-1).
    const method = m.sse ? "-1" : "2";
    undef.push("__FLT_EVAL_METHOD__", "__FLT_EVAL_METHOD_TS_18661_3__");
    define.push(`__FLT_EVAL_METHOD__=${method}`, `__FLT_EVAL_METHOD_TS_18661_3__=${method}`);
  }
  if (m.codeModel === "kernel") { undef.push("__code_model_small__"); define.push("__code_model_kernel__=1"); }
  return { undef, define };
}

export const X86_MACHINE_OPTIONS: MachineOptions = {
  accepts: (v) => setterOf(v) !== undefined,
  macros,
};
