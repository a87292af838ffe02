// The aarch64 assembler corpus oracle: `aarch64-linux-gnu-gcc -S` output of
// torture tests at -O0 and -O2, assembled by aarch64-linux-gnu-as and by
// src/asm, compared section by section (bytes), symbol by symbol and
// relocation by relocation (tests/asm/compare.ts).
//
//   npx tsx tests/asm/corpus-aarch64.ts [--count N] [--levels 0,2] [--filter RE] [--cflags "-fPIC …"] [--quiet]

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assembleFile, formatDiagnostic } from "../../src/asm/index.js";
import { compareObjects } from "./compare.js";
import { sample, type CorpusInput } from "./corpus.js";

export const GCC = "aarch64-linux-gnu-gcc";
export const GAS = "aarch64-linux-gnu-as";

export interface A64CorpusResult { files: number; identical: number; failures: { name: string; diffs: string[] }[] }

export function runCorpusAarch64(inputs: CorpusInput[], levels: string[], log?: (s: string) => void, cflags: string[] = []): A64CorpusResult {
  const work = mkdtempSync(join(tmpdir(), "tscc-a64-corpus-"));
  const res: A64CorpusResult = { files: 0, identical: 0, failures: [] };
  try {
    for (const input of inputs) for (const lvl of levels) {
      const s = join(work, "t.s");
      try {
        execFileSync(GCC, ["-S", `-O${lvl}`, "-w", ...cflags, input.path, "-o", s], { stdio: "ignore" });
      } catch { continue; } // gcc cannot compile it for this target
      const gasObj = join(work, "gas.o");
      if (spawnSync(GAS, [s, "-o", gasObj]).status !== 0) continue; // gas refuses it too
      res.files++;
      const name = `${input.name} -O${lvl}`;
      const r = assembleFile(readFileSync(s, "latin1"), { fileName: s, arch: "aarch64" });
      if (!r.object) { res.failures.push({ name, diffs: r.diagnostics.map(formatDiagnostic) }); log?.(`  ${name}: ${formatDiagnostic(r.diagnostics[0])}`); continue; }
      const diffs = compareObjects(readFileSync(gasObj), r.object);
      if (diffs.length) {
        res.failures.push({ name, diffs });
        log?.(`  ${name}: ${diffs.slice(0, 3).join("; ")}`);
      } else res.identical++;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return res;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (k: string, d: string): string => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
  const levels = opt("--levels", "0,2").split(",");
  const count = args.includes("--all") ? Number.MAX_SAFE_INTEGER : Number(opt("--count", "100"));
  const inputs = sample(count, args.includes("--filter") ? new RegExp(opt("--filter", "")) : undefined);
  const quiet = args.includes("--quiet");
  const cflags = opt("--cflags", "").split(/\s+/).filter(Boolean);
  const r = runCorpusAarch64(inputs, levels, quiet ? undefined : (s) => void process.stdout.write(s + "\n"), cflags);
  console.log(`aarch64 asm corpus (torture): ${r.identical}/${r.files} objects identical to GNU as`);
  if (quiet) for (const f of r.failures.slice(0, 30)) console.log(`  ${f.name}: ${f.diffs.slice(0, 3).join("; ")}`);
  process.exitCode = r.failures.length ? 1 : 0;
}
