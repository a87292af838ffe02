// Csmith differential testing: random C programs (Debian's csmith, with
// reproducible seeds derived from --seed) built by the target's gcc and by
// tscc at the same -O level, both run, their checksum output compared.
//
//   npm run csmith -- --arch x86_64 -O 0,2 --count 300
//   npm run csmith -- --arch x86_64 -O 2 --count 50 --seed 7 --reduce
//
// Each program is classified:
//   ok               tscc's build prints what gcc's prints
//   miscompile       it prints something else, or exits differently
//   crash            tscc crashed (internal compiler error, exception, compile timeout)
//   rejected         tscc diagnosed an error in the (valid) program
//   link-fail        tscc compiled it but the link failed
//   hang             tscc's binary ran past the limit while gcc's did not
// and, not counted (another program takes its place):
//   skipped-gcc-slow gcc's binary ran past the time limit
//   skipped-gcc-bad  gcc could not build it, or its binary failed
// Failing programs are kept in .cache/csmith/failures/<arch>-O<level>-<seed>/
// with a reproduction script; --reduce minimises each with cvise into
// tests/unit/c/csmith-<seed>.c.

import { Command } from "commander";
import { execa, execaSync } from "execa";
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { CompilePool } from "../torture/compile-pool.js";

const ROOT = join(import.meta.dirname, "../..");
const TSCC = join(ROOT, "dist/tscc.cjs");
const CACHE = join(ROOT, ".cache");
const FAILURES = join(CACHE, "csmith/failures");
const CSMITH_INCLUDE = "/usr/include/csmith";

type Arch = "x86_64" | "aarch64" | "riscv64";
const ALL_ARCHES: readonly Arch[] = ["x86_64", "aarch64", "riscv64"];
const HOST: Arch = process.arch === "arm64" ? "aarch64" : process.arch === "riscv64" ? "riscv64" : "x86_64";
const GCC: Readonly<Record<Arch, string>> = { x86_64: "x86_64-linux-gnu-gcc", aarch64: "aarch64-linux-gnu-gcc", riscv64: "riscv64-linux-gnu-gcc" };

type Verdict = "ok" | "miscompile" | "crash" | "rejected" | "link-fail" | "hang" | "skipped-gcc-slow" | "skipped-gcc-bad";
const COUNTED: readonly Verdict[] = ["ok", "miscompile", "crash", "rejected", "link-fail", "hang"];

interface Result {
  seed: number;
  verdict: Verdict;
  /** One line saying why (the tscc diagnostic, the two outputs). */
  detail: string;
  /** gcc's output, when gcc's build ran. */
  expected?: string;
}

interface Options {
  arch: string;
  O: string;
  count: string;
  seed: string;
  keep?: string;
  jobs: string;
  reduce: boolean;
  compileTimeout: string;
  runTimeout: string;
  verifyIr: boolean;
  quiet: boolean;
  inProcess: boolean;
  csmithFlags: string;
}

