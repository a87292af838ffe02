// Property: no input makes the preprocessor throw anything but FatalError.

import { readFileSync, existsSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Diagnostics, FatalError } from "../../src/frontend/diagnostics.js";
import { MemoryHost } from "../../src/frontend/host.js";
import { printPreprocessed } from "../../src/frontend/pp-output.js";
import { preprocess } from "../../src/frontend/preprocess.js";
import { SourceManager } from "../../src/frontend/source.js";
import { DATA_LAYOUTS } from "../../src/target.js";
import { requireTools } from "./require.js";

const PIECES = [
  "#define ", "#undef ", "#if ", "#ifdef ", "#ifndef ", "#elif ", "#else", "#endif", "#include ", "#include_next ",
  "#line ", "#error ", "#pragma ", "#pragma once", "#pragma push_macro(\"A\")", "#pragma pop_macro(\"A\")",
  "#pragma GCC poison B", "#embed ", "# ", "#", "##", "(", ")", ",", "...", "__VA_ARGS__", "__VA_OPT__",
  "defined", "A", "B", "f", "g(x)", "f(x)", "A(", "x", "y", " ", "  ", "\n", "\n", "\\\n", "\"s\"", "'c'", "'",
  "\"", "<h.h>", "\"h.h\"", "\"self.h\"", "1", "0", "0x", "1/0", "-", "+", "?", ":", "&&", "||", "<<", "64",
  "_Pragma(", "__LINE__", "__FILE__", "__COUNTER__", "__has_include(", "__has_attribute(", "/*", "*/", "//",
  "L'", "u8\"", "%:", "<:", "@", "`", "\\", "$x", "1e+", ".", "..",
];

function run(main: string, files: Record<string, string> = {}): void {
  const diags = new Diagnostics(new SourceManager(), undefined, () => {});
  const host = new MemoryHost({ "t.c": main, "h.h": "#define H 1\nh", "self.h": '#include "self.h"\n', ...files });
  try {
    const r = preprocess("t.c", host, diags, { target: DATA_LAYOUTS.x86_64, std: "gnu17", preinclude: "", includeDirs: ["."] });
    printPreprocessed(r);
  } catch (e) {
    if (!(e instanceof FatalError)) throw e;
  }
}

describe("preprocessor fuzzing", () => {
  it("survives random token soup", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }), (parts) => {
      run(parts.join(""));
    }), { numRuns: 1500, seed: 42 });
  });

  it("survives soup that defines and uses macros", () => {
    const line = fc.tuple(
      fc.constantFrom("#define A ", "#define f(x) ", "#define g(x, ...) ", "#define B(a,b) a ## b ", "#if ", ""),
      fc.array(fc.constantFrom(...PIECES.filter((p) => p !== "\n" && p !== "\\\n")), { maxLength: 12 }),
    ).map(([head, rest]) => head + rest.join(" "));
    fc.assert(fc.property(fc.array(line, { maxLength: 25 }), (lines) => {
      run(lines.join("\n") + "\n#endif\n#endif\n" + "A f(1) g(1,2) g(1) B(+,+) B(,) f(f(f(A)))");
    }), { numRuns: 800, seed: 7 });
  });

  const header = "/usr/include/stdio.h";
  it("survives mutated real headers", (ctx) => {
    requireTools(ctx, { file: header, what: "the C library's headers (libc6-dev)" });
    const text = readFileSync(header, "latin1");
    const lines = text.split("\n");
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.nat(lines.length - 1), fc.nat(4), fc.constantFrom(...PIECES)), { minLength: 1, maxLength: 12 }),
      (edits) => {
        const copy = lines.slice();
        for (const [at, op, piece] of edits) {
          if (op === 0) copy.splice(at, 1);
          else if (op === 1) copy.splice(at, 0, piece);
          else if (op === 2) copy[at] = (copy[at] ?? "") + piece;
          else if (op === 3) copy.splice(at, 0, copy[(at * 7) % copy.length]);
          else copy[at] = (copy[at] ?? "").slice(0, (copy[at] ?? "").length >> 1);
        }
        run(copy.join("\n"));
      },
    ), { numRuns: 150, seed: 3 });
  });

  it("turns pathological nesting into a fatal error, not a crash", () => {
    expect(() => run("#define f(x) x\n" + "f(".repeat(2000) + ")".repeat(2000))).not.toThrow();
    expect(() => run("#if " + "(".repeat(50000) + "1" + ")".repeat(50000) + "\n#endif")).not.toThrow();
  });
});
