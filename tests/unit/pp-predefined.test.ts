// Predefined macros and -M output against the installed gcc.

import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/frontend/diagnostics.js";
import { NodeHost } from "../../src/frontend/host-node.js";
import { formatDependencies, printPreprocessed } from "../../src/frontend/pp-output.js";
import { preprocess, type PreprocessOptions } from "../../src/frontend/preprocess.js";
import { OMITTED, type CStd } from "../../src/frontend/predefined.js";
import { SourceManager } from "../../src/frontend/source.js";
import { DATA_LAYOUTS, type ArchName } from "../../src/target.js";
import { requireTools } from "./require.js";

const GCC: Record<ArchName, string> = { x86_64: "gcc", aarch64: "aarch64-linux-gnu-gcc", riscv64: "riscv64-linux-gnu-gcc" };
const tool = (cmd: string, args: string[]): string | undefined => {
  try {
    return execFileSync(cmd, args, { encoding: "latin1", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return undefined;
  }
};
const tmp = mkdtempSync(join(tmpdir(), "tscc-ppdef-"));
const empty = join(tmp, "empty.c");
writeFileSync(empty, "");

function ourMacros(arch: ArchName, o: Partial<PreprocessOptions>): Map<string, string> {
  const diags = new Diagnostics(new SourceManager(), undefined, () => {});
  const sysroot = arch === "x86_64" ? ["/usr/include"] : [`/usr/${DATA_LAYOUTS[arch].triple}/include`];
  const r = preprocess(empty, new NodeHost(), diags, { target: DATA_LAYOUTS[arch], std: "gnu17", stdDirs: sysroot, ...o });
  return parse(printPreprocessed(r, { dumpMacros: "M" }));
}

function parse(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split("\n")) {
    const r = /^#define (\S+) ?(.*)$/.exec(line);
    if (r) m.set(r[1], r[2]);
  }
  return m;
}

const VARIANTS: [string, string[], Partial<PreprocessOptions>][] = [
  ["default", [], {}],
  ["-O2", ["-O2"], { optimize: 2 }],
  ["-Os", ["-Os"], { optimize: 2, optimizeSize: true }],
  ["-std=c99", ["-std=c99"], { std: "c99" as CStd }],
  ["-std=gnu89", ["-std=gnu89"], { std: "gnu89" as CStd }],
  ["-std=c2x", ["-std=c2x"], { std: "c2x" as CStd }],
  ["-fno-pic -no-pie", ["-fno-pic", "-no-pie"], { pic: 0, pie: 0 }],
  ["-fPIC", ["-fPIC"], { pic: 2, pie: 0 }],
  ["-ffreestanding", ["-ffreestanding"], { freestanding: true }],
  // .S files: __ASSEMBLER__, and no C standard version (the kernel's uapi headers test __ASSEMBLER__).
  ["-x assembler-with-cpp", ["-x", "assembler-with-cpp"], { assembler: true }],
];

describe("predefined macros mean what gcc -dM -E says", () => {
  for (const arch of ["x86_64", "aarch64", "riscv64"] as ArchName[]) {
    for (const [label, gccArgs, opts] of VARIANTS) {
      it(`${arch} ${label}`, (ctx) => {
        requireTools(ctx, GCC[arch]);
        const theirs = parse(tool(GCC[arch], ["-dM", "-E", ...gccArgs, empty])!);
        const mine = ourMacros(arch, opts);
        const problems: string[] = [];
        for (const [name, value] of theirs) {
          if (OMITTED.some((p) => name.startsWith(p))) continue;
          if (name === "__VERSION__") continue;
          if (!mine.has(name)) problems.push(`missing ${name}`);
          else if (mine.get(name) !== value) problems.push(`${name}: ${mine.get(name)} vs gcc ${value}`);
        }
        for (const name of mine.keys()) if (!theirs.has(name) && name !== "__tscc__") problems.push(`extra ${name}`);
        expect(problems).toEqual([]);
      });
    }
  }
});

describe("dependency output is byte-identical to gcc's", () => {
  it("-M, -MM, -MP, -MT/-MQ", (ctx) => {
    requireTools(ctx, "gcc");
    const main = join(tmp, "dep main.c");
    writeFileSync(join(tmp, "local$.h"), "#include <stdio.h>\n");
    writeFileSync(main, '#include "local$.h"\n#include <stdlib.h>\n#include <math.h>\n');
    const diags = new Diagnostics(new SourceManager(), undefined, () => {});
    const gccInclude = tool("gcc", ["-print-file-name=include"])!.trim();
    const r = preprocess(main, new NodeHost(), diags, {
      target: DATA_LAYOUTS.x86_64, std: "gnu17",
      stdDirs: [gccInclude, "/usr/local/include", "/usr/include/x86_64-linux-gnu", "/usr/include"],
    });
    const all = r.dependencies.map((d) => d.path);
    const user = r.dependencies.filter((d) => !d.system).map((d) => d.path);
    const target = [{ name: "dep main.o", quote: true }];
    expect(formatDependencies({ targets: target, files: all })).toBe(tool("gcc", ["-M", main]));
    expect(formatDependencies({ targets: target, files: user, phony: true })).toBe(tool("gcc", ["-MM", "-MP", main]));
    expect(formatDependencies({ targets: [{ name: "a$ b", quote: false }, { name: "c$ d", quote: true }], files: user }))
      .toBe(tool("gcc", ["-MM", "-MT", "a$ b", "-MQ", "c$ d", main]));
  });
});
