// C types (C17 6.2.5) and their layout on the target.
//
// A type is a plain immutable object with a `kind`. Qualifiers (6.7.3) live in a
// `quals` bit set on the object itself: `const int` is a copy of the shared
// `int` object with Q.Const set, made by `qualified()`. Everything that must be
// shared between the qualified and unqualified versions of a tagged type (the
// member list of a struct, the completion of an enum) sits behind a reference
// (`rec`, `info`), so completing `struct S` later completes every copy.
//
// _Bool and enums are integers: _Bool is an "int" kind with name "bool" (a
// conversion *to* it is `x != 0`, 6.3.1.2), an enum has its own kind only so
// that diagnostics and compatibility can tell `enum E` from its underlying
// type; arithmetic treats it as `info.underlying`.
//
// Layout follows gcc on the LP64 Linux targets: sizes and alignments of the
// scalar types are fixed except long double (x87 on x86_64, binary128
// elsewhere), which is why the basic types are made per DataLayout by
// `makeBasicTypes`. Struct layout (`layoutRecord`) reproduces gcc's
// stor-layout rules for the SysV/AAPCS64/RISC-V psABIs: bit-fields never
// straddle a storage unit of their declared type unless packed; named
// bit-fields give the record their type's alignment, unnamed ones do not;
// zero-width bit-fields align the next field to their type, whatever the
// packing; `#pragma pack(n)` caps every member's alignment and lets
// bit-fields straddle.

import type { DataLayout } from "../target.js";

/** Qualifier bits. */
export const Q = { None: 0, Const: 1, Volatile: 2, Restrict: 4, Atomic: 8 } as const;

export type IntName =
  | "bool" | "char" | "schar" | "uchar" | "short" | "ushort" | "int" | "uint"
  | "long" | "ulong" | "llong" | "ullong" | "int128" | "uint128";

/** Storage formats of the floating types. */
export type FloatFormat = "f16" | "f32" | "f64" | "x87" | "f128";
export type FloatName = "float" | "double" | "ldouble" | "float16" | "float128" | "float32x" | "float64x";

interface TypeBase {
  /** Q.* bits. */
  readonly quals: number;
  /** Alignment forced by `__attribute__((aligned))` on a typedef, or by `_Alignas` via a typedef. */
  readonly alignOverride?: number;
  /** The typedef name this type was written with, for diagnostics only. */
  readonly typedefName?: string;
}

export interface VoidType extends TypeBase { readonly kind: "void" }

/** Integer types including _Bool (name "bool") and plain char (signedness per target). */
export interface IntType extends TypeBase {
  readonly kind: "int";
  readonly name: IntName;
  readonly size: number;
  readonly signed: boolean;
  /** Integer conversion rank (6.3.1.1): bool 0, char 1, short 2, int 3, long 4, long long 5, __int128 6. */
  readonly rank: number;
  /**
   * gcc: a bit-field wider than int but narrower than its 64-bit declared type
   * has a type of its own precision, and arithmetic on it wraps at that width
   * (`unsigned long long b:40` makes `x.b << 32` a 40-bit shift). Values
   * stay in `size` bytes, kept normalized to `bits`.
   */
  readonly bits?: number;
}

export interface FloatType extends TypeBase {
  readonly kind: "float";
  readonly name: FloatName;
  readonly size: number;
  readonly align: number;
  readonly format: FloatFormat;
  /** Rank for the usual arithmetic conversions: float16 0, float 1, double 2, long double 3, _Float128 4. */
  readonly rank: number;
}

/** `_Complex T` (T floating, or integer as a GNU extension): two T's, real first. */
export interface ComplexType extends TypeBase {
  readonly kind: "complex";
  readonly elem: FloatType | IntType;
}

export interface PointerType extends TypeBase {
  readonly kind: "pointer";
  readonly to: Type;
}

/**
 * Arrays. `length` is undefined for an incomplete array (`int a[]`) and for a
 * VLA. A VLA has `vla` set: its element count was evaluated once, when the
 * declaration was reached, into the hidden local `vla.count` (unsigned long).
 */
