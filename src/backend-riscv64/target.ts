// The riscv64 target: what exists so far (data layout, toolchain, assembler, link target).
// No code generator yet: compiling C for riscv64 reports that plainly.

import { DATA_LAYOUTS } from "../target.js";
import type { Target } from "../targets.js";
import { riscv64Assembler } from "../asm/riscv64/arch.js";
import { RISCV64 } from "../link/riscv64.js";
import { RISCV64_TOOLCHAIN } from "./toolchain.js";

export const RISCV64_TARGET: Target = {
  arch: "riscv64",
  layout: DATA_LAYOUTS.riscv64,
  toolchain: RISCV64_TOOLCHAIN,
  assembler: riscv64Assembler,
  link: RISCV64,
};
