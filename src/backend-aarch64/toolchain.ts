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
  // The code generator targets the LP64 ABI and the base architecture (no LSE, no SVE).
  mOptions: {
    exact: ["little-endian", "strict-align", "no-strict-align", "outline-atomics", "no-outline-atomics",
      "fix-cortex-a53-835769", "no-fix-cortex-a53-835769", "fix-cortex-a53-843419", "no-fix-cortex-a53-843419"],
    values: { "abi=": ["lp64"], "arch=": ["armv8-a"], "tune=": ["*"], "cpu=": ["generic"], "cmodel=": ["small"],
      "branch-protection=": ["none"], "tls-dialect=": ["desc"] },
  },
  startObjects: {},
  cfProtection: false,
};
