// Frontend speed on the SQLite amalgamation (~9 MB preprocessed, 260k lines):
// `tscc -fsyntax-only sqlite3.c` next to `gcc -fsyntax-only sqlite3.c` in the same
// run, as a ratio. Two tscc figures: the CLI (a fresh process: start-up and a cold
// JIT included, what make sees) and in-process warm runs split into phases
// (preprocess, parse), which is where the frontend's own speed shows.
//
//   npm run build && npx tsx bench/frontend.ts [--runs 5] [--file path.c]
//
// The amalgamation is built under .cache/src (see tests/frontend/corpus.ts).

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { preprocessOptions } from "../src/driver/compile.js";
import { parseCommandLine } from "../src/driver/config.js";
import { Diagnostics } from "../src/frontend/diagnostics.js";
import { NodeHost } from "../src/frontend/host-node.js";
import { parseTranslationUnit } from "../src/frontend/parse.js";
import { preprocess } from "../src/frontend/preprocess.js";
import { SourceManager } from "../src/frontend/source.js";
import { sqliteAmalgamation } from "../tests/frontend/corpus.js";

const opts = new Command()
  .option("--runs <n>", "timed runs of each (the median is reported)", "5")
  .option("--file <path>", "a C file instead of the SQLite amalgamation")
  .parse()
  .opts<{ runs: string; file?: string }>();
const runs = Math.max(1, Number(opts.runs));
const file = opts.file ?? sqliteAmalgamation();
if (file === undefined) {
  console.error("SQLite amalgamation not found: see the fetch command in tests/frontend/corpus.ts");
  process.exit(2);
}
const bundle = join(import.meta.dirname, "../dist/tscc.cjs");

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = (): number => Number(process.hrtime.bigint()) / 1e6;

function timeProcess(cmd: string, args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const r = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
    times.push(now() - t0);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr.toString().slice(0, 2000)}`);
  }
  return median(times);
}

/** Preprocess and parse in this process; returns the median phase times after one warm-up run. */
function timeInProcess(): { pp: number; parse: number; tokens: number } {
  const cfg = parseCommandLine(["-fsyntax-only", file!]);
  const ppOpts = preprocessOptions(cfg, join(import.meta.dirname, "../include"), false);
  const pps: number[] = [];
  const parses: number[] = [];
  let tokens = 0;
  for (let i = 0; i <= runs; i++) {
    const diags = new Diagnostics(new SourceManager(), cfg.warnings, () => {});
    const t0 = now();
    const pp = preprocess(file!, new NodeHost(), diags, ppOpts);
    const t1 = now();
    parseTranslationUnit(pp.tokens, { layout: cfg.toolchain.layout, std: cfg.std, gnu89Inline: cfg.gnu89Inline }, diags);
    const t2 = now();
    if (diags.errorCount > 0) throw new Error(`tscc reports ${diags.errorCount} errors on ${file}`);
    tokens = pp.tokens.length;
    if (i === 0) continue; // warm-up
    pps.push(t1 - t0);
    parses.push(t2 - t1);
  }
  return { pp: median(pps), parse: median(parses), tokens };
}

const gcc = timeProcess("gcc", ["-fsyntax-only", file]);
const cli = existsSync(bundle) ? timeProcess(process.execPath, [bundle, "-fsyntax-only", file]) : undefined;
const warm = timeInProcess();
const ms = (x: number): string => `${x.toFixed(0).padStart(6)} ms`;
console.log(`file: ${file} (${warm.tokens} tokens after preprocessing), median of ${runs}`);
console.log(`gcc -fsyntax-only:             ${ms(gcc)}`);
if (cli !== undefined) console.log(`tscc -fsyntax-only (CLI):      ${ms(cli)}   ratio ${(cli / gcc).toFixed(2)}`);
else console.log("tscc -fsyntax-only (CLI):      dist/tscc.cjs missing: npm run build");
console.log(`tscc in-process, warm:         ${ms(warm.pp + warm.parse)}   ratio ${((warm.pp + warm.parse) / gcc).toFixed(2)}` +
  `   (preprocess ${warm.pp.toFixed(0)} ms, parse ${warm.parse.toFixed(0)} ms)`);
