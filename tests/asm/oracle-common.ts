// What the per-architecture property tests against GNU as share
// (tests/asm/oracle.ts, oracle-aarch64.ts, oracle-riscv64.ts): the result
// shape, assembling a batch with gas while dropping the lines gas rejects
// (each of which we must reject too), running batches, and the summary.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface OracleResult { checked: number; gasRejected: number; mismatches: string[]; weRejected: string[]; weAccepted: string[] }

export const emptyResult = (): OracleResult => ({ checked: 0, gasRejected: 0, mismatches: [], weRejected: [], weAccepted: [] });

export interface GasBatch {
  /** The assembler and its options before `<source> -o <object>`. */
  readonly gas: readonly [string, ...string[]];
  /** Write the source of these lines to `src` (in the order given). */
  write(keep: readonly string[], src: string): void;
  /** The index in `keep` of gas's 1-based error line, or undefined for a line no instruction owns. */
  lineIndex(errorLine: number): number | undefined;
  /** Whether our assembler accepts the line alone (it must not, when gas rejects it). */
  weAccept(line: string): boolean;
  /** How the line is named in reports (with the batch's context). */
  describe?(line: string): string;
}

/**
 * Assemble `lines` with gas into `<work>/b.o`, dropping the lines it reports
 * errors for (a few rounds: an error can hide the next one) and recording in
 * `res` those that our assembler accepts although gas rejects them. Returns
 * the lines gas accepted.
 */
export function assembleWithGas(lines: readonly string[], b: GasBatch, work: string, res: OracleResult, attempts = 4): string[] {
  const src = join(work, "b.s");
  let keep = [...lines];
  for (let attempt = 0; attempt < attempts; attempt++) {
    b.write(keep, src);
    try {
      const [gas, ...options] = b.gas;
      execFileSync(gas, [...options, src, "-o", join(work, "b.o")], { stdio: "pipe" });
      return keep;
    } catch (e) {
      const err = String((e as { stderr?: Buffer }).stderr ?? "");
      const bad = new Set([...err.matchAll(/:(\d+): Error/g)].flatMap((m) => b.lineIndex(Number(m[1])) ?? []));
      if (bad.size === 0) throw new Error(`gas failed without line errors: ${err}`);
      res.gasRejected += bad.size;
      // What gas refuses, we must refuse too (never a silent encoding of bad input).
      for (const i of bad) {
        const l = keep[i];
        if (l !== undefined && b.weAccept(l)) res.weAccepted.push(`${b.describe?.(l) ?? l}: gas rejects it, we accept it`);
      }
      keep = keep.filter((_, i) => !bad.has(i));
    }
  }
  throw new Error(`gas still rejected lines after ${attempts} rounds`);
}

/** Compare `lines` batch by batch (`compare` gets the batch and its number) in a scratch directory. */
export function runBatches(lines: readonly string[], batch: number, compare: (lines: string[], n: number, work: string) => OracleResult): OracleResult {
  const work = mkdtempSync(join(tmpdir(), "tscc-asm-oracle-"));
  const total = emptyResult();
  try {
    for (let i = 0, n = 0; i < lines.length; i += batch, n++) {
      const r = compare(lines.slice(i, i + batch), n, work);
      total.checked += r.checked;
      total.gasRejected += r.gasRejected;
      total.mismatches.push(...r.mismatches);
      total.weRejected.push(...r.weRejected);
      total.weAccepted.push(...r.weAccepted);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return total;
}

/** `--name value` from the command line, or the default. */
export function cliOption(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
}

/** Print the summary line and the first problems; the exit status says whether there were any. */
export function reportOracle(title: string, r: OracleResult, show = Number(cliOption("--show", "30"))): void {
  console.log(`${title}: ${r.checked} instructions compared, ${r.checked - r.mismatches.length} identical; ${r.mismatches.length} mismatches, ${r.weRejected.length} rejected only by us; ${r.gasRejected} rejected by gas, ${r.weAccepted.length} of them accepted by us`);
  for (const m of [...r.mismatches, ...r.weRejected, ...r.weAccepted].slice(0, show)) console.log("  " + m);
  process.exitCode = r.mismatches.length + r.weRejected.length + r.weAccepted.length ? 1 : 0;
}
