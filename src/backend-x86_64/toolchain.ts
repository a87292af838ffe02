import { DATA_LAYOUTS } from "../target.js";
import type { Toolchain } from "../toolchain.js";
import { X86_MACHINE_OPTIONS } from "./machine.js";

export const X86_64_TOOLCHAIN: Toolchain = {
  arch: "x86_64",
  layout: DATA_LAYOUTS.x86_64,
  triple: "x86_64-linux-gnu",
  aliases: ["x86_64", "x86-64", "amd64"],
  binutilsPrefix: "x86_64-linux-gnu-",
  ldEmulation: "elf_x86_64",
  ldExtraFlags: [],
  dynamicLinker: "/lib64/ld-linux-x86-64.so.2",
  crossRoot: "/usr/x86_64-linux-gnu",
  qemu: "qemu-x86_64",
  // x86-64 baseline ISA and SysV ABI: what tscc's x86_64 backend generates.
  // The options that change code generation are machineOptions (machine.ts).
  mOptions: {
    exact: ["64", "no-stv", "stv", "fxsr", "ieee-fp", "long-double-80",
      "omit-leaf-frame-pointer", "no-omit-leaf-frame-pointer", "stackrealign",
      "no-avx512f", "no-80387-unused", "align-stringops", "no-align-stringops",
      "needed", "no-needed"],
    values: {
      "arch=": [], "tune=": ["*"], "fpmath=": ["sse"], "abi=": ["sysv"],
      "incoming-stack-boundary=": ["4"], "tls-dialect=": ["gnu"],
      "stringop-strategy=": ["*"], "memcpy-strategy=": ["*"], "memset-strategy=": ["*"], "branch-cost=": ["*"],
    },
  },
  // Extensions above the x86-64 baseline (SSE2) whose instructions tscc's
  // assembler encodes: their -m options define gcc's macros for the
  // intrinsics headers (tscc's own code generation stays at the baseline).
  isa: {
    features: {
      "sse3": { macros: ["__SSE3__"], requires: [], implies: [] },
      "ssse3": { macros: ["__SSSE3__"], requires: ["sse3"], implies: [] },
      "sse4.1": { macros: ["__SSE4_1__"], requires: ["ssse3"], implies: [] },
      "sse4.2": { macros: ["__SSE4_2__"], requires: ["sse4.1"], implies: ["popcnt", "crc32"] },
      "popcnt": { macros: ["__POPCNT__"], requires: [], implies: [] },
      "crc32": { macros: ["__CRC32__"], requires: [], implies: [] },
      "lzcnt": { macros: ["__LZCNT__"], requires: [], implies: [] },
      "abm": { macros: ["__ABM__"], requires: [], implies: ["lzcnt", "popcnt"] },
      "aes": { macros: ["__AES__"], requires: [], implies: [] },
      "pclmul": { macros: ["__PCLMUL__"], requires: [], implies: [] },
      "bmi": { macros: ["__BMI__"], requires: [], implies: [] },
      "bmi2": { macros: ["__BMI2__"], requires: [], implies: [] },
      "xsave": { macros: ["__XSAVE__"], requires: [], implies: [] },
      "avx": { macros: ["__AVX__"], requires: ["sse4.2", "xsave"], implies: [], biggestAlignment: 32 },
      "avx2": { macros: ["__AVX2__"], requires: ["avx"], implies: [] },
      // gcc also says fma() is fast (math.h's FP_FAST_FMA).
      "fma": { macros: ["__FMA__", "__FP_FAST_FMA", "__FP_FAST_FMAF", "__FP_FAST_FMAF32", "__FP_FAST_FMAF64", "__FP_FAST_FMAF32x"], requires: ["avx"], implies: [] },
      "f16c": { macros: ["__F16C__"], requires: ["avx"], implies: [] },
      "sahf": { macros: ["__LAHF_SAHF__"], requires: [], implies: [] },
    },
    aliases: { "sse4": "sse4.2" },
    offAliases: { "sse4": "sse4.1" },
    march: {
      "x86-64": [],
    },
  },
  // x87 precision control (bits 8-9 of the control word) set before main, as gcc's crtprec*.o do.
  startObjects: {
    "pc32": { object: "crtprec32.o", source: "x86_64/crtprec.c", defines: ["TSCC_X87_PRECISION=0x000"] },
    "pc64": { object: "crtprec64.o", source: "x86_64/crtprec.c", defines: ["TSCC_X87_PRECISION=0x200"] },
    "pc80": null,
  },
  cfProtection: true,
  machineOptions: X86_MACHINE_OPTIONS,
};
