// tscc's x86 intrinsics headers (include/x86_64/*intrin.h, generated from
// scripts/intrinsics/x86.ts) against gcc 12's: every intrinsic called on edge and
// pseudo-random inputs, built by gcc -O2 and by tscc at -O0 and -O2, outputs
// compared line by line; and for every intrinsic implemented as inline asm, the
// instructions gcc -O2 selects for it (at its header's ISA level) must all be in
// tscc's code for it.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { generateHeaders, parseProto } from "../../scripts/gen-intrinsics.js";
import { X86_INTRINSICS } from "../../scripts/intrinsics/x86.js";
import { ALL_FEATURES, instructionProgram, mnemonicsByFunction, valueProgram } from "../intrinsics/programs.js";
import { requireBundleForEach, requireForEach } from "./require.js";

const ROOT = join(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "tscc-intrin-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(cmd: string, args: string[]): { out: string; err: string; status: number | null } {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20, timeout: 300_000 });
  return { out: r.stdout, err: r.stderr, status: r.status };
}
const tscc = (args: string[]): ReturnType<typeof run> => run(process.execPath, [TSCC_BUNDLE_PATH, ...args]);

/** Moves gcc adds around the intrinsic's own instructions (argument/result shuffling). */
const PLAIN_MOVES = new Set(["movaps", "movapd", "movdqa", "movl", "ret", "endbr64"]);

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

describe("intrinsics against gcc", () => {
  requireBundleForEach();
  requireForEach("gcc", { hostArch: "x64" });

  it("gives gcc's values at -O0 and -O2", () => {
    const src = join(work, "values.c");
    writeFileSync(src, valueProgram());
    const gccExe = join(work, "values-gcc");
    const g = run("gcc", ["-O2", "-w", ...ALL_FEATURES, src, "-o", gccExe]);
    expect(g.err).toBe("");
    const want = run(gccExe, []);
    expect(want.status).toBe(0);
    const lines = want.out.split("\n");
    expect(lines.length).toBeGreaterThan(5000);
    for (const opt of ["-O0", "-O2"]) {
      const exe = join(work, `values${opt}`);
      const c = tscc([opt, "-w", ...ALL_FEATURES, src, "-o", exe]);
      expect(c.err).toBe("");
      const got = run(exe, []);
      expect(got.status).toBe(0);
      const gotLines = got.out.split("\n");
      const wrong = lines.filter((l, i) => gotLines[i] !== l).map((l) => l.split(" ")[0]);
      expect([...new Set(wrong)], `${opt}: intrinsics whose values differ from gcc's`).toEqual([]);
      expect(gotLines.length).toBe(lines.length);
    }
  }, 600_000);

  it("selects the instructions gcc selects", () => {
    const asmRows = X86_INTRINSICS.filter((r) => "asm" in r);
    expect(asmRows.length).toBeGreaterThan(600);
    const src = join(work, "insns.c");
    writeFileSync(src, instructionProgram(asmRows));
    // gcc at each header's ISA level: the baseline for SSE/SSE2, the header's extension otherwise.
    const gccAsm = new Map<string, string[]>();
    const levels: [RegExp, string[]][] = [
      [/^(mmintrin|xmmintrin|emmintrin)$/, []], [/^pmmintrin$/, ["-msse3"]], [/^tmmintrin$/, ["-mssse3"]],
      [/^smmintrin$/, ["-msse4.1"]], [/^nmmintrin$/, ["-msse4.2"]], [/^wmmintrin$/, ["-maes", "-mpclmul"]],
      [/^popcntintrin$/, ["-mpopcnt"]], [/^lzcntintrin$/, ["-mlzcnt"]], [/^bmiintrin$/, ["-mbmi"]], [/^bmi2intrin$/, ["-mbmi2"]],
    ];
    for (const [re, flags] of levels) {
      const rows = asmRows.filter((r) => re.test(r.h));
      const file = join(work, `gcc-${rows[0]!.h}.c`);
      writeFileSync(file, instructionProgram(rows));
      const g = run("gcc", ["-O2", "-S", "-w", "-fno-asynchronous-unwind-tables", ...flags, file, "-o", "-"]);
      expect(g.err).toBe("");
      for (const [k, v] of mnemonicsByFunction(g.out)) gccAsm.set(k, v);
    }
    const t = tscc(["-O2", "-S", "-w", ...ALL_FEATURES, src, "-o", "-"]);
    expect(t.err).toBe("");
    const ours = mnemonicsByFunction(t.out);
    const missing: string[] = [];
    for (const row of asmRows) {
      const name = parseProto(row.p).name;
      const want = gccAsm.get(name);
      if (!want) { missing.push(`${name}: not compiled by gcc`); continue; }
      const have = new Set(ours.get(name) ?? []);
      const lacking = [...new Set(want)].filter((m) => !PLAIN_MOVES.has(m) && !have.has(m));
      if (lacking.length) missing.push(`${name}: ${lacking.join(" ")}`);
    }
    expect(missing).toEqual([]);
  }, 600_000);
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
