// The in-process compiler: one translation unit → preprocessed text, a
// syntax check, IR text or assembler text. The driver calls these; problems
// are reported through Diagnostics (gcc format) and give `text: undefined`.
// An invariant failing inside the compiler is an internal compiler error:
// reported with the function and pass, never as a stack trace.

import { join } from "node:path";
import { assembleLines, formatDiagnostic } from "../asm/index.js";
import { Diagnostics, FatalError } from "../frontend/diagnostics.js";
import { NodeHost } from "../frontend/host-node.js";
import { parseTranslationUnit } from "../frontend/parse.js";
import { formatDependencies, printPreprocessed } from "../frontend/pp-output.js";
import { preprocess, type PreprocessOptions, type PreprocessResult } from "../frontend/preprocess.js";
import { textBytes } from "../frontend/source.js";
import type { CStd } from "../frontend/predefined.js";
import { SourceManager } from "../frontend/source.js";
import { CodegenError, InternalCompilerError, printModule, runPipeline, type Module } from "../ir/index.js";
import { lowerTranslationUnit } from "../ir/lower/lower.js";
import { targetFor } from "../targets.js";
import type { DataLayout } from "../target.js";
import type { DriverConfig } from "./config.js";
import { GCC_WARNINGS } from "./gcc-warnings.js";
import { sysrootLayout } from "./toolchains.js";
import { timed } from "./time-report.js";
import type { DebugOptions } from "../ir/lower/debug-info.js";
import { supportsColorStderr } from "chalk";
import { paletteFromGccColors, type DiagnosticPalette } from "../frontend/diagnostic-colors.js";
import { GCC_COMPAT_VERSION, TSCC_VERSION } from "./main.js";

export interface UnitResult {
  /** The requested text (preprocessed source, IR, assembler), or undefined on error. */
  text: string | undefined;
  /** For goal "object": the relocatable object. */
  object?: Uint8Array;
}

export type UnitGoal = "preprocess" | "syntax" | "ir" | "assembly" | "object";

/** Can `goal: "object"` be used for this target (its code generator feeds the integrated assembler)? */
export function hasDirectObjects(arch: string): boolean {
  return targetFor(arch)?.codegen !== undefined;
}

const STDS = new Set(["c89", "c90", "c99", "c11", "c17", "c18", "c23", "c2x", "gnu89", "gnu90", "gnu99", "gnu11", "gnu17", "gnu18", "gnu23", "gnu2x", "iso9899:1990", "iso9899:1999", "iso9899:2011", "iso9899:2017", "iso9899:2018"]);

function normalizeStd(std: string): CStd {
  const s = std.replace(/^iso9899:1990$/, "c90").replace(/^iso9899:1999$/, "c99").replace(/^iso9899:2011$/, "c11")
    .replace(/^iso9899:201[78]$/, "c17").replace(/18$/, "17").replace(/2x$/, "23").replace(/90$/, "89");
  return s as CStd;
}

/** The target's data layout as -fshort-wchar and -f[un]signed-char change it. */
export function dataLayoutOf(cfg: DriverConfig): DataLayout {
  const base = cfg.toolchain.layout;
  if (!cfg.shortWchar && cfg.signedChar === undefined && cfg.biggestAlignment === undefined) return base;
  return {
    ...base,
    ...(cfg.biggestAlignment !== undefined ? { biggestAlignment: Math.max(base.biggestAlignment, cfg.biggestAlignment) } : {}),
    ...(cfg.shortWchar ? { sizeofWchar: 2 as const, wcharIsSigned: false } : {}),
    ...(cfg.signedChar !== undefined ? { charIsSigned: cfg.signedChar } : {}),
  };
}

