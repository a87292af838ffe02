// What the compiler adds to a link besides the C library's own start files
// and libraries: gcc's crtbegin*.o, crtend*.o and libgcc, or their
// replacements from tscc's runtime (runtime/*.c), so that linking needs no
// GCC installation.
//
// tscc's runtime is compiled by tscc itself the first time a link needs it,
// for the link's target, and cached: crtbegin.o (executables), crtbeginS.o
// (shared objects), crtend.o, libtscc_eh.a (unwind-stubs.c, for static links)
// and libtscc_rt.a holding everything else in runtime/*.c and
// runtime/<arch>/*.s (the libgcc routines generated code and glibc call by
// name: __divti3, __floattidf, __muldc3, __letf2 …). Dynamic links also get
// the system's libgcc_s.so.1 (--as-needed), which every glibc system has,
// for the unwinder that objects built with -fexceptions use. The cache directory is keyed by a hash of the
// runtime sources and of the compiler that built them (the running bundle's
// size and time stamp), so editing either rebuilds it. It lives in
// $TSCC_RUNTIME_CACHE, else <package>/.cache/runtime when the package is
// writable, else $XDG_CACHE_HOME/tscc/runtime (~/.cache/tscc/runtime).
// Concurrent first links (processes or threads) each build into a private
// directory and rename it into place; the loser of the race discards its copy.

import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import { assembleFile, ASSEMBLER_ARCHES, formatDiagnostic } from "../asm/index.js";
import { indexedSymbols, writeArchive } from "../elf/archive.js";
import type { DriverConfig } from "./config.js";
import { compileUnit, hasDirectObjects } from "./compile.js";

export type LinkKind = DriverConfig["linkKind"];

/** The compiler's part of a link line, around the user's inputs and the C library. */
export interface CompilerSupport {
  /** Objects right after crti.o (crtbegin). */
  begin(kind: LinkKind): string[];
  /** Objects right before crtn.o (crtend). */
  end(kind: LinkKind): string[];
  /** Library arguments that go on both sides of -lc (or into its group when static). */
  libraries(kind: LinkKind): string[];
  /** Extra -L directories. */
  readonly libraryDirs: readonly string[];
}

const isStatic = (kind: LinkKind): boolean => kind === "static" || kind === "static-pie";
const isPic = (kind: LinkKind): boolean => kind === "pie" || kind === "shared" || kind === "static-pie";

/** gcc's files, from its per-target directory: what the system linker gets (-fuse-ld=bfd). */
export function gccSupport(gccLibDir: string, startObjects: readonly string[] = []): CompilerSupport {
  const file = (name: string): string[] => (existsSync(join(gccLibDir, name)) ? [join(gccLibDir, name)] : []);
  return {
    begin: (kind) => [...file(kind === "static" ? "crtbeginT.o" : isPic(kind) ? "crtbeginS.o" : "crtbegin.o"), ...startObjects.flatMap(file)],
    end: (kind) => file(isPic(kind) ? "crtendS.o" : "crtend.o"),
    libraries: (kind) => isStatic(kind)
      ? ["-lgcc", "-lgcc_eh"]
      : ["-lgcc", "--push-state", "--as-needed", "-lgcc_s", "--pop-state"],
    libraryDirs: [gccLibDir],
  };
}

/** Nothing: no gcc and no runtime for this target (its programs may still link if they need neither). */
export const NO_SUPPORT: CompilerSupport = { begin: () => [], end: () => [], libraries: () => [], libraryDirs: [] };

/** The files of tscc's runtime for one target. */
export interface RuntimeFiles {
  crtbegin: string;
  crtbeginShared: string;
  crtend: string;
  library: string;
  ehLibrary: string;
  /** Start-up objects the command line asked for (crtprec64.o for -mpc64). */
  startObjects: string[];
}

