// GNU inline assembly: the IR `asm`/`asmgoto` text form and the x86_64
// constraint and template machinery. Whole C programs using asm are in
// tests/unit/c-x86 (x86-gcc-compare.test.ts).

import { describe, expect, it } from "vitest";
import { parseModule, printModule, verifyModule, runPipeline } from "../../src/ir/index.js";
import { emitAssembly } from "../../src/backend-x86_64/index.js";
import type { AsmArg } from "../../src/backend-x86_64/inlineasm.js";
import { expandTemplate, parseConstraint, registerNumber } from "../../src/backend-x86_64/inlineasm.js";
import { mem } from "../../src/asm/x86_64/inst.js";
import { stReg } from "../../src/backend-x86_64/regs.js";

const IR = `asm ".globl top\\0atop:"

function i32 $f(i32 %a, ptr %p) {
@entry
  asm volatile "addl %2, %0\\0a\\09movl %0, %1" out([res] "=&r" i32 %r, "=m" mem %p) in("0" i32 %a, [y] "ir" i32 5, "m" mem %p) clobber("cc", "memory")
  asmgoto "jmp %l1" in("r" i32 %r), @next, [@far]
@next
  ret %r
@far
  ret 0
}
`;

describe("IR asm text form", () => {
  it("round-trips and verifies", () => {
    const m = parseModule(IR);
    verifyModule(m);
    expect(m.asm).toEqual([".globl top\ntop:"]);
    const once = printModule(m);
    expect(printModule(parseModule(once))).toBe(once);
    expect(once).toContain('out([res] "=&r" i32 %r, "=m" mem %p) in("0" i32 %a, [y] "ir" i32 5, "m" mem %p)');
    expect(once).toContain('asmgoto "jmp %l1" in("r" i32 %r), @next, [@far]');
  });

  it("rejects an asmgoto defining a temp and ill-typed operands", () => {
    expect(() => parseModule(`function void $g() {\n@a\n  asmgoto "" out("=r" i32 %x), @a, []\n}`)).toThrow(/cannot define/);
    const bad = parseModule(`function void $g(i64 %v) {\n@a\n  asm "" in("r" i32 %v)\n  ret\n}`);
    expect(() => verifyModule(bad)).toThrow(/expected i32/);
  });

  it("keeps a volatile asm and drops an unused pure one at -O1", () => {
    const m = parseModule(`function void $g(i32 %v) {\n@a\n  asm "pure" out("=r" i32 %x) in("r" i32 %v)\n  asm volatile "kept" out("=r" i32 %y)\n  ret\n}`);
    runPipeline(m, 1, { verify: true });
    const text = printModule(m);
    expect(text).not.toContain("pure");
    expect(text).toContain("kept");
  });
});

describe("x86_64 asm constraints", () => {
  it("classifies constraint letters", () => {
    expect(parseConstraint("=&r")).toMatchObject({ early: true, reg: { kind: "any", cls: "int" }, mem: false });
    expect(parseConstraint("=a")).toMatchObject({ reg: { kind: "fixed", reg: 0 } });
    expect(parseConstraint("%0")).toMatchObject({ match: 0 });
    expect(parseConstraint("rm")).toMatchObject({ reg: { kind: "any", cls: "int" }, mem: true, imm: false });
    expect(parseConstraint("g")).toMatchObject({ mem: true, imm: true });
    expect(parseConstraint("x")).toMatchObject({ reg: { kind: "any", cls: "float" } });
    expect(parseConstraint("t")).toMatchObject({ reg: { kind: "x87", st: 0 } });
    expect(parseConstraint("={r10}")).toMatchObject({ reg: { kind: "fixed", reg: 10 } });
    expect(parseConstraint("n").imm).toBe(true);
    expect(() => parseConstraint("y")).toThrow(/unsupported asm constraint/);
  });

  it("names clobbered registers", () => {
    expect(registerNumber("%ebx")).toBe(3);
    expect(registerNumber("r11")).toBe(11);
    expect(registerNumber("xmm7")).toBe(23);
    expect(registerNumber("st(1)")).toBe(stReg(1));
    expect(registerNumber("memory")).toBe("ignore");
    expect(registerNumber("bogus")).toBeUndefined();
  });
});

describe("x86_64 asm templates", () => {
  const args: AsmArg[] = [
    { kind: "reg", reg: 0, size: 4 },
    { kind: "mem", mem: mem({ base: "rbp", disp: -8 }), size: 0 },
    { kind: "imm", value: 42n },
    { kind: "sym", name: "x", off: 4 },
    { kind: "label", name: ".Lf.out" },
  ];
  const names = ["res", undefined, "k", undefined, "out"];
  const x = (t: string): string => expandTemplate(t, args, names, 7);

  it("substitutes operands, names and labels", () => {
    expect(x("movl %2, %0")).toBe("movl $42, %eax");
    expect(x("movl %[k], %[res]")).toBe("movl $42, %eax");
    expect(x("incl %1; jmp %l4; jmp %l[out]")).toBe("incl -8(%rbp); jmp .Lf.out; jmp .Lf.out");
    expect(x("leaq %3, %q0")).toBe("leaq $x+4, %rax");
  });

  it("applies modifiers", () => {
    expect(x("%b0 %w0 %k0 %q0 %h0")).toBe("%al %ax %eax %rax %ah");
    expect(x("%c2 %n2 %P3 %a0 %V0 %z0")).toBe("42 -42 x+4 (%rax) eax l");
    expect(x("%H1")).toBe("(%rbp)");
  });

  it("handles escapes, %= and dialect alternatives", () => {
    expect(x("100%% .L%=: {movl %2, %0|mov %0, %2}")).toBe("100% .L7: movl $42, %eax");
    expect(x("%{ %| %}")).toBe("{ | }");
    expect(() => x("%9")).toThrow(/out of range/);
    expect(() => x("%[nope]")).toThrow(/undefined named operand/);
  });

  it("emits an asm goto as a branch with its labels", () => {
    const s = emitAssembly(parseModule(IR), { optLevel: 0, pic: false });
    expect(s).toMatch(/\tjmp \.Lf\.far/);
    expect(s).toMatch(/\t\.globl top\ntop:/);
  });
});
