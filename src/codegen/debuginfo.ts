// -g: DWARF 4/5 debug information as assembler lines (`.section .debug_*`
// with data directives), from the IR's description (src/ir/debug.ts) and what
// the backend decided (function ranges, scope labels, frame offsets). The
// assembler turns the `.loc`/`.file` the emitter wrote into `.debug_line`.
//
// Arch-neutral: a target gives its address size and how its frame base is
// described. Debugging entries are built as data first (tag, attributes with
// forms), then the abbreviation table is the set of distinct shapes, and
// references between entries are label differences the assembler resolves.

import type { Directive, Label } from "../asm/lines.js";
import { directive, label } from "../asm/lines.js";
import type { BaseEncoding, DebugFunc, DebugType, DebugVar, ModuleDebug } from "../ir/debug.js";
import type { Func } from "../ir/ir.js";
import type { FunctionLines } from "./line-marks.js";
import type { FrameSlot } from "./mir.js";

/** What the debug information needs from a target. */
export interface DebugTarget {
  /** DW_OP bytes of DW_AT_frame_base. */
  readonly frameBase: readonly number[];
  /** Added to a frame slot's offset from the frame pointer to make it relative to the frame base. */
  readonly frameBaseBias: number;
  /**
   * The directives for 2-, 4- and 8-byte fields of the debug sections, as gcc
   * spells them (`.value` is x86-only in GNU as: riscv and aarch64 gcc write
   * `.2byte`/`.4byte`/`.8byte`), so that GNU as reads `-S -g` output too.
   */
  readonly words: DebugWords;
}

export interface DebugWords { readonly 2: string; readonly 4: string; readonly 8: string }

/** The unaligned data directives gcc uses in debug sections on riscv64 and aarch64. */
export const SIZED_WORDS: DebugWords = { 2: ".2byte", 4: ".4byte", 8: ".8byte" };

/** A function as emitted: its symbol, end label, scope ranges and where its allocas went. */
export interface EmittedFunction {
  readonly debug: DebugFunc;
  readonly symbol: string;
  readonly end: string;
  readonly ranges: ReadonlyMap<number, { start: string; end: string }>;
  /** Offset from the frame pointer of an alloca's slot, if it has one. */
  slotOffset(temp: number): number | undefined;
}

/** -g: the line-mark state an emitter fills for `f` (undefined without -g). */
export function functionLines(f: Func, emitted: readonly EmittedFunction[] | undefined): FunctionLines | undefined {
  return emitted ? { scopeParents: f.debug?.scopes.map((s) => s.parent) ?? [], prefix: `.Ldbg${emitted.length}`, ranges: new Map() } : undefined;
}

/**
 * -g: record an emitted function for the debug sections. `slotOfAlloca` is
 * the isel's map from an alloca to its frame slot, `slots` the final frame.
 */
export function recordEmitted(
  emitted: EmittedFunction[] | undefined, f: Func, lines: FunctionLines | undefined,
  slotOfAlloca: (temp: number) => number | undefined, slots: readonly FrameSlot[],
): void {
  if (!emitted || !lines?.end || !f.debug) return;
  emitted.push({
    debug: f.debug, symbol: f.name, end: lines.end, ranges: lines.ranges,
    slotOffset: (temp) => { const s = slotOfAlloca(temp); return s === undefined ? undefined : slots[s]?.offset; },
  });
}

// DWARF constants (DWARF 5 §7).
const TAG = {
  array_type: 0x01, enumeration_type: 0x04, formal_parameter: 0x05, lexical_block: 0x0b, member: 0x0d, pointer_type: 0x0f,
  compile_unit: 0x11, structure_type: 0x13, subroutine_type: 0x15, typedef: 0x16, union_type: 0x17,
  unspecified_parameters: 0x18, subrange_type: 0x21, base_type: 0x24, const_type: 0x26, enumerator: 0x28,
  subprogram: 0x2e, variable: 0x34, volatile_type: 0x35,
} as const;
const AT = {
  location: 0x02, name: 0x03, byte_size: 0x0b, bit_size: 0x0d, stmt_list: 0x10, low_pc: 0x11, high_pc: 0x12,
  language: 0x13, comp_dir: 0x1b, const_value: 0x1c, upper_bound: 0x2f, producer: 0x25, prototyped: 0x27,
  count: 0x37, data_member_location: 0x38, decl_column: 0x39, decl_file: 0x3a, decl_line: 0x3b, declaration: 0x3c,
  encoding: 0x3e, external: 0x3f, frame_base: 0x40, type: 0x49, data_bit_offset: 0x6b,
} as const;
const FORM = {
  addr: 0x01, data2: 0x05, data8: 0x07, string: 0x08, data1: 0x0b, flag_present: 0x19, strp: 0x0e, udata: 0x0f,
  ref4: 0x13, sec_offset: 0x17, exprloc: 0x18, sdata: 0x0d, line_strp: 0x1f,
} as const;
const ATE: Record<BaseEncoding, number> = {
  boolean: 0x02, complex_float: 0x03, float: 0x04, signed: 0x05, signed_char: 0x06, unsigned: 0x07, unsigned_char: 0x08,
};
const DW_LANG_C11 = 0x1d;
const DW_OP_addr = 0x03, DW_OP_fbreg = 0x91;
const DW_UT_compile = 0x01;

