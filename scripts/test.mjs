// `npm test`: type-check, build, unit tests, the ratchet-list and task-lock
// checks, then the torture suite on its --fast sample (plus every ratchet
// entry) for every target with a ratchet list, a Csmith differential-testing
// sample, and the real projects' quick tests. Prints a summary line per suite; details go to .cache/logs/.
// Exit status is non-zero when any step fails or a ratchet entry regresses.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";

const logs = ".cache/logs";
mkdirSync(logs, { recursive: true });
const fast = !process.argv.includes("--full");
let failed = false;

function step(name, cmd, args, { summarize } = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }, maxBuffer: 1 << 28 });
  const out = (r.stdout ?? "") + (r.stderr ?? "");
  const log = `${logs}/${name}.log`;
  writeFileSync(log, out);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  if (!ok) failed = true;
  const lines = summarize ? summarize(out) : [];
  console.log(`${name}: ${ok ? "ok" : "FAILED"} (${secs}s)${lines.length ? "" : `; log: ${log}`}`);
  for (const l of lines) console.log(`  ${l}`);
  if (!ok && !summarize) console.log(out.split("\n").slice(-15).join("\n"));
  return ok;
}

const vitestSummary = (out) => {
  const lines = out.split("\n");
  const summary = lines.filter((l) => /^\s*(Test Files|Tests)\s/.test(l)).map((l) => l.trim());
  const failing = lines.filter((l) => /^\s*(FAIL|×)\s/.test(l)).slice(0, 10).map((l) => l.trim());
  return [...summary, ...failing];
};

step("typecheck", "npx", ["tsc", "--noEmit", "-p", "."], { summarize: (o) => o.split("\n").filter((l) => l.includes("error TS")).slice(0, 10) });
step("build", "node", ["scripts/build.mjs"]);
step("unit", "npx", ["vitest", "run", "--reporter=dot"], { summarize: vitestSummary });
// Ratchet lists (tests/**/pass-*.txt) only grow: scripts/check-ratchets.mjs says against which commit.
step("ratchets", "node", ["scripts/check-ratchets.mjs"], { summarize: (o) => o.split("\n").filter((l) => l.trim() !== "").slice(0, 12) });
step("task-locks", "node", ["scripts/check-task-locks.mjs"], { summarize: (o) => o.split("\n").filter((l) => l.trim() !== "").slice(0, 12) });
// The torture suite runs for a target once it has a ratchet list
// (tests/torture/pass-<arch>-O0.txt): before that its code generator does not
// exist yet and every test would fail, which tells nothing.
const tortureArches = ["x86_64", "aarch64", "riscv64"].filter((a) => existsSync(`tests/torture/pass-${a}-O0.txt`));
const noRatchet = ["x86_64", "aarch64", "riscv64"].filter((a) => !tortureArches.includes(a));
step("torture", "npx", ["tsx", "tests/torture/run.ts", "--arch", tortureArches.join(","), "-O", "0,2", ...(fast ? ["--fast"] : []), "--quiet"], {
  summarize: (o) => [
    ...o.split("\n").filter((l) => l.trim() !== "").slice(0, 40),
    ...(noRatchet.length ? [`not run for ${noRatchet.join(", ")}: no tests/torture/pass-<arch>-O0.txt ratchet list yet`] : []),
  ],
});
// Csmith differential testing (tests/csmith): a small fixed sample per target
// that has a backend (x86_64, and any target with a torture ratchet list);
// any program that is not "ok" fails the step.
const csmithArches = ["x86_64", "aarch64", "riscv64"].filter((a) => a === "x86_64" || existsSync(`tests/torture/pass-${a}-O0.txt`));
step("csmith", "npx", ["tsx", "tests/csmith/run.ts", "--arch", csmithArches.join(","), "-O", "0,2", "--count", fast ? "10" : "50", "--seed", "npm-test", "--quiet"], {
  summarize: (o) => o.split("\n").filter((l) => l.trim() !== "").slice(0, 20),
});
// Real projects (tests/projects): each project/level pair that a target's ratchet
// list tests/projects/pass-<arch>.txt holds this run to (--listed), built with its
// own build system and run on its quick tests (--fast) — cross targets under
// qemu-user; only the ratchet lists can fail the step.
step("projects", "npx", ["tsx", "tests/projects/run.ts", "--arch", "all", "--listed", ...(fast ? ["--fast"] : []), "--ratchet-only"], {
  summarize: (o) => o.split("\n").filter((l) => l.trim() !== "").slice(0, 20),
});
console.log(failed ? "npm test: FAILED" : "npm test: all suites passed");
process.exitCode = failed ? 1 : 0;
