// The job pipeline: each input goes as far as the mode asks (preprocess,
// compile, assemble), then everything is linked. Intermediate files live in a
// private temporary directory that is always removed; every output file is
// written under a temporary name beside its final place and renamed only once
// complete, so a failed or interrupted run never leaves a half-written output.

import { TSCC_VERSION } from "../version.js";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { abandonOutput, commitOutput, pendingOutputName, pendingOutputs, writeFileAtomically } from "../output-file.js";
import { tmpdir } from "node:os";
import { basename, isAbsolute, join } from "node:path";
import { ASSEMBLER_ARCHES, assembleFile, formatDiagnostic } from "../asm/index.js";
import type { DriverConfig, Language, LinkItem } from "./config.js";
import { compileUnit, dependencyText, dwarfAsArgs, hasDirectObjects, type UnitGoal, type UnitResult } from "./compile.js";
import { InputCache, runLinker, supportsEmulation } from "../link/index.js";
import { binutilsProgram, sysrootLayout, type SysrootLayout } from "./toolchains.js";
import { canBuildRuntime, type CompilerSupport, gccSupport, NO_SUPPORT, RuntimeError, runtimeSupport, tsccRuntime } from "./runtime.js";
import { textBytes } from "../frontend/source.js";
import { timed } from "./time-report.js";

export class DriverError extends Error {}

export function report(message: string): void {
  process.stderr.write(`tscc: error: ${message}\n`);
}

/** Scratch directories and half-written outputs still around; removed if the process dies first. */
const liveScratchDirs = new Set<string>();
process.once("exit", () => {
  for (const d of liveScratchDirs) rmSync(d, { recursive: true, force: true });
  for (const p of pendingOutputs) try { unlinkSync(p); } catch { /* already gone */ }
});

/** A private scratch directory, removed when the job ends, whatever happens. */
class Scratch {
  private dir: string | undefined;
  private count = 0;

  file(stem: string, ext: string): string {
    if (!this.dir) {
      this.dir = mkdtempSync(join(tmpdir(), "tscc-"));
      liveScratchDirs.add(this.dir);
    }
    return join(this.dir, `${this.count++}-${stem}${ext}`);
  }

  dispose(): void {
    if (this.dir) {
      rmSync(this.dir, { recursive: true, force: true });
      liveScratchDirs.delete(this.dir);
    }
    this.dir = undefined;
  }
}
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(sig, () => process.exit(130));
}


/** Write text to a file completely or not at all; "-" is standard output. */
export function writeOutput(path: string, text: string | Uint8Array): void {
  const data = typeof text === "string" ? textBytes(text) : text;
  if (path === "-") {
    process.stdout.write(data);
    return;
  }
  try {
    writeFileAtomically(path, data, "tscc");
  } catch (e) {
    throw new DriverError(`cannot open output file ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "No such file or directory" : (e as Error).message}`);
  }
}

/** Run an external tool; false (with a message) if it fails or is missing. */
function runTool(cfg: DriverConfig, program: string, args: string[]): boolean {
  if (cfg.verbose) process.stderr.write(` ${program} ${args.join(" ")}\n`);
  const r = spawnSync(program, args, { stdio: "inherit" });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") report(`cannot execute '${program}': not found (run scripts/install-deps.sh to install binutils for ${cfg.toolchain.arch})`);
    else report(`cannot execute '${program}': ${r.error.message}`);
    return false;
  }
  if (r.status !== 0) {
    if (r.signal) report(`${program} terminated by signal ${r.signal}`);
    return false;
  }
  return true;
}

function stem(path: string): string {
  const b = basename(path);
  const dot = b.lastIndexOf(".");
  return dot > 0 ? b.slice(0, dot) : b;
}

