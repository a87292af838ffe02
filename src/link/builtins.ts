// Symbols the linker defines when objects reference them without defining
// them: the boundaries GNU ld's default script PROVIDEs (`_end`,
// `__init_array_start` …), `_GLOBAL_OFFSET_TABLE_`, `_DYNAMIC`, and
// `__start_SEC`/`__stop_SEC` for output sections named like C identifiers.
// Their values are computed after layout.

import { SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, STV_HIDDEN } from "../elf/constants.js";
import type { Context } from "./context.js";
import type { OutputSection } from "./files.js";
import { outputNameOf } from "./layout.js";
import type { Symbol } from "./symbol.js";

type Value = (ctx: Context) => number;

const section = (ctx: Context, name: string): OutputSection | undefined => ctx.outputSections.find((o) => o.name === name);
const start = (name: string): Value => (ctx) => section(ctx, name)?.addr ?? endOfRelroData(ctx);
const end = (name: string): Value => (ctx) => {
  const o = section(ctx, name);
  return o ? o.addr + o.size : endOfRelroData(ctx);
};

/** Where an absent array would have been: anywhere works as long as start == end. */
function endOfRelroData(ctx: Context): number {
  return ctx.baseAddress;
}

function lastWhere(ctx: Context, pred: (o: OutputSection) => boolean, withBss: boolean): number {
  let e = ctx.baseAddress;
  for (const o of ctx.outputSections) {
    if (!(o.flags & SHF_ALLOC) || !pred(o)) continue;
    if (!withBss && o.type === SHT_NOBITS) continue;
    e = Math.max(e, o.addr + (o.type === SHT_NOBITS && !withBss ? 0 : o.size));
  }
  return e;
}

const endOfText: Value = (ctx) => lastWhere(ctx, (o) => (o.flags & SHF_EXECINSTR) !== 0, true);
const endOfData: Value = (ctx) => lastWhere(ctx, (o) => (o.flags & SHF_WRITE) !== 0, false);
const endOfBss: Value = (ctx) => lastWhere(ctx, () => true, true);
const bssStart: Value = (ctx) => section(ctx, ".bss")?.addr ?? endOfData(ctx);

/** IRELATIVE relocations of static executables, which the C library applies itself. */
const irelStart: Value = (ctx) => (ctx.hasDynamicSection || !ctx.relaPlt.output ? 0 : ctx.relaPlt.addr);
const irelEnd: Value = (ctx) => (ctx.hasDynamicSection || !ctx.relaPlt.output ? 0 : ctx.relaPlt.addr + ctx.relaPlt.size);

/** .got.plt's start on targets whose ABI says so (x86_64), else .got's; whichever exists. */
function globalOffsetTable(ctx: Context): number {
  const first = ctx.target.gotSymbolInGotPlt ? [ctx.gotPlt, ctx.got] : [ctx.got, ctx.gotPlt];
  const present = first.find((c) => c.output);
  return present ? present.addr : 0;
}

const BUILTINS: ReadonlyArray<readonly [string, Value]> = [
  ["__ehdr_start", (ctx) => ctx.baseAddress],
  ["__executable_start", (ctx) => ctx.baseAddress],
  ["etext", endOfText], ["_etext", endOfText], ["__etext", endOfText],
  ["edata", endOfData], ["_edata", endOfData],
  ["end", endOfBss], ["_end", endOfBss],
  ["__bss_start", bssStart],
  ["__preinit_array_start", start(".preinit_array")], ["__preinit_array_end", end(".preinit_array")],
  ["__init_array_start", start(".init_array")], ["__init_array_end", end(".init_array")],
  ["__fini_array_start", start(".fini_array")], ["__fini_array_end", end(".fini_array")],
  ["__rela_iplt_start", irelStart], ["__rela_iplt_end", irelEnd],
  ["_GLOBAL_OFFSET_TABLE_", globalOffsetTable],
  ["__GNU_EH_FRAME_HDR", start(".eh_frame_hdr")],
];
const TABLE = new Map(BUILTINS);

const isCIdentifier = (s: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);

/**
 * Turn referenced-but-undefined names the linker can supply into "linker"
 * symbols (before relocation scanning, so they count as defined).
 */
export function defineBuiltins(ctx: Context): Array<{ sym: Symbol; value: Value }> {
  const outputNames = new Set<string>();
  for (const obj of ctx.objects) for (const s of obj.sections) if (s && !s.discarded) outputNames.add(outputNameOf(s.name, ctx.target));
  const defined: Array<{ sym: Symbol; value: Value }> = [];
  const targetTable = new Map(ctx.target.builtins ?? []);
  const define = (sym: Symbol, value: Value): void => {
    sym.kind = "linker";
    sym.file = undefined;
    sym.version = undefined;
    sym.visibility = STV_HIDDEN;
    defined.push({ sym, value });
  };
  for (const sym of ctx.symtab.map.values()) {
    // A definition in a shared object does not count: GNU ld's PROVIDE replaces it too.
    if (sym.kind !== "undefined" && sym.kind !== "shared") continue;
    const fixed = TABLE.get(sym.name) ?? targetTable.get(sym.name);
    if (fixed) {
      define(sym, fixed);
      continue;
    }
    if (sym.name === "_DYNAMIC" && ctx.hasDynamicSection) {
      define(sym, (c) => c.dynamic?.addr ?? 0);
      continue;
    }
    const m = /^__(start|stop)_(.+)$/.exec(sym.name);
    if (m && isCIdentifier(m[2]) && outputNames.has(m[2])) define(sym, m[1] === "start" ? start(m[2]) : end(m[2]));
  }
  return defined;
}
