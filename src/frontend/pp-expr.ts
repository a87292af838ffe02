// #if / #elif expressions (C17 6.10.1): integer constant expressions evaluated
// in intmax_t / uintmax_t (64 bits on all our targets) with BigInt.
//
// The evaluator pulls tokens one at a time from the preprocessor, which has
// already macro-expanded them — except after `defined`, where it asks the
// preprocessor to stop expanding for the operand (`defined` may itself come
// out of a macro expansion; gcc accepts that and so do we).

import type { Diagnostics } from "./diagnostics.js";
import type { Token } from "./token.js";

/** A value of the #if arithmetic: 64-bit, signed (intmax_t) or unsigned (uintmax_t). */
export interface PPValue {
  v: bigint;
  unsigned: boolean;
}

/** What the evaluator needs from the preprocessor. */
/** Punctuators that are no operator of #if expressions (gcc names them rather than a missing operator). */
const NOT_IN_PP_EXPRESSIONS: ReadonlySet<string> = new Set([
  "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "++", "--", ".", "->", "[", "]", "{", "}", ";", "#", "##", "...",
]);

export interface PPExprSource {
  /** The next macro-expanded token of the directive; kind "eof" at the end of the line. */
  next(): Token;
  /** The next token without macro expansion (the operand of `defined`). */
  nextUnexpanded(): Token;
  /** Is `name` a defined macro? */
  isDefined(name: string, at: Token): boolean;
  /** Value of a character constant (with the target's signedness of char and wchar_t). */
  charValue(tok: Token): PPValue;
  readonly diags: Diagnostics;
  /** C23: `true` and `false` are 1 and 0 in #if. */
  readonly c23: boolean;
}

const MASK64 = (1n << 64n) - 1n;
const toS = (v: bigint): bigint => BigInt.asIntN(64, v);
const toU = (v: bigint): bigint => BigInt.asUintN(64, v);

/** Binary operator precedence, higher binds tighter; "?" and "," are handled apart. */
const PREC: Readonly<Record<string, number>> = {
  "*": 10, "/": 10, "%": 10,
  "+": 9, "-": 9,
  "<<": 8, ">>": 8,
  "<": 7, ">": 7, "<=": 7, ">=": 7,
  "==": 6, "!=": 6,
  "&": 5, "^": 4, "|": 3, "&&": 2, "||": 1,
};

/** Thrown inside the evaluator to abandon a malformed expression (already reported). */
class ExprError {
  constructor(readonly reported: true = true) {}
}

/**
 * Evaluate one #if expression. `directive` is the `if`/`elif` token (for
 * locations of "no expression" errors). Returns the truth value; on any error
 * (reported to diags) the expression counts as false, like gcc.
 */
export function evaluateIf(src: PPExprSource, directive: Token): boolean {
  const p = new ExprParser(src, directive);
  try {
    return p.run();
  } catch (e) {
    if (e instanceof ExprError) return false;
    throw e;
  }
}

class ExprParser {
  private current: Token;
  /** >0 inside the unevaluated operand of && || ?: — errors like division by zero are not errors there. */
  private skipEval = 0;

  constructor(private readonly src: PPExprSource, private readonly directive: Token) {
    this.current = src.next();
  }

  run(): boolean {
    if (this.cur().kind === "eof") {
      this.error(this.cur().line ? this.cur() : this.directive, `#${this.directive.text} with no expression`);
    }
    const v = this.comma();
    if (this.cur().kind !== "eof") {
      const c = this.cur();
      if (c.text === ")") this.error(c, "missing '(' in expression");
      if (c.text === ":") this.error(c, "':' without preceding '?'");
      if (c.kind === "punct" && NOT_IN_PP_EXPRESSIONS.has(c.text)) this.error(c, `token "${c.text}" is not valid in preprocessor expressions`);
      this.error(c, `missing binary operator before token "${c.text}"`);
    }
    return v.v !== 0n;
  }

  /** The current token (a method, so TypeScript does not narrow it across advance()). */
  private cur(): Token {
    return this.current;
  }

  private advance(): void {
    this.current = this.src.next();
  }

  private error(at: Token, message: string): never {
    this.src.diags.error(at, message);
    throw new ExprError();
  }

  private comma(): PPValue {
    let v = this.conditional();
    while (this.cur().kind === "punct" && this.cur().text === ",") {
      if (!this.skipEval) this.src.diags.warning(this.cur(), "comma operator in operand of #if", "pedantic");
      this.advance();
      v = this.conditional();
    }
    return v;
  }

  private conditional(): PPValue {
    const cond = this.binary(1);
    if (!(this.cur().kind === "punct" && this.cur().text === "?")) return cond;
    this.advance();
    const taken = cond.v !== 0n;
    if (!taken) this.skipEval++;
    const a = this.comma();
    if (!taken) this.skipEval--;
    if (!(this.cur().kind === "punct" && this.cur().text === ":")) {
      this.error(this.cur(), this.cur().kind === "eof" ? "'?' without following ':'" : `missing ':' before token "${this.cur().text}"`);
    }
    this.advance();
    if (taken) this.skipEval++;
    const b = this.conditional();
    if (taken) this.skipEval--;
    const unsigned = a.unsigned || b.unsigned;
    const r = taken ? a : b;
    return { v: unsigned ? toU(r.v) : r.v, unsigned };
  }

