// Shared libraries made entirely by tscc (compiler, assembler, linker and
// runtime, no gcc): `tscc -shared -fPIC` libraries used by a program linked
// against them, loaded with dlopen (the library's atexit handlers run at
// dlclose: crtbeginS's __dso_handle and __cxa_finalize), and LD_PRELOAD interposition of a library
// function and of a libc function. TSCC_NO_GCC=1 hides gcc's directory.
// (No __attribute__((constructor)) yet: tscc does not emit .init_array entries for it.)

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { requireBundleForEach } from "./require.js";

const TSCC = TSCC_BUNDLE_PATH;
const dir = mkdtempSync(join(tmpdir(), "tscc-shared-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tscc(...args: string[]): void {
  const r = spawnSync(process.execPath, [TSCC, ...args], { encoding: "utf8", cwd: dir, env: { ...process.env, TSCC_NO_GCC: "1" } });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
}

function run(exe: string, env: Record<string, string> = {}): string {
  const r = spawnSync(join(dir, exe), [], { encoding: "utf8", cwd: dir, timeout: 10_000, env: { ...process.env, ...env } });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout;
}

function source(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

const LIBRARY = `#include <stdio.h>
#include <stdlib.h>
int shape_count = 3;                       /* data the program reads (copy relocation in -no-pie) */
__thread int shape_calls;                  /* TLS in a shared object */
static const char *names[] = { "triangle", "square", "pentagon" };  /* relative relocations */
const char *shape_name(int i) { shape_calls++; return names[i]; }
int shape_sides(int i) { return i + 3; }
long long shape_big(long long n) { return (long long)((__int128)n * n / 7); }  /* __divti3 from the runtime */
int (*shape_sides_ptr)(int) = shape_sides; /* function pointer in data: a symbolic relocation */
static void bye(void) { printf("library atexit\\n"); fflush(stdout); }
void shape_init(void) { printf("library init\\n"); atexit(bye); }  /* registered under the library's __dso_handle */
`;

const PROGRAM = `#include <stdio.h>
extern int shape_count; extern __thread int shape_calls; extern int (*shape_sides_ptr)(int);
const char *shape_name(int); int shape_sides(int); long long shape_big(long long); void shape_init(void);
int main(void) {
  shape_init();
  for (int i = 0; i < shape_count; i++) printf("%s %d %d\\n", shape_name(i), shape_sides(i), shape_sides_ptr(i));
  printf("calls %d big %lld\\n", shape_calls, shape_big(3000000000LL));
  return 0;
}
`;

const LINKED_OUTPUT = "library init\ntriangle 3 3\nsquare 4 4\npentagon 5 5\ncalls 3 big 1285714285714285714\nlibrary atexit\n";

describe("shared libraries built by tscc", () => {
  requireBundleForEach();
  it("a program linked against a tscc -shared -fPIC library runs (PIE and -no-pie)", () => {
    tscc("-shared", "-fPIC", "-O1", source("shape.c", LIBRARY), "-o", "libshape.so");
    source("main.c", PROGRAM);
    tscc("main.c", "-L.", "-lshape", "-Wl,-rpath,$ORIGIN", "-o", "main-pie");
    tscc("-no-pie", "main.c", "-L.", "-lshape", "-Wl,-rpath,$ORIGIN", "-o", "main-nopie");
    expect(run("main-pie")).toBe(LINKED_OUTPUT);
    expect(run("main-nopie")).toBe(LINKED_OUTPUT);
  });

  it("dlopen/dlsym/dlclose: dlclose runs the atexit handler the library registered", () => {
    tscc("-shared", "-fPIC", source("plug.c", LIBRARY), "-o", "libplug.so");
    source("load.c", `#include <dlfcn.h>
#include <stdio.h>
int main(void) {
  void *h = dlopen("./libplug.so", RTLD_NOW);
  if (!h) { printf("dlopen: %s\\n", dlerror()); return 1; }
  const char *(*name)(int) = (const char *(*)(int))dlsym(h, "shape_name");
  int *count = (int *)dlsym(h, "shape_count");
  ((void (*)(void))dlsym(h, "shape_init"))();
  printf("%s of %d\\n", name(1), *count);
  dlclose(h);
  printf("closed\\n");
  return 0;
}
`);
    tscc("load.c", "-ldl", "-o", "load");
    expect(run("load")).toBe("library init\nsquare of 3\nlibrary atexit\nclosed\n");
  });

  it("LD_PRELOAD interposes a library function and a libc function", () => {
    tscc("-shared", "-fPIC", source("pre.c", `#include <stdlib.h>
const char *shape_name(int i) { (void)i; return "preloaded"; }
int rand(void) { return 42; }
`), "-o", "libpre.so");
    source("rnd.c", `#include <stdio.h>
#include <stdlib.h>
const char *shape_name(int);
int main(void) { printf("%s %d\\n", shape_name(0), rand()); return 0; }
`);
    tscc("rnd.c", "-L.", "-lshape", "-Wl,-rpath,$ORIGIN", "-o", "rnd");
    expect(run("rnd", { LD_PRELOAD: join(dir, "libpre.so") })).toBe("preloaded 42\n");
    expect(run("rnd")).not.toContain("preloaded");
  });
});
