// The C preprocessor (C17 6.10, with the GNU extensions that glibc and real
// projects use). It reads the lexer's tokens and produces the token sequence
// the parser sees.
//
// Macro expansion follows gcc's model rather than the standard's hideset
// wording (the two agree wherever the standard is specific): expansions are
// a stack of token lists ("contexts") on top of the file being read. While a
// macro's context is on the stack the macro is disabled, and an identifier
// naming a disabled macro is painted (hideset = {its name}) so it never
// expands again. A context is popped only when someone reads past its end,
// so a function-like macro whose arguments run past the end of a context
// re-enables the macro that produced it — which gives gcc's answers for the
// unspecified cases of 6.10.3.4 (f(2)(9) in the standard's example → 2*9*g).
// Nothing is spliced into token arrays: a context is an array and an index.

import type { DataLayout } from "../target.js";
import { Diagnostics, FatalError, type Diagnostic } from "./diagnostics.js";
import { normalizePath, type FileSystemHost } from "./host.js";
import { lex, tokenize } from "./lexer.js";
import { evaluateIf, type PPValue } from "./pp-expr.js";
import { builtinSignature } from "./builtins.js";
import {
  BUILTINS, C_ATTRIBUTES, FEATURES, GNU_ATTRIBUTES, predefinedSource, stdVersion, type CStd, type FloatModel, type Hardening,
} from "./predefined.js";
import { SourceManager, type SourceFile } from "./source.js";
import { F_BOL, K_EOF, K_IDENT, K_OTHER, K_PUNCT, TokenList, type Token } from "./token.js";

export type { FileSystemHost } from "./host.js";

export interface PreprocessOptions {
  target: DataLayout;
  std: CStd;
  /** -O level (for __OPTIMIZE__); -Os sets optimizeSize too. */
  optimize?: number;
  optimizeSize?: boolean;
  /** -fpic = 1, -fPIC = 2, none = 0; likewise -fpie/-fPIE/-pie. Default: 2/2 (Debian's PIE default). */
  pic?: 0 | 1 | 2;
  pie?: 0 | 1 | 2;
  /** -ffreestanding (__STDC_HOSTED__ 0). */
  freestanding?: boolean;
  /** -ffast-math and its parts (predefined macros). */
  floatModel?: FloatModel;
  /** -fstack-protector*, -fcf-protection (predefined macros). */
  hardening?: Hardening;
  /** -D name[=value] and -U name, in command-line order (processed before -imacros and -include). */
  defines?: readonly MacroOption[];
  /** -imacros files (output discarded, macros kept), then -include files, in command-line order. */
  imacros?: readonly string[];
  includes?: readonly string[];
  /** -iquote, -I, -isystem, -idirafter directories, each in command-line order. */
  quoteDirs?: readonly string[];
  includeDirs?: readonly string[];
  systemDirs?: readonly string[];
  afterDirs?: readonly string[];
  /** The default system directories (the driver's list for the target); dropped by -nostdinc. */
  stdDirs?: readonly string[];
  nostdinc?: boolean;
  /** Header gcc includes implicitly before the main file via the <> search: "stdc-predef.h" unless "" (-ffreestanding). */
  preinclude?: string;
  /** SOURCE_DATE_EPOCH (seconds): __DATE__ and __TIME__ in UTC from it. Otherwise `now` or the clock. */
  sourceDateEpoch?: number;
  now?: Date;
  /** Preprocessing assembler source (.S): unknown directives pass through, stray '#' is allowed. */
  assembler?: boolean;
  /** Record #define/#undef positions for -dD. */
  recordDirectives?: boolean;
  /** -MG: a missing header becomes a dependency instead of a fatal error. */
  missingHeadersAreGenerated?: boolean;
}

export type MacroOption = { kind: "define"; text: string } | { kind: "undef"; name: string };

/** A file that was read, for -M output. */
export interface Dependency {
  /** The path as the preprocessor opened it (e.g. /usr/include/stdio.h). */
  path: string;
  /** Found in a system directory or included from a system header (-MM leaves these out). */
  system: boolean;
}

/** A line marker for -E output: from token index `index` on, tokens of `file` are in `name` at `line`. */
export interface LineMarker {
  index: number;
  file: number;
  /** Physical line in `file` that has presumed line `line`. */
  physLine: number;
  line: number;
  name: string;
  /** 1 = entering an #include, 2 = returning to the includer, 0 = neither. */
  flag: 0 | 1 | 2;
  system: boolean;
}

/** A directive to be printed in place for -dD (text is the whole directive). */
export interface DirectiveEvent {
  index: number;
  text: string;
}

export interface PreprocessResult {
  /** The tokens for the parser (as parallel arrays: no object per token); the last has kind "eof". */
  tokens: TokenList;
  /** Every file read, main file first, in order of first inclusion (for -M). */
  dependencies: Dependency[];
  markers: LineMarker[];
  directives: DirectiveEvent[];
  /** The macros defined at the end, in definition order (for -dM). */
  macros: MacroDefinition[];
  mainFile: number;
}

export interface MacroDefinition {
  name: string;
  /** undefined for object-like macros. */
  params?: readonly string[];
  variadic: boolean;
  body: readonly Token[];
}

type BuiltinKind =
  | "__FILE__" | "__LINE__" | "__COUNTER__" | "__INCLUDE_LEVEL__" | "__BASE_FILE__" | "__FILE_NAME__"
  | "__DATE__" | "__TIME__" | "__TIMESTAMP__" | "_Pragma" | "__has_include" | "__has_include_next"
  | "__has_attribute" | "__has_c_attribute" | "__has_builtin" | "__has_feature" | "__has_extension"
  | "__has_embed";

const BUILTIN_NAMES: readonly BuiltinKind[] = [
  "__FILE__", "__LINE__", "__COUNTER__", "__INCLUDE_LEVEL__", "__BASE_FILE__", "__FILE_NAME__",
  "__DATE__", "__TIME__", "__TIMESTAMP__", "_Pragma", "__has_include", "__has_include_next",
  "__has_attribute", "__has_c_attribute", "__has_builtin", "__has_feature", "__has_extension", "__has_embed",
];

// Roles of replacement-list tokens, precomputed at #define time. Values ≥ 0 are parameter indexes.
const PLAIN = -1;
const VA_OPT = -2;
const PASTE = -3;
const STRINGIFY = -4;

interface Macro {
  name: string;
  kind: "object" | "function" | "builtin" | "poisoned";
  builtin?: BuiltinKind;
  params: string[];
  variadic: boolean;
  body: Token[];
  /** Per body token: PLAIN, VA_OPT, PASTE, STRINGIFY or a parameter index. */
  roles: Int32Array;
  /** For VA_OPT tokens: index of the closing parenthesis. */
  vaOptEnd?: Map<number, number>;
  /** Object-like, no ## anywhere: the body is copied as is. */
  simple: boolean;
  /** gcc's NODE_DISABLED: set while the macro's expansion is being read. */
  disabled: boolean;
  /** The name token of the definition, for "previous definition" notes. */
  defTok?: Token;
}

interface Context {
  tokens: Token[];
  pos: number;
  /** The macro whose expansion this is; re-enabled when the context is popped. */
  macro: Macro | undefined;
}

interface Cond {
  tok: Token;
  /** Some group of this #if chain has been taken (so later #elif/#else groups are skipped). */
  taken: boolean;
  sawElse: boolean;
}

interface FileState {
  src: SourceFile;
  tokens: TokenList;
  pos: number;
  /** Canonical identity for #pragma once and include guards. */
  key: string;
  /** Presumed name and line offset (#line): presumed line = physical line + lineDelta. */
  presumedName: string;
  lineDelta: number;
  /** Index in the search path where the file was found; -1 if not found through it. */
  dirIndex: number;
  system: boolean;
  conds: Cond[];
  /** Include-guard detection: 0 nothing yet, 1 inside #ifndef X, 2 after its #endif, -1 not guarded. */
  mi: number;
  miName: string;
  /** Where the including #include was (for the return marker); 0 for the main file. */
  includeLine: number;
}

interface SearchDir {
  dir: string;
  system: boolean;
}

const MAX_INCLUDE_DEPTH = 200;

/** Paste boundary / end-of-argument marker; identity matters, never output. */
function sentinel(kind: "eof" | "other", text: string): Token {
  return { kind, text, file: 0, line: 0, col: 0, bol: false, space: false };
}
const PLACEMARKER = sentinel("other", "<placemarker>");

function isPunct(t: Token, text: string): boolean {
  return t.kind === "punct" && t.text === text;
}

/** A copy of `t` produced by the expansion of the macro named by `origin`. */
function derive(t: Token, origin: Token, space: boolean): Token {
  const d: Token = { kind: t.kind, text: t.text, file: t.file, line: t.line, col: t.col, bol: false, space, origin };
  if (t.hideset !== undefined) d.hideset = t.hideset;
  if (t.digraph !== undefined) d.digraph = t.digraph;
  return d;
}

/** Spell a token sequence as gcc does in diagnostics and #error: one space where there was any. */
export function spell(tokens: readonly Token[]): string {
  let s = "";
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && (tokens[i].space || tokens[i].bol)) s += " ";
    s += tokens[i].text;
  }
  return s;
}

export function preprocess(
  mainPath: string, host: FileSystemHost, diags: Diagnostics, options: PreprocessOptions,
): PreprocessResult {
  return new Preprocessor(host, diags, options).run(mainPath);
}

export class Preprocessor {
  private readonly macros = new Map<string, Macro>();
  private readonly contexts: Context[] = [];
  private readonly files: FileState[] = [];
  private file!: FileState;
  private readonly out = new TokenList(1024);
  private readonly markers: LineMarker[] = [];
  private readonly directives: DirectiveEvent[] = [];
  private readonly deps: Dependency[] = [];
  private readonly depSeen = new Set<string>();

