// The GNU ld argument lists the Debian cross compilers (riscv64-linux-gnu-gcc,
// aarch64-linux-gnu-gcc 12) pass to collect2, per link kind, as `gcc -v`
// prints them (without the LTO plugin options). The cross-target counterpart
// of gnu-link-line.ts, for the torture-link harness and the unit tests.

import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import type { LinkKind } from "./gnu-link-line.js";

export type CrossArch = "riscv64" | "aarch64";
export type CrossKind = LinkKind | "shared";

interface Toolchain {
  triple: string;
  /** -m and the target-specific flags gcc adds. */
  head: readonly string[];
  dynamicLinker: string;
}

export const TOOLCHAINS: Record<CrossArch, Toolchain> = {
  riscv64: { triple: "riscv64-linux-gnu", head: ["-melf64lriscv"], dynamicLinker: "/lib/ld-linux-riscv64-lp64d.so.1" },
  aarch64: { triple: "aarch64-linux-gnu", head: ["-X", "-EL", "-maarch64linux", "--fix-cortex-a53-843419"], dynamicLinker: "/lib/ld-linux-aarch64.so.1" },
};

export const crossGcc = (arch: CrossArch): string => `${TOOLCHAINS[arch].triple}-gcc`;
/** The sysroot qemu-user needs (-L) to find the dynamic linker and libraries. */
export const crossSysroot = (arch: CrossArch): string => `/usr/${TOOLCHAINS[arch].triple}`;

const fileCache = new Map<string, string>();
export function crossFile(arch: CrossArch, name: string): string {
  const key = `${arch}:${name}`;
  let p = fileCache.get(key);
  if (!p) {
    p = resolve(execFileSync(crossGcc(arch), [`-print-file-name=${name}`], { encoding: "utf8" }).trim());
    fileCache.set(key, p);
  }
  return p;
}

export function crossLinkLine(arch: CrossArch, kind: CrossKind, output: string, inputs: readonly string[], libs: readonly string[] = []): string[] {
  const t = TOOLCHAINS[arch];
  const f = (name: string): string => crossFile(arch, name);
  const dirs = [`-L${dirname(f("crtbegin.o"))}`, `-L${dirname(f("crt1.o"))}`];
  const head = ["--sysroot=/", "--build-id", ...(kind === "static" ? [] : ["--eh-frame-hdr"]), "--hash-style=gnu", "--as-needed"];
  const libgccShared = ["--push-state", "--as-needed", "-lgcc_s", "--pop-state"];
  const dynamicTail = ["-lgcc", ...libgccShared, "-lc", "-lgcc", ...libgccShared];
  switch (kind) {
    case "pie":
      return [...head, "-dynamic-linker", t.dynamicLinker, ...t.head, "-pie", "-o", output, f("Scrt1.o"), f("crti.o"), f("crtbeginS.o"),
        ...dirs, ...inputs, ...libs, ...dynamicTail, f("crtendS.o"), f("crtn.o")];
    case "no-pie":
      return [...head, "-dynamic-linker", t.dynamicLinker, ...t.head, "-no-pie", "-o", output, f("crt1.o"), f("crti.o"), f("crtbegin.o"),
        ...dirs, ...inputs, ...libs, ...dynamicTail, f("crtend.o"), f("crtn.o")];
    case "static":
      return [...head, ...t.head, "-static", "-o", output, f("crt1.o"), f("crti.o"), f("crtbeginT.o"), ...dirs, ...inputs, ...libs,
        "--start-group", "-lgcc", "-lgcc_eh", "-lc", "--end-group", f("crtend.o"), f("crtn.o")];
    case "static-pie":
      return [...head, ...t.head, "-static", "-pie", "--no-dynamic-linker", "-z", "text", "-o", output, f("rcrt1.o"), f("crti.o"),
        f("crtbeginS.o"), ...dirs, ...inputs, ...libs, "--start-group", "-lgcc", "-lgcc_eh", "-lc", "--end-group", f("crtendS.o"), f("crtn.o")];
    case "shared":
      return [...head, ...t.head, "-shared", "-o", output, f("crti.o"), f("crtbeginS.o"), ...dirs, ...inputs, ...libs,
        ...dynamicTail, f("crtendS.o"), f("crtn.o")];
  }
}
