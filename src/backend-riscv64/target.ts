// The riscv64 target: LP64D, the riscv64 code generator, gas syntax
// (src/asm/riscv64) and the linker's riscv64 relocations and relaxation.

import { DATA_LAYOUTS } from "../target.js";
import type { Target } from "../targets.js";
import type { Inst } from "../asm/riscv64/inst.js";
import { riscv64Assembler } from "../asm/riscv64/arch.js";
import { printAsm } from "../asm/riscv64/printer.js";
import { RISCV64 } from "../link/riscv64.js";
import { LP64D_ABI } from "./abi.js";
import { emitModuleLines } from "./index.js";
import { RV_REGS } from "./regs.js";
import { RISCV64_TOOLCHAIN } from "./toolchain.js";

export const RISCV64_TARGET: Target<Inst> = {
  arch: "riscv64",
  layout: DATA_LAYOUTS.riscv64,
  toolchain: RISCV64_TOOLCHAIN,
  assembler: riscv64Assembler,
  link: RISCV64,
  codegen: { abi: LP64D_ABI, regs: RV_REGS, emit: emitModuleLines, print: printAsm },
};
