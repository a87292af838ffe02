// Diagnostics in gcc's format: `file:line:col: error: message`, the source
// line, a caret, and the "In file included from" chain. Errors are collected;
// a FatalError aborts the compilation of one translation unit (never a crash).

import { type SourceManager, textBytes } from "./source.js";
import type { SrcLoc } from "./token.js";

export type Severity = "error" | "warning" | "note" | "fatal error";

export interface Diagnostic {
  severity: Severity;
  message: string;
  loc?: SrcLoc;
  /** The -W option that controls a warning, e.g. "implicit-function-declaration". */
  option?: string;
}

/** Thrown to stop compiling a translation unit after a diagnostic was reported. */
export class FatalError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

export interface WarningPolicy {
  /** -w: drop all warnings. */
  suppressAll: boolean;
  /** -Werror: every warning is an error. */
  allErrors: boolean;
  /** -Werror=name / -Wno-error=name. */
  errorOptions: Map<string, boolean>;
  /** -Wname / -Wno-name. */
  enabled: Map<string, boolean>;
}

export function defaultWarningPolicy(): WarningPolicy {
  return { suppressAll: false, allErrors: false, errorOptions: new Map(), enabled: new Map() };
}

/** Include chain entry: file `file` was included from `from` at line `line`. */
export interface IncludeLink {
  from: number;
  line: number;
}

export class Diagnostics {
  readonly list: Diagnostic[] = [];
  errorCount = 0;
  /** Per file id: where it was included from, for "In file included from". */
  readonly includedFrom = new Map<number, IncludeLink>();
  private readonly sink: (text: string) => void;

  constructor(
    readonly sources: SourceManager,
    readonly policy: WarningPolicy = defaultWarningPolicy(),
    sink?: (text: string) => void,
    readonly color = false,
  ) {
    this.sink = sink ?? ((text) => process.stderr.write(textBytes(text)));
  }

  error(loc: SrcLoc | undefined, message: string): void {
    this.report({ severity: "error", message, loc });
  }

  /** Report an error and abort this translation unit. */
  fatal(loc: SrcLoc | undefined, message: string): never {
    const d: Diagnostic = { severity: "error", message, loc };
    this.report(d);
    throw new FatalError(d);
  }

  warning(loc: SrcLoc | undefined, message: string, option?: string): void {
    const p = this.policy;
    if (p.suppressAll) return;
    if (option !== undefined && p.enabled.get(option) === false) return;
    const asError = option !== undefined && p.errorOptions.has(option) ? p.errorOptions.get(option)! : p.allErrors;
    this.report({ severity: asError ? "error" : "warning", message, loc, option });
  }

  note(loc: SrcLoc | undefined, message: string): void {
    this.report({ severity: "note", message, loc });
  }

  report(d: Diagnostic): void {
    this.list.push(d);
    if (d.severity === "error" || d.severity === "fatal error") this.errorCount++;
    this.sink(this.format(d));
  }

  format(d: Diagnostic): string {
    let out = "";
    if (d.loc && d.severity !== "note") {
      let link = this.includedFrom.get(d.loc.file);
      let first = true;
      while (link) {
        const name = this.sources.get(link.from).name;
        out += `${first ? "In file included from" : "                 from"} ${name}:${link.line}${this.includedFrom.has(link.from) ? "," : ":"}\n`;
        first = false;
        link = this.includedFrom.get(link.from);
      }
    }
    // Positions as #line presents them; the source line shown is the physical one.
    const presumed = d.loc ? this.sources.presumed(d.loc.file, d.loc.line) : undefined;
    const where = d.loc && presumed ? `${presumed.name}:${presumed.line}:${d.loc.col}: ` : "tscc: ";
    const opt = d.option && d.severity !== "note" ? ` [${d.severity === "error" ? "-Werror=" : "-W"}${d.option}]` : "";
    out += `${where}${d.severity}: ${d.message}${opt}\n`;
    if (d.loc) {
      const line = this.sources.lineText(d.loc.file, d.loc.line);
      if (line.length < 1000) {
        out += ` ${String(presumed?.line ?? d.loc.line).padStart(4)} | ${line}\n`;
        const pad = line.slice(0, d.loc.col - 1).replace(/[^\t]/g, " ");
        out += `      | ${pad}^\n`;
      }
    }
    return out;
  }
}
