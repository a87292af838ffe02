// The x86_64 ArchAssembler: parse AT&T text, encode, and map fixups to ELF
// relocation types the way GNU as does.

import { AsmError, type ArchAssembler, type Encoded, type InstContext } from "../arch.js";
import { X86_64_DWARF } from "./registers.js";
import { directInst } from "./direct.js";
import type { Inst } from "./inst.js";
import type { Fixup } from "../model.js";
import type { Value } from "../value.js";
import { EM, R_X86_64 } from "../../elf/constants.js";
import { encodeInst } from "./encoder.js";
import { parseInstruction } from "./parser.js";

/** GNU as's nop sequences for -mtune=generic, by length (longer padding repeats the 11-byte one). */
const NOPS: readonly (readonly number[])[] = [
  [],
  [0x90],
  [0x66, 0x90],
  [0x0f, 0x1f, 0x00],
  [0x0f, 0x1f, 0x40, 0x00],
  [0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
  [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];

const R = (name: string): number => R_X86_64.get("R_X86_64_" + name);

/** Relocation for a specifier, by field size. */
const SPECIFIED: Record<string, Partial<Record<number, string>>> = {
  PLT: { 4: "PLT32" }, GOTPCREL: { 4: "GOTPCREL", 8: "GOTPCREL64" }, GOTPCRELX: { 4: "GOTPCRELX" },
  REX_GOTPCRELX: { 4: "REX_GOTPCRELX" }, GOTTPOFF: { 4: "GOTTPOFF" }, TPOFF: { 4: "TPOFF32", 8: "TPOFF64" },
  NTPOFF: { 4: "TPOFF32", 8: "TPOFF64" }, DTPOFF: { 4: "DTPOFF32", 8: "DTPOFF64" }, TLSGD: { 4: "TLSGD" },
  TLSLD: { 4: "TLSLD" }, GOTOFF: { 8: "GOTOFF64" }, GOT: { 4: "GOT32", 8: "GOT64" }, GOTPLT: { 8: "GOTPLT64" },
  PLTOFF: { 8: "PLTOFF64" }, SIZE: { 4: "SIZE32", 8: "SIZE64" },
};

export const x86_64Assembler: ArchAssembler<Inst> = {
  machine: EM.get("EM_X86_64"),
  syntax: { commentChars: "#", lineCommentChars: "", wordSize: 2, alignIsPow2: false },
  elfFlags: () => 0,

  instruction(mnemonic: string, operands: string, cx: InstContext): Encoded {
    return encodeInst(parseInstruction(mnemonic, operands), cx);
  },

  encodeInst(inst: Inst, cx: InstContext): Encoded {
    return encodeInst(directInst(inst), cx);
  },

  nops(n: number): number[] {
    const out: number[] = [];
    while (n > 11) { out.push(...NOPS[11]); n -= 11; }
    out.push(...NOPS[n]);
    return out;
  },

  relocType(f: Fixup, v: Value, symbolIsLocal: boolean): number {
    const spec = f.relocOverride ?? v.reloc;
    if (spec) {
      const name = SPECIFIED[spec]?.[f.size];
      if (!name) throw new AsmError(`relocation @${spec} not supported in a ${f.size}-byte field`);
      return R(name);
    }
    if (f.pcrel) {
      if (f.branch && f.size === 4 && !symbolIsLocal) return R("PLT32");
      return R({ 1: "PC8", 2: "PC16", 4: "PC32", 8: "PC64" }[f.size]);
    }
    return R({ 1: "8", 2: "16", 4: f.signed ? "32S" : "32", 8: "64" }[f.size]);
  },

  keepsSymbol(f: Fixup, v: Value): boolean {
    return (f.relocOverride ?? v.reloc) !== undefined;
  },

  // CIE: code alignment 1, data alignment -8, return address column 16 (rip); CFA = rsp+8, rip at CFA-8.
  cfi: { codeAlign: 1, dataAlign: -8, raReg: 16, initial: [0x0c, 7, 8, 0x90, 1], initialCfaOffset: 8, registers: X86_64_DWARF, pcrelType: 2 },
};
