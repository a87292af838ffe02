// tscc's own `-S` output, assembled again, must be byte for byte the object
// `-c` writes (which comes straight from the backend's instructions, no text).
// Runs the driver in-process over torture tests at -O0 and -O2.
//
//   npx tsx tests/asm/roundtrip.ts --all            # every torture execute test (the bar run)
//   npx tsx tests/asm/roundtrip.ts [--count N] [--levels 0,2] [--filter RE]

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/driver/main.js";
import { sample, type CorpusInput } from "./corpus.js";

export interface RoundTripResult { compiled: number; identical: number; failures: string[] }

/** Run the driver with its output swallowed; returns the exit status. */
function quietly(argv: string[]): number {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return main(argv);
  } catch {
    return 1;
  } finally {
    process.stderr.write = write;
  }
}

export function runRoundTrip(inputs: CorpusInput[], levels: string[], log?: (s: string) => void): RoundTripResult {
  const work = mkdtempSync(join(tmpdir(), "tscc-asm-roundtrip-"));
  const res: RoundTripResult = { compiled: 0, identical: 0, failures: [] };
  try {
    for (const input of inputs) for (const lvl of levels) {
      const direct = join(work, "direct.o"), text = join(work, "t.s"), viaText = join(work, "text.o");
      const flags = [`-O${lvl}`, "-w", "-fno-common"];
      rmSync(direct, { force: true });
      if (quietly(["-c", ...flags, input.path, "-o", direct]) !== 0) continue; // tscc cannot compile it (yet)
      res.compiled++;
      const name = `${input.name} -O${lvl}`;
      if (quietly(["-S", ...flags, input.path, "-o", text]) !== 0 || quietly(["-c", text, "-o", viaText]) !== 0) {
        res.failures.push(`${name}: -S output does not assemble`);
        log?.(res.failures[res.failures.length - 1]);
        continue;
      }
      const a = readFileSync(direct), b = readFileSync(viaText);
      const at = a.findIndex((x, i) => x !== b[i]);
      if (at < 0 && a.length === b.length) res.identical++;
      else {
        res.failures.push(`${name}: objects differ at byte 0x${(at < 0 ? Math.min(a.length, b.length) : at).toString(16)} (sizes ${a.length}, ${b.length})`);
        log?.(res.failures[res.failures.length - 1]);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return res;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (k: string, d: string): string => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
  const count = args.includes("--all") ? Number.MAX_SAFE_INTEGER : Number(opt("--count", "100"));
  const inputs = sample(count, args.includes("--filter") ? new RegExp(opt("--filter", "")) : undefined);
  const r = runRoundTrip(inputs, opt("--levels", "0,2").split(","), (s) => console.log("  " + s));
  console.log(`asm round trip: ${r.identical}/${r.compiled} objects from -c identical to the -S output assembled`);
  process.exitCode = r.failures.length ? 1 : 0;
}
