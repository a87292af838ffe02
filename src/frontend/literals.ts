// Decoding literals: integer constants (6.4.4.1), floating constants
// (6.4.4.2), character constants (6.4.4.4) and string literals (6.4.5).
//
// Nothing here knows about the parser; each function takes the token text
// and returns plain data or an error message, so the parser can report it
// at the token.
//
// Floating constants are converted exactly: `Number()` is correctly rounded
// for double, but rounding the double again to float can be wrong near a
// float midpoint (double rounding), so float constants go through an exact
// BigInt conversion (`decimalToFloat`). Hex floats use the same routine.
// The source text is latin1-decoded: each char code is one source byte, so
// UTF-8 in string literals is kept byte for byte in narrow strings and
// decoded to code points for wide ones.

export type IntSuffixType = "int" | "uint" | "long" | "ulong" | "llong" | "ullong" | "int128" | "uint128";

export interface IntLiteral {
  kind: "int";
  value: bigint;
  /** The type chosen by 6.4.4.1p5. */
  type: IntSuffixType;
  /** GNU imaginary suffix `i`/`j`. */
  imaginary: boolean;
  /** Value does not fit in any allowed type. */
  tooLarge: boolean;
  /** Decimal constant that only fits an unsigned type (gcc warns). */
  soLargeUnsigned: boolean;
}

export interface FloatLiteral {
  kind: "float";
  /** Nearest double (exactly rounded to float for "float"). */
  value: number;
  type: "float" | "double" | "ldouble" | "float16" | "float128" | "float32x" | "float64x";
  imaginary: boolean;
  /** The text without suffix, for exact conversion to wider formats. */
  text: string;
}

export type NumberLiteral = IntLiteral | FloatLiteral;

const LIMITS: Record<IntSuffixType, { bits: number; signed: boolean }> = {
  int: { bits: 32, signed: true }, uint: { bits: 32, signed: false },
  long: { bits: 64, signed: true }, ulong: { bits: 64, signed: false },
  llong: { bits: 64, signed: true }, ullong: { bits: 64, signed: false },
  int128: { bits: 128, signed: true }, uint128: { bits: 128, signed: false },
};

