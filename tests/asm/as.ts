// A gas-like command line over the integrated assembler: `tsx tests/asm/as.ts in.s -o out.o`.
// Used by the oracle tests and for benchmarking against GNU as.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { assembleFile, formatDiagnostic } from "../../src/asm/index.js";

const args = process.argv.slice(2);
let out = "a.out";
let input: string | undefined;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "-o") out = args[++i];
  else input = args[i];
}
if (!input) {
  process.stderr.write("usage: as.ts input.s -o output.o\n");
  process.exit(2);
}
const text = readFileSync(input, "latin1");
const r = assembleFile(text, {
  fileName: input,
  readFile: (p, from) => { try { return readFileSync(resolve(dirname(from), p)); } catch { return undefined; } },
});
for (const d of r.diagnostics) process.stderr.write(formatDiagnostic(d) + "\n");
if (!r.object) process.exit(1);
writeFileSync(out, r.object);
