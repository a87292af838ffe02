// The shared calling-convention engine (src/codegen/abi.ts) on made-up
// targets: register assignment per class, the stack fallback, splitting,
// by-reference arguments, the sret register, the variadic boundary and
// extension flags. SysV itself is covered end to end by abi-interop.test.ts.

import { describe, expect, it } from "vitest";
import type { AbiTarget, ArgClass } from "../../src/codegen/abi.js";
import { argSize, layoutCall } from "../../src/codegen/abi.js";
import type { AggLayout, ArgType } from "../../src/ir/ir.js";
import { targetFor } from "../../src/targets.js";

const i32: ArgType = { kind: "scalar", type: "i32" };
const i64: ArgType = { kind: "scalar", type: "i64" };
const f64: ArgType = { kind: "scalar", type: "f64" };
const agg = (size: number, fields: AggLayout["fields"] = []): ArgType => ({ kind: "agg", layout: { name: "s", size, align: 8, fields } });

/**
 * A RISC-V-like convention with two integer and one float argument
 * register: aggregates up to 16 bytes in integer pieces (split when only one
 * register is left), larger ones by reference, variadic floats in integer
 * registers, 32-bit integers sign-extended; sret takes the first integer register.
 */
const SPLITTY: AbiTarget = {
  argRegs: { int: [10, 11], float: [20] },
  retRegs: { int: [10, 11], float: [20] },
  pointerClass: "int",
  sret: { reg: 10, takesArgReg: true },
  partialFit: "split",
  stackAlign: () => 8,
  classifyArg(t, variadic): ArgClass {
    if (t.kind === "agg") {
      if (t.layout.size > 16) return { kind: "byref" };
      return { kind: "regs", pieces: Array.from({ length: Math.ceil(t.layout.size / 8) }, (_, e) => ({ cls: "int", offset: 8 * e, size: 8 })) };
    }
    const cls = t.type === "f64" && !variadic ? "float" : "int";
    return { kind: "regs", pieces: [{ cls, offset: 0, size: argSize(t) }], ...(t.type === "i32" ? { ext: "sign" as const } : {}) };
  },
  classifyReturn(t): ArgClass {
    if (t.kind === "void") return { kind: "none" };
    if (t.kind === "agg" && t.layout.size > 16) return { kind: "memory" };
    return this.classifyArg(t, false);
  },
};

describe("layoutCall", () => {
  it("hands out registers per class in order, then the stack", () => {
    const l = layoutCall(SPLITTY, { kind: "void" }, [i32, f64, i64, f64, i64]);
    expect(l.args).toEqual([
      { kind: "regs", parts: [{ cls: "int", reg: 10, offset: 0, size: 4 }], ext: "sign" },
      { kind: "regs", parts: [{ cls: "float", reg: 20, offset: 0, size: 8 }] },
      { kind: "regs", parts: [{ cls: "int", reg: 11, offset: 0, size: 8 }] },
      { kind: "stack", offset: 0, size: 8 },
      { kind: "stack", offset: 8, size: 8 },
    ]);
    expect(l.regsUsed).toEqual({ int: 2, float: 1 });
    expect([l.stackUsed, l.stackBytes]).toEqual([16, 16]);
  });

  it("splits an aggregate between the last register and the stack", () => {
    const l = layoutCall(SPLITTY, { kind: "void" }, [i64, agg(16)]);
    expect(l.args[1]).toEqual({ kind: "split", parts: [{ cls: "int", reg: 11, offset: 0, size: 8 }], offset: 0, size: 8 });
  });

  it("passes large aggregates by reference and returns them through the sret register", () => {
    const l = layoutCall(SPLITTY, agg(32), [agg(24), agg(24)]);
    expect(l.sret).toBe(10);
    expect(l.args).toEqual([
      { kind: "byref", ptr: { kind: "regs", parts: [{ cls: "int", reg: 11, offset: 0, size: 8 }] } },
      { kind: "byref", ptr: { kind: "stack", offset: 0, size: 8 } },
    ]);
  });

  it("classifies arguments past the named ones as variadic", () => {
    const l = layoutCall(SPLITTY, { kind: "void" }, [f64, f64], 1);
    expect(l.args.map((a) => (a.kind === "regs" ? a.parts[0]!.cls : a.kind))).toEqual(["float", "int"]);
  });

  it("keeps an sret register of the target's own out of the argument sequence", () => {
    const own: AbiTarget = { ...SPLITTY, sret: { reg: 8, takesArgReg: false } };
    const l = layoutCall(own, agg(32), [i64]);
    expect(l.sret).toBe(8);
    expect(l.args[0]).toEqual({ kind: "regs", parts: [{ cls: "int", reg: 10, offset: 0, size: 8 }] });
  });

  it("moves a whole aggregate to the stack when the target does not split", () => {
    const whole: AbiTarget = { ...SPLITTY, partialFit: "stack" };
    const l = layoutCall(whole, { kind: "void" }, [i64, agg(16), i64]);
    expect(l.args[1]).toEqual({ kind: "stack", offset: 0, size: 16 });
    // A later argument that fits still gets the register left over.
    expect(l.args[2]).toEqual({ kind: "regs", parts: [{ cls: "int", reg: 11, offset: 0, size: 8 }] });
  });
});

