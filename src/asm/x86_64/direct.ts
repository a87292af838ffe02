// A backend's `Inst` in the form the text parser produces, so that the direct
// path (no text round trip) and assembling the `-S` output meet the encoder
// with the same operands: a relocation specifier becomes part of the
// expression text (`sym@GOTPCREL`), as `parseOperand` leaves it.

import type { Inst, MemOperand, Operand } from "./inst.js";
import { parseInstruction } from "./parser.js";
import { printOperand } from "./printer.js";

function withReloc(sym: string, reloc: string | undefined): string {
  return reloc ? `${sym}@${reloc}` : sym;
}

function directOperand(o: Operand): Operand {
  switch (o.kind) {
    case "reg": case "imm": return o;
    case "mem": return directMem(o);
    case "target": return o.reloc ? { kind: "target", name: withReloc(o.name, o.reloc) } : o;
    case "indirect": return o.to.kind === "mem" ? { kind: "indirect", to: directMem(o.to) } : o;
  }
}

function directMem(m: MemOperand): MemOperand {
  if (!m.reloc || m.sym === undefined) return m;
  const { reloc: _reloc, ...rest } = m;
  return { ...rest, sym: withReloc(m.sym, m.reloc) };
}

export function directInst(i: Inst): Inst {
  // Anything unusual in the mnemonic (a prefix word written into it, upper
  // case) goes the way the text would, so both paths agree by construction.
  if (!/^[a-z0-9]+$/.test(i.mnemonic)) {
    return parseInstruction(...splitMnemonic(i.mnemonic, i.operands.map(printOperand).join(", "), i.prefixes));
  }
  return { ...i, operands: i.operands.map(directOperand) };
}

function splitMnemonic(mnemonic: string, operands: string, prefixes: readonly string[] | undefined): [string, string] {
  const words = [...(prefixes ?? []), ...mnemonic.trim().split(/\s+/)];
  return [words[0], [...words.slice(1), operands].filter((x) => x).join(" ")];
}
