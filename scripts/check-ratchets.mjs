// Refuses a change that weakens a ratchet list: every `tests/**/pass-*.txt`
// (torture tests, project/level pairs) may only grow. A line whose key (its
// words other than `name=N` fields) is gone, or one of whose `name=N` fields
// (min=, full-min=) went down or disappeared, is reported and the exit status is 1.
//
// What it compares: the working tree (committed and uncommitted changes alike)
// against a base commit, chosen as
//   1. --base <ref>, when given;
//   2. the merge base of HEAD and origin/main, when origin/main exists;
//   3. the merge base of HEAD and main, when a local main exists;
//   and when that merge base is HEAD itself (working on main, or nothing
//   committed on the branch yet), the previous commit HEAD~1 instead, so the
//   last commit is checked too. With no such commit (a shallow clone of one
//   commit) there is nothing to compare, and it says so.
//
//   node scripts/check-ratchets.mjs [--base <ref>]
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const RATCHET = /^tests\/(.+\/)?pass-[^/]*\.txt$/;

function git(...args) {
  const r = spawnSync("git", args, { encoding: "utf8", maxBuffer: 1 << 28 });
  return r.status === 0 ? r.stdout : undefined;
}
const commit = (ref) => git("rev-parse", "--verify", "--quiet", `${ref}^{commit}`)?.trim();

function chooseBase() {
  const i = process.argv.indexOf("--base");
  if (i >= 0) {
    const ref = process.argv[i + 1];
    const c = ref && commit(ref);
    if (!c) { console.error(`check-ratchets: unknown --base ${ref}`); process.exit(2); }
    return { base: c, why: `--base ${ref}` };
  }
  const head = commit("HEAD");
  for (const main of ["origin/main", "main"]) {
    if (!commit(main)) continue;
    const mb = git("merge-base", "HEAD", main)?.trim();
    if (mb && mb !== head) return { base: mb, why: `merge base with ${main}` };
    break;
  }
  const prev = commit("HEAD~1");
  return prev ? { base: prev, why: "previous commit (HEAD~1)" } : undefined;
}

/** key → { field: N } of a ratchet list's text. */
function entries(text) {
  const map = new Map();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const words = line.split(/\s+/);
    // A key may have several lines (raising a minimum appends one): the largest value counts.
    const key = words.filter((w) => !/^[\w-]+=\d+$/.test(w)).join(" ");
    const fields = map.get(key) ?? {};
    for (const w of words.filter((x) => /^[\w-]+=\d+$/.test(x))) {
      const [name, n] = [w.split("=")[0], Number(w.split("=")[1])];
      fields[name] = Math.max(fields[name] ?? 0, n);
    }
    map.set(key, fields);
  }
  return map;
}

const chosen = chooseBase();
if (!chosen) {
  console.log("ratchets: no base commit to compare with (single-commit history); nothing checked");
  process.exit(0);
}
const files = (git("ls-tree", "-r", "--name-only", chosen.base, "--", "tests") ?? "").split("\n").filter((p) => RATCHET.test(p));
const problems = [];
let lines = 0;
for (const path of files) {
  const before = entries(git("show", `${chosen.base}:${path}`) ?? "");
  const after = existsSync(path) ? entries(readFileSync(path, "utf8")) : new Map();
  lines += before.size;
  if (!existsSync(path)) { problems.push(`${path}: deleted (${before.size} entries)`); continue; }
  for (const [key, fields] of before) {
    if (!after.has(key)) { problems.push(`${path}: removed "${key}"`); continue; }
    for (const [name, n] of Object.entries(fields)) {
      const now = after.get(key)[name];
      if (now === undefined) problems.push(`${path}: "${key}" lost ${name}=${n}`);
      else if (now < n) problems.push(`${path}: "${key}" ${name}=${n} lowered to ${now}`);
    }
  }
}
const short = chosen.base.slice(0, 10);
if (problems.length === 0) {
  console.log(`ratchets: ${files.length} lists, ${lines} entries kept since ${short} (${chosen.why})`);
} else {
  console.log(`ratchets: ${problems.length} entries removed or weakened since ${short} (${chosen.why}); ratchet lists only grow`);
  for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
  if (problems.length > 20) console.log(`  … and ${problems.length - 20} more`);
  process.exitCode = 1;
}