export interface ArrayType extends TypeBase {
  readonly kind: "array";
  readonly elem: Type;
  readonly length: number | undefined;
  readonly vla?: VlaInfo;
  /** `[static n]` in a parameter (only informative). */
  readonly isStaticParam?: boolean;
  /** Qualifiers written inside the brackets of an array parameter (`int a[const]`), applied to the pointer it adjusts to. */
  readonly paramQuals?: number;
}

/**
 * A hidden automatic local (unsigned long) that holds a run-time size, count or
 * offset, assigned where the declaration that needs it is reached. It is an
 * ObjectSymbol; typed loosely here to keep types.ts free of AST imports.
 */
export interface HiddenLocal { readonly name: string; readonly id: number }

/** Run-time element count of a VLA: the hidden local that holds it. */
export interface VlaInfo {
  readonly count: HiddenLocal;
}

export interface Param {
  readonly name: string | undefined;
  /** Already adjusted (6.7.6.3p7-8): arrays to pointers, functions to function pointers. */
  readonly type: Type;
}

export interface FunctionType extends TypeBase {
  readonly kind: "function";
  readonly ret: Type;
  readonly params: readonly Param[];
  readonly variadic: boolean;
  /** False for `int f()` (no prototype, 6.7.6.3p14) and for K&R definitions. */
  readonly prototyped: boolean;
  /** For K&R definitions: the parameter types after default promotion, used for calls. */
  readonly oldStyle?: boolean;
}

export interface RecordType extends TypeBase {
  readonly kind: "struct" | "union";
  readonly rec: RecordInfo;
}

export interface EnumType extends TypeBase {
  readonly kind: "enum";
  readonly info: EnumInfo;
}

/** GNU vector types (`__attribute__((vector_size(N)))`): `size` bytes of `elem`. */
export interface VectorType extends TypeBase {
  readonly kind: "vector";
  readonly elem: Type;
  readonly size: number;
}

export type Type =
  | VoidType | IntType | FloatType | ComplexType | PointerType | ArrayType
  | FunctionType | RecordType | EnumType | VectorType;

/**
 * A struct or union member after layout. For a bit-field, `offset` is the byte
 * holding its first bit, `bitOffset` (0-7) the bit within that byte, and
 * `storageBytes` the number of bytes its bits touch starting at `offset`: a
 * load of those bytes as a little-endian integer, shifted right by
 * `bitOffset` and truncated to `bitWidth` bits (sign-extended if the declared
 * type is signed), gives the value. All three targets are little-endian.
 *
 * In a variably sized record (see `RecordInfo.sizeVar`) a member placed after
 * a variable-size member has a run-time offset: `offsetVar` names the hidden
 * local holding it and `offset` is 0.
 */
export interface Member {
  readonly name: string | undefined;
  readonly type: Type;
  readonly offset: number;
  readonly offsetVar?: HiddenLocal;
  readonly bitWidth?: number;
  readonly bitOffset?: number;
  readonly storageBytes?: number;
  /** Index in the record's member list (for initializers). */
  readonly index: number;
  /** Source position of the declaration, for diagnostics. */
  readonly loc?: { file: number; line: number; col: number };
  /** Declared with a typedef name as its whole type (debug information names it). */
  readonly typedefName?: string;
}

export interface RecordInfo {
  readonly tag: string | undefined;
  readonly isUnion: boolean;
  complete: boolean;
  members: Member[];
  size: number;
  align: number;
  /**
   * GNU variably sized struct/union (a member's size is known only at run
   * time, e.g. `char buf[n]` in a struct declared in a function): the hidden
   * local holding its size, computed once where the declaration was reached
   * (src/frontend/variable-layout.ts); `size` is 0 then. The alignment is
   * always static.
   */
  sizeVar?: HiddenLocal;
  /** The struct ends with a flexible array member (6.7.2.1p18). */
  flexible: boolean;
  /** Contains a const member (at any depth): not a modifiable lvalue (6.3.2.1p1). */
  hasConstMember: boolean;
  packed: boolean;
  /** __attribute__((transparent_union)). */
  transparentUnion: boolean;
  /** Unique id, for printing anonymous records. */
  readonly id: number;
  /** Where the tag was declared, for notes. */
  loc?: { file: number; line: number; col: number };
}

