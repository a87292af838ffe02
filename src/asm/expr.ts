// gas expressions: a small precedence-climbing parser over operand text, and
// the tree it produces. Evaluation lives in the assembler (it needs symbols and
// layout); this file only knows syntax.
//
// Precedence follows gas (highest first): unary - ~ !; * / % << >>; | & ^ !;
// + - == != < > <= >= <>; && ||. gas puts the bitwise operators with the
// multiplicative ones and the comparisons with the additive ones; code relies
// on that, so we do the same.

export type Expr =
  | { readonly k: "num"; readonly v: bigint }
  /** A symbol reference, possibly with a relocation specifier (`foo@PLT`). */
  | { readonly k: "sym"; readonly name: string; readonly reloc?: string }
  /** `.`, the current location. */
  | { readonly k: "dot" }
  | { readonly k: "un"; readonly op: string; readonly a: Expr }
  /** An arch relocation operator applied to an expression: riscv `%pcrel_hi(x)`, aarch64 `:lo12:x`. */
  | { readonly k: "op"; readonly op: string; readonly a: Expr }
  | { readonly k: "bin"; readonly op: string; readonly a: Expr; readonly b: Expr };

export class ExprError extends Error {}

const PRECEDENCE: Record<string, number> = {
  "||": 1, "&&": 2,
  "+": 3, "-": 3, "==": 3, "!=": 3, "<": 3, ">": 3, "<=": 3, ">=": 3, "<>": 3,
  "|": 4, "&": 4, "^": 4, "!": 4,
  "*": 5, "/": 5, "%": 5, "<<": 5, ">>": 5,
};
const BINOPS = ["<<", ">>", "<=", ">=", "==", "!=", "<>", "&&", "||", "+", "-", "*", "/", "%", "|", "&", "^", "<", ">", "!"];

// Bytes above 0x7f are symbol characters, as in GNU as: C identifiers in UTF-8.
const isSymStart = (c: string): boolean => /[A-Za-z_.$\x02\x80-\xff]/.test(c);
const isSymChar = (c: string): boolean => /[A-Za-z0-9_.$@\x02\x80-\xff]/.test(c);

/**
 * Numeric local label references are rewritten by the caller before parsing
 * (`1b` → a unique name), so `resolveLocal` turns "1b"/"1f" into symbol names.
 */
export type LocalLabelResolver = (n: string, dir: "b" | "f") => string;

export class ExprParser {
  pos = 0;
  constructor(readonly s: string, private readonly local?: LocalLabelResolver, private readonly relocOperator?: (p: ExprParser) => Expr | undefined) {}

  static parse(s: string, local?: LocalLabelResolver, relocOperator?: (p: ExprParser) => Expr | undefined): Expr {
    const p = new ExprParser(s, local, relocOperator);
    const e = p.expr();
    p.ws();
    if (p.pos !== s.length) throw new ExprError(`junk at end of expression: '${s.slice(p.pos)}'`);
    return e;
  }

  ws(): void {
    while (this.pos < this.s.length && (this.s[this.pos] === " " || this.s[this.pos] === "\t")) this.pos++;
  }

  expr(minPrec = 1): Expr {
    let a = this.unary();
    for (;;) {
      this.ws();
      const op = BINOPS.find((o) => this.s.startsWith(o, this.pos));
      if (!op || PRECEDENCE[op] < minPrec) return a;
      // `!` as a binary operator is gas's "or not"; a following `=` would be `!=`, handled above.
      this.pos += op.length;
      const b = this.expr(PRECEDENCE[op] + 1);
      a = foldBin(op, a, b);
    }
  }

  private unary(): Expr {
    this.ws();
    const c = this.s[this.pos];
    if (c === "-" || c === "~" || c === "!" || c === "+") {
      this.pos++;
      const a = this.unary();
      if (c === "+") return a;
      if (a.k === "num") return { k: "num", v: c === "-" ? BigInt.asIntN(64, -a.v) : c === "~" ? BigInt.asIntN(64, ~a.v) : a.v === 0n ? 1n : 0n };
      return { k: "un", op: c, a };
    }
    return this.primary();
  }

