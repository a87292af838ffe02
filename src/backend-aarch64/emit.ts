// Allocated MIR with a final frame → AArch64 Inst objects: prologue and
// epilogue around the x29/x30 frame record, operand conversion, the pseudos
// (`li`, `lea`, LL/SC atomics, setjmp/longjmp) and fall-through elision.
//
// Frame: `stp x29, x30, [sp, -16]!; mov x29, sp; sub sp, sp, size`. Frame
// slots sit below x29 (negative offsets), incoming stack arguments above the
// frame record (x29 + 16), so the CFA is x29 + 16 throughout the body.

import type { MOperand, TargetHooks } from "../codegen/mir.js";
import type { FrameTarget } from "../codegen/frame.js";
import type { AsmLine } from "../asm/lines.js";
import { directive, label, verbatim } from "../asm/lines.js";
import type { CondName, GprOperand, Inst, MemOperand, Operand, RelocOp } from "../asm/aarch64/inst.js";
import { cond, elem, fpr, imm, inst, mem, shift, sp, sym, w, wsp, wzr, x, xzr } from "../asm/aarch64/inst.js";
import { encodeBitmask } from "../asm/aarch64/encoder.js";
import { operandText } from "../asm/aarch64/printer.js";
import { ice } from "../ir/errors.js";
import { LineMarks, type FunctionLines } from "../codegen/line-marks.js";
import type { A64Addr, AFunc, AInst, AMem, AOperand } from "./regs.js";
import { A64_REGS, FP, SP, V0, X16, X17, XZR } from "./regs.js";
import { isBranchOpc, offsetFits } from "./isel.js";
import type { AsmArg } from "./inlineasm.js";
import { expandTemplate } from "./inlineasm.js";

const COPY = { src: 1, dst: 0 } as const;

export const A64_HOOKS: TargetHooks<A64Addr> = {
  regs: A64_REGS,
  copy(cls, dst, src: MOperand<A64Addr>): AInst {
    if (src.k === "imm") return { opc: "li", ops: [{ k: "reg", r: dst, size: 8, def: true }, src] };
    return { opc: cls === "float" ? "fmov" : "mov", ops: [{ k: "reg", r: dst, size: 8, def: true }, src.k === "reg" ? { ...src, size: 8 } : src], copy: COPY };
  },
  spillStore(_cls, src, slot) {
    return { opc: "str", ops: [{ k: "reg", r: src, size: 8 }, { k: "mem", slot, disp: 0 }] };
  },
  spillLoad(_cls, dst, slot) {
    return { opc: "ldr", ops: [{ k: "reg", r: dst, size: 8, def: true }, { k: "mem", slot, disp: 0 }] };
  },
  // Constants (`li` expands to movz/movk after allocation) and page addresses.
  rematerializable: (i) => (i.opc === "li" || i.opc === "fmov") ? i.ops[1]!.k === "imm" : i.opc === "adrp",
  jump: (block) => ({ opc: "b", ops: [{ k: "label", block }] }),
  isBranch: (i) => isBranchOpc(i.opc),
};

/** Bytes a load/store instruction moves (what its offset is scaled by). */
function accessSize(i: AInst): number {
  switch (i.opc) {
    case "ldrb": case "strb": case "ldrsb": return 1;
    case "ldrh": case "strh": case "ldrsh": return 2;
    case "ldrsw": return 4;
  }
  const reg = i.ops.find((o) => o.k === "reg");
  return reg && reg.k === "reg" ? reg.size : 8;
}

export const A64_FRAME: FrameTarget<A64Addr> = {
  frameReg: FP,
  offsetInRange(i, _m, disp) {
    if (i.opc === "lea") return Math.abs(disp) < 4096;
    if (i.asm) return disp >= -256 && disp <= 255;
    return offsetFits(disp, accessSize(i));
  },
  scratch: {
    reg: X16,
    address(reg, frameReg, disp): AInst[] {
      const def = { k: "reg" as const, r: reg, size: 8, def: true };
      if (Math.abs(disp) < 4096) return [{ opc: "lea", ops: [def, { k: "mem", base: frameReg, disp }] }];
      return [
        { opc: "li", ops: [def, { k: "imm", v: BigInt(disp) }] },
        { opc: "add", ops: [def, { k: "reg", r: frameReg, size: 8 }, { k: "reg", r: reg, size: 8 }] },
      ];
    },
  },
};

