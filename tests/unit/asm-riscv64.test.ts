// The riscv64 assembler: encodings, gas's pseudo-instruction expansions and
// compression choices, relocations under linker relaxation, the object's
// riscv specifics, the Inst/printer/parser round trip, and a small comparison
// with riscv64-linux-gnu-as (required under CI=true). The long runs:
// `npx tsx tests/asm/oracle-riscv64.ts --count 100000` and
// `npx tsx tests/asm/corpus.ts --arch riscv64 --all`.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assembleFile, assembleLines, formatDiagnostic } from "../../src/asm/index.js";
import { riscv64Assembler } from "../../src/asm/riscv64/arch.js";
import { imm, inst, mem, reg, sym, type Inst } from "../../src/asm/riscv64/inst.js";
import { parseInstruction } from "../../src/asm/riscv64/parser.js";
import { printAsm, printInst } from "../../src/asm/riscv64/printer.js";
import { directive, label, type AsmLine } from "../../src/asm/lines.js";
import { ElfFile } from "../../src/elf/reader.js";
import { R_RISCV, SHT_RELA } from "../../src/elf/constants.js";
import { compareObjects } from "../asm/compare.js";
import { runLayoutOracle, runOracle } from "../asm/oracle-riscv64.js";

function object(src: string): ElfFile {
  const r = assembleFile(src, { fileName: "t.s", arch: "riscv64" });
  if (!r.object) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
  return new ElfFile(r.object);
}

const hex = (src: string, section = ".text"): string => {
  const e = object(src);
  return Array.from(e.contents(e.sectionByName(section)!), (b) => b.toString(16).padStart(2, "0")).join("");
};

function relocs(e: ElfFile, section = ".rela.text"): string[] {
  const syms = e.symbols(e.symtab()!);
  const s = e.sections.find((x) => x.type === SHT_RELA && x.name === section);
  return s ? e.relocations(s).map((r) => `${r.offset.toString(16)} ${R_RISCV.describe(r.type).replace("R_RISCV_", "")} ${syms[r.sym]?.name ?? ""} ${r.addend}`) : [];
}

describe("riscv64 encodings", () => {
  it("encodes base instructions and compresses as gas does", () => {
    expect(hex("addi sp,sp,-48\n")).toBe("7971"); // c.addi16sp
    expect(hex("addi sp,sp,-16\n")).toBe("4111"); // c.addi, not c.addi16sp
    expect(hex("sd s0,32(sp)\n")).toBe("22f0"); // c.sdsp
    expect(hex("ld a5,8(a0)\n")).toBe("1c65"); // c.ld
    expect(hex("addw a0,a0,a5\n")).toBe("3d9d"); // c.addw
    expect(hex("mv a0,s0\n")).toBe("2285");
    expect(hex("mv s0,zero\n")).toBe("13040000"); // mv has no c.li form
    expect(hex("add a0,a1,a2\n")).toBe("3385c500");
    expect(hex("fadd.d fa0,fa0,fa1\n")).toBe("5375b502"); // rm = dyn
    expect(hex("fcvt.w.d a0,fa0,rtz\n")).toBe("531505c2");
    expect(hex("amoswap.w.aqrl a0,a1,(a2)\n")).toBe("2f25b60e");
    expect(hex("fence iorw,iorw\n")).toBe("0f00f00f");
    expect(hex("csrr a0,fcsr\n")).toBe("73253000");
    expect(hex(".option norvc\nret\n")).toBe("67800000");
  });

  it("expands li as gas does", () => {
    expect(hex("li a0,5\n")).toBe("1545"); // c.li
    expect(hex("li a0,0x123456789\n")).toBe("37250900" + "1b05b5a2" + "3605" + "13059578");
    expect(hex("li a0,4096\n")).toBe("0565"); // lui → c.lui
    expect(hex("li zero,0\n")).toBe("13000000");
  });

  it("expands sext.h without Zbb and rejects Zbb instructions", () => {
    expect(hex("sext.h a0,a1\n")).toBe("13950503" + "4195");
    const r = assembleFile("clz a0,a1\n", { fileName: "t.s", arch: "riscv64" });
    expect(r.object).toBeUndefined();
    expect(hex('.attribute arch, "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zbb1p0"\nclz a0,a1\n')).toBe("13950560");
  });

  it("rejects what gas rejects", () => {
    for (const bad of ["addi a0,a0,2048", "slli a0,a0,64", "lui a0,0x100000", "j ext@plt", "fcvt.d.w fa0,a0,rtz", "frob a0"]) {
      expect(assembleFile(`${bad}\n`, { fileName: "t.s", arch: "riscv64" }).object, bad).toBeUndefined();
    }
  });
});