/** tscc's runtime; `unwinder` is the system's libgcc_s.so.1 for dynamic links, if there is one. */
export function runtimeSupport(files: RuntimeFiles, unwinder?: string): CompilerSupport {
  return {
    begin: (kind) => [kind === "shared" ? files.crtbeginShared : files.crtbegin, ...files.startObjects],
    end: () => [files.crtend],
    libraries: (kind) => isStatic(kind) ? [files.library, files.ehLibrary]
      : [files.library, ...(unwinder ? ["--push-state", "--as-needed", unwinder, "--pop-state"] : [])],
    libraryDirs: [],
  };
}

export class RuntimeError extends Error {}

/** Sources of libtscc_eh.a, which only static links get. */
const EH_SOURCES = ["unwind-stubs.c"];

/** Can tscc build its runtime for this configuration's target (a code generator and an assembler)? */
export function canBuildRuntime(cfg: DriverConfig): boolean {
  return ASSEMBLER_ARCHES.includes(cfg.toolchain.arch) && hasDirectObjects(cfg.toolchain.arch);
}

/** tscc's runtime for the configuration's target, built on first use. */
export function tsccRuntime(cfg: DriverConfig, packageRoot: string): RuntimeFiles {
  const sourceDir = join(packageRoot, "runtime");
  const arch = cfg.toolchain.arch;
  let names: string[];
  try {
    const archNames = existsSync(join(sourceDir, arch)) ? readdirSync(join(sourceDir, arch)).map((n) => `${arch}/${n}`) : [];
    names = [...readdirSync(sourceDir), ...archNames].filter((n) => /\.[chs]$/.test(n)).sort();
  } catch {
    throw new RuntimeError(`cannot find tscc's runtime sources in ${sourceDir}`);
  }
  const hash = createHash("sha256");
  hash.update(compilerFingerprint());
  for (const n of names) hash.update(`\0${n}\0`).update(readFileSync(join(sourceDir, n)));
  const dir = join(cacheRoot(packageRoot), `${cfg.toolchain.triple}-${hash.digest("hex").slice(0, 16)}`);
  const files: RuntimeFiles = {
    crtbegin: join(dir, "crtbegin.o"),
    crtbeginShared: join(dir, "crtbeginS.o"),
    crtend: join(dir, "crtend.o"),
    library: join(dir, "libtscc_rt.a"),
    ehLibrary: join(dir, "libtscc_eh.a"),
    startObjects: cfg.startObjects.map((m) => join(dir, cfg.toolchain.startObjects[m]!.object)),
  };
  if (!existsSync(files.library)) build(cfg, sourceDir, names, dir);
  return files;
}

function compilerFingerprint(): string {
  const self = typeof __filename === "string" ? __filename : process.argv[1] ?? "";
  try {
    const st = statSync(self);
    return `${self}:${st.size}:${st.mtimeMs}`;
  } catch {
    return self;
  }
}

function cacheRoot(packageRoot: string): string {
  if (process.env.TSCC_RUNTIME_CACHE) return process.env.TSCC_RUNTIME_CACHE;
  try {
    accessSync(packageRoot, constants.W_OK);
    return join(packageRoot, ".cache", "runtime");
  } catch {
    return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "tscc", "runtime");
  }
}

