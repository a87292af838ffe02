import { readFileSync } from "node:fs";
import { compareObjects } from "./tests/asm/compare.js";
const [a, b] = process.argv.slice(2);
const d = compareObjects(readFileSync(a), readFileSync(b), {});
console.log(d.length ? d.slice(0, 8).join("\n") : "identical");
