// The x86_64 backend's entry point: IR module → GNU assembler text.
//
// Code model (matches Debian gcc's default PIE): symbols defined here are
// reached pc-relatively, anything else through the GOT (data) or the PLT
// (calls). With `pic` (-fPIC, shared objects) only internal symbols are
// assumed local, since exported ones may be interposed. Thread-locals use
// local-exec when defined in an executable, initial-exec otherwise.

import type { Global, Module, Func } from "../ir/ir.js";
import { addressTakenSymbols, blockSymbol, emitGlobal as emitGlobalData, jumpTableData, functionHeader, moduleSymbols, stackNote, type DataSyntax } from "../codegen/module-emit.js";
import type { AsmLine, Inst } from "../asm/x86_64/inst.js";
import { directive, label, verbatim } from "../asm/x86_64/inst.js";
import { printAsm } from "../asm/x86_64/printer.js";
import type { MachineTarget } from "../codegen/driver.js";
import { generateFunction } from "../codegen/driver.js";
import type { CodegenOptions } from "../targets.js";
import type { ModuleContext } from "./isel.js";
import { ISel } from "./isel.js";
import type { X86Addr } from "./regs.js";
import { X86_FRAME, X86_HOOKS, emitFunction } from "./emit.js";
import { x86Machine, type X86Machine } from "./machine.js";
import { debugSections, fileDirectives, functionLines, recordEmitted, type DebugTarget, type EmittedFunction } from "../codegen/debuginfo.js";

const DW_OP_call_frame_cfa = 0x9c, DW_OP_breg0 = 0x70;
/** DWARF's number for %rbp. */
const DWARF_RBP = 6;

export type EmitOptions = Pick<CodegenOptions, "optLevel" | "pic">
  & Partial<Pick<CodegenOptions, "unwindTables" | "cfProtection" | "stackClashProtection" | "machine" | "jumpTables" | "functionAlign">>;

/** Per-function emission settings that depend on the whole module. */
interface ModuleEmitPlan { opts: EmitOptions; indirectlyReached: ReadonlySet<string> }

/** How x86_64 gcc spells data and symbol types. */
const X86_DATA: DataSyntax = { typePrefix: "@", word8: ".quad", word4: ".long", functionAlign: 4 };

function moduleContext(m: Module, pic: boolean, machine: X86Machine, jumpTables: boolean): ModuleContext {
  return {
    ...moduleSymbols(m, pic), pool: new Map(), poolKey: new Map(), jumpTables: new Map(), asmCount: 0, setjmpCount: 0, execStack: false,
    machine, useJumpTables: jumpTables && !machine.indirectThunk,
  };
}

/** The x86_64 machine layer for the shared driver (src/codegen/driver.ts). */
const X86_MACHINE: MachineTarget<X86Addr, ModuleContext> = {
  ...X86_HOOKS,
  legalize: { splitCriticalEdges: true, softFloat128: true, i128DivCalls: true },
  frame: X86_FRAME,
  select: (f, ctx) => new ISel(f, ctx).run(),
};

export function emitFunctionAsm(f: Func, ctx: ModuleContext, plan: ModuleEmitPlan, emitted?: EmittedFunction[]): AsmLine[] {
  const out: AsmLine[] = [];
  // The instruction selector is kept: -g asks it where each variable's slot went.
  let isel: ISel | undefined;
  const frame = ctx.machine.stackAlign < 16 ? { ...X86_FRAME, stackAlign: ctx.machine.stackAlign } : X86_FRAME;
  const mf = generateFunction(f, ctx, { ...X86_MACHINE, frame, select: (fn, c) => (isel = new ISel(fn, c)).run() });
  const { opts } = plan;
  const ibt = (opts.cfProtection ?? 0) & 1 ? {
    // gcc -O0 marks every entry; optimising, only those an indirect call may reach.
    entry: opts.optLevel === 0 || f.linkage !== "internal" || f.used === true || plan.indirectlyReached.has(f.name),
    labels: new Set(f.addressTaken.map((l) => blockSymbol(f.name, l))),
  } : undefined;
  // -falign-functions=N (gcc's default on x86_64: 16).
  functionHeader(out, X86_DATA, f, opts.functionAlign);
  // -g: line marks and scope labels (the function's debug description, when types are wanted too).
  const lines = functionLines(f, emitted);
  const code = emitFunction(mf, {
    unwindTables: opts.unwindTables !== false, ...(ibt ? { ibt } : {}), stackClash: opts.stackClashProtection === true,
    machine: ctx.machine,
    ...(lines ? { debug: lines } : {}),
  });
  for (const l of code) out.push(l); // (a spread overflows the stack on huge functions)
  out.push(directive(".size", f.name, `.-${f.name}`));
  recordEmitted(emitted, f, lines, (temp) => isel?.slotOfAlloca(temp), mf.slots);
  return out;
}

