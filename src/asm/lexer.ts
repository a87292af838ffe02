// Source text → statements. gas syntax is line-oriented: `#` starts a comment
// (outside strings), `/* */` comments may span lines, `;` separates statements
// on one line. A statement keeps its line number for diagnostics.

export interface Statement {
  readonly text: string;
  readonly file: string;
  readonly line: number;
}

/** Split source into statements; comments removed, whitespace trimmed, empty ones dropped. */
export function splitStatements(src: string, file: string, firstLine = 1): Statement[] {
  const out: Statement[] = [];
  let line = firstLine;
  let stmtLine = line;
  let cur = "";
  let inBlockComment = false;
  const n = src.length;
  const push = (): void => {
    const t = cur.trim();
    if (t) out.push({ text: t, file, line: stmtLine });
    cur = "";
  };
  let i = 0;
  while (i < n) {
    const c = src[i];
    if (inBlockComment) {
      if (c === "*" && src[i + 1] === "/") { inBlockComment = false; i += 2; continue; }
      if (c === "\n") line++;
      i++;
      continue;
    }
    if (c === "\n") {
      push();
      line++;
      stmtLine = line;
      i++;
      continue;
    }
    if (c === '"') {
      // Copy a string literal verbatim, escapes included.
      let j = i + 1;
      while (j < n && src[j] !== '"' && src[j] !== "\n") j += src[j] === "\\" ? 2 : 1;
      cur += src.slice(i, Math.min(j + 1, n));
      i = j + 1;
      continue;
    }
    if (c === "'") {
      // Character constant: 'c or '\n; a quote char must not start a comment.
      const len = src[i + 1] === "\\" ? 3 : 2;
      cur += src.slice(i, i + len);
      i += len;
      if (src[i] === "'") { cur += "'"; i++; }
      continue;
    }
    if (c === "#") {
      while (i < n && src[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") { inBlockComment = true; i += 2; continue; }
    if (c === ";") {
      push();
      stmtLine = line;
      i++;
      continue;
    }
    if (!cur && (c === " " || c === "\t")) { i++; continue; }
    cur += c;
    i++;
  }
  push();
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
