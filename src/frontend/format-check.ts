// -Wformat: a call's format string checked against its arguments, as gcc 12
// does it for functions with `format(printf|scanf|strftime, n, m)` (and the C
// library functions gcc gives that attribute itself).
//
// The format is walked directive by directive; each conversion names the type
// it consumes (a table per style, by length modifier), and an argument
// matches when it has that type up to signedness. printf's arguments have
// gone through the default argument promotions, so the wanted type is
// promoted too (`%hd` wants an int; `%f` takes a float). Positions point into
// the string literal, at the conversion character, as gcc's do.

import type { StringLit } from "./ast.js";
import type { SrcLoc } from "./token.js";
import { type BasicTypes, type FloatType, type IntType, type Type, typeToString, unqualified } from "./types.js";

export type FormatStyle = "printf" | "scanf" | "strftime";

/** The archetype named in `format(...)`, with or without underscores, gnu_ or not. */
export function formatStyle(archetype: string): FormatStyle | undefined {
  const name = archetype.replace(/^__(.*)__$/, "$1").replace(/^gnu_/, "");
  return name === "printf" || name === "scanf" || name === "strftime" ? name : undefined;
}

/** The format attributes gcc gives the C library's functions as builtins: [style, format argument, first checked argument or 0]. */
export const LIBRARY_FORMATS: Readonly<Record<string, readonly [FormatStyle, number, number]>> = {
  printf: ["printf", 1, 2], fprintf: ["printf", 2, 3], sprintf: ["printf", 2, 3], snprintf: ["printf", 3, 4],
  printf_unlocked: ["printf", 1, 2], fprintf_unlocked: ["printf", 2, 3],
  vprintf: ["printf", 1, 0], vfprintf: ["printf", 2, 0], vsprintf: ["printf", 2, 0], vsnprintf: ["printf", 3, 0],
  scanf: ["scanf", 1, 2], fscanf: ["scanf", 2, 3], sscanf: ["scanf", 2, 3],
  vscanf: ["scanf", 1, 0], vfscanf: ["scanf", 2, 0], vsscanf: ["scanf", 2, 0],
  strftime: ["strftime", 3, 0],
};

/** gcc's builtin `format_arg` functions: which argument the returned format comes from. */
export const LIBRARY_FORMAT_ARGS: Readonly<Record<string, number>> = { gettext: 1, dgettext: 2, dcgettext: 2 };

/** One argument checked against a conversion: its type after the call's conversions, and how gcc names it. */
export interface FormatArgument { type: Type; shown: string }

export interface FormatCheck {
  style: FormatStyle;
  format: StringLit;
  /** The arguments from the first checked one on (empty, with `checkArguments` false, for the va_list forms). */
  args: readonly FormatArgument[];
  checkArguments: boolean;
  /** The argument number (1-based) of args[0]. */
  firstArgNumber: number;
  /** The call (gcc puts "operand number out of range" there). */
  callLoc: SrcLoc;
  bt: BasicTypes;
  /** Report a warning; `option` is the -W name ("format=" prints gcc's `[-Wformat=]`). */
  warn: (loc: SrcLoc, message: string, option: string) => void;
}

/** The type a conversion consumes: `pointers` levels of pointer to `base` (void: any pointer), named as gcc names it. */
interface Wanted { base: IntType | FloatType | "void"; pointers: number; name: string; charLenient?: boolean }

/** Length modifiers in the order they are recognised (two-letter ones first). */
const LENGTHS = ["hh", "h", "ll", "l", "L", "q", "j", "z", "Z", "t"] as const;
type Length = (typeof LENGTHS)[number] | "";

interface Conversion {
  /** Flags it accepts, plus "w" (field width) and "p" (precision). */
  flags: string;
  /** What it consumes per length modifier; a missing length is gcc's "has either no effect or undefined behavior". */
  wanted: Partial<Record<Length, Wanted | "none">>;
}

