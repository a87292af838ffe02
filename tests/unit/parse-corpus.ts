// Corpus check for the parser: how many GCC torture `execute/*.c` tests parse
// with zero errors after `gcc -E -P`. Run: npx tsx tests/unit/parse-corpus.ts [--fast] [--show N] [filter]
// Preprocessed files are cached in /tmp/tscc-torture-pp. Failures go to /tmp/tscc-parse-corpus.log.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseText } from "./parse-util.js";

const dirArg = process.argv.indexOf("--dir");
const sub = dirArg >= 0 ? process.argv[dirArg + 1] : "execute";
const roots = [`/work/torture-src/gcc.c-torture/${sub}`, `/work/torture-src/${sub}`];
const root = roots.find((r) => existsSync(r));
if (!root) { console.error("torture suite not found"); process.exit(2); }
const cache = sub === "execute" ? "/tmp/tscc-torture-pp" : `/tmp/tscc-torture-pp-${sub}`;
mkdirSync(cache, { recursive: true });

const args = process.argv.slice(2);
const fast = args.includes("--fast");
const showIdx = args.indexOf("--show");
const show = showIdx >= 0 ? Number(args[showIdx + 1]) : 10;
const filter = args.find((a, i) => !a.startsWith("--") && (showIdx < 0 || i !== showIdx + 1) && (dirArg < 0 || i !== dirArg - 1));

let files = readdirSync(root).filter((f) => f.endsWith(".c")).sort();
if (filter) files = files.filter((f) => f.includes(filter));
if (fast) files = files.filter((_, i) => i % 10 === 0);

let pass = 0;
let fail = 0;
let ppFail = 0;
const failures: string[] = [];
const log: string[] = [];
const start = Date.now();
let lastPrint = start;
for (const f of files) {
  const pp = join(cache, f);
  let text: string;
  if (existsSync(pp)) text = readFileSync(pp, "latin1");
  else {
    try {
      text = execFileSync("gcc", ["-E", "-P", "-w", "-I", root, join(root, f)], { encoding: "latin1", stdio: ["ignore", "pipe", "ignore"], timeout: 20000 });
    } catch {
      ppFail++;
      continue;
    }
    writeFileSync(pp, text, "latin1");
  }
  let r;
  try {
    r = parseText(text, "x86_64", "gnu17", f);
  } catch (e) {
    fail++;
    failures.push(f);
    log.push(`ERROR: ${f}: crash: ${(e as Error).stack?.split("\n").slice(0, 4).join(" | ")}`);
    continue;
  }
  if (r.errors === 0 && r.tu) pass++;
  else {
    fail++;
    failures.push(f);
    const first = r.output.split("\n").find((l) => l.includes("error:")) ?? "(no message)";
    log.push(`ERROR: ${f}: ${first}`);
  }
  if (Date.now() - lastPrint > 5000) { console.log(`... ${pass + fail}/${files.length}`); lastPrint = Date.now(); }
}
writeFileSync("/tmp/tscc-parse-corpus.log", log.join("\n") + "\n");
console.log(`parse: ${pass} passed, ${fail} failed${ppFail ? `, ${ppFail} not preprocessable` : ""} (${files.length} files, ${((Date.now() - start) / 1000).toFixed(1)}s)`);
for (const l of log.slice(0, show)) console.log(l);
