// Checks the task locks in current_tasks/: every lock is named
// `<scope>--<area>.md` from the fixed parts that current_tasks/README.md lists
// (scope: issue-<N>, torture-<arch>, ratchet, projects; area: the "## Areas"
// list), so that one task has one name and two agents cannot hold it under two.
// Exit status 1 names the offending files.
//
//   node scripts/check-task-locks.mjs [dir]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "current_tasks";
const readme = readFileSync(join(dir, "README.md"), "utf8");
const areasSection = readme.split(/^## Areas\s*$/m)[1] ?? "";
const areas = new Set([...areasSection.matchAll(/^- ([a-z0-9_-]+)\s*$/gm)].map((m) => m[1]));
if (areas.size === 0) { console.error(`task locks: no "## Areas" list in ${dir}/README.md`); process.exit(2); }
const SCOPE = /^(issue-[1-9]\d*|torture-(x86_64|aarch64|riscv64)|ratchet|projects)$/;

const problems = [];
const locks = readdirSync(dir).filter((f) => f !== "README.md");
for (const file of locks) {
  const m = /^(.+)--(.+)\.md$/.exec(file);
  if (!m) { problems.push(`${file}: not <scope>--<area>.md`); continue; }
  if (!SCOPE.test(m[1])) problems.push(`${file}: scope "${m[1]}" is not issue-<N>, torture-<arch>, ratchet or projects`);
  if (!areas.has(m[2])) problems.push(`${file}: area "${m[2]}" is not in ${dir}/README.md's list`);
}
if (problems.length) {
  console.log(`task locks: ${problems.length} badly named (see ${dir}/README.md)`);
  for (const p of problems) console.log(`  ${p}`);
  process.exitCode = 1;
} else {
  console.log(`task locks: ${locks.length} held, all named <scope>--<area>.md`);
}
