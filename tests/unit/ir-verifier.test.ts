import { describe, expect, it } from "vitest";
import { InternalCompilerError, parseModule, verifyModule, FuncBuilder, newModule, scalar, printModule } from "../../src/ir/index.js";

const bad: [string, string, RegExp][] = [
  ["use not dominated", `function i32 $f(i1 %c) {
@e
  condbr %c, @a, @b
@a
  %x = add i32 1, 2
  br @b
@b
  ret %x
}`, /does not dominate/],
  ["phi/pred mismatch", `function i32 $f(i1 %c) {
@e
  condbr %c, @a, @b
@a
  br @b
@b
  %p = phi i32 @a 1
  ret %p
}`, /predecessors/],
  ["type mismatch", `function i32 $f(i64 %x) {
@e
  %y = add i32 %x, 1
  ret %y
}`, /expected i32/],
  ["bad conversion", `function i32 $f(i64 %x) {
@e
  %y = zext i64 %x to i32
  ret %y
}`, /must widen/],
  ["float constant as int", `function i32 $f() {
@e
  %y = add i32 1.5, 1
  ret %y
}`, /./],
  ["ret without value", `function i32 $f() {
@e
  ret
}`, /ret without a value/],
  ["aggregate call without into", `type :s = size 16 align 8 { i64 0, i64 8 }
function void $f() {
@e
  call :s $g()
  ret
}`, /needs 'into'/],
  ["entry with predecessors", `function void $f() {
@e
  br @e
}`, /entry block/],
  ["duplicate switch case", `function void $f(i8 %x) {
@e
  switch i8 %x, @e2 [1 @e2, 257 @e2]
@e2
  ret
}`, /duplicate switch case/],
  ["same-block use before def", `function i32 $f() {
@e
  %a = add i32 %b, 1
  %b = add i32 1, 1
  ret %a
}`, /does not dominate/],
];

describe("verifier", () => {
  for (const [name, text, msg] of bad) {
    it(`rejects: ${name}`, () => {
      let err: unknown;
      try {
        verifyModule(parseModule(text), "test");
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(Error);
      expect(String((err as Error).message)).toMatch(msg);
      if (!(err instanceof InternalCompilerError)) expect((err as Error).name).toBe("IRParseError");
    });
  }

  it("reports function and pass in an InternalCompilerError", () => {
    const m = parseModule("function i32 $f() {\n@e\n  ret 1\n}");
    m.funcs[0]!.blocks[0]!.term = { op: "ret" };
    try {
      verifyModule(m, "mypass");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InternalCompilerError);
      expect((e as InternalCompilerError).func).toBe("f");
      expect((e as InternalCompilerError).pass).toBe("mypass");
    }
  });

  it("accepts what the builder makes, and it round-trips", () => {
    const m = newModule();
    const b = new FuncBuilder(m, "max", scalar("i32"), [{ type: scalar("i32"), name: "a" }, { type: scalar("i32"), name: "b" }]);
    const entry = b.block("entry");
    b.at(entry);
    const c = b.icmp("sgt", "i32", b.param(0), b.param(1), "c");
    b.ret(b.select("i32", c, b.param(0), b.param(1), "m"));
    verifyModule(m);
    const text = printModule(m);
    expect(text).toContain("%m = select i32 %c, %a, %b");
    expect(printModule(parseModule(text))).toBe(text);
  });
});
