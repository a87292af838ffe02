// The RVC (C extension) form of a 32-bit instruction, when it has one: gas
// with C enabled emits the compressed form of every instruction whose
// operands fit one. Pure bit manipulation on the encoded word.

const sext = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);
const bit = (v: number, hi: number, lo = hi): number => (v >>> lo) & ((1 << (hi - lo + 1)) - 1);
const isC = (r: number): boolean => r >= 8 && r < 16;
const fits6 = (v: number): boolean => v >= -32 && v <= 31;

/** CI-format immediate: bit 5 at 12, bits 4:0 at 6:2. */
const ci = (f3: number, rd: number, imm: number, op: number): number =>
  (f3 << 13) | (bit(imm, 5) << 12) | (rd << 7) | (bit(imm, 4, 0) << 2) | op;

/** Compressed load/store immediate layouts (CL/CS): word (4) or doubleword (8) scaled. */
function clsImm(imm: number, size: 4 | 8): number {
  // Bits 12:10 hold imm[5:3]; bits 6:5 hold imm[2|6] (word) or imm[7:6] (doubleword).
  const hi = bit(imm, 5, 3) << 10;
  return size === 4 ? hi | (bit(imm, 2) << 6) | (bit(imm, 6) << 5) : hi | (bit(imm, 7, 6) << 5);
}

/**
 * The compressed forms gas may choose for each mnemonic: its opcode table
 * lists RVC aliases per mnemonic, so `mv a0,zero` stays 4 bytes although
 * `addi a0,zero,0` becomes c.li.
 */
export const C_FORMS: ReadonlyMap<string, ReadonlySet<string>> = new Map(Object.entries({
  addi: ["c.nop", "c.addi4spn", "c.addi16sp", "c.li", "c.addi", "c.mv"], nop: ["c.nop"], li: ["c.li", "c.lui"],
  addiw: ["c.addiw"], "sext.w": ["c.addiw"], lui: ["c.lui"], mv: ["c.mv"], add: ["c.add", "c.mv"],
  sub: ["c.sub"], and: ["c.and"], or: ["c.or"], xor: ["c.xor"], andi: ["c.andi"], addw: ["c.addw"], subw: ["c.subw"],
  slli: ["c.slli"], srli: ["c.srli"], srai: ["c.srai"],
  lw: ["c.l", "c.lsp"], ld: ["c.l", "c.lsp"], fld: ["c.l", "c.lsp"], sw: ["c.s", "c.ssp"], sd: ["c.s", "c.ssp"], fsd: ["c.s", "c.ssp"],
  jr: ["c.jr"], ret: ["c.jr"], jalr: ["c.jr", "c.jalr"], ebreak: ["c.ebreak"],
}).map(([m, forms]) => [m, new Set(forms)]));

