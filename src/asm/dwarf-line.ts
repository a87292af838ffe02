// `.file N` and `.loc` → `.debug_line`, byte for byte as GNU as 2.40 writes it.
//
// A `.loc` sets the current source position; the next instruction (or, for a
// `.loc` naming a view, the `.loc` itself) records a row at its address. After
// the code sections are laid out the rows become one line-number program
// sequence per section (in the order sections got their first row), ending at
// the section's end. The header's string tables go to `.debug_line_str` (DWARF
// 5) and are appended after whatever the compiler put there.
//
// Under linker relaxation (riscv) the distance between two rows is the
// linker's to know: gas writes every advance after a sequence's first row as
// DW_LNS_advance_line, DW_LNS_fixed_advance_pc of a 2-byte label difference
// (ADD16/SUB16 relocations) and DW_LNS_copy, and each row gets a label.
//
// View numbers (`.loc … view .LVUn`) count rows at one address: 0 when the
// address advanced since the previous row of the section, else one more. They
// become the values of the named symbols before the debug sections using them
// are laid out.

import { AsmError } from "./arch.js";
import type { Assembler } from "./assembler.js";
import { readEscape, type Expr } from "./expr.js";
import { ByteBuf, type AsmSymbol, type DataFrag, type Fixup, type Frag, type Section } from "./model.js";
import { SHF_MERGE, SHF_STRINGS, SHT_PROGBITS } from "../elf/constants.js";

// Line-number program parameters (DWARF 5 §6.2.4) as gas uses them on every target it shares them with.
const LINE_BASE = -5;
const LINE_RANGE = 14;
const OPCODE_BASE = 13;
/** Operand counts of the standard opcodes 1..12. */
const STANDARD_OPCODE_LENGTHS = [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1];
/** The largest address advance one special opcode can express (with line advance 0). */
const MAX_SPECIAL_ADDR_DELTA = Math.floor((255 - OPCODE_BASE) / LINE_RANGE);

const DW_LNS_copy = 1, DW_LNS_advance_pc = 2, DW_LNS_advance_line = 3, DW_LNS_set_file = 4, DW_LNS_set_column = 5,
  DW_LNS_negate_stmt = 6, DW_LNS_set_basic_block = 7, DW_LNS_const_add_pc = 8, DW_LNS_fixed_advance_pc = 9, DW_LNS_set_prologue_end = 10,
  DW_LNS_set_epilogue_begin = 11, DW_LNS_set_isa = 12;
const DW_LNE_end_sequence = 1, DW_LNE_set_address = 2, DW_LNE_set_discriminator = 4;
const DW_LNCT_path = 1, DW_LNCT_directory_index = 2, DW_LNCT_MD5 = 5;
const DW_FORM_line_strp = 0x1f, DW_FORM_udata = 0x0f, DW_FORM_data16 = 0x1e;

interface SourceFile { dir: number; name: string; md5?: bigint }

/** The state a `.loc` sets. Flags that last one row (basic_block, prologue_end, …) are cleared after it. */
interface Loc {
  file: number; line: number; column: number; isa: number; isStmt: boolean;
  basicBlock: boolean; prologueEnd: boolean; epilogueBegin: boolean; discriminator: number;
  /** `view SYM`: the symbol receiving the row's view number; `view -0`: the view is reset to 0. */
  viewSym?: AsmSymbol; resetView: boolean;
}

/** `label`: the row's address as a symbol, when advances are label differences (linker relaxation). */
interface Row { loc: Loc; frag: DataFrag; offset: number; label?: AsmSymbol }

export class LineTable {
  /** `--gdwarf-N`; without it gas writes version 3 unless a DWARF 5 form is used. */
  private level: number | undefined;
  private needsV5 = false;
  private readonly files: (SourceFile | undefined)[] = [];
  /** Directory 0 (the compilation directory) is `dirs[0]` once known. */
  private readonly dirs: (string | undefined)[] = [undefined];
  private file0Given = false;
  private loc: Loc = { file: 1, line: 1, column: 0, isa: 0, isStmt: true, basicBlock: false, prologueEnd: false, epilogueBegin: false, discriminator: 0, resetView: false };
  private pending = false;
  private readonly rows = new Map<Section, Row[]>();

  constructor(args: readonly string[] | undefined, private readonly compDir: string) {
    for (const a of args ?? []) {
      const m = /^--gdwarf-([2-5])$/.exec(a);
      if (m) this.level = Number(m[1]);
    }
  }

  get version(): number {
    const v = this.level ?? 3;
    return this.needsV5 && v < 5 ? 5 : v;
  }

