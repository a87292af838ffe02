// GNU ld's command line, as gcc (collect2) and build systems use it. The
// options are a table: spellings, whether they take a value, and what they do
// to the configuration. Position-dependent options (-Bstatic, --as-needed,
// --whole-archive, groups) are recorded in the ordered input list together
// with the files and libraries they affect.

import { LinkError } from "./diagnostics.js";

/** Attributes GNU ld applies to the inputs that follow an option. */
export interface InputState {
  /** -Bstatic / -static: -l finds only archives. */
  staticOnly: boolean;
  asNeeded: boolean;
  wholeArchive: boolean;
}

export type InputItem =
  | { kind: "file"; path: string; state: InputState }
  | { kind: "lib"; name: string; state: InputState }
  | { kind: "group-start" }
  | { kind: "group-end" };

export type OutputKind = "exec" | "pie" | "shared" | "relocatable";

export interface LinkConfig {
  output: string;
  kind: OutputKind;
  /** -static was given: no shared objects, and -pie means static-pie. */
  static: boolean;
  emulation: string | undefined;
  dynamicLinker: string | undefined;
  noDynamicLinker: boolean;
  libraryPaths: string[];
  sysroot: string | undefined;
  entry: string | undefined;
  undefined: string[];
  z: Set<string>;
  stripAll: boolean;
  stripDebug: boolean;
  buildId: string | undefined;
  ehFrameHdr: boolean;
  hashStyle: "gnu" | "sysv" | "both";
  exportDynamic: boolean;
  soname: string | undefined;
  rpath: string[];
  defsym: Array<{ name: string; expr: string }>;
  wrap: Set<string>;
  gcSections: boolean;
  printGcSections: boolean;
  map: string | undefined;
  scripts: string[];
  bsymbolic: boolean;
  allowMultipleDefinition: boolean;
  noUndefined: boolean;
  /** Linker relaxation on targets that have it (riscv64); --no-relax turns it off. */
  relax: boolean;
  newDtags: boolean;
  inputs: InputItem[];
  version: boolean;
  verbose: boolean;
}

type Arity = "flag" | "value" | "optional";

interface OptionSpec {
  /** Long spellings, accepted after one or two dashes (`-pie`, `--pie`). */
  long?: string[];
  /** One-letter spellings; their value may be joined (`-lc`) or separate (`-l c`). */
  short?: string[];
  arity: Arity;
  apply: (p: ParseState, value: string) => void;
}

interface ParseState {
  cfg: LinkConfig;
  state: InputState;
  stack: InputState[];
  warn: (s: string) => void;
}

const set = <K extends keyof LinkConfig>(key: K, v: LinkConfig[K]) => (p: ParseState): void => {
  p.cfg[key] = v;
};
const ignore = (): void => {};
const withState = (change: Partial<InputState>) => (p: ParseState): void => {
  p.state = { ...p.state, ...change };
};