/** One attribute value, written in its form. */
type AttrValue =
  | { form: "data1" | "data2" | "udata" | "sdata"; v: number | bigint }
  | { form: "data8"; expr: string }
  | { form: "addr"; expr: string }
  | { form: "string"; s: string }
  | { form: "strp" | "line_strp"; s: string }
  | { form: "flag_present" }
  | { form: "ref4"; die: Die }
  | { form: "sec_offset"; expr: string }
  | { form: "exprloc"; bytes: (number | { quad: string } | { sleb: number } | { uleb: number })[] };

interface Die {
  tag: number;
  attrs: [number, AttrValue][];
  children: Die[];
  /** Set when another entry refers to it. */
  label?: string;
}

export function debugSections(m: ModuleDebug, fns: readonly EmittedFunction[], target: DebugTarget, text: { start: string; end: string }): (Directive | Label)[] {
  return new DwarfWriter(m, target).write(fns, text);
}

class DwarfWriter {
  private readonly typeDies = new Map<number, Die>();
  private readonly cu: Die;
  private labels = 0;
  private readonly strings = new Map<string, string>();
  private readonly lineStrings = new Map<string, string>();
  private sizeType: Die | undefined;

  constructor(private readonly m: ModuleDebug, private readonly target: DebugTarget) {
    this.cu = { tag: TAG.compile_unit, attrs: [], children: [] };
  }

  write(fns: readonly EmittedFunction[], text: { start: string; end: string }): (Directive | Label)[] {
    const m = this.m;
    const nameForm = m.version >= 5 ? "line_strp" : "strp";
    this.cu.attrs.push(
      [AT.producer, { form: "strp", s: m.producer }],
      [AT.language, { form: "data1", v: DW_LANG_C11 }],
      [AT.name, { form: nameForm, s: m.name }],
      [AT.comp_dir, { form: nameForm, s: m.compDir }],
      [AT.low_pc, { form: "addr", expr: text.start }],
      [AT.high_pc, { form: "data8", expr: `${text.end}-${text.start}` }],
      [AT.stmt_list, { form: "sec_offset", expr: ".Ldebug_line0" }],
    );
    if (m.level >= 2) {
      for (const g of m.globals) {
        const die: Die = { tag: TAG.variable, attrs: [[AT.name, this.name(g.name)], ...this.decl(g), [AT.type, this.ref(g.type)]], children: [] };
        if (g.external) die.attrs.push([AT.external, { form: "flag_present" }]);
        if (g.declaration) die.attrs.push([AT.declaration, { form: "flag_present" }]);
        else die.attrs.push([AT.location, { form: "exprloc", bytes: [DW_OP_addr, { quad: g.symbol }] }]);
        this.cu.children.push(die);
      }
    }
    for (const f of fns) this.cu.children.push(this.subprogram(f));
    return this.serialize(fns.length > 0 ? text : undefined);
  }

  private name(s: string): AttrValue {
    // Short names inline, longer ones shared in .debug_str (gcc's choice too).
    return s.length < 4 ? { form: "string", s } : { form: "strp", s };
  }

  private decl(p: { file: number; line: number; col: number }): [number, AttrValue][] {
    if (p.line === 0) return [];
    const out: [number, AttrValue][] = [[AT.decl_file, { form: "udata", v: p.file + 1 }], [AT.decl_line, { form: "udata", v: p.line }]];
    if (p.col) out.push([AT.decl_column, { form: "udata", v: p.col }]);
    return out;
  }

