// Diagnostics in gcc's format: `file:line:col: error: message`, the source
// line, a caret, and the "In file included from" chain. Errors are collected;
// a FatalError aborts the compilation of one translation unit (never a crash).

import { type SourceManager, textBytes } from "./source.js";
import { type DiagnosticPalette, paint } from "./diagnostic-colors.js";
import type { SrcLoc } from "./token.js";
import { warningEnabled, warningInGroup } from "./warnings.js";

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
  /** Is `name` a warning option gcc knows (for `#pragma GCC diagnostic`'s "unknown option")? Every name when absent. */
  knownWarning?: (name: string) => boolean;
}

/** What `#pragma GCC diagnostic` makes of a warning from its position on. */
export type PragmaClass = "ignored" | "warning" | "error";

/** A position in the order the preprocessor read the text: the include chain, outermost file first. */
type ReadPosition = readonly { file: number; line: number; col: number }[];

/** One `#pragma GCC diagnostic`, in the order read. */
type DiagnosticPragma =
  | { kind: "push"; at: ReadPosition }
  | { kind: "pop"; at: ReadPosition }
  | { kind: "set"; option: string; as: PragmaClass; at: ReadPosition };

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
  /** Warnings reported as errors (-Werror, -Werror=name, the error pragma): gcc ends with a line saying so. */
  warningsAsErrors = 0;
  /** Per file id: where it was included from, for "In file included from". */
  readonly includedFrom = new Map<number, IncludeLink>();
  /** Files read as system headers: gcc gives no -Wall/-Wextra warnings about their code. */
  readonly systemFiles = new Set<number>();
  private readonly sink: (text: string) => void;
  /** `#pragma GCC diagnostic` push/pop/ignored/warning/error, in the order read: a warning obeys those before its position. */
  private readonly pragmas: DiagnosticPragma[] = [];

  constructor(
    readonly sources: SourceManager,
    readonly policy: WarningPolicy = defaultWarningPolicy(),
    sink?: (text: string) => void,
    /** Colours (-fdiagnostics-color), or none. */
    readonly color: DiagnosticPalette | undefined = undefined,
    /** -fdiagnostics-format=json: keep the diagnostics for `json()` instead of printing them. */
    readonly json = false,
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
    // "format=" is -Wformat printed as gcc prints it (`[-Wformat=]`).
    const name = option?.replace(/=$/, "");
    const pragma = name !== undefined ? this.pragmaClass(loc, name) : undefined;
    if (pragma === "ignored") return;
    if (pragma === undefined && name !== undefined && p.enabled.get(name) === false) return;
    const asError = pragma !== undefined ? pragma === "error" : name !== undefined ? this.errorFor(name) : p.allErrors;
    if (asError) this.warningsAsErrors++;
    this.report({ severity: asError ? "error" : "warning", message, loc, option });
  }

  /**
   * A warning gcc gives only when asked (-WNAME, or -Wall/-Wextra: see
   * warnings.ts, or `#pragma GCC diagnostic warning`), and never about code
   * in a system header.
   */
  warningIfEnabled(loc: SrcLoc | undefined, message: string, option: string): void {
    if (!this.enabled(option) && this.pragmaClass(loc, option.replace(/=$/, "")) === undefined) return;
    if (loc && this.systemFiles.has(loc.file)) return;
    this.warning(loc, message, option);
  }

  /**
   * Is the warning `name` an error: -Werror=name / -Wno-error=name, else
   * -Werror=GROUP for a group containing it (-Werror=format; gcc's
   * -Wno-error=GROUP does not reach the members), else -Werror.
   */
  private errorFor(name: string): boolean {
    const p = this.policy;
    const own = p.errorOptions.get(name);
    if (own !== undefined) return own;
    for (const [g, on] of p.errorOptions) if (on && warningInGroup(name, g)) return true;
    return p.allErrors;
  }

  /** Record a `#pragma GCC diagnostic` read at `loc` (option: the name after -W). */
  diagnosticPragma(loc: SrcLoc, action: "push" | "pop" | { option: string; as: PragmaClass }): void {
    const at = this.readPosition(loc);
    this.pragmas.push(action === "push" ? { kind: "push", at } : action === "pop" ? { kind: "pop", at } : { kind: "set", option: action.option, as: action.as, at });
  }

  /** How the pragmas read before `loc` classify the warning `option` (its own name or a group containing it), if they do. */
  private pragmaClass(loc: SrcLoc | undefined, option: string): PragmaClass | undefined {
    if (this.pragmas.length === 0 || !loc) return undefined;
    const at = this.readPosition(loc);
    let current = new Map<string, PragmaClass>();
    const saved: Map<string, PragmaClass>[] = [];
    for (const pr of this.pragmas) {
      if (!readBefore(pr.at, at)) break;
      if (pr.kind === "push") saved.push(new Map(current));
      else if (pr.kind === "pop") current = saved.pop() ?? current;
      else {
        // A group's setting reaches its members set before it; a later setting of the member wins.
        for (const name of [...current.keys()]) if (warningInGroup(name, pr.option)) current.delete(name);
        current.set(pr.option, pr.as);
      }
    }
    let found: PragmaClass | undefined;
    for (const [name, as] of current) if (name === option || warningInGroup(option, name)) found = as;
    return current.get(option) ?? found;
  }

  /** The include chain of `loc`, outermost file first (the order in which the preprocessor read it). */
  private readPosition(loc: SrcLoc): ReadPosition {
    const chain = [{ file: loc.file, line: loc.line, col: loc.col }];
    for (let link = this.includedFrom.get(loc.file); link && chain.length < 200; link = this.includedFrom.get(link.from)) {
      chain.unshift({ file: link.from, line: link.line, col: Number.MAX_SAFE_INTEGER });
    }
    return chain;
  }

  /** Is the warning -W`option` on (the command line's choice)? */
  enabled(option: string): boolean {
    return warningEnabled(this.policy, option.replace(/=$/, ""));
  }

  note(loc: SrcLoc | undefined, message: string): void {
    this.report({ severity: "note", message, loc });
  }

  report(d: Diagnostic): void {
    this.list.push(d);
    if (d.severity === "error" || d.severity === "fatal error") this.errorCount++;
    if (!this.json) this.sink(this.format(d));
  }

  /**
   * The diagnostics as gcc 12's -fdiagnostics-format=json writes them: an
   * array of objects (kind, message, option and its documentation URL,
   * caret locations with 1-based columns), a note being a child of the
   * diagnostic before it.
   */
  jsonText(): string {
    interface JsonDiagnostic {
      kind: Severity; "column-origin"?: number; children?: JsonDiagnostic[]; "escape-source": boolean;
      locations: { caret: { file: string; line: number; column: number; "display-column": number; "byte-column": number } }[];
      option?: string; option_url?: string; message: string;
    }
    const out: JsonDiagnostic[] = [];
    for (const d of this.list) {
      const at = d.loc ? this.sources.presumed(d.loc.file, d.loc.line) : undefined;
      const j: JsonDiagnostic = {
        kind: d.severity, "escape-source": false,
        locations: d.loc && at ? [{ caret: { file: at.name, line: at.line, column: d.loc.col, "display-column": d.loc.col, "byte-column": d.loc.col } }] : [],
        message: d.message,
      };
      if (d.severity === "note" && out.length > 0) { out[out.length - 1]!.children!.push(j); continue; }
      j["column-origin"] = 1;
      j.children = [];
      if (d.option !== undefined) {
        j.option = `-W${d.option}`;
        j.option_url = `https://gcc.gnu.org/onlinedocs/gcc/Warning-Options.html#index-W${d.option.replace(/=$/, "")}`;
      }
      out.push(j);
    }
    return gccJson(out);
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
    const c = this.color;
    // gcc colours the locus, the severity and the option tag, the quoted parts of the message, and the caret with what it points at.
    const sev = c ? (d.severity === "warning" ? c.warning : d.severity === "note" ? c.note : c.error) : "";
    const col = (sgr: string, text: string): string => (c ? paint(sgr, text) : text);
    const where = d.loc && presumed ? `${col(c?.locus ?? "", `${presumed.name}:${presumed.line}:${d.loc.col}:`)} ` : "tscc: ";
    const opt = d.option && d.severity !== "note" ? ` [${col(sev, `${d.severity === "error" ? "-Werror=" : "-W"}${d.option}`)}]` : "";
    const message = c ? d.message.replace(/'([^'\n]+)'/g, (_m, q: string) => `'${paint(c.quote, q)}'`) : d.message;
    out += `${where}${col(sev, `${d.severity}: `)}${message}${opt}\n`;
    if (d.loc) {
      const line = this.sources.lineText(d.loc.file, d.loc.line);
      if (line.length < 1000) {
        const at = d.loc.col - 1;
        // gcc colours the whole token the caret is on (its range).
        const end = at + tokenLength(line, at);
        const shown = c && at < line.length ? line.slice(0, at) + paint(sev, line.slice(at, end)) + line.slice(end) : line;
        out += ` ${String(presumed?.line ?? d.loc.line).padStart(4)} | ${shown}\n`;
        const pad = line.slice(0, at).replace(/[^\t]/g, " ");
        out += `      | ${pad}${col(sev, "^")}\n`;
      }
    }
    return out;
  }
}

/** Was position `a` read before `b`? Compared in the outermost file where they differ. */
function readBefore(a: ReadPosition, b: ReadPosition): boolean {
  for (let k = 0; k < a.length && k < b.length; k++) {
    const x = a[k]!, y = b[k]!;
    if (x.file !== y.file) return false;
    if (x.line !== y.line) return x.line < y.line;
    if (x.col !== y.col) return x.col < y.col;
  }
  return a.length < b.length;
}

/** Length of the token starting at `at` in a source line (identifier, number, literal), else 1. */
function tokenLength(line: string, at: number): number {
  const rest = line.slice(at);
  const m = /^(?:[A-Za-z_$][A-Za-z0-9_$]*|\.?[0-9](?:[eEpP][+-]|[A-Za-z0-9_.])*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|<[^>\s]*>)/.exec(rest);
  return m ? m[0].length : 1;
}

/** JSON spaced as gcc writes it: `", "` between items, `": "` after keys, nothing else. */
function gccJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(gccJson).join(", ")}]`;
  if (v !== null && typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${gccJson(x)}`).join(", ")}}`;
  return JSON.stringify(v);
}
