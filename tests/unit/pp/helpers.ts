// Shared helpers for the preprocessor tests: run tscc's preprocessor over
// in-memory files and look at the result as spelled tokens.

import { Diagnostics } from "../../../src/frontend/diagnostics.js";
import { MemoryHost } from "../../../src/frontend/host.js";
import { preprocess, type PreprocessOptions, type PreprocessResult } from "../../../src/frontend/preprocess.js";
import { SourceManager } from "../../../src/frontend/source.js";
import { DATA_LAYOUTS } from "../../../src/target.js";

export interface PPRun {
  /** Output tokens spelled with one space between them. */
  text: string;
  /** Formatted diagnostics (first lines only). */
  errors: string[];
  result?: PreprocessResult;
  diags: Diagnostics;
}

export function run(
  main: string, files: Record<string, string> = {}, options: Partial<PreprocessOptions> = {},
): PPRun {
  const host = new MemoryHost({ "t.c": main, ...files });
  const errors: string[] = [];
  const diags = new Diagnostics(new SourceManager(), undefined, (t) => errors.push(t.split("\n").find((l) => / (fatal error|error|warning|note): /.test(l)) ?? t));
  let result: PreprocessResult | undefined;
  try {
    result = preprocess("t.c", host, diags, { target: DATA_LAYOUTS.x86_64, std: "gnu17", preinclude: "", ...options });
  } catch (e) {
    if (!(e instanceof Error && e.constructor.name === "FatalError")) throw e;
  }
  const text = result ? result.tokens.toTokens().filter((t) => t.kind !== "eof").map((t) => (t.kind === "pragma" ? `#pragma ${t.text}` : t.text)).join(" ") : "";
  return { text, errors, result, diags };
}

/** The output of `main` as spelled tokens, one line of output per line of input in `lines` mode. */
export function pp(main: string, files: Record<string, string> = {}, options: Partial<PreprocessOptions> = {}): string {
  const r = run(main, files, options);
  if (r.errors.length) throw new Error("unexpected diagnostics:\n" + r.errors.join("\n"));
  return r.text;
}

/** Tokens of a C text, spelled with single spaces (to write expectations naturally). */
export function toks(text: string): string {
  return pp(text);
}