  private subprogram(e: EmittedFunction): Die {
    const f = e.debug;
    const fnType = this.m.types[f.type];
    const die: Die = { tag: TAG.subprogram, attrs: [], children: [] };
    if (f.external) die.attrs.push([AT.external, { form: "flag_present" }]);
    die.attrs.push([AT.name, this.name(f.name)], ...this.decl(f));
    if (fnType?.k === "function") {
      if (fnType.prototyped) die.attrs.push([AT.prototyped, { form: "flag_present" }]);
      if (fnType.ret !== undefined && this.m.level >= 2) die.attrs.push([AT.type, this.ref(fnType.ret)]);
    }
    die.attrs.push(
      [AT.low_pc, { form: "addr", expr: e.symbol }],
      [AT.high_pc, { form: "data8", expr: `${e.end}-${e.symbol}` }],
      [AT.frame_base, { form: "exprloc", bytes: [...this.target.frameBase] }],
    );
    if (this.m.level < 2) return die;
    // Scope dies, children in order; scopes without code keep their variables in the nearest scope with code.
    const dies: Die[] = [die];
    for (let s = 1; s < f.scopes.length; s++) {
      const parent = dies[f.scopes[s]!.parent ?? 0]!;
      const r = e.ranges.get(s);
      if (!r) { dies.push(parent); continue; }
      const block: Die = { tag: TAG.lexical_block, attrs: [[AT.low_pc, { form: "addr", expr: r.start }], [AT.high_pc, { form: "data8", expr: `${r.end}-${r.start}` }]], children: [] };
      dies.push(block);
    }
    // Variables first, then nested blocks (gcc's order).
    f.scopes.forEach((sc, s) => { for (const v of sc.vars) dies[s]!.children.push(this.variable(v, e)); });
    for (let s = 1; s < f.scopes.length; s++) {
      const d = dies[s]!;
      const parent = dies[f.scopes[s]!.parent ?? 0]!;
      if (d !== parent) parent.children.push(d);
    }
    return die;
  }

  private variable(v: DebugVar, e: EmittedFunction): Die {
    const die: Die = { tag: v.param ? TAG.formal_parameter : TAG.variable, attrs: [[AT.name, this.name(v.name)], ...this.decl(v), [AT.type, this.ref(v.type)]], children: [] };
    const st = v.storage;
    if (st.k === "symbol") die.attrs.push([AT.location, { form: "exprloc", bytes: [DW_OP_addr, { quad: st.name }] }]);
    else if (st.k === "alloca") {
      const off = e.slotOffset(st.temp);
      // No slot (the optimiser kept it in registers): no location, which debuggers show as optimized out.
      if (off !== undefined) die.attrs.push([AT.location, { form: "exprloc", bytes: [DW_OP_fbreg, { sleb: off + this.target.frameBaseBias }] }]);
    }
    return die;
  }

  /** A reference to the entry of type `t` (created on first use, at the unit's top level). */
  private ref(t: number): AttrValue {
    return { form: "ref4", die: this.typeDie(t) };
  }

  private typeDie(t: number): Die {
    const known = this.typeDies.get(t);
    if (known) return known;
    const ty = this.m.types[t]!;
    const die: Die = { tag: 0, attrs: [], children: [] };
    this.typeDies.set(t, die); // before the parts: records may point back at themselves
    this.fillType(die, ty);
    this.cu.children.push(die);
    return die;
  }

