// -Map FILE: the link map in GNU ld's layout, so that people and tools used to
// reading ld's maps find things where they expect them: archive members and
// why they were pulled in, discarded input sections (COMDAT duplicates and
// --gc-sections garbage), then every output section with its input sections
// and the global symbols defined in each.

import { writeFileSync } from "node:fs";
import type { Context } from "./context.js";
import { LinkError } from "./diagnostics.js";
import { InputSection, type Chunk } from "./files.js";
import type { Symbol } from "./symbol.js";

const hex16 = (n: number): string => "0x" + n.toString(16).padStart(16, "0");
const size = (n: number): string => ("0x" + n.toString(16)).padStart(11);

/** A name column of `width`; longer names get a line of their own, as ld prints them. */
function column(name: string, width: number, indent: string): string {
  return name.length < width ? name.padEnd(width) : `${name}\n${indent}${" ".repeat(width)}`;
}

function fileOf(c: Chunk): string {
  return c instanceof InputSection ? c.file.name : "linker generated";
}

export function mapText(ctx: Context): string {
  const out: string[] = [];
  out.push("Archive member included to satisfy reference by file (symbol)\n");
  for (const m of ctx.archiveMembers) out.push(`${m.member}\n${" ".repeat(30)}${m.by} (${m.symbol})`);
  out.push("", "Discarded input sections\n");
  for (const obj of ctx.objects) {
    for (const s of obj.sections) {
      if (!s || !s.discarded) continue;
      out.push(` ${column(s.name, 15, " ")}${hex16(0)} ${size(s.size)} ${obj.name}`);
    }
  }
  out.push("", "Memory Configuration\n", "Name             Origin             Length             Attributes",
    `*default*        ${hex16(0)} 0xffffffffffffffff`, "", "Linker script and memory map\n");
  const loaded = new Set<string>();
  for (const obj of ctx.objects) {
    const archive = /^(.*)\([^()]*\)$/.exec(obj.name)?.[1];
    const name = archive ?? obj.name;
    if (!loaded.has(name)) { loaded.add(name); out.push(`LOAD ${name}`); }
  }
  for (const so of ctx.shared) out.push(`LOAD ${so.path}`);

  const byChunk = new Map<Chunk, Symbol[]>();
  for (const s of ctx.symtab.map.values()) {
    if (s.kind !== "defined" || !s.section || s.section.discarded) continue;
    const l = byChunk.get(s.section) ?? [];
    l.push(s);
    byChunk.set(s.section, l);
  }
  for (const o of ctx.outputSections) {
    out.push("", `${column(o.name, 16, "")}${hex16(o.addr)} ${size(o.size)}`);
    for (const c of o.chunks) {
      out.push(` ${column(c.name, 15, " ")}${hex16(c.addr)} ${size(c.size)} ${fileOf(c)}`);
      const syms = (byChunk.get(c) ?? []).sort((a, b) => a.value - b.value || (a.name < b.name ? -1 : 1));
      for (const s of syms) out.push(`${" ".repeat(16)}${hex16(ctx.symAddr(s))}${" ".repeat(16)}${s.name}`);
    }
  }
  const linkerSyms = [...ctx.symtab.map.values()].filter((s) => s.kind === "linker").sort((a, b) => a.value - b.value);
  if (linkerSyms.length) {
    out.push("", "Symbols defined by the linker\n");
    for (const s of linkerSyms) out.push(`${" ".repeat(16)}${hex16(s.value)}${" ".repeat(16)}${s.name}`);
  }
  out.push("", `OUTPUT(${ctx.cfg.output} elf64-x86-64)`, "");
  return out.join("\n");
}

export function writeMap(ctx: Context, path: string): void {
  try {
    writeFileSync(path, mapText(ctx));
  } catch (e) {
    throw new LinkError(`cannot open map file ${path}: ${(e as Error).message}`);
  }
}
