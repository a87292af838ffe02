// Output sections and segments. Input sections are merged by name into
// output sections (the prefix rules of GNU ld's default script), output
// sections are ordered as GNU ld orders them, grouped into load segments by
// permission (read-only headers, code, read-only data, RELRO data, data),
// and given addresses. Every segment starts on a fresh page, with file offset
// equal to address minus base, which keeps the file and memory images alike.

import { alignUp } from "../elf/bytes.js";
import {
  PF_R, PF_W, PF_X, PT_DYNAMIC, PT_GNU_EH_FRAME, PT_GNU_RELRO, PT_GNU_STACK, PT_INTERP, PT_LOAD, PT_NOTE, PT_PHDR, PT_TLS,
  EHDR_SIZE, PHDR_SIZE, SHF_ALLOC, SHF_EXECINSTR, SHF_GROUP, SHF_MERGE, SHF_STRINGS, SHF_TLS, SHF_WRITE, SHT_NOBITS,
  SHT_NOTE, SHT_PROGBITS,
} from "../elf/constants.js";
import type { ProgramHeader } from "../elf/types.js";
import type { Context } from "./context.js";
import type { Chunk, OutputSection } from "./files.js";
import type { LinkTarget } from "./target.js";

/** Load segments in address order. `relro` and `data` share one PT_LOAD. */
export type SegmentClass = "headers" | "text" | "rodata" | "relro" | "data";

/**
 * Output sections in the order of GNU ld's generic ELF script. Names starting
 * with '@' are where orphans (sections the list does not name) of that kind go.
 * A target whose GNU ld script differs gives its own order (LinkTarget.sectionLayout).
 */
export const GENERIC_SECTION_ORDER: ReadonlyArray<readonly [string, SegmentClass]> = [
  [".interp", "headers"], [".note.gnu.property", "headers"], [".note.gnu.build-id", "headers"],
  [".note.ABI-tag", "headers"], ["@note", "headers"], [".hash", "headers"], [".gnu.hash", "headers"],
  [".dynsym", "headers"], [".dynstr", "headers"], [".gnu.version", "headers"], [".gnu.version_d", "headers"],
  [".gnu.version_r", "headers"], [".rela.dyn", "headers"], [".rela.plt", "headers"],
  [".init", "text"], [".plt", "text"], [".plt.got", "text"], [".text", "text"], ["@text", "text"], [".fini", "text"],
  [".rodata", "rodata"], [".rodata1", "rodata"], ["@rodata", "rodata"], [".eh_frame_hdr", "rodata"],
  [".eh_frame", "rodata"], [".gcc_except_table", "rodata"],
  [".tdata", "relro"], [".tbss", "relro"], ["@tls", "relro"], [".preinit_array", "relro"], [".init_array", "relro"],
  [".fini_array", "relro"], [".data.rel.ro", "relro"], [".dynamic", "relro"], [".got", "relro"],
  [".got.plt", "data"], [".data", "data"], ["@data", "data"], [".bss", "data"], ["@bss", "data"],
];

/** Input names that merge into a differently named output section: exact name or name + ".suffix". */
const MERGE_PREFIXES = [
  ".text", ".rodata", ".data.rel.ro", ".data", ".bss", ".tdata", ".tbss", ".init_array", ".fini_array",
  ".preinit_array", ".gcc_except_table", ".gnu.linkonce.t", ".gnu.linkonce.r", ".gnu.linkonce.d", ".gnu.linkonce.b",
];
const LINKONCE: Record<string, string> = {
  ".gnu.linkonce.t": ".text", ".gnu.linkonce.r": ".rodata", ".gnu.linkonce.d": ".data", ".gnu.linkonce.b": ".bss",
};

