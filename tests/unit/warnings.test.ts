// -Wall -Wextra warnings against gcc 12, file by file (tests/unit/warnings/*.c):
// the same (line, [-Wname]) pairs for the warnings tscc implements. The
// corpus-wide figures (torture, zlib, bzip2, Lua, SQLite) come from
// `npx tsx tests/warnings/compare.ts`.

import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TSCC_BUNDLE_PATH } from "../bundle.js";
import { WATCHED } from "../warnings/watched.js";
import { requireBundleForEach, requireForEach } from "./require.js";

const DIR = join(import.meta.dirname, "warnings");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".c")).sort();
const FLAGS = ["-S", "-o", "/dev/null", "-Wall", "-Wextra", "-O0", "-fno-diagnostics-color"];

/** `line [-Wname]` of each warning of a watched name, sorted. */
function warnings(cmd: string, args: string[]): string[] {
  const r = spawnSync(cmd, args, { cwd: DIR, encoding: "utf8" });
  const out: string[] = [];
  for (const line of r.stderr.split("\n")) {
    const m = /^[^:]+:(\d+):\d+: warning: .*\[-W([a-z0-9-]+)=?\]$/.exec(line);
    if (m && WATCHED.includes(m[2]!)) out.push(`${m[1]} [-W${m[2]}]`);
  }
  return out.sort();
}

/** Every warning line (position, message, option), with gcc in the C locale (plain quotes, as tscc writes them). */
function fullWarnings(cmd: string, args: string[]): string[] {
  const r = spawnSync(cmd, args, { cwd: DIR, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } });
  return r.stderr.split("\n").filter((l) => /^[^ ]+:\d+:\d+: (warning|error): /.test(l)).sort();
}

/** Options a test file asks for beyond -Wall -Wextra (a `// flags: …` line). */
function fileFlags(f: string): string[] {
  const m = /^\/\/ flags: (.*)$/m.exec(readFileSync(join(DIR, f), "utf8"));
  return m ? m[1]!.trim().split(/\s+/) : [];
}

describe("-Wall -Wextra: the warnings gcc gives, on the same lines", () => {
  requireBundleForEach();
  requireForEach("gcc");
  it("has files", () => expect(FILES.length).toBeGreaterThanOrEqual(8));
  for (const f of FILES) {
    it(f, () => {
      const flags = [...FLAGS, ...fileFlags(f)];
      const gcc = warnings("gcc", [...flags, f]);
      expect(gcc.length).toBeGreaterThan(0);
      expect(warnings(process.execPath, [TSCC_BUNDLE_PATH, ...flags, f])).toEqual(gcc);
      // -Wformat's messages name types and positions inside the format, pragmas make errors: compared whole.
      if (/^(format|pragma)/.test(f)) expect(fullWarnings(process.execPath, [TSCC_BUNDLE_PATH, ...flags, f])).toEqual(fullWarnings("gcc", [...flags, f]));
    });
  }
  it("-Wformat levels, -Wno-format, -Werror=format (its members too) and -Wno-error=format as gcc", () => {
    for (const flags of [["-Wformat=2"], ["-Wall", "-Wno-format"], ["-Wall", "-Werror=format"], ["-Wformat-security"], ["-Wall", "-Wformat-security"],
      ["-Wall", "-Wformat-nonliteral"], ["-Wall", "-Wno-format-zero-length"], ["-Wformat=0", "-Wall"], ["-Wall", "-Werror", "-Wno-error=format"]]) {
      const args = ["-S", "-o", "/dev/null", ...flags, "format-levels.c"];
      expect(fullWarnings(process.execPath, [TSCC_BUNDLE_PATH, ...args]), flags.join(" ")).toEqual(fullWarnings("gcc", args));
    }
  });
  it("-Wall alone leaves out the -Wextra ones, and -Wno-NAME silences one", () => {
    const only = (flags: string[]): string[] => warnings(process.execPath, [TSCC_BUNDLE_PATH, "-S", "-o", "/dev/null", ...flags, "set-but-not-used.c"]);
    expect(only([]).length).toBe(0);
    expect(only(["-Wall"]).some((w) => w.includes("unused-parameter"))).toBe(false);
    expect(only(["-Wall", "-Wextra"]).some((w) => w.includes("unused-parameter"))).toBe(true);
    expect(only(["-Wall", "-Wextra", "-Wno-unused-parameter"]).some((w) => w.includes("unused-parameter"))).toBe(false);
    expect(only(["-Wunused-variable"])).toEqual(["18 [-Wunused-variable]"]);
  });
});