/** Integer conversions' wanted types by length, signed or unsigned (printf promotes short and char to int). */
function integerTypes(bt: BasicTypes, signed: boolean, pointers: number): Partial<Record<Length, Wanted>> {
  const w = (base: IntType, name: string): Wanted => ({ base, pointers, name: name + (pointers ? " *" : "") });
  const narrow = (t: IntType, name: string): Wanted => (pointers ? w(t, name) : w(signed ? bt.int : bt.uint, signed ? "int" : "int"));
  const ll = w(signed ? bt.llong : bt.ullong, signed ? "long long int" : "long long unsigned int");
  return {
    hh: narrow(signed ? bt.schar : bt.uchar, signed ? "signed char" : "unsigned char"),
    h: narrow(signed ? bt.short : bt.ushort, signed ? "short int" : "short unsigned int"),
    "": w(signed ? bt.int : bt.uint, signed ? "int" : "unsigned int"),
    l: w(signed ? bt.long : bt.ulong, signed ? "long int" : "long unsigned int"),
    ll, L: ll, q: ll,
    j: w(signed ? bt.long : bt.ulong, signed ? "intmax_t" : "uintmax_t"),
    z: w(signed ? bt.long : bt.ulong, signed ? "signed size_t" : "size_t"),
    Z: w(signed ? bt.long : bt.ulong, signed ? "signed size_t" : "size_t"),
    t: w(signed ? bt.long : bt.ulong, signed ? "ptrdiff_t" : "unsigned ptrdiff_t"),
  };
}

function printfConversions(bt: BasicTypes): Map<string, Conversion> {
  const sint = integerTypes(bt, true, 0), uint = integerTypes(bt, false, 0);
  const dbl: Wanted = { base: bt.double, pointers: 0, name: "double" };
  const floating: Conversion["wanted"] = { "": dbl, l: dbl, L: { base: bt.ldouble, pointers: 0, name: "long double" } };
  const str = (l: Length): Conversion["wanted"] => ({ [l]: { base: bt.char, pointers: 1, name: "char *", charLenient: true } });
  const wstr: Wanted = { base: bt.wchar, pointers: 1, name: "wchar_t *" };
  const wint: Wanted = { base: bt.uint, pointers: 0, name: "wint_t" };
  const nptr = integerTypes(bt, true, 1);
  const m = new Map<string, Conversion>();
  for (const c of "di") m.set(c, { flags: "-+ 0'Iwp", wanted: sint });
  m.set("u", { flags: "-0'Iwp", wanted: uint });
  for (const c of "oxX") m.set(c, { flags: "-#0Iwp", wanted: uint });
  for (const c of "fFgG") m.set(c, { flags: "-+ #0'Iwp", wanted: floating });
  for (const c of "eEaA") m.set(c, { flags: "-+ #0Iwp", wanted: floating });
  m.set("c", { flags: "-w", wanted: { "": { base: bt.int, pointers: 0, name: "int" }, l: wint } });
  m.set("C", { flags: "-w", wanted: { "": wint } });
  m.set("s", { flags: "-wp", wanted: { ...str(""), l: wstr } });
  m.set("S", { flags: "-wp", wanted: { "": wstr } });
  m.set("p", { flags: "-w", wanted: { "": { base: "void", pointers: 1, name: "void *" } } });
  m.set("n", { flags: "", wanted: nptr });
  m.set("m", { flags: "-wp", wanted: { "": "none" } });
  return m;
}

function scanfConversions(bt: BasicTypes): Map<string, Conversion> {
  const sint = integerTypes(bt, true, 1), uint = integerTypes(bt, false, 1);
  const floating: Conversion["wanted"] = {
    "": { base: bt.float, pointers: 1, name: "float *" }, l: { base: bt.double, pointers: 1, name: "double *" },
    L: { base: bt.ldouble, pointers: 1, name: "long double *" },
  };
  const chars: Conversion["wanted"] = { "": { base: bt.char, pointers: 1, name: "char *", charLenient: true }, l: { base: bt.wchar, pointers: 1, name: "wchar_t *" } };
  const m = new Map<string, Conversion>();
  for (const c of "din") m.set(c, { flags: c === "n" ? "*" : "*w'I", wanted: sint });
  for (const c of "ouxX") m.set(c, { flags: "*w'I", wanted: uint });
  for (const c of "eEfFgGaA") m.set(c, { flags: "*w'", wanted: floating });
  for (const c of "sc[") m.set(c, { flags: "*wm", wanted: chars });
  for (const c of "SC") m.set(c, { flags: "*wm", wanted: { "": { base: bt.wchar, pointers: 1, name: "wchar_t *" } } });
  m.set("p", { flags: "*w", wanted: { "": { base: "void", pointers: 2, name: "void **" } } });
  return m;
}

