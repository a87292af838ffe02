// Allocated MIR with a final frame → riscv64 Inst objects: prologue and
// epilogue with the ra/s0 frame record, .cfi_* notes, operand conversion,
// branch inversion over fall-through blocks, and the pseudo-instructions
// that need final registers (LR/SC loops, setjmp/longjmp), expanded here
// with t6 as their scratch register.
//
// Frame (s0 is the frame register, 16-aligned):
//   CFA = s0 + 16 + V          V = 64 in variadic functions: a0–a7 saved there,
//   s0 + 16 … s0 + 16 + V        just below the stack arguments
//   s0 + 8: ra, s0 + 0: caller's s0
//   below s0: callee-saved saves, then the slots (offsets from frame.ts)

import type { MOperand, TargetHooks } from "../codegen/mir.js";
import type { GprName, Inst, Operand, RelocOperator } from "../asm/riscv64/inst.js";
import type { AsmLine } from "../asm/lines.js";
import { imm, inst, mem, reg, sym } from "../asm/riscv64/inst.js";
import { directive, label, verbatim } from "../asm/lines.js";
import { ice } from "../ir/errors.js";
import { LineMarks, type FunctionLines } from "../codegen/line-marks.js";
import type { FrameTarget } from "../codegen/frame.js";
import type { RFunc, RInst, RvAddr } from "./regs.js";
import { F0, RV_REGS, S0, SCRATCH, regName } from "./regs.js";
import { VA_SAVE_BYTES, isBranchOpc } from "./isel.js";
import type { AsmArg } from "./inlineasm.js";
import { expandTemplate } from "./inlineasm.js";

/** `mv dst, src`: destination first. */
const COPY = { src: 1, dst: 0 } as const;

export const RV_HOOKS: TargetHooks<RvAddr> = {
  regs: RV_REGS,
  copy(cls, dst, src: MOperand<RvAddr>): RInst {
    const d = { k: "reg", r: dst, size: 8, def: true } as const;
    if (src.k === "imm") return { opc: "li", ops: [d, src] };
    return { opc: cls === "float" ? "fmv.d" : "mv", ops: [d, src], ...(src.k === "reg" ? { copy: COPY } : {}) };
  },
  spillStore(cls, src, slot) {
    return { opc: cls === "float" ? "fsd" : "sd", ops: [{ k: "reg", r: src, size: 8 }, { k: "mem", slot, disp: 0 }] };
  },
  spillLoad(cls, dst, slot) {
    return { opc: cls === "float" ? "fld" : "ld", ops: [{ k: "reg", r: dst, size: 8, def: true }, { k: "mem", slot, disp: 0 }] };
  },
  // Constants and PC-relative addresses (`lla` is auipc+addi on one register).
  rematerializable: (i) => (i.opc === "li" && i.ops[1]!.k === "imm") || i.opc === "lla",
  jump: (block) => ({ opc: "j", ops: [{ k: "label", block }] }),
  isBranch: (i) => isBranchOpc(i.opc),
};

const fits12 = (v: number): boolean => v >= -2048 && v <= 2047;

/** Frame slots are addressed from s0 with 12-bit offsets; others through t6. */
export const RV_FRAME: FrameTarget<RvAddr> = {
  frameReg: S0,
  offsetInRange: (_i, _m, disp) => fits12(disp),
  scratch: {
    reg: SCRATCH,
    address: (x, frameReg, disp) => [
      { opc: "li", ops: [{ k: "reg", r: x, size: 8, def: true }, { k: "imm", v: BigInt(disp) }] },
      { opc: "add", ops: [{ k: "reg", r: x, size: 8, def: true }, { k: "reg", r: x, size: 8 }, { k: "reg", r: frameReg, size: 8 }] },
    ],
  },
};

const INVERSE: Record<string, string> = { beq: "bne", bne: "beq", blt: "bge", bge: "blt", bltu: "bgeu", bgeu: "bltu", beqz: "bnez", bnez: "beqz" };

export interface FunctionEmitOptions {
  unwindTables: boolean;
  /** The function is variadic: the prologue reserves the a0–a7 save area above the frame record. */
  varargs: boolean;
  debug?: FunctionLines;
  /** Numbers local labels of expansions unique in the module. */
  nextLabel: () => string;
}

const R = (r: number): Operand => reg(regName(r) as GprName);
const gpr = (r: number): GprName => regName(r) as GprName;

