// The tscc bundle (dist/tscc.cjs) that the end-to-end tests, the torture runner
// and the project recipes run. A bundle older than a file in src/ would test
// yesterday's compiler and report its results as today's, so every user of the
// bundle asks `bundleProblem()` first and refuses to go on when it answers.

import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..");
export const TSCC_BUNDLE_PATH = join(ROOT, "dist/tscc.cjs");

/** The newest file under `dir` (path and modification time in ms). */
function newestFile(dir: string): { path: string; mtimeMs: number } | undefined {
  let best: { path: string; mtimeMs: number } | undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const found = entry.isDirectory() ? newestFile(path) : { path, mtimeMs: statSync(path).mtimeMs };
    if (found && (!best || found.mtimeMs > best.mtimeMs)) best = found;
  }
  return best;
}

/** Why `bundle` must not be used (missing, or older than a source file), or undefined when it is current. */
export function bundleProblem(bundle: string = TSCC_BUNDLE_PATH): string | undefined {
  if (!existsSync(bundle)) return `${bundle} is missing: run npm run build`;
  const built = statSync(bundle).mtimeMs;
  const newest = newestFile(join(ROOT, "src"));
  if (newest && newest.mtimeMs > built) {
    return `${bundle} is older than ${newest.path.slice(ROOT.length + 1)}: run npm run build (tests would otherwise run the old compiler)`;
  }
  return undefined;
}

/** The bundle's path, after checking it is current; throws with the reason otherwise. */
export function currentBundle(bundle: string = TSCC_BUNDLE_PATH): string {
  const problem = bundleProblem(bundle);
  if (problem) throw new Error(problem);
  return bundle;
}
