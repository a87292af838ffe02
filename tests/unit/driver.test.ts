import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { languageOf, parseCommandLine, UsageError } from "../../src/driver/config.js";
import { linkerArgs } from "../../src/driver/jobs.js";
import { runtimeSupport } from "../../src/driver/runtime.js";
import { expandResponseFiles, matchArgs } from "../../src/driver/options.js";
import { findToolchain, sysrootLayout } from "../../src/driver/toolchains.js";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { requireBundleForEach, requireTools } from "./require.js";

const TSCC = TSCC_BUNDLE_PATH;

describe("option matching", () => {
  it("matches joined, separate and flag spellings the way gcc does", () => {
    const args = matchArgs(["-Dfoo=1", "-D", "bar", "-Iinc", "-I", "inc2", "-ofile", "-MD", "-MF", "x.d", "-O", "-O2", "-Wl,-z,now", "-std=c11", "x.c"]);
    expect(args.map((a) => (a.kind === "option" ? `${a.id}:${a.value}` : a.kind === "input" ? `in:${a.path}` : a.kind)))
      .toEqual(["D:foo=1", "D:bar", "I:inc", "I:inc2", "o:file", "MD:", "MF:x.d", "O:", "O:2", "Wl:-z,now", "std:c11", "in:x.c"]);
  });
  it("prefers the longest spelling", () => {
    const [a, b, c] = matchArgs(["-emit-ir", "-e", "start", "-print-file-name=libc.so"]);
    expect(a).toMatchObject({ kind: "option", id: "emit-ir" });
    expect(b).toMatchObject({ kind: "option", id: "e", value: "start" });
    expect(c).toMatchObject({ kind: "option", id: "print-file-name", value: "libc.so" });
  });
  it("reports a missing value", () => {
    expect(matchArgs(["-o"])[0].kind).toBe("missing-value");
  });
  it("expands nested response files with quotes", () => {
    const files: Record<string, string> = { a: '-DX="a b" @b', b: "-c 'y z.c'" };
    expect(expandResponseFiles(["@a", "w.c"], (p) => files[p])).toEqual(["-DX=a b", "-c", "y z.c", "w.c"]);
  });
});

describe("configuration", () => {
  it("stops at the earliest stage asked for", () => {
    expect(parseCommandLine(["-c", "-S", "x.c"]).mode).toBe("assemble");
    expect(parseCommandLine(["-S", "-E", "x.c"]).mode).toBe("preprocess");
  });
  it("accepts harmless -f and -m flags and any -Wno-, refuses unimplemented ones (driver-options.test.ts has the rest)", () => {
    const c = parseCommandLine(["-fno-strict-aliasing", "-mtune=native", "-Wno-whatever", "x.c"]);
    expect(c.ignored).toContain("-fno-strict-aliasing");
    expect(c.warnings.enabled.get("whatever")).toBe(false);
    expect(() => parseCommandLine(["-fsanitize=address", "x.c"])).toThrow(/unrecognized command-line option '-fsanitize=address'/);
  });
  it("rejects what gcc rejects", () => {
    expect(() => parseCommandLine(["--bogus"])).toThrow(UsageError);
    expect(() => parseCommandLine(["-target", "sparc", "x.c"])).toThrow(/unknown target/);
  });
  it("chooses the link kind", () => {
    expect(parseCommandLine(["x.o"]).linkKind).toBe("pie");
    expect(parseCommandLine(["-no-pie", "x.o"]).linkKind).toBe("no-pie");
    expect(parseCommandLine(["-static", "x.o"]).linkKind).toBe("static");
    expect(parseCommandLine(["-shared", "-fPIC", "x.o"]).linkKind).toBe("shared");
    expect(parseCommandLine(["-static-pie", "x.o"]).linkKind).toBe("static-pie");
  });
  it("keeps linker inputs in command-line order", () => {
    const c = parseCommandLine(["a.o", "-lm", "-Wl,--as-needed", "b.a", "-L/x"]);
    expect(c.inputs.map((i) => (i.kind === "file" ? i.path : i.kind === "lib" ? `-l${i.name}` : i.args.join(" "))))
      .toEqual(["a.o", "-lm", "--as-needed", "b.a", "-L/x"]);
  });
  it("knows languages by extension", () => {
    expect(["a.c", "a.i", "a.s", "a.S", "a.o", "a.a", "libx.so", "libx.so.6", "weird"].map(languageOf))
      .toEqual(["c", "cpp-output", "assembler", "assembler-with-cpp", "object", "archive", "shared", "shared", "object"]);
  });
  it("-MQ quotes for make", () => {
    expect(parseCommandLine(["-MQ", "$a b", "-M", "x.c"]).deps.targets).toEqual([{ name: "$a b", quote: true }]);
  });
});

