// --gc-sections: input sections no live section refers to are left out.
// Marking starts from the roots GNU ld uses — the entry point, -u symbols,
// what the dynamic linker may look up (exported symbols), _init/_fini — and
// from the sections its default script KEEPs (init/fini arrays, .ctors/.dtors,
// .init/.fini, notes, SHF_GNU_RETAIN). Relocations carry liveness; a section
// reached through __start_SEC/__stop_SEC keeps every section of SEC; COMDAT
// group members live and die together; an SHF_LINK_ORDER section follows the
// section it is linked to. .eh_frame is special: its FDEs do not keep code
// alive, an FDE of live code keeps its LSDA and its CIE's personality routine,
// and FDEs of dropped code are removed (dropEhFrameGarbage, also for COMDAT).
// Non-allocated sections (debug information) are kept and keep nothing alive.

import { SHF_ALLOC, SHF_LINK_ORDER, SHT_FINI_ARRAY, SHT_INIT_ARRAY, SHT_NOTE, SHT_PREINIT_ARRAY } from "../elf/constants.js";
import type { Context } from "./context.js";
import { ehRecords, pruneEhFrame, type EhRecord } from "./eh-frame.js";
import { InputSection, type Chunk, type ObjectFile } from "./files.js";
import { outputNameOf } from "./layout.js";
import type { Symbol } from "./symbol.js";

const SHF_GNU_RETAIN = 0x200000;
const KEPT_NAMES = /^\.(init|fini|ctors|dtors|jcr)(\.|$)|^\.(preinit|init|fini)_array(\.|$)/;

function isKept(s: InputSection): boolean {
  if (!(s.flags & SHF_ALLOC)) return false;
  const t = s.type;
  return t === SHT_INIT_ARRAY || t === SHT_FINI_ARRAY || t === SHT_PREINIT_ARRAY || t === SHT_NOTE
    || (s.flags & SHF_GNU_RETAIN) !== 0 || KEPT_NAMES.test(s.name);
}

/** The section a relocation's symbol lives in, if it is an input section of ours. */
function targetSection(obj: ObjectFile, symIndex: number): InputSection | undefined {
  const sym = obj.symbols[symIndex];
  return sym?.section instanceof InputSection ? sym.section : undefined;
}

/** The FDE's function: the section of the relocation at its initial-location field. */
function fdeTarget(obj: ObjectFile, r: EhRecord): InputSection | undefined {
  const pc = r.relocs.find((x) => x.offset === r.at + 8);
  return pc ? targetSection(obj, pc.sym) : undefined;
}

export function collectGarbage(ctx: Context): void {
  const live = new Set<InputSection>();
  const work: InputSection[] = [];
  const sectionsOf = new Map<string, InputSection[]>();
  const groupOf = new Map<InputSection, InputSection[]>();
  const linkOrder: InputSection[] = [];
  const ehFrames: Array<{ obj: ObjectFile; sec: InputSection; records: EhRecord[]; done: Set<EhRecord> }> = [];

  const mark = (c: Chunk | undefined): void => {
    if (!(c instanceof InputSection) || c.discarded || live.has(c)) return;
    live.add(c);
    work.push(c);
    for (const m of groupOf.get(c) ?? []) mark(m);
  };
  const markSymbol = (sym: Symbol | undefined): void => {
    if (!sym) return;
    if (sym.kind === "linker") {
      const m = /^__(start|stop)_(.+)$/.exec(sym.name);
      if (m) for (const s of sectionsOf.get(m[2]) ?? []) mark(s);
      return;
    }
    mark(sym.section);
  };

  for (const obj of ctx.objects) {
    for (const g of obj.groups) {
      const members = g.members.map((i) => obj.sections[i]).filter((s): s is InputSection => !!s);
      for (const m of members) groupOf.set(m, members);
    }
    for (const sec of obj.sections) {
      if (!sec || sec.discarded) continue;
      const out = outputNameOf(sec.name, ctx.target);
      (sectionsOf.get(out) ?? sectionsOf.set(out, []).get(out)!).push(sec);
      if (sec.name === ".eh_frame") {
        try {
          ehFrames.push({ obj, sec, records: ehRecords(sec), done: new Set() });
        } catch {
          live.add(sec); // unreadable: keep it whole, and what it refers to
          work.push(sec);
        }
        continue;
      }
      if (sec.header.flags & SHF_LINK_ORDER) linkOrder.push(sec);
    }
  }

  // Roots.
  for (const obj of ctx.objects) for (const sec of obj.sections) if (sec && isKept(sec)) mark(sec);
  const names = [ctx.cfg.entry ?? (ctx.isShared ? undefined : "_start"), "_init", "_fini", ...ctx.cfg.undefined,
    ...ctx.cfg.defsym.map((d) => /^\s*([A-Za-z_.$][\w.$]*)/.exec(d.expr)?.[1])];
  for (const n of names) if (n) markSymbol(ctx.symtab.get(n));
  for (const s of ctx.symtab.map.values()) if (s.exported) markSymbol(s);

  for (;;) {
    while (work.length) {
      const sec = work.pop()!;
      const obj = sec.file;
      for (const r of sec.relocations) {
        const sym = obj.symbols[r.sym];
        if (sym) markSymbol(sym);
      }
    }
    // Liveness that depends on other sections: link-order sections and FDEs.
    for (const s of linkOrder) {
      const to = s.file.sections[s.header.link];
      if (to && live.has(to)) mark(s);
    }
    for (const eh of ehFrames) {
      for (const r of eh.records) {
        if (r.kind !== "fde" || eh.done.has(r)) continue;
        const fn = fdeTarget(eh.obj, r);
        if (!fn || !live.has(fn)) continue;
        eh.done.add(r);
        const cie = eh.records.find((c) => c.at === r.cieAt);
        for (const x of [...r.relocs, ...(cie?.relocs ?? [])]) {
          if (x.offset !== r.at + 8) markSymbol(eh.obj.symbols[x.sym]);
        }
      }
    }
    if (work.length === 0) break;
  }

  for (const obj of ctx.objects) {
    for (const sec of obj.sections) {
      // Non-allocated sections (debug information) stay, and keep nothing alive.
      if (!sec || sec.discarded || live.has(sec) || sec.name === ".eh_frame" || !(sec.flags & SHF_ALLOC)) continue;
      sec.discarded = true;
      ctx.collected.push(sec);
    }
  }
}

/** Remove the FDEs (and CIEs left unused) of code that is not in the output. */
export function dropEhFrameGarbage(ctx: Context): void {
  for (const obj of ctx.objects) {
    for (const sec of obj.sections) {
      if (!sec || sec.discarded || sec.name !== ".eh_frame") continue;
      let records: EhRecord[];
      try { records = ehRecords(sec); } catch { continue; }
      pruneEhFrame(sec, records, (fde) => {
        const fn = fdeTarget(obj, fde);
        return !fn || !fn.discarded;
      });
    }
  }
}
