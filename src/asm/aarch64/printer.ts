// `Inst` → gas text in the style of `aarch64-linux-gnu-gcc -S`: immediates
// without `#`, shifts as `lsl 3`, relocation operators as `:lo12:sym`. The
// parser reads it back to the same `Inst`.

import { type AsmLine, printLines } from "../lines.js";
import { CONDITIONS, type GprOperand, type Inst, type MemOffset, type Operand } from "./inst.js";

export function gprName(r: GprOperand): string {
  if (r.num === 31) return r.sp ? (r.size === 64 ? "sp" : "wsp") : r.size === 64 ? "xzr" : "wzr";
  return (r.size === 64 ? "x" : "w") + r.num;
}

/** gcc prints FP immediates as `2.5e+0`: one digit before the point, the exponent always signed. */
function floatText(v: number): string {
  const s = v.toExponential();
  const [mant, exp] = s.split("e");
  return `${mant.includes(".") ? mant : mant + ".0"}e${exp.startsWith("-") ? exp : exp.replace(/^\+?/, "+")}`;
}

function offsetText(o: MemOffset): string {
  if (o.kind === "index") return o.ext ? `${gprName(o.reg)}, ${operandText(o.ext)}` : gprName(o.reg);
  return operandText(o);
}

export function operandText(o: Operand): string {
  switch (o.kind) {
    case "gpr": return gprName(o);
    case "fpr": return o.cls + o.num;
    case "vec": return `v${o.num}.${o.arr}`;
    case "elem": return `v${o.num}.${o.size}[${o.index}]`;
    case "list": {
      const regs = Array.from({ length: o.count }, (_, i) => `v${(o.first + i) % 32}.${o.arr}`);
      return `{${regs.join(", ")}}`;
    }
    // An expression keeps its `#`: bare, it would read back as a symbol operand.
    case "lanes": {
      const regs = Array.from({ length: o.count }, (_, i) => `v${(o.first + i) % 32}.${o.size}`);
      return `{${regs.join(", ")}}[${o.index}]`;
    }
    case "imm": return o.expr !== undefined ? `#${o.expr}` : String(o.value);
    case "fimm": return floatText(o.value);
    case "shift": return `${o.op} ${o.amount}`;
    case "extend": return o.amount === undefined ? o.op : `${o.op} ${o.amount}`;
    case "sym": return o.op ? `${o.hash ? "#" : ""}:${o.op}:${o.expr}` : o.expr;
    case "cond": return CONDITIONS[o.cond];
    case "name": return o.name;
    case "mem": {
      if (o.mode === "post") return `[${gprName({ kind: "gpr", size: 64, num: o.base, sp: true })}], ${offsetText(o.offset!)}`;
      const base = gprName({ kind: "gpr", size: 64, num: o.base, sp: true });
      const inner = o.offset ? `${base}, ${offsetText(o.offset)}` : base;
      return `[${inner}]${o.mode === "pre" ? "!" : ""}`;
    }
  }
}

export function instText(i: Inst): string {
  return i.operands.length ? `\t${i.mnemonic}\t${i.operands.map(operandText).join(", ")}` : `\t${i.mnemonic}`;
}

export function printAssembly(lines: readonly AsmLine<Inst>[]): string {
  return printLines(lines, instText);
}