/** strftime's conversion characters (glibc), and those the E and O modifiers may precede. */
const STRFTIME_CONVERSIONS = "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%+";

const FLAG_NAMES: Readonly<Record<string, string>> = { w: "field width", p: "precision" };
const flagName = (f: string): string => FLAG_NAMES[f] ?? `'${f}' flag`;

/** A character as gcc quotes it in "unknown conversion type character": printable as is, else `\xNN`. */
function shownChar(code: number): string {
  return code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : `\\x${code.toString(16).padStart(2, "0")}`;
}

/** Does `arg` (a checked argument's type) have the wanted type, up to signedness? */
function matches(arg: Type, want: Wanted): boolean {
  let t = unqualified(arg);
  for (let k = 0; k < want.pointers; k++) {
    if (t.kind !== "pointer") return false;
    t = unqualified(t.to);
  }
  const base = want.base;
  // %p takes any pointer.
  if (base === "void") return true;
  if (t.kind === "enum") return base.kind === "int" && t.info.underlying.name === base.name;
  if (t.kind === "int" && base.kind === "int") {
    if (t.name === "bool" || base.name === "bool") return t.name === base.name;
    // char, signed char and unsigned char are interchangeable where a string or character is read or written.
    if (want.charLenient && t.rank === 1) return true;
    return t.rank === base.rank && t.size === base.size;
  }
  if (t.kind === "float" && base.kind === "float") return t.name === base.name;
  return false;
}

/** The source position of element `unit` of the format string: in its literal, or the literal's start when it cannot be told. */
function unitLoc(lit: StringLit, unit: number): SrcLoc {
  const pieces = lit.pieces;
  if (!pieces || pieces.length === 0) return lit.loc;
  // gcc points into a single literal written in place; at the start of a concatenation or of a literal from a macro.
  if (pieces.length > 1 || pieces[0]!.expanded) return { ...pieces[0]!.loc, col: pieces[0]!.loc.col - 1 };
  let first = 0;
  for (const p of pieces) {
    if (unit < first + p.units || p === pieces[pieces.length - 1]) {
      let col = p.loc.col;
      let u = first;
      for (let i = 0; i < p.body.length && u < unit; u++) {
        i += p.body[i] === "\\" ? escapeLength(p.body, i) : 1;
        col = p.loc.col + i;
      }
      return { ...p.loc, col };
    }
    first += p.units;
  }
  return lit.loc;
}

/** Characters of the escape sequence at body[i] (a backslash). */
function escapeLength(body: string, i: number): number {
  const e = body[i + 1] ?? "";
  if (/[0-7]/.test(e)) {
    let n = 1;
    while (n < 3 && /[0-7]/.test(body[i + 1 + n] ?? "")) n++;
    return 1 + n;
  }
  if (e === "x") {
    let n = 2;
    while (/[0-9a-fA-F]/.test(body[i + n] ?? "")) n++;
    return n;
  }
  if (e === "u") return 6;
  if (e === "U") return 10;
  return 2;
}

