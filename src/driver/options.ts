// The gcc-compatible command line. gcc's grammar is not getopt's: `-Dfoo`,
// `-D foo`, `-Wl,a,b`, `-std=c99`, `-fno-x` and `-o` glued to its value all
// occur in real build systems, so options are matched against a table of
// spellings and kinds (longest spelling first), then interpreted in one place.

export type OptionKind =
  | "flag"       // exactly this spelling: -c
  | "joined"     // the value is glued on: -Wl,x  -std=c11  -O2
  | "separate"   // the value is the next argument: -MF file
  | "joinedOrSeparate"; // either: -Ifoo or -I foo, -ofile or -o file

export interface OptionSpec {
  readonly spelling: string;
  readonly kind: OptionKind;
  readonly id: OptionId;
}

export type OptionId =
  | "c" | "S" | "E" | "o" | "x" | "I" | "iquote" | "isystem" | "idirafter" | "include" | "imacros"
  | "D" | "U" | "O" | "g" | "std" | "ansi" | "W" | "w" | "f" | "m" | "M" | "MM" | "MD" | "MMD" | "MF"
  | "MT" | "MQ" | "MP" | "MG" | "l" | "L" | "Wl" | "Wa" | "Wp" | "Xlinker" | "Xassembler" | "Xpreprocessor"
  | "static" | "shared" | "pie" | "no-pie" | "static-pie" | "nostdlib" | "nostartfiles" | "nodefaultlibs"
  | "nolibc" | "nostdinc" | "pthread" | "r" | "sysroot" | "target" | "v" | "version" | "help"
  | "dumpmachine" | "dumpversion" | "dumpfullversion" | "print-file-name" | "print-prog-name"
  | "print-search-dirs" | "print-libgcc-file-name" | "print-multiarch" | "print-sysroot"
  | "print-multi-os-directory" | "print-multi-directory" | "print-multi-lib" | "P" | "dM" | "dD" | "dN" | "C" | "CC"
  | "s" | "rdynamic" | "e" | "u" | "T" | "z" | "pipe" | "save-temps" | "pedantic" | "pedantic-errors"
  | "H" | "emit-ir" | "print-after" | "print-after-all" | "verify-ir" | "B" | "symbolic" | "undef"
  | "traditional" | "trigraphs" | "fsyntax-only" | "Q" | "time" | "wrapper" | "param" | "specs"
  | "dumpspecs" | "ignored";

