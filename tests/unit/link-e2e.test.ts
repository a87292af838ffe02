// End to end: C programs compiled by gcc, linked by tscc's linker as PIE,
// non-PIE and static executables, run; plus readelf checks of the structure
// and the linker's diagnostics.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, copyFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputCache, runLinker } from "../../src/link/index.js";
import { LINK_KINDS, linkLine, sharedLinkLine, type LinkKind } from "../link/gnu-link-line.js";
import { requireForEach, requireTools } from "./require.js";

// gcc compiles the inputs, binutils inspects the outputs, and the programs run natively.
requireForEach("gcc", "ar", "nm", "readelf", { hostArch: "x64" });

const dir = mkdtempSync(join(tmpdir(), "link-e2e-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cache = new InputCache();

/** Compile C sources (name → text) with gcc -c; returns the object paths. */
function compile(sources: Record<string, string>, flags: string[] = []): string[] {
  return Object.entries(sources).map(([name, text]) => {
    const c = join(dir, name);
    writeFileSync(c, text);
    const o = c.replace(/\.c$/, ".o");
    execFileSync("gcc", ["-c", "-O1", ...flags, "-o", o, c]);
    return o;
  });
}

function link(kind: LinkKind, output: string, inputs: string[], libs: string[] = []): { status: number; stderr: string } {
  let stderr = "";
  const status = runLinker(linkLine(kind, output, inputs, libs), { stderr: (s) => { stderr += s; }, cache });
  return { status, stderr };
}

function run(exe: string): { status: number | null; stdout: string } {
  const r = spawnSync(exe, [], { encoding: "utf8", timeout: 10_000 });
  return { status: r.status, stdout: r.stdout };
}

interface Program {
  name: string;
  sources: Record<string, string>;
  libs?: string[];
  /** Built into an archive with `ar` and linked as `-L dir -l<name>`. */
  archive?: Record<string, string>;
  expect: string;
}

const PROGRAMS: Program[] = [
  {
    name: "hello",
    sources: { "hello.c": '#include <stdio.h>\nint main(void) { puts("hello, world"); return 0; }\n' },
    expect: "hello, world\n",
  },
  {
    name: "globals",
    sources: {
      "g1.c": `#include <stdio.h>
extern int counter; extern int (*ops[])(int); int apply(int i, int v);
int table[4] = {1, 2, 3, 4}; int *ptr = &table[2];
int main(void) { for (int i = 0; i < 2; i++) counter = apply(i, counter);
  printf("%d %d %d\\n", counter, *ptr, ops[1](5)); return 0; }`,
      "g2.c": `int counter = 10; extern int table[];
static int add(int v) { return v + table[0]; } static int dbl(int v) { return v * 2; }
int (*ops[])(int) = { add, dbl };
int apply(int i, int v) { return ops[i](v); }`,
    },
    expect: "22 3 10\n",
  },
  {
    name: "archive",
    sources: { "main.c": '#include <stdio.h>\nint sq(int); int cube(int);\nint main(void) { printf("%d %d\\n", sq(3), cube(2)); return 0; }\n' },
    archive: { "sq.c": "int sq(int x) { return x * x; }\n", "cube.c": "int sq(int); int cube(int x) { return sq(x) * x; }\n", "unused.c": "int unused_dup(void) { return 1; }\n" },
    expect: "9 8\n",
  },
  {
    name: "tls",
    sources: {
      "t1.c": `#include <stdio.h>
#include <pthread.h>
extern __thread int shared_tls; __thread int counter = 5; __thread char buf[64]; static __thread long big __attribute__((aligned(64))) = 7;
int bump(void);
static void *worker(void *p) { counter += 100; bump(); return (void *)(long)(counter + shared_tls); }
int main(void) { pthread_t t; void *r; counter++; bump(); buf[3] = 'x';
  pthread_create(&t, 0, worker, 0); pthread_join(t, &r);
  printf("%d %d %ld %c %ld\\n", counter, shared_tls, (long)r, buf[3], big); return 0; }`,
      "t2.c": "__thread int shared_tls = 40; int bump(void) { return ++shared_tls; }\n",
    },
    expect: "6 41 146 x 7\n",
  },
  {
    name: "floats",
    sources: { "f.c": '#include <stdio.h>\nvolatile double d = 3.25; volatile float f = -0.5f;\nint main(void) { printf("%.3f %g %e\\n", d, (double)f, d * 1e10); return 0; }\n' },
    expect: "3.250 -0.5 3.250000e+10\n",
  },
  {
    name: "qsort",
    sources: {
      "q.c": `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
int main(void) { const char *w[] = {"pear", "apple", "fig", "kiwi"}; qsort(w, 4, sizeof w[0], cmp);
  for (int i = 0; i < 4; i++) printf("%s ", w[i]); puts(""); return 0; }`,
    },
    expect: "apple fig kiwi pear \n",
  },
  {
    name: "atexit-ctor",
    sources: {
      "a.c": `#include <stdio.h>
#include <stdlib.h>
static void bye(void) { puts("atexit"); }
__attribute__((constructor)) static void early(void) { puts("ctor"); }
__attribute__((constructor(101))) static void earlier(void) { puts("ctor101"); }
__attribute__((destructor)) static void late(void) { puts("dtor"); }
int main(void) { atexit(bye); puts("main"); return 0; }`,
    },
    expect: "ctor101\nctor\nmain\natexit\ndtor\n",
  },
  {
    name: "libm",
    sources: { "m.c": '#include <stdio.h>\n#include <math.h>\nvolatile double x = 2.0;\nint main(void) { printf("%.4f %.4f %.4f\\n", sqrt(x), sin(x), pow(x, 10)); return 0; }\n' },
    libs: ["-lm"],
    expect: "1.4142 0.9093 1024.0000\n",
  },
  {
    name: "environ-errno-stdio",
    sources: {
      "e.c": `#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
extern char **environ;
int main(void) { setenv("TSCC_LINK_TEST", "yes", 1); int found = 0;
  for (char **e = environ; *e; e++) if (!strcmp(*e, "TSCC_LINK_TEST=yes")) found = 1;
  errno = 0; strtol("99999999999999999999", 0, 10);
  fprintf(stdout, "%d %s %d\\n", found, getenv("TSCC_LINK_TEST"), errno == ERANGE); return 0; }`,
    },
    expect: "1 yes 1\n",
  },
  {
    name: "unwind",
    sources: {
      "u.c": `#include <stdio.h>
#include <unwind.h>
static _Unwind_Reason_Code cb(struct _Unwind_Context *c, void *p) { (*(int *)p)++; return _URC_NO_REASON; }
__attribute__((noinline)) int depth3(void) { int n = 0; _Unwind_Backtrace(cb, &n); return n; }
__attribute__((noinline)) int depth2(void) { return depth3() + 0; }
int main(void) { printf("%d\\n", depth2() >= 4); return 0; }`,
    },
    expect: "1\n",
  },
];

describe.each(LINK_KINDS.map((k) => [k]))("programs linked as %s", (kind) => {
  for (const p of PROGRAMS) {
    it(p.name, () => {
      const objs = compile(p.sources);
      const libs = [...(p.libs ?? [])];
      if (p.archive) {
        const members = compile(p.archive);
        const lib = join(dir, `lib${p.name}.a`);
        rmSync(lib, { force: true });
        execFileSync("ar", ["rcs", lib, ...members]);
        libs.unshift(`-L${dir}`, `-l${p.name}`);
      }
      const exe = join(dir, `${p.name}.${kind}`);
      const r = link(kind, exe, objs, libs);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(run(exe)).toEqual({ status: 0, stdout: p.expect });
    });
  }
});

describe("static PIE", () => {
  for (const p of PROGRAMS.filter((x) => ["hello", "tls", "atexit-ctor", "libm"].includes(x.name))) {
    it(p.name, () => {
      const exe = join(dir, `${p.name}.static-pie`);
      const r = link("static-pie", exe, compile(p.sources), p.libs);
      expect(r).toEqual({ status: 0, stderr: "" });
      expect(run(exe)).toEqual({ status: 0, stdout: p.expect });
    });
  }
});

describe("shared objects", () => {
  it("links a -fPIC library (data, TLS, function pointers) used by PIE and non-PIE programs", () => {
    const lib = compile({ "slib.c": `#include <stdio.h>
int libvar = 7; static int calls; __thread int libtls = 3;
int libfn(int x) { calls++; return x + libvar + libtls + calls; }
int (*libptr)(int) = libfn;
void libhello(void) { printf("lib says %d\\n", libptr(1)); }` }, ["-fPIC"]);
    const so = join(dir, "libslib.so");
    let err = "";
    expect(runLinker(sharedLinkLine(so, lib, "libslib.so"), { stderr: (s) => { err += s; }, cache })).toBe(0);
    expect(err).toBe("");
    const main = compile({ "smain.c": `#include <stdio.h>
extern int libvar; int libfn(int); void libhello(void); extern __thread int libtls;
int main(void) { libvar = 10; libtls = 5; printf("%d\\n", libfn(1)); libhello(); return 0; }` });
    for (const kind of ["pie", "no-pie"] as const) {
      const exe = join(dir, `smain.${kind}`);
      expect(link(kind, exe, main, [`-L${dir}`, "-lslib"]).status).toBe(0);
      const r = spawnSync(exe, [], { encoding: "utf8", env: { ...process.env, LD_LIBRARY_PATH: dir } });
      expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: "17\nlib says 18\n" });
    }
    expect(execFileSync("readelf", ["-dW", so], { encoding: "utf8" })).toContain("Library soname: [libslib.so]");
  });
});

