// Invalid programs: each tests/unit/parse/invalid/*.c starts with a comment
// `// LINE:COL: error: MESSAGE` (taken from gcc 12 -fsyntax-only); the parser
// must report an error at that position whose message contains MESSAGE, and
// must not crash.
//
// tests/unit/parse/invalid-todo/ holds the programs tscc still gets wrong. They
// run too, as known failures: each must still be wrong (and not crash), so the
// day one is fixed this test fails and the file moves to invalid/.

import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { INVALID_DIR, INVALID_TODO_DIR, checkInvalid } from "./parse-util.js";

const files = readdirSync(INVALID_DIR).filter((f) => f.endsWith(".c")).sort();

describe("invalid programs are rejected like gcc", () => {
  it("has a corpus", () => expect(files.length).toBeGreaterThanOrEqual(60));
  for (const f of files) {
    it(f, () => {
      expect(checkInvalid(f)).toBeUndefined();
    });
  }
});

const todo = readdirSync(INVALID_TODO_DIR).filter((f) => f.endsWith(".c")).sort();

describe("invalid programs still diagnosed wrongly (known failures)", () => {
  for (const f of todo) {
    it(f, () => {
      const problem = checkInvalid(f, INVALID_TODO_DIR);
      expect(problem, `${f} is now diagnosed like gcc: git mv tests/unit/parse/invalid-todo/${f} tests/unit/parse/invalid/`).toBeDefined();
    });
  }
});
