// Source text → statements. gas syntax is line-oriented: a comment character
// of the target (`#` on x86 and riscv; `//` anywhere and `#` at a line's start
// on aarch64) starts a comment outside strings, `/* */` comments may span
// lines, `;` separates statements on one line. A statement keeps its line
// number for diagnostics.

export interface Statement {
  readonly text: string;
  readonly file: string;
  readonly line: number;
}

/** Where comments start, as `AsmSyntax` gives them. */
export interface CommentSyntax {
  readonly commentChars: string;
  readonly lineCommentChars: string;
  readonly commentString?: string;
}

const HASH_COMMENTS: CommentSyntax = { commentChars: "#", lineCommentChars: "" };

/** Split source into statements; comments removed, whitespace trimmed, empty ones dropped. */
export function splitStatements(src: string, file: string, firstLine = 1, syntax: CommentSyntax = HASH_COMMENTS): Statement[] {
  // Character codes that open a comment anywhere (1) or at a line's first non-blank (2).
  const opens = new Uint8Array(128);
  for (const c of syntax.lineCommentChars) opens[c.charCodeAt(0)] = 2;
  for (const c of syntax.commentChars) opens[c.charCodeAt(0)] = 1;
  const two = syntax.commentString;
  const two0 = two ? two.charCodeAt(0) : -1;
  if (two0 >= 0 && two0 < 128 && opens[two0] === 0) opens[two0] = 3;
  let lineStart = 0;
  const out: Statement[] = [];
  let line = firstLine;
  let stmtLine = line;
  // The statement is `parts` + src[segStart, i): text is sliced, not copied character by character.
  let parts: string[] = [];
  let segStart = 0;
  const n = src.length;
  const push = (end: number): void => {
    let t = src.slice(segStart, end);
    if (parts.length) { parts.push(t); t = parts.join(""); parts = []; }
    t = t.trim();
    if (t) out.push({ text: t, file, line: stmtLine });
  };
  let i = 0;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 10 /* \n */) {
      push(i);
      line++;
      stmtLine = line;
      segStart = ++i;
      lineStart = i;
    } else if (c === 34 /* " */) {
      // A string literal, escapes included; it ends at the quote or the line.
      let j = i + 1;
      while (j < n && src.charCodeAt(j) !== 34 && src.charCodeAt(j) !== 10) j += src.charCodeAt(j) === 92 ? 2 : 1;
      i = j < n && src.charCodeAt(j) === 34 ? j + 1 : j;
    } else if (c === 39 /* ' */) {
      // Character constant: 'c or '\n; a quote char must not start a comment.
      i += src.charCodeAt(i + 1) === 92 ? 3 : 2;
      if (src.charCodeAt(i) === 39) i++;
    } else if (c < 128 && opens[c] !== 0 && (opens[c] === 1 || (opens[c] === 2 ? src.slice(lineStart, i).trim() === "" : src.startsWith(two!, i)))) {
      parts.push(src.slice(segStart, i));
      while (i < n && src.charCodeAt(i) !== 10) i++;
      segStart = i;
    } else if (c === 47 /* / */ && src.charCodeAt(i + 1) === 42 /* * */) {
      parts.push(src.slice(segStart, i));
      i += 2;
      while (i < n && !(src.charCodeAt(i) === 42 && src.charCodeAt(i + 1) === 47)) {
        if (src.charCodeAt(i) === 10) line++;
        i++;
      }
      i = Math.min(i + 2, n);
      segStart = i;
    } else if (c === 59 /* ; */) {
      push(i);
      stmtLine = line;
      segStart = ++i;
    } else i++;
  }
  push(Math.min(i, n));
  return out;
}

/** Split an argument list at top-level commas (outside strings and parentheses). */
export function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') i += s[i] === "\\" ? 2 : 1;
    } else if (c === "'") {
      i += s[i + 1] === "\\" ? 2 : 1;
    } else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = s.slice(start).trim();
  if (last || out.length) out.push(last);
  return out;
}

/** Decode a gas string literal (the text between and including the quotes). */
export function parseStringLiteral(s: string, readEscape: (s: string, i: number) => { value: number; end: number }): number[] | undefined {
  const t = s.trim();
  if (t.length < 2 || t[0] !== '"' || t[t.length - 1] !== '"') return undefined;
  const bytes: number[] = [];
  for (let i = 1; i < t.length - 1; ) {
    if (t[i] === "\\") {
      const r = readEscape(t, i + 1);
      bytes.push(r.value);
      i = r.end;
    } else {
      const code = t.charCodeAt(i++);
      if (code < 0x80) bytes.push(code);
      else for (const b of new TextEncoder().encode(String.fromCharCode(code))) bytes.push(b);
    }
  }
  return bytes;
}
