// Interpretation of the matched command line into one plain configuration
// object. Everything gcc accepts is accepted; what tscc does not act on is
// recorded (and mentioned under -v) rather than rejected, because build
// systems probe compilers with flags like -fno-strict-aliasing or -mtune=.

import type { Toolchain } from "../toolchain.js";
import { type Arg, matchArgs } from "./options.js";
import { findToolchain, hostToolchain } from "./toolchains.js";
import { fOptionHarmless, mOptionAccepted } from "./flag-table.js";
import { GCC_WARNINGS } from "./gcc-warnings.js";
import { IsaState } from "./isa.js";
import type { FloatModel } from "../frontend/predefined.js";
import type { StackProtectorMode } from "../ir/index.js";

/**
 * -g options that choose among layouts of the same information; tscc writes one
 * layout (columns, no pubnames, no recorded switches) and accepts them.
 */
const G_LAYOUT_OPTIONS: ReadonlySet<string> = new Set([
  "column-info", "no-column-info", "record-gcc-switches", "no-record-gcc-switches", "strict-dwarf", "no-strict-dwarf",
  "no-pubnames", "no-split-dwarf", "no-as-loc-support", "no-variable-location-views", "no-statement-frontiers",
]);

export type Language = "c" | "cpp-output" | "assembler" | "assembler-with-cpp" | "object" | "archive" | "shared";

export type Mode =
  | "link"        // default: compile, assemble and link
  | "compile"     // -c
  | "assemble"    // -S: stop after producing assembler
  | "preprocess"  // -E
  | "syntax"      // -fsyntax-only
  | "emit-ir";    // -emit-ir: print the optimised IR

/** A linker input in command-line order: a file, a -l library, or raw linker options. */
export type LinkItem =
  | { kind: "file"; path: string; lang: Language }
  | { kind: "lib"; name: string }
  | { kind: "ld-args"; args: string[] };

export type PPDirective = { kind: "define" | "undef"; text: string };

export interface DepOptions {
  /** -M / -MM: dependencies instead of preprocessed output. */
  onlyDeps: boolean;
  /** -MD / -MMD: dependencies as a side effect of compiling. */
  sideEffect: boolean;
  /** -MM / -MMD: leave out system headers. */
  userOnly: boolean;
  file?: string;
  /** -MT (as given) and -MQ (quoted for make) targets, in order. */
  targets: { name: string; quote: boolean }[];
  phony: boolean;
  missingGenerated: boolean;
}

