// AST → IR lowering: the only place that reads the typed AST.
//
// The AST already made every C conversion explicit (see ast.ts), so lowering
// is mechanical: each automatic object gets an `alloca` in the entry block
// (mem2reg turns the ones whose address never escapes into SSA values), each
// expression becomes a scalar IR value, and each aggregate value (struct,
// union, array, _Complex, vector) is represented by the address of memory
// holding it. Control flow is built as blocks; `&&`, `||` and `?:` merge with
// phis. Calls, returns and va_arg carry aggregates by address with an
// AggLayout, so nothing here depends on a target's calling convention.

import type * as A from "../../frontend/ast.js";
import type { Diagnostics } from "../../frontend/diagnostics.js";
import type { Member, Type as CType } from "../../frontend/types.js";
import { alignOf, hasVariableSize, isInteger, isSigned, sizeOf } from "../../frontend/types.js";
import { evalConst, evalInt } from "../../frontend/const-eval.js";
import type { DataLayout } from "../../target.js";
import { defineGlobal, FuncBuilder, newModule } from "../builder.js";
import { floatBits } from "../float.js";
import type {
  ArgType, AsmInput, AsmOutput, Block, CallArg, FloatType, Func, Global, InitPiece, InlineAsm, IntType, Linkage, Module, Type, Value,
} from "../ir.js";
import { bitWidth, isFloatType, isIntType, removeUnreachableBlocks, UNDEF } from "../ir.js";
import { hasBuiltinExpansion, lowerBuiltin } from "./builtins.js";
import { NORETURN_LIBRARY, isLibraryFunction, librarySignature } from "../../frontend/builtins.js";
import { aggLayout, argType, intTypeOfSize, irType, isMemoryType, retType, stackProtectClass } from "./ctypes.js";
import { wideFloatBits } from "../../frontend/floatlit.js";
import type { FrameLayout } from "./nested.js";
import { NestingPlan, nestingDepth } from "./nested.js";

import { DebugInfoBuilder, type DebugOptions } from "./debug-info.js";
import type { DebugFunc } from "../debug.js";

export interface LowerOptions {
  layout: DataLayout;
  /** -fcommon: tentative definitions become common symbols. */
  commonSymbols?: boolean;
  /** -finstrument-functions. */
  instrumentFunctions?: boolean;
  /**
   * -O1 and up: questions only the optimiser can answer (`__builtin_constant_p`,
   * `__builtin_object_size`) are left to it; at -O0 they get gcc's -O0 answers.
   */
  optimize?: boolean;
  /** Library functions calls may treat as the standard ones (default: all; see isLibraryBuiltin). */
  libBuiltins?: { all: boolean; off: readonly string[] };
  /** -fvisibility=: the visibility of definitions that have no visibility attribute. */
  defaultVisibility?: "default" | "hidden" | "protected" | "internal";
  /** -g: describe positions, functions, scopes, variables and types (src/ir/debug.ts). */
  debug?: DebugOptions;
}

/** Does this block item declare a named object (so that a lexical scope describes it)? */
function declaresNamed(s: A.Stmt): boolean {
  return (s.kind === "decl" || s.kind === "vladecl") && s.sym.name !== "" && s.sym.anon === undefined;
}

/** -g: file-scope objects (defined here or only declared and used). */
function describeGlobals(debug: DebugInfoBuilder, tu: A.TranslationUnit, names: SymbolNames): void {
  for (const g of tu.globals) {
    if (g.anon !== undefined || !g.name || g.isStatic && g.linkage === "none") continue;
    const type = debug.declared(g.type, g.typedefName);
    if (type === undefined) continue;
    debug.debug.globals.push({
      name: g.name, symbol: names.of(g), type, ...debug.position(g.loc), external: g.linkage === "external",
      declaration: g.storage === "extern" && !g.defined,
    });
  }
}

/** An lvalue: the address of an object, and the bit-field within it if any. */
interface LValue {
  addr: Value;
  bitfield?: Member;
  volatile: boolean;
}

const I64: IntType = "i64";
/** Library comparisons whose third argument is a length: with 0 they are 0 whatever the strings. */
const ZERO_LENGTH_COMPARES: ReadonlySet<string> = new Set(["strncmp", "memcmp", "strncasecmp", "bcmp"]);

/**
 * Library functions gcc open-codes even at -O0 when the standard header
 * declares them (a program may call them without linking libm); the call
 * becomes the expansion of the `__builtin_` twin.
 */
const OPEN_CODED_LIBRARY: ReadonlySet<string> = new Set([
  "abs", "labs", "llabs", "imaxabs",
  "fabs", "fabsf", "fabsl", "fabsf32", "fabsf64", "fabsf32x", "fabsf64x", "fabsf128",
  "copysign", "copysignf", "copysignl", "copysignf32", "copysignf64", "copysignf32x", "copysignf64x", "copysignf128",
  "finite", "finitef", "finitel", "isinf", "isinff", "isinfl", "isnan", "isnanf", "isnanl",
  "nan", "nanf", "nanl",
]);

const COMPLEX_FUNCTIONS: Readonly<Record<string, "conj" | "real" | "imag">> = {
  conj: "conj", conjf: "conj", conjl: "conj", creal: "real", crealf: "real", creall: "real",
  cimag: "imag", cimagf: "imag", cimagl: "imag",
};

export function lowerTranslationUnit(tu: A.TranslationUnit, opts: LowerOptions, diags: Diagnostics): Module {
  const m = newModule();
  m.asm = tu.asm.map((a) => a.template);
  const names = new SymbolNames();
  // `extern void *memcpy(...) __asm__("my_memcpy")`: calls to the library
  // function (from `__builtin_memcpy` too) go to the program's name for it.
  for (const fn of tu.functionSymbols) {
    if (fn.asmName !== undefined && fn.asmName !== fn.name && !fn.name.startsWith("__builtin_")) names.library.set(fn.name, fn.asmName);
  }
  const plan = new NestingPlan(tu, opts.layout);
  const debug = opts.debug ? new DebugInfoBuilder(opts.debug) : undefined;
  if (debug) m.debug = debug.debug;
  // Functions first: static initializers holding `&&label` need the labels' blocks.
  // A nested function comes after the function it is nested in (whose label
  // blocks it may name); the parser finishes it first.
  const order = tu.functions.map((f, k) => ({ f, k, depth: nestingDepth(f) }));
  order.sort((a, b) => a.depth - b.depth || a.k - b.k);
  for (const { f } of order) {
    // Optimising, an inline definition that is not emitted is still lowered,
    // marked inline-only: the -O2 inliner may expand its calls, then drops it.
    if (!shouldEmit(f.sym) && !(opts.optimize === true && f.sym.isInline)) continue;
    new FunctionLowerer(m, f, names, opts, diags, plan, debug).run();
    initFiniEntries(m, names.of(f.sym), f.sym.attrs);
  }
  for (const g of tu.globals) lowerGlobal(m, g, names, opts);
  if (debug && opts.debug?.level === 2) describeGlobals(debug, tu, names);
  for (const s of names.strings.values()) m.globals.push(s);
  for (const sym of [...tu.functionSymbols, ...tu.globals]) {
    if (sym.attrs.alias !== undefined) m.asm.push(aliasDirectives(names.of(sym), sym.attrs.alias, sym));
  }
  return m;
}

/**
 * `constructor`/`destructor`: a pointer to the function in .init_array /
 * .fini_array, which the startup code runs before main / at exit. A priority
 * goes in the section name (`.init_array.00101`), which linkers sort by.
 */
function initFiniEntries(m: Module, fn: string, attrs: A.DeclAttrs): void {
  const entries: [string, number | undefined][] = [[".init_array", attrs.constructorPriority], [".fini_array", attrs.destructorPriority]];
  for (const [section, priority] of entries) {
    if (priority === undefined) continue;
    m.globals.push({
      name: `.L${section}.${m.globals.length}`, linkage: "internal", visibility: "default", align: 8,
      section: priority === 65535 ? section : `${section}.${String(priority).padStart(5, "0")}`,
      threadLocal: false, readonly: false, init: [{ k: "sym", name: fn, addend: 0n, width: 8 }],
    });
  }
}

/**
 * `__attribute__((alias("target")))`: another name for the same address. The
 * directives are the same in GNU as for every supported target.
 */
function aliasDirectives(name: string, target: string, sym: A.ObjectSymbol | A.FunctionSymbol): string {
  const lines: string[] = [];
  if (sym.attrs.weak) lines.push(`.weak ${name}`);
  else if (sym.linkage === "external") lines.push(`.globl ${name}`);
  const vis = sym.attrs.visibility;
  if (vis === "hidden" || vis === "protected" || vis === "internal") lines.push(`.${vis} ${name}`);
  lines.push(`.type ${name}, ${sym.kind === "function" ? "@function" : "@object"}`);
  lines.push(`.set ${name}, ${target}`);
  return lines.join("\n");
}

/**
 * An inline definition that is not the external definition is not emitted
 * (6.7.4p7), except an always_inline one: gcc inlines every call to it even
 * at -O0, so no external definition need exist; a local copy stands in.
 */
function shouldEmit(fn: A.FunctionSymbol): boolean {
  if (!fn.isInline) return true;
  return fn.externalDefinition || fn.linkage === "internal" || isLocalInlineCopy(fn);
}

function isLocalInlineCopy(fn: A.FunctionSymbol): boolean {
  return fn.isInline && !fn.externalDefinition && fn.linkage !== "internal" && fn.attrs.alwaysInline === true;
}

/** Assembler names of symbols: C names for linked symbols, unique names for the rest. */
export class SymbolNames {
  /** String literals that reached lowering without an object: one read-only global each. */
  readonly strings = new Map<A.StringLit, Global>();

  /** Library functions the program renamed with an asm label: C name → symbol. */
  readonly library = new Map<string, string>();

  /** Where each label of a lowered function ended up: its function and block. */
  readonly labelSites = new Map<number, { func: string; block: string }>();

  of(sym: A.ObjectSymbol | A.FunctionSymbol): string {
    if (sym.asmName) return sym.asmName;
    if (sym.kind === "function") return sym.name;
    if (sym.anon) return `.L.${sym.anon}.${sym.id}`;
    if (sym.linkage === "none" && sym.isStatic) return `${sym.name}.${sym.id}`;
    return sym.name;
  }
}

/** The type parameter `i` arrives as: the promoted type for a K&R definition (6.9.1p10), else its own. */
function incomingType(def: A.FunctionDef, i: number): CType {
  const fnType = def.sym.type;
  const declared = def.params[i]!.type;
  if (!fnType.oldStyle) return declared;
  return fnType.params[i]?.type ?? declared;
}

function linkageOf(sym: A.ObjectSymbol | A.FunctionSymbol): Linkage {
  if (sym.kind === "function" && isLocalInlineCopy(sym)) return "internal";
  if (sym.attrs.weak) return "weak";
  if (sym.linkage === "external") return "external";
  return "internal";
}

/** -fvisibility= applies to definitions without an explicit visibility attribute (declarations keep theirs). */
function definitionVisibility(sym: A.ObjectSymbol | A.FunctionSymbol, opts: LowerOptions): Global["visibility"] {
  const d = opts.defaultVisibility;
  if (sym.attrs.visibility !== undefined || d === undefined || d === "default") return visibilityOf(sym);
  return d === "internal" ? "hidden" : d;
}

function visibilityOf(sym: A.ObjectSymbol | A.FunctionSymbol): Global["visibility"] {
  const v = sym.attrs.visibility;
  return v === "hidden" || v === "internal" ? "hidden" : v === "protected" ? "protected" : "default";
}

function isConstObject(t: CType): boolean {
  if (t.kind === "array") return isConstObject(t.elem);
  return (t.quals & 1) !== 0 && !((t.kind === "struct" || t.kind === "union") && hasMutable(t));
}
function hasMutable(_t: CType): boolean {
  return false;
}

