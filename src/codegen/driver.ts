// The shared code generation driver: one IR function → allocated MIR with a
// final frame, the same steps in the same order for every target. The target
// supplies the pieces (`MachineTarget`); what comes out is handed to the
// target's emitter (prologue, epilogue, unwind notes, instruction printing).

import type * as ir from "../ir/ir.js";
import type { MFunc, TargetHooks } from "./mir.js";
import type { FrameTarget } from "./frame.js";
import { finalizeFrame } from "./frame.js";
import type { LegalizeLimits } from "./legalize.js";
import { legalizeFunction } from "./legalize.js";
import { eliminatePhis } from "./phielim.js";
import { allocateRegisters } from "./regalloc.js";

/** A target's machine layer; `A` is its address mode, `C` what its isel needs of the module. */
export interface MachineTarget<A, C> extends TargetHooks<A> {
  readonly legalize: LegalizeLimits;
  readonly frame: FrameTarget<A>;
  /** Instruction selection: IR (legalised) → MIR over virtual registers, phis still in place. */
  select(f: ir.Func, cx: C): MFunc<A>;
  /**
   * Expand pseudo-instructions that need final registers and frame offsets
   * (RISC-V LR/SC loops, conditional moves), after allocation.
   */
  expand?(f: MFunc<A>): void;
}

export function generateFunction<A, C>(f: ir.Func, cx: C, t: MachineTarget<A, C>): MFunc<A> {
  legalizeFunction(f, t.legalize);
  const mf = t.select(f, cx);
  eliminatePhis(mf, t);
  allocateRegisters(mf, t);
  finalizeFrame(mf, t.regs, t.frame);
  t.expand?.(mf);
  return mf;
}
