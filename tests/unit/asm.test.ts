// The integrated assembler: directives and diagnostics, and the GNU as oracles
// (a random-instruction property test and a torture corpus sample) at CI size.
// The long runs (the bar): `npx tsx tests/asm/oracle.ts --count 100000`,
// `npx tsx tests/asm/corpus.ts --all --sqlite` (every torture test and SQLite at -O0/-O2),
// `npx tsx tests/asm/roundtrip.ts --all` (tscc -S re-assembled = tscc -c, every torture test).

import { describe, expect, it } from "vitest";
import { assembleFile, formatDiagnostic } from "../../src/asm/index.js";
import { ElfFile } from "../../src/elf/reader.js";
import { runOracle } from "../asm/oracle.js";
import { runCorpus, sample } from "../asm/corpus.js";
import { runRoundTrip } from "../asm/roundtrip.js";
import { requireForEach } from "./require.js";


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

  it("gcc -S output of torture tests assembles identically", () => {
    const r = runCorpus(sample(8), ["0", "2"]);
    expect(r.failures.map((f) => `${f.name}: ${f.diffs[0]}`)).toEqual([]);
    expect(r.files).toBeGreaterThanOrEqual(12); // 8 files at 2 levels, less those gcc or gas refuse here
  }, 120_000);
});

describe("tscc -S output", () => {
  it("assembles to the object -c writes straight from the backend", () => {
    const r = runRoundTrip(sample(6), ["0", "2"]);
    expect(r.failures).toEqual([]);
    expect(r.compiled).toBeGreaterThan(8);
  }, 120_000);
});
