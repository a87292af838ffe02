// The aarch64 backend's entry point: IR module → GNU assembler lines.
//
// Code model (as Debian gcc's default PIE): symbols defined here are reached
// with adrp + add :lo12:, anything else through the GOT (adrp :got: + ldr
// :got_lo12:); calls are `bl`, the linker adds PLT entries. With `pic` only
// internal symbols are assumed local. Thread-locals: local-exec when defined
// in an executable, initial-exec otherwise.

import type { Func, Global, Module } from "../ir/ir.js";
import { emitGlobal as emitGlobalData, jumpTableData, functionHeader, moduleSymbols, stackNote, type DataSyntax } from "../codegen/module-emit.js";
import type { AsmLine } from "../asm/lines.js";
import { directive, label, verbatim } from "../asm/lines.js";
import type { Inst } from "../asm/aarch64/inst.js";
import type { MachineTarget } from "../codegen/driver.js";
import { generateFunction } from "../codegen/driver.js";
import type { CodegenOptions } from "../targets.js";
import type { ModuleContext } from "./isel.js";
import { ISel } from "./isel.js";
import type { A64Addr } from "./regs.js";
import { A64_FRAME, A64_HOOKS, emitFunction } from "./emit.js";
import { debugSections, fileDirectives, functionLines, recordEmitted, SIZED_WORDS, type DebugTarget, type EmittedFunction } from "../codegen/debuginfo.js";

const DW_OP_call_frame_cfa = 0x9c, DW_OP_breg0 = 0x70;
/** DWARF's number for x29. */
const DWARF_FP = 29;

export type EmitOptions = Pick<CodegenOptions, "optLevel" | "pic"> & Partial<Pick<CodegenOptions, "unwindTables" | "functionAlign" | "stackClashProtection" | "jumpTables">>;

/** How aarch64 gcc spells data and symbol types. */
const A64_DATA: DataSyntax = { typePrefix: "%", word8: ".xword", word4: ".word", functionAlign: 2 };

function moduleContext(m: Module, pic: boolean, useJumpTables: boolean): ModuleContext {
  return { ...moduleSymbols(m, pic), jumpTables: new Map(), useJumpTables, asmCount: 0, setjmpCount: 0, execStack: false };
}

const A64_MACHINE: MachineTarget<A64Addr, ModuleContext> = {
  ...A64_HOOKS,
  legalize: { splitCriticalEdges: true, softFloat128: true, i128DivCalls: true },
  frame: A64_FRAME,
  select: (f, cx) => new ISel(f, cx).run(),
};

function emitFunctionAsm(f: Func, ctx: ModuleContext, opts: EmitOptions, emitted?: EmittedFunction[]): AsmLine<Inst>[] {
  const out: AsmLine<Inst>[] = [];
  let isel: ISel | undefined;
  const mf = generateFunction(f, ctx, { ...A64_MACHINE, select: (fn, c) => (isel = new ISel(fn, c)).run() });
  functionHeader(out, A64_DATA, f, opts.functionAlign);
  const lines = functionLines(f, emitted);
  const code = emitFunction(mf, {
    unwindTables: opts.unwindTables !== false, stackClash: opts.stackClashProtection === true, ...(lines ? { debug: lines } : {}),
  });
  for (const l of code) out.push(l);
  out.push(directive(".size", f.name, `.-${f.name}`));
  recordEmitted(emitted, f, lines, (temp) => isel?.slotOfAlloca(temp), mf.slots);
  return out;
}

export function emitGlobal(g: Global): AsmLine<Inst>[] {
  return emitGlobalData(g, A64_DATA);
}

export function emitModuleLines(m: Module, opts: EmitOptions): AsmLine<Inst>[] {
  const ctx = moduleContext(m, opts.pic, opts.jumpTables !== false);
  const out: AsmLine<Inst>[] = [];
  const debug = m.debug;
  const emitted: EmittedFunction[] | undefined = debug ? [] : undefined;
  if (debug) out.push(...fileDirectives(debug), directive(".text"), label(".Ltext0"));
  for (const a of m.asm) out.push(verbatim(a));
  for (const f of m.funcs) for (const l of emitFunctionAsm(f, ctx, opts, emitted)) out.push(l);
  if (debug) out.push(directive(".text"), label(".Letext0"));
  for (const g of m.globals) for (const l of emitGlobal(g)) out.push(l);
  for (const l of jumpTableData<Inst>(ctx.jumpTables, A64_DATA)) out.push(l);
  if (debug && emitted) {
    const target: DebugTarget = opts.unwindTables !== false ? { frameBase: [DW_OP_call_frame_cfa], frameBaseBias: -16, words: SIZED_WORDS } : { frameBase: [DW_OP_breg0 + DWARF_FP, 0], frameBaseBias: 0, words: SIZED_WORDS };
    for (const l of debugSections(debug, emitted, target, { start: ".Ltext0", end: ".Letext0" })) out.push(l);
  }
  out.push(stackNote(ctx.execStack));
  return out;
}
