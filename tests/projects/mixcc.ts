// The bisector's compiler ("mixed" CC): gcc for some code, tscc for the rest.
// Bundled by common.ts into .cache/projects/bin/mixcc.cjs and run as
//
//   mixcc ARCH OPT TSCC_BUNDLE <compiler arguments>
//
// Environment:
//   TSCC_FILES   file listing what tscc compiles, one per line: `file.c` (the
//                whole file) or `file.c:function` (one function of a file in
//                TSCC_SPLIT). Everything else is gcc's.
//   TSCC_SPLIT   comma-separated basenames of files mixed per function.
//   TSCC_MIX_CACHE  directory for per-function builds (the two halves are
//                compiled once and reused by every bisection step).
//   TSCC_SABOTAGE   "file.c:FLAGS": extra tscc flags for that file.
//
// A command naming several .c files (SQLite compiles and links `shell.c
// sqlite3.c` in one go) is split into one compile per file, then linked by gcc.
//
// Per-function mixing: the file is preprocessed (gcc -E) and rewritten so that
// every file-scope `static` function and object is global (and `inline` is
// dropped, so each function has an out-of-line body): then both compilers
// compile the whole rewritten file (-fPIC: gcc treats the functions as
// interposable, so it neither inlines nor clones them), and objcopy weakens, in
// tscc's object, every definition except the chosen functions and, in gcc's,
// the chosen functions. The linker keeps the strong definitions: the chosen
// functions from tscc, everything else (all data included) from gcc.

import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

const GCC: Record<string, string> = {
  x86_64: "x86_64-linux-gnu-gcc", aarch64: "aarch64-linux-gnu-gcc", riscv64: "riscv64-linux-gnu-gcc",
};

/** Arguments that take the next argument as their value. */
const WITH_VALUE = new Set(["-o", "-MF", "-MT", "-MQ", "-include", "-imacros", "-x", "-I", "-D", "-U", "-isystem", "-rpath", "-L", "-l"]);
/** Arguments that only matter to a link. */
const LINK_ONLY = /^(-l|-L|-Wl,|-shared$|-static$|-pie$|-no-pie$|-rdynamic$|-pthread$)|\.(o|a|so|so\.\d+.*|la)$/;

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function listed(): { files: Set<string>; funcs: Map<string, Set<string>> } {
  const files = new Set<string>();
  const funcs = new Map<string, Set<string>>();
  const path = process.env.TSCC_FILES;
  if (path && existsSync(path)) {
    for (const line of readFileSync(path, "utf8").split("\n")) {
      if (!line) continue;
      const colon = line.indexOf(":");
      if (colon < 0) { files.add(line); continue; }
      const file = line.slice(0, colon);
      if (!funcs.has(file)) funcs.set(file, new Set());
      funcs.get(file)!.add(line.slice(colon + 1));
    }
  }
  return { files, funcs };
}

