import { describe, expect, it } from "vitest";
import { DATA_LAYOUTS } from "../../src/target.js";
import { pp, run } from "./pp/helpers.js";

const truth = (expr: string, pre = "", arch: "x86_64" | "aarch64" = "x86_64"): boolean => {
  const r = run(`${pre}\n#if ${expr}\nyes\n#else\nno\n#endif`, {}, { target: DATA_LAYOUTS[arch] });
  if (r.errors.some((e) => e.includes("error"))) throw new Error(r.errors.join("\n"));
  return r.text === "yes";
};

describe("#if arithmetic", () => {
  it("uses intmax_t / uintmax_t with the usual conversions", () => {
    expect(truth("-1 > 0u")).toBe(true);
    expect(truth("-1 < 0")).toBe(true);
    expect(truth("(1 ? -1 : 0u) > 0")).toBe(true);
    expect(truth("0xffffffffffffffff == -1")).toBe(true);
    expect(truth("18446744073709551615u / 2 == 9223372036854775807")).toBe(true);
    expect(truth("-9223372036854775807 - 1 < 0")).toBe(true);
    expect(truth("(-1) / 2 == 0 && (-7) % 3 == -1")).toBe(true);
    expect(truth("1 << 63 < 0 && (1u << 63) > 0")).toBe(true);
    expect(truth("-1 >> 70 == -1 && 1 << 64 == 0 && 4 >> -1 == 8")).toBe(true);
    expect(truth("~0u == 18446744073709551615u && !0 == 1 && -0x7fffffffffffffff - 1 < 0 && -0x8000000000000000 > 0")).toBe(true);
    expect(truth("0b101 == 5 && 017 == 15 && 1'000 == 1000 && 10ULL == 10")).toBe(true);
    expect(truth("(2, 3) == 3")).toBe(true);
  });
  it("evaluates character constants with the target's signedness", () => {
    expect(truth("'a' == 97 && '\\n' == 10 && '\\x41' == 65 && '\\101' == 65")).toBe(true);
    expect(truth("'\\377' < 0", "", "x86_64")).toBe(true);
    expect(truth("'\\377' < 0", "", "aarch64")).toBe(false);
    expect(truth("L'\\xffffffff' < 0", "", "x86_64")).toBe(true);
    expect(truth("L'\\xffffffff' < 0", "", "aarch64")).toBe(false);
    expect(truth("u'\\xffff' == 65535 && U'\\u00e9' == 233 && L'\u00c3\u00a9' == 233")).toBe(true);
  });
  it("handles defined, also when it comes out of a macro", () => {
    expect(truth("defined X && X > 2", "#define X 3")).toBe(true);
    expect(truth("defined(X) || defined Y", "")).toBe(false);
    expect(truth("D", "#define X\n#define D defined(X)")).toBe(true);
    expect(truth("UNDEFINED == 0 && F(1) == 1", "#define F(x) x")).toBe(true);
  });
  it("short-circuits: no division-by-zero error in unevaluated operands", () => {
    expect(truth("1 || 1 / 0")).toBe(true);
    expect(truth("0 && 1 / 0")).toBe(false);
    expect(truth("1 ? 2 : 1 / 0")).toBe(true);
  });
  it("reports errors like gcc and treats the group as false", () => {
    const cases: [string, RegExp][] = [
      ["1 / 0", /t\.c:1:7: error: division by zero in #if/],
      ["1 % 0", /division by zero in #if/],
      ["", /error: #if with no expression/],
      ["(1", /missing '\)' in expression/],
      ["1 +", /#if with no expression|operator/],
      ["1 2", /missing binary operator before token "2"/],
      ["1.0", /floating constant in preprocessor expression/],
      ['"s"', /token ""s"" is not valid in preprocessor expressions/],
      ["defined", /operator "defined" requires an identifier/],
      ["defined(X", /missing '\)' after "defined"/],
      ["1 ? 2", /'\?' without following ':'/],
      ["F(1)", /function-like macro "F" is not defined/],
      ["1 : 2", /':' without preceding '\?'/],
    ];
    for (const [e, msg] of cases) {
      const r = run(`#if ${e}\nyes\n#else\nno\n#endif`);
      expect(r.errors[0], e).toMatch(msg);
      expect(r.text, e).toBe("no");
    }
    expect(run("#if 0x7fffffffffffffff + 1\n#endif").errors[0]).toMatch(/warning: integer overflow in preprocessor expression/);
    expect(run("#if 18446744073709551615\n#endif").errors[0]).toMatch(/warning: integer constant is so large that it is unsigned/);
  });
});

describe("conditional groups", () => {
  it("takes the first true group only, never evaluating later #elif", () => {
    expect(pp("#if 0\na\n#elif 1\nb\n#elif 1/0\nc\n#else\nd\n#endif")).toBe("b");
    expect(pp("#ifdef X\na\n#elifndef X\nb\n#endif")).toBe("b");
    expect(pp("#define X\n#ifndef X\na\n#elifdef X\nb\n#endif")).toBe("b");
  });
  it("ignores unknown directives and bad tokens in skipped groups", () => {
    expect(run("#if 0\n#foo bar\ndon't\n#if 1/0\n#endif\n#else\nok\n#endif").errors).toEqual([]);
    expect(run("#if 0\n#foo bar\n#else\nok\n#endif").text).toBe("ok");
  });
  it("reports unbalanced conditionals and unknown directives", () => {
    expect(run("#if 1\n").errors[0]).toMatch(/t\.c:1:2: error: unterminated #if/);
    expect(run("#endif").errors[0]).toMatch(/error: #endif without #if/);
    expect(run("#else").errors[0]).toMatch(/error: #else without #if/);
    expect(run("#if 1\n#else\n#else\n#endif").errors[0]).toMatch(/error: #else after #else/);
    expect(run("#if 1\n#else\n#elif 1\n#endif").errors[0]).toMatch(/error: #elif after #else/);
    expect(run("#foo").errors[0]).toMatch(/t\.c:1:2: error: invalid preprocessing directive #foo/);
    expect(run("#ifdef X junk\n#endif").errors[0]).toMatch(/warning: extra tokens at end of #ifdef directive/);
    expect(run('#error stop "here"').errors[0]).toMatch(/t\.c:1:2: error: #error stop "here"/);
    expect(run("#warning careful").errors[0]).toMatch(/warning: #warning careful \[-Wcpp\]/);
  });
  it("reports unterminated literals only in live code", () => {
    expect(run("#if 0\nit's\n#endif").errors).toEqual([]);
    expect(run("it's").errors[0]).toMatch(/warning: missing terminating ' character/);
  });
});
