// What every backend emits around its code the same way: which symbols the
// module defines and may reach directly, symbol attributes, the function
// header, static data (globals, their sections and initialisers) and the
// stack note. Only spelling differs between targets (`DataSyntax`): aarch64
// writes `%function`, riscv64 `.dword`, x86_64 `.quad`.

import type { Func, Global, Module } from "../ir/ir.js";
import { initSize } from "../ir/ir.js";
import type { AsmLine } from "../asm/lines.js";
import { directive, label } from "../asm/lines.js";

/** The assembler label of an IR block: local to the object file, unique per function. */
export function blockSymbol(func: string, block: string): string {
  return `.L${func}.${block}`;
}

/** How a target's gas spells what module emission writes. */
export interface DataSyntax {
  /** Prefix of `.type` kinds: "@" (`@function`) or "%" (aarch64 gcc writes `%function`). */
  readonly typePrefix: "@" | "%";
  /** Directives for 8-, 4- and 2-byte data words (gcc: x86_64 .quad/.long/.value, aarch64 .xword/.word/.hword, riscv64 .dword/.word/.half). */
  readonly word8: string;
  readonly word4: string;
  /** `.p2align` of a function's entry. */
  readonly functionAlign: number;
}

/**
 * Which symbols the module defines and which may be reached directly (pc-
 * relative, no GOT/PLT): internal ones always; defined external ones unless
 * `pic` (a shared object's exported symbols may be interposed).
 */
export interface ModuleSymbols {
  /** Symbols defined in this module (functions and initialised/common data). */
  readonly defined: Set<string>;
  /** Symbols that can be referenced pc-relatively (defined, not weak/common). */
  readonly local: Set<string>;
  readonly threadLocal: Set<string>;
  readonly functions: Set<string>;
  readonly pic: boolean;
}

export function moduleSymbols(m: Module, pic: boolean): ModuleSymbols {
  const defined = new Set<string>();
  const local = new Set<string>();
  const threadLocal = new Set<string>();
  const functions = new Set<string>();
  const mayBeLocal = (linkage: string, isDefined: boolean): boolean =>
    linkage === "internal" || (isDefined && !pic && linkage === "external");
  for (const f of m.funcs) {
    defined.add(f.name);
    functions.add(f.name);
    if (mayBeLocal(f.linkage, true)) local.add(f.name);
  }
  for (const g of m.globals) {
    const isDefined = g.init !== undefined;
    if (isDefined || g.commonSize !== undefined) defined.add(g.name);
    if (mayBeLocal(g.linkage, isDefined)) local.add(g.name);
    if (g.threadLocal) threadLocal.add(g.name);
  }
  return { defined, local, threadLocal, functions, pic };
}

/** Symbols whose address the module takes (in code or in static data), not only calls. */
export function addressTakenSymbols(m: Module): Set<string> {
  const taken = new Set<string>();
  for (const f of m.funcs) for (const b of f.blocks) for (const i of b.insts) if (i.op === "addr") taken.add(i.sym);
  for (const g of m.globals) for (const p of g.init ?? []) if (p.k === "sym") taken.add(p.name);
  return taken;
}

export function symbolAttrs<I extends { readonly kind: "inst" }>(
  out: AsmLine<I>[], syntax: DataSyntax, name: string, linkage: string, visibility: string, kind: "function" | "object",
): void {
  if (linkage === "external") out.push(directive(".globl", name));
  else if (linkage === "weak") out.push(directive(".weak", name));
  if (visibility !== "default") out.push(directive("." + visibility, name));
  out.push(directive(".type", name, syntax.typePrefix + kind));
}

/**
 * Section, attributes, alignment and label of a function: what precedes its
 * first instruction. `alignBytes` (-falign-functions=N) overrides the target's
 * default; 1 asks for none.
 */