// Longest spellings must win, so the table is sorted once at start-up.
const TABLE: OptionSpec[] = ([
  ["-c", "flag", "c"], ["-S", "flag", "S"], ["-E", "flag", "E"],
  ["-o", "joinedOrSeparate", "o"], ["-x", "joinedOrSeparate", "x"],
  ["-I", "joinedOrSeparate", "I"], ["-iquote", "joinedOrSeparate", "iquote"],
  ["-isystem", "joinedOrSeparate", "isystem"], ["-idirafter", "joinedOrSeparate", "idirafter"],
  ["-include", "joinedOrSeparate", "include"], ["-imacros", "joinedOrSeparate", "imacros"],
  ["-D", "joinedOrSeparate", "D"], ["-U", "joinedOrSeparate", "U"],
  ["-O", "joined", "O"], ["-g", "joined", "g"], ["-std=", "joined", "std"], ["--std=", "joined", "std"],
  ["-ansi", "flag", "ansi"],
  ["-Wl,", "joined", "Wl"], ["-Wa,", "joined", "Wa"], ["-Wp,", "joined", "Wp"],
  ["-W", "joined", "W"], ["-w", "flag", "w"],
  ["-fsyntax-only", "flag", "fsyntax-only"], ["-f", "joined", "f"], ["-m", "joined", "m"],
  ["-M", "flag", "M"], ["-MM", "flag", "MM"], ["-MD", "flag", "MD"], ["-MMD", "flag", "MMD"],
  ["-MF", "joinedOrSeparate", "MF"], ["-MT", "joinedOrSeparate", "MT"], ["-MQ", "joinedOrSeparate", "MQ"],
  ["-MP", "flag", "MP"], ["-MG", "flag", "MG"],
  ["-l", "joinedOrSeparate", "l"], ["-L", "joinedOrSeparate", "L"],
  ["-Xlinker", "separate", "Xlinker"], ["-Xassembler", "separate", "Xassembler"],
  ["-Xpreprocessor", "separate", "Xpreprocessor"],
  ["-static", "flag", "static"], ["--static", "flag", "static"], ["-shared", "flag", "shared"],
  ["--shared", "flag", "shared"], ["-pie", "flag", "pie"], ["-no-pie", "flag", "no-pie"],
  ["-nopie", "flag", "no-pie"], ["-static-pie", "flag", "static-pie"],
  ["-nostdlib", "flag", "nostdlib"], ["-nostartfiles", "flag", "nostartfiles"],
  ["-nodefaultlibs", "flag", "nodefaultlibs"], ["-nolibc", "flag", "nolibc"],
  ["-nostdinc", "flag", "nostdinc"], ["-pthread", "flag", "pthread"], ["-pthreads", "flag", "pthread"],
  ["-r", "flag", "r"], ["--sysroot=", "joined", "sysroot"], ["--sysroot", "separate", "sysroot"],
  ["-target", "separate", "target"], ["--target=", "joined", "target"], ["--target", "separate", "target"],
  ["-v", "flag", "v"], ["--verbose", "flag", "v"], ["--version", "flag", "version"], ["--help", "flag", "help"],
  ["-dumpmachine", "flag", "dumpmachine"], ["-dumpversion", "flag", "dumpversion"],
  ["-dumpfullversion", "flag", "dumpfullversion"], ["-dumpspecs", "flag", "dumpspecs"],
  ["-print-file-name=", "joined", "print-file-name"], ["--print-file-name=", "joined", "print-file-name"],
  ["-print-prog-name=", "joined", "print-prog-name"], ["--print-prog-name=", "joined", "print-prog-name"],
  ["-print-search-dirs", "flag", "print-search-dirs"], ["--print-search-dirs", "flag", "print-search-dirs"],
  ["-print-libgcc-file-name", "flag", "print-libgcc-file-name"],
  ["-print-multiarch", "flag", "print-multiarch"], ["-print-sysroot", "flag", "print-sysroot"],
  ["-print-multi-os-directory", "flag", "print-multi-os-directory"],
  ["-print-multi-directory", "flag", "print-multi-directory"], ["-print-multi-lib", "flag", "print-multi-lib"],
  ["-P", "flag", "P"], ["-dM", "flag", "dM"], ["-dD", "flag", "dD"], ["-dN", "flag", "dN"],
  ["-C", "flag", "C"], ["-CC", "flag", "CC"],
  ["-s", "flag", "s"], ["-rdynamic", "flag", "rdynamic"], ["-e", "joinedOrSeparate", "e"],
  ["-u", "joinedOrSeparate", "u"], ["-T", "joinedOrSeparate", "T"], ["-z", "joinedOrSeparate", "z"],
  ["-pipe", "flag", "pipe"], ["-save-temps", "flag", "save-temps"], ["-save-temps=", "joined", "save-temps"],
  ["-pedantic", "flag", "pedantic"], ["-Wpedantic", "flag", "pedantic"], ["--pedantic", "flag", "pedantic"],
  ["-pedantic-errors", "flag", "pedantic-errors"], ["-H", "flag", "H"],
  ["-emit-ir", "flag", "emit-ir"], ["--emit-ir", "flag", "emit-ir"],
  ["--print-after=", "joined", "print-after"], ["-print-after=", "joined", "print-after"],
  ["--print-after-all", "flag", "print-after-all"], ["-print-after-all", "flag", "print-after-all"],
  ["--verify-ir", "flag", "verify-ir"], ["-verify-ir", "flag", "verify-ir"],
  ["-B", "joinedOrSeparate", "B"], ["-symbolic", "flag", "symbolic"], ["-undef", "flag", "undef"],
  ["-traditional", "flag", "traditional"], ["-traditional-cpp", "flag", "traditional"],
  ["-trigraphs", "flag", "trigraphs"], ["-Q", "flag", "Q"], ["-time", "flag", "time"],
  ["-wrapper", "separate", "wrapper"], ["--param", "separate", "param"], ["--param=", "joined", "param"],
  ["-specs=", "joined", "specs"], ["--specs=", "joined", "specs"],
  // Accepted for compatibility, no effect on tscc.
  ["-rpath", "separate", "ignored"], ["-static-libgcc", "flag", "ignored"], ["-shared-libgcc", "flag", "ignored"],
  ["-static-libstdc++", "flag", "ignored"], ["-no-canonical-prefixes", "flag", "ignored"],
  ["--no-warnings", "flag", "w"], ["-integrated-as", "flag", "ignored"],
] as const).map(([spelling, kind, id]) => ({ spelling, kind, id }) as OptionSpec)
  .sort((a, b) => b.spelling.length - a.spelling.length);

