// The bisector's per-function mixing rewrites preprocessed C so that every
// file-scope static is global (tests/projects/mixcc.ts).

import { describe, expect, it } from "vitest";
import { globalizeStatics } from "../projects/mixcc.js";

describe("mixcc globalizeStatics", () => {
  it("drops file-scope static and inline, keeps block scope and extern declarations", () => {
    const src = [
      '# 1 "x.c"',
      "static int counter;",
      "static inline int twice(int x) { static int calls; calls++; return 2 * x; }",
      "extern __inline __attribute__ ((__gnu_inline__)) int atoi2 (const char *p) { return 0; }",
      "void f(int a[static 4]);",
      'static const char *s = "static inline";',
      "struct S { int x; }; static struct S v = { 1 };",
    ].join("\n");
    const out = globalizeStatics(src);
    expect(out.length).toBe(src.length);
    expect(out.split("\n")).toEqual([
      '# 1 "x.c"',
      "       int counter;",
      "              int twice(int x) { static int calls; calls++; return 2 * x; }",
      "extern __inline __attribute__ ((__gnu_inline__)) int atoi2 (const char *p) { return 0; }",
      "void f(int a[static 4]);",
      '       const char *s = "static inline";',
      "struct S { int x; };        struct S v = { 1 };",
    ]);
  });
});