describe("structure (readelf)", () => {
  const readelf = (exe: string): string => execFileSync("readelf", ["-hlSdW", "--dyn-syms", exe], { encoding: "utf8" });
  it("dynamic PIE: interpreter, non-executable stack, RELRO, libc needed, versioned imports", () => {
    const exe = join(dir, "hello.pie.check");
    expect(link("pie", exe, compile(PROGRAMS[0].sources)).status).toBe(0);
    const out = readelf(exe);
    expect(out).toMatch(/Type:\s+DYN/);
    expect(out).toContain("[Requesting program interpreter: /lib64/ld-linux-x86-64.so.2]");
    expect(out).toMatch(/GNU_STACK\s+(0x0+\s+){5}RW\s/);
    expect(out).toMatch(/GNU_RELRO/);
    expect(out).toContain("Shared library: [libc.so.6]");
    expect(out).toMatch(/FLAGS_1\)\s+Flags: PIE/);
    expect(out).toMatch(/puts@GLIBC_2\.2\.5/);
    expect(out).not.toMatch(/RWE/);
    expect(out).toMatch(/GNU_EH_FRAME/);
  });
  it("static: no interpreter or dynamic section, TLS segment when used", () => {
    const exe = join(dir, "tls.static.check");
    expect(link("static", exe, compile(PROGRAMS[3].sources)).status).toBe(0);
    const out = readelf(exe);
    expect(out).toMatch(/Type:\s+EXEC/);
    expect(out).not.toContain("INTERP");
    expect(out).not.toMatch(/\.dynamic/);
    expect(out).toMatch(/\bTLS\b/);
  });
});

