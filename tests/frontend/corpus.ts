// Frontend corpora against gcc as the oracle. For every file of a corpus:
//   -E            tscc's preprocessed output must spell the same tokens as gcc -E
//                 (whitespace and line markers aside). gcc is pointed at tscc's own
//                 header search path (tscc's include/ first, then the target's system
//                 directories) so both preprocess the same files.
//   -fsyntax-only tscc must accept every file the target's gcc accepts.
// Files gcc itself rejects are left out of the denominators.
//
//   npx tsx tests/frontend/corpus.ts --corpus torture --arch x86_64
//   npx tsx tests/frontend/corpus.ts --corpus all --arch all --fast
//
// Prints `<corpus> <arch>: -E N of M identical, -fsyntax-only N of M accepted` and writes
// one `ERROR: file: reason` line per failure to .cache/logs/frontend-<corpus>-<arch>.log.
// tscc runs in-process (the driver's own configuration and entry points), gcc as a
// subprocess, `--jobs` gcc processes ahead of tscc.

import { Command } from "commander";
import { execa } from "execa";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join, relative } from "node:path";
import { preprocessOptions } from "../../src/driver/compile.js";
import { parseCommandLine } from "../../src/driver/config.js";
import { Diagnostics, FatalError } from "../../src/frontend/diagnostics.js";
import { NodeHost } from "../../src/frontend/host-node.js";
import { tokenizeString } from "../../src/frontend/lexer.js";
import { parseTranslationUnit } from "../../src/frontend/parse.js";
import { printPreprocessed } from "../../src/frontend/pp-output.js";
import { preprocess } from "../../src/frontend/preprocess.js";
import { SourceManager } from "../../src/frontend/source.js";
import { discoverTests, ensureSuite, hash32 } from "../torture/suite.js";

export type Arch = "x86_64" | "aarch64" | "riscv64";
export const ARCHES: readonly Arch[] = ["x86_64", "aarch64", "riscv64"];
export const CORPORA = ["torture", "headers", "sqlite", "lua"] as const;
export type CorpusName = (typeof CORPORA)[number];

const ROOT = join(import.meta.dirname, "../..");
const CACHE = join(ROOT, ".cache");
const INCLUDE_ROOT = join(ROOT, "include");
const GCC: Record<Arch, string> = { x86_64: "gcc", aarch64: "aarch64-linux-gnu-gcc", riscv64: "riscv64-linux-gnu-gcc" };
const TRIPLE: Record<Arch, string> = { x86_64: "x86_64-linux-gnu", aarch64: "aarch64-linux-gnu", riscv64: "riscv64-linux-gnu" };

/** One file of a corpus with the options both compilers get. */
export interface CorpusFile {
  /** Name in reports: relative to the corpus root. */
  name: string;
  path: string;
  args: string[];
}

// ---------------------------------------------------------------- corpora

function tortureFiles(arch: Arch): CorpusFile[] {
  ensureSuite();
  const seen = new Set<string>();
  const files: CorpusFile[] = [];
  const execDir = join(CACHE, "torture/gcc.c-torture/execute");
  for (const t of discoverTests(arch, "-O0")) {
    if (t.unsupported !== undefined) continue;
    // Only the options that change what the frontend sees.
    const args = t.options.filter((o) => /^-(D|U|I|std=|fgnu89-inline|fno-builtin|funsigned-char|fsigned-char)/.test(o));
    for (const path of t.files) {
      if (seen.has(path)) continue;
      seen.add(path);
      files.push({ name: relative(execDir, path), path, args: ["-w", ...args] });
    }
  }
  return files;
}

/** Where a target's headers live: /usr/include for the host, the cross root's include/ otherwise. */
function headerRoots(arch: Arch): string[] {
  return arch === "x86_64" ? [`/usr/include/${TRIPLE[arch]}`, "/usr/include"] : [`/usr/${TRIPLE[arch]}/include`];
}

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith(".h") && (e.isFile() || (e.isSymbolicLink() && existsSync(p) && statSync(p).isFile()))) out.push(p);
  }
}

