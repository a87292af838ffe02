// Deciding the dynamic-linking contents once relocations are scanned: which
// shared objects are DT_NEEDED, which of our symbols are exported, the order
// of .dynsym, the PLT's relocations, and the entries of .dynamic.

import { DT, STV_DEFAULT, STV_PROTECTED } from "../elf/constants.js";
import type { Context } from "./context.js";
import { DynamicSection } from "./dynamic.js";
import { outputNameOf } from "./layout.js";

/** --as-needed: a shared object is needed when it defines a symbol our objects reference strongly. */
export function markNeededLibraries(ctx: Context): void {
  for (const sym of ctx.symtab.map.values()) {
    if (sym.kind === "shared" && sym.strongRef && sym.file && "soname" in sym.file) sym.file.needed = true;
  }
  // Weak references to a library we do not keep stay unresolved (they become 0).
  for (const sym of ctx.symtab.map.values()) {
    if (sym.kind === "shared" && sym.file && "soname" in sym.file && !sym.file.needed) {
      sym.kind = "undefined";
      sym.file = undefined;
      sym.version = undefined;
    }
  }
}

/** Symbols of ours that the dynamic linker must see. */
export function markExports(ctx: Context): void {
  if (!ctx.hasDynamicSection) return;
  const exportAll = ctx.cfg.exportDynamic || ctx.isShared;
  const exportable = (s: { kind: string; isLocal: boolean; visibility: number }): boolean =>
    (s.kind === "defined" || s.kind === "common") && !s.isLocal && (s.visibility === STV_DEFAULT || s.visibility === STV_PROTECTED);
  if (exportAll) for (const s of ctx.symtab.map.values()) if (exportable(s)) s.exported = true;
  for (const dso of ctx.shared) {
    if (!dso.needed) continue;
    for (const name of dso.undefinedNames) {
      const s = ctx.symtab.get(name);
      if (s && exportable(s)) s.exported = true;
    }
  }
}

/** After scanning: PLT relocations in PLT order, .dynsym order, versions, .dynamic entries. */
export function finalizeDynamic(ctx: Context): void {
  const d = ctx.target.dyn;
  const header = ctx.gotPlt.headerEntries;
  ctx.plt.symbols.forEach((s, i) => {
    ctx.relaPlt.add({ chunk: ctx.gotPlt, offset: (header + i) * 8, type: d.jumpSlot, sym: s, addend: () => 0 });
  });
  const nplt = ctx.plt.symbols.length;
  ctx.iplt.symbols.forEach((s, i) => {
    ctx.relaPlt.add({ chunk: ctx.gotPlt, offset: (header + nplt + i) * 8, type: d.irelative, sym: undefined, addend: () => ctx.definedAddr(s) });
  });
  for (const s of ctx.ifuncGotSlots) {
    ctx.relaPlt.add({ chunk: ctx.got, offset: s.gotIndex * 8, type: d.irelative, sym: undefined, addend: () => ctx.definedAddr(s) });
  }
  if (!ctx.hasDynamicSection) return;

  for (const s of ctx.symtab.map.values()) if (s.exported) ctx.dynsym.add(s);
  ctx.dynsym.finalize(ctx);
  ctx.versym.assign(ctx);
  ctx.verneed.internStrings(ctx);
  const str = ctx.dynstr.table;
  const needed = ctx.shared.filter((f) => f.needed);
  for (const f of needed) str.add(f.soname);
  if (ctx.cfg.soname) str.add(ctx.cfg.soname);
  const rpath = ctx.cfg.rpath.join(":");
  if (rpath) str.add(rpath);

  const dyn = new DynamicSection();
  ctx.dynamic = dyn;
  const e = (tag: string, value: () => number): void => {
    dyn.entries.push({ tag: DT.get(tag), value });
  };
  for (const f of needed) e("DT_NEEDED", () => str.add(f.soname));
  if (ctx.cfg.soname && ctx.isShared) e("DT_SONAME", () => str.add(ctx.cfg.soname!));
  if (rpath) e(ctx.cfg.newDtags ? "DT_RUNPATH" : "DT_RPATH", () => str.add(rpath));

  const defined = (name: string): boolean => {
    const s = ctx.symtab.get(name);
    return !!s && s.kind === "defined" && s.section !== undefined;
  };
  if (defined("_init")) e("DT_INIT", () => ctx.symAddr(ctx.symtab.get("_init")!));
  if (defined("_fini")) e("DT_FINI", () => ctx.symAddr(ctx.symtab.get("_fini")!));
  const outputs = new Set<string>();
  for (const obj of ctx.objects) for (const s of obj.sections) if (s && !s.discarded && s.size > 0) outputs.add(outputNameOf(s.name, ctx.target));
  const osec = (name: string) => () => ctx.outputSections.find((o) => o.name === name);
  for (const [name, tag] of [[".preinit_array", "DT_PREINIT_ARRAY"], [".init_array", "DT_INIT_ARRAY"], [".fini_array", "DT_FINI_ARRAY"]] as const) {
    if (!outputs.has(name) || (name === ".preinit_array" && ctx.isShared)) continue;
    const o = osec(name);
    e(tag, () => o()?.addr ?? 0);
    e(`${tag}SZ`, () => o()?.size ?? 0);
  }
  if (ctx.cfg.hashStyle !== "sysv") e("DT_GNU_HASH", () => ctx.gnuHash.addr);
  if (ctx.cfg.hashStyle !== "gnu") e("DT_HASH", () => ctx.sysvHash.addr);
  e("DT_STRTAB", () => ctx.dynstr.addr);
  e("DT_SYMTAB", () => ctx.dynsym.addr);
  e("DT_STRSZ", () => ctx.dynstr.size);
  e("DT_SYMENT", () => 24);
  if (!ctx.isShared) e("DT_DEBUG", () => 0);
  e("DT_PLTGOT", () => ctx.gotPlt.addr);
  if (ctx.relaPlt.size > 0) {
    e("DT_PLTRELSZ", () => ctx.relaPlt.size);
    e("DT_PLTREL", () => DT.get("DT_RELA"));
    e("DT_JMPREL", () => ctx.relaPlt.addr);
  }
  if (ctx.relaDyn.size > 0) {
    e("DT_RELA", () => ctx.relaDyn.addr);
    e("DT_RELASZ", () => ctx.relaDyn.size);
    e("DT_RELAENT", () => 24);
    if (ctx.relaDyn.relativeCount) e("DT_RELACOUNT", () => ctx.relaDyn.relativeCount);
  }
  if (ctx.textRel) e("DT_TEXTREL", () => 0);
  let flags = 0;
  if (ctx.bindNow) flags |= 0x8; // DF_BIND_NOW
  if (ctx.textRel) flags |= 0x4; // DF_TEXTREL
  if (ctx.staticTls) flags |= 0x10; // DF_STATIC_TLS
  if (flags) e("DT_FLAGS", () => flags);
  let flags1 = 0;
  if (ctx.bindNow) flags1 |= 0x1; // DF_1_NOW
  if (ctx.cfg.kind === "pie") flags1 |= 0x8000000; // DF_1_PIE
  if (flags1) e("DT_FLAGS_1", () => flags1);
  if (ctx.verneed.needs.length) {
    e("DT_VERNEED", () => ctx.verneed.addr);
    e("DT_VERNEEDNUM", () => ctx.verneed.needs.length);
    e("DT_VERSYM", () => ctx.versym.addr);
  }
}