describe("the registry's SysV hooks", () => {
  const abi = targetFor("x86_64")!.codegen!.abi;
  const regName = (r: number): string => targetFor("x86_64")!.codegen!.regs.names[r]!;

  it("returns a 24-byte struct through rdi, so struct { double; long } goes in xmm0 and rsi", () => {
    const l = layoutCall(abi, agg(24, [{ offset: 0, type: "i64" }]), [agg(16, [{ offset: 0, type: "f64" }, { offset: 8, type: "i64" }]), f64]);
    expect(regName(l.sret!)).toBe("rdi");
    const a = l.args[0]!;
    expect(a.kind === "regs" && a.parts.map((p) => regName(p.reg))).toEqual(["xmm0", "rsi"]);
    expect(l.args[1]!.kind === "regs" && regName((l.args[1] as { parts: { reg: number }[] }).parts[0]!.reg)).toBe("xmm1");
  });
});

describe("fallback classes and aligned pairs", () => {
  /** SPLITTY, but a float that finds no float register goes by the integer convention, and 16-byte variadics start at an even register. */
  const FALLBACK: AbiTarget = {
    ...SPLITTY,
    argRegs: { int: [10, 11, 12, 13], float: [20] },
    classifyArg(t, variadic): ArgClass {
      const ints = { kind: "regs", pieces: Array.from({ length: Math.ceil(argSize(t) / 8) }, (_, e) => ({ cls: "int", offset: 8 * e, size: 8 })) } as const;
      if (t.kind === "scalar" && t.type === "f64" && !variadic) return { kind: "regs", pieces: [{ cls: "float", offset: 0, size: 8 }], fallback: ints };
      return variadic && argSize(t) === 16 ? { ...ints, evenPair: true } : ints;
    },
  };

  it("uses the fallback once the preferred registers run out", () => {
    const l = layoutCall(FALLBACK, { kind: "void" }, [f64, f64]);
    expect(l.args).toEqual([
      { kind: "regs", parts: [{ cls: "float", reg: 20, offset: 0, size: 8 }] },
      { kind: "regs", parts: [{ cls: "int", reg: 10, offset: 0, size: 8 }] },
    ]);
  });

  it("skips an odd register for an aligned pair, and the pair goes to the stack when none is left", () => {
    const l = layoutCall(FALLBACK, { kind: "void" }, [i64, agg(16), agg(16), agg(16)], 1);
    expect(l.args[1]).toEqual({ kind: "regs", parts: [{ cls: "int", reg: 12, offset: 0, size: 8 }, { cls: "int", reg: 13, offset: 8, size: 8 }] });
    expect(l.args[2]).toEqual({ kind: "stack", offset: 0, size: 16 });
  });
});

describe("the registry's LP64D hooks", () => {
  const abi = targetFor("riscv64")!.codegen!.abi;
  const regName = (r: number): string => targetFor("riscv64")!.codegen!.regs.names[r]!;
  const names = (a: ReturnType<typeof layoutCall>["args"][number]): string[] => (a.kind === "regs" ? a.parts.map((p) => regName(p.reg)) : [a.kind]);

  it("flattens struct { char; double } into a0 and fa0, and { float x[2] } into two FP registers", () => {
    const cd = agg(16, [{ offset: 0, type: "i8" }, { offset: 8, type: "f64" }]);
    const f2 = agg(8, [{ offset: 0, type: "f32" }, { offset: 4, type: "f32" }]);
    const l = layoutCall(abi, { kind: "void" }, [cd, f2]);
    expect(l.args.map(names)).toEqual([["a0", "fa0"], ["fa1", "fa2"]]);
  });

  it("passes a ninth double in an integer register and a variadic long double in an even pair", () => {
    const l = layoutCall(abi, { kind: "void" }, [...Array.from({ length: 9 }, () => f64), i32, { kind: "scalar", type: "f128" }], 10);
    expect(names(l.args[8]!)).toEqual(["a0"]);
    expect(names(l.args[10]!)).toEqual(["a2", "a3"]);
  });

  it("extends narrow integers as their C type says, 32-bit ones always by sign", () => {
    const l = layoutCall(abi, { kind: "void" }, [{ kind: "scalar", type: "i8", ext: "sign" }, { kind: "scalar", type: "i16", ext: "zero" }, i32]);
    expect(l.args.map((a) => (a.kind === "regs" ? a.ext : undefined))).toEqual(["sign", "zero", "sign"]);
  });
});
