// The target-independent assembler: statements in, sections with fragments,
// symbols and fixups out. Directives live in `directives.ts`, macro and
// conditional processing in `control.ts`, layout in `layout.ts`, CFI in
// `cfi.ts`, and ELF output in `elf-object.ts`.

import { AsmError, type ArchAssembler, type Encoded, type InstContext } from "./arch.js";
import { CfiState } from "./cfi.js";
import { LineTable } from "./dwarf-line.js";
import { ExprError, ExprParser, type Expr } from "./expr.js";
import type { Statement } from "./lexer.js";
import { ByteBuf, type AsmSymbol, type DataFrag, type Frag, type Section } from "./model.js";
import { evaluate, EvalError, isConst, type EvalContext, type Value } from "./value.js";
import { SHF_ALLOC, SHF_EXECINSTR, SHT_FINI_ARRAY, SHT_INIT_ARRAY, SHT_NOBITS, SHT_PREINIT_ARRAY, SHT_PROGBITS, SHF_WRITE, STT_NOTYPE, STV_DEFAULT } from "../elf/constants.js";

export interface Diagnostic { file: string; line: number; message: string; severity: "error" | "warning" }

export interface AssembleOptions {
  /** Name used in diagnostics. */
  fileName: string;
  /** Assembler command-line options in gas's spelling, for the arch (see `ArchFactory`). */
  args?: readonly string[];
  /** For `.include` and `.incbin`: returns contents, or undefined if not found. */
  readFile?: (path: string, fromFile: string) => Uint8Array | undefined;
  /** The compilation directory DWARF 5 line tables name when `.file 0` does not (gas: its working directory). */
  compDir?: string;
}

export class Assembler implements InstContext, EvalContext {
  readonly sections: Section[] = [];
  readonly sectionsByName = new Map<string, Section>();
  readonly symbols = new Map<string, AsmSymbol>();
  /** All symbols in creation order (temporaries too; output filters). */
  readonly symbolList: AsmSymbol[] = [];
  readonly diagnostics: Diagnostic[] = [];
  current!: Section;
  subsection = 0;
  /** For `.previous`. */
  previous: { section: Section; subsection: number } | undefined;
  readonly sectionStack: { section: Section; subsection: number }[] = [];
  readonly cfi = new CfiState();
  readonly lines: LineTable;
  stmt: Statement = { text: "", file: "", line: 0 };
  private tempCount = 0;
  private dotSym: AsmSymbol | undefined;
  private readonly localLabelCounts = new Map<string, number>();
  /** The STT_FILE symbol name, from the first `.file "name"`. */
  fileSymbol: string | undefined;
  /** Set by layout: addresses are final. */
  laidOut = false;
  /** Relocations' symbols numbered in the order they are first named (see `AsmSymbol.relocOrder`). */
  relocCount = 0;

  /** Set while evaluating fixups: label differences across code the linker may relax stay symbolic. */
  private strictDifferences = false;