export interface DriverConfig {
  mode: Mode;
  output?: string;
  inputs: LinkItem[];
  toolchain: Toolchain;
  sysroot?: string;
  verbose: boolean;
  // Preprocessor
  defines: PPDirective[];
  includeDirs: string[];
  quoteDirs: string[];
  systemDirs: string[];
  afterDirs: string[];
  forcedIncludes: string[];
  macroIncludes: string[];
  noStdInc: boolean;
  undefAll: boolean;
  ppLineMarkers: boolean;
  ppKeepComments: boolean;
  dumpMacros: "none" | "only" | "also" | "names";
  deps: DepOptions;
  // Compilation
  std: string;
  optLevel: number;
  optSize: boolean;
  /** -g at any level but 0. */
  debug: boolean;
  /** -g1: line tables and functions; -g (-g2, -g3, -ggdb): variables and types too. */
  debugLevel: 0 | 1 | 2;
  /** -gdwarf-N (gcc 12's default: 5). */
  dwarfVersion: 4 | 5;
  pic: boolean;
  pie: boolean;
  commonSymbols: boolean;
  /** -finstrument-functions: call the __cyg_profile_func_* hooks on entry and exit. */
  instrumentFunctions?: boolean;
  /**
   * Which C library functions may be treated as builtins (folded, expanded):
   * `-fno-builtin` and `-ffreestanding` turn all off, `-fno-builtin-NAME` one.
   */
  libBuiltins: { all: boolean; off: string[] };
  /** -ffreestanding: no hosted library assumed (__STDC_HOSTED__ 0). */
  freestanding?: boolean;
  /** -ffast-math and its parts: only the predefined macros change (tscc's code stays IEEE). */
  floatModel: FloatModel;
  /** -fvisibility=. */
  defaultVisibility: "default" | "hidden" | "protected" | "internal";
  /**
   * -fwrapv: signed overflow wraps. tscc's arithmetic always wraps and no pass
   * assumes signed overflow away, so this records the request for a pass that will.
   */
  wrapv: boolean;
  /** -fno-inline: inline only always_inline functions (what the inline pass does at every level today). */
  noInline: boolean;
  /** -fstack-protector, -strong, -all, -explicit; -fno-stack-protector turns every one off. */
  stackProtector: StackProtectorMode;
  /** -fcf-protection=: bit 0 branch (endbr64 landing pads), bit 1 return (shadow stack). */
  cfProtection: number;
  /** -fstack-clash-protection: probe every page of a large or dynamic stack allocation. */
  stackClashProtection: boolean;
  /** -ftime-report: time per phase and pass on stderr (src/driver/time-report.ts). */
  timeReport?: boolean;
  /** -fshort-wchar: wchar_t is unsigned short (the kernel builds with it). */
  shortWchar?: boolean;
  /** -f[no-]asynchronous-unwind-tables (on by default, as gcc on x86_64 Linux) and -f[no-]unwind-tables: either emits .cfi_*. */
  asyncUnwindTables: boolean;
  unwindTables: boolean;
  gnu89Inline: boolean;
  functionSections: boolean;
  dataSections: boolean;
  signedChar?: boolean;
  /** -mavx and up: a bare `aligned` attribute means 32 (`__BIGGEST_ALIGNMENT__`). */
  biggestAlignment?: number;
  integratedAs: boolean;
  warnings: { suppressAll: boolean; allErrors: boolean; errorOptions: Map<string, boolean>; enabled: Map<string, boolean> };
  pedanticErrors: boolean;
  printAfter: string[];
  verifyIr: boolean;
  diagnosticsColor: "auto" | "always" | "never";
  /** -fdiagnostics-format: gcc's text, or one JSON array per compilation on stderr. */
  diagnosticsFormat: "text" | "json";
  // Assembler and linker
  asArgs: string[];
  linkKind: "pie" | "no-pie" | "static" | "static-pie" | "shared" | "relocatable";
  startFiles: boolean;
  defaultLibs: boolean;
  libc: boolean;
  fuseLd?: string;
  pthread: boolean;
  strip: boolean;
  rdynamic: boolean;
  saveTemps: boolean;
  // Queries that print something and stop
  queries: Query[];
  /** Options accepted without effect, reported under -v. */
  ignored: string[];
  /** Start-up objects -m options asked for (keys of the toolchain's `startObjects`: -mpc64). */
  startObjects: string[];
  /** -m options the target's code generator acts on (its toolchain's `machineOptions`), in order. */
  machine: string[];
  /** -f[no-]jump-tables. */
  jumpTables: boolean;
  /** -falign-functions[=N] (gcc: N rounded up to a power of two; 0 or 1: no alignment beyond the ISA's). */
  functionAlign?: number;
}

export type Query =
  | { kind: "version" } | { kind: "help" } | { kind: "dumpmachine" } | { kind: "dumpversion" }
  | { kind: "dumpfullversion" } | { kind: "print-search-dirs" } | { kind: "print-libgcc-file-name" }
  | { kind: "print-multiarch" } | { kind: "print-sysroot" } | { kind: "print-multi-os-directory" }
  | { kind: "print-multi-directory" } | { kind: "print-multi-lib" } | { kind: "dumpspecs" }
  | { kind: "print-file-name"; name: string } | { kind: "print-prog-name"; name: string };