export interface EnumInfo {
  readonly tag: string | undefined;
  complete: boolean;
  /** gcc's choice (unsigned int, int, then long/unsigned long...) or the C23 fixed type. */
  underlying: IntType;
  /** C23 `enum E : T`. */
  fixed: boolean;
  readonly id: number;
  /** The enumerators in order, once the body is parsed (debug information describes them). */
  enumerators?: { readonly name: string; readonly value: bigint }[];
}

// ---------------------------------------------------------------------------
// The basic types of one target.

export interface BasicTypes {
  readonly void: VoidType;
  readonly bool: IntType;
  readonly char: IntType;
  readonly schar: IntType;
  readonly uchar: IntType;
  readonly short: IntType;
  readonly ushort: IntType;
  readonly int: IntType;
  readonly uint: IntType;
  readonly long: IntType;
  readonly ulong: IntType;
  readonly llong: IntType;
  readonly ullong: IntType;
  readonly int128: IntType;
  readonly uint128: IntType;
  readonly float16: FloatType;
  readonly float: FloatType;
  readonly double: FloatType;
  readonly ldouble: FloatType;
  readonly float128: FloatType;
  /** wchar_t (int on all three), char16_t, char32_t. */
  readonly wchar: IntType;
  readonly char16: IntType;
  readonly char32: IntType;
  readonly sizeT: IntType;
  readonly ptrdiffT: IntType;
  readonly voidPtr: PointerType;
  readonly charPtr: PointerType;
}

function int(name: IntName, size: number, signed: boolean, rank: number): IntType {
  return { kind: "int", name, size, signed, rank, quals: 0 };
}

export function makeBasicTypes(layout: DataLayout): BasicTypes {
  const x87 = layout.longDouble === "x87";
  const b = {
    void: { kind: "void", quals: 0 } as VoidType,
    bool: int("bool", 1, false, 0),
    char: int("char", 1, layout.charIsSigned, 1),
    schar: int("schar", 1, true, 1),
    uchar: int("uchar", 1, false, 1),
    short: int("short", 2, true, 2),
    ushort: int("ushort", 2, false, 2),
    int: int("int", 4, true, 3),
    uint: int("uint", 4, false, 3),
    long: int("long", 8, true, 4),
    ulong: int("ulong", 8, false, 4),
    llong: int("llong", 8, true, 5),
    ullong: int("ullong", 8, false, 5),
    int128: int("int128", 16, true, 6),
    uint128: int("uint128", 16, false, 6),
    float16: { kind: "float", name: "float16", size: 2, align: 2, format: "f16", rank: 0, quals: 0 } as FloatType,
    float: { kind: "float", name: "float", size: 4, align: 4, format: "f32", rank: 1, quals: 0 } as FloatType,
    double: { kind: "float", name: "double", size: 8, align: 8, format: "f64", rank: 2, quals: 0 } as FloatType,
    ldouble: { kind: "float", name: "ldouble", size: 16, align: 16, format: x87 ? "x87" : "f128", rank: 3, quals: 0 } as FloatType,
    float128: { kind: "float", name: "float128", size: 16, align: 16, format: "f128", rank: x87 ? 4 : 3, quals: 0 } as FloatType,
  };
  const wchar = layout.sizeofWchar === 2 ? b.ushort : layout.wcharIsSigned ? b.int : b.uint;
  return {
    ...b,
    wchar,
    char16: b.ushort,
    char32: b.uint,
    sizeT: b.ulong,
    ptrdiffT: b.long,
    voidPtr: { kind: "pointer", to: b.void, quals: 0 },
    charPtr: { kind: "pointer", to: b.char, quals: 0 },
  };
}

// ---------------------------------------------------------------------------
// Constructors and qualifiers.

export function pointerTo(to: Type): PointerType {
  return { kind: "pointer", to, quals: 0 };
}

export function arrayOf(elem: Type, length: number | undefined, vla?: VlaInfo): ArrayType {
  return vla ? { kind: "array", elem, length: undefined, vla, quals: 0 } : { kind: "array", elem, length, quals: 0 };
}

