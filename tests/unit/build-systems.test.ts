// tscc as the CC of a CMake build (issue 7: "everything a build system asks of a
// compiler"): CMake's compiler identification and ABI probes, its check_* feature
// probes (which must also fail where they should), a shared library with a soname
// and version, a static library, an executable with a runpath, `make -j2`, and
// header dependencies (CMake's Makefile generator reads tscc's -MD -MT -MF files:
// touching a header must rebuild what includes it). TSCC_NO_GCC=1 hides gcc's
// installation from tscc.

import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { requireBundleForEach, requireForEach } from "./require.js";

const TSCC = join(import.meta.dirname, "../../bin/tscc");
const PROJECT = join(import.meta.dirname, "build-systems/cmake");
const dir = mkdtempSync(join(tmpdir(), "tscc-cmake-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const src = join(dir, "src");
const build = join(dir, "build");
cpSync(PROJECT, src, { recursive: true });

function sh(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 120_000, env: { ...process.env, CC: TSCC, TSCC_NO_GCC: "1" } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${String(r.status)}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe("CMake with CC=tscc", () => {
  requireForEach("cmake", "make");
  requireBundleForEach();
  it("configures: identification and feature probes", () => {
    sh("cmake", ["-S", src, "-B", build, "-DCMAKE_BUILD_TYPE=Release"], dir);
    const versionDir = readdirSync(join(build, "CMakeFiles")).find((d) => /^\d+\.\d+/.test(d))!;
    const compiler = readFileSync(join(build, "CMakeFiles", versionDir, "CMakeCCompiler.cmake"), "utf8");
    expect(compiler).toContain('set(CMAKE_C_COMPILER_ID "GNU")');
    expect(compiler).toContain('set(CMAKE_C_COMPILER_VERSION "12.2.0")');
    expect(compiler).toMatch(/set\(CMAKE_C_COMPILE_FEATURES "[^"]*c_std_11/);
    expect(compiler).toContain('set(CMAKE_C_SIZEOF_DATA_PTR "8")');
    const config = readFileSync(join(build, "config.h"), "utf8");
    expect(config).toContain("#define HAVE_STDINT_H 1");
    expect(config).toContain("/* #undef HAVE_NO_SUCH_HEADER */");
    expect(config).toContain("#define HAVE_STRTOLL 1");
    expect(config).toContain("#define HAVE_BUILTIN_EXPECT 1");
    expect(config).toContain("#define SIZEOF_LONG 8");
    expect(config).toContain("#define SIZEOF_INT128 16");
  }, 180_000); // CMake runs the compiler a dozen times: slow when the machine is loaded

  it("builds libraries and a program that runs", () => {
    sh("make", ["-j2"], build);
    expect(sh(join(build, "probe"), [], build)).toBe("probes ok long 8 int128 16 area 12.566 hyp 5.0 twice 42 version 1\n");
    const lib = sh("readelf", ["-d", join(build, "libshapes.so.1.2.3")], build);
    expect(lib).toContain("Library soname: [libshapes.so.1]");
    expect(lib).toContain("Shared library: [libm.so.6]");
    const exe = sh("readelf", ["-d", join(build, "probe")], build);
    expect(exe).toContain("Shared library: [libshapes.so.1]");
    expect(exe).toContain(`Library runpath: [${build}]`);
  });

  it("rebuilds what includes a changed header", () => {
    writeFileSync(join(src, "version.h"), "#define PROBE_VERSION 2\n");
    const out = sh("make", [], build);
    expect(out).toContain("main.c.o");
    expect(out).not.toContain("util.c.o");
    expect(sh(join(build, "probe"), [], build)).toContain("version 2\n");
  });
});
