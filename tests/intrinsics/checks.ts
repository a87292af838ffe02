// The two checks of tscc's x86 intrinsics against gcc 12, for a set of table
// rows: values (every intrinsic on edge and pseudo-random inputs, gcc -O2 vs
// tscc -O0 and -O2) and instructions (those gcc -O2 selects for an asm row,
// at its header's ISA level, must all be in tscc's code). The SSE and AVX
// rows run as two test files, so vitest runs them side by side.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { parseProto } from "../../scripts/gen-intrinsics.js";
import type { Intrinsic } from "../../scripts/intrinsics/x86.js";
import { ALL_FEATURES, instructionProgram, mnemonicsByFunction, valueProgram } from "./programs.js";

export function run(cmd: string, args: string[]): { out: string; err: string; status: number | null } {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20, timeout: 300_000 });
  return { out: r.stdout, err: r.stderr, status: r.status };
}
export const tscc = (args: string[]): ReturnType<typeof run> => run(process.execPath, [TSCC_BUNDLE_PATH, ...args]);

/** Moves gcc adds around the intrinsic's own instructions (argument/result shuffling). */
const PLAIN_MOVES = new Set(["movaps", "movapd", "movdqa", "movl", "ret", "endbr64", "vmovaps", "vmovapd", "vmovdqa", "vzeroupper"]);

/** gcc at each header's ISA level: the baseline for SSE/SSE2, the header's extension otherwise. */
const LEVELS: [RegExp, string[]][] = [
  [/^(mmintrin|xmmintrin|emmintrin)$/, []], [/^pmmintrin$/, ["-msse3"]], [/^tmmintrin$/, ["-mssse3"]],
  [/^smmintrin$/, ["-msse4.1"]], [/^nmmintrin$/, ["-msse4.2"]], [/^wmmintrin$/, ["-maes", "-mpclmul"]],
  [/^popcntintrin$/, ["-mpopcnt"]], [/^lzcntintrin$/, ["-mlzcnt"]], [/^bmiintrin$/, ["-mbmi"]], [/^bmi2intrin$/, ["-mbmi2"]],
  [/^avxintrin$/, ["-mavx"]], [/^avx2intrin$/, ["-mavx2"]], [/^fmaintrin$/, ["-mfma"]], [/^f16cintrin$/, ["-mf16c"]],
];

/**
 * Rows checked one level up: gcc 12 -O2 -mavx turns _mm256_blendv_p[sd] into a
 * lane-by-lane branchy sequence (its own choice under plain AVX, not an
 * instruction it needs); at -mavx2 it emits the vblendvp[sd] tscc's header uses.
 */
const LEVEL_OVERRIDE: [RegExp, string[]][] = [[/^_mm256_blendv_p[sd]$/, ["-mavx2"]]];

/** The value and instruction tests for `rows` (which need gcc on an x86_64 host). */
export function intrinsicChecks(rows: readonly Intrinsic[], minValueLines: number): void {
  const work = mkdtempSync(join(tmpdir(), "tscc-intrin-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("gives gcc's values at -O0 and -O2", () => {
    const src = join(work, "values.c");
    writeFileSync(src, valueProgram(rows));
    const gccExe = join(work, "values-gcc");
    const g = run("gcc", ["-O2", "-w", ...ALL_FEATURES, src, "-o", gccExe]);
    expect(g.err).toBe("");
    const want = run(gccExe, []);
    expect(want.status).toBe(0);
    const lines = want.out.split("\n");
    expect(lines.length).toBeGreaterThan(minValueLines);
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
  }, 900_000);

  it("selects the instructions gcc selects", () => {
    const asmRows = rows.filter((r) => "asm" in r);
    const src = join(work, "insns.c");
    writeFileSync(src, instructionProgram(asmRows));
    const gccAsm = new Map<string, string[]>();
    const groups = new Map<string, Intrinsic[]>();
    for (const r of asmRows) {
      const name = parseProto(r.p).name;
      const flags = LEVEL_OVERRIDE.find(([re]) => re.test(name))?.[1] ?? LEVELS.find(([re]) => re.test(r.h))![1];
      const key = flags.join(" ");
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    let k = 0;
    for (const [key, group] of groups) {
      const file = join(work, `gcc-${k++}.c`);
      writeFileSync(file, instructionProgram(group));
      const g = run("gcc", ["-O2", "-S", "-w", "-fno-asynchronous-unwind-tables", ...(key ? key.split(" ") : []), file, "-o", "-"]);
      expect(g.err).toBe("");
      for (const [name, v] of mnemonicsByFunction(g.out)) gccAsm.set(name, v);
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
  }, 900_000);
}
