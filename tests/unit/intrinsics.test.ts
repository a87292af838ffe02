// tscc's x86 intrinsics headers (include/x86_64/*intrin.h, generated from
// scripts/intrinsics/x86.ts) against gcc 12's: every intrinsic called on edge and
// pseudo-random inputs, built by gcc -O2 and by tscc at -O0 and -O2, outputs
// compared line by line; and for every intrinsic implemented as inline asm, the
// instructions gcc -O2 selects for it (at its header's ISA level) must all be in
// tscc's code for it (tests/intrinsics/checks.ts). This file: the headers, the
// SSE..SSE4.2/AES/BMI rows and <cpuid.h>; intrinsics-avx.test.ts: AVX, AVX2, FMA, F16C.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateHeaders, parseProto } from "../../scripts/gen-intrinsics.js";
import { SSE_INTRINSICS, X86_INTRINSICS } from "../../scripts/intrinsics/x86.js";
import { intrinsicChecks, run, tscc } from "../intrinsics/checks.js";
import { requireBundleForEach, requireForEach } from "./require.js";

const ROOT = join(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "tscc-intrin-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it("the committed headers are what the generator writes", () => {
  for (const [name, text] of Object.entries(generateHeaders())) {
    expect(readFileSync(join(ROOT, "include/x86_64", name), "utf8"), name).toBe(text);
  }
});

it("every gcc 12 intrinsic name of the table is declared once", () => {
  const names = X86_INTRINSICS.map((r) => parseProto(r.p).name);
  expect(new Set(names).size).toBe(names.length);
  expect(names.length).toBeGreaterThanOrEqual(670);
});

describe("SSE through SSE4.2, AES, BMI intrinsics against gcc", () => {
  requireBundleForEach();
  requireForEach("gcc", { hostArch: "x64" });
  it("has asm rows to check", () => expect(SSE_INTRINSICS.filter((r) => "asm" in r).length).toBeGreaterThan(600));
  intrinsicChecks(SSE_INTRINSICS, 5000);
});

describe("<cpuid.h> against gcc's", () => {
  requireBundleForEach();
  requireForEach("gcc", { hostArch: "x64" });

  it("has gcc's macros with gcc's values, and the same answers on this machine", () => {
    const gccHeader = run("gcc", ["-print-file-name=include/cpuid.h"]).out.trim();
    const names = [...readFileSync(gccHeader, "utf8").matchAll(/^#define ((?:bit|signature)_\w+)/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(100);
    const src = join(work, "cpuid.c");
    writeFileSync(src, [
      "#include <cpuid.h>", "#include <stdio.h>", "int main(void) {",
      ...names.map((n) => `  printf("${n} %x\\n", (unsigned)${n});`),
      "  unsigned a, b, c, d, sig, max = __get_cpuid_max(0, &sig);",
      '  printf("max %u %x ext %u\\n", max, sig, __get_cpuid_max(0x80000000, 0));',
      '  if (__get_cpuid(1, &a, &b, &c, &d)) printf("leaf1 %x %x %x\\n", a, c, d);',
      '  if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) printf("leaf7 %x %x %x\\n", b, c, d);',
      '  printf("absent %d\\n", __get_cpuid(0x7fffffff, &a, &b, &c, &d));',
      '  int info[4]; __cpuidex(info, 0, 0); printf("vendor %x %x %x\\n", info[1], info[3], info[2]);',
      "  return 0;", "}", "",
    ].join("\n"));
    const g = run("gcc", ["-w", src, "-o", join(work, "cpuid-gcc")]);
    expect(g.err).toBe("");
    const want = run(join(work, "cpuid-gcc"), []).out;
    for (const opt of ["-O0", "-O2"]) {
      const exe = join(work, `cpuid${opt}`);
      const c = tscc([opt, "-w", src, "-o", exe]);
      expect(c.err).toBe("");
      expect(run(exe, []).out).toBe(want);
    }
  });
});
