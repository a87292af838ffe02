// The GCC torture runner: compile each execute test with tscc (or gcc, for the
// baseline), link, run it (under qemu-user for cross targets) with time limits,
// and compare with the ratchet list of tests that must keep passing.
//
// A ratchet entry that does not run counts as a regression too: a test that was
// renamed, vanished from the suite, or is now filtered out as "unsupported"
// would otherwise drop out of the comparison silently. (Entries outside an
// explicit --filter are the one exception: that run was asked to be partial.)
// --update only ever adds names; scripts/check-ratchets.mjs refuses commits
// that remove any.
//
//   npm run torture -- --arch x86_64 -O0 --fast
//   npm run torture -- --arch all -O0,2            (the full run)
//   npm run torture -- --cc gcc --write-baseline   (what gcc itself passes)

import { Command } from "commander";
import { execa } from "execa";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { bundleProblem } from "../bundle.js";
import { CompilePool } from "./compile-pool.js";
import { type Arch, CACHE_DIR, discoverTests, ensureSuite, hash32, type TortureTest } from "./suite.js";

const ROOT = join(import.meta.dirname, "../..");
const TSCC = join(ROOT, "dist/tscc.cjs");
const ALL_ARCHES: Arch[] = ["x86_64", "aarch64", "riscv64"];
const QEMU: Readonly<Record<Arch, string>> = { x86_64: "qemu-x86_64", aarch64: "qemu-aarch64", riscv64: "qemu-riscv64" };
const GCC: Readonly<Record<Arch, string>> = { x86_64: "x86_64-linux-gnu-gcc", aarch64: "aarch64-linux-gnu-gcc", riscv64: "riscv64-linux-gnu-gcc" };
const HOST: Arch = process.arch === "arm64" ? "aarch64" : process.arch === "riscv64" ? "riscv64" : "x86_64";

let compilePool: CompilePool | undefined;

interface Options {
  inProcess: boolean;
  arch: string;
  O: string;
  filter?: string;
  fast: boolean;
  jobs: string;
  update: boolean;
  cc: "tscc" | "gcc";
  cflags: string;
  writeBaseline: boolean;
  compileTimeout: string;
  runTimeout: string;
  quiet: boolean;
}

type Outcome = { pass: true } | { pass: false; reason: string };

