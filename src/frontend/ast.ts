// The typed AST: what parsing and semantic analysis hand to the IR lowering.
//
// The contract is that lowering never has to re-derive C semantics:
//
// * Every expression has its C type (`type`) and a source location (`loc`).
// * Every implicit conversion is an explicit `cast` node with `implicit: true`:
//   integer promotions (6.3.1.1), the usual arithmetic conversions (6.3.1.8),
//   conversions as if by assignment (6.5.16.1: assignment, initialization,
//   argument passing, `return`), default argument promotions (6.5.2.2p6),
//   conversion of a controlling expression to `_Bool` is NOT inserted: an
//   `if`/`while`/`for`/`?:`/`&&`/`||`/`!` operand is any scalar and means
//   "compare with zero".
// * Array-to-pointer and function-to-pointer conversion (6.3.2.1p3-4) is a
//   `decay` node.
// * Lvalue-to-value conversion (6.3.2.1p2) is implicit: an lvalue expression
//   (`var` of an object, `deref`, `member` of an lvalue, `compound`, `string`,
//   `real`/`imag` of an lvalue) used as an operand anywhere except as
//   - the operand of `addr` or `decay`,
//   - the `target` of `assign`/`opassign`/`incdec`,
//   - the `base` of `member`, the operand of `real`/`imag`
//   is read (loaded) with its type. Struct/union values are "read" as whole
//   objects (lowering may keep them as addresses and copy).
// * `sizeof`, `_Alignof`, `offsetof`, `_Generic`, `__builtin_choose_expr`,
//   `__builtin_types_compatible_p` and enum constants are already folded away.
// * Pointer arithmetic is `ptradd`/`ptrdiff` with a byte scale; when the
//   pointee has a variable size (a VLA, a GNU variably sized struct) the
//   index is pre-multiplied by the run-time size and
//   the scale is 1.
//
// Symbols are shared objects: every use of `x` points to the same
// ObjectSymbol, and redeclarations are merged into it (composite type, the
// definition, the union of attributes).

import type { SrcLoc } from "./token.js";
import type { FunctionType, IntType, Member, Type } from "./types.js";

// ---------------------------------------------------------------------------
// Symbols.

export type Linkage = "none" | "internal" | "external";

/** Attributes that change code generation, collected from every declaration of a symbol. */
export interface DeclAttrs {
  aligned?: number;
  packed?: boolean;
  section?: string;
  weak?: boolean;
  /** `alias("target")`: this symbol is another name for target. */
  alias?: string;
  /** `weakref` / `weakref("target")`. */
  weakref?: string;
  visibility?: "default" | "hidden" | "protected" | "internal";
  noreturn?: boolean;
  alwaysInline?: boolean;
  /** `no_instrument_function`: no -finstrument-functions hooks. */
  noInstrument?: boolean;
  noinline?: boolean;
  /** `stack_protect` ("require") / `no_stack_protector` ("never"). */
  stackProtect?: "require" | "never";
  noipa?: boolean;
  noclone?: boolean;
  used?: boolean;
  unused?: boolean;
  /** `constructor`/`destructor` priority; 65535 when no priority was given. */
  constructorPriority?: number;
  destructorPriority?: number;
  /** `cleanup(fn)`: call fn(&var) when the variable goes out of scope. */
  cleanup?: FunctionSymbol;
  /** `format(archetype, fmtIndex, firstArg)`, kept for -Wformat-like uses. */
  format?: { archetype: string; fmtIndex: number; firstArg: number };
  /** `format_arg(n)`: the result is a format string made from argument n (gettext). */
  formatArg?: number;
  gnuInline?: boolean;
  returnsTwice?: boolean;
  /** `__attribute__((const))` / `pure`: no side effects. */
  const?: boolean;
  pure?: boolean;
  malloc?: boolean;
  nonnull?: boolean;
  warnUnusedResult?: boolean;
  deprecated?: boolean;
  naked?: boolean;
  /** `ifunc("resolver")`. */
  ifunc?: string;
  /** `tls_model("...")`. */
  tlsModel?: string;
  /** `__attribute__((optimize(...)))`, `target(...)`: recorded, not interpreted. */
  nocommon?: boolean;
  common?: boolean;
}

