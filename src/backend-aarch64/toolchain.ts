import { DATA_LAYOUTS } from "../target.js";
import type { Toolchain } from "../toolchain.js";

export const AARCH64_TOOLCHAIN: Toolchain = {
  arch: "aarch64",
  layout: DATA_LAYOUTS.aarch64,
  triple: "aarch64-linux-gnu",
  aliases: ["aarch64", "arm64"],
  binutilsPrefix: "aarch64-linux-gnu-",
  ldEmulation: "aarch64linux",
  ldExtraFlags: ["-EL", "-X"],
  dynamicLinker: "/lib/ld-linux-aarch64.so.1",
  crossRoot: "/usr/aarch64-linux-gnu",
  qemu: "qemu-aarch64",
};