function ratchetPath(arch: Arch, level: string): string {
  return join(ROOT, "tests/torture", `pass-${arch}-O${level}.txt`);
}
function baselinePath(arch: Arch): string {
  return join(ROOT, "tests/torture", `gcc-pass-${arch}.txt`);
}
function readList(path: string): Set<string> {
  if (!existsSync(path)) return new Set();
  return new Set(readFileSync(path, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#")));
}
function writeList(path: string, header: string, names: Iterable<string>): void {
  writeFileSync(path, `# ${header}\n${[...names].sort().join("\n")}\n`);
}

/** Can this machine build and run programs for `arch`? Returns why not, or undefined. */
async function archUnavailable(arch: Arch): Promise<string | undefined> {
  const sysroot = `/usr/${arch}-linux-gnu`;
  if (arch !== HOST) {
    if (!existsSync(join(sysroot, "lib/libc.so.6"))) return `no ${arch} C library (${sysroot}); run scripts/install-deps.sh`;
    try { await execa(QEMU[arch], ["--version"]); } catch { return `${QEMU[arch]} not installed; run scripts/install-deps.sh`; }
  }
  return undefined;
}

function firstLine(s: string): string {
  const line = s.split("\n").find((l) => /error|fatal|undefined reference/.test(l)) ?? s.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.trim().slice(0, 200);
}

/** Compile with tscc in the worker pool (or a fresh process with --no-in-process), or with gcc. */
async function compileTest(args: string[], arch: Arch, opts: Options): Promise<{ status: number; output: string; timedOut: boolean }> {
  const timeout = Number(opts.compileTimeout) * 1000;
  if (opts.cc === "tscc" && compilePool) return compilePool.compile(["-target", arch, "--verify-ir", ...args], timeout);
  const [cmd, full] = opts.cc === "gcc"
    ? [arch === HOST ? "gcc" : GCC[arch], args]
    : [process.execPath, [TSCC, "-target", arch, "--verify-ir", ...args]]; // the IR verifier runs after every pass
  const r = await execa(cmd, full, { reject: false, timeout, all: true, stdin: "ignore" });
  return { status: r.exitCode ?? 1, output: r.all ?? "", timedOut: r.timedOut };
}

async function runOne(test: TortureTest, arch: Arch, level: string, opts: Options, work: string): Promise<Outcome> {
  const exe = join(work, test.name.replace(/\//g, "__"));
  const compile = await compileTest(["-w", `-O${level}`, ...opts.cflags.split(/\s+/).filter(Boolean), ...test.options, ...test.files, "-o", exe, "-lm"], arch, opts);
  if (compile.timedOut) return { pass: false, reason: `compile timeout (${opts.compileTimeout}s)` };
  if (compile.status !== 0) return { pass: false, reason: `compile: ${firstLine(compile.output) || `exit ${compile.status}`}` };
  const [runCmd, runArgs] = arch === HOST ? [exe, []] : [QEMU[arch], ["-L", `/usr/${arch}-linux-gnu`, exe]];
  const timeout = Number(opts.runTimeout) * 1000 * (arch === HOST ? 1 : 3);
  const run = await execa(runCmd, runArgs, { reject: false, timeout, cwd: work, stdin: "ignore", all: true });
  rmSync(exe, { force: true });
  if (run.timedOut) return { pass: false, reason: `run timeout (${timeout / 1000}s)` };
  if (run.signal) return { pass: false, reason: `run: killed by ${run.signal}` };
  if (run.exitCode !== 0) return { pass: false, reason: `run: exit ${run.exitCode}` };
  return { pass: true };
}

async function pool<T>(items: readonly T[], jobs: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
}

/** Run one arch at one level; returns the number of ratchet regressions (or -1 if it could not run). */
async function runSuite(arch: Arch, level: string, opts: Options): Promise<number> {
  const label = `${arch} -O${level}${opts.cc === "gcc" ? " (gcc)" : ""}`;
  const unavailable = await archUnavailable(arch);
  const ratchet = readList(ratchetPath(arch, level));
  if (unavailable) {
    // Under CI the install script promises every target's tools: a ratchet
    // that cannot be checked there fails instead of passing unseen.
    const fatal = process.env.CI === "true" && ratchet.size > 0;
    console.log(`${label}: ${fatal ? "FAILED (CI=true)" : "skipped"}: ${unavailable}`);
    return fatal ? ratchet.size : 0;
  }
  const baseline = readList(baselinePath(arch));
  const seed = process.env.TSCC_AGENT_ID ?? hostname();
  const discovered = discoverTests(arch, `-O${level}`);
  const filter = opts.filter ? new RegExp(opts.filter) : undefined;
  // Ratchet entries that cannot run are regressions, not omissions.
  const byName = new Map(discovered.map((t) => [t.name, t]));
  const unrunnable: { name: string; reason: string }[] = [];
  for (const name of ratchet) {
    if (filter && !filter.test(name)) continue;
    const t = byName.get(name);
    if (!t) unrunnable.push({ name, reason: "not in the suite (renamed or removed?)" });
    else if (t.unsupported) unrunnable.push({ name, reason: `now filtered out as unsupported: ${t.unsupported}` });
  }
  let tests = discovered.filter((t) => !t.unsupported);
  if (filter) tests = tests.filter((t) => filter.test(t.name));
  if (opts.fast) {
    // A deterministic ~10% sample, plus everything the ratchet promises.
    tests = tests.filter((t) => ratchet.has(t.name) || hash32(`${seed}:${t.name}`) % 10 === 0);
  }
  const logDir = join(CACHE_DIR, "logs");
  mkdirSync(logDir, { recursive: true });
  const logPath = join(logDir, `torture-${arch}-O${level}${opts.cc === "gcc" ? "-gcc" : ""}.log`);
  const work = mkdtempSync(join(tmpdir(), `tscc-torture-${arch}-`));
  const passed = new Set<string>();
  const failures: { name: string; reason: string }[] = [];
  let done = 0;
  let lastProgress = Date.now();
  try {
    await pool(tests, Number(opts.jobs), async (test) => {
      const outcome = await runOne(test, arch, level, opts, work);
      if (outcome.pass) passed.add(test.name);
      else failures.push({ name: test.name, reason: outcome.reason });
      done++;
      if (!opts.quiet && Date.now() - lastProgress > 10_000) {
        lastProgress = Date.now();
        console.log(`  ${label}: ${done}/${tests.length} (${passed.size} passed)`);
      }
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  failures.push(...unrunnable);
  failures.sort((a, b) => a.name.localeCompare(b.name));
  const regressions = failures.filter((f) => ratchet.has(f.name));
  writeFileSync(logPath, failures.map((f) => `ERROR: ${f.name}: ${f.reason}\n`).join("") +
    regressions.map((f) => `REGRESSION: ${f.name}: ${f.reason}\n`).join(""));

  const gccNote = baseline.size > 0 && opts.cc === "tscc"
    ? `; gcc passes ${[...tests].filter((t) => baseline.has(t.name)).length} of these` : "";
  console.log(`${label}: ${passed.size} passed, ${failures.length} failed${opts.fast ? ` (fast sample of ${tests.length})` : ""}${unrunnable.length ? `, ${unrunnable.length} ratchet entries could not run` : ""}${gccNote}; log: ${logPath}`);
  const shown = (regressions.length > 0 ? regressions : failures).slice(0, 10);
  if (shown.length > 0) console.log(`  ${regressions.length > 0 ? "REGRESSED" : "failing"}: ${shown.map((f) => f.name).join(" ")}${failures.length > shown.length ? " …" : ""}`);

  if (opts.writeBaseline && opts.cc === "gcc") {
    writeList(baselinePath(arch), `GCC torture execute tests that ${GCC[arch]} -O${level} passes on this machine (written by --write-baseline)`, passed);
  }
  if (opts.update && opts.cc === "tscc") {
    const added = [...passed].filter((n) => !ratchet.has(n));
    if (added.length > 0) {
      writeList(ratchetPath(arch, level), `Torture tests that must keep passing with tscc on ${arch} at -O${level}; only ever add (npm run torture -- --update)`, [...ratchet, ...added]);
      console.log(`  ratchet: added ${added.length} tests to ${ratchetPath(arch, level)}`);
    }
  }
  return regressions.length;
}

async function main(): Promise<void> {
  const program = new Command()
    .name("torture")
    .description("Run the GCC torture execute suite with tscc")
    .option("--arch <list>", "x86_64, aarch64, riscv64, comma-separated, or all", "all")
    .option("-O <levels>", "optimisation levels, comma-separated (0,1,2,3,s)", "0")
    .option("--filter <regex>", "only tests whose name matches")
    .option("--fast", "a deterministic ~10% sample (seeded by TSCC_AGENT_ID or the host name) plus the ratchet list", false)
    .option("--jobs <n>", "parallel tests", String(Math.max(2, (await import("node:os")).availableParallelism())))
    .option("--update", "add newly passing tests to the ratchet lists (never removes)", false)
    .option("--cc <compiler>", "tscc, or gcc for the baseline", "tscc")
    .option("--write-baseline", "with --cc gcc: record what gcc passes in tests/torture/gcc-pass-<arch>.txt", false)
    .option("--compile-timeout <s>", "seconds per compile", "60")
    .option("--run-timeout <s>", "seconds per run (x3 under qemu)", "10")
    .option("--quiet", "no progress lines", false)
    .option("--no-in-process", "run each tscc compile as its own process instead of in worker threads")
    .option("--cflags <flags>", "extra compiler flags, space-separated (e.g. -fno-integrated-as)", "");
  program.parse();
  const opts = program.opts<Options>();
  ensureSuite();
  if (opts.cc === "tscc") {
    const problem = bundleProblem(TSCC);
    if (problem) throw new Error(problem);
  }
  const arches = opts.arch === "all" ? ALL_ARCHES : (opts.arch.split(",") as Arch[]);
  if (opts.cc === "tscc" && opts.inProcess) compilePool = new CompilePool(Number(opts.jobs));
  let regressions = 0;
  for (const arch of arches) {
    if (!ALL_ARCHES.includes(arch)) throw new Error(`unknown arch ${arch}`);
    for (const level of opts.O.split(",")) regressions += await runSuite(arch, level, opts);
  }
  await compilePool?.close();
  if (regressions > 0) {
    console.log(`torture: ${regressions} ratchet regressions`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(`torture: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});