  private readonly searchPath: SearchDir[] = [];
  private bracketStart = 0;
  private readonly existsCache = new Map<string, boolean>();
  private readonly keyCache = new Map<string, string>();
  private readonly fileCache = new Map<string, { src: SourceFile; tokens: TokenList }>();
  private readonly onceFiles = new Set<string>();
  private readonly guards = new Map<string, string>();
  private readonly pushedMacros = new Map<string, (Macro | undefined)[]>();

  /** Tokens a directive produces (#pragma, #ident, #embed), read after the directive line. */
  private pending: Token[] | undefined;
  /** Reading a directive line: the file reader stops at the end of the line. */
  private inDirective = false;
  private eol: Token = sentinel("eof", "");
  /** >0 while collecting macro arguments: the end of an #included file does not pop it. */
  private collecting = 0;
  private counter = 0;
  /** Set by collectArgs: the invocation left out the variable argument. */
  private vaOmitted = false;
  private readonly gnu: boolean;
  private baseFile = "";
  private readonly c23: boolean;
  private readonly dateText: string;
  private readonly timeText: string;

  constructor(
    private readonly host: FileSystemHost,
    readonly diags: Diagnostics,
    private readonly options: PreprocessOptions,
  ) {
    this.c23 = stdVersion(options.std) > 201710;
    this.gnu = options.std.startsWith("gnu");
    [this.dateText, this.timeText] = dateAndTime(options);
    for (const name of BUILTIN_NAMES) {
      this.macros.set(name, {
        name, kind: "builtin", builtin: name, params: [], variadic: false, body: [], roles: new Int32Array(0),
        simple: true, disabled: false,
      });
    }
    this.buildSearchPath();
  }

  // ---------------------------------------------------------------- driver

  run(mainPath: string): PreprocessResult {
    const o = this.options;
    try {
      this.baseFile = mainPath;
      const mainText = this.host.readFile(mainPath);
      if (mainText === undefined) this.fatal(undefined, `${mainPath}: No such file or directory`);
      const main = this.diags.sources.add(mainPath, mainText);
      const mainTokens = lex(main, this.diags, { deferQuoteErrors: true, u8CharConstants: this.c23, noDollarInIdentifiers: this.options.assembler === true });
      this.addDependency(mainPath, false);
      this.markers.push({ index: 0, file: main.id, physLine: 0, line: 0, name: mainPath, flag: 0, system: false });

      // The <built-in> buffer (predefined macros) and the <command-line> buffer (-D/-U).
      this.runBuffer("<built-in>", predefinedSource({
        layout: o.target, std: o.std, optimize: o.optimize ?? 0, optimizeSize: o.optimizeSize,
        pic: o.pic ?? 2, pie: o.pie ?? 2, freestanding: o.freestanding, ...(o.floatModel ? { floatModel: o.floatModel } : {}),
        ...(o.hardening ? { hardening: o.hardening } : {}), assembler: o.assembler === true,
      }));
      let cmd = "";
      for (const d of o.defines ?? []) {
        if (d.kind === "undef") cmd += `#undef ${d.name}\n`;
        else {
          const eq = d.text.indexOf("=");
          cmd += eq < 0 ? `#define ${d.text} 1\n` : `#define ${d.text.slice(0, eq)} ${d.text.slice(eq + 1)}\n`;
        }
      }
      // -D/-U run first; then the implicit pre-include, -imacros and -include files, each
      // #included from the end of the command-line buffer (gcc's order).
      const cmdFile = this.pushBuffer("<command-line>", cmd);
      this.drain();
      const pre = o.preinclude ?? (o.freestanding ? "" : "stdc-predef.h");
      if (pre !== "") {
        const found = this.lookup(pre, true, false, cmdFile);
        if (found) this.drainInclude(found.path, found.dirIndex, found.system, cmdFile.tokens.token(cmdFile.tokens.length - 1), false);
      }
      for (const path of o.imacros ?? []) this.commandLineInclude(path, true);
      for (const path of o.includes ?? []) this.commandLineInclude(path, false);
      this.files.pop();

      this.file = this.newFileState(main, mainTokens, this.key(mainPath), -1, false, 0);
      this.files.push(this.file);
      this.marker(0, 1);
      for (;;) {
        if (this.copyPlain()) continue;
        const t = this.next();
        this.out.pushToken(t);
        if (t.kind === "eof") break;
      }
      for (const c of this.file.conds) this.diags.error(c.tok, `unterminated #${c.tok.text}`);
    } catch (e) {
      if (e instanceof RangeError) {
        // Deep recursion from pathological input (nesting thousands deep): report, never crash.
        const d: Diagnostic = { severity: "fatal error", message: "nesting too deep in macro expansion or #if expression" };
        this.diags.report(d);
        throw new FatalError(d);
      }
      throw e;
    }
    const macros: MacroDefinition[] = [];
    for (const m of this.macros.values()) {
      if (m.kind === "object" || m.kind === "function") {
        macros.push({ name: m.name, params: m.kind === "function" ? m.params : undefined, variadic: m.variadic, body: m.body });
      }
    }
    return {
      tokens: this.out, dependencies: this.deps, markers: this.markers, directives: this.directives,
      macros, mainFile: this.files[0]?.src.id ?? 0,
    };
  }

  private commandLineInclude(path: string, discard: boolean): void {
    const from = this.file;
    // -include looks in the working directory first, then along the "" chain.
    let found = this.exists(path) ? { path, dirIndex: -1, system: false } : this.lookup(path, false, false, from, true);
    if (!found) {
      if (this.options.missingHeadersAreGenerated) { this.addDependency(path, false); return; }
      this.fatal(undefined, `${path}: No such file or directory`);
    }
    this.drainInclude(found.path, found.dirIndex, found.system, from.tokens.token(from.tokens.length - 1), discard);
  }

  /** Process an #include from the command-line buffer to its end; keep the tokens unless `discard`. */
  private drainInclude(path: string, dirIndex: number, system: boolean, at: Token, discard: boolean): void {
    if (!this.enterFile(path, dirIndex, system, at)) return;
    for (;;) {
      const t = this.next();
      if (t.kind === "eof") break;
      if (!discard) this.out.pushToken(t);
    }
  }

  /**
   * The main loop's shortcut for most tokens: one of the current file that is no
   * directive's '#', names no macro and has nothing before it on the context stack
   * goes to the output without becoming an object. False: read it with next().
   */
  private copyPlain(): boolean {
    if (this.contexts.length > 0) return false;
    const f = this.file;
    const ts = f.tokens;
    const i = f.pos;
    const k = ts.kinds[i];
    if (k === K_PUNCT) {
      if ((ts.flags[i] & F_BOL) !== 0 && ts.text(i) === "#") return false;
    } else if (k === K_IDENT) {
      if (this.macros.has(ts.text(i))) return false;
    } else if (k === K_EOF || k === K_OTHER) return false;
    f.pos++;
    if (f.mi !== 1) f.mi = -1;
    this.out.pushFrom(ts, i);
    return true;
  }

  /** Run a whole internal buffer (the predefines): directives only. */
  private runBuffer(name: string, text: string): void {
    this.pushBuffer(name, text);
    this.drain();
    this.files.pop();
  }

  private drain(): void {
    for (;;) {
      const t = this.next();
      if (t.kind === "eof") return;
      this.out.pushToken(t);
    }
  }

  private pushBuffer(name: string, text: string): FileState {
    const src = this.diags.sources.add(name, text);
    const f = this.newFileState(src, lex(src, this.diags, { u8CharConstants: this.c23, noDollarInIdentifiers: this.options.assembler === true }), name, -1, false, 0);
    this.files.push(f);
    this.file = f;
    this.marker(0, 0);
    return f;
  }

  private newFileState(src: SourceFile, tokens: TokenList, key: string, dirIndex: number, system: boolean, includeLine: number): FileState {
    return {
      src, tokens, pos: 0, key, presumedName: src.name, lineDelta: 0, dirIndex, system, conds: [],
      mi: 0, miName: "", includeLine,
    };
  }

  private fatal(at: Token | undefined, message: string): never {
    const d: Diagnostic = { severity: "fatal error", message, loc: at && at.line ? at : undefined };
    this.diags.report(d);
    throw new FatalError(d);
  }

  private marker(flag: 0 | 1 | 2, physLine: number): void {
    const f = this.file;
    const line = physLine + f.lineDelta;
    this.markers.push({
      index: this.out.length, file: f.src.id, physLine, line,
      name: f.presumedName, flag, system: f.system,
    });
  }

  // ---------------------------------------------------------------- reading tokens

  /** The next fully macro-expanded token. */
  next(): Token {
    for (;;) {
      const ctx = this.contexts.length > 0 ? this.contexts[this.contexts.length - 1] : undefined;
      let tok: Token;
      if (ctx !== undefined) {
        if (ctx.pos >= ctx.tokens.length) {
          this.popContext();
          continue;
        }
        tok = ctx.tokens[ctx.pos];
        if (tok.kind === "eof") return tok; // an argument's end: the caller pops it
        ctx.pos++;
      } else {
        tok = this.lexFile();
        if (tok.kind === "eof") {
          if (this.inDirective || this.collecting > 0 || this.files.length <= 1) return tok;
          // The end of an included file is no token for anyone: go on reading the includer.
          this.leaveFile();
          continue;
        }
      }
      if (tok.kind !== "ident") return tok;
      const m = this.macros.get(tok.text);
      if (m === undefined) return tok;
      if (tok.hideset !== undefined && tok.hideset.has(tok.text)) return tok;
      if (m.kind === "poisoned") {
        this.diags.error(tok, `attempt to use poisoned "${tok.text}"`);
        return tok;
      }
      if (m.disabled) {
        // Painted blue (6.10.3.4p2): this token will never expand, even in a later rescan.
        const painted: Token = { ...tok, hideset: new Set([tok.text]) };
        return painted;
      }
      if (m.kind === "builtin") {
        const r = this.builtin(m.builtin!, tok);
        if (r === undefined) return tok;
        if (r === null) continue;
        return r;
      }
      if (this.expand(m, tok)) continue;
      return tok;
    }
  }

