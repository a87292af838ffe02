// Struct layout against gcc: for every struct in parse/layout-cases.h, gcc
// prints sizeof, alignof, offsetof of plain members and the bit position
// (found by setting the field to all ones) and width of bit-fields; tscc's
// layout must agree. x86_64 with the host gcc; aarch64/riscv64 with the
// cross compilers under qemu-user when they are installed.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/frontend/diagnostics.js";
import { parseTranslationUnit } from "../../src/frontend/parse.js";
import { SourceManager } from "../../src/frontend/source.js";
import { isRecord, type RecordInfo, type Type } from "../../src/frontend/types.js";
import { DATA_LAYOUTS, type ArchName } from "../../src/target.js";
import { lexPreprocessed } from "./parse-util.js";
import { requireTools } from "./require.js";

const casesPath = join(__dirname, "parse", "layout-cases.h");
const cases = readFileSync(casesPath, "latin1");

interface Field { name: string; bit: boolean }
interface Case { tag: string; kind: "struct" | "union"; fields: Field[] }

/** The records of the case file and their named members (bit-field or not), by a light textual scan. */
function scanCases(): Case[] {
  const out: Case[] = [];
  const re = /(struct|union)\s+(\w+)\s*\{([^{}]*(?:\{[^}]*\}[^{}]*)*)\}/g;
  for (let m = re.exec(cases); m; m = re.exec(cases)) {
    const body = m[3]
      .replace(/(?:struct|union)\s*\{[^}]*\}\s*(\w+)\s*;/g, "int $1;") // named nested member
      .replace(/(?:struct|union)\s*\{([^}]*)\}\s*;/g, "$1"); // anonymous member: lift its fields
    const fields: Field[] = [];
    for (const decl of body.split(";")) {
      const d = decl.trim();
      if (!d) continue;
      const fm = /(\w+)\s*(\[\d*\])?\s*(?:__attribute__\(\([^)]*\)\))?\s*(:\s*\d+)?$/.exec(d.replace(/_Alignas\(\d+\)/, ""));
      if (!fm || /^(char|int|short|long|unsigned|_Bool)$/.test(fm[1]) || d.startsWith("union") && !fm) continue;
      if (/^\s*(unsigned|int|char|short|long long|_Bool)\s*:\s*\d+$/.test(d)) continue; // unnamed bit-field
      fields.push({ name: fm[1], bit: fm[3] !== undefined });
    }
    out.push({ tag: m[2], kind: m[1] as "struct" | "union", fields });
  }
  return out;
}

function gccProgram(list: Case[]): string {
  let p = `#include <stdio.h>\n#include <stddef.h>\n#include <string.h>\n${cases}\n`;
  p += "static int firstbit(const unsigned char *p, int n) { for (int i = 0; i < n * 8; i++) if (p[i / 8] >> (i % 8) & 1) return i; return -1; }\n";
  p += "static int nbits(const unsigned char *p, int n) { int c = 0; for (int i = 0; i < n * 8; i++) c += p[i / 8] >> (i % 8) & 1; return c; }\n";
  p += "int main(void) {\n";
  for (const c of list) {
    const T = `${c.kind} ${c.tag}`;
    p += `  printf("${c.tag} size %zu align %zu\\n", sizeof(${T}), _Alignof(${T}));\n`;
    for (const f of c.fields) {
      if (f.bit) {
        p += `  { ${T} x; memset(&x, 0, sizeof x); x.${f.name} = -1; printf("${c.tag}.${f.name} bit %d width %d\\n", firstbit((unsigned char *)&x, sizeof x), nbits((unsigned char *)&x, sizeof x)); }\n`;
      } else p += `  printf("${c.tag}.${f.name} off %zu\\n", offsetof(${T}, ${f.name}));\n`;
    }
  }
  return p + "  return 0;\n}\n";
}

function tsccLines(arch: ArchName, list: Case[]): string[] {
  const diags = new Diagnostics(new SourceManager(), undefined, () => {});
  const toks = lexPreprocessed(cases, "layout-cases.h", diags);
  parseTranslationUnit(toks, { layout: DATA_LAYOUTS[arch], std: "gnu17" }, diags);
  expect(diags.errorCount).toBe(0);
  // Re-parse with a probe to reach the record types: declare one object per case.
  const probe = cases + list.map((c) => `${c.kind} ${c.tag} probe_${c.tag};\n`).join("");
  const d2 = new Diagnostics(new SourceManager(), undefined, () => {});
  const tu = parseTranslationUnit(lexPreprocessed(probe, "probe.c", d2), { layout: DATA_LAYOUTS[arch], std: "gnu17" }, d2);
  const byTag = new Map<string, RecordInfo>();
  for (const g of tu.globals) if (g.name.startsWith("probe_") && isRecord(g.type)) byTag.set(g.name.slice(6), g.type.rec);
  const lines: string[] = [];
  for (const c of list) {
    const rec = byTag.get(c.tag)!;
    lines.push(`${c.tag} size ${rec.size} align ${rec.align}`);
    for (const f of c.fields) {
      const path = findPath(rec, f.name);
      const off = path.reduce((a, m) => a + m.offset, 0);
      const last = path[path.length - 1];
      if (f.bit) lines.push(`${c.tag}.${f.name} bit ${off * 8 + (last.bitOffset ?? 0)} width ${last.bitWidth}`);
      else lines.push(`${c.tag}.${f.name} off ${off}`);
    }
  }
  return lines;
}

function findPath(rec: RecordInfo, name: string): { offset: number; bitOffset?: number; bitWidth?: number; type: Type }[] {
  for (const m of rec.members) {
    if (m.name === name) return [m];
    if (m.name === undefined && isRecord(m.type)) {
      const sub = findPath(m.type.rec, name);
      if (sub.length) return [m, ...sub];
    }
  }
  return [];
}


const targets: { arch: ArchName; gcc: string; run: (exe: string) => string[] }[] = [
  { arch: "x86_64", gcc: "gcc", run: (exe) => [exe] },
  { arch: "aarch64", gcc: "aarch64-linux-gnu-gcc", run: (exe) => ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu", exe] },
  { arch: "riscv64", gcc: "riscv64-linux-gnu-gcc", run: (exe) => ["qemu-riscv64", "-L", "/usr/riscv64-linux-gnu", exe] },
];

describe("struct layout matches gcc", () => {
  const list = scanCases();
  it("found the cases", () => {
    expect(list.length).toBeGreaterThan(40);
  });
  for (const t of targets) {
    it(`${t.arch}`, (ctx) => {
      requireTools(ctx, t.gcc, ...(t.arch === "x86_64" ? [] : [t.run("x")[0]!]));
      const dir = mkdtempSync(join(tmpdir(), "tscc-layout-"));
      const src = join(dir, "l.c");
      const exe = join(dir, "l");
      writeFileSync(src, gccProgram(list));
      execFileSync(t.gcc, ["-w", "-static", "-o", exe, src]);
      const [cmd, ...args] = t.run(exe);
      const want = execFileSync(cmd, args, { encoding: "utf8" }).trim().split("\n");
      expect(tsccLines(t.arch, list)).toEqual(want);
    });
  }
  void existsSync;
});
