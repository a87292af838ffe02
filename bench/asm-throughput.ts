// The assembler's throughput next to GNU as on one big .s file (the issue's
// closing figure uses `gcc -S` of the SQLite amalgamation): CPU seconds, best
// of N runs each; ours in-process (warm after the first run), gas as a process.
//
//   npx tsx bench/asm-throughput.ts file.s [--runs 3]

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { assembleFile } from "../src/asm/index.js";

const file = process.argv[2];
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1] || 3);
const text = readFileSync(file, "latin1");
const childCpu = (): number => {
  const stat = readFileSync("/proc/self/stat", "latin1");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[13]) + Number(f[14])) / 100;
};
let ours = Infinity, gas = Infinity, first = 0;
for (let i = 0; i < runs; i++) {
  const u = process.cpuUsage();
  const r = assembleFile(text, { fileName: file });
  const d = process.cpuUsage(u);
  const t = (d.user + d.system) / 1e6;
  if (i === 0) first = t;
  if (!r.object) throw new Error("assembly failed");
  ours = Math.min(ours, t);
  const c0 = childCpu();
  spawnSync("as", [file, "-o", "/dev/null"]);
  gas = Math.min(gas, childCpu() - c0);
}
console.log(`${file}: ${(text.length / 1e6).toFixed(1)} MB; CPU: GNU as ${gas.toFixed(2)}s, tscc ${ours.toFixed(2)}s warm (${first.toFixed(2)}s first run) — ${(ours / gas).toFixed(1)}x`);
