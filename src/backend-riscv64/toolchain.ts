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
  // No riscv64 code generator yet: the default ABI and RV64GC only.
  mOptions: {
    exact: ["relax", "no-relax", "plt", "no-plt", "save-restore", "no-save-restore", "strict-align", "no-strict-align",
      "explicit-relocs", "no-explicit-relocs", "riscv-attribute", "no-riscv-attribute", "div", "fdiv"],
    values: { "abi=": ["lp64d"], "arch=": ["rv64gc", "rv64imafdc", "rv64gc_zicsr_zifencei", "rv64imafdc_zicsr_zifencei"],
      "tune=": ["*"], "cpu=": ["sifive-u54", "sifive-u74"], "cmodel=": ["medlow", "medany"], "small-data-limit=": ["*"] },
  },
  startObjects: {},
  cfProtection: false,
};
