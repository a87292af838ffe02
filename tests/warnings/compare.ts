// Warnings against gcc 12 (issue 19's bar): both compilers check the same
// files with `-fsyntax-only -Wall -Wextra -O0`; a warning is its (file, line,
// [-Wname]). For each warning name tscc implements, recall = the share of
// gcc's warnings tscc also gives, extra = the share of tscc's that gcc does
// not give. Names outside WATCHED are not counted (gcc's optimiser-driven
// and C++-only warnings, or ones tscc does not attempt yet: listed as such).
//
//   npx tsx tests/warnings/compare.ts [--corpus torture,zlib,bzip2,lua,sqlite3] [--fast] [--show NAME] [--flags "-Wstrict-prototypes …"]
//
// gcc's output is cached per (arguments, source text) in .cache/warnings-gcc;
// TSCC_BUNDLE=path measures another tscc bundle (a frozen copy) than dist/tscc.cjs.
//
// Sources: the torture suite (tests/torture), the projects' Debian sources
// (tests/projects fetchSource; SQLite's amalgamation from a projects build,
// `npm run projects -- sqlite3`, when one exists).

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { fetchSource, PROJECTS } from "../projects/common.js";
import { RECIPES } from "../projects/recipes/index.js";
import { ensureSuite, SUITE_DIR } from "../torture/suite.js";
import { ROOT, TSCC_BUNDLE_PATH } from "../bundle.js";
import { WATCHED } from "./watched.js";


interface Unit { corpus: string; file: string; flags: string[]; cwd: string }
type Key = string; // file:line:name

const WARNING = /^(.*?):(\d+):(\d+): warning: .*\[-W([a-z0-9-]+)(?:=[^\]]*)?\]$/;

/** The compiler measured: TSCC_BUNDLE (a frozen copy, to measure a baseline while src/ changes) or dist/tscc.cjs. */
const BUNDLE = process.env.TSCC_BUNDLE ?? TSCC_BUNDLE_PATH;
/** gcc's stderr per (arguments, source text): gcc does not change between runs, so it runs once per file. */
const GCC_CACHE = join(ROOT, ".cache/warnings-gcc");

function run(cmd: string, args: string[], cwd: string): { stderr: string; status: number | null } {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  return { stderr: r.stderr ?? "", status: r.status };
}

function runGcc(args: string[], cwd: string, file: string): { stderr: string; status: number | null } {
  const key = createHash("sha256").update(JSON.stringify(args)).update(existsSync(join(cwd, file)) ? readFileSync(join(cwd, file)) : "").digest("hex").slice(0, 24);
  const path = join(GCC_CACHE, `${key}.json`);
  if (existsSync(path)) return JSON.parse(readFileSync(path, "utf8")) as { stderr: string; status: number | null };
  const r = run("gcc", args, cwd);
  mkdirSync(GCC_CACHE, { recursive: true });
  writeFileSync(path, JSON.stringify(r));
  return r;
}

function warnings(r: { stderr: string; status: number | null }): { keys: Map<Key, string>; failed: boolean } {
  const keys = new Map<Key, string>();
  for (const line of r.stderr.split("\n")) {
    const m = WARNING.exec(line);
    if (m) keys.set(`${m[1]}:${m[2]}:${m[4]}`, line);
  }
  return { keys, failed: r.status !== 0 };
}

async function corpusUnits(name: string, fast: boolean): Promise<Unit[]> {
  const sample = <T>(xs: T[], n: number): T[] => (fast ? xs.filter((_, i) => i % n === 0) : xs);
  if (name === "torture") {
    ensureSuite();
    const dir = join(SUITE_DIR, "execute");
    const files = readdirSync(dir).filter((f) => f.endsWith(".c")).sort();
    return sample(files, 10).map((file) => ({ corpus: name, file, flags: [], cwd: dir }));
  }
  const recipe = RECIPES.find((r) => r.name === name || r.pkg === name);
  if (!recipe) throw new Error(`unknown corpus ${name}`);
  if (recipe.name === "sqlite") {
    const built = existsSync(join(PROJECTS, "build")) ? readdirSync(join(PROJECTS, "build")).filter((d) => d.startsWith("sqlite")).map((d) => join(PROJECTS, "build", d)).find((d) => existsSync(join(d, "sqlite3.c"))) : undefined;
    if (!built) { console.log(`sqlite3: no amalgamation (run \`npm run projects -- sqlite3\` first): not counted`); return []; }
    return [{ corpus: name, file: "sqlite3.c", flags: ["-DSQLITE_THREADSAFE=1"], cwd: built }];
  }
  const dir = await fetchSource(recipe, () => {});
  const flags = recipe.name === "lua" ? ["-DLUA_COMPAT_5_3", "-DLUA_USE_LINUX"] : [];
  const cwd = recipe.name === "lua" ? join(dir, "src") : dir;
  return (recipe.units?.(dir) ?? []).map((file) => ({ corpus: name, file, flags, cwd }));
}

