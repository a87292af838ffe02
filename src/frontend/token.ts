// Preprocessing tokens (C17 6.4) as the lexer produces them and the
// preprocessor passes them on to the parser. One object per token: simple to
// follow and fast enough; identifiers and punctuators keep their spelling in
// `text` (V8 interns short strings, so comparing them is a pointer compare).

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
