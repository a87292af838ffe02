// The lexer: C17 6.4 preprocessing tokens from one source file.
//
// Translation phases 1-3 happen here: backslash-newlines are spliced out up
// front (with a table of where they were, so tokens keep their physical line
// numbers), comments become whitespace, and the text is cut into pp-tokens.
// Keywords are not recognised here: before preprocessing they are identifiers.

import type { Diagnostics } from "./diagnostics.js";
import { fallthroughKey, isFallthroughComment, type SourceFile } from "./source.js";
import {
  DIGRAPHS, F_BOL, F_SPACE, K_CHAR, K_EOF, K_IDENT, K_NUMBER, K_OTHER, K_PUNCT, K_STRING, TokenList, type Token,
} from "./token.js";

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

/**
 * Punctuators by their first byte, longest first, as [spelling, value] where the value is
 * the spelling tokens carry (a digraph's primary form). `<::` is `<:` `:` in C: no special case.
 */
const PUNCT_BY_FIRST: (readonly [string, string])[][] = [];
for (const p of [
  "%:%:", "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
  "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", "<:", ":>", "<%", "%>", "%:",
  "[", "]", "(", ")", "{", "}", ".", "&", "*", "+", "-", "~", "!", "/", "%", "<", ">",
  "^", "|", "?", ":", ";", "=", ",", "#",
]) {
  (PUNCT_BY_FIRST[p.charCodeAt(0)] ??= []).push([p, DIGRAPHS[p] ?? p]);
}
for (const list of PUNCT_BY_FIRST) if (list) list.sort((x, y) => y[0].length - x[0].length);

/**
 * Identifier spellings interned by content, shared by every file of the process: a
 * repeated identifier costs no allocation, and all tokens spelling it share one string.
 * Open addressing on a hash computed while scanning; strings are compared byte by byte.
 */
class InternTable {
  private keys: (string | undefined)[] = new Array<string | undefined>(1 << 14);
  private hashes = new Int32Array(1 << 14);
  private count = 0;

  /** The interned string equal to bytes[start, end) (which `text` spells), given its hash. */
  get(bytes: Uint8Array, text: string, start: number, end: number, hash: number): string {
    const mask = this.keys.length - 1;
    const len = end - start;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i];
      if (k === undefined) break;
      if (this.hashes[i] === hash && k.length === len && sameBytes(k, bytes, start)) return k;
    }
    const spelling = text.slice(start, end);
    if (++this.count * 2 > this.keys.length) this.grow();
    this.insert(spelling, hash);
    return spelling;
  }

  private insert(text: string, hash: number): void {
    const mask = this.keys.length - 1;
    let i = hash & mask;
    while (this.keys[i] !== undefined) i = (i + 1) & mask;
    this.keys[i] = text;
    this.hashes[i] = hash;
  }

  private grow(): void {
    const keys = this.keys;
    const hashes = this.hashes;
    this.keys = new Array<string | undefined>(keys.length * 2);
    this.hashes = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k !== undefined) this.insert(k, hashes[i]);
    }
  }
}

function sameBytes(s: string, bytes: Uint8Array, start: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== bytes[start + i]) return false;
  return true;
}

const interned = new InternTable();

const isHex = (b: number | undefined): boolean => b !== undefined && ((b >= 48 && b <= 57) || ((b | 0x20) >= 97 && (b | 0x20) <= 102));

/** Length of a universal character name `\uXXXX` / `\UXXXXXXXX` at `pos`, or 0. */
function ucnLength(src: Uint8Array, pos: number): number {
  const digits = src[pos + 1] === C.u ? 4 : src[pos + 1] === C.U ? 8 : 0;
  if (digits === 0) return 0;
  for (let i = 0; i < digits; i++) if (!isHex(src[pos + 2 + i])) return 0;
  return 2 + digits;
}

