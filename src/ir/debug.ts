// What `-g` needs carried from the source to the object: source positions on
// instructions, and a description of the program's types, functions, scopes
// and variables. Lowering fills it from the AST (src/ir/lower/debug-types.ts);
// passes keep the positions of the instructions they keep; the backend maps
// variables to where they live and src/codegen/debuginfo.ts writes DWARF.
// Nothing here is a C type or a DWARF byte: types are a small table of shapes
// that DWARF (or another format) can be written from.

/** A source position: `file` indexes `ModuleDebug.files`, `scope` the function's `DebugFunc.scopes`. */
export interface DebugLoc {
  readonly file: number;
  readonly line: number;
  readonly col: number;
  readonly scope: number;
}

/** How a base type's bits are read. */
export type BaseEncoding = "signed" | "unsigned" | "signed_char" | "unsigned_char" | "float" | "boolean" | "complex_float";

export interface DebugMember {
  name?: string;
  type: number;
  /** Byte offset of the member (of its storage unit's start for bit-fields: see bitOffset). */
  offset: number;
  /** Bit-fields: width, and the offset in bits from the start of the aggregate. */
  bitSize?: number;
  bitOffset?: number;
  line: number;
  col: number;
}

/** A type, by index into `ModuleDebug.types`; `undefined` where a type is referenced means `void`. */
export type DebugType =
  | { k: "base"; name: string; size: number; encoding: BaseEncoding }
  | { k: "pointer"; to?: number; size: number }
  | { k: "const" | "volatile"; to?: number }
  | { k: "typedef"; name: string; to?: number; file: number; line: number; col: number }
  /** counts: one per dimension, undefined for an unknown bound ([] or a VLA). */
  | { k: "array"; elem: number; counts: (number | undefined)[] }
  | { k: "struct" | "union"; name?: string; size?: number; members: DebugMember[]; file: number; line: number; col: number }
  | { k: "enum"; name?: string; size: number; underlying: number; values: { name: string; value: bigint }[]; file: number; line: number; col: number }
  | { k: "function"; ret?: number; params: number[]; prototyped: boolean; varargs: boolean };

/** Where a variable lives: a frame object (an alloca of the function), a global symbol, or nowhere known. */
export type DebugStorage =
  | { k: "alloca"; temp: number }
  | { k: "symbol"; name: string }
  | { k: "none" };

export interface DebugVar {
  name: string;
  type: number;
  file: number;
  line: number;
  col: number;
  param: boolean;
  storage: DebugStorage;
}

/** A lexical scope of a function: scope 0 is the function's outermost one. */
export interface DebugScope {
  parent?: number;
  vars: DebugVar[];
}

export interface DebugFunc {
  name: string;
  file: number;
  line: number;
  col: number;
  /** The function's type (a `function` entry). */
  type: number;
  external: boolean;
  scopes: DebugScope[];
}

export interface DebugGlobal {
  name: string;
  symbol: string;
  type: number;
  file: number;
  line: number;
  col: number;
  external: boolean;
  /** Only declared here (extern): described, with no location. */
  declaration: boolean;
}

export interface ModuleDebug {
  /** 1: line tables only (-g1); 2: variables and types too. */
  level: 1 | 2;
  /** DWARF version asked for (-gdwarf-N). */
  version: 4 | 5;
  producer: string;
  /** The primary source file as named on the command line, and the directory of the compilation. */
  name: string;
  compDir: string;
  /** Source file names; file 0 is `name`. */
  files: string[];
  types: DebugType[];
  globals: DebugGlobal[];
}
