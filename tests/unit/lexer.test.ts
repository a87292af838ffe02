import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/frontend/diagnostics.js";
import { tokenizeString } from "../../src/frontend/lexer.js";
import { SourceManager } from "../../src/frontend/source.js";

function lex(text: string) {
  const out: string[] = [];
  const diags = new Diagnostics(new SourceManager(), undefined, (t) => out.push(t));
  const toks = tokenizeString(text, "t.c", diags);
  return { toks, errors: out };
}

describe("lexer", () => {
  it("cuts punctuators longest-first and normalises digraphs", () => {
    const { toks } = lex("a<<=b->c ... <: :> %:%: x");
    expect(toks.map((t) => t.text)).toEqual(["a", "<<=", "b", "->", "c", "...", "[", "]", "##", "x", ""]);
  });
  it("lexes pp-numbers including exponents and digit separators", () => {
    const { toks } = lex("1e+5 0x1p-3 .5f 1'000'000 12ULL 0b1010 1.2.3");
    expect(toks.filter((t) => t.kind === "number").map((t) => t.text))
      .toEqual(["1e+5", "0x1p-3", ".5f", "1'000'000", "12ULL", "0b1010", "1.2.3"]);
  });
  it("keeps prefixes on strings and character constants", () => {
    const { toks } = lex(`L"w" u8"x" u'c' U"y" 'a' "q\\"r" Lx`);
    expect(toks.map((t) => [t.kind, t.text])).toEqual([
      ["string", 'L"w"'], ["string", 'u8"x"'], ["char", "u'c'"], ["string", 'U"y"'],
      ["char", "'a'"], ["string", '"q\\"r"'], ["ident", "Lx"], ["eof", ""],
    ]);
  });
  it("tracks lines and columns across comments and splices", () => {
    const { toks } = lex("a /* x\n y */ b\n#def\\\nine c\n  d // e\nf");
    const pos = toks.map((t) => `${t.text}@${t.line}:${t.col}${t.bol ? "^" : ""}`);
    expect(pos).toEqual(["a@1:1^", "b@2:7", "#@3:1^", "define@3:2", "c@4:5", "d@5:3^", "f@6:1^", "@6:2^"]);
  });
  it("reports unterminated literals and comments without throwing", () => {
    expect(lex('"abc\nx').errors[0]).toMatch(/t.c:1:1: error: missing terminating " character/);
    expect(lex("x /* y").errors[0]).toMatch(/t.c:1:3: error: unterminated comment/);
  });
});