function lowerGlobal(m: Module, sym: A.ObjectSymbol, names: SymbolNames, opts: LowerOptions): void {
  if (sym.attrs.alias !== undefined) return; // defined by its alias directives
  const name = names.of(sym);
  // A static flexible array member's initializer (GNU) makes the object larger than its type.
  const size = Math.max(sizeOf(sym.type), sym.init?.bytes.length ?? 0);
  const align = Math.max(sym.align ?? 1, alignOf(sym.type), sym.attrs.aligned ?? 1);
  const base = {
    name, linkage: linkageOf(sym), visibility: visibilityOf(sym), align, threadLocal: sym.threadLocal,
    readonly: sym.anon === "string" || isConstObject(sym.type), ...(sym.attrs.section ? { section: sym.attrs.section } : {}),
    ...(sym.attrs.used ? { used: true } : {}),
  };
  const isDefinition = sym.defined || sym.init !== undefined || sym.tentative || sym.anon !== undefined || (sym.isStatic && sym.linkage === "none");
  if (isDefinition) base.visibility = definitionVisibility(sym, opts);
  if (!isDefinition) {
    defineGlobal(m, { ...base });
    return;
  }
  if (!sym.init && sym.tentative && opts.commonSymbols && sym.linkage === "external" && !sym.threadLocal && !sym.attrs.section) {
    defineGlobal(m, { ...base, linkage: "common", commonSize: size });
    return;
  }
  defineGlobal(m, { ...base, init: staticInitPieces(sym.init, size, names) });
}

/** Bytes plus relocations → IR initializer pieces (runs of zeros kept as zero pieces). */
function staticInitPieces(init: A.StaticInit | undefined, size: number, names: SymbolNames): InitPiece[] {
  if (!init) return size > 0 ? [{ k: "zero", size }] : [];
  const pieces: InitPiece[] = [];
  const relocs = [...init.relocs].sort((a, b) => a.offset - b.offset);
  let pos = 0;
  const bytes = (end: number): void => {
    // Split long zero runs out so .bss-like data stays compact in the output.
    let i = pos;
    while (i < end) {
      let j = i;
      while (j < end && init.bytes[j] === 0) j++;
      if (j - i >= 16 || (j === end && j > i && i === pos && j - i === end - pos)) {
        pieces.push({ k: "zero", size: j - i });
        i = j;
        continue;
      }
      let k = j;
      while (k < end) {
        let z = k;
        while (z < end && init.bytes[z] === 0) z++;
        if (z - k >= 16) break;
        k = z > k ? z : k + 1;
      }
      pieces.push({ k: "bytes", data: init.bytes.slice(i, k) });
      i = k;
    }
    pos = end;
  };
  for (const r of relocs) {
    bytes(r.offset);
    const site = r.label ? names.labelSites.get(r.label.id) : undefined;
    const minus = r.minusLabel ? names.labelSites.get(r.minusLabel.id) : undefined;
    if (site) {
      pieces.push({
        k: "sym", name: site.func, block: site.block, addend: BigInt(r.addend), width: r.size === 4 ? 4 : 8,
        ...(minus ? { minusBlock: minus.block } : {}),
      });
    }
    else pieces.push({ k: "sym", name: r.target ? names.of(r.target) : "", addend: BigInt(r.addend), width: r.size === 4 ? 4 : 8 });
    pos = r.offset + r.size;
  }
  bytes(size);
  return pieces;
}

/**
 * Constraints that accept only memory (the letters GCC's targets share), so
 * the operand is passed by address. Only the first alternative is read.
 */
export function memoryOnly(constraint: string): boolean {
  const letters = constraint.split(",")[0]!.replace(/[=+&%*?!]/g, "");
  return letters.length > 0 && /^[moV<>]+$/.test(letters);
}

function isLvalueKind(e: A.Expr): boolean {
  return e.kind === "var" || e.kind === "deref" || e.kind === "member" || e.kind === "string" ||
    e.kind === "compound" || e.kind === "real" || e.kind === "imag";
}

/**
 * `register long x asm("r10")` used with a register constraint names that
 * register: the constraint becomes `{r10}` (keeping `=`/`&` prefixes).
 */
function registerVariable(e: A.Expr, constraint: string): string {
  const reg = e.kind === "var" && e.sym.kind === "object" ? e.sym.asmRegister : undefined;
  if (reg === undefined || !/[rgqQ]/.test(constraint.replace(/^[=+&]+/, ""))) return constraint;
  return constraint.match(/^[=+&]*/)![0] + `{${reg.replace(/^%/, "")}}`;
}

/** The truth of a condition known at translation time (an integer constant), if it is. */
function constantTruth(e: A.Expr): boolean | undefined {
  if (e.kind === "int") return e.value !== 0n;
  if (e.kind === "cast" && e.operand.kind === "int" && e.operand.type.kind === "int") return e.operand.value !== 0n;
  return undefined;
}

/** A variable with `__attribute__((cleanup(fn)))`. */
interface Cleanup { sym: A.ObjectSymbol; fn: A.FunctionSymbol }

interface LoopTargets {
  breakTo: Block;
  continueTo?: Block;
  /** How many VLA stack marks were live when the loop/switch began (see `vlaMarks`). */
  vlaDepth: number;
  /** How many `cleanup` variables were in scope when the loop/switch began. */
  cleanupDepth: number;
}

export class FunctionLowerer {
  readonly b: FuncBuilder;
  private readonly entry: Block;
  /** Address of each automatic object. */
  private readonly addrs = new Map<number, Value>();
  private readonly labels = new Map<number, Block>();
  /**
   * The function's one indirect branch: every `goto *p` jumps here, passing
   * p through the block's phi. One shared block keeps the CFG at N + M edges
   * for N computed gotos and M address-taken labels (not N * M), and SSA
   * construction then puts the variables' phis here, not in every label.
   */
  private dispatch: Block | undefined;
  private readonly targets: LoopTargets[] = [];
  private switchCases: Map<A.SwitchCase, Block> | undefined;
  /** Stack pointers saved on entry to each enclosing block that declares VLAs. */
  private readonly vlaMarks: Value[] = [];
  /**
   * The stack pointer before each VLA now in scope was allocated, in
   * declaration order. A goto to a label with fewer VLAs in scope restores
   * the first one it leaves (6.8.6.1: the jump deallocates them).
   */
  private readonly vlaScope: Value[] = [];
  /**
   * Variables with `__attribute__((cleanup(fn)))` in scope, innermost last:
   * leaving a scope in any way (its end, break, continue, return, goto) calls
   * `fn(&var)` for those it declared, innermost first.
   */
  private readonly cleanups: Cleanup[] = [];
  /** How many cleanup variables were in scope at each label lowered so far. */
  private readonly labelCleanupDepth = new Map<number, number>();
  /** How many VLAs were in scope at each label lowered so far. */
  private readonly labelVlaDepth = new Map<number, number>();
  /** Forward gotos out of VLA scope: finished once their label's depth is known. */
  private readonly pendingGotos: { from: Block; label: A.Label; scope: Value[]; cleanups: Cleanup[] }[] = [];
  private readonly dataLayout: DataLayout;
  /** This function's frame object, when functions are nested in it (see nested.ts). */
  private frame: Value | undefined;
  /** -g: the function's scopes and variables, and the scope being lowered. */
  private debugFunc: DebugFunc | undefined;
  private scope = 0;
  /** The entry block's fixed-size allocas (frame slots for the backend), once a variable asks. */
  private entryAllocas: Set<number> | undefined;

  constructor(readonly module: Module, readonly def: A.FunctionDef, readonly names: SymbolNames,
    readonly opts: LowerOptions, readonly diags: Diagnostics, private readonly plan?: NestingPlan,
    private readonly debugInfo?: DebugInfoBuilder) {
    const fnType = def.sym.type;
    this.dataLayout = opts.layout;
    this.b = new FuncBuilder(module, names.of(def.sym), retType(fnType.ret),
      def.params.map((p, i) => ({ type: argType(incomingType(def, i)), name: p.name || "arg" })),
      { varargs: fnType.variadic, linkage: linkageOf(def.sym) });
    this.b.func.visibility = definitionVisibility(def.sym, opts);
    if (def.sym.attrs.section) this.b.func.section = def.sym.attrs.section;
    if (def.sym.enclosing) this.b.func.chain = this.b.newTemp("ptr", "chain");
    const a = def.sym.attrs;
    if (a.used || a.constructorPriority !== undefined || a.destructorPriority !== undefined) this.b.func.used = true;
    if (a.alwaysInline) this.b.func.alwaysInline = true;
    if (a.noinline) this.b.func.noInline = true;
    if (a.stackProtect) this.b.func.stackProtect = a.stackProtect;
    if (def.sym.isInline) this.b.func.inlineHint = true;
    if (isLocalInlineCopy(def.sym) || !shouldEmit(def.sym)) this.b.func.inlineOnly = true;
    this.entry = this.b.block("entry");
  }

  run(): void {
    const b = this.b;
    b.at(this.entry);
    if (this.debugInfo) this.beginDebug();
    const frame = this.plan?.frames.get(this.def);
    // Nested functions reach the frame object through its address; trampolines
    // in it are code bytes written at run time, which gcc protects as a buffer.
    if (frame) this.frame = b.alloca(frame.size, frame.align, "frame", frame.trampolines.size ? "array-chars" : "addr");
    /** Where a captured object lives in the frame object, if it is captured. */
    const inFrame = (o: A.ObjectSymbol): Value | undefined => {
      const at = frame?.objects.get(o.id);
      return at && !at.indirect ? this.ptrOffset(this.frame!, at.offset) : undefined;
    };
    // Address-taken labels get their blocks (and their place in
    // func.addressTaken) first: static initializers may name them.
    for (const l of this.def.labels) if (l.addressTaken) this.labelBlock(l);
    // Storage for every automatic object; parameters are stored into theirs.
    for (const local of this.def.locals) {
      if (local.isParam || local.isStatic || hasVariableSize(local.type)) continue; // those get storage at their vladecl
      const size = Math.max(1, sizeOf(local.type));
      const align = Math.max(alignOf(local.type), local.align ?? 1, local.attrs.aligned ?? 1);
      this.addrs.set(local.id, inFrame(local) ?? b.alloca(size, align, local.name || "tmp", stackProtectClass(local.type, local.addressTaken)));
    }
    this.def.params.forEach((p, i) => {
      const incoming = b.param(i);
      const t = irType(p.type);
      const captured = inFrame(p);
      if (!t) {
        // Aggregates arrive as a pointer to the callee's own copy.
        if (captured) this.memcpy(captured, incoming, sizeOf(p.type), alignOf(p.type));
        this.addrs.set(p.id, captured ?? incoming);
        return;
      }
      const slot = captured ?? b.alloca(sizeOf(p.type), alignOf(p.type), p.name || "arg");
      // A K&R definition receives the promoted type (double for float) and narrows it.
      b.store(t, this.convert(incoming, incomingType(this.def, i), p.type), slot);
      this.addrs.set(p.id, slot);
    });
    for (const p of this.def.params) if (p.name) this.describeVar(p, true);
    if (frame) this.initFrame(frame);
    const instrument = this.opts.instrumentFunctions === true && !this.def.sym.attrs.noInstrument && !this.def.sym.attrs.alwaysInline;
    if (instrument) this.profileHook("__cyg_profile_func_enter");
    const body = b.block("body");
    b.br(body);
    b.at(body);
    if (frame) this.nonlocalReceivers(frame);
    this.stmt(this.def.body, true);
    this.finishBody();
    if (instrument) {
      for (const blk of this.b.func.blocks) {
        if (blk.term.op !== "ret") continue;
        b.at(blk);
        this.profileHook("__cyg_profile_func_exit");
      }
    }
  }

  /** -finstrument-functions: `hook(this function, its call site)` where the builder is. */
  private profileHook(hook: "__cyg_profile_func_enter" | "__cyg_profile_func_exit"): void {
    const b = this.b;
    const callSite = b.newTemp("ptr", "call.site");
    b.emit({ op: "intrinsic", dst: callSite, name: "return_address", type: "ptr", args: [{ k: "int", value: 0n }] });
    b.call({ kind: "void" }, hook, [{ type: { kind: "scalar", type: "ptr" }, value: b.addr(this.b.func.name) }, { type: { kind: "scalar", type: "ptr" }, value: { k: "temp", id: callSite } }]);
  }