/** Run the whole job; `packageRoot` holds include/ and runtime/. Returns the exit status. */
export function runJobs(cfg: DriverConfig, packageRoot: string): number {
  const scratch = new Scratch();
  try {
    return runJobsIn(cfg, packageRoot, scratch) ? 0 : 1;
  } catch (e) {
    if (e instanceof DriverError) {
      report(e.message);
      return 1;
    }
    throw e;
  } finally {
    if (!cfg.saveTemps) scratch.dispose();
  }
}

function runJobsIn(cfg: DriverConfig, packageRoot: string, scratch: Scratch): boolean {
  const includeRoot = join(packageRoot, "include");
  const files = cfg.inputs.filter((i): i is Extract<LinkItem, { kind: "file" }> => i.kind === "file");
  if (files.length === 0) {
    process.stderr.write("tscc: fatal error: no input files\ncompilation terminated.\n");
    return false;
  }
  for (const f of files) {
    if (f.path !== "-" && !existsSync(f.path)) {
      report(`${f.path}: No such file or directory`);
      return false;
    }
  }
  const singleOutputModes = cfg.mode !== "link" && cfg.mode !== "syntax";
  const compiled = files.filter((f) => isCompilable(f.lang, cfg.mode));
  if (cfg.output && singleOutputModes && compiled.length > 1 && cfg.output !== "-") {
    report("cannot specify '-o' with '-c', '-S' or '-E' with multiple files");
    return false;
  }

  let ok = true;
  const linkItems: LinkItem[] = [];
  for (const item of cfg.inputs) {
    if (item.kind !== "file") {
      linkItems.push(item);
      continue;
    }
    const result = processInput(item.path, item.lang, cfg, includeRoot, scratch);
    if (result === false) ok = false;
    else if (result !== undefined) linkItems.push({ kind: "file", path: result, lang: "object" });
  }
  if (!ok || cfg.mode !== "link") return ok;
  return link(cfg, linkItems, packageRoot);
}

function isCompilable(lang: Language, mode: DriverConfig["mode"]): boolean {
  if (lang === "object" || lang === "archive" || lang === "shared") return false;
  if (lang === "assembler" && (mode === "preprocess" || mode === "assemble" || mode === "syntax")) return false;
  return true;
}

/**
 * Take one input as far as the mode goes. Returns the object file to link,
 * undefined when the input produced a final output (or is not for linking),
 * or false on error.
 */
function processInput(path: string, lang: Language, cfg: DriverConfig, includeRoot: string, scratch: Scratch): string | undefined | false {
  if (lang === "object" || lang === "archive" || lang === "shared") {
    if (cfg.mode !== "link") {
      process.stderr.write(`tscc: warning: ${path}: linker input file unused because linking not done\n`);
      return undefined;
    }
    return path;
  }
  const outDefault = (ext: string): string => cfg.output ?? `${stem(path)}${ext}`;
  const unit = (goal: UnitGoal, clang: "c" | "cpp-output" | "assembler-with-cpp"): UnitResult =>
    compileUnit({ path, lang: clang, goal, onPreprocessed: (pp) => writeDependencies(cfg, path, pp) }, cfg, includeRoot);

  if (lang === "c" || lang === "cpp-output" || lang === "assembler-with-cpp") {
    if (cfg.mode === "preprocess") {
      const r = unit("preprocess", lang);
      if (r.text === undefined) return false;
      if (!cfg.deps.onlyDeps) writeOutput(cfg.output ?? "-", r.text);
      return undefined;
    }
  }
  if (lang === "c" || lang === "cpp-output") {
    if (cfg.mode === "syntax") return unit("syntax", lang).text === undefined ? false : undefined;
    if (cfg.mode === "emit-ir") {
      const r = unit("ir", lang);
      if (r.text === undefined) return false;
      writeOutput(cfg.output ?? "-", r.text);
      return undefined;
    }
    const objectOut = cfg.mode === "compile" ? outDefault(".o") : scratch.file(stem(path), ".o");
    if (cfg.mode !== "assemble" && cfg.integratedAs && !cfg.saveTemps && hasDirectObjects(cfg.toolchain.arch)) {
      // The backend feeds the integrated assembler directly: no assembler text at all.
      const r = unit("object", lang);
      if (!r.object) return false;
      writeOutput(objectOut, r.object);
      return objectOut;
    }
    const r = unit("assembly", lang);
    if (r.text === undefined) return false;
    if (cfg.mode === "assemble") {
      writeOutput(outDefault(".s"), r.text);
      return undefined;
    }
    const asmPath = scratch.file(stem(path), ".s");
    writeFileSync(asmPath, textBytes(r.text));
    return assemble(asmPath, objectOut, cfg);
  }
  // Assembler source.
  if (cfg.mode === "assemble" || cfg.mode === "syntax" || cfg.mode === "emit-ir") return undefined;
  let source = path;
  if (lang === "assembler-with-cpp") {
    const r = unit("preprocess", lang);
    if (r.text === undefined) return false;
    source = scratch.file(stem(path), ".s");
    writeFileSync(source, textBytes(r.text));
  }
  return assemble(source, cfg.mode === "compile" ? outDefault(".o") : scratch.file(stem(path), ".o"), cfg);
}

