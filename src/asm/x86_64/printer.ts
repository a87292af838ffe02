// Inst[] → GNU assembler AT&T text.

import type { AsmLine, MemOperand, Operand } from "./inst.js";

function printMem(m: MemOperand): string {
  let s = m.seg ? `%${m.seg}:` : "";
  if (m.sym !== undefined) {
    s += m.sym + (m.reloc ? "@" + m.reloc : "");
    if (m.disp > 0n) s += "+" + m.disp;
    else if (m.disp < 0n) s += String(m.disp);
  } else if (m.disp !== 0n || (m.base === undefined && m.index === undefined)) {
    s += String(m.disp);
  }
  if (m.base !== undefined || m.index !== undefined) {
    s += "(";
    if (m.base !== undefined) s += "%" + m.base;
    if (m.index !== undefined) s += `,%${m.index},${m.scale}`;
    s += ")";
  }
  return s;
}

export function printOperand(o: Operand): string {
  switch (o.kind) {
    case "reg": return "%" + o.reg;
    case "imm": return "$" + (o.sym !== undefined ? o.sym + (o.value ? (o.value > 0n ? "+" : "") + o.value : "") : String(o.value));
    case "mem": return printMem(o);
    case "target": return o.name + (o.reloc ? "@" + o.reloc : "");
    case "indirect": return "*" + printOperand(o.to);
  }
}

export function printLine(l: AsmLine): string {
  switch (l.kind) {
    case "label": return `${l.name}:`;
    case "directive": return `\t${l.name}${l.args.length ? "\t" + l.args.join(", ") : ""}`;
    case "inst": return `\t${l.prefixes?.length ? l.prefixes.join(" ") + " " : ""}${l.mnemonic}${l.operands.length ? "\t" + l.operands.map(printOperand).join(", ") : ""}`;
    case "verbatim": return `\t${l.text}`;
  }
}

export function printAsm(lines: readonly AsmLine[]): string {
  return lines.map(printLine).join("\n") + "\n";
}
