// The ABI interop matrix (tests/abi/generate.ts): 500 generated signatures,
// one half compiled by gcc and the other by tscc, in both directions; every
// argument and result must arrive intact. x86_64 natively, riscv64 against
// riscv64-linux-gnu-gcc under qemu-user.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../abi/generate.js";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { type Need, requireBundleForEach, requireForEach } from "./require.js";

const TSCC = TSCC_BUNDLE_PATH;
const work = mkdtempSync(join(tmpdir(), "tscc-abi-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const files = generate(1, 500);
writeFileSync(join(work, "callee.c"), files.callee);
writeFileSync(join(work, "caller.c"), files.caller);

const A64_SYSROOT = "/usr/aarch64-linux-gnu";
const TARGETS: { arch: string; gcc: string; run: (exe: string) => string[]; needs: Need[] }[] = [
  { arch: "x86_64", gcc: "gcc", run: (exe) => [exe], needs: [{ hostArch: "x64" }] },
  {
    arch: "aarch64", gcc: "aarch64-linux-gnu-gcc", run: (exe) => ["qemu-aarch64", "-L", A64_SYSROOT, exe],
    needs: ["qemu-aarch64", { file: `${A64_SYSROOT}/lib/libc.so.6`, what: "the aarch64 C library" }],
  },
  { arch: "riscv64", gcc: "riscv64-linux-gnu-gcc", run: (exe) => ["qemu-riscv64", "-L", "/usr/riscv64-linux-gnu", exe], needs: ["qemu-riscv64"] },
];

function compile(cc: "gcc" | "tscc", arch: string, gcc: string, src: string, out: string): string {
  const r = cc === "gcc"
    ? spawnSync(gcc, ["-w", "-O1", "-c", join(work, src), "-o", out], { encoding: "utf8" })
    : spawnSync(process.execPath, [TSCC, "-target", arch, "-O1", "-c", join(work, src), "-o", out], { encoding: "utf8" });
  return r.status === 0 ? "" : `${cc} ${src}: ${r.stderr.slice(0, 500)}`;
}

for (const { arch, gcc, run, needs } of TARGETS) {
  describe(`ABI interop on ${arch} (${files.count} signatures)`, () => {
    requireBundleForEach();
    requireForEach(gcc, ...needs);
    for (const [calleeCc, callerCc] of [["gcc", "tscc"], ["tscc", "gcc"]] as const) {
      it(`callee by ${calleeCc}, caller by ${callerCc}`, () => {
        const a = join(work, `${arch}-${calleeCc}-callee.o`);
        const b = join(work, `${arch}-${callerCc}-caller.o`);
        expect(compile(calleeCc, arch, gcc, "callee.c", a)).toBe("");
        expect(compile(callerCc, arch, gcc, "caller.c", b)).toBe("");
        const exe = join(work, `${arch}-${calleeCc}-${callerCc}.exe`);
        const link = spawnSync(process.execPath, [TSCC, "-target", arch, a, b, "-o", exe], { encoding: "utf8" });
        expect(link.stderr).toBe("");
        const [cmd, ...args] = run(exe);
        const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 30_000 });
        expect(r.stdout.split("\n").slice(0, 10).join("\n")).toBe("");
        expect(r.status).toBe(0);
      }, 600_000);
    }
  });
}
