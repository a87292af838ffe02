// Speed of tscc's code on real workloads (issue 16): SQLite speedtest1, bzip2
// -9 and zlib minigzip -9 round trips, Lua on a CPU-bound script. Each project
// is built through its tests/projects recipe by gcc and by tscc at the same
// level in the same run; each program then runs `--runs` times alternating
// between the two builds, the best user+system CPU time counts, and the row
// gives tscc/gcc. Outputs must agree or the row says so. One line per workload
// and level, then the geometric mean per level. For another target (--arch
// riscv64/aarch64) both builds are the cross ones (gcc: the Debian cross gcc)
// and every program runs under qemu-user: the CPU time is qemu's, translation
// included, the same for both builds.
//
//   npm run build && npx tsx bench/workloads.ts [--arch riscv64] [--opt 0,2] [--runs 3] [--fast]
//        [--only sqlite,lua] [--json history.jsonl] [--reuse] [--compile] [--tag T]
//
// gcc builds are reused across runs (gcc does not change); tscc builds are
// rebuilt unless --reuse. --compile adds the CPU time of compiling the SQLite
// amalgamation (sqlite3.c, -c) by each compiler at each level.

import { Command } from "commander";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ARCHES, LOGS, makeLogger, PROJECTS, ROOT, runPrefix, testData, TSCC_BUNDLE, type Arch, type CcKind } from "../tests/projects/common.js";
import { RECIPES } from "../tests/projects/recipes/index.js";
import { buildProject } from "../tests/projects/run.js";

interface Workload {
  name: string;
  /** tests/projects recipe that builds it */
  recipe: string;
  /** the timed shell command, run in the build tree; `input` is the shared input file, `run` the target's run prefix (runPrefix) */
  command(input: string, fast: boolean, run: string): string;
  /** what must agree between the gcc and tscc builds, read after the run */
  result(dir: string, stdout: string, input: string): string;
}

const digest = (path: string): string => (existsSync(path) ? createHash("sha256").update(readFileSync(path)).digest("hex").slice(0, 16) : "missing");
/** A compressor's round trip: the compressed bytes' digest, and whether decompression gave the input back. */
const roundTrip = (dir: string, input: string, packed: string): string =>
  `${digest(join(dir, packed))} ${digest(join(dir, "bench.back")) === digest(input) ? "round-trip ok" : "ROUND TRIP DIFFERS"}`;

const WORKLOADS: readonly Workload[] = [
  {
    name: "sqlite speedtest1",
    recipe: "sqlite3",
    command: (_in, fast, run) => `${run}./speedtest1 --size ${fast ? 5 : 15} --memdb`,
    // Per-test times differ from run to run; the test names and order must not.
    result: (_dir, out) => out.replace(/\s+[\d.]+s$/gm, "").replace(/^-- .*$/gm, ""),
  },
  {
    name: "bzip2 -9 round trip",
    recipe: "bzip2",
    command: (input, _fast, run) => `${run}./bzip2 -9 -c < ${input} > bench.bz2 && ${run}./bzip2 -d -c < bench.bz2 > bench.back`,
    result: (dir, _out, input) => roundTrip(dir, input, "bench.bz2"),
  },
  {
    name: "zlib minigzip -9 round trip",
    recipe: "zlib",
    command: (input, _fast, run) => `${run}./minigzip -9 -c < ${input} > bench.gz && ${run}./minigzip -d -c < bench.gz > bench.back`,
    result: (dir, _out, input) => roundTrip(dir, input, "bench.gz"),
  },
  {
    name: "lua bench.lua",
    recipe: "lua",
    command: (_in, fast, run) => `${run}./src/lua ${join(ROOT, "bench/workloads/bench.lua")} ${fast ? 3 : 12}`,
    result: (_dir, out) => out,
  },
];

interface Row { workload: string; level: string; gcc: number; tscc: number; ratio: number; note?: string }

/** Best CPU seconds (user+system, children included) of `runs` runs of each command, alternating. */
function timeBoth(cmds: { dir: string; cmd: string }[], runs: number): { seconds: number[]; stdout: string[] } {
  const seconds = cmds.map(() => Infinity);
  const stdout = cmds.map(() => "");
  for (let r = 0; r < runs; r++) {
    cmds.forEach(({ dir, cmd }, i) => {
      const res = spawnSync("/usr/bin/time", ["-f", "TIME %U %S", "sh", "-c", cmd], { cwd: dir, encoding: "utf8", maxBuffer: 256 << 20 });
      const m = /TIME ([\d.]+) ([\d.]+)\s*$/.exec(res.stderr);
      const s = m && res.status === 0 ? Number(m[1]) + Number(m[2]) : NaN;
      seconds[i] = Number.isNaN(s) ? NaN : Math.min(seconds[i]!, s);
      stdout[i] = res.stdout;
    });
  }
  return { seconds, stdout };
}

/** CPU seconds of one compile of `file` (in `dir`) by the compiler `cc` (a tests/projects wrapper). */
function compileSeconds(cc: string, dir: string, file: string): number {
  const res = spawnSync("/usr/bin/time", ["-f", "TIME %U %S", cc, "-c", file, "-o", "/dev/null"], { cwd: dir, encoding: "utf8", maxBuffer: 64 << 20 });
  const m = /TIME ([\d.]+) ([\d.]+)\s*$/.exec(res.stderr);
  return m && res.status === 0 ? Number(m[1]) + Number(m[2]) : NaN;
}

const geomean = (xs: number[]): number => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