/** -M/-MM print the rule; -MD/-MMD write it beside the output (or to -MF). */
function writeDependencies(cfg: DriverConfig, input: string, pp: Parameters<typeof dependencyText>[1]): void {
  const d = cfg.deps;
  if (!d.onlyDeps && !d.sideEffect) return;
  const objName = cfg.mode === "compile" && cfg.output ? cfg.output : `${stem(input)}.o`;
  const text = dependencyText(cfg, pp, objName);
  if (d.onlyDeps) {
    writeOutput(d.file ?? cfg.output ?? "-", text);
    return;
  }
  const base = cfg.output && cfg.mode === "compile" ? cfg.output.replace(/\.[^./]*$/, "") : stem(input);
  writeOutput(d.file ?? `${base}.d`, text);
}

function assemble(source: string, output: string, cfg: DriverConfig): string | false {
  if (cfg.integratedAs && ASSEMBLER_ARCHES.includes(cfg.toolchain.arch)) return assembleIntegrated(source, output, cfg);
  const pending = pendingOutputName(output, "tscc");
  const ok = runTool(cfg, binutilsProgram(cfg.toolchain, "as"), [...dwarfAsArgs(cfg), ...cfg.asArgs, "-o", pending, source]);
  if (!ok) {
    abandonOutput(pending);
    return false;
  }
  commitOutput(pending, output);
  return output;
}

/** Assemble in-process (src/asm); `-fno-integrated-as` selects the system `as` instead. */
/** The GNU as release whose output the integrated assemblers match byte for byte. */
const GNU_AS_VERSION = "2.40";

/** gas's -I directories among the -Wa options (`-I dir` or `-Idir`). */
function asIncludeDirs(args: readonly string[]): string[] {
  const dirs: string[] = [];
  for (let k = 0; k < args.length; k++) {
    if (args[k] === "-I" && k + 1 < args.length) dirs.push(args[++k]!);
    else if (args[k]!.startsWith("-I")) dirs.push(args[k]!.slice(2));
  }
  return dirs;
}

/**
 * A file named by `.include` or `.incbin`, found as gas finds it: relative
 * to the working directory, then in each -I directory (never relative to the
 * including file: the kernel's `.incbin "usr/initramfs_inc_data"` is
 * assembled from a temporary file).
 */
function readAsmInclude(path: string, dirs: readonly string[]): Uint8Array | undefined {
  for (const candidate of isAbsolute(path) ? [path] : [path, ...dirs.map((d) => join(d, path))]) {
    try { return readFileSync(candidate); } catch { /* next */ }
  }
  return undefined;
}

