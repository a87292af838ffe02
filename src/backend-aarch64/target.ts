// The aarch64 target: AAPCS64, the aarch64 code generator, GNU as syntax
// (src/asm/aarch64) and the linker's aarch64 relocations.

import { DATA_LAYOUTS } from "../target.js";
import type { Target } from "../targets.js";
import type { Inst } from "../asm/aarch64/inst.js";
import { aarch64 } from "../asm/aarch64/arch.js";
import { printAssembly } from "../asm/aarch64/printer.js";
import { AARCH64 } from "../link/aarch64.js";
import { AARCH64_TOOLCHAIN } from "./toolchain.js";
import { AAPCS64_ABI } from "./abi.js";
import { emitModuleLines } from "./index.js";
import { A64_REGS } from "./regs.js";

export const AARCH64_TARGET: Target<Inst> = {
  arch: "aarch64",
  layout: DATA_LAYOUTS.aarch64,
  toolchain: AARCH64_TOOLCHAIN,
  assembler: aarch64,
  link: AARCH64,
  codegen: { abi: AAPCS64_ABI, regs: A64_REGS, emit: emitModuleLines, print: printAssembly },
};