/** An identifier's spelling with each UCN replaced by its UTF-8 bytes (one latin1 char per byte). */
function decodeUcns(spelling: string): string {
  return spelling.replace(/\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})/g, (_m, u4?: string, u8?: string) => {
    const cp = parseInt((u4 ?? u8)!, 16);
    if (cp < 0x80) return String.fromCharCode(cp);
    if (cp < 0x800) return String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    if (cp < 0x10000) return String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    return String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  });
}

/**
 * Phase 2: the file as bytes with backslash-newline pairs removed, the same as a
 * string, and the offsets (in the result) where each pair was, so tokens keep their
 * physical line numbers. Text is latin1: one char per byte.
 */
function splice(text: string): { bytes: Uint8Array; text: string; splices: number[] } {
  // Node's latin1 codec converts in native code (a charCodeAt loop, or String.fromCharCode
  // over chunks, costs a large share of lexing an 8 MB file).
  const bytes: Uint8Array = Buffer.from(text, "latin1");
  const splices: number[] = [];
  let out = bytes.indexOf(C.Backslash);
  if (out < 0) return { bytes, text, splices };
  for (let i = out; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === C.Backslash) {
      let j = i + 1;
      if (bytes[j] === C.CR) j++;
      if (bytes[j] === C.LF) {
        splices.push(out);
        i = j;
        continue;
      }
    }
    bytes[out++] = c;
  }
  if (splices.length === 0) return { bytes, text, splices };
  const spliced = bytes.subarray(0, out);
  return { bytes: spliced, text: Buffer.from(spliced.buffer, spliced.byteOffset, out).toString("latin1"), splices };
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
  /** C23: `u8'c'` is a character constant; before, it is the identifier u8 and 'c'. */
  u8CharConstants?: boolean;
  /**
   * Assembler source (`.S`): `$` is not an identifier character, as in gcc's
   * cpp for assembler, so `$_pa(x)` is `$` and a macro call.
   */
  noDollarInIdentifiers?: boolean;
}

/**
 * Cut a whole file into tokens; the last token has kind "eof". Scans the file's bytes
 * (latin1, so every byte of a literal survives); identifiers are interned, punctuators
 * are constant strings, and tokens are stored as parallel arrays: no allocation per token.
 */
export function lex(file: SourceFile, diags: Diagnostics, options?: LexOptions): TokenList {
  return new Lexer(file, diags, options?.deferQuoteErrors === true, options?.u8CharConstants === true, options?.noDollarInIdentifiers === true).run();
}

/** `lex`, with every token as an object. */
export function tokenize(file: SourceFile, diags: Diagnostics, options?: LexOptions): Token[] {
  return lex(file, diags, options).toTokens();
}

class Lexer {
  /** The spliced file as bytes (for scanning) and as a string (for slicing spellings). */
  private readonly src: Uint8Array;
  private readonly text: string;
  private readonly splices: number[];
  private readonly out: TokenList;
  private line = 1;
  /** Offset (in the spliced bytes) where the current physical line starts. */
  private lineStart = 0;
  private nextSplice = 0;
  private bol = true;
  private space = false;
  /** A fallthrough comment was read since the last token: the next one is marked (SourceFile.fallthroughComments). */
  private fallthrough = false;

  constructor(
    private readonly file: SourceFile,
    private readonly diags: Diagnostics,
    private readonly deferQuoteErrors: boolean,
    private readonly u8CharConstants: boolean,
    private readonly noDollar = false,
  ) {
    ({ bytes: this.src, text: this.text, splices: this.splices } = splice(file.text));
    // About one token per 8 bytes of C (sqlite3.c: 1M tokens in 8.5 MB); the arrays grow if not.
    this.out = new TokenList((this.src.length >> 3) + 16);
  }

