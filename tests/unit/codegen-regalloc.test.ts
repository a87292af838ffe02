// The shared machine layer, tested on a tiny made-up target ("toy") with three
// int registers, so spilling and fixed constraints are easy to provoke.

import { describe, expect, it } from "vitest";
import type { MFunc, MInst, MOperand, TargetHooks } from "../../src/codegen/mir.js";
import { VREG_BASE, newVReg } from "../../src/codegen/mir.js";
import { sequentialize } from "../../src/codegen/phielim.js";
import { allocateRegisters } from "../../src/codegen/regalloc.js";

const TOY: TargetHooks = {
  regs: {
    names: ["r0", "r1", "r2", "f0"],
    classOf: ["int", "int", "int", "float"],
    allocatable: { int: [0, 1, 2], float: [3] },
    calleeSaved: new Set([2]),
  },
  copy: (_c, dst, src) => ({ opc: "mov", ops: [src, { k: "reg", r: dst, size: 8, def: true }], copy: src.k === "reg" }),
  spillStore: (_c, src, slot) => ({ opc: "st", ops: [{ k: "reg", r: src, size: 8 }, { k: "mem", slot, scale: 1, disp: 0 }] }),
  spillLoad: (_c, dst, slot) => ({ opc: "ld", ops: [{ k: "mem", slot, scale: 1, disp: 0 }, { k: "reg", r: dst, size: 8, def: true }] }),
  isBranch: (i) => i.opc === "jmp",
};

const fn = (): MFunc => ({ name: "t", blocks: [{ label: "b0", phis: [], insts: [], succs: [] }], vregClass: [], slots: [], usedCalleeSaved: [] });
const use = (r: number): MOperand => ({ k: "reg", r, size: 8 });
const def = (r: number): MOperand => ({ k: "reg", r, size: 8, def: true });

/** Interpret straight-line toy code: mov/add/st/ld over registers and slots. */
function run(f: MFunc, regs: Map<number, number>): Map<number, number> {
  const slots = new Map<number, number>();
  const val = (o: MOperand): number => (o.k === "imm" ? Number(o.v) : o.k === "reg" ? regs.get(o.r)! : slots.get((o as { slot: number }).slot)!);
  for (const i of f.blocks[0]!.insts) {
    const [a, b] = i.ops as [MOperand, MOperand];
    if (i.opc === "mov" || i.opc === "ld") regs.set((b as { r: number }).r, val(a));
    else if (i.opc === "st") slots.set((b as { slot: number }).slot, val(a));
    else if (i.opc === "add") regs.set((b as { r: number }).r, val(a) + val(b));
    else if (i.opc === "sink") regs.set(-1, val(a));
  }
  return regs;
}

describe("parallel copies", () => {
  it("breaks a swap cycle with one temporary", () => {
    const f = fn();
    const a = newVReg(f, "int"), b = newVReg(f, "int"), c = newVReg(f, "int");
    const seq = sequentialize(f, [
      { dst: a, src: use(b), cls: "int" },
      { dst: b, src: use(a), cls: "int" },
      { dst: c, src: { k: "imm", v: 5n }, cls: "int" },
    ], TOY);
    expect(seq).toHaveLength(4);
    f.blocks[0]!.insts = seq;
    const out = run(f, new Map([[a, 1], [b, 2]]));
    expect([out.get(a), out.get(b), out.get(c)]).toEqual([2, 1, 5]);
  });

  it("orders a chain so no source is clobbered", () => {
    const f = fn();
    const [a, b, c] = [newVReg(f, "int"), newVReg(f, "int"), newVReg(f, "int")];
    const seq = sequentialize(f, [{ dst: b, src: use(a), cls: "int" }, { dst: c, src: use(b), cls: "int" }], TOY);
    f.blocks[0]!.insts = seq;
    const out = run(f, new Map([[a, 1], [b, 2], [c, 3]]));
    expect([out.get(b), out.get(c)]).toEqual([1, 2]);
  });
});

describe("linear scan", () => {
  it("spills when five values are live in three registers, and stays correct", () => {
    const f = fn();
    const vs = [0, 1, 2, 3, 4].map(() => newVReg(f, "int"));
    const insts: MInst[] = vs.map((v, k) => ({ opc: "mov", ops: [{ k: "imm", v: BigInt(k + 1) }, def(v)] }));
    const acc = newVReg(f, "int");
    insts.push({ opc: "mov", ops: [{ k: "imm", v: 0n }, def(acc)] });
    for (const v of vs) insts.push({ opc: "add", ops: [use(v), { k: "reg", r: acc, size: 8, def: true, use: true }] });
    insts.push({ opc: "sink", ops: [use(acc)] });
    f.blocks[0]!.insts = insts;
    allocateRegisters(f, TOY);
    for (const i of f.blocks[0]!.insts) for (const o of i.ops) if (o.k === "reg") expect(o.r).toBeLessThan(VREG_BASE);
    expect(f.slots.length).toBeGreaterThan(0);
    expect(run(f, new Map()).get(-1)).toBe(15);
  });

  it("keeps a value out of a register clobbered while it is live", () => {
    const f = fn();
    const v = newVReg(f, "int");
    f.blocks[0]!.insts = [
      { opc: "mov", ops: [{ k: "imm", v: 7n }, def(v)] },
      { opc: "call", ops: [], impDefs: [0, 1] },
      { opc: "sink", ops: [use(v)] },
    ];
    allocateRegisters(f, TOY);
    const reg = (f.blocks[0]!.insts[0]!.ops[1] as { r: number }).r;
    expect(reg).toBe(2);
    expect(f.usedCalleeSaved).toEqual([2]);
  });
});
