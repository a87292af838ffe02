// bzip2: the shared library (Makefile-libbz2_so: -shared -fPIC, soname) and
// then `make` (libbz2.a, bzip2, bzip2recover) and `make test` (under qemu-user
// for a cross target; 3 compressions
// compared byte for byte with the reference .bz2 files, 3 decompressions), then
// a large-file round trip at -1/-9 compared with gcc-built bzip2, and the
// shared-library bzip2 decompressing it.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { newResult, ran, runPrefix, testData, type ProjectResult, type Recipe, type RecipeContext } from "../common.js";

export const bzip2: Recipe = {
  name: "bzip2",
  pkg: "bzip2",
  pkgVersion: "1.0.8-5",
  parts: () => ["build:shared-library", "build:programs", "test:make-test", "test:round-trip-vs-gcc", "test:shared-library"],
  units: () => ["blocksort.c", "huffman.c", "crctable.c", "randtable.c", "compress.c", "decompress.c", "bzlib.c", "bzip2.c"],
  async build(ctx: RecipeContext): Promise<ProjectResult> {
    const r = newResult();
    const so = await ctx.sh(`make -f Makefile-libbz2_so CC=${ctx.CC} && rm -f *.o`);
    const make = await ctx.sh(`make -j2 CC=${ctx.CC} libbz2.a bzip2 bzip2recover`);
    r.buildSeconds = so.seconds + make.seconds;
    if (!make.ok) return { ...r, stage: "build" };
    if (so.ok) ran(r, "build:shared-library");
    else r.notes.push("shared library build failed");
    r.built = true;
    ran(r, "build:programs");
    return r;
  },
  async test(ctx, r) {
    const run = runPrefix(ctx.arch);
    // bzip2's test target runs ./bzip2 as it is, which a cross target's binary
    // cannot be (no binfmt_misc for qemu here or in CI): the tree's Makefile
    // gets a $(TARGET_RUN) before each ./bzip2, empty when native.
    if (run) await ctx.sh("sed -i 's|^\\t\\./bzip2 |\\t$(TARGET_RUN) ./bzip2 |' Makefile");
    const t = await ctx.sh(`make test CC=${ctx.CC} TARGET_RUN='${run.trim()}'`, { timeoutSec: 600 });
    const cmps = (t.out.match(/^cmp /gm) ?? []).length;
    const bad = (t.out.match(/ differ: | EOF on /g) ?? []).length;
    const ok = t.ok ? 6 : Math.max(0, cmps - bad - 1);
    r.passed += ok;
    r.failed += 6 - ok;
    if (ok < 6) r.notes.push(`make test: ${ok}/6 cmp OK`);
    ran(r, "test:make-test");
    const oracle = await ctx.oracle();
    if (!oracle) { r.notes.push("no gcc oracle"); return; }
    writeFileSync(join(ctx.dir, "big.dat"), testData(ctx.fast ? 2 << 20 : 12 << 20, 4242));
    const original = readFileSync(join(ctx.dir, "big.dat"));
    const levels = ctx.fast ? ["-1"] : ["-1", "-9"];
    for (const lv of levels) {
      const name = `bzip2 ${lv} round trip`;
      await ctx.sh(`${run}./bzip2 ${lv} -c < big.dat > big.tscc.bz2`, { timeoutSec: 900 });
      await ctx.sh(`${run}${oracle}/bzip2 ${lv} -c < big.dat > big.gcc.bz2`, { timeoutSec: 900 });
      await ctx.sh(`${run}./bzip2 -d -c < big.gcc.bz2 > big.back1`, { timeoutSec: 900 });
      const shared = existsSync(join(ctx.dir, "bzip2-shared"));
      if (shared) await ctx.sh(`LD_LIBRARY_PATH=. ${run}./bzip2-shared -d -c < big.tscc.bz2 > big.back2`, { timeoutSec: 900 });
      let why = "";
      const a = join(ctx.dir, "big.tscc.bz2");
      if (!existsSync(a) || !readFileSync(a).equals(readFileSync(join(ctx.dir, "big.gcc.bz2")))) why = "compressed bytes differ from gcc-built bzip2";
      else if (!readFileSync(join(ctx.dir, "big.back1")).equals(original)) why = "bzip2 -d of gcc output differs";
      else if (shared && !readFileSync(join(ctx.dir, "big.back2")).equals(original)) why = "bzip2-shared -d differs";
      if (why) { r.failed++; r.notes.push(`${name}: ${why}`); ctx.log(`ERROR: ${name}: ${why}`); } else r.passed++;
      if (shared) ran(r, "test:shared-library");
    }
    ran(r, "test:round-trip-vs-gcc");
  },
};
