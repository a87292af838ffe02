import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseModule, printModule, verifyModule, IRParseError } from "../../src/ir/index.js";

const fixture = (name: string): string => readFileSync(new URL(`./ir/${name}`, import.meta.url), "utf8");

describe("IR text round-trip", () => {
  it("print(parse(x)) is a fixed point", () => {
    const m = parseModule(fixture("roundtrip.ir"));
    verifyModule(m);
    const once = printModule(m);
    const twice = printModule(parseModule(once));
    expect(twice).toBe(once);
    expect(once).toContain("sym4 $ext-4");
    expect(once).toContain("call :pair $mk(i32 1, ..., :pair %pr, f64 %g) into %pr");
    expect(once).toContain("function internal i32 $inner(chain %c, i32 %x) {");
    expect(once).toContain("call i32 $inner(chain %frame, i32 %r)");
    expect(once).toContain("blockaddr $mk @start");
  });

  it("keeps block addresses and block differences in initializers", () => {
    const src = "global align 4 $d = { sym4 $f @b - @a+4, sym8 $f @b }\n\nfunction void $f() {\n@a\n  br @b\n@b\n  ret\n}\n";
    const out = printModule(parseModule(src));
    expect(out).toContain("sym4 $f @b - @a+4, sym8 $f @b");
    expect(printModule(parseModule(out))).toBe(out);
  });

  it("keeps float bit patterns exact", () => {
    const src = "function f64 $f() {\n@a\n  %x = fadd f64 0.1, -0.0\n  %y = fadd f64 %x, 0x7ff8000000000001\n  ret %y\n}\n";
    const out = printModule(parseModule(src));
    expect(out).toContain("fadd f64 0.1, -0.0");
    expect(out).toContain("0x7ff8000000000001");
  });

  it("keeps the layout flags (complex, vector, union)", () => {
    const src = "type :u = size 8 align 8 union { i64 0, f64 0 }\n\nfunction void $f(:u %p) {\n@a\n  ret\n}\n";
    const out = printModule(parseModule(src));
    expect(out).toContain("type :u = size 8 align 8 union { i64 0, f64 0 }");
    expect(printModule(parseModule(out))).toBe(out);
  });

  it("reports parse errors with a line", () => {
    expect(() => parseModule("function i32 $f() {\n@a\n  %x = bogus i32 1\n}")).toThrow(IRParseError);
    expect(() => parseModule("function i32 $f() {\n@a\n  ret %nope\n}")).toThrow(/never defined/);
  });
});