/** `t` with exactly the qualifiers `quals`. Qualifying an array qualifies its elements (6.7.3p9). */
export function withQuals(t: Type, quals: number): Type {
  if (t.kind === "array" && quals !== 0) return { ...t, elem: withQuals(t.elem, t.elem.quals | quals) };
  if (t.quals === quals) return t;
  return { ...t, quals } as Type;
}

export function qualified(t: Type, add: number): Type {
  return add === 0 ? t : withQuals(t, t.quals | add);
}

export function unqualified(t: Type): Type {
  return t.quals === 0 && t.alignOverride === undefined ? t : ({ ...t, quals: 0, alignOverride: undefined } as Type);
}

// ---------------------------------------------------------------------------
// Classification.

export function isInteger(t: Type): t is IntType | EnumType {
  return t.kind === "int" || t.kind === "enum";
}
export function isFloating(t: Type): t is FloatType {
  return t.kind === "float";
}
/** 6.2.5p18: integer and floating types (and complex). */
export function isArithmetic(t: Type): boolean {
  return t.kind === "int" || t.kind === "enum" || t.kind === "float" || t.kind === "complex";
}
/** 6.2.5p21: arithmetic types and pointers. */
export function isScalar(t: Type): boolean {
  return isArithmetic(t) || t.kind === "pointer";
}
export function isRecord(t: Type): t is RecordType {
  return t.kind === "struct" || t.kind === "union";
}
export function isAggregate(t: Type): boolean {
  return t.kind === "array" || t.kind === "struct" || t.kind === "union";
}
export function isVoid(t: Type): boolean {
  return t.kind === "void";
}
export function isBool(t: Type): boolean {
  return t.kind === "int" && t.name === "bool";
}
/** The integer type an integer or enum type behaves as. */
export function intOf(t: IntType | EnumType): IntType {
  return t.kind === "enum" ? t.info.underlying : t;
}
export function isSigned(t: Type): boolean {
  if (t.kind === "int") return t.signed;
  if (t.kind === "enum") return t.info.underlying.signed;
  return t.kind === "float";
}
/**
 * Is `t`'s size known only at run time? A VLA, an array of such elements, or
 * a GNU variably sized struct/union. Objects of such types are allocated on
 * the stack when their declaration is reached, and their sizes (`sizeof`,
 * pointer arithmetic, copies) are read from hidden locals.
 */
export function hasVariableSize(t: Type): boolean {
  if (t.kind === "array") return t.vla !== undefined || hasVariableSize(t.elem);
  if (t.kind === "struct" || t.kind === "union") return t.rec.sizeVar !== undefined;
  return false;
}
/** Variably modified (6.7.6p3): a variable size somewhere in the declarator chain. */
export function isVariablyModified(t: Type): boolean {
  if (t.kind === "pointer") return isVariablyModified(t.to);
  return hasVariableSize(t);
}

/** 6.2.5p1: incomplete types have no known size. */
export function isComplete(t: Type): boolean {
  switch (t.kind) {
    case "void": return false;
    case "array": return (t.length !== undefined || t.vla !== undefined) && isComplete(t.elem);
    case "struct": case "union": return t.rec.complete;
    case "enum": return t.info.complete || t.info.fixed;
    case "function": return false;
    default: return true;
  }
}

// ---------------------------------------------------------------------------
// Size and alignment (in bytes). Types with a variable size (hasVariableSize)
// have size 0 here; their run-time size is an expression the parser builds.

export function sizeOf(t: Type): number {
  switch (t.kind) {
    case "void": return 1; // GNU: sizeof(void) == 1, for pointer arithmetic on void *
    case "int": return t.size;
    case "float": return t.size;
    case "complex": return 2 * sizeOf(t.elem);
    case "pointer": return 8;
    case "array": return t.length === undefined ? 0 : t.length * sizeOf(t.elem);
    case "function": return 1; // GNU: sizeof of a function is 1
    case "struct": case "union": return t.rec.size;
    case "enum": return t.info.underlying.size;
    case "vector": return t.size;
  }
}

