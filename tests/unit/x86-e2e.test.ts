// End to end: IR text programs → x86_64 assembly → linked with the system gcc
// → run, at -O0 and through the optimisation pipeline. A program may carry a
// gcc-compiled C companion (same name, .c) to check the ABI in both directions.
// Expectations live in the .ir files: `# expect: <stdout line>` / `# exit: N`.

import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseModule, runPipeline } from "../../src/ir/index.js";
import { emitAssembly } from "../../src/backend-x86_64/index.js";
import { requireForEach } from "./require.js";

const dir = new URL("./ir/e2e/", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "tscc-e2e-"));

function compileAndRun(name: string, opt: number): { stdout: string; status: number | null } {
  const src = readFileSync(join(dir, name + ".ir"), "utf8");
  const m = parseModule(src);
  runPipeline(m, opt, { verify: true });
  const asm = emitAssembly(m, { optLevel: opt, pic: false });
  const s = join(work, `${name}.O${opt}.s`);
  const exe = join(work, `${name}.O${opt}`);
  writeFileSync(s, asm);
  const inputs = [s];
  if (existsSync(join(dir, name + ".c"))) inputs.push(join(dir, name + ".c"));
  execFileSync("gcc", [...inputs, "-o", exe]);
  const r = spawnSync(exe, { encoding: "utf8", timeout: 10_000 });
  return { stdout: r.stdout, status: r.status };
}

const programs = readdirSync(dir).filter((f) => f.endsWith(".ir")).map((f) => f.slice(0, -3)).sort();

describe("x86_64 end to end", () => {
  requireForEach("gcc", { hostArch: "x64" });
  it("finds its programs", () => expect(programs.length).toBeGreaterThanOrEqual(15));
  for (const name of programs) {
    const text = readFileSync(join(dir, name + ".ir"), "utf8");
    const out = /^# expect: (.*)$/m.exec(text)?.[1];
    const exit = Number(/^# exit: (\d+)$/m.exec(text)?.[1] ?? 0);
    for (const opt of [0, 1]) {
      it(`${name} -O${opt}`, () => {
        const r = compileAndRun(name, opt);
        if (out !== undefined) expect(r.stdout).toBe(out + "\n");
        expect(r.status).toBe(exit);
      });
    }
  }
});

describe("x86_64 -fPIC shared object", () => {
  requireForEach("gcc", { hostArch: "x64" });
  it("links into a .so and is called from gcc code (GOT, PLT, TLS, weak)", () => {
    const pic = new URL("./ir/pic/", import.meta.url).pathname;
    const m = parseModule(readFileSync(join(pic, "lib.ir"), "utf8"));
    runPipeline(m, 1, { verify: true });
    const s = join(work, "lib.s");
    writeFileSync(s, emitAssembly(m, { optLevel: 1, pic: true }));
    execFileSync("gcc", ["-shared", "-fPIC", s, "-o", join(work, "libpic.so")]);
    const exe = join(work, "picmain");
    execFileSync("gcc", [join(pic, "main.c"), `-L${work}`, "-lpic", `-Wl,-rpath,${work}`, "-o", exe]);
    expect(spawnSync(exe, { encoding: "utf8" }).stdout).toBe("13 150 8\n");
  });
});
