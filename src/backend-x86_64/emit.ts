// Allocated MIR → x86_64 Inst objects: frame layout, prologue/epilogue,
// operand conversion, and fall-through jump elision.

import type { MFunc, MInst, MMem, MOperand, TargetHooks, RegClass } from "../codegen/mir.js";
import { newSlot } from "../codegen/mir.js";
import { layoutFrame } from "../codegen/frame.js";
import type { AsmLine, MemOperand, Operand, RegName, Reloc } from "../asm/x86_64/inst.js";
import { XMM, X87, directive, gprName, imm, inst, label, mem, reg, verbatim } from "../asm/x86_64/inst.js";
import { ice } from "../ir/errors.js";
import { X86_REGS } from "./regs.js";
import { isBranchOpc } from "./isel.js";
import type { AsmArg } from "./inlineasm.js";
import { expandTemplate } from "./inlineasm.js";
import { LineMarks, type FunctionLines } from "../codegen/line-marks.js";

export const X86_HOOKS: TargetHooks = {
  regs: X86_REGS,
  copy(cls: RegClass, dst: number, src: MOperand): MInst {
    if (cls === "float") return { opc: "movaps", ops: [src, { k: "reg", r: dst, size: 16, def: true }], copy: src.k === "reg" };
    return { opc: "movq", ops: [src.k === "reg" ? { ...src, size: 8 } : src, { k: "reg", r: dst, size: 8, def: true }], copy: src.k === "reg" };
  },
  spillStore(cls, src, slot) {
    return { opc: cls === "float" ? "movsd" : "movq", ops: [{ k: "reg", r: src, size: cls === "float" ? 16 : 8 }, { k: "mem", slot, scale: 1, disp: 0 }] };
  },
  spillLoad(cls, dst, slot) {
    return { opc: cls === "float" ? "movsd" : "movq", ops: [{ k: "mem", slot, scale: 1, disp: 0 }, { k: "reg", r: dst, size: cls === "float" ? 16 : 8, def: true }] };
  },
  isBranch: (i) => isBranchOpc(i.opc),
};

const INVERSE_CC: Record<string, string> = {
  e: "ne", ne: "e", l: "ge", ge: "l", le: "g", g: "le", b: "ae", ae: "b", be: "a", a: "be", p: "np", np: "p", s: "ns", ns: "s",
};

/** DWARF register numbers of the general registers, by hardware number (rax rcx rdx rbx rsp rbp rsi rdi r8…). */
const DWARF_GPR = [0, 2, 1, 3, 7, 6, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15] as const;

function regName(r: number, size: number): RegName {
  if (r < 0) return X87[-r - 1]!;
  if (r >= 16) return XMM[r - 16]!;
  return gprName(r, size >= 8 ? 8 : size);
}

/**
 * With `unwindTables`, the frame is described by `.cfi_*` directives (the
 * assembler turns them into .eh_frame): after the prologue the CFA is
 * %rbp + 16 for the rest of the body, whatever the stack pointer does
 * (calls, alloca, VLAs), so only the prologue, the callee-saved stores and
 * each epilogue need a note.
 */
