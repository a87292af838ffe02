// The riscv64 code generator end to end: C programs of tests/unit/c compiled
// by tscc for riscv64 (its own assembler and linker) at -O0 and -O2 and run
// under qemu-riscv64, their output compared with riscv64-linux-gnu-gcc's
// build of the same program; and calls between tscc- and gcc-compiled
// objects (structs of floats and integers, varargs, long double, narrow
// integers) in both directions.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { requireBundleForEach, requireForEach } from "./require.js";

const GCC = "riscv64-linux-gnu-gcc";
const QEMU = ["qemu-riscv64", "-L", "/usr/riscv64-linux-gnu"];
const DIR = join(import.meta.dirname, "c");
const work = mkdtempSync(join(tmpdir(), "tscc-rv64-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Programs whose output does not depend on the target's long double format
 * (float-classify.c reads x87 bit layouts; hardening.c asks for x86's
 * -fcf-protection; glibc-builtins.c uses builtins gcc 12 lacks).
 */
const PROGRAMS = [
  "arith.c", "control.c", "computed-goto-dispatch.c", "computed-goto-phis.c", "cleanup-attr.c",
  "fallthrough-attr.c", "fortify.c", "gnu-misc.c", "atomic-wide.c",
];

function tscc(...args: string[]): ReturnType<typeof spawnSync> {
  return spawnSync(process.execPath, [TSCC_BUNDLE_PATH, "-target", "riscv64", ...args], { encoding: "utf8" });
}
function run(exe: string): { out: string; status: number | null } {
  const r = spawnSync(QEMU[0]!, [...QEMU.slice(1), exe], { encoding: "utf8", timeout: 30_000 });
  return { out: r.stdout, status: r.status };
}

describe("riscv64 C programs against riscv64 gcc", () => {
  requireBundleForEach();
  requireForEach(GCC, "qemu-riscv64");
  for (const file of PROGRAMS) {
    it(file, () => {
      const src = join(DIR, file);
      const flags = /^\/\/ flags: (.*)$/m.exec(readFileSync(src, "utf8"))?.[1]?.split(" ") ?? [];
      const ref = join(work, `gcc-${file}.exe`);
      const g = spawnSync(GCC, ["-w", "-O2", ...flags.filter((f) => !f.startsWith("-l")), src, "-o", ref, ...flags.filter((f) => f.startsWith("-l")), "-lm"], { encoding: "utf8" });
      expect(g.stderr).toBe("");
      const want = run(ref);
      for (const opt of ["-O0", "-O2"]) {
        const exe = join(work, `tscc${opt}-${file}.exe`);
        const cc = tscc(opt, ...flags, src, "-o", exe, "-lm");
        expect(cc.stderr).toBe("");
        expect(cc.status).toBe(0);
        const got = run(exe);
        expect({ opt, ...got }).toEqual({ opt, ...want });
      }
    }, 120_000);
  }
});

/**
 * One side of each call compiled by gcc, the other by tscc: every function
 * checks its arguments and returns a value the caller checks. Together they
 * cover the LP64D rules: FP+integer struct flattening, FP registers running
 * out (the integer fallback), structs by reference above 16 bytes, variadic
 * doubles in integer registers and 16-byte variadic values in aligned
 * pairs, binary128 long double, sign/zero extension of narrow integers.
 */
const ABI_DECLS = `
#include <stdarg.h>
typedef struct { float f; int i; } FI;
typedef struct { double a, b; } DD;
typedef struct { char c; double d; } CD;
typedef struct { long a, b, c; } Big;
typedef struct { float x[2]; } F2;
typedef struct { long double v; } LD;
typedef union { double d; long l; } U;
FI fi(FI a, DD b, CD c);
DD many(double a0, double a1, double a2, double a3, double a4, double a5, double a6, double a7, double a8, double a9, DD b);
Big big(Big a, F2 f, int n);
long double ld(long double a, int n, long double b);
LD lds(LD a, U u);
double var(int n, ...);
signed char sc(signed char a, unsigned char b, short c, unsigned short d);
unsigned short us(unsigned short a);
`;

const ABI_CALLEE = `${ABI_DECLS}
static int bad;
#define CHECK(c) do { if (!(c)) bad = __LINE__; } while (0)
int callee_bad(void) { return bad; }
FI fi(FI a, DD b, CD c) { CHECK(a.f == 1.5f && a.i == -7 && b.a == 2.25 && b.b == -3.5 && c.c == 'x' && c.d == 9.75); FI r = { a.f * 2, a.i * 3 }; return r; }
DD many(double a0, double a1, double a2, double a3, double a4, double a5, double a6, double a7, double a8, double a9, DD b) {
  CHECK(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 == 36 && a8 == 9 && a9 == 10 && b.a == 11 && b.b == 12);
  DD r = { a8 * 2, a9 * 2 }; return r;
}
Big big(Big a, F2 f, int n) { CHECK(a.a == 1 && a.b == 2 && a.c == 3 && f.x[0] == 0.5f && f.x[1] == 4.0f && n == -1); Big r = { a.c, a.b, a.a }; return r; }
long double ld(long double a, int n, long double b) { CHECK(a == 1.25L && n == 3 && b == -0.5L); return a * n + b; }
LD lds(LD a, U u) { CHECK(a.v == 7.0L && u.l == 42); LD r = { a.v / 2 }; return r; }
double var(int n, ...) {
  va_list ap; va_start(ap, n);
  double s = 0;
  for (int k = 0; k < n; k++) {
    switch (k % 4) {
      case 0: s += va_arg(ap, double); break;
      case 1: s += va_arg(ap, int); break;
      case 2: s += (double)va_arg(ap, long double); break;
      default: { DD d = va_arg(ap, DD); s += d.a + d.b; }
    }
  }
  va_end(ap);
  return s;
}
signed char sc(signed char a, unsigned char b, short c, unsigned short d) { long x = a, y = b, z = c, w = d; CHECK(x == -5 && y == 250 && z == -300 && w == 65000); return -9; }
unsigned short us(unsigned short a) { CHECK(a == 60000); return 65535; }
`;

const ABI_CALLER = `${ABI_DECLS}
#include <stdio.h>
int callee_bad(void);
int main(void) {
  int fails = 0;
#define EXPECT(c) do { if (!(c)) { printf("caller line %d\\n", __LINE__); fails++; } } while (0)
  FI a = { 1.5f, -7 }; DD b = { 2.25, -3.5 }; CD c = { 'x', 9.75 };
  FI r = fi(a, b, c); EXPECT(r.f == 3.0f && r.i == -21);
  DD m = many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (DD){ 11, 12 }); EXPECT(m.a == 18 && m.b == 20);
  Big g = big((Big){ 1, 2, 3 }, (F2){ { 0.5f, 4.0f } }, -1); EXPECT(g.a == 3 && g.b == 2 && g.c == 1);
  EXPECT(ld(1.25L, 3, -0.5L) == 3.25L);
  U u; u.l = 42; LD l = lds((LD){ 7.0L }, u); EXPECT(l.v == 3.5L);
  EXPECT(var(8, 1.5, 2, 3.25L, (DD){ 1, 2 }, 0.5, 7, 1.0L, (DD){ 0.25, 0.25 }) == 18.75);
  EXPECT(var(3, 1.0, 1, 2.0L) == 4.0);
  signed char s = sc(-5, 250, -300, 65000); long sx = s; EXPECT(sx == -9);
  unsigned short w = us(60000); long wx = w; EXPECT(wx == 65535);
  if (callee_bad()) { printf("callee line %d\\n", callee_bad()); fails++; }
  printf("%d\\n", fails);
  return fails != 0;
}
`;

describe("riscv64 calls between tscc and gcc objects", () => {
  requireBundleForEach();
  requireForEach(GCC, "qemu-riscv64");
  writeFileSync(join(work, "callee.c"), ABI_CALLEE);
  writeFileSync(join(work, "caller.c"), ABI_CALLER);
  const compile = (cc: "gcc" | "tscc", src: string, opt: string): string => {
    const out = join(work, `${cc}${opt}-${src}.o`);
    const r = cc === "gcc"
      ? spawnSync(GCC, ["-w", opt, "-c", join(work, src), "-o", out], { encoding: "utf8" })
      : tscc(opt, "-c", join(work, src), "-o", out);
    expect(r.stderr).toBe("");
    return out;
  };
  for (const opt of ["-O0", "-O2"]) {
    for (const [calleeCc, callerCc] of [["gcc", "tscc"], ["tscc", "gcc"], ["tscc", "tscc"]] as const) {
      it(`callee by ${calleeCc}, caller by ${callerCc} (${opt})`, () => {
        const exe = join(work, `abi-${calleeCc}-${callerCc}${opt}.exe`);
        const link = tscc(compile(calleeCc, "callee.c", opt), compile(callerCc, "caller.c", opt), "-o", exe);
        expect(link.stderr).toBe("");
        expect(run(exe)).toEqual({ out: "0\n", status: 0 });
      }, 120_000);
    }
  }
});