  run(): TokenList {
    const src = this.src;
    const n = src.length;
    let pos = 0;
    while (pos < n) {
      const c = src[pos];
      if (c === C.LF) {
        pos++;
        this.newline(pos);
        continue;
      }
      if (CLASS[c] & 4) {
        pos++;
        this.space = true;
        continue;
      }
      if (c === C.Slash) {
        const d = src[pos + 1];
        if (d === C.Slash) {
          const end = src.indexOf(C.LF, pos);
          if (isFallthroughComment(this.text.slice(pos + 2, end < 0 ? n : end))) this.fallthrough = true;
          pos = end < 0 ? n : end;
          this.space = true;
          continue;
        }
        if (d === C.Star) {
          const end = this.commentEnd(pos + 2);
          if (end < 0) {
            this.errorAt(pos, "unterminated comment");
            pos = n;
            break;
          }
          // Line breaks in a comment count lines but do not start a logical line.
          for (let i = src.indexOf(C.LF, pos); i >= 0 && i < end; i = src.indexOf(C.LF, i + 1)) this.lineBreak(i + 1);
          if (isFallthroughComment(this.text.slice(pos + 2, end))) this.fallthrough = true;
          pos = end + 2;
          this.space = true;
          continue;
        }
      }
      pos = this.token(pos, c);
    }
    this.flushSplices(n);
    this.out.push(K_EOF, "", this.file.id, this.line, n - this.lineStart + 1, F_BOL | (this.space ? F_SPACE : 0));
    return this.out;
  }

  /** The offset of the star of the star-slash closing a comment whose body starts at `from`; -1 if none. */
  private commentEnd(from: number): number {
    const src = this.src;
    for (let i = src.indexOf(C.Star, from); i >= 0; i = src.indexOf(C.Star, i + 1)) {
      if (src[i + 1] === C.Slash) return i;
    }
    return -1;
  }

  /** A new logical line starts at `next`. */
  private newline(next: number): void {
    this.lineBreak(next);
    this.bol = true;
    this.space = false;
  }

  /** A physical line break ends just before `next`. */
  private lineBreak(next: number): void {
    this.flushSplices(next - 1);
    this.line++;
    this.lineStart = next;
  }

  /** Splices are physical line breaks that the spliced bytes no longer show. */
  private flushSplices(upTo: number): void {
    const splices = this.splices;
    while (this.nextSplice < splices.length && splices[this.nextSplice] <= upTo) {
      this.line++;
      this.lineStart = splices[this.nextSplice++];
    }
  }

  private push(kind: number, start: number, text: string): void {
    if (this.nextSplice < this.splices.length) this.flushSplices(start);
    if (this.fallthrough) {
      (this.file.fallthroughComments ??= new Set()).add(fallthroughKey(this.line, start - this.lineStart + 1));
      this.fallthrough = false;
    }
    this.out.push(kind, text, this.file.id, this.line, start - this.lineStart + 1, (this.bol ? F_BOL : 0) | (this.space ? F_SPACE : 0));
    this.bol = false;
    this.space = false;
  }

  private errorAt(at: number, message: string): void {
    this.flushSplices(at);
    this.diags.error({ file: this.file.id, line: this.line, col: at - this.lineStart + 1 }, message);
  }