export function emitFunction(f: MFunc, unwindTables = true, debug?: FunctionLines): AsmLine[] {
  const saveSlots = f.usedCalleeSaved.map(() => newSlot(f, 8, 8));
  const frameSize = layoutFrame(f, saveSlots);
  const out: AsmLine[] = [];
  const rbp = reg("rbp");
  const slotOf = (m: MMem): MemOperand => mem({ base: "rbp", disp: f.slots[m.slot!]!.offset! + m.disp });

  const conv = (o: MOperand): Operand => {
    switch (o.k) {
      case "reg": return reg(regName(o.r, o.size));
      case "imm": return imm(o.v);
      case "label": return { kind: "target", name: f.blocks[o.block]!.label };
      case "sym": return { kind: "target", name: o.name, ...(o.reloc ? { reloc: o.reloc as Reloc } : {}) };
      case "mem": {
        if (o.slot !== undefined) return slotOf(o);
        const reloc = o.reloc ? { reloc: o.reloc as Reloc } : {};
        const seg = o.seg ? { seg: o.seg as "fs" } : {};
        const index = o.index !== undefined ? { index: regName(o.index, 8), scale: o.scale } : {};
        if (o.sym !== undefined && o.base === undefined && o.index === undefined) {
          return mem({ base: o.reloc === "TPOFF" ? undefined : "rip", sym: o.sym, disp: o.disp, ...reloc, ...seg });
        }
        return mem({
          ...(o.base !== undefined ? { base: regName(o.base, 8) } : {}),
          ...index, ...(o.sym !== undefined ? { sym: o.sym } : {}), ...reloc, ...seg, disp: o.disp,
        });
      }
    }
  };

  const cfi = (name: string, ...args: string[]): void => { if (unwindTables) out.push(directive(name, ...args)); };
  /** An instruction line: the source position waiting for the next instruction goes first. */
  const put = (...l: AsmLine[]): void => {
    lines?.flush(out);
    out.push(...l);
  };
  const lines = debug ? new LineMarks(f, debug) : undefined;
  lines?.entry(out);
  // Prologue.
  cfi(".cfi_startproc");
  out.push(inst("pushq", rbp));
  cfi(".cfi_def_cfa_offset", "16");
  cfi(".cfi_offset", "6", "-16");
  out.push(inst("movq", reg("rsp"), rbp));
  cfi(".cfi_def_cfa_register", "6");
  if (frameSize) out.push(inst("subq", imm(frameSize), reg("rsp")));
  f.usedCalleeSaved.forEach((r, k) => {
    const slot = slotOf({ k: "mem", slot: saveSlots[k]!, scale: 1, disp: 0 });
    out.push(inst("movq", reg(regName(r, 8)), slot));
    cfi(".cfi_offset", String(DWARF_GPR[r]!), String(slot.disp - 16n));
  });
  const lastBlock = f.blocks.length - 1;
  const epilogue = (last: boolean): void => {
    f.usedCalleeSaved.forEach((r, k) => put(inst("movq", slotOf({ k: "mem", slot: saveSlots[k]!, scale: 1, disp: 0 }), reg(regName(r, 8)))));
    // Code after a `ret` in the middle still has the body's frame.
    if (!last) cfi(".cfi_remember_state");
    put(inst("leave"));
    cfi(".cfi_def_cfa", "7", "8");
    put(inst("ret"));
    if (!last) cfi(".cfi_restore_state");
  };

  f.blocks.forEach((b, bi) => {
    out.push(label(b.label));
    const n = b.insts.length;
    for (let k = 0; k < n; k++) {
      const i = b.insts[k]!;
      lines?.before(bi, k, out);
      const target = (x: MInst): number => (x.ops[0]!.k === "label" ? x.ops[0]!.block : -1);
      // `jcc next; jmp other` becomes `j!cc other`.
      const inv = i.opc[0] === "j" ? INVERSE_CC[i.opc.slice(1)] : undefined;
      if (inv && k === n - 2 && b.insts[k + 1]!.opc === "jmp" && target(i) === bi + 1 && target(b.insts[k + 1]!) >= 0) {
        put(inst("j" + inv, { kind: "target", name: f.blocks[target(b.insts[k + 1]!)]!.label }));
        break;
      }
      if (i.asm) {
        const args = i.asm.operands.map(({ op }): AsmArg => {
          const o = i.ops[op]!;
          switch (o.k) {
            case "reg": return { kind: "reg", reg: o.r, size: o.size };
            case "mem": return { kind: "mem", mem: conv(o) as MemOperand, size: 0 };
            case "imm": return { kind: "imm", value: o.v };
            case "sym": return { kind: "sym", name: o.name, off: o.off ?? 0 };
            case "label": return { kind: "label", name: f.blocks[o.block]!.label };
          }
        });
        const text = expandTemplate(i.asm.template, args, i.asm.operands.map((x) => x.name), i.asm.unique);
        if (text.trim() !== "") put(verbatim(text));
        continue;
      }
      switch (i.opc) {
        case "ret": epilogue(bi === lastBlock && k === n - 1); continue;
        case "jmp":
          if (target(i) === bi + 1) continue;
          break;
        case "setjmp": {
          // See the setjmp intrinsic in isel: buffer in %rdi, result in %eax.
          const resume = (i.ops[0] as { name: string }).name;
          const buf = (disp: number): MemOperand => mem({ base: "rdi", disp });
          put(
            inst("movq", rbp, buf(0)), inst("leaq", mem({ base: "rip", sym: resume, disp: 0 }), reg("rax")),
            inst("movq", reg("rax"), buf(8)), inst("movq", reg("rsp"), buf(16)), inst("xorl", reg("eax"), reg("eax")),
            label(resume),
          );
          continue;
        }
        case "longjmp": {
          // Buffer in %rcx: back to the setjmp's frame and stack, with %eax = 1.
          const buf = (disp: number): MemOperand => mem({ base: "rcx", disp });
          put(
            inst("movl", imm(1n), reg("eax")), inst("movq", buf(8), reg("rdx")), inst("movq", buf(16), reg("rsp")),
            inst("movq", buf(0), rbp), inst("jmp", { kind: "indirect", to: reg("rdx") }),
          );
          continue;
        }
        case "jmp*":
          put(inst("jmp", { kind: "indirect", to: reg(regName((i.ops[0] as { r: number }).r, 8)) }));
          continue;
        case "call":
          if (i.ops[0]!.k === "reg") {
            put(inst("call", { kind: "indirect", to: reg(regName(i.ops[0]!.r, 8)) }));
            continue;
          }
          break;
      }
      put(inst(i.opc, ...i.ops.map(conv)));
    }
  });
  if (f.blocks.length === 0) ice("empty function", { func: f.name });
  lines?.finish(out);
  cfi(".cfi_endproc");
  return out;
}