export function alignOf(t: Type): number {
  if (t.alignOverride !== undefined) return t.alignOverride;
  switch (t.kind) {
    case "void": return 1;
    case "int": return t.size;
    case "float": return t.align;
    case "complex": return alignOf(t.elem);
    case "pointer": return 8;
    case "array": return alignOf(t.elem);
    case "function": return 1;
    case "struct": case "union": return t.rec.align;
    case "enum": return t.info.underlying.size;
    case "vector": return t.size;
  }
}

// ---------------------------------------------------------------------------
// Compatibility (6.2.7) and composite types.

/** Are two types compatible (6.2.7p1)? Qualifiers must match exactly. */
export function compatible(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (a.quals !== b.quals) return false;
  return compatibleUnqual(a, b);
}

/** Compatibility ignoring the top-level qualifiers of `a` and `b`. */
export function compatibleUnqual(a: Type, b: Type): boolean {
  if (a === b) return true;
  // An enum is compatible with its underlying type (6.7.2.2p4).
  if (a.kind === "enum" && b.kind === "int") return sameInt(a.info.underlying, b);
  if (b.kind === "enum" && a.kind === "int") return sameInt(b.info.underlying, a);
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "void": return true;
    case "int": return sameInt(a, b as IntType);
    case "float": return a.name === (b as FloatType).name || a.format === (b as FloatType).format && a.rank === (b as FloatType).rank;
    case "complex": return compatibleUnqual(a.elem, (b as ComplexType).elem);
    case "pointer": return compatible(a.to, (b as PointerType).to);
    case "array": {
      const bb = b as ArrayType;
      if (!compatible(a.elem, bb.elem)) return false;
      return a.length === undefined || bb.length === undefined || a.length === bb.length;
    }
    case "function": return compatibleFunctions(a, b as FunctionType);
    case "struct": case "union": return a.rec === (b as RecordType).rec;
    case "enum": return a.info === (b as EnumType).info;
    case "vector": return a.size === (b as VectorType).size && compatible(a.elem, (b as VectorType).elem);
  }
}

/** gcc: a transparent-union parameter is compatible with a parameter of one of its member types. */
function transparentMatch(u: Type, t: Type): boolean {
  return u.kind === "union" && u.rec.transparentUnion && u.rec.members.some((m) => compatible(unqualified(m.type), t));
}

function sameInt(a: IntType, b: IntType): boolean {
  return a.name === b.name;
}

function compatibleFunctions(a: FunctionType, b: FunctionType): boolean {
  if (!compatible(unqualified(a.ret), unqualified(b.ret))) return false;
  if (a.prototyped && b.prototyped) {
    if (a.params.length !== b.params.length || a.variadic !== b.variadic) return false;
    for (let i = 0; i < a.params.length; i++) {
      const pa = unqualified(a.params[i].type);
      const pb = unqualified(b.params[i].type);
      if (!compatible(pa, pb) && !transparentMatch(pa, pb) && !transparentMatch(pb, pa)) return false;
    }
    return true;
  }
  // 6.7.6.3p15: a prototype and a non-prototype are compatible if the prototype
  // has no ellipsis and each parameter type is compatible with its promotion.
  const proto = a.prototyped ? a : b.prototyped ? b : undefined;
  const old = proto === a ? b : a;
  if (!proto) return true;
  if (old.oldStyle) {
    if (old.params.length !== proto.params.length || proto.variadic) return false;
    for (let i = 0; i < proto.params.length; i++) {
      if (!compatible(unqualified(proto.params[i].type), unqualified(old.params[i].type))) return false;
    }
    return true;
  }
  if (proto.variadic) return false;
  for (const p of proto.params) {
    const t = p.type;
    if (t.kind === "int" && t.rank < 3) return false;
    if (t.kind === "float" && t.name === "float") return false;
  }
  return true;
}

