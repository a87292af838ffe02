// x86_64 system instructions as the Linux kernel writes them (inline asm and
// .S files: MSRs, descriptor tables, control/debug/segment registers, port
// I/O, XSAVE, cache control, RDRAND, FS/GS base), each assembled by tscc and
// by GNU as: the bytes must be identical.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assembleFile, formatDiagnostic } from "../../src/asm/index.js";
import { ElfFile } from "../../src/elf/reader.js";
import { requireForEach } from "./require.js";

const LINES = [
  "cli", "sti", "clts", "invd", "wbinvd", "wbnoinvd", "wrmsr", "rdmsr", "rdpmc", "sysenter", "sysexit",
  "sysretl", "sysretq", "swapgs", "iretq", "iretl", "lretq", "lret", "lretq $8", "clac", "stac", "monitor", "mwait",
  "xsetbv", "vmcall", "vmmcall", "serialize", "rdpkru", "wrpkru", "int1", "ud1 %eax, %eax", "ud1l 4(%rax), %ecx", "ud0 %rax, %rcx",
  "sldt %ax", "sldt %eax", "sldt %rax", "sldt (%rax)", "str %ax", "str %rax", "smsw %eax", "smsw %rax", "smsw (%rax)", "lldt %ax", "ltr %di", "ltr (%rax)", "verw %ax", "verw 8(%rsp)", "verr (%rbx)",
  "sgdt (%rax)", "sidt 8(%rsp)", "lgdt (%rdi)", "lidt (%rdi)", "sgdtq (%rax)", "lidtq (%rsi)",
  "smsw %ax", "lmsw %ax", "invlpg (%rax)", "invlpg 4096(%r12)",
  "lar %ax, %cx", "larl %eax, %ecx", "lsl %eax, %edx", "lslq %rax, %rdx",
  "rdrand %eax", "rdrand %rax", "rdrand %ax", "rdseed %rcx", "rdseed %r8d", "rdpid %rax", "rdpid %r9",
  "rdfsbase %rax", "rdgsbase %r11", "wrfsbase %rdi", "wrgsbase %rsi", "wrfsbase %eax",
  "xsave (%rdi)", "xrstor (%rdi)", "xsaveopt (%rdi)", "xsave64 (%rdi)", "xrstor64 (%rdi)", "xsaveopt64 (%r8)",
  "xsavec (%rdi)", "xsaves64 (%rdi)", "xrstors (%rdi)", "xrstors64 (%rdi)", "fxsave64 (%rdi)", "fxrstor64 (%rdi)",
  "fxsaveq (%rdi)", "fxrstorq (%rdi)", "clflushopt (%rax)", "clwb (%rdx)", "invpcid (%rax), %rcx", "invpcid (%rdx), %r10",
  "insb", "insw", "insl", "outsb", "outsw", "outsl",
  "inb %dx, %al", "inw %dx, %ax", "inl %dx, %eax", "in %dx, %al", "inb $0x80, %al", "inl $0x71, %eax",
  "outb %al, %dx", "outw %ax, %dx", "outl %eax, %dx", "outb %al, $0x80", "out %al, $0x80", "outw %ax, $0x70",
  "mov %cr0, %rax", "mov %cr3, %r12", "movq %cr4, %rdx", "mov %rax, %cr0", "mov %r9, %cr3", "movq %rdi, %cr4", "mov %cr8, %rax", "mov %rbx, %cr8",
  "mov %db7, %rax", "mov %rax, %db0", "movq %db6, %rcx", "mov %rcx, %db7",
  "mov %ds, %eax", "mov %es, %ax", "movw %ss, (%rax)", "mov %cs, %rax", "movq %ds, %rax", "movl %fs, %ecx", "mov %rax, %ds", "movq %rax, %es",
  "mov %eax, %ds", "mov %ax, %es", "movw %ax, %ss", "movw (%rax), %fs", "mov %edi, %gs", "movl %ecx, %fs",
  "push %fs", "pushq %gs", "pop %fs", "popq %gs",
  "fnsave (%rdi)", "fsave 8(%rsp)", "frstor (%rdi)", "fstenv (%rax)", "fnstenv (%rax)",
];