interface SymbolBase {
  readonly name: string;
  /** Unique per translation unit; usable as a map key. */
  readonly id: number;
  /** Where it was first declared. */
  loc: SrcLoc;
}

/**
 * An object: global, static local, automatic local, parameter, compound
 * literal, string literal object or hidden compiler temporary.
 */
export interface ObjectSymbol extends SymbolBase {
  readonly kind: "object";
  /** Composite of all declarations; an incomplete array completed by its initializer. */
  type: Type;
  /** "auto" covers parameters and block-scope objects without a storage class. */
  storage: "auto" | "register" | "static" | "extern";
  linkage: Linkage;
  /** Static storage duration (file scope, `static`, `extern`): has an address known at link time. */
  isStatic: boolean;
  /** C11 `_Thread_local` / GNU `__thread`. */
  threadLocal: boolean;
  /** A function parameter. */
  isParam: boolean;
  /** A definition (not just `extern`) has been seen; for statics this means storage must be emitted. */
  defined: boolean;
  /** File-scope declaration without initializer and without `extern` (6.9.2): zero-initialized if nothing else defines it. */
  tentative: boolean;
  /** The static initializer (static storage only): bytes plus relocations. Absent: all zero. */
  init?: StaticInit;
  /** `int x asm("name")`: the assembler name. */
  asmName?: string;
  /** `register int x asm("rax")` at block scope names a register, not a symbol. */
  asmRegister?: string;
  attrs: DeclAttrs;
  /** Alignment requested by `_Alignas` / `aligned`, if larger than the type's. */
  align?: number;
  /** Its address is taken (`&x`, or an array that decays): lowering must keep it in memory. */
  addressTaken: boolean;
  /** Times the program names it, and how many of those only store to it (-Wunused-variable, -Wunused-but-set-variable). */
  mentions?: number;
  stores?: number;
  /** Declared with a typedef name as its whole type (`size_t n;`): debug information says so. */
  typedefName?: string;
  /** For anonymous objects: what it is. */
  anon?: "string" | "compound" | "vla-count" | "layout" | "temp";
  /** `constexpr` (C23). */
  constexpr?: boolean;
  /** The value of a constexpr scalar, usable in constant expressions. */
  constValue?: { kind: "int"; value: bigint } | { kind: "float"; value: number };
}

export interface FunctionSymbol extends SymbolBase {
  readonly kind: "function";
  type: FunctionType;
  linkage: Linkage;
  /** A body was seen. */
  defined: boolean;
  /** The definition, once parsed. */
  def?: FunctionDef;
  /** `inline` was written on some declaration. */
  isInline: boolean;
  /**
   * Whether an inline definition also provides the external definition
   * (6.7.4p7; gnu89 semantics swap the meaning of `extern inline`). When a
   * function is defined `inline` and this is false, the definition must not
   * be emitted as a global symbol (lowering may inline it or drop it; calls
   * go to the external symbol).
   */
  externalDefinition: boolean;
  /** Declared implicitly by a call (6.5.2.2 in C89). */
  implicit: boolean;
  /** `__builtin_xxx`-named library functions resolve to the plain name. */
  asmName?: string;
  attrs: DeclAttrs;
  /** `static` was written at some declaration. */
  storage: "static" | "extern" | "none";
  addressTaken: boolean;
  /** Times the program names it (-Wunused-function). */
  mentions?: number;
  /**
   * A GNU nested function: the function it is defined in. It may use that
   * function's (and its enclosers') automatic objects and `__label__` labels.
   */
  enclosing?: FunctionSymbol;
}

export interface EnumConstSymbol extends SymbolBase {
  readonly kind: "enumconst";
  readonly type: Type;
  readonly value: bigint;
}

export interface TypedefSymbol extends SymbolBase {
  readonly kind: "typedef";
  readonly type: Type;
}

