// The in-process compiler: one translation unit → preprocessed text, a
// syntax check, IR text or assembler text. The driver calls these; problems
// are reported through Diagnostics (gcc format) and give `text: undefined`.
// An invariant failing inside the compiler is an internal compiler error:
// reported with the function and pass, never as a stack trace.

import { assembleLines, formatDiagnostic } from "../asm/index.js";
import { emitModuleLines as emitX86_64Lines } from "../backend-x86_64/index.js";
import { printAsm } from "../asm/x86_64/printer.js";
import { x86_64Assembler } from "../asm/x86_64/arch.js";
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
import type { ArchName } from "../target.js";
import type { DriverConfig } from "./config.js";
import { sysrootLayout } from "./toolchains.js";

export interface UnitResult {
  /** The requested text (preprocessed source, IR, assembler), or undefined on error. */
  text: string | undefined;
  /** For goal "object": the relocatable object. */
  object?: Uint8Array;
}

export type UnitGoal = "preprocess" | "syntax" | "ir" | "assembly" | "object";

interface BackendOptions { optLevel: number; pic: boolean; unwindTables: boolean }

interface Backend {
  /** Assembler text (-S). */
  assembly(m: Module, opts: BackendOptions): string;
  /**
   * An object file straight from the backend's instructions (no text round
   * trip); `asmName` is the name diagnostics use. Undefined on error, with the
   * assembler's messages written to stderr.
   */
  object?(m: Module, opts: BackendOptions, asmName: string): Uint8Array | undefined;
}

/** Code generators by target; a target without one reports that plainly. */
const BACKENDS: Partial<Record<ArchName, Backend>> = {
  x86_64: {
    assembly: (m, opts) => printAsm(emitX86_64Lines(m, opts)),
    object: (m, opts, asmName) => {
      const r = assembleLines(emitX86_64Lines(m, opts), { fileName: asmName, arch: () => x86_64Assembler });
      for (const d of r.diagnostics) process.stderr.write(textBytes(formatDiagnostic(d) + "\n"));
      return r.object;
    },
  },
};

/** Can `goal: "object"` be used for this target (the backend feeds the integrated assembler)? */
export function hasDirectObjects(arch: ArchName): boolean {
  return BACKENDS[arch]?.object !== undefined;
}

const STDS = new Set(["c89", "c90", "c99", "c11", "c17", "c18", "c23", "c2x", "gnu89", "gnu90", "gnu99", "gnu11", "gnu17", "gnu18", "gnu23", "gnu2x", "iso9899:1990", "iso9899:1999", "iso9899:2011", "iso9899:2017", "iso9899:2018"]);

function normalizeStd(std: string): CStd {
  const s = std.replace(/^iso9899:1990$/, "c90").replace(/^iso9899:1999$/, "c99").replace(/^iso9899:2011$/, "c11")
    .replace(/^iso9899:201[78]$/, "c17").replace(/18$/, "17").replace(/2x$/, "23").replace(/90$/, "89");
  return s as CStd;
}

export function preprocessOptions(cfg: DriverConfig, includeRoot: string, assembler: boolean): PreprocessOptions {
  const layout = sysrootLayout(cfg.toolchain, cfg.sysroot);
  const pic: 0 | 1 | 2 = cfg.pic ? 2 : 0;
  return {
    target: cfg.toolchain.layout,
    std: normalizeStd(STDS.has(cfg.std) ? cfg.std : "gnu17"),
    optimize: cfg.optLevel,
    optimizeSize: cfg.optSize,
    pic,
    pie: cfg.pie && cfg.linkKind !== "shared" ? 2 : 0,
    freestanding: cfg.freestanding === true,
    floatModel: cfg.floatModel,
    defines: cfg.defines.map((d) => (d.kind === "define" ? { kind: "define", text: d.text } : { kind: "undef", name: d.text })),
    imacros: cfg.macroIncludes,
    includes: cfg.forcedIncludes,
    quoteDirs: cfg.quoteDirs,
    includeDirs: cfg.includeDirs,
    systemDirs: cfg.systemDirs,
    afterDirs: cfg.afterDirs,
    stdDirs: [includeRoot, ...layout.systemIncludeDirs],
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

export interface UnitRequest {
  path: string;
  lang: "c" | "cpp-output" | "assembler-with-cpp";
  goal: UnitGoal;
  /** Called with the preprocessor's result (for -M/-MD). */
  onPreprocessed?: (pp: PreprocessResult) => void;
}

export function compileUnit(req: UnitRequest, cfg: DriverConfig, includeRoot: string): UnitResult {
  const sources = new SourceManager();
  const color = cfg.diagnosticsColor === "always" || (cfg.diagnosticsColor === "auto" && process.stderr.isTTY === true && !process.env.NO_COLOR);
  const diags = new Diagnostics(sources, cfg.warnings, undefined, color);
  try {
    const host = new NodeHost();
    const pp = preprocess(req.path === "-" ? "/dev/stdin" : req.path, host, diags, preprocessOptions(cfg, includeRoot, req.lang === "assembler-with-cpp"));
    req.onPreprocessed?.(pp);
    if (diags.errorCount > 0) return { text: undefined };
    if (req.goal === "preprocess") {
      if (cfg.deps.onlyDeps) return { text: "" };
      return { text: printPreprocessed(pp, { noLineMarkers: !cfg.ppLineMarkers, ...(cfg.dumpMacros === "only" ? { dumpMacros: "M" as const } : cfg.dumpMacros === "also" ? { dumpMacros: "D" as const } : {}) }) };
    }
    const tu = parseTranslationUnit(pp.tokens, { layout: cfg.toolchain.layout, std: cfg.std, gnu89Inline: cfg.gnu89Inline, optimize: cfg.optLevel > 0 }, diags);
    if (diags.errorCount > 0) return { text: undefined };
    if (req.goal === "syntax") return { text: "" };
    const module = lowerTranslationUnit(tu, { layout: cfg.toolchain.layout, commonSymbols: cfg.commonSymbols, instrumentFunctions: cfg.instrumentFunctions === true, libBuiltins: cfg.libBuiltins, optimize: cfg.optLevel > 0, defaultVisibility: cfg.defaultVisibility }, diags);
    if (diags.errorCount > 0) return { text: undefined };
    const printAfter = cfg.printAfter.length > 0
      ? { pass: cfg.printAfter.includes("all") ? "*" : cfg.printAfter[0], sink: (t: string) => void process.stderr.write(t) }
      : undefined;
    runPipeline(module, cfg.optLevel, { verify: cfg.verifyIr, noInline: cfg.noInline, ...(printAfter ? { printAfter } : {}) });
    if (req.goal === "ir") return { text: printModule(module) };
    const backend = BACKENDS[cfg.toolchain.arch];
    if (!backend) {
      diags.error(undefined, `code generation for ${cfg.toolchain.arch} is not implemented yet`);
      return { text: undefined };
    }
    const bopts = { optLevel: cfg.optLevel, pic: cfg.pic, unwindTables: cfg.asyncUnwindTables || cfg.unwindTables };
    if (req.goal === "object" && backend.object) {
      const object = backend.object(module, bopts, req.path.replace(/\.[^./]*$/, "") + ".s");
      return object ? { text: "", object } : { text: undefined };
    }
    return { text: backend.assembly(module, bopts) };
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