/** The section rules of one target: its order, the classes, its extra merges. */
interface Rules {
  rank: Map<string, number>;
  cls: Map<string, SegmentClass>;
  mergeInto: ReadonlyArray<readonly [string, string]>;
  separateCode: boolean;
  orderLength: number;
}
const rulesCache = new WeakMap<LinkTarget, Rules>();
function rulesOf(target: LinkTarget): Rules {
  let r = rulesCache.get(target);
  if (!r) {
    const order = target.sectionLayout?.order ?? GENERIC_SECTION_ORDER;
    r = {
      rank: new Map(order.map(([name], i) => [name, i])),
      cls: new Map(order.map(([name, cls]) => [name, cls])),
      mergeInto: target.sectionLayout?.mergeInto ?? [],
      separateCode: target.sectionLayout?.separateCode ?? true,
      orderLength: order.length,
    };
    rulesCache.set(target, r);
  }
  return r;
}

const matchesPrefix = (name: string, p: string): boolean => name === p || name.startsWith(p + ".");

/** The output section an input (or synthetic) section named `name` goes to on `target`. */
export function outputNameOf(name: string, target: LinkTarget): string {
  for (const [p, out] of rulesOf(target).mergeInto) if (matchesPrefix(name, p)) return out;
  for (const p of MERGE_PREFIXES) {
    if (name === p || name.startsWith(p + ".")) return LINKONCE[p] ?? p;
  }
  return name;
}

function orphanSlot(o: OutputSection): string {
  if (o.type === SHT_NOTE) return "@note";
  if (o.flags & SHF_TLS) return "@tls";
  if (o.flags & SHF_EXECINSTR) return "@text";
  if (!(o.flags & SHF_WRITE)) return "@rodata";
  return o.type === SHT_NOBITS ? "@bss" : "@data";
}

/** Non-allocated sections follow everything loaded: these in GNU ld's order, then others in input order. */
const NON_ALLOC_ORDER = [
  ".comment", ".gnu.build.attributes", ".debug", ".line", ".debug_srcinfo", ".debug_sfnames", ".debug_aranges",
  ".debug_pubnames", ".debug_info", ".debug_abbrev", ".debug_line", ".debug_frame", ".debug_str", ".debug_loc",
  ".debug_macinfo", ".debug_weaknames", ".debug_funcnames", ".debug_typenames", ".debug_varnames",
  ".debug_pubtypes", ".debug_ranges", ".debug_addr", ".debug_line_str", ".debug_loclists", ".debug_macro",
  ".debug_names", ".debug_rnglists", ".debug_str_offsets", ".debug_sup", ".gnu.attributes",
];
const NON_ALLOC_RANK = new Map(NON_ALLOC_ORDER.map((name, i) => [name, i]));

const rankOf = (o: OutputSection, r: Rules): number =>
  !(o.flags & SHF_ALLOC) ? r.orderLength + (NON_ALLOC_RANK.get(o.name) ?? NON_ALLOC_ORDER.length)
    : r.rank.get(o.name) ?? r.rank.get(orphanSlot(o))! + 0.5;
const classOf = (o: OutputSection, r: Rules): SegmentClass => r.cls.get(o.name) ?? r.cls.get(orphanSlot(o))!;

/**
 * GNU ld's script gathers code by kind at the start of .text: unlikely, exit,
 * startup (gcc's main at -O2), hot, then .text.sorted.*, then everything else.
 */
function textGroup(c: Chunk): number {
  const n = c.name;
  const is = (p: string): boolean => n === p || n.startsWith(p + ".");
  if (is(".text.unlikely") || /^\.text\..*_unlikely$/.test(n)) return 0;
  if (is(".text.exit")) return 1;
  if (is(".text.startup")) return 2;
  if (is(".text.hot")) return 3;
  if (n.startsWith(".text.sorted.")) return 4;
  return 5;
}

/** `.init_array.00100` runs before `.init_array` (priority 65535 + 1). */
function initPriority(c: Chunk): number {
  const m = /\.(?:init|fini|preinit)_array\.(\d+)$/.exec(c.name);
  return m ? Number(m[1]) : 65536;
}

/**
 * Output sections that end up empty are dropped, but symbols defined in their
 * (empty) input sections still need an address: where the section would have
 * been, as GNU ld gives them (crtend's `__TMC_END__` in an empty .tm_clone_table).
 */