/** Check one format string literal against the call's arguments. */
export function checkFormat(c: FormatCheck): void {
  const lit = c.format;
  if (lit.elem.size !== 1) return; // gcc checks no wide formats
  const bytes = lit.bytes;
  let n = bytes.length - 1;
  const nul = bytes.indexOf(0);
  const at = (i: number): SrcLoc => unitLoc(lit, i);
  const litStart = lit.pieces && lit.pieces.length > 0 ? { ...lit.pieces[0]!.loc, col: lit.pieces[0]!.loc.col - 1 } : lit.loc;
  if (nul < n) {
    c.warn(at(nul), "embedded '\\0' in format", "format-contains-nul");
    n = nul;
  }
  if (n === 0) {
    if (c.style !== "strftime" && (!c.checkArguments || c.args.length === 0)) c.warn(litStart, `zero-length gnu_${c.style} format string`, "format-zero-length");
    return;
  }
  if (c.style === "strftime") { checkStrftime(c, bytes, n, at); return; }
  const conversions = c.style === "printf" ? printfConversions(c.bt) : scanfConversions(c.bt);
  const kind = `gnu_${c.style}`;
  let next = 0; // the next argument, without $ operands
  let dollar: boolean | undefined;
  const usedOperands = new Set<number>();
  let maxOperand = 0;
  const argType = (index: number, loc: SrcLoc, wanted: Wanted, what: string, missing: string): void => {
    if (!c.checkArguments) return;
    const a = c.args[index];
    if (!a) { c.warn(loc, missing, "format="); return; }
    if (!matches(a.type, wanted)) c.warn(loc, `${what} expects argument of type '${wanted.name}', but argument ${c.firstArgNumber + index} has type ${a.shown}`, "format=");
  };
  /** A $ operand number at bytes[i] (`12$`): its value and where it ends. */
  const operandAt = (i: number): { n: number; end: number } | undefined => {
    let j = i, v = 0;
    while (j < n && bytes[j]! >= 0x30 && bytes[j]! <= 0x39) v = v * 10 + bytes[j++]! - 0x30;
    return j > i && bytes[j] === 0x24 && v > 0 ? { n: v, end: j + 1 } : undefined;
  };
  /** Takes the argument of a directive (or a `*`): its index, or undefined after a reported $ problem. */
  const take = (operand: number | undefined): number | "stop" => {
    const isDollar = operand !== undefined;
    if (dollar === undefined) dollar = isDollar;
    else if (dollar !== isDollar) { c.warn(litStart, "missing $ operand number in format", "format="); return "stop"; }
    if (operand === undefined) return next++;
    if (c.checkArguments && operand > c.args.length) { c.warn(c.callLoc, "operand number out of range in format", "format="); return "stop"; }
    usedOperands.add(operand);
    maxOperand = Math.max(maxOperand, operand);
    return operand - 1;
  };
  const intWanted: Wanted = { base: c.bt.int, pointers: 0, name: "int" };
  let i = 0;
  scan: while (i < n) {
    if (bytes[i] !== 0x25) { i++; continue; }
    const percent = i++;
    if (i >= n) { c.warn(at(percent), "spurious trailing '%' in format", "format="); break; }
    if (bytes[i] === 0x25) { i++; continue; }
    const op = operandAt(i);
    if (op) i = op.end;
    const flags = new Set<string>();
    const flagChars = c.style === "printf" ? "-+ #0'I" : "*'I";
    while (i < n && flagChars.includes(String.fromCharCode(bytes[i]!))) {
      const f = String.fromCharCode(bytes[i]!);
      if (flags.has(f)) c.warn(at(i), `repeated ${flagName(f)} in format`, "format=");
      flags.add(f);
      i++;
    }
    // Field width: digits, or `*` (printf) taking an int argument.
    if (bytes[i] === 0x2a && c.style === "printf") {
      const star = operandAt(i + 1);
      const index = take(star?.n);
      if (index === "stop") return;
      i = star ? star.end : i + 1;
      flags.add("w");
      argType(index, at(i - 1), intWanted, "field width specifier '*'", "field width specifier '*' expects a matching 'int' argument");
    } else if (i < n && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) {
      let width = 0;
      while (i < n && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) width = width * 10 + bytes[i++]! - 0x30;
      flags.add("w");
      if (c.style === "scanf" && width === 0) c.warn(litStart, "zero width in gnu_scanf format", "format=");
    }
    if (c.style === "printf" && bytes[i] === 0x2e) {
      i++;
      flags.add("p");
      if (bytes[i] === 0x2a) {
        const star = operandAt(i + 1);
        const index = take(star?.n);
        if (index === "stop") return;
        i = star ? star.end : i + 1;
        argType(index, at(i - 1), intWanted, "field precision specifier '.*'", "field precision specifier '.*' expects a matching 'int' argument");
      } else while (i < n && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) i++;
    }
    // scanf's allocation flag (`%ms`, `%m[`).
    if (c.style === "scanf" && bytes[i] === 0x6d && i + 1 < n && "sc[SC".includes(String.fromCharCode(bytes[i + 1]!))) { flags.add("m"); i++; }
    let length: Length = "";
    for (const l of LENGTHS) {
      if (String.fromCharCode(...bytes.subarray(i, i + l.length)) === l) { length = l; i += l.length; break; }
    }
    if (i >= n) { c.warn(at(i - 1), "conversion lacks type at end of format", "format="); break; }
    if (bytes[i] === 0x25) { c.warn(at(i - 1), "conversion lacks type at end of format", "format="); continue; }
    const ch = String.fromCharCode(bytes[i]!);
    const conv = conversions.get(ch);
    if (!conv) { c.warn(at(i), `unknown conversion type character '${shownChar(bytes[i]!)}' in format`, "format="); break; }
    const convAt = at(i);
    i++;
    if (ch === "[") {
      // The scan set: `]` first is a member; it ends at the next `]`.
      let j = i;
      if (bytes[j] === 0x5e) j++;
      if (bytes[j] === 0x5d) j++;
      while (j < n && bytes[j] !== 0x5d) j++;
      // Unclosed, the set runs to the end; the argument is still taken.
      if (j >= n) c.warn(at(n - 1), "no closing ']' for '%[' format", "format=");
      i = j + 1;
    }
    const spec = `%${length}${ch}`;
    for (const f of flags) {
      if (f === "*" || f === "m" && c.style === "scanf") continue;
      if (!conv.flags.includes(f)) c.warn(convAt, `${flagName(f)} used with '%${ch}' ${kind} format`, "format=");
    }
    if (c.style === "printf") {
      if (flags.has("0") && flags.has("-") && conv.flags.includes("0")) c.warn(litStart, `'0' flag ignored with '-' flag in ${kind} format`, "format=");
      if (flags.has(" ") && flags.has("+") && conv.flags.includes(" ")) c.warn(litStart, `' ' flag ignored with '+' flag in ${kind} format`, "format=");
      if (flags.has("0") && flags.has("p") && "diouxX".includes(ch) && !flags.has("-")) c.warn(litStart, `'0' flag ignored with precision and '%${ch}' ${kind} format`, "format=");
    }
    const wanted = conv.wanted[length];
    if (wanted === undefined) {
      c.warn(convAt, `use of '${length}' length modifier with '${ch}' type character has either no effect or undefined behavior`, "format=");
    }
    if (wanted === "none") continue;
    if (flags.has("*")) { if (op) { c.warn(litStart, "missing $ operand number in format", "format="); return; } continue; } // scanf: assignment suppressed
    const index = take(op?.n);
    if (index === "stop") return;
    if (wanted === undefined) continue;
    const w: Wanted = flags.has("m") ? { ...wanted, pointers: wanted.pointers + 1, name: `${wanted.name}*` } : wanted;
    argType(index, convAt, w, `format '${spec}'`, `format '${spec}' expects a matching '${w.name}' argument`);
    continue scan;
  }
  if (!c.checkArguments) return;
  if (dollar) {
    for (let k = 1; k < maxOperand; k++) {
      if (!usedOperands.has(k)) { c.warn(litStart, `format argument ${k} unused before used argument ${maxOperand} in '$'-style format`, "format="); break; }
    }
  } else if (next < c.args.length) c.warn(litStart, "too many arguments for format", "format-extra-args");
}

function checkStrftime(c: FormatCheck, bytes: Uint8Array, n: number, at: (i: number) => SrcLoc): void {
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0x25) continue;
    if (++i >= n) { c.warn(at(i - 1), "spurious trailing '%' in format", "format="); return; }
    while (i < n && "_-0^#".includes(String.fromCharCode(bytes[i]!))) i++;
    while (i < n && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) i++;
    if (bytes[i] === 0x45 || bytes[i] === 0x4f) i++;
    if (i >= n) { c.warn(at(i - 1), "conversion lacks type at end of format", "format="); return; }
    if (!STRFTIME_CONVERSIONS.includes(String.fromCharCode(bytes[i]!))) c.warn(at(i), `unknown conversion type character '${shownChar(bytes[i]!)}' in format`, "format=");
  }
}

/** How gcc names an argument's type in -Wformat: `'size_t' {aka 'long unsigned int'}` for an object declared with a typedef. */
export function shownArgumentType(type: Type, typedefName: string | undefined): string {
  const plain = typeToString(unqualified(type));
  return typedefName && typedefName !== plain ? `'${typedefName}' {aka '${plain}'}` : `'${plain}'`;
}
