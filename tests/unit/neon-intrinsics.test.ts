// tscc's <arm_neon.h> and <arm_acle.h> (include/aarch64, generated from
// scripts/intrinsics/aarch64.ts) against aarch64-linux-gnu-gcc 12's: each
// prototype equals the one in gcc's header; for every intrinsic implemented as
// inline asm, the instructions gcc -O2 selects for it all appear in tscc's code;
// and intrinsics called on edge and pseudo-random inputs, built by gcc -O2 and by
// tscc at -O0 and -O2 and run under qemu-aarch64, print the same lines.
//
// The value program covers every NEON_STRIDE-th row (6 by default, from
// NEON_OFFSET, 0 by default) so that the file stays under two minutes on a
// loaded machine; NEON_STRIDE=1 checks all of them (see NOTES.md for that run).

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { generateA64Headers, parseProto } from "../../scripts/gen-intrinsics.js";
import { A64_INTRINSICS } from "../../scripts/intrinsics/aarch64.js";
import { gccPrototypes, instructionProgram, mnemonicsByFunction, normalPrototype, valueProgram } from "../intrinsics/neon-programs.js";
import { requireBundleForEach, requireForEach } from "./require.js";

const ROOT = join(import.meta.dirname, "../..");
const SYSROOT = "/usr/aarch64-linux-gnu";
const GCC = "aarch64-linux-gnu-gcc";
/** The extensions some intrinsics need (gcc 12 declares them under target pragmas). */
const GCC_ARCH = "-march=armv8-a+crc+crypto";
const work = mkdtempSync(join(tmpdir(), "tscc-neon-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(cmd: string, args: string[]): { out: string; err: string; status: number | null } {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20, timeout: 600_000 });
  return { out: r.stdout, err: r.stderr, status: r.status };
}
const tscc = (args: string[]): ReturnType<typeof run> => run(process.execPath, [TSCC_BUNDLE_PATH, "-target", "aarch64", ...args]);
const qemu = (exe: string): ReturnType<typeof run> => run("qemu-aarch64", ["-L", SYSROOT, exe]);

/** Moves gcc adds around the intrinsic's own instructions (argument and result shuffling). */
const PLAIN_MOVES = new Set(["ret", "ldr", "str", "ldp", "stp", "mov", "ldur", "stur"]);

it("the committed headers are what the generator writes", () => {
  for (const [name, text] of Object.entries(generateA64Headers())) {
    expect(readFileSync(join(ROOT, "include/aarch64", name), "utf8"), name).toBe(text);
  }
});

it("every intrinsic of the table is declared once", () => {
  const names = A64_INTRINSICS.map((r) => parseProto(r.p).name);
  expect(new Set(names).size).toBe(names.length);
  expect(names.length).toBeGreaterThanOrEqual(2900);
});

describe("NEON intrinsics against aarch64-linux-gnu-gcc", () => {
  requireBundleForEach();
  requireForEach("qemu-aarch64", GCC, { file: join(SYSROOT, "lib/libc.so.6"), what: "the aarch64 C library" });

  it("declares gcc's prototypes", () => {
    const header = (h: string): string => readFileSync(run(GCC, [`-print-file-name=include/${h}`]).out.trim(), "utf8");
    const gcc = new Map([...gccPrototypes(header("arm_neon.h")), ...gccPrototypes(header("arm_acle.h"))]);
    expect(gcc.size).toBeGreaterThan(4000);
    const wrong = A64_INTRINSICS.filter((r) => gcc.get(parseProto(r.p).name) !== normalPrototype(r.p)).map((r) => r.p);
    expect(wrong).toEqual([]);
  });

  it("selects the instructions gcc selects", () => {
    const asmRows = A64_INTRINSICS.filter((r) => "asm" in r);
    expect(asmRows.length).toBeGreaterThan(2400);
    const src = join(work, "insns.c");
    writeFileSync(src, instructionProgram(asmRows));
    const g = run(GCC, ["-O2", "-S", "-w", GCC_ARCH, "-fno-asynchronous-unwind-tables", src, "-o", "-"]);
    expect(g.err).toBe("");
    const t = tscc(["-O2", "-S", "-w", src, "-o", "-"]);
    expect(t.err).toBe("");
    const theirs = mnemonicsByFunction(g.out);
    const ours = mnemonicsByFunction(t.out);
    const missing: string[] = [];
    for (const row of asmRows) {
      const name = parseProto(row.p).name;
      const want = theirs.get(name);
      if (!want) { missing.push(`${name}: not compiled by gcc`); continue; }
      const have = new Set(ours.get(name) ?? []);
      const lacking = [...new Set(want)].filter((m) => !PLAIN_MOVES.has(m) && !have.has(m));
      if (lacking.length) missing.push(`${name}: ${lacking.join(" ")}`);
    }
    expect(missing).toEqual([]);
  }, 600_000);

  it("gives gcc's values at -O0 and -O2", () => {
    const stride = Number(process.env.NEON_STRIDE ?? 6);
    const offset = Number(process.env.NEON_OFFSET ?? 0);
    const rows = A64_INTRINSICS.filter((_, i) => i % stride === offset % stride);
    const src = join(work, "values.c");
    writeFileSync(src, valueProgram(rows));
    const gccExe = join(work, "values-gcc");
    const g = run(GCC, ["-O2", "-w", GCC_ARCH, src, "-o", gccExe]);
    expect(g.err).toBe("");
    const want = qemu(gccExe);
    expect(want.status).toBe(0);
    const lines = want.out.split("\n");
    expect(lines.length).toBeGreaterThan(rows.length * 3);
    for (const opt of ["-O0", "-O2"]) {
      const exe = join(work, `values${opt}`);
      const c = tscc([opt, "-w", src, "-o", exe]);
      expect(c.err).toBe("");
      const got = qemu(exe);
      expect(got.status).toBe(0);
      const gotLines = got.out.split("\n");
      const wrong = lines.filter((l, i) => gotLines[i] !== l).map((l) => l.split(" ")[0]);
      expect([...new Set(wrong)], `${opt}: intrinsics whose values differ from gcc's`).toEqual([]);
      expect(gotLines.length).toBe(lines.length);
    }
  }, 900_000);
});