/** Every header, each included alone from a one-line file (`#include <sys/types.h>`). */
function headerFiles(arch: Arch): CorpusFile[] {
  const roots = headerRoots(arch);
  const stubs = join(CACHE, "frontend-corpus", `headers-${arch}`);
  mkdirSync(stubs, { recursive: true });
  const seen = new Set<string>();
  const files: CorpusFile[] = [];
  for (const root of roots) {
    const found: string[] = [];
    walk(root, found);
    for (const path of found.sort()) {
      // A header under a more specific root is named relative to that root.
      if (roots.some((r) => r !== root && r.startsWith(root + "/") && path.startsWith(r + "/"))) continue;
      const rel = relative(root, path);
      if (seen.has(rel)) continue;
      seen.add(rel);
      const stub = join(stubs, `${hash32(rel).toString(16)}-${rel.replace(/[^A-Za-z0-9_.-]/g, "_")}.c`);
      if (!existsSync(stub)) writeFileSync(stub, `#include <${rel}>\n`);
      files.push({ name: rel, path: stub, args: [] });
    }
  }
  return files;
}

function sourceDir(prefix: string): string | undefined {
  const dir = join(CACHE, "src");
  if (!existsSync(dir)) return undefined;
  const d = readdirSync(dir).find((e) => e.startsWith(prefix) && statSync(join(dir, e)).isDirectory());
  return d === undefined ? undefined : join(dir, d);
}

const FETCH_HINT =
  "cd .cache && apt-get source --download-only sqlite3=3.40.1-2+deb12u2 lua5.4=5.4.4-3+deb12u1 && mkdir -p src && cd src && " +
  "dpkg-source -x ../sqlite3_*.dsc && dpkg-source -x ../lua5.4_*.dsc && " +
  "cd sqlite3-*/ && mkdir -p bld && cd bld && ../configure && make sqlite3.c";

export function sqliteAmalgamation(): string | undefined {
  const dir = sourceDir("sqlite3-");
  const path = dir && join(dir, "bld/sqlite3.c");
  return path !== undefined && existsSync(path) ? path : undefined;
}

function sqliteFiles(): CorpusFile[] {
  const path = sqliteAmalgamation();
  if (path === undefined) throw new Error(`SQLite amalgamation not found; build it with:\n  ${FETCH_HINT}`);
  return [{ name: "sqlite3.c", path, args: [] }];
}

function luaFiles(arch: Arch): CorpusFile[] {
  const dir = sourceDir("lua5.4-");
  if (dir === undefined) throw new Error(`Lua 5.4 sources not found; get them with:\n  ${FETCH_HINT}`);
  const src = join(dir, "src");
  // Debian's luaconf.h includes a header its rules generate per architecture.
  const gen = join(CACHE, "frontend-corpus", `lua-${arch}`);
  mkdirSync(gen, { recursive: true });
  writeFileSync(join(gen, "lua5.4-deb-multiarch.h"),
    `#ifndef _LUA_DEB_MULTIARCH_\n#define _LUA_DEB_MULTIARCH_\n#define DEB_HOST_MULTIARCH "${TRIPLE[arch]}"\n#endif\n`);
  // The options of Lua's own makefile for Linux.
  const args = ["-I", gen, "-DLUA_COMPAT_5_3", "-DLUA_USE_LINUX"];
  return readdirSync(src).filter((f) => f.endsWith(".c")).sort().map((f) => ({ name: f, path: join(src, f), args }));
}

export function corpusFiles(corpus: CorpusName, arch: Arch): CorpusFile[] {
  switch (corpus) {
    case "torture": return tortureFiles(arch);
    case "headers": return headerFiles(arch);
    case "sqlite": return sqliteFiles();
    case "lua": return luaFiles(arch);
  }
}

// ---------------------------------------------------------------- the two compilers

interface GccResult {
  /** -E output, or undefined when gcc rejects the file in preprocessing. */
  pp: string | undefined;
  /** gcc -fsyntax-only accepts the file. */
  accepts: boolean;
}

/**
 * Options both sides get for -E: __VERSION__ names tscc in tscc ("12.2.0 (tscc 0.1.0)"),
 * so it is set to one value for the comparison.
 */
const PP_ARGS = ["-U__VERSION__", '-D__VERSION__="corpus"'];

async function runGcc(arch: Arch, f: CorpusFile, searchDirs: readonly string[]): Promise<GccResult> {
  const opts = { reject: false, timeout: 60_000, maxBuffer: 1 << 30, encoding: "latin1" as const, stdin: "ignore" as const };
  const pathArgs = ["-nostdinc", ...searchDirs.flatMap((d) => ["-isystem", d])];
  const [e, s] = await Promise.all([
    execa(GCC[arch], ["-E", ...pathArgs, ...PP_ARGS, ...f.args, f.path], opts),
    execa(GCC[arch], ["-fsyntax-only", "-w", ...f.args, f.path], opts),
  ]);
  return { pp: e.exitCode === 0 ? e.stdout : undefined, accepts: s.exitCode === 0 };
}