const OPTIONS: OptionSpec[] = [
  { short: ["o"], long: ["output"], arity: "value", apply: (p, v) => { p.cfg.output = v; } },
  { short: ["m"], arity: "value", apply: (p, v) => { p.cfg.emulation = v; } },
  { short: ["L"], long: ["library-path"], arity: "value", apply: (p, v) => { p.cfg.libraryPaths.push(v); } },
  { short: ["l"], long: ["library"], arity: "value", apply: (p, v) => { p.cfg.inputs.push({ kind: "lib", name: v, state: p.state }); } },
  { short: ["u"], long: ["undefined"], arity: "value", apply: (p, v) => { p.cfg.undefined.push(v); } },
  { short: ["e"], long: ["entry"], arity: "value", apply: (p, v) => { p.cfg.entry = v; } },
  { short: ["T"], long: ["script"], arity: "value", apply: (p, v) => { p.cfg.scripts.push(v); } },
  { short: ["z"], arity: "value", apply: (p, v) => { p.cfg.z.add(v); } },
  { short: ["h"], long: ["soname"], arity: "value", apply: (p, v) => { p.cfg.soname = v; } },
  { short: ["R"], long: ["rpath"], arity: "value", apply: (p, v) => { p.cfg.rpath.push(v); } },
  { short: ["O"], arity: "value", apply: ignore },
  { short: ["y"], long: ["trace-symbol"], arity: "value", apply: ignore },
  { long: ["pie", "pic-executable"], arity: "flag", apply: set("kind", "pie") },
  { long: ["no-pie", "no-pic-executable"], arity: "flag", apply: set("kind", "exec") },
  { long: ["shared", "Bshareable"], arity: "flag", apply: set("kind", "shared") },
  { short: ["r"], long: ["relocatable"], arity: "flag", apply: set("kind", "relocatable") },
  { long: ["static", "Bstatic", "dn", "non_shared"], arity: "flag", apply: (p) => {
    if (p.cfg.inputs.length === 0 || p.cfg.inputs.every((i) => i.kind !== "file" && i.kind !== "lib")) p.cfg.static = true;
    p.state = { ...p.state, staticOnly: true };
  } },
  { long: ["Bdynamic", "dy", "call_shared"], arity: "flag", apply: withState({ staticOnly: false }) },
  { long: ["dynamic-linker"], short: ["I"], arity: "value", apply: (p, v) => { p.cfg.dynamicLinker = v; p.cfg.noDynamicLinker = false; } },
  { long: ["no-dynamic-linker"], arity: "flag", apply: set("noDynamicLinker", true) },
  { long: ["sysroot"], arity: "value", apply: (p, v) => { p.cfg.sysroot = v; } },
  { short: ["s"], long: ["strip-all"], arity: "flag", apply: set("stripAll", true) },
  { short: ["S"], long: ["strip-debug"], arity: "flag", apply: set("stripDebug", true) },
  { short: ["X", "x"], long: ["discard-locals", "discard-all"], arity: "flag", apply: ignore },
  { long: ["EL"], arity: "flag", apply: ignore },
  // Cortex-A53 erratum workarounds (gcc passes them for aarch64): code is not rewritten for them.
  { long: ["fix-cortex-a53-843419", "fix-cortex-a53-835769", "no-fix-cortex-a53-843419", "no-fix-cortex-a53-835769"], arity: "flag", apply: ignore },
  { long: ["EB"], arity: "flag", apply: () => { throw new LinkError("big-endian output (-EB) is not supported"); } },
  { long: ["build-id"], arity: "optional", apply: (p, v) => { p.cfg.buildId = v === "none" ? undefined : v || "sha1"; } },
  { long: ["eh-frame-hdr"], arity: "flag", apply: set("ehFrameHdr", true) },
  { long: ["no-eh-frame-hdr"], arity: "flag", apply: set("ehFrameHdr", false) },
  { long: ["hash-style"], arity: "value", apply: (p, v) => {
    if (v !== "gnu" && v !== "sysv" && v !== "both") throw new LinkError(`unknown hash style '${v}'`);
    p.cfg.hashStyle = v;
  } },
  { long: ["as-needed"], arity: "flag", apply: withState({ asNeeded: true }) },
  { long: ["no-as-needed"], arity: "flag", apply: withState({ asNeeded: false }) },
  { long: ["whole-archive"], arity: "flag", apply: withState({ wholeArchive: true }) },
  { long: ["no-whole-archive"], arity: "flag", apply: withState({ wholeArchive: false }) },
  { long: ["push-state"], arity: "flag", apply: (p) => { p.stack.push(p.state); } },
  { long: ["pop-state"], arity: "flag", apply: (p) => {
    const s = p.stack.pop();
    if (!s) throw new LinkError("--pop-state without a matching --push-state");
    p.state = s;
  } },
  { long: ["start-group", "("], arity: "flag", apply: (p) => { p.cfg.inputs.push({ kind: "group-start" }); } },
  { long: ["end-group", ")"], arity: "flag", apply: (p) => { p.cfg.inputs.push({ kind: "group-end" }); } },
  { long: ["export-dynamic"], short: ["E"], arity: "flag", apply: set("exportDynamic", true) },
  { long: ["no-export-dynamic"], arity: "flag", apply: set("exportDynamic", false) },
  { long: ["defsym"], arity: "value", apply: (p, v) => {
    const eq = v.indexOf("=");
    if (eq <= 0) throw new LinkError(`--defsym: expected SYMBOL=EXPRESSION, got '${v}'`);
    p.cfg.defsym.push({ name: v.slice(0, eq).trim(), expr: v.slice(eq + 1).trim() });
  } },
  { long: ["wrap"], arity: "value", apply: (p, v) => { p.cfg.wrap.add(v); } },
  { long: ["gc-sections"], arity: "flag", apply: set("gcSections", true) },
  { long: ["no-gc-sections"], arity: "flag", apply: set("gcSections", false) },
  { long: ["print-gc-sections"], arity: "flag", apply: set("printGcSections", true) },
  { long: ["no-print-gc-sections"], arity: "flag", apply: set("printGcSections", false) },
  { long: ["Map"], arity: "value", apply: (p, v) => { p.cfg.map = v; } },
  { long: ["Bsymbolic", "Bsymbolic-functions"], arity: "flag", apply: set("bsymbolic", true) },
  { long: ["allow-multiple-definition"], arity: "flag", apply: set("allowMultipleDefinition", true) },
  { long: ["no-undefined"], arity: "flag", apply: set("noUndefined", true) },
  { long: ["relax"], arity: "flag", apply: set("relax", true) },
  { long: ["no-relax"], arity: "flag", apply: set("relax", false) },
  { long: ["enable-new-dtags"], arity: "flag", apply: set("newDtags", true) },
  { long: ["disable-new-dtags"], arity: "flag", apply: set("newDtags", false) },
  { long: ["version"], short: ["v", "V"], arity: "flag", apply: set("version", true) },
  { long: ["verbose"], arity: "optional", apply: set("verbose", true) },
  // Accepted for compatibility; they do not change what we produce.
  { long: ["plugin", "plugin-opt", "version-script", "dynamic-list", "init", "fini", "Ttext", "Tdata", "Tbss",
    "image-base", "rpath-link", "exclude-libs", "compress-debug-sections", "icf", "sort-section", "thread-count", "threads",
    "package-metadata", "dependency-file"], arity: "value", apply: ignore },
  { long: ["fatal-warnings", "no-fatal-warnings", "warn-common", "no-warn-mismatch",
    "no-undefined-version", "copy-dt-needed-entries", "no-copy-dt-needed-entries", "sort-common", "nostdlib",
    "warn-shared-textrel", "no-warn-rwx-segments", "warn-once", "demangle", "no-demangle", "emit-relocs", "q", "allow-shlib-undefined", "no-allow-shlib-undefined",
    "noinhibit-exec", "stats", "color-diagnostics", "no-keep-memory", "reduce-memory-overheads", "g",
    "enable-linker-version", "disable-linker-version", "no-warn-execstack", "warn-execstack", "cref", "trace",
    "t", "M", "print-map", "discard-none"], arity: "flag", apply: ignore },
];