/** The composite type (6.2.7p3) of two compatible types: fills in array sizes and prototypes. */
export function composite(a: Type, b: Type): Type {
  if (a === b) return a;
  if (a.kind === "array" && b.kind === "array") {
    const elem = composite(a.elem, b.elem);
    if (a.length === undefined && b.length !== undefined) return { ...a, elem, length: b.length };
    return elem === a.elem ? a : { ...a, elem };
  }
  if (a.kind === "function" && b.kind === "function") {
    if (!a.prototyped && b.prototyped) return { ...b, quals: a.quals };
    if (a.prototyped && b.prototyped) {
      const params = a.params.map((p, i) => ({ name: p.name ?? b.params[i]?.name, type: b.params[i] ? composite(p.type, b.params[i].type) : p.type }));
      return { ...a, params, ret: composite(a.ret, b.ret) };
    }
    return a;
  }
  if (a.kind === "pointer" && b.kind === "pointer") {
    const to = composite(a.to, b.to);
    return to === a.to ? a : { ...a, to };
  }
  return a;
}

// ---------------------------------------------------------------------------
// Conversions (6.3.1).

/** Integer promotion (6.3.1.1p2) of an integer type (not bit-fields: see the parser). */
export function promoteInt(t: IntType | EnumType, bt: BasicTypes): IntType {
  const i = intOf(t);
  if (i.rank < 3) return bt.int; // every smaller type fits in int on these targets
  return unqualified(i) as IntType;
}

/** The usual arithmetic conversions' common real integer type (6.3.1.8), of promoted operands. */
export function commonIntType(a: IntType, b: IntType, bt: BasicTypes): IntType {
  if (a.bits !== undefined || b.bits !== undefined) {
    // gcc's bit-field types: the wider precision wins; at equal precision, unsigned.
    const pa = a.bits ?? a.size * 8;
    const pb = b.bits ?? b.size * 8;
    if (pa !== pb) return unqualified(pa > pb ? a : b) as IntType;
    return unqualified(!a.signed ? a : b) as IntType;
  }
  if (a.name === b.name) return unqualified(a) as IntType;
  if (a.signed === b.signed) return a.rank >= b.rank ? unqualified(a) as IntType : unqualified(b) as IntType;
  const u = a.signed ? b : a;
  const s = a.signed ? a : b;
  if (u.rank >= s.rank) return unqualified(u) as IntType;
  if (s.size > u.size) return unqualified(s) as IntType;
  return unsignedOf(s, bt);
}

export function unsignedOf(t: IntType, bt: BasicTypes): IntType {
  switch (t.name) {
    case "char": case "schar": case "uchar": return bt.uchar;
    case "short": case "ushort": return bt.ushort;
    case "int": case "uint": return bt.uint;
    case "long": case "ulong": return bt.ulong;
    case "llong": case "ullong": return bt.ullong;
    case "int128": case "uint128": return bt.uint128;
    case "bool": return bt.bool;
  }
}

export function signedOf(t: IntType, bt: BasicTypes): IntType {
  switch (t.name) {
    case "char": case "schar": case "uchar": return bt.schar;
    case "short": case "ushort": return bt.short;
    case "int": case "uint": return bt.int;
    case "long": case "ulong": return bt.long;
    case "llong": case "ullong": return bt.llong;
    case "int128": case "uint128": return bt.int128;
    case "bool": return bt.bool;
  }
}

// ---------------------------------------------------------------------------
// Printing types the way gcc does in diagnostics: 'int', 'char *',
// 'int (*)(int)', 'struct S', 'int[3]'.

const INT_NAMES: Record<IntName, string> = {
  bool: "_Bool", char: "char", schar: "signed char", uchar: "unsigned char", short: "short int",
  ushort: "short unsigned int", int: "int", uint: "unsigned int", long: "long int",
  ulong: "long unsigned int", llong: "long long int", ullong: "long long unsigned int",
  int128: "__int128", uint128: "__int128 unsigned",
};
const FLOAT_NAMES: Record<FloatName, string> = {
  float: "float", double: "double", ldouble: "long double", float16: "_Float16",
  float128: "_Float128", float32x: "_Float32x", float64x: "_Float64x",
};

function qualPrefix(q: number): string {
  let s = "";
  if (q & Q.Const) s += "const ";
  if (q & Q.Volatile) s += "volatile ";
  if (q & Q.Restrict) s += "restrict ";
  if (q & Q.Atomic) s += "_Atomic ";
  return s;
}