/** The csmith seed of program `index` in the run seeded by `seed` (FNV-1a, so every run of the same --seed makes the same programs). */
function csmithSeed(seed: string, index: number): number {
  let h = 0x811c9dc5;
  for (const ch of `csmith:${seed}:${index}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h & 0x7fffffff;
}

function csmithFlags(opts: Options): string[] {
  return opts.csmithFlags.split(/\s+/).filter(Boolean);
}

function runCommand(arch: Arch, exe: string): [string, string[]] {
  return arch === HOST ? [exe, []] : [`qemu-${arch}`, ["-L", `/usr/${arch}-linux-gnu`, exe]];
}

interface Run { stdout: string; exitCode: number | undefined; signal: string | undefined; overLimit: boolean; wallMs: number }

/**
 * Run a built program with a limit on its CPU time, not on the wall clock: a
 * campaign runs beside other work, and a program that waits for the CPU on a
 * loaded machine is not slow. prlimit's soft limit sends SIGXCPU, the hard one
 * a second later SIGKILL; a wall-clock limit of ten times as much catches a
 * program that sleeps.
 */
async function runLimited(arch: Arch, exe: string, cpuMs: number): Promise<Run> {
  const [cmd, args] = runCommand(arch, exe);
  const sec = Math.max(1, Math.ceil(cpuMs / 1000));
  const r = await execa("prlimit", [`--cpu=${sec}:${sec + 1}`, "--", cmd, ...args], { reject: false, timeout: sec * 10_000, stdin: "ignore" });
  const signal = r.signal ?? undefined;
  const overLimit = r.timedOut || signal === "SIGXCPU" || (signal === "SIGKILL" && !r.isCanceled);
  return { stdout: r.stdout, exitCode: r.exitCode, signal, overLimit, wallMs: r.durationMs };
}

function gccFor(arch: Arch): string {
  return arch === HOST ? "gcc" : GCC[arch];
}

function firstLine(s: string, re: RegExp): string {
  return (s.split("\n").find((l) => re.test(l)) ?? s.split("\n").find((l) => l.trim() !== "") ?? "").trim().slice(0, 240);
}

/** How a failed tscc build is classified, from its exit status and messages. */
function classifyCompileFailure(output: string, timedOut: boolean): { verdict: Verdict; detail: string } {
  if (timedOut) return { verdict: "crash", detail: "compile timeout" };
  if (/internal compiler error|compiler crashed|^\s+at .*\.c?js:\d+/m.test(output)) return { verdict: "crash", detail: firstLine(output, /internal compiler error|crashed/) };
  const compileErrors = output.split("\n").filter((l) => /error:/.test(l) && !/tscc-ld:|undefined reference|collect2|ld returned/.test(l));
  if (compileErrors.length === 0 && /tscc-ld:|undefined reference/.test(output)) {
    return { verdict: "link-fail", detail: firstLine(output, /undefined reference|error/) };
  }
  return { verdict: "rejected", detail: firstLine(output, /error/) };
}

class Campaign {
  private pool: CompilePool | undefined;
  constructor(private readonly opts: Options, private readonly work: string) {
    if (opts.inProcess) this.pool = new CompilePool(Number(opts.jobs));
  }

  private get compileTimeoutMs(): number { return Number(this.opts.compileTimeout) * 1000; }
  private runTimeoutMs(arch: Arch): number { return Number(this.opts.runTimeout) * 1000 * (arch === HOST ? 1 : 4); }

  async tscc(args: string[]): Promise<{ status: number; output: string; timedOut: boolean }> {
    const full = [...(this.opts.verifyIr ? ["--verify-ir"] : []), ...args];
    if (this.pool) return this.pool.compile(full, this.compileTimeoutMs);
    const r = await execa(process.execPath, [TSCC, ...full], { reject: false, timeout: this.compileTimeoutMs, all: true, stdin: "ignore" });
    return { status: r.exitCode ?? 1, output: r.all ?? "", timedOut: r.timedOut };
  }

  /** Generate, build with both compilers, run, classify one program. */
  async one(arch: Arch, level: string, seed: number): Promise<Result> {
    const dir = join(this.work, `${arch}-O${level}-${seed}`);
    mkdirSync(dir, { recursive: true });
    try {
      const src = join(dir, `csmith-${seed}.c`);
      const gen = await execa("csmith", [...csmithFlags(this.opts), "--seed", String(seed), "-o", src], { reject: false, timeout: 60_000, all: true, cwd: dir });
      if (gen.exitCode !== 0) return { seed, verdict: "skipped-gcc-bad", detail: `csmith failed: ${firstLine(gen.all ?? "", /./)}` };
      const common = [`-O${level}`, "-w", "-I", CSMITH_INCLUDE, src];
      const gccExe = join(dir, "gcc.exe");
      const g = await execa(gccFor(arch), [...common, "-o", gccExe], { reject: false, timeout: this.compileTimeoutMs, all: true });
      if (g.exitCode !== 0) return { seed, verdict: "skipped-gcc-bad", detail: `gcc: ${g.timedOut ? "timeout" : firstLine(g.all ?? "", /error/)}` };
      const limit = this.runTimeoutMs(arch);
      const gr = await runLimited(arch, gccExe, limit);
      if (gr.overLimit) return { seed, verdict: "skipped-gcc-slow", detail: `gcc's binary ran over ${limit / 1000}s of CPU` };
      if (gr.exitCode !== 0) return { seed, verdict: "skipped-gcc-bad", detail: `gcc's binary: ${gr.signal ?? `exit ${gr.exitCode}`}` };
      const expected = gr.stdout;

      const tsccExe = join(dir, "tscc.exe");
      const t = await this.tscc(["-target", arch, ...common, "-o", tsccExe]);
      if (t.status !== 0 || t.timedOut) return { seed, expected, ...classifyCompileFailure(t.output, t.timedOut) };
      // tscc's code may be slower than gcc's: three times the limit before calling it a hang.
      const tr = await runLimited(arch, tsccExe, limit * 3);
      if (tr.overLimit) return { seed, expected, verdict: "hang", detail: `ran over ${(limit * 3) / 1000}s of CPU (gcc's took ${gr.wallMs} ms wall)` };
      if (tr.exitCode !== 0 || tr.stdout !== expected) {
        const got = tr.exitCode !== 0 ? `${tr.signal ?? `exit ${tr.exitCode}`} after ${JSON.stringify(tr.stdout.slice(-60))}` : JSON.stringify(tr.stdout.slice(0, 80));
        return { seed, expected, verdict: "miscompile", detail: `gcc ${JSON.stringify(expected.slice(0, 80))}, tscc ${got}` };
      }
      return { seed, expected, verdict: "ok", detail: "" };
    } finally {
      if (!this.opts.keep) rmSync(dir, { recursive: true, force: true });
      else cpSync(dir, join(this.opts.keep, `${arch}-O${level}-${seed}`), { recursive: true });
    }
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/** Keep a failing program with its reproduction script and what went wrong. */
function keepFailure(arch: Arch, level: string, r: Result, flags: string[]): string {
  const dir = join(FAILURES, `${arch}-O${level}-${r.seed}`);
  mkdirSync(dir, { recursive: true });
  const src = join(dir, `csmith-${r.seed}.c`);
  // Regenerated rather than copied: the work directory is gone by now, and csmith is deterministic by seed.
  execaSync("csmith", [...flags, "--seed", String(r.seed), "-o", src], { cwd: dir }); // it writes platform.info in its directory
  const [runPrefix] = arch === HOST ? [""] : [`qemu-${arch} -L /usr/${arch}-linux-gnu `];
  writeFileSync(join(dir, "repro.sh"), `#!/bin/sh
# ${r.verdict}: ${r.detail}
# Builds csmith seed ${r.seed}${flags.length ? ` (csmith ${flags.join(" ")})` : ""} with gcc and tscc at -O${level} for ${arch} and runs both.
cd "$(dirname "$0")"
${gccFor(arch)} -O${level} -w -I ${CSMITH_INCLUDE} csmith-${r.seed}.c -o gcc.exe && echo "gcc:  $(${runPrefix}./gcc.exe)"
node ${TSCC} -target ${arch} -O${level} -w -I ${CSMITH_INCLUDE} csmith-${r.seed}.c -o tscc.exe && echo "tscc: $(timeout 60 ${runPrefix}./tscc.exe)"
`);
  chmodSync(join(dir, "repro.sh"), 0o755);
  writeFileSync(join(dir, "verdict.txt"), `${r.verdict}\n${r.detail}\n`);
  if (r.expected !== undefined) writeFileSync(join(dir, "expected.txt"), r.expected);
  return dir;
}

/** gcc warnings that signal undefined behaviour a reduction could introduce: errors for the candidate. */
const UB_WARNINGS = [
  "uninitialized", "maybe-uninitialized", "return-type", "implicit-function-declaration", "int-conversion",
  "incompatible-pointer-types", "sequence-point", "array-bounds", "div-by-zero", "shift-count-overflow",
  "shift-count-negative", "shift-negative-value", "aggressive-loop-optimizations", "implicit-int", "init-self",
  "int-to-pointer-cast", "pointer-to-int-cast", "stringop-overflow", "dangling-pointer", "return-local-addr",
  "use-after-free", "free-nonheap-object", "nonnull", "format", "main",
  // cvise likes `int strcmp();` and then `strcmp()`: no unprototyped functions.
  "strict-prototypes", "old-style-definition", "builtin-declaration-mismatch",
];
/** Warning texts (from any flag) that mean the same. */
const UB_TEXTS = ["uninitiali", "may be used", "is used", "no return statement", "control reaches end", "out of bounds",
  "beyond", "dangling", "undefined behavior", "excess elements", "without a cast", "comparison between pointer"];

/**
 * The sanity flags for a reduction of `src`: the UB warnings as errors and the
 * texts to reject, less those the original program already triggers (Csmith
 * programs are valid, but some of its idioms warn; a candidate must only add nothing).
 */
async function sanityChecks(arch: Arch, src: string): Promise<{ errors: string[]; texts: string[] }> {
  let errors = [...UB_WARNINGS];
  for (let round = 0; round < 5; round++) {
    const r = await execa(gccFor(arch), ["-O0", "-Wall", "-Wextra", ...errors.map((w) => `-Werror=${w}`), "-fsyntax-only", src], { reject: false, all: true });
    const hit = new Set([...(r.all ?? "").matchAll(/\[-Werror=([\w-]+)\]/g)].map((m) => m[1]!));
    if (hit.size === 0) break;
    errors = errors.filter((w) => !hit.has(w));
  }
  const r = await execa(gccFor(arch), ["-O0", "-Wall", "-Wextra", "-fsyntax-only", src], { reject: false, all: true });
  const warnings = (r.all ?? "").split("\n").filter((l) => l.includes("warning:")).join("\n");
  return { errors, texts: UB_TEXTS.filter((t) => !warnings.includes(t)) };
}

/**
 * The interestingness test for cvise: the candidate must still be a valid
 * program for gcc (no new warnings that signal undefined behaviour, clean
 * under UBSan and ASan, the same single-line output at -O0 and -O2) and must
 * still fail with tscc the same way as the original.
 */
function interestingnessScript(arch: Arch, level: string, r: Result, file: string, sanity: { errors: string[]; texts: string[] }): string {
  const [runPrefix] = arch === HOST ? [""] : [`qemu-${arch} -L /usr/${arch}-linux-gnu `];
  const limit = 10;
  const gcc = gccFor(arch);
  const sanitize = arch === HOST ? `${gcc} -O0 -w -fsanitize=address,undefined -fno-sanitize-recover=all ${file} -o san.exe || exit 1
ASAN_OPTIONS=detect_leaks=0 timeout ${limit} ./san.exe > san.out 2>&1 || exit 1
` : "";
  let failing: string;
  switch (r.verdict) {
    case "miscompile":
      failing = `node ${TSCC} -target ${arch} -O${level} -w ${file} -o tscc.exe 2>/dev/null || exit 1
timeout ${limit * 3} ${runPrefix}./tscc.exe > tscc.out 2>/dev/null
status=$?
[ $status -eq 124 ] && exit 1
[ $status -eq 0 ] && cmp -s tscc.out expected.out && exit 1`;
      break;
    case "hang":
      failing = `node ${TSCC} -target ${arch} -O${level} -w ${file} -o tscc.exe 2>/dev/null || exit 1
timeout ${limit * 3} ${runPrefix}./tscc.exe > /dev/null 2>&1
[ $? -eq 124 ] || exit 1`;
      break;
    default: {
      // The same diagnostic: its text without the location and with numbers free.
      const key = r.detail.replace(/^.*?(internal compiler error|error|undefined reference)/, "$1").replace(/\(in [^)]*\)/g, "").replace(/'[^']*'|`[^`]*'/g, "").slice(0, 60).trim();
      failing = `timeout 120 node ${TSCC} -target ${arch} -O${level} -w ${file} -o tscc.exe > tscc.log 2>&1 && exit 1
grep -qF ${shellQuote(key)} tscc.log || exit 1`;
    }
  }
  const textCheck = sanity.texts.length > 0
    ? `grep -q ${shellQuote(`warning: .*\\(${sanity.texts.join("\\|")}\\)`)} gcc.log && exit 1\n` : "";
  // Cheapest and most often failing first: gcc's warnings, then whether tscc
  // still fails; gcc -O2 and the sanitizers only for candidates that pass those.
  return `#!/bin/bash
# cvise interestingness test (written by tests/csmith/run.ts): ${r.verdict} of csmith seed ${r.seed} at -O${level} on ${arch}.
${gcc} -O0 -Wall -Wextra ${sanity.errors.map((w) => `-Werror=${w}`).join(" ")} ${file} -o gcc0.exe > gcc.log 2>&1 || exit 1
${textCheck}timeout ${limit} ${runPrefix}./gcc0.exe > expected.out 2>/dev/null || exit 1
[ "$(wc -l < expected.out)" -eq 1 ] || exit 1
${failing}
${gcc} -O2 -w ${file} -o gcc2.exe || exit 1
timeout ${limit} ${runPrefix}./gcc2.exe > gcc2.out 2>/dev/null || exit 1
cmp -s gcc2.out expected.out || exit 1
${sanitize}exit 0
`;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Minimise a kept failure with cvise; on success write tests/unit/c/csmith-<seed>.c. Returns the test's path. */
async function reduce(arch: Arch, level: string, r: Result, dir: string, jobs: number, log: (s: string) => void): Promise<string | undefined> {
  const reduced = join(dir, "reduced.c");
  // Preprocessed, so the test is self-contained; cvise removes the unused declarations.
  const pre = await execa(gccFor(arch), ["-E", "-P", "-I", CSMITH_INCLUDE, join(dir, `csmith-${r.seed}.c`), "-o", reduced], { reject: false });
  if (pre.exitCode !== 0) return undefined;
  const script = join(dir, "interesting.sh");
  writeFileSync(script, interestingnessScript(arch, level, r, "reduced.c", await sanityChecks(arch, reduced)));
  chmodSync(script, 0o755);
  const check = await execa("bash", [script], { cwd: dir, reject: false, timeout: 300_000 });
  if (check.exitCode !== 0) {
    log(`  reduce ${r.seed}: the unreduced program is not interesting (gcc sanity checks or the failure did not reproduce)`);
    return undefined;
  }
  log(`  reduce ${r.seed}: cvise running (log ${join(dir, "cvise.log")})`);
  const cv = await execa("nice", ["cvise", "--n", String(Math.max(1, jobs)), "--timeout", "120", script, "reduced.c"], { cwd: dir, reject: false, all: true, timeout: 4 * 3600_000 });
  writeFileSync(join(dir, "cvise.log"), cv.all ?? "");
  if (cv.exitCode !== 0) return undefined;
  const final = await execa("bash", [script], { cwd: dir, reject: false });
  if (final.exitCode !== 0) return undefined;
  const expected = readFileSync(join(dir, "expected.out"), "utf8").trimEnd();
  const test = join(ROOT, "tests/unit/c", `csmith-${r.seed}.c`);
  const body = readFileSync(reduced, "utf8").trim();
  writeFileSync(test, `// Csmith seed ${r.seed}, reduced by cvise (npm run csmith -- --reduce): ${r.verdict} on ${arch} at -O${level}.
// ${r.detail.replace(/\n/g, " ").slice(0, 200)}
// expect: ${expected}
${body}
`);
  return test;
}