async function main(): Promise<void> {
  const opts = new Command()
    .name("workloads")
    .option("--arch <arch>", `target (${ARCHES.join(", ")}); a cross target runs under qemu-user`, "x86_64")
    .option("-O, --opt <levels>", "optimisation levels, comma-separated", "0,2")
    .option("--runs <n>", "runs per build (the best counts)", "3")
    .option("--fast", "smaller inputs", false)
    .option("--only <names>", "workloads whose name contains one of these (comma-separated)")
    .option("--json <file>", "append this run's rows as one JSON line (history)")
    .option("--reuse", "reuse the previous tscc builds too", false)
    .option("--compile", "also time compiling sqlite3.c with each compiler", false)
    .option("--tag <name>", "build trees .cache/projects/build/<project>-<arch>-O<n>-<cc>-<name> (two runs at once need two tags)", "bench")
    .option("--gcc-tag <name>", "the gcc trees' tag, when another run's (finished) gcc builds may be reused")
    .parse()
    .opts<{ arch: string; opt: string; runs: string; fast: boolean; only?: string; json?: string; reuse: boolean; compile: boolean; tag: string; gccTag?: string }>();
  if (!ARCHES.includes(opts.arch as Arch)) { console.error(`unknown arch ${opts.arch}`); process.exit(2); }
  const arch = opts.arch as Arch;
  const run = runPrefix(arch);
  const levels = opts.opt.split(",").map((s) => s.replace(/^-?O/, ""));
  const runs = Number(opts.runs);
  const only = opts.only?.split(",");
  const workloads = WORKLOADS.filter((w) => !only || only.some((o) => w.name.includes(o)));
  mkdirSync(LOGS, { recursive: true });
  const logFile = join(LOGS, `bench-workloads-${arch}-${opts.tag}.log`);
  writeFileSync(logFile, "");
  const log = makeLogger(logFile);
  const input = join(PROJECTS, `bench-input-${opts.fast ? "fast" : "full"}.dat`);
  if (!existsSync(input)) writeFileSync(input, testData(opts.fast ? 4 << 20 : 17 << 20, 2026));

  const rows: Row[] = [];
  const compiles: { level: string; gcc: number; tscc: number }[] = [];
  console.log(`${"workload".padEnd(30)}${"level".padEnd(7)}${"gcc s".padStart(8)}${"tscc s".padStart(8)}${"ratio".padStart(7)}`);
  for (const w of workloads) {
    const recipe = RECIPES.find((r) => r.name === w.recipe)!;
    for (const level of levels) {
      const trees: { dir: string; cc: string }[] = [];
      let failed = "";
      for (const cc of ["gcc", "tscc"] as CcKind[]) {
        const { result, ctx } = await buildProject(recipe, {
          arch, opt: level, cc, fast: true, log, buildOnly: true, bench: true, tag: cc === "gcc" ? opts.gccTag ?? opts.tag : opts.tag,
          reuse: cc === "gcc" || opts.reuse,
        });
        if (!result.built || result.failed > 0) failed ||= `${cc} build failed (${result.stage ?? result.notes[0] ?? "?"}; ${logFile})`;
        trees.push({ dir: ctx.dir, cc: ctx.CC });
      }
      let row: Row = { workload: w.name, level, gcc: NaN, tscc: NaN, ratio: NaN, note: failed || undefined };
      if (!failed) {
        const { seconds, stdout } = timeBoth(trees.map((t) => ({ dir: t.dir, cmd: w.command(input, opts.fast, run) })), runs);
        const [g, t] = trees.map((tr, i) => w.result(tr.dir, stdout[i]!, input));
        const note = Number.isNaN(seconds[0]!) || Number.isNaN(seconds[1]!) ? "a run failed" : g !== t ? "OUTPUTS DIFFER" : undefined;
        if (note) log(`ERROR: ${w.name} -O${level}: ${note}\n--- gcc\n${g}\n--- tscc\n${t}`);
        row = { workload: w.name, level, gcc: seconds[0]!, tscc: seconds[1]!, ratio: seconds[1]! / seconds[0]!, note };
        if (opts.compile && w.recipe === "sqlite3") compiles.push({ level, gcc: compileSeconds(trees[0]!.cc, trees[0]!.dir, "sqlite3.c"), tscc: compileSeconds(trees[1]!.cc, trees[1]!.dir, "sqlite3.c") });
      }
      rows.push(row);
      const num = (x: number, n: number): string => (Number.isFinite(x) ? x.toFixed(2) : "-").padStart(n);
      console.log(`${w.name.padEnd(30)}${("-O" + level).padEnd(7)}${num(row.gcc, 8)}${num(row.tscc, 8)}${num(row.ratio, 7)}${row.note ? "  " + row.note : ""}`);
    }
  }
  const means: Record<string, number> = {};
  for (const level of levels) {
    const ok = rows.filter((r) => r.level === level && !r.note && Number.isFinite(r.ratio));
    means[level] = geomean(ok.map((r) => r.ratio));
    console.log(`geometric mean tscc/gcc at -O${level}: ${means[level]!.toFixed(2)} (${ok.length} workloads)`);
  }
  for (const c of compiles) console.log(`compile sqlite3.c -O${c.level}: gcc ${c.gcc.toFixed(1)} s, tscc ${c.tscc.toFixed(1)} s (${(c.tscc / c.gcc).toFixed(2)}x)`);
  if (opts.json) {
    const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
    appendFileSync(opts.json, JSON.stringify({ date: new Date().toISOString(), commit, arch, bundle: TSCC_BUNDLE, fast: opts.fast, runs, rows, geomean: means, compile: compiles }) + "\n");
  }
  if (rows.some((r) => r.note)) process.exitCode = 1;
}

await main();
