// GCC torture execute tests through tscc's linker: each test is compiled by
// gcc (-c -w -O0), linked in-process by src/link as PIE, non-PIE and static
// executables, and run. Tests gcc itself fails (tests/torture/gcc-pass-x86_64.txt)
// are not counted.
//
//   npx tsx tests/link/torture-link.ts [--kinds pie,no-pie,static] [--fast] [--filter RE]
//
// Prints one summary line per kind and at most 10 failing names; every failure
// goes to .cache/torture-link.log as `ERROR: <kind> <test>: <reason>`.

import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Command } from "commander";
import { InputCache, runLinker } from "../../src/link/index.js";
import { LINK_KINDS, linkLine, type LinkKind } from "./gnu-link-line.js";

const ROOT = join(import.meta.dirname, "../..");
const SUITE = ["/work/main/.cache/torture/gcc.c-torture/execute", join(ROOT, ".cache/torture/gcc.c-torture/execute")].find(existsSync);
const BASELINE = join(ROOT, "tests/torture/gcc-pass-x86_64.txt");
const LOG = join(ROOT, ".cache/torture-link.log");

const program = new Command()
  .option("--kinds <list>", "link kinds", LINK_KINDS.join(","))
  .option("--fast", "a deterministic sample of about 1 in 8 tests")
  .option("--filter <re>", "only tests whose name matches")
  .parse();
const opts = program.opts<{ kinds: string; fast?: boolean; filter?: string }>();
const kinds = opts.kinds.split(",") as LinkKind[];

if (!SUITE) {
  console.error("torture suite not found: run `npx tsx tests/torture/run.ts` once to extract it");
  process.exit(2);
}

const hash = (s: string): number => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
};
const seed = process.env.TSCC_AGENT_ID ?? hostname();
const gccPasses = existsSync(BASELINE) ? new Set(readFileSync(BASELINE, "utf8").split("\n").filter((l) => l && !l.startsWith("#"))) : undefined;

let tests = readdirSync(SUITE).filter((f) => f.endsWith(".c")).map((f) => f.slice(0, -2)).sort();
if (gccPasses) tests = tests.filter((t) => gccPasses.has(t));
if (opts.filter) tests = tests.filter((t) => new RegExp(opts.filter!).test(t));
if (opts.fast) tests = tests.filter((t) => hash(seed + t) % 8 === 0);

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
  const obj = join(work, `${basename(test)}.o`);
  const cc = spawnSync("gcc", ["-c", "-w", "-O0", "-o", obj, join(SUITE, `${test}.c`)], { encoding: "utf8" });
  if (cc.status !== 0) {
    skipped++;
    continue;
  }
  for (const kind of kinds) {
    const r = results.get(kind)!;
    const exe = join(work, `${basename(test)}.${kind}`);
    let stderr = "";
    const status = runLinker(linkLine(kind, exe, [obj], ["-lm"]), { stderr: (s) => { stderr += s; }, cache });
    if (status !== 0) {
      r.fail.push(test);
      log.push(`ERROR: ${kind} ${test}: link failed: ${stderr.trim().split("\n").slice(0, 3).join(" | ")}`);
      continue;
    }
    const run = spawnSync(exe, [], { timeout: 10_000, encoding: "utf8" });
    if (run.status === 0) r.pass++;
    else {
      r.fail.push(test);
      log.push(`ERROR: ${kind} ${test}: exit ${run.status ?? run.signal}${run.stderr ? `: ${run.stderr.trim().slice(0, 200)}` : ""}`);
    }
    rmSync(exe, { force: true });
  }
  rmSync(obj, { force: true });
}
rmSync(work, { recursive: true, force: true });

for (const [kind, r] of results) {
  console.log(`${kind}: ${r.pass} passed, ${r.fail.length} failed`);
  if (r.fail.length) console.log(`  ${r.fail.slice(0, 10).join(" ")}${r.fail.length > 10 ? " …" : ""}`);
}
if (skipped) console.log(`(${skipped} not compiled by gcc -c; log: ${LOG})`);
process.exitCode = [...results.values()].some((r) => r.fail.length) ? 1 : 0;
