// Runs the compiler bundle with a V8 code cache. The build copies this file to
// dist/start.cjs, next to the bundle (dist/tscc.cjs) it loads; bin/tscc and
// dist/tscc-ld, -ar and -ranlib start through it.
//
// Every `tscc -c` is a new process, and compiling the 1.4 MB bundle's
// functions again each time is a large part of start-up. V8 can serialise the
// code it compiled (after a run, so the lazily compiled functions a compile
// actually used are in it) and accept it back for the same source. The cache
// lives next to the runtime's: $TSCC_CODE_CACHE, else <package>/.cache/v8 when
// writable, else $XDG_CACHE_HOME/tscc/v8 (~/.cache/tscc/v8). V8 checks the
// source and its own version and flags itself: a stale cache is rejected and
// rewritten. TSCC_CODE_CACHE=off runs without one.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { createRequire, wrap } = require("node:module");
const os = require("node:os");

const bundle = path.join(__dirname, "tscc.cjs");

function cacheDir() {
  if (process.env.TSCC_CODE_CACHE) return process.env.TSCC_CODE_CACHE;
  const own = path.join(__dirname, "..", ".cache", "v8");
  try {
    fs.mkdirSync(own, { recursive: true });
    fs.accessSync(own, fs.constants.W_OK);
    return own;
  } catch {
    const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
    return path.join(base, "tscc", "v8");
  }
}

function load() {
  const source = fs.readFileSync(bundle, "utf8");
  const useCache = process.env.TSCC_CODE_CACHE !== "off";
  const dir = useCache ? cacheDir() : "";
  // One file per Node version and bundle location: V8 rejects another
  // version's cache anyway, and a frozen copy of the bundle should not evict
  // the cache of the one in use.
  const key = require("node:crypto").createHash("sha256").update(bundle).digest("hex").slice(0, 12);
  const file = useCache ? path.join(dir, `tscc-${process.version}-${key}.bin`) : "";
  let cachedData;
  if (useCache) {
    try { cachedData = fs.readFileSync(file); } catch { cachedData = undefined; }
  }
  const script = new vm.Script(wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  if (useCache && (!cachedData || script.cachedDataRejected)) {
    process.once("exit", () => {
      try {
        fs.mkdirSync(dir, { recursive: true });
        const tmp = `${file}.${process.pid}`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, file); // whole or not at all: parallel compiles may race here
      } catch {
        // A cache is an optimisation: an unwritable one is not an error.
      }
    });
  }
  const mod = { exports: {}, filename: bundle, id: bundle, loaded: false };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  return mod.exports;
}

module.exports = load();
if (require.main === module) module.exports.run();