  private primary(): Expr {
    this.ws();
    const s = this.s;
    const c = s[this.pos];
    if (c === undefined) throw new ExprError("missing expression");
    if (this.relocOperator) {
      const op = this.relocOperator(this);
      if (op) return op;
    }
    if (c === "(") {
      this.pos++;
      const e = this.expr();
      this.ws();
      if (s[this.pos] !== ")") throw new ExprError("missing ')'");
      this.pos++;
      return e;
    }
    if (c === "'") {
      // Character constant: 'a or 'a' (gas accepts both), with backslash escapes.
      this.pos++;
      let v: number;
      if (s[this.pos] === "\\") {
        const r = readEscape(s, this.pos + 1);
        v = r.value;
        this.pos = r.end;
      } else v = s.charCodeAt(this.pos++);
      if (s[this.pos] === "'") this.pos++;
      return { k: "num", v: BigInt(v) };
    }
    if (/[0-9]/.test(c)) {
      const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([bf])?/.exec(s.slice(this.pos));
      if (!m) throw new ExprError(`bad number`);
      if (m[2] && !/^0[xXbB]/.test(m[1]) && !isSymChar(s[this.pos + m[0].length] ?? " ")) {
        if (!this.local) throw new ExprError("local label reference outside code");
        this.pos += m[0].length;
        return { k: "sym", name: this.local(m[1], m[2] as "b" | "f") };
      }
      const lit = m[1];
      this.pos += lit.length;
      let v: bigint;
      if (/^0[bB]/.test(lit)) v = BigInt(lit);
      else if (/^0[xX]/.test(lit)) v = BigInt(lit);
      else if (lit.length > 1 && lit[0] === "0") v = BigInt("0o" + lit.slice(1));
      else v = BigInt(lit);
      return { k: "num", v: BigInt.asIntN(64, v) };
    }
    if (c === "." && !isSymChar(s[this.pos + 1] ?? " ")) {
      this.pos++;
      return { k: "dot" };
    }
    if (c === '"') {
      // A quoted symbol name.
      const end = s.indexOf('"', this.pos + 1);
      if (end < 0) throw new ExprError("unterminated quoted symbol");
      const name = s.slice(this.pos + 1, end);
      this.pos = end + 1;
      return this.symbolSuffix(name);
    }
    if (c === "%" && /[A-Za-z]/.test(s[this.pos + 1] ?? "")) {
      // A register as an operand of an expression: gas compares registers in
      // `.if \base == %rsp` (the kernel's UNWIND_HINT macros). Its value only
      // has to tell registers apart: the name's bytes (gas warns when one is
      // used as a number, and so nothing depends on it).
      const m = /^%([A-Za-z][A-Za-z0-9]*(?:\([0-7]\))?)/.exec(s.slice(this.pos))!;
      this.pos += m[0].length;
      let v = 0n;
      for (const ch of m[1]!.toLowerCase().slice(0, 7)) v = (v << 8n) | BigInt(ch.charCodeAt(0));
      return { k: "num", v: v | (1n << 62n) };
    }
    if (isSymStart(c)) {
      let e = this.pos + 1;
      while (e < s.length && isSymChar(s[e]) && s[e] !== "@") e++;
      const name = s.slice(this.pos, e);
      this.pos = e;
      return this.symbolSuffix(name);
    }
    throw new ExprError(`bad expression at '${s.slice(this.pos)}'`);
  }

  private symbolSuffix(name: string): Expr {
    if (this.s[this.pos] === "@") {
      const m = /^@([A-Za-z0-9_]+)/.exec(this.s.slice(this.pos));
      if (m) {
        this.pos += m[0].length;
        return { k: "sym", name, reloc: m[1].toUpperCase() };
      }
    }
    return { k: "sym", name };
  }
}

/** Fold constant sub-trees at parse time: most expressions in compiler output are plain numbers. */
function foldBin(op: string, a: Expr, b: Expr): Expr {
  if (a.k === "num" && b.k === "num") {
    const v = constBin(op, a.v, b.v);
    if (v !== undefined) return { k: "num", v };
  }
  return { k: "bin", op, a, b };
}

/** Evaluate a binary operator on constants with 64-bit wrap-around, as gas does. */
export function constBin(op: string, a: bigint, b: bigint): bigint | undefined {
  const w = (v: bigint): bigint => BigInt.asIntN(64, v);
  const t = (c: boolean): bigint => (c ? -1n : 0n); // gas comparisons yield -1 for true
  switch (op) {
    case "+": return w(a + b);
    case "-": return w(a - b);
    case "*": return w(a * b);
    case "/": return b === 0n ? undefined : w(a / b);
    case "%": return b === 0n ? undefined : w(a % b);
    case "<<": return b >= 64n ? 0n : w(a << b);
    case ">>": return b >= 64n ? 0n : w(BigInt.asUintN(64, a) >> b);
    case "|": return w(a | b);
    case "&": return w(a & b);
    case "^": return w(a ^ b);
    case "!": return w(a | ~b);
    case "==": return t(a === b);
    case "!=": case "<>": return t(a !== b);
    case "<": return t(a < b);
    case ">": return t(a > b);
    case "<=": return t(a <= b);
    case ">=": return t(a >= b);
    case "&&": return a !== 0n && b !== 0n ? 1n : 0n;
    case "||": return a !== 0n || b !== 0n ? 1n : 0n;
  }
  return undefined;
}

/** One backslash escape in a string or character constant, starting after the backslash. */
export function readEscape(s: string, i: number): { value: number; end: number } {
  const c = s[i];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, e: 27, "\\": 92, '"': 34, "'": 39 };
  if (c in simple) return { value: simple[c], end: i + 1 };
  if (c === "x" || c === "X") {
    let j = i + 1;
    let v = 0;
    while (j < s.length && /[0-9a-fA-F]/.test(s[j])) v = (v * 16 + parseInt(s[j++], 16)) & 0xff;
    return { value: v, end: j };
  }
  if (/[0-7]/.test(c)) {
    let j = i;
    let v = 0;
    while (j < s.length && j < i + 3 && /[0-7]/.test(s[j])) v = v * 8 + parseInt(s[j++], 8);
    return { value: v & 0xff, end: j };
  }
  return { value: s.charCodeAt(i), end: i + 1 };
}
