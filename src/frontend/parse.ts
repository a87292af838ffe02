// The parser: recursive descent over the preprocessed tokens, doing semantic
// analysis as it goes (one pass, the way C was designed to be compiled).
//
// Each grammar function of C17 6.5-6.9 returns a typed AST node; the
// "semantic" half of a rule - type checking, the implicit conversions, the
// constraint diagnostics - happens right where the node is built, so the
// rule and its semantics read together. Name lookup uses a stack of scopes
// (ordinary identifiers and tags are separate name spaces, 6.2.3); since the
// parse is one pass, the typedef-name ambiguity (`T * x;`) is resolved by
// looking `T` up when it is met.
//
// Declarators are parsed "inside out": for `int (*fp)(int)` the parser skips
// the parenthesised part, reads the suffix `(int)` to build the type the
// inner declarator applies to, then comes back. Parameter lists open a
// prototype scope so that `int f(int n, int a[n])` resolves `n`.
//
// Errors: every constraint violation is reported through Diagnostics with
// gcc 12's wording and severity. A syntax error throws the internal
// `Recover` signal, caught at the statement / external-declaration level,
// which skips to the next `;` or `}` so that several errors can be reported;
// nothing but FatalError ever leaves `parseTranslationUnit`.

import type {
  AsmOperand, AsmStmt, DeclAttrs, EnumConstSymbol, Expr, FunctionDef, FunctionSymbol, InitItem, Label,
  Linkage, LocalInit, ObjectSymbol, StaticInit, Stmt, StringLit, StringPiece, SwitchCase, Symbol, TopLevelAsm,
  TranslationUnit, TypedefSymbol, BinOp,
} from "./ast.js";
import { BUILTIN_SIGNATURES, GENERIC_BUILTINS, NORETURN_LIBRARY, builtinSignature, decodeSignature, isAtomicBuiltin, librarySignature } from "./builtins.js";
import { evalConst, evalInt, wrapInt } from "./const-eval.js";
import { LIBRARY_FORMAT_ARGS, LIBRARY_FORMATS, checkFormat, formatStyle, shownArgumentType } from "./format-check.js";
import { type Diagnostics, FatalError } from "./diagnostics.js";
import { buildStaticInit, type StaticInitProblem } from "./initializer.js";
import { decodeChar, decodeQuoted, encodingWidth, parseNumber, prefixOf, type Encoding } from "./literals.js";
import { K_EOF, K_PRAGMA, TokenList, type SrcLoc, type Token } from "./token.js";
import { fallthroughKey } from "./source.js";
import {
  Q, alignOf, arrayOf, commonIntType, compatible, compatibleUnqual, composite, findMember, intOf, isArithmetic,
  isBool, isComplete, isFloating, isInteger, isRecord, isSigned, isScalar, hasVariableSize, isVariablyModified, layoutRecord,
  makeBasicTypes, newEnum, newRecord, pointerTo, promoteInt, qualified, sizeOf, typeToString, unqualified,
  unsignedOf, signedOf, withQuals,
  type ArrayType, type BasicTypes, type EnumInfo, type FloatType, type FunctionType, type IntType, type Member,
  type MemberDecl, type Param, type PointerType, type RecordInfo, type RecordLayoutOptions, type RecordType, type Type,
} from "./types.js";
import { variableLayout } from "./variable-layout.js";
import type { DataLayout } from "../target.js";

export interface ParseOptions {
  layout: DataLayout;
  /** "c17", "gnu17", "c23", "gnu89"...: decides C23 keywords and inline semantics. */
  std: string;
  /** -fgnu89-inline. */
  gnu89Inline?: boolean;
  /**
   * -O1 and up: `__builtin_constant_p` of a non-constant expression is left
   * for the optimiser to decide; at -O0 it is 0 at once, as with gcc.
   */
  optimize?: boolean;
}

/** Thrown after a syntax error has been reported; caught where parsing can resume. */
class Recover {
  readonly recover = true;
}

interface Attr {
  name: string;
  args: AttrArg[];
  loc: SrcLoc;
}
type AttrArg =
  | { kind: "ident"; name: string; loc: SrcLoc }
  | { kind: "string"; value: string; loc: SrcLoc }
  | { kind: "expr"; expr: Expr; loc: SrcLoc };

type StorageClass = "typedef" | "extern" | "static" | "auto" | "register";

interface DeclSpec {
  type: Type;
  storage?: StorageClass;
  threadLocal: boolean;
  inline: boolean;
  noreturn: boolean;
  constexpr: boolean;
  attrs: Attr[];
  /** `_Alignas` value. */
  align?: number;
  loc: SrcLoc;
  /** No type specifier at all: implicit int (C89). */
  implicitInt: boolean;
  /** C23 `auto` / GNU `__auto_type`: infer from the initializer. */
  autoType: boolean;
  /** The specifiers were only a struct/union/enum tag (for `struct S;` and anonymous members). */
  tagOnly: boolean;
  /** The type is a typedef name's, unqualified (debug information names it). */
  typedefName?: string;
}

interface ParamSym {
  name: string | undefined;
  type: Type;
  loc: SrcLoc;
  /** Set when the parameter was named (so a definition can reuse the symbol). */
  sym?: ObjectSymbol;
}

interface Declarator {
  name: string | undefined;
  loc: SrcLoc;
  type: Type;
  attrs: Attr[];
  asmName?: string;
  /** Parameters of the function declarator applied directly to the name. */
  params?: ParamSym[];
  /** K&R identifier list. */
  knrNames?: { name: string; loc: SrcLoc }[];
}

interface TagEntry {
  kind: "struct" | "union" | "enum";
  type: Type;
}

interface Scope {
  readonly vars: Map<string, Symbol>;
  readonly tags: Map<string, TagEntry>;
  /** GNU local labels (`__label__ x;`) declared in this block. */
  labels?: Map<string, Label>;
  readonly parent: Scope | undefined;
  readonly kind: "file" | "block" | "proto" | "function";
  /** How many variably modified declarations of the function were in scope when this scope began. */
  vmDepth?: number;
  /** Functions implicitly declared in this block (C89: such a declaration has block scope). */
  implicitFunctions?: Set<string>;
}

interface FnCtx {
  sym: FunctionSymbol;
  def: FunctionDef;
  labels: Map<string, Label>;
  ret: Type;
  loops: number;
  breakables: number;
  switches: { cases: SwitchCase[]; hasDefault: boolean; type: Type; vm?: readonly number[] }[];
  funcName?: StringLit;
  undeclaredReported: boolean;
  /** Declared-but-unreported label uses, for "used but not defined". */
  labelUses: Map<Label, SrcLoc>;
  /**
   * Variably modified declarations in scope (their symbol ids, innermost
   * last), and what was in scope at each label and goto: a jump into the
   * scope of one is a constraint violation (6.8.6.1p1, 6.8.4.2p2).
   */
  vmScope?: number[];
  labelVm?: Map<Label, readonly number[]>;
  gotoVm?: { label: Label; at: SrcLoc; vm: readonly number[] }[];
  /** Nested functions declared `auto` here: each needs a definition. */
  autoDeclared?: FunctionSymbol[];
}

/** How an initializer or value is being converted, for diagnostics (6.5.16.1). */
interface ConvCtx {
  kind: "assignment" | "initialization" | "argument" | "return";
  argIndex?: number;
  fnName?: string;
}

/** Per-function-symbol facts needed to decide C99 inline semantics at the end. */
interface InlineFacts {
  anyNonInline: boolean;
  anyExtern: boolean;
  gnuInline: boolean;
}

const C23_KEYWORDS = new Set(["bool", "true", "false", "nullptr", "constexpr", "static_assert", "typeof", "typeof_unqual", "alignas", "alignof", "thread_local"]);

/** Identifiers that begin a declaration specifier (besides typedef names). */
const DECL_SPEC_WORDS = new Set([
  "typedef", "extern", "static", "auto", "register", "_Thread_local", "__thread", "inline", "__inline", "__inline__",
  "_Noreturn", "const", "__const", "__const__", "volatile", "__volatile", "__volatile__", "restrict", "__restrict",
  "__restrict__", "_Atomic", "__extension__", "__attribute__", "__attribute", "_Alignas", "void", "char", "short",
  "int", "long", "float", "double", "signed", "__signed", "__signed__", "unsigned", "_Bool", "_Complex",
  "__complex__", "__complex", "_Imaginary", "__int128", "_Float16", "_Float32", "_Float64", "_Float128", "_Float32x",
  "_Float64x", "__float128", "__fp16", "struct", "union", "enum", "typeof", "__typeof__", "__typeof", "__typeof_unqual__",
  "__typeof_unqual", "__auto_type", "__builtin_va_list", "_Decimal32", "_Decimal64", "_Decimal128",
]);

/** Keywords that start statements or expressions (never an unknown type name). */
const OTHER_KEYWORDS = new Set([
  "return", "goto", "if", "else", "while", "do", "for", "switch", "case", "default", "break", "continue",
  "sizeof", "_Alignof", "__alignof__", "__alignof", "asm", "__asm__", "__asm", "_Generic", "__label__",
  "__real__", "__imag__", "__real", "__imag", "_Static_assert", "__builtin_va_arg", "__builtin_offsetof",
]);

/** Type specifiers `signed`/`unsigned` cannot go with. */
const NO_SIGN: ReadonlySet<string> = new Set(["void", "_Bool", "float", "double", "_Float16", "_Float32", "_Float64", "_Float128", "_Float32x", "_Float64x"]);

const MAX_ERRORS = 200;

const TOK_CHUNK_BITS = 12;
const TOK_CHUNK = 1 << TOK_CHUNK_BITS;

/**
 * How deep assignment expressions, cast and unary operands, statements, declarators,
 * initializers, struct and union specifiers and member lists may nest together: a
 * parenthesized expression costs three levels, so 333 levels of parentheses are
 * accepted (clang's default limit is 256 brackets; gcc's limits-* tests nest 10,000,
 * which tscc refuses with this diagnostic).
 */
export const MAX_NESTING = 1000;

export function parseTranslationUnit(tokens: TokenList | readonly Token[], opts: ParseOptions, diags: Diagnostics): TranslationUnit {
  // Ids name static locals in the output (`l.9`): count from zero in every
  // unit, so a compile does not depend on what the process compiled before.
  symbolIds = 0;
  const p = new Parser(tokens instanceof TokenList ? tokens : TokenList.from(tokens), opts, diags);
  return p.run();
}

let symbolIds = 0;

class Parser {
  /**
   * The tokens (pragmas taken out) as parallel arrays. Token objects are made on first
   * use into `toks` and dropped after each external declaration (`release`), so they
   * die young instead of all ~640k of a large unit living through the parse.
   */
  private readonly src: TokenList;
  /** Token objects in chunks of TOK_CHUNK (one big array of young objects is slow to fill); a dropped chunk is undefined. */
  private readonly toks: ((Token | undefined)[] | undefined)[] = [];
  /** Tokens [0, made) have been made (some dropped since). */
  private made = 0;
  /** Chunks before this one have been dropped. */
  private released = 0;
  /** Pragma texts by the index of the token they come before (applied when the parser reaches it). */
  private pragmas: Map<number, string[]>;
  private pos = 0;
  private readonly bt: BasicTypes;
  private readonly c23: boolean;
  private readonly gnu89: boolean;
  private scope: Scope;
  private readonly fileScope: Scope;
  /** Every object/function with linkage, by name (6.2.2): block-scope externs and implicit declarations meet here. */
  private readonly externals = new Map<string, ObjectSymbol | FunctionSymbol>();
  private fn: FnCtx | undefined;
  private readonly tu: TranslationUnit = { functions: [], globals: [], functionSymbols: [], asm: [] };
  private readonly inlineFacts = new Map<FunctionSymbol, InlineFacts>();
  /** VLA count assignments waiting to be emitted before the statement/expression that declared them. */
  private pendingVla: Expr[] = [];
  private packStack: number[] = [];
  private pack = 0;
  private visibilityStack: DeclAttrs["visibility"][] = [];
  private readonly vaList: Type;
  private readonly emptyLoc: SrcLoc;
  /** Nesting of the recursive constructs (see enterNesting). */
  private depth = 0;

  constructor(tokens: TokenList, private readonly opts: ParseOptions, private readonly diags: Diagnostics) {
    // Pragmas are side-band: remember which come before each token.
    this.pragmas = new Map();
    let count = 0;
    for (let i = 0; i < tokens.length; i++) if (tokens.kinds[i] === K_PRAGMA) count++;
    const n = tokens.length;
    const endsWithEof = n > 0 && tokens.kinds[n - 1] === K_EOF;
    if (count === 0 && endsWithEof) this.src = tokens;
    else {
      const src = new TokenList(n + 1);
      let pending: string[] | undefined;
      for (let i = 0; i < n; i++) {
        if (tokens.kinds[i] === K_PRAGMA) { (pending ??= []).push(tokens.text(i)); continue; }
        if (pending !== undefined) this.pragmas.set(src.length, pending);
        src.pushFrom(tokens, i);
        pending = undefined;
      }
      if (pending !== undefined) this.pragmas.set(src.length, pending);
      if (!endsWithEof) {
        const last = n - 1;
        src.push(K_EOF, "", n > 0 ? tokens.files[last] : 0, n > 0 ? tokens.lines[last] : 1, n > 0 ? tokens.cols[last] : 1, 1);
      }
      this.src = src;
    }
    this.bt = makeBasicTypes(opts.layout);
    this.c23 = /2x|23/.test(opts.std);
    this.gnu89 = opts.gnu89Inline === true || /89|90/.test(opts.std);
    this.fileScope = { vars: new Map(), tags: new Map(), parent: undefined, kind: "file" };
    this.scope = this.fileScope;
    this.emptyLoc = { file: this.src.files[0], line: 1, col: 1 };
    this.vaList = this.makeVaList();
    for (const [name, type] of [["__int128_t", this.bt.int128], ["__uint128_t", this.bt.uint128]] as const) {
      this.fileScope.vars.set(name, { kind: "typedef", name, id: ++symbolIds, loc: this.emptyLoc, type });
    }
  }

  // -------------------------------------------------------------------------
  // Nesting. The parser is recursive descent, and lowering recurses over the AST:
  // input nested deeper than MAX_NESTING is refused with a diagnostic at a fixed
  // depth rather than at whatever depth the JavaScript stack runs out.

  private enterNesting(): void {
    if (++this.depth > MAX_NESTING) {
      this.diags.fatal(loc(this.peek()), `nesting too deep: more than ${MAX_NESTING} levels of nested expressions, statements, declarators or initializers`);
    }
  }

  // -------------------------------------------------------------------------
  // Tokens.

  /** Token i (the final eof for any index past the end). */
  private tok(i: number): Token {
    const chunk = this.toks[i >>> TOK_CHUNK_BITS];
    return (chunk === undefined ? undefined : chunk[i & (TOK_CHUNK - 1)]) ?? this.makeToken(i);
  }

  private makeToken(i: number): Token {
    const src = this.src;
    if (i >= src.length) i = src.length - 1;
    // Made in order, so the chunks stay dense arrays.
    while (this.made <= i) {
      (this.toks[this.made >>> TOK_CHUNK_BITS] ??= []).push(src.token(this.made, false));
      this.made++;
    }
    // Only a token of a dropped chunk gets here (which nothing should ask for): make it again.
    const chunk = (this.toks[i >>> TOK_CHUNK_BITS] ??= new Array<Token | undefined>(TOK_CHUNK));
    return chunk[i & (TOK_CHUNK - 1)] ??= src.token(i, false);
  }

  /** Replace the current token (keyword spellings, the halves of `::`). */
  private setTok(t: Token): void {
    this.peek();
    this.toks[this.pos >>> TOK_CHUNK_BITS]![this.pos & (TOK_CHUNK - 1)] = t;
  }

  /** Drop the token objects of chunks before the current token: nothing goes back past a finished external declaration. */
  private release(): void {
    const end = this.pos >>> TOK_CHUNK_BITS;
    for (let c = this.released; c < end; c++) this.toks[c] = undefined;
    if (end > this.released) this.released = end;
  }

  private peek(n = 0): Token {
    return this.tok(this.pos + n);
  }

  private next(): Token {
    const t = this.tok(this.pos);
    if (this.pos < this.src.length - 1) {
      this.pos++;
      const pr = this.pragmas.size > 0 ? this.pragmas.get(this.pos) : undefined;
      if (pr) { this.pragmas.delete(this.pos); for (const p of pr) this.applyPragma(p, this.tok(this.pos)); }
    }
    return t;
  }

  /** Is the current token the punctuator or keyword `text`? */
  private is(text: string, n = 0): boolean {
    const t = this.peek(n);
    return t.text === text && (t.kind === "punct" || t.kind === "ident");
  }

  private accept(text: string): boolean {
    if (this.is(text)) { this.next(); return true; }
    return false;
  }

  private expect(text: string): Token {
    if (this.is(text)) return this.next();
    this.syntaxError(`expected '${text}'`);
  }

  private describe(t: Token): string {
    if (t.kind === "eof") return "end of input";
    if (t.kind === "number") return "numeric constant";
    if (t.kind === "string") return "string constant";
    if (t.kind === "char") return "character constant";
    return `'${t.text}'`;
  }

