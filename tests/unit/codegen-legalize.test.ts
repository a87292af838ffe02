// Pre-isel legalisation (src/codegen/legalize.ts): what a target without
// binary128 or 128-bit division instructions gets as libgcc calls.

import { describe, expect, it } from "vitest";
import { legalizeFunction } from "../../src/codegen/legalize.js";
import { parseModule, printModule, verifyModule } from "../../src/ir/index.js";

const ALL = { splitCriticalEdges: false, softFloat128: true, i128DivCalls: true };

function legalize(src: string, limits = ALL): string {
  const m = parseModule(src);
  for (const f of m.funcs) legalizeFunction(f, limits);
  verifyModule(m);
  return printModule(m);
}

describe("library calls", () => {
  it("turns binary128 arithmetic and i128 division into calls", () => {
    const out = legalize("function f128 $f(f128 %a, f128 %b, i128 %x, i128 %y) {\n@e\n  %c = fmul f128 %a, %b\n  %q = urem i128 %x, %y\n  ret %c\n}\n");
    expect(out).toContain("%c = call f128 $__multf3(f128 %a, f128 %b)");
    expect(out).toContain("%q = call i128 $__umodti3(i128 %x, i128 %y)");
  });

  it("makes a compare a call and a sign test, and ueq two of them", () => {
    const out = legalize("function i1 $f(f128 %a, f128 %b) {\n@e\n  %c = fcmp ult f128 %a, %b\n  %d = fcmp ueq f128 %a, %b\n  %e = and i1 %c, %d\n  ret %e\n}\n");
    expect(out).toMatch(/= call i32 \$__getf2\(f128 %a, f128 %b\)\n\s+%c = icmp slt i32 %\S+, 0/);
    expect(out).toContain("$__unordtf2");
    expect(out).toMatch(/%d = or i1/);
  });

  it("widens narrow integers to 32 bits before converting to binary128", () => {
    const out = legalize("function f128 $f(i8 %a) {\n@e\n  %c = uitofp i8 %a to f128\n  ret %c\n}\n");
    expect(out).toMatch(/= zext i8 %a to i32\n\s+%c = call f128 \$__floatunsitf\(i32 %\S+\)/);
  });

  it("leaves everything alone when the target has the instructions", () => {
    const src = "function f128 $f(f128 %a, f128 %b) {\n@e\n  %c = fadd f128 %a, %b\n  ret %c\n}\n";
    expect(legalize(src, { ...ALL, softFloat128: false })).toBe(printModule(parseModule(src)));
  });
});