const phantoms = new WeakMap<Context, OutputSection[]>();

/** Gather chunks into output sections, in output order; empty ones are dropped. */
export function createOutputSections(ctx: Context, chunks: Array<{ chunk: Chunk; output: string }>): void {
  const byName = new Map<string, OutputSection>();
  const rules = rulesOf(ctx.target);
  const named = chunks.map(({ chunk, output }) => ({ chunk, output: rules.mergeInto.find(([p]) => matchesPrefix(output, p))?.[1] ?? output }));
  const isEmpty = (c: Chunk): boolean => c.size === 0 && c.type !== SHT_NOBITS;
  const existing = new Set(named.filter((x) => !isEmpty(x.chunk)).map((x) => x.output));
  const empty = new Map<string, OutputSection>();
  for (const { chunk, output } of named) {
    if (isEmpty(chunk)) {
      // Kept in place (it takes no space) when its output section exists, else given a phantom one.
      const host = existing.has(output) ? byName.get(output) : undefined;
      if (host) {
        host.chunks.push(chunk);
        chunk.output = host;
      } else if (!existing.has(output)) {
        let ph = empty.get(output);
        if (!ph) empty.set(output, (ph = { name: output, type: chunk.type, flags: chunk.flags, align: 1, chunks: [], addr: 0, offset: 0, size: 0, index: 0 }));
        ph.chunks.push(chunk);
        chunk.output = ph;
      }
      continue;
    }
    let o = byName.get(output);
    if (!o) {
      o = { name: output, type: chunk.type, flags: 0, align: 1, chunks: [], addr: 0, offset: 0, size: 0, index: 0 };
      byName.set(output, o);
    }
    if (o.type === SHT_NOBITS && chunk.type !== SHT_NOBITS) o.type = chunk.type;
    o.flags |= chunk.flags & ~(SHF_GROUP | SHF_MERGE | SHF_STRINGS);
    o.align = Math.max(o.align, chunk.align);
    o.chunks.push(chunk);
    chunk.output = o;
  }
  phantoms.set(ctx, [...empty.values(), ...[...byName.values()].filter((o) => !o.chunks.some((c) => c.size > 0))]);
  const list = [...byName.values()].filter((o) => o.chunks.some((c) => c.size > 0));
  for (const o of list) {
    if (/^\.(init|fini|preinit)_array$/.test(o.name)) {
      o.chunks = o.chunks.map((c, i) => ({ c, i })).sort((a, b) => initPriority(a.c) - initPriority(b.c) || a.i - b.i).map((x) => x.c);
    }
    if (o.name === ".text") {
      o.chunks = o.chunks.map((c, i) => ({ c, i, g: textGroup(c) }))
        .sort((a, b) => a.g - b.g || (a.g === 4 ? (a.c.name < b.c.name ? -1 : a.c.name > b.c.name ? 1 : 0) : 0) || a.i - b.i)
        .map((x) => x.c);
    }
    if (o.type === SHT_NOBITS && o.chunks.some((c) => c.type !== SHT_NOBITS)) o.type = SHT_PROGBITS;
  }
  // Stable sort by rank keeps orphans of one kind in the order they first appeared.
  ctx.outputSections = list.map((o, i) => ({ o, i })).sort((a, b) => rankOf(a.o, rules) - rankOf(b.o, rules) || a.i - b.i).map((x) => x.o);
  ctx.outputSections.forEach((o, i) => { o.index = i + 1; });
}

/** Program headers other than PT_LOAD are derived from the sections; count them before addresses exist. */
interface Segment {
  cls: SegmentClass;
  sections: OutputSection[];
}

