// Real programs through tscc's linker, next to GNU ld in the same run: the
// SQLite shell (shell.c + the amalgamation) and Lua 5.4, compiled by gcc
// (-O2 -ffunction-sections -fdata-sections, objects cached in .cache/link-real),
// linked as a dynamic PIE and statically, each with and without --gc-sections,
// by src/link (in-process, a fresh input cache each time) and by `ld` with the
// same arguments; every program runs a query / a script and must print the
// expected text. Link times are wall-clock, best of --repeat runs.
//
//   npx tsx tests/link/real-programs.ts [--repeat 3] [--only sqlite|lua]

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputCache, runLinker } from "../../src/link/index.js";
import { linkLine, type LinkKind } from "./gnu-link-line.js";

const ROOT = join(import.meta.dirname, "../..");
const SRC = join(ROOT, ".cache/src");
const OUT = join(ROOT, ".cache/link-real");

interface Program {
  name: string;
  sources: string[];
  cflags: string[];
  libs: string[];
  run: { args: string[]; input?: string; expect: RegExp };
}

function findDir(re: RegExp): string | undefined {
  if (!existsSync(SRC)) return undefined;
  return readdirSync(SRC).filter((d) => re.test(d)).sort().map((d) => join(SRC, d)).pop();
}

function programs(): Program[] {
  const list: Program[] = [];
  const sq = findDir(/^sqlite3-[\d.]+$/);
  if (sq && existsSync(join(sq, "bld/sqlite3.c"))) {
    list.push({
      name: "sqlite", sources: [join(sq, "bld/shell.c"), join(sq, "bld/sqlite3.c")],
      cflags: ["-DSQLITE_THREADSAFE=1", "-DSQLITE_ENABLE_FTS5", "-DSQLITE_ENABLE_JSON1"], libs: ["-lm"],
      run: {
        args: [":memory:"],
        input: "create table t(a,b); insert into t values(1,'x'),(2,'y'),(3,'z');\nselect sum(a), group_concat(b) from t;\nselect sqlite_version();\n",
        expect: /^6\|x,y,z\n3\.\d+\.\d+\n$/,
      },
    });
  }
  const lua = findDir(/^lua5\.4-[\d.]+$/);
  if (lua) {
    const dir = join(lua, "src");
    const files = readdirSync(dir).filter((f) => f.endsWith(".c") && f !== "luac.c").sort().map((f) => join(dir, f));
    // Debian's luaconf.h includes a generated header naming the multiarch triple.
    const inc = join(OUT, "include");
    mkdirSync(inc, { recursive: true });
    writeFileSync(join(inc, "lua5.4-deb-multiarch.h"), '#define DEB_HOST_MULTIARCH "x86_64-linux-gnu"\n');
    list.push({
      name: "lua", sources: files, cflags: ["-DLUA_COMPAT_5_3", "-DLUA_USE_LINUX", `-I${inc}`], libs: ["-lm"],
      run: {
        args: ["-e", "local t = {} for i = 1, 10 do t[i] = i * i end " +
          "local ok, err = pcall(error, 'boom') " +
          "local co = coroutine.wrap(function() coroutine.yield(7) end) " +
          "print(table.concat(t, ','), ok, err, co(), string.format('%.3f', math.sqrt(2)))"],
        expect: /^1,4,9,16,25,36,49,64,81,100\tfalse\tboom\t7\t1\.414\n$/,
      },
    });
  }
  return list;
}

function compile(p: Program): string[] {
  mkdirSync(OUT, { recursive: true });
  return p.sources.map((src) => {
    const obj = join(OUT, `${p.name}-${src.slice(src.lastIndexOf("/") + 1).replace(/\.c$/, ".o")}`);
    if (!existsSync(obj) || statSync(obj).mtimeMs < statSync(src).mtimeMs) {
      const r = spawnSync("gcc", ["-c", "-O2", "-w", "-ffunction-sections", "-fdata-sections", ...p.cflags, src, "-o", obj], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`gcc failed on ${src}: ${r.stderr}`);
    }
    return obj;
  });
}

function best(n: number, f: () => boolean): number | undefined {
  let t = Infinity;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    if (!f()) return undefined;
    t = Math.min(t, performance.now() - t0);
  }
  return t / 1000;
}

const args = process.argv.slice(2);
const opt = (k: string, d: string): string => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
const repeat = Number(opt("--repeat", "3"));
const only = args.includes("--only") ? opt("--only", "") : undefined;
let failures = 0;

for (const p of programs().filter((x) => !only || x.name === only)) {
  const objs = compile(p);
  for (const kind of ["pie", "static"] as LinkKind[]) {
    for (const gc of [false, true]) {
      const label = `${p.name} ${kind}${gc ? " --gc-sections" : ""}`;
      const line = (out: string): string[] => [...(gc ? ["--gc-sections"] : []), ...linkLine(kind, out, objs, p.libs)];
      const ours = join(OUT, `${p.name}.${kind}${gc ? ".gc" : ""}.tscc`);
      const theirs = join(OUT, `${p.name}.${kind}${gc ? ".gc" : ""}.ld`);
      let err = "";
      const tOurs = best(repeat, () => runLinker(line(ours), { stderr: (s) => { err += s; }, cache: new InputCache() }) === 0);
      const tLd = best(repeat, () => spawnSync("ld", line(theirs), { encoding: "utf8" }).status === 0);
      const outcome = (exe: string): string => {
        const r = spawnSync(exe, p.run.args, { input: p.run.input, encoding: "utf8", timeout: 30_000 });
        return p.run.expect.test(r.stdout) && r.status === 0 ? "ok" : `FAILED (exit ${r.status ?? r.signal}: ${JSON.stringify((r.stdout + r.stderr).slice(0, 200))})`;
      };
      const a = tOurs === undefined ? `link FAILED: ${err.trim().split("\n")[0]}` : outcome(ours);
      const b = tLd === undefined ? "link failed" : outcome(theirs);
      if (a !== "ok") failures++;
      const size = (f: string): string => (existsSync(f) ? `${(statSync(f).size / 1024).toFixed(0)} KiB` : "-");
      console.log(`${label.padEnd(32)} tscc-ld ${tOurs?.toFixed(3) ?? "-"}s ${size(ours)} ${a} | GNU ld ${tLd?.toFixed(3) ?? "-"}s ${size(theirs)} ${b}` +
        (tOurs && tLd ? ` | ratio ${(tOurs / tLd).toFixed(1)}x` : ""));
    }
  }
}
process.exitCode = failures ? 1 : 0;