describe("diagnostics", () => {
  it("reports undefined references with the referencing object and section, and writes nothing", () => {
    const objs = compile({ "undef.c": "int missing(void); int main(void) { return missing(); }\n" });
    const exe = join(dir, "undef.out");
    const r = link("pie", exe, objs);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/undef\.o:\(\.text[^)]*\): undefined reference to `missing'/);
    expect(existsSync(exe)).toBe(false);
  });
  it("reports duplicate definitions", () => {
    const objs = compile({ "dup1.c": "int twice = 1; int main(void) { return 0; }\n", "dup2.c": "int twice = 2;\n" });
    const r = link("pie", join(dir, "dup.out"), objs);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dup2\.o: multiple definition of `twice'; .*dup1\.o: first defined here/);
  });
  it("rejects truncated and foreign files cleanly", () => {
    const [obj] = compile({ "trunc.c": "int main(void) { return 0; }\n" });
    const cut = join(dir, "cut.o");
    copyFileSync(obj, cut);
    truncateSync(cut, 100);
    const r1 = link("pie", join(dir, "cut.out"), [cut]);
    expect(r1.status).toBe(1);
    expect(r1.stderr).toMatch(/cut\.o: truncated file/);
    const junk = join(dir, "junk.o");
    writeFileSync(junk, Uint8Array.from([0, 1, 2, 3, 0xff]));
    const r2 = link("pie", join(dir, "junk.out"), [junk]);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/junk\.o: file format not recognized/);
    expect(r2.stderr).not.toMatch(/internal error/);
  });
  it("rejects objects for another machine and removes an older output", (ctx) => {
    requireTools(ctx, "aarch64-linux-gnu-as");
    const src = join(dir, "foreign.s");
    writeFileSync(src, "\t.text\nfoo:\n\tret\n");
    const foreign = join(dir, "foreign.o");
    execFileSync("aarch64-linux-gnu-as", [src, "-o", foreign]);
    const exe = join(dir, "foreign.out");
    writeFileSync(exe, "an older output");
    const r = link("pie", exe, [foreign, ...compile(PROGRAMS[0].sources)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/foreign\.o: file is for .*AArch64.*, not x86_64 \(incompatible input\)/i);
    expect(existsSync(exe)).toBe(false);
  });
  it("reports unknown options and missing libraries", () => {
    let err = "";
    expect(runLinker(["--frobnicate"], { stderr: (s) => { err += s; } })).toBe(1);
    expect(err).toContain("unrecognized option '--frobnicate'");
    const r = link("pie", join(dir, "nolib.out"), compile(PROGRAMS[0].sources), ["-lnosuchlib_tscc"]);
    expect(r.stderr).toContain("cannot find -lnosuchlib_tscc");
  });
});

