// GNU inline assembly on AArch64: what the constraint letters ask for, which
// register a clobber names, and the substitution of operands into a template
// (`%0`, `%w0`, `%x0`, `%s0`, `%d0`, `%q0`, `%[name]`, `%c0`, `%l0`, `%=`).
// Instruction selection places the operands; the emitter expands the
// template once registers and frame offsets are final.

import { CodegenError } from "../ir/errors.js";
import { FP, LR, SP, V0, XZR } from "./regs.js";

/** Where a constraint allows an operand to live (first alternative only). */
export interface Constraint {
  readonly early: boolean;
  readonly match?: number;
  /** `below`: only v0..v(below-1) (`x`: v0–v15, `y`: v0–v7, for by-element operands). */
  readonly reg?: { kind: "any"; cls: "int" | "float"; below?: number } | { kind: "fixed"; reg: number };
  readonly mem: boolean;
  readonly imm: boolean;
}

/** Immediate constraints: any constant (i n), and the A64 ranges I J K L M N (checked by the assembler). */
const IMM_LETTERS = "insIJKLMNZEF";

export function parseConstraint(text: string): Constraint {
  const alt = text.split(",")[0]!;
  let early = false, mem = false, imm = false;
  let match: number | undefined;
  let reg: Constraint["reg"];
  const setReg = (r: NonNullable<Constraint["reg"]>): void => { reg ??= r; };
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
      const r = registerNumber(name);
      if (typeof r !== "number") throw new CodegenError(`unknown register name '${name}' in asm constraint "${text}"`);
      setReg({ kind: "fixed", reg: r });
      i = end < 0 ? alt.length : end;
      continue;
    }
    if (c === "r" || c === "k") setReg({ kind: "any", cls: "int" });
    else if (c === "w") setReg({ kind: "any", cls: "float" });
    else if (c === "x" || c === "y") setReg({ kind: "any", cls: "float", below: c === "x" ? 16 : 8 });
    else if ("mQoVU<>".includes(c)) { mem = true; if (c === "U") i++; }
    else if (c === "g" || c === "X") { setReg({ kind: "any", cls: "int" }); mem = true; imm = true; }
    else if (IMM_LETTERS.includes(c)) imm = true;
    else throw new CodegenError(`unsupported asm constraint '${c}' in "${text}"`);
  }
  return { early, ...(match !== undefined ? { match } : {}), ...(reg ? { reg } : {}), mem, imm };
}

/** The register a name in a clobber list or `{reg}` constraint denotes, or "ignore". */
export function registerNumber(name: string): number | "ignore" | undefined {
  const n = name.toLowerCase();
  const g = /^[xw]([0-9]+)$/.exec(n);
  if (g && Number(g[1]) <= 30) return Number(g[1]);
  if (n === "fp") return FP;
  if (n === "lr") return LR;
  if (n === "sp" || n === "wsp") return SP;
  if (n === "xzr" || n === "wzr") return "ignore";
  const v = /^[vbhsdq]([0-9]+)$/.exec(n);
  if (v && Number(v[1]) <= 31) return V0 + Number(v[1]);
  if (/^(cc|memory|nzcv|fpsr|fpcr|ffr|p[0-9]+)$/.test(n)) return "ignore";
  return undefined;
}

/** An operand as the template sees it, after register allocation and frame layout. */
export type AsmArg =
  | { kind: "reg"; reg: number; size: number }
  | { kind: "mem"; text: string }
  | { kind: "imm"; value: bigint }
  | { kind: "sym"; name: string; off: number }
  | { kind: "label"; name: string };

function regText(reg: number, size: number, mod: string): string {
  if (reg >= V0 && reg < V0 + 32) {
    const n = reg - V0;
    // %b0 %h0 %s0 %d0 %q0 name the scalar view; bare, gcc prints the vector register.
    return mod !== "" && "bhsdq".includes(mod) ? mod + n : `v${n}`;
  }
  if (reg === SP) return mod === "w" ? "wsp" : "sp";
  const num = reg === XZR ? "zr" : String(reg);
  const wide = mod === "x" || (mod !== "w" && size >= 8);
  return (wide ? "x" : "w") + num;
}

function renderArg(a: AsmArg, mod: string): string {
  switch (a.kind) {
    case "reg": return regText(a.reg, a.size, mod);
    case "mem": return a.text;
    // Immediates print bare (`%c0` too): A64 templates write their own `#`.
    case "imm": return String(a.value);
    case "sym": return a.name + (a.off > 0 ? `+${a.off}` : a.off < 0 ? String(a.off) : "");
    case "label": return a.name;
  }
}

/** Substitute operands into an asm template. */
export function expandTemplate(tmpl: string, args: readonly AsmArg[], names: readonly (string | undefined)[], unique: number): string {
  let out = "";
  for (let i = 0; i < tmpl.length; i++) {
    const c = tmpl[i]!;
    if (c !== "%") { out += c; continue; }
    const n = tmpl[++i];
    if (n === undefined) throw new CodegenError("asm template ends with '%'");
    if (n === "%" || n === "{" || n === "|" || n === "}") { out += n; continue; }
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
      if (j === i) throw new CodegenError(`invalid '%${mod}${tmpl[i] ?? ""}' in asm template`);
      index = Number(tmpl.slice(i, j));
      i = j - 1;
    }
    const arg = args[index];
    if (!arg) throw new CodegenError(`asm operand number ${index} out of range`);
    out += renderArg(arg, mod === "l" ? "" : mod);
  }
  return out;
}