  /** Fill the frame object: the link to the enclosing frame and the trampolines. */
  private initFrame(frame: FrameLayout): void {
    const b = this.b;
    const chain = this.b.func.chain;
    if (frame.link !== undefined && chain !== undefined) b.store("ptr", { k: "temp", id: chain }, this.ptrOffset(this.frame!, frame.link));
    for (const [fn, offset] of frame.trampolines) {
      const args = [this.ptrOffset(this.frame!, offset), b.addr(this.names.of(fn)), this.frame!];
      b.emit({ op: "intrinsic", name: "init_trampoline", args });
    }
  }

  /**
   * Labels nested functions jump to: each gets a jump buffer in the frame,
   * filled here on entry; a non-local goto is a longjmp to it, which resumes
   * here and goes on to the label.
   */
  private nonlocalReceivers(frame: FrameLayout): void {
    const b = this.b;
    for (const [labelId, offset] of frame.receivers) {
      const label = this.def.labels.find((l) => l.id === labelId)!;
      const dst = b.newTemp("i32", "resumed");
      b.emit({ op: "intrinsic", dst, name: "setjmp", type: "i32", args: [this.ptrOffset(this.frame!, offset)] });
      const next = b.block("body");
      b.condbr(b.icmp("ne", "i32", { k: "temp", id: dst }, { k: "int", value: 0n }), this.labelBlock(label), next);
      b.at(next);
    }
  }

  /**
   * The frame object of `owner`, this function or one it is nested in: its own
   * alloca, or found by following static chains (each frame's `link`).
   */
  private frameOf(owner: A.FunctionDef): Value {
    if (owner === this.def) return this.frame!;
    let def = this.def.sym.enclosing?.def;
    let frame: Value = { k: "temp", id: this.b.func.chain! };
    while (def && def !== owner) {
      const link = this.plan!.frames.get(def)!.link!;
      frame = this.b.load("ptr", this.ptrOffset(frame, link));
      def = def.sym.enclosing?.def;
    }
    if (!def) throw new Error(`internal: no static chain reaches ${owner.sym.name} from ${this.def.sym.name}`);
    return frame;
  }

  /** The address of an automatic object of an enclosing function. */
  private outerObjectAddr(sym: A.ObjectSymbol, owner: A.FunctionDef): Value {
    const at = this.plan!.frames.get(owner)!.objects.get(sym.id);
    if (!at) throw new Error(`internal: '${sym.name}' of ${owner.sym.name} is not in its frame`);
    const slot = this.ptrOffset(this.frameOf(owner), at.offset);
    return at.indirect ? this.b.load("ptr", slot) : slot;
  }

  /**
   * A function's address: a nested function's is its trampoline in the frame of
   * the function it is nested in, so that callers need not know of static chains.
   */
  private functionAddr(sym: A.FunctionSymbol): Value {
    const parent = sym.enclosing?.def;
    if (!parent) return this.b.addr(this.names.of(sym));
    const offset = this.plan!.frames.get(parent)!.trampolines.get(sym)!;
    return this.ptrOffset(this.frameOf(parent), offset);
  }

  private finishBody(): void {
    const b = this.b;
    // Falling off the end: `return;` for void (and for main, return 0 as C99 5.1.2.2.3 says).
    const ret = this.b.func.ret;
    /** The block that falls off the end of a function returning a value, if any. */
    let fallsOff: string | undefined;
    if (ret.kind === "void") b.ret();
    else if (this.def.sym.name === "main" && ret.kind === "scalar" && isIntType(ret.type)) b.ret({ k: "int", value: 0n });
    else {
      fallsOff = b.current.label;
      if (ret.kind === "scalar") b.ret(UNDEF);
      else b.ret(b.alloca(ret.layout.size, ret.layout.align, "undef.ret"));
    }
    this.finishPendingGotos();
    removeUnreachableBlocks(this.b.func);
    if (fallsOff !== undefined && !this.def.sym.attrs.naked && !this.def.sym.attrs.noreturn && this.b.func.blocks.some((blk) => blk.label === fallsOff)) {
      this.diags.warningIfEnabled(this.def.body.end ?? this.def.sym.loc, "control reaches end of non-void function", "return-type");
    }
    // Every return leaves through the closing brace, where gcc puts the epilogue's line.
    const end = this.def.body.end;
    if (this.debugInfo && end) {
      const at = this.debugInfo.loc(end, 0);
      for (const blk of this.b.func.blocks) if (blk.term.op === "ret") blk.termLoc = at;
    }
  }

  /** -g: the function's description, and the position of its entry (the opening brace, as gcc). */
  private beginDebug(): void {
    const dbg = this.debugInfo!;
    const fnType = dbg.type(this.def.sym.type)!;
    const pos = dbg.position(this.def.sym.loc);
    this.debugFunc = { name: this.def.sym.name, ...pos, type: fnType, external: this.b.func.linkage !== "internal", scopes: [{ vars: [] }] };
    this.b.func.debug = this.debugFunc;
    this.b.loc = dbg.loc(this.def.body.loc, 0);
  }

  /** -g: a variable of the current scope, where the lowering put it. */
  private describeVar(sym: A.ObjectSymbol, param: boolean): void {
    const f = this.debugFunc;
    if (!f || !this.debugInfo || this.debugInfo.debug.level < 2 || sym.anon !== undefined || !sym.name) return;
    const type = this.debugInfo.declared(sym.type, sym.typedefName);
    if (type === undefined) return;
    const addr = this.addrs.get(sym.id);
    // Only an object of its own alloca has a place the backend can name (one in a
    // nested function's frame object or passed by reference is described without one).
    this.entryAllocas ??= new Set(this.entry.insts.flatMap((i) => (i.op === "alloca" && !i.dynSize ? [i.dst] : [])));
    const own = addr?.k === "temp" && this.entryAllocas.has(addr.id);
    const storage = sym.isStatic ? { k: "symbol" as const, name: this.names.of(sym) } : own && addr?.k === "temp" ? { k: "alloca" as const, temp: addr.id } : { k: "none" as const };
    f.scopes[this.scope]!.vars.push({ name: sym.name, type, ...this.debugInfo.position(sym.loc), param, storage });
  }

  /** -g: lower `body` in a new lexical scope when it declares something. */
  private inScope(declares: boolean, body: () => void): void {
    const f = this.debugFunc;
    if (!f || !declares) { body(); return; }
    const outer = this.scope;
    f.scopes.push({ parent: outer, vars: [] });
    this.scope = f.scopes.length - 1;
    try { body(); } finally { this.scope = outer; }
  }

  /** -g: what follows is code of the source at `at`. */
  private at(at: A.Stmt["loc"] | undefined): void {
    if (this.debugInfo && at) this.b.loc = this.debugInfo.loc(at, this.scope);
  }

  // ------------------------------------------------------------------ helpers

  /** Start a fresh block after a jump so that following (dead) code has a home. */
  private startDeadBlock(): void {
    this.b.at(this.b.block("dead"));
  }

  private jump(to: Block): void {
    this.b.br(to);
    this.startDeadBlock();
  }

  /** `goto label`, giving back the space of the VLAs whose scope it leaves. */
  private goto(label: A.Label): void {
    const target = this.labelBlock(label);
    if (this.vlaScope.length === 0 && this.cleanups.length === 0) { this.jump(target); return; }
    const depth = this.labelVlaDepth.get(label.id);
    if (depth === undefined) {
      // A forward goto: the label's depth is known once the body is lowered.
      const from = this.b.block("goto.scope");
      this.pendingGotos.push({ from, label, scope: [...this.vlaScope], cleanups: [...this.cleanups] });
      this.jump(from);
      return;
    }
    this.callCleanups(this.cleanups, this.labelCleanupDepth.get(label.id) ?? 0);
    if (depth < this.vlaScope.length) this.stackRestore(this.vlaScope[depth]!);
    this.jump(target);
  }

  /** Finish the forward gotos out of VLA and cleanup scopes (see `goto`). */
  private finishPendingGotos(): void {
    for (const g of this.pendingGotos) {
      this.b.at(g.from);
      this.callCleanups(g.cleanups, this.labelCleanupDepth.get(g.label.id) ?? 0);
      const depth = this.labelVlaDepth.get(g.label.id) ?? 0;
      if (depth < g.scope.length) this.stackRestore(g.scope[depth]!);
      this.b.br(this.labelBlock(g.label));
    }
  }

  /** Call the cleanup functions of `list[downTo..]`, innermost first (the list itself is kept). */
  private callCleanups(list: readonly Cleanup[], downTo: number): void {
    for (let i = list.length - 1; i >= downTo; i--) {
      const { sym, fn } = list[i]!;
      this.b.call({ kind: "void" }, this.names.of(fn), [{ type: { kind: "scalar", type: "ptr" }, value: this.objectAddr(sym) }]);
    }
  }

  /** Leave the scopes entered since `depth` cleanups were live: call theirs and forget them. */
  private closeCleanupScope(depth: number): void {
    if (this.cleanups.length <= depth) return;
    this.callCleanups(this.cleanups, depth);
    this.cleanups.length = depth;
  }

  private labelBlock(label: A.Label): Block {
    let blk = this.labels.get(label.id);
    if (!blk) {
      blk = this.b.block(`L.${label.name}`);
      this.labels.set(label.id, blk);
      this.names.labelSites.set(label.id, { func: this.b.func.name, block: blk.label });
      if (label.addressTaken) this.b.func.addressTaken.push(blk.label);
    }
    return blk;
  }

  private dispatchBlock(): Block {
    if (this.dispatch) return this.dispatch;
    const blk = this.b.block("goto.dispatch");
    const addr = this.b.newTemp("ptr", "goto.target");
    blk.phis.push({ dst: addr, type: "ptr", incoming: [] });
    const targets = this.def.labels.filter((l) => l.addressTaken).map((l) => this.labelBlock(l).label);
    blk.term = { op: "indirectbr", addr: { k: "temp", id: addr }, targets };
    this.dispatch = blk;
    return blk;
  }

  private error(loc: A.Stmt["loc"], msg: string): void {
    this.diags.error(loc, msg);
  }

  /** Address of an automatic or static object. */
  private objectAddr(sym: A.ObjectSymbol): Value {
    const local = this.addrs.get(sym.id);
    if (local) return local;
    const owner = this.plan?.ownerOfObject(sym);
    if (owner && owner !== this.def) return this.outerObjectAddr(sym, owner);
    if (sym.isStatic || sym.storage === "extern" || sym.linkage !== "none") return this.b.addr(this.names.of(sym));
    // An object with no storage yet (a VLA not reached): give it some so the IR stays valid.
    const slot = this.b.alloca(Math.max(1, sizeOf(sym.type)), Math.max(1, alignOf(sym.type)), sym.name);
    this.addrs.set(sym.id, slot);
    return slot;
  }

  private ptrOffset(base: Value, offset: number | Value): Value {
    if (typeof offset === "number") {
      if (offset === 0) return base;
      return this.b.bin("add", "ptr", base, { k: "int", value: BigInt(offset) });
    }
    return this.b.bin("add", "ptr", base, offset);
  }

  private memcpy(dst: Value, src: Value, size: number, align: number): void {
    this.b.emit({ op: "memcpy", dstAddr: dst, srcAddr: src, size: { k: "int", value: BigInt(size) }, align });
  }

  /** A zero of a scalar type. */
  private zero(t: Type): Value {
    return isFloatType(t) ? { k: "float", bits: 0n } : { k: "int", value: 0n };
  }

  /** Compare a scalar with zero: an i1 that is true when `v` is nonzero. */
  toCondition(v: Value, t: CType): Value {
    const s = irType(t);
    if (!s) {
      if (t.kind === "complex") {
        const et = irType(t.elem)!;
        const re = this.b.load(et, v);
        const im = this.b.load(et, this.ptrOffset(v, sizeOf(t.elem)));
        const a = this.toCondition(re, t.elem);
        const c = this.toCondition(im, t.elem);
        return this.b.bin("or", "i1", a, c);
      }
      this.error(undefined as never, "scalar required");
      return { k: "int", value: 1n };
    }
    if (isFloatType(s)) return this.b.fcmp("une", s, v, this.zero(s));
    return this.b.icmp("ne", s as IntType | "ptr", v, this.zero(s));
  }

  cond(e: A.Expr): Value {
    return this.toCondition(this.rvalue(e), e.type);
  }

  private stackSave(): Value {
    const dst = this.b.newTemp("ptr", "sp");
    this.b.emit({ op: "intrinsic", dst, name: "stack_save", type: "ptr", args: [] });
    return { k: "temp", id: dst };
  }