const INVERSE_CC: Record<string, CondName> = {
  eq: "ne", ne: "eq", cs: "cc", cc: "cs", mi: "pl", pl: "mi", vs: "vc", vc: "vs",
  hi: "ls", ls: "hi", ge: "lt", lt: "ge", gt: "le", le: "gt",
};
const FP_CLASS: Record<number, "b" | "h" | "s" | "d" | "q"> = { 1: "b", 2: "h", 4: "s", 8: "d", 16: "q" };

export function regOperand(r: number, size: number): Operand {
  if (r === SP) return size === 4 ? wsp : sp;
  if (r === XZR) return size === 8 ? xzr : wzr;
  if (r >= V0) return fpr(FP_CLASS[size] ?? "d", r - V0);
  return size === 8 ? x(r) : w(r);
}

/** Instructions putting constant `v` into `dst` (movz/movn + movk, or orr with a logical immediate). */
export function loadImmediate(dst: GprOperand, v: bigint): Inst[] {
  const bits = dst.size;
  const u = BigInt.asUintN(bits, v);
  const n = bits / 16;
  const chunks = Array.from({ length: n }, (_, k) => (u >> BigInt(16 * k)) & 0xffffn);
  const zeros = chunks.filter((c) => c === 0n).length;
  const ones = chunks.filter((c) => c === 0xffffn).length;
  if (zeros < n - 1 && ones < n - 1 && encodeBitmask(u, bits) !== undefined) {
    return [inst("orr", dst, bits === 64 ? xzr : wzr, imm(u))];
  }
  const out: Inst[] = [];
  const inverted = ones > zeros;
  const skip = inverted ? 0xffffn : 0n;
  chunks.forEach((c, k) => {
    if (c === skip) return;
    const sh = k ? [shift("lsl", 16 * k)] : [];
    if (out.length === 0) out.push(inst(inverted ? "movn" : "movz", dst, imm(inverted ? c ^ 0xffffn : c), ...sh));
    else out.push(inst("movk", dst, imm(c), ...sh));
  });
  if (out.length === 0) out.push(inst(inverted ? "movn" : "movz", dst, imm(0)));
  return out;
}

/** What code-generation options ask of a function's emitted code. */
export interface FunctionEmitOptions {
  /** .cfi_* directives: the CFA is x29 + 16 after the prologue, so only the prologue and each epilogue need notes. */
  unwindTables: boolean;
  /** -g: where line marks and scope labels go. */
  debug?: FunctionLines;
  /** -fstack-clash-protection: touch every page of a frame or dynamic allocation as the stack grows. */
  stackClash?: boolean;
}

/** Stack-clash probe interval (4 KiB pages), and the largest frame probed without a loop. */
const PROBE_INTERVAL = 4096;
const PROBE_UNROLL_LIMIT = 4 * PROBE_INTERVAL;

/** DWARF register numbers: x0–x30 are 0–30, v0–v31 are 64–95. */
const dwarfReg = (r: number): number => (r >= V0 ? 64 + r - V0 : r);