describe("--gc-sections and -Map", () => {
  const src = `#include <stdio.h>
int unused_data[1000] = {1};
int used_data = 42;
void unused_fn(void) { printf("never %d\\n", unused_data[3]); }
__attribute__((constructor)) static void ctor(void) { printf("ctor\\n"); }
__attribute__((used, section("tscc_set"))) static int a1 = 5;
__attribute__((used, section("tscc_set"))) static int a2 = 7;
extern int __start_tscc_set[], __stop_tscc_set[];
void kept_by_u(void) { printf("u\\n"); }
int main(void) {
  int n = 0;
  for (int *p = __start_tscc_set; p < __stop_tscc_set; p++) n += *p;
  printf("used %d set %d\\n", used_data, n);
  return 0;
}
`;
  for (const kind of ["pie", "static"] as const) {
    it(`drops what nothing refers to (${kind}), keeps roots, constructors and __start_ sections`, () => {
      const objs = compile({ "gc.c": src }, ["-ffunction-sections", "-fdata-sections"]);
      const exe = join(dir, `gc.${kind}`);
      const map = join(dir, `gc.${kind}.map`);
      let stderr = "";
      const status = runLinker(["--gc-sections", "-u", "kept_by_u", "-Map", map, ...linkLine(kind, exe, objs)], { stderr: (s) => { stderr += s; }, cache });
      expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
      expect(run(exe)).toEqual({ status: 0, stdout: "ctor\nused 42 set 12\n" });
      const nm = execFileSync("nm", [exe], { encoding: "utf8" });
      expect(nm).not.toMatch(/\bunused_(fn|data)\b/);
      expect(nm).toMatch(/\bkept_by_u\b/);
      // The unwind table covers exactly the FDEs that remain.
      const frames = execFileSync("readelf", ["-wf", exe], { encoding: "utf8" }).match(/ FDE /g)?.length ?? 0;
      const hdr = execFileSync("readelf", ["-x", ".eh_frame_hdr", exe], { encoding: "utf8" });
      const words = hdr.split("\n").filter((l) => /^\s+0x/.test(l)).flatMap((l) => l.trim().split(/\s+/).slice(1, 5)).join("");
      expect(parseInt(words.slice(16, 24).match(/../g)!.reverse().join(""), 16)).toBe(frames);
      const m = readFileSync(map, "utf8");
      expect(m).toMatch(/Discarded input sections[\s\S]*\.text\.unused_fn\n\s+0x0+\s+0x[0-9a-f]+ .*gc\.o/);
      expect(m).toMatch(/\n\.text\s+0x[0-9a-f]{16}\s+0x[0-9a-f]+\n/);
      expect(m).toMatch(/\n\s+0x[0-9a-f]{16}\s+main\n/);
    });
  }
});