/** The 16-bit form of `w` among the forms `allow` names, or undefined. */
export function compress(w: number, allow: ReadonlySet<string>): number | undefined {
  const ok = (form: string, h: number): number | undefined => (allow.has(form) ? h : undefined);
  const op = w & 0x7f, rd = bit(w, 11, 7), f3 = bit(w, 14, 12), rs1 = bit(w, 19, 15), rs2 = bit(w, 24, 20), f7 = w >>> 25;
  const immI = w >> 20;
  const immS = ((w >> 25) << 5) | rd;
  switch (op) {
    case 0x13: { // OP-IMM
      if (f3 === 0) {
        if (rd === 0 && rs1 === 0 && immI === 0) return ok("c.nop", 0x0001);
        if (rs1 === 2 && isC(rd) && immI > 0 && immI < 1024 && immI % 4 === 0) {
          return ok("c.addi4spn", (bit(immI, 5, 4) << 11) | (bit(immI, 9, 6) << 7) | (bit(immI, 2) << 6) | (bit(immI, 3) << 5) | ((rd - 8) << 2));
        }
        if (rd !== 0 && rs1 === 0 && fits6(immI)) return ok("c.li", ci(2, rd, immI, 1));
        if (rd !== 0 && rd === rs1 && immI !== 0 && fits6(immI)) return ok("c.addi", ci(0, rd, immI, 1));
        // `addi rd, rs, 0` is a move.
        if (rd !== 0 && rs1 !== 0 && immI === 0) return ok("c.mv", (4 << 13) | (rd << 7) | (rs1 << 2) | 2);
        if (rd === 2 && rs1 === 2 && immI !== 0 && immI % 16 === 0 && immI >= -512 && immI <= 496) {
          return ok("c.addi16sp", (3 << 13) | (bit(immI, 9) << 12) | (2 << 7) | (bit(immI, 4) << 6) | (bit(immI, 6) << 5) | (bit(immI, 8, 7) << 3) | (bit(immI, 5) << 2) | 1);
        }
        return undefined;
      }
      if (f3 === 1 && f7 >>> 1 === 0) {
        const sh = bit(w, 25, 20);
        return rd !== 0 && rd === rs1 && sh !== 0 ? ok("c.slli", ci(0, rd, sh, 2)) : undefined;
      }
      if (f3 === 5 && (f7 >>> 1 === 0 || f7 >>> 1 === 0x10)) {
        const sh = bit(w, 25, 20);
        if (!isC(rd) || rd !== rs1 || sh === 0) return undefined;
        return ok(f7 >>> 1 === 0 ? "c.srli" : "c.srai", (4 << 13) | (bit(sh, 5) << 12) | ((f7 >>> 1 === 0 ? 0 : 1) << 10) | ((rd - 8) << 7) | (bit(sh, 4, 0) << 2) | 1);
      }
      if (f3 === 7 && isC(rd) && rd === rs1 && fits6(immI)) {
        return ok("c.andi", (4 << 13) | (bit(immI, 5) << 12) | (2 << 10) | ((rd - 8) << 7) | (bit(immI, 4, 0) << 2) | 1);
      }
      return undefined;
    }
    case 0x1b: // OP-IMM-32
      return f3 === 0 && rd !== 0 && rd === rs1 && fits6(immI) ? ok("c.addiw", ci(1, rd, immI, 1)) : undefined;
    case 0x37: { // LUI
      const imm = sext(w >>> 12, 20);
      return rd !== 0 && rd !== 2 && imm !== 0 && fits6(imm) ? ok("c.lui", ci(3, rd, imm, 1)) : undefined;
    }
    case 0x33: { // OP
      if (f7 === 0 && f3 === 0 && rd !== 0 && rs2 !== 0) {
        if (rs1 === 0) return ok("c.mv", (4 << 13) | (rd << 7) | (rs2 << 2) | 2);
        if (rd === rs1) return ok("c.add", (4 << 13) | (1 << 12) | (rd << 7) | (rs2 << 2) | 2);
        if (rd === rs2) return ok("c.add", (4 << 13) | (1 << 12) | (rd << 7) | (rs1 << 2) | 2);
        return undefined;
      }
      const alu = f7 === 0x20 && f3 === 0 ? 0 : f7 === 0 && f3 === 4 ? 1 : f7 === 0 && f3 === 6 ? 2 : f7 === 0 && f3 === 7 ? 3 : -1;
      if (alu < 0 || !isC(rd)) return undefined;
      const other = rd === rs1 ? rs2 : alu !== 0 && rd === rs2 ? rs1 : -1;
      return isC(other) ? ok(["c.sub", "c.xor", "c.or", "c.and"][alu], (4 << 13) | (3 << 10) | ((rd - 8) << 7) | (alu << 5) | ((other - 8) << 2) | 1) : undefined;
    }
    case 0x3b: { // OP-32
      const alu = f7 === 0x20 && f3 === 0 ? 0 : f7 === 0 && f3 === 0 ? 1 : -1;
      if (alu < 0 || !isC(rd)) return undefined;
      const other = rd === rs1 ? rs2 : alu === 1 && rd === rs2 ? rs1 : -1;
      return isC(other) ? ok(alu === 0 ? "c.subw" : "c.addw", (4 << 13) | (1 << 12) | (3 << 10) | ((rd - 8) << 7) | (alu << 5) | ((other - 8) << 2) | 1) : undefined;
    }
    case 0x03: case 0x07: { // LOAD, LOAD-FP
      const fp = op === 0x07;
      const size = f3 === 2 && !fp ? 4 : f3 === 3 ? 8 : 0;
      if (!size || immI < 0 || immI % size !== 0) return undefined;
      const f3c = fp ? 1 : size === 4 ? 2 : 3;
      if (rs1 === 2 && (fp || rd !== 0) && immI < 64 * size) {
        const lo = size === 4 ? (bit(immI, 4, 2) << 4) | (bit(immI, 7, 6) << 2) : (bit(immI, 4, 3) << 5) | (bit(immI, 8, 6) << 2);
        return ok("c.lsp", (f3c << 13) | (bit(immI, 5) << 12) | (rd << 7) | lo | 2);
      }
      if (isC(rd) && isC(rs1) && immI < 32 * size) return ok("c.l", (f3c << 13) | clsImm(immI, size) | ((rs1 - 8) << 7) | ((rd - 8) << 2));
      return undefined;
    }
    case 0x23: case 0x27: { // STORE, STORE-FP
      const fp = op === 0x27;
      const size = f3 === 2 && !fp ? 4 : f3 === 3 ? 8 : 0;
      if (!size || immS < 0 || immS % size !== 0) return undefined;
      const f3c = fp ? 5 : size === 4 ? 6 : 7;
      if (rs1 === 2 && immS < 64 * size) {
        const imm = size === 4 ? (bit(immS, 5, 2) << 9) | (bit(immS, 7, 6) << 7) : (bit(immS, 5, 3) << 10) | (bit(immS, 8, 6) << 7);
        return ok("c.ssp", (f3c << 13) | imm | (rs2 << 2) | 2);
      }
      if (isC(rs2) && isC(rs1) && immS < 32 * size) return ok("c.s", (f3c << 13) | clsImm(immS, size) | ((rs1 - 8) << 7) | ((rs2 - 8) << 2));
      return undefined;
    }
    case 0x67: // JALR
      if (f3 !== 0 || immI !== 0 || rs1 === 0) return undefined;
      if (rd === 0) return ok("c.jr", (4 << 13) | (rs1 << 7) | 2);
      if (rd === 1) return ok("c.jalr", (4 << 13) | (1 << 12) | (rs1 << 7) | 2);
      return undefined;
    case 0x73:
      return w === 0x00100073 ? ok("c.ebreak", 0x9002) : undefined;
  }
  return undefined;
}

/** c.beqz/c.bnez rs1', offset. */
export function cBranch(bnez: boolean, rs1: number, off: number): number {
  return ((bnez ? 7 : 6) << 13) | (bit(off, 8) << 12) | (bit(off, 4, 3) << 10) | ((rs1 - 8) << 7) | (bit(off, 7, 6) << 5) | (bit(off, 2, 1) << 3) | (bit(off, 5) << 2) | 1;
}

/** c.j offset. */
export function cJump(off: number): number {
  return (5 << 13) | (bit(off, 11) << 12) | (bit(off, 4) << 11) | (bit(off, 9, 8) << 9) | (bit(off, 10) << 8) | (bit(off, 6) << 7) | (bit(off, 7) << 6) | (bit(off, 3, 1) << 3) | (bit(off, 5) << 2) | 1;
}
