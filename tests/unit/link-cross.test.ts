// tscc-ld linking riscv64 and aarch64 Linux programs: objects from the Debian
// cross gcc (and, for riscv64, from tscc's own assembler), linked in-process
// with the command line gcc passes to collect2 (tests/link/cross-link-line.ts),
// run under qemu-user. Covered per architecture: PIE, -no-pie, -static and
// -shared; TLS in every model (local exec, initial exec, general dynamic or
// descriptors, relaxed where GNU ld relaxes); a shared library used by a
// program (copy relocations, canonical PLT entries, function pointers in data)
// and loaded with dlopen; IFUNC in a static executable. riscv64 also checks
// linker relaxation against GNU ld's result.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runLinker } from "../../src/link/index.js";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { crossGcc, crossLinkLine, crossSysroot, type CrossArch, type CrossKind } from "../link/cross-link-line.js";
import { requireBundle, requireForEach } from "./require.js";

const dir = mkdtempSync(join(tmpdir(), "tscc-link-cross-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function compile(arch: CrossArch, src: string, out: string, ...flags: string[]): string {
  const o = join(dir, out);
  const r = spawnSync(crossGcc(arch), ["-c", "-w", ...flags, "-o", o, join(dir, src)], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return o;
}

function link(arch: CrossArch, kind: CrossKind, out: string, inputs: string[], libs: string[] = [], extra: string[] = []): string {
  const exe = join(dir, out);
  let stderr = "";
  const status = runLinker([...extra, ...crossLinkLine(arch, kind, exe, inputs, libs)], { stderr: (s) => { stderr += s; } });
  expect(stderr).toBe("");
  expect(status).toBe(0);
  return exe;
}

function run(arch: CrossArch, exe: string): string {
  const r = spawnSync(`qemu-${arch}`, ["-L", crossSysroot(arch), "-E", `LD_LIBRARY_PATH=${dir}`, exe], { encoding: "utf8", cwd: dir, timeout: 30_000 });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout;
}

/** Sizes of the output's sections by name (ELF64 little-endian). */
function sectionSizes(path: string): Map<string, number> {
  const b = readFileSync(path);
  const shoff = Number(b.readBigUInt64LE(0x28));
  const shentsize = b.readUInt16LE(0x3a), shnum = b.readUInt16LE(0x3c), shstrndx = b.readUInt16LE(0x3e);
  const strOff = Number(b.readBigUInt64LE(shoff + shstrndx * shentsize + 0x18));
  const sizes = new Map<string, number>();
  for (let i = 1; i < shnum; i++) {
    const h = shoff + i * shentsize;
    const at = strOff + b.readUInt32LE(h);
    sizes.set(b.toString("latin1", at, b.indexOf(0, at)), Number(b.readBigUInt64LE(h + 0x20)));
  }
  return sizes;
}

const HELLO = `#include <stdio.h>
#include <string.h>
#include <stdlib.h>
struct item { const char *name; int n; };
static struct item items[] = { { "one", 1 }, { "two", 2 }, { "three", 3 } };
int counter;                            /* .bss/.sbss, gp-relative after relaxation */
long big[600] = { 5 };                  /* beyond gp's reach */
static int cmp(const void *a, const void *b) { return ((const struct item *)a)->n - ((const struct item *)b)->n; }
__attribute__((noinline)) int twice(int x) { return 2 * x; }
int main(int argc, char **argv) {
  qsort(items, 3, sizeof items[0], cmp);
  for (int i = 0; i < 3; i++) counter += twice(items[i].n) + (int)strlen(items[i].name);
  printf("%s %d %ld %d\\n", items[2].name, counter, big[0], argc);
  return 0;
}
`;

const TLS_LIB = `__thread int lib_var = 42;          /* exported: general dynamic / descriptors */
static __thread int lib_local = 1;     /* local dynamic */
__thread int lib_zero;
int lib_get(void) { lib_zero += 2; return lib_var + lib_local + lib_zero; }
`;

const TLS_MAIN = `#include <stdio.h>
__thread int a = 1;                     /* local exec */
__thread long b[100] = { [99] = 7 };
static __thread int c = 3;
__thread int z;                         /* .tbss */
extern __thread int lib_var;            /* initial exec from the executable */
int lib_get(void);
__attribute__((noinline)) int *addr_a(void) { return &a; }
int main(void) {
  z += 5;
  int got = lib_get();
  printf("%d %ld %d %d %d %d\\n", a, b[99], c, z, lib_var, got);
  return a == 1 && b[99] == 7 && c == 3 && z == 5 && lib_var == 42 && got == 45 && addr_a() == &a ? 0 : 1;
}
`;

const SHAPES_LIB = `int shared_data[4] = { 1, 2, 3, 4 };
int lib_fn(int x) { return x + shared_data[3]; }
int (*lib_fp)(int) = lib_fn;
`;

const SHAPES_MAIN = `#include <stdio.h>
extern int shared_data[4];              /* copy relocation in -no-pie */
int lib_fn(int);
extern int (*lib_fp)(int);
int (*pf)(int) = lib_fn;                /* canonical PLT entry in -no-pie */
int main(void) {
  int r = shared_data[2] + lib_fn(1) + (pf == lib_fp);
  printf("%d\\n", r);
  return r == 9 ? 0 : 1;
}
`;

const DLOPEN = `#include <dlfcn.h>
#include <stdio.h>
int main(void) {
  void *h = dlopen("libtlsx.so", RTLD_NOW);
  if (!h) { printf("%s\\n", dlerror()); return 1; }
  int (*f)(void) = (int (*)(void))dlsym(h, "lib_get");
  int r = f() + f();
  printf("%d\\n", r);
  dlclose(h);
  return r == 45 + 47 ? 0 : 2;
}
`;

const IFUNC = `#include <stdio.h>
static int impl(int x) { return x * 2; }
static int (*resolve(void))(int) { return impl; }
int ifn(int) __attribute__((ifunc("resolve")));
int (*pi)(int) = ifn;
int main(void) { int r = ifn(5) + pi(1); printf("%d\\n", r); return r == 12 ? 0 : 1; }
`;

for (const arch of ["riscv64", "aarch64"] as const) {
  describe(`tscc-ld for ${arch}`, () => {
    requireForEach(crossGcc(arch), `qemu-${arch}`);

    for (const opt of ["-O0", "-O2"]) {
      it(`links a program as PIE, -no-pie and -static (${opt})`, () => {
        write("hello.c", HELLO);
        const obj = compile(arch, "hello.c", `hello-${arch}${opt}.o`, opt);
        for (const kind of ["pie", "no-pie", "static"] as const) {
          expect(run(arch, link(arch, kind, `hello-${arch}${opt}.${kind}`, [obj]))).toBe("three 23 5 1\n");
        }
      });

      it(`TLS in every model, with a shared library (${opt})`, () => {
        write("tlslib.c", TLS_LIB);
        write("tlsmain.c", TLS_MAIN);
        const libObj = compile(arch, "tlslib.c", `tlslib-${arch}${opt}.o`, opt, "-fPIC");
        const mainObj = compile(arch, "tlsmain.c", `tlsmain-${arch}${opt}.o`, opt);
        link(arch, "shared", "libtlsx.so", [libObj], [], ["-soname", "libtlsx.so"]);
        for (const kind of ["pie", "no-pie"] as const) {
          expect(run(arch, link(arch, kind, `tls-${arch}${opt}.${kind}`, [mainObj], [`-L${dir}`, "-ltlsx"]))).toBe("1 7 3 5 42 45\n");
        }
        // The library's code linked statically: its descriptors and dynamic accesses become local exec.
        expect(run(arch, link(arch, "static", `tls-${arch}${opt}.static`, [mainObj, libObj]))).toBe("1 7 3 5 42 45\n");
        write("dl.c", DLOPEN);
        const dlObj = compile(arch, "dl.c", `dl-${arch}${opt}.o`, opt, "-fPIE");
        expect(run(arch, link(arch, "pie", `dl-${arch}${opt}`, [dlObj], ["-ldl"]))).toBe("92\n");
      });

      it(`copy relocations and canonical PLT entries against a shared library (${opt})`, () => {
        write("shapes.c", SHAPES_LIB);
        write("shapesmain.c", SHAPES_MAIN);
        link(arch, "shared", "libshapesx.so", [compile(arch, "shapes.c", `shapes-${arch}${opt}.o`, opt, "-fPIC")], [], ["-soname", "libshapesx.so"]);
        const pie = compile(arch, "shapesmain.c", `shapesmain-${arch}${opt}.o`, opt, "-fPIE");
        const noPie = compile(arch, "shapesmain.c", `shapesmain-np-${arch}${opt}.o`, opt, "-fno-pie");
        expect(run(arch, link(arch, "pie", `shapes-${arch}${opt}.pie`, [pie], [`-L${dir}`, "-lshapesx"]))).toBe("9\n");
        expect(run(arch, link(arch, "no-pie", `shapes-${arch}${opt}.no-pie`, [noPie], [`-L${dir}`, "-lshapesx"]))).toBe("9\n");
      });

      it(`IFUNC in a static executable: IRELATIVE (${opt})`, () => {
        write("ifunc.c", IFUNC);
        const obj = compile(arch, "ifunc.c", `ifunc-${arch}${opt}.o`, opt);
        expect(run(arch, link(arch, "static", `ifunc-${arch}${opt}`, [obj]))).toBe("12\n");
      });
    }
  });
}

describe("aarch64 range-extension veneers", () => {
  requireForEach(crossGcc("aarch64"), "qemu-aarch64");

  it("a call beyond ±128 MiB goes through a veneer after the caller's section", () => {
    write("vmain.c", "int far(int);\nint main(void) { return far(3) == 4 ? 0 : 1; }\n");
    write("vpad.s", ".text\n.globl pad\npad:\n.skip 0x8100000\n"); // 129 MiB of code between caller and callee
    write("vfar.c", "int far(int x) { return x + 1; }\n");
    const objs = [compile("aarch64", "vmain.c", "vmain.o"), compile("aarch64", "vpad.s", "vpad.o"), compile("aarch64", "vfar.c", "vfar.o")];
    const exe = link("aarch64", "pie", "veneer.pie", objs);
    try {
      run("aarch64", exe);
    } finally {
      rmSync(exe, { force: true });
    }
  });
});

describe("riscv64 linker relaxation", () => {
  requireForEach(crossGcc("riscv64"), "qemu-riscv64");

  it("relaxed .text is as small as GNU ld's for a PIE, and smaller than the unrelaxed link", () => {
    write("relax.c", HELLO);
    const obj = compile("riscv64", "relax.c", "relax.o", "-O2");
    const ours = link("riscv64", "pie", "relax.pie", [obj]);
    const unrelaxed = link("riscv64", "pie", "relax-norelax.pie", [obj], [], ["--no-relax"]);
    const gnu = join(dir, "relax-gnu.pie");
    expect(spawnSync(crossGcc("riscv64"), ["-pie", "-o", gnu, obj], { encoding: "utf8" }).status).toBe(0);
    expect(run("riscv64", ours)).toBe("three 23 5 1\n");
    expect(run("riscv64", unrelaxed)).toBe("three 23 5 1\n");
    const text = (p: string): number => sectionSizes(p).get(".text") ?? -1;
    expect(text(ours)).toBe(text(gnu));
    expect(text(ours)).toBeLessThan(text(unrelaxed));
  });

  it("-no-pie relaxes calls to jal, lui/addi to gp-relative and alignment padding; the program still runs", () => {
    const obj = compile("riscv64", "relax.c", "relax-np.o", "-O2", "-fno-pie");
    const ours = link("riscv64", "no-pie", "relax.no-pie", [obj]);
    const unrelaxed = link("riscv64", "no-pie", "relax-norelax.no-pie", [obj], [], ["--no-relax"]);
    expect(run("riscv64", ours)).toBe("three 23 5 1\n");
    const text = (p: string): number => sectionSizes(p).get(".text") ?? -1;
    // main's calls (auipc+jalr → jal) and `counter`'s lui/addi pairs (→ gp) shrink it by well over 16 bytes.
    expect(text(unrelaxed) - text(ours)).toBeGreaterThan(16);
  });

  it("links objects from tscc's own assembler (gcc -S output, tscc -target riscv64 -c)", () => {
    requireBundle();
    const s = join(dir, "tsccasm.s");
    expect(spawnSync(crossGcc("riscv64"), ["-S", "-O2", "-o", s, join(dir, "relax.c")]).status).toBe(0);
    const o = join(dir, "tsccasm.o");
    const r = spawnSync(process.execPath, [TSCC_BUNDLE_PATH, "-target", "riscv64", "-c", s, "-o", o], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    for (const kind of ["pie", "no-pie", "static"] as const) {
      expect(run("riscv64", link("riscv64", kind, `tsccasm.${kind}`, [o]))).toBe("three 23 5 1\n");
    }
  });
});
