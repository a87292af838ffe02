// The lexer: C17 6.4 preprocessing tokens from one source file.
//
// Translation phases 1-3 happen here: backslash-newlines are spliced out up
// front (with a table of where they were, so tokens keep their physical line
// numbers), comments become whitespace, and the text is cut into pp-tokens.
// Keywords are not recognised here: before preprocessing they are identifiers.

import type { Diagnostics } from "./diagnostics.js";
import type { SourceFile } from "./source.js";
import { DIGRAPHS, type Token, type TokenKind } from "./token.js";

const enum C {
  Tab = 9, LF = 10, VT = 11, FF = 12, CR = 13, Space = 32, Bang = 33, DQuote = 34, Hash = 35,
  Dollar = 36, Percent = 37, Amp = 38, SQuote = 39, Star = 42, Plus = 43, Minus = 45, Dot = 46,
  Slash = 47, D0 = 48, D8 = 56, D9 = 57, Colon = 58, Lt = 60, Eq = 61, Gt = 62, A = 65, E = 69,
  L = 76, P = 80, U = 85, Backslash = 92, Underscore = 95, a = 97, e = 101, p = 112, u = 117,
  z = 122, Z = 90,
}

// Character classes as a table: bit 1 = may start an identifier, 2 = may continue one,
// 4 = whitespace other than newline.
const CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const alpha = (c >= C.A && c <= C.Z) || (c >= C.a && c <= C.z) || c === C.Underscore || c === C.Dollar || c >= 0x80;
  if (alpha) CLASS[c] |= 3;
  if (c >= C.D0 && c <= C.D9) CLASS[c] |= 2;
  if (c === C.Space || c === C.Tab || c === C.VT || c === C.FF || c === C.CR) CLASS[c] |= 4;
}

/** Punctuators grouped by first character, longest first, for a longest-match scan. */
const PUNCT_BY_FIRST: string[][] = [];
for (const p of [
  "%:%:", "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
  "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", "<:", ":>", "<%", "%>", "%:",
  "[", "]", "(", ")", "{", "}", ".", "&", "*", "+", "-", "~", "!", "/", "%", "<", ">",
  "^", "|", "?", ":", ";", "=", ",", "#",
]) {
  const c = p.charCodeAt(0);
  (PUNCT_BY_FIRST[c] ??= []).push(p);
}
for (const list of PUNCT_BY_FIRST) list?.sort((x, y) => y.length - x.length);

/** Remove backslash-newline pairs; return the spliced text and where each splice was. */
function splice(text: string): { text: string; splices: number[] } {
  if (text.indexOf("\\\n") < 0 && text.indexOf("\\\r\n") < 0) return { text, splices: [] };
  const splices: number[] = [];
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== C.Backslash) continue;
    let j = i + 1;
    if (text.charCodeAt(j) === C.CR) j++;
    if (text.charCodeAt(j) !== C.LF) continue;
    out += text.slice(from, i);
    splices.push(out.length);
    from = j + 1;
    i = j;
  }
  out += text.slice(from);
  return { text: out, splices };
}

export interface LexOptions {
  /** Keep comments as tokens of kind "other"? (-C) Not yet: comments are whitespace. */
  keepComments?: boolean;
  /**
   * Do not report unterminated ' and " here: the token (kind "other", text
   * running to the end of the line) is reported by the preprocessor only if it
   * is in a group that is not skipped, as gcc does (`#if 0` blocks often
   * hold English with apostrophes).
   */
  deferQuoteErrors?: boolean;
}

