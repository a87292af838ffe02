// The gcc-oracle bisector: when a project built by tscc fails its tests, build
// it again with some source files compiled by gcc and the rest by tscc, and
// narrow down (delta debugging, ddmin: finds pairs that fail only together too)
// to a smallest set of tscc-compiled files that still makes the tests fail.
// Files a recipe names in `splitUnits` (SQLite's amalgamation) are mixed per
// function (tests/projects/mixcc.ts): their candidates are their functions.
//
// The search first assumes one culprit: it halves the candidates, builds with
// tscc on one half and, when that passes, goes on with the other half without
// building it (log2 of the candidates in builds); the result is then confirmed
// by a build, and only if that fails does full ddmin run.
//
//   npx tsx tests/projects/bisect.ts lua -O 2 [--seed N] [--arch x86_64] [--full]
//
// Deterministic by seed (default: TSCC_AGENT_ID / host name): the seed orders
// the files, so the same seed makes the same builds. Each step is one fresh
// build and the recipe's --fast tests (--full: all tests). Prints one line per
// build; everything else goes to .cache/logs/bisect-<name>-<arch>.log.

import { Command } from "commander";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { type Arch, fetchSource, LOGS, makeLogger, PROJECTS, seedFromEnv } from "./common.js";
import { RECIPES } from "./recipes/index.js";
import { buildProject } from "./run.js";

interface Outcome { fails: boolean; what: string }

export async function bisect(opts: { name: string; arch: Arch; opt: string; seed: number; fast: boolean; units?: string[] }): Promise<string[] | undefined> {
  const recipe = RECIPES.find((r) => r.name === opts.name || r.pkg === opts.name);
  if (!recipe?.units) throw new Error(`no recipe with units named ${opts.name}`);
  const logFile = join(LOGS, `bisect-${recipe.name}-${opts.arch}.log`);
  writeFileSync(logFile, "");
  const log = makeLogger(logFile);
  const pristine = await fetchSource(recipe, log);
  const all = opts.units ?? recipe.units(pristine);
  const units = shuffle(all, opts.seed);
  const listFile = join(PROJECTS, `bisect-tscc-files-${recipe.name}-${opts.arch}.txt`);
  const splitUnits = (recipe.splitUnits ?? []).filter((u) => all.includes(u));
  const mixCache = join(PROJECTS, "build", `${recipe.name}-${opts.arch}-O${opts.opt}-mixcache`);
  let builds = 0;
  const cache = new Map<string, Outcome>();

  /** Build with `tscc` compiling exactly the files in `set` (gcc the others). */
  const test = async (set: readonly string[]): Promise<Outcome> => {
    const key = [...set].sort().join(" ");
    const hit = cache.get(key);
    if (hit) return hit;
    // Files outside the candidate list are compiled by gcc too.
    writeFileSync(listFile, set.join("\n") + "\n");
    builds++;
    log(`### build ${builds}: tscc compiles ${set.length} file(s): ${set.join(" ")}`);
    const { result } = await buildProject(recipe, {
      arch: opts.arch, opt: opts.opt, cc: "mixed", fast: opts.fast, tag: "bisect", log,
      env: { TSCC_FILES: listFile, TSCC_SPLIT: splitUnits.join(","), TSCC_MIX_CACHE: mixCache },
    });
    const fails = !result.built || result.failed > 0;
    const what = !result.built ? `build failed (${result.stage ?? "?"})`
      : `${result.passed} passed, ${result.failed} failed${result.notes.length ? ": " + result.notes[0]! : ""}`;
    const o = { fails, what };
    cache.set(key, o);
    const shown = set.length <= 6 ? set.join(" ") : `${set.slice(0, 5).join(" ")} … (+${set.length - 5})`;
    console.log(`  build ${String(builds).padStart(2)}: tscc on [${shown}] → ${fails ? "FAIL" : "pass"} (${what.slice(0, 80)})`);
    log(`### → ${fails ? "FAIL" : "pass"}: ${what}`);
    return o;
  };

  console.log(`bisect ${recipe.name} ${opts.arch} -O${opts.opt}: ${units.length} files, seed ${opts.seed} (log: ${logFile})`);
  const allGcc = await test([]);
  if (allGcc.fails) { console.log("  the all-gcc build fails too: not a tscc miscompilation (see log)"); return undefined; }
  const allTscc = await test(units);
  if (!allTscc.fails) { console.log("  the all-tscc build passes: nothing to bisect"); return undefined; }

  // Candidates: whole files, and the functions of the files mixed per function
  // (their lists were written by the all-tscc build).
  let current: string[] = [];
  for (const u of units) {
    const funcs = join(mixCache, `${u}.funcs`);
    if (!splitUnits.includes(u) || !existsSync(funcs)) { current.push(u); continue; }
    current.push(...shuffle(readFileSync(funcs, "utf8").split("\n").filter(Boolean).sort().map((f) => `${u}:${f}`), opts.seed));
  }
  if (current.length !== units.length) console.log(`  ${current.length} candidates (functions of ${splitUnits.join(", ")})`);

  // One culprit: halve, build one half; a pass means the other half.
  let guess = current;
  while (guess.length >= 2) {
    const half = guess.slice(0, Math.ceil(guess.length / 2));
    guess = (await test(half)).fails ? half : guess.slice(half.length);
  }
  if ((await test(guess)).fails) current = guess;
  else {
    // ddmin (Zeller): shrink the failing set of tscc-compiled files to a 1-minimal one.
    let n = 2;
    while (current.length >= 2) {
      const chunks = split(current, n);
      let reduced = false;
      for (const c of chunks) {
        if ((await test(c)).fails) { current = c; n = 2; reduced = true; break; }
      }
      if (!reduced && n > 2) {
        for (const c of chunks) {
          const complement = current.filter((u) => !c.includes(u));
          if ((await test(complement)).fails) { current = complement; n = Math.max(n - 1, 2); reduced = true; break; }
        }
      }
      if (!reduced) {
        if (n >= current.length) break;
        n = Math.min(current.length, n * 2);
      }
    }
  }
  const line = `bisect ${recipe.name} ${opts.arch} -O${opts.opt}: tscc-compiled ${current.join(" + ")} ${current.length > 1 ? "fail together" : "fails"} (${builds} builds)`;
  console.log(line);
  log(line);
  return current;
}

function split<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  const size = Math.ceil(xs.length / n);
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const a = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = a.length - 1; i > 0; i--) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

async function main(): Promise<void> {
  const program = new Command()
    .name("bisect")
    .argument("<project>", RECIPES.map((r) => r.name).join(", "))
    .option("--arch <arch>", "target", "x86_64")
    .option("-O, --opt <level>", "optimisation level", "2")
    .option("--seed <n>", "seed (default: from TSCC_AGENT_ID or the host name)")
    .option("--units <files>", "comma-separated candidate files (default: the recipe's list); gcc compiles the others")
    .option("--full", "run the full tests at each step instead of --fast", false)
    .parse();
  const o = program.opts<{ arch: string; opt: string; seed?: string; units?: string; full: boolean }>();
  const found = await bisect({
    name: program.args[0]!, arch: o.arch as Arch, opt: o.opt.replace(/^-?O/, ""),
    seed: o.seed !== undefined ? Number(o.seed) : seedFromEnv(), fast: !o.full,
    units: o.units?.split(","),
  });
  process.exitCode = found ? 0 : 1;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
