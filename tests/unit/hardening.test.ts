// Debian's hardening options against gcc 12, function by function: which
// functions -fstack-protector* protects (a reference to __stack_chk_fail),
// where -fcf-protection puts endbr64 and notrack, and which frames
// -fstack-clash-protection probes. tests/unit/c/hardening.c runs such code.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { requireBundleForEach, requireForEach } from "./require.js";

const work = mkdtempSync(join(tmpdir(), "tscc-hardening-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Each function's assembly text, by name. */
function functions(cc: "gcc" | "tscc", src: string, flags: string[]): Map<string, string> {
  const file = join(work, "t.c");
  writeFileSync(file, src);
  const cmd = cc === "gcc" ? "gcc" : process.execPath;
  const args = [...(cc === "gcc" ? [] : [TSCC_BUNDLE_PATH]), "-S", "-o", "-", "-w", ...flags, file];
  const r = spawnSync(cmd, args, { encoding: "utf8" });
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

const SSP_SOURCE = `
void use(void *);
int g(void);
struct chars { char b[32]; int x; };
struct small { char b[4]; int x; };
int big_chars(void) { char b[16]; use(b); return b[0]; }
int small_chars(void) { char b[4]; use(b); return b[0]; }
int ints(void) { int a[4]; use(a); return a[0]; }
int nested_chars(void) { char a[2][16]; use(a); return a[0][0]; }
int struct_chars(void) { struct chars s; use(&s); return s.x; }
int struct_small(void) { struct small s; use(&s); return s.x; }
int address(void) { int x; use(&x); return x; }
int plain(void) { int x = g(); return x + 1; }
int dynamic(int n) { char b[n]; use(b); return b[0]; }
int with_alloca(int n) { char *p = __builtin_alloca(n); use(p); return p[0]; }
__attribute__((stack_protect)) int required(void) { return g(); }
__attribute__((no_stack_protector)) int opted_out(void) { char b[64]; use(b); return b[0]; }
void exit(int);
__attribute__((noreturn)) void fail(int);
void exits(int c) { char b[16]; use(b); exit(b[0] + c); }
void fails(int c) { char b[16]; use(b); if (c) fail(b[1]); use(b); }
`;

describe("-fstack-protector* protects the functions gcc protects", () => {
  requireBundleForEach();
  requireForEach("gcc");
  for (const mode of ["-fstack-protector", "-fstack-protector-strong", "-fstack-protector-all", "-fstack-protector-explicit"]) {
    for (const opt of ["-O0", "-O2"]) {
      it(`${mode} ${opt}`, () => {
        const r = both(SSP_SOURCE, [mode, opt], (b) => b.includes("__stack_chk_fail"));
        expect(r.tscc).toEqual(r.gcc);
        expect(r.gcc.length).toBeGreaterThan(0);
      });
    }
  }
});

const CET_SOURCE = `
#include <setjmp.h>
jmp_buf jb;
int g(int);
static int called_only(int x) { return g(x) + 1; }
static int taken(int x) { return g(x) + 2; }
int (*fp)(int) = taken;
int exported(int x) { return called_only(x); }
int table(int x, int y) {
  switch (x) { case 0: y += g(3); break; case 1: y *= g(7); break; case 2: y -= g(9); break;
  case 3: y ^= g(11); break; case 4: y /= g(13); break; case 5: y %= g(17); break; }
  return y;
}
int computed(int x) { static void *t[] = {&&a, &&b}; goto *t[x]; a: return g(1); b: return g(2); }
int jumps(int x) { if (setjmp(jb)) return 5; return g(x); }
`;

describe("-fcf-protection marks what gcc marks", () => {
  requireBundleForEach();
  requireForEach("gcc");
  for (const opt of ["-O0", "-O2"]) {
    it(`endbr64 at entries ${opt}`, () => {
      const r = both(CET_SOURCE, ["-fcf-protection", opt, "-fno-inline"], (b) => b.replace(/^(\.L\w+:|\t\.cfi_\w+.*)\n/gm, "").startsWith("\tendbr64"));
      expect(r.tscc).toEqual(r.gcc);
    });
    it(`landing pads and notrack ${opt}`, () => {
      const count = (b: string): number => (b.match(/endbr64/g) ?? []).length;
      const g = functions("gcc", CET_SOURCE, ["-fcf-protection", opt, "-fno-inline"]);
      const t = functions("tscc", CET_SOURCE, ["-fcf-protection", opt, "-fno-inline"]);
      for (const name of ["computed", "jumps"]) expect(count(t.get(name)!), name).toBe(count(g.get(name)!));
      expect(t.get("table")).toMatch(/notrack jmp/);
    });
  }
  it("the object says it is IBT and SHSTK ready", () => {
    const t = [...functions("tscc", CET_SOURCE, ["-fcf-protection=branch"]).keys()];
    expect(t.length).toBeGreaterThan(0);
    const file = join(work, "t.c"), obj = join(work, "t.o");
    writeFileSync(file, CET_SOURCE);
    for (const [level, bits] of [["full", "IBT, SHSTK"], ["branch", "IBT"], ["return", "SHSTK"]] as const) {
      const cc = spawnSync(process.execPath, [TSCC_BUNDLE_PATH, "-c", `-fcf-protection=${level}`, file, "-o", obj], { encoding: "utf8" });
      expect(cc.status).toBe(0);
      const notes = spawnSync("readelf", ["-n", obj], { encoding: "utf8" }).stdout;
      expect(notes).toContain(`x86 feature: ${bits}\n`);
    }
  });
});

const CLASH_SOURCE = `
void use(void *);
void page_less(void) { char b[3000]; use(b); }
void two_pages(void) { char b[9000]; use(b); }
void many_pages(void) { char b[100000]; use(b); }
void dynamic(int n) { char b[n]; use(b); }
`;

describe("-fstack-clash-protection probes the frames gcc probes", () => {
  requireBundleForEach();
  requireForEach("gcc");
  for (const opt of ["-O0", "-O2"]) {
    it(opt, () => {
      const r = both(CLASH_SOURCE, ["-fstack-clash-protection", opt], (b) => /orq\t\$0, /.test(b));
      expect(r.tscc).toEqual(r.gcc);
      expect(r.gcc).toEqual(["dynamic", "many_pages", "two_pages"]);
    });
  }
});