describe("targets", () => {
  it("accepts short names and triples", () => {
    expect(findToolchain("arm64")?.triple).toBe("aarch64-linux-gnu");
    expect(findToolchain("aarch64-unknown-linux-gnu")?.triple).toBe("aarch64-linux-gnu");
    expect(findToolchain("riscv64-linux-gnu")?.triple).toBe("riscv64-linux-gnu");
    expect(findToolchain("x86_64-pc-linux-gnu")?.triple).toBe("x86_64-linux-gnu");
    expect(findToolchain("mips")).toBeUndefined();
  });
  it("builds a gcc-like PIE link line", (ctx) => {
    const c = parseCommandLine(["a.o", "-lm"]);
    const layout = sysrootLayout(c.toolchain, undefined);
    requireTools(ctx, { file: `/usr/lib/${c.toolchain.triple}/Scrt1.o`, what: "the C library's start files (libc6-dev)" });
    const support = runtimeSupport({ crtbegin: "rt/crtbegin.o", crtbeginShared: "rt/crtbeginS.o", crtend: "rt/crtend.o", library: "rt/libtscc_rt.a", ehLibrary: "rt/libtscc_eh.a", startObjects: [] });
    const args = linkerArgs(c, c.inputs, "out", layout, support);
    expect(args).toContain("-pie");
    expect(args).toContain(c.toolchain.dynamicLinker);
    expect(args.indexOf("a.o")).toBeLessThan(args.indexOf("-lm"));
    expect(args.indexOf("-lm")).toBeLessThan(args.indexOf("-lc"));
    expect(args.some((a) => a.endsWith("Scrt1.o"))).toBe(true);
    // The runtime's files in gcc's places: crtbegin after crti.o, the library on both sides of -lc, crtend before crtn.o.
    expect(args.indexOf("rt/crtbegin.o")).toBe(args.findIndex((a) => a.endsWith("crti.o")) + 1);
    expect(args.indexOf("rt/libtscc_rt.a")).toBeLessThan(args.indexOf("-lc"));
    expect(args.lastIndexOf("rt/libtscc_rt.a")).toBeGreaterThan(args.indexOf("-lc"));
    expect(args.indexOf("rt/crtend.o")).toBe(args.findIndex((a) => a.endsWith("crtn.o")) - 1);
    expect(args.some((a) => a.includes("/gcc/"))).toBe(false);
  });
});