function segmentsOf(ctx: Context): Segment[] {
  const segs: Segment[] = [];
  const rules = rulesOf(ctx.target);
  // Without separate code, headers, code and read-only data share one R+X segment (GNU ld's -z noseparate-code).
  const firstClass: SegmentClass = rules.separateCode ? "headers" : "text";
  for (const o of ctx.outputSections) {
    if (!(o.flags & SHF_ALLOC)) continue;
    let cls = classOf(o, rules);
    if (!rules.separateCode && (cls === "headers" || cls === "rodata")) cls = "text";
    if (cls === "relro" && !ctx.relro) cls = "data";
    const last = segs[segs.length - 1];
    // RELRO and data share a PT_LOAD; the RELRO part ends on a page boundary.
    const merge = last && (last.cls === cls || (last.cls === "relro" && cls === "data"));
    if (merge) last.sections.push(o);
    else segs.push({ cls, sections: [o] });
  }
  if (segs.length === 0 || segs[0].cls !== firstClass) segs.unshift({ cls: firstClass, sections: [] });
  return segs;
}

const FLAGS: Record<SegmentClass, number> = {
  headers: PF_R, text: PF_R | PF_X, rodata: PF_R, relro: PF_R | PF_W, data: PF_R | PF_W,
};

/** Offsets of an output section's chunks, each at its alignment; sets the section's size. */
function placeChunks(o: OutputSection): void {
  let off = 0;
  for (const c of o.chunks) {
    // An empty input section marks a place; it adds no alignment padding.
    if (c.size > 0 || c.type === SHT_NOBITS) off = alignUp(off, c.align);
    c.offset = off;
    off += c.size;
  }
  o.size = off;
}

/** A dropped output section sits where the next kept one (in section order) starts. */
function placePhantoms(ctx: Context, rules: Rules): void {
  const alloc = ctx.outputSections.filter((o) => o.flags & SHF_ALLOC);
  const last = alloc[alloc.length - 1];
  for (const ph of phantoms.get(ctx) ?? []) {
    if (!(ph.flags & SHF_ALLOC)) continue;
    const rank = rankOf(ph, rules);
    const next = alloc.find((o) => rankOf(o, rules) > rank);
    ph.addr = next ? next.addr : last ? last.addr + last.size : ctx.baseAddress;
    // Symbols in it are listed against the section they now sit at.
    ph.index = (next ?? last)?.index ?? 0;
    for (const c of ph.chunks) c.offset = 0;
  }
}

