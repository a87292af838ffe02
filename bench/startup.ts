// Start-up cost of one compiler process, the number that matters when make
// runs `tscc -c` once per file: `tscc -c empty.c` next to `gcc -c empty.c`,
// medians over repeated runs in the same process, reported as a ratio.
//
//   npx tsx bench/startup.ts [--runs 30]

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 30;
const dir = mkdtempSync(join(tmpdir(), "tscc-bench-"));
const empty = join(dir, "empty.c");
writeFileSync(empty, "");
// What bin/tscc runs: the bundle through its start-up loader (V8 code cache), and the bundle alone.
const tscc = join(import.meta.dirname, "../dist/start.cjs");
const bare = join(import.meta.dirname, "../dist/tscc.cjs");

function median(cmd: string, args: string[]): { ms: number; ok: boolean } {
  const times: number[] = [];
  let ok = true;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: dir, stdio: "ignore" });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    ok &&= r.status === 0;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], ok };
}

const node = median(process.execPath, ["-e", ""]);
const version = median(process.execPath, [tscc, "--version"]);
const tsccC = median(process.execPath, [tscc, "-c", empty, "-o", join(dir, "t.o")]);
const bareC = median(process.execPath, [bare, "-c", empty, "-o", join(dir, "t.o")]);
const gccC = median("gcc", ["-c", empty, "-o", join(dir, "g.o")]);
rmSync(dir, { recursive: true, force: true });
const f = (x: number): string => x.toFixed(1).padStart(6);
console.log(`node -e '':          ${f(node.ms)} ms`);
console.log(`tscc --version:      ${f(version.ms)} ms`);
console.log(`tscc -c empty.c:     ${f(tsccC.ms)} ms${tsccC.ok ? "" : "  (failed)"}`);
console.log(`  without code cache: ${f(bareC.ms)} ms${bareC.ok ? "" : "  (failed)"}`);
console.log(`gcc -c empty.c:      ${f(gccC.ms)} ms`);
console.log(`ratio tscc/gcc:      ${(tsccC.ms / gccC.ms).toFixed(2)}`);