  private fillType(die: Die, ty: DebugType): void {
    const opt = (to: number | undefined): [number, AttrValue][] => (to === undefined ? [] : [[AT.type, this.ref(to)]]);
    switch (ty.k) {
      case "base":
        die.tag = TAG.base_type;
        die.attrs.push([AT.byte_size, { form: "data1", v: ty.size }], [AT.encoding, { form: "data1", v: ATE[ty.encoding] }], [AT.name, this.name(ty.name)]);
        return;
      case "pointer":
        die.tag = TAG.pointer_type;
        die.attrs.push([AT.byte_size, { form: "data1", v: ty.size }], ...opt(ty.to));
        return;
      case "const": case "volatile":
        die.tag = ty.k === "const" ? TAG.const_type : TAG.volatile_type;
        die.attrs.push(...opt(ty.to));
        return;
      case "typedef":
        die.tag = TAG.typedef;
        die.attrs.push([AT.name, this.name(ty.name)], ...this.decl(ty), ...opt(ty.to));
        return;
      case "array": {
        die.tag = TAG.array_type;
        die.attrs.push([AT.type, this.ref(ty.elem)]);
        this.sizeType ??= this.sizetype();
        for (const n of ty.counts) {
          const sub: Die = { tag: TAG.subrange_type, attrs: [[AT.type, { form: "ref4", die: this.sizeType }]], children: [] };
          if (n !== undefined) sub.attrs.push([AT.upper_bound, { form: "udata", v: n - 1 }]);
          die.children.push(sub);
        }
        return;
      }
      case "struct": case "union": {
        die.tag = ty.k === "struct" ? TAG.structure_type : TAG.union_type;
        if (ty.name !== undefined) die.attrs.push([AT.name, this.name(ty.name)]);
        if (ty.size === undefined) { die.attrs.push([AT.declaration, { form: "flag_present" }]); return; }
        die.attrs.push([AT.byte_size, { form: "udata", v: ty.size }], ...this.decl(ty));
        for (const mb of ty.members) {
          const m: Die = { tag: TAG.member, attrs: [], children: [] };
          if (mb.name !== undefined) m.attrs.push([AT.name, this.name(mb.name)]);
          m.attrs.push(...this.decl({ file: ty.file, line: mb.line, col: mb.col }), [AT.type, this.ref(mb.type)]);
          if (mb.bitSize !== undefined) m.attrs.push([AT.bit_size, { form: "data1", v: mb.bitSize }], [AT.data_bit_offset, { form: "udata", v: mb.bitOffset ?? 0 }]);
          else if (ty.k === "struct") m.attrs.push([AT.data_member_location, { form: "udata", v: mb.offset }]);
          die.children.push(m);
        }
        return;
      }
      case "enum": {
        die.tag = TAG.enumeration_type;
        if (ty.name !== undefined) die.attrs.push([AT.name, this.name(ty.name)]);
        const u = this.m.types[ty.underlying];
        const unsigned = u?.k === "base" && (u.encoding === "unsigned" || u.encoding === "unsigned_char");
        die.attrs.push([AT.encoding, { form: "data1", v: unsigned ? ATE.unsigned : ATE.signed }], [AT.byte_size, { form: "data1", v: ty.size }], [AT.type, this.ref(ty.underlying)]);
        for (const e of ty.values) {
          die.children.push({ tag: TAG.enumerator, attrs: [[AT.name, this.name(e.name)], [AT.const_value, { form: "sdata", v: e.value }]], children: [] });
        }
        return;
      }
      case "function": {
        die.tag = TAG.subroutine_type;
        if (ty.prototyped) die.attrs.push([AT.prototyped, { form: "flag_present" }]);
        die.attrs.push(...opt(ty.ret));
        for (const p of ty.params) die.children.push({ tag: TAG.formal_parameter, attrs: [[AT.type, this.ref(p)]], children: [] });
        if (ty.varargs) die.children.push({ tag: TAG.unspecified_parameters, attrs: [], children: [] });
        return;
      }
    }
  }

  /** The index type of array bounds (gcc: sizetype, "long unsigned int"). */
  private sizetype(): Die {
    const i = this.m.types.findIndex((t) => t.k === "base" && t.name === "long unsigned int");
    if (i >= 0) return this.typeDie(i);
    const die: Die = { tag: TAG.base_type, attrs: [[AT.byte_size, { form: "data1", v: 8 }], [AT.encoding, { form: "data1", v: ATE.unsigned }], [AT.name, this.name("long unsigned int")]], children: [] };
    this.cu.children.push(die);
    return die;
  }

  // ------------------------------------------------------------------ output