  private binary(minPrec: number): PPValue {
    let lhs = this.unary();
    for (;;) {
      const op = this.cur().text;
      const prec = this.cur().kind === "punct" ? PREC[op] : undefined;
      if (prec === undefined || prec < minPrec) return lhs;
      const opTok = this.cur();
      this.advance();
      if (op === "&&" || op === "||") {
        const short = op === "&&" ? lhs.v === 0n : lhs.v !== 0n;
        if (short) this.skipEval++;
        const rhs = this.binary(prec + 1);
        if (short) this.skipEval--;
        const r = op === "&&" ? lhs.v !== 0n && rhs.v !== 0n : lhs.v !== 0n || rhs.v !== 0n;
        lhs = { v: r ? 1n : 0n, unsigned: false };
        continue;
      }
      const rhs = this.binary(prec + 1);
      lhs = this.apply(op, lhs, rhs, opTok);
    }
  }

  private apply(op: string, a: PPValue, b: PPValue, at: Token): PPValue {
    // Shifts take the type of the left operand; everything else the usual arithmetic conversions.
    if (op === "<<" || op === ">>") return this.shift(op, a, b);
    const unsigned = a.unsigned || b.unsigned;
    const x = unsigned ? toU(a.v) : a.v;
    const y = unsigned ? toU(b.v) : b.v;
    const norm = (v: bigint): PPValue => ({ v: unsigned ? toU(v) : toS(v), unsigned });
    const bool = (c: boolean): PPValue => ({ v: c ? 1n : 0n, unsigned: false });
    switch (op) {
      case "*": return this.checked(x * y, unsigned, at);
      case "+": return this.checked(x + y, unsigned, at);
      case "-": return this.checked(x - y, unsigned, at);
      case "/":
      case "%":
        if (y === 0n) {
          if (this.skipEval) return { v: 0n, unsigned };
          this.error(at, "division by zero in #if");
        }
        // INTMAX_MIN / -1 overflows; its remainder is 0.
        if (op === "%") return norm(x % y);
        return this.checked(x / y, unsigned, at);
      case "<": return bool(x < y);
      case ">": return bool(x > y);
      case "<=": return bool(x <= y);
      case ">=": return bool(x >= y);
      case "==": return bool(x === y);
      case "!=": return bool(x !== y);
      case "&": return norm(x & y);
      case "^": return norm(x ^ y);
      case "|": return norm(x | y);
    }
    return this.error(at, `token "${op}" is not valid in preprocessor expressions`);
  }

  /** Wrap a signed result to 64 bits, warning (like gcc's pedwarn) when it did not fit. */
  private checked(v: bigint, unsigned: boolean, at: Token): PPValue {
    if (unsigned) return { v: v & MASK64, unsigned };
    const w = toS(v);
    if (w !== v && !this.skipEval) this.src.diags.warning(at, "integer overflow in preprocessor expression");
    return { v: w, unsigned };
  }

  /** gcc's rules: a negative count shifts the other way; counts ≥ 64 shift everything out. */
  private shift(op: string, a: PPValue, b: PPValue): PPValue {
    let left = op === "<<";
    let n = b.unsigned ? toU(b.v) : b.v;
    if (n < 0n) {
      left = !left;
      n = -n;
    }
    const x = a.unsigned ? toU(a.v) : a.v;
    let v: bigint;
    if (left) v = n >= 64n ? 0n : x << n;
    else v = n >= 64n ? (x < 0n ? -1n : 0n) : x >> n;
    return { v: a.unsigned ? toU(v) : toS(v), unsigned: a.unsigned };
  }

  private unary(): PPValue {
    const t = this.cur();
    if (t.kind === "punct") {
      switch (t.text) {
        case "+": case "-": case "~": case "!": {
          this.advance();
          const v = this.unary();
          if (t.text === "+") return v;
          if (t.text === "!") return { v: v.v === 0n ? 1n : 0n, unsigned: false };
          if (t.text === "~") return { v: v.unsigned ? toU(~v.v) : toS(~v.v), unsigned: v.unsigned };
          if (v.unsigned) return { v: toU(-v.v), unsigned: true };
          return this.checked(-v.v, false, t);
        }
        case "(": {
          const open = this.cur();
          this.advance();
          if (this.cur().kind === "punct" && this.cur().text === ")") this.error(this.cur(), "missing expression between '(' and ')'");
          const v = this.comma();
          if (!(this.cur().kind === "punct" && this.cur().text === ")")) {
            if (this.cur().kind === "eof") this.error(open, "missing ')' in expression");
            else this.error(this.cur(), `missing ')' before "${this.cur().text}"`);
          }
          this.advance();
          return v;
        }
      }
    }
    return this.primary();
  }

