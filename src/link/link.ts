// One link from start to finish. Each step is a function of the Context;
// the order is the whole algorithm:
//   load inputs → resolve symbols → define linker symbols and commons →
//   decide what is dynamic → scan relocations → finalise dynamic sections →
//   lay out → write.

import { buildIdSize, buildImage, writeOutputFile } from "./output.js";
import { defineBuiltins } from "./builtins.js";
import { Context } from "./context.js";
import { Diagnostics, LinkError } from "./diagnostics.js";
import { finalizeDynamic, markExports, markNeededLibraries } from "./dynamic-setup.js";
import { countFdes, EhFrameHdrSection } from "./eh-frame.js";
import { collectGarbage, dropEhFrameGarbage } from "./gc.js";
import { writeMap } from "./map.js";
import { mergeSections } from "./merge.js";
import { writeRelocatable } from "./relocatable.js";
import type { Chunk, InputSection } from "./files.js";
import { InputCache, InputLoader } from "./inputs.js";
import { assignAddresses, createOutputSections, outputNameOf } from "./layout.js";
import type { LinkConfig } from "./options.js";
import { scanRelocations } from "./scan.js";
import { BuildIdSection, InterpSection } from "./synthetic.js";
import type { LinkTarget } from "./target.js";
import { TARGET_LIST } from "../targets.js";

/** Every target the linker knows (those of src/targets.ts with a `link`); -m picks one by emulation name. */
export const TARGETS: readonly LinkTarget[] = TARGET_LIST.flatMap((t) => (t.link ? [t.link] : []));

function selectTarget(emulation: string | undefined): LinkTarget {
  if (!emulation) return TARGETS[0];
  const t = TARGETS.find((x) => x.emulations.includes(emulation));
  if (!t) throw new LinkError(`unrecognised emulation mode: ${emulation}\nSupported emulations: ${TARGETS.flatMap((x) => x.emulations).join(" ")}`);
  return t;
}

export interface LinkResult {
  warnings: string[];
  /** Messages that are neither warnings nor errors (--print-gc-sections). */
  info: string[];
}

export function link(cfg: LinkConfig, cache: InputCache = new InputCache()): LinkResult {
  if (cfg.scripts.length) throw new LinkError(`linker scripts given with -T are not supported yet (${cfg.scripts[0]})`);
  const diag = new Diagnostics();
  const ctx = new Context(cfg, diag, selectTarget(cfg.emulation));

  new InputLoader(ctx, cache).loadAll();
  diag.check();
  if (ctx.objects.length === 0) throw new LinkError("no input files");
  if (cfg.kind === "relocatable") {
    if (cfg.gcSections) diag.warn("--gc-sections is ignored in a relocatable link (-r)");
    dropEhFrameGarbage(ctx);
    const image = writeRelocatable(ctx);
    diag.check();
    writeOutputFile(cfg.output, image, false);
    return { warnings: diag.warnings, info: [] };
  }

  markNeededLibraries(ctx);
  const builtins = defineBuiltins(ctx);
  applyDefsyms(ctx);
  allocateCommons(ctx);
  markExports(ctx);
  if (cfg.gcSections) collectGarbage(ctx);
  dropEhFrameGarbage(ctx);
  for (const m of mergeSections(ctx)) ctx.extraSynthetic.push({ section: m, output: m.outputName });
  createFixedSections(ctx);

  scanRelocations(ctx);
  diag.check();
  finalizeDynamic(ctx);

  createOutputSections(ctx, collectChunks(ctx));
  let { phdrs, fileEnd } = assignAddresses(ctx);
  const setBuiltins = (): void => { for (const b of builtins) b.sym.value = b.value(ctx); };
  setBuiltins();
  // Relaxation: sizes depend on addresses, so lay out again until nothing shrinks.
  for (let pass = 0; ctx.target.relax && ctx.target.relax(ctx, pass); pass++) {
    ({ phdrs, fileEnd } = assignAddresses(ctx));
    setBuiltins();
  }
  const image = buildImage(ctx, phdrs, fileEnd, entryAddress(ctx));
  diag.check();
  if (cfg.map) writeMap(ctx, cfg.map);
  writeOutputFile(cfg.output, image, true);
  const info = cfg.printGcSections ? ctx.collected.map((s) => `removing unused section '${s.name}' in file '${s.file.name}'`) : [];
  return { warnings: diag.warnings, info };
}

