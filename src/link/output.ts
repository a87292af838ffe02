// Producing the output file: the memory image of all sections, relocated,
// the synthetic sections' contents, the section header table, the optional
// static symbol table and build-id, written under a temporary name and
// renamed into place only when complete.

import { createHash, randomBytes } from "node:crypto";
import { writeFileAtomically } from "../output-file.js";
import { ET, ELFOSABI_NONE, SHT_NOBITS, SHT_STRTAB, SHT_SYMTAB, SYM_SIZE } from "../elf/constants.js";
import type { ProgramHeader } from "../elf/types.js";
import { writeElf, type SectionImage } from "../elf/writer.js";
import { alignUp } from "../elf/bytes.js";
import type { Context } from "./context.js";
import { LinkError } from "./diagnostics.js";
import { InputSection, type OutputSection } from "./files.js";
import { applyNonAllocRelocations, applyRelocations } from "./scan.js";
import { buildSymtab } from "./symtab.js";
import { SyntheticSection } from "./synthetic.js";

/** sh_link / sh_info of output sections that refer to other sections. */
const LINKS: Record<string, { link?: string; info?: string }> = {
  ".dynsym": { link: ".dynstr" },
  ".gnu.hash": { link: ".dynsym" },
  ".hash": { link: ".dynsym" },
  ".gnu.version": { link: ".dynsym" },
  ".gnu.version_r": { link: ".dynstr" },
  ".rela.dyn": { link: ".dynsym" },
  ".rela.plt": { link: ".dynsym", info: ".got.plt" },
  ".dynamic": { link: ".dynstr" },
};

export function buildImage(ctx: Context, phdrs: ProgramHeader[], fileEnd: number, entry: number): Uint8Array {
  const buf = new Uint8Array(fileEnd);
  const dv = new DataView(buf.buffer);
  for (const o of ctx.outputSections) {
    if (o.type === SHT_NOBITS) continue;
    for (const c of o.chunks) if (c instanceof InputSection && c.type !== SHT_NOBITS) buf.set(c.data, c.fileOffset);
  }
  applyRelocations(ctx, dv);
  applyNonAllocRelocations(ctx, dv);
  ctx.diag.check();
  for (const o of ctx.outputSections) {
    if (o.type === SHT_NOBITS) continue;
    for (const c of o.chunks) if (c instanceof SyntheticSection) c.write(ctx, buf, dv);
  }

  const byName = new Map(ctx.outputSections.map((o) => [o.name, o]));
  const index = (name: string | undefined): number => (name ? byName.get(name)?.index ?? 0 : 0);
  const sections: SectionImage[] = ctx.outputSections.map((o) => ({
    header: {
      name: o.name, type: o.type, flags: o.flags, addr: o.addr, offset: o.offset, size: o.size,
      link: index(LINKS[o.name]?.link), info: infoOf(ctx, o, index), addralign: o.align, entsize: entsizeOf(o),
    },
    data: undefined,
  }));
  let end = fileEnd;
  if (!ctx.cfg.stripAll) {
    const st = buildSymtab(ctx);
    const symOff = alignUp(end, 8);
    const strOff = symOff + st.symtab.length;
    const symIndex = sections.length + 1;
    sections.push({
      header: { name: ".symtab", type: SHT_SYMTAB, flags: 0, addr: 0, offset: symOff, size: st.symtab.length, link: symIndex + 1, info: st.firstGlobal, addralign: 8, entsize: SYM_SIZE },
      data: st.symtab,
    });
    sections.push({
      header: { name: ".strtab", type: SHT_STRTAB, flags: 0, addr: 0, offset: strOff, size: st.strtab.length, link: 0, info: 0, addralign: 1, entsize: 0 },
      data: st.strtab,
    });
    end = strOff + st.strtab.length;
  }
  const image = writeElf({
    header: { type: ET.get(ctx.pic ? "ET_DYN" : "ET_EXEC"), machine: ctx.target.machine, osabi: ELFOSABI_NONE, entry, flags: ctx.target.outputFlags?.(ctx) ?? 0 },
    programHeaders: phdrs,
    sections,
    contentEnd: end,
    content: buf,
  });
  if (ctx.buildId) fillBuildId(ctx, image);
  return image;
}

function infoOf(ctx: Context, o: OutputSection, index: (n: string) => number): number {
  if (o.name === ".dynsym") return 1; // every dynamic symbol is global
  if (o.name === ".gnu.version_r") return ctx.verneed.needs.length;
  if (o.name === ".rela.plt") return ctx.gotPlt.output?.index ?? 0;
  const info = LINKS[o.name]?.info;
  return info ? index(info) : 0;
}

/** The entry size every chunk of the section shares, or 0. */
function entsizeOf(o: OutputSection): number {
  const sizes = new Set(o.chunks.map((c) => c instanceof SyntheticSection ? c.entsize : c instanceof InputSection ? c.header.entsize : 0));
  return sizes.size === 1 ? [...sizes][0] : 0;
}

function fillBuildId(ctx: Context, image: Uint8Array): void {
  const b = ctx.buildId!;
  const style = ctx.cfg.buildId ?? "sha1";
  let id: Uint8Array;
  if (style.startsWith("0x")) id = Uint8Array.from(Buffer.from(style.slice(2), "hex"));
  else if (style === "uuid") id = Uint8Array.from(randomBytes(16));
  else id = Uint8Array.from(createHash(style === "md5" ? "md5" : "sha1").update(image).digest());
  image.set(id.subarray(0, b.hashSize), b.hashOffset);
}

export function buildIdSize(style: string): number {
  if (style.startsWith("0x")) return Math.floor((style.length - 2) / 2);
  return style === "md5" || style === "uuid" ? 16 : 20;
}

/** Write `bytes` to `path` atomically: a temporary name beside it, then rename. */
export function writeOutputFile(path: string, bytes: Uint8Array, executable: boolean): void {
  try {
    writeFileAtomically(path, bytes, "tscc-ld", executable ? 0o755 : undefined);
  } catch (e) {
    throw new LinkError(`cannot open output file ${path}: ${(e as Error).message}`);
  }
}