/** The spelled tokens of -E output, without line markers (`# 12 "file" 1`). */
export function spelledTokens(text: string): string[] {
  const diags = new Diagnostics(new SourceManager(), undefined, () => {});
  const toks = tokenizeString(text, "<-E>", diags);
  const out: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === "eof") break;
    if (t.bol && t.text === "#" && toks[i + 1].kind === "number" && !toks[i + 1].bol) {
      while (!toks[i + 1].bol) i++;
      continue;
    }
    out.push(t.text);
  }
  return out;
}

/** Where two token lists first differ, with a little context; undefined when equal. */
export function firstDifference(ours: readonly string[], theirs: readonly string[]): string | undefined {
  const n = Math.min(ours.length, theirs.length);
  let i = 0;
  while (i < n && ours[i] === theirs[i]) i++;
  if (i === n && ours.length === theirs.length) return undefined;
  const ctx = (a: readonly string[]): string => a.slice(Math.max(0, i - 4), i + 4).join(" ") || "<end>";
  return `-E differs at token ${i} of ${theirs.length}: tscc '${ctx(ours)}' gcc '${ctx(theirs)}'`;
}

interface TsccResult {
  pp: string | undefined;
  ppError: string | undefined;
  accepts: boolean;
  syntaxError: string | undefined;
}

function firstError(messages: string): string {
  const line = messages.split("\n").find((l) => / (fatal )?error: /.test(l));
  return (line ?? messages.split("\n")[0] ?? "").trim().slice(0, 300);
}

/** What `tscc -target ARCH -E` and `-fsyntax-only` do for `f`, in-process (one preprocessing run). */
export function runTscc(arch: Arch, f: CorpusFile, parse: boolean): TsccResult {
  const cfg = parseCommandLine(["-target", arch, "-fsyntax-only", ...PP_ARGS, ...f.args, f.path]);
  let messages = "";
  const diags = new Diagnostics(new SourceManager(), cfg.warnings, (t) => { messages += t; });
  const r: TsccResult = { pp: undefined, ppError: undefined, accepts: false, syntaxError: undefined };
  try {
    const pp = preprocess(f.path, new NodeHost(), diags, preprocessOptions(cfg, INCLUDE_ROOT, false));
    if (diags.errorCount > 0) {
      r.ppError = firstError(messages);
      return r;
    }
    r.pp = printPreprocessed(pp);
    if (!parse) return r;
    parseTranslationUnit(pp.tokens, { layout: cfg.toolchain.layout, std: cfg.std, gnu89Inline: cfg.gnu89Inline }, diags);
    r.accepts = diags.errorCount === 0;
    if (!r.accepts) r.syntaxError = firstError(messages);
  } catch (e) {
    const reason = e instanceof FatalError ? firstError(messages) : `crash: ${e instanceof Error ? (e.stack ?? e.message).split("\n").slice(0, 3).join(" | ") : String(e)}`;
    if (r.pp === undefined) r.ppError = reason;
    else r.syntaxError = reason;
  }
  return r;
}

// ---------------------------------------------------------------- the run

export interface CorpusOptions {
  fast: boolean;
  filter?: RegExp;
  jobs: number;
  quiet: boolean;
}

export interface CorpusFigures {
  ppSame: number;
  ppTotal: number;
  accepted: number;
  acceptTotal: number;
  failures: string[];
  seconds: number;
}

/** The tscc search path, which gcc -E is given as well. */
function searchDirs(arch: Arch): readonly string[] {
  const cfg = parseCommandLine(["-target", arch, "-E", "x.c"]);
  return preprocessOptions(cfg, INCLUDE_ROOT, false).stdDirs ?? [];
}