  /** The next token without macro expansion (macro arguments, `defined` operands, directive lines). */
  private nextRaw(): Token {
    for (;;) {
      const ctx = this.contexts.length > 0 ? this.contexts[this.contexts.length - 1] : undefined;
      if (ctx === undefined) return this.lexFile();
      if (ctx.pos >= ctx.tokens.length) {
        this.popContext();
        continue;
      }
      const tok = ctx.tokens[ctx.pos];
      if (tok.kind !== "eof") ctx.pos++;
      return tok;
    }
  }

  private popContext(): void {
    const ctx = this.contexts.pop()!;
    if (ctx.macro !== undefined) ctx.macro.disabled = false;
  }

  /**
   * The next token of the current file, running directives and skipping
   * false groups on the way. In a directive, the end of the line reads as "eof".
   * The "eof" token is never consumed: reading again returns it again.
   */
  private lexFile(): Token {
    for (;;) {
      const f = this.file;
      const ts = f.tokens;
      const i = f.pos;
      if (this.inDirective) {
        if (ts.endsLine(i)) return this.eol;
        f.pos++;
        const tok = ts.token(i);
        if (tok.kind === "other" && tok.text.length > 1) this.unterminated(tok);
        return tok;
      }
      if (ts.kinds[i] === K_EOF) return ts.token(i);
      f.pos++;
      const tok = ts.token(i);
      if (tok.bol && tok.kind === "punct" && tok.text === "#") {
        this.directive(tok);
        // A directive that produced tokens (#pragma, #ident, #embed) left them
        // in a context: they come next, before the rest of the file.
        if (this.contexts.length > 0) return this.nextRaw();
        continue;
      }
      if (f.mi !== 1) f.mi = -1;
      if (tok.kind === "other" && tok.text.length > 1) this.unterminated(tok);
      return tok;
    }
  }

  /** Report a literal the lexer found unterminated (deferred until we know the code is live). */
  private unterminated(tok: Token): void {
    const q = tok.text.indexOf('"') >= 0 && (tok.text.indexOf("'") < 0 || tok.text.indexOf('"') < tok.text.indexOf("'")) ? '"' : "'";
    if (this.options.assembler) return;
    if (q === '"') this.diags.error(tok, 'missing terminating " character');
    else this.diags.warning(tok, "missing terminating ' character");
  }

  /** Is the next token "("? Pops exhausted contexts on the way (re-enabling their macros), as gcc does. */
  private peekLParen(): boolean {
    for (;;) {
      const ctx = this.contexts.length > 0 ? this.contexts[this.contexts.length - 1] : undefined;
      if (ctx !== undefined) {
        if (ctx.pos >= ctx.tokens.length) {
          this.popContext();
          continue;
        }
        const t = ctx.tokens[ctx.pos];
        if (isPunct(t, "(")) {
          ctx.pos++;
          return true;
        }
        return false;
      }
      const f = this.file;
      const ts = f.tokens;
      const i = f.pos;
      if (ts.kinds[i] === K_EOF) return false;
      if ((ts.flags[i] & F_BOL) !== 0 && (this.inDirective || ts.isPunct(i, "#"))) return false;
      if (ts.isPunct(i, "(")) {
        f.pos++;
        if (f.mi !== 1) f.mi = -1;
        return true;
      }
      return false;
    }
  }

  // ---------------------------------------------------------------- macro expansion

  /** Expand macro `m` named by `name`; false if it is function-like and not invoked. */
  private expand(m: Macro, name: Token): boolean {
    let args: Token[][] | undefined;
    if (m.kind === "function") {
      if (!this.peekLParen()) return false;
      args = this.collectArgs(m, name);
      if (args === undefined) return false;
    }
    const tokens = m.simple ? this.copyBody(m, name) : this.substitute(m, name, args ?? [], 0, m.body.length, true, this.vaOmitted);
    m.disabled = true;
    this.contexts.push({ tokens, pos: 0, macro: m });
    return true;
  }

  private copyBody(m: Macro, name: Token): Token[] {
    const body = m.body;
    const out: Token[] = new Array(body.length);
    for (let i = 0; i < body.length; i++) out[i] = derive(body[i], name, i === 0 ? name.space || name.bol : body[i].space);
    return out;
  }

  /** Collect the arguments of a function-like macro; the "(" has been read. */
  private collectArgs(m: Macro, name: Token): Token[][] | undefined {
    const args: Token[][] = [[]];
    let depth = 0;
    const nparams = m.params.length;
    this.collecting++;
    // gcc reports a wrong argument count at the closing parenthesis, an unterminated list past its last token.
    let last: Token = name;
    try {
      for (;;) {
        const t = this.nextRaw();
        if (t.kind === "eof") {
          this.diags.error({ file: last.file, line: last.line, col: last.col + last.text.length }, `unterminated argument list invoking macro "${m.name}"`);
          return undefined;
        }
        last = t;
        if (t.kind === "punct") {
          if (t.text === "(") depth++;
          else if (t.text === ")") {
            if (depth === 0) break;
            depth--;
          } else if (t.text === "," && depth === 0 && !(m.variadic && args.length === nparams)) {
            args.push([]);
            continue;
          }
        } else if (t.kind === "pragma") {
          continue;
        }
        args[args.length - 1].push(t);
      }
    } finally {
      this.collecting--;
    }
    if (nparams === 0 && args.length === 1 && args[0].length === 0) return [];
    // For `, ## __VA_ARGS__`: gcc drops the comma when the variable argument is left out
    // entirely — and, in GNU modes, for f() when `...` is the only parameter.
    this.vaOmitted = m.variadic && nparams === 1 && args[0].length === 0 && this.gnu;
    if (args.length === nparams) return args;
    if (m.variadic && args.length === nparams - 1) {
      // f(a) for f(x, ...): an absent variadic argument is empty (C23; a GNU extension before).
      args.push([]);
      this.vaOmitted = true;
      return args;
    }
    if (args.length < nparams) {
      this.diags.error(last, `macro "${m.name}" requires ${nparams} arguments, but only ${args.length} given`);
    } else {
      this.diags.error(last, `macro "${m.name}" passed ${args.length} arguments, but takes just ${nparams}`);
    }
    if (m.defTok) this.diags.note(m.defTok, `macro "${m.name}" defined here`);
    return undefined;
  }

  /** Fully macro-expand one argument in isolation (6.10.3.1). */
  private expandArg(arg: Token[]): Token[] {
    const depth = this.contexts.length;
    const end = sentinel("eof", "");
    const tokens = arg.slice();
    tokens.push(end);
    this.contexts.push({ tokens, pos: 0, macro: undefined });
    const out: Token[] = [];
    for (;;) {
      const t = this.next();
      if (t === end) break;
      out.push(t);
    }
    while (this.contexts.length > depth) this.popContext();
    return out;
  }

  /**
   * The replacement of body[from, to) with arguments substituted, # and ##
   * applied and placemarkers removed. `first` marks the whole body (whose
   * first token takes the macro name's spacing).
   */
  private substitute(m: Macro, name: Token, args: Token[][], from: number, to: number, first: boolean, vaOmitted: boolean): Token[] {
    const body = m.body;
    const roles = m.roles;
    const expanded: (Token[] | undefined)[] = [];
    const out: Token[] = [];

    const extent = (i: number): number => {
      const r = roles[i];
      if (r === STRINGIFY) return roles[i + 1] === VA_OPT ? m.vaOptEnd!.get(i + 1)! + 1 : i + 2;
      if (r === VA_OPT) return m.vaOptEnd!.get(i)! + 1;
      return i + 1;
    };
    const vaPresent = (): boolean => {
      const k = m.params.length - 1;
      return (expanded[k] ??= this.expandArg(args[k])).length > 0;
    };
    // The tokens of the operand at body[i]; `raw` for operands of ## (not macro-expanded).
    const operand = (i: number, raw: boolean): Token[] => {
      const t = body[i];
      const r = roles[i];
      if (r >= 0) {
        const arg = raw ? args[r] : (expanded[r] ??= this.expandArg(args[r]));
        const res: Token[] = new Array(arg.length);
        for (let k = 0; k < arg.length; k++) res[k] = derive(arg[k], name, k === 0 ? t.space : arg[k].space || arg[k].bol);
        return res;
      }
      if (r === STRINGIFY) {
        const r2 = roles[i + 1];
        const content = r2 === VA_OPT ? this.vaOpt(m, name, args, i + 1, vaPresent()) : args[r2];
        const s = derive(stringify(content, t), name, t.space);
        return [s];
      }
      if (r === VA_OPT) return this.vaOpt(m, name, args, i, vaPresent(), t.space);
      return [derive(t, name, t.space)];
    };

    let i = from;
    while (i < to) {
      if (roles[i] === PASTE) {
        const j = extent(i + 1);
        const rhs = operand(i + 1, true);
        const lhs = out[out.length - 1];
        // GNU: `, ## __VA_ARGS__` drops the comma when the variable argument was left out.
        if (roles[i + 1] === m.params.length - 1 && m.variadic && lhs !== undefined && isPunct(lhs, ",") && roles[i - 1] === PLAIN) {
          if (vaOmitted) out.pop();
          else for (const t of rhs) out.push(t);
          i = j;
          continue;
        }
        if (rhs.length === 0 || rhs[0] === PLACEMARKER) {
          // x ## placemarker = x
          for (let k = 1; k < rhs.length; k++) out.push(rhs[k]);
        } else if (lhs === PLACEMARKER || lhs === undefined) {
          if (lhs !== undefined) out.pop();
          for (const t of rhs) out.push(t);
        } else {
          out.pop();
          for (const t of this.paste(lhs, rhs[0])) out.push(t);
          for (let k = 1; k < rhs.length; k++) out.push(rhs[k]);
        }
        i = j;
        continue;
      }
      const j = extent(i);
      const beforePaste = j < to && roles[j] === PASTE;
      const toks = operand(i, beforePaste);
      if (toks.length === 0 && beforePaste) {
        out.push(PLACEMARKER);
      } else {
        for (const t of toks) out.push(t);
      }
      i = j;
    }
    // Placemarkers live until the whole replacement is done (a __VA_OPT__ result may end in one
    // that a later ## consumes).
    if (!first) return out;
    const result = out.includes(PLACEMARKER) ? out.filter((t) => t !== PLACEMARKER) : out;
    if (result.length > 0) {
      const t0 = result[0];
      const sp = name.space || name.bol;
      if (t0.space !== sp) result[0] = { ...t0, space: sp };
    }
    return result;
  }