  private stackRestore(mark: Value): void {
    this.b.emit({ op: "intrinsic", name: "stack_restore", args: [mark] });
    this.stackChanged();
  }

  /**
   * The stack pointer moved (a VLA or alloca, or their release): a non-local
   * goto into this function must come back with the new one, or the space
   * would be reused under the objects that live in it.
   */
  stackChanged(): void {
    const receivers = this.plan?.frames.get(this.def)?.receivers;
    if (!receivers?.size) return;
    const sp = this.stackSave();
    for (const offset of receivers.values()) this.b.store("ptr", sp, this.ptrOffset(this.frame!, offset + 16));
  }

  /** Jumping out of VLA blocks (break/continue) releases their space too. */
  private leaveVlaScopes(depth: number): void {
    if (this.vlaMarks.length > depth) this.stackRestore(this.vlaMarks[depth]);
  }

  // ------------------------------------------------------------------ statements

  stmt(s: A.Stmt, functionBody = false): void {
    const b = this.b;
    if (s.kind !== "block") this.at(s.loc);
    switch (s.kind) {
      case "block": {
        if (this.debugFunc && !functionBody && s.body.some(declaresNamed)) {
          this.inScope(true, () => this.stmt(s, true));
          return;
        }
        // A block declaring VLAs gives their stack space back when it is left,
        // so a loop around it does not grow the stack (6.2.4p7).
        const hasVla = s.body.some((x) => x.kind === "vladecl");
        const scopeDepth = this.vlaScope.length;
        const cleanupDepth = this.cleanups.length;
        if (hasVla) this.vlaMarks.push(this.stackSave());
        for (const x of s.body) this.stmt(x);
        this.closeCleanupScope(cleanupDepth);
        if (hasVla) this.stackRestore(this.vlaMarks.pop()!);
        this.vlaScope.length = scopeDepth;
        return;
      }
      case "expr":
        this.rvalue(s.expr);
        return;
      case "empty":
        return;
      case "decl": {
        if (s.init) this.localInit(this.objectAddr(s.sym), s.sym.type, s.init);
        this.describeVar(s.sym, false);
        const fn = s.sym.attrs.cleanup;
        if (fn && !s.sym.isStatic) this.cleanups.push({ sym: s.sym, fn });
        return;
      }
      case "vladecl": {
        const size = this.rvalue(s.size);
        this.vlaScope.push(this.stackSave());
        const dst = b.newTemp("ptr", s.sym.name);
        b.emit({ op: "alloca", dst, size: 0, align: Math.max(16, alignOf(s.sym.type)), dynSize: this.toI64(size, s.size.type) });
        this.addrs.set(s.sym.id, { k: "temp", id: dst });
        this.describeVar(s.sym, false);
        // A VLA nested functions use: they find its storage through the frame.
        const at = this.plan?.frames.get(this.def)?.objects.get(s.sym.id);
        if (at) b.store("ptr", { k: "temp", id: dst }, this.ptrOffset(this.frame!, at.offset));
        this.stackChanged();
        return;
      }
      case "if": {
        const then = b.block("if.then");
        const join = b.block("if.end");
        const els = s.else ? b.block("if.else") : join;
        // `if (0)` / `if (1)`: branch directly, so the dead arm is never emitted
        // (gcc does this even at -O0, and some programs rely on it).
        const known = constantTruth(s.cond);
        if (known === undefined) b.condbr(this.cond(s.cond), then, els);
        else b.br(known ? then : els);
        b.at(then);
        this.stmt(s.then);
        b.br(join);
        if (s.else) {
          b.at(els);
          this.stmt(s.else);
          b.br(join);
        }
        b.at(join);
        return;
      }
      case "while": {
        const head = b.block("while.cond");
        const body = b.block("while.body");
        const exit = b.block("while.end");
        b.br(head);
        b.at(head);
        this.at(s.cond.loc);
        b.condbr(this.cond(s.cond), body, exit);
        b.at(body);
        this.loopBody(s.body, exit, head);
        b.br(head);
        b.at(exit);
        return;
      }
      case "do": {
        const body = b.block("do.body");
        const test = b.block("do.cond");
        const exit = b.block("do.end");
        b.br(body);
        b.at(body);
        this.loopBody(s.body, exit, test);
        b.br(test);
        b.at(test);
        this.at(s.cond.loc);
        b.condbr(this.cond(s.cond), body, exit);
        b.at(exit);
        return;
      }
      case "for": {
        const init = s.init;
        if (this.debugFunc && init?.kind === "block" && init.body.some(declaresNamed)) {
          // `for (int i = …)`: the loop is the declaration's scope.
          this.inScope(true, () => { this.stmt(init, true); this.stmt({ ...s, init: undefined }); });
          return;
        }
        if (s.init) this.stmt(s.init);
        const head = b.block("for.cond");
        const body = b.block("for.body");
        const step = b.block("for.inc");
        const exit = b.block("for.end");
        b.br(head);
        b.at(head);
        this.at(s.cond?.loc ?? s.loc);
        if (s.cond) b.condbr(this.cond(s.cond), body, exit);
        else b.br(body);
        b.at(body);
        this.loopBody(s.body, exit, step);
        b.br(step);
        b.at(step);
        this.at(s.step?.loc ?? s.loc);
        if (s.step) this.rvalue(s.step);
        b.br(head);
        b.at(exit);
        return;
      }
      case "switch":
        this.switchStmt(s);
        return;
      case "case": {
        const blk = this.switchCases?.get(s.info);
        if (!blk) {
          this.error(s.loc, "case label not within a switch statement");
          this.stmt(s.body);
          return;
        }
        b.br(blk);
        b.at(blk);
        this.stmt(s.body);
        return;
      }
      case "break": {
        const t = this.targets[this.targets.length - 1];
        if (!t) { this.error(s.loc, "break statement not within loop or switch"); return; }
        this.callCleanups(this.cleanups, t.cleanupDepth);
        this.leaveVlaScopes(t.vlaDepth);
        this.jump(t.breakTo);
        return;
      }
      case "continue": {
        for (let i = this.targets.length - 1; i >= 0; i--) {
          const c = this.targets[i].continueTo;
          if (c) {
            this.callCleanups(this.cleanups, this.targets[i].cleanupDepth);
            this.leaveVlaScopes(this.targets[i].vlaDepth);
            this.jump(c);
            return;
          }
        }
        this.error(s.loc, "continue statement not within a loop");
        return;
      }
      case "return": {
        const ret = this.b.func.ret;
        if (!s.value) {
          this.callCleanups(this.cleanups, 0);
          if (ret.kind === "void") b.ret();
          else if (ret.kind === "scalar") b.ret(UNDEF);
          else b.ret(b.alloca(ret.layout.size, ret.layout.align, "undef.ret"));
        } else if (ret.kind === "void") {
          this.rvalue(s.value);
          this.callCleanups(this.cleanups, 0);
          b.ret();
        } else {
          let v = this.rvalue(s.value);
          // The value is taken before the cleanups run (they may change the variable returned).
          if (ret.kind === "agg" && this.cleanups.length > 0) {
            const copy = b.alloca(Math.max(1, ret.layout.size), ret.layout.align, "ret.copy");
            this.memcpy(copy, v, ret.layout.size, ret.layout.align);
            v = copy;
          }
          this.callCleanups(this.cleanups, 0);
          b.ret(v);
        }
        this.startDeadBlock();
        return;
      }
      case "goto": {
        const owner = this.plan?.ownerOfLabel(s.label);
        if (owner && owner !== this.def) {
          // A non-local goto: resume the enclosing function at its receiver for the label.
          const offset = this.plan!.frames.get(owner)!.receivers.get(s.label.id)!;
          b.emit({ op: "intrinsic", name: "longjmp", args: [this.ptrOffset(this.frameOf(owner), offset)] });
          b.term({ op: "unreachable" });
          this.startDeadBlock();
          return;
        }
        this.goto(s.label);
        return;
      }
      case "computedgoto": {
        const target = this.rvalue(s.target);
        const dispatch = this.dispatchBlock();
        dispatch.phis[0]!.incoming.push({ block: b.current.label, value: target });
        this.jump(dispatch);
        return;
      }
      case "label": {
        this.labelVlaDepth.set(s.label.id, this.vlaScope.length);
        this.labelCleanupDepth.set(s.label.id, this.cleanups.length);
        const blk = this.labelBlock(s.label);
        b.br(blk);
        b.at(blk);
        this.stmt(s.body);
        return;
      }
      case "asm":
        this.asmStmt(s);
        return;
    }
  }

  /**
   * GNU asm. Register outputs become temps stored to their lvalues after the
   * asm; memory operands pass the object's address; `+` splits into an
   * output and a hidden input appended after the explicit inputs, which is
   * how GCC numbers them. The backend interprets the constraint letters.
   */
  private asmStmt(s: A.AsmStmt): void {
    const b = this.b;
    if (s.basic) {
      // Basic asm has no operands: `%` and the dialect braces mean themselves.
      const template = s.template.replace(/[%{|}]/g, (c) => "%" + c);
      const a: InlineAsm = { template, outputs: [], inputs: [], clobbers: [], volatile: true };
      b.emit({ op: "asm", ...a });
      return;
    }
    const outputs: AsmOutput[] = [];
    const inputs: AsmInput[] = [];
    const hidden: AsmInput[] = [];
    const writeBack: { lv: LValue; type: CType; dst: number }[] = [];
    const aggWriteBack: { addr: Value; type: Type; dst: number }[] = [];
    const named = (n: string | undefined): { name?: string } => (n !== undefined ? { name: n } : {});
    s.outputs.forEach((o, k) => {
      const readWrite = o.constraint.startsWith("+");
      const constraint = registerVariable(o.expr, "=" + o.constraint.replace(/^[=+]/, ""));
      const lv = this.lvalue(o.expr);
      if (memoryOnly(constraint)) {
        if (lv.bitfield) this.error(s.loc, "a bit-field cannot be a memory operand of asm");
        outputs.push({ kind: "mem", constraint, addr: lv.addr, ...named(o.name) });
        if (readWrite) hidden.push({ kind: "mem", constraint: "m", addr: lv.addr });
        return;
      }
      if (o.expr.type.kind === "vector") {
        // Vectors stay in memory; the backend loads and stores the register (see AsmOutput).
        const vector = sizeOf(o.expr.type);
        outputs.push({ kind: "mem", constraint, addr: lv.addr, vector, ...named(o.name) });
        if (readWrite) hidden.push({ kind: "mem", constraint: String(k), addr: lv.addr, vector });
        return;
      }
      const whole = asmAggregateInt(o.expr.type);
      if (whole) {
        // A struct or union the size of an integer register travels as that integer (gcc's mode of it).
        const dst = b.newTemp(whole, "asm.out");
        if (readWrite) hidden.push({ kind: "value", constraint: String(k), type: whole, value: b.load(whole, lv.addr) });
        outputs.push({ kind: "reg", constraint, dst, ...named(o.name) });
        aggWriteBack.push({ addr: lv.addr, type: whole, dst });
        return;
      }
      const t = irType(o.expr.type);
      if (!t) {
        this.error(o.expr.loc, isAggregate(o.expr.type) ? "impossible constraint in 'asm'" : "this asm output needs a scalar type for a register constraint");
        return;
      }
      const dst = b.newTemp(t, "asm.out");
      if (readWrite) hidden.push({ kind: "value", constraint: String(k), type: t, value: this.readLValue(lv, o.expr.type) });
      outputs.push({ kind: "reg", constraint, dst, ...named(o.name) });
      writeBack.push({ lv, type: o.expr.type, dst });
    });
    for (const x of s.inputs) {
      const constraint = registerVariable(x.expr, x.constraint);
      if (memoryOnly(constraint)) {
        inputs.push({ kind: "mem", constraint, addr: this.memoryOperand(x.expr), ...named(x.name) });
        continue;
      }
      if (x.expr.type.kind === "vector") {
        inputs.push({ kind: "mem", constraint, addr: this.rvalue(x.expr), vector: sizeOf(x.expr.type), ...named(x.name) });
        continue;
      }
      const whole = asmAggregateInt(x.expr.type);
      if (whole) {
        inputs.push({ kind: "value", constraint, type: whole, value: b.load(whole, this.memoryOperand(x.expr)), ...named(x.name) });
        continue;
      }
      const t = irType(x.expr.type);
      if (!t) {
        this.error(x.expr.loc, isAggregate(x.expr.type) ? "impossible constraint in 'asm'" : "this asm input needs a scalar type for a non-memory constraint");
        continue;
      }
      // An integer constant expression is a constant operand at every -O level ("n"/"i" need one).
      const k = isInteger(x.expr.type) ? evalInt(x.expr) : undefined;
      const value: Value = k !== undefined ? { k: "int", value: k } : this.rvalue(x.expr);
      inputs.push({ kind: "value", constraint, type: t, value, ...named(x.name) });
    }
    const a: InlineAsm = {
      template: s.template, outputs, inputs: [...inputs, ...hidden], clobbers: s.clobbers,
      volatile: s.volatile || s.gotoLabels.length > 0,
    };
    if (s.gotoLabels.length > 0) {
      if (writeBack.length > 0 || aggWriteBack.length > 0) {
        this.error(s.loc, "asm goto with register outputs is not supported");
        return;
      }
      // `%l[name]` names a C label; the IR knows labels only by operand number.
      const first = outputs.length + a.inputs.length;
      a.template = a.template.replace(/%(%|l\[([A-Za-z_$][\w$]*)\])/g, (all: string, _m: string, name: string | undefined) => {
        const k = name === undefined ? -1 : s.gotoLabels.findIndex((l) => l.name === name);
        return k < 0 ? all : `%l${first + k}`;
      });
      const fallthrough = b.block("asm.fallthrough");
      b.term({ op: "asmgoto", asm: a, fallthrough: fallthrough.label, targets: s.gotoLabels.map((l) => this.labelBlock(l).label) });
      b.at(fallthrough);
      return;
    }
    b.emit({ op: "asm", ...a });
    for (const w of writeBack) this.writeLValue(w.lv, w.type, { k: "temp", id: w.dst });
    for (const w of aggWriteBack) b.store(w.type, { k: "temp", id: w.dst }, w.addr);
  }

