// Walking all relocations twice: once before layout to learn what they need
// (scan), once after to patch the bytes (apply). The target decides per
// relocation type; this file owns the iteration and the undefined-symbol check.

import { SHF_ALLOC, SHT_NOBITS } from "../elf/constants.js";
import type { Context } from "./context.js";
import type { InputSection, ObjectFile } from "./files.js";
import type { Symbol } from "./symbol.js";

function* liveSections(ctx: Context): Iterable<{ obj: ObjectFile; sec: InputSection }> {
  for (const obj of ctx.objects) {
    for (const sec of obj.sections) {
      if (sec && !sec.discarded && sec.flags & SHF_ALLOC && sec.relaHeader) yield { obj, sec };
    }
  }
}

export function scanRelocations(ctx: Context): void {
  const reported = new Set<string>();
  const strictUndefined = !ctx.isShared || ctx.cfg.noUndefined || ctx.cfg.z.has("defs");
  for (const { obj, sec } of liveSections(ctx)) {
    const rels = sec.relocations;
    for (let i = 0; i < rels.length; i++) {
      const r = rels[i];
      const sym = symbolOf(ctx, obj, sec, r.sym);
      if (!sym) continue;
      if (r.sym !== 0 && sym.kind === "undefined" && !sym.isLocal && sym.strongRef && strictUndefined) {
        const key = `${sym.name}\0${obj.name}`;
        if (!reported.has(key)) {
          reported.add(key);
          ctx.diag.error(`${obj}:(${sec.name}+0x${r.offset.toString(16)}): undefined reference to \`${sym.name}'`);
        }
      }
      if (r.offset + 1 > sec.size && sec.type !== SHT_NOBITS) {
        ctx.diag.error(`${obj}: relocation at offset 0x${r.offset.toString(16)} lies outside section ${sec.name}`);
        continue;
      }
      i += ctx.target.scan(ctx, sec, rels, i, sym);
    }
  }
}

export function applyRelocations(ctx: Context, dv: DataView): void {
  for (const { obj, sec } of liveSections(ctx)) {
    if (!sec.output || sec.type === SHT_NOBITS) continue;
    const rels = sec.relocations;
    const base = sec.fileOffset;
    for (let i = 0; i < rels.length; i++) {
      const sym = obj.symbols[rels[i].sym];
      if (!sym) continue;
      i += ctx.target.apply(ctx, sec, rels, i, sym, dv, base + rels[i].offset);
    }
  }
}

/**
 * Relocations of the non-allocated sections (debug information). A reference
 * to code or data that is not in the output (a discarded COMDAT copy, a
 * collected section, an undefined weak) gets 0 — or 1 in .debug_ranges and
 * .debug_loc, where a 0 pair would end the list early, as GNU ld does.
 */
export function applyNonAllocRelocations(ctx: Context, dv: DataView): void {
  for (const obj of ctx.objects) {
    for (const sec of obj.sections) {
      if (!sec || sec.discarded || sec.flags & SHF_ALLOC || !sec.relaHeader || !sec.output) continue;
      const base = sec.fileOffset;
      const gone = sec.name === ".debug_ranges" || sec.name === ".debug_loc" ? 1 : 0;
      for (const r of sec.relocations) {
        const sym = obj.symbols[r.sym];
        if (!sym || r.offset >= sec.size) continue;
        const target = sym.section;
        const missing = sym.kind === "undefined" || (target !== undefined && (target.discarded || !target.output));
        ctx.target.applyNonAlloc(ctx, sec, r, sym, dv, base + r.offset, missing ? gone : undefined);
      }
    }
  }
}

function symbolOf(ctx: Context, obj: ObjectFile, sec: InputSection, index: number): Symbol | undefined {
  const sym = obj.symbols[index];
  if (!sym) ctx.diag.error(`${obj}: relocation in section ${sec.name} refers to symbol index ${index}, which does not exist`);
  return sym;
}
