// Allocated MIR with a final frame → x86_64 Inst objects: prologue/epilogue,
// operand conversion, and fall-through jump elision.

import type { MOperand, TargetHooks } from "../codegen/mir.js";
import { RETURNS_TWICE } from "../ir/ir.js";
import type { AsmLine, MemOperand, Operand, RegName } from "../asm/x86_64/inst.js";
import { XMM, YMM, X87, directive, gprName, imm, inst, label, mem, reg, verbatim } from "../asm/x86_64/inst.js";
import { ice } from "../ir/errors.js";
import type { X86Addr, XFunc, XInst, XOperand } from "./regs.js";
import { RBP, RDX, ST0, X86_REGS } from "./regs.js";
import { isBranchOpc } from "./isel.js";
import type { AsmArg } from "./inlineasm.js";
import { expandTemplate } from "./inlineasm.js";
import { LineMarks, type FunctionLines } from "../codegen/line-marks.js";
import type { X86Machine } from "./machine.js";

/** A move `src` → `dst` in AT&T order: which operands a copy reads and writes. */
const COPY = { src: 0, dst: 1 } as const;

export const X86_HOOKS: TargetHooks<X86Addr> = {
  regs: X86_REGS,
  copy(cls, dst, src: MOperand<X86Addr>): XInst {
    const copy = src.k === "reg" ? { copy: COPY } : {};
    if (cls === "float") return { opc: "movaps", ops: [src, { k: "reg", r: dst, size: 16, def: true }], ...copy };
    return { opc: "movq", ops: [src.k === "reg" ? { ...src, size: 8 } : src, { k: "reg", r: dst, size: 8, def: true }], ...copy };
  },
  spillStore(cls, src, slot) {
    return { opc: cls === "float" ? "movsd" : "movq", ops: [{ k: "reg", r: src, size: cls === "float" ? 16 : 8 }, { k: "mem", slot, disp: 0 }] };
  },
  spillLoad(cls, dst, slot) {
    return { opc: cls === "float" ? "movsd" : "movq", ops: [{ k: "mem", slot, disp: 0 }, { k: "reg", r: dst, size: cls === "float" ? 16 : 8, def: true }] };
  },
  // Immediates and addresses that read no register (lea reads no memory either); not `xor`, which writes the flags.
  rematerializable: (i) =>
    ((i.opc === "movq" || i.opc === "movl" || i.opc === "movabsq") && i.ops[0]!.k === "imm") ||
    (i.opc === "leaq" && i.ops[0]!.k === "mem" && i.ops[0]!.mode?.reloc === undefined && i.ops[0]!.mode?.seg === undefined),
  jump: (block) => ({ opc: "jmp", ops: [{ k: "label", block }] }),
  isBranch: (i) => isBranchOpc(i.opc),
};

const INVERSE_CC: Record<string, string> = {
  e: "ne", ne: "e", l: "ge", ge: "l", le: "g", g: "le", b: "ae", ae: "b", be: "a", a: "be", p: "np", np: "p", s: "ns", ns: "s",
};

/** DWARF register numbers of the general registers, by hardware number (rax rcx rdx rbx rsp rbp rsi rdi r8…). */
const DWARF_GPR = [0, 2, 1, 3, 7, 6, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15] as const;

function regName(r: number, size: number): RegName {
  if (r >= ST0) return X87[r - ST0]!;
  if (r >= 16) return size === 32 ? YMM[r - 16]! : XMM[r - 16]!;
  return gprName(r, size >= 8 ? 8 : size);
}

/** What code-generation options ask of a function's emitted code. */
export interface FunctionEmitOptions {
  /**
   * .cfi_* directives (the assembler turns them into .eh_frame): after the
   * prologue the CFA is %rbp + 16 for the rest of the body, whatever the stack
   * pointer does (calls, alloca, VLAs), so only the prologue, the callee-saved
   * stores and each epilogue need a note.
   */
  unwindTables: boolean;
  /**
   * -fcf-protection=branch (Intel IBT): `endbr64` wherever an indirect jump or
   * call may land — the entry (`entry`: unless the function is only ever
   * called directly), the blocks in `labels` (address-taken), after calls that
   * return twice and at setjmp resumptions; jump tables jump with `notrack`.
   */
  ibt?: { entry: boolean; labels: ReadonlySet<string> };
  /** -fstack-clash-protection: touch every page of a frame or dynamic allocation as the stack grows. */
  stackClash?: boolean;
  /** -g: where line marks and scope labels go (src/codegen/line-marks.ts). */
  debug?: FunctionLines;
  /** Retpoline and return thunks, straight-line-speculation hardening (-m options, machine.ts). */
  machine?: Pick<X86Machine, "indirectThunk" | "returnThunk" | "slsReturn" | "slsIndirectJmp">;
}