  /** The address of a memory operand (or of an aggregate register operand); a value that is not an object is put in a temporary one. */
  private memoryOperand(e: A.Expr): Value {
    if (isLvalueKind(e) || isMemoryType(e.type)) return this.addressOf(e);
    const t = irType(e.type);
    const tmp = this.b.alloca(Math.max(1, sizeOf(e.type)), Math.max(1, alignOf(e.type)), "asm.mem");
    if (t) this.b.store(t, this.rvalue(e), tmp);
    return tmp;
  }

  private loopBody(body: A.Stmt, breakTo: Block, continueTo: Block): void {
    this.targets.push({ breakTo, continueTo, vlaDepth: this.vlaMarks.length, cleanupDepth: this.cleanups.length });
    this.stmt(body);
    this.targets.pop();
  }

  private switchStmt(s: Extract<A.Stmt, { kind: "switch" }>): void {
    const b = this.b;
    const value = this.rvalue(s.cond);
    const t = (irType(s.cond.type) ?? "i32") as IntType;
    const exit = b.block("sw.end");
    const blocks = new Map<A.SwitchCase, Block>();
    let defaultBlock = exit;
    const cases: { value: bigint; target: string }[] = [];
    const ranges: { lo: bigint; hi: bigint; block: Block }[] = [];
    const seen = new Set<bigint>();
    for (const c of s.cases) {
      const blk = b.block(c.isDefault ? "sw.default" : "sw.case");
      blocks.set(c, blk);
      if (c.isDefault) { defaultBlock = blk; continue; }
      const width = bitWidth(t);
      const norm = (v: bigint): bigint => BigInt.asUintN(width, v);
      if (c.hi - c.lo < 64n) {
        for (let v = c.lo; v <= c.hi; v++) {
          if (seen.has(norm(v))) continue;
          seen.add(norm(v));
          cases.push({ value: norm(v), target: blk.label });
        }
      } else {
        ranges.push({ lo: c.lo, hi: c.hi, block: blk });
      }
    }
    // Large case ranges are tested before falling to the default.
    let fallback = defaultBlock;
    if (ranges.length > 0) {
      const chain = b.block("sw.ranges");
      fallback = chain;
      const save = b.current;
      b.at(chain);
      const signed = isSigned(s.cond.type);
      for (const r of ranges) {
        const next = b.block("sw.ranges");
        const off = b.bin("sub", t, value, { k: "int", value: r.lo });
        const inRange = b.icmp("ule", t, off, { k: "int", value: r.hi - r.lo });
        void signed;
        b.condbr(inRange, r.block, next);
        b.at(next);
      }
      b.br(defaultBlock);
      b.at(save);
    }
    b.term({ op: "switch", type: t, value, default: fallback.label, cases });
    this.startDeadBlock();
    const savedCases = this.switchCases;
    this.switchCases = blocks;
    this.targets.push({ breakTo: exit, vlaDepth: this.vlaMarks.length, cleanupDepth: this.cleanups.length });
    this.stmt(s.body);
    this.targets.pop();
    this.switchCases = savedCases;
    b.br(exit);
    b.at(exit);
  }

  /** Block-scope initialization (see ast.ts LocalInit). */
  localInit(addr: Value, type: CType, init: A.LocalInit): void {
    if (init.zeroFill) {
      const size = sizeOf(type);
      if (size > 0) this.b.emit({ op: "memset", dstAddr: addr, byte: { k: "int", value: 0n }, size: { k: "int", value: BigInt(size) }, align: Math.max(1, alignOf(type)) });
    }
    for (const item of init.items) {
      const dst = this.ptrOffset(addr, item.offset);
      if (item.bitfield) {
        this.storeBitfield({ addr: dst, bitfield: item.bitfield, volatile: false }, this.rvalue(item.expr), item.expr.type);
        continue;
      }
      if (item.expr.kind === "string" && item.type.kind === "array") {
        const src = this.rvalue(item.expr);
        const n = Math.min(item.expr.bytes.length, sizeOf(item.type));
        if (n > 0) this.memcpy(dst, src, n, 1);
        continue;
      }
      this.storeValue(dst, item.type, this.rvalue(item.expr), false);
    }
  }

  // ------------------------------------------------------------------ expressions

  /** Store a value of C type `t` (scalar value, or the address of an aggregate) at `addr`. */
  storeValue(addr: Value, t: CType, v: Value, volatile: boolean): void {
    const s = irType(t);
    if (s) {
      this.b.store(s, v, addr, volatile);
      return;
    }
    const size = sizeOf(t);
    if (size > 0) this.memcpy(addr, v, size, Math.max(1, alignOf(t)));
  }

  /** Read a value of C type `t` from `addr`: a scalar load, or the address itself for aggregates. */
  loadValue(addr: Value, t: CType, volatile: boolean): Value {
    const s = irType(t);
    return s ? this.b.load(s, addr, undefined, volatile) : addr;
  }

  lvalue(e: A.Expr): LValue {
    const vol = (e.type.quals & 2) !== 0;
    switch (e.kind) {
      case "var":
        if (e.sym.kind === "function") return { addr: this.functionAddr(e.sym), volatile: false };
        return { addr: this.objectAddr(e.sym), volatile: vol };
      case "deref":
        return { addr: this.rvalue(e.ptr), volatile: vol };
      case "member": {
        const base = this.addressOf(e.base);
        const addr = this.ptrOffset(base, e.offset ? this.toI64(this.rvalue(e.offset), e.offset.type) : e.member.offset);
        return e.member.bitWidth !== undefined ? { addr, bitfield: e.member, volatile: vol } : { addr, volatile: vol };
      }
      case "string": {
        if (e.sym) return { addr: this.b.addr(this.names.of(e.sym)), volatile: false };
        let g = this.names.strings.get(e);
        if (!g) {
          g = {
            name: `.L.str.lit.${this.names.strings.size}`, linkage: "internal", visibility: "default",
            align: Math.max(1, e.elem.size), threadLocal: false, readonly: true, init: [{ k: "bytes", data: e.bytes }],
          };
          this.names.strings.set(e, g);
        }
        return { addr: this.b.addr(g.name), volatile: false };
      }
      case "compound": {
        const addr = this.objectAddr(e.sym);
        if (e.init) this.localInit(addr, e.sym.type, e.init);
        return { addr, volatile: vol };
      }
      case "real": case "imag": {
        const base = this.addressOf(e.operand);
        return { addr: e.kind === "real" ? base : this.ptrOffset(base, sizeOf(e.type)), volatile: vol };
      }
      default:
        // An rvalue of aggregate type used where an address is needed (f().a, (a = b).c …).
        if (isMemoryType(e.type)) return { addr: this.rvalue(e), volatile: false };
        this.diags.error(e.loc, "lvalue required");
        return { addr: UNDEF, volatile: false };
    }
  }

  /** The address of an object-designating or aggregate-valued expression. */
  addressOf(e: A.Expr): Value {
    return this.lvalue(e).addr;
  }

  private readLValue(lv: LValue, t: CType): Value {
    if (lv.bitfield) return this.loadBitfield(lv);
    return this.loadValue(lv.addr, t, lv.volatile);
  }

  private writeLValue(lv: LValue, t: CType, v: Value): Value {
    if (lv.bitfield) return this.storeBitfield(lv, v, t);
    this.storeValue(lv.addr, t, v, lv.volatile);
    return v;
  }

  /** The container a bit-field is read through: its storage bytes rounded up to 1, 2, 4, 8 or 16. */
  private bitfieldContainer(m: Member): IntType {
    const n = m.storageBytes ?? 1;
    return intTypeOfSize(n <= 1 ? 1 : n <= 2 ? 2 : n <= 4 ? 4 : n <= 8 ? 8 : 16);
  }

  /** Load the storage bytes of a bit-field as one little-endian integer. */
  private loadContainer(lv: LValue, m: Member, ct: IntType): Value {
    const n = m.storageBytes ?? 1;
    if (n === 1 || n === 2 || n === 4 || n === 8) return this.b.load(ct, lv.addr, undefined, lv.volatile);
    let acc: Value = { k: "int", value: 0n };
    for (let i = 0; i < n; i++) {
      const byte = this.b.load("i8", this.ptrOffset(lv.addr, i), undefined, lv.volatile);
      const wide = this.b.conv("zext", "i8", ct, byte);
      const shifted = i === 0 ? wide : this.b.bin("shl", ct, wide, { k: "int", value: BigInt(8 * i) });
      acc = this.b.bin("or", ct, acc, shifted);
    }
    return acc;
  }

  private storeContainer(lv: LValue, m: Member, ct: IntType, v: Value): void {
    const n = m.storageBytes ?? 1;
    if (n === 1 || n === 2 || n === 4 || n === 8) {
      this.b.store(ct, v, lv.addr, lv.volatile);
      return;
    }
    for (let i = 0; i < n; i++) {
      const shifted = i === 0 ? v : this.b.bin("lshr", ct, v, { k: "int", value: BigInt(8 * i) });
      this.b.store("i8", this.b.conv("trunc", ct, "i8", shifted), this.ptrOffset(lv.addr, i), lv.volatile);
    }
  }

  private loadBitfield(lv: LValue): Value {
    const m = lv.bitfield!;
    const ct = this.bitfieldContainer(m);
    const w = bitWidth(ct);
    const raw = this.loadContainer(lv, m, ct);
    const width = m.bitWidth!;
    const shift = m.bitOffset ?? 0;
    let v: Value;
    if (isSigned(m.type) && m.type.kind !== "int" || (m.type.kind === "int" && m.type.signed && m.type.name !== "bool")) {
      const up = this.b.bin("shl", ct, raw, { k: "int", value: BigInt(w - shift - width) });
      v = this.b.bin("ashr", ct, up, { k: "int", value: BigInt(w - width) });
    } else {
      const down = shift ? this.b.bin("lshr", ct, raw, { k: "int", value: BigInt(shift) }) : raw;
      v = width >= w ? down : this.b.bin("and", ct, down, { k: "int", value: (1n << BigInt(width)) - 1n });
    }
    return this.intResize(v, ct, irType(m.type) as IntType, isSigned(m.type));
  }

