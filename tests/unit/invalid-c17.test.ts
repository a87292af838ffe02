// Invalid programs chosen clause by clause from the Constraints paragraphs of
// C17 §6.4–§6.10 (file names start with the clause). Each starts with gcc 12's
// first error, `// LINE:COL: error: MESSAGE`, from `gcc -fsyntax-only`; tscc
// must report an error at the same line and column whose message contains
// gcc's. Unlike tests/unit/parse/invalid/, these go through the real
// preprocessor, so §6.10 (directives) is covered too.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Diagnostics, FatalError } from "../../src/frontend/diagnostics.js";
import { NodeHost } from "../../src/frontend/host-node.js";
import { parseTranslationUnit } from "../../src/frontend/parse.js";
import { preprocess } from "../../src/frontend/preprocess.js";
import { SourceManager } from "../../src/frontend/source.js";
import { DATA_LAYOUTS } from "../../src/target.js";

const DIR = join(import.meta.dirname, "parse", "invalid-c17");
const files = readdirSync(DIR).filter((f) => f.endsWith(".c")).sort();
/** Cases tscc still gets wrong (NOTES.md lists why): each must still fail, so a fix is noticed and the file moves. */
const TODO_DIR = join(import.meta.dirname, "parse", "invalid-c17-todo");
const todo = readdirSync(TODO_DIR).filter((f) => f.endsWith(".c")).sort();

/** undefined when tscc reports gcc's first error, else what it reported instead. */
function check(file: string, dir = DIR): string | undefined {
  const path = join(dir, file);
  const m = /^\/\/ (\d+):(\d+): error: (.*)$/.exec(readFileSync(path, "latin1").split("\n")[0]!);
  if (!m) return "bad expectation line";
  const [, line, col, msg] = m;
  const diags = new Diagnostics(new SourceManager(), undefined, () => {});
  try {
    const pp = preprocess(path, new NodeHost(), diags, { target: DATA_LAYOUTS.x86_64, std: "gnu17" });
    if (diags.errorCount === 0) parseTranslationUnit(pp.tokens, { layout: DATA_LAYOUTS.x86_64, std: "gnu17" }, diags);
  } catch (e) {
    if (!(e instanceof FatalError)) throw e;
  }
  const errors = diags.list.filter((d) => d.severity === "error" || d.severity === "fatal error");
  // The expectation's line counts the comment line we added on top.
  const hit = errors.find((d) => d.loc && d.loc.line === Number(line) + 1 && d.loc.col === Number(col) && d.message.includes(msg!));
  if (hit) return undefined;
  const first = errors[0];
  return first ? `want ${line}:${col}: ${msg}; got ${first.loc!.line - 1}:${first.loc!.col}: ${first.message}` : "no error reported";
}

describe("C17 constraint violations are rejected where gcc rejects them", () => {
  it("has the corpus", () => expect(files.length).toBeGreaterThanOrEqual(170));
  for (const f of files) it(f, () => expect(check(f)).toBeUndefined());
});

describe("C17 constraint violations still reported differently from gcc (move a file to invalid-c17/ when it passes)", () => {
  for (const f of todo) it(f, () => expect(check(f, TODO_DIR), `${f} now passes: move it to parse/invalid-c17/`).toBeDefined());
});
