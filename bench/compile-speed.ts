// Compile throughput next to gcc in the same run, as ratios (issue: compile
// throughput). Three kinds of work a developer waits for:
//   - one big file: the SQLite amalgamation, `-c` at -O0 and -O2 (CPU, wall, peak RSS);
//   - start-up: `-c` of an empty file, what every make rule pays;
//   - a many-file build: zlib's own `./configure && make -j2` (the projects
//     recipe's sources), where start-up and a cold JIT are paid per file.
// Each row is the median of --runs runs; `--json` prints the rows for history.
//
//   npm run build && npx tsx bench/compile-speed.ts [--runs 3] [--fast] [--json]
//
// Needs /usr/bin/time (Debian's `time`) and the SQLite amalgamation
// (tests/frontend/corpus.ts builds it under .cache/src).

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { sqliteAmalgamation } from "../tests/frontend/corpus.js";
import { fetchSource, freshCopy, TSCC_BUNDLE } from "../tests/projects/common.js";
import { zlib } from "../tests/projects/recipes/zlib.js";

const opts = new Command()
  .option("--runs <n>", "timed runs of each (the median is reported)", "3")
  .option("--fast", "SQLite at -O0 only, one zlib build", false)
  .option("--json", "print the rows as JSON", false)
  .option("--sqlite <path>", "the SQLite amalgamation (default: the one tests/frontend/corpus.ts builds)")
  .parse()
  .opts<{ runs: string; fast: boolean; json: boolean; sqlite?: string }>();
const runs = Math.max(1, Number(opts.runs));
const work = mkdtempSync(join(tmpdir(), "tscc-compile-speed-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));

interface Measure { wall: number; cpu: number; rssMb: number }
interface Row { work: string; tscc: Measure; gcc: Measure }

const TSCC = [process.execPath, TSCC_BUNDLE];

/** One run of a command under /usr/bin/time: wall and CPU seconds (children included), peak RSS. */
function timeOnce(cmd: string[], cwd = work): Measure {
  const r = spawnSync("/usr/bin/time", ["-f", "TIME %e %U %S %M", ...cmd], { cwd, encoding: "utf8", maxBuffer: 1 << 26 });
  const m = /TIME (\S+) (\S+) (\S+) (\d+)\s*$/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd.join(" ")} failed:\n${r.stderr.slice(-2000)}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMb: Number(m[4]) / 1024 };
}

function median(xs: Measure[]): Measure {
  const mid = <K extends keyof Measure>(k: K): number => xs.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wall: mid("wall"), cpu: mid("cpu"), rssMb: mid("rssMb") };
}

/** gcc and tscc alternate, so both see the same machine load. */
function compare(name: string, tscc: () => Measure, gcc: () => Measure): Row {
  const t: Measure[] = [], g: Measure[] = [];
  for (let i = 0; i < runs; i++) { t.push(tscc()); g.push(gcc()); }
  const row = { work: name, tscc: median(t), gcc: median(g) };
  if (!opts.json) print(row);
  return row;
}

function print(r: Row): void {
  const f = (x: number): string => x.toFixed(2).padStart(7);
  process.stdout.write(`${r.work.padEnd(34)} CPU ${f(r.tscc.cpu)} s vs ${f(r.gcc.cpu)} s = ${(r.tscc.cpu / r.gcc.cpu).toFixed(2)}x` +
    `   wall ${(r.tscc.wall / r.gcc.wall).toFixed(2)}x   RSS ${r.tscc.rssMb.toFixed(0)} vs ${r.gcc.rssMb.toFixed(0)} MB\n`);
}

const rows: Row[] = [];
const sqlite = opts.sqlite ?? sqliteAmalgamation();
if (!sqlite) throw new Error("the SQLite amalgamation is missing: give --sqlite PATH, or build it as tests/frontend/corpus.ts says");
for (const level of opts.fast ? ["-O0"] : ["-O0", "-O2"]) {
  const out = join(work, "sqlite3.o");
  rows.push(compare(`sqlite3.c -c ${level}`, () => timeOnce([...TSCC, level, "-c", sqlite, "-o", out]), () => timeOnce(["gcc", level, "-c", sqlite, "-o", out])));
}

const empty = join(work, "empty.c");
writeFileSync(empty, "");
rows.push(compare("empty.c -c (start-up)", () => timeOnce([...TSCC, "-c", empty, "-o", join(work, "e.o")]), () => timeOnce(["gcc", "-c", empty, "-o", join(work, "e.o")])));

// zlib's build as its makefile runs it; configure once per compiler, then time `make -j2` from clean.
const pristine = await fetchSource(zlib, () => {});
const tsccWrapper = join(work, "tscc");
writeFileSync(tsccWrapper, `#!/bin/sh\nexec ${process.execPath} ${TSCC_BUNDLE} "$@"\n`, { mode: 0o755 });
const trees: Record<"tscc" | "gcc", string> = { tscc: join(work, "zlib-tscc"), gcc: join(work, "zlib-gcc") };
for (const [cc, dir] of [[tsccWrapper, trees.tscc], ["gcc", trees.gcc]] as const) {
  freshCopy(pristine, dir);
  const conf = spawnSync("sh", ["-c", `CC=${cc} CFLAGS=-O0 ./configure`], { cwd: dir, encoding: "utf8" });
  if (conf.status !== 0) throw new Error(`zlib configure with ${cc} failed:\n${conf.stdout}${conf.stderr}`);
}
const makeZlib = (dir: string) => (): Measure => {
  spawnSync("make", ["clean"], { cwd: dir });
  return timeOnce(["make", "-j2", "libz.a", "example", "minigzip"], dir);
};
rows.push(compare("zlib make -j2 (-O0, 15 files)", makeZlib(trees.tscc), makeZlib(trees.gcc)));

if (opts.json) process.stdout.write(JSON.stringify({ date: new Date().toISOString(), runs, rows }, null, 2) + "\n");
