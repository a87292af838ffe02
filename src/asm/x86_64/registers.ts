// x86_64 registers as data: name → class, hardware number and width.

import { CONTROL_REGS, DEBUG_REGS, GPR16, GPR32, GPR64, GPR8, GPR8H, SEGMENT_REGS, XMM, YMM, type RegName } from "./inst.js";

export type RegClass = "gpr" | "xmm" | "ymm" | "st" | "seg" | "rip" | "cr" | "dr";

export interface RegInfo {
  readonly cls: RegClass;
  /** Hardware number 0..15 (st(i): i). */
  readonly num: number;
  /** Width in bytes for general registers. */
  readonly size: number;
  /** spl/bpl/sil/dil need a REX prefix; ah/ch/dh/bh forbid one. */
  readonly rex?: "needs" | "forbids";
}

export const REGISTERS: ReadonlyMap<string, RegInfo> = (() => {
  const m = new Map<string, RegInfo>();
  const add = (names: readonly string[], cls: RegClass, size: number): void =>
    names.forEach((n, i) => m.set(n, { cls, num: i, size, rex: size === 1 && i >= 4 && i < 8 ? "needs" : undefined }));
  add(GPR64, "gpr", 8);
  add(GPR32, "gpr", 4);
  add(GPR16, "gpr", 2);
  add(GPR8, "gpr", 1);
  GPR8H.forEach((n, i) => m.set(n, { cls: "gpr", num: 4 + i, size: 1, rex: "forbids" }));
  add(XMM, "xmm", 16);
  add(YMM, "ymm", 32);
  m.set("st", { cls: "st", num: 0, size: 10 });
  for (let i = 0; i < 8; i++) m.set(`st(${i})`, { cls: "st", num: i, size: 10 });
  SEGMENT_REGS.forEach((n, i) => m.set(n, { cls: "seg", num: i, size: 2 }));
  CONTROL_REGS.forEach((n, i) => m.set(n, { cls: "cr", num: i, size: 8 }));
  // gas spells the debug registers %db0… and accepts %dr0….
  DEBUG_REGS.forEach((n, i) => { m.set(n, { cls: "dr", num: i, size: 8 }); m.set(`dr${i}`, { cls: "dr", num: i, size: 8 }); });
  m.set("rip", { cls: "rip", num: 5, size: 8 });
  return m;
})();

export function regInfo(r: RegName | string): RegInfo | undefined {
  return REGISTERS.get(r);
}

/** Segment override prefix bytes. */
export const SEGMENT_PREFIX: Record<string, number> = { es: 0x26, cs: 0x2e, ss: 0x36, ds: 0x3e, fs: 0x64, gs: 0x65 };

/** DWARF register numbers of x86_64 (psABI figure 3.36), for `.cfi_*`. */
export const X86_64_DWARF: Readonly<Record<string, number>> = {
  rax: 0, rdx: 1, rcx: 2, rbx: 3, rsi: 4, rdi: 5, rbp: 6, rsp: 7, r8: 8, r9: 9, r10: 10, r11: 11,
  r12: 12, r13: 13, r14: 14, r15: 15, rip: 16,
  ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`xmm${i}`, 17 + i])),
};