  /** __VA_OPT__(content) at body[i]: the substituted content (placemarkers kept), or nothing. */
  private vaOpt(m: Macro, name: Token, args: Token[][], i: number, present: boolean, space?: boolean): Token[] {
    if (!present) return [];
    const end = m.vaOptEnd!.get(i)!;
    const res = this.substitute(m, name, args, i + 2, end, false, false);
    if (space !== undefined && res.length > 0 && res[0] !== PLACEMARKER && res[0].space !== space) res[0] = { ...res[0], space };
    return res;
  }

  /** a ## b: one token, or an error and both tokens unchanged. */
  private paste(a: Token, b: Token): Token[] {
    const text = a.text + b.text;
    const toks = lexFragment(text, this.c23);
    if (toks !== undefined && toks.length === 1) {
      const t = toks[0];
      const r: Token = { kind: t.kind, text: t.text, file: a.file, line: a.line, col: a.col, bol: false, space: a.space };
      if (a.origin) r.origin = a.origin;
      return [r];
    }
    if (!this.options.assembler) {
      this.diags.error(a, `pasting "${a.text}" and "${b.text}" does not give a valid preprocessing token`);
    }
    return [a, b];
  }

  // ---------------------------------------------------------------- builtin macros

  /** The value of a builtin macro use: a token, null if it produced nothing, undefined if not invoked. */
  private builtin(kind: BuiltinKind, tok: Token): Token | null | undefined {
    const root = rootOf(tok);
    const make = (k: Token["kind"], text: string): Token => {
      const t: Token = { kind: k, text, file: tok.file, line: tok.line, col: tok.col, bol: false, space: tok.space || tok.bol };
      t.origin = tok.origin ?? tok;
      return t;
    };
    switch (kind) {
      case "__LINE__": {
        const f = this.files.find((s) => s.src.id === root.file) ?? this.file;
        return make("number", String(root.line + (f.src.id === root.file ? f.lineDelta : 0)));
      }
      case "__FILE__": return make("string", quote(this.file.presumedName));
      case "__FILE_NAME__": {
        const n = this.file.presumedName;
        return make("string", quote(n.slice(n.lastIndexOf("/") + 1)));
      }
      case "__BASE_FILE__": return make("string", quote(this.baseFile));
      case "__COUNTER__": return make("number", String(this.counter++));
      case "__INCLUDE_LEVEL__": return make("number", String(this.files.length - 1));
      case "__DATE__": return make("string", this.dateText);
      case "__TIME__": return make("string", this.timeText);
      case "__TIMESTAMP__": return make("string", this.timestamp());
      case "_Pragma": return this.pragmaOperator(tok);
    }
    // The __has_* probes are function-like.
    if (!this.peekLParen()) {
      this.diags.error(tok, `missing '(' after "${kind}"`);
      return make("number", "0");
    }
    let value = 0;
    if (kind === "__has_include" || kind === "__has_include_next" || kind === "__has_embed") {
      if (!this.inDirective) this.diags.error(tok, `"${kind}" used outside of preprocessing directive`);
      const h = this.headerName(this.nextRaw(), tok, ")");
      if (h !== undefined) {
        const found = this.lookup(h.name, h.angled, kind === "__has_include_next", this.file);
        value = found ? 1 : 0;
        if (found && kind === "__has_embed") value = (this.host.readFile(found.path) ?? "").length > 0 ? 1 : 2;
      }
      if (kind === "__has_embed") this.skipBalanced();
      else this.expectCloseParen(kind);
      return make("number", String(value));
    }
    // Attribute, builtin and feature names: read the balanced tokens up to ")" unexpanded.
    const words: Token[] = [];
    let depth = 0;
    for (;;) {
      const t = this.nextRaw();
      if (t.kind === "eof") {
        this.diags.error(tok, `missing ')' after "${kind}" operand`);
        break;
      }
      if (isPunct(t, "(")) depth++;
      if (isPunct(t, ")") && depth-- === 0) break;
      words.push(t);
    }
    // gnu::x — C17 lexes "::" as two colons.
    if (words.length === 4 && isPunct(words[1], ":") && isPunct(words[2], ":")) words.splice(1, 2, { ...words[1], text: "::" });
    const scoped = words.length === 3 && isPunct(words[1], "::");
    const strip = (s: string): string => (s.length > 4 && s.startsWith("__") && s.endsWith("__") ? s.slice(2, -2) : s);
    const id = strip(words[words.length - 1]?.text ?? "");
    const scope = scoped ? strip(words[0].text) : "";
    switch (kind) {
      case "__has_attribute":
      case "__has_c_attribute":
        if (scoped) value = scope === "gnu" && GNU_ATTRIBUTES.has(id) ? 1 : 0;
        else if (C_ATTRIBUTES.has(id)) value = C_ATTRIBUTES.get(id)!;
        else if (kind === "__has_attribute" && GNU_ATTRIBUTES.has(id)) value = 1;
        break;
      case "__has_builtin": value = hasBuiltin(words[0]?.text ?? "") ? 1 : 0; break;
      case "__has_feature":
      case "__has_extension": value = FEATURES.has(id) ? 1 : 0; break;
    }
    return make("number", String(value));
  }

  private expectCloseParen(what: string): void {
    const t = this.nextRaw();
    if (!isPunct(t, ")")) this.diags.error(t.line ? t : undefined, `missing ')' after "${what}" operand`);
  }

  private skipBalanced(): void {
    let depth = 0;
    for (;;) {
      const t = this.nextRaw();
      if (t.kind === "eof") return;
      if (isPunct(t, "(")) depth++;
      if (isPunct(t, ")") && depth-- === 0) return;
    }
  }