export function preprocessOptions(cfg: DriverConfig, includeRoot: string, assembler: boolean): PreprocessOptions {
  const layout = sysrootLayout(cfg.toolchain, cfg.sysroot);
  const pic: 0 | 1 | 2 = cfg.pic ? 2 : 0;
  return {
    target: dataLayoutOf(cfg),
    std: normalizeStd(STDS.has(cfg.std) ? cfg.std : "gnu17"),
    optimize: cfg.optLevel,
    optimizeSize: cfg.optSize,
    pic,
    pie: cfg.pie && cfg.linkKind !== "shared" ? 2 : 0,
    freestanding: cfg.freestanding === true,
    floatModel: cfg.floatModel,
    hardening: { stackProtector: cfg.stackProtector, cfProtection: cfg.cfProtection },
    defines: cfg.defines.map((d) => (d.kind === "define" ? { kind: "define", text: d.text } : { kind: "undef", name: d.text })),
    imacros: cfg.macroIncludes,
    includes: cfg.forcedIncludes,
    quoteDirs: cfg.quoteDirs,
    includeDirs: cfg.includeDirs,
    systemDirs: cfg.systemDirs,
    afterDirs: cfg.afterDirs,
    // tscc's own headers: the target's (x86 intrinsics, cpuid.h) before the common ones.
    stdDirs: [join(includeRoot, cfg.toolchain.arch), includeRoot, ...layout.systemIncludeDirs],
    nostdinc: cfg.noStdInc,
    assembler,
    recordDirectives: cfg.dumpMacros === "also",
    missingHeadersAreGenerated: cfg.deps.missingGenerated,
    ...(process.env.SOURCE_DATE_EPOCH ? { sourceDateEpoch: Number(process.env.SOURCE_DATE_EPOCH) } : {}),
  };
}

/** The -MD/-MMD dependency file next to the output, as gcc names it. */
export function dependencyText(cfg: DriverConfig, pp: PreprocessResult, defaultTarget: string): string {
  const files = pp.dependencies.filter((d, i) => i === 0 || !cfg.deps.userOnly || !d.system).map((d) => d.path);
  const targets = cfg.deps.targets.length > 0 ? cfg.deps.targets : [{ name: defaultTarget, quote: true }];
  return formatDependencies({ targets, files, phony: cfg.deps.phony });
}

/**
 * -fdiagnostics-color: `always`, `never`, or `auto` — colour when stderr is a
 * terminal that takes it (chalk's judgement: TTY, TERM=dumb, FORCE_COLOR) and
 * NO_COLOR is unset; GCC_COLORS picks the colours, and empty turns them off.
 */
function diagnosticColors(cfg: DriverConfig): DiagnosticPalette | undefined {
  const on = cfg.diagnosticsColor === "always"
    || (cfg.diagnosticsColor === "auto" && supportsColorStderr !== false && supportsColorStderr.level > 0 && !process.env.NO_COLOR);
  return on ? paletteFromGccColors(process.env.GCC_COLORS) : undefined;
}

/** -g: how lowering describes the unit (gcc's DW_AT_name is the path as given, DW_AT_comp_dir the working directory). */
function debugOptions(cfg: DriverConfig, path: string, sources: SourceManager): DebugOptions {
  const flags = [`-O${cfg.optSize ? "s" : cfg.optLevel}`, cfg.debugLevel === 1 ? "-g1" : "-g", ...(cfg.dwarfVersion === 4 ? ["-gdwarf-4"] : [])];
  return {
    level: cfg.debugLevel === 1 ? 1 : 2,
    version: cfg.dwarfVersion,
    producer: `tscc ${TSCC_VERSION} (GNU C17 ${GCC_COMPAT_VERSION} compatible) ${flags.join(" ")}`,
    name: path === "-" ? "<stdin>" : path,
    compDir: process.cwd(),
    presumed: (file, line) => sources.presumed(file, line),
  };
}

/** What gcc tells gas for -g: the DWARF version of the line table. */
export function dwarfAsArgs(cfg: DriverConfig): string[] {
  return cfg.debug && cfg.debugLevel > 0 ? [`--gdwarf-${cfg.dwarfVersion}`] : [];
}

export interface UnitRequest {
  path: string;
  lang: "c" | "cpp-output" | "assembler-with-cpp";
  goal: UnitGoal;
  /** Called with the preprocessor's result (for -M/-MD). */
  onPreprocessed?: (pp: PreprocessResult) => void;
}

export function compileUnit(req: UnitRequest, cfg: DriverConfig, includeRoot: string): UnitResult {
  const sources = new SourceManager();
  const json = cfg.diagnosticsFormat === "json";
  const policy = { ...cfg.warnings, knownWarning: (name: string): boolean => GCC_WARNINGS.has(name) || name.includes("=") && GCC_WARNINGS.has(name.slice(0, name.indexOf("=") + 1)) };
  const diags = new Diagnostics(sources, policy, undefined, json ? undefined : diagnosticColors(cfg), json);
  try {
    return compileWith(diags, req, cfg, includeRoot);
  } finally {
    // gcc writes the array when the compilation ends, `[]` when there was nothing to say.
    if (json) process.stderr.write(textBytes(diags.jsonText() + "\n"));
    else if (diags.warningsAsErrors > 0) process.stderr.write("cc1: some warnings being treated as errors\n");
  }
}