function assembleIntegrated(source: string, output: string, cfg: DriverConfig): string | false {
  if (cfg.verbose) process.stderr.write(` (integrated assembler) ${source} -o ${output}\n`);
  // `-Wa,--version` (the kernel's as-version.sh, configure scripts): gas prints its
  // version and stops; "GNU assembler" and the version of the gas tscc follows.
  if (cfg.asArgs.includes("--version")) {
    process.stdout.write(`GNU assembler (tscc ${TSCC_VERSION}) ${GNU_AS_VERSION}\n`);
    return output;
  }
  const r = timed("assembly", () => assembleFile(readFileSync(source, "latin1"), {
    arch: cfg.toolchain.arch,
    fileName: source,
    // What gcc's driver tells gas: -fpic for PIC/PIE code (riscv's `la` then goes through the GOT), then -Wa options.
    args: [...(cfg.pic ? ["-fpic"] : []), ...dwarfAsArgs(cfg), ...cfg.asArgs],
    compDir: process.cwd(),
    readFile: (p) => readAsmInclude(p, asIncludeDirs(cfg.asArgs)),
  }));
  for (const d of r.diagnostics) process.stderr.write(formatDiagnostic(d) + "\n");
  if (!r.object) return false;
  writeOutput(output, r.object);
  return output;
}

/**
 * The GNU ld command line gcc would use for this target and link kind, with
 * `support` (gcc's crtbegin/crtend/libgcc or tscc's runtime) in their places.
 */
export function linkerArgs(cfg: DriverConfig, items: readonly LinkItem[], output: string, layout: SysrootLayout, support: CompilerSupport): string[] {
  const tc = cfg.toolchain;
  const kind = cfg.linkKind;
  const args: string[] = [];
  if (layout.linkerSysroot) args.push(`--sysroot=${layout.linkerSysroot}`);
  if (kind !== "relocatable") args.push("--build-id", "--eh-frame-hdr", "--hash-style=gnu");
  args.push("-m", tc.ldEmulation, ...tc.ldExtraFlags);
  if (kind === "pie") args.push("-pie", "-dynamic-linker", tc.dynamicLinker);
  else if (kind === "no-pie") args.push("-dynamic-linker", tc.dynamicLinker);
  else if (kind === "static") args.push("-static");
  else if (kind === "static-pie") args.push("-static", "-pie", "--no-dynamic-linker", "-z", "text");
  else if (kind === "shared") args.push("-shared");
  else args.push("-r");
  if (cfg.rdynamic) args.push("-export-dynamic");
  if (cfg.strip) args.push("-s");
  args.push("-o", output);

  const crt = (name: string): string => {
    for (const d of layout.libraryDirs) if (existsSync(join(d, name))) return join(d, name);
    throw new DriverError(`cannot find start file ${name} for ${tc.triple} (is the C library for that target installed? scripts/install-deps.sh)`);
  };
  const startFiles = cfg.startFiles && kind !== "relocatable";
  if (startFiles) {
    if (kind === "pie") args.push(crt("Scrt1.o"));
    else if (kind === "static-pie") args.push(crt("rcrt1.o"));
    else if (kind !== "shared") args.push(crt("crt1.o"));
    args.push(crt("crti.o"));
    args.push(...support.begin(kind));
  }
  for (const item of items) if (item.kind === "ld-args") for (const a of item.args) if (a.startsWith("-L")) args.push(a);
  const dirs = [...support.libraryDirs, ...layout.libraryDirs];
  for (const d of dirs) args.push("-L" + d);
  // A -l library that lives only in gcc's own directory (libatomic, libgomp, libasan) is
  // found there, as gcc finds it, and named by path: the search path stays gcc-free, so
  // nothing else (libgcc: tscc's runtime stands in for it) is picked up from there.
  const archiveFirst = kind === "static" || kind === "static-pie";
  const gccOnly = (name: string): string | undefined => {
    const files = archiveFirst ? [`lib${name}.a`] : [`lib${name}.so`, `lib${name}.a`];
    const userDirs = items.flatMap((i) => (i.kind === "ld-args" ? i.args.filter((a) => a.startsWith("-L")).map((a) => a.slice(2)) : []));
    if (!layout.gccLibDir || [...userDirs, ...dirs].some((d) => files.some((f) => existsSync(join(d, f))))) return undefined;
    return files.map((f) => join(layout.gccLibDir!, f)).find((p) => existsSync(p));
  };
  for (const item of items) {
    if (item.kind === "file") args.push(item.path);
    else if (item.kind === "lib") args.push(gccOnly(item.name) ?? "-l" + item.name);
    else for (const a of item.args) if (!a.startsWith("-L")) args.push(a);
  }
  if (cfg.defaultLibs && kind !== "relocatable") {
    const libs = support.libraries(kind);
    const libc = cfg.libc ? ["-lc"] : [];
    if (cfg.pthread) args.push("-lpthread");
    if (kind === "static" || kind === "static-pie") args.push("--start-group", ...libs, ...libc, "--end-group");
    else args.push(...libs, ...libc, ...libs);
  }
  if (startFiles) {
    args.push(...support.end(kind));
    args.push(crt("crtn.o"));
  }
  return args;
}

