// The GCC torture suite as tscc runs it: where it comes from (Debian's
// gcc-12-source package, extracted once into .cache/), which tests exist in
// execute/, execute/ieee/ and the multi-file execute/builtins/, and what the
// DejaGnu directives inside each test (dg-options, dg-skip-if,
// dg-require-effective-target …) and the .x scripts beside them ask for.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const CACHE_DIR = join(import.meta.dirname, "../../.cache");
export const SUITE_DIR = join(CACHE_DIR, "torture/gcc.c-torture");
const TARBALL = "/usr/src/gcc-12/gcc-12.2.0-dfsg.tar.xz";

export type Arch = "x86_64" | "aarch64" | "riscv64";

export interface TortureTest {
  /** Name relative to execute/, without .c: "20000112-1", "ieee/fp-cmp-1", "builtins/strlen". */
  name: string;
  /** Source files to compile and link together. */
  files: string[];
  /** Extra compiler options from dg-options / dg-additional-options / .x files / the .exp file. */
  options: string[];
  /** Set when the directives say the test does not apply to this target/level. */
  unsupported?: string;
}

/** Extract the suite from gcc-12-source if needed. Throws with an actionable message. */
export function ensureSuite(): void {
  if (existsSync(join(SUITE_DIR, "execute"))) return;
  if (!existsSync(TARBALL)) {
    throw new Error(`${TARBALL} is missing: install gcc-12-source (scripts/install-deps.sh)`);
  }
  mkdirSync(join(CACHE_DIR, "torture"), { recursive: true });
  execFileSync("tar", ["-xJf", TARBALL, "-C", join(CACHE_DIR, "torture"), "--strip-components=3",
    "gcc-12.2.0/gcc/testsuite/gcc.c-torture/"], { stdio: "inherit" });
}

/** Effective-target keywords (target-supports.exp) true for LP64 glibc Linux on all three targets. */
const EFFECTIVE_TARGETS = new Set([
  "int32plus", "int32", "label_values", "alloca", "trampolines", "indirect_jumps", "untyped_assembly",
  "return_address", "fileio", "c99_runtime", "unwrapped", "stdint_types", "mmap", "int128",
  "double64plus", "double64", "longlong64", "lp64", "signal", "nonpic", "ptr32plus", "size32plus",
  "weak_undefined", "freorder", "sync_int_long", "sync_char_short", "large_double", "wchar",
]);
/** Keywords true only on some targets. */
const TARGET_EFFECTIVE: Readonly<Record<Arch, readonly string[]>> = {
  x86_64: ["x86", "sse", "sse2", "mmx", "large_long_double"],
  aarch64: ["aarch64_little_endian", "arm_neon"],
  riscv64: [],
};

const TRIPLETS: Readonly<Record<Arch, string>> = {
  x86_64: "x86_64-pc-linux-gnu", aarch64: "aarch64-unknown-linux-gnu", riscv64: "riscv64-unknown-linux-gnu",
};

