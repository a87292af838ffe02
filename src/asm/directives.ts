// Directives that emit data, define symbols or switch sections, as a table
// from name to handler. Control directives (.if, .macro, .rept, .include) are
// in control.ts because they act on statements rather than on the object.

import { AsmError } from "./arch.js";
import type { Assembler } from "./assembler.js";
import { readEscape, type Expr } from "./expr.js";
import { parseStringLiteral, splitArgs } from "./lexer.js";
import type { AsmSymbol, Section } from "./model.js";
import {
  SHF_ALLOC, SHF_EXCLUDE, SHF_EXECINSTR, SHF_GROUP, SHF_LINK_ORDER, SHF_MERGE, SHF_STRINGS, SHF_TLS, SHF_WRITE,
  SHT_FINI_ARRAY, SHT_INIT_ARRAY, SHT_NOBITS, SHT_NOTE, SHT_PREINIT_ARRAY, SHT_PROGBITS,
  STT_COMMON, STT_FUNC, STT_GNU_IFUNC, STT_NOTYPE, STT_OBJECT, STT_TLS,
  STV_HIDDEN, STV_INTERNAL, STV_PROTECTED,
} from "../elf/constants.js";

type Handler = (asm: Assembler, args: string) => void;

const SHF_GNU_RETAIN = 0x200000;

// ---------------------------------------------------------------- sections

/** Default type and flags of well-known section names, when `.section` gives none. */
function defaultSection(name: string): { type: number; flags: number } {
  const pre = (p: string): boolean => name === p || name.startsWith(p + ".");
  if (pre(".text")) return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR };
  if (pre(".data") || pre(".data1") || pre(".data.rel.ro") || pre(".got")) return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE };
  if (pre(".bss")) return { type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE };
  if (pre(".tbss")) return { type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE | SHF_TLS };
  if (pre(".tdata")) return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE | SHF_TLS };
  if (pre(".rodata") || pre(".rodata1") || pre(".eh_frame")) return { type: SHT_PROGBITS, flags: SHF_ALLOC };
  if (pre(".init_array")) return { type: SHT_INIT_ARRAY, flags: SHF_ALLOC | SHF_WRITE };
  if (pre(".fini_array")) return { type: SHT_FINI_ARRAY, flags: SHF_ALLOC | SHF_WRITE };
  if (pre(".preinit_array")) return { type: SHT_PREINIT_ARRAY, flags: SHF_ALLOC | SHF_WRITE };
  if (pre(".init") || pre(".fini")) return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR };
  if (name.startsWith(".note")) return { type: SHT_NOTE, flags: 0 };
  return { type: SHT_PROGBITS, flags: 0 };
}

const SECTION_TYPES: Record<string, number> = {
  progbits: SHT_PROGBITS, nobits: SHT_NOBITS, note: SHT_NOTE, init_array: SHT_INIT_ARRAY,
  fini_array: SHT_FINI_ARRAY, preinit_array: SHT_PREINIT_ARRAY, unwind: 0x70000001,
};

const FLAG_CHARS: Record<string, number> = {
  a: SHF_ALLOC, w: SHF_WRITE, x: SHF_EXECINSTR, M: SHF_MERGE, S: SHF_STRINGS, G: SHF_GROUP,
  T: SHF_TLS, o: SHF_LINK_ORDER, R: SHF_GNU_RETAIN, e: SHF_EXCLUDE, "?": 0,
};

