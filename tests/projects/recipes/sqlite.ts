// SQLite: the tree's own autoconf build (`./configure && make`), which generates
// the amalgamation (sqlite3.c) and builds the shell with CC; then speedtest1 and
// the TCL testfixture (against Debian's tcl-dev; for a cross target against a
// Tcl built from Debian's source by the cross gcc, see crossTcl). Tests: the SQL scripts in
// tests/projects/sqlite/ (output compared with a gcc-built shell), speedtest1
// to completion, and testfixture on a few test files (--fast) or `veryquick`.

import { createHash } from "node:crypto";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  ccWrapper, fetchSource, freshCopy, gnuTriple, HOST, isNative, newResult, PROJECTS, ran, ROOT, runPrefix,
  type ProjectResult, type Recipe, type RecipeContext, type SourcePackage,
} from "../common.js";

const SQL_TESTS = join(ROOT, "tests/projects/sqlite");
const FAST_TCL = ["select1.test", "expr.test", "func.test", "printf.test", "where.test", "trigger1.test"];
const TCL = "/usr/lib/tcl8.6";
/** Tcl's source, for a cross target's testfixture (the version tcl-dev has here). */
const TCL_SOURCE: SourcePackage = { pkg: "tcl8.6", pkgVersion: "8.6.13+dfsg-2" };

export const sqlite: Recipe = {
  name: "sqlite3",
  pkg: "sqlite3",
  pkgVersion: "3.40.1-2+deb12u2",
  units: () => ["sqlite3.c", "shell.c", "speedtest1.c"],
  splitUnits: ["sqlite3.c"],
  // testfixture (SQLite's TCL test driver) is planned except in the bisector's
  // quick mixed builds, which run the SQL scripts and speedtest1 only.
  parts: (ctx) => ctx.bench ? ["build:speedtest1"] : [
    "build:shell", "build:speedtest1", ...(testfixturePlanned(ctx) ? ["build:testfixture"] : []),
    "test:sql-scripts-vs-gcc", "test:speedtest1", ...(testfixturePlanned(ctx) ? ["test:testfixture"] : []),
  ],
  async build(ctx: RecipeContext): Promise<ProjectResult> {
    const r = newResult();
    const tclDir = testfixturePlanned(ctx) ? await tclConfigDir(ctx) : undefined;
    const tcl = tclDir ? `--with-tcl=${tclDir}` : "--disable-tcl";
    // A cross build says so (--host: configure cannot run what CC makes) and
    // builds its generators (lemon, mkkeywordhash) with a host compiler: tscc
    // for the host where tscc builds (cc and gcc on that PATH are the target's).
    const cross = isNative(ctx.arch) ? ""
      : ` --host=${gnuTriple(ctx.arch)} BUILD_CC=${ctx.cc === "gcc" ? "gcc" : ccWrapper("tscc", HOST, "0")}`;
    // The bisector's many builds share one configure cache (its probes are all
    // gcc's), one per CC path: autoconf refuses a cache made with another CC.
    // So do benchmark builds (configure's probes through node take minutes).
    const ccKey = createHash("sha256").update(ctx.CC).digest("hex").slice(0, 8);
    const cache = ctx.cc === "mixed" || ctx.bench ? ` --cache-file=${join(PROJECTS, "build", `sqlite3-${ctx.arch}-${ctx.cc}-${ccKey}-config.cache`)}` : "";
    const conf = await ctx.sh(`CC=${ctx.CC} CFLAGS= ./configure --disable-readline ${tcl}${cross}${cache}`);
    if (!conf.ok) return { ...r, stage: "configure" };
    r.buildSeconds = conf.seconds;
    // A benchmark build needs speedtest1 only (the amalgamation is compiled into it).
    if (!ctx.bench) {
      const make = await ctx.sh("make -j2 sqlite3", { timeoutSec: 3600 });
      r.buildSeconds += make.seconds;
      if (!make.ok) return { ...r, stage: "build" };
      ran(r, "build:shell");
    }
    r.built = true;
    const st = await ctx.sh("make speedtest1", { timeoutSec: 3600 });
    r.buildSeconds += st.seconds;
    if (st.ok) ran(r, "build:speedtest1");
    else if (ctx.bench) return { ...r, built: false, stage: "build" };
    else r.notes.push("speedtest1 did not build");
    if (testfixturePlanned(ctx)) {
      // Without TCL's development files configure drops testfixture
      // (--disable-tcl); the planned part then fails the run instead of vanishing.
      if (!tclDir) r.notes.push(`testfixture not built: no tclConfig.sh for ${ctx.arch} (${isNative(ctx.arch) ? `tcl-dev in ${TCL}` : "the cross-built Tcl failed, see the log"})`);
      else {
        const tf = await ctx.sh("make testfixture", { timeoutSec: 3600 });
        r.buildSeconds += tf.seconds;
        if (tf.ok) ran(r, "build:testfixture");
        else r.notes.push("testfixture did not build");
      }
    }
    return r;
  },
  async test(ctx, r) {
    const run = runPrefix(ctx.arch);
    const oracle = await ctx.oracle();
    if (!oracle) r.notes.push("no gcc oracle");
    for (const f of readdirSync(SQL_TESTS).filter((x) => x.endsWith(".sql")).sort()) {
      if (!oracle) break;
      const path = join(SQL_TESTS, f);
      // One pipe for stdout and stderr (2>&1): two pipes interleave at random.
      const mine = await ctx.sh(`${run}./sqlite3 :memory: < ${path} 2>&1`, { timeoutSec: 300 });
      const theirs = await ctx.sh(`${run}${oracle}/sqlite3 :memory: < ${path} 2>&1`, { timeoutSec: 300 });
      if (mine.out === theirs.out && mine.code === theirs.code) { r.passed++; continue; }
      r.failed++;
      const la = mine.out.split("\n"), lb = theirs.out.split("\n");
      let i = 0;
      while (i < la.length && la[i] === lb[i]) i++;
      const why = `line ${i + 1}: tscc ${JSON.stringify((la[i] ?? "<eof>").slice(0, 100))} gcc ${JSON.stringify((lb[i] ?? "<eof>").slice(0, 100))}`;
      r.notes.push(`${f}: ${why}`);
      ctx.log(`ERROR: ${f}: ${why}`);
    }
    if (oracle) ran(r, "test:sql-scripts-vs-gcc");
    if (existsSync(join(ctx.dir, "speedtest1"))) {
      const size = ctx.fast ? 5 : 50;
      const st = await ctx.sh(`${run}./speedtest1 --size ${size} --memdb`, { timeoutSec: 1800 });
      const total = /TOTAL\.+\s+([\d.]+)s/.exec(st.out)?.[1];
      if (st.ok && total) { r.passed++; r.notes.push(`speedtest1 --size ${size}: ${total}s`); }
      else { r.failed++; r.notes.push(`speedtest1: ${st.timedOut ? "timed out" : "exit " + String(st.code)}`); ctx.log("ERROR: speedtest1"); }
      ran(r, "test:speedtest1");
    }
    if (existsSync(join(ctx.dir, "testfixture"))) {
      const files = ctx.fast ? FAST_TCL.map((t) => `test/${t}`) : ["test/veryquick.test"];
      // SQLite's tests refuse to run as root ("Tests do not work when run as
      // root"): as root, run them as nobody in a tree nobody may write.
      let asUser = "";
      if (process.getuid?.() === 0) {
        await ctx.sh("chmod -R a+rwX .");
        asUser = "setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp ";
      }
      for (const tf of files) {
        const t = await ctx.sh(`${asUser}${run}./testfixture ${tf}`, { timeoutSec: ctx.fast ? 1800 : 4 * 3600 });
        const m = /(\d+) errors out of (\d+) tests/.exec(t.out);
        if (m) {
          const errors = Number(m[1]), total = Number(m[2]);
          r.passed += total - errors;
          r.failed += errors;
          if (errors) { r.notes.push(`${tf}: ${errors} errors`); ctx.log(`ERROR: ${tf}: ${errors} errors out of ${total}`); }
        } else {
          r.failed++;
          r.notes.push(`${tf}: ${t.timedOut ? "timed out" : "crashed (exit " + String(t.code) + ")"}`);
          ctx.log(`ERROR: ${tf}: no summary`);
        }
      }
      ran(r, "test:testfixture");
    }
  },
};