export function emitFunction(f: AFunc, opts: FunctionEmitOptions): AsmLine<Inst>[] {
  const { unwindTables, debug } = opts;
  const { size: frameSize, saves } = f.frame ?? ice("frame not final", { func: f.name });
  const out: AsmLine<Inst>[] = [];
  const fp = x(FP);
  let labels = 0;
  const local = (what: string): string => `.L${what}.${f.name}.${labels++}`;

  const memOp = (o: AMem): MemOperand => {
    if (o.base === undefined) ice("memory operand without a base", { func: f.name });
    if (o.index !== undefined) {
      const sh = o.mode?.shift;
      return mem(o.base, { kind: "index", reg: x(o.index), ...(sh ? { ext: shift("lsl", sh) } : {}) });
    }
    if (o.sym !== undefined && o.mode?.reloc) return mem(o.base, sym(o.sym, o.mode.reloc));
    return o.disp ? mem(o.base, imm(o.disp)) : mem(o.base);
  };
  const conv = (o: AOperand): Operand => {
    switch (o.k) {
      case "reg": return regOperand(o.r, o.size);
      case "imm": return imm(o.v);
      case "label": return sym(f.blocks[o.block]!.label);
      case "sym": {
        const expr = o.off ? `${o.name}+${o.off}` : o.name;
        // MSym.reloc is a string in the shared MIR; isel only writes A64 operators.
        return o.reloc ? { kind: "sym", expr, op: o.reloc as RelocOp } : sym(expr);
      }
      case "mem": return memOp(o);
    }
  };
  const reg = (o: AOperand | undefined): GprOperand => {
    if (!o || o.k !== "reg") return ice("register operand expected", { func: f.name });
    return regOperand(o.r, o.size) as GprOperand;
  };

  const cfi = (name: string, ...args: string[]): void => { if (unwindTables) out.push(directive(name, ...args)); };
  const lines = debug ? new LineMarks(f, debug) : undefined;
  const put = (...l: AsmLine<Inst>[]): void => {
    lines?.flush(out);
    out.push(...l);
  };
  lines?.entry(out);
  cfi(".cfi_startproc");
  out.push(inst("stp", fp, x(30), mem(SP, imm(-16), "pre")));
  cfi(".cfi_def_cfa_offset", "16");
  cfi(".cfi_offset", "29", "-16");
  cfi(".cfi_offset", "30", "-8");
  out.push(inst("mov", fp, sp));
  cfi(".cfi_def_cfa_register", "29");
  if (opts.stackClash && frameSize >= PROBE_INTERVAL) {
    // Page by page, each touched before the next is taken (a loop counting
    // down in x16 beyond four pages); the rest, under a page, is covered by
    // the next frame's frame-record store.
    const pages = Math.floor(frameSize / PROBE_INTERVAL);
    const probe = (): void => { out.push(inst("sub", sp, sp, imm(PROBE_INTERVAL)), inst("str", xzr, mem(SP))); };
    if (frameSize <= PROBE_UNROLL_LIMIT) for (let k = 0; k < pages; k++) probe();
    else {
      const loop = local("probe");
      out.push(...loadImmediate(x(X16), BigInt(pages)), label(loop));
      probe();
      out.push(inst("subs", x(X16), x(X16), imm(1)), inst("b.ne", sym(loop)));
    }
    const rest = frameSize - pages * PROBE_INTERVAL;
    if (rest) out.push(inst("sub", sp, sp, imm(rest)));
  } else if (frameSize >= 4096) out.push(...loadImmediate(x(X16), BigInt(frameSize)), inst("sub", sp, sp, x(X16)));
  else if (frameSize) out.push(inst("sub", sp, sp, imm(frameSize)));
  const saveOp = (r: number): Operand => regOperand(r, 8);
  for (const s of saves) {
    out.push(inst("str", saveOp(s.reg), mem(FP, imm(s.offset))));
    cfi(".cfi_offset", String(dwarfReg(s.reg)), String(s.offset - 16));
  }
  const lastBlock = f.blocks.length - 1;
  const epilogue = (last: boolean): void => {
    for (const s of saves) put(inst("ldr", saveOp(s.reg), mem(FP, imm(s.offset))));
    put(inst("mov", sp, fp));
    if (!last) cfi(".cfi_remember_state");
    put(inst("ldp", fp, x(30), mem(SP, imm(16), "post")));
    cfi(".cfi_restore", "30");
    cfi(".cfi_restore", "29");
    cfi(".cfi_def_cfa", "31", "0");
    put(inst("ret"));
    if (!last) cfi(".cfi_restore_state");
  };

  f.blocks.forEach((b, bi) => {
    out.push(label(b.label));
    const n = b.insts.length;
    for (let k = 0; k < n; k++) {
      const i = b.insts[k]!;
      lines?.before(bi, k, out);
      const target = (y: AInst): number => (y.ops[0]?.k === "label" ? y.ops[0].block : -1);
      // `b.cc next; b other` becomes `b.!cc other`.
      if (i.opc.startsWith("b.") && k === n - 2 && b.insts[k + 1]!.opc === "b" && target(i) === bi + 1 && target(b.insts[k + 1]!) >= 0) {
        const inv = INVERSE_CC[i.opc.slice(2)];
        if (inv) {
          put(inst("b." + inv, sym(f.blocks[target(b.insts[k + 1]!)]!.label)));
          break;
        }
      }
      if (i.asm) {
        const args = i.asm.operands.map(({ op }): AsmArg => {
          const o = i.ops[op]!;
          switch (o.k) {
            case "reg": return { kind: "reg", reg: o.r, size: o.size };
            case "mem": return { kind: "mem", text: operandText(memOp(o)) };
            case "imm": return { kind: "imm", value: o.v };
            case "sym": return { kind: "sym", name: o.name, off: o.off ?? 0 };
            case "label": return { kind: "label", name: f.blocks[o.block]!.label };
          }
        });
        const text = expandTemplate(i.asm.template, args, i.asm.operands.map((a) => a.name), i.asm.unique);
        if (text.trim() !== "") put(verbatim(text));
        continue;
      }
      const [o0, o1, o2, o3] = i.ops;
      const dot = i.opc.indexOf(".");
      const stem = dot < 0 ? i.opc : i.opc.slice(0, dot);
      const suffix = dot < 0 ? "" : i.opc.slice(dot + 1);
      switch (stem) {
        case "ret": epilogue(bi === lastBlock && k === n - 1); continue;
        case "b":
          if (suffix === "" && target(i) === bi + 1) continue;
          break;
        case "li": put(...loadImmediate(reg(o0), (o1 as { v: bigint }).v)); continue;
        case "lea": {
          const m = o1 as AMem;
          const base = regOperand(m.base!, 8);
          if (m.disp === 0) put(inst("mov", reg(o0), base));
          else put(inst(m.disp > 0 ? "add" : "sub", reg(o0), base, imm(Math.abs(m.disp))));
          continue;
        }
        case "cset": put(inst("cset", reg(o0), cond(suffix as CondName))); continue;
        case "csel": case "fcsel": put(inst(stem, conv(o0!), conv(o1!), conv(o2!), cond(suffix as CondName))); continue;
        case "orr":
          if (suffix === "lsl") { put(inst("orr", conv(o0!), conv(o1!), conv(o2!), shift("lsl", Number((o3 as { v: bigint }).v)))); continue; }
          break;
        case "add":
          if (suffix === "hi12") {
            const s = o2 as { name: string };
            put(inst("add", conv(o0!), conv(o1!), { kind: "sym", expr: s.name, op: "tprel_hi12", hash: true }, shift("lsl", 12)));
            continue;
          }
          break;
        case "mrs": put(inst("mrs", conv(o0!), { kind: "name", name: "tpidr_el0" })); continue;
        case "umov": put(inst("mov", x((o0 as { r: number }).r), elem((o1 as { r: number }).r - V0, "d", 1))); continue;
        case "ins": put(inst("mov", elem((o0 as { r: number }).r - V0, "d", 1), x((o1 as { r: number }).r))); continue;
        case "sub":
          if (suffix === "sp") {
            // Dynamic allocation of the (16-aligned) size in the operand, which is consumed.
            const size = x((o0 as { r: number }).r);
            if (!opts.stackClash) { put(inst("sub", sp, sp, size)); continue; }
            const loop = local("probe"), done = local("probe");
            put(
              label(loop), inst("cmp", size, imm(PROBE_INTERVAL)), inst("b.ls", sym(done)),
              inst("sub", sp, sp, imm(PROBE_INTERVAL)), inst("str", xzr, mem(SP)),
              inst("sub", size, size, imm(PROBE_INTERVAL)), inst("b", sym(loop)),
              label(done), inst("sub", sp, sp, size), inst("str", xzr, mem(SP)),
            );
            continue;
          }
          break;
        case "dmb": put(inst("dmb", { kind: "name", name: "ish" })); continue;
        case "tlsdesc": {
          const name = (o0 as { name: string }).name;
          put(
            inst("adrp", x(0), { kind: "sym", expr: name, op: "tlsdesc" }),
            inst("ldr", x(1), mem(0, { kind: "sym", expr: name, op: "tlsdesc_lo12" })),
            inst("add", x(0), x(0), { kind: "sym", expr: name, op: "tlsdesc_lo12" }),
            directive(".tlsdesccall", name), inst("blr", x(1)),
          );
          continue;
        }
        case "br": put(inst("br", conv(o0!))); continue;
        case "fmov":
          if (o1?.k === "imm") {
            const bits = o1.v;
            const size = (o0 as { size: number }).size;
            const value = size === 4 ? new Float32Array(new Uint32Array([Number(BigInt.asUintN(32, bits))]).buffer)[0]! : new Float64Array(new BigUint64Array([BigInt.asUintN(64, bits)]).buffer)[0]!;
            put(inst("fmov", conv(o0!), { kind: "fimm", value }));
            continue;
          }
          break;
        case "fcmp":
          if (o1?.k === "imm") { put(inst("fcmp", conv(o0!), { kind: "fimm", value: 0 })); continue; }
          break;
        case "setjmp": {
          // Buffer in x0: x29, the resume address, sp; then w0 = 0 (1 on resumption, see longjmp).
          const resume = (o0 as { name: string }).name;
          put(
            inst("str", fp, mem(0)), inst("adr", x(X16), sym(resume)), inst("str", x(X16), mem(0, imm(8))),
            inst("mov", x(X16), sp), inst("str", x(X16), mem(0, imm(16))), inst("mov", w(0), imm(0)), label(resume),
          );
          continue;
        }
        case "longjmp":
          put(
            inst("ldr", x(X16), mem(1, imm(8))), inst("ldr", x(X17), mem(1, imm(16))), inst("ldr", fp, mem(1)),
            inst("mov", sp, x(X17)), inst("mov", w(0), imm(1)), inst("br", x(X16)),
          );
          continue;
        case "atomic": {
          // LL/SC loops: ldaxr/stlxr retry until the store-exclusive succeeds.
          const size = (o0 as { size: number }).size;
          const sfx = size === 1 ? "b" : size === 2 ? "h" : "";
          const loop = local("atomic"), done = local("atomic");
          if (suffix === "cas") {
            const [old, status, p, want, next] = [o0!, o1!, o2!, o3!, i.ops[4]!];
            put(
              label(loop), inst("ldaxr" + sfx, conv(old), mem((p as { r: number }).r)),
              inst("cmp", conv(old), conv(want)), inst("b.ne", sym(done)),
              inst("stlxr" + sfx, conv(status), conv(next), mem((p as { r: number }).r)),
              inst("cbnz", conv(status), sym(loop)), label(done),
            );
          } else if (suffix === "xchg") {
            const [old, status, p, val] = [o0!, o1!, o2!, o3!];
            put(
              label(loop), inst("ldaxr" + sfx, conv(old), mem((p as { r: number }).r)),
              inst("stlxr" + sfx, conv(status), conv(val), mem((p as { r: number }).r)),
              inst("cbnz", conv(status), sym(loop)),
            );
          } else {
            const [old, status, tmp, p, val] = [o0!, o1!, o2!, o3!, i.ops[4]!];
            put(
              label(loop), inst("ldaxr" + sfx, conv(old), mem((p as { r: number }).r)),
              inst("add", conv(tmp), conv(old), conv(val)),
              inst("stlxr" + sfx, conv(status), conv(tmp), mem((p as { r: number }).r)),
              inst("cbnz", conv(status), sym(loop)),
            );
          }
          continue;
        }
      }
      put(inst(i.opc, ...i.ops.map(conv)));
    }
  });
  if (f.blocks.length === 0) ice("empty function", { func: f.name });
  lines?.finish(out);
  cfi(".cfi_endproc");
  return out;
}