  /** `.file N ["dir"] "name" [md5 VALUE]`; returns false for the plain `.file "name"` form. */
  fileDirective(asm: Assembler, text: string): boolean {
    const t = text.trim();
    const num = /^(\d+)\s+/.exec(t);
    if (!num) return false;
    const n = Number(num[1]);
    let rest = t.slice(num[0].length);
    const strs: string[] = [];
    while (rest.startsWith('"')) {
      const { value, end } = readQuoted(rest);
      strs.push(value);
      rest = rest.slice(end).trimStart();
    }
    let md5: bigint | undefined;
    const m = /^md5\s+(\S+)$/.exec(rest);
    if (m) {
      // 128 bits: wider than the expression evaluator's integers.
      if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(m[1])) throw new AsmError("md5 value expected");
      md5 = BigInt(m[1]) & ((1n << 128n) - 1n);
    }
    else if (rest) throw new AsmError(`junk at end of line, first unrecognized character is \`${rest[0]}'`);
    if (strs.length < 1 || strs.length > 2) throw new AsmError("file number and name expected");
    if (n === 0 || strs.length === 2 || md5 !== undefined) this.needsV5 = true;
    // A name with a directory part is split there, except that a relative name
    // keeps its slashes when the directory is given separately.
    let name = strs[strs.length - 1];
    let dirName = strs.length === 2 ? strs[0] : undefined;
    if (n === 0 && dirName !== undefined) this.dirs[0] = dirName;
    const slash = name.lastIndexOf("/");
    if (slash >= 0 && (dirName === undefined || name.startsWith("/"))) {
      dirName = name.slice(0, slash) || "/";
      name = name.slice(slash + 1);
    }
    const file: SourceFile = { dir: dirName === undefined ? 0 : this.dirIndex(dirName), name, md5 };
    this.files[n] = file;
    if (n === 0) this.file0Given = true;
    return true;
  }

  private dirIndex(d: string): number {
    const i = this.dirs.indexOf(d);
    if (i >= 0) return i;
    this.dirs.push(d);
    return this.dirs.length - 1;
  }

  /** `.loc FILE LINE [COLUMN] [basic_block|prologue_end|epilogue_begin|is_stmt N|isa N|discriminator N|view V]…` */
  locDirective(asm: Assembler, text: string): void {
    const words = text.trim().split(/[\s,]+/).filter(Boolean);
    if (words.length < 2) throw new AsmError("file number and line number expected");
    // Two `.loc`s in a row: the first one's row is at this address.
    if (this.pending) this.record(asm);
    const file = Number(asm.absolute(words[0]));
    if (file === 0) this.needsV5 = true;
    const loc: Loc = { ...this.loc, file, line: Number(asm.absolute(words[1])), column: 0, basicBlock: false, prologueEnd: false, epilogueBegin: false, discriminator: 0, viewSym: undefined, resetView: false };
    let i = 2;
    if (i < words.length && /^[0-9]/.test(words[i])) loc.column = Number(asm.absolute(words[i++]));
    let view = false;
    while (i < words.length) {
      const w = words[i++];
      const operand = (): string => {
        if (i >= words.length) throw new AsmError(`missing value for ${w}`);
        return words[i++];
      };
      switch (w) {
        case "basic_block": loc.basicBlock = true; break;
        case "prologue_end": loc.prologueEnd = true; break;
        case "epilogue_begin": loc.epilogueBegin = true; break;
        case "is_stmt": {
          const v = asm.absolute(operand());
          if (v !== 0n && v !== 1n) throw new AsmError("is_stmt value not 0 or 1");
          loc.isStmt = v === 1n;
          break;
        }
        case "isa": loc.isa = Number(asm.absolute(operand())); break;
        case "discriminator": loc.discriminator = Number(asm.absolute(operand())); break;
        case "view": {
          const v = operand();
          view = true;
          if (v === "-0") loc.resetView = true;
          else if (!/^-?\d+$/.test(v)) {
            const s = asm.symbol(v);
            if (s.defined) throw new AsmError(`symbol \`${v}' is already defined`);
            // Defined now, valued after layout (see `emit`): uses stay fixups until then.
            s.defined = true;
            loc.viewSym = s;
          }
          break;
        }
        default: throw new AsmError(`unknown .loc sub-directive \`${w}'`);
      }
    }
    this.loc = loc;
    this.pending = true;
    // A row that names its view is recorded at once: several views may share one address.
    if (view) this.record(asm);
  }

  /** Called before an instruction is placed: a pending `.loc` gets its row here. */
  beforeInstruction(asm: Assembler): void {
    if (this.pending) this.record(asm);
  }

  private record(asm: Assembler): void {
    this.pending = false;
    const frag = asm.data();
    const loc = this.loc;
    let list = this.rows.get(asm.current);
    if (!list) this.rows.set(asm.current, list = []);
    list.push({ loc, frag, offset: frag.buf.length, label: asm.arch.linkerRelax ? relocatableLabel(asm) : undefined });
    this.loc = { ...loc, basicBlock: false, prologueEnd: false, epilogueBegin: false, discriminator: 0, viewSym: undefined, resetView: false };
  }

  /** Sections with rows: they must be laid out before `emit`. */
  sectionsWithRows(): Section[] {
    return [...this.rows.keys()];
  }

  /**
   * Write the line program (after the code sections' layout): gas does so when
   * there are rows, or when the compiler wrote `.debug_info` but left
   * `.debug_line` empty (a unit without code still names its files).
   */
  emit(asm: Assembler): void {
    const info = asm.sectionsByName.get(".debug_info");
    const line = asm.sectionsByName.get(".debug_line");
    if (this.rows.size === 0 && (!info || isEmpty(info) || (line && !isEmpty(line)))) return;
    if (this.rows.size > 0 && line && !isEmpty(line)) throw new AsmError("line numbers already present in .debug_line: .loc cannot add to them");
    for (let i = 1; i < this.files.length; i++) if (!this.files[i]) throw new AsmError(`unassigned file number ${i}`);
    for (const rows of this.rows.values()) for (const r of rows) if (!this.files[r.loc.file]) throw new AsmError(`unassigned file number ${r.loc.file}`);
    this.assignViews();
    const saved = { section: asm.current, subsection: asm.subsection };
    const version = this.version;
    const lineSec = line ?? newDebugSection(asm, ".debug_line", 0);
    const out = new ByteBuf();
    const fixups: Fixup[] = [];
    const stmt = asm.stmt;
    const field = (size: 2 | 4 | 8, expr: Expr): void => {
      fixups.push({ offset: out.length, size, expr, pcrel: false, bias: 0n, signed: false, file: stmt.file, line: stmt.line });
      out.int(0n, size);
    };
    const fixup = (size: 4 | 8, sym: AsmSymbol): void => field(size, { k: "sym", name: sym.name });
    out.int(0n, 4); // unit_length, patched below
    out.int(BigInt(version), 2);
    if (version >= 5) { out.u8(8); out.u8(0); } // address size, segment selector size
    const headerLengthAt = out.length;
    out.int(0n, 4);
    // Address advances count in instructions where all have one size (aarch64: 4), as CFI advances do.
    const unit = asm.arch.cfi.codeAlign;
    out.u8(unit); // minimum instruction length
    if (version >= 4) out.u8(1); // maximum operations per instruction
    out.u8(1); // default is_stmt
    out.u8(LINE_BASE & 0xff);
    out.u8(LINE_RANGE);
    out.u8(OPCODE_BASE);
    out.append(STANDARD_OPCODE_LENGTHS);
    if (version >= 5) {
      this.dirs[0] ??= this.compDir;
      if (!this.file0Given && this.files[1]) this.files[0] = this.files[1];
      const strSec = asm.sectionsByName.get(".debug_line_str") ?? newDebugSection(asm, ".debug_line_str", SHF_MERGE | SHF_STRINGS, 1);
      const str = (s: string): AsmSymbol => {
        asm.switchTo(strSec, 0);
        const sym = relocatableLabel(asm);
        asm.emitBytes([...latin1Bytes(s), 0]);
        return sym;
      };
      const dirSyms = this.dirs.map((d) => str(d ?? ""));
      const fileSyms = new Map<SourceFile, AsmSymbol>();
      for (const f of this.files) if (f && !fileSyms.has(f)) fileSyms.set(f, str(f.name));
      const withMd5 = this.files.some((f) => f?.md5 !== undefined);
      out.u8(1);
      uleb(out, DW_LNCT_path); uleb(out, DW_FORM_line_strp);
      uleb(out, dirSyms.length);
      for (const s of dirSyms) fixup(4, s);
      out.u8(withMd5 ? 3 : 2);
      uleb(out, DW_LNCT_path); uleb(out, DW_FORM_line_strp);
      uleb(out, DW_LNCT_directory_index); uleb(out, DW_FORM_udata);
      if (withMd5) { uleb(out, DW_LNCT_MD5); uleb(out, DW_FORM_data16); }
      uleb(out, this.files.length);
      for (const f of this.files) {
        if (!f) throw new AsmError("unassigned file number 0");
        fixup(4, fileSyms.get(f)!);
        uleb(out, f.dir);
        if (withMd5) out.int(f.md5 ?? 0n, 16);
      }
    } else {
      for (let i = 1; i < this.dirs.length; i++) { out.append(latin1Bytes(this.dirs[i] ?? "")); out.u8(0); }
      out.u8(0);
      for (let i = 1; i < this.files.length; i++) {
        const f = this.files[i]!;
        out.append(latin1Bytes(f.name)); out.u8(0);
        uleb(out, f.dir); uleb(out, 0); uleb(out, 0);
      }
      out.u8(0);
    }
    patch32(out, headerLengthAt, out.length - headerLengthAt - 4);
    for (const [sec, rows] of this.rows) this.sequence(asm, sec, rows, out, field, unit);
    patch32(out, 0, out.length - 4);
    asm.switchTo(lineSec, 0);
    const f = asm.data();
    const base = f.buf.length;
    f.buf.append(out.view());
    for (const x of fixups) f.fixups.push({ ...x, offset: base + x.offset });
    asm.switchTo(saved.section, saved.subsection);
  }

  /** View numbers: rows at the address of the previous row of the section count up from 0. */
  private assignViews(): void {
    for (const rows of this.rows.values()) {
      let prev = -1, view = 0;
      for (const r of rows) {
        const at = r.frag.address + r.offset;
        view = r.loc.resetView || at !== prev ? 0 : view + 1;
        prev = at;
        if (r.loc.viewSym) r.loc.viewSym.equ = { k: "num", v: BigInt(view) };
      }
    }
  }

  private sequence(asm: Assembler, sec: Section, rows: Row[], out: ByteBuf, field: (size: 2 | 4 | 8, expr: Expr) => void, unit: number): void {
    let file = 1, column = 0, isa = 0, isStmt = true, line = 1;
    let last: Row | undefined;
    const fixedAdvance = (to: AsmSymbol, from: AsmSymbol): void => {
      out.u8(DW_LNS_fixed_advance_pc);
      field(2, { k: "bin", op: "-", a: { k: "sym", name: to.name }, b: { k: "sym", name: from.name } });
    };
    for (const r of rows) {
      const l = r.loc;
      if (l.line === 0) continue; // gas drops rows without a line
      if (l.file !== file) { file = l.file; out.u8(DW_LNS_set_file); uleb(out, file); }
      if (l.column !== column) { column = l.column; out.u8(DW_LNS_set_column); uleb(out, column); }
      if (l.discriminator !== 0) {
        out.u8(0); uleb(out, 1 + lebSize(l.discriminator)); out.u8(DW_LNE_set_discriminator); uleb(out, l.discriminator);
      }
      if (l.isa !== isa) { isa = l.isa; out.u8(DW_LNS_set_isa); uleb(out, isa); }
      if (l.isStmt !== isStmt) { isStmt = l.isStmt; out.u8(DW_LNS_negate_stmt); }
      if (l.basicBlock) out.u8(DW_LNS_set_basic_block);
      if (l.prologueEnd) out.u8(DW_LNS_set_prologue_end);
      if (l.epilogueBegin) out.u8(DW_LNS_set_epilogue_begin);
      const lineDelta = l.line - line;
      // A view reset where the address may not have advanced needs a fresh DW_LNE_set_address
      // (gas decides this from fragments: same place in one, or start of one after the end of the last).
      // (gas keeps a relaxable instruction's opcode in the fragment before it, so a row
      // just before one is not at that fragment's end.)
      const mayStay = last !== undefined && (r.frag === last.frag ? r.offset === last.offset
        : r.offset === 0 && last.offset >= last.frag.buf.length && nextFrag(sec, last.frag)?.kind !== "relax");
      if (!last || (l.resetView && mayStay)) {
        let sym = r.label;
        if (!sym) {
          sym = asm.newSymbol(`\x02line${asm.symbolList.length}`);
          sym.section = sec; sym.frag = r.frag; sym.fragOffset = r.offset; sym.defined = true;
          asm.symbols.set(sym.name, sym);
        }
        out.u8(0); uleb(out, 9); out.u8(DW_LNE_set_address);
        field(8, { k: "sym", name: sym.name });
        advance(out, lineDelta, 0);
      } else if (r.label && last.label) {
        out.u8(DW_LNS_advance_line); sleb(out, lineDelta);
        fixedAdvance(r.label, last.label);
        out.u8(DW_LNS_copy);
      } else advance(out, lineDelta, (r.frag.address + r.offset - (last.frag.address + last.offset)) / unit);
      line = l.line;
      last = r;
    }
    if (last?.label) {
      // The section's end as a label: the linker measures the last row's length too.
      // gas puts it after the last fragment's fixed bytes: a trailing alignment's padding is left out.
      const endFrag = sec.frags[sec.frags.length - 1];
      const end = asm.newSymbol(`\x02lineend${asm.symbolList.length}`);
      end.section = sec; end.frag = endFrag; end.fragOffset = endFrag.kind === "data" ? endFrag.buf.length : 0; end.defined = true;
      end.elfName = asm.arch.syntax.fakeLabelName;
      asm.symbols.set(end.name, end);
      fixedAdvance(end, last.label);
    } else {
      const end = (sec.size - (last ? last.frag.address + last.offset : 0)) / unit;
      if (end === MAX_SPECIAL_ADDR_DELTA) out.u8(DW_LNS_const_add_pc);
      else if (end) { out.u8(DW_LNS_advance_pc); uleb(out, end); }
    }
    out.u8(0); uleb(out, 1); out.u8(DW_LNE_end_sequence);
  }
}

