// Preprocessing tokens (C17 6.4). The lexer stores a file's tokens as parallel
// arrays (TokenArray: no heap object per token, so the ~1M tokens of a large
// file cost the GC nothing); the preprocessor makes a Token object only for
// a token it reads, and passes objects on to the parser. Identifiers and
// punctuators keep their spelling in `text`.

export type TokenKind =
  | "ident"   // identifiers and keywords (the parser decides which)
  | "number"  // pp-number: 6.4.8, includes 1e+5, 0x1p-3, 1'000 (C23 separators)
  | "char"    // character constant with optional prefix L u U u8
  | "string"  // string literal with optional prefix L u U u8
  | "punct"   // punctuator; `text` has a digraph's primary form, `digraph` its spelling
  | "other"   // a stray character the lexer could not classify (e.g. '@', '`', '\\')
  | "pragma"  // produced by the preprocessor only: a #pragma / _Pragma the parser must see
              // (pack, GCC visibility, STDC ...); `text` is the pragma's text after "pragma"
  | "eof";

export interface Token {
  kind: TokenKind;
  /** The spelling, with backslash-newlines removed. */
  text: string;
  /** SourceFile id, 1-based line and column of the first character. */
  file: number;
  line: number;
  col: number;
  /** First token on its (logical) line: a '#' here starts a directive. */
  bol: boolean;
  /** Whitespace (or a comment) came before this token. */
  space: boolean;
  /** A punctuator written as a digraph: its spelling as written (`<:`), which -E and `#` keep. */
  digraph?: string;
  /** Preprocessor bookkeeping: the macros this token may no longer expand (6.10.3.4). */
  hideset?: ReadonlySet<string>;
  /** For tokens produced by macro expansion: the token of the macro use that produced it. */
  origin?: Token;
}

export interface SrcLoc {
  file: number;
  line: number;
  col: number;
}

/** Every punctuator of C17 6.4.6 (and GNU's nothing-extra), longest first per prefix. */
export const PUNCTUATORS: readonly string[] = [
  "%:%:", "...", "<<=", ">>=",
  "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=",
  "+=", "-=", "&=", "^=", "|=", "##", "<:", ":>", "<%", "%>", "%:", "::",
  "[", "]", "(", ")", "{", "}", ".", "&", "*", "+", "-", "~", "!", "/", "%", "<", ">",
  "^", "|", "?", ":", ";", "=", ",", "#",
];

/** Digraphs (6.4.6p3) map to the punctuator they stand for. */
export const DIGRAPHS: Readonly<Record<string, string>> = {
  "<:": "[", ":>": "]", "<%": "{", "%>": "}", "%:": "#", "%:%:": "##",
};

/** Token kinds by number, as TokenArray stores them. */
export const TOKEN_KINDS: readonly TokenKind[] = ["ident", "number", "char", "string", "punct", "other", "pragma", "eof"];
export const K_IDENT = 0, K_NUMBER = 1, K_CHAR = 2, K_STRING = 3, K_PUNCT = 4, K_OTHER = 5, K_EOF = 7;

/** TokenArray flag bits. */
export const F_BOL = 1, F_SPACE = 2;

/**
 * The tokens of one file as parallel arrays (struct of arrays). `token(i)` makes
 * the Token object for index i; everything else reads the arrays directly.
 */
export class TokenArray {
  length = 0;
  kinds: Uint8Array;
  flags: Uint8Array;
  lines: Int32Array;
  cols: Int32Array;
  readonly texts: string[] = [];
  /** Punctuators written as digraphs: index → spelling. */
  private digraphs: Map<number, string> | undefined;
  /** The last token (kind eof) as one object, so reading it again gives the same token. */
  private eof: Token | undefined;

  constructor(readonly file: number, capacity: number) {
    capacity = Math.max(16, capacity);
    this.kinds = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.lines = new Int32Array(capacity);
    this.cols = new Int32Array(capacity);
  }

  push(kind: number, text: string, line: number, col: number, flags: number): void {
    const i = this.length;
    if (i === this.kinds.length) this.grow();
    this.kinds[i] = kind;
    this.flags[i] = flags;
    this.lines[i] = line;
    this.cols[i] = col;
    this.texts.push(text);
    this.length = i + 1;
  }

  setDigraph(i: number, spelling: string): void {
    (this.digraphs ??= new Map()).set(i, spelling);
  }

  private grow(): void {
    const n = this.kinds.length * 2;
    const kinds = new Uint8Array(n); kinds.set(this.kinds); this.kinds = kinds;
    const flags = new Uint8Array(n); flags.set(this.flags); this.flags = flags;
    const lines = new Int32Array(n); lines.set(this.lines); this.lines = lines;
    const cols = new Int32Array(n); cols.set(this.cols); this.cols = cols;
  }

  /** Token i as an object. */
  token(i: number): Token {
    const k = this.kinds[i];
    if (k === K_EOF && this.eof !== undefined) return this.eof;
    const f = this.flags[i];
    const t: Token = {
      kind: TOKEN_KINDS[k], text: this.texts[i], file: this.file, line: this.lines[i], col: this.cols[i],
      bol: (f & F_BOL) !== 0, space: (f & F_SPACE) !== 0,
    };
    if (this.digraphs !== undefined) {
      const d = this.digraphs.get(i);
      if (d !== undefined) t.digraph = d;
    }
    if (k === K_EOF) this.eof = t;
    return t;
  }

  /** Is token i the punctuator `text`? */
  isPunct(i: number, text: string): boolean {
    return this.kinds[i] === K_PUNCT && this.texts[i] === text;
  }

  /** Does token i end the line it would be read on (it starts a new line, or is the end of the file)? */
  endsLine(i: number): boolean {
    return (this.flags[i] & F_BOL) !== 0 || this.kinds[i] === K_EOF;
  }

  /** All tokens as objects. */
  toTokens(): Token[] {
    const out: Token[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.token(i);
    return out;
  }
}
