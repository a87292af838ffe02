// Statement processing: labels, conditionals (.if*), macros (.macro), loops
// (.rept/.irp/.irpc), .include, then dispatch to a directive or the
// architecture's instruction encoder. Block constructs collect their body
// statements and re-run them, so nesting works by recursion.

import { AsmError } from "./arch.js";
import type { Assembler } from "./assembler.js";
import { DIRECTIVES } from "./directives.js";
import { ExprError } from "./expr.js";
import { splitArgs, splitStatements, type CommentSyntax, type Statement } from "./lexer.js";
import { EvalError } from "./value.js";

interface Macro { params: { name: string; def?: string; vararg: boolean; required: boolean }[]; body: Statement[] }

interface CondFrame { active: boolean; taken: boolean; parentActive: boolean }

const LABEL = /^([A-Za-z_.$\x80-\xff][A-Za-z0-9_.$\x80-\xff]*|"[^"]*"|[0-9]+)\s*:(?!:)/;
const BLOCK_OPEN = /^\.(rept|irp|irpc|macro)\b/;

export class StatementRunner {
  private readonly macros = new Map<string, Macro>();
  private readonly conds: CondFrame[] = [];
  private macroCounter = 0;
  private ended = false;
  private includeDepth = 0;

  constructor(private readonly asm: Assembler) {}

  private get active(): boolean {
    return this.conds.length === 0 || this.conds[this.conds.length - 1].active;
  }

  run(stmts: readonly Statement[]): void {
    for (let i = 0; i < stmts.length && !this.ended; i++) {
      const st = stmts[i];
      const head = /^\S+/.exec(st.text)?.[0].toLowerCase() ?? "";
      if (this.active && BLOCK_OPEN.test(head)) {
        const end = findBlockEnd(stmts, i, head === ".macro" ? /^\.endm\b/i : /^\.endr\b/i);
        if (end < 0) {
          this.asm.stmt = st;
          this.asm.error(`missing ${head === ".macro" ? ".endm" : ".endr"}`);
          return;
        }
        this.guard(st, () => this.block(st, stmts.slice(i + 1, end)));
        i = end;
        continue;
      }
      this.guard(st, () => this.statement(st));
    }
  }

  /** Run `f` for statement `st`, turning input errors into diagnostics at its line. */
  guard(st: Statement, f: () => void): void {
    this.asm.stmt = st;
    try {
      f();
    } catch (e) {
      if (e instanceof AsmError || e instanceof ExprError || e instanceof EvalError) {
        this.asm.stmt = st;
        this.asm.error(e.message);
      } else throw e;
    }
  }

