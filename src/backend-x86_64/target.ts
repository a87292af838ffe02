// The x86_64 target: SysV AMD64 ABI, the x86_64 code generator, GNU as
// syntax (src/asm/x86_64) and the linker's x86_64 relocations.

import { DATA_LAYOUTS } from "../target.js";
import type { Target } from "../targets.js";
import type { Inst } from "../asm/x86_64/inst.js";
import { x86_64Assembler } from "../asm/x86_64/arch.js";
import { printAsm } from "../asm/x86_64/printer.js";
import { X86_64 } from "../link/x86_64.js";
import { SYSV_ABI } from "./abi.js";
import { emitModuleLines } from "./index.js";
import { X86_REGS } from "./regs.js";
import { X86_64_TOOLCHAIN } from "./toolchain.js";

export const X86_64_TARGET: Target<Inst> = {
  arch: "x86_64",
  layout: DATA_LAYOUTS.x86_64,
  toolchain: X86_64_TOOLCHAIN,
  assembler: () => x86_64Assembler,
  link: X86_64,
  codegen: { abi: SYSV_ABI, regs: X86_REGS, emit: emitModuleLines, print: printAsm },
};
