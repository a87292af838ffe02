// Real projects built by tscc through their own build systems, tested by their
// own test suites (and against gcc-built copies of themselves).
//
//   npx tsx tests/projects/run.ts --fast                  (CI: all projects, -O0 and -O2, quick tests)
//   npx tsx tests/projects/run.ts                         (the full run)
//   npx tsx tests/projects/run.ts zlib lua -O 2 --arch x86_64
//   npx tsx tests/projects/run.ts sqlite3 --cc gcc        (the recipes themselves, with gcc)
//   npx tsx tests/projects/run.ts --arch all --listed --fast --ratchet-only   (npm test: the ratchet lists' entries)
//
// One line per project, target and level; the details go to
// .cache/logs/projects-<name>-<arch>.log (one `ERROR: …` line per failure).
//
// A run passes when it built, every part its recipe plans (Recipe.parts) ran,
// and no test failed. The ratchet list tests/projects/pass-<arch>.txt names the
// project/level pairs that must keep passing (`sqlite3 -O2`) and, on lines of
// their own, the least number of tests they must pass: `sqlite3 -O2 min=17388`
// for --fast runs (what npm test runs), `full-min=N` for full runs. The file
// only grows line by line: --update appends a pair or a raised minimum (the
// largest of an entry's lines counts) and never rewrites a line
// (scripts/check-ratchets.mjs checks that). --listed runs exactly the pairs a
// ratchet list holds this kind of run to (listedPairs): what npm test runs is
// what the lists say, so no listed pair goes unchecked, and a pair with only a
// `full-min=` (a cross target's -O0 under qemu, say) is left to full runs.
// Sources come from Debian source packages into .cache/projects/ (git-ignored).

import { Command } from "commander";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  ARCHES, BUNDLE_TAG, ROOT, ccWrapper, fetchSource, freshCopy, LOGS, makeLogger, makeSh, PROJECTS, toolchainFreePath, TSCC_BUNDLE,
  type Arch, type CcKind, type ProjectResult, type Recipe, type RecipeContext,
} from "./common.js";
import { bundleProblem } from "../bundle.js";
import { RECIPES } from "./recipes/index.js";

export interface RunOptions {
  arch: Arch;
  opt: string;
  cc: CcKind;
  fast: boolean;
  /** build directory name suffix (the bisector uses its own trees) */
  tag?: string;
  env?: Record<string, string>;
  log: (s: string) => void;
  /** skip tests (the bisector runs them itself) */
  buildOnly?: boolean;
  /** reuse a previous successful build of the same tree (harness development) */
  reuse?: boolean;
  /** tscc builds keep gcc, as and ld on PATH (default: a PATH without them, and TSCC_NO_GCC=1) */
  gnuTools?: boolean;
  /** a benchmark build (RecipeContext.bench) */
  bench?: boolean;
}

const oracles = new Map<string, Promise<string | undefined>>();

/** A gcc -O2 build of the same recipe, built once and kept (marker file). */
export function oracleTree(recipe: Recipe, arch: Arch, log: (s: string) => void): Promise<string | undefined> {
  const key = `${recipe.name}-${arch}`;
  let p = oracles.get(key);
  if (!p) {
    p = (async () => {
      const dir = join(PROJECTS, "build", `${recipe.name}-${arch}-gcc-oracle`);
      const marker = join(dir, ".tscc-oracle-ok");
      if (existsSync(marker)) return dir;
      log(`--- building the gcc oracle in ${dir}`);
      const r = await buildProject(recipe, { arch, opt: "2", cc: "gcc", fast: false, log, buildOnly: true }, dir);
      if (!r.result.built) { log("--- gcc oracle build FAILED"); return undefined; }
      writeFileSync(marker, `${r.result.buildSeconds ?? 0}\n`);
      return dir;
    })();
    oracles.set(key, p);
  }
  return p;
}

/** Seconds the gcc oracle took to build (for the comparison), if known. */
export function oracleSeconds(recipe: Recipe, arch: Arch): number | undefined {
  const marker = join(PROJECTS, "build", `${recipe.name}-${arch}-gcc-oracle`, ".tscc-oracle-ok");
  return existsSync(marker) ? Number(readFileSync(marker, "utf8").trim()) : undefined;
}