  /** Report "expected X before Y token" and unwind to the recovery point. */
  private syntaxError(what: string): never {
    const t = this.peek();
    if (t.kind === "other") {
      // An unterminated character constant or string lexes as one "other" token up to the line's end.
      const quote = /^(?:u8|[uUL])?(['"])/.exec(t.text)?.[1];
      this.error(t, quote !== undefined && t.text.length > 1 ? `missing terminating ${quote} character` : `stray '${t.text}' in program`);
      throw new Recover();
    }
    this.error(t, `${what} ${t.kind === "eof" ? "at end of input" : `before ${this.describe(t)}${t.kind === "punct" ? " token" : ""}`}`);
    throw new Recover();
  }

  private error(at: SrcLoc, msg: string): void {
    this.diags.error(loc(at), msg);
    if (this.diags.errorCount >= MAX_ERRORS) this.diags.fatal(loc(at), "too many errors");
  }

  private warn(at: SrcLoc, msg: string, option?: string): void {
    this.diags.warning(loc(at), msg, option);
  }

  private note(at: SrcLoc, msg: string): void {
    this.diags.note(loc(at), msg);
  }

  /** Skip to just after the next `;` at this nesting level, or to a `}` closing it. */
  private recover(stopAtBrace: boolean): void {
    let depth = 0;
    const start = this.pos;
    while (this.peek().kind !== "eof") {
      const t = this.peek();
      if (t.kind === "punct") {
        if (t.text === "{" || t.text === "(" || t.text === "[") depth++;
        else if (t.text === ")" || t.text === "]") { if (depth > 0) depth--; }
        else if (t.text === "}") {
          if (depth === 0) {
            if (stopAtBrace) { if (this.pos === start) this.next(); return; }
            this.next();
            return;
          }
          depth--;
          if (depth === 0 && !stopAtBrace) { this.next(); if (this.is(";")) this.next(); return; }
        } else if (t.text === ";" && depth === 0) { this.next(); return; }
      }
      this.next();
    }
  }

  private applyPragma(text: string, at: Token): void {
    const m = /^\s*pack\s*\(\s*(.*?)\s*\)\s*$/.exec(text);
    if (m) {
      const args = m[1].split(",").map((s) => s.trim()).filter((s) => s !== "");
      if (args.length === 0) { this.pack = 0; return; }
      if (args[0] === "push") {
        this.packStack.push(this.pack);
        const n = args.find((a, i) => i > 0 && /^\d+$/.test(a));
        if (n !== undefined) this.pack = Number(n);
        return;
      }
      if (args[0] === "pop") { this.pack = this.packStack.pop() ?? 0; return; }
      if (/^\d+$/.test(args[0])) {
        const n = Number(args[0]);
        if (n !== 0 && (n & (n - 1)) !== 0) { this.warn(at, `alignment must be a small power of two, not ${n}`, "pragmas"); return; }
        this.pack = n;
      }
      return;
    }
    const v = /^\s*GCC\s+visibility\s+(push|pop)\s*(?:\(\s*(\w+)\s*\))?/.exec(text);
    if (v) {
      if (v[1] === "push") this.visibilityStack.push(v[2] as DeclAttrs["visibility"]);
      else this.visibilityStack.pop();
    }
  }

  // -------------------------------------------------------------------------
  // Scopes and symbols.

  private pushScope(kind: Scope["kind"]): void {
    this.scope = { vars: new Map(), tags: new Map(), parent: this.scope, kind, vmDepth: this.fn?.vmScope?.length ?? 0 };
  }

  private popScope(): void {
    if (this.fn && (this.scope.kind === "block" || this.scope.kind === "function")) this.warnUnusedIn(this.scope);
    const vm = this.fn?.vmScope;
    if (vm && this.scope.vmDepth !== undefined && vm.length > this.scope.vmDepth) vm.length = this.scope.vmDepth;
    if (this.scope.parent) this.scope = this.scope.parent;
  }

  /** -Wunused-variable, -Wunused-but-set-variable and their parameter twins for a scope being left. */
  private warnUnusedIn(scope: Scope): void {
    for (const [name, sym] of scope.vars) {
      if (sym.kind !== "object" || sym.name !== name || sym.anon !== undefined || sym.storage === "extern") continue;
      if (sym.attrs.unused || sym.attrs.used || sym.attrs.cleanup || sym.asmRegister !== undefined) continue;
      const mentions = sym.mentions ?? 0;
      const what = sym.isParam ? "parameter" : "variable";
      if (mentions === 0) {
        this.diags.warningIfEnabled(sym.loc, `unused ${what} '${name}'`, `unused-${what}`);
      } else if (mentions === (sym.stores ?? 0) && !sym.isStatic) {
        this.diags.warningIfEnabled(sym.loc, `${what} '${name}' set but not used`, `unused-but-set-${what}`);
      }
    }
  }

  /** Expressions written in parentheses (-Wparentheses leaves those alone). */
  private readonly parenthesized = new WeakSet<Expr>();

  private lookup(name: string): Symbol | undefined {
    for (let s: Scope | undefined = this.scope; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }

  private lookupTag(name: string): TagEntry | undefined {
    for (let s: Scope | undefined = this.scope; s; s = s.parent) {
      const v = s.tags.get(name);
      if (v) return v;
    }
    return undefined;
  }

  private isTypedefName(t: Token): boolean {
    if (t.kind !== "ident") return false;
    const s = this.lookup(t.text);
    return s !== undefined && s.kind === "typedef";
  }

  private newObject(name: string, type: Type, at: SrcLoc, storage: ObjectSymbol["storage"], linkage: Linkage, isStatic: boolean): ObjectSymbol {
    return {
      kind: "object", name, id: ++symbolIds, loc: loc(at), type, storage, linkage, isStatic, threadLocal: false,
      isParam: false, defined: false, tentative: false, attrs: {}, addressTaken: false,
    };
  }

  /** A hidden automatic local of the current function. */
  private newTemp(name: string, type: Type, at: SrcLoc, anon: ObjectSymbol["anon"]): ObjectSymbol {
    const s = this.newObject(name, type, at, "auto", "none", false);
    s.anon = anon;
    s.defined = true;
    if (this.fn) this.fn.def.locals.push(s);
    return s;
  }

  private makeVaList(): Type {
    const kind = this.opts.layout.vaList;
    const bt = this.bt;
    if (kind === "pointer") return { ...bt.voidPtr, typedefName: "__builtin_va_list" };
    const rec = newRecord(kind === "x86_64" ? "__va_list_tag" : "__va_list", false);
    const decls: MemberDecl[] = kind === "x86_64"
      ? [
        { name: "gp_offset", type: bt.uint }, { name: "fp_offset", type: bt.uint },
        { name: "overflow_arg_area", type: bt.voidPtr }, { name: "reg_save_area", type: bt.voidPtr },
      ]
      : [
        { name: "__stack", type: bt.voidPtr }, { name: "__gr_top", type: bt.voidPtr }, { name: "__vr_top", type: bt.voidPtr },
        { name: "__gr_offs", type: bt.int }, { name: "__vr_offs", type: bt.int },
      ];
    layoutRecord(rec, decls, { packed: false, pack: 0 });
    const st: RecordType = { kind: "struct", rec, quals: 0 };
    if (kind === "x86_64") return { ...arrayOf(st, 1), typedefName: "__builtin_va_list" };
    return { ...st, typedefName: "__builtin_va_list" };
  }

  // -------------------------------------------------------------------------
  // The translation unit (6.9).

  run(): TranslationUnit {
    try {
      while (this.peek().kind !== "eof") {
        const before = this.pos;
        try {
          this.externalDeclaration();
        } catch (e) {
          if (!(e instanceof Recover)) throw e;
          this.fn = undefined;
          this.scope = this.fileScope;
          this.pendingVla = [];
          this.recover(false);
        }
        if (this.pos === before) this.next();
        this.release();
      }
      this.finish();
    } catch (e) {
      if (e instanceof FatalError) throw e;
      if (e instanceof Recover) return this.tu;
      // Recursion over a deep AST (a 100,000-term `a + b + ...` is left-deep, not nested).
      if (e instanceof RangeError && /call stack/.test(e.message)) {
        this.diags.fatal(loc(this.peek()), "expression too complex: the compiler's recursion limit was reached");
      }
      // An internal error must not escape as a crash: report it as a fatal diagnostic.
      const msg = e instanceof Error ? e.message : String(e);
      this.diags.fatal(loc(this.peek()), `internal compiler error: ${msg}`);
    }
    return this.tu;
  }

  /** End of the translation unit: tentative definitions (6.9.2p2), inline definitions (6.7.4p7). */
  private finish(): void {
    for (const g of this.tu.globals) {
      if (g.storage === "extern" || g.defined || !g.tentative) continue;
      g.defined = true;
      if (g.type.kind === "array" && g.type.length === undefined && !g.type.vla) {
        this.warn(g.loc, `array '${g.name}' assumed to have one element`);
        g.type = { ...g.type, length: 1 };
      }
      if (!isComplete(g.type)) this.error(g.loc, `storage size of '${g.name}' isn't known`);
    }
    for (const [sym, facts] of this.inlineFacts) {
      if (!sym.defined) continue;
      if (sym.linkage === "internal") { sym.externalDefinition = true; continue; }
      if (facts.gnuInline || this.gnu89) sym.externalDefinition = !facts.anyExtern;
      else sym.externalDefinition = facts.anyNonInline || facts.anyExtern;
    }
    for (const [, s] of this.externals) {
      if (s.kind === "function" && s.linkage === "external" && !s.defined && s.storage === "static") {
        this.warn(s.loc, `'${s.name}' used but never defined`);
      }
    }
    this.warnUnusedStatics();
  }

  /** -Wunused-function / -Wunused-variable / -Wunused-const-variable: file-scope statics nothing names. */
  private warnUnusedStatics(): void {
    // `alias("f")` names f in a string.
    const aliasTargets = new Set<string>();
    for (const f of this.tu.functions) if (f.sym.attrs.alias !== undefined) aliasTargets.add(f.sym.attrs.alias);
    for (const g of this.tu.globals) if (g.attrs.alias !== undefined) aliasTargets.add(g.attrs.alias);
    for (const [, x] of this.externals) if (x.attrs.alias !== undefined) aliasTargets.add(x.attrs.alias);
    for (const f of this.tu.functions) {
      const sym = f.sym;
      if (sym.linkage !== "internal" || sym.enclosing || (sym.mentions ?? 0) > 0 || sym.isInline) continue;
      if (sym.attrs.unused || sym.attrs.used || sym.attrs.constructorPriority !== undefined || sym.attrs.destructorPriority !== undefined) continue;
      if (aliasTargets.has(sym.name)) continue;
      this.diags.warningIfEnabled(sym.loc, `'${sym.name}' defined but not used`, "unused-function");
    }
    for (const g of this.tu.globals) {
      if (g.linkage !== "internal" || !g.defined || g.anon !== undefined || (g.mentions ?? 0) > 0 || g.attrs.unused || g.attrs.used) continue;
      if (aliasTargets.has(g.name)) continue;
      let elem = g.type;
      while (elem.kind === "array") elem = elem.elem;
      const isConst = ((g.type.quals | elem.quals) & Q.Const) !== 0;
      this.diags.warningIfEnabled(g.loc, `'${g.name}' defined but not used`, isConst ? "unused-const-variable" : "unused-variable");
    }
  }


  private externalDeclaration(): void {
    if (this.accept(";")) return; // GNU: stray semicolons
    if (this.is("asm") || this.is("__asm__") || this.is("__asm")) {
      const at = this.next();
      this.expect("(");
      const template = this.stringLiteralText();
      this.expect(")");
      this.expect(";");
      const top: TopLevelAsm = { template, loc: loc(at) };
      this.tu.asm.push(top);
      return;
    }
    if (this.isStaticAssert()) { this.staticAssert(); return; }
    this.declaration(true);
  }

  // -------------------------------------------------------------------------
  // Attributes (GNU `__attribute__((...))` and C23 `[[...]]`).

  private isAttrStart(): boolean {
    const t = this.peek();
    if (t.kind === "ident" && (t.text === "__attribute__" || t.text === "__attribute")) return true;
    return t.text === "[" && this.peek(1).text === "[" && t.kind === "punct";
  }

  private attributes(into: Attr[]): Attr[] {
    for (;;) {
      const t = this.peek();
      if (t.kind === "ident" && (t.text === "__attribute__" || t.text === "__attribute")) {
        this.next();
        this.expect("(");
        this.expect("(");
        this.attributeList(into, ")");
        this.expect(")");
        this.expect(")");
        continue;
      }
      if (t.kind === "punct" && t.text === "[" && this.peek(1).text === "[") {
        this.next();
        this.next();
        this.attributeList(into, "]");
        this.expect("]");
        this.expect("]");
        continue;
      }
      return into;
    }
  }

  private attributeList(into: Attr[], close: string): void {
    while (!this.is(close)) {
      if (this.accept(",")) continue;
      const t = this.next();
      if (t.kind !== "ident") this.syntaxError("expected identifier");
      let name = t.text;
      if (this.is("::") || (this.is(":") && this.is(":", 1))) {
        if (!this.accept("::")) { this.next(); this.next(); }
        name = this.next().text; // gnu::name
      }
      if (name.startsWith("__") && name.endsWith("__") && name.length > 4) name = name.slice(2, -2);
      const args: AttrArg[] = [];
      if (this.accept("(")) {
        while (!this.is(")")) {
          const a = this.peek();
          if (a.kind === "ident" && (this.is(",", 1) || this.is(")", 1)) && !this.isExprIdent(a.text)) {
            this.next();
            args.push({ kind: "ident", name: a.text, loc: loc(a) });
          } else if (a.kind === "string") {
            args.push({ kind: "string", value: this.stringLiteralText(), loc: loc(a) });
          } else {
            args.push({ kind: "expr", expr: this.assignExpr(), loc: loc(a) });
          }
          if (!this.accept(",")) break;
        }
        this.expect(")");
      }
      into.push({ name, args, loc: loc(t) });
    }
  }

  /** An identifier in an attribute argument that denotes a value (enum constant, object, function). */
  private isExprIdent(name: string): boolean {
    const s = this.lookup(name);
    return s !== undefined && s.kind === "enumconst";
  }

  private attrInt(a: Attr, i: number): number | undefined {
    const arg = a.args[i];
    if (!arg) return undefined;
    if (arg.kind === "expr") {
      const v = evalInt(arg.expr);
      return v === undefined ? undefined : Number(v);
    }
    if (arg.kind === "ident") {
      const s = this.lookup(arg.name);
      if (s && s.kind === "enumconst") return Number(s.value);
    }
    return undefined;
  }

  private attrString(a: Attr, i: number): string | undefined {
    const arg = a.args[i];
    return arg && arg.kind === "string" ? arg.value : undefined;
  }

  /** Apply type attributes (aligned on typedefs, vector_size, mode, transparent_union) to a declared type. */
  private applyTypeAttrs(t: Type, attrs: readonly Attr[], isTypedef: boolean): Type {
    for (const a of attrs) {
      switch (a.name) {
        case "vector_size": {
          const n = this.attrInt(a, 0);
          if (n === undefined || n <= 0 || (n & (n - 1)) !== 0) { this.error(a.loc, "invalid vector size"); break; }
          if (!isArithmetic(t)) { this.error(a.loc, "invalid vector type for attribute 'vector_size'"); break; }
          t = { kind: "vector", elem: t, size: n, quals: 0 };
          break;
        }
        case "mode": {
          const m = a.args[0];
          if (!m || m.kind !== "ident") break;
          t = this.applyMode(t, m.name.replace(/^__(.*)__$/, "$1"), a.loc);
          break;
        }
        case "aligned":
          if (isTypedef) {
            const n = a.args.length ? this.attrInt(a, 0) : 16;
            if (n !== undefined) t = { ...t, alignOverride: n } as Type;
          }
          break;
        case "transparent_union":
          if (t.kind === "union") this.makeTransparent(t, a.loc);
          break;
      }
    }
    return t;
  }

  private applyMode(t: Type, mode: string, at: SrcLoc): Type {
    const bt = this.bt;
    const signed = t.kind === "int" ? t.signed : t.kind === "enum" ? t.info.underlying.signed : true;
    const ints: Record<string, [IntType, IntType]> = {
      QI: [bt.schar, bt.uchar], byte: [bt.schar, bt.uchar], HI: [bt.short, bt.ushort], SI: [bt.int, bt.uint],
      DI: [bt.long, bt.ulong], word: [bt.long, bt.ulong], pointer: [bt.long, bt.ulong], TI: [bt.int128, bt.uint128],
    };
    if (mode in ints && (t.kind === "int" || t.kind === "enum")) return withQuals(ints[mode][signed ? 0 : 1], t.quals);
    const floats: Record<string, FloatType> = { SF: bt.float, DF: bt.double, XF: bt.ldouble, TF: bt.float128, HF: bt.float16 };
    if (mode in floats) return withQuals(floats[mode], t.quals);
    if (mode === "SC" || mode === "DC" || mode === "XC" || mode === "TC") {
      const e = { SC: bt.float, DC: bt.double, XC: bt.ldouble, TC: bt.float128 }[mode];
      return { kind: "complex", elem: e, quals: t.quals };
    }
    if (mode in ints) return t;
    this.error(at, `unknown machine mode '${mode}'`);
    return t;
  }

  /** Merge declaration attributes into a symbol's attribute record. */
  private declAttrs(into: DeclAttrs, attrs: readonly Attr[]): void {
    for (const a of attrs) {
      switch (a.name) {
        case "aligned": into.aligned = Math.max(into.aligned ?? 0, a.args.length ? this.attrInt(a, 0) ?? 0 : this.opts.layout.biggestAlignment); break;
        case "packed": into.packed = true; break;
        case "section": into.section = this.attrString(a, 0); break;
        case "weak": into.weak = true; break;
        case "alias": into.alias = this.attrString(a, 0); break;
        case "weakref": into.weakref = this.attrString(a, 0) ?? ""; into.weak = true; break;
        case "visibility": into.visibility = this.attrString(a, 0) as DeclAttrs["visibility"]; break;
        case "noreturn": into.noreturn = true; break;
        case "always_inline": into.alwaysInline = true; break;
        case "no_instrument_function": into.noInstrument = true; break;
        case "noinline": into.noinline = true; break;
        case "stack_protect": into.stackProtect = "require"; break;
        case "no_stack_protector": into.stackProtect = "never"; break;
        case "noipa": into.noipa = true; break;
        case "noclone": into.noclone = true; break;
        case "used": into.used = true; break;
        case "unused": case "maybe_unused": into.unused = true; break;
        case "constructor": into.constructorPriority = this.attrInt(a, 0) ?? 65535; break;
        case "destructor": into.destructorPriority = this.attrInt(a, 0) ?? 65535; break;
        case "cleanup": {
          const arg = a.args[0];
          const s = arg && arg.kind === "ident" ? this.lookup(arg.name) : undefined;
          if (s && s.kind === "function") into.cleanup = s;
          else this.error(a.loc, "cleanup argument not a function");
          break;
        }
        case "format": {
          const arch = a.args[0];
          into.format = { archetype: arch && arch.kind === "ident" ? arch.name : "", fmtIndex: this.attrInt(a, 1) ?? 0, firstArg: this.attrInt(a, 2) ?? 0 };
          break;
        }
        case "format_arg": into.formatArg = this.attrInt(a, 0); break;
        case "gnu_inline": into.gnuInline = true; break;
        case "returns_twice": into.returnsTwice = true; break;
        case "const": into.const = true; break;
        case "pure": into.pure = true; break;
        case "malloc": into.malloc = true; break;
        case "nonnull": into.nonnull = true; break;
        case "warn_unused_result": case "nodiscard": into.warnUnusedResult = true; break;
        case "deprecated": into.deprecated = true; break;
        case "naked": into.naked = true; break;
        case "ifunc": into.ifunc = this.attrString(a, 0); break;
        case "tls_model": into.tlsModel = this.attrString(a, 0); break;
        case "common": into.common = true; break;
        case "nocommon": into.nocommon = true; break;
        default: break;
      }
    }
  }

  // -------------------------------------------------------------------------
  // Declaration specifiers (6.7.1-6.7.5).

  /** Can the current token start declaration specifiers? */
  private isDeclStart(t: Token = this.peek()): boolean {
    if (t.kind === "punct") return t.text === "[" && this.peek(1).text === "[" && t === this.peek();
    if (t.kind !== "ident") return false;
    if (DECL_SPEC_WORDS.has(t.text)) return true;
    if (this.c23 && (t.text === "bool" || t.text === "constexpr" || t.text === "alignas" || t.text === "thread_local" || t.text === "typeof" || t.text === "typeof_unqual")) return true;
    if (t.text === "typeof" && !this.c23) return !this.lookup("typeof");
    return this.isTypedefName(t);
  }

  /** Can the token start a type name (specifier-qualifier list)? */
  private isTypeNameStart(t0: Token): boolean {
    let t = t0;
    if (t.kind === "ident" && t.text === "__extension__") {
      // `(__extension__ expr)` is an expression; `(__extension__ long long)` a type.
      const n = this.src.length;
      let i = this.pos;
      while (i < n && this.tok(i) !== t) i++;
      while (i < n && this.tok(i).text === "__extension__") i++;
      t = i < n ? this.tok(i) : t;
    }
    if (t.kind !== "ident") return false;
    switch (t.text) {
      case "typedef": case "extern": case "static": case "auto": case "register": case "inline": case "__inline":
      case "__inline__": case "_Noreturn": case "_Thread_local": case "__thread":
        return t.text === "auto" && this.c23;
    }
    return this.isDeclStart(t);
  }

  private declSpec(allowStorage: boolean): DeclSpec {
    const start = this.peek();
    const spec: DeclSpec = {
      type: this.bt.int, threadLocal: false, inline: false, noreturn: false, constexpr: false, attrs: [], loc: loc(start),
      implicitInt: false, autoType: false, tagOnly: false,
    };
    let quals = 0;
    let userType: Type | undefined;
    let nVoid = 0, nBool = 0, nChar = 0, nShort = 0, nInt = 0, nLong = 0, nFloat = 0, nDouble = 0;
    let nSigned = 0, nUnsigned = 0, nComplex = 0, nInt128 = 0;
    let floatN: FloatType | undefined;
    let any = false;
    let lastSpec: Token = start;
    let longLongLong: Token | undefined;
    let restrictTok: Token | undefined;
    /** The basic type keyword seen so far (void, _Bool, char, int, float, double, __int128, _FloatN). */
    let basic: string | undefined;
    let specError = false;
    const specErr = (at: Token, msg: string): void => { specError = true; this.error(at, msg); };
    // gcc checks each type specifier against those before it (6.7.2p2), reporting at the later one.
    const addBasic = (name: string, at: Token): boolean => {
      if (basic !== undefined || userType) { specErr(at, "two or more data types in declaration specifiers"); return false; }
      if (nLong && name !== "int" && name !== "double") specErr(at, `both '${nLong > 1 ? "long long" : "long"}' and '${name}' in declaration specifiers`);
      else if (nLong > 1 && name === "double") specErr(at, "both 'long long' and 'double' in declaration specifiers");
      else if (nShort && name !== "int") specErr(at, `both 'short' and '${name}' in declaration specifiers`);
      else if (nSigned && NO_SIGN.has(name)) specErr(at, `both 'signed' and '${name}' in declaration specifiers`);
      else if (nUnsigned && NO_SIGN.has(name)) specErr(at, `both 'unsigned' and '${name}' in declaration specifiers`);
      else if (nComplex && (name === "void" || name === "_Bool")) specErr(at, `both 'complex' and '${name}' in declaration specifiers`);
      basic = name;
      return true;
    };
    const addModifier = (word: "long" | "short" | "signed" | "unsigned" | "complex", at: Token): void => {
      const b = basic;
      switch (word) {
        case "long":
          if (nShort) specErr(at, "both 'long' and 'short' in declaration specifiers");
          else if (b !== undefined && b !== "int" && !(b === "double" && nLong === 0)) specErr(at, `both '${b === "double" ? "long long" : "long"}' and '${b}' in declaration specifiers`);
          break;
        case "short":
          if (nLong) specErr(at, "both 'long' and 'short' in declaration specifiers");
          else if (nShort) specErr(at, "duplicate 'short'");
          else if (b !== undefined && b !== "int") specErr(at, `both 'short' and '${b}' in declaration specifiers`);
          break;
        case "signed": case "unsigned":
          if (nSigned + nUnsigned > 0 && (word === "signed" ? nUnsigned : nSigned)) specErr(at, "both 'signed' and 'unsigned' in declaration specifiers");
          else if (word === "signed" ? nSigned : nUnsigned) specErr(at, `duplicate '${word}'`);
          else if (b !== undefined && NO_SIGN.has(b)) specErr(at, `both '${word}' and '${b}' in declaration specifiers`);
          break;
        case "complex":
          if (nComplex) specErr(at, "duplicate '_Complex'");
          else if (b === "void" || b === "_Bool") specErr(at, `both 'complex' and '${b}' in declaration specifiers`);
          break;
      }
    };
    const setStorage = (s: StorageClass, at: Token): void => {
      if (!allowStorage) { this.error(at, `storage class specified for ${s === "typedef" ? "typedef" : "parameter"}`); return; }
      if (spec.storage && !(spec.storage === s)) this.error(start, "multiple storage classes in declaration specifiers");
      else if (spec.storage === s) this.error(at, `duplicate '${s}'`);
      else if (any || quals !== 0) this.diags.warningIfEnabled(loc(start), `'${s}' is not at beginning of declaration`, "old-style-declaration");
      spec.storage = s;
    };
    for (;;) {
      const t = this.peek();
      if (t.kind === "punct") {
        if (t.text === "[" && this.peek(1).text === "[") { this.attributes(spec.attrs); continue; }
        break;
      }
      if (t.kind !== "ident") break;
      const w = t.text;
      let handled = true;
      switch (w) {
        case "typedef": case "extern": case "static": case "register":
          this.next(); setStorage(w, t); break;
        case "auto":
          this.next();
          if (this.c23 && !this.isTypeNameStart(this.peek())) { spec.autoType = true; any = true; }
          else setStorage("auto", t);
          break;
        case "_Thread_local": case "__thread": this.next(); spec.threadLocal = true; break;
        case "inline": case "__inline": case "__inline__": this.next(); spec.inline = true; break;
        case "_Noreturn": this.next(); spec.noreturn = true; break;
        case "const": case "__const": case "__const__": this.next(); quals |= Q.Const; break;
        case "volatile": case "__volatile": case "__volatile__": this.next(); quals |= Q.Volatile; break;
        case "restrict": case "__restrict": case "__restrict__": this.next(); quals |= Q.Restrict; restrictTok ??= t; break;
        case "_Atomic":
          this.next();
          if (this.is("(")) {
            this.next();
            userType = this.typeName();
            this.expect(")");
            any = true;
            // 6.7.2.4p3
            if (userType.kind === "array") this.error(t, "'_Atomic'-qualified array type");
            else if (userType.kind === "function") this.error(t, "'_Atomic'-qualified function type");
            else if (userType.quals !== 0) this.error(t, "'_Atomic' applied to a qualified type");
          }
          quals |= Q.Atomic;
          break;
        case "__extension__": this.next(); break;
        case "__attribute__": case "__attribute": this.attributes(spec.attrs); break;
        case "_Alignas": {
          const kwTok = this.next();
          this.expect("(");
          let n: number | undefined;
          if (this.isTypeNameStart(this.peek())) n = alignOf(this.typeName());
          else {
            const e = this.conditional();
            const v = evalInt(e);
            if (v === undefined) this.error(kwTok, "requested alignment is not an integer constant");
            else if (v < 0n || (v !== 0n && (v & (v - 1n)) !== 0n)) this.error(kwTok, `requested alignment '${v}' is not a positive power of 2`);
            else n = Number(v);
          }
          this.expect(")");
          if (n) spec.align = Math.max(spec.align ?? 0, n);
          break;
        }
        case "void": this.next(); addBasic("void", t); nVoid++; any = true; lastSpec = t; break;
        case "_Bool": this.next(); addBasic("_Bool", t); nBool++; any = true; lastSpec = t; break;
        case "char": this.next(); addBasic("char", t); nChar++; any = true; lastSpec = t; break;
        case "short": this.next(); addModifier("short", t); nShort++; any = true; lastSpec = t; break;
        case "int": this.next(); addBasic("int", t); nInt++; any = true; lastSpec = t; break;
        case "long": this.next(); if (nLong < 2) addModifier("long", t); nLong++; any = true; lastSpec = t; if (nLong === 3) longLongLong = t; break;
        case "float": this.next(); addBasic("float", t); nFloat++; any = true; lastSpec = t; break;
        case "double": this.next(); addBasic("double", t); nDouble++; any = true; lastSpec = t; break;
        case "signed": case "__signed": case "__signed__": this.next(); addModifier("signed", t); nSigned++; any = true; lastSpec = t; break;
        case "unsigned": this.next(); addModifier("unsigned", t); nUnsigned++; any = true; lastSpec = t; break;
        case "_Complex": case "__complex__": case "__complex": this.next(); addModifier("complex", t); nComplex++; any = true; break;
        case "_Imaginary": this.next(); this.error(t, "imaginary types are not supported"); break;
        case "__int128": this.next(); addBasic("__int128", t); nInt128++; any = true; lastSpec = t; break;
        case "_Float16": case "__fp16": this.next(); addBasic(w, t); floatN = this.bt.float16; any = true; break;
        case "_Float32": this.next(); addBasic(w, t); floatN = this.bt.float; any = true; break;
        case "_Float64": case "_Float32x": this.next(); addBasic(w, t); floatN = this.bt.double; any = true; break;
        case "_Float128": case "__float128": this.next(); addBasic(w, t); floatN = this.bt.float128; any = true; break;
        case "_Float64x": this.next(); addBasic(w, t); floatN = this.bt.ldouble; any = true; break;
        case "_Decimal32": case "_Decimal64": case "_Decimal128":
          this.next(); this.error(t, "decimal floating-point not supported for this target"); any = true; break;
        case "struct": case "union":
          if (userType || any) { handled = false; break; }
          userType = this.structOrUnion();
          spec.tagOnly = true;
          any = true;
          break;
        case "enum":
          if (userType || any) { handled = false; break; }
          userType = this.enumSpec();
          spec.tagOnly = true;
          any = true;
          break;
        case "typeof": case "__typeof__": case "__typeof": case "typeof_unqual": case "__typeof_unqual__": case "__typeof_unqual":
          if (w === "typeof" && !this.c23 && this.lookup("typeof")) { handled = false; break; }
          if (userType || any) { handled = false; break; }
          userType = this.typeofSpec(w.includes("unqual"));
          any = true;
          break;
        case "__auto_type": this.next(); spec.autoType = true; any = true; break;
        case "__builtin_va_list":
          if (userType || any) { handled = false; break; }
          this.next(); userType = this.vaList; any = true; break;
        default:
          if (this.c23 && w === "bool") { this.next(); addBasic("_Bool", t); nBool++; any = true; break; }
          if (this.c23 && w === "constexpr") { this.next(); spec.constexpr = true; break; }
          if (this.c23 && w === "thread_local") { this.next(); spec.threadLocal = true; break; }
          if (this.c23 && w === "alignas") { t.text; this.setTok({ ...t, text: "_Alignas" }); continue; }
          if ((this.c23 || w === "typeof") && (w === "typeof" || w === "typeof_unqual")) { handled = false; break; }
          if (!any && !userType) {
            const s = this.lookup(w);
            if (s && s.kind === "typedef") {
              // `T x` where T is a typedef - but `T` alone after a type is a declarator name.
              this.next();
              userType = s.type;
              spec.typedefName = w;
              any = true;
              break;
            }
          }
          handled = false;
      }
      if (!handled) break;
    }
    if (spec.storage === "typedef" || spec.storage) { /* nothing */ }
    // Combine the type specifiers (6.7.2p2).
    const bt = this.bt;
    let type: Type;
    const nBasic = nVoid + nBool + nChar + nShort + nInt + nLong + nFloat + nDouble + nSigned + nUnsigned + nComplex + nInt128 + (floatN ? 1 : 0);
    const conflict = (): void => { if (!specError) this.error(lastSpec, "two or more data types in declaration specifiers"); };
    if (userType) {
      if (nBasic > 0) conflict();
      type = userType;
      if (userType.kind !== "struct" && userType.kind !== "union" && userType.kind !== "enum") spec.tagOnly = false;
    } else {
      spec.tagOnly = false;
      if (nLong > 2) this.error(longLongLong ?? lastSpec, "'long long long' is too long for GCC");
      const u = nUnsigned > 0;
      if (nVoid) { if (nBasic > 1) conflict(); type = bt.void; }
      else if (nBool) { if (nBasic > 1) conflict(); type = bt.bool; }
      else if (nChar) { if (nShort || nLong || nInt || nFloat || nDouble || nInt128) conflict(); type = u ? bt.uchar : nSigned ? bt.schar : bt.char; }
      else if (nInt128) { if (nShort || nLong || nFloat || nDouble) conflict(); type = u ? bt.uint128 : bt.int128; }
      else if (nShort) { if (nLong || nFloat || nDouble) conflict(); type = u ? bt.ushort : bt.short; }
      else if (nFloat || floatN) {
        if (nInt || nLong || nSigned || nUnsigned || nDouble) conflict();
        type = floatN ?? bt.float;
      } else if (nDouble) {
        if (nInt || nSigned || nUnsigned || nLong > 1) conflict();
        type = nLong ? bt.ldouble : bt.double;
      } else if (nLong === 2) type = u ? bt.ullong : bt.llong;
      else if (nLong === 1) type = u ? bt.ulong : bt.long;
      else if (nInt || nSigned || nUnsigned) type = u ? bt.uint : bt.int;
      else if (nComplex) {
        this.warn(start, "ISO C does not support plain 'complex' meaning 'double complex'", "pedantic");
        type = bt.double;
      } else {
        type = bt.int;
        if (!spec.autoType) spec.implicitInt = true;
      }
      if (nComplex) {
        if (type.kind !== "float" && type.kind !== "int") { if (!specError) this.error(start, "two or more data types in declaration specifiers"); }
        else type = { kind: "complex", elem: type, quals: 0 };
      }
    }
    if (!any && !spec.autoType && nBasic === 0 && !userType) spec.implicitInt = true;
    type = this.applyTypeAttrs(type, spec.attrs, spec.storage === "typedef");
    // 6.7.3p2: only pointer types (to objects) may be restrict-qualified.
    if (restrictTok && type.kind !== "pointer") this.error(restrictTok, "invalid use of 'restrict'");
    if (quals) type = qualified(type, quals);
    spec.type = type;
    if (type !== userType) spec.typedefName = undefined;
    return spec;
  }

  private typeofSpec(unqual: boolean): Type {
    this.next();
    this.expect("(");
    let t: Type;
    if (this.isTypeNameStart(this.peek())) t = this.typeName();
    else {
      const e = this.withoutEval(() => this.expr());
      if (e.kind === "member" && e.member.bitWidth !== undefined) this.error(e.loc, "'typeof' applied to a bit-field");
      t = e.type;
    }
    this.expect(")");
    if (unqual) t = unqualified(t);
    // typeof keeps a typedef name for diagnostics only when spelled with it.
    return t;
  }

  /** Parse an expression only for its type (sizeof, typeof): pending VLA side effects are kept. */
  private withoutEval<T>(f: () => T): T {
    return f();
  }

  // -------------------------------------------------------------------------
  // Structs and unions (6.7.2.1).

  private structOrUnion(): Type {
    this.enterNesting();
    try {
      return this.structOrUnionUnguarded();
    } finally {
      this.depth--;
    }
  }

  private structOrUnionUnguarded(): Type {
    const kw = this.next();
    const kind = kw.text as "struct" | "union";
    const attrs: Attr[] = [];
    this.attributes(attrs);
    let tag: string | undefined;
    let tagTok: Token | undefined;
    if (this.peek().kind === "ident" && !this.isAttrStart()) {
      tagTok = this.next();
      tag = tagTok.text;
      this.attributes(attrs);
    }
    if (!this.is("{")) {
      if (!tag) this.syntaxError("expected '{'");
      // Reference or forward declaration.
      const isForward = this.is(";");
      const found = isForward ? this.scope.tags.get(tag) : this.lookupTag(tag);
      if (found) {
        if (found.kind !== kind) this.error(tagTok ?? kw, `'${tag}' defined as wrong kind of tag`);
        return found.type;
      }
      const rec = newRecord(tag, kind === "union");
      rec.loc = loc(tagTok ?? kw);
      const t: RecordType = { kind, rec, quals: 0 };
      this.scope.tags.set(tag, { kind, type: t });
      return t;
    }
    // Definition.
    let t: RecordType;
    const existing = tag ? this.scope.tags.get(tag) : undefined;
    if (existing && existing.kind === kind && (existing.type as RecordType).rec.complete) {
      this.error(tagTok ?? kw, `redefinition of '${kind} ${tag}'`);
      t = { kind, rec: newRecord(tag, kind === "union"), quals: 0 };
    } else if (existing && existing.kind === kind) {
      t = existing.type as RecordType;
    } else {
      if (existing) this.error(tagTok ?? kw, `'${tag}' defined as wrong kind of tag`);
      t = { kind, rec: newRecord(tag, kind === "union"), quals: 0 };
      t.rec.loc = loc(tagTok ?? kw);
      if (tag) this.scope.tags.set(tag, { kind, type: t });
    }
    const pack = this.pack;
    this.next(); // {
    const members = this.memberList(t.rec);
    this.expect("}");
    this.attributes(attrs);
    let packed = false;
    let align: number | undefined;
    for (const a of attrs) {
      if (a.name === "packed") packed = true;
      else if (a.name === "aligned") align = Math.max(align ?? 0, a.args.length ? this.attrInt(a, 0) ?? 1 : this.opts.layout.biggestAlignment);
    }
    const layoutOpts = { packed, align, pack, anonBitfieldAlign: this.opts.layout.anonBitfieldAlign };
    layoutRecord(t.rec, members, layoutOpts);
    const transparent = attrs.find((a) => a.name === "transparent_union");
    if (transparent && t.kind === "union") this.makeTransparent(t, transparent.loc);
    this.checkMembers(t.rec, members);
    if (members.some((m) => hasVariableSize(m.type))) this.layoutAtRunTime(t.rec, members, layoutOpts, tagTok ?? kw);
    return t;
  }

  /**
   * A GNU variably sized struct/union: its run-time offsets and size are
   * computed where the declaration is reached, with the member VLA bounds
   * (see variable-layout.ts).
   */
  private layoutAtRunTime(rec: RecordInfo, decls: MemberDecl[], opts: RecordLayoutOptions, at: Token): void {
    const fn = this.fn;
    if (!fn) {
      // File scope already got "variably modified ... at file scope"; this is a prototype's parameter list.
      if (this.scope.kind !== "file") this.error(at, "variably sized struct or union outside a function body is not supported");
      return;
    }
    const exprs = variableLayout(rec, decls, opts, loc(at), {
      ulong: this.bt.ulong,
      int: this.bt.int,
      newLocal: (name) => this.newTemp(name, this.bt.ulong, at, "layout"),
      sizeExpr: (t) => this.sizeExpr(t, at),
    });
    this.pendingVla.push(...exprs);
    fn.def.hasVla = true;
  }

  /**
   * `__attribute__((transparent_union))`: arguments of any member's type are
   * accepted and the union is passed as its first member. gcc allows it only
   * when the union's machine mode is the first member's: a non-floating
   * scalar (or an aggregate) as wide as the whole union; otherwise it warns
   * and ignores the attribute. An incomplete union is checked when completed.
   */
  private makeTransparent(t: RecordType, at: SrcLoc): void {
    const rec = t.rec;
    if (!rec.complete) return;
    const first = rec.members[0]?.type;
    const ok = first !== undefined && first.kind !== "float" && first.kind !== "complex" && first.kind !== "vector" &&
      sizeOf(first) === sizeOf(t);
    if (ok) rec.transparentUnion = true;
    else this.warn(rec.loc ?? at, "union cannot be made transparent");
  }

  private checkMembers(rec: RecordInfo, decls: MemberDecl[]): void {
    const seen = new Set<string>();
    const visit = (r: RecordInfo): void => {
      for (const m of r.members) {
        if (m.name === undefined) { if (isRecord(m.type)) visit(m.type.rec); continue; }
        if (seen.has(m.name)) this.error(m.loc ?? this.emptyLoc, `duplicate member '${m.name}'`);
        seen.add(m.name);
      }
    };
    visit(rec);
    for (let i = 0; i < decls.length; i++) {
      const d = decls[i];
      const t = d.type;
      if (t.kind === "array" && t.length === undefined && !t.vla) {
        if (i !== decls.length - 1) this.error(d.loc ?? this.emptyLoc, "flexible array member not at end of struct");
        else if (rec.isUnion) this.error(d.loc ?? this.emptyLoc, "flexible array member in union");
        // An anonymous struct or union counts: its members are members of this one (C11 6.7.2.1p13).
        else if (decls.filter((x) => x.name !== undefined || isRecord(x.type)).length === 1) this.error(d.loc ?? this.emptyLoc, "flexible array member in a struct with no named members");
      }
    }
  }

  private memberList(rec: RecordInfo): MemberDecl[] {
    this.enterNesting();
    try {
      return this.memberListUnguarded(rec);
    } finally {
      this.depth--;
    }
  }

  private memberListUnguarded(rec: RecordInfo): MemberDecl[] {
    const out: MemberDecl[] = [];
    while (!this.is("}") && this.peek().kind !== "eof") {
      if (this.accept(";")) continue;
      if (this.isStaticAssert()) { this.staticAssert(); continue; }
      try {
        const start = this.peek();
        if (!this.isDeclStart() && !this.is("__extension__")) {
          if (this.peek().kind === "ident") {
            this.error(start, `unknown type name '${start.text}'`);
            this.recover(true);
            continue;
          }
          this.syntaxError("expected specifier-qualifier-list");
        }
        const spec = this.declSpec(false);
        if (this.is(";")) {
          // Anonymous struct/union member (C11 6.7.2.1p13).
          const t = spec.type;
          if (isRecord(t) && (t.rec.tag === undefined || true)) {
            if (t.rec.tag !== undefined && !spec.tagOnly) { /* typedef'd struct: also anonymous in GNU C */ }
            out.push({ name: undefined, type: t, loc: loc(start), packed: hasAttr(spec.attrs, "packed"), align: spec.align });
          } else this.warn(start, "declaration does not declare anything");
          this.next();
          continue;
        }
        for (;;) {
          const dAttrs: Attr[] = [];
          this.attributes(dAttrs);
          let d: Declarator;
          const unprototyped = this.unprototypedDeclarators;
          if (this.is(":")) d = { name: undefined, loc: loc(this.peek()), type: spec.type, attrs: [] };
          else d = this.declarator(spec.type, false);
          if (this.unprototypedDeclarators > unprototyped) this.diags.warningIfEnabled(loc(start), "function declaration isn't a prototype", "strict-prototypes");
          let width: number | undefined;
          if (this.accept(":")) {
            const e = this.conditional();
            const v = evalInt(e);
            const name = d.name ?? "<anonymous>";
            if (v === undefined) { this.error(d.loc, `bit-field '${name}' width not an integer constant`); width = 1; }
            else if (!isInteger(d.type)) { this.error(d.loc, `bit-field '${name}' has invalid type`); width = undefined; }
            else if (v < 0n) { this.error(d.loc, `negative width in bit-field '${name}'`); width = 1; }
            else if (v > BigInt(isBool(d.type) ? 1 : sizeOf(d.type) * 8)) { this.error(d.loc, `width of '${name}' exceeds its type`); width = isBool(d.type) ? 1 : sizeOf(d.type) * 8; }
            else if (v === 0n && d.name !== undefined) { this.error(d.loc, `zero width for bit-field '${name}'`); width = 1; }
            else width = Number(v);
            if (spec.align !== undefined) this.error(d.loc, `alignment specified for bit-field '${name}'`);
          }
          this.checkArrayQualifiers(d);
          this.attributes(dAttrs);
          const allAttrs = [...spec.attrs, ...d.attrs, ...dAttrs];
          let type = this.applyTypeAttrs(d.type, [...d.attrs, ...dAttrs], false);
          if (type.kind === "function") { this.error(d.loc, `field '${d.name}' declared as a function`); type = pointerTo(type); }
          else if (type.kind === "void") { this.error(d.loc, `variable or field '${d.name ?? ""}' declared void`); type = this.bt.int; }
          else if (!isComplete(type) && !(type.kind === "array" && type.length === undefined && !type.vla && isComplete(type.elem))) {
            this.error(d.loc, `field '${d.name ?? ""}' has incomplete type`);
            type = this.bt.int;
          }
          let align = spec.align;
          for (const a of allAttrs) if (a.name === "aligned") align = Math.max(align ?? 0, a.args.length ? this.attrInt(a, 0) ?? 1 : this.opts.layout.biggestAlignment);
          out.push({ name: d.name, type, bitWidth: width, packed: hasAttr(allAttrs, "packed"), align, loc: d.loc, ...(type === spec.type && spec.typedefName ? { typedefName: spec.typedefName } : {}) });
          if (!this.accept(",")) break;
        }
        if (this.is("}")) this.warn(this.peek(), "no semicolon at end of struct or union");
        else this.expect(";");
      } catch (e) {
        if (!(e instanceof Recover)) throw e;
        this.recover(true);
      }
    }
    void rec;
    return out;
  }

  // -------------------------------------------------------------------------
  // Enums (6.7.2.2).

  private enumSpec(): Type {
    const kw = this.next();
    const attrs: Attr[] = [];
    this.attributes(attrs);
    let tag: string | undefined;
    let tagTok: Token | undefined;
    if (this.peek().kind === "ident" && !this.isAttrStart()) {
      tagTok = this.next();
      tag = tagTok.text;
      this.attributes(attrs);
    }
    let fixed: IntType | undefined;
    if (this.is(":") && (tag === undefined || this.is("{", 2) || this.isTypeNameStart(this.peek(1)))) {
      this.next();
      const ft = this.typeName();
      if (ft.kind === "int" || ft.kind === "enum") fixed = unqualified(intOf(ft)) as IntType;
      else this.error(kw, "invalid type for enumeration");
    }
    if (!this.is("{")) {
      if (!tag) this.syntaxError("expected '{'");
      const found = this.lookupTag(tag);
      if (found) {
        if (found.kind !== "enum") this.error(tagTok ?? kw, `'${tag}' defined as wrong kind of tag`);
        return found.type;
      }
      // GNU: forward-declared enum (incomplete, int-sized).
      const info = newEnum(tag, this.bt.uint);
      if (fixed) { info.underlying = fixed; info.fixed = true; info.complete = true; }
      const t: Type = { kind: "enum", info, quals: 0 };
      this.scope.tags.set(tag, { kind: "enum", type: t });
      return t;
    }
    let info: EnumInfo;
    const existing = tag ? this.scope.tags.get(tag) : undefined;
    let t: Type;
    if (existing && existing.kind === "enum" && existing.type.kind === "enum" && !existing.type.info.complete) {
      t = existing.type;
      info = existing.type.info;
    } else {
      if (existing) this.error(tagTok ?? kw, existing.kind === "enum" ? `redeclaration of 'enum ${tag}'` : `'${tag}' defined as wrong kind of tag`);
      info = newEnum(tag, this.bt.uint);
      t = { kind: "enum", info, quals: 0 };
      if (tag) this.scope.tags.set(tag, { kind: "enum", type: t });
    }
    if (fixed) { info.underlying = fixed; info.fixed = true; }
    this.next(); // {
    let value = -1n;
    let min = 0n;
    let max = 0n;
    let first = true;
    const consts: { sym: EnumConstSymbol; value: bigint }[] = [];
    while (!this.is("}")) {
      const nt = this.next();
      if (nt.kind !== "ident") { this.pos--; this.syntaxError("expected identifier"); }
      this.attributes([]);
      if (this.accept("=")) {
        const e = this.conditional();
        const v = evalInt(e);
        if (v === undefined) this.error(isInteger(e.type) ? nt : e.loc, `enumerator value for '${nt.text}' is not an integer constant`);
        else value = v;
      } else {
        value++;
      }
      if (fixed && wrapInt(value, fixed) !== value) this.error(nt, `enumerator value outside the range of underlying type`);
      if (first || value < min) min = value;
      if (first || value > max) max = value;
      first = false;
      const ctype = fixed ? fixed : value >= -(1n << 31n) && value < 1n << 31n ? this.bt.int : value >= 0n && value < 1n << 32n ? this.bt.uint : value >= -(1n << 63n) && value < 1n << 63n ? this.bt.long : this.bt.ulong;
      const sym: EnumConstSymbol = { kind: "enumconst", name: nt.text, id: ++symbolIds, loc: loc(nt), type: ctype, value };
      this.declareOrdinary(sym, nt);
      consts.push({ sym, value });
      if (!this.accept(",")) break;
    }
    this.expect("}");
    this.attributes(attrs);
    if (!fixed) {
      const packed = hasAttr(attrs, "packed");
      const bt = this.bt;
      const cands: IntType[] = min < 0n
        ? (packed ? [bt.schar, bt.short, bt.int, bt.long, bt.int128] : [bt.int, bt.long, bt.int128])
        : (packed ? [bt.uchar, bt.ushort, bt.uint, bt.ulong, bt.uint128] : [bt.uint, bt.ulong, bt.uint128]);
      info.underlying = cands.find((c) => wrapInt(min, c) === min && wrapInt(max, c) === max) ?? bt.long;
      const mode = attrs.find((a) => a.name === "mode");
      if (mode) info.underlying = this.applyMode(info.underlying, mode.args[0]?.kind === "ident" ? mode.args[0].name.replace(/^__(.*)__$/, "$1") : "", mode.loc) as IntType;
    }
    info.complete = true;
    info.enumerators = consts.map((c) => ({ name: c.sym.name, value: c.value }));
    return t;
  }

  // -------------------------------------------------------------------------
  // Declarators (6.7.6).

  /**
   * Parse a declarator applying to `base`. With `abstract`, the name is
   * optional (type names and parameters).
   */
  private declarator(base: Type, abstract: boolean, nested = false): Declarator {
    this.enterNesting();
    try {
      return this.declaratorUnguarded(base, abstract, nested);
    } finally {
      this.depth--;
    }
  }

  private declaratorUnguarded(base: Type, abstract: boolean, nested = false): Declarator {
    const attrs: Attr[] = [];
    this.attributes(attrs);
    let t = base;
    while (this.is("*") || this.is("^")) {
      this.next();
      let quals = 0;
      for (;;) {
        const w = this.peek().text;
        if (this.peek().kind !== "ident") break;
        if (w === "const" || w === "__const" || w === "__const__") quals |= Q.Const;
        else if (w === "volatile" || w === "__volatile" || w === "__volatile__") quals |= Q.Volatile;
        else if (w === "restrict" || w === "__restrict" || w === "__restrict__") quals |= Q.Restrict;
        else if (w === "_Atomic") quals |= Q.Atomic;
        else if (w === "__attribute__" || w === "__attribute") { this.attributes(attrs); continue; }
        else if (w === "__extension__") { /* skip */ }
        else break;
        this.next();
      }
      t = qualified(pointerTo(t), quals);
    }
    if (this.is("(") && this.isNestedDeclarator()) {
      const open = this.pos;
      this.skipParens();
      // The suffix's parameters, in case the parentheses only wrap the name: `int (f)(int x) {...}`.
      const suffixParams: Declarator = { name: undefined, loc: loc(this.peek()), type: t, attrs: [] };
      const outer = this.typeSuffix(t, suffixParams);
      const end = this.pos;
      this.pos = open + 1;
      const inner = this.declarator(outer.type, abstract, true);
      this.expect(")");
      this.pos = end;
      if (inner.type === outer.type && inner.params === undefined && inner.knrNames === undefined) {
        inner.params = suffixParams.params;
        inner.knrNames = suffixParams.knrNames;
      }
      inner.attrs.push(...attrs);
      this.declaratorTail(inner);
      return inner;
    }
    const tok = this.peek();
    let name: string | undefined;
    const isKeyword = tok.kind === "ident" && (OTHER_KEYWORDS.has(tok.text) || DECL_SPEC_WORDS.has(tok.text) || (this.c23 && C23_KEYWORDS.has(tok.text)));
    if (tok.kind === "ident" && !this.isAttrStart() && !isKeyword) {
      // A typedef name here can only be the declared name: after '*' or '(' as
      // in `int (*T)(void)`, and right after the specifiers as in the parameter
      // `PyCapsule_Destructor destructor` (the specifiers already hold a type).
      if (!abstract || !this.isDeclStart(tok) || this.isTypedefName(tok)) {
        name = tok.text;
        this.next();
      }
    }
    if (name === undefined && !abstract) {
      this.syntaxError(this.is("(") || this.peek().kind === "ident" ? "expected identifier or '('" : "expected identifier or '('");
    }
    const d: Declarator = { name, loc: loc(tok), type: t, attrs };
    this.attributes(attrs);
    const suffix = this.typeSuffix(t, d);
    d.type = suffix.type;
    this.declaratorTail(d);
    return d;
  }

  /** Trailing `asm("name")` and attributes after a declarator. */
  private declaratorTail(d: Declarator): void {
    for (;;) {
      if (this.is("asm") || this.is("__asm__") || this.is("__asm")) {
        this.next();
        this.expect("(");
        d.asmName = this.stringLiteralText();
        this.expect(")");
        continue;
      }
      if (this.isAttrStart()) { this.attributes(d.attrs); continue; }
      return;
    }
  }

  /** After `(` in a declarator: a nested declarator rather than a parameter list? */
  private isNestedDeclarator(): boolean {
    const t = this.peek(1);
    // `([4])` can only be a parenthesised abstract array declarator: no parameter list starts with `[`.
    if (t.kind === "punct") return t.text === "*" || t.text === "(" || t.text === "^" || t.text === "[";
    if (t.kind !== "ident") return false;
    if (t.text === "__attribute__" || t.text === "__attribute") {
      // `( __attribute__((...)) int x)` is a parameter list; `( __attribute__((...)) *p)` a declarator.
      let i = this.pos + 1;
      while (this.tok(i).text === "__attribute__" || this.tok(i).text === "__attribute") {
        i++;
        let depth = 0;
        do {
          const x = this.tok(i++);
          if (x.kind === "eof") return true;
          if (x.text === "(") depth++;
          else if (x.text === ")") depth--;
        } while (depth > 0);
      }
      const n = this.tok(i);
      return !(n.kind === "ident" && this.isDeclStart(n));
    }
    return !this.isDeclStart(t);
  }

  private skipParens(): void {
    let depth = 0;
    do {
      const t = this.peek();
      if (t.kind === "eof") this.syntaxError("expected ')'");
      if (t.kind === "punct") {
        if (t.text === "(") depth++;
        else if (t.text === ")") depth--;
      }
      this.pos++;
    } while (depth > 0);
  }

  /** Array and function suffixes (6.7.6.2, 6.7.6.3). `d` receives the parameters of a function applied to the name. */
  private typeSuffix(base: Type, d: Declarator | undefined, attrSink?: Attr[]): { type: Type } {
    if (this.is("[") && !this.is("[", 1)) {
      const open = this.next();
      let quals = 0;
      let isStatic = false;
      for (;;) {
        const w = this.peek().text;
        if (w === "static") { isStatic = true; this.next(); continue; }
        if (w === "const" || w === "__const") { quals |= Q.Const; this.next(); continue; }
        if (w === "volatile") { quals |= Q.Volatile; this.next(); continue; }
        if (w === "restrict" || w === "__restrict" || w === "__restrict__") { quals |= Q.Restrict; this.next(); continue; }
        break;
      }
      if (isStatic || quals) this.arrayQualifiers = open;
      let length: number | undefined;
      let vlaExpr: Expr | undefined;
      let star = false;
      if (this.is("*") && this.is("]", 1)) { this.next(); star = true; }
      else if (!this.is("]")) {
        const e = this.rvalue(this.assignExpr());
        if (!isInteger(e.type)) {
          this.error(d ? d.loc : e.loc, d?.name ? `size of array '${d.name}' has non-integer type` : "size of unnamed array has non-integer type");
          length = 1;
        } else {
          const v = evalInt(e);
          if (v === undefined) vlaExpr = e;
          else if (v < 0n || (isSignedExpr(e) && BigInt.asIntN(64, v) < 0n)) {
            this.error(d ? d.loc : e.loc, d?.name ? `size of array '${d.name}' is negative` : "size of unnamed array is negative");
            length = 1;
          } else length = Number(v);
        }
      }
      this.expect("]");
      // `int a[4] __attribute__((aligned(64)))`: the attributes are the declarator's.
      const sink = d?.attrs ?? attrSink ?? [];
      this.attributes(sink);
      const elem = this.typeSuffix(base, undefined, sink).type;
      if (elem.kind === "function") this.error(d ? d.loc : open, d?.name ? `declaration of '${d.name}' as array of functions` : "declaration of type name as array of functions");
      else if (elem.kind === "void") this.error(d ? d.loc : open, d?.name ? `declaration of '${d.name}' as array of voids` : "declaration of type name as array of voids");
      else if (!isComplete(elem) && elem.kind !== "array") this.error(d ? d.loc : open, `array type has incomplete element type '${typeToString(elem)}'`);
      else if (elem.kind === "array" && elem.length === undefined && !elem.vla) this.error(open, "array type has incomplete element type");
      let t: ArrayType;
      if (vlaExpr || star) {
        if (vlaExpr && this.fn) {
          const count = this.newTemp("__vla_count", this.bt.ulong, vlaExpr.loc, "vla-count");
          this.pendingVla.push(this.assignTo(count, this.convert(vlaExpr, this.bt.ulong)));
          t = arrayOf(elem, undefined, { count });
        } else if (vlaExpr && this.scope.kind === "file") {
          this.error(d ? d.loc : vlaExpr.loc, d?.name ? `variably modified '${d.name}' at file scope` : "variably modified type at file scope");
          t = arrayOf(elem, 1);
        } else {
          // `[*]` or a VLA bound in a prototype outside a function body: an unspecified size.
          const count = this.newObject("__vla_count", this.bt.ulong, open, "auto", "none", false);
          count.anon = "vla-count";
          if (vlaExpr) this.pendingVla.push(this.assignTo(count, this.convert(vlaExpr, this.bt.ulong)));
          t = arrayOf(elem, undefined, { count });
        }
      } else t = arrayOf(elem, length);
      if (quals || isStatic) t = { ...t, paramQuals: quals, isStaticParam: isStatic };
      return { type: t };
    }
    if (this.is("(")) {
      this.next();
      const fn = this.paramList(d);
      const ret = this.typeSuffix(base, undefined).type;
      if (ret.kind === "function") this.error(d ? d.loc : this.peek(), d?.name ? `'${d.name}' declared as function returning a function` : "type name declared as function returning a function");
      if (ret.kind === "array") this.error(d ? d.loc : this.peek(), d?.name ? `'${d.name}' declared as function returning an array` : "type name declared as function returning an array");
      return { type: { ...fn, ret: unqualified(ret) === ret ? ret : ret } };
    }
    return { type: base };
  }

  /** Parameter list after `(` up to and including `)`. Fills `d.params` / `d.knrNames` when `d` is given and still unset. */
  private paramList(d: Declarator | undefined): FunctionType {
    const proto = (params: Param[], variadic: boolean, prototyped: boolean): FunctionType =>
      ({ kind: "function", ret: this.bt.int, params, variadic, prototyped, quals: 0 });
    const record = d !== undefined && d.params === undefined && d.knrNames === undefined;
    if (this.is(")") || this.peek().kind === "ident" && !this.isDeclStart() && (this.is(",", 1) || this.is(")", 1))) this.unprototypedDeclarators++;
    if (this.accept(")")) {
      if (record) d.params = [];
      return proto([], false, false);
    }
    if (this.is("void") && this.is(")", 1)) {
      this.next();
      this.next();
      if (record) d.params = [];
      return proto([], false, true);
    }
    // K&R identifier list.
    if (this.peek().kind === "ident" && !this.isDeclStart() && (this.is(",", 1) || this.is(")", 1))) {
      const names: { name: string; loc: SrcLoc }[] = [];
      for (;;) {
        const t = this.next();
        if (t.kind !== "ident") { this.pos--; this.syntaxError("expected identifier"); }
        names.push({ name: t.text, loc: loc(t) });
        if (!this.accept(",")) break;
      }
      this.expect(")");
      if (record) d.knrNames = names;
      return proto([], false, false);
    }
    this.pushScope("proto");
    const params: Param[] = [];
    const syms: ParamSym[] = [];
    let variadic = false;
    try {
      for (;;) {
        if (this.accept("...")) { variadic = true; break; }
        const start = this.peek();
        if (!this.isDeclStart()) {
          if (start.kind === "ident") {
            this.error(start, `unknown type name '${start.text}'`);
            this.next();
          } else this.syntaxError("expected declaration specifiers or '...'");
        }
        const spec = this.isDeclStart() ? this.declSpec(true) : { type: this.bt.int, attrs: [], storage: undefined, implicitInt: true } as unknown as DeclSpec;
        const pd = this.declarator(spec.type, true);
        this.arrayQualifiers = undefined; // `[static N]` and `[const N]` are for parameters
        if (spec.align !== undefined && pd.name !== undefined) this.error(pd.loc, `alignment specified for parameter '${pd.name}'`);
        if (spec.storage && spec.storage !== "register") this.error(pd.name !== undefined ? pd.loc : start, pd.name !== undefined ? `storage class specified for parameter '${pd.name}'` : "storage class specified for unnamed parameter");
        let t = this.applyTypeAttrs(pd.type, pd.attrs, false);
        t = this.adjustParam(t);
        if (t.kind === "void" && t.quals === 0 && !spec.type.typedefName) {
          if (pd.name !== undefined) this.warn(pd.loc, `parameter ${params.length + 1} ('${pd.name}') has void type`);
          else if (params.length > 0 || !this.is(")")) this.error(start, "'void' must be the only parameter");
        }
        const ps: ParamSym = { name: pd.name, type: t, loc: pd.loc };
        if (pd.name !== undefined) {
          const sym = this.newObject(pd.name, t, pd.loc, spec.storage === "register" ? "register" : "auto", "none", false);
          if (t === spec.type && spec.typedefName) sym.typedefName = spec.typedefName;
          sym.isParam = true;
          sym.defined = true;
          this.declAttrs(sym.attrs, [...spec.attrs, ...pd.attrs]);
          ps.sym = sym;
          if (this.scope.vars.has(pd.name)) this.error(pd.loc, `redefinition of parameter '${pd.name}'`);
          this.scope.vars.set(pd.name, sym);
        }
        params.push({ name: pd.name, type: t });
        syms.push(ps);
        if (!this.accept(",")) break;
      }
      if (!this.is(")")) this.syntaxError("expected ';', ',' or ')'");
      this.next();
    } finally {
      this.popScope();
    }
    if (record) d.params = syms;
    return proto(params, variadic, true);
  }

  /** 6.7.6.3p7-8: array and function parameters are adjusted to pointers. */
  private adjustParam(t: Type): Type {
    if (t.kind === "array") return qualified(pointerTo(t.elem), t.paramQuals ?? 0);
    if (t.kind === "function") return pointerTo(t);
    return t;
  }

  /** A type name (6.7.7): specifier-qualifier list plus abstract declarator. */
  private typeName(): Type {
    const spec = this.declSpec(false);
    const d = this.declarator(spec.type, true);
    if (d.name !== undefined) this.error(d.loc, `expected ')' before '${d.name}'`);
    return this.applyTypeAttrs(d.type, d.attrs, false);
  }

  // -------------------------------------------------------------------------
  // Declarations (6.7).

  private isStaticAssert(): boolean {
    const t = this.peek();
    return t.kind === "ident" && (t.text === "_Static_assert" || (t.text === "static_assert" && (this.c23 || !this.lookup("static_assert"))));
  }

  private staticAssert(): void {
    const kw = this.next();
    this.expect("(");
    const e = this.conditional();
    let msg: string | undefined;
    if (this.accept(",")) msg = this.stringLiteralText();
    this.expect(")");
    this.expect(";");
    const v = evalInt(e);
    if (v === undefined) this.error(e.loc, "expression in static assertion is not constant");
    else if (v === 0n) this.error(kw, msg !== undefined ? `static assertion failed: "${msg}"` : "static assertion failed");
  }

  /**
   * A declaration (or, at file scope, possibly a function definition).
   * Returns the statements a block-scope declaration produces.
   */
  /** `foo_t x;` with foo_t undeclared: gcc's "unknown type name". */
  private unknownTypeName(): boolean {
    const t = this.peek();
    if (t.kind !== "ident" || this.lookup(t.text) || this.isDeclStart(t) || OTHER_KEYWORDS.has(t.text)) return false;
    if (this.c23 && C23_KEYWORDS.has(t.text)) return false;
    const n = this.peek(1);
    if (!(n.kind === "ident" && !this.isAttrStart() && !DECL_SPEC_WORDS.has(n.text) && !OTHER_KEYWORDS.has(n.text)) && !(n.text === "*" && this.peek(2).kind === "ident" && this.scope.kind === "file")) return false;
    this.error(t, `unknown type name '${t.text}'`);
    // Pretend it was int and go on.
    this.setTok({ ...t, text: "int" });
    return true;
  }

  private declaration(fileScope: boolean, out?: Stmt[]): void {
    this.unknownTypeName();
    const start = this.peek();
    const spec = this.declSpec(true);
    if (this.accept(";")) {
      // `struct S { char b[n]; };` evaluates its layout here.
      this.flushVla(out);
      if (!spec.tagOnly && !spec.implicitInt) {
        if (spec.storage !== undefined || spec.type.kind !== "struct" && spec.type.kind !== "union" && spec.type.kind !== "enum") this.warn(start, "useless type name in empty declaration");
      } else if (spec.implicitInt && !spec.tagOnly && !isAttributeStart(start)) {
        // `__attribute__((fallthrough));` alone is an attribute statement, not a declaration.
        this.warn(start, "useless type name in empty declaration");
      } else if (spec.implicitInt && out && hasAttr(spec.attrs, "fallthrough")) out.push({ kind: "empty", loc: loc(start), fallthrough: true });
      return;
    }
    if (spec.implicitInt && fileScope) {
      // C89 implicit int at file scope (`f() {}` or `x;`): gcc 12 warns.
    }
    let first = true;
    for (;;) {
      this.arrayQualifiers = undefined;
      const unprototyped = this.unprototypedDeclarators;
      const d = this.declarator(spec.type, false);
      this.checkArrayQualifiers(d);
      // A definition's own parameter list is checked with its other warnings (checkDefinitionDeclared).
      const defining = first && d.type.kind === "function" && (this.is("{") || d.knrNames !== undefined);
      if (this.unprototypedDeclarators > unprototyped && !defining) this.diags.warningIfEnabled(loc(start), "function declaration isn't a prototype", "strict-prototypes");
      if (this.forInit !== undefined && d.name !== undefined) {
        if (spec.storage === "typedef") this.error(this.forInit, `declaration of non-variable '${d.name}' in 'for' loop initial declaration`);
        else if (spec.storage === "static" || spec.storage === "extern") {
          this.error(d.loc, `declaration of ${spec.storage === "static" ? "static" : "'extern'"} variable '${d.name}' in 'for' loop initial declaration`);
        }
      }
      if (spec.implicitInt && d.name !== undefined) {
        this.warn(d.loc, `type defaults to 'int' in declaration of '${d.name}'`, "implicit-int");
      }
      d.attrs.unshift(...spec.attrs);
      d.type = this.applyTypeAttrs(d.type, d.attrs.slice(spec.attrs.length), spec.storage === "typedef");
      if (spec.storage === "typedef") {
        this.declareTypedef(d, spec, out);
        if (this.is("{") && d.type.kind === "function" && first) this.error(d.loc, "function definition declared 'typedef'");
        if (this.is("=")) {
          this.error(start, `typedef '${d.name ?? ""}' is initialized (use '__typeof__' instead)`);
          this.next();
          this.initializer(d.type, false);
        }
      } else if (d.type.kind === "function") {
        // A definition's declarator has its own parameter list: `F f { }` with a typedef'd F is not one (6.9.1p2).
        const isDefinition = first && (d.params !== undefined || d.knrNames !== undefined) && (this.is("{") || (d.knrNames !== undefined && this.isDeclStart()));
        if (isDefinition && spec.storage === "register") this.error(d.loc, "function definition declared 'register'");
        if (isDefinition && fileScope) this.checkDefinitionDeclared(d, spec);
        // GNU nested functions: a definition at block scope, or an `auto` declaration of one.
        const sym = !fileScope && this.fn && (isDefinition || spec.storage === "auto")
          ? this.declareNestedFunction(d, spec, this.fn.sym)
          : this.declareFunction(d, spec, fileScope);
        if (sym?.enclosing && !isDefinition) (this.fn!.autoDeclared ??= []).push(sym);
        if (isDefinition) {
          if (sym) this.functionDefinition(sym, d, spec);
          return;
        }
      } else {
        const hadInit = this.is("=");
        this.declareObject(d, spec, fileScope, out);
        if (hadInit && !this.is(",") && !this.is(";")) this.syntaxError("expected ',' or ';'");
      }
      first = false;
      if (this.accept(",")) continue;
      if (this.is(";")) { this.next(); return; }
      this.syntaxError(this.is("{") && !first ? "expected ';'" : "expected '=', ',', ';', 'asm' or '__attribute__'");
    }
  }

  /** The `[` of an array declarator with `static` or qualifiers, until a parameter declaration takes it. */
  private arrayQualifiers: Token | undefined;
  /** Function declarators without a prototype (`()` or an identifier list) parsed so far: -Wstrict-prototypes. */
  private unprototypedDeclarators = 0;
  /** The `for` token while its initial declaration is parsed. */
  private forInit: SrcLoc | undefined;

  /** A case label in the scope of a variably modified declaration the switch is outside of (6.8.4.2p2). */
  private checkSwitchJump(sw: { vm?: readonly number[] } | undefined, at: Token): void {
    const inner = this.fn?.vmScope;
    if (sw?.vm && inner?.some((id) => !sw.vm!.includes(id))) this.error(at, "switch jumps into scope of identifier with variably modified type");
  }

  private checkArrayQualifiers(d: Declarator): void {
    if (this.arrayQualifiers === undefined) return;
    this.arrayQualifiers = undefined;
    this.error(d.name !== undefined ? d.loc : this.peek(), "static or type qualifiers in non-parameter array declarator");
  }

  private declareOrdinary(sym: Symbol, at: SrcLoc): void {
    const prev = this.scope.vars.get(sym.name);
    if (prev) {
      if (prev.kind === "enumconst" && sym.kind === "enumconst") this.error(at, `redeclaration of enumerator '${sym.name}'`);
      else this.error(at, `'${sym.name}' redeclared as different kind of symbol`);
      this.notePrevious(prev, "declaration");
    }
    this.scope.vars.set(sym.name, sym);
  }

  private notePrevious(prev: Symbol, what: "declaration" | "definition"): void {
    if (prev.kind === "enumconst") { this.note(prev.loc, `previous definition of '${prev.name}' with type '${typeToString(prev.type)}'`); return; }
    const implicit = prev.kind === "function" && prev.implicit;
    const kind = implicit ? "implicit declaration" : what;
    this.note(prev.loc, `previous ${kind} of '${prev.name}' with type '${typeToString(prev.type)}'`);
  }

  private declareTypedef(d: Declarator, spec: DeclSpec, out: Stmt[] | undefined): void {
    if (d.name === undefined) return;
    if (spec.align !== undefined) this.error(d.loc, `alignment specified for typedef '${d.name}'`);
    let t = d.type;
    if (spec.align) t = { ...t, alignOverride: spec.align } as Type;
    const named: Type = isRecord(t) || t.kind === "enum" || t.kind === "function" ? t : t;
    const sym: TypedefSymbol = { kind: "typedef", name: d.name, id: ++symbolIds, loc: loc(d.loc), type: named };
    const prev = this.scope.vars.get(d.name);
    if (prev) {
      if (prev.kind === "typedef" && compatible(prev.type, t)) return; // C11 6.7p3
      if (prev.kind === "typedef") {
        this.error(d.loc, `conflicting types for '${d.name}'; have '${typeToString(t)}'`);
        this.notePrevious(prev, "declaration");
        return;
      }
      this.error(d.loc, `'${d.name}' redeclared as different kind of symbol`);
      this.notePrevious(prev, "declaration");
      return;
    }
    this.scope.vars.set(d.name, sym);
    this.flushVla(out);
  }

  /** Move pending VLA size evaluations into the statement list. */
  private flushVla(out: Stmt[] | undefined): void {
    if (this.pendingVla.length === 0) return;
    if (out) for (const e of this.pendingVla) out.push({ kind: "expr", expr: e, loc: e.loc });
    this.pendingVla = [];
  }

  private declareFunction(d: Declarator, spec: DeclSpec, fileScope: boolean): FunctionSymbol | undefined {
    const name = d.name;
    if (name === undefined) return undefined;
    let type = d.type as FunctionType;
    if ((spec.storage === "auto" && fileScope) || (spec.storage === "register" && !this.is("{"))) this.error(d.loc, `invalid storage class for function '${name}'`);
    if (!fileScope && spec.storage === "static") this.error(d.loc, `invalid storage class for function '${name}'`);
    if (spec.threadLocal) this.error(d.loc, `function definition declared '_Thread_local'`);
    let linkage: Linkage = spec.storage === "static" ? "internal" : "external";
    const prevHere = this.scope.vars.get(name);
    let prev: Symbol | undefined = prevHere ?? this.externals.get(name);
    if (prev && prev.kind !== "function") {
      if (prevHere || prev.kind === "object" && prev.linkage !== "none") {
        this.error(d.loc, `'${name}' redeclared as different kind of symbol`);
        this.notePrevious(prev, "declaration");
        return undefined;
      }
      prev = undefined;
    }
    let sym: FunctionSymbol;
    if (prev && prev.kind === "function") {
      sym = prev;
      // gcc: an implicit-int definition takes the return type of an earlier declaration.
      if (spec.implicitInt && !sym.implicit) type = { ...type, ret: sym.type.ret };
      if (!compatible(sym.type, type)) {
        // gcc: an implicit declaration followed by a prototyped one is "conflicting types".
        this.error(d.loc, `conflicting types for '${name}'; have '${typeToString(type)}'`);
        this.notePrevious(sym, sym.defined ? "definition" : "declaration");
        sym.type = type;
      } else sym.type = composite(sym.type, type) as FunctionType;
      if (linkage === "internal" && sym.linkage === "external" && !sym.implicit) {
        this.error(d.loc, `static declaration of '${name}' follows non-static declaration`);
        this.notePrevious(sym, "declaration");
      }
      if (sym.implicit) { sym.implicit = false; sym.loc = loc(d.loc); }
      linkage = sym.linkage === "internal" ? "internal" : linkage;
      sym.linkage = linkage;
    } else {
      sym = {
        kind: "function", name, id: ++symbolIds, loc: loc(d.loc), type, linkage, defined: false, isInline: false,
        externalDefinition: true, implicit: false, attrs: {}, storage: "none", addressTaken: false,
      };
      this.tu.functionSymbols.push(sym);
      if (this.visibilityStack.length) sym.attrs.visibility = this.visibilityStack[this.visibilityStack.length - 1];
    }
    type = sym.type;
    if (spec.storage === "static") sym.storage = "static";
    if (spec.inline) sym.isInline = true;
    if (spec.noreturn) sym.attrs.noreturn = true;
    if (d.asmName !== undefined) sym.asmName = d.asmName;
    this.declAttrs(sym.attrs, d.attrs);
    // Inline bookkeeping (6.7.4p7): only file-scope declarations count.
    let facts = this.inlineFacts.get(sym);
    if (!facts) { facts = { anyNonInline: false, anyExtern: false, gnuInline: false }; this.inlineFacts.set(sym, facts); }
    if (fileScope) {
      if (!spec.inline) facts.anyNonInline = true;
      if (spec.storage === "extern") facts.anyExtern = true;
    }
    if (sym.attrs.gnuInline) facts.gnuInline = true;
    this.scope.vars.set(name, sym);
    this.externals.set(name, sym);
    return sym;
  }

  /**
   * A GNU nested function: a symbol of the enclosing block only, with internal
   * linkage and a unique assembler name (gcc's `name.N`). An earlier `auto`
   * declaration in the same block is the same function.
   */
  private declareNestedFunction(d: Declarator, spec: DeclSpec, enclosing: FunctionSymbol): FunctionSymbol | undefined {
    const name = d.name;
    if (name === undefined) return undefined;
    const type = d.type as FunctionType;
    if (spec.storage !== undefined && spec.storage !== "auto") this.error(d.loc, `invalid storage class for function '${name}'`);
    const prev = this.scope.vars.get(name);
    if (prev) {
      if (prev.kind === "function" && prev.enclosing === enclosing && !prev.defined) {
        if (!compatible(prev.type, type)) {
          this.error(d.loc, `conflicting types for '${name}'; have '${typeToString(type)}'`);
          this.notePrevious(prev, "declaration");
        } else prev.type = composite(prev.type, type) as FunctionType;
        this.declAttrs(prev.attrs, d.attrs);
        return prev;
      }
      this.error(d.loc, `'${name}' redeclared as different kind of symbol`);
      this.notePrevious(prev, prev.kind === "function" && prev.defined ? "definition" : "declaration");
      return undefined;
    }
    const id = ++symbolIds;
    const sym: FunctionSymbol = {
      kind: "function", name, id, loc: loc(d.loc), type, linkage: "internal", defined: false, isInline: spec.inline,
      externalDefinition: true, implicit: false, attrs: {}, storage: "static", addressTaken: false,
      asmName: `${name}.${id}`, enclosing,
    };
    if (spec.noreturn) sym.attrs.noreturn = true;
    this.declAttrs(sym.attrs, d.attrs);
    this.scope.vars.set(name, sym);
    return sym;
  }

  private declareObject(d: Declarator, spec: DeclSpec, fileScope: boolean, out: Stmt[] | undefined): void {
    const name = d.name;
    if (name === undefined) return;
    let type = d.type;
    const storage = spec.storage as Exclude<StorageClass, "typedef"> | undefined;
    if (type.kind === "void" && !fileScope && storage !== "extern") {
      this.error(d.loc, `variable or field '${name}' declared void`);
      type = this.bt.int;
    }
    if (fileScope && storage === "auto") this.error(d.loc, `file-scope declaration of '${name}' specifies 'auto'`);
    else if (fileScope && storage === "register" && d.asmName === undefined) this.error(d.loc, `register name not specified for '${name}'`);
    if (!fileScope && spec.threadLocal && storage !== "static" && storage !== "extern") {
      this.error(d.loc, `function-scope '${name}' implicitly auto and declared '_Thread_local'`);
    }
    if (spec.align !== undefined && isComplete(type) && spec.align < alignOf(type)) {
      this.error(d.loc, `'_Alignas' specifiers cannot reduce alignment of '${name}'`);
    }
    const isExtern = storage === "extern";
    const isStatic = fileScope || storage === "static" || isExtern;
    if (!fileScope && isExtern && hasVariableSize(type)) {
      this.error(d.loc, "object with variably modified type must have no linkage");
      type = this.bt.int;
    } else if (!fileScope && isStatic && hasVariableSize(type)) {
      this.error(d.loc, `storage size of '${name}' isn't constant`);
      type = this.bt.int;
    }
    let sym: ObjectSymbol;
    if (fileScope || isExtern) {
      const linkage: Linkage = storage === "static" ? "internal" : "external";
      const prevHere = this.scope.vars.get(name);
      const prev = prevHere ?? (isExtern ? this.externals.get(name) : undefined);
      if (prev && (prev.kind !== "object" || (!fileScope && prevHere && prev.linkage === "none"))) {
        if (prev.kind === "object" && prev.linkage === "none") {
          this.error(d.loc, `extern declaration of '${name}' follows declaration with no linkage`);
        } else {
          this.error(d.loc, `'${name}' redeclared as different kind of symbol`);
        }
        this.notePrevious(prev, "declaration");
        return;
      }
      if (prev && prev.kind === "object") {
        sym = prev;
        if (!compatible(unqualified(sym.type), unqualified(type)) || (sym.type.quals !== type.quals && !(sym.type.kind === "array"))) {
          this.error(d.loc, `conflicting types for '${name}'; have '${typeToString(type)}'`);
          this.notePrevious(sym, sym.init ? "definition" : "declaration");
        } else sym.type = composite(sym.type, type);
        if (fileScope) {
          if (linkage === "internal" && sym.linkage === "external") {
            this.error(d.loc, `static declaration of '${name}' follows non-static declaration`);
            this.notePrevious(sym, "declaration");
          } else if (linkage === "external" && !isExtern && sym.linkage === "internal") {
            this.error(d.loc, `non-static declaration of '${name}' follows static declaration`);
            this.notePrevious(sym, "declaration");
          }
        }
        if (!isExtern && sym.storage === "extern") sym.storage = storage === "static" ? "static" : "auto";
      } else {
        sym = this.newObject(name, type, d.loc, isExtern ? "extern" : storage === "static" ? "static" : "auto", linkage, true);
        if (type === spec.type && spec.typedefName) sym.typedefName = spec.typedefName;
        if (isExtern && !fileScope) {
          // A block-scope extern: link with a file-scope one if visible.
          const outer = this.externals.get(name);
          if (outer && outer.kind === "object") sym = outer;
        }
        if (sym.type !== type && !compatible(sym.type, type)) this.error(d.loc, `conflicting types for '${name}'; have '${typeToString(type)}'`);
        if (!this.tu.globals.includes(sym)) this.tu.globals.push(sym);
        if (this.visibilityStack.length) sym.attrs.visibility = this.visibilityStack[this.visibilityStack.length - 1];
      }
      if (fileScope && !isExtern) sym.tentative = true;
      this.externals.set(name, sym);
    } else {
      const prev = this.scope.vars.get(name);
      if (prev) {
        if (prev.kind === "object" && prev.isParam) {
          this.error(d.loc, `'${name}' redeclared as different kind of symbol`);
        } else if (prev.kind === "object" && prev.linkage === "none") {
          this.error(d.loc, `redeclaration of '${name}' with no linkage`);
        } else if (prev.kind === "object" || prev.kind === "function") {
          this.error(d.loc, `declaration of '${name}' with no linkage follows extern declaration`);
        } else this.error(d.loc, `'${name}' redeclared as different kind of symbol`);
        this.notePrevious(prev, "declaration");
      }
      sym = this.newObject(name, type, d.loc, storage === "static" ? "static" : storage === "register" ? "register" : "auto", "none", storage === "static");
      if (type === spec.type && spec.typedefName) sym.typedefName = spec.typedefName;
      if (storage === "static") {
        sym.asmName = `${name}.${sym.id}`;
        this.tu.globals.push(sym);
      } else if (this.fn) this.fn.def.locals.push(sym);
      sym.defined = true;
    }
    sym.threadLocal ||= spec.threadLocal;
    if (d.asmName !== undefined) {
      if (storage === "register") sym.asmRegister = d.asmName;
      else sym.asmName = d.asmName;
    }
    this.declAttrs(sym.attrs, d.attrs);
    const align = Math.max(spec.align ?? 0, sym.attrs.aligned ?? 0);
    if (align) sym.align = Math.max(sym.align ?? 0, align);
    if (spec.constexpr) sym.constexpr = true;
    this.scope.vars.set(name, sym);

    // Initializer.
    if (this.accept("=")) {
      if (isExtern && !fileScope) this.error(d.loc, `'${name}' has both 'extern' and initializer`);
      else if (isExtern) this.warn(d.loc, `'${name}' initialized and declared 'extern'`);
      if (spec.autoType) {
        const e = this.rvalue(this.assignExpr());
        if (hasVariableSize(e.type)) this.error(d.loc, "variable-sized object may not be initialized");
        sym.type = unqualified(e.type);
        if (spec.type.quals) sym.type = qualified(sym.type, spec.type.quals);
        this.finishObjectInit(sym, { zeroFill: false, items: [{ offset: 0, type: sym.type, expr: this.convert(e, unqualified(sym.type)) }] }, d, out);
        return;
      }
      if (hasVariableSize(sym.type)) {
        this.error(spec.loc, "variable-sized object may not be initialized");
        this.initializer(sym.type, true);
        return;
      }
      if (!isComplete(sym.type) && !(sym.type.kind === "array" && sym.type.length === undefined)) {
        this.error(d.loc, `variable '${name}' has initializer but incomplete type`);
        this.initializer(this.bt.int, true);
        return;
      }
      const { items, type: completed } = this.initializer(sym.type, sym.isStatic);
      if (completed !== sym.type) sym.type = completed;
      if (sym.init || (fileScope && sym.defined && sym.linkage !== "none" && this.hasDefinition(sym))) {
        this.error(d.loc, `redefinition of '${name}'`);
        this.notePrevious(sym, "definition");
      }
      this.finishObjectInit(sym, { zeroFill: isAggregateType(sym.type), items }, d, out);
      return;
    }
    if (spec.autoType) { this.error(d.loc, `'__auto_type' requires an initialized data declaration`); return; }
    // No initializer.
    if (!isStatic || (storage === "static" && !fileScope)) {
      if (hasVariableSize(sym.type)) {
        this.flushVla(out);
        if (out) out.push({ kind: "vladecl", sym, size: this.sizeExpr(sym.type, d.loc), loc: loc(d.loc) });
        if (this.fn) (this.fn.vmScope ??= []).push(sym.id);
        if (this.fn) this.fn.def.hasVla = true;
        return;
      }
      if (!isComplete(sym.type)) {
        if (sym.type.kind === "array" && sym.type.length === undefined) this.error(d.loc, `array size missing in '${name}'`);
        else this.error(d.loc, `storage size of '${name}' isn't known`);
        sym.type = this.bt.int;
      }
      if (sym.isStatic) sym.defined = true;
    }
    this.flushVla(out);
    if (!sym.isStatic && out) out.push({ kind: "decl", sym, loc: loc(d.loc) });
    if (fileScope && !isExtern && !isComplete(sym.type) && !(sym.type.kind === "array")) {
      // `struct S s;` may be completed later in the unit (checked at the end).
    }
  }

  private hasDefinition(sym: ObjectSymbol): boolean {
    return sym.init !== undefined;
  }

  private finishObjectInit(sym: ObjectSymbol, init: LocalInit, d: Declarator, out: Stmt[] | undefined): void {
    if (sym.constexpr && init.items.length === 1 && init.items[0].offset === 0) {
      const v = evalConst(init.items[0].expr);
      if (v && (v.kind === "int" || v.kind === "float")) sym.constValue = v;
      else if (isScalar(sym.type)) this.error(init.items[0].expr.loc, "'constexpr' initializer is not a constant expression");
    }
    if (sym.isStatic) {
      sym.defined = true;
      sym.tentative = false;
      sym.init = this.staticInit(sym.type, init.items, sym.init);
      return;
    }
    this.flushVla(out);
    if (out) out.push({ kind: "decl", sym, init, loc: loc(d.loc) });
  }

  /** Evaluate a static initializer, reporting non-constant elements. */
  private staticInit(type: Type, items: InitItem[], _prev: StaticInit | undefined): StaticInit {
    const problems: StaticInitProblem[] = [];
    const init = buildStaticInit(sizeOf(type), items, (s) => this.stringObject(s), problems);
    for (const p of problems) this.error(p.item.expr.loc, p.message);
    return init;
  }

  /** The anonymous static object holding a string literal (created once per literal node). */
  private stringObject(s: StringLit): ObjectSymbol {
    if (s.sym) return s.sym;
    const sym = this.newObject(".str", s.type, s.loc, "static", "internal", true);
    sym.anon = "string";
    sym.defined = true;
    sym.asmName = `.L.str.${sym.id}`;
    sym.init = { bytes: s.bytes, relocs: [] };
    sym.type = qualified(s.type, 0);
    this.tu.globals.push(sym);
    s.sym = sym;
    return sym;
  }

  // -------------------------------------------------------------------------
  // Function definitions (6.9.1).

  /**
   * -Wmissing-prototypes, -Wmissing-declarations, -Wold-style-definition: an
   * external function defined without a prototype (or any declaration) in
   * scope before, or with `()` or an identifier list (main and inline
   * functions excepted, as gcc).
   */
  private checkDefinitionDeclared(d: Declarator, spec: DeclSpec): void {
    const oldStyle = d.knrNames !== undefined || d.params?.length === 0 && d.type.kind === "function" && !d.type.prototyped;
    if (oldStyle) this.diags.warningIfEnabled(loc(d.loc), "old-style function definition", "old-style-definition");
    const before = d.name !== undefined ? this.lookup(d.name) : undefined;
    const previous = before?.kind === "function" && !before.implicit ? before : undefined;
    const external = spec.storage !== "static" && previous?.linkage !== "internal" && !spec.inline && d.name !== "main";
    // One of these per definition, the first that applies, as gcc.
    const at = loc(d.loc);
    if (oldStyle && !previous?.type.prototyped && this.diags.enabled("strict-prototypes")) this.diags.warningIfEnabled(at, "function declaration isn't a prototype", "strict-prototypes");
    else if (external && !previous?.type.prototyped && this.diags.enabled("missing-prototypes")) this.diags.warningIfEnabled(at, `no previous prototype for '${d.name}'`, "missing-prototypes");
    else if (external && !previous) this.diags.warningIfEnabled(at, `no previous declaration for '${d.name}'`, "missing-declarations");
  }

  private functionDefinition(sym: FunctionSymbol, d: Declarator, spec: DeclSpec): void {
    const at = d.loc;
    if (sym.defined && !(sym.attrs.gnuInline || this.gnu89) ) {
      this.error(at, `redefinition of '${sym.name}'`);
      this.notePrevious(sym, "definition");
    }
    sym.defined = true;
    sym.loc = loc(at);
    const def: FunctionDef = {
      sym, params: [], locals: [], body: { kind: "block", body: [], loc: loc(at) }, labels: [], usesVarargs: false,
      usesAlloca: false, callsSetjmp: false, hasVla: false, hasComputedGoto: false, loc: loc(at),
    };
    const ftype = sym.type;
    const fn: FnCtx = {
      sym, def, labels: new Map(), ret: unqualified(ftype.ret), loops: 0, breakables: 0, switches: [], undeclaredReported: false,
      labelUses: new Map(),
    };
    if (ftype.ret.kind !== "void" && !isComplete(ftype.ret)) this.error(at, `return type is an incomplete type`);
    else if (hasVariableSize(ftype.ret)) this.error(at, "returning a variably sized struct or union is not supported");
    const outerPending = this.pendingVla;
    // A nested function's definition sits inside its enclosing function's.
    const enclosingFn = this.fn;
    this.fn = fn;
    this.pushScope("function");
    const prologue: Stmt[] = [];
    try {
      if (d.knrNames) {
        // K&R: declarations of the identifiers follow the declarator (6.9.1p6).
        const declared = new Map<string, ParamSym>();
        while (!this.is("{") && this.peek().kind !== "eof") {
          const pspec = this.declSpec(true);
          for (;;) {
            const pd = this.declarator(pspec.type, false);
            if (pd.name !== undefined) {
              if (!d.knrNames.some((n) => n.name === pd.name)) this.error(pd.loc, `declaration for parameter '${pd.name}' but no such parameter`);
              declared.set(pd.name, { name: pd.name, type: this.adjustParam(pd.type), loc: pd.loc });
            }
            if (!this.accept(",")) break;
          }
          this.expect(";");
        }
        const params: ParamSym[] = [];
        const promoted: Param[] = [];
        for (const n of d.knrNames) {
          let p = declared.get(n.name);
          if (!p) {
            this.warn(n.loc, `type of '${n.name}' defaults to 'int'`, "implicit-int");
            p = { name: n.name, type: this.bt.int, loc: n.loc };
          }
          params.push(p);
          promoted.push({ name: n.name, type: this.defaultPromotedType(p.type) });
        }
        d.params = params;
        sym.type = { ...ftype, params: promoted, prototyped: false, oldStyle: true };
      }
      for (const p of d.params ?? []) {
        let ps = p.sym;
        if (!ps) {
          if (p.type.kind === "void") continue;
          ps = this.newObject(p.name ?? "", p.type, p.loc, "auto", "none", false);
          ps.isParam = true;
          ps.defined = true;
        }
        if (!isComplete(ps.type) && ps.type.kind !== "array") this.error(p.loc, `parameter ${def.params.length + 1} ('${p.name}') has incomplete type`);
        else if (hasVariableSize(ps.type)) this.error(p.loc, `parameter ${def.params.length + 1} ('${p.name}'): a variably sized struct or union by value is not supported`);
        def.params.push(ps);
        def.locals.push(ps);
        if (p.name !== undefined) {
          if (this.scope.vars.has(p.name)) this.error(p.loc, `redefinition of parameter '${p.name}'`);
          this.scope.vars.set(p.name, ps);
        }
      }
      // VLA bounds in parameter types are evaluated on entry.
      for (const e of outerPending) prologue.push({ kind: "expr", expr: e, loc: e.loc });
      this.pendingVla = [];
      for (const ps of def.params) this.collectParamVla(ps.type, prologue, def);
      // The parameters and the outermost block share one scope (6.2.1p4).
      const body = this.compoundStatement(false, true);
      body.body.unshift(...prologue);
      def.body = body;
      for (const [label, useLoc] of fn.labelUses) {
        if (!label.defined) this.error(useLoc, `label '${label.name}' used but not defined`);
      }
      for (const label of fn.labels.values()) {
        if (label.defined && !label.used && !label.addressTaken) this.diags.warningIfEnabled(label.loc, `label '${label.name}' defined but not used`, "unused-label");
      }
      for (const g of fn.gotoVm ?? []) {
        const atLabel = fn.labelVm?.get(g.label);
        if (atLabel?.some((id) => !g.vm.includes(id))) this.error(g.at, "jump into scope of identifier with variably modified type");
      }
      for (const f of fn.autoDeclared ?? []) {
        if (!f.defined) this.error(f.loc, `nested function '${f.name}' declared but never defined`);
      }
    } finally {
      this.popScope();
      this.fn = enclosingFn;
      this.pendingVla = [];
    }
    void spec;
    sym.def = def;
    this.tu.functions.push(def);
  }

  /** Hidden VLA counts referenced by parameter types become locals of the function. */
  private collectParamVla(t: Type, _out: Stmt[], def: FunctionDef): void {
    for (let cur: Type = t; ;) {
      if (cur.kind === "pointer") cur = cur.to;
      else if (cur.kind === "array") {
        if (cur.vla) {
          const c = cur.vla.count as ObjectSymbol;
          if (!def.locals.includes(c)) def.locals.push(c);
          def.hasVla = true;
        }
        cur = cur.elem;
      } else break;
    }
  }

  private defaultPromotedType(t: Type): Type {
    if (t.kind === "int" || t.kind === "enum") return promoteInt(t, this.bt);
    if (t.kind === "float" && t.name === "float") return this.bt.double;
    return t;
  }

  // -------------------------------------------------------------------------
  // Initializers (6.7.9).
  //
  // The walk keeps to the standard's "current object" model: a braced list
  // initializes the elements of its aggregate in order; an element that is
  // itself an aggregate and is not given its own braces takes as many of the
  // following initializers as it needs (brace elision, 6.7.9p20); a
  // designator re-positions within the innermost braced aggregate and then
  // initialization continues after the designated subobject, at the
  // designator's own nesting depth (6.7.9p17).

  /** Parse the initializer of an object of type `t`; an incomplete array type is completed from it. */
  private initializer(t: Type, isStatic: boolean): { items: InitItem[]; type: Type } {
    const items: InitItem[] = [];
    void isStatic;
    if (t.kind === "array" && t.length === undefined && !t.vla) {
      // The size comes from the initializer (6.7.9p22).
      const open: Type = { ...t, length: undefined };
      const braced = this.is("{") && this.isBracedStringInit(t, 1);
      if (braced || this.isStringInit(t)) {
        if (braced) this.next();
        const s = this.stringInitExpr();
        if (braced) {
          this.accept(",");
          this.expect("}");
        }
        const n = s.bytes.length / Math.max(1, sizeOf(t.elem));
        const full: Type = { ...t, length: n };
        this.stringInto(full, 0, s, items);
        return { items, type: full };
      }
      if (this.accept("{")) {
        const n = this.initList(open, 0, items, 0, true, false);
        this.expect("}");
        return { items, type: { ...t, length: n } };
      }
      const e = this.assignExpr();
      if (e.kind === "compound" && e.type.kind === "array" && compatibleUnqual(unqualified(e.type.elem), unqualified(t.elem))) {
        // GNU: `T a[] = (T[]){...}` copies the literal.
        items.push({ offset: 0, type: e.type, expr: e });
        return { items, type: { ...t, length: e.type.length } };
      }
      this.error(e.loc, "invalid initializer");
      return { items, type: { ...t, length: 1 } };
    }
    if ((t.kind === "array" || isRecord(t)) && !this.is("{") && !this.isStringInit(t)) {
      const e = this.assignExpr();
      if (!(isRecord(t) && compatibleUnqual(unqualified(e.type), unqualified(t))) && !(e.kind === "compound" && compatibleUnqual(unqualified(e.type), unqualified(t)))) {
        this.error(e.loc, "invalid initializer");
        return { items, type: t };
      }
      items.push({ offset: 0, type: t, expr: e });
      return { items, type: t };
    }
    this.initOne(t, 0, items, undefined, undefined);
    return { items, type: t };
  }

  private elemCount(t: Type): number {
    if (t.kind === "array") return t.length ?? Infinity;
    if (t.kind === "struct") return t.rec.members.length;
    if (t.kind === "union") return t.rec.members.length === 0 ? 0 : 1;
    if (t.kind === "vector") return t.size / sizeOf(t.elem);
    return 1;
  }

  /** Element `i` of an aggregate: its type, offset and bit-field member. Skips unnamed bit-fields (6.7.9p9). */
  private elemAt(t: Type, off: number, i: number): { type: Type; off: number; member?: Member } | undefined {
    if (t.kind === "array") return { type: t.elem, off: off + i * sizeOf(t.elem) };
    if (t.kind === "vector") return { type: t.elem, off: off + i * sizeOf(t.elem) };
    if (isRecord(t)) {
      const m = t.rec.members[i];
      if (!m) return undefined;
      return { type: m.type, off: off + m.offset, member: m.bitWidth !== undefined ? m : undefined };
    }
    return undefined;
  }

  /** Index of the next initializable member at or after `i` (unnamed bit-fields are skipped). */
  private skipUnnamed(t: Type, i: number): number {
    if (t.kind !== "struct") return i;
    const ms = t.rec.members;
    while (i < ms.length && ms[i].name === undefined && ms[i].bitWidth !== undefined) i++;
    return i;
  }

  private isCharArray(t: Type): t is ArrayType {
    if (t.kind !== "array") return false;
    const e = t.elem;
    return (e.kind === "int" || e.kind === "enum") && sizeOf(e) <= 4;
  }

  /** Is the current token a string literal (maybe parenthesized) initializing char array `t`? */
  private isStringInit(t: Type): boolean {
    return this.isCharArray(t) && this.stringInitLength() > 0;
  }

  /**
   * Does `"string" }` (or `"string", }`) start at token offset `at`, just after a `{`,
   * initializing char array `t`? (6.7.9p14: a string literal optionally enclosed in braces.)
   */
  private isBracedStringInit(t: Type, at: number): boolean {
    if (!this.isCharArray(t)) return false;
    const n = this.stringInitLength(at);
    return n > 0 && (this.is("}", at + n) || (this.is(",", at + n) && this.is("}", at + n + 1)));
  }

  /** How many tokens the string literal (adjacent ones concatenated, maybe parenthesized) at `at` spans; 0 if none. */
  private stringInitLength(at = 0): number {
    const paren = this.is("(", at) ? 1 : 0;
    let i = at + paren;
    while (this.peek(i).kind === "string") i++;
    if (i === at + paren) return 0;
    if (paren) return this.is(")", i) ? i + 1 - at : 0;
    return i - at;
  }

  private stringInitExpr(): StringLit {
    const paren = this.accept("(");
    const e = this.primary() as StringLit;
    if (paren) this.expect(")");
    return e;
  }

  /** Initialize char array `t` at `off` from string `s`. */
  private stringInto(t: ArrayType, off: number, s: StringLit, items: InitItem[]): void {
    const esize = sizeOf(t.elem);
    if (esize !== s.elem.size) {
      this.error(s.loc, `cannot initialize array of '${typeToString(t.elem)}' from a string literal with type array of '${typeToString(s.elem)}'`);
      return;
    }
    const n = s.bytes.length / esize;
    if (t.length !== undefined && n - 1 > t.length) this.warn(s.loc, `initializer-string for array of '${typeToString(t.elem)}' is too long`);
    items.push({ offset: off, type: t, expr: s });
  }

  /** Initialize one (sub)object of type `t` at `off`. `pending` is an expression already parsed for it. */
  private initOne(t: Type, off: number, items: InitItem[], pending: Expr | undefined, member: Member | undefined): void {
    this.enterNesting();
    try {
      return this.initOneUnguarded(t, off, items, pending, member);
    } finally {
      this.depth--;
    }
  }

  private initOneUnguarded(t: Type, off: number, items: InitItem[], pending: Expr | undefined, member: Member | undefined): void {
    if (pending === undefined && this.is("{")) {
      const open = this.next();
      if (isScalar(t) || t.kind === "complex") {
        if (this.is("}")) { this.next(); items.push({ offset: off, type: t, expr: this.zeroOf(t, open), bitfield: member }); return; }
        this.initOne(t, off, items, undefined, member);
        if (this.accept(",") && !this.is("}")) {
          this.warn(this.peek(), "excess elements in scalar initializer");
          while (!this.is("}") && this.peek().kind !== "eof") { this.skipInitializer(); if (!this.accept(",")) break; }
        }
        this.expect("}");
        return;
      }
      if (this.isBracedStringInit(t, 0)) {
        this.stringInto(t as ArrayType, off, this.stringInitExpr(), items);
        this.accept(",");
        this.expect("}");
        return;
      }
      this.initList(t, off, items, 0, true, false);
      this.expect("}");
      return;
    }
    if (pending === undefined && this.isStringInit(t)) {
      this.stringInto(t as ArrayType, off, this.stringInitExpr(), items);
      return;
    }
    if (t.kind === "array" || isRecord(t) || t.kind === "vector") {
      const e = pending ?? this.assignExpr();
      if (isRecord(t) && compatibleUnqual(unqualified(e.type), unqualified(t))) {
        items.push({ offset: off, type: t, expr: e });
        return;
      }
      if (t.kind === "vector" && compatibleUnqual(e.type, t)) { items.push({ offset: off, type: t, expr: e }); return; }
      if (t.kind === "array" && e.kind === "string" && this.isCharArray(t)) { this.stringInto(t, off, e, items); return; }
      if (this.elemCount(t) === 0) {
        this.error(e.loc, "invalid initializer");
        return;
      }
      // Brace elision: e initializes the first scalar inside t.
      this.initList(t, off, items, 0, false, false, e);
      return;
    }
    const e = pending ?? this.assignExpr();
    if (t.kind === "void" || !isComplete(t)) { this.error(e.loc, "invalid initializer"); return; }
    items.push({ offset: off, type: t, expr: this.assignConvert(e, t, { kind: "initialization" }), bitfield: member });
  }

  private zeroOf(t: Type, at: SrcLoc): Expr {
    if (isFloating(t)) return { kind: "float", value: 0, type: t, loc: loc(at) };
    return this.convert({ kind: "int", value: 0n, type: this.bt.int, loc: loc(at) }, unqualified(t));
  }

  private skipInitializer(): void {
    if (this.is("{")) { this.skipBraces(); return; }
    this.assignExpr();
  }

  private skipBraces(): void {
    let depth = 0;
    do {
      const t = this.next();
      if (t.kind === "eof") return;
      if (t.text === "{" && t.kind === "punct") depth++;
      else if (t.text === "}" && t.kind === "punct") depth--;
    } while (depth > 0);
  }

  private isDesignatorStart(n = 0): boolean {
    const t = this.peek(n);
    if (t.kind === "punct") return t.text === "." || (t.text === "[" && !this.is("[", n + 1));
    return t.kind === "ident" && this.is(":", n + 1) && !this.is(":", n + 2);
  }

  /**
   * Initialize elements of aggregate `t` from index `start`. `braced`: this
   * level owns a `{`; otherwise it is an elided level and stops when full or
   * at a designator. Returns one past the highest element index initialized.
   */
  private initList(t: Type, off: number, items: InitItem[], start: number, braced: boolean, needComma: boolean, pending?: Expr): number {
    const count = this.elemCount(t);
    let i = this.skipUnnamed(t, start);
    let high = 0;
    /** -Wmissing-field-initializers: positional initializers of this braced struct level, and whether any was designated. */
    let positional = 0, designated = false, onlyZero = true;
    for (;;) {
      if (pending === undefined) {
        if (needComma) {
          if (!this.is(",")) break;
          if (this.is("}", 1)) { if (braced) this.next(); break; }
          if (!braced && (i >= count || this.isDesignatorStart(1))) break;
          this.next();
        }
        if (this.is("}")) break;
        if (this.isDesignatorStart()) {
          if (!braced) break;
          // After a bad designator the position stays where it was.
          designated = true;
          i = this.designation(t, off, items) ?? i;
          high = Math.max(high, i);
          if (t.kind === "union") i = count;
          i = this.skipUnnamed(t, i);
          needComma = true;
          continue;
        }
      }
      needComma = true;
      if (i >= count) {
        if (!braced) return high;
        const what = t.kind === "array" ? "array" : t.kind === "union" ? "union" : t.kind === "vector" ? "vector" : "struct";
        if (pending === undefined && this.is("{")) {
          this.error(this.peek(), "extra brace group at end of initializer");
          this.skipInitializer();
          continue;
        }
        this.warn(this.peek(), `excess elements in ${what} initializer`);
        if (pending === undefined) this.skipInitializer();
        pending = undefined;
        continue;
      }
      const el = this.elemAt(t, off, i);
      if (!el) break;
      if (!(pending === undefined && this.peek().kind === "number" && this.peek().text === "0" && (this.is(",", 1) || this.is("}", 1)))) onlyZero = false;
      this.initOne(el.type, el.off, items, pending, el.member);
      pending = undefined;
      positional++;
      i++;
      high = Math.max(high, i);
      if (t.kind === "union") i = count;
      i = this.skipUnnamed(t, i);
    }
    // gcc's exceptions: designated lists, `{}` and the universal `{ 0 }`.
    if (braced && t.kind === "struct" && !designated && positional > 0 && i < count && !(positional === 1 && onlyZero)) {
      const missing = t.rec.members[i];
      if (missing?.name) this.diags.warningIfEnabled(loc(this.peek()), `missing initializer for field '${missing.name}' of '${typeToString(t)}'`, "missing-field-initializers");
    }
    return high;
  }

  /**
   * One designation `.a[2].b = init` at the braced level of `t`; returns the next
   * element index of `t`, or undefined after an error (reported, initializer skipped).
   */
  private designation(t: Type, off: number, items: InitItem[]): number | undefined {
    let r: { lo: number; hi: number; rest: Member[] } | undefined;
    if (this.peek().kind === "ident") {
      // GNU old style `field: value`.
      const nameTok = this.next();
      this.next(); // :
      r = this.designatorMember(t, nameTok);
      if (!r) { this.skipInitializer(); return undefined; }
      this.designatedElem(t, off, r, items, true);
      return r.hi + 1;
    }
    r = this.oneDesignator(t);
    if (!r) {
      while (!this.is("=") && !this.is("}") && !this.is(",") && this.peek().kind !== "eof") this.next();
      this.accept("=");
      this.skipInitializer();
      return undefined;
    }
    this.designatedElem(t, off, r, items, false);
    return r.hi + 1;
  }

  /** Initialize elements lo..hi of `t` (through `rest`, a path inside anonymous members). */
  private designatedElem(t: Type, off: number, r: { lo: number; hi: number; rest: Member[] }, items: InitItem[], noEquals: boolean): void {
    for (let k = r.lo; k <= r.hi; k++) {
      const el = this.elemAt(t, off, k);
      if (!el) break;
      const save = this.pos;
      this.designatedInit(el.type, el.off, items, el.member, r.rest, noEquals);
      // A range designator: the same initializer for every element (parsed again).
      if (k < r.hi) this.pos = save;
    }
  }

  /** After a designator: more designators into the subobject, or `=` and its initializer. */
  private designatedInit(t: Type, off: number, items: InitItem[], member: Member | undefined, rest: Member[], noEquals: boolean): void {
    if (rest.length > 0) {
      // `.x` where x lives in an anonymous member: as if `.anon.x`.
      const m = rest[0];
      this.designatedInit(m.type, off + m.offset, items, m.bitWidth !== undefined ? m : undefined, rest.slice(1), noEquals);
      if (t.kind !== "union") this.initList(t, off, items, m.index + 1, false, true);
      return;
    }
    if (!noEquals && (this.is(".") || (this.is("[") && !this.is("[", 1)))) {
      if (!(t.kind === "array" || isRecord(t) || t.kind === "vector")) {
        this.error(this.peek(), this.is("[") ? "array index in non-array initializer" : "field name not in record or union initializer");
        while (!this.is("=") && this.peek().kind !== "eof" && !this.is("}")) this.next();
        this.accept("=");
        this.skipInitializer();
        return;
      }
      const r = this.oneDesignator(t);
      if (!r) { while (!this.is("=") && !this.is("}") && this.peek().kind !== "eof") this.next(); this.accept("="); this.skipInitializer(); return; }
      this.designatedElem(t, off, r, items, false);
      // Continue after the designated element within this (elided) subobject.
      if (t.kind !== "union") this.initList(t, off, items, this.skipUnnamed(t, r.hi + 1), false, true);
      return;
    }
    if (!noEquals && !this.accept("=")) {
      // GNU: `[i] value` without '='.
      if (this.is("}") || this.is(",")) this.syntaxError("expected '='");
    }
    this.initOne(t, off, items, undefined, member);
  }

  /** Parse one `.name` or `[lo]` / `[lo ... hi]` designator for `t`. */
  private oneDesignator(t: Type): { lo: number; hi: number; rest: Member[] } | undefined {
    if (this.is(".")) {
      const dot = this.next();
      const nameTok = this.next();
      if (nameTok.kind !== "ident") { this.pos--; this.syntaxError("expected identifier"); }
      if (!isRecord(t)) { this.error(dot, "field name not in record or union initializer"); return undefined; }
      return this.designatorMember(t, nameTok);
    }
    this.expect("[");
    const e = this.conditional();
    let hiE: Expr | undefined;
    if (this.accept("...")) hiE = this.conditional();
    this.expect("]");
    if (t.kind !== "array" && t.kind !== "vector") { this.error(e.loc, "array index in non-array initializer"); return undefined; }
    const lo = evalInt(e);
    const hi = hiE ? evalInt(hiE) : lo;
    if (lo === undefined || hi === undefined) { this.error(e.loc, "nonconstant array index in initializer"); return undefined; }
    const count = this.elemCount(t);
    if (lo < 0n || (count !== Infinity && BigInt(count) <= hi)) { this.error(e.loc, "array index in initializer exceeds array bounds"); return undefined; }
    if (hi < lo) { this.error(e.loc, "empty index range in initializer"); return undefined; }
    return { lo: Number(lo), hi: Number(hi), rest: [] };
  }

  /** `.name`: the member's index; a member inside anonymous members designates the outermost anonymous one, with the rest of the path. */
  private designatorMember(t: Type, nameTok: Token): { lo: number; hi: number; rest: Member[] } | undefined {
    if (!isRecord(t)) { this.error(nameTok, "field name not in record or union initializer"); return undefined; }
    const path = findMember(t.rec, nameTok.text);
    if (!path) { this.error(nameTok, `'${typeToString(unqualified(t))}' has no member named '${nameTok.text}'`); return undefined; }
    return { lo: path[0].index, hi: path[0].index, rest: path.slice(1) };
  }

  // -------------------------------------------------------------------------
  // Statements (6.8).

  private compoundStatement(_stmtExpr: boolean, sameScope = false): Stmt & { kind: "block" } {
    const open = this.expect("{");
    if (!sameScope) this.pushScope("block");
    const body: Stmt[] = [];
    let close: Token = open;
    try {
      while (!this.is("}") && this.peek().kind !== "eof") {
        const first = this.peek();
        const before = body.length;
        this.blockItem(body);
        if (body.length > before && this.fn && this.fn.switches.length > 0) {
          // `if (x) { … };` : the empty statement is nothing to gcc.
          let prev = before - 1;
          const nothing = (st: Stmt): boolean => st.kind === "empty" && !st.fallthrough;
          while (prev >= 0 && nothing(body[prev]!)) prev--;
          if (prev >= 0) this.checkFallthrough(body[prev]!, body[before]!, first);
        }
      }
      close = this.peek();
      this.expect("}");
    } finally {
      if (!sameScope) this.popScope();
    }
    return { kind: "block", body, loc: loc(open), end: loc(close) };
  }

  /**
   * -Wimplicit-fallthrough: `next` starts with a case label and the statement
   * before it may complete normally, with neither `__attribute__((fallthrough))`
   * nor a fallthrough comment (gcc's level 3) right before the label.
   */
  private checkFallthrough(prev: Stmt, next: Stmt, label: Token): void {
    // A case label, possibly the first thing of a block or of a loop entered at its body (`do`, `while (1)`:
    // bzip2's state machine jumps into those), not of one that tests its condition first.
    const isCase = (s: Stmt | undefined): boolean => s !== undefined && (s.kind === "case" || (s.kind === "label" || s.kind === "do") && isCase(s.body)
      || s.kind === "while" && evalInt(s.cond) !== undefined && evalInt(s.cond) !== 0n && isCase(s.body)
      || s.kind === "block" && isCase(s.body.find((b) => b.kind !== "empty")));
    if (!isCase(next) || !this.diags.enabled("implicit-fallthrough")) return;
    if (this.diags.sources.get(label.file).fallthroughComments?.has(fallthroughKey(label.line, label.col))) return;
    const at = this.fallsThrough(prev);
    if (at) this.diags.warningIfEnabled(at, "this statement may fall through", "implicit-fallthrough=");
  }

  /** Where a statement may complete normally, as gcc's fallthrough analysis sees it (the statement to blame), or undefined. */
  private fallsThrough(s: Stmt): SrcLoc | undefined {
    switch (s.kind) {
      case "expr": {
        const e = s.expr;
        if (e.kind === "call" && e.callee.kind === "decay" && e.callee.operand.kind === "var") {
          const callee = e.callee.operand.sym;
          if (callee.kind === "function" && (callee.attrs.noreturn || NORETURN_LIBRARY.has(callee.name))) return undefined;
        }
        return e.loc;
      }
      case "block": {
        // gcc does not look into a block that declares objects.
        if (s.body.some((b) => b.kind === "decl" || b.kind === "vladecl")) return undefined;
        const last = s.body.filter((b) => b.kind !== "empty" || b.fallthrough).at(-1);
        return last && this.fallsThrough(last);
      }
      case "if": {
        const then = this.fallsThrough(s.then);
        const other = s.else ? this.fallsThrough(s.else) : s.cond.loc;
        // gcc points at the parenthesis after `if`.
        return then || other ? { ...s.loc, col: s.loc.col + 3 } : undefined;
      }
      case "do": return this.fallsThrough(s.body);
      case "case": case "label": return this.fallsThrough(s.body);
      case "asm": return s.loc;
      default: return undefined;
    }
  }

  private blockItem(out: Stmt[]): void {
    const fn = this.fn;
    const saved = fn ? { loops: fn.loops, breakables: fn.breakables, switches: fn.switches.length } : undefined;
    const scope = this.scope;
    try {
      if (this.isStaticAssert()) { this.staticAssert(); return; }
      if (this.is("__label__")) {
        // GNU local labels: visible in this block only (so macros may define them repeatedly).
        this.next();
        for (;;) {
          const lt = this.next();
          if (lt.kind !== "ident") { this.pos--; this.syntaxError("expected identifier"); }
          const l: Label = { name: lt.text, id: ++symbolIds, defined: false, addressTaken: false, loc: loc(lt) };
          (this.scope.labels ??= new Map()).set(lt.text, l);
          if (this.fn) { this.fn.def.labels.push(l); this.fn.labelUses.set(l, loc(lt)); }
          if (!this.accept(",")) break;
        }
        this.expect(";");
        return;
      }
      // Labels may be followed by a declaration (C23; gcc accepts it).
      const t = this.peek();
      if (t.kind === "ident" && this.is(":", 1) && !this.is(":", 2) && t.text !== "default" && t.text !== "case" && !DECL_SPEC_WORDS.has(t.text)) {
        this.next();
        this.next();
        this.attributes([]);
        const label = this.defineLabel(t);
        if (this.is("}")) { out.push({ kind: "label", label, body: { kind: "empty", loc: loc(t) }, loc: loc(t) }); return; }
        if (this.isDeclStart() && !this.isExprStartingTypedef()) {
          out.push({ kind: "label", label, body: { kind: "empty", loc: loc(t) }, loc: loc(t) });
          this.declaration(false, out);
          return;
        }
        out.push({ kind: "label", label, body: this.statement(), loc: loc(t) });
        return;
      }
      if (this.peek().kind === "ident" && this.peek(1).kind === "ident" && !this.lookup(this.peek().text) && !this.isDeclStart() && !this.isAttrStart()) {
        if (this.unknownTypeName()) { this.declaration(false, out); return; }
      }
      if (this.isDeclStart() && !this.isExprStartingTypedef()) {
        if (this.is("__extension__")) {
          // `__extension__` may also start an expression statement.
          let k = 0;
          while (this.is("__extension__", k)) k++;
          if (!this.isDeclStart(this.peek(k))) { out.push(this.statement()); return; }
        }
        this.declaration(false, out);
        return;
      }
      out.push(this.statement());
    } catch (e) {
      if (!(e instanceof Recover)) throw e;
      this.scope = scope;
      if (fn && saved) { fn.loops = saved.loops; fn.breakables = saved.breakables; fn.switches.length = saved.switches; }
      this.pendingVla = [];
      this.recover(true);
    }
  }

  /** `T` typedef name used as an expression can't start a statement; but `x` shadowing a typedef is handled by lookup. */
  private isExprStartingTypedef(): boolean {
    return false;
  }

  private defineLabel(t: Token): Label {
    const fn = this.fn;
    if (!fn) { this.error(t, "label outside function"); return { name: t.text, id: ++symbolIds, defined: true, addressTaken: false, loc: loc(t) }; }
    let l = this.localLabel(t.text, false) ?? fn.labels.get(t.text);
    if (l && l.defined) {
      this.error(t, `duplicate label '${t.text}'`);
      this.note(l.loc, `previous definition of '${t.text}' was here`);
      return l;
    }
    if (!l) {
      l = { name: t.text, id: ++symbolIds, defined: true, addressTaken: false, loc: loc(t) };
      fn.labels.set(t.text, l);
      fn.def.labels.push(l);
    }
    l.defined = true;
    l.loc = loc(t);
    (fn.labelVm ??= new Map()).set(l, [...(fn.vmScope ?? [])]);
    return l;
  }

  /**
   * A `__label__` label in scope. A nested function may jump to (or take the
   * address of) one declared in a function enclosing it (`acrossFunctions`).
   */
  private localLabel(name: string, acrossFunctions = true): Label | undefined {
    for (let s: Scope | undefined = this.scope; s; s = s.parent) {
      const l = s.labels?.get(name);
      if (l) return l;
      if (s.kind === "function" && !acrossFunctions) break;
    }
    return undefined;
  }

  private useLabel(t: Token, useAt: SrcLoc = t): Label {
    const fn = this.fn;
    if (!fn) { this.error(t, "label outside function"); return { name: t.text, id: ++symbolIds, defined: false, addressTaken: false, loc: loc(t) }; }
    let l = this.localLabel(t.text) ?? fn.labels.get(t.text);
    if (!l) {
      l = { name: t.text, id: ++symbolIds, defined: false, addressTaken: false, loc: loc(t) };
      fn.labels.set(t.text, l);
      fn.def.labels.push(l);
      fn.labelUses.set(l, loc(useAt));
    }
    l.used = true;
    return l;
  }

  private statement(): Stmt {
    this.enterNesting();
    try {
      return this.statementUnguarded();
    } finally {
      this.depth--;
    }
  }

  private statementUnguarded(): Stmt {
    const t = this.peek();
    const at = loc(t);
    const fn = this.fn;
    if (t.kind === "ident" && this.is(":", 1) && !this.is(":", 2) && t.text !== "default" && t.text !== "case" && !DECL_SPEC_WORDS.has(t.text)) {
      this.next();
      this.next();
      this.attributes([]);
      const label = this.defineLabel(t);
      if (this.is("}")) return { kind: "label", label, body: { kind: "empty", loc: at }, loc: at };
      return { kind: "label", label, body: this.statement(), loc: at };
    }
    if (t.kind === "punct") {
      if (t.text === "{") return this.compoundStatement(false);
      if (t.text === ";") { this.next(); return { kind: "empty", loc: at }; }
    }
    if (t.kind === "ident") {
      switch (t.text) {
        case "if": {
          this.next();
          this.expect("(");
          const cond = this.condition(this.expr());
          this.expect(")");
          const then = this.substatement();
          let els: Stmt | undefined;
          if (this.accept("else")) els = this.substatement();
          return { kind: "if", cond, then, else: els, loc: at };
        }
        case "while": {
          this.next();
          this.expect("(");
          const cond = this.condition(this.expr());
          this.expect(")");
          const body = this.loopBody();
          return { kind: "while", cond, body, loc: at };
        }
        case "do": {
          this.next();
          const body = this.loopBody();
          this.expect("while");
          this.expect("(");
          const cond = this.condition(this.expr());
          this.expect(")");
          this.expect(";");
          return { kind: "do", body, cond, loc: at };
        }
        case "for": {
          this.next();
          this.expect("(");
          this.pushScope("block");
          try {
            let init: Stmt | undefined;
            if (this.isStaticAssert()) this.staticAssert();
            else if (this.isDeclStart()) {
              const decls: Stmt[] = [];
              this.forInit = at;
              try { this.declaration(false, decls); } finally { this.forInit = undefined; }
              init = { kind: "block", body: decls, loc: at };
            } else if (!this.accept(";")) {
              const e = this.expr();
              this.discarded(e);
              init = { kind: "expr", expr: e, loc: e.loc };
              this.expect(";");
            }
            const cond = this.is(";") ? undefined : this.condition(this.expr());
            this.expect(";");
            const step = this.is(")") ? undefined : this.expr();
            if (step) this.discarded(step);
            this.expect(")");
            const body = this.loopBody();
            return { kind: "for", init, cond, step, body, loc: at };
          } finally {
            this.popScope();
          }
        }
        case "switch": {
          this.next();
          this.expect("(");
          let cond = this.rvalue(this.expr());
          this.expect(")");
          if (!isInteger(cond.type)) {
            this.error(cond.loc, "switch quantity not an integer");
            cond = { kind: "int", value: 0n, type: this.bt.int, loc: cond.loc };
          }
          cond = this.promote(cond);
          const sw = { cases: [] as SwitchCase[], hasDefault: false, type: cond.type, vm: [...(fn?.vmScope ?? [])] };
          if (!fn) this.syntaxError("expected expression");
          fn.switches.push(sw);
          fn.breakables++;
          try {
            const body = this.substatement();
            return { kind: "switch", cond, body, cases: sw.cases, loc: at };
          } finally {
            fn.breakables--;
            fn.switches.pop();
          }
        }
        case "case": {
          this.next();
          const e = this.conditional();
          let hiE: Expr | undefined;
          if (this.accept("...")) hiE = this.conditional();
          this.expect(":");
          const sw = fn?.switches[fn.switches.length - 1];
          this.checkSwitchJump(sw, t);
          let lo = evalInt(e);
          let hi = hiE ? evalInt(hiE) : lo;
          if (!sw) this.error(t, "case label not within a switch statement");
          else if (lo === undefined || hi === undefined || !isInteger(e.type) || (hiE && !isInteger(hiE.type))) {
            this.error(t, "case label does not reduce to an integer constant");
          } else {
            lo = wrapInt(lo, sw.type);
            hi = wrapInt(hi, sw.type);
            if (hi < lo) this.warn(e.loc, "empty range specified");
            else {
              const dup = sw.cases.find((c) => !c.isDefault && c.lo <= hi! && lo! <= c.hi);
              if (dup) {
                this.error(t, hiE ? "duplicate (or overlapping) case value" : "duplicate case value");
                this.note(dup.loc, "previously used here");
              } else {
                const info: SwitchCase = { lo, hi, isDefault: false, loc: loc(e.loc) };
                sw.cases.push(info);
                return { kind: "case", info, body: this.caseBody(), loc: at };
              }
            }
          }
          return this.caseBody();
        }
        case "default": {
          if (!this.is(":", 1)) break;
          this.next();
          this.next();
          const sw = fn?.switches[fn.switches.length - 1];
          this.checkSwitchJump(sw, t);
          if (!sw) { this.error(t, "'default' label not within a switch statement"); return this.caseBody(); }
          const prev = sw.cases.find((c) => c.isDefault);
          if (prev) {
            this.error(t, "multiple default labels in one switch");
            this.note(prev.loc, "this is the first default label");
            return this.caseBody();
          }
          const info: SwitchCase = { lo: 0n, hi: 0n, isDefault: true, loc: at };
          sw.cases.push(info);
          sw.hasDefault = true;
          return { kind: "case", info, body: this.caseBody(), loc: at };
        }
        case "break":
          this.next();
          this.expect(";");
          if (!fn || fn.breakables === 0) { this.error(t, "break statement not within loop or switch"); return { kind: "empty", loc: at }; }
          return { kind: "break", loc: at };
        case "continue":
          this.next();
          this.expect(";");
          if (!fn || fn.loops === 0) { this.error(t, "continue statement not within a loop"); return { kind: "empty", loc: at }; }
          return { kind: "continue", loc: at };
        case "return": {
          this.next();
          if (this.accept(";")) {
            if (fn && fn.ret.kind !== "void") this.warn(t, "'return' with no value, in function returning non-void", "return-type");
            return { kind: "return", loc: at };
          }
          const e = this.expr();
          this.expect(";");
          if (!fn) return { kind: "expr", expr: e, loc: at };
          if (fn.ret.kind === "void") {
            if (e.type.kind !== "void") this.warn(t, "'return' with a value, in function returning void", "return-type");
            return { kind: "expr", expr: e, loc: at, ...{} } as Stmt;
          }
          return { kind: "return", value: this.assignConvert(e, fn.ret, { kind: "return" }), loc: at };
        }
        case "goto": {
          this.next();
          if (this.accept("*")) {
            const target = this.convert(this.rvalue(this.expr()), this.bt.voidPtr);
            this.expect(";");
            if (fn) fn.def.hasComputedGoto = true;
            return { kind: "computedgoto", target, loc: at };
          }
          const nt = this.next();
          if (nt.kind !== "ident") { this.pos--; this.syntaxError("expected identifier or '*'"); }
          this.expect(";");
          const label = this.useLabel(nt, t);
          if (fn) (fn.gotoVm ??= []).push({ label, at, vm: [...(fn.vmScope ?? [])] });
          return { kind: "goto", label, loc: at };
        }
        case "asm": case "__asm__": case "__asm":
          return this.asmStatement();
        case "else":
          this.next();
          this.error(t, "'else' without a previous 'if'");
          return this.statement();
        case "__attribute__": case "__attribute": {
          // Statement attributes: `__attribute__((fallthrough));`
          const attrs: Attr[] = [];
          this.attributes(attrs);
          if (this.accept(";")) return { kind: "empty", loc: at, fallthrough: hasAttr(attrs, "fallthrough") };
          return this.statement();
        }
      }
    }
    if (t.kind === "punct" && t.text === "[" && this.is("[", 1)) {
      const attrs: Attr[] = [];
      this.attributes(attrs);
      if (this.accept(";")) return { kind: "empty", loc: at, fallthrough: hasAttr(attrs, "fallthrough") };
      return this.statement();
    }
    const e = this.expr();
    this.expectSemicolon();
    this.discarded(e);
    const pending = this.takePendingVla();
    if (pending) return { kind: "expr", expr: this.commaPrefix(pending, e), loc: at };
    return { kind: "expr", expr: e, loc: at };
  }

  /**
   * An expression whose value is thrown away (a statement, a for loop's
   * first and third clauses): its top-level assignments only store
   * (-Wunused-but-set-variable), and a value computed for nothing is
   * -Wunused-value.
   */
  private discarded(e: Expr, top = true): void {
    if (e.kind === "assign") { this.noteStore(e.target); return; }
    if (e.kind === "cast" && e.type.kind === "void") {
      if (e.operand.kind === "assign") this.noteStore(e.operand.target);
      return;
    }
    if (e.kind === "comma") {
      const voided = e.left.kind === "cast" && e.left.type.kind === "void";
      if (!hasSideEffects(e.left) && !voided) this.diags.warningIfEnabled(e.loc, "left-hand operand of comma expression has no effect", "unused-value");
      else this.discarded(e.left, false);
      if (!hasSideEffects(e.right)) {
        if (hasSideEffects(e.left)) this.diags.warningIfEnabled(e.loc, "right-hand operand of comma expression has no effect", "unused-value");
      } else this.discarded(e.right, false);
      return;
    }
    if (!top) return;
    if (!hasSideEffects(e)) this.diags.warningIfEnabled(e.loc, "statement with no effect", "unused-value");
    else if (e.kind === "binary" || e.kind === "unary" || e.kind === "deref" || e.kind === "logical" || e.kind === "member" || e.kind === "ptradd" || e.kind === "ptrdiff") {
      this.diags.warningIfEnabled(e.loc, "value computed is not used", "unused-value");
    }
  }

  private expectSemicolon(): void {
    if (this.is(";")) { this.next(); return; }
    this.syntaxError("expected ';'");
  }

  private takePendingVla(): Expr[] | undefined {
    if (this.pendingVla.length === 0) return undefined;
    const p = this.pendingVla;
    this.pendingVla = [];
    return p;
  }

  private commaPrefix(pre: Expr[], e: Expr): Expr {
    let r = e;
    for (let i = pre.length - 1; i >= 0; i--) r = { kind: "comma", left: pre[i], right: r, type: r.type, loc: r.loc };
    return r;
  }

  /** A substatement gets its own block scope (6.8p3 in C99+). */
  private substatement(): Stmt {
    this.pushScope("block");
    try {
      // A declaration is not a statement; gcc reports it.
      if (this.isDeclStart() && !(this.peek().kind === "ident" && this.is(":", 1))) {
        if (!this.is("__extension__")) this.error(this.peek(), "expected expression before '" + this.peek().text + "'");
        const out: Stmt[] = [];
        this.declaration(false, out);
        return { kind: "block", body: out, loc: loc(this.peek()) };
      }
      const out: Stmt[] = [];
      this.blockItem(out);
      return out.length === 1 ? out[0] : { kind: "block", body: out, loc: out[0]?.loc ?? loc(this.peek()) };
    } finally {
      this.popScope();
    }
  }

  private caseBody(): Stmt {
    if (this.is("}")) return { kind: "empty", loc: loc(this.peek()) };
    if (this.isDeclStart() && !(this.peek().kind === "ident" && this.is(":", 1))) {
      // gcc 12 (C17): "a label can only be part of a statement and a declaration is not a statement".
      const out: Stmt[] = [];
      this.declaration(false, out);
      return { kind: "block", body: out, loc: loc(this.peek()) };
    }
    const out: Stmt[] = [];
    this.blockItem(out);
    return out.length === 1 ? out[0] : { kind: "block", body: out, loc: out[0]?.loc ?? loc(this.peek()) };
  }

  private loopBody(): Stmt {
    const fn = this.fn;
    if (!fn) return this.substatement();
    fn.loops++;
    fn.breakables++;
    try {
      return this.substatement();
    } finally {
      fn.loops--;
      fn.breakables--;
    }
  }

  /** A controlling expression (6.8.4, 6.8.5): any scalar, compared with zero. */
  private condition(e: Expr, at: SrcLoc = e.loc): Expr {
    if (e.kind === "assign" && !this.parenthesized.has(e)) this.diags.warningIfEnabled(e.loc, "suggest parentheses around assignment used as truth value", "parentheses");
    const r = this.rvalue(e);
    if (!isScalar(r.type) && r.type.kind !== "vector") {
      this.error(at, isRecord(r.type) ? "used struct type value where scalar is required".replace("struct", r.type.kind) : r.type.kind === "void" ? "void value not ignored as it ought to be" : "used array type value where scalar is required");
      return { kind: "int", value: 0n, type: this.bt.int, loc: r.loc };
    }
    const pending = this.takePendingVla();
    return pending ? this.commaPrefix(pending, r) : r;
  }

  private asmStatement(): Stmt {
    const kw = this.next();
    let isVolatile = false;
    let isInline = false;
    let isGoto = false;
    for (;;) {
      const w = this.peek().text;
      if (w === "volatile" || w === "__volatile__" || w === "__volatile") { isVolatile = true; this.next(); continue; }
      if (w === "inline" || w === "__inline__" || w === "__inline") { isInline = true; this.next(); continue; }
      if (w === "goto") { isGoto = true; this.next(); continue; }
      break;
    }
    this.expect("(");
    const template = this.stringLiteralText();
    const stmt: AsmStmt = {
      kind: "asm", template, basic: true, volatile: isVolatile, inline: isInline, outputs: [], inputs: [], clobbers: [],
      gotoLabels: [], loc: loc(kw),
    };
    const operands = (out: AsmOperand[], isOutput: boolean): void => {
      if (this.is(":") || this.is(")") || this.is("::")) return;
      for (;;) {
        let name: string | undefined;
        if (this.accept("[")) { name = this.next().text; this.expect("]"); }
        const constraint = this.stringLiteralText();
        this.expect("(");
        let e = this.expr();
        this.expect(")");
        if (isOutput) {
          if (!this.isLvalue(e)) this.error(e.loc, `invalid lvalue in 'asm' output ${out.length}`);
          else this.markAddressTaken(e, constraint.includes("m"));
        } else if (/[mo]/.test(constraint) && !/[rgi]/.test(constraint) && this.isLvalue(e)) {
          this.markAddressTaken(e, true);
        } else e = this.rvalue(e);
        out.push({ name, constraint, expr: e });
        if (!this.accept(",")) break;
      }
    };
    // "::" is one token in the lexer (C23); split it back into two colons.
    const colon = (): boolean => {
      if (this.is("::")) {
        const t = this.peek();
        // The first colon is read here; the token becomes the second.
        this.setTok({ ...t, text: ":", col: t.col + 1 });
        return true;
      }
      return this.accept(":");
    };
    if (colon()) {
      stmt.basic = false;
      operands(stmt.outputs, true);
      if (colon()) {
        operands(stmt.inputs, false);
        if (colon()) {
          while (this.peek().kind === "string") {
            stmt.clobbers.push(this.stringLiteralText());
            if (!this.accept(",")) break;
          }
          if (colon()) {
            for (;;) {
              const lt = this.next();
              if (lt.kind !== "ident") { this.pos--; this.syntaxError("expected identifier"); }
              const l = this.useLabel(lt);
              l.addressTaken = true;
              stmt.gotoLabels.push(l);
              if (!this.accept(",")) break;
            }
          }
        }
      }
    }
    if (isGoto && stmt.gotoLabels.length === 0 && stmt.basic) this.error(kw, "expected ':' before ')' token");
    if (stmt.outputs.length === 0 && !stmt.basic) stmt.volatile = true; // 6.47.2.1: no outputs implies volatile
    if (stmt.basic) stmt.volatile = true;
    this.expect(")");
    this.expect(";");
    return stmt;
  }

  /** Concatenated narrow string literal text (asm templates, attribute args, _Static_assert). */
  private stringLiteralText(): string {
    const t = this.peek();
    if (t.kind !== "string") this.syntaxError("expected string literal");
    let out = "";
    while (this.peek().kind === "string") {
      const s = this.next();
      const { body } = prefixOf(s.text);
      const d = decodeQuoted(body.slice(1, -1), 1);
      for (const u of d.units) out += String.fromCharCode(u);
    }
    return out;
  }

  // -------------------------------------------------------------------------
  // Conversions (6.3) as explicit nodes.

  /** Array/function designators decay to pointers (6.3.2.1p3-4). */
  private rvalue(e: Expr): Expr {
    const t = e.type;
    if (t.kind === "array") {
      this.markAddressTaken(e, true);
      if (e.kind === "string") this.stringObject(e);
      return { kind: "decay", operand: e, type: pointerTo(t.elem), loc: e.loc };
    }
    if (t.kind === "function") {
      if (e.kind === "deref") return e.ptr;
      if (e.kind === "var" && e.sym.kind === "function") e.sym.addressTaken = true;
      return { kind: "decay", operand: e, type: pointerTo(t), loc: e.loc };
    }
    return e;
  }

  /** Does converting from `a` to `b` change nothing (same representation and same C type up to top-level qualifiers)? */
  private sameType(a: Type, b: Type): boolean {
    if (a === b) return true;
    if (a.kind !== b.kind) return false;
    if (a.kind === "pointer" && b.kind === "pointer") return a.to === b.to || compatible(a.to, b.to);
    if (a.kind === "int" && b.kind === "int" && a.bits !== b.bits) return false; // gcc's bit-field precision
    return compatibleUnqual(a, b);
  }

  /** An implicit conversion of a value to `t` (a cast node unless nothing changes). */
  private convert(e: Expr, t: Type): Expr {
    const to = unqualified(t);
    if (this.sameType(e.type, to)) return e;
    if (e.kind === "int" && (to.kind === "int" || to.kind === "enum")) return { kind: "int", value: wrapInt(e.value, to), type: to, loc: e.loc };
    return { kind: "cast", operand: e, type: to, implicit: true, loc: e.loc };
  }

  private bitfieldWidth(e: Expr): number | undefined {
    return e.kind === "member" ? e.member.bitWidth : undefined;
  }

  /** Integer promotions (6.3.1.1p2), including bit-fields. */
  private promote(e: Expr): Expr {
    const t = e.type;
    if (t.kind !== "int" && t.kind !== "enum") return e;
    const bw = this.bitfieldWidth(e);
    if (bw !== undefined) {
      const it = intOf(t);
      if (bw < 32) return this.convert(e, this.bt.int);
      if (bw === 32) return this.convert(e, it.signed ? this.bt.int : this.bt.uint);
      if (bw < it.size * 8 && it.size === 8) return this.convert(e, { ...(unqualified(it) as IntType), bits: bw });
      return this.convert(e, unqualified(it));
    }
    return this.convert(e, promoteInt(t, this.bt));
  }

  /** The common real type of the usual arithmetic conversions (6.3.1.8). */
  private commonType(a: Type, b: Type): Type {
    if (a.kind === "vector") return unqualified(a);
    if (b.kind === "vector") return unqualified(b);
    const ca = a.kind === "complex";
    const cb = b.kind === "complex";
    if (ca || cb) {
      const ra = a.kind === "complex" ? a.elem : a;
      const rb = b.kind === "complex" ? b.elem : b;
      const r = this.commonType(ra, rb) as FloatType | IntType;
      return { kind: "complex", elem: r, quals: 0 };
    }
    if (a.kind === "float" || b.kind === "float") {
      if (a.kind === "float" && b.kind === "float") return unqualified(a.rank >= b.rank ? a : b);
      return unqualified(a.kind === "float" ? a : b);
    }
    const pa = promoteInt(a as IntType, this.bt);
    const pb = promoteInt(b as IntType, this.bt);
    return commonIntType(pa, pb, this.bt);
  }

  private arith(l: Expr, r: Expr): [Expr, Expr, Type] {
    const lp = this.promote(l);
    const rp = this.promote(r);
    const t = this.commonType(lp.type, rp.type);
    return [this.operandOf(lp, t), this.operandOf(rp, t), t];
  }

  /**
   * Convert an operand of a binary operator to the operation's type. A scalar
   * meeting a GNU vector becomes the element type: lowering repeats it in
   * every lane (a cast to the vector type would reinterpret its bytes).
   */
  private operandOf(e: Expr, t: Type): Expr {
    if (t.kind === "vector" && e.type.kind !== "vector") return this.convert(e, t.elem);
    return this.convert(e, t);
  }

  /** A null pointer constant (6.3.2.3p3). */
  private isNullPointerConstant(e: Expr): boolean {
    let x = e;
    if (x.kind === "cast" && x.type.kind === "pointer" && x.type.to.kind === "void" && x.type.to.quals === 0) x = x.operand;
    if (!isInteger(x.type)) return false;
    if (x.kind === "int") return x.value === 0n;
    const v = evalConst(x);
    return v !== undefined && v.kind === "int" && v.value === 0n;
  }

  /** Conversion as if by assignment (6.5.16.1), with gcc's diagnostics for each context. */
  private assignConvert(e0: Expr, t: Type, ctx: ConvCtx): Expr {
    const e = this.rvalue(e0);
    const to = unqualified(t);
    const from = e.type;
    // Type names only for messages: spelled when a diagnostic needs them.
    const T = (): string => typeToString(to);
    const F = (): string => typeToString(from);
    const where = ctx.kind === "argument" ? `passing argument ${ctx.argIndex} of '${ctx.fnName}'` : "";
    if (from.kind === "void") {
      this.error(e.loc, ctx.kind === "argument" ? "invalid use of void expression" : "void value not ignored as it ought to be");
      return this.zeroOf(isScalar(to) ? to : this.bt.int, e.loc);
    }
    const incompatible = (): Expr => {
      switch (ctx.kind) {
        case "assignment": this.error(e.loc, `incompatible types when assigning to type '${T()}' from type '${F()}'`); break;
        case "initialization": this.error(e.loc, `incompatible types when initializing type '${T()}' using type '${F()}'`); break;
        case "argument": this.error(e.loc, `incompatible type for argument ${ctx.argIndex} of '${ctx.fnName}'`); break;
        case "return": this.error(e.loc, `incompatible types when returning type '${F()}' but '${T()}' was expected`); break;
      }
      return isScalar(to) ? this.zeroOf(to, e.loc) : e;
    };
    if (isArithmetic(to) && isArithmetic(from)) return this.convert(e, to);
    if (isBool(to) && from.kind === "pointer") return this.convert(e, to);
    if (isRecord(to) || to.kind === "vector") {
      if (compatibleUnqual(unqualified(from), to)) return e;
      if (to.kind === "union" && to.rec.transparentUnion && ctx.kind === "argument") {
        for (const m of to.rec.members) {
          if (compatibleUnqual(unqualified(m.type), unqualified(from)) || (m.type.kind === "pointer" && (from.kind === "pointer" || this.isNullPointerConstant(e)))) {
            return { kind: "cast", operand: this.convert(e, m.type), type: to, implicit: true, loc: e.loc };
          }
        }
      }
      return incompatible();
    }
    if (to.kind === "pointer") {
      if (this.isNullPointerConstant(e)) return this.convert(e, to);
      if (from.kind === "pointer") {
        const tp = to.to;
        const fp = from.to;
        const lost = fp.quals & ~tp.quals & (Q.Const | Q.Volatile | Q.Atomic | Q.Restrict);
        if (lost && !(tp.kind === "function")) {
          const q = lost & Q.Const ? "const" : lost & Q.Volatile ? "volatile" : lost & Q.Atomic ? "_Atomic" : "restrict";
          const what = ctx.kind === "argument" ? where : ctx.kind === "return" ? "return" : ctx.kind;
          this.warn(e.loc, `${what} discards '${q}' qualifier from pointer target type`, "discarded-qualifiers");
        } else if (tp.kind !== "void" && fp.kind !== "void" && !compatibleUnqual(unqualified(tp), unqualified(fp))) {
          // Integer targets of one size that differ only in signedness are gcc's -Wpointer-sign, not an incompatible pointer.
          if (isInteger(tp) && isInteger(fp) && !isBool(tp) && !isBool(fp) && sizeOf(tp) === sizeOf(fp)) {
            const what = ctx.kind === "argument" ? where
              : ctx.kind === "assignment" ? `assignment from '${F()}' to '${T()}'`
              : ctx.kind === "initialization" ? `initialization of '${T()}' from '${F()}'`
              : `returning '${F()}' from a function with return type '${T()}'`;
            this.warn(e.loc, `pointer targets in ${what} differ in signedness`, "pointer-sign");
            return this.convert(e, to);
          }
          switch (ctx.kind) {
            case "assignment": this.warn(e.loc, `assignment to '${T()}' from incompatible pointer type '${F()}'`, "incompatible-pointer-types"); break;
            case "initialization": this.warn(e.loc, `initialization of '${T()}' from incompatible pointer type '${F()}'`, "incompatible-pointer-types"); break;
            case "argument": this.warn(e.loc, `${where} from incompatible pointer type`, "incompatible-pointer-types"); break;
            case "return": this.warn(e.loc, `returning '${F()}' from a function with incompatible return type '${T()}'`, "incompatible-pointer-types"); break;
          }
        }
        return this.convert(e, to);
      }
      if (isInteger(from)) {
        this.intConversionWarning(e, ctx, T, F, "pointer from integer");
        return this.convert(e, to);
      }
      return incompatible();
    }
    if (isInteger(to) && from.kind === "pointer") {
      this.intConversionWarning(e, ctx, T, F, "integer from pointer");
      return this.convert(e, to);
    }
    return incompatible();
  }

  private intConversionWarning(e: Expr, ctx: ConvCtx, T: () => string, F: () => string, what: string): void {
    const tail = `makes ${what} without a cast`;
    switch (ctx.kind) {
      case "assignment": this.warn(e.loc, `assignment to '${T()}' from '${F()}' ${tail}`, "int-conversion"); break;
      case "initialization": this.warn(e.loc, `initialization of '${T()}' from '${F()}' ${tail}`, "int-conversion"); break;
      case "argument": this.warn(e.loc, `passing argument ${ctx.argIndex} of '${ctx.fnName}' ${tail}`, "int-conversion"); break;
      case "return": this.warn(e.loc, `returning '${F()}' from a function with return type '${T()}' ${tail}`, "int-conversion"); break;
    }
  }

  private isLvalue(e: Expr): boolean {
    switch (e.kind) {
      case "var": return e.sym.kind === "object";
      case "deref": return e.type.kind !== "function";
      case "member": return this.isLvalue(e.base);
      case "compound": case "string": return true;
      case "real": case "imag": return this.isLvalue(e.operand);
      case "cast": return false;
      default: return false;
    }
  }

  /** Record that an object's address escapes (so lowering keeps it in memory). */
  private markAddressTaken(e: Expr, value: boolean): void {
    let x: Expr = e;
    while (x.kind === "member" || x.kind === "real" || x.kind === "imag") x = x.kind === "member" ? x.base : x.operand;
    if (x.kind === "var" && value) {
      if (x.sym.kind === "object") x.sym.addressTaken = true;
      else x.sym.addressTaken = true;
    }
  }

  private describeLvalue(e: Expr): string {
    switch (e.kind) {
      case "var": return e.sym.name;
      case "member": return `${this.describeLvalue(e.base)}.${e.member.name ?? ""}`;
      case "deref": return `*${e.ptr.kind === "var" ? e.ptr.sym.name : "(...)"}`;
      default: return "<expression>";
    }
  }

  /** Check that `e` is a modifiable lvalue (6.3.2.1p1); `what` is "assignment", "increment" or "decrement". */
  private checkModifiable(e: Expr, what: "assignment" | "increment" | "decrement", at: SrcLoc = e.loc): boolean {
    if (!this.isLvalue(e)) {
      this.error(at, what === "assignment" ? "lvalue required as left operand of assignment" : `lvalue required as ${what} operand`);
      return false;
    }
    if (e.type.kind === "array") {
      // An array is no modifiable lvalue: gcc words it so for ++/--.
      this.error(at, what === "assignment" ? "assignment to expression with array type" : `lvalue required as ${what} operand`);
      return false;
    }
    const readOnly = (e.type.quals & Q.Const) !== 0 || (isRecord(e.type) && e.type.rec.hasConstMember);
    if (readOnly) {
      if (e.kind === "var") this.error(at, `${what} of read-only variable '${e.sym.name}'`);
      else if (e.kind === "member" && (e.member.type.quals & Q.Const)) this.error(at, `${what} of read-only member '${e.member.name ?? ""}'`);
      else this.error(at, `${what} of read-only location '${this.describeLvalue(e)}'`);
      return false;
    }
    if (!isComplete(e.type) && e.type.kind !== "void") {
      this.error(e.loc, `invalid use of undefined type '${typeToString(e.type)}'`);
      return false;
    }
    return true;
  }

  private assignTo(sym: ObjectSymbol, value: Expr): Expr {
    const target: Expr = { kind: "var", sym, type: sym.type, loc: value.loc };
    return { kind: "assign", target, value, type: unqualified(sym.type), loc: value.loc };
  }

  /** The run-time size of `t` in bytes (unsigned long): a constant unless `t` has a variable size. */
  private sizeExpr(t: Type, at: SrcLoc): Expr {
    if (isRecord(t) && t.rec.sizeVar) return { kind: "var", sym: t.rec.sizeVar as ObjectSymbol, type: this.bt.ulong, loc: loc(at) };
    if (t.kind === "array" && hasVariableSize(t)) {
      const n: Expr = t.vla
        ? { kind: "var", sym: t.vla.count as ObjectSymbol, type: this.bt.ulong, loc: loc(at) }
        : { kind: "int", value: BigInt(t.length ?? 0), type: this.bt.ulong, loc: loc(at) };
      const es = this.sizeExpr(t.elem, at);
      return { kind: "binary", op: "*", left: n, right: es, type: this.bt.ulong, loc: loc(at) };
    }
    return { kind: "int", value: BigInt(sizeOf(t)), type: this.bt.ulong, loc: loc(at) };
  }

  private intConst(v: bigint | number, t: Type, at: SrcLoc): Expr {
    return { kind: "int", value: wrapInt(BigInt(v), t), type: t, loc: loc(at) };
  }

  // -------------------------------------------------------------------------
  // Expressions (6.5).

  private expr(): Expr {
    let e = this.assignExpr();
    while (this.is(",")) {
      this.next();
      const r = this.assignExpr();
      const rr = this.rvalue(r);
      e = { kind: "comma", left: e, right: rr, type: rr.type, loc: e.loc };
    }
    return e;
  }

  private assignExpr(): Expr {
    this.enterNesting();
    try {
      return this.assignExprUnguarded();
    } finally {
      this.depth--;
    }
  }

  private assignExprUnguarded(): Expr {
    const lhs = this.conditional();
    const t = this.peek();
    if (t.kind !== "punct") return lhs;
    switch (t.text) {
      case "=": {
        this.next();
        const rhs = this.assignExpr();
        if (lhs.type.kind === "void" || (rhs.type.kind === "void")) {
          this.error(t, lhs.type.kind === "void" ? "invalid use of void expression" : "void value not ignored as it ought to be");
          return this.intConst(0, this.bt.int, t);
        }
        if (!this.checkModifiable(lhs, "assignment", t)) return { ...this.rvalue(rhs), loc: lhs.loc };
        const value = this.assignConvert(rhs, lhs.type, { kind: "assignment" });
        // A variably sized struct/union copies as many bytes as its run-time size.
        const size = hasVariableSize(lhs.type) ? this.sizeExpr(lhs.type, t) : undefined;
        return { kind: "assign", target: lhs, value, type: unqualified(lhs.type), loc: loc(t), ...(size ? { size } : {}) };
      }
      case "+=": case "-=": case "*=": case "/=": case "%=": case "<<=": case ">>=": case "&=": case "^=": case "|=": {
        this.next();
        const rhs = this.rvalue(this.assignExpr());
        return this.opAssign(t.text.slice(0, -1) as BinOp, lhs, rhs, t);
      }
    }
    return lhs;
  }

  /**
   * `v = …`, `v.m = …`, `v[i] = …` for an array v: a store that does not
   * read v (gcc's "set but not used" counts the other mentions as reads;
   * `v++` and `v += …` read it).
   */
  private noteStore(lhs: Expr): void {
    let e = lhs;
    for (;;) {
      if (e.kind === "member") e = e.base;
      else if (e.kind === "deref" && e.ptr.kind === "ptradd" && e.ptr.ptr.kind === "decay") e = e.ptr.ptr.operand;
      else if (e.kind === "deref" && e.ptr.kind === "decay") e = e.ptr.operand;
      else break;
    }
    if (e.kind === "var" && e.sym.kind === "object") e.sym.stores = (e.sym.stores ?? 0) + 1;
  }

  /** -Wshift-count-negative, -Wshift-count-overflow: a constant count outside 0 .. width-1 of the (promoted) left operand. */
  private checkShiftCount(op: "<<" | ">>", left: Type, count: Expr, at: SrcLoc): void {
    const n = evalInt(count);
    if (n === undefined || !isInteger(left)) return;
    const side = op === "<<" ? "left" : "right";
    if (n < 0n) this.warn(at, `${side} shift count is negative`, "shift-count-negative");
    else if (n >= BigInt(sizeOf(left) * 8)) this.warn(at, `${side} shift count >= width of type`, "shift-count-overflow");
  }

  private opAssign(op: BinOp, lhs: Expr, rhs: Expr, at: Token): Expr {
    if (!this.checkModifiable(lhs, "assignment", at)) return rhs;
    const lt = unqualified(lhs.type);
    if ((op === "<<" || op === ">>") && isInteger(lt)) this.checkShiftCount(op, promoteInt(lt, this.bt), rhs, at);
    if (lt.kind === "pointer" && (op === "+" || op === "-")) {
      if (!isInteger(rhs.type)) { this.invalidOperands(op, lhs, rhs, at); return rhs; }
      let { index, scale } = this.scaledIndex(lt, this.convert(this.promote(rhs), this.bt.long), at);
      void index;
      return { kind: "opassign", op, target: lhs, value: index, opType: lt, scale, type: lt, loc: loc(at) };
    }
    const intOnly = op === "%" || op === "<<" || op === ">>" || op === "&" || op === "|" || op === "^";
    const okL = intOnly ? isInteger(lt) || lt.kind === "vector" : isArithmetic(lt) || lt.kind === "vector";
    const okR = intOnly ? isInteger(rhs.type) || rhs.type.kind === "vector" : isArithmetic(rhs.type) || rhs.type.kind === "vector";
    if (!okL || !okR) { this.invalidOperands(op, lhs, rhs, at); return rhs; }
    if (lt.kind === "vector") return { kind: "opassign", op, target: lhs, value: this.operandOf(rhs, lt), opType: lt, type: lt, loc: loc(at) };
    if (op === "<<" || op === ">>") {
      const opType = promoteInt(lt as IntType, this.bt);
      return { kind: "opassign", op, target: lhs, value: this.promote(rhs), opType, type: lt, loc: loc(at) };
    }
    const opType = this.commonType(lt, this.promote(rhs).type);
    return { kind: "opassign", op, target: lhs, value: this.convert(this.promote(rhs), opType), opType, type: lt, loc: loc(at) };
  }

  /** An index into an array of `ptr`'s pointee: pre-multiplied for VLA pointees. */
  private scaledIndex(ptr: PointerType, index: Expr, at: SrcLoc): { index: Expr; scale: number } {
    const to = ptr.to;
    if (hasVariableSize(to)) {
      const size = this.convert(this.sizeExpr(to, at), this.bt.long);
      return { index: { kind: "binary", op: "*", left: index, right: size, type: this.bt.long, loc: index.loc }, scale: 1 };
    }
    if (to.kind === "void" || to.kind === "function") return { index, scale: 1 };
    if (!isComplete(to)) this.error(at, `invalid use of undefined type '${typeToString(to)}'`);
    return { index, scale: sizeOf(to) };
  }

  private conditional(): Expr {
    const c = this.binary(1);
    if (!this.is("?")) return c;
    const q = this.next();
    const cond = this.condition(c, q);
    let then: Expr | undefined;
    if (!this.is(":")) then = this.rvalue(this.expr());
    else if (c.kind === "logical" || (c.kind === "unary" && c.op === "not") || (c.kind === "binary" && ["==", "!=", "<", ">", "<=", ">="].includes(c.op))) {
      this.diags.warningIfEnabled(loc(q), "the omitted middle operand in '?:' will always be 'true', suggest explicit middle operand", "parentheses");
    }
    const colon = this.expect(":");
    const els = this.rvalue(this.conditional());
    const a = then ?? cond;
    const at = loc(q);
    const colonAt = loc(colon);
    const ta = unqualified(a.type);
    const tb = unqualified(els.type);
    let type: Type;
    if (isArithmetic(ta) && isArithmetic(tb)) type = this.commonType(this.promote(a).type, this.promote(els).type);
    else if (ta.kind === "void" || tb.kind === "void") type = this.bt.void;
    else if ((isRecord(ta) || ta.kind === "vector") && compatibleUnqual(ta, tb)) type = ta;
    else if (ta.kind === "pointer" && tb.kind === "pointer") {
      const pa = ta.to;
      const pb = tb.to;
      const quals = pa.quals | pb.quals;
      if (this.isNullPointerConstant(els)) type = ta;
      else if (this.isNullPointerConstant(a)) type = tb;
      else if (pa.kind === "void" || pb.kind === "void") type = pointerTo(qualified(this.bt.void, quals));
      else if (compatibleUnqual(unqualified(pa), unqualified(pb))) type = pointerTo(withQuals(composite(unqualified(pa), unqualified(pb)), quals));
      else {
        this.warn(at, "pointer type mismatch in conditional expression");
        type = pointerTo(this.bt.void);
      }
    } else if (ta.kind === "pointer" && isInteger(tb)) {
      if (!this.isNullPointerConstant(els)) this.warn(at, "pointer/integer type mismatch in conditional expression");
      type = ta;
    } else if (tb.kind === "pointer" && isInteger(ta)) {
      if (!this.isNullPointerConstant(a)) this.warn(at, "pointer/integer type mismatch in conditional expression");
      type = tb;
    } else {
      this.error(colonAt, "type mismatch in conditional expression");
      type = ta;
    }
    const conv = (x: Expr): Expr => (type.kind === "void" ? x : this.convert(isArithmetic(type) ? this.promote(x) : x, type));
    return { kind: "cond", cond, then: then ? conv(then) : undefined, else: conv(els), type, loc: at };
  }

  private static readonly PREC: Readonly<Record<string, number>> = {
    "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6, "<": 7, ">": 7, "<=": 7, ">=": 7,
    "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10,
  };

  private binary(minPrec: number): Expr {
    let l = this.castExpr();
    /** The operator that made `l`, when it was written without parentheses. */
    let lop: string | undefined;
    for (;;) {
      const t = this.peek();
      const p = t.kind === "punct" ? Parser.PREC[t.text] : undefined;
      if (p === undefined || p < minPrec) { this.binaryTop = lop; return l; }
      this.next();
      const r = this.binary(p + 1);
      const rop = this.binaryTop;
      this.warnParentheses(t.text, l, lop, r, rop);
      l = this.makeBinary(t.text, l, r, t);
      lop = t.text;
    }
  }

  /**
   * -Wsign-compare: a comparison done in an unsigned type where one operand,
   * promoted, is signed and may be negative. `l`/`r` are the operands as
   * written.
   */
  private warnSignCompare(l: Expr, r: Expr, eq: boolean, at: Token): void {
    // After integer promotion: what ranks below int becomes int.
    const promotedSigned = (e: Expr): boolean => isInteger(e.type) && (intOf(e.type).rank < 3 || isSigned(e.type));
    const lSigned = promotedSigned(l), rSigned = promotedSigned(r);
    if (lSigned === rSigned) return;
    const [signedOp, unsignedOp] = lSigned ? [l, r] : [r, l];
    if (this.knownNonNegative(signedOp)) return;
    // An equality with an unsigned constant that a signed comparison would read the same way.
    const uc = this.constValue(unsignedOp);
    if (eq && uc !== undefined && uc >= 0n && uc <= 0x7fffffffn) return;
    const T = (e: Expr): string => typeToString(unqualified(e.type));
    this.diags.warningIfEnabled(loc(at), `comparison of integer expressions of different signedness: '${T(l)}' and '${T(r)}'`, "sign-compare");
  }

  /** A signed expression that cannot be negative: a constant >= 0, a value zero-extended from a narrower unsigned type, `x & nonnegative`… */
  private knownNonNegative(e: Expr): boolean {
    const c = this.constValue(e);
    if (c !== undefined) return c >= 0n;
    if (isInteger(e.type) && !isSigned(e.type)) return true;
    switch (e.kind) {
      case "cast": return isInteger(e.operand.type) && (!isSigned(e.operand.type) && sizeOf(e.operand.type) < sizeOf(e.type) || this.knownNonNegative(e.operand) && sizeOf(e.operand.type) <= sizeOf(e.type));
      case "binary":
        if (e.op === "&") return this.knownNonNegative(e.left) || this.knownNonNegative(e.right);
        if (e.op === "|" || e.op === "^" || e.op === "+" || e.op === "*" || e.op === "/" || e.op === "%" || e.op === ">>") return this.knownNonNegative(e.left) && (e.op === ">>" || e.op === "%" || e.op === "/" || this.knownNonNegative(e.right));
        return false;
      case "cond": return (e.then === undefined || this.knownNonNegative(e.then)) && this.knownNonNegative(e.else);
      default: return false;
    }
  }

  /** The value of an integer constant expression, if `e` is one. */
  private constValue(e: Expr): bigint | undefined {
    return isInteger(e.type) ? evalInt(e) : undefined;
  }

  /** The top operator of the expression `binary()` just returned (undefined: not a binary operator). */
  private binaryTop: string | undefined;

  /** -Wparentheses: operators people misread the precedence of, written without parentheses. */
  private warnParentheses(op: string, l: Expr, lop: string | undefined, r: Expr, rop: string | undefined): void {
    const comparison = (o: string | undefined): boolean => o === "==" || o === "!=" || o === "<" || o === ">" || o === "<=" || o === ">=";
    for (const [o, e] of [[lop, l], [rop, r]] as const) {
      if (o === undefined) continue;
      let msg: string | undefined;
      if ((op === "<<" || op === ">>") && (o === "+" || o === "-")) msg = `suggest parentheses around '${o}' inside '${op}'`;
      else if (op === "||" && o === "&&") msg = "suggest parentheses around '&&' within '||'";
      else if (op === "|" && (o === "&" || o === "^" || o === "+" || o === "-")) msg = "suggest parentheses around arithmetic in operand of '|'";
      else if (op === "^" && (o === "&" || o === "+" || o === "-")) msg = "suggest parentheses around arithmetic in operand of '^'";
      else if (op === "&" && (o === "+" || o === "-")) msg = `suggest parentheses around '${o}' in operand of '&'`;
      else if ((op === "|" || op === "^" || op === "&") && comparison(o)) msg = `suggest parentheses around comparison in operand of '${op}'`;
      else if ((op === "==" || op === "!=") && comparison(o)) msg = `suggest parentheses around comparison in operand of '${op}'`;
      else if (comparison(op) && comparison(o) && o !== "==" && o !== "!=") msg = "comparisons like 'X<=Y<=Z' do not have their mathematical meaning";
      if (msg) this.diags.warningIfEnabled(e.loc, msg, "parentheses");
    }
  }

  private invalidOperands(op: string, l: Expr, r: Expr, at: SrcLoc): Expr {
    this.error(at, `invalid operands to binary ${op} (have '${typeToString(l.type)}' and '${typeToString(r.type)}')`);
    return { kind: "int", value: 0n, type: this.bt.int, loc: loc(at) };
  }

  private makeBinary(op: string, l0: Expr, r0: Expr, at: Token): Expr {
    const l = this.rvalue(l0);
    const r = this.rvalue(r0);
    const lt = l.type;
    const rt = r.type;
    const where = loc(at);
    if (lt.kind === "void" || rt.kind === "void") {
      this.error(at, "void value not ignored as it ought to be");
      return this.intConst(0, this.bt.int, at);
    }
    switch (op) {
      case "&&": case "||": {
        if (!isScalar(lt) || !isScalar(rt)) {
          const bad = !isScalar(lt) ? l : r;
          if (isRecord(bad.type)) { this.error(bad.loc, `used ${bad.type.kind} type value where scalar is required`); return this.intConst(0, this.bt.int, at); }
          return this.invalidOperands(op, l, r, at);
        }
        return { kind: "logical", op, left: l, right: r, type: this.bt.int, loc: where };
      }
      case "*": case "/": {
        if (!(isArithmetic(lt) || lt.kind === "vector") || !(isArithmetic(rt) || rt.kind === "vector")) return this.invalidOperands(op, l, r, at);
        const [a, b, t] = this.arith(l, r);
        if (op === "/" && isInteger(t)) this.checkDivZero(b);
        return { kind: "binary", op, left: a, right: b, type: t, loc: where };
      }
      case "%": case "&": case "|": case "^": {
        const okL = isInteger(lt) || (lt.kind === "vector");
        const okR = isInteger(rt) || (rt.kind === "vector");
        if (!okL || !okR) return this.invalidOperands(op, l, r, at);
        const [a, b, t] = this.arith(l, r);
        if (op === "%") this.checkDivZero(b);
        return { kind: "binary", op, left: a, right: b, type: t, loc: where };
      }
      case "<<": case ">>": {
        if (!(isInteger(lt) || lt.kind === "vector") || !(isInteger(rt) || rt.kind === "vector")) return this.invalidOperands(op, l, r, at);
        if (lt.kind === "vector" || rt.kind === "vector") {
          const vt = lt.kind === "vector" ? lt : rt;
          return { kind: "binary", op: op as BinOp, left: this.operandOf(l, vt), right: this.operandOf(r, vt), type: unqualified(vt), loc: where };
        }
        const a = this.promote(l);
        const b = this.promote(r);
        this.checkShiftCount(op, a.type, b, at);
        return { kind: "binary", op, left: a, right: b, type: a.type, loc: where };
      }
      case "+": {
        if ((isArithmetic(lt) || lt.kind === "vector") && (isArithmetic(rt) || rt.kind === "vector")) {
          const [a, b, t] = this.arith(l, r);
          return { kind: "binary", op, left: a, right: b, type: t, loc: where };
        }
        if (lt.kind === "pointer" && isInteger(rt)) return this.ptrAdd(l, r, false, at);
        if (rt.kind === "pointer" && isInteger(lt)) return this.ptrAdd(r, l, false, at);
        return this.invalidOperands(op, l, r, at);
      }
      case "-": {
        if ((isArithmetic(lt) || lt.kind === "vector") && (isArithmetic(rt) || rt.kind === "vector")) {
          const [a, b, t] = this.arith(l, r);
          return { kind: "binary", op, left: a, right: b, type: t, loc: where };
        }
        if (lt.kind === "pointer" && isInteger(rt)) return this.ptrAdd(l, r, true, at);
        if (lt.kind === "pointer" && rt.kind === "pointer") {
          if (!compatibleUnqual(unqualified(lt.to), unqualified(rt.to))) {
            this.error(at, "invalid operands to binary - (have '" + typeToString(lt) + "' and '" + typeToString(rt) + "')");
          }
          const to = lt.to;
          if (hasVariableSize(to)) {
            const d: Expr = { kind: "ptrdiff", left: l, right: r, scale: 1, type: this.bt.long, loc: where };
            return { kind: "binary", op: "/", left: d, right: this.convert(this.sizeExpr(to, at), this.bt.long), type: this.bt.long, loc: where };
          }
          const scale = to.kind === "void" || to.kind === "function" ? 1 : sizeOf(to);
          if (!isComplete(to) && to.kind !== "void") this.error(at, "arithmetic on pointer to an incomplete type");
          return { kind: "ptrdiff", left: l, right: r, scale: scale || 1, type: this.bt.long, loc: where };
        }
        return this.invalidOperands(op, l, r, at);
      }
      case "<": case ">": case "<=": case ">=": case "==": case "!=": {
        const eq = op === "==" || op === "!=";
        if ((isArithmetic(lt) || lt.kind === "vector") && (isArithmetic(rt) || rt.kind === "vector")) {
          if (!eq && (lt.kind === "complex" || rt.kind === "complex")) return this.invalidOperands(op, l, r, at);
          const [a, b, t] = this.arith(l, r);
          if (isInteger(t) && !isSigned(t)) this.warnSignCompare(l, r, eq, at);
          return { kind: "binary", op, left: a, right: b, type: t.kind === "vector" ? t : this.bt.int, loc: where };
        }
        if (lt.kind === "pointer" && rt.kind === "pointer") {
          const pa = unqualified(lt.to);
          const pb = unqualified(rt.to);
          if (!compatibleUnqual(pa, pb)) {
            if (eq && (pa.kind === "void" || pb.kind === "void")) { /* fine */ }
            else if (eq && (this.isNullPointerConstant(l) || this.isNullPointerConstant(r))) { /* fine */ }
            else this.warn(at, "comparison of distinct pointer types lacks a cast", "compare-distinct-pointer-types");
          }
          const common = pa.kind === "void" ? lt : rt.to.kind === "void" ? rt : lt;
          return { kind: "binary", op: op as BinOp, left: this.convert(l, common), right: this.convert(r, common), type: this.bt.int, loc: where };
        }
        if (lt.kind === "pointer" && isInteger(rt)) {
          if (!this.isNullPointerConstant(r)) this.warn(at, "comparison between pointer and integer");
          else if (!eq) this.diags.warningIfEnabled(loc(at), "ordered comparison of pointer with integer zero", "extra");
          return { kind: "binary", op: op as BinOp, left: l, right: this.convert(r, lt), type: this.bt.int, loc: where };
        }
        if (rt.kind === "pointer" && isInteger(lt)) {
          if (!this.isNullPointerConstant(l)) this.warn(at, "comparison between pointer and integer");
          return { kind: "binary", op: op as BinOp, left: this.convert(l, rt), right: r, type: this.bt.int, loc: where };
        }
        return this.invalidOperands(op, l, r, at);
      }
    }
    return this.invalidOperands(op, l, r, at);
  }

  private checkDivZero(b: Expr): void {
    if (b.kind === "int" && b.value === 0n) this.warn(b.loc, "division by zero", "div-by-zero");
  }

  private ptrAdd(p: Expr, i: Expr, negate: boolean, at: SrcLoc): Expr {
    const pt = p.type as PointerType;
    if (!isComplete(pt.to) && pt.to.kind !== "void" && pt.to.kind !== "function") {
      this.error(at, `invalid use of undefined type '${typeToString(pt.to)}'`);
    }
    let idx = this.convert(this.promote(i), this.bt.long);
    if (negate) idx = idx.kind === "int" ? { ...idx, value: BigInt.asIntN(64, -idx.value) } : { kind: "unary", op: "neg", operand: idx, type: this.bt.long, loc: idx.loc };
    const { index, scale } = this.scaledIndex(pt, idx, at);
    return { kind: "ptradd", ptr: p, index, scale, type: unqualified(pt), loc: loc(at) };
  }

  private castExpr(): Expr {
    this.enterNesting();
    try {
      return this.castExprUnguarded();
    } finally {
      this.depth--;
    }
  }

  private castExprUnguarded(): Expr {
    if (this.is("(") && this.isTypeNameStart(this.peek(1))) {
      const open = this.next();
      const t = this.typeName();
      this.expect(")");
      if (this.is("{")) return this.postfixTail(this.compoundLiteral(t, open));
      const e = this.castExpr();
      return this.makeCast(t, e, open);
    }
    return this.unary();
  }

  private makeCast(t0: Type, e0: Expr, at: SrcLoc): Expr {
    const e = this.rvalue(e0);
    const pending = this.takePendingVla();
    const t = unqualified(t0);
    const wrap = (x: Expr): Expr => (pending ? this.commaPrefix(pending, x) : x);
    const from = e.type;
    if (t.kind === "void") return wrap({ kind: "cast", operand: e, type: t, implicit: false, loc: loc(at) });
    if (t.kind === "union" && !compatibleUnqual(t, unqualified(from))) {
      // GNU cast to union: a union whose member of the operand's type holds the value.
      const m = t.rec.members.find((mm) => compatibleUnqual(unqualified(mm.type), unqualified(from)));
      if (!m) { this.error(at, "cast to union type from type not present in union"); return e; }
      return wrap({ kind: "cast", operand: e, type: t, implicit: false, loc: loc(at) });
    }
    if (!isScalar(t) && t.kind !== "vector") {
      if (compatibleUnqual(t, unqualified(from))) return e; // GNU: cast to the same struct type
      this.error(at, "conversion to non-scalar type requested");
      return e;
    }
    if (from.kind === "void") { this.error(at, "void value not ignored as it ought to be"); return this.zeroOf(t, at); }
    if (!isScalar(from) && from.kind !== "vector") {
      this.error(at, t.kind === "pointer" ? "cannot convert to a pointer type" : isFloating(t) ? "aggregate value used where a floating-point was expected" : "aggregate value used where an integer was expected");
      return this.zeroOf(t, at);
    }
    if (t.kind === "pointer" && (isFloating(from) || from.kind === "complex")) { this.error(at, "cannot convert to a pointer type"); return this.zeroOf(t, at); }
    if (from.kind === "pointer" && (isFloating(t) || t.kind === "complex")) { this.error(at, "pointer value used where a floating-point was expected"); return this.zeroOf(t, at); }
    if (from.kind === "pointer" && isInteger(t) && sizeOf(t) < 8 && !isBool(t)) {
      this.warn(at, "cast from pointer to integer of different size", "pointer-to-int-cast");
    }
    if (e.kind === "int" && (t.kind === "int" || t.kind === "enum")) return wrap({ kind: "int", value: wrapInt(e.value, t), type: t, loc: loc(at) });
    return wrap({ kind: "cast", operand: e, type: t, implicit: false, loc: loc(at) });
  }

  private compoundLiteral(t0: Type, at: Token): Expr {
    let t = t0;
    if (hasVariableSize(t)) { this.error(at, "compound literal has variable size"); t = this.bt.int; }
    if (t.kind === "function") { this.error(at, "compound literal has function type"); t = this.bt.int; }
    this.takePendingVla();
    if (this.fn) {
      const sym = this.newTemp(".compound", t, at, "compound");
      const { items, type } = this.initializer(t, false);
      sym.type = type;
      return { kind: "compound", sym, init: { zeroFill: isAggregateType(type), items }, type, loc: loc(at) };
    }
    const sym = this.newObject(".compound", t, at, "static", "internal", true);
    sym.anon = "compound";
    sym.defined = true;
    sym.asmName = `.L.compound.${sym.id}`;
    const { items, type } = this.initializer(t, true);
    sym.type = type;
    sym.init = this.staticInit(type, items, undefined);
    this.tu.globals.push(sym);
    return { kind: "compound", sym, type, loc: loc(at) };
  }

  private unary(): Expr {
    this.enterNesting();
    try {
      return this.unaryUnguarded();
    } finally {
      this.depth--;
    }
  }

  private unaryUnguarded(): Expr {
    const t = this.peek();
    if (t.kind === "punct") {
      switch (t.text) {
        case "++": case "--": {
          this.next();
          const e = this.unary();
          return this.incDec(t.text, e, true, t);
        }
        case "&": {
          this.next();
          return this.addressOf(this.castExpr(), t);
        }
        case "&&": {
          // GNU label address.
          this.next();
          const lt = this.next();
          if (lt.kind !== "ident") { this.pos--; this.syntaxError("expected identifier"); }
          if (!this.fn) { this.error(t, "taking the address of a label outside a function"); return this.intConst(0, this.bt.voidPtr, t); }
          const l = this.useLabel(lt);
          l.addressTaken = true;
          return { kind: "labeladdr", label: l, type: this.bt.voidPtr, loc: loc(t) };
        }
        case "*": {
          this.next();
          return this.deref(this.castExpr(), t);
        }
        case "+": case "-": case "~": {
          this.next();
          const e = this.rvalue(this.castExpr());
          const okT = t.text === "~" ? isInteger(e.type) || e.type.kind === "complex" || e.type.kind === "vector" : isArithmetic(e.type) || e.type.kind === "vector";
          if (!okT) {
            this.error(t, t.text === "~" ? "wrong type argument to bit-complement" : t.text === "-" ? "wrong type argument to unary minus" : "wrong type argument to unary plus");
            return e;
          }
          const p = this.promote(e);
          if (t.text === "+") return p;
          if (t.text === "~" && p.type.kind === "complex") return { kind: "builtin", name: "__builtin_conj", args: [p], type: p.type, loc: loc(t) };
          if (p.kind === "int") return this.intConst(t.text === "-" ? -p.value : ~p.value, p.type, t);
          if (p.kind === "float" && t.text === "-") return { ...p, value: -p.value, literal: p.literal !== undefined ? (p.literal.startsWith("-") ? p.literal.slice(1) : "-" + p.literal) : undefined, loc: loc(t) };
          return { kind: "unary", op: t.text === "-" ? "neg" : "bitnot", operand: p, type: p.type, loc: loc(t) };
        }
        case "!": {
          this.next();
          const e = this.rvalue(this.castExpr());
          if (!isScalar(e.type)) { this.error(t, "wrong type argument to unary exclamation mark"); return this.intConst(0, this.bt.int, t); }
          if (e.kind === "int") return this.intConst(e.value === 0n ? 1 : 0, this.bt.int, t);
          return { kind: "unary", op: "not", operand: e, type: this.bt.int, loc: loc(t) };
        }
      }
      return this.postfix();
    }
    if (t.kind === "ident") {
      switch (t.text) {
        case "sizeof": return this.sizeofExpr();
        case "_Alignof": case "__alignof__": case "__alignof": case "alignof": {
          if (t.text === "alignof" && !this.c23) break;
          this.next();
          let ty: Type;
          const tyAt = this.peek(1);
          if (this.is("(") && this.isTypeNameStart(this.peek(1))) {
            this.next();
            ty = this.typeName();
            this.expect(")");
            this.takePendingVla();
          } else {
            const e = this.unary();
            ty = e.type;
            // gcc: __alignof__ of an object honours its declared alignment.
            if (e.kind === "var" && e.sym.kind === "object" && e.sym.align) return this.intConst(Math.max(e.sym.align, alignOf(ty)), this.bt.sizeT, t);
            if (e.kind === "var" && e.sym.kind === "function") return this.intConst(e.sym.attrs.aligned ?? 1, this.bt.sizeT, t);
          }
          if (ty.kind === "function") this.warn(t, "invalid application of '__alignof__' to a function type", "pointer-arith");
          else if (!isComplete(ty) && ty.kind !== "void" && !(ty.kind === "array")) this.error(tyAt, `invalid application of '__alignof__' to incomplete type '${typeToString(ty)}'`);
          return this.intConst(alignOf(ty), this.bt.sizeT, t);
        }
        case "__extension__": this.next(); return this.castExpr();
        case "__real__": case "__real": case "__imag__": case "__imag": {
          this.next();
          const e = this.castExpr();
          const isReal = t.text.startsWith("__real");
          if (e.type.kind === "complex") {
            const part = e.type.elem;
            return { kind: isReal ? "real" : "imag", operand: e, type: qualified(part, e.type.quals), loc: loc(t) };
          }
          if (!isArithmetic(e.type)) { this.error(t, `wrong type argument to ${isReal ? "__real__" : "__imag__"}`); return e; }
          if (isReal) return this.rvalue(e);
          return { kind: "comma", left: this.rvalue(e), right: this.zeroOf(unqualified(e.type), t), type: unqualified(e.type), loc: loc(t) };
        }
      }
    }
    return this.postfix();
  }

  private sizeofExpr(): Expr {
    this.next();
    const kw = this.peek(this.is("(") && this.isTypeNameStart(this.peek(1)) ? 1 : 0);
    let ty: Type;
    let operand: Expr | undefined;
    if (this.is("(") && this.isTypeNameStart(this.peek(1))) {
      const open = this.next();
      ty = this.typeName();
      this.expect(")");
      if (this.is("{")) {
        operand = this.postfixTail(this.compoundLiteral(ty, open));
        ty = operand.type;
      }
    } else {
      operand = this.unary();
      ty = operand.type;
      if (operand.kind === "member" && operand.member.bitWidth !== undefined) {
        this.error(kw, "'sizeof' applied to a bit-field");
      }
    }
    if (ty.kind === "function") { this.warn(kw, "invalid application of 'sizeof' to a function type", "pointer-arith"); return this.intConst(1, this.bt.sizeT, kw); }
    if (ty.kind === "void") return this.intConst(1, this.bt.sizeT, kw);
    if (!isComplete(ty) && !hasVariableSize(ty)) {
      this.error(kw, `invalid application of 'sizeof' to incomplete type '${typeToString(ty)}'`);
      return this.intConst(0, this.bt.sizeT, kw);
    }
    if (hasVariableSize(ty)) {
      const pending = this.takePendingVla();
      const size = this.sizeExpr(ty, kw);
      return pending ? this.commaPrefix(pending, size) : size;
    }
    this.takePendingVla();
    return this.intConst(sizeOf(ty), this.bt.sizeT, kw);
  }

  private incDec(op: string, e: Expr, prefix: boolean, at: Token): Expr {
    const what = op === "++" ? "increment" : "decrement";
    if (e.type.kind === "void") { this.error(at, "invalid use of void expression"); return e; }
    if (!this.checkModifiable(e, what, at)) return this.rvalue(e);
    const t = unqualified(e.type);
    if (!isScalar(t) && t.kind !== "vector") {
      this.error(at, `wrong type argument to ${what}`);
      return e;
    }
    let scale = 1;
    if (t.kind === "pointer") {
      if (hasVariableSize(t.to)) {
        const one = this.intConst(1, this.bt.long, at);
        const { index } = this.scaledIndex(t, one, at);
        if (prefix) return { kind: "opassign", op: op === "++" ? "+" : "-", target: e, value: index, opType: t, scale: 1, type: t, loc: loc(at) };
        // x++ on a VLA pointer: (x += n) - n
        const inc: Expr = { kind: "opassign", op: op === "++" ? "+" : "-", target: e, value: index, opType: t, scale: 1, type: t, loc: loc(at) };
        const back: Expr = { kind: "unary", op: "neg", operand: index, type: this.bt.long, loc: loc(at) };
        return { kind: "ptradd", ptr: inc, index: op === "++" ? back : index, scale: 1, type: t, loc: loc(at) };
      }
      scale = this.scaledIndex(t, this.intConst(1, this.bt.long, at), at).scale;
    }
    return { kind: "incdec", op: op as "++" | "--", prefix, target: e, scale, type: t, loc: loc(at) };
  }

  private addressOf(e: Expr, at: Token): Expr {
    if (e.kind === "deref") {
      // &*p is p (6.5.3.2p3), without the lvalue.
      const p = e.ptr;
      return p.type.kind === "pointer" ? p : this.rvalue(p);
    }
    if (e.type.kind === "function") {
      if (e.kind === "var" && e.sym.kind === "function") e.sym.addressTaken = true;
      return { kind: "addr", operand: e, type: pointerTo(e.type), loc: loc(at) };
    }
    if (e.kind === "labeladdr") return e;
    if (!this.isLvalue(e)) {
      this.error(at, "lvalue required as unary '&' operand");
      return this.intConst(0, pointerTo(e.type), at);
    }
    if (e.kind === "member" && e.member.bitWidth !== undefined) {
      this.error(at, `cannot take address of bit-field '${e.member.name ?? ""}'`);
      return this.intConst(0, pointerTo(e.type), at);
    }
    if (e.kind === "var" && e.sym.kind === "object" && e.sym.storage === "register") {
      this.error(at, `address of register variable '${e.sym.name}' requested`);
    }
    this.markAddressTaken(e, true);
    if (e.kind === "string") this.stringObject(e);
    return { kind: "addr", operand: e, type: pointerTo(e.type), loc: loc(at) };
  }

  private deref(e0: Expr, at: SrcLoc): Expr {
    const e = this.rvalue(e0);
    if (e.type.kind === "void") {
      this.error(e.loc, "void value not ignored as it ought to be");
      return { kind: "deref", ptr: this.intConst(0, this.bt.voidPtr, at), type: this.bt.int, loc: loc(at) };
    }
    if (e.type.kind !== "pointer") {
      this.error(at, `invalid type argument of unary '*' (have '${typeToString(e.type)}')`);
      return { kind: "deref", ptr: this.intConst(0, this.bt.voidPtr, at), type: this.bt.int, loc: loc(at) };
    }
    const to = e.type.to;
    if (to.kind === "void") this.warn(at, "dereferencing 'void *' pointer");
    return { kind: "deref", ptr: e, type: to, loc: loc(at) };
  }

  private postfix(): Expr {
    return this.postfixTail(this.primary());
  }

  private postfixTail(e0: Expr): Expr {
    let e = e0;
    for (;;) {
      const t = this.peek();
      if (t.kind !== "punct") return e;
      switch (t.text) {
        case "[": {
          this.next();
          const idx = this.expr();
          this.expect("]");
          e = this.subscript(e, idx, t);
          continue;
        }
        case "(": {
          this.next();
          const args: Expr[] = [];
          if (!this.is(")")) {
            for (;;) {
              args.push(this.assignExpr());
              if (!this.accept(",")) break;
            }
          }
          this.expect(")");
          e = this.makeCall(e, args, t);
          continue;
        }
        case ".": case "->": {
          this.next();
          const nt = this.next();
          if (nt.kind !== "ident") { this.pos--; this.syntaxError("expected identifier"); }
          e = this.memberAccess(e, nt, t.text === "->", t);
          continue;
        }
        case "++": case "--": {
          this.next();
          e = this.incDec(t.text, e, false, t);
          continue;
        }
      }
      return e;
    }
  }

  private subscript(a0: Expr, i0: Expr, at: Token): Expr {
    // Vectors: v[i] addresses the element in memory.
    if (a0.type.kind === "vector") {
      if (this.isLvalue(a0)) {
        const ptr = { kind: "cast", operand: this.addressOf(a0, at), type: pointerTo(qualified(a0.type.elem, a0.type.quals)), implicit: false, loc: a0.loc } as Expr;
        return this.deref(this.ptrAdd(ptr, this.rvalue(i0), false, at), at);
      }
      // An rvalue vector: extract the element.
      return { kind: "builtin", name: "__builtin_vec_extract", args: [a0, this.convert(this.promote(this.rvalue(i0)), this.bt.long)], type: unqualified(a0.type.elem), loc: loc(at) };
    }
    const a = this.rvalue(a0);
    const i = this.rvalue(i0);
    let p: Expr;
    if (a.type.kind === "pointer" && isInteger(i.type)) p = this.ptrAdd(a, i, false, at);
    else if (i.type.kind === "pointer" && isInteger(a.type)) p = this.ptrAdd(i, a, false, at);
    else if (a.type.kind === "pointer" || i.type.kind === "pointer") {
      this.error(at, "array subscript is not an integer");
      return { kind: "deref", ptr: a.type.kind === "pointer" ? a : i, type: ((a.type.kind === "pointer" ? a : i).type as PointerType).to, loc: loc(at) };
    } else {
      this.error(at, "subscripted value is neither array nor pointer nor vector");
      return this.intConst(0, this.bt.int, at);
    }
    return this.deref(p, at);
  }

  private memberAccess(base0: Expr, name: Token, arrow: boolean, at: Token): Expr {
    let base = base0;
    if (arrow) {
      const b = this.rvalue(base0);
      if (b.type.kind !== "pointer") {
        this.error(at, `invalid type argument of '->' (have '${typeToString(b.type)}')`);
        return this.intConst(0, this.bt.int, at);
      }
      base = { kind: "deref", ptr: b, type: b.type.to, loc: b.loc };
    }
    const t = base.type;
    if (!arrow && t.kind === "pointer" && isRecord(t.to)) {
      this.error(at, `'${base.kind === "var" ? base.sym.name : typeToString(t)}' is a pointer; did you mean to use '->'?`);
      return this.memberAccess(base0, name, true, at);
    }
    if (!isRecord(t)) {
      this.error(at, `request for member '${name.text}' in something not a structure or union`);
      return this.intConst(0, this.bt.int, at);
    }
    if (!t.rec.complete) {
      this.error(at, `invalid use of undefined type '${typeToString(unqualified(t))}'`);
      return this.intConst(0, this.bt.int, at);
    }
    const path = findMember(t.rec, name.text);
    if (!path) {
      this.error(at, `'${typeToString(unqualified(t))}' has no member named '${name.text}'`);
      return this.intConst(0, this.bt.int, at);
    }
    let e = base;
    for (const m of path) {
      const type = qualified(m.type, e.type.quals);
      e = m.offsetVar
        ? { kind: "member", base: e, member: m, offset: { kind: "var", sym: m.offsetVar as ObjectSymbol, type: this.bt.ulong, loc: loc(name) }, type, loc: loc(name) }
        : { kind: "member", base: e, member: m, type, loc: loc(name) };
    }
    return e;
  }

  private calleeName(e: Expr): string | undefined {
    if (e.kind === "var") return e.sym.name;
    if (e.kind === "decay" && e.operand.kind === "var") return e.operand.sym.name;
    return undefined;
  }

  private makeCall(callee0: Expr, args0: Expr[], _paren: Token): Expr {
    const at = callee0.loc;
    const name = this.calleeName(callee0);
    const callee = this.rvalue(callee0);
    if (callee.type.kind !== "pointer" || callee.type.to.kind !== "function") {
      this.error(at, name ? `called object '${name}' is not a function or function pointer` : "called object is not a function or function pointer");
      return this.intConst(0, this.bt.int, at);
    }
    const ft = callee.type.to;
    const fnName = name ?? "<function>";
    const args: Expr[] = [];
    const sym = callee0.kind === "var" && callee0.sym.kind === "function" ? callee0.sym : undefined;
    if (ft.prototyped && !(sym && sym.implicit)) {
      if (args0.length > ft.params.length && !ft.variadic) {
        this.error(at, `too many arguments to function '${fnName}'`);
        if (sym) this.note(sym.loc, "declared here");
      } else if (args0.length < ft.params.length) {
        this.error(at, `too few arguments to function '${fnName}'`);
        if (sym) this.note(sym.loc, "declared here");
      }
    }
    for (let i = 0; i < args0.length; i++) {
      const a = args0[i];
      if (ft.prototyped && i < ft.params.length) {
        const pt = ft.params[i].type;
        if (!isComplete(pt)) { this.error(a.loc, `invalid use of undefined type '${typeToString(pt)}'`); args.push(a); continue; }
        if (hasVariableSize(pt)) { this.error(a.loc, `passing a variably sized '${typeToString(pt)}' by value is not supported`); args.push(a); continue; }
        args.push(this.assignConvert(a, pt, { kind: "argument", argIndex: i + 1, fnName }));
      } else {
        args.push(this.variadicArgument(this.defaultPromote(a)));
      }
    }
    if (sym) this.checkFormatCall(sym, args0, args, at);
    const ret = unqualified(ft.ret);
    if (ret.kind !== "void" && !isComplete(ret)) this.error(at, `invalid use of undefined type '${typeToString(ret)}'`);
    const fn = this.fn;
    if (fn && sym) {
      const n = sym.name;
      if (n === "setjmp" || n === "_setjmp" || n === "sigsetjmp" || n === "__sigsetjmp" || n === "savectx" || n === "vfork" || n === "getcontext" || sym.attrs.returnsTwice) fn.def.callsSetjmp = true;
      if (n === "alloca") fn.def.usesAlloca = true;
    }
    return { kind: "call", callee, args, fnType: ft, type: ret, loc: loc(at) };
  }

  /**
   * gcc passes values of variable size by invisible reference on every target
   * (calls.c, pass_by_reference): the argument is the address of a copy, in
   * space allocated on the caller's stack like alloca's; `va_arg` of such a
   * type reads the pointer (see vaArg). Other arguments are unchanged.
   */
  /**
   * -Wformat: the format string of a call to a function with a format
   * attribute (or one of the C library's, which gcc knows as builtins)
   * against the arguments after it.
   */
  private checkFormatCall(sym: FunctionSymbol, args0: readonly Expr[], args: readonly Expr[], at: SrcLoc): void {
    if (!this.diags.enabled("format")) return;
    const attr = sym.attrs.format;
    const library = sym.linkage === "external" ? LIBRARY_FORMATS[sym.name] : undefined;
    const style = attr ? formatStyle(attr.archetype) : library?.[0];
    if (!style) return;
    const [fmtIndex, firstArg] = attr ? [attr.fmtIndex, attr.firstArg] : [library![1], library![2]];
    const fmt = args0[fmtIndex - 1];
    if (!fmt) return;
    const literals = this.formatLiterals(fmt);
    const warn = (l: SrcLoc, message: string, option: string): void => this.diags.warningIfEnabled(l, message, option);
    // A call spelled in a macro of another file (Lua's l_sprintf) is reported where its format argument is written.
    if (at.file !== fmt.loc.file) at = fmt.loc;
    if (!literals) {
      // A va_list function (no arguments to check) is normally handed a variable format: only strftime's is reported.
      if (firstArg === 0) { if (style === "strftime") warn(at, "format not a string literal, format string not checked", "format-nonliteral"); }
      else if (args0.length < firstArg) warn(at, "format not a string literal and no format arguments", this.diags.enabled("format-security") ? "format-security" : "format-nonliteral");
      else warn(at, "format not a string literal, argument types not checked", "format-nonliteral");
      return;
    }
    const checked = firstArg > 0 ? args.slice(firstArg - 1).map((a, k) => {
      const written = args0[firstArg - 1 + k];
      // gcc says `'size_t' {aka 'long unsigned int'}` for an object declared with a typedef, passed unconverted.
      const typedefName = a !== written ? undefined : written.kind === "var" && written.sym.kind !== "function" ? written.sym.typedefName : written.kind === "member" ? written.member.typedefName : undefined;
      return { type: a.type, shown: shownArgumentType(a.type, typedefName) };
    }) : [];
    for (const format of literals) {
      checkFormat({ style, format, args: checked, checkArguments: firstArg > 0, firstArgNumber: firstArg, callLoc: at, bt: this.bt, warn });
    }
  }

  /** The string literals a format argument can be (both arms of `?:`, through gettext-like `format_arg` functions), or undefined. */
  private formatLiterals(e: Expr): StringLit[] | undefined {
    switch (e.kind) {
      case "string": return [e];
      case "decay": case "cast": return this.formatLiterals(e.operand);
      case "cond": {
        const a = e.then && this.formatLiterals(e.then);
        const b = this.formatLiterals(e.else);
        return a && b ? [...a, ...b] : undefined;
      }
      case "call": {
        const callee = e.callee.kind === "decay" ? e.callee.operand : e.callee;
        if (callee.kind !== "var" || callee.sym.kind !== "function") return undefined;
        const n = callee.sym.attrs.formatArg ?? (callee.sym.linkage === "external" ? LIBRARY_FORMAT_ARGS[callee.sym.name] : undefined);
        const arg = n !== undefined ? e.args[n - 1] : undefined;
        return arg && this.formatLiterals(arg);
      }
      default: return undefined;
    }
  }

  private variadicArgument(a: Expr): Expr {
    if (!isRecord(a.type) || !hasVariableSize(a.type) || !this.fn) return a;
    const t = unqualified(a.type);
    const pt = pointerTo(t);
    const at = a.loc;
    const size = this.sizeExpr(t, at);
    const copy = this.newTemp("__arg_copy", pt, at, "temp");
    const space: Expr = { kind: "builtin", name: "__builtin_alloca", args: [size], type: this.bt.voidPtr, loc: at };
    const ref: Expr = { kind: "var", sym: copy, type: pt, loc: at };
    const steps: Expr[] = [
      this.assignTo(copy, { kind: "cast", operand: space, implicit: true, type: pt, loc: at }),
      { kind: "assign", target: { kind: "deref", ptr: ref, type: t, loc: at }, value: a, size, type: t, loc: at },
    ];
    this.fn.def.usesAlloca = true;
    return this.commaPrefix(steps, ref);
  }

  /** Default argument promotions (6.5.2.2p6). */
  private defaultPromote(a0: Expr): Expr {
    const a = this.rvalue(a0);
    if (a.type.kind === "void") { this.error(a.loc, "invalid use of void expression"); return this.intConst(0, this.bt.int, a.loc); }
    if (a.type.kind === "float" && (a.type.name === "float" || a.type.name === "float16")) return this.convert(a, this.bt.double);
    if (isInteger(a.type)) return this.promote(a);
    return a;
  }

  // -------------------------------------------------------------------------
  // Primary expressions (6.5.1).

  private primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case "number": this.next(); return this.numberConst(t);
      case "char": this.next(); return this.charConst(t);
      case "string": return this.stringLiteral();
      case "punct":
        if (t.text === "(") {
          this.next();
          if (this.is("{")) return this.statementExpression(t);
          const e = this.expr();
          this.expect(")");
          this.parenthesized.add(e);
          return e;
        }
        break;
      case "ident": return this.identifierExpr();
      default: break;
    }
    this.syntaxError("expected expression");
  }

  private numberConst(t: Token): Expr {
    const r = parseNumber(t.text);
    if (typeof r === "string") {
      this.error(t, r);
      return this.intConst(0, this.bt.int, t);
    }
    if (r.kind === "int") {
      if (r.tooLarge) this.error(t, "integer constant is too large for its type");
      else if (r.soLargeUnsigned) this.warn(t, "integer constant is so large that it is unsigned");
      const ty: IntType = this.bt[r.type];
      const c: Expr = { kind: "int", value: wrapInt(r.value, ty), type: ty, loc: loc(t) };
      if (r.imaginary) return { kind: "builtin", name: "__builtin_complex", args: [this.intConst(0, ty, t), c], type: { kind: "complex", elem: ty, quals: 0 }, loc: loc(t) };
      return c;
    }
    const bt = this.bt;
    const ty: FloatType = r.type === "float" ? bt.float : r.type === "double" || r.type === "float32x" ? bt.double
      : r.type === "ldouble" || r.type === "float64x" ? bt.ldouble : r.type === "float16" ? bt.float16 : bt.float128;
    const wide = ty.format === "x87" || ty.format === "f128";
    if (r.imaginary) {
      return { kind: "float", value: r.value, type: { kind: "complex", elem: ty, quals: 0 }, imaginary: true, literal: wide ? r.text : undefined, loc: loc(t) } as Expr;
    }
    return { kind: "float", value: r.value, type: ty, literal: wide ? r.text : undefined, loc: loc(t) };
  }

  private charConst(t: Token): Expr {
    const c = decodeChar(t.text, this.bt.char.signed, this.bt.wchar.size === 2 ? 2 : 4);
    for (const e of c.errors) this.error(t, e);
    for (const w of c.warnings) this.warn(t, w, w.startsWith("multi") ? "multichar" : undefined);
    const ty: IntType = c.enc === "" ? this.bt.int : c.enc === "L" ? this.bt.wchar : c.enc === "u" ? this.bt.char16 : c.enc === "U" ? this.bt.char32 : this.bt.uchar;
    return { kind: "int", value: wrapInt(c.value, ty), type: ty, loc: loc(t) };
  }

  /** Adjacent string literals are concatenated (6.4.5p5); the encoding is the one prefix present. */
  private stringLiteral(): StringLit {
    const first = this.peek();
    let enc: Encoding = "";
    const bodies: { body: string; at: Token }[] = [];
    while (this.peek().kind === "string") {
      const s = this.next();
      const p = prefixOf(s.text);
      if (p.enc !== "" && enc !== "" && p.enc !== enc) this.error(s, "unsupported non-standard concatenation of string literals");
      else if (p.enc !== "") enc = p.enc;
      bodies.push({ body: p.body.slice(1, -1), at: s });
    }
    const width = encodingWidth(enc, this.bt.wchar.size === 2 ? 2 : 4);
    const units: number[] = [];
    const pieces: StringPiece[] = [];
    for (const b of bodies) {
      const d = decodeQuoted(b.body, width);
      for (const e of d.errors) this.error(first, e);
      for (const w of d.warnings) this.warn(first, w);
      for (const u of d.units) units.push(u);
      // The body starts after the quote and any prefix (L, u8...).
      pieces.push({ loc: { ...loc(b.at), col: b.at.col + b.at.text.indexOf('"') + 1 }, body: b.body, units: d.units.length, expanded: b.at.origin !== undefined || b.at.expanded === true });
    }
    units.push(0);
    const bytes = new Uint8Array(units.length * width);
    for (let i = 0; i < units.length; i++) {
      let u = units[i];
      for (let k = 0; k < width; k++) { bytes[i * width + k] = u & 0xff; u = Math.floor(u / 256); }
    }
    const elem: IntType = enc === "" ? this.bt.char : enc === "u8" ? (this.c23 ? this.bt.uchar : this.bt.char) : enc === "L" ? this.bt.wchar : enc === "u" ? this.bt.char16 : this.bt.char32;
    return { kind: "string", bytes, elem, type: arrayOf(elem, units.length), loc: loc(first), pieces };
  }

  private statementExpression(open: Token): Expr {
    if (!this.fn) {
      this.error(open, "braced-group within expression allowed only inside a function");
      this.skipBraces();
      this.expect(")");
      return this.intConst(0, this.bt.int, open);
    }
    const block = this.compoundStatement(true);
    this.expect(")");
    const body = block.body;
    let result: Expr | undefined;
    const last = body[body.length - 1];
    if (last && last.kind === "expr") {
      body.pop();
      result = this.rvalue(last.expr);
    } else if (last && last.kind === "label") {
      // `({ ... out: ret; })` (the kernel's ___wait_event): a labelled expression
      // statement still gives the value; the label stays where it was, before it.
      let inner: Stmt = last;
      const labels: (Stmt & { kind: "label" })[] = [];
      while (inner.kind === "label") { labels.push(inner); inner = inner.body; }
      if (inner.kind === "expr") {
        body.pop();
        for (const l of labels) body.push({ ...l, body: { kind: "empty", loc: inner.loc } });
        result = this.rvalue(inner.expr);
      }
    }
    return { kind: "stmtexpr", body, result, type: result ? unqualified(result.type) : this.bt.void, loc: loc(open) };
  }

  private funcNameString(at: Token): Expr {
    const fn = this.fn;
    if (!fn) {
      this.warn(at, `'${at.text}' is not defined outside of function scope`);
      return this.makeString("", at);
    }
    return this.makeString(fn.sym.name, at);
  }

  private makeString(text: string, at: SrcLoc): StringLit {
    const bytes = new Uint8Array(text.length + 1);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
    return { kind: "string", bytes, elem: this.bt.char, type: arrayOf(qualified(this.bt.char, Q.Const), bytes.length), loc: loc(at) };
  }

  private identifierExpr(): Expr {
    const t = this.next();
    const name = t.text;
    const sym = this.lookup(name);
    if (sym) {
      switch (sym.kind) {
        case "enumconst": return { kind: "int", value: sym.value, type: sym.type, loc: loc(t) };
        case "object":
          sym.mentions = (sym.mentions ?? 0) + 1;
          return { kind: "var", sym, type: sym.type, loc: loc(t) };
        case "function":
          sym.mentions = (sym.mentions ?? 0) + 1;
          // A call outside the block of an earlier implicit declaration declares the function again.
          if (sym.implicit && this.is("(") && !this.implicitlyDeclaredHere(name)) this.implicitBuiltinMismatch(t, sym.type);
          return { kind: "var", sym, type: sym.type, loc: loc(t) };
        case "typedef":
          this.pos--;
          this.syntaxError("expected expression");
      }
    }
    switch (name) {
      case "__func__": case "__FUNCTION__": case "__PRETTY_FUNCTION__": return this.funcNameString(t);
      case "_Generic": return this.genericSelection(t);
      case "__builtin_va_arg": return this.vaArg(t);
      case "__builtin_offsetof": return this.offsetOf(t);
      case "__builtin_types_compatible_p": {
        this.expect("(");
        const a = this.typeName();
        this.expect(",");
        const b = this.typeName();
        this.expect(")");
        return this.intConst(compatibleUnqual(unqualified(a), unqualified(b)) ? 1 : 0, this.bt.int, t);
      }
      case "__builtin_choose_expr": {
        this.expect("(");
        const c = this.assignExpr();
        this.expect(",");
        const a = this.assignExpr();
        this.expect(",");
        const b = this.assignExpr();
        this.expect(")");
        const v = evalInt(c);
        if (v === undefined) { this.error(c.loc, "first argument to '__builtin_choose_expr' not a constant"); return a; }
        return v !== 0n ? a : b;
      }
      case "__builtin_constant_p": {
        this.expect("(");
        const e = this.assignExpr();
        this.expect(")");
        const r = this.rvalue(e);
        const v = evalConst(r);
        const isConst = v !== undefined && (v.kind !== "addr" || (v.str !== undefined && v.offset === 0n));
        // Not constant yet: inside a function the optimiser may still find it
        // constant (after propagation); lowering decides. Elsewhere it is 0.
        if (!isConst && this.fn && this.opts.optimize && isScalar(r.type)) return { kind: "builtin", name, args: [r], type: this.bt.int, loc: loc(t) };
        return this.intConst(isConst ? 1 : 0, this.bt.int, t);
      }
      case "true": case "false":
        if (this.c23) return this.intConst(name === "true" ? 1 : 0, this.bt.bool, t);
        break;
      case "nullptr":
        if (this.c23) return { kind: "cast", operand: this.intConst(0, this.bt.int, t), type: this.bt.voidPtr, implicit: false, loc: loc(t) };
        break;
    }
    if (this.is("(")) {
      if (name.startsWith("__builtin_") || isAtomicBuiltin(name) || Object.hasOwn(BUILTIN_SIGNATURES, name)) {
        const b = this.builtinCall(t);
        if (b) return b;
      }
      return this.implicitDeclaration(t);
    }
    if (this.fn) {
      this.error(t, `'${name}' undeclared (first use in this function)`);
      if (!this.fn.undeclaredReported) {
        this.note(t, "each undeclared identifier is reported only once for each function it appears in");
        this.fn.undeclaredReported = true;
      }
      // Declare it so it is reported once.
      const s = this.newObject(name, this.bt.int, t, "auto", "none", false);
      s.attrs.unused = true; // a stand-in after an error, not the program's variable
      let fscope = this.scope;
      while (fscope.parent && fscope.kind !== "function") fscope = fscope.parent;
      fscope.vars.set(name, s);
      this.fn.def.locals.push(s);
      return { kind: "var", sym: s, type: s.type, loc: loc(t) };
    }
    this.error(t, `'${name}' undeclared here (not in a function)`);
    return this.intConst(0, this.bt.int, t);
  }

  /** Is `name` implicitly declared in this block or one around it? */
  private implicitlyDeclaredHere(name: string): boolean {
    for (let s: Scope | undefined = this.scope; s; s = s.parent) if (s.implicitFunctions?.has(name)) return true;
    return false;
  }

  /**
   * An implicit declaration (of block scope) of gcc's library builtin `t`,
   * whose prototype `int f()` is not compatible with (another result type,
   * `...`, a parameter that promotes): gcc warns at each one.
   */
  private implicitBuiltinMismatch(t: Token, type: FunctionType): void {
    (this.scope.implicitFunctions ??= new Set()).add(t.text);
    if (librarySignature(t.text) === undefined) return;
    const promotes = (p: Param): boolean => p.type !== this.defaultPromotedType(p.type);
    if (type.ret !== this.bt.int || type.variadic || type.params.some(promotes)) {
      this.warn(t, `incompatible implicit declaration of built-in function '${t.text}'`, "builtin-declaration-mismatch");
    }
  }

  /** A call to an undeclared function declares it `int f()` (C89 6.3.2.2); gcc 12 warns. */
  private implicitDeclaration(t: Token): Expr {
    const name = t.text;
    this.warn(t, `implicit declaration of function '${name}'`, "implicit-function-declaration");
    let type: FunctionType = { kind: "function", ret: this.bt.int, params: [], variadic: false, prototyped: false, quals: 0 };
    const lib = librarySignature(name);
    if (lib) {
      const sig = decodeSignature(lib, this.bt, this.adjustParam(this.vaList));
      type = { kind: "function", ret: sig.ret, params: sig.params.map((p) => ({ name: undefined, type: p })), variadic: sig.variadic, prototyped: true, quals: 0 };
    }
    const prev = this.externals.get(name);
    if (prev) return { kind: "var", sym: prev, type: prev.type, loc: loc(t) };
    if (lib) this.implicitBuiltinMismatch(t, type);
    const sym: FunctionSymbol = {
      kind: "function", name, id: ++symbolIds, loc: loc(t), type, linkage: "external", defined: false, isInline: false,
      externalDefinition: true, implicit: true, attrs: {}, storage: "none", addressTaken: false,
    };
    this.externals.set(name, sym);
    this.fileScope.vars.set(name, sym);
    this.tu.functionSymbols.push(sym);
    return { kind: "var", sym, type, loc: loc(t) };
  }

  private genericSelection(kw: Token): Expr {
    this.expect("(");
    let ctrlType: Type;
    const ctrlAt = this.peek();
    if (this.isTypeNameStart(this.peek())) ctrlType = this.typeName(); // C2y: a type name
    else {
      const ctrl = this.rvalue(this.assignExpr());
      ctrlType = unqualified(ctrl.type);
    }
    let chosen: Expr | undefined;
    let dflt: Expr | undefined;
    const seen: Type[] = [];
    while (this.accept(",")) {
      if (this.is("default")) {
        const dk = this.next();
        this.expect(":");
        const e = this.assignExpr();
        if (dflt) this.error(dk, "duplicate 'default' case in '_Generic'");
        dflt = e;
        continue;
      }
      const at = this.peek();
      const t = this.typeName();
      // 6.5.1.1p2: complete object types, not variably modified, pairwise incompatible.
      if (t.kind === "function") this.error(at, "'_Generic' association has function type");
      else if (hasVariableSize(t)) this.error(at, "'_Generic' association has variable length type");
      else if (!isComplete(t)) this.error(at, `'_Generic' association has incomplete type`);
      else if (seen.some((x) => compatible(x, t))) this.error(at, "'_Generic' specifies two compatible types");
      seen.push(t);
      this.expect(":");
      const e = this.assignExpr();
      if (!chosen && compatible(t, ctrlType)) chosen = e;
    }
    this.expect(")");
    const r = chosen ?? dflt;
    if (!r) {
      this.error(ctrlAt, `'_Generic' selector of type '${typeToString(ctrlType)}' is not compatible with any association`);
      return this.intConst(0, this.bt.int, kw);
    }
    return r;
  }

  /** A va_list argument as the pointer to the va_list object that builtins take. */
  private vaListPointer(e: Expr, errAt: SrcLoc = e.loc): Expr {
    const vl = this.vaList;
    const ok = compatibleUnqual(unqualified(e.type), unqualified(vl)) || (vl.kind === "array" && e.type.kind === "pointer" && compatibleUnqual(unqualified(e.type.to), unqualified(vl.elem)));
    if (!ok) {
      this.error(errAt, "first argument to 'va_arg' not of type 'va_list'");
      return this.intConst(0, this.bt.voidPtr, e.loc);
    }
    if (e.type.kind === "array") return this.rvalue(e); // x86_64: __va_list_tag[1] decays (or is already a pointer as a parameter)
    if (e.type.kind === "pointer" && this.vaList.kind === "array") return e;
    if (!this.isLvalue(e)) { this.error(e.loc, "first argument to 'va_arg' not of type 'va_list'"); return e; }
    this.markAddressTaken(e, true);
    return { kind: "addr", operand: e, type: pointerTo(e.type), loc: e.loc };
  }

  private vaArg(kw: Token): Expr {
    this.expect("(");
    const ap = this.assignExpr();
    this.expect(",");
    const tyAt = this.peek();
    const t = this.typeName();
    this.expect(")");
    if (!isComplete(t)) this.error(kw, `second argument to 'va_arg' is of incomplete type '${typeToString(t)}'`);
    if (isRecord(t) && hasVariableSize(t)) {
      // Passed by reference (see variadicArgument): the argument is a pointer to the value.
      const p = pointerTo(unqualified(t));
      return { kind: "deref", ptr: { kind: "vaarg", ap: this.vaListPointer(ap, tyAt), type: p, loc: loc(kw) }, type: unqualified(t), loc: loc(kw) };
    }
    return { kind: "vaarg", ap: this.vaListPointer(ap, tyAt), type: unqualified(t), loc: loc(kw) };
  }

  private offsetOf(kw: Token): Expr {
    this.expect("(");
    const t = this.typeName();
    this.expect(",");
    let cur = t;
    let offset = 0n;
    let dyn: Expr | undefined;
    const addDyn = (term: Expr): void => {
      dyn = dyn ? { kind: "binary", op: "+", left: dyn, right: term, type: this.bt.ulong, loc: term.loc } : term;
    };
    let first = true;
    for (;;) {
      if (first || this.accept(".")) {
        first = false;
        const nt = this.next();
        if (nt.kind !== "ident") { this.pos--; this.syntaxError("expected identifier"); }
        if (!isRecord(cur) || !cur.rec.complete) { this.error(nt, `'${typeToString(cur)}' is not a structure or union`); break; }
        const path = findMember(cur.rec, nt.text);
        if (!path) { this.error(nt, `'${typeToString(cur)}' has no member named '${nt.text}'`); break; }
        for (const m of path) {
          if (m.offsetVar) addDyn({ kind: "var", sym: m.offsetVar as ObjectSymbol, type: this.bt.ulong, loc: loc(nt) });
          else offset += BigInt(m.offset);
        }
        const last = path[path.length - 1];
        if (last.bitWidth !== undefined) this.error(nt, `attempt to take address of bit-field structure member '${nt.text}'`);
        cur = last.type;
        continue;
      }
      if (this.accept("[")) {
        const e = this.rvalue(this.expr());
        this.expect("]");
        if (cur.kind !== "array") { this.error(e.loc, "subscripted value is neither array nor pointer nor vector"); break; }
        const v = evalInt(e);
        const es = sizeOf(cur.elem);
        if (v !== undefined && !hasVariableSize(cur.elem)) offset += v * BigInt(es);
        else addDyn({ kind: "binary", op: "*", left: this.convert(this.promote(e), this.bt.ulong), right: this.sizeExpr(cur.elem, kw), type: this.bt.ulong, loc: e.loc });
        cur = cur.elem;
        continue;
      }
      break;
    }
    this.expect(")");
    const c = this.intConst(offset, this.bt.sizeT, kw);
    return dyn ? { kind: "binary", op: "+", left: c, right: dyn, type: this.bt.ulong, loc: loc(kw) } : c;
  }

  /** Arguments of a builtin call: `(a, b, ...)` as values. */
  private builtinArgs(): Expr[] {
    this.expect("(");
    const args: Expr[] = [];
    if (!this.is(")")) {
      for (;;) {
        args.push(this.assignExpr());
        if (!this.accept(",")) break;
      }
    }
    this.expect(")");
    return args;
  }

  /** Builtins: the fixed-signature table, and the type-generic ones by hand. Returns undefined for unknown names. */
  private builtinCall(t: Token): Expr | undefined {
    const name = t.text;
    const at = loc(t);
    const bt = this.bt;
    const node = (args: Expr[], type: Type, extra?: { typeArg?: Type; libName?: string }): Expr =>
      ({ kind: "builtin", name, args, type, loc: at, ...extra });
    const fixed = builtinSignature(name);
    if (fixed && !GENERIC_BUILTINS.has(name)) {
      const sig = decodeSignature(fixed, bt, this.adjustParam(this.vaList));
      const args0 = this.builtinArgs();
      if (args0.length < sig.params.length) this.error(at, `too few arguments to function '${name}'`);
      else if (args0.length > sig.params.length && !sig.variadic) this.error(args0[sig.params.length].loc, `too many arguments to function '${name}'`);
      const args = args0.map((a, i) => i < sig.params.length ? this.assignConvert(a, sig.params[i], { kind: "argument", argIndex: i + 1, fnName: name }) : this.defaultPromote(a));
      if (this.fn && (name === "__builtin_alloca" || name === "__builtin_alloca_with_align")) this.fn.def.usesAlloca = true;
      if (this.fn && name === "__builtin_setjmp") this.fn.def.callsSetjmp = true;
      const lib = name.startsWith("__builtin_") && librarySignature(name.slice(10)) !== undefined ? name.slice(10) : undefined;
      return node(args, sig.ret, lib ? { libName: lib } : undefined);
    }
    if (isAtomicBuiltin(name)) return this.atomicBuiltin(t);
    switch (name) {
      case "__builtin_va_start": case "__builtin_c23_va_start": {
        const args = this.builtinArgs();
        if (!this.fn) this.error(at, "'va_start' used outside a function");
        else {
          this.fn.def.usesVarargs = true;
          if (!this.fn.sym.type.variadic) this.error(at, "'va_start' used in function with fixed arguments");
        }
        if (args.length < 1) { this.error(at, `too few arguments to function '${name}'`); return this.intConst(0, bt.int, t); }
        return node([this.vaListPointer(args[0])], bt.void);
      }
      case "__builtin_conj": case "__builtin_conjf": case "__builtin_conjl":
      case "__builtin_creal": case "__builtin_crealf": case "__builtin_creall":
      case "__builtin_cimag": case "__builtin_cimagf": case "__builtin_cimagl": {
        // The C99 complex functions: the argument converted to the function's
        // complex type; conj keeps it, creal/cimag give a part.
        const args = this.builtinArgs();
        const suffix = name[name.length - 1];
        const elem = suffix === "f" ? bt.float : suffix === "l" ? bt.ldouble : bt.double;
        const ct: Type = { kind: "complex", elem, quals: 0 };
        if (args.length !== 1) { this.error(at, `wrong number of arguments to function '${name}'`); return this.intConst(0, bt.int, t); }
        const z = this.assignConvert(args[0], ct, { kind: "argument", argIndex: 1, fnName: name });
        if (name.startsWith("__builtin_conj")) return node([z], ct);
        return { kind: name.startsWith("__builtin_creal") ? "real" : "imag", operand: z, type: elem, loc: at };
      }
      case "__builtin_va_end": {
        const args = this.builtinArgs();
        if (args.length !== 1) { this.error(at, `wrong number of arguments to function '${name}'`); return this.intConst(0, bt.int, t); }
        return node([this.vaListPointer(args[0])], bt.void);
      }
      case "__builtin_va_copy": {
        const args = this.builtinArgs();
        if (args.length !== 2) { this.error(at, `wrong number of arguments to function '${name}'`); return this.intConst(0, bt.int, t); }
        return node([this.vaListPointer(args[0]), this.vaListPointer(args[1])], bt.void);
      }
      case "__builtin_classify_type": {
        const args = this.builtinArgs();
        const ty = args[0] ? this.rvalue(args[0]).type : bt.void;
        const cls = ty.kind === "void" ? 0 : ty.kind === "int" ? (isBool(ty) ? 4 : 1) : ty.kind === "enum" ? 3 : ty.kind === "pointer" ? 5
          : ty.kind === "float" ? 8 : ty.kind === "complex" ? 9 : ty.kind === "struct" ? 12 : ty.kind === "union" ? 13 : ty.kind === "array" ? 14 : 5;
        return this.intConst(cls, bt.int, t);
      }
      case "__builtin_object_size": case "__builtin_dynamic_object_size": {
        const args = this.builtinArgs();
        const kind = args[1] ? evalInt(args[1]) ?? 0n : 0n;
        // Outside functions (static initializers) the answer is "unknown" at once;
        // inside, lowering hands the pointer to the optimiser (the libcalls pass).
        if (!this.fn || !args[0]) return this.intConst((kind & 2n) !== 0n ? 0 : -1, bt.sizeT, t);
        return node([this.rvalue(args[0]), this.intConst(Number(kind & 3n), bt.int, t)], bt.sizeT);
      }
      case "__builtin_add_overflow": case "__builtin_sub_overflow": case "__builtin_mul_overflow": {
        const args = this.builtinArgs().map((a) => this.rvalue(a));
        if (args.length !== 3) { this.error(at, `wrong number of arguments to function '${name}'`); return this.intConst(0, bt.bool, t); }
        if (!isInteger(args[0].type) || !isInteger(args[1].type)) this.error(at, `operand to '${name}' is not an integer`);
        const r = args[2].type;
        if (r.kind !== "pointer" || !isInteger(r.to) || isBool(r.to) || (r.to.quals & Q.Const)) this.error(at, `argument 3 in call to function '${name}' does not have pointer to integral type`);
        return node(args, bt.bool);
      }
      case "__builtin_add_overflow_p": case "__builtin_sub_overflow_p": case "__builtin_mul_overflow_p": {
        const args = this.builtinArgs().map((a) => this.rvalue(a));
        if (args.length !== 3) { this.error(at, `wrong number of arguments to function '${name}'`); return this.intConst(0, bt.bool, t); }
        return node(args, bt.bool);
      }
      case "__builtin_isnan": case "__builtin_isinf": case "__builtin_isfinite": case "__builtin_isnormal":
      case "__builtin_isinf_sign": case "__builtin_signbit": case "__builtin_issignaling": {
        const args = this.builtinArgs().map((a) => this.rvalue(a));
        if (args.length !== 1) { this.error(at, `wrong number of arguments to function '${name}'`); return this.intConst(0, bt.int, t); }
        if (!isFloating(args[0].type) && !isInteger(args[0].type)) this.error(at, `non-floating-point argument in call to function '${name}'`);
        const a = isInteger(args[0].type) ? this.convert(args[0], bt.double) : args[0];
        return node([a], bt.int);
      }
      case "__builtin_isgreater": case "__builtin_isgreaterequal": case "__builtin_isless": case "__builtin_islessequal":
      case "__builtin_islessgreater": case "__builtin_isunordered": {
        const args = this.builtinArgs().map((a) => this.rvalue(a));
        if (args.length !== 2) { this.error(at, `wrong number of arguments to function '${name}'`); return this.intConst(0, bt.int, t); }
        const [a, b] = this.arith(args[0], args[1]);
        return node([a, b], bt.int);
      }
      case "__builtin_fpclassify": {
        const args = this.builtinArgs().map((a) => this.rvalue(a));
        if (args.length !== 6) { this.error(at, `wrong number of arguments to function '${name}'`); return this.intConst(0, bt.int, t); }
        if (!isFloating(args[5].type) && !isInteger(args[5].type)) this.error(at, `non-floating-point argument in call to function '${name}'`);
        const x = isInteger(args[5].type) ? this.convert(args[5], bt.double) : args[5];
        return node([...args.slice(0, 5).map((a) => this.convert(a, bt.int)), x], bt.int);
      }
      case "__builtin_complex": {
        const args = this.builtinArgs().map((a) => this.rvalue(a));
        if (args.length !== 2 || !isFloating(args[0].type)) { this.error(at, `invalid arguments to '${name}'`); return this.intConst(0, bt.int, t); }
        const et = unqualified(args[0].type) as FloatType;
        return node([args[0], this.convert(args[1], et)], { kind: "complex", elem: et, quals: 0 });
      }
      case "__builtin_LINE": this.builtinArgs(); return this.intConst(t.line, bt.int, t);
      case "__builtin_FILE": this.builtinArgs(); return this.makeString(this.diags.sources.get(t.file)?.name ?? "", t);
      case "__builtin_FUNCTION": this.builtinArgs(); return this.funcNameString(t);
      case "__builtin_speculation_safe_value": {
        const args = this.builtinArgs().map((a) => this.rvalue(a));
        return args[0] ?? this.intConst(0, bt.int, t);
      }
      case "__builtin_convertvector": {
        this.expect("(");
        const e = this.rvalue(this.assignExpr());
        this.expect(",");
        const ty = this.typeName();
        this.expect(")");
        return node([e], ty, { typeArg: ty });
      }
      case "__builtin_shuffle": {
        const args = this.builtinArgs().map((a) => this.rvalue(a));
        return node(args, args[0]?.type ?? bt.int);
      }
      case "__builtin_bit_cast": {
        this.expect("(");
        const ty = this.typeName();
        this.expect(",");
        const e = this.rvalue(this.assignExpr());
        this.expect(")");
        return node([e], ty, { typeArg: ty });
      }
    }
    return undefined;
  }

  /**
   * `__atomic_*` and `__sync_*`: the operand type comes from the first
   * argument, a pointer to an integer or pointer (any size 1-16).
   */
  private atomicBuiltin(t: Token): Expr {
    const name = t.text;
    const at = loc(t);
    const bt = this.bt;
    const args = this.builtinArgs().map((a) => this.rvalue(a));
    const node = (a: Expr[], type: Type): Expr => ({ kind: "builtin", name, args: a, type, loc: at });
    const order = (e: Expr | undefined): Expr => (e ? this.convert(e, bt.int) : this.intConst(5, bt.int, t));
    if (name === "__atomic_thread_fence" || name === "__atomic_signal_fence") return node(args.map(order), bt.void);
    if (name === "__sync_synchronize") return node([], bt.void);
    if (name === "__atomic_always_lock_free" || name === "__atomic_is_lock_free") {
      const n = args[0] ? evalInt(args[0]) : undefined;
      if (name === "__atomic_always_lock_free" && n !== undefined) return this.intConst(n <= 8n && (n & (n - 1n)) === 0n ? 1 : 0, bt.bool, t);
      return node([this.convert(args[0] ?? this.intConst(0, bt.ulong, t), bt.sizeT), this.convert(args[1] ?? this.intConst(0, bt.voidPtr, t), bt.voidPtr)], bt.bool);
    }
    const p = args[0];
    if (!p || p.type.kind !== "pointer") {
      this.error(at, `argument 1 of '${name}' must be a non-void pointer type`);
      return this.intConst(0, bt.int, t);
    }
    const vt = unqualified(p.type.to);
    if (!(isInteger(vt) || vt.kind === "pointer") && !name.match(/^__atomic_(load|store|exchange|compare_exchange)$/)) {
      this.error(at, `operand type '${typeToString(p.type)}' is incompatible with argument 1 of '${name}'`);
    }
    const val = (e: Expr | undefined): Expr => (e ? (vt.kind === "pointer" && isInteger(e.type) && !name.includes("compare") ? this.convert(e, bt.long) : this.convert(e, vt)) : this.intConst(0, bt.int, t));
    const base = name.replace(/^__atomic_|^__sync_/, "");
    if (name.startsWith("__sync_")) {
      switch (base) {
        case "bool_compare_and_swap": return node([p, val(args[1]), val(args[2])], bt.bool);
        case "val_compare_and_swap": return node([p, val(args[1]), val(args[2])], vt);
        case "lock_release": return node([p], bt.void);
        default: return node([p, val(args[1])], vt); // fetch_and_op, op_and_fetch, lock_test_and_set
      }
    }
    switch (base) {
      case "load_n": return node([p, order(args[1])], vt);
      case "store_n": return node([p, val(args[1]), order(args[2])], bt.void);
      case "exchange_n": return node([p, val(args[1]), order(args[2])], vt);
      case "compare_exchange_n": return node([p, args[1] ?? p, val(args[2]), this.convert(args[3] ?? this.intConst(0, bt.bool, t), bt.bool), order(args[4]), order(args[5])], bt.bool);
      case "load": return node([p, args[1] ?? p, order(args[2])], bt.void);
      case "store": return node([p, args[1] ?? p, order(args[2])], bt.void);
      case "exchange": return node([p, args[1] ?? p, args[2] ?? p, order(args[3])], bt.void);
      case "compare_exchange": return node([p, args[1] ?? p, args[2] ?? p, this.convert(args[3] ?? this.intConst(0, bt.bool, t), bt.bool), order(args[4]), order(args[5])], bt.bool);
      case "test_and_set": return node([p, order(args[1])], bt.bool);
      case "clear": return node([p, order(args[1])], bt.void);
      default:
        // fetch_add, add_fetch, fetch_sub, ..., fetch_nand, nand_fetch, fetch_max/min
        return node([p, val(args[1]), order(args[2])], vt);
    }
  }
}

// ---------------------------------------------------------------------------

function loc(t: SrcLoc): SrcLoc {
  return { file: t.file, line: t.line, col: t.col };
}

function hasAttr(attrs: readonly Attr[], name: string): boolean {
  return attrs.some((a) => a.name === name);
}

function isAggregateType(t: Type): boolean {
  return t.kind === "array" || t.kind === "struct" || t.kind === "union" || t.kind === "complex" || t.kind === "vector";
}

function isSignedExpr(e: Expr): boolean {
  return (e.type.kind === "int" || e.type.kind === "enum") && intOf(e.type).signed;
}

/** Does a declaration begin with an attribute (GNU `__attribute__` or C23 `[[`)? */
function isAttributeStart(t: Token): boolean {
  return t.text === "__attribute__" || t.text === "__attribute" || t.text === "[";
}

/**
 * Might evaluating `e` do anything besides computing its value (a call, a
 * store, a volatile access)? Unknown kinds count as yes: -Wunused-value must
 * not warn about them.
 */
function hasSideEffects(e: Expr): boolean {
  if ((e.kind === "var" || e.kind === "deref" || e.kind === "member") && (e.type.quals & Q.Volatile) !== 0) return true;
  if (e.kind === "deref" && e.ptr.type.kind === "pointer" && (e.ptr.type.to.quals & Q.Volatile) !== 0) return true;
  if (e.kind === "deref") {
    // `a[i]` of a volatile array: the qualifier may sit on the array type.
    let p = e.ptr;
    while (p.kind === "ptradd") p = p.ptr;
    if (p.kind === "decay" && (p.operand.type.quals & Q.Volatile) !== 0) return true;
  }
  switch (e.kind) {
    case "int": case "float": case "string": case "var": case "labeladdr": return false;
    case "member": return hasSideEffects(e.base) || (e.offset !== undefined && hasSideEffects(e.offset));
    case "deref": return hasSideEffects(e.ptr);
    case "addr": case "decay": case "cast": case "unary": return hasSideEffects(e.operand);
    case "binary": case "ptrdiff": case "logical": return hasSideEffects(e.left) || hasSideEffects(e.right);
    case "ptradd": return hasSideEffects(e.ptr) || hasSideEffects(e.index);
    case "cond": return hasSideEffects(e.cond) || (e.then !== undefined && hasSideEffects(e.then)) || hasSideEffects(e.else);
    case "comma": return hasSideEffects(e.left) || hasSideEffects(e.right);
    default: return true;
  }
}
