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
  /** Produced by a macro expansion (set where the parser reads tokens without their origin). */
  expanded?: boolean;
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

/** Token kinds by number, as TokenList stores them. */
export const TOKEN_KINDS: readonly TokenKind[] = ["ident", "number", "char", "string", "punct", "other", "pragma", "eof"];
export const K_IDENT = 0, K_NUMBER = 1, K_CHAR = 2, K_STRING = 3, K_PUNCT = 4, K_OTHER = 5, K_PRAGMA = 6, K_EOF = 7;
const KIND_NUMBERS: Readonly<Record<TokenKind, number>> = {
  ident: K_IDENT, number: K_NUMBER, char: K_CHAR, string: K_STRING, punct: K_PUNCT, other: K_OTHER, pragma: K_PRAGMA, eof: K_EOF,
};

const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

/** TokenList flag bits: first on its line, space before, produced by a macro expansion (the root position is set). */
export const F_BOL = 1, F_SPACE = 2, F_EXPANDED = 4;

/**
 * Tokens as parallel arrays (struct of arrays): a lexed file, or the preprocessor's
 * output. `token(i)` makes the Token object for index i; everything else can read
 * the arrays directly. A token from a macro expansion keeps only the position of
 * its outermost macro use (what -E needs), not the chain of `origin`s.
 */
/** Ints per token in `TokenList.roots`. */
const ROOT = 4;

export class TokenList {
  length = 0;
  kinds: Uint8Array;
  flags: Uint8Array;
  files: Int32Array;
  lines: Int32Array;
  cols: Int32Array;
  /**
   * Spellings in chunks of CHUNK: one big JS array of pointers is slow to fill (pushing
   * 1M strings costs ~10x what chunks do: large-object-space growth and write barriers).
   */
  private readonly chunks: string[][] = [[]];
  /** Where the outermost macro use of an F_EXPANDED token is: file, line, col by threes. */
  /** Per expanded token: file, line, column and beginning-of-line flag of its outermost macro use. */
  private roots: Int32Array | undefined;
  /** Punctuators written as digraphs: index → spelling. */
  private digraphs: Map<number, string> | undefined;
  /** The last token if it is the eof, as one object: reading it again gives the same token. */
  private eof: Token | undefined;

  constructor(capacity = 64) {
    capacity = Math.max(16, capacity);
    this.kinds = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.files = new Int32Array(capacity);
    this.lines = new Int32Array(capacity);
    this.cols = new Int32Array(capacity);
  }

  static from(tokens: readonly Token[]): TokenList {
    const list = new TokenList(tokens.length);
    for (const t of tokens) list.pushToken(t);
    return list;
  }

  push(kind: number, text: string, file: number, line: number, col: number, flags: number): void {
    const i = this.length;
    if (i === this.kinds.length) this.grow();
    this.kinds[i] = kind;
    this.flags[i] = flags;
    this.files[i] = file;
    this.lines[i] = line;
    this.cols[i] = col;
    let chunk = this.chunks[this.chunks.length - 1];
    if (chunk.length === CHUNK) this.chunks.push((chunk = []));
    chunk.push(text);
    this.length = i + 1;
  }

  /** Append a token object (its digraph and the root of its origin chain are kept). */
  pushToken(t: Token): void {
    let flags = (t.bol ? F_BOL : 0) | (t.space ? F_SPACE : 0);
    if (t.origin !== undefined) flags |= F_EXPANDED;
    this.push(KIND_NUMBERS[t.kind], t.text, t.file, t.line, t.col, flags);
    if (t.digraph !== undefined) this.setDigraph(this.length - 1, t.digraph);
    if (t.origin !== undefined) {
      let root = t.origin;
      while (root.origin !== undefined) root = root.origin;
      const roots = (this.roots ??= new Int32Array(this.kinds.length * ROOT));
      const k = (this.length - 1) * ROOT;
      roots[k] = root.file;
      roots[k + 1] = root.line;
      roots[k + 2] = root.col;
      roots[k + 3] = root.bol ? 1 : 0;
    }
  }

  /** Append token i of `from`. */
  pushFrom(from: TokenList, i: number): void {
    const f = from.flags[i];
    this.push(from.kinds[i], from.text(i), from.files[i], from.lines[i], from.cols[i], f);
    const d = from.digraphs?.get(i);
    if (d !== undefined) this.setDigraph(this.length - 1, d);
    if ((f & F_EXPANDED) !== 0) {
      const roots = (this.roots ??= new Int32Array(this.kinds.length * ROOT));
      const k = (this.length - 1) * ROOT;
      for (let j = 0; j < ROOT; j++) roots[k + j] = from.roots![i * ROOT + j];
    }
  }

  setDigraph(i: number, spelling: string): void {
    (this.digraphs ??= new Map()).set(i, spelling);
  }

  private grow(): void {
    const n = this.kinds.length * 2;
    const kinds = new Uint8Array(n); kinds.set(this.kinds); this.kinds = kinds;
    const flags = new Uint8Array(n); flags.set(this.flags); this.flags = flags;
    const files = new Int32Array(n); files.set(this.files); this.files = files;
    const lines = new Int32Array(n); lines.set(this.lines); this.lines = lines;
    const cols = new Int32Array(n); cols.set(this.cols); this.cols = cols;
    if (this.roots !== undefined) {
      const roots = new Int32Array(n * ROOT); roots.set(this.roots); this.roots = roots;
    }
  }

  /**
   * Token i as an object. With `origin`, a token from a macro expansion gets an origin
   * standing for its outermost macro use (position only); the parser needs none.
   */
  token(i: number, origin = true): Token {
    const k = this.kinds[i];
    if (k === K_EOF && this.eof !== undefined && i === this.length - 1) return this.eof;
    const f = this.flags[i];
    const t: Token = {
      kind: TOKEN_KINDS[k], text: this.text(i), file: this.files[i], line: this.lines[i], col: this.cols[i],
      bol: (f & F_BOL) !== 0, space: (f & F_SPACE) !== 0,
    };
    if (this.digraphs !== undefined) {
      const d = this.digraphs.get(i);
      if (d !== undefined) t.digraph = d;
    }
    if (!origin && (f & F_EXPANDED) !== 0) t.expanded = true;
    if (origin && (f & F_EXPANDED) !== 0) {
      const r = this.roots!;
      const k = i * ROOT;
      t.origin = { kind: "ident", text: "", file: r[k], line: r[k + 1], col: r[k + 2], bol: r[k + 3] === 1, space: false };
    }
    if (k === K_EOF && i === this.length - 1) this.eof = t;
    return t;
  }

  /** The spelling of token i. */
  text(i: number): string {
    return this.chunks[i >>> CHUNK_BITS][i & (CHUNK - 1)];
  }

  /** Is token i the punctuator `text`? */
  isPunct(i: number, text: string): boolean {
    return this.kinds[i] === K_PUNCT && this.text(i) === text;
  }

  /** Does token i end the line it would be read on (it starts a new line, or is the end of the file)? */
  endsLine(i: number): boolean {
    return (this.flags[i] & F_BOL) !== 0 || this.kinds[i] === K_EOF;
  }

  /** All tokens as objects. */
  toTokens(): Token[] {
    const out: Token[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.token(i));
    return out;
  }
}