export function typeToString(t: Type): string {
  return declToString(t, "").trim();
}

function baseName(t: Type): string {
  if (t.typedefName) return t.typedefName;
  switch (t.kind) {
    case "void": return "void";
    case "int": return INT_NAMES[t.name];
    case "float": return FLOAT_NAMES[t.name];
    case "complex": return "complex " + (t.elem.kind === "int" ? INT_NAMES[t.elem.name] : FLOAT_NAMES[t.elem.name]);
    case "struct": case "union": return `${t.kind} ${t.rec.tag ?? "<anonymous>"}`;
    case "enum": return `enum ${t.info.tag ?? "<anonymous>"}`;
    case "vector": return `__vector(${sizeOf(t) / Math.max(1, sizeOf(t.elem))}) ${typeToString(t.elem)}`;
    default: return "?";
  }
}

function declToString(t: Type, inner: string): string {
  if (t.typedefName) return `${qualPrefix(t.quals)}${t.typedefName}${inner ? " " + inner : ""}`;
  switch (t.kind) {
    case "pointer": {
      const q = qualPrefix(t.quals).trim();
      const needParen = t.to.kind === "array" || t.to.kind === "function";
      const ptr = "*" + (q ? q + " " : "") + inner;
      return declToString(t.to, needParen ? `(${ptr.trim()})` : ptr.trim());
    }
    case "array": {
      const len = t.length !== undefined ? String(t.length) : t.vla ? "*" : "";
      return declToString(t.elem, `${inner}[${len}]`);
    }
    case "function": {
      const ps = t.params.map((p) => typeToString(p.type));
      if (t.variadic) ps.push("...");
      if (t.prototyped && t.params.length === 0 && !t.variadic) ps.push("void");
      return declToString(t.ret, `${inner}(${ps.join(", ")})`);
    }
    default: {
      const base = qualPrefix(t.quals) + baseName(t);
      if (!inner) return base;
      return inner.startsWith("[") || inner.startsWith("(") && !inner.startsWith("(*") ? base + inner : `${base} ${inner}`;
    }
  }
}

// ---------------------------------------------------------------------------
// Record layout.

/** A member as declared, before layout. */
export interface MemberDecl {
  name: string | undefined;
  type: Type;
  bitWidth?: number;
  /** `__attribute__((packed))` on the member. */
  packed?: boolean;
  /** `__attribute__((aligned(n)))` / `_Alignas(n)` on the member. */
  align?: number;
  loc?: { file: number; line: number; col: number };
  /** The member's type is a typedef name's (see Member.typedefName). */
  typedefName?: string;
}

export interface RecordLayoutOptions {
  /** `__attribute__((packed))` on the struct. */
  packed: boolean;
  /** `__attribute__((aligned(n)))` on the struct. */
  align?: number;
  /** Active `#pragma pack(n)`, 0 for none. */
  pack: number;
  /** AAPCS64: unnamed (and zero-width) bit-fields also give the record their type's alignment. */
  anonBitfieldAlign?: boolean;
}

