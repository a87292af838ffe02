// What a test needs from the machine (a program on PATH, a file, the host
// architecture, a current tscc bundle) and what happens when it is missing:
// outside CI the test is skipped and vitest reports the skip with its reason;
// under CI=true the test fails, because scripts/install-deps.sh promises every
// tool and a skipped check there would be a check that never ran.
//
//   it("assembles with as", (ctx) => { requireTools(ctx, "as", { hostArch: "x64" }); … });
//   describe("…", () => { requireForEach("gcc"); it(…) });

import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { beforeEach, type TestContext } from "vitest";
import { bundleProblem, TSCC_BUNDLE_PATH } from "../bundle.js";

export type Need =
  | string // a program on PATH
  | { file: string; what: string } // a file some package installs (what: the package or purpose)
  | { hostArch: NodeJS.Architecture }; // tests that run native code of one architecture

const found = new Map<string, boolean>();

/** Is `program` an executable file in a PATH directory? (No process is started.) */
export function onPath(program: string): boolean {
  let hit = found.get(program);
  if (hit === undefined) {
    hit = (process.env.PATH ?? "").split(delimiter).some((dir) => {
      if (dir === "") return false;
      try { accessSync(join(dir, program), constants.X_OK); return true; } catch { return false; }
    });
    found.set(program, hit);
  }
  return hit;
}

/** The needs in `needs` that this machine does not meet, described for a skip note. */
export function missingNeeds(needs: readonly Need[]): string[] {
  const missing: string[] = [];
  for (const need of needs) {
    if (typeof need === "string") { if (!onPath(need)) missing.push(`${need} (not on PATH)`); }
    else if ("file" in need) { if (!existsSync(need.file)) missing.push(`${need.file} (${need.what})`); }
    else if (process.arch !== need.hostArch) missing.push(`a ${need.hostArch} host (this is ${process.arch})`);
  }
  return missing;
}

export const inCI = (): boolean => process.env.CI === "true";

/**
 * Skip the running test, with the reason, when a need is missing; under CI=true
 * throw instead (the install script promises these tools, so a skip there is a failure).
 */
export function requireTools(ctx: Pick<TestContext, "skip">, ...needs: Need[]): void {
  const missing = missingNeeds(needs);
  if (missing.length === 0) return;
  const note = `needs ${missing.join(", ")}`;
  if (inCI()) throw new Error(`${note}: CI=true, and scripts/install-deps.sh installs it, so this is a failure, not a skip`);
  ctx.skip(note);
}

/** `requireTools` before every test of the enclosing describe block (or file). */
export function requireForEach(...needs: Need[]): void {
  beforeEach((ctx) => requireTools(ctx, ...needs));
}

/**
 * The tscc bundle for end-to-end tests: a missing or stale dist/tscc.cjs is
 * always a failure (never a skip): `npm run build` fixes it, and a stale one
 * would test the previous compiler.
 */
export function requireBundle(bundle: string = TSCC_BUNDLE_PATH): string {
  const problem = bundleProblem(bundle);
  if (problem) throw new Error(problem);
  return bundle;
}

/** `requireBundle` before every test of the enclosing describe block. */
export function requireBundleForEach(): void {
  beforeEach(() => { requireBundle(); });
}