/** Assign addresses and file offsets; returns the program headers and the end of the file image. */
export function assignAddresses(ctx: Context): { phdrs: ProgramHeader[]; fileEnd: number } {
  const page = ctx.target.pageSize;
  const base = ctx.baseAddress;
  const segs = segmentsOf(ctx);
  const find = (name: string): OutputSection | undefined => ctx.outputSections.find((o) => o.name === name);
  const tlsSecs = ctx.outputSections.filter((o) => o.flags & SHF_TLS);
  const notes = ctx.outputSections.filter((o) => o.type === SHT_NOTE && o.flags & SHF_ALLOC);
  const tlsAlign = Math.max(1, ...tlsSecs.map((o) => o.align));
  const rules = rulesOf(ctx.target);
  const hasRelro = ctx.relro && ctx.outputSections.some((o) => classOf(o, rules) === "relro");

  const phnum = (ctx.hasInterp ? 2 : 0) + segs.length + (ctx.dynamic ? 1 : 0) + notes.length
    + (find(".eh_frame_hdr") ? 1 : 0) + 1 + (hasRelro ? 1 : 0) + (tlsSecs.length ? 1 : 0);
  let addr = base + EHDR_SIZE + phnum * PHDR_SIZE;

  const loads: ProgramHeader[] = [];
  let relroStart = 0, relroEnd = 0;
  for (const [si, seg] of segs.entries()) {
    if (si > 0) addr = alignUp(addr, page);
    const segStart = si === 0 ? base : addr;
    let fileEnd = segStart;
    for (const o of seg.sections) {
      const cls = classOf(o, rules);
      if (cls === "data" && seg.cls === "relro" && relroEnd === 0) {
        // End RELRO on a page boundary so the dynamic linker can protect all of it.
        relroEnd = addr = alignUp(addr, page);
      }
      if (cls === "relro" && relroStart === 0) relroStart = addr;
      // The TLS template starts at its strictest alignment, so that its offset from the thread pointer is exact.
      addr = alignUp(addr, o === tlsSecs[0] ? tlsAlign : o.align);
      o.addr = addr;
      o.offset = addr - base;
      placeChunks(o);
      // .tbss occupies no address space outside the TLS template.
      if (!(o.type === SHT_NOBITS && o.flags & SHF_TLS)) addr += o.size;
      if (o.type !== SHT_NOBITS) fileEnd = addr;
    }
    if (seg.cls === "relro" && relroEnd === 0) relroEnd = alignUp(addr, page);
    loads.push({
      type: PT_LOAD, flags: FLAGS[seg.cls], offset: segStart - base, vaddr: segStart, paddr: segStart,
      filesz: fileEnd - segStart, memsz: addr - segStart, align: page,
    });
  }
  // The first segment also maps the ELF header and program headers.
  if (loads[0].memsz === 0) {
    loads[0].filesz = loads[0].memsz = EHDR_SIZE + phnum * PHDR_SIZE;
  }

  const phdrs: ProgramHeader[] = [];
  const secHdr = (type: number, flags: number, o: { addr: number; offset: number; size: number }, align: number, filesz = o.size): ProgramHeader => ({
    type, flags, offset: o.offset, vaddr: o.addr, paddr: o.addr, filesz, memsz: o.size, align,
  });
  if (ctx.hasInterp) {
    phdrs.push({ type: PT_PHDR, flags: PF_R, offset: EHDR_SIZE, vaddr: base + EHDR_SIZE, paddr: base + EHDR_SIZE, filesz: phnum * PHDR_SIZE, memsz: phnum * PHDR_SIZE, align: 8 });
    const interp = find(".interp")!;
    phdrs.push(secHdr(PT_INTERP, PF_R, interp, 1));
  }
  phdrs.push(...loads);
  if (ctx.dynamic) phdrs.push(secHdr(PT_DYNAMIC, PF_R | PF_W, find(".dynamic")!, 8));
  for (const n of notes) phdrs.push(secHdr(PT_NOTE, PF_R, n, n.align));
  const ehHdr = find(".eh_frame_hdr");
  if (ehHdr) phdrs.push(secHdr(PT_GNU_EH_FRAME, PF_R, ehHdr, 4));
  phdrs.push({ type: PT_GNU_STACK, flags: PF_R | PF_W | (ctx.execStack && !ctx.cfg.z.has("noexecstack") || ctx.cfg.z.has("execstack") ? PF_X : 0), offset: 0, vaddr: 0, paddr: 0, filesz: 0, memsz: 0, align: 16 });
  if (hasRelro) {
    phdrs.push({ type: PT_GNU_RELRO, flags: PF_R, offset: relroStart - base, vaddr: relroStart, paddr: relroStart, filesz: relroEnd - relroStart, memsz: relroEnd - relroStart, align: 1 });
  }
  if (tlsSecs.length) {
    const start = tlsSecs[0].addr;
    const align = tlsAlign;
    const last = tlsSecs[tlsSecs.length - 1];
    const memsz = last.addr + last.size - start;
    const init = tlsSecs.filter((o) => o.type !== SHT_NOBITS);
    const filesz = init.length ? init[init.length - 1].addr + init[init.length - 1].size - start : 0;
    ctx.tls = { start, size: alignUp(memsz, align), align };
    phdrs.push({ type: PT_TLS, flags: PF_R, offset: start - base, vaddr: start, paddr: start, filesz, memsz, align });
  }
  if (phdrs.length !== phnum) throw new Error(`internal: counted ${phnum} program headers, made ${phdrs.length}`);
  placePhantoms(ctx, rules);
  let fileEnd = Math.max(...loads.map((l) => l.offset + l.filesz));
  // Non-allocated sections: file contents only, at address 0.
  for (const o of ctx.outputSections) {
    if (o.flags & SHF_ALLOC) continue;
    placeChunks(o);
    o.addr = 0;
    o.offset = fileEnd = alignUp(fileEnd, o.align);
    fileEnd += o.size;
  }
  return { phdrs, fileEnd };
}