/** One row's line and address advance, in the shortest form gas picks. */
function advance(out: ByteBuf, lineDelta: number, addrDelta: number): void {
  let opcode = lineDelta - LINE_BASE;
  let copy = false;
  if (opcode < 0 || opcode >= LINE_RANGE) {
    out.u8(DW_LNS_advance_line); sleb(out, lineDelta);
    lineDelta = 0;
    opcode = -LINE_BASE;
    copy = true;
  }
  if (lineDelta === 0 && addrDelta === 0) { out.u8(DW_LNS_copy); return; }
  opcode += OPCODE_BASE;
  if (addrDelta < 256 + MAX_SPECIAL_ADDR_DELTA) {
    if (opcode + addrDelta * LINE_RANGE <= 255) { out.u8(opcode + addrDelta * LINE_RANGE); return; }
    const rest = opcode + (addrDelta - MAX_SPECIAL_ADDR_DELTA) * LINE_RANGE;
    if (rest <= 255) { out.u8(DW_LNS_const_add_pc); out.u8(rest); return; }
  }
  out.u8(DW_LNS_advance_pc); uleb(out, addrDelta);
  out.u8(copy ? DW_LNS_copy : opcode);
}

const fragIndexes = new WeakMap<Section, Map<Frag, number>>();

function nextFrag(sec: Section, f: Frag): Frag | undefined {
  let m = fragIndexes.get(sec);
  if (!m) fragIndexes.set(sec, m = new Map(sec.frags.map((x, i) => [x, i])));
  const i = m.get(f);
  return i === undefined ? undefined : sec.frags[i + 1];
}