describe("riscv64 relocations and relaxation", () => {
  it("lla, la under .option pic, call: pcrel pairs through .L0 labels, with R_RISCV_RELAX", () => {
    const e = object("lla a0,x\n.option pic\nla a1,y\ncall f@plt\n");
    expect(relocs(e)).toEqual([
      "0 PCREL_HI20 x 0", "0 RELAX  0", "4 PCREL_LO12_I .L0  0", "4 RELAX  0",
      "8 GOT_HI20 y 0", "c PCREL_LO12_I .L0  0", "c RELAX  0",
      "10 CALL_PLT f 0", "10 RELAX  0",
    ]);
  });

  it("branches: compressed near, expanded far or undefined, always relocated", () => {
    // gas: c.beqz; c.bnez over a jal (far); bne over a jal (undefined target); displacements filled in "for objdump".
    const src = "beqz a0,1f\nbeqz a0,2f\nbeq a0,a1,ext\n1: nop\n.space 5000\n2: nop\n";
    expect(hex(src).slice(0, 36)).toBe("01c9" + "19e1" + "6f106039" + "6314b500" + "6ff05fff" + "0100");
    expect(relocs(object(src)).map((r) => r.split(" ").slice(0, 2).join(" "))).toEqual(["0 RVC_BRANCH", "4 JAL", "c JAL"]);
  });

  it("label differences across code become ADD/SUB pairs; data differences fold", () => {
    const e = object(".La: addi a0,a0,1\n.Lb: addi a0,a0,1\n.section .rodata\n.Lx: .word .Lb-.La\n.Ly: .word .Ly-.Lx\n");
    expect(relocs(e, ".rela.rodata")).toEqual(["0 ADD32 .Lb 0", "0 SUB32 .La 0"]);
    expect(hex(".section .rodata\n.Lx: .word 1\n.Ly: .word .Ly-.Lx\n", ".rodata")).toBe("0100000004000000");
    // gas 2.40 has no relocation for a LEB128 of such a difference, and says so.
    const r = assembleFile(".La: nop\n.Lb: nop\n.data\n.uleb128 .Lb-.La\n", { fileName: "t.s", arch: "riscv64" });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual(["t.s:4: Error: non-constant .uleb128 is not supported"]);
  });

  it("code alignment under relaxation: worst-case nops and R_RISCV_ALIGN", () => {
    const e = object("addi a0,a0,1\n.align 3\nret\n");
    expect(relocs(e)).toEqual(["2 ALIGN  6"]);
    // The section's end is padded to its alignment: zeros when relaxing, nops otherwise (as gas).
    expect(hex("addi a0,a0,1\n.align 3\nret\n")).toBe("0505" + "0100" + "13000000" + "8280" + "000000000000");
    expect(hex(".option norelax\naddi a0,a0,1\n.align 3\nret\n")).toBe("0505" + "0100" + "13000000" + "8280" + "0100" + "13000000");
  });

  it("ELF flags, .riscv.attributes and the mapping symbol", () => {
    const e = object('.attribute arch, "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0"\n.attribute stack_align, 16\nnop\n');
    expect(e.header.flags).toBe(0x5);
    const attrs = e.contents(e.sectionByName(".riscv.attributes")!);
    const arch = "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0_zmmul1p0";
    // "A", length, "riscv\0", file tag 1 and its length, Tag_RISCV_stack_align 16, Tag_RISCV_arch "…\0".
    expect([...attrs]).toEqual([0x41, 0x52, 0, 0, 0, ...Buffer.from("riscv\0"), 1, 0x48, 0, 0, 0, 4, 16, 5, ...Buffer.from(arch + "\0")]);
    expect(e.symbols(e.symtab()!).some((s) => s.name === "$x" + arch)).toBe(true);
  });
});

