// Compare two relocatable objects from the command line: `tsx tests/asm/compare-files.ts gas.o ours.o`.
import { readFileSync } from "node:fs";
import { compareObjects } from "./compare.js";

const [a, b] = process.argv.slice(2);
const diffs = compareObjects(readFileSync(a), readFileSync(b));
for (const d of diffs) console.log(d);
process.exitCode = diffs.length ? 1 : 0;
