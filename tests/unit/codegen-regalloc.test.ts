// The shared machine layer, tested on a tiny made-up target ("toy") with three
// int registers and one float register, so spilling, fixed constraints,
// partial callee-saved registers and frame legalisation are easy to provoke.

import { describe, expect, it } from "vitest";
import type { MFunc, MInst, MOperand, TargetHooks } from "../../src/codegen/mir.js";
import { VREG_BASE, insertBlock, newSlot, newVReg } from "../../src/codegen/mir.js";
import { finalizeFrame } from "../../src/codegen/frame.js";
import { sequentialize } from "../../src/codegen/phielim.js";
import { allocateRegisters } from "../../src/codegen/regalloc.js";

const TOY: TargetHooks = {
  regs: {
    names: ["r0", "r1", "r2", "f0", "f1", "fp", "tmp"],
    classOf: ["int", "int", "int", "float", "float", "int", "int"],
    // f1 is callee-saved for its low 8 bytes only (like AArch64's v8–v15); float values are 16 bytes.
    classes: { int: { allocatable: [0, 1, 2], bytes: 8 }, float: { allocatable: [4, 3], bytes: 16 } },
    calleeSaved: new Map([[2, 8], [4, 8]]),
  },
  // Operands in destination-first order: the copy says so.
  copy: (_c, dst, src) => ({ opc: "mov", ops: [{ k: "reg", r: dst, size: 8, def: true }, src], ...(src.k === "reg" ? { copy: { src: 1, dst: 0 } } : {}) }),
  spillStore: (_c, src, slot) => ({ opc: "st", ops: [{ k: "reg", r: src, size: 8 }, { k: "mem", slot, disp: 0 }] }),
  spillLoad: (_c, dst, slot) => ({ opc: "ld", ops: [{ k: "mem", slot, disp: 0 }, { k: "reg", r: dst, size: 8, def: true }] }),
  jump: (block) => ({ opc: "jmp", ops: [{ k: "label", block }] }),
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
    if (i.opc === "mov") regs.set((a as { r: number }).r, val(b));
    else if (i.opc === "ld") regs.set((b as { r: number }).r, val(a));
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
    const insts: MInst[] = vs.map((v, k) => ({ opc: "mov", ops: [def(v), { k: "imm", v: BigInt(k + 1) }] }));
    const acc = newVReg(f, "int");
    insts.push({ opc: "mov", ops: [def(acc), { k: "imm", v: 0n }] });
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
      { opc: "mov", ops: [def(v), { k: "imm", v: 7n }] },
      { opc: "call", ops: [], impDefs: [0, 1] },
      { opc: "sink", ops: [use(v)] },
    ];
    allocateRegisters(f, TOY);
    const reg = (f.blocks[0]!.insts[0]!.ops[0] as { r: number }).r;
    expect(reg).toBe(2);
    expect(f.usedCalleeSaved).toEqual([2]);
  });
});

describe("partial callee-saved registers", () => {
  it("keeps a value wider than the saved part out of such a register across a call", () => {
    const f = fn();
    const v = newVReg(f, "float");
    const w = newVReg(f, "float");
    f.blocks[0]!.insts = [
      { opc: "mov", ops: [def(v), { k: "imm", v: 1n }] },
      { opc: "mov", ops: [def(w), { k: "imm", v: 2n }] },
      { opc: "call", ops: [], impDefs: [3], call: true },
      { opc: "sink", ops: [use(v)] },
    ];
    allocateRegisters(f, TOY);
    // f1 (4) would be free, but keeps only 8 of v's 16 bytes across the call: v is spilled.
    expect(f.blocks[0]!.insts.some((i) => i.opc === "st")).toBe(true);
    // w dies before the call, so f1 is its first choice.
    expect((f.blocks[0]!.insts.find((i) => i.opc === "mov" && i.ops[1]!.k === "imm" && i.ops[1]!.v === 2n)!.ops[0] as { r: number }).r).toBe(4);
  });
});

describe("frame finalisation", () => {
  const FP = 5, TMP = 6;
  const frame = {
    frameReg: FP,
    // A toy limit: displacements of at most 64 bytes below the frame register.
    offsetInRange: (_i: MInst, _m: unknown, disp: number): boolean => disp >= -64,
    scratch: { reg: TMP, address: (reg: number, fp: number, disp: number): MInst[] => [{ opc: "addi", ops: [{ k: "reg", r: reg, size: 8, def: true }, { k: "reg", r: fp, size: 8 }, { k: "imm", v: BigInt(disp) }] }] },
  };

  it("addresses slots from the frame register and legalises far ones through the scratch register", () => {
    const f = fn();
    const near = newSlot(f, 8, 8);
    const far = newSlot(f, 200, 8);
    f.usedCalleeSaved = [2, 4];
    f.blocks[0]!.insts = [
      { opc: "ld", ops: [{ k: "mem", slot: near, disp: 0 }, def(0)] },
      { opc: "ld", ops: [{ k: "mem", slot: far, disp: 4 }, def(1)] },
    ];
    finalizeFrame(f, TOY.regs, frame);
    // Saves first, 8 bytes each (f1's saved part), then the slots: 8 + 8 + 8 + 200 → 224 rounded to 16.
    expect(f.frame).toEqual({ size: 224, saves: [{ reg: 2, bytes: 8, offset: -8 }, { reg: 4, bytes: 8, offset: -16 }] });
    const [a, b, c] = f.blocks[0]!.insts as [MInst, MInst, MInst];
    expect(a.ops[0]).toEqual({ k: "mem", base: FP, disp: -24 });
    expect(b.opc).toBe("addi");
    expect(b.ops[2]).toEqual({ k: "imm", v: -220n });
    expect(c.ops[0]).toEqual({ k: "mem", base: TMP, disp: 0 });
  });
});

describe("blocks made during instruction selection", () => {
  it("renumbers labels, successors and phi sources after the new block", () => {
    const f = fn();
    f.blocks.push({ label: "b1", phis: [], insts: [{ opc: "jmp", ops: [{ k: "label", block: 0 }] }], succs: [0] });
    f.blocks[0]!.insts = [{ opc: "jmp", ops: [{ k: "label", block: 1 }] }];
    f.blocks[0]!.succs = [1];
    f.blocks[0]!.phis = [{ dst: newVReg(f, "int"), cls: "int", srcs: new Map([[1, use(0)]]) }];
    expect(insertBlock(f, 0, "b0.loop")).toBe(1);
    expect(f.blocks.map((b) => b.label)).toEqual(["b0", "b0.loop", "b1"]);
    expect(f.blocks[0]!.insts[0]!.ops[0]).toEqual({ k: "label", block: 2 });
    expect(f.blocks[0]!.succs).toEqual([2]);
    expect([...f.blocks[0]!.phis[0]!.srcs.keys()]).toEqual([2]);
    expect(f.blocks[2]!.succs).toEqual([0]);
  });
});
