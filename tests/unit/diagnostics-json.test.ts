// -fdiagnostics-format=json against gcc 12 on the C17 constraint corpus
// (tests/unit/parse/invalid-c17): the same array-of-objects structure, and
// gcc's first error at the same place (kind, file, line, column) in tscc's.
// Every 4th file here; TSCC_JSON_ALL=1 runs all 176.

import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { requireBundleForEach, requireForEach } from "./require.js";

const DIR = join(import.meta.dirname, "parse", "invalid-c17");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".c")).sort().filter((_, i) => process.env.TSCC_JSON_ALL || i % 4 === 0);

interface Caret { file: string; line: number; column: number; "display-column": number; "byte-column": number }
interface JsonDiagnostic { kind: string; message: string; locations: { caret: Caret }[]; children: JsonDiagnostic[]; "column-origin": number; "escape-source": boolean; option?: string }

function diagnostics(cmd: string, args: string[]): JsonDiagnostic[] {
  const r = spawnSync(cmd, [...args, "-fsyntax-only", "-fdiagnostics-format=json"], { cwd: DIR, encoding: "utf8" });
  // gcc adds "compilation terminated." after a fatal error; the array is the first line.
  return JSON.parse(r.stderr.split("\n")[0]!) as JsonDiagnostic[];
}

describe("-fdiagnostics-format=json has gcc's structure and positions", () => {
  requireBundleForEach();
  requireForEach("gcc");
  it("has files", () => expect(FILES.length).toBeGreaterThanOrEqual(40));
  for (const f of FILES) {
    it(f, () => {
      const gcc = diagnostics("gcc", [f]);
      const tscc = diagnostics(process.execPath, [TSCC_BUNDLE_PATH, f]);
      for (const d of tscc) {
        expect(Object.keys(d).sort()).toEqual(expect.arrayContaining(["children", "column-origin", "escape-source", "kind", "locations", "message"]));
        for (const c of d.children) expect(c.kind).toBe("note");
      }
      const first = gcc.find((d) => d.kind === "error" || d.kind === "fatal error")!;
      const at = (d: JsonDiagnostic): string => `${d.kind} ${d.locations[0]?.caret.file}:${d.locations[0]?.caret.line}:${d.locations[0]?.caret.column}`;
      expect(tscc.map(at)).toContain(at(first));
    });
  }
});