export function emitFunction(f: RFunc, opts: FunctionEmitOptions): AsmLine<Inst>[] {
  const { unwindTables, debug } = opts;
  const { size: frameSize, saves } = f.frame ?? ice("frame not final", { func: f.name });
  const va = opts.varargs ? VA_SAVE_BYTES : 0;
  const out: AsmLine<Inst>[] = [];
  const cfi = (name: string, ...args: string[]): void => { if (unwindTables) out.push(directive(name, ...args)); };
  const lines = debug ? new LineMarks(f, debug) : undefined;
  const put = (...l: AsmLine<Inst>[]): void => {
    lines?.flush(out);
    for (const x of l) out.push(x);
  };
  const I = (m: string, ...ops: Operand[]): Inst => inst(m, ...ops);

  const conv = (o: MOperand<RvAddr>): Operand => {
    switch (o.k) {
      case "reg": return R(o.r);
      case "imm": return imm(o.v);
      case "label": return sym(f.blocks[o.block]!.label);
      case "sym": {
        if (o.reloc && o.reloc.startsWith("tprel_")) return sym(o.name, o.reloc as RelocOperator);
        const off = o.off ?? 0;
        const text = o.name + (off > 0 ? `+${off}` : off < 0 ? String(off) : "") + (o.reloc === "plt" ? "@plt" : "");
        return sym(text);
      }
      case "mem":
        if (o.base === undefined || o.slot !== undefined) ice("memory operand without a base", { func: f.name });
        return mem(gpr(o.base), o.disp);
    }
  };
  /** sp += n (n may exceed 12 bits: through t6). */
  const adjustSp = (n: number): void => {
    if (n === 0) return;
    if (fits12(n)) put(I("addi", reg("sp"), reg("sp"), imm(n)));
    else put(I("li", reg("t6"), imm(n)), I("add", reg("sp"), reg("sp"), reg("t6")));
  };
  /** A save-slot access from s0 (saves are laid out first, so near s0). */
  const saveAt = (offset: number): Operand => mem("s0", offset);

  lines?.entry(out);
  cfi(".cfi_startproc");
  if (va) { out.push(I("addi", reg("sp"), reg("sp"), imm(-va))); cfi(".cfi_def_cfa_offset", String(va)); }
  out.push(I("addi", reg("sp"), reg("sp"), imm(-16)));
  cfi(".cfi_def_cfa_offset", String(16 + va));
  out.push(I("sd", reg("ra"), mem("sp", 8)), I("sd", reg("s0"), mem("sp", 0)));
  cfi(".cfi_offset", "1", String(-8 - va));
  cfi(".cfi_offset", "8", String(-16 - va));
  out.push(I("addi", reg("s0"), reg("sp"), imm(0)));
  cfi(".cfi_def_cfa", "8", String(16 + va));
  adjustSp(-frameSize);
  for (const s of saves) {
    out.push(I(s.reg >= F0 ? "fsd" : "sd", R(s.reg), saveAt(s.offset)));
    cfi(".cfi_offset", String(s.reg), String(s.offset - 16 - va));
  }
  const lastBlock = f.blocks.length - 1;
  const epilogue = (last: boolean): void => {
    for (const s of saves) put(I(s.reg >= F0 ? "fld" : "ld", R(s.reg), saveAt(s.offset)));
    if (!last) cfi(".cfi_remember_state");
    put(I("ld", reg("ra"), mem("s0", 8)), I("addi", reg("sp"), reg("s0"), imm(0)));
    cfi(".cfi_def_cfa", "2", String(16 + va));
    put(I("ld", reg("s0"), mem("sp", 0)));
    cfi(".cfi_restore", "1");
    cfi(".cfi_restore", "8");
    put(I("addi", reg("sp"), reg("sp"), imm(16 + va)));
    cfi(".cfi_def_cfa_offset", "0");
    put(I("ret"));
    if (!last) cfi(".cfi_restore_state");
  };

  f.blocks.forEach((b, bi) => {
    out.push(label(b.label));
    const n = b.insts.length;
    for (let k = 0; k < n; k++) {
      const i = b.insts[k]!;
      lines?.before(bi, k, out);
      const target = (x: RInst): number => { const o = x.ops[x.ops.length - 1]; return o?.k === "label" ? o.block : -1; };
      // `bcc …, next; j other` becomes `b!cc …, other`.
      const inv = INVERSE[i.opc];
      if (inv && k === n - 2 && b.insts[k + 1]!.opc === "j" && target(i) === bi + 1 && target(b.insts[k + 1]!) >= 0) {
        const ops = i.ops.slice(0, -1).map(conv);
        put(I(inv, ...ops, sym(f.blocks[target(b.insts[k + 1]!)]!.label)));
        break;
      }
      if (i.asm) {
        const args = i.asm.operands.map(({ op }): AsmArg => {
          const o = i.ops[op]!;
          switch (o.k) {
            case "reg": return { kind: "reg", reg: o.r };
            case "mem": return { kind: "mem", base: o.base!, disp: o.disp };
            case "imm": return { kind: "imm", value: o.v };
            case "sym": return { kind: "sym", name: o.name, off: o.off ?? 0 };
            case "label": return { kind: "label", name: f.blocks[o.block]!.label };
          }
        });
        const text = expandTemplate(i.asm.template, args, i.asm.operands.map((x) => x.name), i.asm.unique);
        if (text.trim() !== "") put(verbatim(text));
        continue;
      }
      const regOf = (n: number): number => (i.ops[n] as { r: number }).r;
      switch (i.opc) {
        case "ret": epilogue(bi === lastBlock && k === n - 1); continue;
        case "j":
          if (target(i) === bi + 1) continue;
          break;
        case "mv": case "fmv.d":
          if (i.ops[1]!.k === "reg" && regOf(0) === regOf(1)) continue;
          break;
        case "lea": {
          const m = i.ops[1]!;
          if (m.k !== "mem" || m.base === undefined) ice("lea without a base", { func: f.name });
          put(I("addi", R(regOf(0)), R(m.base), imm(m.disp)));
          continue;
        }
        case "call":
          put(i.ops[0]!.k === "reg" ? I("jalr", R(regOf(0))) : I("call", conv(i.ops[0]!)));
          continue;
        case "jr.indirect": case "jr.table": put(I("jr", R(regOf(0)))); continue;
        case "fence":
          put(I("fence", ...i.ops.map((o) => ({ kind: "fence", set: (o as { name: string }).name }) as Operand)));
          continue;
        case "cas.w": case "cas.d": {
          const w = i.opc.slice(4);
          const [res, p, want, next] = [0, 1, 2, 3].map(regOf) as [number, number, number, number];
          const again = opts.nextLabel(), done = opts.nextLabel();
          put(
            label(again), I(`lr.${w}.aqrl`, R(res), mem(gpr(p))), I("bne", R(res), R(want), sym(done)),
            I(`sc.${w}.rl`, reg("t6"), R(next), mem(gpr(p))), I("bnez", reg("t6"), sym(again)), label(done),
          );
          continue;
        }
        case "casmask.w": case "xchgmask.w": case "addmask.w": {
          const cas = i.opc === "casmask.w";
          const regs = i.ops.map((_, n) => regOf(n));
          const [ow, p] = [regs[0]!, regs[1]!];
          const mask = regs[cas ? 4 : 3]!, tmp = regs[cas ? 5 : 4]!;
          const again = opts.nextLabel(), done = opts.nextLabel();
          put(label(again), I("lr.w.aqrl", R(ow), mem(gpr(p))));
          if (cas) {
            put(I("and", R(tmp), R(ow), R(mask)), I("bne", R(tmp), R(regs[2]!), sym(done)), I("xor", R(tmp), R(ow), R(regs[3]!)));
          } else if (i.opc === "xchgmask.w") put(I("xor", R(tmp), R(ow), R(regs[2]!)));
          else put(I("add", R(tmp), R(ow), R(regs[2]!)), I("xor", R(tmp), R(tmp), R(ow)));
          put(
            I("and", R(tmp), R(tmp), R(mask)), I("xor", R(tmp), R(ow), R(tmp)),
            I("sc.w.rl", reg("t6"), R(tmp), mem(gpr(p))), I("bnez", reg("t6"), sym(again)), label(done),
          );
          continue;
        }
        case "setjmp": {
          // Buffer in a0: s0, the resume address, sp; then a0 = 0 (a resumption arrives with 1).
          const resume = (i.ops[0] as { name: string }).name;
          put(
            I("sd", reg("s0"), mem("a0", 0)), I("lla", reg("t6"), sym(resume)), I("sd", reg("t6"), mem("a0", 8)),
            I("sd", reg("sp"), mem("a0", 16)), I("li", reg("a0"), imm(0)), label(resume),
          );
          continue;
        }
        case "longjmp":
          put(
            I("ld", reg("t6"), mem("a1", 8)), I("ld", reg("sp"), mem("a1", 16)), I("ld", reg("s0"), mem("a1", 0)),
            I("li", reg("a0"), imm(1)), I("jr", reg("t6")),
          );
          continue;
      }
      if (i.opc.startsWith("fcvt.") && i.ops[2]?.k === "sym") {
        put(I(i.opc, conv(i.ops[0]!), conv(i.ops[1]!), { kind: "rm", mode: "rtz" }));
        continue;
      }
      put(I(i.opc, ...i.ops.map(conv)));
    }
  });
  if (f.blocks.length === 0) ice("empty function", { func: f.name });
  lines?.finish(out);
  cfi(".cfi_endproc");
  return out;
}
