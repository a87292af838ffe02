// GNU inline assembly on riscv64: what the constraint letters ask for, which
// register a clobber names, and the substitution of operands into a
// template. Instruction selection places the operands; the emitter expands
// the template once registers and frame offsets are final.

import { FPR, GPR } from "../asm/riscv64/inst.js";
import { CodegenError } from "../ir/errors.js";
import { F0 } from "./regs.js";

/** Where a constraint allows an operand to live (first alternative only). */
export interface Constraint {
  readonly early: boolean;
  readonly match?: number;
  readonly reg?: { kind: "any"; cls: "int" | "float" } | { kind: "fixed"; reg: number };
  readonly mem: boolean;
  readonly imm: boolean;
}

/** Immediate letters: I (12-bit signed), K (5-bit unsigned), J (zero), i, n and the generic ones. */
const IMM_LETTERS = "iInKJsEFGH";

export function parseConstraint(text: string): Constraint {
  const alt = text.split(",")[0]!;
  let early = false, mem = false, imm = false;
  let match: number | undefined;
  let reg: Constraint["reg"];
  const setReg = (x: NonNullable<Constraint["reg"]>): void => { reg ??= x; };
  for (let i = 0; i < alt.length; i++) {
    const c = alt[i]!;
    if ("=+%?!".includes(c)) continue;
    if (c === "&") { early = true; continue; }
    if (c === "*") { i++; continue; }
    if (c === "#") break;
    if (c >= "0" && c <= "9") {
      let j = i;
      while (j < alt.length && alt[j]! >= "0" && alt[j]! <= "9") j++;
      match = Number(alt.slice(i, j));
      i = j - 1;
      continue;
    }
    if (c === "{") {
      const end = alt.indexOf("}", i);
      const name = alt.slice(i + 1, end < 0 ? alt.length : end);
      const n = registerNumber(name);
      if (typeof n !== "number") throw new CodegenError(`unknown register name '${name}' in asm constraint "${text}"`);
      setReg({ kind: "fixed", reg: n });
      i = end < 0 ? alt.length : end;
      continue;
    }
    if (c === "r") setReg({ kind: "any", cls: "int" });
    else if (c === "f") setReg({ kind: "any", cls: "float" });
    else if ("moAV<>".includes(c)) mem = true;
    else if (c === "g" || c === "X") { setReg({ kind: "any", cls: "int" }); mem = true; imm = true; }
    else if (IMM_LETTERS.includes(c)) imm = true;
    else throw new CodegenError(`unsupported asm constraint '${c}' in "${text}"`);
  }
  return { early, ...(match !== undefined ? { match } : {}), ...(reg ? { reg } : {}), mem, imm };
}

/** The register a name denotes (ABI or x/f number), "ignore" for memory/cc, undefined if unknown. */
export function registerNumber(name: string): number | "ignore" | undefined {
  const n = name.toLowerCase();
  if (n === "memory" || n === "cc") return "ignore";
  const g = (GPR as readonly string[]).indexOf(n);
  if (g >= 0) return g;
  if (n === "fp") return 8;
  const f = (FPR as readonly string[]).indexOf(n);
  if (f >= 0) return F0 + f;
  const x = /^([xf])([0-9]+)$/.exec(n);
  if (x && Number(x[2]) < 32) return (x[1] === "f" ? F0 : 0) + Number(x[2]);
  if (/^(vxrm|vxsat|vl|vtype|frm|fflags|fcsr)$/.test(n)) return "ignore";
  return undefined;
}

/** An operand as the template sees it, after register allocation and frame layout. */
export type AsmArg =
  | { kind: "reg"; reg: number }
  | { kind: "mem"; base: number; disp: number }
  | { kind: "imm"; value: bigint }
  | { kind: "sym"; name: string; off: number }
  | { kind: "label"; name: string };

const regText = (n: number): string => (n >= F0 ? FPR[n - F0]! : GPR[n]!);

function renderArg(a: AsmArg, mod: string): string {
  switch (a.kind) {
    case "reg": return mod === "i" ? "" : regText(a.reg);
    case "mem": return `${a.disp}(${regText(a.base)})`;
    // %z: the zero register for a zero constant; %i: "i" when the operand is an immediate.
    case "imm": return mod === "i" ? "i" : mod === "z" && a.value === 0n ? "zero" : String(a.value);
    case "sym": return mod === "i" ? "i" : a.name + (a.off > 0 ? `+${a.off}` : a.off < 0 ? String(a.off) : "");
    case "label": return a.name;
  }
}

/** Substitute operands into a template: `%N`, `%[name]`, `%lN`, modifiers `%z %i`, `%%`, `%=`. */
export function expandTemplate(tmpl: string, args: readonly AsmArg[], names: readonly (string | undefined)[], unique: number): string {
  let out = "";
  for (let i = 0; i < tmpl.length; i++) {
    const c = tmpl[i]!;
    if (c !== "%") { out += c; continue; }
    const n = tmpl[++i];
    if (n === undefined) throw new CodegenError("asm template ends with '%'");
    if (n === "%") { out += "%"; continue; }
    if (n === "=") { out += String(unique); continue; }
    let mod = "";
    if (/[a-zA-Z]/.test(n)) { mod = n; i++; }
    let index: number;
    if (tmpl[i] === "[") {
      const end = tmpl.indexOf("]", i);
      const name = tmpl.slice(i + 1, end < 0 ? tmpl.length : end);
      index = names.indexOf(name);
      if (index < 0) throw new CodegenError(`undefined named operand '${name}' in asm`);
      i = end;
    } else {
      let j = i;
      while (j < tmpl.length && tmpl[j]! >= "0" && tmpl[j]! <= "9") j++;
      if (j === i) {
        // Not an operand reference (e.g. %hi(sym) / %lo(sym) written in the template): keep it.
        out += "%" + mod;
        i--;
        continue;
      }
      index = Number(tmpl.slice(i, j));
      i = j - 1;
    }
    const arg = args[index];
    if (!arg) throw new CodegenError(`asm operand number ${index} out of range`);
    out += renderArg(arg, mod === "l" ? "" : mod);
  }
  return out;
}
