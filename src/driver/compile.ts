// The in-process compiler: one C translation unit → preprocessed text, a
// syntax check, IR text or assembler text. The driver calls these; they report
// problems through Diagnostics and return undefined on error.
//
// The pieces (preprocessor, parser, lowering, backends) land in stages; until
// a stage exists the corresponding request fails with a plain diagnostic.

import type { DriverConfig } from "./config.js";

export interface UnitResult {
  /** The requested text (preprocessed source, IR, assembler), or undefined on error. */
  text: string | undefined;
  /** Files the unit read (for -MD), in first-read order, with whether each is a system header. */
  dependencies: { path: string; system: boolean }[];
}

export type UnitGoal = "preprocess" | "syntax" | "ir" | "assembly";

export function compileUnit(path: string, lang: "c" | "cpp-output" | "assembler-with-cpp", goal: UnitGoal,
  cfg: DriverConfig, includeRoot: string): UnitResult {
  void path; void lang; void cfg; void includeRoot;
  process.stderr.write(`tscc: error: ${goal === "preprocess" ? "preprocessing" : "compiling C"} is not available in this build yet\n`);
  return { text: undefined, dependencies: [] };
}
