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
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Median wall and CPU (user + system) milliseconds of a command, via /usr/bin/time. */
function timeProcess(cmd: string, args: string[]): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync("/usr/bin/time", ["-f", "TIME %e %U %S", cmd, ...args], { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
    const err = r.stderr.toString();
    const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(err);
    if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(" ")} failed:\n${err.slice(0, 2000)}`);
    walls.push(Number(m[1]) * 1000);
    cpus.push((Number(m[2]) + Number(m[3])) * 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

interface Phases { pp: number; parse: number; cpu: number; tokens: number }

/** Preprocess and parse in this process; median phase times (wall) and total CPU after one warm-up run. */
function timeInProcess(): Phases {
  const cfg = parseCommandLine(["-fsyntax-only", file!]);
  const ppOpts = preprocessOptions(cfg, join(import.meta.dirname, "../include"), false);
  const pps: number[] = [];
  const parses: number[] = [];
  const cpus: number[] = [];
  let tokens = 0;
  for (let i = 0; i <= runs; i++) {
    const diags = new Diagnostics(new SourceManager(), cfg.warnings, () => {});
    const c0 = cpuNow();
    const t0 = now();
    const pp = preprocess(file!, new NodeHost(), diags, ppOpts);
    const t1 = now();
    parseTranslationUnit(pp.tokens, { layout: cfg.toolchain.layout, std: cfg.std, gnu89Inline: cfg.gnu89Inline }, diags);
    const t2 = now();
    const c1 = cpuNow();
    if (diags.errorCount > 0) throw new Error(`tscc reports ${diags.errorCount} errors on ${file}`);
    tokens = pp.tokens.length;
    if (i === 0) continue; // warm-up
    pps.push(t1 - t0);
    parses.push(t2 - t1);
    cpus.push(c1 - c0);
  }
  return { pp: median(pps), parse: median(parses), cpu: median(cpus), tokens };
}

const gcc = timeProcess("gcc", ["-fsyntax-only", file]);
const cli = existsSync(bundle) ? timeProcess(process.execPath, [bundle, "-fsyntax-only", file]) : undefined;
const warm = timeInProcess();
const ms = (x: number): string => `${x.toFixed(0).padStart(6)} ms`;
const ratio = (x: number, y: number): string => (x / y).toFixed(2).padStart(5);
// CPU time is the figure to compare: the machine is shared, and wall time moves with its load.
console.log(`file: ${file} (${warm.tokens} tokens after preprocessing), median of ${runs}`);
console.log(`                               cpu          wall       ratio to gcc (cpu)`);
console.log(`gcc -fsyntax-only:         ${ms(gcc.cpu)}  ${ms(gcc.wall)}`);
if (cli !== undefined) console.log(`tscc -fsyntax-only (CLI):  ${ms(cli.cpu)}  ${ms(cli.wall)}  ${ratio(cli.cpu, gcc.cpu)}`);
else console.log("tscc -fsyntax-only (CLI):  dist/tscc.cjs missing: npm run build");
console.log(`tscc in-process, warm:     ${ms(warm.cpu)}  ${ms(warm.pp + warm.parse)}  ${ratio(warm.cpu, gcc.cpu)}` +
  `   (wall: preprocess ${warm.pp.toFixed(0)} ms, parse ${warm.parse.toFixed(0)} ms)`);
