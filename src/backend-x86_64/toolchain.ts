import { DATA_LAYOUTS } from "../target.js";
import type { Toolchain } from "../toolchain.js";

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
  // x86-64 baseline ISA and SysV ABI: what tscc's x86_64 backend generates. It
  // never uses the red zone, so -mno-red-zone is what it does anyway.
  mOptions: {
    exact: ["64", "sse", "sse2", "mmx", "no-mmx", "no-stv", "stv", "fxsr", "80387", "fp-ret-in-387", "ieee-fp", "hard-float", "long-double-80",
      "red-zone", "no-red-zone", "omit-leaf-frame-pointer", "no-omit-leaf-frame-pointer", "stackrealign",
      "no-sse3", "no-ssse3", "no-sse4", "no-sse4.1", "no-sse4.2", "no-avx", "no-avx2", "no-avx512f", "no-fma",
      "no-bmi", "no-bmi2", "no-popcnt", "no-lzcnt", "no-3dnow", "no-80387-unused", "align-stringops", "no-align-stringops",
      "needed", "no-needed"],
    values: {
      "arch=": ["x86-64"], "tune=": ["*"], "cmodel=": ["small"], "fpmath=": ["sse"], "abi=": ["sysv"],
      "preferred-stack-boundary=": ["4"], "incoming-stack-boundary=": ["4"], "tls-dialect=": ["gnu"],
      "stringop-strategy=": ["*"], "memcpy-strategy=": ["*"], "memset-strategy=": ["*"], "branch-cost=": ["*"],
    },
  },
  // x87 precision control (bits 8-9 of the control word) set before main, as gcc's crtprec*.o do.
  startObjects: {
    "pc32": { object: "crtprec32.o", source: "x86_64/crtprec.c", defines: ["TSCC_X87_PRECISION=0x000"] },
    "pc64": { object: "crtprec64.o", source: "x86_64/crtprec.c", defines: ["TSCC_X87_PRECISION=0x200"] },
    "pc80": null,
  },
  cfProtection: true,
};
