// Printing preprocessor results the way gcc does: -E text with line markers
// (or -P without), -dM / -dD macro dumps, and make dependency rules (-M…).

import { formatDefine, rootOf, type LineMarker, type PreprocessResult } from "./preprocess.js";
import type { Token } from "./token.js";

export interface PrintOptions {
  /** -P: no line markers (and blank lines squeezed). */
  noLineMarkers?: boolean;
  /** -dM: only the macro definitions at the end; -dD: definitions in place as well as the output. */
  dumpMacros?: "M" | "D";
}

/** Every prefix (of two or more characters) of a punctuator, and the comment starters. */
const PUNCT_PREFIXES = new Set<string>();
for (const p of [
  "%:%:", "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
  "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", "<:", ":>", "<%", "%>", "%:", "::", "/*", "//",
]) {
  for (let n = 2; n <= p.length; n++) PUNCT_PREFIXES.add(p.slice(0, n));
}

/**
 * Would printing `b` right after `a` (no space) lex differently? Then gcc
 * prints a space (its cpp_avoid_paste), and so must we for -E output to
 * re-lex to the same tokens.
 */
export function needsSpace(a: Token, b: Token): boolean {
  const ak = a.kind;
  const bk = b.kind;
  if (ak === "ident") return bk === "ident" || bk === "number" || bk === "char" || bk === "string";
  if (ak === "number") {
    if (bk === "ident" || bk === "number" || bk === "char" || bk === "string") return true;
    const c = b.text[0];
    return c === "." || c === "+" || c === "-";
  }
  if (ak === "punct") {
    if (bk === "punct") return PUNCT_PREFIXES.has(a.text + b.text[0]) || (a.text + b.text).length <= 4 && PUNCT_PREFIXES.has(a.text + b.text);
    if (bk === "number") return a.text === "." || a.text === "+" || a.text === "-";
    return false;
  }
  // A stray backslash is how assembler macros name their arguments (`\type`,
  // `\@`, `\()`): it only pastes into something else before a `u`/`U`
  // identifier, which would read as a universal character name.
  // Stray characters paste with nothing that follows, but for a backslash
  // before `u`/`U` (it would read as a universal character name): `\type`,
  // `\@` and `@note` in assembler source stay as written.
  if (ak === "other") return a.text === "\\" && bk === "ident" && (b.text[0] === "u" || b.text[0] === "U");
  return false;
}

/** Text of the -E output. */
export function printPreprocessed(r: PreprocessResult, o: PrintOptions = {}): string {
  if (o.dumpMacros === "M") {
    let s = "";
    for (const m of r.macros) s += formatDefine(m) + "\n";
    return s;
  }
  const chunks: string[] = [];
  const markersOn = !o.noLineMarkers;
  let line = ""; // the output line being built
  let outLine = 0; // presumed line number of the output line being built
  let map: LineMarker | undefined; // the marker in force
  let prev: Token | undefined;
  let mi = 0;
  let di = 0;
  const markers = r.markers;
  const directives = o.dumpMacros === "D" ? r.directives : [];

  const newline = (): void => {
    chunks.push(line, "\n");
    line = "";
    prev = undefined;
    outLine++;
  };
  const endLine = (): void => {
    if (line !== "") newline();
  };

  const tokens = r.tokens;
  for (let i = 0; i < tokens.length; i++) {
    while (mi < markers.length && markers[mi].index <= i) {
      const m = markers[mi++];
      endLine();
      if (markersOn) {
        let flags = m.flag ? ` ${m.flag}` : "";
        if (m.system) flags += " 3";
        chunks.push(`# ${m.line} "${escapeName(m.name)}"${flags}\n`);
      }
      map = m;
      outLine = m.line;
    }
    while (di < directives.length && directives[di].index <= i) {
      endLine();
      chunks.push(directives[di++].text, "\n");
      outLine++;
    }
    const t = tokens.token(i);
    if (t.kind === "eof") break;
    // Tokens from macro expansions print on the line of the (outermost) macro use.
    const root = rootOf(t);
    if (map !== undefined && root.file === map.file) {
      const want = root.line - map.physLine + map.line;
      // A line continued with a backslash is one logical line and prints as one
      // (assembler statements end at the newline); later lines catch up.
      if (want > outLine && (root.bol || line === "")) {
        endLine();
        const gap = want - outLine;
        if (!markersOn) {
          // -P: no blank lines at all (gcc 12).
        } else if (gap > 8) {
          chunks.push(`# ${want} "${escapeName(map.name)}"\n`);
        } else {
          for (let k = 0; k < gap; k++) chunks.push("\n");
        }
        outLine = want;
      }
    }
    if (t.kind === "pragma") {
      endLine();
      chunks.push(`#pragma ${t.text}\n`);
      outLine++;
      continue;
    }
    if (line === "") {
      // gcc keeps the indentation of the first token of a source line (as spaces).
      if (root === t && t.col > 1 && t.bol) line = " ".repeat(t.col - 1);
      else if (t.space) line = " ";
    } else if (t.space || t.bol || (prev !== undefined && needsSpace(prev, t))) line += " ";
    line += t.digraph ?? t.text;
    prev = t;
  }
  endLine();
  for (; di < directives.length; di++) chunks.push(directives[di].text, "\n");
  return chunks.join("");
}

function escapeName(name: string): string {
  let s = "";
  for (const c of name) s += c === '"' || c === "\\" ? "\\" + c : c;
  return s;
}

// ------------------------------------------------------------------ -M output

export interface DependencyTarget {
  name: string;
  /** -MQ and the default target are quoted for make; -MT targets are used as given. */
  quote: boolean;
}

export interface DependencyOptions {
  targets: readonly DependencyTarget[];
  /** Dependencies in order: the main file, then every header (already filtered for -MM). */
  files: readonly string[];
  /** -MP: a phony rule for each dependency but the main file. */
  phony?: boolean;
}

/** gcc's quoting of a file name for make: spaces and tabs escaped, $ doubled, # escaped. */
export function makeQuote(name: string): string {
  let s = "";
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === " " || c === "\t") {
      // Backslashes before a space must be doubled so make sees them as literal.
      for (let k = i - 1; k >= 0 && name[k] === "\\"; k--) s += "\\";
      s += "\\";
    } else if (c === "$") s += "$";
    else if (c === "#") s += "\\";
    s += c;
  }
  return s;
}

/** The dependency rule(s), byte-compatible with gcc (lines wrapped at column 72 with " \"). */
export function formatDependencies(o: DependencyOptions): string {
  const COLMAX = 72;
  let out = "";
  let col = 0;
  const write = (name: string): void => {
    if (col !== 0) {
      if (col + name.length > COLMAX) {
        out += " \\\n";
        col = 0;
      }
      col++;
      out += " ";
    }
    col += name.length;
    out += name;
  };
  // Unquoted targets come first (gcc keeps them before the quoted ones).
  for (const t of o.targets) if (!t.quote) write(t.name);
  for (const t of o.targets) if (t.quote) write(makeQuote(t.name));
  out += ":";
  col++;
  for (const f of o.files) write(makeQuote(f));
  out += "\n";
  if (o.phony) for (let i = 1; i < o.files.length; i++) out += `${makeQuote(o.files[i])}:\n`;
  return out;
}