const LONG = new Map<string, OptionSpec>();
const SHORT = new Map<string, OptionSpec>();
for (const spec of OPTIONS) {
  for (const n of spec.long ?? []) LONG.set(n, spec);
  for (const n of spec.short ?? []) SHORT.set(n, spec);
}

export function defaultConfig(): LinkConfig {
  return {
    output: "a.out", kind: "exec", static: false, emulation: undefined, dynamicLinker: undefined,
    noDynamicLinker: false, libraryPaths: [], sysroot: undefined, entry: undefined, undefined: [],
    z: new Set(), stripAll: false, stripDebug: false, buildId: undefined, ehFrameHdr: false, hashStyle: "gnu",
    exportDynamic: false, soname: undefined, rpath: [], defsym: [], wrap: new Set(), gcSections: false,
    printGcSections: false, map: undefined, scripts: [], bsymbolic: false, allowMultipleDefinition: false, noUndefined: false,
    relax: true, newDtags: true, inputs: [], version: false, verbose: false,
  };
}

/** Parse GNU ld's argument list. Throws LinkError for unknown options or missing values. */
export function parseArgs(argv: readonly string[], warn: (s: string) => void = () => {}): LinkConfig {
  const p: ParseState = {
    cfg: defaultConfig(),
    state: { staticOnly: false, asNeeded: false, wholeArchive: false },
    stack: [],
    warn,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-" || !arg.startsWith("-")) {
      p.cfg.inputs.push({ kind: "file", path: arg, state: p.state });
      continue;
    }
    const next = (): string => {
      if (i + 1 >= argv.length) throw new LinkError(`option '${arg}' requires an argument`);
      return argv[++i];
    };
    const body = arg.startsWith("--") ? arg.slice(2) : arg.slice(1);
    const eq = body.indexOf("=");
    const key = eq >= 0 ? body.slice(0, eq) : body;
    const long = LONG.get(key);
    if (long) {
      const inline = eq >= 0 ? body.slice(eq + 1) : undefined;
      if (long.arity === "flag") {
        if (inline !== undefined) throw new LinkError(`option '--${key}' doesn't allow an argument`);
        long.apply(p, "");
      } else if (long.arity === "optional") long.apply(p, inline ?? "");
      else long.apply(p, inline ?? next());
      continue;
    }
    // `-zrelro`, `-lc`, `-L/dir`, `-ofile`: one letter, value joined or in the next argument.
    const short = !arg.startsWith("--") ? SHORT.get(body[0]) : undefined;
    if (short) {
      if (short.arity === "flag") {
        if (body.length !== 1) throw new LinkError(`unrecognized option '${arg}'`);
        short.apply(p, "");
      } else short.apply(p, body.length > 1 ? body.slice(1) : next());
      continue;
    }
    throw new LinkError(`unrecognized option '${arg}'`);
  }
  // `-pie -static` (as gcc passes for -static-pie) keeps kind "pie" with `static` set.
  return p.cfg;
}