describe("SHF_MERGE sections", () => {
  // Strings and constants that several objects share, a tail ("world") of
  // another string, a string gcc aligns (for vector loads), and addends that
  // point into the middle of a string.
  const sources = {
    "m1.c": `#include <stdio.h>
#include <string.h>
const char *f2(void); const char *mid2(void); const char *long2(void); double k2(void);
static const char *mid(void) { return "hello world" + 6; }
__attribute__((noinline)) const char *long1(void) { return "a string long enough that gcc aligns it on eight bytes"; }
int main(void) {
  printf("%s|%s|%s|%s|%s|%s|%g %g\\n", "hello world", f2(), mid(), mid2(), long1(), long2(), 2.5, k2());
  return 0;
}`,
    "m2.c": `const char *f2(void) { return "world"; }
const char *mid2(void) { return "hello world" + 6; }
double k2(void) { return 2.5 * 3.0; }
const char *long2(void) { return "a string long enough that gcc aligns it on eight bytes"; }`,
  };
  const long = "a string long enough that gcc aligns it on eight bytes";
  const expected = `hello world|world|world|world|${long}|${long}|2.5 7.5\n`;

  for (const kind of LINK_KINDS) {
    it(`shares equal strings and tails (${kind})`, () => {
      const objs = compile(sources, ["-O2"]);
      const exe = join(dir, `merge.${kind}`);
      expect(link(kind, exe, objs)).toEqual({ status: 0, stderr: "" });
      expect(run(exe)).toEqual({ status: 0, stdout: expected });
      const rodata = execFileSync("readelf", ["-p", ".rodata", exe], { encoding: "utf8" });
      expect(rodata.match(/hello world/g)?.length).toBe(1);
      expect(rodata).not.toMatch(/\]\s+world\n/);
      expect(rodata.match(/eight bytes/g)?.length).toBe(1);
    });
  }
});

