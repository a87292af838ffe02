// The assembler corpus oracle: `gcc -S` output of torture tests (and of the
// SQLite amalgamation) at -O0 and -O2, assembled by GNU as and by src/asm,
// compared section by section (bytes), symbol by symbol and relocation by
// relocation.
//
//   npx tsx tests/asm/corpus.ts --all --sqlite          # the full bar run (every torture test, both levels, SQLite)
//   npx tsx tests/asm/corpus.ts [--count N] [--levels 0,2] [--filter RE] [--sqlite]
//   npx tsx tests/asm/corpus.ts --arch riscv64 [--count N | --all]   # riscv64-linux-gnu-gcc -S, riscv64-linux-gnu-as
//   npx tsx tests/asm/corpus.ts --arch aarch64 [--count N | --all] [--cflags "-fPIC"]   # aarch64-linux-gnu-gcc -S, aarch64-linux-gnu-as
//   --symbol-order: the symbol tables must also list the symbols in gas's order
//
// The SQLite objects also give the throughput figure: the CPU time of GNU as
// (a child process, measured with `time`-like rusage) next to ours (in-process).

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assembleFile, formatDiagnostic } from "../../src/asm/index.js";
import { compareObjects } from "./compare.js";
import { ensureSuite } from "../torture/suite.js";

const ROOT = join(import.meta.dirname, "../..");
const DIR = join(ROOT, ".cache/torture/gcc.c-torture/execute");

export interface CorpusInput { name: string; path: string }
export interface CorpusResult {
  files: number; identical: number; failures: { name: string; diffs: string[] }[];
  /** Wall time of GNU as (process start included) and of ours, seconds. */
  gasSeconds: number; oursSeconds: number;
  /** Per-file figures for big inputs (SQLite): bytes of .s, GNU as CPU seconds, ours CPU seconds. */
  big: { name: string; bytes: number; gasCpu: number; oursCpu: number }[];
}

/** A deterministic sample of torture tests: every k-th by name (count ≥ the suite size: all of them). */
export function sample(count: number, filter?: RegExp): CorpusInput[] {
  ensureSuite(); // unit tests may run before anything else has unpacked the suite
  const all = readdirSync(DIR).filter((f) => f.endsWith(".c") && (!filter || filter.test(f))).sort();
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count).map((n) => ({ name: n, path: join(DIR, n) }));
}

/** The SQLite amalgamation, when its sources are unpacked. */
export function sqliteInputs(): CorpusInput[] {
  const src = join(ROOT, ".cache/src");
  if (!existsSync(src)) return [];
  return readdirSync(src).filter((d) => /^sqlite3-[\d.]+$/.test(d)).sort()
    .map((d) => join(src, d, "bld/sqlite3.c")).filter(existsSync).slice(-1)
    .map((p) => ({ name: "sqlite3.c", path: p }));
}

/** CPU seconds (user + system) of the children this process has waited for so far. */
function childCpu(): number {
  // process.resourceUsage() covers this process only; `times` via /proc is Linux-specific but so is the suite.
  const stat = readFileSync("/proc/self/stat", "latin1");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[13]) + Number(f[14])) / 100; // cutime, cstime in clock ticks (USER_HZ = 100)
}

const selfCpu = (): number => { const u = process.resourceUsage(); return (u.userCPUTime + u.systemCPUTime) / 1e6; };

/** How each target's `.s` files are made and assembled by GNU tools (gcc's own assembler options). */
const TOOLS: Record<string, { cc: string; as: string; asArgs: string[] }> = {
  x86_64: { cc: "gcc", as: "as", asArgs: [] },
  aarch64: { cc: "aarch64-linux-gnu-gcc", as: "aarch64-linux-gnu-as", asArgs: [] },
  riscv64: { cc: "riscv64-linux-gnu-gcc", as: "riscv64-linux-gnu-as", asArgs: ["-fpic", "-march=rv64imafdc_zicsr_zifencei", "-mabi=lp64d", "-misa-spec=20191213"] },
};

