// GCC torture execute tests through tscc's linker: each test is compiled by
// gcc (-c -w -O0 plus its dg-options, as tests/torture/suite.ts reads them), linked in-process by src/link as PIE, non-PIE and static
// executables, and run. Tests gcc itself fails (tests/torture/gcc-pass-<arch>.txt)
// are not counted.
//
//   npx tsx tests/link/torture-link.ts [--arch x86_64|riscv64|aarch64] [-O 0|2] [--kinds pie,no-pie,static]
//                                      [--fast] [--filter RE] [--gnu] [--sizes] [--log FILE]
//
// For riscv64 and aarch64 the objects come from the Debian cross gcc, the link
// line is the one that gcc passes to collect2 (tests/link/cross-link-line.ts)
// and the programs run under qemu-user. --gnu also links every test with GNU ld
// (through the cross gcc) and runs it, for the figures side by side; --sizes
// then compares .text sizes (riscv64: the result of relaxation).
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
import { crossGcc, crossLinkLine, crossSysroot, type CrossArch } from "./cross-link-line.js";
import type { Arch } from "../torture/suite.js";

const ROOT = join(import.meta.dirname, "../..");
// A worktree may share the suite extracted by the main checkout.
const SHARED_SUITE = "/work/main/.cache/torture";
if (!existsSync(SUITE_DIR) && existsSync(SHARED_SUITE)) {
  mkdirSync(join(ROOT, ".cache"), { recursive: true });
  symlinkSync(SHARED_SUITE, join(ROOT, ".cache/torture"));
}

const program = new Command()
  .option("--arch <arch>", "x86_64, riscv64 or aarch64", "x86_64")
  .option("-O <level>", "gcc optimisation level", "0")
  .option("--kinds <list>", "link kinds", LINK_KINDS.join(","))
  .option("--fast", "a deterministic sample of about 1 in 8 tests")
  .option("--filter <re>", "only tests whose name matches")
  .option("--gnu", "also link with GNU ld and count its passes")
  .option("--sizes", "with --gnu: compare .text sizes with GNU ld's")
  .option("--log <file>", "where failures go", join(ROOT, ".cache/torture-link.log"))
  .parse();
const opts = program.opts<{ arch: Arch; O: string; kinds: string; fast?: boolean; filter?: string; gnu?: boolean; sizes?: boolean; log: string }>();
const LOG = opts.log;
const kinds = opts.kinds.split(",") as LinkKind[];
const arch = opts.arch;
const cross: CrossArch | undefined = arch === "x86_64" ? undefined : arch;
const BASELINE = join(ROOT, `tests/torture/gcc-pass-${arch}.txt`);
const gcc = cross ? crossGcc(cross) : "gcc";
const lineFor = (kind: LinkKind, exe: string, objs: string[]): string[] =>
  cross ? crossLinkLine(cross, kind, exe, objs, ["-lm"]) : linkLine(kind, exe, objs, ["-lm"]);
const runProgram = (exe: string): ReturnType<typeof spawnSync> =>
  cross ? spawnSync(`qemu-${cross}`, ["-L", crossSysroot(cross), exe], { timeout: 20_000, encoding: "utf8" })
    : spawnSync(exe, [], { timeout: 10_000, encoding: "utf8" });
const GNU_FLAGS: Record<LinkKind, string[]> = { pie: ["-pie"], "no-pie": ["-no-pie"], static: ["-static"], "static-pie": ["-static-pie"] };

/** Size of .text in an ELF64 file (0 when absent). */
function textSize(path: string): number {
  const b = readFileSync(path);
  const shoff = Number(b.readBigUInt64LE(0x28));
  const shentsize = b.readUInt16LE(0x3a), shnum = b.readUInt16LE(0x3c), shstrndx = b.readUInt16LE(0x3e);
  const strOff = Number(b.readBigUInt64LE(shoff + shstrndx * shentsize + 0x18));
  for (let i = 0; i < shnum; i++) {
    const h = shoff + i * shentsize;
    const nameAt = strOff + b.readUInt32LE(h);
    const name = b.toString("latin1", nameAt, b.indexOf(0, nameAt));
    if (name === ".text") return Number(b.readBigUInt64LE(h + 0x20));
  }
  return 0;
}

