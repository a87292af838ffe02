// GNU vector arguments and results between gcc- and tscc-compiled code, both
// ways (tests/abi/vectors): SysV passes 8- and 16-byte vectors in one SSE
// register each (they went in integer registers).

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { requireBundleForEach, requireForEach } from "./require.js";

const TSCC = TSCC_BUNDLE_PATH;
const DIR = join(import.meta.dirname, "../abi/vectors");
const work = mkdtempSync(join(tmpdir(), "tscc-abivec-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function compile(cc: "gcc" | "tscc", src: string, out: string): void {
  const r = cc === "gcc"
    ? spawnSync("gcc", ["-w", "-O1", "-c", join(DIR, src), "-o", out], { encoding: "utf8" })
    : spawnSync(process.execPath, [TSCC, "-O1", "-c", join(DIR, src), "-o", out], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
}

describe("vector ABI against gcc", () => {
  requireBundleForEach();
  requireForEach("gcc", { hostArch: "x64" });
  for (const [callee, caller] of [["gcc", "tscc"], ["tscc", "gcc"], ["tscc", "tscc"]] as const) {
    it(`callee by ${callee}, caller by ${caller}`, () => {
      const a = join(work, `${callee}-callee.o`), b = join(work, `${caller}-caller.o`), exe = join(work, `${callee}-${caller}.exe`);
      compile(callee, "callee.c", a);
      compile(caller, "caller.c", b);
      const link = spawnSync(process.execPath, [TSCC, a, b, "-o", exe], { encoding: "utf8" });
      expect(link.status).toBe(0);
      expect(spawnSync(exe, { encoding: "utf8" }).stdout).toBe("2 8 2.25 6.25 9 36 108\n");
    });
  }
});