describe("debug information in final links", () => {
  // gcc -g objects: the debug sections are kept (relocated, .debug_str merged,
  // in GNU ld's order after the loaded image) and gdb can use them; references
  // to collected code get 0; -S drops debug sections and -s every non-loaded one.
  const sources = {
    "dbg1.c": `#include <stdio.h>
static inline int sq(int x) { return x * x; }
int helper(int);
int unused_fn(int x) { return x * 3; }
int main(void) { int s = 0; for (int i = 0; i < 4; i++) s += sq(i) + helper(i); printf("%d\\n", s); return 0; }`,
    "dbg2.c": "int counter = 41;\nint helper(int x) { return x + counter; }\n",
  };
  const sections = (exe: string): string[] =>
    execFileSync("readelf", ["-SW", exe], { encoding: "utf8" }).split("\n").map((l) => /\]\s+(\S+)/.exec(l)?.[1]).filter((n): n is string => !!n && !n.startsWith("NULL"));

  it("keeps them for gdb (PIE, --gc-sections)", () => {
    const objs = compile(sources, ["-g", "-ffunction-sections"]);
    const exe = join(dir, "dbg.pie");
    let stderr = "";
    const status = runLinker(["--gc-sections", ...linkLine("pie", exe, objs)], { stderr: (t) => { stderr += t; }, cache });
    expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
    expect(run(exe)).toEqual({ status: 0, stdout: "184\n" });
    const names = sections(exe).filter((n) => /^\.(debug|comment)/.test(n));
    expect(names.slice(0, 5)).toEqual([".comment", ".debug_aranges", ".debug_info", ".debug_abbrev", ".debug_line"]);
    expect(execFileSync("readelf", ["-p", ".comment", exe], { encoding: "utf8" }).match(/GCC:/g)?.length).toBe(1);
    const dump = spawnSync("readelf", ["-w", exe], { encoding: "utf8" });
    expect(dump.stderr).toBe("");
    const gdb = spawnSync("gdb", ["-q", "-batch", "-ex", "break helper", "-ex", "run", "-ex", "bt", "-ex", "print counter", "-ex", "info line main", exe],
      { encoding: "utf8", timeout: 60_000 });
    expect(gdb.stdout).toMatch(/Breakpoint 1, helper \(x=(x@entry=)?0\) at .*dbg2\.c:2/);
    expect(gdb.stdout).toMatch(/#1 .* in main \(\) at .*dbg1\.c:5/);
    expect(gdb.stdout).toMatch(/\$1 = 41/);
    expect(gdb.stdout).toMatch(/Line 5 of ".*dbg1\.c" starts at address/);
  });

  it("-S drops debug sections, -s every non-loaded section", () => {
    const objs = compile(sources, ["-g"]);
    for (const [flag, gone] of [["-S", /^\.debug/], ["-s", /^\.(debug|comment|symtab|strtab)/]] as const) {
      const exe = join(dir, `dbg${flag}`);
      expect(link("pie", exe, [flag, ...objs])).toEqual({ status: 0, stderr: "" });
      expect(run(exe)).toEqual({ status: 0, stdout: "184\n" });
      expect(sections(exe).filter((n) => gone.test(n))).toEqual([]);
    }
    expect(sections(join(dir, "dbg-S"))).toContain(".symtab");
  });
});

describe("relocatable links (-r)", () => {
  it("combines objects with COMDAT groups and debug info into one that both linkers accept", () => {
    const comdat = (v: number): string => `__asm__(".section .text.shared_fn,\\"axG\\",@progbits,shared_fn,comdat\\n.globl shared_fn\\n.type shared_fn,@function\\nshared_fn: movl $${v}, %eax\\nret\\n.text");`;
    const objs = compile({
      "r1.c": `#include <stdio.h>
extern int twice(int); int shared_fn(void); int common_var; static int counter = 3;
__attribute__((weak)) int weakfn(void) { return 1; }
${comdat(5)}
int main(void) { common_var = 5; printf("%d %d %d %d\\n", twice(21), weakfn(), counter + common_var, shared_fn()); return 0; }`,
      "r2.c": `int twice(int x) { return 2 * x; } int weakfn(void) { return 7; }
${comdat(5)}
int use_shared(void) { extern int shared_fn(void); return shared_fn(); }`,
    }, ["-g", "-fcommon"]);
    const combined = join(dir, "r12.o");
    let stderr = "";
    expect(runLinker(["-r", "-o", combined, ...objs], { stderr: (s) => { stderr += s; }, cache })).toBe(0);
    expect(stderr).toBe("");
    const sections = execFileSync("readelf", ["-SW", combined], { encoding: "utf8" });
    expect(sections.match(/\] \.group/g)?.length).toBe(1);
    expect(sections).toMatch(/\.debug_info/);
    expect(execFileSync("readelf", ["-sW", combined], { encoding: "utf8" })).toMatch(/COM common_var/);
    const ours = join(dir, "r12.ours");
    expect(link("pie", ours, [combined]).status).toBe(0);
    expect(run(ours)).toEqual({ status: 0, stdout: "42 7 8 5\n" });
    const theirs = join(dir, "r12.gcc");
    execFileSync("gcc", [combined, "-o", theirs]);
    expect(run(theirs)).toEqual({ status: 0, stdout: "42 7 8 5\n" });
  });
});