export type Symbol = ObjectSymbol | FunctionSymbol | EnumConstSymbol | TypedefSymbol;

/** A relocation in a static initializer: the pointer-sized (or `size`) word at `offset` holds `&target + addend`. */
export interface Reloc {
  offset: number;
  size: number;
  /** The symbol whose address is stored (string literals and compound literals are ObjectSymbols too). */
  target?: ObjectSymbol | FunctionSymbol;
  /** `&&label` in a static initializer inside a function. */
  label?: Label;
  /** GNU `&&label - &&minusLabel`: the word holds the difference of two label addresses (plus addend). */
  minusLabel?: Label;
  addend: number;
}

/** A static initializer: `bytes` (already zero-filled, length = object size) plus relocations. */
export interface StaticInit {
  bytes: Uint8Array;
  relocs: Reloc[];
}

/**
 * A block-scope initializer: if `zeroFill`, first set the whole object to zero,
 * then perform the stores in order. A store whose `expr` is a `string` node
 * and whose `type` is an array copies min(string size, array size) bytes.
 * A store with `bitfield` writes the bit-field (type = its declared type).
 */
export interface LocalInit {
  zeroFill: boolean;
  items: InitItem[];
}

export interface InitItem {
  offset: number;
  type: Type;
  /**
   * Already converted to `type`, except: a `string` into a char array (copy
   * bytes), and a struct/union/array-typed value (a struct expression or a
   * compound literal) which initializes the whole subobject by copy.
   */
  expr: Expr;
  bitfield?: Member;
}

// ---------------------------------------------------------------------------
// Expressions.

interface ExprBase {
  type: Type;
  loc: SrcLoc;
}

/** Integer constant; `value` is already in range for `type` (wrapped as the type's width/signedness). */
export interface IntConst extends ExprBase { kind: "int"; value: bigint }

/**
 * Floating constant, already rounded to `type` when the type is float/double.
 * For long double/_Float128 constants from source, `literal` keeps the text so
 * lowering can convert it exactly; `value` is the nearest double.
 */
export interface FloatConst extends ExprBase { kind: "float"; value: number; literal?: string; imaginary?: boolean }

/**
 * A string literal: an lvalue of array type (char[N], wchar_t[N], ...).
 * `bytes` holds the encoded elements (little-endian, `elem.size` bytes each)
 * including the terminating zero. When an address is needed, `sym` is the
 * anonymous static object holding it (created on demand by the parser).
 */
export interface StringLit extends ExprBase {
  kind: "string"; bytes: Uint8Array; elem: IntType; sym?: ObjectSymbol;
  /** The literals concatenated into it, as written (between the quotes): -Wformat points into them. */
  pieces?: readonly StringPiece[];
}

/** One literal of a concatenation: where it is spelled, its text between the quotes, how many elements it gave. */
export interface StringPiece { loc: SrcLoc; body: string; units: number; /** Spelled in a macro's definition. */ expanded: boolean }

/** A use of an object or function. An object is an lvalue; a function is a designator (decays). */
export interface VarRef extends ExprBase { kind: "var"; sym: ObjectSymbol | FunctionSymbol }

/**
 * `base.member`; `p->m` is `member(deref(p))`. Anonymous members appear as nested `member` nodes. An lvalue iff base is.
 * `offset` (unsigned long) is set when the member's offset is a run-time value
 * (`member.offsetVar`, in a GNU variably sized record): it reads that hidden local.
 */
export interface MemberExpr extends ExprBase { kind: "member"; base: Expr; member: Member; offset?: Expr }

/** `*ptr` (and `a[i]` = `*(a + i)`): an lvalue of the pointee type. */
export interface Deref extends ExprBase { kind: "deref"; ptr: Expr }

/** `&operand`: operand is an lvalue or a function designator. */
export interface AddrOf extends ExprBase { kind: "addr"; operand: Expr }

/** Array-to-pointer (operand: array-typed lvalue or array rvalue member) or function-to-pointer decay. */
export interface Decay extends ExprBase { kind: "decay"; operand: Expr }