function compileWith(diags: Diagnostics, req: UnitRequest, cfg: DriverConfig, includeRoot: string): UnitResult {
  const sources = diags.sources;
  try {
    const host = new NodeHost();
    const pp = timed("preprocess", () => preprocess(req.path === "-" ? "/dev/stdin" : req.path, host, diags, preprocessOptions(cfg, includeRoot, req.lang === "assembler-with-cpp")));
    req.onPreprocessed?.(pp);
    if (diags.errorCount > 0) return { text: undefined };
    if (req.goal === "preprocess") {
      if (cfg.deps.onlyDeps) return { text: "" };
      return { text: printPreprocessed(pp, { noLineMarkers: !cfg.ppLineMarkers, ...(cfg.dumpMacros === "only" ? { dumpMacros: "M" as const } : cfg.dumpMacros === "also" ? { dumpMacros: "D" as const } : {}) }) };
    }
    const tu = timed("parse", () => parseTranslationUnit(pp.tokens, { layout: dataLayoutOf(cfg), std: cfg.std, gnu89Inline: cfg.gnu89Inline, optimize: cfg.optLevel > 0 }, diags));
    if (diags.errorCount > 0) return { text: undefined };
    if (req.goal === "syntax") return { text: "" };
    const debug = cfg.debug && cfg.debugLevel > 0 ? debugOptions(cfg, req.path, sources) : undefined;
    const module = timed("lower", () => lowerTranslationUnit(tu, { layout: dataLayoutOf(cfg), commonSymbols: cfg.commonSymbols, instrumentFunctions: cfg.instrumentFunctions === true, libBuiltins: cfg.libBuiltins, optimize: cfg.optLevel > 0, defaultVisibility: cfg.defaultVisibility, ...(debug ? { debug } : {}) }, diags));
    if (diags.errorCount > 0) return { text: undefined };
    const printAfter = cfg.printAfter.length > 0
      ? { pass: cfg.printAfter.includes("all") ? "*" : cfg.printAfter[0], sink: (t: string) => void process.stderr.write(t) }
      : undefined;
    runPipeline(module, cfg.optLevel, {
      verify: cfg.verifyIr, noInline: cfg.noInline, stackProtector: cfg.stackProtector, ...(printAfter ? { printAfter } : {}),
      ...(cfg.timeReport ? { runPass: (name: string, run: () => void) => timed(`pass ${name}`, run) } : {}),
    });
    if (req.goal === "ir") return { text: printModule(module) };
    const target = targetFor(cfg.toolchain.arch);
    if (!target?.codegen) {
      diags.error(undefined, `code generation for ${cfg.toolchain.arch} is not implemented yet`);
      return { text: undefined };
    }
    const lines = timed("code generation", () => target.codegen!.emit(module, {
      optLevel: cfg.optLevel, pic: cfg.pic, unwindTables: cfg.asyncUnwindTables || cfg.unwindTables,
      cfProtection: cfg.cfProtection, stackClashProtection: cfg.stackClashProtection,
      machine: cfg.machine, jumpTables: cfg.jumpTables, ...(cfg.functionAlign !== undefined ? { functionAlign: cfg.functionAlign } : {}),
    }));
    if (req.goal === "object") {
      // Straight from the instructions to the object (no text round trip); diagnostics name the -S file.
      const r = timed("assembly", () => assembleLines(lines, {
        fileName: req.path.replace(/\.[^./]*$/, "") + ".s", arch: target.assembler, args: dwarfAsArgs(cfg), compDir: process.cwd(),
      }));
      for (const d of r.diagnostics) process.stderr.write(textBytes(formatDiagnostic(d) + "\n"));
      return r.object ? { text: "", object: r.object } : { text: undefined };
    }
    return { text: target.codegen.print(lines) };
  } catch (e) {
    if (e instanceof FatalError) return { text: undefined };
    if (e instanceof CodegenError) {
      process.stderr.write(`${req.path}: error: ${e.message}\n`);
      return { text: undefined };
    }
    if (e instanceof InternalCompilerError) {
      process.stderr.write(`${req.path}: internal compiler error: ${e.message}\n`);
      return { text: undefined };
    }
    throw e;
  }
}