const BY_FIRST_TWO = new Map<string, OptionSpec[]>();
for (const spec of TABLE) {
  const key = spec.spelling.slice(0, 2);
  let list = BY_FIRST_TWO.get(key);
  if (!list) BY_FIRST_TWO.set(key, (list = []));
  list.push(spec);
}

/** One command-line argument after matching: an option with its value, or an input file. */
export type Arg =
  | { kind: "option"; id: OptionId; spelling: string; value: string; raw: string }
  | { kind: "input"; path: string }
  | { kind: "unknown"; raw: string }
  | { kind: "missing-value"; raw: string };

/** Match argv against the table. `-` alone is stdin; anything else not starting with `-` is an input. */
export function matchArgs(argv: readonly string[]): Arg[] {
  const out: Arg[] = [];
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    if (raw.length < 2 || raw[0] !== "-") {
      out.push({ kind: "input", path: raw });
      continue;
    }
    const spec = findSpec(raw);
    if (!spec) {
      out.push({ kind: "unknown", raw });
      continue;
    }
    let value = raw.slice(spec.spelling.length);
    if (spec.kind === "separate" || (spec.kind === "joinedOrSeparate" && value === "")) {
      if (i + 1 >= argv.length) {
        out.push({ kind: "missing-value", raw });
        continue;
      }
      value = argv[++i];
    }
    out.push({ kind: "option", id: spec.id, spelling: spec.spelling, value, raw });
  }
  return out;
}

function findSpec(raw: string): OptionSpec | undefined {
  const candidates = BY_FIRST_TWO.get(raw.slice(0, 2));
  if (!candidates) return undefined;
  for (const spec of candidates) {
    if (spec.kind === "flag" || spec.kind === "separate") {
      if (raw === spec.spelling) return spec;
    } else if (raw.startsWith(spec.spelling)) {
      // -O alone means -O1; "-o" glued, "-I" glued... but a joined option whose
      // spelling is a prefix of a longer flag (e.g. -M vs -MD) is sorted after it.
      return spec;
    }
  }
  return undefined;
}

/** Expand @file arguments (gcc: whitespace-separated, quotes and backslashes honoured, nested). */
export function expandResponseFiles(argv: readonly string[], read: (path: string) => string | undefined, depth = 0): string[] {
  const out: string[] = [];
  for (const arg of argv) {
    if (arg.length > 1 && arg[0] === "@" && depth < 16) {
      const text = read(arg.slice(1));
      if (text === undefined) {
        out.push(arg); // gcc leaves an unreadable @file as an input name
        continue;
      }
      out.push(...expandResponseFiles(splitResponseFile(text), read, depth + 1));
    } else {
      out.push(arg);
    }
  }
  return out;
}

function splitResponseFile(text: string): string[] {
  const args: string[] = [];
  let cur = "";
  let have = false;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\" && i + 1 < text.length) {
      cur += text[++i];
      have = true;
    } else if (quote) {
      if (ch === quote) quote = "";
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      have = true;
    } else if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
      if (have) args.push(cur);
      cur = "";
      have = false;
    } else {
      cur += ch;
      have = true;
    }
  }
  if (have) args.push(cur);
  return args;
}