export function functionHeader<I extends { readonly kind: "inst" }>(out: AsmLine<I>[], syntax: DataSyntax, f: Func, alignBytes?: number): void {
  out.push(f.section !== undefined ? directive(".section", `"${f.section}"`, '"ax"', "@progbits") : directive(".text"));
  symbolAttrs(out, syntax, f.name, f.linkage, f.visibility, "function");
  const p2 = alignBytes !== undefined ? Math.log2(alignBytes) : syntax.functionAlign;
  if (p2 > 0) out.push(directive(".p2align", String(p2)));
  out.push(label(f.name));
}

function isZero(g: Global): boolean {
  return (g.init ?? []).every((p) => p.k === "zero" || (p.k === "bytes" && p.data.every((b) => b === 0)));
}

/** The section directive of a global, whole (its arguments are the same on every target). */
function sectionFor(g: Global): string {
  if (g.section !== undefined) return `.section "${g.section}"`;
  const zero = isZero(g);
  const relocs = (g.init ?? []).some((p) => p.k === "sym");
  if (g.threadLocal) return zero ? '.section .tbss,"awT",@nobits' : '.section .tdata,"awT",@progbits';
  if (g.readonly) return relocs ? '.section .data.rel.ro,"aw"' : ".section .rodata";
  return zero ? ".bss" : ".data";
}

/** A global's definition: section, attributes, alignment, size and initialiser (or `.comm`). */
export function emitGlobal<I extends { readonly kind: "inst" }>(g: Global, syntax: DataSyntax): AsmLine<I>[] {
  const out: AsmLine<I>[] = [];
  if (!g.init) {
    if (g.commonSize !== undefined) {
      if (g.linkage === "internal") out.push(directive(".local", g.name));
      out.push(directive(".comm", g.name, String(g.commonSize), String(g.align)));
    } else if (g.linkage === "weak") out.push(directive(".weak", g.name));
    return out;
  }
  out.push(directive(sectionFor(g)));
  symbolAttrs(out, syntax, g.name, g.linkage, g.visibility, "object");
  if (g.threadLocal) out.push(directive(".type", g.name, syntax.typePrefix + "object"));
  out.push(directive(".p2align", String(Math.log2(g.align))));
  out.push(directive(".size", g.name, String(initSize(g.init))));
  out.push(label(g.name));
  for (const p of g.init) {
    if (p.k === "zero") out.push(directive(".zero", String(p.size)));
    else if (p.k === "bytes") {
      for (let i = 0; i < p.data.length; i += 16) out.push(directive(".byte", ...[...p.data.slice(i, i + 16)].map(String)));
    } else {
      const add = p.addend > 0n ? `+${p.addend}` : p.addend < 0n ? String(p.addend) : "";
      const minus = p.block !== undefined && p.minusBlock !== undefined ? `-${blockSymbol(p.name, p.minusBlock)}` : "";
      out.push(directive(p.width === 8 ? syntax.word8 : syntax.word4, (p.block !== undefined ? blockSymbol(p.name, p.block) : p.name) + minus + add));
    }
  }
  if (initSize(g.init) === 0) out.push(directive(".zero", "1"));
  return out;
}

/** The note saying whether the stack must be executable (trampolines of nested functions need it). */
export function stackNote<I extends { readonly kind: "inst" }>(execStack: boolean): AsmLine<I> {
  return directive(".section", ".note.GNU-stack", execStack ? '"x"' : '""', "@progbits");
}

/** Switch jump tables in .rodata: each entry the 4-byte distance from the table to its target. */
export function jumpTableData<I extends { readonly kind: "inst" }>(tables: ReadonlyMap<string, readonly string[]>, syntax: DataSyntax): AsmLine<I>[] {
  if (tables.size === 0) return [];
  const out: AsmLine<I>[] = [directive(".section", ".rodata")];
  for (const [lab, targets] of tables) {
    out.push(directive(".p2align", "2"), label(lab));
    for (const t of targets) out.push(directive(syntax.word4, `${t}-${lab}`));
  }
  return out;
}