/**
 * Conversion of the operand's value to `type` (to _Bool means != 0; to void
 * means evaluate and discard). GNU extras: a cast from a scalar to a vector
 * type splats the scalar into every element; a cast to a union type (GNU
 * cast-to-union, transparent-union arguments) yields a union whose member of
 * the operand's type holds the value.
 */
export interface Cast extends ExprBase { kind: "cast"; operand: Expr; implicit: boolean }

/**
 * Arithmetic unary operators on an already promoted operand of type `type`.
 * "not" (`!`) takes any scalar and yields int 0/1.
 */
export interface Unary extends ExprBase { kind: "unary"; op: "neg" | "bitnot" | "not"; operand: Expr }

export type BinOp =
  | "+" | "-" | "*" | "/" | "%" | "<<" | ">>" | "&" | "|" | "^"
  | "==" | "!=" | "<" | ">" | "<=" | ">=";

/**
 * Binary arithmetic and comparison. Arithmetic ops: both operands already
 * converted to `type`. Shifts: each operand promoted separately; `type` is the
 * promoted left type. Comparisons: both operands converted to a common type
 * (arithmetic, or both pointers), result int 0/1; signedness of the
 * comparison is the operands' type.
 */
export interface Binary extends ExprBase { kind: "binary"; op: BinOp; left: Expr; right: Expr }

/** `ptr + index * scale` bytes; index is long (signed, already negated for `-`). */
export interface PtrAdd extends ExprBase { kind: "ptradd"; ptr: Expr; index: Expr; scale: number }

/** `(left - right) / scale` as long (ptrdiff_t). */
export interface PtrDiff extends ExprBase { kind: "ptrdiff"; left: Expr; right: Expr; scale: number }

/** `&&` / `||`: operands are scalars compared with zero; result int. */
export interface Logical extends ExprBase { kind: "logical"; op: "&&" | "||"; left: Expr; right: Expr }

/**
 * `cond ? then : else`; both arms converted to `type` (void when both void).
 * `then` undefined is GNU `cond ?: else`: evaluate cond once; if nonzero the
 * result is cond's value converted to `type` (via `thenCast`'s type).
 */
export interface Cond extends ExprBase { kind: "cond"; cond: Expr; then: Expr | undefined; else: Expr }

/**
 * `target = value`: value converted to the unqualified target type; result is that value (not an lvalue).
 * `size` (unsigned long) is the number of bytes copied when the type is a GNU
 * variably sized struct/union, whose size is known only at run time.
 */
export interface Assign extends ExprBase { kind: "assign"; target: Expr; value: Expr; size?: Expr }

/**
 * `target op= value`: load target, convert it to `opType`, apply op with
 * `value` (already converted to `opType`; for shifts promoted separately),
 * convert back to the target's type, store; the result is the stored value.
 * For pointer targets op is "+"/"-", value is long and `scale` is the
 * pointee size (VLA: value pre-multiplied, scale 1).
 */
export interface OpAssign extends ExprBase {
  kind: "opassign"; op: BinOp; target: Expr; value: Expr; opType: Type; scale?: number;
}

/**
 * `++x`, `x--`...: add/subtract 1 (`scale` bytes for pointers) to the lvalue.
 * _Bool targets: ++ stores 1, -- stores !old. Result: new value (prefix) or old (postfix).
 */
export interface IncDec extends ExprBase { kind: "incdec"; op: "++" | "--"; prefix: boolean; target: Expr; scale: number }

/**
 * A call. `callee` has pointer-to-function type (a direct call is
 * `decay(var(fn))`). Arguments are converted to the parameter types, extra
 * variadic / unprototyped arguments have the default argument promotions
 * applied. `fnType` is the callee's function type.
 */
export interface Call extends ExprBase { kind: "call"; callee: Expr; args: Expr[]; fnType: FunctionType }

