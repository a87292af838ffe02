// Differential test against gcc -E: the same programs through both
// preprocessors must give the same spelled tokens (whitespace and line markers
// ignored). Our side is printed with printPreprocessed and lexed again, so the
// -E printer's spacing is checked too. gcc's own headers (stddef.h, stdarg.h…)
// come first in both search paths so that both see the same files.

import { ensureSuite, SUITE_DIR } from "../torture/suite.js";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/frontend/diagnostics.js";
import { NodeHost } from "../../src/frontend/host-node.js";
import { tokenizeString } from "../../src/frontend/lexer.js";
import { printPreprocessed } from "../../src/frontend/pp-output.js";
import { preprocess } from "../../src/frontend/preprocess.js";
import { SourceManager } from "../../src/frontend/source.js";
import { DATA_LAYOUTS, type ArchName } from "../../src/target.js";
import { requireTools } from "./require.js";

const GCC: Record<ArchName, string> = { x86_64: "gcc", aarch64: "aarch64-linux-gnu-gcc", riscv64: "riscv64-linux-gnu-gcc" };

function tool(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: "latin1", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 1 << 28 });
  } catch {
    return undefined;
  }
}


function stdDirs(arch: ArchName): string[] {
  const gccInclude = tool(GCC[arch], ["-print-file-name=include"])!.trim();
  return arch === "x86_64"
    ? [gccInclude, "/usr/local/include", "/usr/include/x86_64-linux-gnu", "/usr/include"]
    : [gccInclude, `/usr/${DATA_LAYOUTS[arch].triple}/include`];
}

