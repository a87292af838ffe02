// Stack frame layout, shared by all backends: every frame slot (locals,
// spill slots, callee-saved save slots, scratch) gets a negative offset from
// the frame register, aligned to its own alignment. The frame register is
// assumed 16-byte aligned (all three psABIs guarantee this at call sites),
// so slots needing more are the backend's business (carved out of the stack
// at entry).
//
// After allocation `finalizeFrame` lays the frame out and turns every
// frame-slot operand into frame register + offset. An offset the target's
// instruction cannot reach (RISC-V loads: ±2 KiB; AArch64 unscaled: −256)
// goes through the target's reserved scratch register instead.

import type { MFunc, MInst, MMem, MOperand, RegisterFile } from "./mir.js";
import { newSlot } from "./mir.js";
import { ice } from "../ir/errors.js";

/** What frame finalisation needs from a target. */
export interface FrameTarget<A = unknown> {
  /** The register frame slots are addressed from (the frame pointer). */
  readonly frameReg: number;
  /** Can instruction `i` address frame register + `disp` directly (in operand `m`)? */
  offsetInRange(i: MInst<A>, m: MMem<A>, disp: number): boolean;
  /**
   * A register never allocated and the code putting frame register + `disp`
   * into it, for offsets out of range; absent when every offset is in range.
   */
  readonly scratch?: { readonly reg: number; address(reg: number, frameReg: number, disp: number): MInst<A>[] };
  /** What the frame size is rounded to (the stack's alignment; 16 unless an option lowers it). */
  readonly stackAlign?: number;
}

/**
 * Assign offsets (`first` slots closest to the frame pointer, e.g. callee-saved
 * saves) and return the frame size rounded up to `stackAlign` (16 by default).
 */
export function layoutFrame(f: MFunc, first: readonly number[] = [], stackAlign = 16): number {
  let top = 0;
  const firstSet = new Set(first);
  const order = [...first, ...f.slots.map((_, i) => i).filter((i) => !firstSet.has(i))];
  for (const i of order) {
    const s = f.slots[i]!;
    top = Math.ceil((top + s.size) / s.align) * s.align;
    s.offset = -top;
  }
  return Math.ceil(top / stackAlign) * stackAlign;
}

/**
 * Give each used callee-saved register a save slot (as many bytes as callees
 * preserve), lay the frame out, record it in `f.frame`, and rewrite every
 * frame-slot memory operand to frame register + offset.
 */
export function finalizeFrame<A>(f: MFunc<A>, regs: RegisterFile, t: FrameTarget<A>): void {
  const saved = f.usedCalleeSaved.map((reg) => {
    const bytes = regs.calleeSaved.get(reg)!;
    return { reg, bytes, slot: newSlot(f, bytes, bytes) };
  });
  const size = layoutFrame(f, saved.map((s) => s.slot), t.stackAlign);
  f.frame = { size, saves: saved.map(({ reg, bytes, slot }) => ({ reg, bytes, offset: f.slots[slot]!.offset! })) };
  for (const b of f.blocks) {
    const out: MInst<A>[] = [];
    for (const i of b.insts) {
      let scratchUsed = false;
      i.ops.forEach((o, n) => {
        if (o.k !== "mem" || o.slot === undefined) return;
        const disp = f.slots[o.slot]!.offset! + o.disp;
        const { slot: _slot, ...rest } = o;
        if (t.offsetInRange(i, o, disp)) {
          i.ops[n] = { ...rest, base: t.frameReg, disp } satisfies MOperand<A>;
          return;
        }
        if (!t.scratch || scratchUsed) ice(`frame offset ${disp} out of range`, { func: f.name, pass: "frame" });
        scratchUsed = true;
        out.push(...t.scratch.address(t.scratch.reg, t.frameReg, disp));
        i.ops[n] = { ...rest, base: t.scratch.reg, disp: 0 };
      });
      out.push(i);
    }
    b.insts = out;
  }
}
