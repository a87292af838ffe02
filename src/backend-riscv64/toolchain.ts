import { DATA_LAYOUTS } from "../target.js";
import type { Toolchain } from "../toolchain.js";

export const RISCV64_TOOLCHAIN: Toolchain = {
  arch: "riscv64",
  layout: DATA_LAYOUTS.riscv64,
  triple: "riscv64-linux-gnu",
  aliases: ["riscv64", "rv64", "rv64gc"],
  binutilsPrefix: "riscv64-linux-gnu-",
  ldEmulation: "elf64lriscv",
  ldExtraFlags: [],
  dynamicLinker: "/lib/ld-linux-riscv64-lp64d.so.1",
  crossRoot: "/usr/riscv64-linux-gnu",
  qemu: "qemu-riscv64",
};