async function main(): Promise<void> {
  const opts = new Command()
    .option("--corpus <list>", "torture, zlib, bzip2, lua, sqlite3", "torture,zlib,bzip2,lua,sqlite3")
    .option("--fast", "every 10th torture file", false)
    .option("--show <name>", "print the differing warnings of one name")
    .option("--flags <options>", "more options for both compilers (the warnings only given when asked: -Wstrict-prototypes …)", "")
    .parse().opts<{ corpus: string; fast: boolean; show?: string; flags: string }>();
  const units: Unit[] = [];
  for (const c of opts.corpus.split(",")) units.push(...await corpusUnits(c, opts.fast));
  const common = ["-S", "-o", "/dev/null", "-Wall", "-Wextra", "-O0", "-fno-diagnostics-color", ...opts.flags.split(/\s+/).filter((f) => f !== "")];
  const stats = new Map<string, { gcc: number; both: number; tscc: number }>();
  const stat = (n: string): { gcc: number; both: number; tscc: number } => {
    let s = stats.get(n);
    if (!s) stats.set(n, (s = { gcc: 0, both: 0, tscc: 0 }));
    return s;
  };
  const shown: string[] = [];
  let done = 0, skipped = 0;
  for (const u of units) {
    const g = warnings(runGcc([...common, ...u.flags, u.file], u.cwd, u.file));
    if (g.failed) { skipped++; continue; } // gcc rejects it (torture tests needing options): not a warning corpus
    const t = warnings(run(process.execPath, [BUNDLE, ...common, ...u.flags, u.file], u.cwd));
    for (const [k, line] of g.keys) {
      const name = k.slice(k.lastIndexOf(":") + 1);
      const s = stat(name);
      s.gcc++;
      if (t.keys.has(k)) s.both++;
      else if (opts.show === name) shown.push(`${u.corpus}: gcc only: ${line}`);
    }
    for (const [k, line] of t.keys) {
      const name = k.slice(k.lastIndexOf(":") + 1);
      stat(name).tscc++;
      if (!g.keys.has(k) && opts.show === name) shown.push(`${u.corpus}: tscc only: ${line}`);
    }
    if (++done % 100 === 0) process.stderr.write(`  ${done}/${units.length}\n`);
  }
  const pct = (a: number, b: number): string => (b === 0 ? "-" : `${((100 * a) / b).toFixed(1)}%`);
  console.log(`warnings vs gcc 12 (-Wall -Wextra -O0) on ${done} files (${skipped} gcc rejects): recall = tscc also gives it, extra = gcc does not`);
  console.log(`${"warning".padEnd(32)} ${"gcc".padStart(6)} ${"tscc".padStart(6)} ${"both".padStart(6)} ${"recall".padStart(7)} ${"extra".padStart(7)}`);
  let G = 0, T = 0, B = 0;
  for (const name of [...stats.keys()].sort()) {
    const s = stats.get(name)!;
    const watched = WATCHED.includes(name);
    if (watched) { G += s.gcc; T += s.tscc; B += s.both; }
    console.log(`${(watched ? "" : "(") + name + (watched ? "" : ")")}`.padEnd(32) + ` ${String(s.gcc).padStart(6)} ${String(s.tscc).padStart(6)} ${String(s.both).padStart(6)} ${pct(s.both, s.gcc).padStart(7)} ${pct(s.tscc - s.both, s.tscc).padStart(7)}`);
  }
  console.log(`${"all watched".padEnd(32)} ${String(G).padStart(6)} ${String(T).padStart(6)} ${String(B).padStart(6)} ${pct(B, G).padStart(7)} ${pct(T - B, T).padStart(7)}`);
  for (const l of shown.slice(0, 60)) console.log(l);
}

await main();