function globToRegExp(glob: string): RegExp {
  const re = glob.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${re}$`);
}

/**
 * Evaluate a DejaGnu target selector (`x86_64-*-*`, `{ ! alloca }`, `{ a && b }`,
 * `{ target { x && ia32 } }`, a list of triplet globs…) for one arch.
 */
export function selectorMatches(sel: string, arch: Arch): boolean {
  const toks = sel.replace(/[{}]/g, (b) => ` ${b} `).replace(/!/g, " ! ").replace(/&&/g, " && ").replace(/\|\|/g, " || ")
    .split(/\s+/).filter((t) => t !== "" && t !== '"' );
  let i = 0;
  const atom = (t: string): boolean => {
    const word = t.replace(/^"|"$/g, "");
    if (word.includes("-")) return globToRegExp(word).test(TRIPLETS[arch]);
    if (word === "*") return true;
    if (EFFECTIVE_TARGETS.has(word) || TARGET_EFFECTIVE[arch].includes(word)) return true;
    if (word === "freestanding" || word === "ia32" || word === "ilp32" || word === "dfp") return false;
    return false;
  };
  // expr := term (('&&'|'||') term)*; term := '!' term | '{' list '}' | word ; list of words = any
  const term = (): boolean => {
    const t = toks[i++];
    if (t === undefined) return false;
    if (t === "!") return !term();
    if (t === "{") {
      const v = list();
      if (toks[i] === "}") i++;
      return v;
    }
    if (t === "target") return term();
    return atom(t);
  };
  const expr = (): boolean => {
    let v = term();
    while (toks[i] === "&&" || toks[i] === "||") {
      const op = toks[i++];
      const r = term();
      v = op === "&&" ? v && r : v || r;
    }
    return v;
  };
  // A bare list of words means "any of them".
  const list = (): boolean => {
    let v = expr();
    while (i < toks.length && toks[i] !== "}") v = expr() || v;
    return v;
  };
  return list();
}

/** Split the brace/quote-grouped arguments of one dg directive. */
function dgArgs(text: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      args.push(text.slice(i + 1, end < 0 ? text.length : end));
      i = end < 0 ? text.length : end + 1;
    } else if (ch === "{") {
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === "{") depth++;
        else if (text[j] === "}" && --depth === 0) break;
      }
      args.push(text.slice(i + 1, j).trim());
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/\s/.test(text[j])) j++;
      args.push(text.slice(i, j));
      i = j;
    }
  }
  return args;
}

function splitOptions(s: string): string[] {
  return s.replace(/^"|"$/g, "").split(/\s+/).filter((o) => o !== "" && o !== '"');
}

/** Read the directives of one test for one arch and -O level. */
function applyDirectives(test: TortureTest, source: string, arch: Arch, optLevel: string): void {
  const re = /\{\s*(dg-[a-z-]+)\s+((?:[^{}]|\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\})*)\}/g;
  for (const m of source.matchAll(re)) {
    const [, directive, rest] = m;
    const args = dgArgs(rest);
    switch (directive) {
      case "dg-options":
      case "dg-additional-options":
        if (args.length < 2 || selectorMatches(args[1], arch)) test.options.push(...splitOptions(args[0] ?? ""));
        break;
      case "dg-require-effective-target":
        if (!selectorMatches(args[0] ?? "", arch)) test.unsupported ??= `requires ${args[0]}`;
        break;
      case "dg-skip-if": {
        const [, sel = "*-*-*", include = "*", exclude = ""] = args;
        const opts = [optLevel, ...test.options];
        const includes = include === "*" || include === "" || splitOptions(include).some((o) => o === "*" || opts.includes(o));
        const excludes = splitOptions(exclude).some((o) => opts.includes(o));
        if (selectorMatches(sel, arch) && includes && !excludes) test.unsupported ??= `dg-skip-if ${args[0] ?? ""}`;
        break;
      }
      case "dg-add-options":
        if (args[0] === "ieee") test.options.push("-fno-fast-math");
        break;
      case "dg-require-alias": case "dg-require-weak": case "dg-require-stack-size":
      case "dg-do": case "dg-xfail-if": case "dg-xfail-run-if": case "dg-prune-output":
        break;
    }
  }
}

/** A .x file: a Tcl script. Honour its top-level `lappend additional_flags` and `return 1`. */
function applyXFile(test: TortureTest, path: string): void {
  if (!existsSync(path)) return;
  let depth = 0;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const t = line.trim();
    if (depth === 0) {
      const m = /^(?:lappend|set) additional_flags (.*)$/.exec(t);
      if (m) test.options.push(...dgArgs(m[1]).flatMap(splitOptions));
      if (/^return 1\b/.test(t)) test.unsupported ??= "skipped by .x file";
    }
    for (const ch of line) {
      if (ch === "{") depth++;
      else if (ch === "}") depth--;
    }
  }
}

/** All execute tests, with directives applied for `arch` at `optLevel` ("-O0", "-O2"…). */
export function discoverTests(arch: Arch, optLevel: string): TortureTest[] {
  const exec = join(SUITE_DIR, "execute");
  const tests: TortureTest[] = [];
  const dirs: { sub: string; extra: string[]; builtins: boolean }[] = [
    { sub: "", extra: [], builtins: false },
    { sub: "ieee", extra: ["-fno-inline"], builtins: false },
    { sub: "builtins", extra: ["-fno-tree-dse", "-fno-tree-loop-distribute-patterns", "-fno-tracer", "-fno-ipa-ra", "-fno-inline-functions"], builtins: true },
  ];
  for (const { sub, extra, builtins } of dirs) {
    const dir = join(exec, sub);
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith(".c") || (builtins && f.endsWith("-lib.c"))) continue;
      const base = f.slice(0, -2);
      const name = sub ? `${sub}/${base}` : base;
      const files = builtins ? [join(dir, f), join(dir, `${base}-lib.c`), join(dir, "lib/main.c")] : [join(dir, f)];
      const test: TortureTest = { name, files, options: [...extra] };
      applyDirectives(test, readFileSync(join(dir, f), "latin1"), arch, optLevel);
      applyXFile(test, join(dir, `${base}.x`));
      tests.push(test);
    }
  }
  return tests;
}

/** FNV-1a: a stable hash for the deterministic --fast sample. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