function fits(v: bigint, t: IntSuffixType): boolean {
  const { bits, signed } = LIMITS[t];
  return signed ? v < 1n << BigInt(bits - 1) : v < 1n << BigInt(bits);
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Parse a pp-number as a constant. Returns an error message string on failure. */
export function parseNumber(raw: string): NumberLiteral | string {
  const text = raw.indexOf("'") >= 0 ? raw.replace(/'/g, "") : raw;
  const lower = text.toLowerCase();
  const isHex = lower.startsWith("0x");
  const isBin = lower.startsWith("0b");
  // Floating if it has a '.', or an exponent (e for decimal, p for hex).
  let isFloat = false;
  if (isHex) isFloat = lower.includes(".") || lower.includes("p");
  else if (!isBin) {
    isFloat = lower.includes(".");
    if (!isFloat) {
      const e = lower.indexOf("e");
      if (e > 0) isFloat = true;
    }
  }
  if (isFloat) return parseFloatLiteral(text, raw);
  return parseIntLiteral(text, raw);
}

function parseIntLiteral(text: string, raw: string): IntLiteral | string {
  let i = 0;
  let base = 10;
  const lower = text.toLowerCase();
  if (lower.startsWith("0x")) { base = 16; i = 2; }
  else if (lower.startsWith("0b")) { base = 2; i = 2; }
  else if (lower.startsWith("0")) base = 8;
  const digitsStart = i;
  let value = 0n;
  const bigBase = BigInt(base);
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (base === 16 && isHexDigit(c)) d = (c | 0x20) - 87;
    else break;
    if (d >= base) {
      if (base === 8) return `invalid digit "${text[i]}" in octal constant`;
      if (base === 2) return `invalid digit "${text[i]}" in binary constant`;
    }
    value = value * bigBase + BigInt(d);
  }
  if (i === digitsStart && base !== 8) return `invalid suffix "${text.slice(digitsStart)}" on integer constant`;
  const suffix = lower.slice(i);
  let unsigned = false;
  let longs = 0;
  let imaginary = false;
  for (let j = 0; j < suffix.length; j++) {
    const c = suffix[j];
    if (c === "u" && !unsigned) unsigned = true;
    else if (c === "l" && longs === 0) {
      // "ll" must be the same case (6.4.4.1: "ll" or "LL", not "lL").
      const orig = text.slice(i)[j];
      if (suffix[j + 1] === "l" && text.slice(i)[j + 1] === orig) { longs = 2; j++; }
      else longs = 1;
    } else if ((c === "i" || c === "j") && !imaginary) imaginary = true;
    else return `invalid suffix "${raw.slice(raw.length - (suffix.length))}" on integer constant`;
  }
  const decimal = base === 10;
  let candidates: IntSuffixType[];
  if (unsigned) candidates = longs === 2 ? ["ullong"] : longs === 1 ? ["ulong", "ullong"] : ["uint", "ulong", "ullong"];
  else if (decimal) candidates = longs === 2 ? ["llong"] : longs === 1 ? ["long", "llong"] : ["int", "long", "llong"];
  else candidates = longs === 2 ? ["llong", "ullong"] : longs === 1 ? ["long", "ulong", "llong", "ullong"] : ["int", "uint", "long", "ulong", "llong", "ullong"];
  for (const t of candidates) {
    if (fits(value, t)) return { kind: "int", value, type: t, imaginary, tooLarge: false, soLargeUnsigned: false };
  }
  // gcc: a decimal constant too large for long long is given an unsigned type
  // with a warning; beyond 64 bits it is __int128 with a pedwarn.
  if (fits(value, "ullong")) return { kind: "int", value, type: "ullong", imaginary, tooLarge: false, soLargeUnsigned: decimal };
  return { kind: "int", value: BigInt.asUintN(64, value), type: unsigned ? "ullong" : "llong", imaginary, tooLarge: true, soLargeUnsigned: false };
}

function parseFloatLiteral(text: string, raw: string): FloatLiteral | string {
  const lower = text.toLowerCase();
  let end = lower.length;
  let imaginary = false;
  let type: FloatLiteral["type"] = "double";
  // Suffixes: f, l, f16, f32, f64, f128, f32x, f64x, (GNU) q/w, d (ignored), and i/j imaginary in either order.
  const stripImag = (): void => {
    const c = lower[end - 1];
    if (c === "i" || c === "j") { imaginary = true; end--; }
  };
  stripImag();
  const isHex = lower.startsWith("0x");
  const tail = (s: string): boolean => lower.slice(0, end).endsWith(s);
  const suffixes: [string, FloatLiteral["type"]][] = [
    ["f128", "float128"], ["f32x", "float32x"], ["f64x", "float64x"], ["f16", "float16"], ["f32", "float"],
    ["f64", "double"], ["f", "float"], ["l", "ldouble"], ["q", "float128"], ["w", "ldouble"],
  ];
  for (const [s, t] of suffixes) {
    // In a hex float "f" can't be a digit after the exponent, so this is unambiguous.
    if (tail(s) && (isHex ? lower.indexOf("p") >= 0 && lower.indexOf("p") < end - s.length : true)) {
      // Make sure we are not eating exponent digits: the char before must be a digit, '.', or an i/j suffix.
      const before = lower[end - s.length - 1];
      if (before !== undefined && (before === "." || (before >= "0" && before <= "9") || (!imaginary && (before === "i" || before === "j")))) {
        type = t;
        end -= s.length;
        break;
      }
    }
  }
  if (!imaginary) stripImag();
  const body = text.slice(0, end);
  const bodyLower = body.toLowerCase();
  if (isHex) {
    const m = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?p([+-]?[0-9]+)$/.exec(bodyLower);
    if (!m || (m[1] === "" && (m[2] ?? "") === "")) {
      if (!bodyLower.includes("p")) return "hexadecimal floating constants require an exponent";
      return `invalid suffix "${raw.slice(end)}" on floating constant`;
    }
    const digits = m[1] + (m[2] ?? "");
    const mant = digits === "" ? 0n : BigInt("0x" + digits);
    const exp2 = Number(m[3]) - 4 * (m[2] ?? "").length;
    return { kind: "float", value: binaryToNumber(mant, exp2, type === "float" ? 24 : type === "float16" ? 11 : 53), type, imaginary, text: body };
  }
  const m = /^([0-9]*)(?:\.([0-9]*))?(?:e([+-]?[0-9]+))?$/.exec(bodyLower);
  if (!m || (m[1] === "" && (m[2] ?? "") === "")) {
    if (/^[0-9]*(\.[0-9]*)?e[+-]?$/.test(bodyLower)) return "exponent has no digits";
    return `invalid suffix "${raw.slice(end)}" on floating constant`;
  }
  let value: number;
  if (type === "float" || type === "float16") value = decimalToFloat(m[1], m[2] ?? "", Number(m[3] ?? "0"), type === "float" ? 24 : 11);
  else value = Number(body);
  return { kind: "float", value, type, imaginary, text: body };
}

/** Precision (significand bits) and minimum normal exponent of binary formats. */
const FORMATS: Record<number, { emin: number; emax: number }> = {
  11: { emin: -14, emax: 15 },
  24: { emin: -126, emax: 127 },
  53: { emin: -1022, emax: 1023 },
};

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Multiply by 2^e without intermediate under/overflow spoiling an exact result. */
function scale2(x: number, e: number): number {
  while (e > 1000) { x *= 2 ** 1000; e -= 1000; }
  while (e < -1000) { x *= 2 ** -1000; e += 1000; }
  return x * 2 ** e;
}

/**
 * Round mant * 2^exp2 (mant >= 0) to a binary format with `p` significand
 * bits, half to even, with subnormals; returns it as a double (exact for
 * p <= 53).
 */
export function binaryToNumber(mant: bigint, exp2: number, p: number): number {
  if (mant === 0n) return 0;
  const { emin, emax } = FORMATS[p];
  const n = bitLength(mant);
  const e = n - 1 + exp2; // exponent of the leading bit
  const q = Math.max(e - (p - 1), emin - (p - 1)); // exponent of the result's last bit
  const shift = q - exp2;
  let r: bigint;
  if (shift <= 0) r = mant << BigInt(-shift);
  else {
    const s = BigInt(shift);
    r = mant >> s;
    const rem = mant & ((1n << s) - 1n);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (r & 1n) === 1n)) r += 1n;
  }
  // After rounding r may have p+1 bits (carry): still exact as a double.
  if (bitLength(r) - 1 + q > emax) return Infinity;
  return scale2(Number(r), q);
}