  private timestamp(): string {
    const mtime = this.host.mtime?.(this.file.src.name);
    if (mtime === undefined) return '"??? ??? ?? ??:??:?? ????"';
    const d = new Date(mtime);
    const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getDay()];
    const pad = (n: number): string => String(n).padStart(2, "0");
    return `"${day} ${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, " ")} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${d.getFullYear()}"`;
  }

  /** _Pragma("text") (6.10.9): destringize and run as #pragma text. */
  private pragmaOperator(tok: Token): Token | null | undefined {
    const open = this.nextRaw();
    const str = this.nextRaw();
    const close = str.kind === "string" ? this.nextRaw() : str;
    if (!isPunct(open, "(") || str.kind !== "string" || !isPunct(close, ")")) {
      const bad = !isPunct(open, "(") ? open : str.kind !== "string" ? str : close;
      this.diags.error(bad.kind === "eof" ? tok : bad, "_Pragma takes a parenthesized string literal");
      return null;
    }
    let s = str.text.slice(str.text.indexOf('"') + 1, -1);
    s = s.replace(/\\(["\\])/g, "$1");
    const src = this.diags.sources.add("<_Pragma>", s);
    const toks = tokenize(src, this.diags, { u8CharConstants: this.c23, noDollarInIdentifiers: this.options.assembler === true });
    toks.pop();
    return this.pragma(toks, tok);
  }

  // ---------------------------------------------------------------- directives

  private directive(hash: Token): void {
    const f = this.file;
    this.inDirective = true;
    // Errors about what is missing at the end of a directive point just past
    // the line, as gcc's do; the column is found only if one is reported.
    const sources = this.diags.sources;
    this.eol = {
      kind: "eof", text: "", file: hash.file, line: hash.line, bol: true, space: false,
      get col(): number { return hash.line > 0 ? sources.lineText(hash.file, hash.line).length + 1 : hash.col; },
    };
    const name = this.nextRaw();
    let pushFile: (() => void) | undefined;
    this.pending = undefined;
    try {
      if (name.kind === "eof") return; // the null directive
      if (name.kind === "number" && !this.options.assembler) {
        this.lineDirective(name, true);
        return;
      }
      if (name.kind !== "ident") {
        this.invalidDirective(hash, name);
        return;
      }
      const conditional = name.text === "if" || name.text === "ifdef" || name.text === "ifndef";
      if (!conditional && f.mi !== 1 || f.mi === 2) f.mi = -1;
      switch (name.text) {
        case "define": this.define(name); break;
        case "undef": this.undef(name); break;
        case "include": case "include_next": case "import":
          pushFile = this.include(name);
          break;
        case "if": case "ifdef": case "ifndef": this.ifDirective(name); break;
        case "elif": case "elifdef": case "elifndef": case "else": this.elseDirective(name); break;
        case "endif": this.endif(name); break;
        case "line": this.lineDirective(name, false); break;
        case "error": case "warning": this.message(name); break;
        case "pragma": {
          // The pragma token goes to the parser in place of the directive.
          const t = this.pragma(this.restOfLine(), hash);
          if (t) this.pending = [t];
          break;
        }
        case "ident": case "sccs": {
          const s = this.nextRaw();
          if (s.kind !== "string") this.diags.error(s.line ? s : name, `invalid #${name.text} directive`);
          else this.pending = [{ kind: "pragma", text: `ident ${s.text}`, file: hash.file, line: hash.line, col: hash.col, bol: true, space: false }];
          break;
        }
        case "embed": this.embed(name); break;
        case "assert": case "unassert":
          this.diags.warning(name, `#${name.text} is a deprecated GCC extension`, "deprecated");
          break;
        default:
          this.invalidDirective(hash, name);
      }
    } finally {
      this.finishLine();
      this.inDirective = false;
      // Expansions begun on the directive line (in #if, say) end with it.
      while (this.contexts.length > 0) this.popContext();
    }
    if (this.pending !== undefined) {
      this.contexts.push({ tokens: this.pending, pos: 0, macro: undefined });
      this.pending = undefined;
    }
    pushFile?.();
  }

  private invalidDirective(hash: Token, name: Token): void {
    if (this.options.assembler) {
      // In assembler source, "# comment" lines are passed through.
      this.pending = [hash, name, ...this.restOfLine()];
      return;
    }
    this.diags.error(name, `invalid preprocessing directive #${name.text}`);
  }

  /** Skip whatever is left of the directive line. */
  private finishLine(): void {
    const f = this.file;
    while (!f.tokens.endsLine(f.pos)) f.pos++;
  }

  /** The remaining raw tokens of the directive line. */
  private restOfLine(): Token[] {
    const toks: Token[] = [];
    for (let t = this.nextRaw(); t.kind !== "eof"; t = this.nextRaw()) toks.push(t);
    return toks;
  }

  private extraTokens(directive: Token): void {
    const t = this.nextRaw();
    if (t.kind !== "eof") this.diags.warning(t, `extra tokens at end of #${directive.text} directive`);
  }

  private define(directive: Token): void {
    const nameTok = this.nextRaw();
    const name = this.macroName(nameTok, directive, "define");
    if (name === undefined) return;
    const f = this.file;
    const next = f.tokens.token(f.pos);
    const m: Macro = {
      name, kind: "object", params: [], variadic: false, body: [], roles: new Int32Array(0), simple: true,
      disabled: false, defTok: nameTok,
    };
    // Errors in the replacement list point at the end of the macro's head, as gcc's do.
    let head: Token = nameTok;
    if (!next.bol && next.kind !== "eof" && isPunct(next, "(") && !next.space) {
      this.nextRaw();
      if (!this.parseParams(m)) return;
      head = this.lastParamToken;
      m.kind = "function";
    } else if (!next.bol && next.kind !== "eof" && !next.space) {
      this.diags.warning(next, "missing whitespace after the macro name");
    }
    const body = this.restOfLine();
    if (!this.analyseBody(m, body, head)) return;

    const old = this.macros.get(name);
    if (old !== undefined) {
      if (old.kind === "builtin" || old.kind === "poisoned") {
        if (old.kind === "poisoned") {
          this.diags.error(nameTok, `attempt to use poisoned "${name}"`);
          return;
        }
        this.diags.warning(nameTok, `"${name}" redefined`, "builtin-macro-redefined");
      } else if (!sameDefinition(old, m)) {
        this.diags.warning(nameTok, `"${name}" redefined`);
        if (old.defTok && old.defTok.line) this.diags.note(old.defTok, "this is the location of the previous definition");
      }
    }
    this.macros.set(name, m);
    if (this.options.recordDirectives) this.directives.push({ index: this.out.length, text: formatDefine(m) });
  }

  /** Validate a macro name of #define/#undef/#ifdef; undefined (after an error) if unusable. */
  private macroName(t: Token, directive: Token, what: string): string | undefined {
    if (t.kind === "eof") {
      this.diags.error(this.eol, `no macro name given in #${what} directive`);
      return undefined;
    }
    if (t.kind !== "ident") {
      this.diags.error(t, "macro names must be identifiers");
      return undefined;
    }
    if (t.text === "defined" || ((what === "define" || what === "undef") && t.text.startsWith("__has_") && this.macros.get(t.text)?.kind === "builtin")) {
      this.diags.error(t, `"${t.text}" cannot be used as a macro name`);
      return undefined;
    }
    return t.text;
  }

  /** The `)` that closed the last parameter list parsed. */
  private lastParamToken: Token = sentinel("eof", "");

  private parseParams(m: Macro): boolean {
    const seen = new Set<string>();
    for (;;) {
      const t = this.nextRaw();
      this.lastParamToken = t;
      if (isPunct(t, ")") && m.params.length === 0) return true;
      if (isPunct(t, "...")) {
        m.variadic = true;
        m.params.push("__VA_ARGS__");
        const close = this.nextRaw();
        this.lastParamToken = close;
        if (!isPunct(close, ")")) return this.paramError(close, "expected ')' after \"...\"");
        return true;
      }
      if (t.kind !== "ident") {
        return this.paramError(t, t.kind === "eof" ? "expected parameter name before end of line" : `expected parameter name, found "${t.text}"`);
      }
      if (t.text === "__VA_ARGS__") {
        this.diags.error(t, "__VA_ARGS__ can only appear in the expansion of a C99 variadic macro");
        return false;
      }
      if (seen.has(t.text)) return this.paramError(t, `duplicate macro parameter "${t.text}"`);
      seen.add(t.text);
      m.params.push(t.text);
      const sep = this.nextRaw();
      this.lastParamToken = sep;
      if (isPunct(sep, ")")) return true;
      if (isPunct(sep, ",")) continue;
      if (isPunct(sep, "...")) {
        // GNU named variadic parameter: args...
        m.variadic = true;
        const close = this.nextRaw();
        this.lastParamToken = close;
        if (!isPunct(close, ")")) return this.paramError(close, "expected ')' after \"...\"");
        return true;
      }
      return this.paramError(sep, sep.kind === "eof" ? "expected ')' before end of line" : `expected ',' or ')', found "${sep.text}"`);
    }
  }

  private paramError(t: Token, message: string): false {
    this.diags.error(t.kind === "eof" ? this.eol : t, message);
    return false;
  }

  /** Work out the role of each replacement-list token and check # / ## / __VA_OPT__ rules. */
  private analyseBody(m: Macro, body: Token[], head: Token): boolean {
    const roles = new Int32Array(body.length).fill(PLAIN);
    const fn = m.kind === "function";
    let vaOptOpen = -1;
    let vaOptDepth = 0;
    let simple = !fn;
    for (let i = 0; i < body.length; i++) {
      const t = body[i];
      if (t.kind === "ident") {
        if (fn) {
          const p = m.params.indexOf(t.text);
          if (p >= 0) roles[i] = p;
          else if (t.text === "__VA_OPT__" && m.variadic) {
            if (vaOptOpen >= 0) {
              this.diags.error(t, "__VA_OPT__ may not appear in a __VA_OPT__");
              return false;
            }
            if (!(i + 1 < body.length && isPunct(body[i + 1], "("))) {
              this.diags.error(t, "__VA_OPT__ must be followed by an open parenthesis");
              return false;
            }
            roles[i] = VA_OPT;
            vaOptOpen = i;
            vaOptDepth = 0;
            continue;
          }
        }
        if (t.text === "__VA_ARGS__" && !(fn && m.variadic && m.params[m.params.length - 1] === "__VA_ARGS__")) {
          this.diags.warning(t, "__VA_ARGS__ can only appear in the expansion of a C99 variadic macro", "pedantic");
        }
      } else if (t.kind === "punct") {
        if (t.text === "##") {
          if (i === 0 || i === body.length - 1) {
            this.diags.error(head, "'##' cannot appear at either end of a macro expansion");
            return false;
          }
          if (vaOptOpen >= 0 && (i === vaOptOpen + 2 || isPunct(body[i + 1], ")") && vaOptDepth === 1)) {
            this.diags.error(t, "'##' cannot appear at either end of __VA_OPT__");
            return false;
          }
          roles[i] = PASTE;
          simple = false;
        } else if (t.text === "#" && fn) {
          const nx = body[i + 1];
          const isParam = nx !== undefined && nx.kind === "ident" && (m.params.includes(nx.text) || (nx.text === "__VA_OPT__" && m.variadic));
          if (isParam) roles[i] = STRINGIFY;
          else if (!this.options.assembler) {
            this.diags.error(head, "'#' is not followed by a macro parameter");
            return false;
          }
        } else if (vaOptOpen >= 0) {
          if (t.text === "(") vaOptDepth++;
          else if (t.text === ")" && --vaOptDepth === 0) {
            (m.vaOptEnd ??= new Map()).set(vaOptOpen, i);
            vaOptOpen = -1;
          }
        }
      }
    }
    if (vaOptOpen >= 0) {
      this.diags.error(body[vaOptOpen], "unterminated __VA_OPT__");
      return false;
    }
    m.body = body;
    m.roles = roles;
    m.simple = simple;
    return true;
  }

  private undef(directive: Token): void {
    const t = this.nextRaw();
    const name = this.macroName(t, directive, "undef");
    if (name === undefined) return;
    const old = this.macros.get(name);
    if (old?.kind === "builtin") this.diags.warning(t, `undefining "${name}"`);
    if (old?.kind !== "poisoned") this.macros.delete(name);
    this.extraTokens(directive);
    if (this.options.recordDirectives) this.directives.push({ index: this.out.length, text: `#undef ${name}` });
  }

  // -------------------------------------------------------------- conditionals

  private isDefined(name: string, at: Token): boolean {
    const m = this.macros.get(name);
    if (m?.kind === "poisoned") {
      this.diags.error(at, `attempt to use poisoned "${name}"`);
      return false;
    }
    return m !== undefined;
  }

  private ifDirective(d: Token): void {
    const f = this.file;
    const startOfFile = f.mi === 0 && f.conds.length === 0;
    let taken: boolean;
    if (d.text === "if") {
      const guard = startOfFile ? this.guardOfIf() : undefined;
      taken = this.evaluate(d);
      if (guard !== undefined) {
        f.mi = 1;
        f.miName = guard;
      } else if (f.mi !== 1 || f.conds.length === 0) f.mi = -1;
    } else {
      const t = this.nextRaw();
      const name = this.macroName(t, d, d.text);
      taken = name !== undefined && this.isDefined(name, t) === (d.text === "ifdef");
      if (name !== undefined) this.extraTokens(d);
      if (startOfFile && d.text === "ifndef" && name !== undefined) {
        f.mi = 1;
        f.miName = name;
      } else if (f.mi !== 1 || f.conds.length === 0) f.mi = -1;
    }
    f.conds.push({ tok: d, taken, sawElse: false });
    if (!taken) this.skipGroup();
  }

  /** `#if !defined X` / `#if !defined(X)` on its own: the include-guard idiom's other spelling. */
  private guardOfIf(): string | undefined {
    const f = this.file;
    const t = f.tokens;
    let i = f.pos;
    const at = (k: number): boolean => k < t.length && !t.endsLine(k);
    if (!(at(i) && t.isPunct(i, "!"))) return undefined;
    if (!at(i + 1) || t.text(i + 1) !== "defined") return undefined;
    i += 2;
    const paren = at(i) && t.isPunct(i, "(");
    if (paren) i++;
    if (!at(i) || t.kinds[i] !== K_IDENT) return undefined;
    const name = t.text(i);
    i++;
    if (paren) {
      if (!(at(i) && t.isPunct(i, ")"))) return undefined;
      i++;
    }
    return at(i) ? undefined : name;
  }

  private evaluate(d: Token): boolean {
    const self = this;
    return evaluateIf({
      next: () => self.next(),
      nextUnexpanded: () => self.nextRaw(),
      isDefined: (name, at) => self.isDefined(name, at),
      charValue: (t) => self.charValue(t),
      diags: this.diags,
      c23: this.c23,
    }, d);
  }

  private elseDirective(d: Token): void {
    const f = this.file;
    const c = f.conds[f.conds.length - 1];
    if (c === undefined) {
      this.diags.error(d, `#${d.text} without #if`);
      return;
    }
    if (f.conds.length === 1 && f.mi === 1) f.mi = -1;
    if (c.sawElse) this.diags.error(d, `#${d.text} after #else`);
    if (d.text === "else") {
      c.sawElse = true;
      this.extraTokens(d);
      if (c.taken) this.skipGroup();
      else c.taken = true;
      return;
    }
    // #elif: not even evaluated when an earlier group was taken.
    if (c.taken) {
      this.skipGroup();
      return;
    }
    let yes: boolean;
    if (d.text === "elif") yes = this.evaluate(d);
    else {
      const t = this.nextRaw();
      const name = this.macroName(t, d, d.text);
      yes = name !== undefined && this.isDefined(name, t) === (d.text === "elifdef");
    }
    if (yes) c.taken = true;
    else this.skipGroup();
  }

  private endif(d: Token): void {
    const f = this.file;
    if (f.conds.length === 0) {
      this.diags.error(d, "#endif without #if");
      return;
    }
    f.conds.pop();
    this.extraTokens(d);
    if (f.conds.length === 0 && f.mi === 1) f.mi = 2;
  }

  /**
   * Skip a false group: scan for the #elif/#else/#endif that ends it, counting
   * nested conditionals. Leaves the file positioned at that directive's '#'.
   */
  private skipGroup(): void {
    this.finishLine();
    const f = this.file;
    const t = f.tokens;
    const kinds = t.kinds;
    const flags = t.flags;
    let depth = 0;
    let i = f.pos;
    for (; kinds[i] !== K_EOF; i++) {
      if ((flags[i] & F_BOL) === 0 || kinds[i] !== K_PUNCT || t.text(i) !== "#") continue;
      if ((flags[i + 1] & F_BOL) !== 0 || kinds[i + 1] !== K_IDENT) continue;
      switch (t.text(i + 1)) {
        case "if": case "ifdef": case "ifndef":
          depth++;
          break;
        case "endif":
          if (depth === 0) { f.pos = i; return; }
          depth--;
          break;
        case "elif": case "elifdef": case "elifndef": case "else":
          if (depth === 0) { f.pos = i; return; }
          break;
      }
    }
    f.pos = i;
  }

  // ------------------------------------------------------------------ #include

  private buildSearchPath(): void {
    const o = this.options;
    const norm = (d: string): string => (d.length > 1 && d.endsWith("/") ? d.replace(/\/+$/, "") : d);
    const system = [...(o.systemDirs ?? []), ...(o.nostdinc ? [] : o.stdDirs ?? [])].map(norm);
    const after = (o.afterDirs ?? []).map(norm);
    const systemSet = new Set([...system, ...after]);
    const seen = new Set<string>();
    const add = (dir: string, sys: boolean): void => {
      if (seen.has(dir)) return;
      seen.add(dir);
      this.searchPath.push({ dir, system: sys });
    };
    for (const d of (o.quoteDirs ?? []).map(norm)) add(d, false);
    seen.clear();
    this.bracketStart = this.searchPath.length;
    // gcc drops a -I directory that is also a system directory, keeping its system status.
    for (const d of (o.includeDirs ?? []).map(norm)) if (!systemSet.has(d)) add(d, false);
    for (const d of system) add(d, true);
    for (const d of after) add(d, true);
  }

  private exists(path: string): boolean {
    let e = this.existsCache.get(path);
    if (e === undefined) {
      e = this.host.fileExists(path);
      this.existsCache.set(path, e);
    }
    return e;
  }

  /** Find an #include'd file. `from` is the including file (its directory is searched first for ""). */
  private lookup(name: string, angled: boolean, next: boolean, from: FileState, skipCurrentDir = false):
    { path: string; dirIndex: number; system: boolean } | undefined {
    if (name.startsWith("/")) return this.exists(name) ? { path: name, dirIndex: -1, system: false } : undefined;
    let start = angled ? this.bracketStart : 0;
    if (next && from.dirIndex >= 0) start = from.dirIndex + 1;
    else if (!angled && !skipCurrentDir && from.src.name[0] !== "<") {
      const slash = from.src.name.lastIndexOf("/");
      const path = slash < 0 ? name : from.src.name.slice(0, slash + 1) + name;
      if (this.exists(path)) return { path, dirIndex: -1, system: from.system };
    }
    for (let i = start; i < this.searchPath.length; i++) {
      const d = this.searchPath[i];
      const path = d.dir === "" ? name : d.dir.endsWith("/") ? d.dir + name : d.dir + "/" + name;
      if (this.exists(path)) return { path, dirIndex: i, system: d.system };
    }
    return undefined;
  }

  /**
   * Read a header name — "x.h", <x.h>, or macros expanding to either — whose
   * first raw token is `first`. `end` is what must follow (")" for __has_include).
   */
  private headerName(first: Token, at: Token, end: "eol" | ")"): { name: string; angled: boolean; tok: Token } | undefined {
    let t = first;
    let read = (): Token => this.nextRaw();
    if (!(t.kind === "string" && t.text[0] === '"') && !isPunct(t, "<")) {
      // A computed include: macro-expand, then look again.
      this.contexts.push({ tokens: [t], pos: 0, macro: undefined });
      read = (): Token => this.next();
      t = read();
    }
    if (t.kind === "string" && t.text[0] === '"') return { name: t.text.slice(1, -1), angled: false, tok: t };
    if (isPunct(t, "<")) {
      let name = "";
      for (;;) {
        const u = read();
        if (u.kind === "eof" || (end === ")" && isPunct(u, ")"))) {
          this.diags.error(at, "missing terminating > character");
          return undefined;
        }
        if (isPunct(u, ">")) break;
        if ((u.space || u.bol) && name !== "") name += " ";
        name += u.text;
      }
      return { name, angled: true, tok: t };
    }
    const what = at.text === "include" || at.text === "include_next" || at.text === "import" ? `#${at.text}` : at.text;
    this.diags.error(t.kind === "eof" ? this.eol : t, `${what} expects "FILENAME" or <FILENAME>`);
    return undefined;
  }

  /** #include / #include_next / #import: returns the action that enters the file after the directive ends. */
  private include(d: Token): (() => void) | undefined {
    const f = this.file;
    const h = this.headerName(this.nextRaw(), d, "eol");
    if (h === undefined) return undefined;
    if (h.name === "") {
      this.diags.error(d, `empty filename in #${d.text}`);
      return undefined;
    }
    this.extraTokens(d);
    let next = d.text === "include_next";
    if (next && this.files.length <= 1) {
      this.diags.warning(d, "#include_next in primary source file");
      next = false;
    }
    const found = this.lookup(h.name, h.angled, next, f);
    if (found === undefined) {
      if (this.options.missingHeadersAreGenerated) {
        this.addDependency(h.name, false);
        return undefined;
      }
      this.fatal(h.tok, `${h.name}: No such file or directory`);
    }
    const once = d.text === "import";
    return () => {
      if (this.enterFile(found.path, found.dirIndex, found.system || f.system, d) && once) this.onceFiles.add(this.file.key);
    };
  }

  private key(path: string): string {
    let k = this.keyCache.get(path);
    if (k === undefined) {
      k = this.host.realpath ? this.host.realpath(path) : normalizePath(path);
      this.keyCache.set(path, k);
    }
    return k;
  }

  private addDependency(path: string, system: boolean): void {
    if (this.depSeen.has(path)) return;
    this.depSeen.add(path);
    this.deps.push({ path, system });
  }

  /** Push an included file; false if #pragma once or its include guard says it is already done. */
  private enterFile(path: string, dirIndex: number, system: boolean, at: Token): boolean {
    const key = this.key(path);
    if (this.onceFiles.has(key)) return false;
    const guard = this.guards.get(key);
    if (guard !== undefined && this.macros.has(guard)) return false;
    if (this.files.length >= MAX_INCLUDE_DEPTH) {
      this.fatal(at, `#include nested depth ${this.files.length} exceeds maximum of ${MAX_INCLUDE_DEPTH} (use -fmax-include-depth=DEPTH to increase the maximum)`);
    }
    let cached = this.fileCache.get(path);
    // A file including itself (directly or not) gets a SourceFile per level, so that the
    // "included from" chain of diagnostics stays a chain.
    if (cached !== undefined && this.includeChainHas(cached.src.id)) cached = undefined;
    if (cached === undefined) {
      const text = this.host.readFile(path);
      if (text === undefined) this.fatal(at, `${path}: No such file or directory`);
      const src = this.diags.sources.add(path, text);
      cached = { src, tokens: lex(src, this.diags, { deferQuoteErrors: true, u8CharConstants: this.c23, noDollarInIdentifiers: this.options.assembler === true }) };
      if (!this.fileCache.has(path)) this.fileCache.set(path, cached);
    }
    const from = this.file;
    this.diags.includedFrom.set(cached.src.id, { from: from.src.id, line: at.line + from.lineDelta });
    if (system) this.diags.systemFiles.add(cached.src.id);
    this.addDependency(path, system);
    const f = this.newFileState(cached.src, cached.tokens, key, dirIndex, system, at.line);
    this.files.push(f);
    this.file = f;
    this.marker(1, 1);
    return true;
  }

  private includeChainHas(id: number): boolean {
    for (const f of this.files) if (f.src.id === id) return true;
    return false;
  }

  /** End of an included file: check conditionals, remember its include guard, return to the includer. */
  private leaveFile(): void {
    const f = this.file;
    for (const c of f.conds) this.diags.error(c.tok, `unterminated #${c.tok.text}`);
    if (f.mi === 2 || (f.mi === 1 && f.conds.length === 0)) this.guards.set(f.key, f.miName);
    this.files.pop();
    this.file = this.files[this.files.length - 1];
    this.marker(2, this.file.src.name[0] !== "<" ? f.includeLine + 1 : 0);
  }

  // ------------------------------------------------------------- #line, #error

  private lineDirective(first: Token, gnuMarker: boolean): void {
    const f = this.file;
    const num = gnuMarker ? first : this.next();
    if (num.kind !== "number" || !isDigits(num.text)) {
      this.diags.error(num.kind === "eof" ? first : num, `"${num.text}" after #${gnuMarker ? "" : "line"} is not a positive integer`);
      return;
    }
    const line = parseInt(num.text, 10);
    const str = gnuMarker ? this.nextRaw() : this.next();
    let name = f.presumedName;
    if (str.kind === "string" && str.text[0] === '"') {
      name = str.text.slice(1, -1).replace(/\\(.)/g, "$1");
      if (gnuMarker) {
        for (let t = this.nextRaw(); t.kind !== "eof"; t = this.nextRaw()) {
          if (t.text === "3") f.system = true;
        }
      } else this.extraTokens(first);
    } else if (str.kind !== "eof") {
      this.diags.error(str, `"${str.text}" is not a valid filename`);
      return;
    }
    // The line after the directive has number `line`.
    const physNext = this.lineAfter(first);
    f.lineDelta = line - physNext;
    f.presumedName = name;
    this.diags.sources.remap(f.src.id, physNext, f.lineDelta, name);
    this.marker(0, physNext);
  }

  /** Physical line number just after the directive line that contains `t`. */
  private lineAfter(t: Token): number {
    const f = this.file;
    let i = f.pos;
    while (!f.tokens.endsLine(i)) i++;
    return (i > 0 ? f.tokens.lines[i - 1] : t.line) + 1;
  }

  private message(d: Token): void {
    const text = spell(this.restOfLine());
    const msg = `#${d.text}${text ? " " + text : ""}`;
    if (d.text === "error") this.diags.error(d, msg);
    else this.diags.warning(d, msg, "cpp");
  }

  /** #embed "file" [limit(N)] [prefix(...)] [suffix(...)] [if_empty(...)] (C23, basic). */
  private embed(d: Token): void {
    const h = this.headerName(this.nextRaw(), d, "eol");
    if (h === undefined) return;
    const found = this.lookup(h.name, h.angled, false, this.file);
    if (found === undefined) this.fatal(d, `${h.name}: No such file or directory`);
    const data = this.host.readFile(found.path) ?? "";
    const params = new Map<string, Token[]>();
    for (let t = this.next(); t.kind !== "eof"; t = this.next()) {
      const key = t.text.replace(/^__(.*)__$/, "$1");
      const group: Token[] = [];
      const open = this.next();
      if (isPunct(open, "(")) {
        let depth = 0;
        for (let u = this.next(); u.kind !== "eof"; u = this.next()) {
          if (isPunct(u, "(")) depth++;
          if (isPunct(u, ")") && depth-- === 0) break;
          group.push(u);
        }
      }
      params.set(key, group);
    }
    let limit = data.length;
    const lim = params.get("limit");
    if (lim && lim[0]?.kind === "number") limit = Math.min(limit, parseInt(lim[0].text, 10) || 0);
    const toks: Token[] = [];
    const at = (text: string, kind: Token["kind"]): Token => ({ kind, text, file: d.file, line: d.line, col: d.col, bol: false, space: true });
    if (limit === 0) {
      for (const t of params.get("if_empty") ?? []) toks.push(t);
    } else {
      for (const t of params.get("prefix") ?? []) toks.push(t);
      for (let i = 0; i < limit; i++) {
        if (i > 0) toks.push(at(",", "punct"));
        toks.push(at(String(data.charCodeAt(i) & 0xff), "number"));
      }
      for (const t of params.get("suffix") ?? []) toks.push(t);
    }
    this.pending = toks;
  }

  // ----------------------------------------------------------------- #pragma

  /**
   * Handle the pragmas that belong to the preprocessor; return the token for
   * the parser for all others (text = the pragma after "pragma").
   */
  /**
   * `#pragma GCC diagnostic push|pop|ignored|warning|error "-Wname"`: recorded
   * with its position (a warning obeys the pragmas read before its own
   * position), and kept in the output as gcc keeps it.
   */
  private diagnosticPragma(toks: Token[], at: Token): void {
    const kind = toks[2];
    const what = kind?.text;
    if (what === "push" || what === "pop") { this.diags.diagnosticPragma(at, what); return; }
    if (what === "ignored_attributes") return;
    if (what !== "ignored" && what !== "warning" && what !== "error") {
      this.diags.warning(kind ?? toks[1], "expected 'error', 'warning', 'ignored', 'push', 'pop', 'ignored_attributes' after '#pragma GCC diagnostic'", "pragmas");
      return;
    }
    const opt = toks[3];
    if (!opt || opt.kind !== "string") {
      this.diags.warning({ file: kind.file, line: kind.line, col: kind.col + kind.text.length }, "missing option after '#pragma GCC diagnostic' kind", "pragmas");
      return;
    }
    const name = opt.text.slice(1, -1).replace(/^-W/, "");
    const known = this.diags.policy.knownWarning ?? ((): boolean => true);
    if (!opt.text.startsWith('"-W') || !known(name)) {
      this.diags.warning(opt, "unknown option after '#pragma GCC diagnostic' kind", "pragmas");
      return;
    }
    this.diags.diagnosticPragma(at, { option: name.replace(/=$/, ""), as: what });
  }

  private pragma(toks: Token[], at: Token): Token | undefined {
    const w0 = toks[0]?.text;
    const w1 = toks[1]?.text;
    const f = this.file;
    if (w0 === "once") {
      if (this.files.length <= 1) this.diags.warning(toks[0], "#pragma once in main file");
      this.onceFiles.add(f.key);
      return undefined;
    }
    if (w0 === "push_macro" || w0 === "pop_macro") {
      const s = toks[2];
      if (toks.length !== 4 || !isPunct(toks[1], "(") || s.kind !== "string" || !isPunct(toks[3], ")")) {
        this.diags.warning(toks[0], `invalid #pragma ${w0} directive`);
        return undefined;
      }
      const name = s.text.slice(1, -1);
      if (w0 === "push_macro") {
        let stack = this.pushedMacros.get(name);
        if (!stack) this.pushedMacros.set(name, (stack = []));
        const m = this.macros.get(name);
        stack.push(m && m.kind !== "builtin" ? m : undefined);
      } else {
        const stack = this.pushedMacros.get(name);
        if (stack && stack.length > 0) {
          const m = stack.pop();
          if (m) this.macros.set(name, m);
          else this.macros.delete(name);
        }
      }
      return undefined;
    }
    if (w0 === "GCC") {
      switch (w1) {
        case "system_header":
          if (this.files.length <= 1) this.diags.warning(toks[1], "#pragma system_header ignored outside include file");
          else {
            f.system = true;
            this.marker(0, this.lineAfter(at));
          }
          return undefined;
        case "poison":
          for (const t of toks.slice(2)) {
            if (t.kind !== "ident") {
              this.diags.error(t, "invalid #pragma GCC poison directive");
              break;
            }
            const m = this.macros.get(t.text);
            if (m && m.kind !== "poisoned") this.diags.warning(t, `poisoning existing macro "${t.text}"`);
            this.macros.set(t.text, {
              name: t.text, kind: "poisoned", params: [], variadic: false, body: [], roles: new Int32Array(0),
              simple: true, disabled: false,
            });
          }
          return undefined;
        case "dependency":
          return undefined;
        case "diagnostic":
          this.diagnosticPragma(toks, rootOf(at));
          break;
        case "warning":
        case "error": {
          const s = toks.slice(2).filter((t) => !isPunct(t, "(") && !isPunct(t, ")"));
          const msg = s[0]?.kind === "string" ? s[0].text.slice(1, -1) : spell(toks.slice(2));
          if (w1 === "error") this.diags.error(toks[1], msg);
          else this.diags.warning(toks[1], msg);
          return undefined;
        }
      }
    }
    // Pragmas whose arguments gcc macro-expands.
    let body = toks;
    if (w0 === "pack" || w0 === "redefine_extname") {
      body = [];
      this.contexts.push({ tokens: [...toks, sentinel("eof", "")], pos: 0, macro: undefined });
      const depth = this.contexts.length - 1;
      for (let t = this.next(); t.kind !== "eof"; t = this.next()) body.push(t);
      while (this.contexts.length > depth) this.popContext();
    }
    return { kind: "pragma", text: spell(body), file: at.file, line: at.line, col: at.col, bol: true, space: false, ...(at.origin ? { origin: at.origin } : {}) };
  }

  // ------------------------------------------------------------ char values

  /** The value of a character constant in #if, with the target's char and wchar_t signedness. */
  charValue(t: Token): PPValue {
    const text = t.text;
    const q = text.indexOf("'");
    const prefix = text.slice(0, q);
    const chars = decodeCharBody(text.slice(q + 1, -1), prefix !== "", (msg) => this.diags.warning(t, msg));
    const L = this.options.target;
    if (chars.length === 0) {
      this.diags.error(t, "empty character constant");
      return { v: 0n, unsigned: false };
    }
    if (prefix === "") {
      if (chars.length > 1) this.diags.warning(t, "multi-character character constant", "multichar");
      let v = 0;
      for (const c of chars) v = ((v << 8) | (c & 0xff)) >>> 0;
      // A single char has type char (then int); several make an int.
      const val = chars.length === 1 ? (L.charIsSigned ? (v << 24) >> 24 : v) : v | 0;
      return { v: BigInt(val), unsigned: false };
    }
    if (chars.length > 1) this.diags.warning(t, "character constant too long for its type");
    const c = chars[chars.length - 1];
    switch (prefix) {
      case "u8": return { v: BigInt(c & 0xff), unsigned: false };
      case "u": return { v: BigInt(c & 0xffff), unsigned: false };
      case "U": return { v: BigInt(c >>> 0), unsigned: false };
      default: return { v: BigInt(L.sizeofWchar === 2 ? c & 0xffff : L.wcharIsSigned ? c | 0 : c >>> 0), unsigned: false };
    }
  }
}

// -------------------------------------------------------------------- helpers

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function dateAndTime(o: PreprocessOptions): [string, string] {
  const epoch = o.sourceDateEpoch;
  const d = epoch !== undefined ? new Date(epoch * 1000) : o.now ?? new Date();
  const utc = epoch !== undefined;
  const Y = utc ? d.getUTCFullYear() : d.getFullYear();
  const M = utc ? d.getUTCMonth() : d.getMonth();
  const D = utc ? d.getUTCDate() : d.getDate();
  const h = utc ? d.getUTCHours() : d.getHours();
  const m = utc ? d.getUTCMinutes() : d.getMinutes();
  const s = utc ? d.getUTCSeconds() : d.getSeconds();
  const pad = (n: number): string => String(n).padStart(2, "0");
  return [`"${MONTHS[M]} ${String(D).padStart(2, " ")} ${Y}"`, `"${pad(h)}:${pad(m)}:${pad(s)}"`];
}

/** The outermost macro use a token came from (or the token itself). */
export function rootOf(t: Token): Token {
  while (t.origin !== undefined) t = t.origin;
  return t;
}

function quote(s: string): string {
  let r = '"';
  for (const c of s) r += c === '"' || c === "\\" ? "\\" + c : c;
  return r + '"';
}

/** 6.10.3.2: the spelling of an argument as a string literal. */
function stringify(arg: readonly Token[], at: Token): Token {
  let s = '"';
  let first = true;
  for (const t of arg) {
    if (t === PLACEMARKER) continue;
    if (!first && (t.space || t.bol)) s += " ";
    first = false;
    if (t.kind === "string" || t.kind === "char") {
      for (const c of t.text) s += c === '"' || c === "\\" ? "\\" + c : c;
    } else s += t.digraph ?? t.text;
  }
  s += '"';
  return { kind: "string", text: s, file: at.file, line: at.line, col: at.col, bol: false, space: at.space };
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

// ## results are lexed in a scratch source manager whose one file is replaced each time.
const scratchSources = new SourceManager();
let scratchFailed = false;
const scratchDiags = new Diagnostics(scratchSources, undefined, () => { scratchFailed = true; });

/** Lex a short piece of text (the result of ##); undefined if the lexer complained. */
function lexFragment(text: string, c23: boolean): Token[] | undefined {
  scratchFailed = false;
  const file: SourceFile = { id: 0, name: "<paste>", text };
  scratchSources.files[0] = file;
  const toks = tokenize(file, scratchDiags, { u8CharConstants: c23 });
  scratchDiags.list.length = 0;
  toks.pop();
  return scratchFailed ? undefined : toks;
}

function sameDefinition(a: Macro, b: Macro): boolean {
  if (a.kind !== b.kind || a.variadic !== b.variadic || a.params.length !== b.params.length) return false;
  for (let i = 0; i < a.params.length; i++) if (a.params[i] !== b.params[i]) return false;
  if (a.body.length !== b.body.length) return false;
  for (let i = 0; i < a.body.length; i++) {
    const x = a.body[i];
    const y = b.body[i];
    if (x.text !== y.text || x.kind !== y.kind) return false;
    if (i > 0 && (x.space || x.bol) !== (y.space || y.bol)) return false;
  }
  return true;
}

/** `#define NAME(params) body` as -dM / -dD print it. */
export function formatDefine(m: MacroDefinition | Macro): string {
  let head = m.name;
  const fn = "kind" in m ? m.kind === "function" : m.params !== undefined;
  if (fn) {
    const ps = [...(m.params ?? [])];
    if (m.variadic) {
      if (ps[ps.length - 1] === "__VA_ARGS__") ps[ps.length - 1] = "...";
      else ps[ps.length - 1] += "...";
    }
    head += `(${ps.join(", ")})`;
  }
  const body = spell(m.body);
  return `#define ${head}${body !== "" || !fn ? " " : ""}${body}`;
}

/**
 * The code points (or bytes) of a character constant's body. Narrow constants
 * give bytes (UTF-8 for \u escapes); prefixed ones give code points.
 */
function decodeCharBody(body: string, wide: boolean, warn: (msg: string) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    let c = body.charCodeAt(i);
    if (c !== 92) {
      if (wide && c >= 0x80) {
        // The source is latin1-decoded UTF-8: reassemble the code point.
        const n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
        let cp = n === 3 ? c & 7 : n === 2 ? c & 15 : n === 1 ? c & 31 : c;
        for (let k = 0; k < n && i + 1 < body.length; k++) cp = (cp << 6) | (body.charCodeAt(++i) & 63);
        c = cp;
      }
      out.push(c);
      continue;
    }
    const e = body[++i];
    switch (e) {
      case "n": out.push(10); break;
      case "t": out.push(9); break;
      case "r": out.push(13); break;
      case "a": out.push(7); break;
      case "b": out.push(8); break;
      case "f": out.push(12); break;
      case "v": out.push(11); break;
      case "e": case "E": out.push(27); break;
      case "x": {
        let v = 0;
        let k = i + 1;
        while (k < body.length && /[0-9a-fA-F]/.test(body[k])) v = (v * 16 + parseInt(body[k++], 16)) >>> 0;
        if (k === i + 1) warn("\\x used with no following hex digits");
        i = k - 1;
        out.push(v);
        break;
      }
      case "u": case "U": {
        const n = e === "u" ? 4 : 8;
        const cp = parseInt(body.slice(i + 1, i + 1 + n), 16) || 0;
        i += n;
        if (wide) out.push(cp);
        else for (const b of utf8(cp)) out.push(b);
        break;
      }
      default:
        if (e >= "0" && e <= "7") {
          let v = 0;
          let k = i;
          while (k < body.length && k < i + 3 && body[k] >= "0" && body[k] <= "7") v = v * 8 + (body.charCodeAt(k++) - 48);
          i = k - 1;
          out.push(v);
        } else {
          if (e !== "'" && e !== '"' && e !== "?" && e !== "\\") warn(`unknown escape sequence: '\\${e}'`);
          out.push(e.charCodeAt(0));
        }
    }
  }
  return out;
}

function utf8(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}

/**
 * `__has_builtin`: the type-generic builtins gcc 12 reports (BUILTINS), and
 * every builtin that has a signature (the `__builtin_` spellings of library
 * functions included).
 */
function hasBuiltin(name: string): boolean {
  return BUILTINS.has(name) || builtinSignature(name) !== undefined;
}