function main(): void {
  const [arch, opt, bundle, ...args] = process.argv.slice(2) as [string, string, string, ...string[]];
  const gcc = GCC[arch]!;
  const tsccArgs = (extra: string[]): string[] => [bundle, "-target", arch, ...extra, `-O${opt}`];
  const { files, funcs } = listed();
  const split = new Set((process.env.TSCC_SPLIT ?? "").split(",").filter(Boolean));
  const sabotage = process.env.TSCC_SABOTAGE;
  const sabotageFlags = (src: string): string[] =>
    sabotage && basename(src) === sabotage.slice(0, sabotage.indexOf(":")) ? sabotage.slice(sabotage.indexOf(":") + 1).split(/\s+/).filter(Boolean) : [];
  const byTscc = (src: string): boolean => files.has(basename(src));

  const sources: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (WITH_VALUE.has(a)) { i++; continue; }
    if (a.endsWith(".c") && !a.startsWith("-")) sources.push(i);
  }
  const compileOnly = args.includes("-c");
  const other = args.includes("-E") || args.includes("-S") || args.includes("-M") || args.includes("-MM");
  const single = sources.length === 1 ? args[sources[0]!]! : undefined;

  // The common cases go straight to one compiler.
  if (sources.length === 0) return run(gcc, [...args, `-O${opt}`]);
  if (other || (single !== undefined && !split.has(basename(single)))) {
    if (sources.every((i) => byTscc(args[i]!))) return run(process.execPath, tsccArgs([...args, ...(single ? sabotageFlags(single) : [])]));
    return run(gcc, [...args, `-O${opt}`]);
  }

  // One compile per source file, then (unless -c) a link by gcc.
  const outIdx = args.indexOf("-o");
  const flags: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (sources.includes(i)) continue;
    if (a === "-o" || a === "-MF" || a === "-MT" || a === "-MQ") { i++; continue; }
    if (a === "-c" || a === "-MD" || a === "-MMD" || a === "-MP") continue;
    if (a === "-rpath" || a === "-L" || a === "-l") { i++; continue; }
    if (LINK_ONLY.test(a)) continue;
    flags.push(a);
  }
  const tmp = mkdtempSync(join(tmpdir(), "mixcc-"));
  try {
    const objects = new Map<number, string>();
    for (const i of sources) {
      const src = args[i]!;
      const obj = compileOnly
        ? (outIdx >= 0 && sources.length === 1 ? args[outIdx + 1]! : basename(src).replace(/\.c$/, ".o"))
        : join(tmp, `${objects.size}-${basename(src).replace(/\.c$/, ".o")}`);
      if (split.has(basename(src))) {
        splitCompile(src, obj, flags, { gcc, opt, bundle, tsccArgs, all: byTscc(src), chosen: funcs.get(basename(src)) ?? new Set(), extra: sabotageFlags(src) });
      } else if (byTscc(src)) {
        run(process.execPath, tsccArgs([...flags, ...sabotageFlags(src), "-c", src, "-o", obj]));
      } else {
        run(gcc, [...flags, "-c", src, "-o", obj, `-O${opt}`]);
      }
      objects.set(i, obj);
    }
    if (compileOnly) return;
    run(gcc, [...args.map((a, i) => objects.get(i) ?? a), `-O${opt}`]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

interface SplitOptions {
  gcc: string;
  opt: string;
  bundle: string;
  tsccArgs: (extra: string[]) => string[];
  /** the whole file is tscc's */
  all: boolean;
  chosen: Set<string>;
  extra: string[];
}

function splitCompile(src: string, obj: string, flags: string[], o: SplitOptions): void {
  const cache = process.env.TSCC_MIX_CACHE ?? join(tmpdir(), "mixcc-cache");
  mkdirSync(cache, { recursive: true });
  const pre = execFileSync(o.gcc, [...flags, `-O${o.opt}`, "-E", src], { encoding: "utf8", maxBuffer: 1 << 30 });
  const text = globalizeStatics(pre);
  const bundleStamp = statSync(o.bundle).mtimeMs;
  const key = createHash("sha256").update(text).update(JSON.stringify([flags, o.opt, o.extra, process.env.TSCC_BREAK_PASS ?? "", bundleStamp])).digest("hex").slice(0, 16);
  const stem = join(cache, `${basename(src, ".c")}-${key}`);
  const source = `${stem}.i`;
  const gccObj = `${stem}.gcc.o`, tsccObj = `${stem}.tscc.o`;
  if (!existsSync(gccObj) || !existsSync(tsccObj)) {
    writeFileSync(source, text);
    run(o.gcc, [...flags, "-fPIC", "-w", "-c", source, "-o", `${gccObj}.tmp`, `-O${o.opt}`]);
    run(process.execPath, o.tsccArgs([...flags, ...o.extra, "-fPIC", "-w", "-c", source, "-o", `${tsccObj}.tmp`]));
    renameSync(`${gccObj}.tmp`, gccObj);
    renameSync(`${tsccObj}.tmp`, tsccObj);
  }
  const defined = definedGlobals(tsccObj);
  const functions = defined.filter((s) => s.func).map((s) => s.name);
  // The bisector reads the function list of the file from here.
  writeFileSync(join(cache, `${basename(src)}.funcs`), functions.join("\n") + "\n");
  const tsccKeeps = (name: string): boolean => o.all || o.chosen.has(name);
  const weakTscc = defined.filter((s) => !(s.func && tsccKeeps(s.name))).map((s) => s.name);
  const weakGcc = functions.filter(tsccKeeps);
  const tmp = mkdtempSync(join(tmpdir(), "mixcc-split-"));
  try {
    writeFileSync(join(tmp, "weak-tscc"), weakTscc.join("\n") + "\n");
    writeFileSync(join(tmp, "weak-gcc"), weakGcc.join("\n") + "\n");
    run("objcopy", [`--weaken-symbols=${join(tmp, "weak-tscc")}`, tsccObj, join(tmp, "t.o")]);
    run("objcopy", [`--weaken-symbols=${join(tmp, "weak-gcc")}`, gccObj, join(tmp, "g.o")]);
    run("ld", ["-r", join(tmp, "g.o"), join(tmp, "t.o"), "-o", obj]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Defined global symbols of an object (readelf), with whether each is a function. */
function definedGlobals(obj: string): { name: string; func: boolean }[] {
  const out = execFileSync("readelf", ["-sW", obj], { encoding: "utf8", maxBuffer: 1 << 28 });
  const syms: { name: string; func: boolean }[] = [];
  for (const line of out.split("\n")) {
    const f = line.trim().split(/\s+/);
    // Num: Value Size Type Bind Vis Ndx Name
    if (f.length < 8 || !/^\d+:$/.test(f[0]!)) continue;
    if (f[4] !== "GLOBAL" || f[6] === "UND") continue;
    syms.push({ name: f[7]!, func: f[3] === "FUNC" });
  }
  return syms;
}

/**
 * Preprocessed C with every file-scope `static` and `inline` removed (outside
 * `extern` declarations, which are glibc's gnu_inline bodies), so that each
 * function and object is a global symbol with an out-of-line definition. The
 * text keeps its length and line structure (removed words become spaces).
 */
export function globalizeStatics(text: string): string {
  const out = text.split("");
  let depth = 0;
  let pending: [number, number][] = [];
  let isExtern = false;
  let bodyDepth = -1; // depth of the current function body's braces, if in one
  let prev = "";
  const endDecl = (): void => {
    if (!isExtern) for (const [s, e] of pending) for (let k = s; k < e; k++) out[k] = " ";
    pending = [];
    isExtern = false;
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === "\n" || c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v") { i++; continue; }
    // Line markers and pragmas: a '#' first on its line.
    if (c === "#" && (i === 0 || text[i - 1] === "\n")) { while (i < n && text[i] !== "\n") i++; continue; }
    if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c) i += text[i] === "\\" ? 2 : 1;
      i++;
      prev = "lit";
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const s = i;
      while (i < n && /[A-Za-z0-9_$]/.test(text[i]!)) i++;
      const word = text.slice(s, i);
      if (text[i] === '"' || text[i] === "'") continue; // L"...", u8'x': the literal follows
      if (depth === 0) {
        if (word === "extern") isExtern = true;
        else if (word === "static" || word === "inline" || word === "__inline" || word === "__inline__") pending.push([s, i]);
      }
      prev = word;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      i++;
      while (i < n && (/[A-Za-z0-9_.]/.test(text[i]!) || ((text[i] === "+" || text[i] === "-") && /[eEpP]/.test(text[i - 1]!)))) i++;
      prev = "num";
      continue;
    }
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "{") {
      // A function body: `{` at file scope right after a declarator's `)`.
      if (depth === 0 && prev === ")") { endDecl(); bodyDepth = 0; }
      depth++;
    } else if (c === "}") {
      depth--;
      if (depth === 0 && bodyDepth === 0) { bodyDepth = -1; prev = ""; i++; continue; }
    } else if (c === ";" && depth === 0) endDecl();
    prev = c;
    i++;
  }
  return out.join("");
}

if (require.main === module) main();
