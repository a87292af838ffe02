// tscc's AVX, AVX2, FMA and F16C intrinsics (include/x86_64/{avx,avx2,fma,f16c}intrin.h,
// from scripts/intrinsics/x86-avx.ts) against gcc 12's, as intrinsics.test.ts does
// for the SSE ones: values at -O0 and -O2, and the instructions of the asm rows.
// The programs run here, so the machine needs AVX2, FMA and F16C (x86-64-v3).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AVX_INTRINSICS } from "../../scripts/intrinsics/x86-avx.js";
import { intrinsicChecks } from "../intrinsics/checks.js";
import { requireBundleForEach, requireForEach } from "./require.js";

describe("AVX, AVX2, FMA, F16C intrinsics against gcc", () => {
  requireBundleForEach();
  requireForEach("gcc", { hostArch: "x64" });
  it("runs on a machine with AVX2, FMA and F16C", () => {
    const flags = /^flags\s*:(.*)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.split(/\s+/) ?? [];
    expect(["avx2", "fma", "f16c"].filter((f) => !flags.includes(f))).toEqual([]);
  });
  it("has asm rows to check", () => expect(AVX_INTRINSICS.filter((r) => "asm" in r).length).toBeGreaterThan(300));
  intrinsicChecks(AVX_INTRINSICS, 3500);
});
