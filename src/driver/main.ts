// tscc's command-line entry point. Everything that can go wrong for a user
// ends as a gcc-style message and an exit status; a JavaScript exception that
// escapes the compiler is reported as an internal compiler error, never as a
// stack trace (set TSCC_DEBUG=1 to see one).

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type DriverConfig, parseCommandLine, type Query, UsageError } from "./config.js";
import { expandResponseFiles } from "./options.js";
import { report, runJobs, usesOwnLinker } from "./jobs.js";
import { enableTimeReport } from "./time-report.js";
import { canBuildRuntime, tsccRuntime } from "./runtime.js";
import { binutilsProgram, sysrootLayout } from "./toolchains.js";
import { runLinker } from "../link/index.js";
import { runAr, runRanlib } from "./ar.js";

import { TSCC_VERSION } from "../version.js";
export { TSCC_VERSION };
/** The gcc version tscc presents itself as (see src/frontend/predefined.ts for why 12.2). */
export const GCC_COMPAT_VERSION = "12.2.0";

/** The installed package's root (holding include/ and runtime/). */
export function packageRoot(): string {
  const starts = [typeof __dirname === "string" ? __dirname : "", process.argv[1] ? dirname(resolve(process.argv[1])) : "", process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (let i = 0; dir && i < 6; i++) {
      if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "include"))) return dir;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return process.cwd();
}

function answerQuery(q: Query, cfg: DriverConfig, root: string): void {
  const tc = cfg.toolchain;
  const out = (s: string): void => void process.stdout.write(s + "\n");
  const layout = sysrootLayout(tc, cfg.sysroot);
  const libDirs = [...(layout.gccLibDir ? [layout.gccLibDir] : []), ...layout.libraryDirs];
  switch (q.kind) {
    case "version":
      out(`tscc (tscc ${TSCC_VERSION}) ${GCC_COMPAT_VERSION}`);
      out("Target: " + tc.triple);
      out("This is free software; see the source for copying conditions.");
      break;
    case "help":
      out("Usage: tscc [options] file...\nA gcc-compatible C compiler for x86_64, aarch64 and riscv64 Linux.\nSee README.md for the supported options.");
      break;
    case "dumpmachine": out(tc.triple); break;
    case "dumpversion": out(GCC_COMPAT_VERSION.split(".")[0]); break;
    case "dumpfullversion": out(GCC_COMPAT_VERSION); break;
    case "dumpspecs": break;
    case "print-search-dirs":
      out(`install: ${join(root, "runtime")}/`);
      out(`programs: =${[join(root, "bin"), ...(process.env.PATH ?? "").split(":")].filter(Boolean).join(":")}`);
      out(`libraries: =${libDirs.map((d) => d + "/").join(":")}`);
      break;
    case "print-libgcc-file-name":
      // What links would use: tscc's runtime library with tscc's linker, gcc's libgcc.a with the system's.
      if (usesOwnLinker(cfg) && canBuildRuntime(cfg)) out(tsccRuntime(cfg, root).library);
      else out(layout.gccLibDir ? join(layout.gccLibDir, "libgcc.a") : "libgcc.a");
      break;
    case "print-multiarch": out(tc.triple); break;
    case "print-sysroot": out(cfg.sysroot ?? ""); break;
    case "print-multi-os-directory": out("../lib"); break;
    case "print-multi-directory": out("."); break;
    case "print-multi-lib": out(".;"); break;
    case "print-file-name": {
      if (q.name === "include") { out(join(root, "include")); break; }
      const found = libDirs.map((d) => join(d, q.name)).find((p) => existsSync(p));
      out(found ?? q.name);
      break;
    }
    case "print-prog-name": {
      // With tscc's own linker, `ld` is tscc-ld (libtool runs it, and asks it `-v`).
      if (q.name === "ld" && usesOwnLinker(cfg) && typeof __filename === "string") { out(join(dirname(__filename), "tscc-ld")); break; }
      // tscc-ar writes what GNU ar writes, for any target: name it whenever the bundle is known.
      if ((q.name === "ar" || q.name === "ranlib") && typeof __filename === "string") { out(join(dirname(__filename), `tscc-${q.name}`)); break; }
      const name = q.name === "as" || q.name === "ld" || q.name === "ar" || q.name === "objcopy" ? binutilsProgram(tc, q.name) : q.name;
      out(name);
      break;
    }
  }
}

export function main(argv: readonly string[]): number {
  // dist/tscc-ld (GNU ld's command line for tscc's linker) runs the bundle so.
  if (argv[0] === "-tscc-ld") return runLinker(argv.slice(1), { stderr: (s) => void process.stderr.write(s), stdout: (s) => void process.stdout.write(s) });
  // dist/tscc-ar and dist/tscc-ranlib: GNU ar's and ranlib's command lines.
  if (argv[0] === "-tscc-ar") return runAr(argv.slice(1));
  if (argv[0] === "-tscc-ranlib") return runRanlib(argv.slice(1));
  let cfg: DriverConfig;
  try {
    const expanded = expandResponseFiles(argv, (p) => {
      try { return readFileSync(p, "latin1"); } catch { return undefined; }
    });
    cfg = parseCommandLine(expanded);
    if (cfg.timeReport) enableTimeReport();
  } catch (e) {
    if (e instanceof UsageError) {
      report(e.message);
      if (e.note) process.stderr.write(`tscc: note: ${e.note}\n`);
      return 1;
    }
    throw e;
  }
  const root = packageRoot();
  if (cfg.verbose) {
    process.stderr.write(`tscc version ${TSCC_VERSION} (gcc-compatible ${GCC_COMPAT_VERSION})\nTarget: ${cfg.toolchain.triple}\n`);
    for (const ignored of cfg.ignored) process.stderr.write(`tscc: warning: option '${ignored}' is accepted but has no effect\n`);
    // gcc prints the include search list under -v; CMake and IDEs parse it.
    if (cfg.inputs.some((i) => i.kind === "file" && (i.lang === "c" || i.lang === "assembler-with-cpp"))) {
      const std = cfg.noStdInc ? [] : [join(root, "include"), ...sysrootLayout(cfg.toolchain, cfg.sysroot).systemIncludeDirs];
      const angle = [...cfg.includeDirs, ...cfg.systemDirs, ...std, ...cfg.afterDirs].filter((d) => existsSync(d));
      process.stderr.write(`#include "..." search starts here:\n${cfg.quoteDirs.map((d) => ` ${d}\n`).join("")}` +
        `#include <...> search starts here:\n${angle.map((d) => ` ${d}\n`).join("")}End of search list.\n`);
    }
  }
  if (cfg.queries.length > 0) {
    for (const q of cfg.queries) answerQuery(q, cfg, root);
    if (cfg.inputs.every((i) => i.kind !== "file")) return 0;
  }
  if (cfg.verbose && cfg.inputs.every((i) => i.kind !== "file")) return 0;
  return runJobs(cfg, root);
}

/** Run as a command: exit status from `main`, and no stack trace for a crash. */
export function run(): void {
  // A reader that goes away early (`tscc --version | head -1`) is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  let status: number;
  try {
    status = main(process.argv.slice(2));
  } catch (e) {
    if (process.env.TSCC_DEBUG) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`tscc: internal compiler error: ${msg}\nPlease report this bug (set TSCC_DEBUG=1 for a stack trace).\n`);
    status = 1;
  }
  process.exitCode = status;
}

// Run only when this file is the program (the bundle), not when imported by tests.
if (typeof require !== "undefined" && require.main === module) run();
