// The aarch64 target: what exists so far (data layout, toolchain, assembler, link target).
// No code generator yet: compiling C for aarch64 reports that plainly.

import { DATA_LAYOUTS } from "../target.js";
import type { Target } from "../targets.js";
import { aarch64 } from "../asm/aarch64/arch.js";
import { AARCH64_TOOLCHAIN } from "./toolchain.js";
import { AARCH64 } from "../link/aarch64.js";

export const AARCH64_TARGET: Target = {
  arch: "aarch64",
  layout: DATA_LAYOUTS.aarch64,
  toolchain: AARCH64_TOOLCHAIN,
  assembler: aarch64,
  link: AARCH64,
};