let recordIds = 0;
export function newRecord(tag: string | undefined, isUnion: boolean): RecordInfo {
  return {
    tag, isUnion, complete: false, members: [], size: 0, align: 1, flexible: false, hasConstMember: false,
    packed: false, transparentUnion: false, id: ++recordIds,
  };
}
let enumIds = 0;
export function newEnum(tag: string | undefined, underlying: IntType): EnumInfo {
  return { tag, complete: false, underlying, fixed: false, id: ++enumIds };
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** The alignment a (non-bit-field) member gets in its record: its type's, capped by packing, raised by `aligned`. */
export function memberAlign(d: MemberDecl, opts: RecordLayoutOptions): number {
  let a = opts.packed || d.packed === true ? 1 : alignOf(d.type);
  if (opts.pack) a = Math.min(a, opts.pack);
  if (d.align !== undefined) a = Math.max(a, d.align);
  return a;
}

/**
 * Lay out `rec` from `decls` as gcc does; fills in members, size, align.
 * Members of variable size count as size 0 here: the run-time part of such a
 * record's layout is variable-layout.ts's (offsets up to and including the
 * first variable-size member, and all alignments, are right as computed here).
 */
export function layoutRecord(rec: RecordInfo, decls: readonly MemberDecl[], opts: RecordLayoutOptions): void {
  let bitPos = 0; // next free bit (struct) or 0 (union)
  let maxBits = 0;
  let align = 1;
  const members: Member[] = [];
  const pack = opts.pack;
  for (let i = 0; i < decls.length; i++) {
    const d = decls[i];
    const t = d.type;
    const typeAlign = alignOf(t);
    const packed = opts.packed || d.packed === true;
    if (d.bitWidth !== undefined) {
      const w = d.bitWidth;
      const tsize = sizeOf(t);
      let start = rec.isUnion ? 0 : bitPos;
      if (w === 0) {
        // A zero-width bit-field pads to its type's alignment, whatever the packing.
        start = alignUp(start, typeAlign * 8);
        if (!rec.isUnion) bitPos = start;
        if (opts.anonBitfieldAlign) align = Math.max(align, pack ? Math.min(typeAlign, pack) : typeAlign);
        continue;
      }
      let fieldAlign = typeAlign;
      if (pack) fieldAlign = Math.min(fieldAlign, pack);
      else if (packed) fieldAlign = 1;
      if (d.align !== undefined) {
        fieldAlign = Math.max(fieldAlign, d.align);
        start = alignUp(start, d.align * 8);
      }
      if (!packed && !pack) {
        // May not straddle a storage unit of its declared type (psABI).
        const unit = tsize * 8;
        if (Math.floor(start / unit) !== Math.floor((start + w - 1) / unit)) start = alignUp(start, typeAlign * 8);
      }
      if (d.name !== undefined || d.align !== undefined || opts.anonBitfieldAlign) align = Math.max(align, fieldAlign);
      const offset = Math.floor(start / 8);
      const bitOffset = start % 8;
      members.push({
        name: d.name, type: t, offset, bitWidth: w, bitOffset,
        storageBytes: Math.ceil((bitOffset + w) / 8), index: members.length, loc: d.loc, ...(d.typedefName ? { typedefName: d.typedefName } : {}),
      });
      if (rec.isUnion) maxBits = Math.max(maxBits, w);
      else bitPos = start + w;
      continue;
    }
    const fieldAlign = memberAlign(d, opts);
    align = Math.max(align, fieldAlign);
    const size = sizeOf(t);
    if (rec.isUnion) {
      members.push({ name: d.name, type: t, offset: 0, index: members.length, loc: d.loc, ...(d.typedefName ? { typedefName: d.typedefName } : {}) });
      maxBits = Math.max(maxBits, size * 8);
    } else {
      const offset = alignUp(Math.ceil(bitPos / 8), fieldAlign);
      members.push({ name: d.name, type: t, offset, index: members.length, loc: d.loc, ...(d.typedefName ? { typedefName: d.typedefName } : {}) });
      bitPos = (offset + size) * 8;
    }
  }
  if (opts.align !== undefined) align = Math.max(align, opts.align);
  const bits = rec.isUnion ? maxBits : bitPos;
  rec.members = members;
  rec.align = align;
  rec.size = alignUp(Math.ceil(bits / 8), align);
  rec.packed = opts.packed;
  rec.complete = true;
  const last = decls[decls.length - 1];
  rec.flexible = !rec.isUnion && last !== undefined && last.type.kind === "array" && last.type.length === undefined && !last.type.vla;
  rec.hasConstMember = members.some((m) => (m.type.quals & Q.Const) !== 0 || (isRecord(m.type) && m.type.rec.hasConstMember));
}

/** Find a member by name, looking through anonymous structs/unions (C11 6.7.2.1p13). Returns the path. */
export function findMember(rec: RecordInfo, name: string): Member[] | undefined {
  for (const m of rec.members) {
    if (m.name === name) return [m];
    if (m.name === undefined && isRecord(m.type)) {
      const sub = findMember(m.type.rec, name);
      if (sub) return [m, ...sub];
    }
  }
  return undefined;
}