const MODE_RANK: Readonly<Record<Mode, number>> = {
  link: 0, compile: 1, assemble: 2, "emit-ir": 3, syntax: 4, preprocess: 5,
};

export class UsageError extends Error {
  /** gcc's `note:` line after the error, if it gives one. */
  constructor(message: string, readonly note?: string) { super(message); }
}

const LANG_BY_X: Readonly<Record<string, Language | "none">> = {
  c: "c", "c-header": "c", "cpp-output": "cpp-output", assembler: "assembler",
  "assembler-with-cpp": "assembler-with-cpp", none: "none",
};

const LANG_BY_EXT: Readonly<Record<string, Language>> = {
  c: "c", h: "c", i: "cpp-output", s: "assembler", S: "assembler-with-cpp", sx: "assembler-with-cpp",
  o: "object", obj: "object", lo: "object", a: "archive", so: "shared",
};

export function languageOf(path: string): Language {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  if (dot > 0) {
    const ext = base.slice(dot + 1);
    const lang = LANG_BY_EXT[ext];
    if (lang) return lang;
    if (/^so(\.\d+)*$/.test(base.slice(base.indexOf(".so") + 1)) && base.includes(".so")) return "shared";
  }
  return "object"; // gcc hands unknown files to the linker
}

/** -f flags tscc acts on; `no-` forms flip them. Everything else -f is accepted and ignored. */
const F_FLAGS: Readonly<Record<string, (c: DriverConfig, on: boolean) => void>> = {
  "pic": (c, on) => { c.pic = on; if (!on) c.pie = false; },
  "PIC": (c, on) => { c.pic = on; if (!on) c.pie = false; },
  // -fno-pie turns position independence off altogether (gcc: `-fPIC -fno-PIE` is not PIC).
  "pie": (c, on) => { c.pie = on; c.pic = on; },
  "PIE": (c, on) => { c.pie = on; c.pic = on; },
  "jump-tables": (c, on) => { c.jumpTables = on; },
  "common": (c, on) => { c.commonSymbols = on; },
  "instrument-functions": (c, on) => { c.instrumentFunctions = on; },
  "builtin": (c, on) => { c.libBuiltins.all = on; },
  "freestanding": (c, on) => { c.libBuiltins.all = !on; c.freestanding = on; },
  "hosted": (c, on) => { c.libBuiltins.all = on; c.freestanding = !on; },
  "gnu89-inline": (c, on) => { c.gnu89Inline = on; },
  "function-sections": (c, on) => { c.functionSections = on; },
  "data-sections": (c, on) => { c.dataSections = on; },
  "signed-char": (c, on) => { c.signedChar = on; },
  "unsigned-char": (c, on) => { c.signedChar = !on; },
  "integrated-as": (c, on) => { c.integratedAs = on; },
  "wrapv": (c, on) => { c.wrapv = on; },
  "inline": (c, on) => { c.noInline = !on; },
  "asynchronous-unwind-tables": (c, on) => { c.asyncUnwindTables = on; },
  "unwind-tables": (c, on) => { c.unwindTables = on; },
  "stack-clash-protection": (c, on) => { c.stackClashProtection = on; },
  "time-report": (c, on) => { c.timeReport = on; },
  "short-wchar": (c, on) => { c.shortWchar = on; },
  // No pass of tscc's treats a null dereference as unreachable or omits frame pointers.
  "omit-frame-pointer": () => {},
  // -ffast-math and its parts (gcc's macros; see FloatModel).
  "fast-math": (c, on) => {
    Object.assign(c.floatModel, { fastMath: on, finiteMathOnly: on, noMathErrno: on, noSignedZeros: on,
      noTrappingMath: on, reciprocalMath: on, associativeMath: on });
  },
  "unsafe-math-optimizations": (c, on) => {
    Object.assign(c.floatModel, { noSignedZeros: on, noTrappingMath: on, reciprocalMath: on, associativeMath: on });
  },
  "finite-math-only": (c, on) => { c.floatModel.finiteMathOnly = on; },
  "math-errno": (c, on) => { c.floatModel.noMathErrno = !on; },
  "signed-zeros": (c, on) => { c.floatModel.noSignedZeros = !on; },
  "trapping-math": (c, on) => { c.floatModel.noTrappingMath = !on; },
  "reciprocal-math": (c, on) => { c.floatModel.reciprocalMath = on; },
  "associative-math": (c, on) => { c.floatModel.associativeMath = on; },
  "signaling-nans": (c, on) => { c.floatModel.signalingNans = on; },
};

