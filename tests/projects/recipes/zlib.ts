// zlib: ./configure && make && make test (static and shared examples; a cross
// target's run through qemu-user by zlib's own QEMU_RUN hook),
// then a large-file round trip through minigzip at several levels/strategies:
// the compressed bytes must equal gcc-built minigzip's, and each side must
// decompress the other's output back to the original.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { newResult, ran, runPrefix, testData, type ProjectResult, type Recipe, type RecipeContext } from "../common.js";

export const zlib: Recipe = {
  name: "zlib",
  pkg: "zlib",
  pkgVersion: "1:1.2.13.dfsg-1",
  units: (dir) => listC(dir),
  parts: () => ["build:library-and-examples", "test:make-test", "test:minigzip-vs-gcc"],
  async build(ctx: RecipeContext): Promise<ProjectResult> {
    const r = newResult();
    const conf = await ctx.sh(`CC=${ctx.CC} CFLAGS= ./configure`);
    if (!conf.ok) return { ...r, stage: "configure" };
    const make = await ctx.sh("make -j2");
    r.buildSeconds = conf.seconds + make.seconds;
    if (!make.ok) return { ...r, stage: "build" };
    r.built = true;
    ran(r, "build:library-and-examples");
    return r;
  },
  async test(ctx, r) {
    const run = runPrefix(ctx.arch);
    // zlib's test targets run every program through $(QEMU_RUN), empty when native.
    const t = await ctx.sh(`make test QEMU_RUN='${run.trim()}'`, { timeoutSec: 600 });
    const ok = (t.out.match(/\*\*\* zlib .*test OK \*\*\*/g) ?? []).length;
    r.passed += ok;
    r.failed += Math.max(0, 3 - ok);
    if (ok < 3) r.notes.push(`make test: ${ok}/3 OK`);
    ran(r, "test:make-test");
    const oracle = await ctx.oracle();
    if (!oracle) { r.notes.push("no gcc oracle"); return; }
    const data = join(ctx.dir, "big.dat");
    writeFileSync(data, testData(ctx.fast ? 3 << 20 : 24 << 20, 12345));
    const original = readFileSync(data);
    for (const flag of ["-6", "-1", "-9", "-h", "-r", "-f"]) {
      const name = `minigzip ${flag}`;
      const mine = await ctx.sh(`${run}./minigzip ${flag} -c < big.dat > big.tscc${flag}.gz`, { timeoutSec: 600 });
      const theirs = await ctx.sh(`${run}${oracle}/minigzip ${flag} -c < big.dat > big.gcc${flag}.gz`, { timeoutSec: 600 });
      const a = join(ctx.dir, `big.tscc${flag}.gz`), b = join(ctx.dir, `big.gcc${flag}.gz`);
      let why = "";
      if (!mine.ok || !theirs.ok || !existsSync(a)) why = "compress failed";
      else if (!readFileSync(a).equals(readFileSync(b))) why = "compressed bytes differ from gcc-built zlib";
      else {
        await ctx.sh(`${run}./minigzip -d -c < big.gcc${flag}.gz > big.back1`, { timeoutSec: 600 });
        await ctx.sh(`${run}${oracle}/minigzip -d -c < big.tscc${flag}.gz > big.back2`, { timeoutSec: 600 });
        if (!readFileSync(join(ctx.dir, "big.back1")).equals(original)) why = "tscc minigzip -d of gcc output differs";
        else if (!readFileSync(join(ctx.dir, "big.back2")).equals(original)) why = "gcc minigzip -d of tscc output differs";
      }
      if (why) { r.failed++; r.notes.push(`${name}: ${why}`); ctx.log(`ERROR: ${name}: ${why}`); } else r.passed++;
      if (ctx.fast && flag === "-1") break;
    }
    ran(r, "test:minigzip-vs-gcc");
  },
};

function listC(dir: string): string[] {
  const make = readFileSync(join(dir, "Makefile.in"), "latin1");
  const objs = /^OBJZ = (.*)$/m.exec(make)?.[1] ?? "";
  const objg = /^OBJG = (.*)$/m.exec(make)?.[1] ?? "";
  return [...`${objs} ${objg}`.split(/\s+/).filter((o) => o.endsWith(".o")).map((o) => o.replace(/\.o$/, ".c")), "example.c", "minigzip.c"];
}