  private primary(): PPValue {
    const t = this.cur();
    switch (t.kind) {
      case "number": {
        this.advance();
        return this.number(t);
      }
      case "char": {
        this.advance();
        return this.src.charValue(t);
      }
      case "ident": {
        if (t.text === "defined") return this.defined();
        this.advance();
        if (this.src.c23 && (t.text === "true" || t.text === "false")) return { v: t.text === "true" ? 1n : 0n, unsigned: false };
        // 6.10.1p4: identifiers left after macro expansion are 0. (gcc has -Wundef for them.)
        if (this.cur().kind === "punct" && this.cur().text === "(" && !this.skipEval) {
          this.error(t, `function-like macro "${t.text}" is not defined`);
        }
        return { v: 0n, unsigned: false };
      }
      case "eof":
        return this.error(t.line ? t : this.directive, "#" + this.directive.text + " with no expression");
      case "string":
        return this.error(t, `token "${t.text}" is not valid in preprocessor expressions`);
      default:
        if (t.kind === "punct" && (t.text === ")" || PREC[t.text] !== undefined || t.text === "?" || t.text === ":")) {
          return this.error(t, `operator '${t.text}' has no left operand`);
        }
        return this.error(t, `token "${t.text}" is not valid in preprocessor expressions`);
    }
  }

  private defined(): PPValue {
    const def = this.cur();
    let t = this.src.nextUnexpanded();
    let paren = false;
    if (t.kind === "punct" && t.text === "(") {
      paren = true;
      t = this.src.nextUnexpanded();
    }
    if (t.kind !== "ident") this.error(t.kind === "eof" ? def : t, 'operator "defined" requires an identifier');
    const yes = this.src.isDefined(t.text, t);
    if (paren) {
      const close = this.src.nextUnexpanded();
      if (!(close.kind === "punct" && close.text === ")")) this.error(close.kind === "eof" ? t : close, "missing ')' after \"defined\"");
    }
    this.advance();
    return { v: yes ? 1n : 0n, unsigned: false };
  }

  private number(t: Token): PPValue {
    const r = parseIntegerLiteral(t.text);
    if (r === "float") this.error(t, "floating constant in preprocessor expression");
    if (r === "invalid") this.error(t, `invalid integer constant "${t.text}" in #if`);
    if (r.tooLarge) this.src.diags.warning(t, "integer constant is too large for its type", "pedantic");
    else if (r.forcedUnsigned) this.src.diags.warning(t, "integer constant is so large that it is unsigned");
    return { v: r.unsigned ? r.v : toS(r.v), unsigned: r.unsigned };
  }
}

export interface IntLiteral {
  v: bigint;
  unsigned: boolean;
  /** The value did not fit 64 bits (it was truncated). */
  tooLarge: boolean;
  /** A decimal literal without U that only fits uintmax_t. */
  forcedUnsigned: boolean;
}

/** Parse a pp-number as an integer constant for #if: prefixes, C23 ' separators, u/l/ll/wb suffixes. */
export function parseIntegerLiteral(text: string): IntLiteral | "float" | "invalid" {
  let s = text.indexOf("'") >= 0 ? text.split("'").join("") : text;
  let base = 10;
  let i = 0;
  if (s.length > 1 && s[0] === "0") {
    const c = s[1];
    if (c === "x" || c === "X") { base = 16; i = 2; }
    else if (c === "b" || c === "B") { base = 2; i = 2; }
    else { base = 8; i = 1; }
  }
  const digitsStart = i;
  let v = 0n;
  const B = BigInt(base);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 102) d = c - 87;
    else if (c >= 65 && c <= 70) d = c - 55;
    else break;
    if (d >= base) {
      // An 8 or 9 in an octal number (or e in a decimal one) may still be a float: 09.5, 1e3.
      if (base === 8 && d < 10) { base = 10; continue; }
      break;
    }
    v = v * B + BigInt(d);
  }
  // Re-read octal-looking numbers that turned out to contain 8/9 (only valid as floats).
  if (base === 10 && s[0] === "0" && s.length > 1) return /[.eEpP]/.test(s) ? "float" : "invalid";
  const rest = s.slice(i).toLowerCase();
  if (rest.startsWith(".") || ((rest[0] === "e" || rest[0] === "p") && base !== 16) || (base === 16 && (rest[0] === "p" || rest[0] === "."))) {
    return "float";
  }
  if (i === digitsStart && base !== 8) return "invalid";
  let unsigned = false;
  switch (rest) {
    case "": case "l": case "ll": case "wb": break;
    case "u": case "ul": case "lu": case "ull": case "llu": case "uwb": case "wbu": unsigned = true; break;
    default: return "invalid";
  }
  s = "";
  const tooLarge = v > MASK64;
  if (tooLarge) v &= MASK64;
  let forcedUnsigned = false;
  if (!unsigned && v > (MASK64 >> 1n)) {
    // A decimal literal that only fits unsigned is unsigned in #if (with a warning); a hex or octal one silently.
    unsigned = true;
    forcedUnsigned = base === 10 && !tooLarge;
  }
  return { v, unsigned, tooLarge, forcedUnsigned };
}
