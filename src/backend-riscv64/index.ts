// The riscv64 backend's entry point: IR module → riscv64 assembler lines.
//
// Code model (as riscv64 gcc's default PIE, medany): `.option pic`, symbols
// defined here and not interposable by `lla` (pc-relative), the rest by
// `la` through the GOT, calls by `call sym@plt`; thread-locals by the
// initial-exec model.

import type { Func, Global, Module } from "../ir/ir.js";
import { emitGlobal as emitGlobalData, jumpTableData, functionHeader, moduleSymbols, stackNote, type DataSyntax } from "../codegen/module-emit.js";
import type { AsmLine } from "../asm/lines.js";
import { directive, label, verbatim } from "../asm/lines.js";
import type { Inst } from "../asm/riscv64/inst.js";
import { printAsm } from "../asm/riscv64/printer.js";
import type { MachineTarget } from "../codegen/driver.js";
import { generateFunction } from "../codegen/driver.js";
import type { CodegenOptions } from "../targets.js";
import { debugSections, fileDirectives, functionLines, recordEmitted, SIZED_WORDS, type EmittedFunction } from "../codegen/debuginfo.js";
import type { ModuleContext } from "./isel.js";
import { ISel } from "./isel.js";
import type { RvAddr } from "./regs.js";
import { RV_FRAME, RV_HOOKS, emitFunction } from "./emit.js";

const DW_OP_breg0 = 0x70;
/** DWARF's number for s0 (x8). */
const DWARF_S0 = 8;

/** How riscv64 gcc spells data and symbol types. */
const RV_DATA: DataSyntax = { typePrefix: "@", word8: ".dword", word4: ".word", functionAlign: 1 };

/** The ISA attributes riscv64-linux-gnu-gcc writes for -march=rv64gc. */
const ARCH_ATTRIBUTE = '"rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0"';

const RV_MACHINE: MachineTarget<RvAddr, ModuleContext> = {
  ...RV_HOOKS,
  legalize: { splitCriticalEdges: true, softFloat128: true, i128DivCalls: true },
  frame: RV_FRAME,
  select: (f, ctx) => new ISel(f, ctx).run(),
};

export type EmitOptions = Pick<CodegenOptions, "optLevel" | "pic"> & Partial<Pick<CodegenOptions, "unwindTables" | "functionAlign" | "jumpTables">>;

function emitFunctionAsm(f: Func, ctx: ModuleContext, opts: EmitOptions, emitted?: EmittedFunction[]): AsmLine<Inst>[] {
  const out: AsmLine<Inst>[] = [];
  let isel: ISel | undefined;
  const mf = generateFunction(f, ctx, { ...RV_MACHINE, select: (fn, c) => (isel = new ISel(fn, c)).run() });
  functionHeader(out, RV_DATA, f, opts.functionAlign);
  const lines = functionLines(f, emitted);
  const code = emitFunction(mf, {
    unwindTables: opts.unwindTables !== false, varargs: f.varargs, ...(lines ? { debug: lines } : {}),
    nextLabel: () => `.Lrv${ctx.labelCount++}`,
  });
  for (const l of code) out.push(l);
  out.push(directive(".size", f.name, `.-${f.name}`));
  recordEmitted(emitted, f, lines, (temp) => isel?.slotOfAlloca(temp), mf.slots);
  return out;
}

export function emitGlobal(g: Global): AsmLine<Inst>[] {
  return emitGlobalData(g, RV_DATA);
}

export function emitModuleLines(m: Module, opts: CodegenOptions): AsmLine<Inst>[] {
  const ctx: ModuleContext = { ...moduleSymbols(m, opts.pic), asmCount: 0, labelCount: 0, execStack: false, jumpTables: new Map(), useJumpTables: opts.jumpTables !== false };
  const out: AsmLine<Inst>[] = [
    directive(".option", "pic"),
    directive(".attribute", "arch", ARCH_ATTRIBUTE),
    directive(".attribute", "unaligned_access", "0"),
    directive(".attribute", "stack_align", "16"),
  ];
  const debug = m.debug;
  const emitted: EmittedFunction[] | undefined = debug ? [] : undefined;
  if (debug) out.push(...fileDirectives(debug), directive(".text"), label(".Ltext0"));
  for (const a of m.asm) out.push(verbatim(a));
  for (const f of m.funcs) for (const l of emitFunctionAsm(f, ctx, opts, emitted)) out.push(l);
  if (debug) out.push(directive(".text"), label(".Letext0"));
  for (const g of m.globals) for (const l of emitGlobal(g)) out.push(l);
  for (const l of jumpTableData<Inst>(ctx.jumpTables, RV_DATA)) out.push(l);
  if (debug && emitted) {
    for (const l of debugSections(debug, emitted, { frameBase: [DW_OP_breg0 + DWARF_S0, 0], frameBaseBias: 0, words: SIZED_WORDS }, { start: ".Ltext0", end: ".Letext0" })) out.push(l);
  }
  out.push(stackNote(ctx.execStack));
  return out;
}

export { printAsm };
