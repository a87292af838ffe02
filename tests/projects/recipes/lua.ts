// Lua 5.4: the interpreter and library built by Lua's own makefile (`make
// linux`, upstream source as released), then the Lua programs in
// tests/projects/lua/ run on it and on a gcc-built Lua: identical stdout and
// exit status = passed.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { newResult, ran, ROOT, runPrefix, type ProjectResult, type Recipe, type RecipeContext } from "../common.js";

const LUA_TESTS = join(ROOT, "tests/projects/lua");
const FAST = ["strings.lua", "numbers.lua", "coroutines.lua", "errors.lua"];

export const lua: Recipe = {
  name: "lua",
  pkg: "lua5.4",
  pkgVersion: "5.4.4-3+deb12u1",
  parts: () => ["build:interpreter", "test:programs-vs-gcc"],
  units: (dir) => readdirSync(join(dir, "src")).filter((f) => f.endsWith(".c")),
  async build(ctx: RecipeContext): Promise<ProjectResult> {
    const r = newResult();
    // MYCFLAGS empty; CC without Lua's default -std=gnu99 (tscc defaults to gnu17).
    const make = await ctx.sh(`make -j2 linux CC=${ctx.CC}`);
    r.buildSeconds = make.seconds;
    if (!make.ok) return { ...r, stage: "build" };
    r.built = true;
    ran(r, "build:interpreter");
    return r;
  },
  async test(ctx, r) {
    const oracle = await ctx.oracle();
    if (!oracle) { r.notes.push("no gcc oracle"); return; }
    const run = runPrefix(ctx.arch);
    const files = readdirSync(LUA_TESTS).filter((f) => f.endsWith(".lua")).sort().filter((f) => !ctx.fast || FAST.includes(f));
    for (const f of files) {
      const path = join(LUA_TESTS, f);
      // One pipe for stdout and stderr (2>&1): two pipes interleave at random.
      const mine = await ctx.sh(`${run}${ctx.dir}/src/lua ${path} 2>&1`, { timeoutSec: 300, cwd: LUA_TESTS });
      const theirs = await ctx.sh(`${run}${oracle}/src/lua ${path} 2>&1`, { timeoutSec: 300, cwd: LUA_TESTS });
      // The interpreter's own path appears in error messages, and addresses
      // in tostring of tables/threads/functions: normalise them.
      const norm = (s: string, lua: string) => s.split(lua).join("LUA").replace(/0x[0-9a-f]+/g, "0xADDR");
      const a = norm(mine.out, `${ctx.dir}/src/lua`), b = norm(theirs.out, `${oracle}/src/lua`);
      if (a === b && mine.code === theirs.code) { r.passed++; continue; }
      r.failed++;
      const la = a.split("\n"), lb = b.split("\n");
      let i = 0;
      while (i < la.length && la[i] === lb[i]) i++;
      const why = mine.code !== theirs.code && a === b ? `exit ${mine.code} vs gcc ${theirs.code}`
        : `line ${i + 1}: tscc ${JSON.stringify((la[i] ?? "<eof>").slice(0, 100))} gcc ${JSON.stringify((lb[i] ?? "<eof>").slice(0, 100))}`;
      r.notes.push(`${f}: ${why}`);
      ctx.log(`ERROR: ${f}: ${why}`);
    }
    if (files.length > 0) ran(r, "test:programs-vs-gcc");
  },
};
