// tscc-ar against Debian's GNU ar: the same command on the same files must
// give the same bytes (deterministic mode, Debian's default); `t`, `p` and
// `x` must read back what was written; and tscc's linker must link against
// a tscc-ar archive.

import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runRanlib } from "../../src/driver/ar.js";
import { indexedSymbols, readArchive, writeArchive } from "../../src/elf/archive.js";
import { inCI, onPath, requireBundle } from "./require.js";

const DIST = join(import.meta.dirname, "../../dist");
const TSCC = requireBundle(join(DIST, "tscc.cjs"));
const dir = mkdtempSync(join(tmpdir(), "tscc-ar-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ran { status: number; stdout: string; stderr: string }

/** The built tscc-ar (dist/, as `tscc -print-prog-name=ar` names it), in `dir`. */
function tsccAr(args: string[], cwd = dir): Ran {
  const r = spawnSync(join(DIST, "tscc-ar"), args, { cwd, encoding: "latin1" });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function gnuAr(args: string[], cwd = dir): Ran {
  const r = spawnSync("ar", args, { cwd, encoding: "latin1" });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const SOURCES: Record<string, string> = {
  "a.c": "int ga = 1; static int sa; int common_x; __attribute__((weak)) int wf(void) { return 0; }\n" +
    "extern int ext(void); int f(void) { return ext() + sa; }\n__attribute__((visibility(\"hidden\"))) int hid(void) { return 2; }\n",
  "b.c": "int g(void) { return 3; }\nconst char msg[] = \"odd\";\n",
  "nothing.c": "static int unused;\n",
};

/** Objects: gcc's and tscc's of each source, some under names longer than 15 bytes, one twice under the same name, and non-objects. */
function buildInputs(): string[] {
  for (const [name, text] of Object.entries(SOURCES)) writeFileSync(join(dir, name), text);
  const files: string[] = [];
  for (const name of Object.keys(SOURCES)) {
    const base = name.replace(/\.c$/, "");
    execFileSync("gcc", ["-fcommon", "-c", "-O1", "-o", join(dir, `${base}-gcc.o`), join(dir, name)]);
    execFileSync("node", [TSCC, "-fcommon", "-c", "-o", join(dir, `${base}-tscc-compiled.o`), join(dir, name)]);
    files.push(`${base}-gcc.o`, `${base}-tscc-compiled.o`);
  }
  // Another target's objects are indexed too (GNU ar reads any ELF).
  if (onPath("aarch64-linux-gnu-gcc")) {
    execFileSync("aarch64-linux-gnu-gcc", ["-fcommon", "-c", "-o", join(dir, "a-aarch64.o"), join(dir, "a.c")]);
    files.push("a-aarch64.o");
  } else if (inCI()) {
    throw new Error("aarch64-linux-gnu-gcc is missing under CI=true (scripts/install-deps.sh installs it)");
  }
  mkdirSync(join(dir, "sub"), { recursive: true });
  copyFileSync(join(dir, "b-gcc.o"), join(dir, "sub", "a-gcc.o")); // same member name as a-gcc.o
  copyFileSync(join(dir, "a-gcc.o"), join(dir, "exactly15bytes.o"));
  writeFileSync(join(dir, "notes.txt"), "not an object\n");
  writeFileSync(join(dir, "odd.dat"), "odd");
  return [...files, "sub/a-gcc.o", "exactly15bytes.o", "notes.txt", "odd.dat", "a-gcc.o"];
}

const inputs = buildInputs();

/** Run one command line through both ars (each on its own copy of `start`, if given) and return both archives. */
function both(args: (archive: string) => string[], start?: Uint8Array): { gnu: Buffer; mine: Buffer } {
  const gnuPath = join(dir, "gnu.a");
  const minePath = join(dir, "mine.a");
  for (const p of [gnuPath, minePath]) {
    rmSync(p, { force: true });
    if (start) writeFileSync(p, start);
  }
  const g = gnuAr(args("gnu.a"));
  expect(g.status, g.stderr).toBe(0);
  const m = tsccAr(args("mine.a"));
  expect(m.status, m.stderr).toBe(0);
  return { gnu: readFileSync(gnuPath), mine: readFileSync(minePath) };
}

describe("byte-identical to GNU ar", () => {
  const cases: Array<[string, string[]]> = [
    ["rcs", inputs],
    ["rcsD", inputs],
    ["-rcs", inputs],
    ["rc", inputs],
    ["qc", inputs],
    ["rcS", inputs],
    ["cr", ["notes.txt", "odd.dat"]],
    ["rcs", ["nothing-gcc.o"]],
    ["rcs", []],
    ["rcsT", inputs],
  ];
  for (const [key, files] of cases) {
    it(`ar ${key} ${files.length} files`, () => {
      const { gnu, mine } = both((a) => [key, a, ...files]);
      expect(mine.equals(gnu)).toBe(true);
    });
  }

  it("edits an existing archive the same way (r, q, d, m, s, ranlib, U members kept)", () => {
    const steps: string[][] = [
      ["rcS", "ARCHIVE", "a-gcc.o", "notes.txt"],
      ["rcsU", "ARCHIVE", "b-gcc.o", "a-tscc-compiled.o"],
      ["r", "ARCHIVE", "a-gcc.o"],
      ["q", "ARCHIVE", "odd.dat", "b-tscc-compiled.o"],
      ["d", "ARCHIVE", "notes.txt"],
      ["m", "ARCHIVE", "a-gcc.o"],
      ["mb", "b-gcc.o", "ARCHIVE", "odd.dat"],
      ["ra", "a-gcc.o", "ARCHIVE", "exactly15bytes.o"],
      ["s", "ARCHIVE"],
      ["rcs", "ARCHIVE", "sub/a-gcc.o"],
    ];
    for (const [name, run] of [["gnu.a", gnuAr], ["mine.a", tsccAr]] as const) {
      rmSync(join(dir, name), { force: true });
      for (const step of steps) expect(run(step.map((s) => (s === "ARCHIVE" ? name : s))).status).toBe(0);
    }
    expect(readFileSync(join(dir, "mine.a")).equals(readFileSync(join(dir, "gnu.a")))).toBe(true);
    // ranlib restores an index that S left out.
    const { gnu } = both((a) => ["rcS", a, "a-gcc.o"]);
    writeFileSync(join(dir, "ranlib.a"), gnu);
    execFileSync(join(DIST, "tscc-ranlib"), [join(dir, "ranlib.a")]);
    execFileSync("ranlib", [join(dir, "gnu.a")]);
    expect(readFileSync(join(dir, "ranlib.a")).equals(readFileSync(join(dir, "gnu.a")))).toBe(true);
  });

  it("lists and prints as GNU ar does (t, tv, tvO, p, pv)", () => {
    both((a) => ["rcs", a, ...inputs]);
    for (const key of ["t", "tv", "tvO", "p"]) expect(tsccAr([key, "mine.a"]).stdout).toBe(gnuAr([key, "gnu.a"]).stdout);
    expect(tsccAr(["pv", "mine.a", "notes.txt"]).stdout).toBe(gnuAr(["pv", "gnu.a", "notes.txt"]).stdout);
  });
});

describe("reading back", () => {
  it("indexes the global, weak and common definitions of each ELF member, in symbol-table order", () => {
    both((a) => ["rcs", a, "a-gcc.o"]);
    const listed = [...execFileSync("nm", ["-s", join(dir, "gnu.a")], { encoding: "utf8" }).matchAll(/^(\w+) in a-gcc\.o$/gm)].map((m) => m[1]);
    expect(indexedSymbols(readFileSync(join(dir, "a-gcc.o")))).toEqual(listed);
    expect([...listed].sort()).toEqual(["common_x", "f", "ga", "hid", "wf"]);
    expect(indexedSymbols(readFileSync(join(dir, "notes.txt")))).toBeUndefined();
    rmSync(join(dir, "mine.a"), { force: true });
    expect(tsccAr(["rcs", "mine.a", ...inputs]).status).toBe(0);
    const ar = readArchive(new Uint8Array(readFileSync(join(dir, "mine.a"))));
    expect(ar.members.map((m) => m.name)).toEqual(inputs.map((p) => p.replace(/^sub\//, "")));
    const first = ar.symbols.find((s) => s.name === "g");
    expect(ar.memberAt(first?.offset ?? -1)?.name).toBe("b-gcc.o");
  });

  it("extracts what it stored (x, x member, --output)", () => {
    rmSync(join(dir, "mine.a"), { force: true });
    expect(tsccAr(["rcs", "mine.a", "a-tscc-compiled.o", "notes.txt", "odd.dat"]).status).toBe(0);
    const out = join(dir, "out");
    expect(tsccAr(["x", "--output", out, "mine.a"]).status).toBe(0);
    for (const f of ["a-tscc-compiled.o", "notes.txt", "odd.dat"]) expect(readFileSync(join(out, f)).equals(readFileSync(join(dir, f)))).toBe(true);
    rmSync(out, { recursive: true });
    expect(tsccAr(["xv", "mine.a", "odd.dat"], dir).stdout).toBe("x - odd.dat\n");
  });

  it("writes the 64-bit index when member offsets pass the 32-bit limit", () => {
    const data = readFileSync(join(dir, "b-gcc.o"));
    const bytes = writeArchive([{ name: "b.o", data, symbols: indexedSymbols(data) }, { name: "c.o", data, symbols: ["h"] }], { offsetLimit32: 100 });
    expect(Buffer.from(bytes.subarray(8, 15)).toString("latin1")).toBe("/SYM64/");
    const ar = readArchive(bytes);
    expect(ar.symbols.map((s) => `${s.name}@${ar.memberAt(s.offset)?.name}`)).toEqual(["g@b.o", "msg@b.o", "h@c.o"]);
  });
});

describe("errors", () => {
  it("reports a missing input and leaves the archive as it was", () => {
    both((a) => ["rcs", a, "a-gcc.o"]);
    const before = readFileSync(join(dir, "mine.a"));
    const r = tsccAr(["rcs", "mine.a", "b-gcc.o", "missing.o"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("tscc-ar: error: missing.o: No such file or directory\n");
    expect(readFileSync(join(dir, "mine.a")).equals(before)).toBe(true);
    expect(tsccAr(["rc", "new.a", "missing.o"]).status).toBe(1);
    expect(existsSync(join(dir, "new.a"))).toBe(false);
  });
  it("rejects a non-archive, a missing archive and an unknown operation", () => {
    expect(tsccAr(["t", "notes.txt"]).stderr).toBe("tscc-ar: error: notes.txt: file format not recognized\n");
    expect(tsccAr(["t", "none.a"]).stderr).toBe("tscc-ar: error: none.a: No such file or directory\n");
    const r = tsccAr(["z", "mine.a"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^tscc-ar: error: invalid option -- 'z'/);
    expect(tsccAr(["rt", "mine.a"]).stderr).toMatch(/two different operation/);
    expect(runRanlib(["none.a"], { stdout: () => undefined, stderr: () => undefined })).toBe(1);
  });
});

describe("linking", () => {
  it("tscc links a program against a tscc-ar archive", () => {
    writeFileSync(join(dir, "sq.c"), "int sq(int x) { return x * x; }\n");
    writeFileSync(join(dir, "cube-with-a-long-name.c"), "int sq(int); int cube(int x) { return sq(x) * x; }\n");
    writeFileSync(join(dir, "main.c"), '#include <stdio.h>\nint cube(int);\nint main(void) { printf("%d\\n", cube(3)); return 0; }\n');
    for (const f of ["sq", "cube-with-a-long-name"]) execFileSync("node", [TSCC, "-c", "-o", join(dir, `${f}.o`), join(dir, `${f}.c`)]);
    rmSync(join(dir, "libcube.a"), { force: true });
    expect(tsccAr(["rcs", "libcube.a", "cube-with-a-long-name.o", "sq.o"]).status).toBe(0);
    execFileSync("node", [TSCC, "-o", join(dir, "cube"), join(dir, "main.c"), "-L", dir, "-lcube"]);
    expect(execFileSync(join(dir, "cube"), { encoding: "utf8" })).toBe("27\n");
  });
  it("the driver names tscc-ar and tscc-ranlib", () => {
    for (const tool of ["ar", "ranlib"]) {
      const named = execFileSync("node", [TSCC, `-print-prog-name=${tool}`], { encoding: "utf8" }).trim();
      expect(named).toBe(join(import.meta.dirname, "../../dist", `tscc-${tool}`));
      expect(execFileSync(named, ["--version"], { encoding: "utf8" })).toMatch(new RegExp(`^tscc-${tool} `));
    }
  });
});