  /** Store `v` (of C type `vt`, already converted to the field's type) into a bit-field; returns the value read back. */
  private storeBitfield(lv: LValue, v: Value, vt: CType): Value {
    const m = lv.bitfield!;
    const ct = this.bitfieldContainer(m);
    const vIr = (irType(vt) ?? "i32") as IntType;
    const wide = this.intResize(v, vIr, ct, false);
    const width = BigInt(m.bitWidth!);
    const shift = BigInt(m.bitOffset ?? 0);
    const fieldMask = (1n << width) - 1n;
    const mask = BigInt.asUintN(bitWidth(ct), fieldMask << shift);
    const old = this.loadContainer(lv, m, ct);
    const cleared = this.b.bin("and", ct, old, { k: "int", value: BigInt.asUintN(bitWidth(ct), ~mask) });
    const bits = this.b.bin("and", ct, wide, { k: "int", value: fieldMask });
    const placed = shift ? this.b.bin("shl", ct, bits, { k: "int", value: shift }) : bits;
    this.storeContainer(lv, m, ct, this.b.bin("or", ct, cleared, placed));
    // The value of the assignment is the field's new value.
    const w = BigInt(bitWidth(ct));
    let result: Value;
    if (m.type.kind === "int" && m.type.signed && m.type.name !== "bool" || m.type.kind === "enum" && isSigned(m.type)) {
      const up = this.b.bin("shl", ct, bits, { k: "int", value: w - width });
      result = this.b.bin("ashr", ct, up, { k: "int", value: w - width });
    } else {
      result = bits;
    }
    return this.intResize(result, ct, irType(m.type) as IntType, isSigned(m.type));
  }

  /** Truncate or extend an integer value between IR integer types. */
  intResize(v: Value, from: IntType | "ptr", to: IntType | "ptr", signed: boolean): Value {
    if (from === to) return v;
    if (from === "ptr") return this.intResize(this.b.conv("ptrtoint", "ptr", I64, v), I64, to, signed);
    if (to === "ptr") return this.b.conv("inttoptr", I64, "ptr", this.intResize(v, from, I64, signed));
    const fw = bitWidth(from);
    const tw = bitWidth(to);
    if (fw === tw) return v;
    if (fw > tw) return this.b.conv("trunc", from, to, v);
    return this.b.conv(signed ? "sext" : "zext", from, to, v);
  }

  private toI64(v: Value, t: CType): Value {
    const s = irType(t) as IntType | "ptr";
    return this.intResize(v, s, I64, isSigned(t));
  }

  /** Convert a value between C types (6.3). */
  convert(v: Value, from: CType, to: CType): Value {
    const converted = this.convertValue(v, from, to);
    if (to.kind === "int" && to.bits !== undefined && !(from.kind === "int" && from.bits !== undefined && from.bits <= to.bits && from.signed === to.signed)) {
      return this.narrowToBits(converted, to);
    }
    return converted;
  }

  /**
   * Keep a value of one of gcc's bit-field types (IntType.bits) within its
   * precision: zero- or sign-extend from bit `bits - 1`.
   */
  private narrowToBits(v: Value, t: CType & { kind: "int" }): Value {
    const it = irType(t) as IntType;
    const width = BigInt(bitWidth(it));
    const bits = BigInt(t.bits!);
    if (!t.signed) return this.b.bin("and", it, v, { k: "int", value: (1n << bits) - 1n });
    const up = this.b.bin("shl", it, v, { k: "int", value: width - bits });
    return this.b.bin("ashr", it, up, { k: "int", value: width - bits });
  }

  private convertValue(v: Value, from: CType, to: CType): Value {
    const b = this.b;
    if (to.kind === "void") return UNDEF;
    const isBoolTo = to.kind === "int" && to.name === "bool";
    if (from.kind === "complex" && to.kind !== "complex") {
      if (isBoolTo) return b.conv("zext", "i1", "i8", this.toCondition(v, from));
      const re = this.loadValue(v, from.elem, false);
      return this.convert(re, from.elem, to);
    }
    if (to.kind === "complex") {
      const et = to.elem;
      const tmp = b.alloca(sizeOf(to), alignOf(to), "cplx");
      if (from.kind === "complex") {
        const re = this.convert(this.loadValue(v, from.elem, false), from.elem, et);
        const im = this.convert(this.loadValue(this.ptrOffset(v, sizeOf(from.elem)), from.elem, false), from.elem, et);
        this.storeValue(tmp, et, re, false);
        this.storeValue(this.ptrOffset(tmp, sizeOf(et)), et, im, false);
      } else {
        this.storeValue(tmp, et, this.convert(v, from, et), false);
        const z = irType(et)!;
        this.storeValue(this.ptrOffset(tmp, sizeOf(et)), et, this.zero(z), false);
      }
      return tmp;
    }
    const fs = irType(from);
    const ts = irType(to);
    // GNU vector casts reinterpret the bytes: vector → scalar loads, scalar → vector stores.
    if (!fs && ts && from.kind === "vector") return this.b.load(ts, v);
    if (fs && !ts && to.kind === "vector") {
      const tmp = b.alloca(sizeOf(to), alignOf(to), "vec");
      b.store(fs, v, tmp);
      return tmp;
    }
    // GNU cast to union (and a transparent-union argument): the operand
    // (already of a member's type) is stored at offset 0 of a new union.
    if (fs && to.kind === "union") {
      const tmp = b.alloca(sizeOf(to), alignOf(to), "union");
      b.store(fs, v, tmp);
      return tmp;
    }
    if (!fs || !ts) return v; // aggregate to aggregate of the same layout (transparent unions, vectors)
    if (isBoolTo) {
      if (fs === "i8" && from.kind === "int" && from.name === "bool") return v;
      return b.conv("zext", "i1", "i8", this.toCondition(v, from));
    }
    if (isFloatType(fs) && isFloatType(ts)) {
      if (fs === ts) return v;
      return bitWidth(ts) > bitWidth(fs) ? b.conv("fpext", fs, ts, v) : b.conv("fptrunc", fs, ts, v);
    }
    if (isFloatType(fs)) {
      // float → integer or pointer
      const it = ts === "ptr" ? I64 : ts;
      const r = b.conv(isSigned(to) || ts === "ptr" ? "fptosi" : "fptoui", fs, it, v);
      return ts === "ptr" ? b.conv("inttoptr", I64, "ptr", r) : r;
    }
    if (isFloatType(ts)) {
      const src = fs === "ptr" ? b.conv("ptrtoint", "ptr", I64, v) : v;
      return b.conv(isSigned(from) && fs !== "ptr" ? "sitofp" : "uitofp", fs === "ptr" ? I64 : fs, ts, src);
    }
    return this.intResize(v, fs as IntType | "ptr", ts as IntType | "ptr", isSigned(from));
  }

  /** The value of an expression: a scalar, the address of an aggregate, or UNDEF for void. */
  rvalue(e: A.Expr): Value {
    const b = this.b;
    switch (e.kind) {
      case "int":
        return { k: "int", value: e.value };
      case "float": {
        const t = irType(e.type);
        if (!t || !isFloatType(t)) return this.complexConst(e);
        return { k: "float", bits: this.floatConstBits(t, e) };
      }
      case "string": case "var": case "member": case "deref": case "compound": case "real": case "imag": {
        if (e.kind === "var" && e.sym.kind === "function") return this.functionAddr(e.sym);
        const lv = this.lvalue(e);
        return this.readLValue(lv, e.type);
      }
      case "addr": {
        if (e.operand.kind === "var" && e.operand.sym.kind === "function") return this.functionAddr(e.operand.sym);
        return this.addressOf(e.operand);
      }
      case "decay": {
        if (e.operand.kind === "var" && e.operand.sym.kind === "function") return this.functionAddr(e.operand.sym);
        return this.addressOf(e.operand);
      }
      case "cast": {
        // A constant float converted to an integer folds here as gcc folds it
        // (clamped to the range when out of range), at every -O level.
        if (isInteger(e.type) && e.operand.type.kind === "float") {
          const c = evalConst(e);
          if (c?.kind === "int") return { k: "int", value: c.value };
        }
        const v = this.rvalue(e.operand);
        return this.convert(v, e.operand.type, e.type);
      }
      case "unary":
        return this.unary(e);
      case "binary":
        return this.binary(e.op, this.rvalue(e.left), this.rvalue(e.right), e.left.type, e.right.type, e.type);
      case "ptradd": {
        const p = this.rvalue(e.ptr);
        const idx = this.toI64(this.rvalue(e.index), e.index.type);
        const off = e.scale === 1 ? idx : this.mulConst(idx, e.scale);
        return this.ptrOffset(p, off);
      }
      case "ptrdiff": {
        const l = b.conv("ptrtoint", "ptr", I64, this.rvalue(e.left));
        const r = b.conv("ptrtoint", "ptr", I64, this.rvalue(e.right));
        const d = b.bin("sub", I64, l, r);
        const q = e.scale === 1 ? d : b.bin("sdiv", I64, d, { k: "int", value: BigInt(e.scale) });
        return this.intResize(q, I64, irType(e.type) as IntType, true);
      }
      case "logical":
        return this.logical(e);
      case "cond":
        return this.conditional(e);
      case "assign": {
        const lv = this.lvalue(e.target);
        const v = this.rvalue(e.value);
        if (e.size) {
          // A variably sized struct/union: its run-time size.
          const size = this.toI64(this.rvalue(e.size), e.size.type);
          this.b.emit({ op: "memcpy", dstAddr: lv.addr, srcAddr: v, size, align: Math.max(1, alignOf(e.type)) });
          return lv.addr;
        }
        const stored = this.writeLValue(lv, e.target.type, v);
        return isMemoryType(e.type) ? lv.addr : stored;
      }
      case "opassign":
        return this.opAssign(e);
      case "incdec":
        return this.incDec(e);
      case "call":
        return this.call(e);
      case "builtin":
        if (e.name === "__builtin_va_arg_pack_len") {
          // Only an always_inline function is sure to be inlined, where the inline pass answers it.
          if (!this.def.sym.attrs.alwaysInline) this.diags.error(e.loc, "invalid use of '__builtin_va_arg_pack_len ()'");
          const dst = this.b.newTemp("i32");
          this.b.emit({ op: "intrinsic", dst, name: "va_arg_pack_len", type: "i32", args: [] });
          return { k: "temp", id: dst };
        }
        if (e.name === "__builtin_va_arg_pack") {
          this.diags.error(e.loc, "invalid use of '__builtin_va_arg_pack ()'");
          return UNDEF;
        }
        return lowerBuiltin(this, e);
      case "vaarg":
        return this.vaArg(this.rvalue(e.ap), e.type);
      case "comma":
        this.rvalue(e.left);
        return this.rvalue(e.right);
      case "stmtexpr": {
        const cleanupDepth = this.cleanups.length;
        for (const s of e.body) this.stmt(s);
        let v = e.result ? this.rvalue(e.result) : UNDEF;
        if (this.cleanups.length > cleanupDepth) {
          // The value is taken before the statement expression's cleanups run.
          if (e.result && isMemoryType(e.result.type)) {
            const size = Math.max(1, sizeOf(e.result.type));
            const copy = b.alloca(size, alignOf(e.result.type), "stmtexpr.value");
            this.memcpy(copy, v, sizeOf(e.result.type), alignOf(e.result.type));
            v = copy;
          }
          this.closeCleanupScope(cleanupDepth);
        }
        return v;
      }
      case "labeladdr": {
        const dst = b.newTemp("ptr", "labeladdr");
        const owner = this.plan?.ownerOfLabel(e.label);
        const site = owner && owner !== this.def ? this.names.labelSites.get(e.label.id) : undefined;
        // A label of an enclosing function (lowered before this one).
        if (site) b.emit({ op: "blockaddr", dst, block: site.block, func: site.func });
        else b.emit({ op: "blockaddr", dst, block: this.labelBlock(e.label).label });
        return { k: "temp", id: dst };
      }
    }
  }

  vaArg(ap: Value, t: CType): Value {
    const dst = this.b.newTemp(irType(t) ?? "ptr", "va");
    this.b.emit({ op: "va_arg", dst, type: argType(t), ap });
    const v: Value = { k: "temp", id: dst };
    if (irType(t)) return v;
    // Aggregates: copy out of the va_list area before the next va_arg.
    const tmp = this.b.alloca(Math.max(1, sizeOf(t)), alignOf(t), "va.tmp");
    this.memcpy(tmp, v, sizeOf(t), alignOf(t));
    return tmp;
  }

