// Micro-benchmarks of the compiler's phases (tinybench), in process, on one
// real translation unit: lexer (the main file alone), preprocessor, parser,
// lowering to IR, the IR pass pipeline, code generation (instruction
// selection, register allocation, emission) and the x86_64 encoder
// (assembling the emitted instructions into an object). Each phase gets fresh
// input made outside the timed window (the passes and the code generator
// change the module they are given). Prints one table: mean and median time
// per run, runs, and the relative margin of error.
//
//   npx tsx bench/phases.ts [--file path.c] [-O 2] [--time 2000]
//
// Input: --file, else zlib's deflate.c from the projects' cache (tests/projects),
// else the largest file of the torture suite. The SQLite amalgamation
// (`--file .cache/projects/build/sqlite3-*/sqlite3.c`) works too but takes
// minutes per phase.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { Bench } from "tinybench";
import { assembleLines } from "../src/asm/index.js";
import { preprocessOptions } from "../src/driver/compile.js";
import { parseCommandLine } from "../src/driver/config.js";
import { Diagnostics } from "../src/frontend/diagnostics.js";
import { NodeHost } from "../src/frontend/host-node.js";
import { lex } from "../src/frontend/lexer.js";
import type { TranslationUnit } from "../src/frontend/ast.js";
import { parseTranslationUnit } from "../src/frontend/parse.js";
import { preprocess, type PreprocessResult } from "../src/frontend/preprocess.js";
import { SourceManager } from "../src/frontend/source.js";
import { runPipeline, type Module } from "../src/ir/index.js";
import { lowerTranslationUnit } from "../src/ir/lower/lower.js";
import { targetFor } from "../src/targets.js";

const ROOT = join(import.meta.dirname, "..");

const opts = new Command()
  .option("--file <path>", "the C file to compile")
  .option("-O <level>", "optimisation level of the pass pipeline and code generator", "2")
  .option("--time <ms>", "time budget per phase", "2000")
  .parse()
  .opts<{ file?: string; O: string; time: string }>();

/** The default input: zlib's deflate.c if the projects' sources are cached, else the torture suite's largest file. */
function defaultInput(): string | undefined {
  const zlib = join(ROOT, ".cache/projects/src/zlib/deflate.c");
  if (existsSync(zlib)) return zlib;
  const torture = join(ROOT, ".cache/torture/gcc/testsuite/gcc.c-torture/execute");
  if (!existsSync(torture)) return undefined;
  const files = readdirSync(torture).filter((f) => f.endsWith(".c")).map((f) => join(torture, f));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

const file = opts.file ?? defaultInput();
if (!file) {
  console.error("no input: give --file, or fetch zlib (npm run projects -- zlib) or the torture suite (npm run torture)");
  process.exit(2);
}
const optLevel = Number(opts.O);
const cfg = parseCommandLine([`-O${optLevel}`, "-c", file]);
const layout = cfg.toolchain.layout;
const target = targetFor(cfg.toolchain.arch);
if (!target?.codegen) throw new Error(`no code generator for ${cfg.toolchain.arch}`);
const codegen = target.codegen;
const ppOpts = preprocessOptions(cfg, join(ROOT, "include"), false);

const newDiags = (): Diagnostics => new Diagnostics(new SourceManager(), cfg.warnings, () => {});
const runPreprocess = (diags = newDiags()): PreprocessResult => preprocess(file, new NodeHost(), diags, ppOpts);
const runParse = (pp: PreprocessResult, diags = newDiags()): TranslationUnit =>
  parseTranslationUnit(pp.tokens, { layout, std: cfg.std, gnu89Inline: cfg.gnu89Inline, optimize: optLevel > 0 }, diags);
const runLower = (tu: TranslationUnit, diags = newDiags()): Module =>
  lowerTranslationUnit(tu, { layout, commonSymbols: cfg.commonSymbols, instrumentFunctions: false, libBuiltins: cfg.libBuiltins, optimize: optLevel > 0, defaultVisibility: cfg.defaultVisibility }, diags);
const runPasses = (m: Module): void => runPipeline(m, optLevel, { verify: false, noInline: cfg.noInline, stackProtector: cfg.stackProtector });
const runCodegen = (m: Module): ReturnType<typeof codegen.emit> => codegen.emit(m, {
  optLevel, pic: cfg.pic, unwindTables: cfg.asyncUnwindTables || cfg.unwindTables, cfProtection: cfg.cfProtection,
  stackClashProtection: cfg.stackClashProtection, machine: cfg.machine, jumpTables: cfg.jumpTables,
});

// One compilation up front: the inputs of the later phases, and a check that the file compiles.
const firstDiags = newDiags();
const pp = runPreprocess(firstDiags);
const tu = runParse(pp, firstDiags);
if (firstDiags.errorCount > 0) throw new Error(`${file} does not compile`);
const text = readFileSync(file, "latin1");
const lowered = (): Module => runLower(runParse(pp));
const optimized = (): Module => { const m = lowered(); runPasses(m); return m; };
const lines = runCodegen(optimized());

// Fresh input for the phases that change theirs, made before each timed run.
let module: Module = lowered();
let parsed: TranslationUnit = tu;

const bench = new Bench({ time: Number(opts.time), iterations: 3, warmupIterations: 1 });
bench
  .add("lexer (main file)", () => { const sources = new SourceManager(); lex(sources.add(file, text), newDiags()); })
  .add("preprocessor", () => { runPreprocess(); })
  .add("parser", () => { runParse(pp); })
  .add("lowering", () => { runLower(parsed); }, { beforeEach: () => { parsed = runParse(pp); } })
  .add(`IR passes -O${optLevel}`, () => { runPasses(module); }, { beforeEach: () => { module = lowered(); } })
  .add("code generation", () => { runCodegen(module); }, { beforeEach: () => { module = optimized(); } })
  .add(`encoder (${cfg.toolchain.arch})`, () => { assembleLines(lines, { fileName: "bench.s", arch: target.assembler, args: [], compDir: ROOT }); });

await bench.run();
console.log(`${file.slice(file.lastIndexOf("/") + 1)}: ${pp.tokens.length} tokens after preprocessing, ${lines.length} instructions and directives, -O${optLevel}`);
console.log(`${"phase".padEnd(24)} ${"mean ms".padStart(9)} ${"median".padStart(9)} ${"runs".padStart(5)} ${"±%".padStart(6)}`);
for (const task of bench.tasks) {
  const r = task.result;
  if (r.state !== "completed") { console.log(`${task.name.padEnd(24)} ${r.state}`); continue; }
  const l = r.latency;
  console.log(`${task.name.padEnd(24)} ${l.mean.toFixed(2).padStart(9)} ${(l.p50 ?? l.mean).toFixed(2).padStart(9)} ${String(l.samplesCount).padStart(5)} ${l.rme.toFixed(1).padStart(6)}`);
}
