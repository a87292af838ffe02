// Speed of the code tscc emits: small programs (bench/programs/*.c, one kind
// of work each) compiled by gcc and by tscc at -O0 and -O2, each run a few
// times; the best user+system CPU time counts, and the table gives the ratio
// tscc/gcc per level. Outputs must agree, or the row says so.
//
//   npm run build && npx tsx bench/code-speed.ts [--runs 3] [--filter sieve]

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg("--runs") ?? 3);
const filter = arg("--filter");
const root = join(import.meta.dirname, "..");
const programsDir = join(import.meta.dirname, "programs");
const tscc = join(root, "bin/tscc");
const work = mkdtempSync(join(tmpdir(), "tscc-codespeed-"));

interface Build { exe: string; error?: string }

function build(cc: string, level: string, src: string): Build {
  const exe = join(work, `${basename(src, ".c")}-${basename(cc)}-O${level}`);
  const r = spawnSync(cc, [`-O${level}`, src, "-o", exe], { encoding: "utf8" });
  return r.status === 0 ? { exe } : { exe, error: (r.stderr || "failed").split("\n")[0] };
}

/** Best CPU seconds (user + system) over `runs` runs, and the output of the last. */
function time(exe: string): { seconds: number; output: string } {
  let best = Infinity;
  let output = "";
  for (let i = 0; i < runs; i++) {
    const r = spawnSync("/usr/bin/time", ["-f", "%U %S", exe], { encoding: "utf8" });
    const last = r.stderr.trim().split("\n").pop() ?? "";
    const [user, sys] = last.split(" ").map(Number);
    best = Math.min(best, (user ?? NaN) + (sys ?? NaN));
    output = r.stdout;
  }
  return { seconds: best, output };
}

const programs = readdirSync(programsDir).filter((f) => f.endsWith(".c") && (!filter || f.includes(filter))).sort();
const pad = (s: string, n: number): string => s.padEnd(n);
const num = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : "-").padStart(6);
console.log(`${pad("program", 16)}${"gcc-O0".padStart(8)}${"tscc-O0".padStart(8)}${"ratio".padStart(7)}   ${"gcc-O2".padStart(8)}${"tscc-O2".padStart(8)}${"ratio".padStart(7)}`);
const ratios: Record<string, number[]> = { "0": [], "2": [] };
for (const p of programs) {
  const src = join(programsDir, p);
  const cells: string[] = [];
  const notes: string[] = [];
  for (const level of ["0", "2"]) {
    const g = build("gcc", level, src);
    const t = build(tscc, level, src);
    if (g.error || t.error) { cells.push(`${"-".padStart(8)}${"-".padStart(8)}${"-".padStart(7)}`); notes.push(`-O${level}: ${g.error ?? t.error}`); continue; }
    const gt = time(g.exe);
    const tt = time(t.exe);
    if (gt.output !== tt.output) notes.push(`-O${level}: outputs differ`);
    const ratio = tt.seconds / gt.seconds;
    ratios[level]!.push(ratio);
    cells.push(`${num(gt.seconds).padStart(8)}${num(tt.seconds).padStart(8)}${num(ratio).padStart(7)}`);
  }
  console.log(`${pad(p.replace(/\.c$/, ""), 16)}${cells.join("   ")}${notes.length ? "  " + notes.join("; ") : ""}`);
}
const geomean = (xs: number[]): number => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
console.log(`geometric mean of tscc/gcc CPU time: -O0 ${geomean(ratios["0"]!).toFixed(2)}, -O2 ${geomean(ratios["2"]!).toFixed(2)}`);
rmSync(work, { recursive: true, force: true });