  /** A wide (long double, _Float128) literal is converted from its text, exactly. */
  private floatConstBits(t: FloatType, e: A.FloatConst): bigint {
    if ((t === "f80" || t === "f128") && e.literal !== undefined) {
      const bits = wideFloatBits(e.literal, t);
      if (bits !== undefined) return bits;
    }
    return floatBits(t, e.value);
  }

  private complexConst(e: A.FloatConst): Value {
    // An imaginary constant like 2.0i: a complex with zero real part.
    const t = e.type;
    if (t.kind !== "complex") return UNDEF;
    const et = irType(t.elem) as FloatType;
    const tmp = this.b.alloca(sizeOf(t), alignOf(t), "cplx");
    this.b.store(et, { k: "float", bits: 0n }, tmp);
    this.b.store(et, { k: "float", bits: this.floatConstBits(et, e) }, this.ptrOffset(tmp, sizeOf(t.elem)));
    return tmp;
  }

  private mulConst(v: Value, n: number): Value {
    return this.b.bin("mul", I64, v, { k: "int", value: BigInt(n) });
  }

  /**
   * GNU vector arithmetic, element by element through memory. A scalar operand
   * is splatted; comparisons give -1 (true) or 0 per element, as gcc does.
   */
  private vectorBinary(op: A.BinOp, l: Value, r: Value, lt: CType, rt: CType, resultType: CType): Value {
    const b = this.b;
    const vt = resultType.kind === "vector" ? resultType : lt.kind === "vector" ? lt : rt;
    if (vt.kind !== "vector") return UNDEF;
    const operandVec = lt.kind === "vector" ? lt : rt.kind === "vector" ? rt : vt;
    if (operandVec.kind !== "vector") return UNDEF;
    const opElem = operandVec.elem;
    const resElem = vt.elem;
    const es = sizeOf(opElem), rs = sizeOf(resElem);
    const n = Math.floor(vt.size / rs);
    const tmp = b.alloca(vt.size, Math.min(16, vt.size), "vec");
    const compare = op === "==" || op === "!=" || op === "<" || op === ">" || op === "<=" || op === ">=";
    for (let i = 0; i < n; i++) {
      const x = lt.kind === "vector" ? this.loadValue(this.ptrOffset(l, i * es), opElem, false) : this.convert(l, lt, opElem);
      const y = rt.kind === "vector"
        ? this.loadValue(this.ptrOffset(r, i * sizeOf(rt.elem)), rt.elem, false)
        : this.convert(r, rt, opElem);
      const yt = rt.kind === "vector" ? rt.elem : opElem;
      let z = this.binary(op, x, y, opElem, yt, compare ? resElem : opElem);
      if (compare) z = b.bin("sub", irType(resElem) as IntType, { k: "int", value: 0n }, z);
      this.storeValue(this.ptrOffset(tmp, i * rs), resElem, z, false);
    }
    return tmp;
  }

  private vectorUnary(e: A.Unary, v: Value): Value {
    const b = this.b;
    const vt = e.type;
    if (vt.kind !== "vector") return UNDEF;
    const es = sizeOf(vt.elem);
    const it = irType(vt.elem)!;
    const tmp = b.alloca(vt.size, Math.min(16, vt.size), "vec");
    for (let i = 0; i < vt.size / es; i++) {
      const x = b.load(it, this.ptrOffset(v, i * es));
      const z = e.op === "neg"
        ? (isFloatType(it) ? this.fneg(it, x) : b.bin("sub", it as IntType, { k: "int", value: 0n }, x))
        : b.bin("xor", it as IntType, x, { k: "int", value: -1n });
      b.store(it, z, this.ptrOffset(tmp, i * es));
    }
    return tmp;
  }

  private unary(e: A.Unary): Value {
    const b = this.b;
    const v = this.rvalue(e.operand);
    if (e.type.kind === "vector" && e.op !== "not") return this.vectorUnary(e, v);
    if (e.op === "not") {
      const c = this.toCondition(v, e.operand.type);
      const inv = b.bin("xor", "i1", c, { k: "int", value: 1n });
      return b.conv("zext", "i1", irType(e.type) as IntType, inv);
    }
    if (e.type.kind === "complex") {
      const et = e.type.elem;
      const it = irType(et)!;
      const tmp = b.alloca(sizeOf(e.type), alignOf(e.type), "cplx");
      const re = b.load(it, v);
      const im = b.load(it, this.ptrOffset(v, sizeOf(et)));
      const neg = (x: Value): Value => isFloatType(it) ? this.fneg(it, x) : b.bin("sub", it as IntType, { k: "int", value: 0n }, x);
      if (e.op === "neg") {
        b.store(it, neg(re), tmp);
        b.store(it, neg(im), this.ptrOffset(tmp, sizeOf(et)));
      } else {
        // `~z` on a complex is its conjugate (GNU).
        b.store(it, re, tmp);
        b.store(it, neg(im), this.ptrOffset(tmp, sizeOf(et)));
      }
      return tmp;
    }
    const t = irType(e.type)!;
    if (e.op === "neg") {
      if (isFloatType(t)) return this.fneg(t, v);
      return b.bin("sub", t as IntType, { k: "int", value: 0n }, v);
    }
    return b.bin("xor", t as IntType, v, { k: "int", value: -1n });
  }

  /** Arithmetic and comparison on already-converted operands. */
  binary(op: A.BinOp, l: Value, r: Value, lt: CType, rt: CType, resultType: CType): Value {
    const v = this.binaryValue(op, l, r, lt, rt, resultType);
    return resultType.kind === "int" && resultType.bits !== undefined ? this.narrowToBits(v, resultType) : v;
  }

  private binaryValue(op: A.BinOp, l: Value, r: Value, lt: CType, rt: CType, resultType: CType): Value {
    const b = this.b;
    if (lt.kind === "complex" || rt.kind === "complex") return this.complexBinary(op, l, r, lt, resultType);
    if (lt.kind === "vector" || rt.kind === "vector" || resultType.kind === "vector") return this.vectorBinary(op, l, r, lt, rt, resultType);
    const t = irType(lt)!;
    const signed = isSigned(lt);
    switch (op) {
      case "==": case "!=": case "<": case ">": case "<=": case ">=": {
        let c: Value;
        if (isFloatType(t)) {
          const pred = ({ "==": "oeq", "!=": "une", "<": "olt", ">": "ogt", "<=": "ole", ">=": "oge" } as const)[op];
          c = b.fcmp(pred, t, l, r);
        } else {
          const s = signed && t !== "ptr";
          const pred = ({ "==": "eq", "!=": "ne", "<": s ? "slt" : "ult", ">": s ? "sgt" : "ugt", "<=": s ? "sle" : "ule", ">=": s ? "sge" : "uge" } as const)[op];
          const rr = irType(rt) !== t ? this.intResize(r, irType(rt) as IntType | "ptr", t as IntType | "ptr", isSigned(rt)) : r;
          c = b.icmp(pred, t as IntType | "ptr", l, rr);
        }
        return b.conv("zext", "i1", irType(resultType) as IntType, c);
      }
    }
    if (isFloatType(t)) {
      const fop = ({ "+": "fadd", "-": "fsub", "*": "fmul", "/": "fdiv" } as const)[op as "+" | "-" | "*" | "/"];
      if (!fop) return UNDEF;
      return b.fbin(fop, t, l, r);
    }
    const it = t as IntType;
    switch (op) {
      case "+": return b.bin("add", it, l, r);
      case "-": return b.bin("sub", it, l, r);
      case "*": return b.bin("mul", it, l, r);
      case "/": return b.bin(signed ? "sdiv" : "udiv", it, l, r);
      case "%": return b.bin(signed ? "srem" : "urem", it, l, r);
      case "&": return b.bin("and", it, l, r);
      case "|": return b.bin("or", it, l, r);
      case "^": return b.bin("xor", it, l, r);
      case "<<": case ">>": {
        const rIr = irType(rt) as IntType;
        const amount = rIr === it ? r : this.intResize(r, rIr, it, false);
        if (op === "<<") return b.bin("shl", it, l, amount);
        return b.bin(signed ? "ashr" : "lshr", it, l, amount);
      }
    }
    return UNDEF;
  }

  private complexBinary(op: A.BinOp, l: Value, r: Value, t: CType, resultType: CType): Value {
    const b = this.b;
    if (t.kind !== "complex") return UNDEF;
    const et = t.elem;
    const it = irType(et)!;
    const es = sizeOf(et);
    const lre = b.load(it, l), lim = b.load(it, this.ptrOffset(l, es));
    const rre = b.load(it, r), rim = b.load(it, this.ptrOffset(r, es));
    if (op === "==" || op === "!=") {
      const eq = (x: Value, y: Value): Value => isFloatType(it) ? b.fcmp("oeq", it, x, y) : b.icmp("eq", it as IntType, x, y);
      const both = b.bin("and", "i1", eq(lre, rre), eq(lim, rim));
      const c = op === "==" ? both : b.bin("xor", "i1", both, { k: "int", value: 1n });
      return b.conv("zext", "i1", irType(resultType) as IntType, c);
    }
    const f = isFloatType(it);
    const add = (x: Value, y: Value): Value => f ? b.fbin("fadd", it as FloatType, x, y) : b.bin("add", it as IntType, x, y);
    const sub = (x: Value, y: Value): Value => f ? b.fbin("fsub", it as FloatType, x, y) : b.bin("sub", it as IntType, x, y);
    const mul = (x: Value, y: Value): Value => f ? b.fbin("fmul", it as FloatType, x, y) : b.bin("mul", it as IntType, x, y);
    let re: Value, im: Value;
    switch (op) {
      case "+": re = add(lre, rre); im = add(lim, rim); break;
      case "-": re = sub(lre, rre); im = sub(lim, rim); break;
      case "*":
        if (f) return this.complexLibcall("mul", it as FloatType, t, lre, lim, rre, rim);
        re = sub(mul(lre, rre), mul(lim, rim));
        im = add(mul(lre, rim), mul(lim, rre));
        break;
      case "/":
        if (f) return this.complexLibcall("div", it as FloatType, t, lre, lim, rre, rim);
        {
          const den = add(mul(rre, rre), mul(rim, rim));
          const sg = isSigned(et);
          re = b.bin(sg ? "sdiv" : "udiv", it as IntType, add(mul(lre, rre), mul(lim, rim)), den);
          im = b.bin(sg ? "sdiv" : "udiv", it as IntType, sub(mul(lim, rre), mul(lre, rim)), den);
        }
        break;
      default:
        return UNDEF;
    }
    const tmp = b.alloca(sizeOf(t), alignOf(t), "cplx");
    b.store(it, re, tmp);
    b.store(it, im, this.ptrOffset(tmp, es));
    return tmp;
  }

  /** Complex float multiply/divide through libgcc's __mulXc3/__divXc3 (C Annex G semantics). */
  private complexLibcall(op: "mul" | "div", it: FloatType, t: CType, a: Value, b2: Value, c: Value, d: Value): Value {
    const suffix = it === "f32" ? "sc3" : it === "f64" ? "dc3" : it === "f80" ? "xc3" : "tc3";
    const tmp = this.b.alloca(sizeOf(t), alignOf(t), "cplx");
    const args: CallArg[] = [a, b2, c, d].map((value) => ({ type: { kind: "scalar", type: it }, value }));
    this.b.call({ kind: "agg", layout: aggLayout(t) }, `__${op}${suffix}`, args, { retAddr: tmp });
    return tmp;
  }

  private logical(e: A.Logical): Value {
    const b = this.b;
    const rhs = b.block(e.op === "&&" ? "and.rhs" : "or.rhs");
    const join = b.block(e.op === "&&" ? "and.end" : "or.end");
    const l = this.cond(e.left);
    const from = b.current.label;
    if (e.op === "&&") b.condbr(l, rhs, join);
    else b.condbr(l, join, rhs);
    b.at(rhs);
    const r = this.cond(e.right);
    const rhsEnd = b.current.label;
    b.br(join);
    b.at(join);
    const dst = b.newTemp("i1", e.op === "&&" ? "and" : "or");
    join.phis.push({ dst, type: "i1", incoming: [{ block: from, value: { k: "int", value: e.op === "&&" ? 0n : 1n } }, { block: rhsEnd, value: r }] });
    return b.conv("zext", "i1", irType(e.type) as IntType, { k: "temp", id: dst });
  }

