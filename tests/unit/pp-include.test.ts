import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/frontend/diagnostics.js";
import { MemoryHost } from "../../src/frontend/host.js";
import { formatDependencies, printPreprocessed } from "../../src/frontend/pp-output.js";
import { preprocess } from "../../src/frontend/preprocess.js";
import { SourceManager } from "../../src/frontend/source.js";
import { DATA_LAYOUTS } from "../../src/target.js";
import { pp, run } from "./pp/helpers.js";

const dirs = {
  quoteDirs: ["q"], includeDirs: ["i"], systemDirs: ["s"], stdDirs: ["std"], afterDirs: ["a"],
};

describe("#include search", () => {
  it('searches "" in the includer\'s directory, then -iquote, -I, -isystem, system, -idirafter', () => {
    const files = { "sub/x.h": "sub", "q/x.h": "quote", "i/x.h": "I", "s/x.h": "isystem", "std/x.h": "std", "a/x.h": "after" };
    expect(pp('#include "sub/y.h"', { ...files, "sub/y.h": '#include "x.h"' }, dirs)).toBe("sub");
    expect(pp('#include "x.h"', files, dirs)).toBe("quote");
    expect(pp("#include <x.h>", files, dirs)).toBe("I");
    const { "i/x.h": _i, ...noI } = files;
    expect(pp("#include <x.h>", noI, dirs)).toBe("isystem");
    const { "s/x.h": _s, ...noS } = noI;
    expect(pp("#include <x.h>", noS, dirs)).toBe("std");
    const { "std/x.h": _d, ...noStd } = noS;
    expect(pp("#include <x.h>", noStd, dirs)).toBe("after");
    expect(run("#include <x.h>", files, { ...dirs, nostdinc: true, systemDirs: [], includeDirs: [], afterDirs: [] }).errors[0])
      .toMatch(/t\.c:1:10: fatal error: x\.h: No such file or directory/);
  });
  it("#include_next continues after the directory the current file came from", () => {
    const files = { "i/h.h": "first\n#include_next <h.h>", "s/h.h": "second\n#include_next <h.h>", "a/h.h": "third" };
    expect(pp("#include <h.h>", files, dirs)).toBe("first second third");
    expect(pp("#if __has_include_next(<h.h>)\nyes\n#endif")).toBe("");
  });
  it("supports computed includes", () => {
    expect(pp('#define H "h.h"\n#include H', { "h.h": "ok" })).toBe("ok");
    expect(pp("#define S(x) <x.h>\n#include S(h)", { "i/h.h": "ok" }, dirs)).toBe("ok");
    expect(run("#include 3").errors[0]).toMatch(/#include expects "FILENAME" or <FILENAME>/);
  });
  it("honours #pragma once, #import and include guards, reading each file once", () => {
    const files = {
      "once.h": "#pragma once\nonce",
      "guard.h": "/* c */\n#ifndef G\n#define G\nguard\n#endif\n// trailing comment",
      "guard2.h": "#if !defined(G2)\n#define G2\nguard2\n#endif",
      "notguard.h": "#ifndef N\n#define N\nng\n#endif\nafter",
      "imp.h": "imp",
    };
    const host = new MemoryHost({ "t.c": "", ...files });
    const reads = new Map<string, number>();
    const counting = {
      readFile: (p: string) => { reads.set(p, (reads.get(p) ?? 0) + 1); return host.readFile(p); },
      fileExists: (p: string) => host.fileExists(p),
    };
    let src = "";
    for (const f of Object.keys(files)) src += `#include "${f}"\n#include "${f}"\n`;
    src += '#import "imp.h"\n#import "imp.h"\n';
    host.files.set("t.c", src);
    const diags = new Diagnostics(new SourceManager(), undefined, () => {});
    const r = preprocess("t.c", counting, diags, { target: DATA_LAYOUTS.x86_64, std: "gnu17", preinclude: "" });
    expect(r.tokens.toTokens().map((t) => t.text).join(" ")).toBe("once guard guard2 ng after after imp imp imp ");
    for (const n of reads.values()) expect(n).toBe(1);
  });
  it("processes -D, -U, then -imacros and -include, in order", () => {
    expect(pp("A B C M", { "inc.h": "C included", "mac.h": "#define M macro\nnot output" }, {
      defines: [{ kind: "define", text: "A=1" }, { kind: "define", text: "B" }, { kind: "undef", name: "B" }, { kind: "define", text: "C=c" }],
      imacros: ["mac.h"], includes: ["inc.h"],
    })).toBe("c included 1 B c macro");
  });
  it("reports the include chain in diagnostics", () => {
    const r = run('#include "a.h"', { "a.h": '\n#include "b.h"', "b.h": "#error deep" });
    expect(r.diags.list[0].message).toBe("#error deep");
    const text = r.diags.format(r.diags.list[0]);
    expect(text).toContain("In file included from a.h:2,\n                 from t.c:1:\nb.h:1:2: error: #error deep");
  });
  it("limits include depth with a fatal error instead of a crash", () => {
    expect(run('#include "t.c"').errors.at(-1)).toMatch(/#include nested depth 200 exceeds maximum of 200/);
  });
});

describe("-E output and dependencies", () => {
  const print = (main: string, files: Record<string, string> = {}, markers = true): string => {
    const diags = new Diagnostics(new SourceManager(), undefined, () => {});
    const r = preprocess("t.c", new MemoryHost({ "t.c": main, ...files }), diags, { target: DATA_LAYOUTS.x86_64, std: "gnu17", preinclude: "", ...dirs });
    return printPreprocessed(r, { noLineMarkers: !markers });
  };
  it("prints line markers like gcc", () => {
    expect(print('#include "h.h"\nint x;\n', { "h.h": "int h;\n" })).toBe(
      '# 0 "t.c"\n# 0 "<built-in>"\n# 0 "<command-line>"\n# 1 "t.c"\n# 1 "h.h" 1\nint h;\n# 2 "t.c" 2\nint x;\n');
    expect(print("#include <x.h>\n", { "s/x.h": "int s;\n" })).toContain('# 1 "s/x.h" 1 3\nint s;\n# 2 "t.c" 2\n');
    expect(print("a\n\n\n\n\n\n\n\n\n\n\n\nb\n", {}, true)).toContain('a\n# 13 "t.c"\nb\n');
    expect(print("a\n\n\nb\n", {}, false)).toBe("a\nb\n");
  });
  it("keeps tokens apart that would otherwise lex differently", () => {
    expect(print("#define f(x) x\n#define e\n-f(-) +e+ a e b x/e/y 1 e.2 .e.", {}, false)).toBe("- - + + a b x/ /y 1 .2 . .\n");
  });
  it("keeps assembler macro arguments together, as gcc -E does for .S files", () => {
    // The kernel's .S macros: `\type`, `\@`, `\()`; a backslash before `u` would read as a UCN.
    const src = "#define X 1\n.if \\type == X\n.long \\@ - .\n\\name\\()_end:\n\\ u\n";
    expect(print(src, {}, false)).toBe(".if \\type == 1\n.long \\@ - .\n\\name\\()_end:\n\\ u\n");
  });
  it("prints a line continued with a backslash as one line, as gcc does (assembler statements end at newlines)", () => {
    const src = ".macro m a, b\n .skip -(1 > 0) * \\\n  (2),0x90\n.endm\n m \"x\", \\\n   \"y\"\n .section .n, \"a\", @note\nnext\n";
    expect(print(src, {}, false)).toBe('.macro m a, b\n .skip -(1 > 0) * (2),0x90\n.endm\n m "x", "y"\n .section .n, "a", @note\nnext\n');
    // Macro uses: one that begins a line starts a new one, one on a continuation line does not.
    expect(print("#define E1 1: .long 2\n#define E2 3: .byte 4\nE1\n .long 5\nE2\nE1 \\\n E2\n", {}, false))
      .toBe(" 1: .long 2\n .long 5\n 3: .byte 4\n 1: .long 2 3: .byte 4\n");
    // With line markers the following lines keep their numbers.
    expect(print(src, {}, true)).toContain(' m "x", "y"\n\n .section .n, "a", @note\nnext\n');
  });
  it("in assembler source `$` is not part of an identifier ($_pa(x) is an immediate of a macro call)", () => {
    const diags = new Diagnostics(new SourceManager(), undefined, () => {});
    const src = "#define _pa(x) ((x) - 0x100)\n mov $_pa(canary), %eax\n mov $sym, %eax\n";
    const asm = preprocess("t.S", new MemoryHost({ "t.S": src }), diags, { target: DATA_LAYOUTS.x86_64, std: "gnu17", preinclude: "", assembler: true });
    expect(printPreprocessed(asm, { noLineMarkers: true })).toBe(" mov $((canary) - 0x100), %eax\n mov $sym, %eax\n");
    // In C, `$_pa` stays one identifier (gcc's -fdollars-in-identifiers default).
    expect(print("#define _pa(x) 1\n$_pa(y)\n", {}, false)).toBe("$_pa(y)\n");
  });
  it("prints pragmas on their own lines", () => {
    expect(print('a _Pragma("omp x") b', {}, false)).toBe("a\n#pragma omp x\n b\n");
  });
  it("formats make rules like gcc", () => {
    const files = ["m.c", "/usr/include/stdc-predef.h", "a b.h", "d$x.h", "h#1.h"];
    for (let i = 1; i <= 8; i++) files.push(`very_long_header_name_number_${i}.h`);
    expect(formatDependencies({ targets: [{ name: "m.o", quote: true }], files, phony: true })).toBe(
      "m.o: m.c /usr/include/stdc-predef.h a\\ b.h d$$x.h h\\#1.h \\\n" +
      " very_long_header_name_number_1.h very_long_header_name_number_2.h \\\n" +
      " very_long_header_name_number_3.h very_long_header_name_number_4.h \\\n" +
      " very_long_header_name_number_5.h very_long_header_name_number_6.h \\\n" +
      " very_long_header_name_number_7.h very_long_header_name_number_8.h\n" +
      "/usr/include/stdc-predef.h:\na\\ b.h:\nd$$x.h:\nh\\#1.h:\n" +
      Array.from({ length: 8 }, (_, i) => `very_long_header_name_number_${i + 1}.h:\n`).join(""));
    expect(formatDependencies({ targets: [{ name: "x$ y", quote: false }, { name: "q$ z", quote: true }, { name: "third", quote: false }], files: ["m.c"] }))
      .toBe("x$ y third q$$\\ z: m.c\n");
  });
});