export async function buildProject(recipe: Recipe, o: RunOptions, dirOverride?: string): Promise<{ result: ProjectResult; ctx: RecipeContext }> {
  const pristine = await fetchSource(recipe, o.log);
  const dir = dirOverride ?? join(PROJECTS, "build", `${recipe.name}-${o.arch}-O${o.opt}-${o.cc}${o.tag ? "-" + o.tag : ""}`);
  const builtMarker = join(dir, ".tscc-built");
  const reuse = o.reuse === true && existsSync(builtMarker);
  if (!reuse) freshCopy(pristine, dir);
  const CC = ccWrapper(o.cc, o.arch, o.opt);
  const env = { ...(o.env ?? {}) };
  if (o.cc === "tscc" && !o.gnuTools) {
    // The bar: tscc's own assembler, linker, ar and runtime, nothing of GNU's toolchain or binutils reachable.
    env.PATH = toolchainFreePath(CC, `${o.arch}-O${o.opt}${BUNDLE_TAG}`);
    env.TSCC_NO_GCC = "1";
  }
  const ctx: RecipeContext = {
    arch: o.arch, opt: o.opt, cc: o.cc, CC, dir, fast: o.fast, bench: o.bench,
    sh: makeSh(dir, o.log, env),
    log: o.log,
    oracle: () => oracleTree(recipe, o.arch, o.log),
  };
  o.log(`=== ${recipe.name} ${o.arch} -O${o.opt} cc=${o.cc} in ${dir}${env.PATH ? ` (PATH=${env.PATH}, TSCC_NO_GCC=1)` : ""}`);
  // What the build sees of a toolchain (the log shows that gcc, as and ld are not there).
  if (env.PATH) await ctx.sh("for t in cc gcc as ld ar ranlib nm; do printf '%s: %s\\n' $t \"$(command -v $t || echo none)\"; done");
  let result: ProjectResult;
  try {
    if (reuse) {
      const marker = readBuiltMarker(builtMarker);
      result = { built: true, passed: 0, failed: 0, notes: [], buildSeconds: marker.buildSeconds, ran: marker.ran };
    } else {
      result = await recipe.build(ctx);
      if (result.built) writeFileSync(builtMarker, JSON.stringify({ buildSeconds: result.buildSeconds ?? 0, ran: result.ran }) + "\n");
    }
  } catch (e) {
    result = { built: false, stage: `harness: ${(e as Error).message}`, passed: 0, failed: 0, notes: [], ran: [] };
  }
  if (result.built && !o.buildOnly) {
    try {
      await recipe.test(ctx, result);
    } catch (e) {
      result.failed++;
      result.notes.push(`harness: ${(e as Error).message}`);
    }
  }
  // Every planned part ran, or the run fails (one failure per missing part).
  if (result.built) {
    const missing = plannedParts(recipe, ctx, o.buildOnly === true).filter((p) => !result.ran.includes(p));
    if (missing.length > 0) {
      result.failed += missing.length;
      result.notes.unshift(`planned parts that did not run: ${missing.join(", ")}`);
      o.log(`ERROR: planned parts that did not run: ${missing.join(", ")}`);
    }
  }
  return { result, ctx };
}

/** A previous build's marker: its time and the build parts that ran (older markers held the time only: no parts, so rebuild). */
function readBuiltMarker(path: string): { buildSeconds: number; ran: string[] } {
  const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (typeof parsed === "number") return { buildSeconds: parsed, ran: [] };
  const m = parsed as { buildSeconds?: unknown; ran?: unknown };
  return {
    buildSeconds: typeof m.buildSeconds === "number" ? m.buildSeconds : 0,
    ran: Array.isArray(m.ran) ? m.ran.filter((p): p is string => typeof p === "string") : [],
  };
}

/** The parts of `recipe` this run must run (only the "build:" ones for build-only runs). */
export function plannedParts(recipe: Recipe, ctx: RecipeContext, buildOnly: boolean): string[] {
  return recipe.parts(ctx).filter((p) => !buildOnly || p.startsWith("build:"));
}

export function summary(name: string, arch: Arch, opt: string, r: ProjectResult, gccSeconds?: number): string {
  const head = `${name} ${arch} -O${opt}`;
  if (!r.built) return `${head}: FAILED at ${r.stage ?? "build"}`;
  const time = r.buildSeconds !== undefined
    ? ` in ${r.buildSeconds.toFixed(0)} s${gccSeconds !== undefined ? ` (gcc ${gccSeconds.toFixed(0)} s)` : ""}` : "";
  return `${head}: built${time}, ${r.passed} tests passed, ${r.failed} failed; ran ${r.ran.length} parts`;
}