  private conditional(e: A.Cond): Value {
    const b = this.b;
    const thenB = b.block("cond.true");
    const elseB = b.block("cond.false");
    const join = b.block("cond.end");
    const resultIr = irType(e.type) ?? (e.type.kind === "void" ? undefined : "ptr");
    let thenVal: Value;
    let thenEnd: string;
    if (e.then === undefined) {
      // GNU `a ?: b`: a is evaluated once.
      const a = this.rvalue(e.cond);
      const c = this.toCondition(a, e.cond.type);
      b.condbr(c, thenB, elseB);
      b.at(thenB);
      thenVal = this.convert(a, e.cond.type, e.type);
    } else {
      b.condbr(this.cond(e.cond), thenB, elseB);
      b.at(thenB);
      thenVal = this.rvalue(e.then);
    }
    thenEnd = b.current.label;
    b.br(join);
    b.at(elseB);
    const elseVal = this.rvalue(e.else);
    const elseEnd = b.current.label;
    b.br(join);
    b.at(join);
    if (!resultIr) return UNDEF;
    const dst = b.newTemp(resultIr, "cond");
    join.phis.push({ dst, type: resultIr, incoming: [{ block: thenEnd, value: thenVal }, { block: elseEnd, value: elseVal }] });
    return { k: "temp", id: dst };
  }

  private opAssign(e: A.OpAssign): Value {
    const lv = this.lvalue(e.target);
    const tt = e.target.type;
    // The target's old value is read after the right operand is evaluated, as
    // gcc does (pr58943: `x[0] |= f()` where f also writes x[0]).
    const rhs = this.rvalue(e.value);
    const old = this.readLValue(lv, tt);
    let result: Value;
    if (tt.kind === "pointer") {
      const idx = this.toI64(rhs, e.value.type);
      const scaled = (e.scale ?? 1) === 1 ? idx : this.mulConst(idx, e.scale!);
      const off = e.op === "-" ? this.b.bin("sub", I64, { k: "int", value: 0n }, scaled) : scaled;
      result = this.ptrOffset(old, off);
    } else {
      const wide = this.convert(old, tt, e.opType);
      const shift = e.op === "<<" || e.op === ">>";
      const r = this.binary(e.op, wide, rhs, e.opType, shift || e.opType.kind === "vector" ? e.value.type : e.opType, e.opType);
      result = this.convert(r, e.opType, tt);
    }
    return this.writeLValue(lv, tt, result);
  }

  private incDec(e: A.IncDec): Value {
    const b = this.b;
    const lv = this.lvalue(e.target);
    const tt = e.target.type;
    const old = this.readLValue(lv, tt);
    let next: Value;
    const t = irType(tt)!;
    if (tt.kind === "int" && tt.name === "bool") {
      next = e.op === "++" ? { k: "int", value: 1n } : b.conv("zext", "i1", "i8", b.icmp("eq", "i8", old, { k: "int", value: 0n }));
    } else if (t === "ptr") {
      next = this.ptrOffset(old, e.op === "++" ? e.scale : -e.scale);
    } else if (isFloatType(t)) {
      next = b.fbin(e.op === "++" ? "fadd" : "fsub", t, old, { k: "float", bits: floatBits(t, 1) });
    } else {
      next = b.bin(e.op === "++" ? "add" : "sub", t as IntType, old, { k: "int", value: 1n });
    }
    const stored = this.writeLValue(lv, tt, next);
    return e.prefix ? stored : old;
  }

  private call(e: A.Call): Value {
    const b = this.b;
    const fnType = e.fnType;
    let callee: string | Value;
    const c = e.callee;
    const direct = (c.kind === "decay" || c.kind === "addr") && c.operand.kind === "var" && c.operand.sym.kind === "function" ? c.operand.sym : undefined;
    if (direct && !direct.defined) {
      // Library functions gcc treats as builtins even when only declared
      // (alloca has no library definition at all), and `__builtin_X` names
      // called like ordinary functions.
      const name = direct.asmName ?? direct.name;
      const builtin = name === "alloca" ? "__builtin_alloca" : name.startsWith("__builtin_") ? name : undefined;
      if (builtin && hasBuiltinExpansion(builtin)) return lowerBuiltin(this, { kind: "builtin", name: builtin, args: e.args, type: e.type, loc: e.loc });
      // `__builtin_memcpy` not expanded is a call to memcpy; a name gcc does not
      // know (`__builtin_frobnicate`) stays an implicitly declared function.
      if (builtin && name.startsWith("__builtin_") && isLibraryFunction(name.slice("__builtin_".length))) direct.asmName = name.slice("__builtin_".length);
    }
    // gcc expands them even when the program defines a function of that name itself (torture 20021127-1).
    if (direct && OPEN_CODED_LIBRARY.has(direct.name) && this.isLibraryBuiltin(direct) && this.matchesLibrary(e, direct.name)) {
      return lowerBuiltin(this, { kind: "builtin", name: `__builtin_${direct.name}`, args: e.args, type: e.type, loc: e.loc, libName: direct.name });
    }
    // The C99 complex functions are operations on the value (gcc expands them even at -O0).
    const part = direct && Object.hasOwn(COMPLEX_FUNCTIONS, direct.name) ? COMPLEX_FUNCTIONS[direct.name] : undefined;
    if (direct && part && e.args.length === 1 && e.args[0]!.type.kind === "complex" && this.builtinsAllowed(direct, direct.name)) {
      const z = e.args[0]!;
      if (part === "conj") return lowerBuiltin(this, { kind: "builtin", name: "__builtin_conj", args: [z], type: e.type, loc: e.loc });
      return this.rvalue({ kind: part, operand: z, type: e.type, loc: e.loc });
    }
    if (direct) callee = this.names.of(direct);
    else callee = this.rvalue(c);
    // GNU `f(a, __builtin_va_arg_pack())` in a function to be inlined: the
    // inliner appends the variadic arguments of the inlined call.
    const last = e.args[e.args.length - 1];
    const vaPack = last?.kind === "builtin" && last.name === "__builtin_va_arg_pack" && fnType.variadic && e.args.length > fnType.params.length;
    if (vaPack) this.checkVaArgPack(e);
    const args: CallArg[] = (vaPack ? e.args.slice(0, -1) : e.args).map((a) => ({ type: argType(a.type), value: this.rvalue(a) }));
    const ret = retType(fnType.ret);
    const fixedArgs = fnType.variadic ? fnType.params.length : !fnType.prototyped ? args.length : undefined;
    const opts: { fixedArgs?: number; builtin?: string; chain?: Value; vaPack?: boolean } = {};
    if (fixedArgs !== undefined) opts.fixedArgs = fixedArgs;
    if (vaPack) opts.vaPack = true;
    // A direct call of a nested function passes the frame of the function it is nested in.
    const parent = direct?.enclosing?.def;
    if (parent) opts.chain = this.frameOf(parent);
    if (direct && this.isLibraryBuiltin(direct)) opts.builtin = direct.name;
    // gcc folds a comparison of zero bytes to 0 even at -O0 (the arguments are still evaluated).
    const n = args[2]?.value;
    if (opts.builtin !== undefined && ZERO_LENGTH_COMPARES.has(opts.builtin) && n?.k === "int" && n.value === 0n &&
      ret.kind === "scalar" && isIntType(ret.type)) return { k: "int", value: 0n };
    if (ret.kind === "agg") {
      const tmp = b.alloca(Math.max(1, ret.layout.size), ret.layout.align, "call.ret");
      b.call(ret, callee, args, { retAddr: tmp, ...opts });
      return tmp;
    }
    const v = b.call(ret, callee, args, opts);
    if (direct && this.neverReturns(direct)) {
      // Nothing follows a call that does not return (gcc ends the block there
      // too: no stack-protector check or epilogue after `exit`).
      b.term({ op: "unreachable" });
      this.startDeadBlock();
    }
    return v ?? UNDEF;
  }

  /** A `noreturn` function, or one of the library functions gcc knows never return. */
  private neverReturns(fn: A.FunctionSymbol): boolean {
    if (fn.attrs.noreturn) return true;
    const name = fn.name.startsWith("__builtin_") ? fn.name.slice("__builtin_".length) : fn.name;
    return NORETURN_LIBRARY.has(name) && this.isLibraryBuiltin(fn);
  }

  /** `__builtin_va_arg_pack()` forwards the arguments of the call an always_inline function is inlined into. */
  checkVaArgPack(e: A.Expr): void {
    if (!this.def.sym.attrs.alwaysInline) this.diags.error(e.loc, "invalid use of '__builtin_va_arg_pack ()'");
  }

  /**
   * Is a call to `fn` a call to the standard C library function of that name,
   * which gcc would treat as a builtin? Not when the program opted out
   * (-fno-builtin[-NAME], -ffreestanding) or declared its own static function.
   */
  private isLibraryBuiltin(fn: A.FunctionSymbol): boolean {
    const name = fn.name.startsWith("__builtin_") ? fn.name.slice("__builtin_".length) : fn.name;
    return isLibraryFunction(name) && this.builtinsAllowed(fn, name);
  }

  /**
   * Does the call fit the library function's standard signature (same number
   * of arguments, the same kinds of type)? A program's own odd declaration of
   * `fabs` keeps its call, as gcc then does.
   */
  private matchesLibrary(e: A.Call, name: string): boolean {
    const sig = librarySignature(name);
    if (sig === undefined) return false;
    const [ret, params] = sig.split(":") as [string, string];
    const codes = params === "" ? [] : params.split(",");
    const kindOf = (code: string): "float" | "int" | "pointer" => "fdDF".includes(code) ? "float" : "pPsS".includes(code) ? "pointer" : "int";
    const typeKind = (t: CType): string => t.kind === "float" ? "float" : t.kind === "pointer" ? "pointer" : t.kind === "int" || t.kind === "enum" ? "int" : t.kind;
    // float, double, and long double/_Float128 (16 bytes on every target) by size.
    const fits = (t: CType, code: string): boolean =>
      typeKind(t) === kindOf(code) && (kindOf(code) !== "float" || sizeOf(t) === (code === "f" ? 4 : code === "d" ? 8 : 16));
    return e.args.length === codes.length && fits(e.type, ret) && e.args.every((a, i) => fits(a.type, codes[i]!));
  }

  /** May a call to `fn` (the library function `name`) be treated as the builtin? */
  private builtinsAllowed(fn: A.FunctionSymbol, name: string): boolean {
    if (fn.linkage !== "external" || fn.storage === "static") return false;
    const lb = this.opts.libBuiltins;
    return fn.name.startsWith("__builtin_") || !lb || (lb.all && !lb.off.includes(name));
  }

  fneg(t: FloatType, a: Value): Value {
    const dst = this.b.newTemp(t);
    this.b.emit({ op: "fneg", dst, type: t, a });
    return { k: "temp", id: dst };
  }

  /** Lowering helpers the builtin table uses. */
  get builder(): FuncBuilder {
    return this.b;
  }
  offset(base: Value, off: number | Value): Value {
    return this.ptrOffset(base, off);
  }
  copy(dst: Value, src: Value, size: number, align: number): void {
    this.memcpy(dst, src, size, align);
  }
  argTypeOf(t: CType): ArgType {
    return argType(t);
  }
  objectAddress(sym: A.ObjectSymbol): Value {
    return this.objectAddr(sym);
  }
}

const isAggregate = (t: CType): boolean => t.kind === "struct" || t.kind === "union";

/**
 * The integer type a struct or union operand of asm has in a register: gcc
 * gives an aggregate of 1, 2, 4 or 8 bytes the integer mode of that size and
 * refuses any other size ("impossible constraint").
 */
function asmAggregateInt(t: CType): Type | undefined {
  if (!isAggregate(t) || hasVariableSize(t)) return undefined;
  const size = sizeOf(t);
  return size === 1 || size === 2 || size === 4 || size === 8 ? intTypeOfSize(size) : undefined;
}
