// -fdiagnostics-color against gcc 12: on invalid programs, every line whose
// text (colours removed) is the same as gcc's must carry the same escape
// sequences (locus, severity, quoted names, option tag, caret and the
// character it points at); GCC_COLORS chooses the colours and an empty one
// turns them off; `never` and `auto` on a pipe write none.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { requireBundle, requireForEach } from "./require.js";

const work = mkdtempSync(join(tmpdir(), "tscc-color-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PROGRAMS: Record<string, string> = {
  "undeclared.c": "int main(void) {\n  int x = y + 1;\n  return x;\n}\n",
  "conversion.c": "int f(void) {\n  return \"a\";\n}\n",
  "implicit.c": "int main(void) {\n  return g(1);\n}\n",
  "missing.c": "#include \"no-such-header.h\"\n",
  "syntax.c": "int main(void) {\n  int a = 1\n  return a;\n}\n",
};

// ASCII quotes in gcc's messages, as tscc writes them.
const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, LANG: "C", LC_ALL: "C", ...extra };
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete e[k];
  return e;
};

function run(cc: "gcc" | "tscc", file: string, flags: string[], extra: Record<string, string | undefined> = {}): string {
  const [cmd, pre] = cc === "gcc" ? ["gcc", []] : [process.execPath, [requireBundle()]];
  const r = spawnSync(cmd, [...pre, "-fsyntax-only", ...flags, file], { cwd: work, encoding: "utf8", env: env(extra) });
  return r.stderr;
}

// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m\x1b\[K/g, "");

describe("-fdiagnostics-color=always writes gcc 12's escape sequences", () => {
  requireForEach("gcc");
  it.each(Object.keys(PROGRAMS))("%s", (name) => {
    writeFileSync(join(work, name), PROGRAMS[name]!);
    // Diagnostics as blocks: the `file:line:col: severity: message` line, then its source and caret lines.
    const blocks = (text: string): string[][] => {
      const out: string[][] = [];
      for (const l of text.split("\n")) {
        if (l.startsWith(" ")) out[out.length - 1]?.push(l);
        else if (l !== "") out.push([l]);
      }
      return out;
    };
    const gcc = blocks(run("gcc", name, ["-fdiagnostics-color=always"]));
    const ours = blocks(run("tscc", name, ["-fdiagnostics-color=always"]));
    let compared = 0;
    for (const b of ours) {
      const theirs = gcc.find((g) => plain(g[0]!) === plain(b[0]!));
      if (!theirs) continue; // a diagnostic gcc words differently: its plain text is the frontend's business
      b.forEach((line, k) => {
        if (theirs[k] === undefined || plain(theirs[k]!) !== plain(line)) return; // e.g. `^` where gcc draws `^~~~`
        expect(line).toBe(theirs[k]);
        compared++;
      });
    }
    // At least the first diagnostic line (locus, severity, message) is gcc's.
    expect(compared).toBeGreaterThan(0);
  });
});

describe("colour choices", () => {
  const file = "undeclared.c";
  it("GCC_COLORS picks the colours; empty turns them off", () => {
    writeFileSync(join(work, file), PROGRAMS[file]!);
    const custom = run("tscc", file, ["-fdiagnostics-color=always"], { GCC_COLORS: "error=01;32:locus=04:quote=03" });
    expect(custom).toContain("\x1b[04m\x1b[Kundeclared.c:2:11:\x1b[m\x1b[K \x1b[01;32m\x1b[Kerror: \x1b[m\x1b[K'\x1b[03m\x1b[Ky\x1b[m\x1b[K' undeclared");
    expect(run("tscc", file, ["-fdiagnostics-color=always"], { GCC_COLORS: "" })).not.toContain("\x1b");
  });
  it("never, and auto on a pipe, write no escapes", () => {
    writeFileSync(join(work, file), PROGRAMS[file]!);
    expect(run("tscc", file, ["-fdiagnostics-color=never"])).not.toContain("\x1b");
    expect(run("tscc", file, ["-fdiagnostics-color=auto"], { FORCE_COLOR: undefined })).not.toContain("\x1b");
    expect(run("tscc", file, [])).not.toContain("\x1b");
  });
  it("an unknown argument is refused as gcc refuses it", () => {
    expect(run("tscc", file, ["-fdiagnostics-color=bogus"])).toBe(
      "tscc: error: unrecognized argument in option '-fdiagnostics-color=bogus'\ntscc: note: valid arguments to '-fdiagnostics-color=' are: always auto never\n",
    );
  });
});