  private statement(st: Statement): void {
    let text = st.text;
    // Conditionals are processed even inside skipped regions (to track nesting).
    const head = /^\S+/.exec(text)?.[0] ?? "";
    const lower = head.toLowerCase();
    if (lower.startsWith(".if") || lower === ".else" || lower === ".elseif" || lower === ".endif") {
      this.conditional(lower, text.slice(head.length).trim());
      return;
    }
    if (!this.active) return;
    // Labels (possibly several) before the statement proper.
    for (;;) {
      const m = LABEL.exec(text);
      if (!m) break;
      const name = m[1].startsWith('"') ? m[1].slice(1, -1) : m[1];
      if (/^[0-9]+$/.test(name)) this.asm.defineNumericLabel(name);
      else this.asm.defineLabel(name);
      text = text.slice(m[0].length).trim();
    }
    if (!text) return;
    // `sym = expr` and `sym == expr`.
    const assign = /^([A-Za-z_.$\x80-\xff][A-Za-z0-9_.$\x80-\xff]*)\s*=(?!=)\s*(.*)$/.exec(text);
    if (assign) {
      DIRECTIVES.get(".set")!(this.asm, `${assign[1]}, ${assign[2]}`);
      return;
    }
    const m = /^(\S+)\s*(.*)$/.exec(text)!;
    const name = m[1];
    const args = m[2];
    const macro = this.macros.get(name) ?? this.macros.get(name.toLowerCase());
    if (macro) {
      this.expandMacro(macro, args, st);
      return;
    }
    // gas ends a macro's name at the first character that cannot be in one:
    // `STACK_FRAME_NON_STANDARD(func)` calls the macro with `(func)`.
    const call = /^([A-Za-z_.$][A-Za-z0-9_.$]*)(\(.*)$/.exec(text);
    const called = call ? this.macros.get(call[1]!) : undefined;
    if (call && called) {
      this.expandMacro(called, call[2]!, st);
      return;
    }
    if (name.startsWith(".")) {
      this.directive(name.toLowerCase(), args, st);
      return;
    }
    this.asm.instruction(name, args);
  }

  private directive(name: string, args: string, st: Statement): void {
    switch (name) {
      case ".include": return this.include(args, st);
      case ".end": this.ended = true; return;
      case ".purgem": this.macros.delete(args.trim()); return;
      case ".exitm": throw new ExitMacro();
      case ".endm": case ".endr": throw new AsmError(`${name} without matching start`);
    }
    if (name.startsWith(".cfi_")) {
      this.asm.cfi.directive(this.asm, name, args);
      return;
    }
    const h = this.asm.arch.directives?.get(name) ?? DIRECTIVES.get(name);
    if (!h) throw new AsmError(`unknown pseudo-op: \`${name}'`);
    h(this.asm, args);
  }

  // ---------------------------------------------------------------- conditionals

  private conditional(name: string, args: string): void {
    if (name === ".endif") {
      if (!this.conds.pop()) throw new AsmError('".endif" without ".if"');
      return;
    }
    if (name === ".else" || name === ".elseif") {
      const top = this.conds[this.conds.length - 1];
      if (!top) throw new AsmError(`"${name}" without matching ".if"`);
      if (top.taken) top.active = false;
      else if (name === ".else") top.active = top.taken = top.parentActive;
      else top.active = top.taken = top.parentActive && this.test(".if", args);
      return;
    }
    const parentActive = this.active;
    const v = parentActive ? this.test(name, args) : false;
    this.conds.push({ active: v, taken: v, parentActive });
  }

  private test(name: string, args: string): boolean {
    const asm = this.asm;
    const str = (s: string): string => s.trim().replace(/^"(.*)"$/, "$1");
    switch (name) {
      case ".if": case ".ifne": return asm.absolute(args) !== 0n;
      case ".ifeq": return asm.absolute(args) === 0n;
      case ".ifge": return asm.absolute(args) >= 0n;
      case ".ifgt": return asm.absolute(args) > 0n;
      case ".ifle": return asm.absolute(args) <= 0n;
      case ".iflt": return asm.absolute(args) < 0n;
      case ".ifdef": { const s = asm.symbols.get(args.trim()); return !!s && (s.defined || !!s.equ); }
      case ".ifndef": case ".ifnotdef": { const s = asm.symbols.get(args.trim()); return !(s && (s.defined || !!s.equ)); }
      case ".ifb": return args.trim() === "";
      case ".ifnb": return args.trim() !== "";
      case ".ifc": case ".ifnc": {
        const [a, b] = splitArgs(args);
        const eq = str(a ?? "") === str(b ?? "");
        return name === ".ifc" ? eq : !eq;
      }
      case ".ifeqs": case ".ifnes": {
        const [a, b] = splitArgs(args);
        const eq = str(a ?? "") === str(b ?? "");
        return name === ".ifeqs" ? eq : !eq;
      }
    }
    throw new AsmError(`unknown pseudo-op: \`${name}'`);
  }

  // ---------------------------------------------------------------- blocks

  private block(st: Statement, body: Statement[]): void {
    const m = /^(\S+)\s*(.*)$/.exec(st.text)!;
    const kind = m[1].toLowerCase();
    const args = m[2];
    if (kind === ".macro") {
      const mm = /^([^\s,]+)[\s,]*(.*)$/.exec(args);
      if (!mm) throw new AsmError("expected macro name");
      const params = splitParams(mm[2]).map((p) => {
        const [nameDef, qual] = p.split(":");
        const [name, def] = nameDef.split("=");
        return { name: name.trim(), def: def?.trim(), vararg: qual === "vararg", required: qual === "req" };
      });
      this.macros.set(mm[1], { params, body });
      return;
    }
    if (kind === ".rept") {
      const n = Number(this.asm.absolute(args));
      for (let i = 0; i < n; i++) this.run(body);
      return;
    }
    // .irp sym, values… / .irpc sym, chars
    const [sym, ...vals] = splitParams(args);
    if (!sym) throw new AsmError(`missing symbol in ${kind}`);
    const items = kind === ".irp" ? (vals.length ? vals : [""]) : [...(vals.join("") || " ")].map((c) => c.trim());
    for (const v of items) this.run(substitute(body, new Map([[sym.trim(), v]]), undefined, this.asm.arch.syntax));
  }

  private expandMacro(macro: Macro, args: string, st: Statement): void {
    const actual = splitMacroArgs(args);
    const values = new Map<string, string>();
    let pos = 0;
    for (const a of actual) {
      const kw = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(a);
      if (kw && macro.params.some((p) => p.name === kw[1])) values.set(kw[1], unquoteArg(kw[2]));
      else {
        const p = macro.params[pos++];
        if (!p) throw new AsmError("too many positional arguments");
        if (p.vararg) {
          values.set(p.name, actual.slice(pos - 1).join(", "));
          break;
        }
        values.set(p.name, unquoteArg(a));
      }
    }
    for (const p of macro.params) {
      if (!values.has(p.name)) {
        if (p.required) throw new AsmError(`missing value for required parameter \`${p.name}'`);
        values.set(p.name, p.def ?? "");
      }
    }
    const counter = String(this.macroCounter++);
    const expanded = substitute(macro.body, values, counter, this.asm.arch.syntax).map((s) => ({ ...s, file: st.file, line: st.line }));
    try {
      this.run(expanded);
    } catch (e) {
      if (!(e instanceof ExitMacro)) throw e;
    }
  }

  private include(args: string, st: Statement): void {
    const path = args.trim().replace(/^"(.*)"$/, "$1");
    const data = this.asm.opts.readFile?.(path, st.file);
    if (!data) throw new AsmError(`can't open ${path} for reading: No such file or directory`);
    if (++this.includeDepth > 64) throw new AsmError("includes nested too deeply");
    try {
      this.run(splitStatements(new TextDecoder().decode(data), path, 1, this.asm.arch.syntax));
    } finally {
      this.includeDepth--;
    }
  }
}

class ExitMacro extends Error {}

/** Index of the statement closing the block opened at `start`, honouring nesting. */
function findBlockEnd(stmts: readonly Statement[], start: number, close: RegExp): number {
  let depth = 0;
  for (let i = start; i < stmts.length; i++) {
    const t = stmts[i].text.replace(LABEL, "").trim().toLowerCase();
    if (BLOCK_OPEN.test(t) && (close.source.includes("endm") ? t.startsWith(".macro") : !t.startsWith(".macro"))) depth++;
    else if (close.test(t)) {
      if (--depth === 0) return i;
    }
  }
  return -1;
}

/** Macro arguments: separated by commas or blanks (outside quotes and parentheses). */
function splitParams(s: string): string[] {
  const t = s.trim();
  if (!t) return [];
  if (t.includes(",")) return splitArgs(t).map((x) => x.trim());
  return t.split(/\s+/);
}

/**
 * The arguments of a macro invocation as gas splits them: at commas, and at
 * blanks too unless the blank is inside a quoted string or parentheses, or
 * sits next to a binary operator (`two 1 + 2, 5` has two arguments, `two 1
 * +2 4` too). A quoted argument stays one argument (`ALTERNATIVE "", "call
 * foo", X86_FEATURE_XENPV`).
 */
export function splitMacroArgs(s: string): string[] {
  const t = s.trim();
  if (!t) return [];
  const out: string[] = [];
  let cur = "";
  let depth = 0;
  const isBlank = (c: string | undefined): boolean => c === " " || c === "\t";
  // `%` starts a register (`%rsp`) more often than it means modulo.
  const operator = (c: string | undefined, next: string | undefined): boolean =>
    c !== undefined && "+-*/&|^<>=!".includes(c) || (c === "%" && next !== undefined && !/[A-Za-z]/.test(next));
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < t.length && t[j] !== '"') j += t[j] === "\\" ? 2 : 1;
      cur += t.slice(i, j + 1);
      i = j;
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && c === ",") {
      out.push(cur.trim());
      cur = "";
      continue;
    }
    if (depth === 0 && isBlank(c)) {
      let j = i;
      while (isBlank(t[j])) j++;
      const prev = cur.trimEnd().slice(-1);
      if (t[j] === "," || j >= t.length || cur.trim() === "" || operator(prev, undefined) || operator(t[j], t[j + 1])) {
        cur += " ";
        i = j - 1;
        continue;
      }
      out.push(cur.trim());
      cur = "";
      i = j - 1;
      continue;
    }
    cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** A macro argument given as a quoted string stands for the text inside the quotes. */
function unquoteArg(a: string): string {
  const t = a.trim();
  if (t.length >= 2 && t[0] === '"' && t[t.length - 1] === '"' && !t.slice(1, -1).replace(/\\./g, "").includes('"')) {
    return t.slice(1, -1).replace(/\\(["\\])/g, "$1");
  }
  return a;
}

/** Replace `\name` (and `\()`, `\@`) in body statements. */
function substitute(body: readonly Statement[], values: Map<string, string>, counter: string | undefined, syntax: CommentSyntax): Statement[] {
  const names = [...values.keys()].sort((a, b) => b.length - a.length);
  return body.flatMap((st) => {
    let t = st.text.replace(/\\([A-Za-z_][A-Za-z0-9_]*|@|\(\))/g, (all, n: string) => {
      if (n === "()") return "";
      if (n === "@") return counter ?? all;
      const hit = names.find((k) => n === k || n.startsWith(k));
      return hit !== undefined && n === hit ? values.get(hit)! : hit !== undefined ? values.get(hit)! + n.slice(hit.length) : all;
    });
    t = t.trim();
    // A substituted line may now contain several statements.
    return t.includes(";") ? splitStatements(t, st.file, st.line, syntax) : [{ ...st, text: t }];
  });
}
