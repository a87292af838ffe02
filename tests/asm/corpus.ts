// The assembler corpus oracle: `gcc -S` output of torture tests at -O0 and -O2,
// assembled by GNU as and by src/asm, compared section by section (bytes),
// symbol by symbol and relocation by relocation.
//
//   npx tsx tests/asm/corpus.ts [--count N] [--levels 0,2] [--filter RE]

import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assembleFile, formatDiagnostic } from "../../src/asm/index.js";
import { compareObjects } from "./compare.js";
import { ensureSuite } from "../torture/suite.js";

const ROOT = join(import.meta.dirname, "../..");
const DIR = join(ROOT, ".cache/torture/gcc.c-torture/execute");

export interface CorpusResult { files: number; identical: number; failures: { name: string; diffs: string[] }[]; gasSeconds: number; oursSeconds: number }

/** A deterministic sample: every k-th test by name. */
export function sample(count: number, filter?: RegExp): string[] {
  ensureSuite(); // unit tests may run before anything else has unpacked the suite
  const all = readdirSync(DIR).filter((f) => f.endsWith(".c") && (!filter || filter.test(f))).sort();
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}

export function runCorpus(names: string[], levels: string[]): CorpusResult {
  const work = mkdtempSync(join(tmpdir(), "tscc-asm-corpus-"));
  const res: CorpusResult = { files: 0, identical: 0, failures: [], gasSeconds: 0, oursSeconds: 0 };
  try {
    for (const n of names) for (const lvl of levels) {
      const s = join(work, `${n}.O${lvl}.s`);
      try {
        execFileSync("gcc", ["-S", `-O${lvl}`, "-w", join(DIR, n), "-o", s], { stdio: "ignore" });
      } catch { continue; } // gcc cannot compile it here (target-specific test)
      res.files++;
      const gasObj = join(work, "gas.o");
      let t = performance.now();
      execFileSync("as", [s, "-o", gasObj]);
      res.gasSeconds += (performance.now() - t) / 1000;
      t = performance.now();
      const r = assembleFile(readFileSync(s, "latin1"), { fileName: s });
      res.oursSeconds += (performance.now() - t) / 1000;
      const name = `${n} -O${lvl}`;
      if (!r.object) { res.failures.push({ name, diffs: r.diagnostics.map(formatDiagnostic) }); continue; }
      const diffs = compareObjects(readFileSync(gasObj), r.object);
      if (diffs.length) res.failures.push({ name, diffs });
      else res.identical++;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return res;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (k: string, d: string): string => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
  const names = sample(Number(opt("--count", "100")), args.includes("--filter") ? new RegExp(opt("--filter", "")) : undefined);
  const r = runCorpus(names, opt("--levels", "0,2").split(","));
  console.log(`asm corpus: ${r.identical}/${r.files} objects identical to GNU as (gas ${r.gasSeconds.toFixed(1)}s, ours ${r.oursSeconds.toFixed(1)}s)`);
  for (const f of r.failures.slice(0, 15)) console.log(`  ${f.name}: ${f.diffs.slice(0, 3).join("; ")}`);
}
