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
};