/** Spelled tokens of -E output, without directive lines (line markers, #pragma). */
function spelled(text: string): string[] {
  const lines = text.split("\n").filter((l) => !/^\s*#/.test(l)).join("\n");
  const diags = new Diagnostics(new SourceManager(), undefined, () => {});
  return tokenizeString(lines, "<out>", diags).map((t) => t.text).filter((t) => t !== "");
}

function ours(path: string, arch: ArchName, dirs: string[], extra: string[] = []): { text: string; errors: string[] } {
  const errors: string[] = [];
  const diags = new Diagnostics(new SourceManager(), undefined, (t) => errors.push(t));
  const r = preprocess(path, new NodeHost(), diags, {
    target: DATA_LAYOUTS[arch], std: "gnu17", stdDirs: dirs, includeDirs: extra, sourceDateEpoch: 0,
  });
  return { text: printPreprocessed(r), errors };
}

function firstDifference(a: string[], b: string[]): string | undefined {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return undefined;
  const near = (x: string[]): string => x.slice(Math.max(0, i - 8), i + 8).join(" ");
  return `token ${i} of ${a.length}/${b.length}\n  tscc: ${near(a)}\n  gcc:  ${near(b)}`;
}

const tmp = mkdtempSync(join(tmpdir(), "tscc-pp-"));
const HEADERS = ["stdio.h", "stdlib.h", "string.h", "math.h", "stdint.h", "limits.h", "setjmp.h", "signal.h",
  "pthread.h", "complex.h", "wchar.h", "stdarg.h", "stddef.h", "float.h", "errno.h", "ctype.h", "time.h",
  "unistd.h", "fcntl.h", "sys/stat.h", "inttypes.h", "assert.h", "stdatomic.h", "stdbool.h", "locale.h"];

const PROGRAMS: Record<string, string> = {
  "headers.c": HEADERS.map((h) => `#include <${h}>`).join("\n") + `
int main(void) { printf("%d %s\\n", __LINE__, __FILE__); assert(argc); return isnan(1.0) + INT_MAX + (int)UINT64_C(3)
  + PRId64[0] + errno + SIGINT + EOF + isdigit('3') + (int)sizeof(wchar_t) + offsetof(struct tm, tm_sec) + FLT_MAX_EXP; }
`,
  "macros.c": String.raw`#define x 3
#define f(a) f(x * (a))
#undef x
#define x 2
#define g f
#define z z[0]
#define h g(~
#define m(a) a(w)
#define w 0,1
#define t(a) a
#define p() int
#define q(x) x
#define r(x,y) x ## y
#define str(x) # x
f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
g(x+(3,4)-w) | h 5) & m
(f)^m(m);
p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
char c[2][6] = { str(hello), str() };
#define F(a) a*G
#define G(a) F(a)
F(2)(9)
#define e(fmt, ...) pr(fmt, ## __VA_ARGS__)
e(a) e(a,) e(a, b, c)
#define V(...) fn(0 __VA_OPT__(,) __VA_ARGS__)
V() V(1) V(1, 2)
#define xstr(s) str(s)
xstr(__LINE__) xstr(V(a)) str( a  "\n"  '\'' ) __COUNTER__ __COUNTER__ __INCLUDE_LEVEL__
#define paste(a, b) a ## b
paste(1, .5e+3) paste(<, <) paste(%:, %:) paste(L, "s") paste(u, 'c') paste(, ) paste(a, )
#define EMPTY
#define LPAREN (
#define RPAREN )
#define call(x) [x]
call EMPTY (1) call LPAREN 2 RPAREN
#if defined(x) && x == 2 && -1 < 0u == 0 && '\377' < 0 && __has_include(<stdio.h>)
ok
#endif
`,
};

const ARCHES: ArchName[] = ["x86_64", "aarch64", "riscv64"];

describe("tscc -E matches gcc -E token for token", () => {
  for (const arch of ARCHES) {
    for (const [name, text] of Object.entries(PROGRAMS)) {
      it(`${arch}: ${name}`, (ctx) => {
        requireTools(ctx, GCC[arch]);
        const path = join(tmp, name);
        writeFileSync(path, text);
        const dirs = stdDirs(arch);
        const gcc = tool(GCC[arch], ["-E", "-std=gnu17", path], ) ?? "";
        const mine = ours(path, arch, dirs);
        expect(mine.errors.filter((e) => / error: /.test(e))).toEqual([]);
        expect(firstDifference(spelled(mine.text), spelled(gcc))).toBeUndefined();
      });
    }
  }

  // The GCC torture suite (if unpacked) as a corpus: every file must come out as gcc's does.
  ensureSuite();
  const torture = join(SUITE_DIR, "execute");
  it("x86_64: gcc torture execute/*.c", (ctx) => {
    requireTools(ctx, "gcc");
    const dirs = stdDirs("x86_64");
    const TSCC_PP_FULL = process.env.TSCC_PP_FULL !== undefined && process.env.TSCC_PP_FULL !== "";
    // A deterministic sample of ~120 files; TSCC_PP_FULL=1 runs all ~1600 (about 3 minutes).
    const all = readdirSync(torture).filter((f) => f.endsWith(".c")).sort();
    const files = TSCC_PP_FULL ? all : all.filter((_, i) => i % 13 === 0);
    const failures: string[] = [];
    let compared = 0;
    for (const f of files) {
      const path = join(torture, f);
      const gcc = tool("gcc", ["-E", "-std=gnu17", "-w", path]);
      if (gcc === undefined) continue; // gcc rejects it too
      compared++;
      let diff: string | undefined;
      try {
        diff = firstDifference(spelled(ours(path, "x86_64", dirs).text), spelled(gcc));
      } catch (e) {
        diff = String(e);
      }
      if (diff) failures.push(`${f}: ${diff}`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(TSCC_PP_FULL ? 1500 : 110); // the suite has ~1600 files
  }, 900_000);

  // Headers decide what to use with __has_builtin: for every builtin glibc's
  // headers name, tscc must answer as gcc 12 does. _Float16 is not in tscc yet.
  it("__has_builtin answers as gcc for every builtin glibc's headers use", (ctx) => {
    requireTools(ctx, "gcc");
    const headers = ["/usr/include", "/usr/include/x86_64-linux-gnu/bits", "/usr/include/x86_64-linux-gnu/sys"];
    const names = new Set<string>();
    for (const dir of headers) {
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).filter((n) => n.endsWith(".h"))) {
        for (const m of readFileSync(join(dir, f), "latin1").matchAll(/__builtin_\w+/g)) names.add(m[0]);
      }
    }
    const known = [...names].filter((n) => !/f16$/.test(n)).sort();
    expect(known.length).toBeGreaterThan(50);
    const file = join(tmp, "has-builtin.c");
    writeFileSync(file, known.map((n) => `#if __has_builtin(${n})\n${n} yes\n#else\n${n} no\n#endif`).join("\n") + "\n");
    const gcc = spelled(tool("gcc", ["-E", "-P", file]) ?? "");
    expect(spelled(ours(file, "x86_64", stdDirs("x86_64")).text)).toEqual(gcc);
  });
});