/** Stack-clash probe interval (gcc's default: 4 KiB pages), and the largest frame probed without a loop. */
const PROBE_INTERVAL = 4096;
const PROBE_UNROLL_LIMIT = 4 * PROBE_INTERVAL;

export function emitFunction(f: XFunc, opts: FunctionEmitOptions): AsmLine[] {
  const { unwindTables, ibt, debug } = opts;
  const { size: frameSize, saves } = f.frame ?? ice("frame not final", { func: f.name });
  const out: AsmLine[] = [];
  const rbp = reg("rbp");

  const conv = (o: XOperand): Operand => {
    switch (o.k) {
      case "reg": return reg(regName(o.r, o.size));
      case "imm": return imm(o.v);
      case "label": return { kind: "target", name: f.blocks[o.block]!.label };
      case "sym": return { kind: "target", name: o.name, ...(o.reloc === "PLT" ? { reloc: o.reloc } : {}) };
      case "mem": {
        const m = o.mode;
        const reloc = m?.reloc ? { reloc: m.reloc } : {};
        const seg = m?.seg ? { seg: m.seg } : {};
        const index = o.index !== undefined ? { index: regName(o.index, 8), scale: m?.scale ?? (1 as const) } : {};
        if (o.sym !== undefined && o.base === undefined && o.index === undefined) {
          return mem({ base: m?.reloc === "TPOFF" ? undefined : "rip", sym: o.sym, disp: o.disp, ...reloc, ...seg });
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
  if (ibt?.entry) out.push(inst("endbr64"));
  out.push(inst("pushq", rbp));
  cfi(".cfi_def_cfa_offset", "16");
  cfi(".cfi_offset", "6", "-16");
  out.push(inst("movq", reg("rsp"), rbp));
  cfi(".cfi_def_cfa_register", "6");
  if (opts.stackClash && frameSize >= PROBE_INTERVAL) allocateProbed(out, f.name, frameSize);
  else if (frameSize) out.push(inst("subq", imm(frameSize), reg("rsp")));
  const saveSlot = (offset: number): MemOperand => mem({ base: "rbp", disp: offset });
  for (const s of saves) {
    out.push(inst("movq", reg(regName(s.reg, 8)), saveSlot(s.offset)));
    cfi(".cfi_offset", String(DWARF_GPR[s.reg]!), String(s.offset - 16));
  }
  const lastBlock = f.blocks.length - 1;
  const epilogue = (last: boolean): void => {
    for (const s of saves) put(inst("movq", saveSlot(s.offset), reg(regName(s.reg, 8))));
    // Code after a `ret` in the middle still has the body's frame.
    if (!last) cfi(".cfi_remember_state");
    put(inst("leave"));
    cfi(".cfi_def_cfa", "7", "8");
    put(...ret());
    if (!last) cfi(".cfi_restore_state");
  };

  // -mfunction-return=thunk-extern: every return jumps to the program's return thunk;
  // -mharden-sls: an int3 after each return and indirect jump, where speculation stops.
  const ret = (): AsmLine[] => [
    opts.machine?.returnThunk ? inst("jmp", { kind: "target", name: "__x86_return_thunk" }) : inst("ret"),
    ...(opts.machine?.slsReturn ? [inst("int3")] : []),
  ];
  /** An indirect jump through `r`: via the retpoline thunk for that register under -mindirect-branch=thunk-extern. */
  const jmpIndirect = (r: number, prefixes?: string[]): AsmLine[] => [
    opts.machine?.indirectThunk
      ? inst("jmp", { kind: "target", name: `__x86_indirect_thunk_${regName(r, 8)}` })
      : { ...inst("jmp", { kind: "indirect", to: reg(regName(r, 8)) }), ...(prefixes ? { prefixes } : {}) },
    ...(opts.machine?.slsIndirectJmp ? [inst("int3")] : []),
  ];
  let probeLoops = 0;
  f.blocks.forEach((b, bi) => {
    out.push(label(b.label));
    if (ibt?.labels.has(b.label)) out.push(inst("endbr64"));
    const n = b.insts.length;
    for (let k = 0; k < n; k++) {
      const i = b.insts[k]!;
      lines?.before(bi, k, out);
      const target = (x: XInst): number => (x.ops[0]!.k === "label" ? x.ops[0]!.block : -1);
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
          if (ibt) put(inst("endbr64"));
          continue;
        }
        case "longjmp": {
          // Buffer in %rcx: back to the setjmp's frame and stack, with %eax = 1.
          const buf = (disp: number): MemOperand => mem({ base: "rcx", disp });
          put(
            inst("movl", imm(1n), reg("eax")), inst("movq", buf(8), reg("rdx")), inst("movq", buf(16), reg("rsp")),
            inst("movq", buf(0), rbp), ...jmpIndirect(RDX),
          );
          continue;
        }
        case "jmp*":
          put(...jmpIndirect((i.ops[0] as { r: number }).r));
          continue;
        case "jmp*table":
          // Jump tables hold only this function's blocks: no landing pads needed (gcc's notrack).
          put(...jmpIndirect((i.ops[0] as { r: number }).r, ibt ? ["notrack"] : undefined));
          continue;
        case "sub.rsp": {
          // Dynamic allocation of the (16-aligned) size in the operand, which is consumed.
          const size = reg(regName((i.ops[0] as { r: number }).r, 8));
          if (!opts.stackClash) { put(inst("subq", size, reg("rsp"))); continue; }
          // One page at a time, touching each, then the rest, touched too.
          const loop = `.Lprobe.${f.name}.${probeLoops++}`, done = `${loop}.done`;
          put(
            label(loop), inst("cmpq", imm(PROBE_INTERVAL), size), inst("jbe", { kind: "target", name: done }),
            inst("subq", imm(PROBE_INTERVAL), reg("rsp")), inst("orq", imm(0), mem({ base: "rsp", disp: 0 })),
            inst("subq", imm(PROBE_INTERVAL), size), inst("jmp", { kind: "target", name: loop }),
            label(done), inst("subq", size, reg("rsp")), inst("orq", imm(0), mem({ base: "rsp", disp: 0 })),
          );
          continue;
        }
        case "call":
          if (i.ops[0]!.k === "reg") {
            // -mindirect-branch=thunk-extern: through the retpoline thunk named after the register.
            put(opts.machine?.indirectThunk
              ? inst("call", { kind: "target", name: `__x86_indirect_thunk_${regName(i.ops[0]!.r, 8)}` })
              : inst("call", { kind: "indirect", to: reg(regName(i.ops[0]!.r, 8)) }));
            continue;
          }
          if (ibt && i.ops[0]!.k === "sym" && RETURNS_TWICE.has(i.ops[0]!.name)) {
            put(inst(i.opc, ...i.ops.map(conv)), inst("endbr64"));
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

/**
 * A frame of a page or more under -fstack-clash-protection, as gcc allocates
 * it: page by page, each page touched before the next is taken (unrolled up
 * to four pages, else a loop bounded by %r11, free at entry), then the rest,
 * which is smaller than a page and so is covered by the next call's push.
 */
function allocateProbed(out: AsmLine[], func: string, size: number): void {
  const pages = Math.floor(size / PROBE_INTERVAL);
  const probe = (): void => { out.push(inst("subq", imm(PROBE_INTERVAL), reg("rsp")), inst("orq", imm(0), mem({ base: "rsp", disp: 0 }))); };
  if (size <= PROBE_UNROLL_LIMIT) for (let k = 0; k < pages; k++) probe();
  else {
    const loop = `.Lprobe.${func}.frame`;
    out.push(inst("leaq", mem({ base: "rsp", disp: -pages * PROBE_INTERVAL }), reg("r11")), label(loop));
    probe();
    out.push(inst("cmpq", reg("r11"), reg("rsp")), inst("jne", { kind: "target", name: loop }));
  }
  const rest = size - pages * PROBE_INTERVAL;
  if (rest) out.push(inst("subq", imm(rest), reg("rsp")));
}

/** Frame slots are addressed from %rbp; every 32-bit displacement is in range. */
export const X86_FRAME = { frameReg: RBP, offsetInRange: (): boolean => true } as const;