  private serialize(text: { start: string; end: string } | undefined): (Directive | Label)[] {
    const out: (Directive | Label)[] = [];
    const abbrevs = new Map<string, number>();
    const abbrevLines: (Directive | Label)[] = [];
    const info: (Directive | Label)[] = [];
    const v5 = this.m.version >= 5;
    const byte = (v: number | bigint): Directive => directive(".byte", String(v));
    const walk = (d: Die): void => {
      const shape = `${d.tag}/${d.children.length > 0}/${d.attrs.map(([a, v]) => `${a}:${v.form}`).join(",")}`;
      let code = abbrevs.get(shape);
      if (code === undefined) {
        code = abbrevs.size + 1;
        abbrevs.set(shape, code);
        abbrevLines.push(directive(".uleb128", hex(code)), directive(".uleb128", hex(d.tag)), byte(d.children.length > 0 ? 1 : 0));
        for (const [a, v] of d.attrs) abbrevLines.push(directive(".uleb128", hex(a)), directive(".uleb128", hex(FORM[v.form])));
        abbrevLines.push(byte(0), byte(0));
      }
      if (d.label) info.push(label(d.label));
      info.push(directive(".uleb128", hex(code)));
      for (const [, v] of d.attrs) this.value(v, info);
      if (d.children.length > 0) {
        for (const c of d.children) walk(c);
        info.push(byte(0));
      }
    };
    // Referenced entries need labels before anything is written.
    const mark = (d: Die): void => {
      for (const [, v] of d.attrs) if (v.form === "ref4") v.die.label ??= `.Ldie${this.labels++}`;
      d.children.forEach(mark);
    };
    mark(this.cu);
    walk(this.cu);
    out.push(directive(".section", ".debug_info", '""', "@progbits"), label(".Ldebug_info0"));
    out.push(directive(this.target.words[4], ".Ldebug_info_end-.Ldebug_info_start"), label(".Ldebug_info_start"));
    if (v5) out.push(directive(this.target.words[2], String(this.m.version)), byte(DW_UT_compile), byte(8), directive(this.target.words[4], ".Ldebug_abbrev0"));
    else out.push(directive(this.target.words[2], String(this.m.version)), directive(this.target.words[4], ".Ldebug_abbrev0"), byte(8));
    out.push(...info, label(".Ldebug_info_end"));
    out.push(directive(".section", ".debug_abbrev", '""', "@progbits"), label(".Ldebug_abbrev0"), ...abbrevLines, byte(0));
    if (text) {
      out.push(directive(".section", ".debug_aranges", '""', "@progbits"));
      out.push(directive(this.target.words[4], "0x2c"), directive(this.target.words[2], "0x2"), directive(this.target.words[4], ".Ldebug_info0"), byte(8), byte(0), directive(this.target.words[2], "0"), directive(this.target.words[2], "0"));
      out.push(directive(this.target.words[8], text.start), directive(this.target.words[8], `${text.end}-${text.start}`), directive(this.target.words[8], "0"), directive(this.target.words[8], "0"));
    }
    out.push(directive(".section", ".debug_line", '""', "@progbits"), label(".Ldebug_line0"));
    out.push(directive(".section", ".debug_str", '"MS"', "@progbits", "1"));
    for (const [s, l] of this.strings) out.push(label(l), directive(".string", quote(s)));
    if (v5) {
      out.push(directive(".section", ".debug_line_str", '"MS"', "@progbits", "1"));
      for (const [s, l] of this.lineStrings) out.push(label(l), directive(".string", quote(s)));
    }
    return out;
  }

  private value(v: AttrValue, out: (Directive | Label)[]): void {
    switch (v.form) {
      case "data1": out.push(directive(".byte", hex(v.v))); return;
      case "data2": out.push(directive(this.target.words[2], hex(v.v))); return;
      case "udata": out.push(directive(".uleb128", hex(v.v))); return;
      case "sdata": out.push(directive(".sleb128", String(v.v))); return;
      case "data8": case "addr": out.push(directive(this.target.words[8], v.expr)); return;
      case "string": out.push(directive(".string", quote(v.s))); return;
      case "strp": case "line_strp": {
        const table = v.form === "strp" ? this.strings : this.lineStrings;
        let l = table.get(v.s);
        if (!l) table.set(v.s, l = `.LASF${this.strings.size + this.lineStrings.size}`);
        out.push(directive(this.target.words[4], l));
        return;
      }
      case "flag_present": return;
      case "ref4": out.push(directive(this.target.words[4], `${v.die.label!}-.Ldebug_info0`)); return;
      case "sec_offset": out.push(directive(this.target.words[4], v.expr)); return;
      case "exprloc": {
        const parts: Directive[] = [];
        let size = 0;
        for (const b of v.bytes) {
          if (typeof b === "number") { parts.push(directive(".byte", hex(b))); size++; }
          else if ("quad" in b) { parts.push(directive(this.target.words[8], b.quad)); size += 8; }
          else if ("sleb" in b) { parts.push(directive(".sleb128", String(b.sleb))); size += slebSize(b.sleb); }
          else { parts.push(directive(".uleb128", hex(b.uleb))); size += ulebSize(b.uleb); }
        }
        out.push(directive(".uleb128", hex(size)), ...parts);
        return;
      }
    }
  }
}

/** The `.file` directives numbering `DebugLoc.file` k as k + 1 (DWARF 5 adds entry 0: the unit itself). */
export function fileDirectives(m: ModuleDebug): Directive[] {
  const out: Directive[] = [];
  if (m.version >= 5) out.push(directive(".file", `0 ${quote(m.compDir)} ${quote(m.name)}`));
  m.files.forEach((f, k) => out.push(directive(".file", `${k + 1} ${quote(f)}`)));
  return out;
}

const hex = (v: number | bigint): string => (v === 0 || v === 0n ? "0" : `0x${v.toString(16)}`);

function quote(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\x00-\x1f\x7f]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`)}"`;
}

function ulebSize(v: number): number {
  let n = 1;
  while (v >= 128) { v = Math.floor(v / 128); n++; }
  return n;
}

function slebSize(v: number): number {
  let n = 1;
  while (v < -64 || v > 63) { v = Math.floor(v / 128); n++; }
  return n;
}
