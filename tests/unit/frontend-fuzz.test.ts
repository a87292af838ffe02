// The frontend's robustness properties (tests/frontend/fuzz.ts) on a few thousand
// inputs, deep nesting as a diagnostic at a fixed depth, and the lexer's fast paths
// (splices, interning) against the spellings they must keep.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Diagnostics, FatalError } from "../../src/frontend/diagnostics.js";
import { tokenizeString } from "../../src/frontend/lexer.js";
import { MAX_NESTING, parseTranslationUnit } from "../../src/frontend/parse.js";
import { SourceManager } from "../../src/frontend/source.js";
import { DATA_LAYOUTS } from "../../src/target.js";
import { properties, SEEDS, type FuzzFailure } from "../frontend/fuzz.js";

function parse(text: string): string[] {
  const messages: string[] = [];
  const diags = new Diagnostics(new SourceManager(), undefined, (t) => messages.push(t.split("\n")[0]));
  try {
    parseTranslationUnit(tokenizeString(text, "t.c", diags), { layout: DATA_LAYOUTS.x86_64, std: "gnu17" }, diags);
  } catch (e) {
    // Only the documented way to stop: a fatal diagnostic, whose message is in
    // `messages`. Anything else (a TypeError, a stack overflow) is a crash.
    if (!(e instanceof FatalError)) throw e;
  }
  return messages;
}

describe("frontend fuzzing", () => {
  const failures: FuzzFailure[] = [];
  const props = properties(failures);
  for (const [name, runs] of [["lexer", 1500], ["preprocessor", 600], ["parser", 600], ["tokens", 600]] as const) {
    it(`${name}: ${runs} inputs end in diagnostics at most`, () => {
      const r = fc.check(props[name], { numRuns: runs, seed: 42 });
      expect(failures.filter((f) => f.property === name).map((f) => `${f.reason}\n${f.input.slice(0, 500)}`)).toEqual([]);
      expect(r.numRuns).toBe(runs);
    }, 120_000);
  }

  it("has a seed corpus", () => {
    expect(SEEDS.length).toBeGreaterThanOrEqual(5);
  });
});

describe("nesting", () => {
  const tooDeep = new RegExp(`nesting too deep: more than ${MAX_NESTING} levels`);
  const cases: [string, (n: number) => string][] = [
    ["parentheses", (n) => `int x = ${"(".repeat(n)}1${")".repeat(n)};`],
    ["unary operators", (n) => `int x = ${"- ~".repeat(n)}1;`],
    ["prefix decrements", (n) => `int f(int y) { return ${"--".repeat(n)}y; }`],
    ["blocks", (n) => `void f(void) { ${"{".repeat(n)}${"}".repeat(n)} }`],
    ["if statements", (n) => `void f(int y) { ${"if (y) ".repeat(n)}; }`],
    ["declarators", (n) => `int ${"(".repeat(n)}p${")".repeat(n)};`],
    ["initializer braces", (n) => `int x[] = ${"{".repeat(n)}1${"}".repeat(n)};`],
    ["subscripts", (n) => `int a[1]; int f(void) { return ${"a[".repeat(n)}0${"]".repeat(n)}; }`],
    ["structs", (n) => `${"struct s { ".repeat(n)}int x;${" } m;".repeat(n)}`],
  ];
  for (const [what, make] of cases) {
    it(`refuses ${what} nested 20,000 deep with a diagnostic`, () => {
      const messages = parse(make(20_000));
      expect(messages.some((m) => tooDeep.test(m))).toBe(true);
      expect(messages.join("\n")).not.toMatch(/internal compiler error/);
    });
  }
  it("accepts 300 levels of parentheses and blocks", () => {
    expect(parse(`int x = ${"(".repeat(300)}1${")".repeat(300)};`)).toEqual([]);
    expect(parse(`void f(void) { ${"{".repeat(300)}${"}".repeat(300)} }`)).toEqual([]);
  });
  it("reports a left-deep expression too long to walk without crashing", () => {
    const messages = parse(`int x = ${"1+".repeat(200_000)}1;`);
    expect(messages.join("\n")).not.toMatch(/internal compiler error/);
  });
});

describe("string initializers", () => {
  it("accepts a braced string literal made of adjacent literals", () => {
    expect(parse('static char a[] = { "lu" "ac" ".out" };\nchar b[8] = { ("x" "y"), };\nchar c[] = { "z" };')).toEqual([]);
  });
});

describe("declarators", () => {
  it("bring a function's parameters into scope when parentheses wrap its name", () => {
    expect(parse("int (f)(int x) { return x; }\nint ((g))(a) int a; { return a; }")).toEqual([]);
  });
});

describe("#line", () => {
  it("gives diagnostics their presumed file and line", async () => {
    const { MemoryHost } = await import("../../src/frontend/host.js");
    const { preprocess } = await import("../../src/frontend/preprocess.js");
    const messages: string[] = [];
    const diags = new Diagnostics(new SourceManager(), undefined, (t) => messages.push(t.split("\n")[0]));
    const host = new MemoryHost({ "t.c": '# 5 "gen.c"\nint a = b;\n#line 20\nint c = d;\n' });
    const pp = preprocess("t.c", host, diags, { target: DATA_LAYOUTS.x86_64, std: "gnu17", preinclude: "" });
    parseTranslationUnit(pp.tokens, { layout: DATA_LAYOUTS.x86_64, std: "gnu17" }, diags);
    expect(messages).toEqual([
      "gen.c:5:9: error: 'b' undeclared here (not in a function)",
      "gen.c:20:9: error: 'd' undeclared here (not in a function)",
    ]);
  });
});

describe("inputs the fuzzer found", () => {
  it("recovers from a bad designator in an array of unknown size", () => {
    for (const text of ['char *names[] = { "a",.y = 0 };', 'char *n[] = { [-------5] = "def" };']) {
      const messages = parse(text);
      expect(messages.length).toBeGreaterThan(0);
      expect(messages.join("\n")).not.toMatch(/internal compiler error/);
    }
  });
});

describe("lexer quirks", () => {
  it("reads u8'c' as a character constant only from C23 on", () => {
    const diags = new Diagnostics(new SourceManager(), undefined, () => {});
    expect(tokenizeString("u8'a' u8\"s\"", "t.c", diags).map((t) => t.text)).toEqual(["u8", "'a'", 'u8"s"', ""]);
    expect(tokenizeString("u8'a'", "t.c", diags, { u8CharConstants: true }).map((t) => t.text)).toEqual(["u8'a'", ""]);
  });
});

describe("digraphs", () => {
  it("keep their spelling for -E and # while meaning their primary form", () => {
    const diags = new Diagnostics(new SourceManager(), undefined, () => {});
    const toks = tokenizeString("<: %:%: [", "t.c", diags);
    expect(toks.map((t) => [t.text, t.digraph])).toEqual([["[", "<:"], ["##", "%:%:"], ["[", undefined], ["", undefined]]);
  });
});

describe("lexer fast paths", () => {
  it("keeps spellings across splices, interning and long literals", () => {
    const long = "x".repeat(5000);
    const text = `ab\\\ncd "${long}" ab\\\r\ncd 1\\\n2 'q' abcd`;
    const diags = new Diagnostics(new SourceManager(), undefined, () => {});
    const toks = tokenizeString(text, "t.c", diags).map((t) => `${t.text}@${t.line}`);
    expect(toks).toEqual(["abcd@1", `"${long}"@2`, "abcd@2", "12@3", "'q'@4", "abcd@4", "@4"]);
  });
});