describe("the tscc command", () => {
  requireBundleForEach();
  const tscc = (args: string[], cwd?: string) => spawnSync(process.execPath, [TSCC, ...args], { encoding: "utf8", cwd });
  it("answers gcc's queries", () => {
    expect(tscc(["-dumpmachine"]).stdout.trim()).toMatch(/-linux-gnu$/);
    expect(tscc(["-target", "riscv64", "-dumpmachine"]).stdout).toBe("riscv64-linux-gnu\n");
    expect(tscc(["--version"]).stdout).toMatch(/^tscc \(tscc [\d.]+\) 12\.2\.0\n/);
    expect(tscc(["-dumpversion"]).stdout).toBe("12\n");
    expect(tscc(["-print-search-dirs"]).stdout).toMatch(/^install: .*\nprograms: =.*\nlibraries: =/);
  });
  it("fails cleanly on a missing input, with no stack trace", () => {
    const r = tscc(["-c", "missing.c"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("tscc: error: missing.c: No such file or directory\n");
  });
  it("leaves no partial output when a step fails", () => {
    const dir = mkdtempSync(join(tmpdir(), "tscc-drv-"));
    writeFileSync(join(dir, "bad.s"), "this is not assembly\n");
    const r = tscc(["-c", "bad.s", "-o", "bad.o"], dir);
    expect(r.status).toBe(1);
    expect(readdirSync(dir)).toEqual(["bad.s"]);
  });
  it("bin/tscc is as new as the bundle (ccache's compiler_check=mtime sees rebuilds)", () => {
    const bin = statSync(join(import.meta.dirname, "../../bin/tscc")).mtimeMs;
    expect(bin).toBeGreaterThanOrEqual(statSync(TSCC).mtimeMs - 2000);
  });
  it("-ftime-report times every phase and pass", () => {
    const dir = mkdtempSync(join(tmpdir(), "tscc-drv-"));
    writeFileSync(join(dir, "ok.c"), "int main(void) { return 0; }\n");
    const r = tscc(["-O2", "-ftime-report", "ok.c", "-o", "ok"], dir);
    expect(r.status).toBe(0);
    for (const phase of ["preprocess", "parse", "lower", "pass mem2reg", "pass dce", "code generation", "assembly", "link", "of which garbage collection", "TOTAL"]) {
      expect(r.stderr).toMatch(new RegExp(`^ ${phase} +:`, "m"));
    }
  });
  it("writes into a device instead of renaming over it (-o /dev/null)", () => {
    const dir = mkdtempSync(join(tmpdir(), "tscc-drv-"));
    writeFileSync(join(dir, "ok.c"), "int main(void) { return 0; }\n");
    for (const args of [["-S"], ["-c"], []]) {
      const r = tscc([...args, "ok.c", "-o", "/dev/null"], dir);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    }
    expect(readdirSync(dir)).toEqual(["ok.c"]);
  });
});

describe("assembler include paths", () => {
  requireBundleForEach();
  it(".incbin and .include are found as gas finds them: from the working directory, then -Wa,-I", () => {
    const dir = mkdtempSync(join(tmpdir(), "tscc-incbin-"));
    const sub = join(dir, "sub");
    spawnSync("mkdir", ["-p", join(dir, "sub"), join(dir, "inc")]);
    writeFileSync(join(sub, "blob.bin"), "ABC");
    writeFileSync(join(dir, "inc", "more.s"), ".byte 68\n");
    // The kernel's usr/initramfs_data.S: the path is relative to where make runs, not to the source.
    writeFileSync(join(sub, "data.S"), '.data\n.incbin "sub/blob.bin"\n.include "more.s"\n');
    const ok = spawnSync(process.execPath, [TSCC, "-c", "-Wa,-I,inc", "sub/data.S", "-o", "data.o"], { cwd: dir, encoding: "utf8" });
    expect(ok.stderr).toBe("");
    const dump = spawnSync(process.execPath, [TSCC, "-c", "sub/data.S", "-o", "data2.o"], { cwd: dir, encoding: "utf8" });
    expect(dump.stderr).toContain("more.s");
    // Relative to the source file (sub/) is not where gas looks.
    writeFileSync(join(sub, "rel.s"), '.data\n.incbin "blob.bin"\n');
    const rel = spawnSync(process.execPath, [TSCC, "-c", "sub/rel.s", "-o", "rel.o"], { cwd: dir, encoding: "utf8" });
    expect(rel.stderr).toContain("file not found: blob.bin");
  });
});
