// Stack frame layout, shared by all backends: every frame slot (locals,
// spill slots, callee-saved save slots, scratch) gets a negative offset from
// the frame pointer, aligned to its own alignment. The frame pointer itself
// is assumed 16-byte aligned (all three psABIs guarantee this at call sites),
// so slots needing more are the backend's business (x86_64 carves them out of
// the stack at entry).

import type { MFunc } from "./mir.js";

/**
 * Assign offsets (`first` slots closest to the frame pointer, e.g. callee-saved
 * saves) and return the frame size rounded up to 16.
 */
export function layoutFrame(f: MFunc, first: readonly number[] = []): number {
  let top = 0;
  const firstSet = new Set(first);
  const order = [...first, ...f.slots.map((_, i) => i).filter((i) => !firstSet.has(i))];
  for (const i of order) {
    const s = f.slots[i]!;
    top = Math.ceil((top + s.size) / s.align) * s.align;
    s.offset = -top;
  }
  return Math.ceil(top / 16) * 16;
}