  /** Lex the token starting with byte `c` at `start`; returns its end. */
  private token(start: number, c: number): number {
    const src = this.src;
    const n = src.length;
    let pos = start;

    // Identifiers (hashed as they are scanned), and the encoding prefixes of literals.
    const identByte = (b: number, bit: number): boolean => (CLASS[b]! & bit) !== 0 && !(b === C.Dollar && this.noDollar);
    if (identByte(c, 1) || (c === C.Backslash && ucnLength(src, pos) > 0)) {
      let hash = c;
      let hasUcn = c === C.Backslash;
      pos += hasUcn ? ucnLength(src, pos) : 1;
      for (;;) {
        const d = src[pos];
        if (identByte(d, 2)) {
          hash = Math.imul(hash ^ d, 0x01000193);
          pos++;
        } else if (d === C.Backslash && ucnLength(src, pos) > 0) {
          hasUcn = true;
          pos += ucnLength(src, pos);
        } else break;
      }
      const q = src[pos];
      if ((q === C.DQuote || q === C.SQuote) && isEncodingPrefix(src, start, pos, q === C.DQuote || this.u8CharConstants)) {
        return this.quoted(start, pos, q);
      }
      // A universal character name is the character itself: `\u00e9` and a UTF-8 `é`
      // name the same identifier, and its symbol is spelled in UTF-8 (as gcc does).
      this.push(K_IDENT, start, hasUcn ? decodeUcns(this.text.slice(start, pos)) : interned.get(src, this.text, start, pos, hash));
      return pos;
    }

    // pp-numbers (6.4.8), with C23 digit separators.
    if ((c >= C.D0 && c <= C.D9) || (c === C.Dot && isDigit(src[pos + 1]))) {
      pos++;
      while (pos < n) {
        const d = src[pos];
        if (d === C.Plus || d === C.Minus) {
          const prev = src[pos - 1] | 0x20;
          if (prev === C.e || prev === C.p) { pos++; continue; }
          break;
        }
        if (d === C.SQuote && CLASS[src[pos + 1]] & 2) { pos += 2; continue; }
        if (d === C.Dot || CLASS[d] & 2) { pos++; continue; }
        break;
      }
      this.push(K_NUMBER, start, this.text.slice(start, pos));
      return pos;
    }

    if (c === C.DQuote || c === C.SQuote) return this.quoted(start, pos, c);

    const candidates = PUNCT_BY_FIRST[c];
    if (candidates !== undefined) {
      for (let k = 0; k < candidates.length; k++) {
        const [p, value] = candidates[k];
        if (startsWith(src, pos, p)) {
          this.push(K_PUNCT, start, value);
          if (p !== value) this.out.setDigraph(this.out.length - 1, p);
          return pos + p.length;
        }
      }
    }
    this.push(K_OTHER, start, this.text.slice(start, pos + 1));
    return pos + 1;
  }

  /**
   * A character constant or string literal whose opening quote is at `open`; the
   * token starts at `start` (which includes any prefix). Returns the end offset.
   */
  private quoted(start: number, open: number, quote: number): number {
    const src = this.src;
    const n = src.length;
    let i = open + 1;
    for (; i < n; i++) {
      const d = src[i];
      if (d === quote) break;
      if (d === C.LF) { i = -1; break; }
      if (d === C.Backslash) i++;
    }
    if (i < 0 || i >= n) {
      const nl = i < 0 ? src.indexOf(C.LF, open) : -1;
      const end = nl < 0 ? n : nl;
      const what = quote === C.DQuote ? "missing terminating \" character" : "missing terminating ' character";
      if (!this.deferQuoteErrors) this.errorAt(start, what);
      this.push(K_OTHER, start, this.text.slice(start, end));
      return end;
    }
    this.push(quote === C.DQuote ? K_STRING : K_CHAR, start, this.text.slice(start, i + 1));
    return i + 1;
  }
}

/** Is src[start, end) one of L u U (or u8 when `u8` allows it)? */
function isEncodingPrefix(src: Uint8Array, start: number, end: number, u8: boolean): boolean {
  const c = src[start];
  if (end - start === 1) return c === C.L || c === C.u || c === C.U;
  return u8 && end - start === 2 && c === C.u && src[start + 1] === C.D8;
}

function startsWith(src: Uint8Array, pos: number, p: string): boolean {
  for (let i = 0; i < p.length; i++) if (src[pos + i] !== p.charCodeAt(i)) return false;
  return true;
}

function isDigit(c: number): boolean {
  return c >= C.D0 && c <= C.D9;
}

/** Lex a string of C text (for tests, -D values, _Pragma and the like). */
export function tokenizeString(text: string, name: string, diags: Diagnostics, options?: LexOptions): Token[] {
  const file = diags.sources.add(name, text);
  return tokenize(file, diags, options);
}
