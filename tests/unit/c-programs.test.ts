// End-to-end: every tests/unit/c/*.c program is compiled by the tscc bundle for
// each target that has a backend and whose tools are installed, run (under
// qemu-user for cross targets), and its output compared with its
// `// expect:` line (the output gcc's build of the same program gives). A
// `// flags:` line adds options to both levels (libraries, -l…, go after the source for gcc).

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { requireBundleForEach } from "./require.js";

const ROOT = join(import.meta.dirname, "../..");
const TSCC = TSCC_BUNDLE_PATH;
const DIR = join(import.meta.dirname, "c");
const programs = readdirSync(DIR).filter((f) => f.endsWith(".c")).sort();
const work = mkdtempSync(join(tmpdir(), "tscc-cprog-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Targets whose code generator exists; the others join as their backends land. */
const TARGETS: { arch: string; run: (exe: string) => string[] }[] = [
  { arch: "x86_64", run: (exe) => [exe] },
];

// A moved or emptied folder must not pass by running nothing.
it("finds its programs", () => expect(programs.length).toBeGreaterThanOrEqual(16));

for (const { arch, run } of TARGETS) {
  describe(`C programs on ${arch}`, () => {
    requireBundleForEach();
    for (const file of programs) {
      for (const opt of ["-O0", "-O2"]) {
        it(`${file} ${opt}`, () => {
          const src = join(DIR, file);
          const text = readFileSync(src, "utf8");
          const expected = /^\/\/ expect: (.*)$/m.exec(text)?.[1];
          const flags = /^\/\/ flags: (.*)$/m.exec(text)?.[1]?.split(" ") ?? [];
          const exe = join(work, `${arch}-${opt}-${file}.exe`);
          const cc = spawnSync(process.execPath, [TSCC, "-target", arch, opt, ...flags, src, "-o", exe], { encoding: "utf8" });
          expect(cc.stderr).toBe("");
          expect(cc.status).toBe(0);
          const [cmd, ...args] = run(exe);
          const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 20_000 });
          expect(r.stdout.trimEnd()).toBe(expected);
          expect(r.status).toBe(0);
        });
      }
    }
  });
}