  constructor(readonly arch: ArchAssembler<unknown>, readonly opts: AssembleOptions) {
    this.lines = new LineTable(opts.args, opts.compDir ?? "");
    // gas always creates these three, in this order, and their section symbols come first.
    this.section(".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR).align = arch.textAlign ?? 1;
    this.section(".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE);
    this.section(".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE);
    this.switchTo(this.sections[0], 0);
  }

  // ------------------------------------------------------------------ diagnostics

  error(message: string): void {
    this.diagnostics.push({ file: this.stmt.file, line: this.stmt.line, message, severity: "error" });
  }

  warning(message: string): void {
    this.diagnostics.push({ file: this.stmt.file, line: this.stmt.line, message, severity: "warning" });
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }

  // ------------------------------------------------------------------ sections

  section(name: string, type: number, flags: number, entsize = 0): Section {
    let s = this.sectionsByName.get(name);
    if (s) return s;
    // gas gives pointer arrays their entry size (ELF64: 8).
    if (!entsize && (type === SHT_INIT_ARRAY || type === SHT_FINI_ARRAY || type === SHT_PREINIT_ARRAY)) entsize = 8;
    const sym = this.newSymbol(name);
    sym.isSection = true;
    s = { name, index: this.sections.length, type, flags, entsize, align: 1, subsections: new Map(), frags: [], size: 0, symbol: sym };
    sym.section = s;
    sym.defined = true;
    this.sections.push(s);
    this.sectionsByName.set(name, s);
    // The section symbol is not findable by name: `.text` in an expression is a different, ordinary symbol.
    return s;
  }

  switchTo(s: Section, subsection: number): void {
    if (this.current) this.previous = { section: this.current, subsection: this.subsection };
    this.current = s;
    this.subsection = subsection;
  }

  private fragList(): Frag[] {
    let l = this.current.subsections.get(this.subsection);
    if (!l) {
      l = [];
      this.current.subsections.set(this.subsection, l);
    }
    return l;
  }

  /** The data fragment at the end of the current (sub)section, created if needed. */
  data(): DataFrag {
    const l = this.fragList();
    const last = l[l.length - 1];
    if (last && last.kind === "data") return last;
    const f: DataFrag = { kind: "data", buf: new ByteBuf(), fixups: [], address: 0 };
    l.push(f);
    return f;
  }

  /** End the current data fragment: what follows goes into a new one (gas's frag_new). */
  breakFrag(): void {
    this.fragList().push({ kind: "data", buf: new ByteBuf(), fixups: [], address: 0 });
  }

  /** Append a variable-size fragment; data that follows goes into a new one. */
  addFrag(f: Frag): void {
    this.fragList().push(f);
  }

  get isCode(): boolean {
    return (this.current.flags & SHF_EXECINSTR) !== 0;
  }

  /** Bytes may be emitted here (not in a NOBITS section, except zeros). */
  emitBytes(bytes: ArrayLike<number>): void {
    this.arch.beforeData?.(this);
    if (this.current.type === SHT_NOBITS) {
      for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) {
        this.error(`attempt to store non-zero value in section \`${this.current.name}'`);
        return;
      }
    }
    this.data().buf.append(bytes);
  }

  /** Emit a `size`-byte value of `e`: constant now, or a fixup resolved at the end. */
  emitValue(e: Expr, size: 1 | 2 | 4 | 8, signed = false): void {
    this.arch.beforeData?.(this);
    const f = this.data();
    const c = this.fixupConstant(e);
    if (c !== undefined) {
      if (this.current.type === SHT_NOBITS && c !== 0n) this.error(`attempt to store non-zero value in section \`${this.current.name}'`);
      f.buf.int(c, size);
      return;
    }
    f.fixups.push({ offset: f.buf.length, size, expr: e, pcrel: false, bias: 0n, signed, file: this.stmt.file, line: this.stmt.line });
    f.buf.fill(size, 0);
  }

  // ------------------------------------------------------------------ symbols

  newSymbol(name: string): AsmSymbol {
    const s: AsmSymbol = {
      name, order: this.symbolList.length, fragOffset: 0, bind: "local", explicitLocal: false, type: STT_NOTYPE,
      visibility: STV_DEFAULT, isSection: false, isFile: false, usedInReloc: false, referenced: false, defined: false,
    };
    this.symbolList.push(s);
    return s;
  }

  symbol(name: string): AsmSymbol {
    let s = this.symbols.get(name);
    if (!s) {
      s = this.newSymbol(name);
      this.symbols.set(name, s);
    }
    return s;
  }

  localLabel(elfName: string, keep = false): string {
    const s = this.tempSymbolHere();
    s.elfName = elfName;
    s.keep = keep;
    return s.name;
  }

  currentSection(): Section {
    return this.current;
  }

  /** A fresh symbol that never reaches the symbol table (labels for `.`, CFI, …). */
  tempSymbolHere(): AsmSymbol {
    const s = this.newSymbol(`\x02tmp${this.tempCount++}`);
    this.symbols.set(s.name, s);
    this.defineHere(s);
    return s;
  }

  defineHere(s: AsmSymbol): void {
    const f = this.data();
    s.section = this.current;
    s.frag = f;
    s.fragOffset = f.buf.length;
    s.defined = true;
    s.equ = undefined;
  }

  defineLabel(name: string): void {
    const s = this.symbol(name);
    if (s.defined && !s.equ) {
      this.error(`symbol \`${name}' is already defined`);
      return;
    }
    if (s.common) {
      this.error(`symbol \`${name}' is already defined`);
      return;
    }
    this.defineHere(s);
  }

  /** `N:` defines the next instance of numeric label N. */
  defineNumericLabel(n: string): void {
    const k = (this.localLabelCounts.get(n) ?? 0) + 1;
    this.localLabelCounts.set(n, k);
    this.defineHere(this.symbol(numericName(n, k)));
  }

  private localRef = (n: string, dir: "b" | "f"): string => {
    const k = this.localLabelCounts.get(n) ?? 0;
    if (dir === "b" && k === 0) throw new ExprError(`undefined local label \`${n}b'`);
    return numericName(n, dir === "b" ? k : k + 1);
  };

  /**
   * gas makes a `.L` symbol a full symbol (entering its symbol list) only
   * when it must, e.g. on `.set`; with `lateLocalLabels` the table follows
   * that order, so the symbol moves to the end of the list now.
   */
  materialize(s: AsmSymbol): void {
    if (!this.arch.lateLocalLabels || !this.isTemporary(s) || s.materialized) return;
    s.materialized = true;
    const i = this.symbolList.indexOf(s);
    if (i >= 0) { this.symbolList.splice(i, 1); this.symbolList.push(s); }
  }

  isTemporary(s: AsmSymbol): boolean {
    return s.name.startsWith(".L") || s.name.includes("\x02");
  }

  // ------------------------------------------------------------------ expressions

  /** Parse an expression; `.` becomes a label at the current location. */
  parseExpr(text: string): Expr {
    this.dotSym = undefined;
    // gas creates _GLOBAL_OFFSET_TABLE_ when it meets a GOT-relative specifier, before the operand's symbols.
    if (text.includes("@") && /@(GOTPCREL|GOTOFF|GOT|GOTPLT|TLSGD|TLSLD|GOTTPOFF|TLSDESC)\b/i.test(text)) {
      this.symbol("_GLOBAL_OFFSET_TABLE_").referenced = true;
    }
    const e = replaceDot(ExprParser.parse(text, this.localRef, this.arch.syntax.relocOperator), () => {
      if (!this.dotSym) this.dotSym = this.dot();
      return this.dotSym.name;
    });
    this.noteSymbols(e);
    return e;
  }

  /** Symbols enter the table when first mentioned: the ELF symbol order follows that. */
  private noteSymbols(e: Expr): void {
    if (e.k === "sym") this.symbol(e.name).referenced = true;
    else if (e.k === "un" || e.k === "op") this.noteSymbols(e.a);
    else if (e.k === "bin") { this.noteSymbols(e.a); this.noteSymbols(e.b); }
  }

  dot(): AsmSymbol {
    const s = this.tempSymbolHere();
    s.elfName = this.arch.syntax.fakeLabelName;
    s.materialized = true; // gas makes `.` a full symbol at once
    return s;
  }

  address(s: AsmSymbol): number | undefined {
    if (!this.laidOut || !s.frag) return undefined;
    return s.frag.address + s.fragOffset;
  }

  sameFrag(a: AsmSymbol, b: AsmSymbol): boolean {
    return a.frag !== undefined && a.frag === b.frag;
  }

  evaluate(e: Expr): Value {
    return evaluate(e, this);
  }

  differenceIsFixed(sec: Section): boolean {
    return !this.strictDifferences || !this.arch.linkerRelax || this.arch.linkerRelax.differenceIsFixed(sec);
  }

  /** Evaluate a fixup's expression: under linker relaxation, differences across code stay symbolic. */
  evaluateFixup(e: Expr): Value {
    this.strictDifferences = true;
    try {
      return evaluate(e, this);
    } finally {
      this.strictDifferences = false;
    }
  }

  /** `constant` as a data fixup sees it (see `evaluateFixup`). */
  fixupConstant(e: Expr): bigint | undefined {
    this.strictDifferences = true;
    try {
      return this.constant(e);
    } finally {
      this.strictDifferences = false;
    }
  }

  constant(e: Expr): bigint | undefined {
    if (e.k === "num") return e.v;
    try {
      const v = evaluate(e, this);
      return isConst(v) && !v.reloc ? v.off : undefined;
    } catch (err) {
      if (err instanceof EvalError) return undefined;
      throw err;
    }
  }

  /** An expression that must be constant now (counts, alignments, `.if`). */
  absolute(text: string): bigint {
    const e = this.parseExpr(text);
    const c = this.constant(e);
    if (c === undefined) {
      try { this.evaluate(e); } catch (err) { if (err instanceof EvalError) throw new AsmError(err.message); throw err; }
      throw new AsmError(`expression '${text}' is not a constant`);
    }
    return c;
  }

  // ------------------------------------------------------------------ instructions

  instruction(mnemonic: string, operands: string): void {
    this.append(this.arch.instruction(mnemonic, operands, this));
  }

  /** Place an encoded instruction at the current location (from text or straight from a backend). */
  append(enc: Encoded): void {
    this.lines.beforeInstruction(this);
    if (enc.kind === "relax") {
      this.addFrag({ kind: "relax", address: 0, target: enc.target, inst: enc.inst, variant: 0, local: false, file: this.stmt.file, line: this.stmt.line });
      return;
    }
    if (this.current.type === SHT_NOBITS) {
      this.error(`attempt to store non-zero value in section \`${this.current.name}'`);
      return;
    }
    const f = this.data();
    const base = f.buf.length;
    f.buf.append(enc.bytes);
    for (const x of enc.fixups) f.fixups.push({ ...x, offset: base + x.offset, file: this.stmt.file, line: this.stmt.line });
    if (enc.endsFragment) this.breakFrag();
  }
}

const numericName = (n: string, k: number): string => `.L${n}\x02${k}`;

function replaceDot(e: Expr, dotName: () => string): Expr {
  switch (e.k) {
    case "num": case "sym": return e;
    case "dot": return { k: "sym", name: dotName() };
    case "un": case "op": return { k: e.k, op: e.op, a: replaceDot(e.a, dotName) };
    case "bin": return { k: "bin", op: e.op, a: replaceDot(e.a, dotName), b: replaceDot(e.b, dotName) };
  }
}
