// Inst → gas text, as riscv64-linux-gnu-gcc -S prints it: a tab, the
// mnemonic, a tab, operands separated by commas without spaces.

import { type AsmLine, printLines } from "../lines.js";
import type { Inst, Operand } from "./inst.js";

export function printOperand(o: Operand): string {
  switch (o.kind) {
    case "reg": return o.reg;
    case "imm": return String(o.value);
    case "sym": return o.op ? `%${o.op}(${o.expr})` : o.expr;
    case "mem": return `${printOperand(o.offset)}(${o.base})`;
    case "rm": return o.mode;
    case "fence": return o.set;
    case "csr": return o.name;
  }
}

export function printInst(i: Inst): string {
  return i.operands.length ? `\t${i.mnemonic}\t${i.operands.map(printOperand).join(",")}` : `\t${i.mnemonic}`;
}

export function printAsm(lines: readonly AsmLine<Inst>[]): string {
  return printLines(lines, printInst, ",");
}
