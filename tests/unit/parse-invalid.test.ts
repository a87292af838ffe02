// Invalid programs: each tests/unit/parse/invalid/*.c starts with a comment
// `// LINE:COL: error: MESSAGE` (taken from gcc 12 -fsyntax-only); the parser
// must report an error at that position whose message contains MESSAGE, and
// must not crash.

import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { INVALID_DIR, checkInvalid } from "./parse-util.js";

const files = readdirSync(INVALID_DIR).filter((f) => f.endsWith(".c")).sort();

describe("invalid programs are rejected like gcc", () => {
  it("has a corpus", () => expect(files.length).toBeGreaterThanOrEqual(60));
  for (const f of files) {
    it(f, () => {
      expect(checkInvalid(f)).toBeUndefined();
    });
  }
});