ensureSuite();

const hash = (s: string): number => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
};
const seed = process.env.TSCC_AGENT_ID ?? hostname();
const gccPasses = existsSync(BASELINE) ? new Set(readFileSync(BASELINE, "utf8").split("\n").filter((l) => l && !l.startsWith("#"))) : undefined;

let tests = discoverTests(arch, `-O${opts.O}`).filter((t) => !t.unsupported);
if (gccPasses) tests = tests.filter((t) => gccPasses.has(t.name));
if (opts.filter) tests = tests.filter((t) => new RegExp(opts.filter!).test(t.name));
if (opts.fast) tests = tests.filter((t) => hash(seed + t.name) % 8 === 0);

const work = mkdtempSync(join(tmpdir(), "torture-link-"));
const cache = new InputCache();
const results = new Map<LinkKind, { pass: number; fail: string[]; gnuPass: number; gnuFail: string[]; sameText: number; textDiff: string[] }>(
  kinds.map((k) => [k, { pass: 0, fail: [], gnuPass: 0, gnuFail: [], sameText: 0, textDiff: [] }]));
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
    spawnSync(gcc, ["-c", "-w", `-O${opts.O}`, ...test.options, "-o", objs[i], f], { encoding: "utf8" }).status === 0);
  if (!compiled) {
    skipped++;
    continue;
  }
  for (const kind of kinds) {
    const r = results.get(kind)!;
    const exe = join(work, `${stem}.${kind}`);
    let stderr = "";
    const gnuExe = `${exe}.gnu`;
    if (opts.gnu) {
      const linked = spawnSync(gcc, [...GNU_FLAGS[kind], "-o", gnuExe, ...objs, "-lm"], { encoding: "utf8" }).status === 0;
      if (linked && runProgram(gnuExe).status === 0) r.gnuPass++;
      else r.gnuFail.push(test.name);
    }
    const status = runLinker(lineFor(kind, exe, objs), { stderr: (s) => { stderr += s; }, cache });
    if (status !== 0) {
      r.fail.push(test.name);
      log.push(`ERROR: ${kind} ${test.name}: link failed: ${stderr.trim().split("\n").slice(0, 3).join(" | ")}`);
      rmSync(gnuExe, { force: true });
      continue;
    }
    const run = runProgram(exe);
    if (run.status === 0) r.pass++;
    else {
      r.fail.push(test.name);
      log.push(`ERROR: ${kind} ${test.name}: exit ${run.status ?? run.signal}${run.stderr ? `: ${String(run.stderr).trim().slice(0, 200)}` : ""}`);
    }
    if (opts.sizes && existsSync(gnuExe)) {
      const ours = textSize(exe), theirs = textSize(gnuExe);
      if (ours === theirs) r.sameText++;
      else {
        r.textDiff.push(`${test.name}(${ours - theirs})`);
        log.push(`SIZE: ${kind} ${test.name}: .text ${ours} bytes, GNU ld ${theirs}`);
      }
    }
    rmSync(exe, { force: true });
    rmSync(gnuExe, { force: true });
  }
  for (const o of objs) rmSync(o, { force: true });
}
rmSync(work, { recursive: true, force: true });

console.log(`${arch} -O${opts.O}, ${tests.length - skipped} tests`);
for (const [kind, r] of results) {
  const gnu = opts.gnu ? ` (GNU ld: ${r.gnuPass} passed, ${r.gnuFail.length} failed)` : "";
  console.log(`${kind}: ${r.pass} passed, ${r.fail.length} failed${gnu}`);
  if (r.fail.length) console.log(`  ${r.fail.slice(0, 10).join(" ")}${r.fail.length > 10 ? " …" : ""}`);
  if (opts.sizes) {
    console.log(`  .text size equal to GNU ld's: ${r.sameText}, different: ${r.textDiff.length}`);
    if (r.textDiff.length) console.log(`  ${r.textDiff.slice(0, 10).join(" ")}${r.textDiff.length > 10 ? " …" : ""}`);
  }
}
if (skipped) console.log(`(${skipped} not compiled by gcc -c; log: ${LOG})`);
process.exitCode = [...results.values()].some((r) => r.fail.length) ? 1 : 0;