export function runCorpus(inputs: CorpusInput[], levels: string[], opts: { big?: boolean; log?: (s: string) => void; arch?: string; symbolOrder?: boolean; cflags?: readonly string[] } = {}): CorpusResult {
  const arch = opts.arch ?? "x86_64";
  const tools = TOOLS[arch];
  const work = mkdtempSync(join(tmpdir(), "tscc-asm-corpus-"));
  const res: CorpusResult = { files: 0, identical: 0, failures: [], gasSeconds: 0, oursSeconds: 0, big: [] };
  // gcc -g tells gas the DWARF version of its line table (--gdwarf-5 unless -gdwarf-N says otherwise).
  const dwarfArgs = dwarfAsArgs(opts.cflags ?? []);
  try {
    for (const input of inputs) for (const lvl of levels) {
      const s = join(work, `${input.name}.O${lvl}.s`);
      try {
        execFileSync(tools.cc, ["-S", `-O${lvl}`, "-w", ...(opts.cflags ?? []), input.path, "-o", s], { stdio: "ignore" });
      } catch { continue; } // gcc cannot compile it here (target-specific test)
      res.files++;
      const gasObj = join(work, "gas.o");
      const cpu0 = childCpu();
      let t = performance.now();
      const g = spawnSync(tools.as, [...tools.asArgs, ...dwarfArgs, s, "-o", gasObj]);
      if (g.status !== 0) { res.files--; continue; } // gas refuses it too: nothing to compare
      res.gasSeconds += (performance.now() - t) / 1000;
      const gasCpu = childCpu() - cpu0;
      const text = readFileSync(s, "latin1");
      const self0 = selfCpu();
      t = performance.now();
      const r = assembleFile(text, { fileName: s, arch, args: dwarfArgs, compDir: process.cwd() });
      res.oursSeconds += (performance.now() - t) / 1000;
      if (opts.big) res.big.push({ name: `${input.name} -O${lvl}`, bytes: text.length, gasCpu, oursCpu: selfCpu() - self0 });
      const name = `${input.name} -O${lvl}`;
      if (!r.object) { res.failures.push({ name, diffs: r.diagnostics.map(formatDiagnostic) }); continue; }
      const diffs = compareObjects(readFileSync(gasObj), r.object, { symbolOrder: opts.symbolOrder });
      if (diffs.length) {
        res.failures.push({ name, diffs });
        opts.log?.(`  ${name}: ${diffs.slice(0, 3).join("; ")}`);
      } else res.identical++;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return res;
}

/** The `--gdwarf-N` gcc passes to gas for these flags (none without -g). */
export function dwarfAsArgs(cflags: readonly string[]): string[] {
  let version: string | undefined;
  for (const f of cflags) {
    const m = /^-gdwarf-([2-5])$/.exec(f);
    if (m) version = m[1];
    else if (f === "-g0") version = undefined;
    else if (/^-g(gdb|[1-3])?$/.test(f)) version ??= "5";
  }
  return version ? [`--gdwarf-${version}`] : [];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (k: string, d: string): string => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
  const levels = opt("--levels", "0,2").split(",");
  const count = args.includes("--all") ? Number.MAX_SAFE_INTEGER : Number(opt("--count", "100"));
  const torture = count > 0 ? sample(count, args.includes("--filter") ? new RegExp(opt("--filter", "")) : undefined) : [];
  const log = (s: string): void => void process.stdout.write(s + "\n");
  const arch = opt("--arch", "x86_64");
  const cflags = opt("--cflags", "").split(/\s+/).filter(Boolean);
  const r = runCorpus(torture, levels, { log, arch, symbolOrder: args.includes("--symbol-order"), cflags });
  const fails = [...r.failures];
  let files = r.files, identical = r.identical;
  console.log(`asm corpus (torture, ${arch}): ${r.identical}/${r.files} objects identical to GNU as (wall: gas ${r.gasSeconds.toFixed(1)}s incl. process start, ours ${r.oursSeconds.toFixed(1)}s)`);
  if (args.includes("--sqlite")) {
    const q = runCorpus(sqliteInputs(), levels, { big: true, log });
    files += q.files; identical += q.identical; fails.push(...q.failures);
    console.log(`asm corpus (SQLite): ${q.identical}/${q.files} objects identical to GNU as`);
    for (const b of q.big) {
      console.log(`  ${b.name}: ${(b.bytes / 1e6).toFixed(1)} MB of .s; CPU: GNU as ${b.gasCpu.toFixed(2)}s, tscc ${b.oursCpu.toFixed(2)}s (${(b.oursCpu / b.gasCpu).toFixed(1)}x)`);
    }
  }
  console.log(`asm corpus total: ${identical}/${files}`);
  for (const f of fails.slice(0, 30)) console.log(`  ${f.name}: ${f.diffs.slice(0, 3).join("; ")}`);
  process.exitCode = fails.length ? 1 : 0;
}
