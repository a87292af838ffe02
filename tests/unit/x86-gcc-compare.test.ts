// x86_64-specific C programs (inline asm, __float128, x87 long double,
// __int128): each tests/unit/c-x86/*.c is built by the tscc bundle at -O0
// and -O2 and by the host gcc, and the outputs must be identical.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { requireBundleForEach, requireForEach } from "./require.js";

const ROOT = join(import.meta.dirname, "../..");
const TSCC = TSCC_BUNDLE_PATH;
const DIR = join(import.meta.dirname, "c-x86");
const work = mkdtempSync(join(tmpdir(), "tscc-x86cmp-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function build(cc: string[], src: string, exe: string): string {
  const c = spawnSync(cc[0]!, [...cc.slice(1), src, "-o", exe], { encoding: "utf8" });
  expect(c.stderr).toBe("");
  expect(c.status).toBe(0);
  const r = spawnSync(exe, { encoding: "utf8", timeout: 20_000 });
  expect(r.status).toBe(0);
  return r.stdout;
}

describe("x86_64 programs against gcc", () => {
  requireBundleForEach();
  requireForEach("gcc", { hostArch: "x64" });
  const files = readdirSync(DIR).filter((f) => f.endsWith(".c")).sort();
  it("finds its programs", () => expect(files.length).toBeGreaterThanOrEqual(2));
  for (const file of files) {
    const src = join(DIR, file);
    let expected: string | undefined;
    const gcc = (): string => (expected ??= build(["gcc", "-O0"], src, join(work, `${file}.gcc`)));
    for (const opt of ["-O0", "-O2"]) {
      it(`${file} ${opt}`, () => {
        expect(build([process.execPath, TSCC, opt], src, join(work, `${file}${opt}`))).toBe(gcc());
      });
    }
  }
});