async function campaign(arch: Arch, level: string, opts: Options, c: Campaign, logPath: string): Promise<{ failures: number; line: string }> {
  // Results are appended as they come (a long campaign can be watched), and sorted at the end.
  const logLines: string[] = [];
  writeFileSync(logPath, "");
  const target = Number(opts.count);
  const jobs = Math.max(1, Number(opts.jobs));
  const results: Result[] = [];
  let valid = 0;
  let inflight = 0;
  let next = 0;
  let lastProgress = Date.now();
  const label = `csmith ${arch} -O${level}`;
  const worker = async (): Promise<void> => {
    while (valid + inflight < target) {
      const index = next++;
      inflight++;
      const seed = csmithSeed(opts.seed, index);
      const r = await c.one(arch, level, seed);
      inflight--;
      if (COUNTED.includes(r.verdict)) valid++;
      results.push(r);
      const entry = `${r.verdict.toUpperCase()}: ${arch} -O${level} seed ${seed}${r.detail ? `: ${r.detail}` : ""}`;
      logLines.push(entry);
      appendFileSync(logPath, `${entry}\n`);
      if (!opts.quiet && Date.now() - lastProgress > 30_000) {
        lastProgress = Date.now();
        console.log(`  ${label}: ${valid}/${target} (${results.filter((x) => x.verdict === "ok").length} ok)`);
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  const count = (v: Verdict): number => results.filter((r) => r.verdict === v).length;
  const failing = results.filter((r) => COUNTED.includes(r.verdict) && r.verdict !== "ok").sort((a, b) => a.seed - b.seed);
  const line = `${label}${opts.csmithFlags ? ` (csmith ${opts.csmithFlags})` : ""}: ${COUNTED.map((v) => `${count(v)} ${v}`).join(", ")}; ${count("skipped-gcc-slow")} skipped-gcc-slow, ${count("skipped-gcc-bad")} skipped-gcc-bad`;
  console.log(line);
  writeFileSync(logPath, `# ${line}\n# npm run csmith -- --arch ${arch} -O ${level} --count ${opts.count} --seed ${opts.seed}${opts.csmithFlags ? ` --csmith-flags "${opts.csmithFlags}"` : ""}\n${logLines.sort().join("\n")}\n`);
  if (failing.length > 0) console.log(`  failing seeds: ${failing.slice(0, 8).map((r) => `${r.seed} (${r.verdict})`).join(", ")}${failing.length > 8 ? " …" : ""}`);
  for (const r of failing) {
    const dir = keepFailure(arch, level, r, csmithFlags(opts));
    if (opts.reduce) {
      const test = await reduce(arch, level, r, dir, jobs, (s) => console.log(s));
      console.log(`  reduce ${r.seed}: ${test ? `wrote ${test}` : "no reduced test"}`);
    }
  }
  return { failures: failing.length, line };
}

async function main(): Promise<void> {
  const program = new Command()
    .name("csmith")
    .description("Differential testing of tscc against gcc on Csmith programs")
    .option("--arch <list>", "x86_64, aarch64, riscv64, comma-separated, or all", HOST)
    .option("-O <levels>", "optimisation levels, comma-separated", "0,2")
    .option("--count <n>", "valid programs per arch and level", "100")
    .option("--seed <s>", "run seed: the csmith seeds are derived from it", "1")
    .option("--keep <dir>", "keep every program's sources and binaries in this directory")
    .option("--jobs <n>", "parallel programs", String(Math.max(1, availableParallelism())))
    .option("--reduce", "minimise each failure with cvise into tests/unit/c/csmith-<seed>.c", false)
    .option("--compile-timeout <s>", "seconds per compile", "120")
    .option("--run-timeout <s>", "seconds per run of gcc's binary (x4 under qemu; tscc's gets 3x that)", "5")
    .option("--csmith-flags <flags>", "extra csmith options, space-separated (e.g. \"--float --builtins\")", "")
    .option("--verify-ir", "run tscc's IR verifier after every pass", false)
    .option("--quiet", "no progress lines", false)
    .option("--no-in-process", "run each tscc compile as its own process instead of in worker threads");
  program.parse();
  const opts = program.opts<Options>();
  if (!existsSync(TSCC)) throw new Error(`${TSCC} missing: run npm run build`);
  if (!existsSync(join(CSMITH_INCLUDE, "csmith.h"))) throw new Error(`${CSMITH_INCLUDE}/csmith.h missing: apt-get install csmith libcsmith-dev`);
  if (opts.keep) mkdirSync(opts.keep, { recursive: true });
  const arches = opts.arch === "all" ? [...ALL_ARCHES] : (opts.arch.split(",") as Arch[]);
  const work = mkdtempSync(join(tmpdir(), "tscc-csmith-"));
  const c = new Campaign(opts, work);
  const logDir = join(CACHE, "logs");
  mkdirSync(logDir, { recursive: true });
  let failures = 0;
  try {
    for (const arch of arches) {
      if (!ALL_ARCHES.includes(arch)) throw new Error(`unknown arch ${arch}`);
      if (arch !== HOST && !existsSync(`/usr/${arch}-linux-gnu/lib/libc.so.6`)) {
        console.log(`csmith ${arch}: skipped: no ${arch} C library; run scripts/install-deps.sh`);
        continue;
      }
      for (const level of opts.O.split(",")) {
        failures += (await campaign(arch, level, opts, c, join(logDir, `csmith-${arch}-O${level}-seed-${opts.seed}${opts.csmithFlags ? `-${opts.csmithFlags.replace(/[^\w]+/g, "")}` : ""}.log`))).failures;
      }
    }
  } finally {
    await c.close();
    rmSync(work, { recursive: true, force: true });
  }
  process.exitCode = failures > 0 ? 1 : 0;
}

await main();