/** Cut a whole file into tokens; the last token has kind "eof". */
export function tokenize(file: SourceFile, diags: Diagnostics, options?: LexOptions): Token[] {
  const deferQuoteErrors = options?.deferQuoteErrors === true;
  const { text: src, splices } = splice(file.text);
  const n = src.length;
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0; // offset (in spliced text) where the current physical line starts
  let nextSplice = 0;
  let bol = true;
  let space = false;

  // Splices are physical line breaks that the spliced text no longer shows.
  const flushSplices = (upTo: number): void => {
    while (nextSplice < splices.length && splices[nextSplice] <= upTo) {
      line++;
      lineStart = splices[nextSplice++];
    }
  };
  const push = (kind: TokenKind, start: number, end: number, text?: string): void => {
    flushSplices(start);
    tokens.push({
      kind, text: text ?? src.slice(start, end), file: file.id, line, col: start - lineStart + 1, bol, space,
    });
    bol = false;
    space = false;
  };
  const errorAt = (at: number, message: string): void => {
    flushSplices(at);
    diags.error({ file: file.id, line, col: at - lineStart + 1 }, message);
  };

  while (pos < n) {
    const c = src.charCodeAt(pos);
    if (c === C.LF) {
      flushSplices(pos);
      pos++;
      line++;
      lineStart = pos;
      bol = true;
      space = false;
      continue;
    }
    if (c < 256 && CLASS[c] & 4) {
      pos++;
      space = true;
      continue;
    }
    if (c === C.Slash) {
      const d = src.charCodeAt(pos + 1);
      if (d === C.Slash) {
        const end = src.indexOf("\n", pos);
        pos = end < 0 ? n : end;
        space = true;
        continue;
      }
      if (d === C.Star) {
        const end = src.indexOf("*/", pos + 2);
        if (end < 0) {
          errorAt(pos, "unterminated comment");
          pos = n;
          break;
        }
        for (let i = src.indexOf("\n", pos); i >= 0 && i < end; i = src.indexOf("\n", i + 1)) {
          flushSplices(i);
          line++;
          lineStart = i + 1;
        }
        pos = end + 2;
        space = true;
        continue;
      }
    }
    const start = pos;

    // Identifiers, and the encoding prefixes of character constants and strings.
    if (c < 256 ? CLASS[c] & 1 : true) {
      pos++;
      while (pos < n) {
        const d = src.charCodeAt(pos);
        if (d >= 256 || CLASS[d] & 2) pos++;
        else if (d === C.Backslash && (src.charCodeAt(pos + 1) === C.u || src.charCodeAt(pos + 1) === C.U)) pos += 2;
        else break;
      }
      const q = src.charCodeAt(pos);
      if (q === C.DQuote || q === C.SQuote) {
        const prefix = src.slice(start, pos);
        if (prefix === "L" || prefix === "u" || prefix === "U" || prefix === "u8") {
          pos = scanQuoted(start, pos, q);
          continue;
        }
      }
      push("ident", start, pos);
      continue;
    }

    // pp-numbers (6.4.8), with C23 digit separators.
    if ((c >= C.D0 && c <= C.D9) || (c === C.Dot && isDigit(src.charCodeAt(pos + 1)))) {
      pos++;
      while (pos < n) {
        const d = src.charCodeAt(pos);
        if ((d === C.Plus || d === C.Minus)) {
          const prev = src.charCodeAt(pos - 1) | 0x20;
          if (prev === C.e || prev === C.p) { pos++; continue; }
          break;
        }
        if (d === C.SQuote && pos + 1 < n && src.charCodeAt(pos + 1) < 256 && CLASS[src.charCodeAt(pos + 1)] & 2) {
          pos += 2;
          continue;
        }
        if (d === C.Dot || (d < 256 && CLASS[d] & 2) || d >= 256) { pos++; continue; }
        break;
      }
      push("number", start, pos);
      continue;
    }

    if (c === C.DQuote || c === C.SQuote) {
      pos = scanQuoted(start, pos, c);
      continue;
    }

    const candidates = c < 256 ? PUNCT_BY_FIRST[c] : undefined;
    if (candidates) {
      let match = "";
      for (const p of candidates) {
        if (src.startsWith(p, pos)) { match = p; break; }
      }
      // "<::" is "<" "::" only in C++; in C, "<:" is always a digraph.
      if (match) {
        pos += match.length;
        push("punct", start, pos, DIGRAPHS[match] ?? match);
        continue;
      }
    }
    pos++;
    push("other", start, pos);
  }

  flushSplices(n);
  tokens.push({ kind: "eof", text: "", file: file.id, line, col: n - lineStart + 1, bol: true, space });
  return tokens;

  // Scan a character constant or string literal whose opening quote is at `open`;
  // the token starts at `tokStart` (which includes any prefix). Returns the end offset.
  function scanQuoted(tokStart: number, open: number, quote: number): number {
    let i = open + 1;
    for (; i < n; i++) {
      const d = src.charCodeAt(i);
      if (d === quote) break;
      if (d === C.LF) { i = -1; break; }
      if (d === C.Backslash) i++;
    }
    if (i < 0 || i >= n) {
      const end = i < 0 ? src.indexOf("\n", open) : n;
      const what = quote === C.DQuote ? "missing terminating \" character" : "missing terminating ' character";
      if (!deferQuoteErrors) errorAt(tokStart, what);
      push("other", tokStart, end < 0 ? n : end);
      return end < 0 ? n : end;
    }
    push(quote === C.DQuote ? "string" : "char", tokStart, i + 1);
    return i + 1;
  }

}

function isDigit(c: number): boolean {
  return c >= C.D0 && c <= C.D9;
}

/** Lex a string of C text (for tests, -D values, _Pragma and the like). */
export function tokenizeString(text: string, name: string, diags: Diagnostics): Token[] {
  const file = diags.sources.add(name, text);
  return tokenize(file, diags);
}