/** The directory of the target's tclConfig.sh, if there is one. */
async function tclConfigDir(ctx: RecipeContext): Promise<string | undefined> {
  if (isNative(ctx.arch)) return existsSync(join(TCL, "tclConfig.sh")) ? TCL : undefined;
  return crossTcl(ctx);
}

/**
 * Tcl for a cross target, built once from Debian's source package by the
 * cross gcc into .cache/projects/tcl-<arch> (static, so testfixture needs no
 * library path under qemu; its script library is found at the install path,
 * which qemu-user sees as the host does). Debian 12 has no riscv64
 * architecture to install tcl8.6-dev:riscv64 from, and arm64's would need
 * dpkg --add-architecture: one way for both. Tcl is the tests' tool, not what
 * is tested, so gcc builds it (on the ordinary PATH). The cross sysroot has no
 * zlib, so Tcl builds its bundled one into libtcl8.6.a; testfixture's
 * ext/misc/zipfile.c includes <zlib.h> unconditionally, so that zlib's headers
 * go next to tcl.h (its functions come with -ltcl8.6).
 */
async function crossTcl(ctx: RecipeContext): Promise<string | undefined> {
  const prefix = join(PROJECTS, `tcl-${ctx.arch}`);
  const marker = join(prefix, ".tscc-built");
  if (existsSync(marker) && existsSync(join(prefix, "include/zlib.h"))) return join(prefix, "lib");
  const src = await fetchSource(TCL_SOURCE, ctx.log);
  const tree = join(PROJECTS, "build", `tcl-${ctx.arch}`);
  freshCopy(src, tree);
  const triple = gnuTriple(ctx.arch);
  const build = await ctx.sh(
    `./configure --host=${triple} CC=${triple}-gcc --prefix=${prefix} --disable-shared && make -j2 && make install` +
      ` && cp ../compat/zlib/zlib.h ../compat/zlib/zconf.h ${join(prefix, "include")}/`,
    { cwd: join(tree, "unix"), env: { PATH: process.env.PATH ?? "" }, timeoutSec: 3600 },
  );
  if (!build.ok) return undefined;
  writeFileSync(marker, `${build.seconds.toFixed(0)}\n`);
  return join(prefix, "lib");
}

/** Is testfixture part of this run? (Not in the bisector's quick mixed builds.) */
function testfixturePlanned(ctx: RecipeContext): boolean {
  return !ctx.bench && (!ctx.fast || ctx.cc === "tscc");
}
