// stackprotect: gcc's -fstack-protector canary. A protected function copies
// the target's guard value (`intrinsic stack_guard`) into a slot at entry and
// compares the slot with it before every return, calling __stack_chk_fail
// when they differ: an overflow of a local array that reaches the return
// address has to go through the slot first.
//
// Frames lay static allocas out downwards in order, just below the saved
// registers, so the order of the entry block's allocas is the layout: the
// canary first, then character arrays, then other arrays, then the rest (gcc's
// phases: an overflowing array clobbers the canary or another array, never a
// scalar or a pointer of the function).
//
// Which functions get one follows gcc: -fstack-protector those with a
// character array of 8 bytes or more (alone or in an aggregate) or a dynamic
// allocation; -fstack-protector-strong also any other array and any local
// whose address is taken; -fstack-protector-all every function;
// -fstack-protector-explicit only `__attribute__((stack_protect))` ones (which
// the other modes protect too). `no_stack_protector` opts a function out.
// It runs last, so objects the optimiser removed or promoted do not count.

import type { Block, Func, Inst, Module, StackProtectClass } from "../ir.js";
import { VOID, tempNamer } from "../builder.js";

export type StackProtectorMode = "none" | "normal" | "strong" | "all" | "explicit";

/** gcc's ssp-buffer-size: smaller character arrays do not trigger -fstack-protector. */
const SSP_BUFFER_SIZE = 8;

export function stackprotect(m: Module, mode: StackProtectorMode): void {
  for (const f of m.funcs) if (needsGuard(f, mode)) protect(f);
}

function needsGuard(f: Func, mode: StackProtectorMode): boolean {
  if (mode === "none" || f.stackProtect === "never") return false;
  if (f.stackProtect === "require" || mode === "all") return true;
  if (mode === "explicit") return false;
  return f.blocks.some((b) => b.insts.some((i) => {
    if (i.op !== "alloca") return false;
    if (i.dynSize) return true;
    if (mode === "strong") return i.ssp !== undefined;
    return i.ssp === "array-chars" || (i.ssp === "char-array" && i.size >= SSP_BUFFER_SIZE);
  }));
}

/** Entry-block allocas in layout order, after the canary. */
const LAYOUT_RANK: Readonly<Record<StackProtectClass, number>> = { "guard": 0, "char-array": 1, "array": 2, "array-chars": 2, "addr": 3 };

function protect(f: Func): void {
  const newTemp = tempNamer(f);
  const labels = new Set(f.blocks.map((b) => b.label));
  const freshLabel = (hint: string): string => {
    let l = hint;
    for (let n = 1; labels.has(l); n++) l = `${hint}${n}`;
    labels.add(l);
    return l;
  };

  const entry = f.blocks[0]!;
  const slot = newTemp("ptr", "ssp.slot");
  const guardIn = newTemp("i64", "ssp.guard");
  const rank = (i: Inst): number => (i.op === "alloca" && !i.dynSize && i.ssp ? LAYOUT_RANK[i.ssp] : 4);
  const arrays = entry.insts.filter((i) => rank(i) < 3).sort((a, b) => rank(a) - rank(b));
  const rest = entry.insts.filter((i) => rank(i) >= 3);
  entry.insts = [
    { op: "alloca", dst: slot, size: 8, align: 8, ssp: "guard" },
    ...arrays,
    { op: "intrinsic", dst: guardIn, name: "stack_guard", type: "i64", args: [] },
    { op: "store", type: "i64", value: { k: "temp", id: guardIn }, addr: { k: "temp", id: slot }, volatile: true },
    ...rest,
  ];

  let fail: Block | undefined;
  const added: Block[] = [];
  for (const b of f.blocks) {
    if (b.term.op !== "ret") continue;
    if (!fail) {
      fail = { label: freshLabel("ssp.fail"), phis: [], term: { op: "unreachable" },
        insts: [{ op: "call", ret: VOID, callee: { kind: "sym", name: "__stack_chk_fail" }, args: [] }] };
    }
    const ret: Block = { label: freshLabel(`${b.label}.ssp`), phis: [], insts: [], term: b.term };
    const saved = newTemp("i64", "ssp.saved");
    const guard = newTemp("i64", "ssp.guard");
    const bad = newTemp("i1", "ssp.bad");
    b.insts.push(
      { op: "load", dst: saved, type: "i64", addr: { k: "temp", id: slot }, volatile: true },
      { op: "intrinsic", dst: guard, name: "stack_guard", type: "i64", args: [] },
      { op: "icmp", dst: bad, pred: "ne", type: "i64", a: { k: "temp", id: saved }, b: { k: "temp", id: guard } },
    );
    b.term = { op: "condbr", cond: { k: "temp", id: bad }, ifTrue: fail.label, ifFalse: ret.label };
    added.push(ret);
  }
  f.blocks.push(...added);
  if (fail) f.blocks.push(fail);
}
