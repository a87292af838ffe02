// GCC torture execute tests through tscc's linker: each test is compiled by
// gcc (-c -w -O0 plus its dg-options, as tests/torture/suite.ts reads them), linked in-process by src/link as PIE, non-PIE and static
// executables, and run. Tests gcc itself fails (tests/torture/gcc-pass-x86_64.txt)
// are not counted.
//
//   npx tsx tests/link/torture-link.ts [--kinds pie,no-pie,static] [--fast] [--filter RE]
//
// Prints one summary line per kind and at most 10 failing names; every failure
// goes to .cache/torture-link.log as `ERROR: <kind> <test>: <reason>`.

import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { InputCache, runLinker } from "../../src/link/index.js";
import { discoverTests, ensureSuite, SUITE_DIR } from "../torture/suite.js";
import { LINK_KINDS, linkLine, type LinkKind } from "./gnu-link-line.js";

const ROOT = join(import.meta.dirname, "../..");
// A worktree may share the suite extracted by the main checkout.
const SHARED_SUITE = "/work/main/.cache/torture";
if (!existsSync(SUITE_DIR) && existsSync(SHARED_SUITE)) {
  mkdirSync(join(ROOT, ".cache"), { recursive: true });
  symlinkSync(SHARED_SUITE, join(ROOT, ".cache/torture"));
}
const BASELINE = join(ROOT, "tests/torture/gcc-pass-x86_64.txt");
const LOG = join(ROOT, ".cache/torture-link.log");

const program = new Command()
  .option("--kinds <list>", "link kinds", LINK_KINDS.join(","))
  .option("--fast", "a deterministic sample of about 1 in 8 tests")
  .option("--filter <re>", "only tests whose name matches")
  .parse();
const opts = program.opts<{ kinds: string; fast?: boolean; filter?: string }>();
const kinds = opts.kinds.split(",") as LinkKind[];

ensureSuite();

const hash = (s: string): number => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
};
const seed = process.env.TSCC_AGENT_ID ?? hostname();
const gccPasses = existsSync(BASELINE) ? new Set(readFileSync(BASELINE, "utf8").split("\n").filter((l) => l && !l.startsWith("#"))) : undefined;

let tests = discoverTests("x86_64", "-O0").filter((t) => !t.unsupported);
if (gccPasses) tests = tests.filter((t) => gccPasses.has(t.name));
if (opts.filter) tests = tests.filter((t) => new RegExp(opts.filter!).test(t.name));
if (opts.fast) tests = tests.filter((t) => hash(seed + t.name) % 8 === 0);

const work = mkdtempSync(join(tmpdir(), "torture-link-"));
const cache = new InputCache();
const results = new Map<LinkKind, { pass: number; fail: string[] }>(kinds.map((k) => [k, { pass: 0, fail: [] }]));
mkdirSync(join(ROOT, ".cache"), { recursive: true });
writeFileSync(LOG, "");
const log = { push: (line: string): void => appendFileSync(LOG, line + "\n") };
let skipped = 0;
let lastProgress = Date.now();

for (const [n, test] of tests.entries()) {
  if (Date.now() - lastProgress > 30000) {
    const failed = [...results.values()].reduce((a, r) => a + r.fail.length, 0);
    process.stderr.write(`  ${n}/${tests.length}, ${failed} failures\n`);
    lastProgress = Date.now();
  }
  const stem = test.name.replace(/\//g, "_");
  const objs = test.files.map((f, i) => join(work, `${stem}.${i}.o`));
  const compiled = test.files.every((f, i) =>
    spawnSync("gcc", ["-c", "-w", "-O0", ...test.options, "-o", objs[i], f], { encoding: "utf8" }).status === 0);
  if (!compiled) {
    skipped++;
    continue;
  }
  for (const kind of kinds) {
    const r = results.get(kind)!;
    const exe = join(work, `${stem}.${kind}`);
    let stderr = "";
    const status = runLinker(linkLine(kind, exe, objs, ["-lm"]), { stderr: (s) => { stderr += s; }, cache });
    if (status !== 0) {
      r.fail.push(test.name);
      log.push(`ERROR: ${kind} ${test.name}: link failed: ${stderr.trim().split("\n").slice(0, 3).join(" | ")}`);
      continue;
    }
    const run = spawnSync(exe, [], { timeout: 10_000, encoding: "utf8" });
    if (run.status === 0) r.pass++;
    else {
      r.fail.push(test.name);
      log.push(`ERROR: ${kind} ${test.name}: exit ${run.status ?? run.signal}${run.stderr ? `: ${run.stderr.trim().slice(0, 200)}` : ""}`);
    }
    rmSync(exe, { force: true });
  }
  for (const o of objs) rmSync(o, { force: true });
}
rmSync(work, { recursive: true, force: true });

for (const [kind, r] of results) {
  console.log(`${kind}: ${r.pass} passed, ${r.fail.length} failed`);
  if (r.fail.length) console.log(`  ${r.fail.slice(0, 10).join(" ")}${r.fail.length > 10 ? " …" : ""}`);
}
if (skipped) console.log(`(${skipped} not compiled by gcc -c; log: ${LOG})`);
process.exitCode = [...results.values()].some((r) => r.fail.length) ? 1 : 0;