/** The kernel's .S idioms (entry_64.S, unwind hints, alternatives, IRQ stubs): sources whose .text must match gas's. */
const IDIOMS: Record<string, string> = {
  "registers compared in .if": [
    ".macro hint base=%rsp offset=0", ".if \\base == %rsp", " .byte 1", ".elseif \\base == %rdi", " .byte 2", ".else", " .byte 3", ".endif", ".endm",
    " hint", " hint base=%rdi", " hint %rbx",
  ].join("\n"),
  "quoted and blank-separated macro arguments": [
    ".macro alt old, new", " \\old", " \\new", ".endm",
    ' alt "", "call foo"', ' alt "nop", "jmp foo"', ' alt "mov %rsp, %rax" ""',
    ".macro two a, b", " .byte \\a", " .byte \\b", ".endm", " two 1 + 2, 5", " two 1+2 4", " two 1 +2 4",
  ].join("\n"),
  "blank-separated .type (the kernel's SYM_CODE_END)": [
    " .type a STT_NOTYPE", " .type b STT_FUNC", " .type c, STT_OBJECT", "a: b: c:", " ret",
  ].join("\n"),
  "a macro called with its argument in parentheses (STACK_FRAME_NON_STANDARD(func))": [
    ".macro SFNS func:req", " .long \\func - .", ".endm", "f: nop", "g: SFNS(f)",
  ].join("\n"),
  ".fill with a count known after relaxation": [
    " .globl common", " vector=0x20", " .rept 3", "0 :", " .byte 0x6a, vector", " jmp common", " .fill 0b + 8 - ., 1, 0xcc",
    " vector = vector+ 1", " .endr", "common:", " ret",
  ].join("\n"),
};

describe("x86_64 kernel assembler idioms against GNU as", () => {
  requireForEach("as");
  for (const [name, src] of Object.entries(IDIOMS)) {
    it(name, () => {
      const dir = mkdtempSync(join(tmpdir(), "tscc-asm-idiom-"));
      try {
        const file = join(dir, "t.s"), obj = join(dir, "t.o");
        writeFileSync(file, src + "\n");
        execFileSync("as", [file, "-o", obj], { stdio: "ignore" });
        const gas = new ElfFile(readFileSync(obj));
        const r = assembleFile(src + "\n", { fileName: "t.s" });
        expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
        const ours = new ElfFile(r.object!);
        expect([...ours.contents(ours.sectionByName(".text")!)]).toEqual([...gas.contents(gas.sectionByName(".text")!)]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe("x86_64 system instructions against GNU as", () => {
  requireForEach("as");
  it("encode byte-identically", () => {
    const dir = mkdtempSync(join(tmpdir(), "tscc-asm-sys-"));
    try {
      const mismatches: string[] = [];
      for (const line of LINES) {
        const src = `\t${line}\n`;
        const file = join(dir, "t.s"), obj = join(dir, "t.o");
        writeFileSync(file, src);
        execFileSync("as", [file, "-o", obj], { stdio: "ignore" });
        const gas = new ElfFile(readFileSync(obj));
        const want = [...gas.contents(gas.sectionByName(".text")!)];
        const r = assembleFile(src, { fileName: "t.s" });
        if (!r.object) { mismatches.push(`${line}: ${r.diagnostics.map(formatDiagnostic).join("; ")}`); continue; }
        const ours = new ElfFile(r.object);
        const got = [...ours.contents(ours.sectionByName(".text")!)];
        const hex = (b: number[]): string => b.map((x) => x.toString(16).padStart(2, "0")).join(" ");
        if (hex(got) !== hex(want)) mismatches.push(`${line}: tscc ${hex(got)}, as ${hex(want)}`);
      }
      expect(mismatches).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000); // one `as` run per line: slow on a loaded machine
});