function unquote(s: string): string {
  const t = s.trim();
  return t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/** `.section name [, "flags" [, @type [, entsize] [, group [, comdat]] [, linked]]] */
function parseSection(asm: Assembler, args: string): { section: Section; subsection: number } {
  const a = splitArgs(args);
  const name = unquote(a[0] ?? "");
  if (!name) throw new AsmError("missing name for .section");
  if (a.length === 1 || (a.length === 2 && /^[0-9]/.test(a[1]))) {
    const d = defaultSection(name);
    const s = asm.sectionsByName.get(name) ?? asm.section(name, d.type, d.flags);
    return { section: s, subsection: a.length === 2 ? Number(asm.absolute(a[1])) : 0 };
  }
  const flagText = unquote(a[1]);
  let flags = 0;
  for (const c of flagText) {
    const f = FLAG_CHARS[c];
    if (f === undefined) throw new AsmError(`unknown section flag '${c}' in .section`);
    flags |= f;
  }
  const d = defaultSection(name);
  let type = d.type;
  let i = 2;
  if (a[i] !== undefined && /^[@%]/.test(a[i])) {
    const t = SECTION_TYPES[a[i].slice(1)];
    if (t === undefined) throw new AsmError(`unknown section type '${a[i]}'`);
    type = t;
    i++;
  } else if (!flags) {
    type = d.type;
  }
  let entsize = 0;
  if (flags & SHF_MERGE) {
    if (a[i] === undefined) throw new AsmError("entity size for SHF_MERGE not specified");
    entsize = Number(asm.absolute(a[i++]));
  }
  let group: Section["group"];
  if (flags & SHF_GROUP) {
    const sig = unquote(a[i++] ?? "");
    if (!sig) throw new AsmError("group name for SHF_GROUP not specified");
    const comdat = a[i] === "comdat";
    if (comdat) i++;
    group = { signature: sig, comdat };
  }
  let linkTo: string | undefined;
  if (flags & SHF_LINK_ORDER) linkTo = unquote(a[i++] ?? "");
  const existing = asm.sectionsByName.get(name);
  if (existing) {
    // gas warns on changed attributes; keep the first ones (what it does for the output).
    return { section: existing, subsection: 0 };
  }
  // A section named like a NOBITS one but with explicit flags and no type keeps PROGBITS unless named .bss/.tbss.
  const s = asm.section(name, type, flags, entsize);
  s.group = group;
  s.linkTo = linkTo;
  return { section: s, subsection: 0 };
}

const sectionDirectives: Record<string, Handler> = {
  ".text": (asm, a) => asm.switchTo(asm.sectionsByName.get(".text")!, a ? Number(asm.absolute(a)) : 0),
  ".data": (asm, a) => asm.switchTo(asm.sectionsByName.get(".data")!, a ? Number(asm.absolute(a)) : 0),
  ".bss": (asm, a) => asm.switchTo(asm.sectionsByName.get(".bss")!, a ? Number(asm.absolute(a)) : 0),
  ".section": (asm, a) => { const r = parseSection(asm, a); asm.switchTo(r.section, r.subsection); },
  ".pushsection": (asm, a) => {
    asm.sectionStack.push({ section: asm.current, subsection: asm.subsection });
    const r = parseSection(asm, a);
    asm.switchTo(r.section, r.subsection);
  },
  ".popsection": (asm) => {
    const top = asm.sectionStack.pop();
    if (!top) throw new AsmError(".popsection without corresponding .pushsection; ignored");
    asm.switchTo(top.section, top.subsection);
  },
  ".previous": (asm) => {
    if (!asm.previous) throw new AsmError(".previous without corresponding .section; ignored");
    const p = asm.previous;
    asm.switchTo(p.section, p.subsection);
  },
  ".subsection": (asm, a) => asm.switchTo(asm.current, Number(asm.absolute(a))),
};

// ---------------------------------------------------------------- symbols

function names(a: string): string[] {
  return splitArgs(a).map(unquote).filter((s) => s);
}

const SYMBOL_TYPES: Record<string, number> = {
  function: STT_FUNC, object: STT_OBJECT, tls_object: STT_TLS, common: STT_COMMON, notype: STT_NOTYPE,
  gnu_indirect_function: STT_GNU_IFUNC, gnu_unique_object: STT_OBJECT,
  STT_FUNC, STT_OBJECT, STT_TLS, STT_COMMON, STT_NOTYPE, STT_GNU_IFUNC,
};

function setVisibility(v: number): Handler {
  return (asm, a) => { for (const n of names(a)) asm.symbol(n).visibility = v; };
}

function defineEqu(asm: Assembler, a: string, equiv: boolean): void {
  const [name, ...rest] = splitArgs(a);
  if (!name || rest.length === 0) throw new AsmError("expected symbol name and expression");
  const s = asm.symbol(unquote(name));
  if (equiv && (s.defined || s.equ)) throw new AsmError(`symbol \`${s.name}' is already defined`);
  asm.materialize(s);
  const e = asm.parseExpr(rest.join(","));
  // gas turns the labels an equated expression names into full symbols too.
  forEachSymbol(e, (name) => asm.materialize(asm.symbol(name)));
  // A constant is recorded as such; anything else stays an expression evaluated on use.
  const c = asm.constant(e);
  s.equ = c !== undefined ? { k: "num", v: c } : e;
  s.defined = true;
  s.section = undefined;
  s.frag = undefined;
}

function comm(asm: Assembler, a: string, local: boolean): void {
  const [n, sizeText, alignText] = splitArgs(a);
  const s = asm.symbol(unquote(n ?? ""));
  const size = asm.absolute(sizeText ?? "0");
  let align = alignText !== undefined ? asm.absolute(alignText) : 0n;
  if (s.defined && !s.common) throw new AsmError(`symbol \`${s.name}' is already defined`);
  if (local) {
    // .lcomm allocates in .bss right away.
    if (alignText === undefined) align = size >= 16n ? 16n : size >= 8n ? 8n : size >= 4n ? 4n : size >= 2n ? 2n : 1n;
    allocateBss(asm, s, size, align);
    return;
  }
  if (s.explicitLocal) {
    // `.local x; .comm x,…` allocates right away, like .lcomm (subsection 1 of .bss, after its other contents).
    allocateBss(asm, s, size, align || 1n);
    return;
  }
  if (s.common) {
    if (size > s.common.size) s.common.size = size;
    return;
  }
  s.common = { size, align: align || 1n };
  s.defined = true;
  if (s.bind === "local") s.bind = "global";
  if (s.type === STT_NOTYPE) s.type = STT_OBJECT;
}

/**
 * Reserve `size` bytes for `s` in .bss, aligned, without disturbing the
 * current section. gas puts these in subsection 1: after everything written
 * to .bss itself, in the order of the directives.
 */
export function allocateBss(asm: Assembler, s: AsmSymbol, size: bigint, align: bigint): void {
  const saved = { section: asm.current, subsection: asm.subsection, prev: asm.previous };
  asm.current = asm.sectionsByName.get(".bss")!;
  asm.subsection = 1;
  alignTo(asm, Number(align), 0, 0);
  asm.defineHere(s);
  asm.data().buf.fill(Number(size), 0);
  asm.current = saved.section;
  asm.subsection = saved.subsection;
  asm.previous = saved.prev;
  s.size = { k: "num", v: size };
  if (s.type === STT_NOTYPE) s.type = STT_OBJECT;
}

const symbolDirectives: Record<string, Handler> = {
  ".globl": (asm, a) => { for (const n of names(a)) { const s = asm.symbol(n); if (s.bind !== "weak") s.bind = "global"; } },
  ".global": (asm, a) => symbolDirectives[".globl"](asm, a),
  ".local": (asm, a) => { for (const n of names(a)) { const s = asm.symbol(n); s.bind = "local"; s.explicitLocal = true; } },
  ".weak": (asm, a) => { for (const n of names(a)) asm.symbol(n).bind = "weak"; },
  ".hidden": setVisibility(STV_HIDDEN),
  ".protected": setVisibility(STV_PROTECTED),
  ".internal": setVisibility(STV_INTERNAL),
  ".type": (asm, a) => {
    // `.type name, @function`, or blank-separated (`.type name STT_NOTYPE`, the kernel's SYM_*_END).
    const parts = splitArgs(a);
    const [n, t] = parts.length === 1 ? parts[0]!.trim().split(/\s+/, 2) : parts;
    const key = (t ?? "").replace(/^[@%#"]/, "").replace(/"$/, "");
    const type = SYMBOL_TYPES[key];
    if (type === undefined) throw new AsmError(`unrecognized symbol type "${key}"`);
    const s = asm.symbol(unquote(n ?? ""));
    s.type = type;
    if (key === "gnu_unique_object") s.bind = "global";
  },
  ".size": (asm, a) => {
    const [n, ...e] = splitArgs(a);
    asm.symbol(unquote(n ?? "")).size = asm.parseExpr(e.join(","));
  },
  ".set": (asm, a) => defineEqu(asm, a, false),
  ".equ": (asm, a) => defineEqu(asm, a, false),
  ".equiv": (asm, a) => defineEqu(asm, a, true),
  ".symver": (asm, a) => {
    // `.symver name, alias@VERSION`: the alias is another name for the same place.
    const [n, alias] = splitArgs(a);
    if (!n || !alias) throw new AsmError("expected symbol name and version");
    const target = asm.symbol(unquote(n));
    const s = asm.symbol(unquote(alias.split(/\s*,\s*/)[0]));
    s.equ = { k: "sym", name: target.name };
    s.defined = true;
    if (target.bind !== "local") s.bind = target.bind;
    else if (!alias.includes("@@")) s.bind = "global";
  },
  ".comm": (asm, a) => comm(asm, a, false),
  ".lcomm": (asm, a) => comm(asm, a, true),
};

// ---------------------------------------------------------------- data

function integers(size: 1 | 2 | 4 | 8): Handler {
  return (asm, a) => {
    for (const item of splitArgs(a)) {
      if (!item) throw new AsmError("missing expression");
      asm.emitValue(asm.parseExpr(item), size);
    }
  };
}

function strings(zero: boolean): Handler {
  return (asm, a) => {
    for (const item of splitArgs(a)) {
      const bytes = parseStringLiteral(item, readEscape);
      if (!bytes) throw new AsmError("expected string");
      if (zero) bytes.push(0);
      asm.emitBytes(bytes);
    }
  };
}

function floats(size: 4 | 8): Handler {
  return (asm, a) => {
    for (const item of splitArgs(a)) {
      const t = item.trim().replace(/^0[fFdDeE]/, "");
      const v = /^[-+]?(inf|nan)/i.test(t) ? (t.toLowerCase().includes("nan") ? NaN : t.startsWith("-") ? -Infinity : Infinity) : Number(t);
      if (Number.isNaN(v) && !/nan/i.test(t)) throw new AsmError(`bad floating-point constant '${item}'`);
      const b = new Uint8Array(size);
      const dv = new DataView(b.buffer);
      if (size === 4) dv.setFloat32(0, v, true);
      else dv.setFloat64(0, v, true);
      asm.emitBytes(b);
    }
  };
}

function leb(signed: boolean): Handler {
  return (asm, a) => {
    for (const item of splitArgs(a)) {
      const e = asm.parseExpr(item);
      const c = asm.constant(e);
      // A difference the linker must compute (code it may relax): gas 2.40 has no relocation for it.
      if (asm.arch.linkerRelax && asm.fixupConstant(e) === undefined && spansRelaxedCode(asm, e)) {
        throw new AsmError(`non-constant .${signed ? "s" : "u"}leb128 is not supported`);
      }
      if (c !== undefined) asm.emitBytes(encodeLeb(c, signed));
      else { asm.arch.beforeData?.(asm); asm.addFrag({ kind: "leb", address: 0, expr: e, signed, bytes: [0], file: asm.stmt.file, line: asm.stmt.line }); }
    }
  };
}

function forEachSymbol(e: Expr, f: (name: string) => void): void {
  switch (e.k) {
    case "sym": f(e.name); return;
    case "un": case "op": forEachSymbol(e.a, f); return;
    case "bin": forEachSymbol(e.a, f); forEachSymbol(e.b, f); return;
    default: return;
  }
}

/** Whether `e` names a label in a section whose label distances the linker may change. */
function spansRelaxedCode(asm: Assembler, e: Expr): boolean {
  switch (e.k) {
    case "sym": {
      const s = asm.symbol(e.name);
      return !!s.section && !asm.arch.linkerRelax!.differenceIsFixed(s.section);
    }
    case "un": case "op": return spansRelaxedCode(asm, e.a);
    case "bin": return spansRelaxedCode(asm, e.a) || spansRelaxedCode(asm, e.b);
    default: return false;
  }
}

export function encodeLeb(v: bigint, signed: boolean): number[] {
  const out: number[] = [];
  if (!signed) {
    let x = BigInt.asUintN(64, v);
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x !== 0n) b |= 0x80;
      out.push(b);
    } while (x !== 0n);
    return out;
  }
  let x = BigInt.asIntN(64, v);
  for (;;) {
    const b = Number(x & 0x7fn);
    x >>= 7n;
    const done = (x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0);
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
}

/** Pad to `align` bytes with `fill` (nops in code unless a fill is given), skipping more than `max` bytes never. */
export function alignTo(asm: Assembler, align: number, fill: number | undefined, max: number, fillSize = 1): void {
  if (align <= 1) return;
  if (align & (align - 1)) throw new AsmError("alignment not a power of 2");
  if (align > asm.current.align) asm.current.align = align;
  const useNop = fill === undefined && asm.isCode;
  asm.arch.frag?.(asm, "align");
  if (useNop && asm.arch.alignCode?.(asm, align, max)) return;
  asm.addFrag({ kind: "align", address: 0, align, fill: useNop ? "nop" : fill ?? 0, fillSize, max, size: 0 });
}

function alignHandler(kind: "bytes" | "pow2", fillSize = 1): Handler {
  return (asm, a) => {
    const [n, fill, max] = splitArgs(a);
    let v = Number(asm.absolute(n || "0"));
    if (kind === "pow2") v = 2 ** v;
    else if (v === 0) v = 1;
    alignTo(asm, v, fill ? Number(asm.absolute(fill)) : undefined, max ? Number(asm.absolute(max)) : 0, fillSize);
  };
}

function space(asm: Assembler, count: string, fill: string | undefined): void {
  asm.arch.beforeData?.(asm);
  const e = asm.parseExpr(count);
  const n = asm.constant(e);
  const v = fill ? Number(asm.absolute(fill)) : 0;
  if (n === undefined || n > 0n) asm.arch.frag?.(asm, "fill");
  if (n === undefined) {
    asm.addFrag({ kind: "space", address: 0, count: e, fill: v, size: 0, file: asm.stmt.file, line: asm.stmt.line });
    return;
  }
  if (n < 0n) { asm.warning(".space repeat count is negative, ignored"); return; }
  if (asm.current.type === SHT_NOBITS && v !== 0) throw new AsmError(`attempt to store non-zero value in section \`${asm.current.name}'`);
  asm.data().buf.fill(Number(n), v);
  if (asm.arch.fillEndsFragment) asm.breakFrag();
}

const dataDirectives: Record<string, Handler> = {
  ".byte": integers(1), ".dc.b": integers(1),
  ".short": integers(2), ".hword": integers(2), ".value": integers(2), ".word": (asm, a) => integers(asm.arch.syntax.wordSize)(asm, a), ".2byte": integers(2), ".dc.w": integers(2),
  ".long": integers(4), ".int": integers(4), ".4byte": integers(4), ".dc.l": integers(4),
  ".quad": integers(8), ".8byte": integers(8), ".dc.a": integers(8), ".dc.q": integers(8),
  ".octa": (asm, a) => {
    for (const item of splitArgs(a)) {
      // 128-bit literals do not fit the 64-bit expression evaluator; plain numbers are read directly.
      const m = /^(-)?(0x[0-9a-f]+|[0-9]+)$/i.exec(item.trim());
      const v = BigInt.asUintN(128, m ? (m[1] ? -BigInt(m[2]) : BigInt(m[2])) : asm.absolute(item));
      const b: number[] = [];
      for (let i = 0n; i < 16n; i++) b.push(Number((v >> (8n * i)) & 0xffn));
      asm.emitBytes(b);
    }
  },
  ".ascii": strings(false), ".asciz": strings(true), ".string": strings(true),
  ".float": floats(4), ".single": floats(4), ".double": floats(8),
  ".zero": (asm, a) => space(asm, a, undefined),
  ".skip": (asm, a) => { const [n, f] = splitArgs(a); space(asm, n, f); },
  ".space": (asm, a) => { const [n, f] = splitArgs(a); space(asm, n, f); },
  ".fill": (asm, a) => {
    const [r, s, v] = splitArgs(a);
    const size = Math.min(8, s ? Number(asm.absolute(s)) : 1);
    const value = v ? asm.absolute(v) : 0n;
    const count = asm.parseExpr(r ?? "");
    if (asm.constant(count) === undefined && size === 1) {
      // A repeat count known only after relaxation (the kernel pads each
      // interrupt stub to 8 bytes with `.fill 0b + 8 - ., 1, 0xcc`): a
      // variable fill of bytes, as `.skip` has.
      asm.arch.frag?.(asm, "fill");
      asm.addFrag({ kind: "space", address: 0, count, fill: Number(BigInt.asUintN(8, value)), size: 0, file: asm.stmt.file, line: asm.stmt.line });
      return;
    }
    const repeat = Number(asm.absolute(r));
    asm.arch.beforeData?.(asm);
    if (repeat > 0) asm.arch.frag?.(asm, "fill");
    const f = asm.data();
    for (let i = 0; i < repeat; i++) {
      // gas writes the value as (up to) 4 bytes and zero-pads larger sizes.
      f.buf.int(size > 4 ? BigInt.asUintN(32, value) : value, size);
    }
    if (asm.arch.fillEndsFragment) asm.breakFrag();
  },
  ".org": (asm, a) => {
    const [t, f] = splitArgs(a);
    asm.addFrag({ kind: "org", address: 0, target: asm.parseExpr(t), fill: f ? Number(asm.absolute(f)) : 0, size: 0, file: asm.stmt.file, line: asm.stmt.line });
  },
  ".uleb128": leb(false), ".sleb128": leb(true),
  ".align": (asm, a) => alignHandler(asm.arch.syntax.alignIsPow2 ? "pow2" : "bytes")(asm, a), ".balign": alignHandler("bytes"), ".p2align": alignHandler("pow2"),
  ".balignw": alignHandler("bytes", 2), ".balignl": alignHandler("bytes", 4),
  ".p2alignw": alignHandler("pow2", 2), ".p2alignl": alignHandler("pow2", 4),
  ".incbin": (asm, a) => {
    const [f, skip, count] = splitArgs(a);
    const path = unquote(f ?? "");
    const data = asm.opts.readFile?.(path, asm.stmt.file);
    if (!data) throw new AsmError(`file not found: ${path}`);
    const start = skip ? Number(asm.absolute(skip)) : 0;
    const end = count ? start + Number(asm.absolute(count)) : data.length;
    asm.emitBytes(data.subarray(start, end));
  },
};

// ---------------------------------------------------------------- misc

const miscDirectives: Record<string, Handler> = {
  ".file": (asm, a) => {
    // `.file "name"` names the STT_FILE symbol; `.file N "name"` is DWARF line info.
    const t = a.trim();
    if (asm.lines.fileDirective(asm, t)) return;
    if (t.startsWith('"') && asm.fileSymbol === undefined) asm.fileSymbol = unquote(t);
  },
  ".ident": (asm, a) => {
    const s = parseStringLiteral(a, readEscape);
    if (!s) throw new AsmError("expected string");
    const saved = { section: asm.current, subsection: asm.subsection };
    let comment = asm.sectionsByName.get(".comment");
    const first = !comment;
    if (!comment) {
      comment = asm.section(".comment", SHT_PROGBITS, SHF_MERGE | SHF_STRINGS, 1);
      comment.symbol.lateSection = "implicit";
    }
    asm.current = comment;
    asm.subsection = 0;
    if (first) asm.emitBytes([0]);
    asm.emitBytes([...s, 0]);
    asm.current = saved.section;
    asm.subsection = saved.subsection;
  },
  ".loc": (asm, a) => asm.lines.locDirective(asm, a),
  // gas marks the rows of labels as basic-block starts under this; gcc never asks for it.
  ".loc_mark_labels": () => undefined,
  ".code64": () => undefined, ".att_syntax": () => undefined,
  ".intel_syntax": () => { throw new AsmError(".intel_syntax is not supported"); },
  ".code32": () => { throw new AsmError(".code32 is not supported"); },
  ".code16": () => { throw new AsmError(".code16 is not supported"); },
  ".arch": () => undefined,
  ".gnu_attribute": () => undefined,
  ".error": (_asm, a) => { throw new AsmError(a ? unquote(a) : ".error directive invoked in source file"); },
  ".err": () => { throw new AsmError(".err encountered"); },
  ".warning": (asm, a) => asm.warning(a ? unquote(a) : ".warning directive invoked in source file"),
  ".print": () => undefined,
};

export const DIRECTIVES: ReadonlyMap<string, Handler> = new Map(Object.entries({
  ...sectionDirectives, ...symbolDirectives, ...dataDirectives, ...miscDirectives,
}));
