import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { imm, inst, mem, reg, label, directive } from "../../src/asm/x86_64/inst.js";
import { printAsm, printLine } from "../../src/asm/x86_64/printer.js";
import { requireTools } from "./require.js";

describe("x86_64 AT&T printer", () => {
  it("prints operands in gas syntax", () => {
    expect(printLine(inst("movq", mem({ base: "rbp", disp: -8 }), reg("rax")))).toBe("\tmovq\t-8(%rbp), %rax");
    expect(printLine(inst("leaq", mem({ base: "rax", index: "rcx", scale: 8, disp: 16 }), reg("rdx")))).toBe("\tleaq\t16(%rax,%rcx,8), %rdx");
    expect(printLine(inst("movl", mem({ base: "rip", sym: "x", disp: 4 }), reg("eax")))).toBe("\tmovl\tx+4(%rip), %eax");
    expect(printLine(inst("movq", mem({ base: "rip", sym: "stdout", reloc: "GOTPCREL" }), reg("rdi")))).toBe("\tmovq\tstdout@GOTPCREL(%rip), %rdi");
    expect(printLine(inst("movq", mem({ seg: "fs" }), reg("rax")))).toBe("\tmovq\t%fs:0, %rax");
    expect(printLine(inst("leaq", mem({ base: "rax", sym: "tv", reloc: "TPOFF" }), reg("rax")))).toBe("\tleaq\ttv@TPOFF(%rax), %rax");
    expect(printLine(inst("call", { kind: "target", name: "printf", reloc: "PLT" }))).toBe("\tcall\tprintf@PLT");
    expect(printLine(inst("call", { kind: "indirect", to: reg("r11") }))).toBe("\tcall\t*%r11");
    expect(printLine(inst("addq", imm(-16), reg("rsp")))).toBe("\taddq\t$-16, %rsp");
    expect(printLine(inst("fucomip", reg("st(1)"), reg("st")))).toBe("\tfucomip\t%st(1), %st");
    expect(printAsm([label("f"), directive(".size", "f", ".-f"), inst("ret")])).toBe("f:\n\t.size\tf, .-f\n\tret\n");
  });

  it("assembles with the system assembler", (ctx) => {
    requireTools(ctx, "as", { hostArch: "x64" });
    const text = printAsm([
      inst("movq", mem({ base: "rip", sym: "stdout", reloc: "GOTPCREL" }), reg("rdi")),
      inst("leaq", mem({ base: "rax", index: "rcx", scale: 8, disp: 16 }), reg("rdx")),
      inst("fucomip", reg("st(1)"), reg("st")),
      inst("cvtsi2sdq", reg("rax"), reg("xmm3")),
      inst("movzbl", reg("r9b"), reg("r10d")),
    ]);
    const r = spawnSync("as", ["-o", "/dev/null", "-"], { input: text, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