/** -f<key> → the stack protector it selects (gcc: the last one wins). */
const STACK_PROTECTOR_MODES: Readonly<Record<string, StackProtectorMode>> = {
  "stack-protector": "normal", "stack-protector-strong": "strong", "stack-protector-all": "all",
  "stack-protector-explicit": "explicit", "no-stack-protector": "none",
};

/** -fcf-protection[=level] as CET feature bits (`check` only matters to LTO links: none here). */
const CF_PROTECTION_LEVELS: Readonly<Record<string, number>> = { full: 3, branch: 1, return: 2, none: 0, check: 0 };

function cfProtectionLevel(v: string): number {
  const level = v === "cf-protection" ? "full" : v.slice("cf-protection=".length);
  const bits = CF_PROTECTION_LEVELS[level];
  if (bits === undefined) {
    throw new UsageError(`unknown Control-Flow Protection Level '${level}'`, "valid arguments to '-fcf-protection=' are: branch check full none return");
  }
  return bits;
}

/**
 * -falign-functions[=N]: gcc rounds N up to a power of two; bare, it picks
 * the target's preference (16 on x86_64, what tscc emits anyway); 0 and
 * -fno-align-functions leave functions unaligned beyond their ISA's minimum.
 */
function functionAlignment(v: string): number | undefined {
  if (v === "align-functions") return undefined;
  if (v === "no-align-functions") return 1;
  const text = v.slice("align-functions=".length);
  // gcc's `N:M:N2:M2` forms: the first number is the alignment, the rest only limit padding.
  const n = Number(text.split(":")[0]);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`invalid arguments for '-falign-functions' option: '${text}'`);
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

