// Target selection (-target / --target= / the host) and where each target's
// headers, start files and libraries live: the host's /usr/include and
// /usr/lib/<triple> for the host, Debian's cross roots (/usr/<triple>) for
// the others, or a --sysroot laid out like a Debian system.

import { existsSync, readdirSync } from "node:fs";
import { arch as hostArch } from "node:os";
import { join } from "node:path";
import { TARGET_LIST, targetFor } from "../targets.js";
import type { Toolchain } from "../toolchain.js";

export const TOOLCHAINS: readonly Toolchain[] = TARGET_LIST.map((t) => t.toolchain);

/** Node's names for architectures where they differ from the targets'. */
const NODE_ARCH_NAMES: Readonly<Record<string, string>> = { x64: "x86_64", arm64: "aarch64" };

export function hostToolchain(): Toolchain {
  const arch = hostArch();
  return (targetFor(NODE_ARCH_NAMES[arch] ?? arch) ?? TARGET_LIST[0]!).toolchain;
}

/** `x86_64`, `arm64`, `riscv64-linux-gnu`, `aarch64-unknown-linux-gnu`… → a toolchain, or undefined. */
export function findToolchain(name: string): Toolchain | undefined {
  const lower = name.toLowerCase();
  for (const tc of TOOLCHAINS) {
    if (tc.aliases.includes(lower) || lower === tc.triple) return tc;
    const archPart = lower.split("-")[0];
    if (lower.includes("-") && tc.aliases.includes(archPart) && /linux|elf|none|unknown|pc/.test(lower)) return tc;
  }
  return undefined;
}

/** Where headers, libraries and start files are found for one target. */
export interface SysrootLayout {
  /** The --sysroot handed to ld (absolute paths in linker scripts resolve inside it), or "". */
  readonly linkerSysroot: string;
  readonly systemIncludeDirs: readonly string[];
  readonly libraryDirs: readonly string[];
  /** gcc's per-target directory (crtbegin*.o, libgcc.a) if a gcc is installed: used only with the system linker. */
  readonly gccLibDir: string | undefined;
}

export function sysrootLayout(tc: Toolchain, sysroot: string | undefined): SysrootLayout {
  const isHost = tc === hostToolchain();
  const gccLibDir = findGccLibDir(tc, isHost);
  if (sysroot !== undefined) {
    return {
      linkerSysroot: sysroot,
      systemIncludeDirs: [join(sysroot, "usr/local/include"), join(sysroot, "usr/include", tc.triple), join(sysroot, "usr/include")],
      libraryDirs: [join(sysroot, "lib", tc.triple), join(sysroot, "usr/lib", tc.triple), join(sysroot, "lib"), join(sysroot, "usr/lib")],
      gccLibDir,
    };
  }
  if (isHost) {
    return {
      linkerSysroot: "",
      systemIncludeDirs: ["/usr/local/include", `/usr/include/${tc.triple}`, "/usr/include"],
      libraryDirs: [`/lib/${tc.triple}`, `/usr/lib/${tc.triple}`, "/lib", "/usr/lib"],
      gccLibDir,
    };
  }
  return {
    linkerSysroot: "",
    systemIncludeDirs: [join(tc.crossRoot, "include")],
    libraryDirs: [join(tc.crossRoot, "lib")],
    gccLibDir,
  };
}

/** gcc's per-target directory; TSCC_NO_GCC=1 pretends there is none (to test that links do without). */
function findGccLibDir(tc: Toolchain, isHost: boolean): string | undefined {
  if (process.env.TSCC_NO_GCC) return undefined;
  const base = isHost ? `/usr/lib/gcc/${tc.triple}` : `/usr/lib/gcc-cross/${tc.triple}`;
  let versions: string[];
  try {
    versions = readdirSync(base);
  } catch {
    return undefined;
  }
  versions.sort((a, b) => parseInt(b, 10) - parseInt(a, 10));
  for (const v of versions) {
    const dir = join(base, v);
    if (existsSync(join(dir, "crtbeginS.o"))) return dir;
  }
  return undefined;
}

/** A binutils program for this target: the host's own `as`/`ld`, or the cross-prefixed one. */
export function binutilsProgram(tc: Toolchain, name: "as" | "ld" | "ar" | "objcopy"): string {
  return tc === hostToolchain() ? name : tc.binutilsPrefix + name;
}
