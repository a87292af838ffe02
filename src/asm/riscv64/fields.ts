// Immediate fields of the riscv instruction formats, and the fixup kinds
// that patch them: what a resolved value does to the instruction bits.

import { AsmError } from "../arch.js";

export const iImm = (v: number): number => ((v & 0xfff) << 20) >>> 0;
export const sImm = (v: number): number => (((v >> 5) & 0x7f) << 25 | (v & 0x1f) << 7) >>> 0;
export const bImm = (v: number): number =>
  (((v >> 12) & 1) << 31 | ((v >> 5) & 0x3f) << 25 | ((v >> 1) & 0xf) << 8 | ((v >> 11) & 1) << 7) >>> 0;
export const uImm = (v: number): number => ((v & 0xfffff) << 12) >>> 0;
export const jImm = (v: number): number =>
  (((v >> 20) & 1) << 31 | ((v >> 1) & 0x3ff) << 21 | ((v >> 11) & 1) << 20 | ((v >> 12) & 0xff) << 12) >>> 0;

/** The high 20 bits of `v` as `lui`/`auipc` take them (rounded so the low 12 bits are signed). */
export const hi20 = (v: bigint): number => Number(BigInt.asUintN(20, (v + 0x800n) >> 12n));
/** The low 12 bits of `v`, sign-extended. */
export const lo12 = (v: bigint): number => Number(BigInt.asIntN(12, v));

/** Fixup kinds of riscv instructions (the arch-specific `Fixup.kind`). */
export type RvFixupKind =
  | "branch" | "jal" | "rvc_branch" | "rvc_jump" | "call"
  | "hi20" | "lo12_i" | "lo12_s" | "pcrel_hi20" | "pcrel_lo12_i" | "pcrel_lo12_s" | "got_hi20"
  | "tprel_hi20" | "tprel_lo12_i" | "tprel_lo12_s" | "tprel_add" | "tls_got_hi20" | "tls_gd_hi20" | "align"
  | "dtprel32" | "dtprel64";

const read32 = (out: Uint8Array, at: number): number => (out[at] | out[at + 1] << 8 | out[at + 2] << 16 | out[at + 3] << 24) >>> 0;
const write32 = (out: Uint8Array, at: number, w: number): void => {
  out[at] = w & 0xff; out[at + 1] = (w >>> 8) & 0xff; out[at + 2] = (w >>> 16) & 0xff; out[at + 3] = w >>> 24;
};
const inRange = (v: bigint, bits: number): boolean => v >= -(1n << BigInt(bits - 1)) && v < 1n << BigInt(bits - 1);

/** Patch `value` into the instruction at `at` for fixup kind `kind`; throws gas's message when it does not fit. */
export function applyField(kind: string, value: bigint, out: Uint8Array, at: number): void {
  const w = (): number => read32(out, at);
  const n = Number(BigInt.asIntN(32, value));
  switch (kind) {
    case "branch":
      if (!inRange(value, 13) || value & 1n) throw new AsmError("branch out of range");
      return write32(out, at, (w() & ~bImm(-1)) >>> 0 | bImm(n));
    case "jal":
      if (!inRange(value, 21) || value & 1n) throw new AsmError("jump out of range");
      return write32(out, at, (w() & 0xfff) | jImm(n));
    case "rvc_branch": {
      if (!inRange(value, 9)) throw new AsmError("branch out of range");
      const h = out[at] | out[at + 1] << 8;
      const b = (x: number, hi: number, lo = hi): number => (x >>> lo) & ((1 << (hi - lo + 1)) - 1);
      const v = (b(n, 8) << 12) | (b(n, 4, 3) << 10) | (b(n, 7, 6) << 5) | (b(n, 2, 1) << 3) | (b(n, 5) << 2);
      const r = (h & 0xe383) | v;
      out[at] = r & 0xff; out[at + 1] = r >>> 8;
      return;
    }
    case "rvc_jump": {
      if (!inRange(value, 12)) throw new AsmError("jump out of range");
      const h = out[at] | out[at + 1] << 8;
      const b = (x: number, hi: number, lo = hi): number => (x >>> lo) & ((1 << (hi - lo + 1)) - 1);
      const v = (b(n, 11) << 12) | (b(n, 4) << 11) | (b(n, 9, 8) << 9) | (b(n, 10) << 8) | (b(n, 6) << 7) | (b(n, 7) << 6) | (b(n, 3, 1) << 3) | (b(n, 5) << 2);
      const r = (h & 0xe003) | v;
      out[at] = r & 0xff; out[at + 1] = r >>> 8;
      return;
    }
    case "hi20": case "tprel_hi20":
      return write32(out, at, (w() & 0xfff) | uImm(hi20(value)));
    case "lo12_i": case "tprel_lo12_i":
      return write32(out, at, (w() & 0xfffff) | iImm(lo12(value)));
    case "lo12_s": case "tprel_lo12_s":
      return write32(out, at, (w() & 0x1fff07f) | sImm(lo12(value)));
    case "tprel_add": case "align":
      return;
    case "dtprel32": case "dtprel64": {
      // Data, not an instruction: the value itself, little-endian.
      let x = BigInt.asUintN(kind === "dtprel32" ? 32 : 64, value);
      for (let i = 0; i < (kind === "dtprel32" ? 4 : 8); i++) { out[at + i] = Number(x & 0xffn); x >>= 8n; }
      return;
    }
  }
  throw new AsmError(`unsupported relocation for a constant operand`);
}