export function parseCommandLine(argv: readonly string[]): DriverConfig {
  const c: DriverConfig = {
    mode: "link", inputs: [], toolchain: hostToolchain(), verbose: false,
    defines: [], includeDirs: [], quoteDirs: [], systemDirs: [], afterDirs: [], forcedIncludes: [],
    macroIncludes: [], noStdInc: false, undefAll: false, ppLineMarkers: true, ppKeepComments: false,
    dumpMacros: "none",
    deps: { onlyDeps: false, sideEffect: false, userOnly: false, targets: [], phony: false, missingGenerated: false },
    std: "gnu17", optLevel: 0, optSize: false, debug: false, debugLevel: 0, dwarfVersion: 5, pic: true, pie: true, commonSymbols: false,
    libBuiltins: { all: true, off: [] },
    gnu89Inline: false, functionSections: false, dataSections: false, integratedAs: true,
    floatModel: {}, defaultVisibility: "default", wrapv: false, noInline: false, asyncUnwindTables: true, unwindTables: false,
    stackProtector: "none", cfProtection: 0, stackClashProtection: false,
    warnings: { suppressAll: false, allErrors: false, errorOptions: new Map(), enabled: new Map() },
    pedanticErrors: false, printAfter: [], verifyIr: false, diagnosticsColor: "auto", diagnosticsFormat: "text",
    asArgs: [], linkKind: "pie", startFiles: true, defaultLibs: true, libc: true, pthread: false,
    strip: false, rdynamic: false, saveTemps: false, queries: [], ignored: [], startObjects: [],
    machine: [], jumpTables: true,
  };
  let forcedLang: Language | "none" = "none";
  /** -m options, checked against the target's table once -target is known. */
  const mOptions: string[] = [];
  let sawNoPie = false;
  let sawShared = false;
  let sawStatic = false;

  for (const arg of matchArgs(argv)) {
    if (arg.kind === "input") {
      const lang = arg.path === "-" ? (forcedLang === "none" ? "c" : forcedLang) : forcedLang === "none" ? languageOf(arg.path) : forcedLang;
      c.inputs.push({ kind: "file", path: arg.path, lang });
      continue;
    }
    if (arg.kind === "unknown") {
      throw new UsageError(`unrecognized command-line option '${arg.raw}'`);
    }
    if (arg.kind === "missing-value") {
      throw new UsageError(`missing argument to '${arg.raw}'`);
    }
    apply(arg);
  }

  function apply(arg: Extract<Arg, { kind: "option" }>): void {
    const v = arg.value;
    switch (arg.id) {
      case "c": setMode("compile"); break;
      case "S": setMode("assemble"); break;
      case "E": setMode("preprocess"); break;
      case "fsyntax-only": setMode("syntax"); break;
      case "emit-ir": setMode("emit-ir"); break;
      case "o": c.output = v; break;
      case "x": {
        const lang = LANG_BY_X[v];
        if (!lang) throw new UsageError(`language ${v} not recognized`);
        forcedLang = lang;
        break;
      }
      case "I": c.includeDirs.push(v); break;
      case "iquote": c.quoteDirs.push(v); break;
      case "isystem": c.systemDirs.push(v); break;
      case "idirafter": c.afterDirs.push(v); break;
      case "include": c.forcedIncludes.push(v); break;
      case "imacros": c.macroIncludes.push(v); break;
      case "D": c.defines.push({ kind: "define", text: v }); break;
      case "U": c.defines.push({ kind: "undef", text: v }); break;
      case "undef": c.undefAll = true; break;
      case "O":
        if (v === "" ) c.optLevel = 1;
        else if (v === "s" || v === "z") { c.optLevel = 2; c.optSize = true; }
        else if (v === "g") c.optLevel = 1;
        else if (v === "fast") c.optLevel = 3;
        else if (/^\d+$/.test(v)) c.optLevel = Math.min(3, parseInt(v, 10));
        else throw new UsageError(`argument to '-O' should be a non-negative integer, 'g', 's', 'z' or 'fast'`);
        c.optSize = v === "s" || v === "z";
        break;
      case "g": gOption(v, arg.raw); break;
      case "std": c.std = v; break;
      case "ansi": c.std = "c90"; break;
      case "W": warningOption(v); break;
      case "w": c.warnings.suppressAll = true; break;
      case "pedantic": break;
      case "pedantic-errors": c.pedanticErrors = true; break;
      case "f": fOption(v); break;
      case "m": mOptions.push(v); break;
      case "M": c.deps.onlyDeps = true; setMode("preprocess"); break;
      case "MM": c.deps.onlyDeps = true; c.deps.userOnly = true; setMode("preprocess"); break;
      case "MD": c.deps.sideEffect = true; break;
      case "MMD": c.deps.sideEffect = true; c.deps.userOnly = true; break;
      case "MF": c.deps.file = v; break;
      case "MT": c.deps.targets.push({ name: v, quote: false }); break;
      case "MQ": c.deps.targets.push({ name: v, quote: true }); break;
      case "MP": c.deps.phony = true; break;
      case "MG": c.deps.missingGenerated = true; break;
      case "l": c.inputs.push({ kind: "lib", name: v }); break;
      case "L": c.inputs.push({ kind: "ld-args", args: ["-L" + v] }); break;
      case "Wl": c.inputs.push({ kind: "ld-args", args: v.split(",").filter((s) => s !== "") }); break;
      case "Xlinker": c.inputs.push({ kind: "ld-args", args: [v] }); break;
      case "Wa": c.asArgs.push(...v.split(",").filter((s) => s !== "")); break;
      case "Xassembler": c.asArgs.push(v); break;
      case "Wp": preprocessorOptions(v.split(",")); break;
      case "Xpreprocessor": preprocessorOption(v); break;
      case "static": sawStatic = true; break;
      case "shared": sawShared = true; break;
      case "pie": sawNoPie = false; break;
      case "no-pie": sawNoPie = true; break;
      case "static-pie": c.linkKind = "static-pie"; sawStatic = false; break;
      case "r": c.linkKind = "relocatable"; break;
      case "nostdlib": c.startFiles = false; c.defaultLibs = false; break;
      case "nostartfiles": c.startFiles = false; break;
      case "nodefaultlibs": c.defaultLibs = false; break;
      case "nolibc": c.libc = false; break;
      case "nostdinc": c.noStdInc = true; break;
      case "pthread": c.pthread = true; break;
      case "sysroot": c.sysroot = v; break;
      case "target": {
        const tc = findToolchain(v);
        if (!tc) throw new UsageError(`unknown target '${v}' (supported: x86_64, aarch64, riscv64 and their -linux-gnu triples)`);
        c.toolchain = tc;
        break;
      }
      case "v": c.verbose = true; break;
      case "version": c.queries.push({ kind: "version" }); break;
      case "help": c.queries.push({ kind: "help" }); break;
      case "dumpmachine": case "dumpversion": case "dumpfullversion": case "print-search-dirs":
      case "print-libgcc-file-name": case "print-multiarch": case "print-sysroot":
      case "print-multi-os-directory": case "print-multi-directory": case "print-multi-lib": case "dumpspecs":
        c.queries.push({ kind: arg.id });
        break;
      case "print-file-name": c.queries.push({ kind: "print-file-name", name: v }); break;
      case "print-prog-name": c.queries.push({ kind: "print-prog-name", name: v }); break;
      case "P": c.ppLineMarkers = false; break;
      case "C": case "CC": c.ppKeepComments = true; break;
      case "dM": c.dumpMacros = "only"; break;
      case "dD": c.dumpMacros = "also"; break;
      case "dN": c.dumpMacros = "names"; break;
      case "s": c.strip = true; break;
      case "rdynamic": c.rdynamic = true; break;
      case "e": c.inputs.push({ kind: "ld-args", args: ["-e", v] }); break;
      case "u": c.inputs.push({ kind: "ld-args", args: ["-u", v] }); break;
      case "T": c.inputs.push({ kind: "ld-args", args: ["-T", v] }); break;
      case "z": c.inputs.push({ kind: "ld-args", args: ["-z", v] }); break;
      case "save-temps": c.saveTemps = true; break;
      case "print-after": c.printAfter.push(...v.split(",")); break;
      case "print-after-all": c.printAfter.push("all"); break;
      case "verify-ir": c.verifyIr = true; break;
      case "symbolic": c.inputs.push({ kind: "ld-args", args: ["-Bsymbolic"] }); break;
      case "pipe": case "H": case "Q": case "time": case "B": case "wrapper": case "param": case "specs":
      case "traditional": case "trigraphs": case "ignored":
        c.ignored.push(arg.raw);
        break;
      default: {
        const never: never = arg.id;
        throw new UsageError(`unhandled option ${String(never)}`);
      }
    }
  }

  // gcc stops at the earliest stage asked for, whatever the order: -E beats -S beats -c.
  function setMode(m: Mode): void {
    if (MODE_RANK[m] > MODE_RANK[c.mode]) c.mode = m;
  }

  /**
   * -Wp,A,B…: options for the preprocessor itself, whose grammar differs from
   * the driver's in one place build systems use: cpp's `-MD FILE` and
   * `-MMD FILE` take the dependency file as their argument (Kbuild passes
   * `-Wp,-MMD,dir/.x.o.d` for every object).
   */
  function preprocessorOptions(list: readonly string[]): void {
    for (let k = 0; k < list.length; k++) {
      const p = list[k]!;
      if ((p === "-MD" || p === "-MMD") && k + 1 < list.length) {
        c.deps.sideEffect = true;
        if (p === "-MMD") c.deps.userOnly = true;
        c.deps.file = list[++k]!;
      } else preprocessorOption(p);
    }
  }

  function preprocessorOption(p: string): void {
    const inner = matchArgs([p]);
    for (const a of inner) if (a.kind === "option") apply(a);
  }

  function warningOption(v: string): void {
    const w = c.warnings;
    // gcc knows the warning by its name, or by its joined spelling (-Wformat=2, -Wlarger-than=100).
    const known = (name: string): boolean => GCC_WARNINGS.has(name) || (name.includes("=") && GCC_WARNINGS.has(name.slice(0, name.indexOf("=") + 1)));
    const checked = (name: string, spelling: string): string => {
      if (!known(name)) throw new UsageError(`'${spelling}': no option '-W${name}'`);
      return name;
    };
    if (v === "error") w.allErrors = true;
    else if (v === "no-error") w.allErrors = false;
    else if (v.startsWith("error=")) w.errorOptions.set(checked(v.slice(6), "-W" + v), true);
    else if (v.startsWith("no-error=")) w.errorOptions.set(checked(v.slice(9), "-W" + v), false);
    else if (/^(format|implicit-fallthrough)=\d$/.test(v)) {
      // -Wformat=N, -Wimplicit-fallthrough=N: a level (0 is off); -Wformat=2 adds -Wformat-nonliteral, -security and -y2k (warnings.ts).
      const [name, level] = [v.slice(0, v.indexOf("=")), Number(v.slice(v.indexOf("=") + 1))];
      w.enabled.set(name, level > 0);
      if (name === "format") w.enabled.set("format=2", level >= 2);
    } else if (v.startsWith("no-")) w.enabled.set(v.slice(3), false); // unknown -Wno-X: silently accepted, as gcc does
    else if (v === "" || known(v)) w.enabled.set(v, true);
    else throw new UsageError(`unrecognized command-line option '-W${v}'`);
  }

  /**
   * -g options (gcc's spellings): a level, a DWARF version (which also turns
   * -g on), and layout choices tscc's output has no alternative for. Anything
   * else (-gsplit-dwarf, -gz, -gbtf, -gdwarf-2/3 …) is refused.
   */
  function gOption(v: string, raw: string): void {
    const level = /^(?:gdb)?([0-3])?$/.exec(v);
    const version = /^dwarf(?:-([45]))?$/.exec(v);
    if (level) {
      const n = level[1] === undefined ? 2 : Number(level[1]);
      c.debugLevel = n === 0 ? 0 : n === 1 ? 1 : 2; // -g3's macro information is not written
    } else if (version) {
      if (version[1]) c.dwarfVersion = version[1] === "4" ? 4 : 5;
      if (c.debugLevel === 0) c.debugLevel = 2;
    } else if (!G_LAYOUT_OPTIONS.has(v)) throw new UsageError(`unrecognized command-line option '${raw}'`);
    c.debug = c.debugLevel > 0;
  }

  function fOption(v: string): void {
    if (v === "diagnostics-color" || v.startsWith("diagnostics-color=")) {
      const val = v.includes("=") ? v.slice(v.indexOf("=") + 1) : "always";
      if (val !== "never" && val !== "auto" && val !== "always") {
        throw new UsageError(`unrecognized argument in option '-f${v}'\ntscc: note: valid arguments to '-fdiagnostics-color=' are: always auto never`);
      }
      c.diagnosticsColor = val;
      return;
    }
    if (v === "no-diagnostics-color") { c.diagnosticsColor = "never"; return; }
    if (v.startsWith("diagnostics-format=")) {
      const val = v.slice("diagnostics-format=".length);
      if (val !== "text" && val !== "json") throw new UsageError(`unrecognized argument in option '-f${v}'\ntscc: note: valid arguments to '-fdiagnostics-format=' are: json text`);
      c.diagnosticsFormat = val;
      return;
    }
    if (v.startsWith("use-ld=")) { c.fuseLd = v.slice(7); return; }
    if (Object.hasOwn(STACK_PROTECTOR_MODES, v)) { c.stackProtector = STACK_PROTECTOR_MODES[v]!; return; }
    if (v === "cf-protection" || v.startsWith("cf-protection=")) { c.cfProtection = cfProtectionLevel(v); return; }
    if (v === "align-functions" || v === "no-align-functions" || v.startsWith("align-functions=")) { c.functionAlign = functionAlignment(v); return; }
    const on = !v.startsWith("no-");
    const name = on ? v : v.slice(3);
    const handler = F_FLAGS[name];
    if (handler) handler(c, on);
    else if (name.startsWith("builtin-")) {
      const fn = name.slice("builtin-".length);
      c.libBuiltins.off = c.libBuiltins.off.filter((n) => n !== fn);
      if (!on) c.libBuiltins.off.push(fn);
    }
    else if (on && name.startsWith("visibility=")) {
      const vis = name.slice("visibility=".length);
      if (vis !== "default" && vis !== "hidden" && vis !== "protected" && vis !== "internal") {
        throw new UsageError(`unrecognized visibility value '${vis}'`);
      }
      c.defaultVisibility = vis;
    }
    else if (fOptionHarmless(v)) c.ignored.push("-f" + v);
    else throw new UsageError(`unrecognized command-line option '-f${v}'`);
  }

  if (c.cfProtection && !c.toolchain.cfProtection) {
    const level = Object.keys(CF_PROTECTION_LEVELS).find((k) => CF_PROTECTION_LEVELS[k] === c.cfProtection);
    throw new UsageError(`'-fcf-protection=${level}' is not supported for this target`);
  }
  const isa = c.toolchain.isa ? new IsaState(c.toolchain.isa) : undefined;
  for (const m of mOptions) {
    if (isa?.apply(m)) continue;
    if (Object.hasOwn(c.toolchain.startObjects, m)) {
      // The last of a group wins (-mpc32 -mpc64 links crtprec64.o only): they set the same thing.
      c.startObjects = c.toolchain.startObjects[m] ? [m] : [];
    } else if (c.toolchain.machineOptions?.accepts(m)) {
      c.machine.push(m);
    } else if (!mOptionAccepted(c.toolchain.mOptions, m)) {
      throw new UsageError(`unrecognized command-line option '-m${m}'`);
    }
  }

  // Link kind: gcc lets the later of -static/-shared/-pie/-no-pie decide in
  // some combinations; these are the ones builds use.
  if (c.linkKind !== "relocatable" && c.linkKind !== "static-pie") {
    if (sawShared) c.linkKind = "shared";
    else if (sawStatic) c.linkKind = "static";
    else if (sawNoPie) c.linkKind = "no-pie";
    else c.linkKind = "pie";
  }
  // Extension macros come first, so a -U on the command line still removes one.
  if (isa) c.defines.unshift(...isa.macros().map((m): PPDirective => ({ kind: "define", text: m })));
  const widest = isa?.biggestAlignment();
  if (widest !== undefined) c.biggestAlignment = widest;
  if (c.toolchain.machineOptions && c.machine.length > 0) {
    const mm = c.toolchain.machineOptions.macros(c.machine, c.pic);
    if ("error" in mm) throw new UsageError(mm.error);
    c.defines.unshift(...mm.undef.map((text): PPDirective => ({ kind: "undef", text })), ...mm.define.map((text): PPDirective => ({ kind: "define", text })));
  }
  if (c.pthread) c.defines.push({ kind: "define", text: "_REENTRANT" });
  // gcc announces .cfi_* directives only when it writes them (tscc: with unwind tables).
  if (!c.asyncUnwindTables && !c.unwindTables) c.defines.unshift({ kind: "undef", text: "__GCC_HAVE_DWARF2_CFI_ASM" });
  return c;
}