export function emitGlobal(g: Global): AsmLine[] {
  return emitGlobalData(g, X86_DATA);
}

export function emitModuleLines(m: Module, opts: EmitOptions): AsmLine[] {
  const ctx = moduleContext(m, opts.pic, x86Machine(opts.machine ?? []), opts.jumpTables !== false);
  const out: AsmLine[] = [];
  const debug = m.debug;
  const emitted: EmittedFunction[] | undefined = debug ? [] : undefined;
  if (debug) out.push(...fileDirectives(debug), directive(".text"), label(".Ltext0"));
  // File-scope asm first, as written; everything after names its own section.
  for (const a of m.asm) out.push(verbatim(a));
  const plan: ModuleEmitPlan = { opts, indirectlyReached: addressTakenSymbols(m) };
  for (const f of m.funcs) for (const l of emitFunctionAsm(f, ctx, plan, emitted)) out.push(l);
  if (debug) out.push(directive(".text"), label(".Letext0"));
  for (const g of m.globals) for (const l of emitGlobal(g)) out.push(l);
  if (ctx.pool.size) {
    out.push(directive(".section", ".rodata.cst16", '"aM"', "@progbits", "16"));
    for (const [lab, c] of ctx.pool) {
      out.push(directive(".p2align", "4"), label(lab));
      let n = 0;
      for (const w of c.words) {
        if (w.size === 4) out.push(directive(".long", String(BigInt.asUintN(32, w.value))));
        else out.push(directive(".quad", String(BigInt.asUintN(64, w.value))));
        n += w.size;
      }
      if (n < 16) out.push(directive(".zero", String(16 - n)));
    }
  }
  for (const l of jumpTableData<Inst>(ctx.jumpTables, X86_DATA)) out.push(l);
  if (debug && emitted) {
    // gcc's x86 spelling of the debug sections' 2-, 4- and 8-byte fields.
    const X86_DEBUG_WORDS = { 2: ".value", 4: ".long", 8: ".quad" } as const;
    // The frame base is the CFA (%rbp + 16 in every body) when unwind tables say so, else %rbp itself.
    const target: DebugTarget = opts.unwindTables !== false ? { frameBase: [DW_OP_call_frame_cfa], frameBaseBias: -16, words: X86_DEBUG_WORDS } : { frameBase: [DW_OP_breg0 + DWARF_RBP, 0], frameBaseBias: 0, words: X86_DEBUG_WORDS };
    for (const l of debugSections(debug, emitted, target, { start: ".Ltext0", end: ".Letext0" })) out.push(l);
  }
  out.push(stackNote(ctx.execStack));
  if (opts.cfProtection) gnuPropertyNote(out, opts.cfProtection);
  return out;
}

/** GNU_PROPERTY_X86_FEATURE_1_AND, the NT_GNU_PROPERTY_TYPE_0 property that marks CET-ready code. */
const X86_FEATURE_1_AND = 0xc0000002;

/**
 * The object's .note.gnu.property saying it is IBT (bit 0) and/or SHSTK
 * (bit 1) ready, laid out as gcc writes it (the linker ANDs these over all
 * inputs).
 */
function gnuPropertyNote(out: AsmLine[], features: number): void {
  const at = (k: number): string => `.Lgnu_property.${k}`;
  out.push(
    directive(".section", ".note.gnu.property", '"a"'), directive(".p2align", "3"),
    directive(".long", `${at(1)} - ${at(0)}`), directive(".long", `${at(4)} - ${at(1)}`),
    directive(".long", "5"), // NT_GNU_PROPERTY_TYPE_0
    label(at(0)), directive(".string", '"GNU"'), label(at(1)), directive(".p2align", "3"),
    directive(".long", `0x${X86_FEATURE_1_AND.toString(16)}`), directive(".long", `${at(3)} - ${at(2)}`),
    label(at(2)), directive(".long", `0x${features.toString(16)}`), label(at(3)), directive(".p2align", "3"), label(at(4)),
  );
}

/** The whole module as GNU as text. */
export function emitAssembly(m: Module, opts: EmitOptions): string {
  return printAsm(emitModuleLines(m, opts));
}