/**
 * Exactly rounded conversion of the decimal `int.frac e exp` to a binary
 * format of precision p (returned as a double).
 */
export function decimalToFloat(intPart: string, frac: string, exp: number, p: number): number {
  const digits = (intPart + frac).replace(/^0+/, "");
  if (digits === "") return 0;
  const D = BigInt(digits);
  const k = exp - frac.length; // value = D * 10^k
  if (k > 400) return Infinity;
  if (k < -400 - digits.length) return 0;
  if (k >= 0) return binaryToNumber(D * 10n ** BigInt(k), 0, p);
  const den = 10n ** BigInt(-k);
  // Choose s so that D * 2^s / den has at least p + 3 bits, then keep a sticky bit.
  const s = Math.max(0, p + 3 - (bitLength(D) - bitLength(den)) + 1);
  const num = D << BigInt(s);
  let q = num / den;
  const sticky = num % den !== 0n ? 1n : 0n;
  q = (q << 1n) | sticky;
  return binaryToNumber(q, -s - 1, p);
}

// ---------------------------------------------------------------------------
// Character constants and string literals.

export type Encoding = "" | "L" | "u" | "U" | "u8";

export function prefixOf(text: string): { enc: Encoding; body: string } {
  if (text.startsWith("u8")) return { enc: "u8", body: text.slice(2) };
  const c = text[0];
  if (c === "L" || c === "u" || c === "U") return { enc: c, body: text.slice(1) };
  return { enc: "", body: text };
}

/** Width in bytes of one element for an encoding (wchar_t: 4, or 2 with -fshort-wchar). */
export function encodingWidth(enc: Encoding, wcharSize: 2 | 4 = 4): number {
  return enc === "L" ? wcharSize : enc === "U" ? 4 : enc === "u" ? 2 : 1;
}

export interface DecodeResult {
  /** Code units (narrow: bytes; wide: code points / UTF-16 units). */
  units: number[];
  errors: string[];
  warnings: string[];
}

/**
 * Decode the body of a quoted literal (without quotes) into code units of the
 * given width. Narrow strings keep source bytes; wide strings decode UTF-8.
 */