/**
 * A compiler builtin: `name` is the spelling (`__builtin_clz`, `__atomic_load_n`,
 * `__sync_fetch_and_add`, `__builtin_va_start`...). Arguments are converted
 * to the table's parameter types (type-generic builtins keep the argument
 * types). `typeArg` carries the type of builtins taking one
 * (`__builtin_va_arg`). Builtins that are just library functions
 * (`__builtin_memcpy`) are also builtin nodes so lowering may expand them;
 * `libName` then names the library function to call otherwise.
 * va_list arguments are passed as pointers to the va_list object.
 */
export interface BuiltinCall extends ExprBase { kind: "builtin"; name: string; args: Expr[]; typeArg?: Type; libName?: string }
// Builtin names the parser itself introduces: `__builtin_complex(re, im)` (also
// for imaginary integer literals `2i`), `__builtin_vec_extract(vector, index)`
// (subscript of a vector rvalue), `__builtin_conj(z)` (`~z` on a complex).

/** `va_arg(ap, T)`: `ap` is a pointer to the va_list object; `type` is T. */
export interface VaArg extends ExprBase { kind: "vaarg"; ap: Expr }

export interface Comma extends ExprBase { kind: "comma"; left: Expr; right: Expr }

/**
 * GNU statement expression `({ ... })`. The value is that of `result`, which is
 * the final expression statement of the block (already removed from `body`);
 * type void when there is none.
 */
export interface StmtExpr extends ExprBase { kind: "stmtexpr"; body: Stmt[]; result: Expr | undefined }

/**
 * Compound literal (6.5.2.5): an lvalue designating `sym`. At block scope
 * `sym` is an automatic local and evaluating the node first runs `init`;
 * at file scope `sym` is a static object with a static initializer.
 */
export interface CompoundLit extends ExprBase { kind: "compound"; sym: ObjectSymbol; init?: LocalInit }

/** GNU `&&label`: the address of a label (void *). */
export interface LabelAddr extends ExprBase { kind: "labeladdr"; label: Label }

/** GNU `__real__ x` / `__imag__ x`: part of a complex value; an lvalue if the operand is. */
export interface ComplexPart extends ExprBase { kind: "real" | "imag"; operand: Expr }

export type Expr =
  | IntConst | FloatConst | StringLit | VarRef | MemberExpr | Deref | AddrOf | Decay | Cast
  | Unary | Binary | PtrAdd | PtrDiff | Logical | Cond | Assign | OpAssign | IncDec | Call
  | BuiltinCall | VaArg | Comma | StmtExpr | CompoundLit | LabelAddr | ComplexPart;

// ---------------------------------------------------------------------------
// Statements.

export interface Label {
  name: string;
  id: number;
  defined: boolean;
  /** Used by `&&label`: the label may be reached by a computed goto. */
  addressTaken: boolean;
  /** Named by a goto (-Wunused-label). */
  used?: boolean;
  loc: SrcLoc;
}

/** One `case lo ... hi:` (lo == hi for a plain case) or `default:` of a switch. */
export interface SwitchCase {
  lo: bigint;
  hi: bigint;
  isDefault: boolean;
  loc: SrcLoc;
}