/** Tentative definitions get space at the end of .bss. */
function allocateCommons(ctx: Context): void {
  for (const s of ctx.symtab.map.values()) {
    if (s.kind !== "common") continue;
    s.value = ctx.commons.allocate(s.size, s.commonAlign);
    s.section = ctx.commons;
    s.kind = "defined";
  }
}

/** --defsym NAME=EXPR with EXPR a number, a symbol, or a symbol ± a number. */
function applyDefsyms(ctx: Context): void {
  for (const { name, expr } of ctx.cfg.defsym) {
    const m = /^\s*(?:([A-Za-z_.$][\w.$]*)\s*(?:([+-])\s*(0x[0-9a-fA-F]+|\d+))?|(0x[0-9a-fA-F]+|\d+))\s*$/.exec(expr);
    if (!m) throw new LinkError(`--defsym ${name}: expression '${expr}' is not supported (use a number or SYMBOL±NUMBER)`);
    const sym = ctx.symtab.intern(name);
    if (m[4] !== undefined) {
      sym.kind = "defined";
      sym.section = undefined;
      sym.value = Number(m[4]);
      continue;
    }
    const target = ctx.symtab.get(m[1]);
    if (!target || target.kind === "undefined") throw new LinkError(`--defsym ${name}: undefined symbol \`${m[1]}' referenced in expression`);
    const delta = m[3] ? Number(m[3]) * (m[2] === "-" ? -1 : 1) : 0;
    sym.kind = target.kind;
    sym.section = target.section;
    sym.file = target.file;
    sym.type = target.type;
    sym.value = target.value + delta;
  }
}

function createFixedSections(ctx: Context): void {
  if (ctx.hasInterp) ctx.interp = new InterpSection(ctx.cfg.dynamicLinker ?? ctx.target.dynamicLinker);
  if (ctx.cfg.buildId) ctx.buildId = new BuildIdSection(buildIdSize(ctx.cfg.buildId));
  if (ctx.cfg.ehFrameHdr) {
    const ehFrames = ctx.objects.flatMap((o) => o.sections.filter((s): s is InputSection => !!s && !s.discarded && s.name === ".eh_frame"));
    if (ehFrames.length) {
      try {
        ctx.extraSynthetic.push({ section: new EhFrameHdrSection(countFdes(ehFrames)), output: ".eh_frame_hdr" });
      } catch (e) {
        ctx.diag.warn(`no .eh_frame_hdr table: ${(e as Error).message}`);
      }
    }
  }
}

/** Every chunk with the output section it belongs to, in the order they are laid out. */
function collectChunks(ctx: Context): Array<{ chunk: Chunk; output: string }> {
  const out: Array<{ chunk: Chunk; output: string }> = [];
  const add = (chunk: Chunk | undefined, output = chunk?.name): void => {
    if (chunk && output) out.push({ chunk, output });
  };
  add(ctx.interp);
  add(ctx.buildId);
  if (ctx.hasDynamicSection) {
    if (ctx.cfg.hashStyle !== "sysv") add(ctx.gnuHash);
    if (ctx.cfg.hashStyle !== "gnu") add(ctx.sysvHash);
    add(ctx.dynsym);
    add(ctx.dynstr);
    if (ctx.verneed.needs.length) {
      add(ctx.versym);
      add(ctx.verneed);
    }
    add(ctx.relaDyn);
    add(ctx.dynamic);
  }
  for (const x of ctx.extraSynthetic) add(x.section, x.output);
  add(ctx.relaPlt);
  add(ctx.plt);
  add(ctx.iplt, ".plt");
  // .got.plt before .got: where a target folds both into one output section, GNU ld's order.
  add(ctx.gotPlt);
  add(ctx.got);
  add(ctx.copies, ".bss");
  for (const obj of ctx.objects) {
    for (const sec of obj.sections) if (sec && !sec.discarded && !sec.mergedInto) add(sec, outputNameOf(sec.name, ctx.target));
  }
  add(ctx.commons, ".bss");
  return out;
}

function entryAddress(ctx: Context): number {
  const name = ctx.cfg.entry ?? (ctx.isShared ? undefined : "_start");
  if (!name) return 0;
  const sym = ctx.symtab.get(name);
  if (sym && sym.kind !== "undefined" && sym.kind !== "shared") return ctx.symAddr(sym);
  if (/^(0x[0-9a-f]+|\d+)$/i.test(name)) return Number(name);
  const text = ctx.outputSections.find((o) => o.name === ".text");
  ctx.diag.warn(`cannot find entry symbol ${name}; defaulting to ${(text?.addr ?? 0).toString(16).padStart(16, "0")}`);
  return text?.addr ?? 0;
}