function build(cfg: DriverConfig, sourceDir: string, names: readonly string[], dir: string): void {
  if (cfg.verbose) process.stderr.write(` (building tscc's runtime in ${dir})\n`);
  mkdirSync(dirname(dir), { recursive: true });
  // Unique per build, not per process: the torture runner compiles in several threads of one process.
  const scratch = mkdtempSync(`${dir}.tmp-`);
  try {
    const compile = (name: string, defines: string[] = []): Uint8Array => name.endsWith(".s")
      ? assemble(cfg, join(sourceDir, name), readFileSync(join(sourceDir, name), "latin1"))
      : compileRuntimeFile(cfg, join(sourceDir, name), defines, scratch);
    // Members are named after their sources: x86_64/tf-compare.s → x86_64-tf-compare.o.
    const archive = (sources: readonly string[]): Uint8Array => writeArchive(sources.map((n) => {
      const data = compile(n);
      return { name: n.replace(/\//g, "-").replace(/\.[cs]$/, ".o"), data, symbols: indexedSymbols(data) };
    }));
    writeFileSync(join(scratch, "crtbegin.o"), compile("crtbegin.c"));
    writeFileSync(join(scratch, "crtbeginS.o"), compile("crtbegin.c", ["TSCC_CRT_SHARED=1"]));
    writeFileSync(join(scratch, "crtend.o"), compile("crtend.c"));
    writeFileSync(join(scratch, "libtscc_eh.a"), archive(EH_SOURCES));
    const startObjects = Object.values(cfg.toolchain.startObjects).filter((s) => s !== null);
    for (const s of startObjects) writeFileSync(join(scratch, s.object), compile(s.source, [...s.defines]));
    const special = new Set(["crtbegin.c", "crtend.c", ...EH_SOURCES, ...startObjects.map((s) => s.source)]);
    writeFileSync(join(scratch, "libtscc_rt.a"), archive(names.filter((n) => /\.[cs]$/.test(n) && !special.has(n))));
    try {
      renameSync(scratch, dir);
    } catch (e) {
      // Another tscc finished first (the directory exists and is not empty): use its copy.
      if (!existsSync(join(dir, "libtscc_rt.a"))) throw e;
    }
    removeStaleBuilds(dir);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A stale build younger than this may still be in use by another compiler (another dist/, a bisection's frozen copy). */
const STALE_AGE_MS = 24 * 3600 * 1000;

/**
 * Builds of this target's runtime from other sources or compilers are garbage
 * once old: deleting a young one pulled crtbegin.o from under links of a
 * compiler still running (two bundles in use at once rebuilt and deleted each
 * other's runtime).
 */
function removeStaleBuilds(current: string): void {
  const parent = dirname(current), name = basename(current);
  const prefix = name.slice(0, name.lastIndexOf("-") + 1);
  const now = Date.now();
  for (const other of readdirSync(parent)) {
    if (other === name || !other.startsWith(prefix) || other.includes(".tmp-")) continue;
    const path = join(parent, other);
    try {
      if (now - statSync(path).mtimeMs < STALE_AGE_MS) continue;
    } catch {
      continue;
    }
    rmSync(path, { recursive: true, force: true });
  }
}

/** One runtime source → relocatable object: -O2 -fPIC, no headers but the runtime's own. */
function compileRuntimeFile(cfg: DriverConfig, path: string, defines: string[], scratch: string): Uint8Array {
  const unitCfg: DriverConfig = {
    ...cfg,
    mode: "compile", std: "gnu17", optLevel: 2, optSize: false, debug: false, debugLevel: 0, pic: true, pie: false,
    linkKind: "shared", commonSymbols: false, libBuiltins: { all: true, off: [] }, gnu89Inline: false, functionSections: false, dataSections: false,
    defines: defines.map((text) => ({ kind: "define", text })),
    includeDirs: [], quoteDirs: [], systemDirs: [], afterDirs: [], forcedIncludes: [], macroIncludes: [],
    noStdInc: true, printAfter: [], verifyIr: false,
    warnings: { suppressAll: true, allErrors: false, errorOptions: new Map(), enabled: new Map() },
    deps: { ...cfg.deps, onlyDeps: false, sideEffect: false },
  };
  const { text } = compileUnit({ path, lang: "c", goal: "assembly" }, unitCfg, join(scratch, "no-include"));
  if (text === undefined) throw new RuntimeError(`cannot build tscc's runtime: ${path} does not compile`);
  return assemble(cfg, path, text);
}

function assemble(cfg: DriverConfig, path: string, text: string): Uint8Array {
  const asm = assembleFile(text, { arch: cfg.toolchain.arch, fileName: path, readFile: () => undefined });
  for (const d of asm.diagnostics) process.stderr.write(formatDiagnostic(d) + "\n");
  if (!asm.object) throw new RuntimeError(`cannot build tscc's runtime: ${path} does not assemble`);
  return asm.object;
}