/**
 * Link with tscc's own linker when it supports the target, or with the
 * system's (`-fuse-ld=bfd`, or any other -fuse-ld=NAME, keeps that door open as an oracle).
 */
/** Parsed libraries (libc.so.6, libc_nonshared.a …) reused by every link of this process. */
const linkInputs = new InputCache();

function runOwnLinker(cfg: DriverConfig, args: string[]): boolean {
  if (cfg.verbose) process.stderr.write(` tscc-ld ${args.join(" ")}\n`);
  return runLinker(args, { stderr: (s) => void process.stderr.write(s), cache: linkInputs }) === 0;
}

/** Does this link use tscc's own linker (and so tscc's runtime)? */
export function usesOwnLinker(cfg: DriverConfig): boolean {
  return (cfg.fuseLd === undefined || cfg.fuseLd === "tscc") && supportsEmulation(cfg.toolchain.ldEmulation);
}

/**
 * tscc's runtime with tscc's linker; with the system linker gcc's files when
 * a gcc is installed (the oracle route), else tscc's runtime if it can be built.
 */
export function compilerSupport(cfg: DriverConfig, layout: SysrootLayout, packageRoot: string): CompilerSupport {
  const gccStart = cfg.startObjects.map((m) => cfg.toolchain.startObjects[m]!.object);
  if (!usesOwnLinker(cfg) && layout.gccLibDir) return gccSupport(layout.gccLibDir, gccStart);
  if (!canBuildRuntime(cfg)) return layout.gccLibDir ? gccSupport(layout.gccLibDir, gccStart) : NO_SUPPORT;
  try {
    const unwinder = layout.libraryDirs.map((d) => join(d, "libgcc_s.so.1")).find((p) => existsSync(p));
    return runtimeSupport(tsccRuntime(cfg, packageRoot), unwinder);
  } catch (e) {
    if (e instanceof RuntimeError) throw new DriverError(e.message);
    throw e;
  }
}

function link(cfg: DriverConfig, items: LinkItem[], packageRoot: string): boolean {
  const output = cfg.output ?? "a.out";
  const layout = sysrootLayout(cfg.toolchain, cfg.sysroot);
  const needsSupport = cfg.linkKind !== "relocatable" && (cfg.startFiles || cfg.defaultLibs);
  const support = needsSupport ? compilerSupport(cfg, layout, packageRoot) : NO_SUPPORT;
  const pending = pendingOutputName(output, "tscc");
  const args = linkerArgs(cfg, items, pending, layout, support);
  const own = usesOwnLinker(cfg);
  const ld = cfg.fuseLd && cfg.fuseLd !== "bfd" ? `${binutilsProgram(cfg.toolchain, "ld")}.${cfg.fuseLd}` : binutilsProgram(cfg.toolchain, "ld");
  const ok = timed("link", () => (own ? runOwnLinker(cfg, args) : runTool(cfg, ld, args)));
  if (!ok) {
    abandonOutput(pending);
    return false;
  }
  commitOutput(pending, output);
  return true;
}