async function main(): Promise<void> {
  const program = new Command()
    .name("projects")
    .argument("[projects...]", `projects to run (default: all of ${RECIPES.map((r) => r.name).join(", ")})`)
    .option("--arch <arches>", "x86_64, aarch64, riscv64 or all (comma-separated)", "x86_64")
    .option("-O, --opt <levels>", "optimisation levels, comma-separated", "0,2")
    .option("--cc <cc>", "tscc, or gcc to check the recipes themselves", "tscc")
    .option("--fast", "the quickest meaningful subset (CI)", false)
    .option("--reuse", "reuse previous successful builds (to work on the tests)", false)
    .option("--gnu-tools", "leave gcc and binutils on PATH for tscc builds (default: a PATH without them, ar and ranlib being tscc's)", false)
    .option("-v, --verbose", "print the notes of passing runs too", false)
    .option("--ratchet-only", "exit status counts only ratchet regressions (as npm test uses it)", false)
    .option("--update", "add newly passing project/level pairs to the ratchet lists (never removes)", false)
    .option("--listed", "run exactly the project/level pairs each arch's ratchet list holds this run to (--fast: those with a min= or no minimum; full: all)", false)
    .parse();
  const opts = program.opts<{ listed: boolean; arch: string; opt: string; cc: string; fast: boolean; verbose: boolean; reuse: boolean; gnuTools: boolean; update: boolean; ratchetOnly: boolean }>();
  const names = program.args;
  const recipes = names.length ? names.map((n) => {
    const r = RECIPES.find((x) => x.name === n || x.pkg === n);
    if (!r) { console.error(`unknown project ${n}`); process.exit(2); }
    return r;
  }) : RECIPES;
  const arches = (opts.arch === "all" ? ARCHES : opts.arch.split(",")) as Arch[];
  for (const a of arches) if (!ARCHES.includes(a)) { console.error(`unknown arch ${a}`); process.exit(2); }
  if (opts.cc !== "tscc" && opts.cc !== "gcc") { console.error("--cc is tscc or gcc"); process.exit(2); }
  if (opts.cc === "tscc") {
    // A bundle named by TSCC_BUNDLE is someone's deliberate choice; dist/ must be current.
    const problem = process.env.TSCC_BUNDLE ? (existsSync(TSCC_BUNDLE) ? undefined : `${TSCC_BUNDLE} is missing`) : bundleProblem(TSCC_BUNDLE);
    if (problem) { console.error(problem); process.exit(2); }
  }
  const ratchets = new Map(arches.map((a) => [a, readRatchet(a)]));
  const listed = new Map(arches.map((a) => [a, listedPairs(ratchets.get(a)!, opts.fast)]));
  // --listed takes its levels from the lists; the run then skips unlisted pairs.
  const levels = opts.listed
    ? [...new Set([...listed.values()].flatMap((pairs) => [...pairs].map((p) => p.replace(/^.* -O/, ""))))].sort()
    : opts.opt.split(",").map((s) => s.replace(/^-?O/, ""));
  let bad = 0;
  let regressions = 0;
  mkdirSync(LOGS, { recursive: true });
  const passing = new Map<Arch, { entry: string; passed: number }[]>(arches.map((a) => [a, []]));
  // --fast runs are held to min=, full runs to full-min= (their test counts differ).
  const minField: MinField = opts.fast ? "min" : "full-min";
  for (const recipe of recipes) {
    for (const arch of arches) {
      const runLevels = levels.filter((opt) => !opts.listed || listed.get(arch)!.has(`${recipe.name} -O${opt}`));
      if (runLevels.length === 0) continue;
      const logFile = join(LOGS, `projects-${recipe.name}-${arch}.log`);
      writeFileSync(logFile, "");
      const log = makeLogger(logFile);
      for (const opt of runLevels) {
        const { result } = await buildProject(recipe, { arch, opt, cc: opts.cc as CcKind, fast: opts.fast, log, reuse: opts.reuse, gnuTools: opts.gnuTools });
        const line = summary(recipe.name, arch, opt, result, oracleSeconds(recipe, arch));
        console.log(line);
        log(line);
        const failed = !result.built || result.failed > 0;
        const entry = `${recipe.name} -O${opt}`;
        if (failed) bad++;
        const promised = ratchets.get(arch)!.get(entry);
        const least = promised?.[minField];
        if (promised && opts.cc === "tscc") {
          if (failed) {
            regressions++;
            console.log(`  RATCHET: ${entry} is in ${ratchetPath(arch)} and failed`);
          } else if (least !== undefined && result.passed < least) {
            regressions++;
            console.log(`  RATCHET: ${entry} passed ${result.passed} tests, fewer than its ${minField}=${least} in ${ratchetPath(arch)}`);
          } else if (least === undefined) {
            console.log(`  ratchet: ${entry} has no ${minField} yet (add it with --update)`);
          }
        }
        if (!failed) passing.get(arch)!.push({ entry, passed: result.passed });
        for (const n of result.notes.slice(0, failed || opts.verbose ? 5 : 0)) console.log(`  ${n}`);
      }
      if (bad) console.log(`  (log: ${logFile})`);
    }
  }
  if (opts.update && opts.cc === "tscc") {
    for (const arch of arches) {
      const ratchet = ratchets.get(arch)!;
      const changes: string[] = [];
      const lines: string[] = [];
      for (const { entry, passed } of passing.get(arch)!) {
        const old = ratchet.get(entry);
        const least = old?.[minField];
        if (old === undefined) changes.push(`added ${entry} ${minField}=${passed}`);
        else if (least === undefined || passed > least) changes.push(`${entry} ${minField}=${least ?? "(none)"} → ${passed}`);
        else continue;
        lines.push(`${entry} ${minField}=${passed}`);
      }
      if (changes.length === 0) continue;
      appendRatchet(arch, lines);
      console.log(`ratchet: ${changes.join("; ")} in ${ratchetPath(arch)}`);
    }
  }
  // What a ratchet lists must keep passing; other failures are reported, and
  // fail the run only when it is not a ratchet check (no --ratchet-only).
  if (regressions) console.log(`projects: ${regressions} ratchet regressions`);
  process.exitCode = regressions || (bad && !opts.ratchetOnly) ? 1 : 0;
}

