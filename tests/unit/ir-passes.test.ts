// IR-text-in → IR-text-out tests for each pass. A fixture in tests/unit/ir/passes
// names its pass on a `# RUN: <pass>` line and gives the expected output after
// `# EXPECT:`. Both sides go through the printer, so formatting is canonical.

import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { parseModule, PIPELINE, printModule, runPass, runPipeline, verifyModule } from "../../src/ir/index.js";

const dir = new URL("./ir/passes/", import.meta.url).pathname;
/** Fixtures present when this was written: fewer means some went missing. */
const MIN_FIXTURES = 22;

describe("IR passes (fixtures)", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".ir")).sort();
  it("finds its fixtures", () => expect(files.length).toBeGreaterThanOrEqual(MIN_FIXTURES));
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(dir + file, "utf8");
      const pass = /^# RUN: (\S+)/m.exec(text)![1]!;
      const [input, expected] = text.split(/^# EXPECT:\s*$/m) as [string, string];
      const m = parseModule(input);
      verifyModule(m, "input");
      runPass(m, pass);
      expect(printModule(m)).toBe(printModule(parseModule(expected)));
    });
  }
});

describe("pipeline", () => {
  it("-O0 runs only the inliner (nothing to inline here); -O1 promotes, folds and cleans up", () => {
    const src = readFileSync(dir + "mem2reg-loop.ir", "utf8").split(/^# EXPECT:/m)[0]!;
    const m0 = parseModule(src);
    runPipeline(m0, 0, { verify: true });
    expect(printModule(m0)).toBe(printModule(parseModule(src)));
    const seen: string[] = [];
    const m1 = parseModule(src);
    runPipeline(m1, 1, { verify: true, printAfter: { pass: "*", sink: (t) => seen.push(t.split("\n")[0]!) } });
    expect(seen).toEqual(PIPELINE.filter((p) => p.minOpt <= 1).map((p) => `# after ${p.name}`));
    expect(seen.slice(0, 4)).toEqual(["# after inline", "# after mem2reg", "# after constfold", "# after sroa"]);
    expect(printModule(m1)).not.toContain("alloca 4, align 4\n  store");
  });

  it("TSCC_BREAK_PASS breaks the named function once, even when the pass runs several times", () => {
    const src = readFileSync(dir + "mem2reg-loop.ir", "utf8").split(/^# EXPECT:/m)[0]!;
    const good = parseModule(src);
    runPipeline(good, 2, { verify: true });
    const saved = process.env.TSCC_BREAK_PASS;
    process.env.TSCC_BREAK_PASS = "constfold:sum";
    try {
      expect(PIPELINE.filter((p) => p.name === "constfold").length).toBeGreaterThan(1);
      const bad = parseModule(src);
      runPipeline(bad, 2, { verify: true });
      const branch = (t: string): string => /condbr [^\n]*/.exec(t)![0];
      const [g, b] = [branch(printModule(good)), branch(printModule(bad))];
      const targets = (x: string): string[] => x.split(", ").slice(1);
      expect(targets(b)).toEqual([...targets(g)].reverse());
    } finally {
      if (saved === undefined) delete process.env.TSCC_BREAK_PASS;
      else process.env.TSCC_BREAK_PASS = saved;
    }
  });
});
