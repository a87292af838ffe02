// The aarch64 code generator end to end: the tests/unit/c programs compiled
// by tscc for aarch64 (-O0 and -O2) and by aarch64-linux-gnu-gcc, both run
// under qemu-aarch64; the outputs must be the same. (The programs' `expect:`
// lines are x86_64's: long double is binary128 here, which changes hashes of
// its bytes, so gcc's aarch64 build is the reference.)

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { requireBundleForEach, requireForEach } from "./require.js";

const TSCC = TSCC_BUNDLE_PATH;
const DIR = join(import.meta.dirname, "c");
const SYSROOT = "/usr/aarch64-linux-gnu";
const GCC = "aarch64-linux-gnu-gcc";
const work = mkdtempSync(join(tmpdir(), "tscc-a64-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Programs whose gcc build is no reference on aarch64, and why. */
const NOT_COMPARABLE: Readonly<Record<string, string>> = {
  // -fcf-protection is Intel CET: gcc and tscc refuse it for aarch64.
  "hardening.c": "x86-only options",
  // Its gcc fallback for issignaling on long double reads x87 bits; tscc's builtin is right for binary128.
  "float-classify.c": "x87-specific fallback in the gcc build",
};
/** Programs aarch64 gcc cannot build, whose `expect:` line (x86_64 gcc's output) holds on aarch64 too. */
const EXPECT_LINE_REFERENCE: Readonly<Record<string, string>> = {
  "glibc-builtins.c": "__float128, which aarch64 gcc lacks",
};
const programs = readdirSync(DIR).filter((f) => f.endsWith(".c") && !(f in NOT_COMPARABLE)).sort();

it("finds its programs", () => expect(programs.length).toBeGreaterThanOrEqual(16));

function run(exe: string): { out: string; status: number | null } {
  const r = spawnSync("qemu-aarch64", ["-L", SYSROOT, exe], { encoding: "utf8", timeout: 30_000 });
  return { out: r.stdout, status: r.status };
}

describe("C programs on aarch64 against aarch64 gcc", () => {
  requireBundleForEach();
  requireForEach("qemu-aarch64", GCC, { file: join(SYSROOT, "lib/libc.so.6"), what: "the aarch64 C library" });
  for (const file of programs) {
    it(file, () => {
      const src = join(DIR, file);
      const text = readFileSync(src, "utf8");
      const flags = /^\/\/ flags: (.*)$/m.exec(text)?.[1]?.split(" ") ?? [];
      let want: { out: string; status: number | null };
      if (file in EXPECT_LINE_REFERENCE) want = { out: `${/^\/\/ expect: (.*)$/m.exec(text)?.[1]}\n`, status: 0 };
      else {
        const ref = join(work, `${file}.gcc`);
        const gcc = spawnSync(GCC, ["-w", "-O0", ...flags.filter((f) => !f.startsWith("-l")), src, "-o", ref, ...flags.filter((f) => f.startsWith("-l")), "-lm"], { encoding: "utf8" });
        expect(gcc.status, gcc.stderr).toBe(0);
        want = run(ref);
        expect(want.status).toBe(0);
      }
      for (const opt of ["-O0", "-O2"]) {
        const exe = join(work, `${file}${opt}.exe`);
        const cc = spawnSync(process.execPath, [TSCC, "-target", "aarch64", opt, ...flags, src, "-o", exe], { encoding: "utf8" });
        expect(cc.stderr).toBe("");
        expect(cc.status).toBe(0);
        const got = run(exe);
        expect({ opt, out: got.out }).toEqual({ opt, out: want.out });
        expect(got.status).toBe(0);
      }
    }, 120_000);
  }
});
