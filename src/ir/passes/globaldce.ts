// globaldce: drop internal functions and objects nothing refers to.
//
// A `static` function or object that no live code or data names is dead (an
// unused `static inline` helper, a function whose only caller was folded
// away). Live to begin with: everything visible outside the module, anything
// marked `used` or placed in a named section (linker-collected tables), and
// every symbol whose name appears in an asm text (module asm, inline asm),
// which the IR cannot see into. Liveness then flows through `addr` and direct
// calls in live functions and through the relocations of live objects.

import type { Module } from "../ir.js";

export function globaldce(m: Module): void {
  const funcs = new Map(m.funcs.map((f) => [f.name, f]));
  const globals = new Map(m.globals.map((g) => [g.name, g]));
  const asmText: string[] = [...m.asm];
  for (const f of m.funcs) {
    for (const b of f.blocks) {
      for (const i of b.insts) if (i.op === "asm") asmText.push(i.template);
      if (b.term.op === "asmgoto") asmText.push(b.term.asm.template);
    }
  }
  const inAsm = (name: string): boolean => asmText.some((t) => containsSymbol(t, name));

  const live = new Set<string>();
  const work: string[] = [];
  const mark = (name: string): void => {
    if (!live.has(name)) { live.add(name); work.push(name); }
  };
  for (const f of m.funcs) if (f.linkage !== "internal" || f.used || f.section !== undefined || inAsm(f.name)) mark(f.name);
  for (const g of m.globals) if (g.linkage !== "internal" || g.used || g.section !== undefined || inAsm(g.name)) mark(g.name);
  while (work.length) {
    const name = work.pop()!;
    const f = funcs.get(name);
    if (f) {
      for (const b of f.blocks) {
        for (const i of b.insts) {
          if (i.op === "addr") mark(i.sym);
          else if (i.op === "call" && i.callee.kind === "sym") mark(i.callee.name);
        }
      }
    }
    for (const p of globals.get(name)?.init ?? []) if (p.k === "sym") mark(p.name);
  }
  m.funcs = m.funcs.filter((f) => live.has(f.name));
  m.globals = m.globals.filter((g) => live.has(g.name) || !globals.has(g.name));
}

/** Does `text` mention `name` as a whole symbol (not inside a longer identifier)? */
function containsSymbol(text: string, name: string): boolean {
  const isSym = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_.$]/.test(c);
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (!isSym(text[at - 1]) && !isSym(text[at + name.length])) return true;
  }
  return false;
}