export function decodeQuoted(body: string, width: number): DecodeResult {
  const units: number[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  const max = width === 4 ? 0xffffffff : width === 2 ? 0xffff : 0xff;
  const pushCodePoint = (cp: number): void => {
    if (width === 1) {
      // UTF-8 encode
      if (cp < 0x80) units.push(cp);
      else if (cp < 0x800) units.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
      else if (cp < 0x10000) units.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
      else units.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    } else if (width === 2 && cp >= 0x10000) {
      const v = cp - 0x10000;
      units.push(0xd800 | (v >> 10), 0xdc00 | (v & 0x3ff));
    } else units.push(cp);
  };
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c !== 92) {
      if (width === 1 || c < 0x80) { units.push(c); continue; }
      // Decode a UTF-8 sequence from latin1 "bytes".
      let cp = c;
      let extra = 0;
      if ((c & 0xe0) === 0xc0) { cp = c & 0x1f; extra = 1; }
      else if ((c & 0xf0) === 0xe0) { cp = c & 0x0f; extra = 2; }
      else if ((c & 0xf8) === 0xf0) { cp = c & 0x07; extra = 3; }
      for (let k = 0; k < extra && i + 1 < body.length; k++) cp = (cp << 6) | (body.charCodeAt(++i) & 63);
      pushCodePoint(cp);
      continue;
    }
    const e = body[++i];
    switch (e) {
      case "n": units.push(10); break;
      case "t": units.push(9); break;
      case "r": units.push(13); break;
      case "a": units.push(7); break;
      case "b": units.push(8); break;
      case "f": units.push(12); break;
      case "v": units.push(11); break;
      case "e": case "E": units.push(27); break; // GNU
      case "\\": case "'": case "\"": case "?": units.push(e.charCodeAt(0)); break;
      case "x": {
        let v = 0n;
        let n = 0;
        while (i + 1 < body.length && isHexDigit(body.charCodeAt(i + 1))) { v = v * 16n + BigInt(parseInt(body[++i], 16)); n++; }
        if (n === 0) errors.push("\\x used with no following hex digits");
        else if (v > BigInt(max)) warnings.push("hex escape sequence out of range");
        units.push(Number(v & BigInt(max)));
        break;
      }
      case "u": case "U": {
        const len = e === "u" ? 4 : 8;
        const hex = body.slice(i + 1, i + 1 + len);
        if (hex.length < len || !/^[0-9a-fA-F]+$/.test(hex)) {
          errors.push(`incomplete universal character name \\${e}${hex}`);
          break;
        }
        i += len;
        pushCodePoint(parseInt(hex, 16));
        break;
      }
      default: {
        if (e !== undefined && e >= "0" && e <= "7") {
          let v = e.charCodeAt(0) - 48;
          for (let k = 0; k < 2 && i + 1 < body.length && body[i + 1] >= "0" && body[i + 1] <= "7"; k++) v = v * 8 + body.charCodeAt(++i) - 48;
          if (v > max) warnings.push("octal escape sequence out of range");
          units.push(v & max);
        } else {
          warnings.push(`unknown escape sequence: '\\${e ?? ""}'`);
          if (e !== undefined) units.push(e.charCodeAt(0));
        }
      }
    }
  }
  return { units, errors, warnings };
}

export interface CharConst {
  enc: Encoding;
  value: bigint;
  errors: string[];
  warnings: string[];
}

/**
 * A character constant's value before conversion to its type: plain 'ab'
 * multi-character constants combine bytes big-endian as gcc does.
 */
export function decodeChar(text: string, charIsSigned: boolean, wcharSize: 2 | 4 = 4): CharConst {
  const { enc, body } = prefixOf(text);
  const inner = body.slice(1, -1);
  const width = encodingWidth(enc, wcharSize);
  const d = decodeQuoted(inner, width);
  const errors = [...d.errors];
  const warnings = [...d.warnings];
  if (d.units.length === 0) {
    errors.push("empty character constant");
    return { enc, value: 0n, errors, warnings };
  }
  let value: bigint;
  if (enc === "") {
    if (d.units.length === 1) {
      const b = d.units[0];
      value = charIsSigned && b >= 128 ? BigInt(b - 256) : BigInt(b);
    } else {
      if (d.units.length > 4) warnings.push("character constant too long for its type");
      else warnings.push("multi-character character constant");
      let v = 0n;
      for (const u of d.units) v = BigInt.asUintN(32, (v << 8n) | BigInt(u));
      value = BigInt.asIntN(32, v);
    }
  } else {
    if (d.units.length > 1) warnings.push("character constant too long for its type");
    value = BigInt(d.units[enc === "u8" ? 0 : d.units.length - 1]);
  }
  return { enc, value, errors, warnings };
}
