// The integrated assembler: directives and diagnostics, and the GNU as oracles
// (a random-instruction property test and a torture corpus sample) at CI size.
// The long runs (the bar): `npx tsx tests/asm/oracle.ts --count 100000`,
// `npx tsx tests/asm/corpus.ts --all --sqlite` (every torture test and SQLite at -O0/-O2),
// `npx tsx tests/asm/roundtrip.ts --all` (tscc -S re-assembled = tscc -c, every torture test).

import { describe, expect, it } from "vitest";
import { assembleFile, formatDiagnostic } from "../../src/asm/index.js";
import { ElfFile } from "../../src/elf/reader.js";
import { runOracle, VEX_MNEMONICS } from "../asm/oracle.js";
import { runCorpus, sample } from "../asm/corpus.js";
import { runRoundTrip } from "../asm/roundtrip.js";
import { requireForEach } from "./require.js";
import { compareObjects } from "../asm/compare.js";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";


function text(src: string, section = ".text"): number[] {
  const r = assembleFile(src, { fileName: "t.s" });
  if (!r.object) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  const e = new ElfFile(r.object);
  return [...e.contents(e.sectionByName(section)!)];
}

describe("assembler core", () => {
  it("numeric local labels, .rept, .irp and macros", () => {
    expect(text("1: nop\n jmp 1b\n jmp 1f\n1: ret\n")).toEqual([0x90, 0xeb, 0xfd, 0xeb, 0x00, 0xc3]);
    expect(text(".rept 3\n nop\n.endr\n")).toEqual([0x90, 0x90, 0x90]);
    expect(text(".irp r, rax, rbx\n push %\\r\n.endr\n")).toEqual([0x50, 0x53]);
    expect(text(".macro twice x\n \\x\n \\x\n.endm\n twice nop\n")).toEqual([0x90, 0x90]);
    expect(text(".if 1 > 2\n nop\n.else\n ret\n.endif\n")).toEqual([0xc3]);
  });

  it("data directives and label differences", () => {
    expect(text(".data\na: .byte 1, 2\n .short 0x304\n .long b - a\n .uleb128 300\n .sleb128 -2\nb:\n", ".data"))
      .toEqual([1, 2, 4, 3, 11, 0, 0, 0, 0xac, 0x02, 0x7e]);
    expect(text(".data\n .asciz \"a\\n\"\n .p2align 2\n .quad 1\n", ".data")).toEqual([0x61, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("reports errors like GNU as and writes no object", () => {
    const r = assembleFile("\tnop\n\tfrobnicate %eax\n\tmovl %eax\n", { fileName: "x.s" });
    expect(r.object).toBeUndefined();
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      "x.s:2: Error: no such instruction: `frobnicate'",
      "x.s:3: Error: number of operands mismatch for `movl'",
    ]);
  });
});

describe("GNU as oracle", () => {
  requireForEach("as", "gcc");
  it("random instructions encode byte-identically", () => {
    const r = runOracle(3000, Number(process.env.TSCC_ASM_SEED ?? 7));
    expect(r.mismatches.slice(0, 10)).toEqual([]);
    expect(r.weRejected.slice(0, 10)).toEqual([]);
    expect(r.checked).toBeGreaterThan(2900);
  }, 120_000);

  it("VEX instructions (AVX, AVX2, FMA, F16C, BMI1/2) encode byte-identically", () => {
    const r = runOracle(2000, Number(process.env.TSCC_ASM_SEED ?? 7), 2000, VEX_MNEMONICS);
    expect(r.mismatches.slice(0, 10)).toEqual([]);
    expect(r.weRejected.slice(0, 10)).toEqual([]);
    expect(r.checked).toBeGreaterThan(1900);
  }, 120_000);

  it("gcc -S output of torture tests assembles identically", () => {
    const r = runCorpus(sample(8), ["0", "2"]);
    expect(r.failures.map((f) => `${f.name}: ${f.diffs[0]}`)).toEqual([]);
    expect(r.files).toBeGreaterThanOrEqual(12); // 8 files at 2 levels, less those gcc or gas refuse here
  }, 120_000);

  it("gcc -S -g output (.file/.loc, views, DWARF 5 and 4) assembles identically, debug sections included", () => {
    for (const cflags of [["-g"], ["-gdwarf-4"]]) {
      const r = runCorpus(sample(5), ["0", "2"], { cflags });
      expect(r.failures.map((f) => `${cflags[0]} ${f.name}: ${f.diffs[0]}`)).toEqual([]);
      expect(r.files).toBeGreaterThanOrEqual(8);
    }
  }, 120_000);

  it("line tables of hand-written .file/.loc forms match GNU as", () => {
    // Every row form gas knows: directories split off names (or given apart), md5,
    // two .locs at one address, views, flags, discriminators, line steps both ways, two sections.
    const text = [
      '\t.file 0 "/tmp/work" "t.c"', '\t.file 1 "/tmp/work/t.c"', '\t.file 2 "/usr/include" "sys/a.h"',
      '\t.file 3 "/usr/include/sys/b.h" md5 0x0123456789abcdef0123456789abcdef', '\t.file 4 "./c.h"',
      "\t.text", "f:", "\t.loc 1 2 22", "\tnop", "\t.loc 2 300 1 prologue_end", "\tnop", "\t.loc 3 3 1 is_stmt 0",
      "\t.loc 4 3 1 discriminator 200", "\tnop", "\t.loc 1 1 1 is_stmt 1 basic_block epilogue_begin isa 2 view .LVU1",
      "\t.loc 1 1 4 view .LVU2", "\tjmp f", "\t.p2align 4", "g:", "\t.loc 1 9 1 view -0", "\tret",
      '\t.section .text.b,"ax",@progbits', "\t.loc 4 70 1", "\tret", "\t.skip 300", "\t.loc 1 12 1", "\tret",
      "\t.loc 1 40 1", "\t.skip 17", "\tret", "\t.loc 1 39 1", "\t.skip 250", "\tret",
      '\t.section .debug_loclists,"",@progbits', "\t.uleb128 .LVU1", "\t.uleb128 .LVU2",
      // A compiler's own .debug_info: gas then writes none of its own.
      '\t.section .debug_info,"",@progbits', "\t.long 0", "",
    ].join("\n");
    const dir = mkdtempSync(join(tmpdir(), "tscc-asm-line-"));
    try {
      const src = join(dir, "t.s"), obj = join(dir, "t.o");
      writeFileSync(src, text);
      execFileSync("as", ["--gdwarf-5", src, "-o", obj]);
      const r = assembleFile(text, { fileName: src, args: ["--gdwarf-5"], compDir: "/tmp/work" });
      expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
      expect(compareObjects(readFileSync(obj), r.object!, {})).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each([
  ["riscv64", "riscv64-linux-gnu-gcc", "riscv64-linux-gnu-as"],
  ["aarch64", "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-as"],
])("GNU as oracle for %s -g", (arch, gcc, as) => {
  requireForEach(gcc, as);
  it("gcc -S -g output assembles identically, debug sections included (riscv: fixed-advance line rows, .debug_frame; aarch64: 4-byte line units)", () => {
    const r = runCorpus(sample(4), ["0", "2"], { arch, cflags: ["-g"] });
    expect(r.failures.map((f) => `${f.name}: ${f.diffs[0]}`)).toEqual([]);
    expect(r.files).toBeGreaterThanOrEqual(6);
  }, 120_000);
});

describe("tscc -S output", () => {
  it("assembles to the object -c writes straight from the backend", () => {
    const r = runRoundTrip(sample(6), ["0", "2"]);
    expect(r.failures).toEqual([]);
    expect(r.compiled).toBeGreaterThan(8);
  }, 120_000);
});
