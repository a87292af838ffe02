import { readFileSync } from "node:fs";
import { parseText } from "./parse-util.js";
const [file, arch, std] = process.argv.slice(2);
const t0 = Date.now();
const r = parseText(readFileSync(file, "latin1"), (arch ?? "x86_64") as "x86_64", std ?? "gnu17", file);
console.log(r.output.split("\n").slice(0, 30).join("\n"));
console.log(`errors: ${r.errors}, ${Date.now() - t0} ms`);