describe("riscv64 Inst, printer and parser", () => {
  const insts: Inst[] = [
    inst("addi", reg("sp"), reg("sp"), imm(-32)), inst("sd", reg("ra"), mem("sp", 24)), inst("lla", reg("a0"), sym(".LC0")),
    inst("lui", reg("a5"), sym("x", "hi")), inst("ld", reg("a0"), mem("a5", sym("x", "lo"))), inst("call", sym("printf@plt")),
    inst("fcvt.w.d", reg("a0"), reg("fa0"), { kind: "rm", mode: "rtz" }), inst("fence", { kind: "fence", set: "rw" }, { kind: "fence", set: "w" }),
    inst("csrr", reg("a0"), { kind: "csr", name: "fflags" }), inst("bnez", reg("a0"), sym(".L3")), inst("ret"),
  ];

  it("prints gcc's syntax and parses it back to the same Inst", () => {
    expect(printInst(insts[1])).toBe("\tsd\tra,24(sp)");
    expect(printInst(insts[4])).toBe("\tld\ta0,%lo(x)(a5)");
    for (const i of insts) {
      const text = printInst(i).trim();
      const [mn, ops = ""] = text.split("\t");
      const back = parseInstruction(mn, ops);
      expect(printInst(back)).toBe(printInst(i));
    }
  });

  it("assembleLines (no text) gives the object that assembling the printed text gives", () => {
    const lines: AsmLine<Inst>[] = [directive(".text"), directive(".globl", "f"), label("f"), ...insts.slice(0, 10), label(".L3"), insts[10],
      directive(".section", ".rodata"), label(".LC0"), directive(".string", '"hi"')];
    const direct = assembleLines(lines, { fileName: "t.s", arch: riscv64Assembler });
    const viaText = assembleFile(printAsm(lines), { fileName: "t.s", arch: "riscv64" });
    expect(direct.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(Buffer.from(direct.object!).equals(Buffer.from(viaText.object!))).toBe(true);
  });
});

const hasRiscvGas = ((): boolean => { try { execFileSync("riscv64-linux-gnu-as", ["--version"], { stdio: "ignore" }); return true; } catch { return false; } })();

describe("riscv64 against GNU as", () => {
  it("riscv64-linux-gnu-as is installed (required in CI)", () => {
    if (process.env.CI === "true") expect(hasRiscvGas, "riscv64-linux-gnu-as (binutils-riscv64-linux-gnu) is required under CI").toBe(true);
  });

  it.skipIf(!hasRiscvGas)("a mixed file assembles to the same sections, symbols and relocations", () => {
    const src = [
      "\t.option pic", '\t.attribute arch, "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0"', "\t.text", "\t.align 1", "\t.globl f", "\t.type f, @function",
      "f:", "\taddi sp,sp,-32", "\tsd ra,24(sp)", "\tla a0,g", "\tlla a1,.LC0", "\tlw a2,g", "\tsw a2,h,t0", "\tli a3,-0x123456789a", "\tcall ext@plt",
      "\tbeqz a0,.L2", "\tbgt a0,a1,.L3", "\tlui a4,%tprel_hi(t)", "\tadd a4,a4,tp,%tprel_add(t)", "\tlw a4,%tprel_lo(t)(a4)", "\tla.tls.ie a5,t",
      ".L2:", "\tfcvt.d.w fa0,a0", "\tfmadd.d fa0,fa0,fa1,fa2,rne", "\tamoadd.d.aq a0,a1,(a2)", "\t.align 3", ".L3:", "\tld ra,24(sp)",
      "\taddi sp,sp,32", "\tjr ra", "\t.size f, .-f", "\t.section .rodata", "\t.align 3", ".LC0:", "\t.string \"x\"", "\t.dword .L3-.L2", "\t.word f",
      "\t.section .tbss,\"awT\",@nobits", "t:\t.zero 8", "\t.ident \"t\"",
    ].join("\n") + "\n";
    const work = mkdtempSync(join(tmpdir(), "tscc-rv-unit-"));
    try {
      writeFileSync(join(work, "t.s"), src);
      execFileSync("riscv64-linux-gnu-as", ["-fpic", "-march=rv64imafdc_zicsr_zifencei", "-mabi=lp64d", "-misa-spec=20191213", join(work, "t.s"), "-o", join(work, "t.o")]);
      const ours = assembleFile(src, { fileName: "t.s", arch: "riscv64" });
      expect(ours.diagnostics.map(formatDiagnostic)).toEqual([]);
      expect(compareObjects(readFileSync(join(work, "t.o")), ours.object!)).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasRiscvGas)("random instructions: bytes and relocations as gas's (property test, 1500 instructions)", () => {
    const r = runOracle(1500, 4242, 750);
    expect(r.mismatches.slice(0, 5)).toEqual([]);
    expect(r.weRejected.slice(0, 5)).toEqual([]);
    expect(r.weAccepted.slice(0, 5)).toEqual([]);
    expect(r.checked).toBeGreaterThan(1200);
  }, 60_000);

  it.skipIf(!hasRiscvGas)("random functions: relaxation, alignment, calls and CFI as gas lays them out (40 files)", () => {
    const r = runLayoutOracle(40, 7);
    expect(r.failures.slice(0, 1)).toEqual([]);
    expect(r.checked).toBeGreaterThan(30);
  }, 60_000);
});
