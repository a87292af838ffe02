// The option table against gcc 12: every -f, -m and -W option gcc lists in its
// --help output is implemented, accepted as harmless, or refused exactly as gcc
// refuses an unknown option; the harmless tables name only real gcc options;
// options that would change the program and that tscc lacks are refused.

import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { requireForEach } from "./require.js";
import { parseCommandLine, UsageError } from "../../src/driver/config.js";
import { F_ABSENT_FEATURES, F_HARMLESS_GROUPS, fOptionHarmless } from "../../src/driver/flag-table.js";
import { GCC_WARNINGS } from "../../src/driver/gcc-warnings.js";

/** What the driver says about an option: "ok", or its error message. */
function verdict(...args: string[]): string {
  try {
    parseCommandLine([...args, "x.c"]);
    return "ok";
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
}

/** Option names gcc prints for `--help=CLASS` (the first column, without the leading dash). */
function gccHelp(cls: string): string[] | undefined {
  const r = spawnSync("gcc", [`--help=${cls}`], { encoding: "utf8" });
  if (r.status !== 0) return undefined;
  return [...r.stdout.matchAll(/^\s+-([A-Za-z0-9][A-Za-z0-9_+=.-]*)/gm)].map((m) => m[1]!);
}


describe("unknown and unimplemented options are refused as gcc refuses them", () => {
  it.each([
    "-ffoo", "-fno-foo", "-mfoo", "-mno-foo", "-Wfoo", "-fsanitize=address", "-fno-stack-protector-strong",
    "-fno-stack-protector-all", "-fno-cf-protection", "-fpatchable-function-entry=2",
    "-mindirect-branch=thunk", "-mcmodel=large", "-march=haswell", "-mavx512f", "-march=x86-64-v3",
    "-m32", "-fshort-enums", "-fpack-struct", "-fopenmp", "-ftrapv", "-fexceptions", "-fprofile-arcs",
    "-fexec-charset=latin1", "-pg", "-gsplit-dwarf", "-gz", "-gdwarf-2", "-gdwarf-3", "-gbtf", "-gstabs",
  ])("%s", (opt) => {
    expect(verdict(opt)).toBe(`unrecognized command-line option '${opt}'`);
  });
  it("-Werror=NAME needs a known warning", () => {
    expect(verdict("-Werror=foo")).toBe("'-Werror=foo': no option '-Wfoo'");
    expect(verdict("-Wno-error=foo")).toBe("'-Wno-error=foo': no option '-Wfoo'");
    expect(verdict("-Werror=format-security")).toBe("ok");
  });
  it("an unknown -Wno- is accepted silently", () => {
    expect(verdict("-Wno-foo")).toBe("ok");
  });
  it("-m options are the target's", () => {
    expect(verdict("-target", "riscv64", "-mabi=lp64d", "-march=rv64gc", "-mno-relax")).toBe("ok");
    expect(verdict("-target", "riscv64", "-mabi=lp64")).toBe("unrecognized command-line option '-mabi=lp64'");
    expect(verdict("-mabi=lp64d")).toBe("unrecognized command-line option '-mabi=lp64d'");
    expect(verdict("-target", "aarch64", "-mgeneral-regs-only")).toBe("unrecognized command-line option '-mgeneral-regs-only'");
  });
  it("the command line exits 1 with gcc's message", () => {
    const r = spawnSync(process.execPath, ["dist/tscc.cjs", "-c", "-ffoo-bar", "x.c"], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error: unrecognized command-line option '-ffoo-bar'");
  });
});

describe("implemented options act", () => {
  it("-fvisibility, -ffast-math, -fwrapv, -fno-inline", () => {
    expect(parseCommandLine(["-fvisibility=hidden", "x.c"]).defaultVisibility).toBe("hidden");
    expect(verdict("-fvisibility=bad")).toBe("unrecognized visibility value 'bad'");
    expect(parseCommandLine(["-ffast-math", "x.c"]).floatModel.fastMath).toBe(true);
    expect(parseCommandLine(["-fno-math-errno", "x.c"]).floatModel.noMathErrno).toBe(true);
    expect(parseCommandLine(["-fwrapv", "x.c"]).wrapv).toBe(true);
    expect(parseCommandLine(["-fno-inline", "x.c"]).noInline).toBe(true);
  });
  it("hardening: -fstack-protector*, -fcf-protection, -fstack-clash-protection", () => {
    expect(parseCommandLine(["-fstack-protector-strong", "x.c"]).stackProtector).toBe("strong");
    expect(parseCommandLine(["-fstack-protector-all", "-fstack-protector", "x.c"]).stackProtector).toBe("normal");
    expect(parseCommandLine(["-fstack-protector-all", "-fno-stack-protector", "x.c"]).stackProtector).toBe("none");
    expect(parseCommandLine(["-fcf-protection", "x.c"]).cfProtection).toBe(3);
    expect(parseCommandLine(["-fcf-protection=branch", "x.c"]).cfProtection).toBe(1);
    expect(parseCommandLine(["-fcf-protection=full", "-fcf-protection=none", "x.c"]).cfProtection).toBe(0);
    expect(verdict("-fcf-protection=bogus")).toBe("unknown Control-Flow Protection Level 'bogus'");
    expect(verdict("-target", "aarch64", "-fcf-protection")).toBe("'-fcf-protection=full' is not supported for this target");
    expect(verdict("-target", "aarch64", "-fcf-protection=none")).toBe("ok");
    expect(parseCommandLine(["-fstack-clash-protection", "x.c"]).stackClashProtection).toBe(true);
    expect(parseCommandLine(["-fstack-clash-protection", "-fno-stack-clash-protection", "x.c"]).stackClashProtection).toBe(false);
  });
  it("-g levels and DWARF versions", () => {
    const g = (...args: string[]): [number, number, boolean] => {
      const c = parseCommandLine([...args, "x.c"]);
      return [c.debugLevel, c.dwarfVersion, c.debug];
    };
    expect(g()).toEqual([0, 5, false]);
    expect(g("-g")).toEqual([2, 5, true]);
    expect(g("-g1")).toEqual([1, 5, true]);
    expect(g("-g3")).toEqual([2, 5, true]);
    expect(g("-ggdb")).toEqual([2, 5, true]);
    expect(g("-ggdb1")).toEqual([1, 5, true]);
    expect(g("-g", "-g0")).toEqual([0, 5, false]);
    expect(g("-gdwarf-4")).toEqual([2, 4, true]);
    expect(g("-g1", "-gdwarf-4")).toEqual([1, 4, true]);
    expect(g("-gdwarf")).toEqual([2, 5, true]);
    expect(g("-g", "-gno-column-info")).toEqual([2, 5, true]);
  });
});

describe("every option gcc 12 documents is classified", () => {
  requireForEach("gcc");
  const lists = {
    f: [...new Set([...(gccHelp("optimizers") ?? []), ...(gccHelp("common") ?? []), ...(gccHelp("c") ?? [])])]
      .filter((o) => o.startsWith("f")).map((o) => o.slice(1)),
    m: (gccHelp("target") ?? []).filter((o) => o.startsWith("m")).map((o) => o.slice(1)),
    W: (gccHelp("warnings") ?? []).filter((o) => o.startsWith("W")).map((o) => o.slice(1)),
  };

  it("gcc's lists were read", () => {
    expect(lists.f.length).toBeGreaterThan(400);
    expect(lists.m.length).toBeGreaterThan(200);
    expect(lists.W.length).toBeGreaterThan(300);
  });

  it("every -f option is accepted or refused with gcc's unknown-option message", () => {
    for (const name of lists.f) {
      const opt = "-f" + (name.endsWith("=") ? name + "1" : name);
      const v = verdict(opt);
      // (gcc's own words for a bad value of an option taking a keyword: "unrecognized argument in option".)
      if (v !== "ok" && !/^(unrecognized (command-line option|visibility value|argument in option)|unknown Control-Flow Protection Level)/.test(v)) throw new Error(`${opt}: ${v}`);
    }
  });

  it("every -m option is accepted or refused with gcc's unknown-option message", () => {
    for (const name of lists.m) {
      const opt = "-m" + (name.endsWith("=") ? name + "1" : name);
      const v = verdict(opt);
      if (v !== "ok" && v !== `unrecognized command-line option '${opt}'`) throw new Error(`${opt}: ${v}`);
    }
  });

  it("every -W option gcc knows is accepted, and the table holds exactly gcc's", () => {
    for (const name of lists.W) expect(verdict("-W" + (name.endsWith("=") ? name + "1" : name)), name).toBe("ok");
    expect([...GCC_WARNINGS].filter((w) => !lists.W.includes(w))).toEqual([]);
  });

  it("the tables name only real gcc options", () => {
    // gcc lists some options only in their `no-` form (-fno-threadsafe-statics).
    const known = new Set(lists.f.map((n) => n.replace(/^no-/, "").replace(/=.+$/, "=")));
    const unknown = [...F_HARMLESS_GROUPS.flat(), ...F_ABSENT_FEATURES].filter((n) => !known.has(n));
    expect(unknown).toEqual([]);
    expect(lists.f.filter((n) => fOptionHarmless(n)).length).toBeGreaterThan(200);
  });
});

describe("-Wp, options as cpp reads them", () => {
  it("-Wp,-MMD,FILE and -Wp,-MD,FILE name the dependency file (Kbuild's form)", () => {
    const mmd = parseCommandLine(["-Wp,-MMD,dir/.x.o.d", "-c", "x.c"]);
    expect(mmd.deps).toMatchObject({ sideEffect: true, userOnly: true, file: "dir/.x.o.d" });
    expect(mmd.inputs).toEqual([{ kind: "file", path: "x.c", lang: "c" }]);
    const md = parseCommandLine(["-Wp,-MD,y.d,-DFOO=1", "-c", "x.c"]);
    expect(md.deps).toMatchObject({ sideEffect: true, userOnly: false, file: "y.d" });
    expect(md.defines).toContainEqual({ kind: "define", text: "FOO=1" });
  });
});
