// Test helpers for the parser: lex preprocessed C text (from `gcc -E -P` or
// written by hand) into tokens, turning `#pragma` lines into the "pragma"
// tokens the preprocessor will produce, and run parseTranslationUnit.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TranslationUnit } from "../../src/frontend/ast.js";
import { Diagnostics, FatalError } from "../../src/frontend/diagnostics.js";
import { tokenizeString, type LexOptions } from "../../src/frontend/lexer.js";
import { parseTranslationUnit } from "../../src/frontend/parse.js";
import { SourceManager } from "../../src/frontend/source.js";
import type { Token } from "../../src/frontend/token.js";
import { DATA_LAYOUTS, type ArchName } from "../../src/target.js";

/** Lex text; `#pragma ...` lines become pragma tokens, other directives (line markers) are dropped. */
export function lexPreprocessed(text: string, name: string, diags: Diagnostics, options?: LexOptions): Token[] {
  const toks = tokenizeString(text, name, diags, options);
  const out: Token[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === "punct" && t.text === "#" && t.bol) {
      let j = i + 1;
      const parts: string[] = [];
      while (j < toks.length && !toks[j].bol && toks[j].kind !== "eof") {
        parts.push((toks[j].space && parts.length ? " " : "") + toks[j].text);
        j++;
      }
      if (parts[0] === "pragma") {
        out.push({ ...t, kind: "pragma", text: parts.slice(1).join("").trim() });
      }
      i = j - 1;
      continue;
    }
    out.push(t);
  }
  return out;
}

export interface ParseResult {
  tu: TranslationUnit | undefined;
  diags: Diagnostics;
  output: string;
  errors: number;
}

export function parseText(text: string, arch: ArchName = "x86_64", std = "gnu17", name = "t.c"): ParseResult {
  let output = "";
  const diags = new Diagnostics(new SourceManager(), undefined, (t) => { output += t; });
  const toks = lexPreprocessed(text, name, diags, { u8CharConstants: /23|2x/.test(std) });
  let tu: TranslationUnit | undefined;
  try {
    tu = parseTranslationUnit(toks, { layout: DATA_LAYOUTS[arch], std }, diags);
  } catch (e) {
    if (!(e instanceof FatalError)) throw e;
  }
  return { tu, diags, output, errors: diags.errorCount };
}

/** Preprocess with the host (or a cross) gcc. */
export function gccPreprocess(text: string, gcc = "gcc", args: string[] = []): string {
  return execFileSync(gcc, ["-E", "-P", ...args, "-x", "c", "-"], { input: text, encoding: "latin1", maxBuffer: 64 << 20 });
}

/** Folder of the invalid-program corpus. */
export const INVALID_DIR = join(dirname(fileURLToPath(import.meta.url)), "parse", "invalid");
/** Invalid programs tscc still diagnoses wrongly (or not at all): the known failures, kept apart. */
export const INVALID_TODO_DIR = join(dirname(fileURLToPath(import.meta.url)), "parse", "invalid-todo");

/**
 * Check one invalid program: its first line is `// LINE:COL: error: MESSAGE`.
 * Returns undefined when tscc reports that error, else what went wrong.
 */
export function checkInvalid(file: string, dir: string = INVALID_DIR): string | undefined {
  const text = readFileSync(join(dir, file), "latin1");
  const m = /^\/\/ (\d+):(\d+): error: (.*)$/.exec(text.split("\n")[0]);
  if (!m) return "bad expectation line";
  const [, line, col, msg] = m;
  const r = parseText(text, "x86_64", "gnu17", file);
  const errors = r.diags.list.filter((d) => d.severity === "error");
  if (errors.length === 0) return "no error reported";
  const hit = errors.find((d) => d.loc && d.loc.line === Number(line) && d.loc.col === Number(col) && d.message.includes(msg));
  if (hit) return undefined;
  const first = errors[0];
  return `want ${line}:${col}: ${msg}; got ${first.loc?.line}:${first.loc?.col}: ${first.message}`;
}
