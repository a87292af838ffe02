// The x86_64 -m options the Linux kernel builds with (src/backend-x86_64/machine.ts),
// against gcc 12: predefined macros, the code shape each option asks for
// (no xmm register with SSE off, retpoline and return thunks, no %al setup
// with -mskip-rax-setup, no jump tables, function alignment, no GOT under
// -mcmodel=kernel), gcc's errors, and a run-time check of
// -mpreferred-stack-boundary=3 with an over-aligned local.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { requireBundleForEach, requireForEach } from "./require.js";

const work = mkdtempSync(join(tmpdir(), "tscc-x86-machine-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The kernel's x86_64 code-generation flags (arch/x86/Makefile of 6.1, with CONFIG_RETPOLINE and CONFIG_RETHUNK). */
const KERNEL_FLAGS = [
  "-mno-sse", "-mno-mmx", "-mno-sse2", "-mno-3dnow", "-mno-avx", "-mno-80387", "-mno-fp-ret-in-387", "-msoft-float",
  "-mcmodel=kernel", "-fno-PIE", "-mno-red-zone", "-mskip-rax-setup", "-mpreferred-stack-boundary=3",
  "-fno-asynchronous-unwind-tables", "-fcf-protection=none",
];
const RETPOLINE_FLAGS = ["-mindirect-branch=thunk-extern", "-mindirect-branch-register", "-mfunction-return=thunk-extern"];

/** Run gcc or tscc; an `INPUT` argument is replaced by a file holding `input`. */
function run(cc: "gcc" | "tscc", args: string[], input = ""): { status: number | null; stdout: string; stderr: string } {
  const cmd = cc === "gcc" ? "gcc" : process.execPath;
  const file = join(work, "stdin.c");
  writeFileSync(file, input);
  const argv = args.map((a) => (a === "INPUT" ? file : a));
  return spawnSync(cmd, [...(cc === "gcc" ? [] : [TSCC_BUNDLE_PATH]), ...argv], { encoding: "utf8" });
}

/** `-dM -E` of an empty unit: macro name → definition. */
function macros(cc: "gcc" | "tscc", flags: string[]): Map<string, string> {
  const r = run(cc, ["-dM", "-E", ...flags, "-x", "c", "INPUT"]);
  expect(r.stderr).toBe("");
  const out = new Map<string, string>();
  for (const m of r.stdout.matchAll(/^#define (\S+) ?(.*)$/gm)) out.set(m[1]!, m[2]!);
  return out;
}

/** What `flags` change in the predefined macros (removed as `-NAME`, added or changed as `NAME=VALUE`). */
function macroChanges(cc: "gcc" | "tscc", flags: string[]): string[] {
  const base = macros(cc, ["-fno-PIE"]);
  const now = macros(cc, ["-fno-PIE", ...flags]);
  const out: string[] = [];
  for (const [k, v] of now) if (base.get(k) !== v) out.push(`${k}=${v}`);
  for (const k of base.keys()) if (!now.has(k)) out.push(`-${k}`);
  // _Float16 (__FLT16_*) is a type tscc does not have.
  return out.filter((m) => !/__FLT16_/.test(m)).sort();
}

/** Each function's assembly text, by name. */
function functions(cc: "gcc" | "tscc", src: string, flags: string[]): Map<string, string> {
  const file = join(work, "t.c");
  writeFileSync(file, src);
  const r = run(cc, ["-S", "-o", "-", "-w", ...flags, file]);
  expect(r.stderr).toBe("");
  const out = new Map<string, string>();
  for (const m of r.stdout.matchAll(/^([A-Za-z_]\w*):\n([\s\S]*?)\t\.size\t\1,/gm)) out.set(m[1]!, m[2]!);
  return out;
}

/** The functions of `src` for which `test` holds, under gcc and under tscc. */
function both(src: string, flags: string[], test: (body: string) => boolean): { gcc: string[]; tscc: string[] } {
  const pick = (cc: "gcc" | "tscc"): string[] => [...functions(cc, src, flags)].filter(([, b]) => test(b)).map(([n]) => n).sort();
  return { gcc: pick("gcc"), tscc: pick("tscc") };
}

const KERNEL_LIKE = `
int printk(const char *, ...);
extern int counter;
extern long table[];
struct big { long a[9]; };
struct pair { int a, b; };
void log_it(int x) { printk("x=%d\\n", x); }
int sum(int n, ...) {
  __builtin_va_list ap; __builtin_va_start(ap, n);
  int s = 0; for (int i = 0; i < n; i++) s += __builtin_va_arg(ap, int);
  __builtin_va_end(ap); return s;
}
void copy(struct big *d, const struct big *s) { *d = *s; }
void clear(struct big *d) { __builtin_memset(d, 0, sizeof *d); }
struct pair make(int a) { struct pair p = { a, a + 1 }; return p; }
int through(int (*fp)(int), int v) { return fp(v) + counter; }
long pick(int i) { return table[i]; }
int classify(int c) {
  switch (c) { case 0: return 3; case 1: return 8; case 2: return 1; case 3: return 9; case 4: return 4; case 5: return 6; }
  return -1;
}
`;

describe("x86_64 machine options: predefined macros as gcc's", () => {
  requireBundleForEach();
  requireForEach("gcc");
  it.each([
    ["-mno-sse"], ["-mno-sse2"], ["-mno-mmx"], ["-mno-80387"], ["-msoft-float"], ["-mgeneral-regs-only"],
    ["-mcmodel=kernel"], ["-mno-sse", "-mno-mmx", "-mno-80387"], KERNEL_FLAGS,
  ])("%s", (...flags) => {
    expect(macroChanges("tscc", flags)).toEqual(macroChanges("gcc", flags));
  });
  it("-fno-PIE after -fPIC is not position independent (gcc's last-wins)", () => {
    for (const flags of [["-fno-PIE"], ["-fPIC", "-fno-PIE"], ["-fno-pie", "-fPIC"], ["-fno-pic"]]) {
      expect(macros("tscc", flags).has("__PIC__"), flags.join(" ")).toBe(macros("gcc", flags).has("__PIC__"));
    }
  });
});

describe("x86_64 machine options: gcc's errors", () => {
  requireBundleForEach();
  requireForEach("gcc");
  it("-mcmodel=kernel refuses PIC", () => {
    const msg = "code model kernel does not support PIC mode";
    expect(run("gcc", ["-mcmodel=kernel", "-fPIC", "-S", "-o", "-", "-x", "c", "INPUT"]).stderr).toContain(msg);
    expect(run("tscc", ["-mcmodel=kernel", "-fPIC", "-S", "-o", "-", "-x", "c", "INPUT"]).stderr).toContain(msg);
  });
  it("a float value with SSE disabled is an error", () => {
    const src = "double twice(double x) { return x * 2; }";
    for (const cc of ["gcc", "tscc"] as const) {
      const r = run(cc, [...KERNEL_FLAGS, "-S", "-o", "-", "-x", "c", "INPUT"], src);
      expect(r.status, cc).not.toBe(0);
      expect(r.stderr, cc).toContain("SSE register return with SSE disabled");
    }
  });
  it("unimplemented values are refused", () => {
    for (const opt of ["-mcmodel=large", "-mcmodel=medium", "-mindirect-branch=thunk", "-mpreferred-stack-boundary=2"]) {
      expect(run("tscc", [opt, "-S", "-o", "-", "-x", "c", "INPUT"]).stderr).toContain(`unrecognized command-line option '${opt}'`);
    }
  });
});

describe("x86_64 machine options: code shape as gcc's", () => {
  requireBundleForEach();
  requireForEach("gcc");
  for (const opt of ["-O0", "-O2"]) {
    it(`no xmm or x87 register with SSE off ${opt}`, () => {
      const fp = /%xmm|%st\b|%st\(|%mm\d/;
      const r = both(KERNEL_LIKE, [opt, ...KERNEL_FLAGS], (b) => fp.test(b));
      expect(r.tscc).toEqual(r.gcc);
      expect(r.tscc).toEqual([]);
      // ...while by default tscc's varargs prologue does save the vector registers.
      expect(both(KERNEL_LIKE, [opt], (b) => /%xmm/.test(b)).tscc).toContain("sum");
    });
    it(`retpolines and return thunks ${opt}`, () => {
      const flags = [opt, ...KERNEL_FLAGS, ...RETPOLINE_FLAGS];
      const thunkCall = both(KERNEL_LIKE, flags, (b) => /(call|jmp)\s+__x86_indirect_thunk_r\w+/.test(b));
      expect(thunkCall.tscc).toEqual(thunkCall.gcc);
      expect(thunkCall.tscc).toEqual(["through"]);
      const plainRet = both(KERNEL_LIKE, flags, (b) => /\bret\b|(call|jmp)\s+\*/.test(b));
      expect(plainRet.tscc).toEqual(plainRet.gcc);
      expect(plainRet.tscc).toEqual([]);
      // gcc turns some calls into tail jumps (no return of its own); tscc returns from every function.
      const returnThunk = both(KERNEL_LIKE, flags, (b) => /jmp\s+__x86_return_thunk/.test(b));
      expect(returnThunk.tscc).toEqual(expect.arrayContaining(returnThunk.gcc));
    });
    it(`-mskip-rax-setup leaves %al alone before variadic calls ${opt}`, () => {
      const touchesRax = (b: string): boolean => /(movl\s+\$0, %eax|xorl\s+%eax, %eax|movb\s+\$0, %al)\n[^]*?(call|jmp)\s+printk/.test(b);
      const skip = both(KERNEL_LIKE, [opt, ...KERNEL_FLAGS], touchesRax);
      expect(skip.tscc.includes("log_it")).toBe(skip.gcc.includes("log_it"));
      expect(skip.tscc).not.toContain("log_it");
      const set = both(KERNEL_LIKE, [opt, ...KERNEL_FLAGS.filter((f) => f !== "-mskip-rax-setup")], touchesRax);
      expect(set.tscc).toContain("log_it");
      expect(set.gcc).toContain("log_it");
    });
    it(`-mcmodel=kernel reaches every symbol directly ${opt}`, () => {
      const got = both(KERNEL_LIKE, [opt, ...KERNEL_FLAGS], (b) => /@GOT|@PLT/.test(b));
      expect(got.tscc).toEqual(got.gcc);
      expect(got.tscc).toEqual([]);
    });
  }
  it("-fno-jump-tables and retpolines make no jump table", () => {
    for (const flags of [["-O2", "-fno-jump-tables"], ["-O2", ...KERNEL_FLAGS, ...RETPOLINE_FLAGS]]) {
      const file = join(work, "sw.c");
      writeFileSync(file, KERNEL_LIKE);
      const out = run("tscc", ["-S", "-o", "-", ...flags, file]).stdout;
      expect(out, flags.join(" ")).not.toMatch(/jmp\s+\*|\.LJT/);
    }
    const dflt = run("tscc", ["-S", "-o", "-", "-O2", join(work, "sw.c")]).stdout;
    expect(dflt).toMatch(/\.LJT/);
  });
  it("-falign-functions=N aligns entries as gcc does", () => {
    for (const [flag, p2] of [["-falign-functions=64", "6"], ["-falign-functions=33", "6"], ["-falign-functions=16", "4"]] as const) {
      const out = run("tscc", ["-S", "-o", "-", flag, "-x", "c", "INPUT"], "int f(void) { return 1; }").stdout;
      expect(out, flag).toMatch(new RegExp(`\\.p2align\\s+${p2}\\n(\\s*\\.\\w+.*\\n)*f:`));
    }
  });
});

describe("x86_64 machine options: -mpreferred-stack-boundary=3 at run time", () => {
  requireBundleForEach();
  it("frames round to 8 and an over-aligned local is still aligned", () => {
    const file = join(work, "psb.c");
    // inner() is entered with %rsp ≡ 8 (mod 16) through middle()'s 8-byte-rounded frame.
    writeFileSync(file, `
      __attribute__((noinline)) int inner(void) {
        char buf[24] __attribute__((aligned(32)));
        __asm__ volatile("" : : "r"(buf) : "memory");
        return (int)((unsigned long)buf & 31);
      }
      __attribute__((noinline)) int middle(int x) { volatile char pad[8]; pad[0] = (char)x; return inner() + pad[0] - x; }
      int main(void) { return middle(3) + middle(5); }
    `);
    const exe = join(work, "psb");
    for (const opt of ["-O0", "-O2"]) {
      const c = run("tscc", [opt, "-mpreferred-stack-boundary=3", "-o", exe, file]);
      expect(c.stderr).toBe("");
      expect(spawnSync(exe).status, opt).toBe(0);
      const s = run("tscc", [opt, "-mpreferred-stack-boundary=3", "-S", "-o", "-", file]).stdout;
      const frames = [...s.matchAll(/subq\s+\$(\d+), %rsp/g)].map((m) => Number(m[1]));
      expect(frames.some((n) => n % 16 === 8), opt).toBe(true);
    }
  });
});
