// The GNU ld argument list gcc would pass (collect2) for the host's x86_64
// glibc, for each link kind — the same lines src/driver/jobs.ts builds.
// Shared by the end-to-end tests and the torture-link harness.

import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";

export type LinkKind = "pie" | "no-pie" | "static" | "static-pie";
/** The kinds every test runs; static-pie is checked separately. */
export const LINK_KINDS: readonly LinkKind[] = ["pie", "no-pie", "static"];

const fileCache = new Map<string, string>();
/** Where gcc finds one of its start files (crt1.o, crtbeginS.o …). */
export function gccFile(name: string): string {
  let p = fileCache.get(name);
  if (!p) {
    p = resolve(execFileSync("gcc", [`-print-file-name=${name}`], { encoding: "utf8" }).trim());
    fileCache.set(name, p);
  }
  return p;
}

/** gcc -shared's line for a shared object. */
export function sharedLinkLine(output: string, inputs: readonly string[], soname?: string): string[] {
  const gccDir = dirname(gccFile("crtbegin.o"));
  const libDir = dirname(gccFile("crt1.o"));
  return ["--build-id", "--eh-frame-hdr", "-m", "elf_x86_64", "--hash-style=gnu", "-shared", ...(soname ? ["-soname", soname] : []),
    "-o", output, gccFile("crti.o"), gccFile("crtbeginS.o"), `-L${gccDir}`, `-L${libDir}`, ...inputs,
    "-lgcc", "--push-state", "--as-needed", "-lgcc_s", "--pop-state", "-lc", "-lgcc", gccFile("crtendS.o"), gccFile("crtn.o")];
}

export function linkLine(kind: LinkKind, output: string, inputs: readonly string[], libs: readonly string[] = []): string[] {
  const gccDir = dirname(gccFile("crtbegin.o"));
  const libDir = dirname(gccFile("crt1.o"));
  const dirs = [`-L${gccDir}`, `-L${libDir}`, "-L/lib/x86_64-linux-gnu", "-L/usr/lib/x86_64-linux-gnu", "-L/usr/lib"];
  const head = ["--build-id", "--eh-frame-hdr", "-m", "elf_x86_64", "--hash-style=gnu"];
  const libgccShared = ["--push-state", "--as-needed", "-lgcc_s", "--pop-state"];
  switch (kind) {
    case "pie":
      return [...head, "--as-needed", "-dynamic-linker", "/lib64/ld-linux-x86-64.so.2", "-pie", "-o", output,
        gccFile("Scrt1.o"), gccFile("crti.o"), gccFile("crtbeginS.o"), ...dirs, ...inputs, ...libs,
        "-lgcc", ...libgccShared, "-lc", "-lgcc", ...libgccShared, gccFile("crtendS.o"), gccFile("crtn.o")];
    case "no-pie":
      return [...head, "--as-needed", "-dynamic-linker", "/lib64/ld-linux-x86-64.so.2", "-no-pie", "-o", output,
        gccFile("crt1.o"), gccFile("crti.o"), gccFile("crtbegin.o"), ...dirs, ...inputs, ...libs,
        "-lgcc", ...libgccShared, "-lc", "-lgcc", ...libgccShared, gccFile("crtend.o"), gccFile("crtn.o")];
    case "static":
      return [...head, "-static", "-o", output, gccFile("crt1.o"), gccFile("crti.o"), gccFile("crtbeginT.o"), ...dirs,
        ...inputs, ...libs, "--start-group", "-lgcc", "-lgcc_eh", "-lc", "--end-group", gccFile("crtend.o"), gccFile("crtn.o")];
    case "static-pie":
      return [...head, "-static", "-pie", "--no-dynamic-linker", "-z", "text", "-o", output, gccFile("rcrt1.o"), gccFile("crti.o"),
        gccFile("crtbeginS.o"), ...dirs, ...inputs, ...libs, "--start-group", "-lgcc", "-lgcc_eh", "-lc", "--end-group",
        gccFile("crtendS.o"), gccFile("crtn.o")];
  }
}