const RATCHET_HEADER = "# Project/level pairs that must keep building and passing with tscc on this arch; only ever add (tests/projects/run.ts --update)";

const RATCHET_MIN_NOTE = "# `project -Olevel min=N` / `full-min=N`: the least number of tests a --fast / full run must pass; raising one adds a line (the largest counts)";

function ratchetPath(arch: Arch): string {
  return join(ROOT, "tests/projects", `pass-${arch}.txt`);
}

type MinField = "min" | "full-min";
type RatchetEntry = Partial<Record<MinField, number>>;

/**
 * `project -Olevel [min=N] [full-min=N]` lines → entry → its minimums. The
 * list is append-only, line by line: raising a minimum adds a line for the
 * same entry, and the largest value of each field counts.
 */
export function parseRatchet(text: string): Map<string, RatchetEntry> {
  const map = new Map<string, RatchetEntry>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const words = line.split(/\s+/);
    const key = words.filter((x) => !x.includes("=")).join(" ");
    const entry = map.get(key) ?? {};
    for (const w of words.filter((x) => x.includes("="))) {
      const [k, v] = w.split("=", 2);
      if ((k !== "min" && k !== "full-min") || !/^\d+$/.test(v ?? "")) throw new Error(`bad ratchet field ${JSON.stringify(w)} in line ${JSON.stringify(line)}`);
      entry[k] = Math.max(entry[k] ?? 0, Number(v));
    }
    map.set(key, entry);
  }
  return map;
}

/**
 * The pairs of a ratchet list a run is held to: a --fast run (npm test) those
 * with a `min=` or with no minimum at all (a bare `zlib -O2` line), a full run
 * all of them; a pair with only `full-min=` is promised by full runs alone.
 */
export function listedPairs(ratchet: ReadonlyMap<string, RatchetEntry>, fast: boolean): Set<string> {
  return new Set([...ratchet].filter(([, e]) => !fast || e.min !== undefined || e["full-min"] === undefined).map(([pair]) => pair));
}

function readRatchet(arch: Arch): Map<string, RatchetEntry> {
  const path = ratchetPath(arch);
  return existsSync(path) ? parseRatchet(readFileSync(path, "utf8")) : new Map();
}

/** Add lines to a ratchet list (never rewriting what is there, so no line ever disappears). */
function appendRatchet(arch: Arch, lines: readonly string[]): void {
  const path = ratchetPath(arch);
  const text = existsSync(path) ? readFileSync(path, "utf8") : `${RATCHET_HEADER}\n${RATCHET_MIN_NOTE}\n`;
  writeFileSync(path, `${text}${text.endsWith("\n") || text === "" ? "" : "\n"}${lines.join("\n")}\n`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