export type Stmt =
  /** `{ ... }`; scopes are resolved already, so a block is just a sequence. */
  | { kind: "block"; body: Stmt[]; loc: SrcLoc; /** The closing brace, when written (-g puts a function's epilogue there). */ end?: SrcLoc }
  | { kind: "expr"; expr: Expr; loc: SrcLoc }
  /** `fallthrough`: the statement `__attribute__((fallthrough));` (-Wimplicit-fallthrough). */
  | { kind: "empty"; loc: SrcLoc; fallthrough?: boolean }
  /**
   * Declaration of an automatic object reaching this point: (re)initialize it
   * if `init` is present (the storage itself belongs to the function, see
   * FunctionDef.locals). Without init the object is left indeterminate.
   */
  | { kind: "decl"; sym: ObjectSymbol; init?: LocalInit; loc: SrcLoc }
  /**
   * A VLA object: allocate `size` bytes (unsigned long, run time) on the stack
   * now; `sym` then denotes that storage. Freed when the enclosing block exits
   * (or at function return).
   */
  | { kind: "vladecl"; sym: ObjectSymbol; size: Expr; loc: SrcLoc }
  | { kind: "if"; cond: Expr; then: Stmt; else?: Stmt; loc: SrcLoc }
  | { kind: "while"; cond: Expr; body: Stmt; loc: SrcLoc }
  | { kind: "do"; body: Stmt; cond: Expr; loc: SrcLoc }
  /** `init` is an expression statement or a block of declarations. */
  | { kind: "for"; init?: Stmt; cond?: Expr; step?: Expr; body: Stmt; loc: SrcLoc }
  /** `cond` is promoted; case values are already converted to its type. `cases` lists all labels in `body`. */
  | { kind: "switch"; cond: Expr; body: Stmt; cases: SwitchCase[]; loc: SrcLoc }
  /** A case/default label on `body`; `info` is also in the enclosing switch's `cases`. */
  | { kind: "case"; info: SwitchCase; body: Stmt; loc: SrcLoc }
  | { kind: "break"; loc: SrcLoc }
  | { kind: "continue"; loc: SrcLoc }
  /** `value` converted to the function's return type. */
  | { kind: "return"; value?: Expr; loc: SrcLoc }
  | { kind: "goto"; label: Label; loc: SrcLoc }
  /** GNU `goto *expr;` (expr is void *). */
  | { kind: "computedgoto"; target: Expr; loc: SrcLoc }
  | { kind: "label"; label: Label; body: Stmt; loc: SrcLoc }
  | AsmStmt;

export interface AsmOperand {
  /** `[name]` symbolic operand name. */
  name?: string;
  /** Constraint string, e.g. "=r", "+m", "i". */
  constraint: string;
  /** Outputs: an lvalue. Inputs: a value (an lvalue for memory constraints). */
  expr: Expr;
}

/** `asm [volatile] [inline] [goto] ("template" : outputs : inputs : clobbers : labels)`; basic asm has `basic` set. */
export interface AsmStmt {
  kind: "asm";
  template: string;
  basic: boolean;
  volatile: boolean;
  inline: boolean;
  outputs: AsmOperand[];
  inputs: AsmOperand[];
  clobbers: string[];
  gotoLabels: Label[];
  loc: SrcLoc;
}

// ---------------------------------------------------------------------------
// Functions and the translation unit.

/**
 * A function definition. For K&R definitions `sym.type` is unprototyped and
 * its params are the promoted types callers pass (int for char, double for
 * float); `params` keep the declared types: lowering converts on entry.
 * Static locals are in TranslationUnit.globals with a unique `asmName`.
 * Objects with `attrs.cleanup` need `cleanup(&obj)` when their block exits.
 */
export interface FunctionDef {
  sym: FunctionSymbol;
  /** Parameters in order (ObjectSymbols with isParam). Unnamed parameters get a hidden symbol too. */
  params: ObjectSymbol[];
  /** Every automatic object of the function, parameters included (compound literals, VLA counts, temporaries too). */
  locals: ObjectSymbol[];
  body: Stmt & { kind: "block" };
  labels: Label[];
  /** Calls va_start: the prologue must save the register arguments. */
  usesVarargs: boolean;
  usesAlloca: boolean;
  /** Calls setjmp or another returns_twice function. */
  callsSetjmp: boolean;
  hasVla: boolean;
  hasComputedGoto: boolean;
  loc: SrcLoc;
}

/** Top-level inline asm (`asm("...")` at file scope). */
export interface TopLevelAsm {
  template: string;
  loc: SrcLoc;
}

export interface TranslationUnit {
  /** Function definitions in source order. */
  functions: FunctionDef[];
  /**
   * Objects with static storage that need storage or a symbol here:
   * file-scope objects (defined, tentative or extern), static locals,
   * string-literal objects and file-scope compound literals.
   */
  globals: ObjectSymbol[];
  /** Every file-scope function symbol (declared or defined), for weak/alias/visibility. */
  functionSymbols: FunctionSymbol[];
  asm: TopLevelAsm[];
}