export async function runCorpus(corpus: CorpusName, arch: Arch, o: CorpusOptions): Promise<CorpusFigures> {
  const started = Date.now();
  let files = corpusFiles(corpus, arch);
  if (o.filter) files = files.filter((f) => o.filter!.test(f.name));
  if (o.fast && files.length > 20) {
    const seed = process.env.TSCC_AGENT_ID ?? hostname();
    files = files.filter((f) => hash32(`${seed}:${f.name}`) % 10 === 0);
  }
  const dirs = searchDirs(arch);
  const fig: CorpusFigures = { ppSame: 0, ppTotal: 0, accepted: 0, acceptTotal: 0, failures: [], seconds: 0 };
  const pending: Promise<GccResult>[] = [];
  let next = 0;
  const fill = (): void => {
    while (next < files.length && pending.length < o.jobs) pending.push(runGcc(arch, files[next++], dirs));
  };
  let lastReport = Date.now();
  for (let i = 0; i < files.length; i++) {
    fill();
    const gcc = await pending.shift()!;
    fill();
    const f = files[i];
    if (gcc.pp === undefined && !gcc.accepts) continue;
    const ours = runTscc(arch, f, gcc.accepts);
    if (gcc.pp !== undefined) {
      fig.ppTotal++;
      const diff = ours.pp === undefined ? `-E failed: ${ours.ppError}` : firstDifference(spelledTokens(ours.pp), spelledTokens(gcc.pp));
      if (diff === undefined) fig.ppSame++;
      else fig.failures.push(`ERROR: ${f.name}: ${diff}`);
    }
    if (gcc.accepts) {
      fig.acceptTotal++;
      const reason = ours.ppError ?? ours.syntaxError ?? "";
      if (ours.accepts) fig.accepted++;
      else fig.failures.push(`ERROR: ${f.name}: -fsyntax-only rejects: ${reason}`);
    }
    if (!o.quiet && Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      process.stderr.write(`  ${corpus} ${arch}: ${i + 1}/${files.length} files\n`);
    }
  }
  fig.seconds = (Date.now() - started) / 1000;
  return fig;
}

export function logPath(corpus: CorpusName, arch: Arch): string {
  return join(CACHE, "logs", `frontend-${corpus}-${arch}.log`);
}

async function main(): Promise<void> {
  const program = new Command()
    .name("corpus")
    .description("compare tscc's preprocessor and parser with gcc on a corpus")
    .option("--corpus <name>", `${CORPORA.join(", ")} or all`, "all")
    .option("--arch <arch>", `${ARCHES.join(", ")} or all`, "x86_64")
    .option("--fast", "a deterministic ~10% sample (seeded by TSCC_AGENT_ID or the host name)", false)
    .option("--filter <regex>", "only files whose name matches")
    .option("--jobs <n>", "gcc processes to run ahead of tscc", "2")
    .option("--quiet", "no progress lines", false)
    .parse();
  const opts = program.opts<{ corpus: string; arch: string; fast: boolean; filter?: string; jobs: string; quiet: boolean }>();
  const corpora = opts.corpus === "all" ? [...CORPORA] : opts.corpus.split(",");
  const arches = opts.arch === "all" ? [...ARCHES] : opts.arch.split(",");
  for (const c of corpora) if (!(CORPORA as readonly string[]).includes(c)) program.error(`unknown corpus '${c}'`);
  for (const a of arches) if (!(ARCHES as readonly string[]).includes(a)) program.error(`unknown arch '${a}'`);
  let failed = false;
  for (const arch of arches as Arch[]) {
    try {
      await execa(GCC[arch], ["--version"]);
    } catch {
      console.log(`${arch}: skipped (${GCC[arch]} not installed)`);
      continue;
    }
    for (const corpus of corpora as CorpusName[]) {
      let fig: CorpusFigures;
      try {
        fig = await runCorpus(corpus, arch, {
          fast: opts.fast, jobs: Math.max(1, Number(opts.jobs)), quiet: opts.quiet,
          ...(opts.filter !== undefined ? { filter: new RegExp(opts.filter) } : {}),
        });
      } catch (e) {
        console.log(`${corpus} ${arch}: not run: ${e instanceof Error ? e.message : String(e)}`);
        failed = true;
        continue;
      }
      const log = logPath(corpus, arch);
      mkdirSync(dirname(log), { recursive: true });
      writeFileSync(log, fig.failures.join("\n") + (fig.failures.length ? "\n" : ""));
      console.log(
        `${corpus} ${arch}: -E ${fig.ppSame} of ${fig.ppTotal} identical, -fsyntax-only ${fig.accepted} of ${fig.acceptTotal} accepted` +
        `${opts.fast ? " (fast sample)" : ""} in ${fig.seconds.toFixed(0)}s; log: ${relative(process.cwd(), log)}`,
      );
      for (const line of fig.failures.slice(0, 10)) console.log(`  ${line.slice(0, 200)}`);
      if (fig.failures.length > 0) failed = true;
    }
  }
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 2;
  });
}