/**
 * A label here that a relocation may name: on targets whose relocations keep
 * their local symbols (riscv) it enters the table as gas's `.L0 `.
 */
function relocatableLabel(asm: Assembler): AsmSymbol {
  const s = asm.tempSymbolHere();
  s.elfName = asm.arch.syntax.fakeLabelName;
  return s;
}

function isEmpty(s: Section): boolean {
  for (const l of s.subsections.values()) for (const f of l) if (f.kind !== "data" || f.buf.length > 0) return false;
  return true;
}

function newDebugSection(asm: Assembler, name: string, flags: number, entsize = 0): Section {
  const s = asm.section(name, SHT_PROGBITS, flags, entsize);
  s.symbol.lateSection = "implicit";
  return s;
}

function readQuoted(s: string): { value: string; end: number } {
  let v = "";
  for (let i = 1; i < s.length; ) {
    if (s[i] === '"') return { value: v, end: i + 1 };
    if (s[i] === "\\") {
      const r = readEscape(s, i + 1);
      v += String.fromCharCode(r.value);
      i = r.end;
    } else v += s[i++];
  }
  throw new AsmError("missing closing quote");
}

/** The assembler reads its input as latin1: a string's characters are its bytes. */
function latin1Bytes(s: string): number[] {
  const b: number[] = [];
  for (let i = 0; i < s.length; i++) b.push(s.charCodeAt(i) & 0xff);
  return b;
}

function uleb(out: ByteBuf, v: number): void {
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v) b |= 0x80;
    out.u8(b);
  } while (v);
}

function sleb(out: ByteBuf, v: number): void {
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) { out.u8(b); return; }
    out.u8(b | 0x80);
  }
}

function lebSize(v: number): number {
  let n = 1;
  while (v >= 128) { v = Math.floor(v / 128); n++; }
  return n;
}

function patch32(out: ByteBuf, at: number, v: number): void {
  for (let i = 0; i < 4; i++) out.bytes[at + i] = (v >>> (8 * i)) & 0xff;
}
