// GNU inline assembly on x86_64: what the constraint letters ask for, which
// register a clobber names, and the substitution of operands into a template.
// Instruction selection (isel.ts) places the operands; the emitter (emit.ts)
// calls expandTemplate once registers and frame offsets are final.

import type { MemOperand } from "../asm/x86_64/inst.js";
import { GPR16, GPR32, GPR64, GPR8, XMM, YMM, X87, gprName } from "../asm/x86_64/inst.js";
import { printOperand } from "../asm/x86_64/printer.js";
import { CodegenError } from "../ir/errors.js";
import { RAX, RBX, RCX, RDI, RDX, RSI, ST0, xmm } from "./regs.js";

/** Where a constraint allows an operand to live (first alternative only). */
export interface Constraint {
  /** `&`: written before all inputs are read, so it may share no register with them. */
  readonly early: boolean;
  /** `"0"`..: the same place as that output. */
  readonly match?: number;
  /** A register: any of a class, one named register, or an x87 stack slot (st(N)). */
  readonly reg?: { kind: "any"; cls: "int" | "float" } | { kind: "fixed"; reg: number } | { kind: "x87"; st: number };
  readonly mem: boolean;
  readonly imm: boolean;
}

const FIXED: Record<string, number> = { a: RAX, b: RBX, c: RCX, d: RDX, S: RSI, D: RDI, A: RAX };
const IMM_LETTERS = "insEFGHIJKLMNOeZCW";

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
    if (c === "*") { i++; continue; } // `*x`: ignore x for register preferences
    if (c === "#") break; // the rest of the alternative is ignored
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
      setReg(r >= ST0 ? { kind: "x87", st: r - ST0 } : { kind: "fixed", reg: r });
      i = end < 0 ? alt.length : end;
      continue;
    }
    if ("rqQRlUp".includes(c)) setReg({ kind: "any", cls: "int" });
    else if (c in FIXED) setReg({ kind: "fixed", reg: FIXED[c]! });
    else if (c === "x" || c === "v") setReg({ kind: "any", cls: "float" });
    else if (c === "Y") {
      // Yz is xmm0; the other Y* letters are SSE classes.
      setReg(alt[i + 1] === "z" ? { kind: "fixed", reg: xmm(0) } : { kind: "any", cls: "float" });
      i++;
    } else if (c === "t") setReg({ kind: "x87", st: 0 });
    else if (c === "u") setReg({ kind: "x87", st: 1 });
    else if ("moV<>".includes(c)) mem = true;
    else if (c === "g" || c === "X") { setReg({ kind: "any", cls: "int" }); mem = true; imm = true; }
    else if (IMM_LETTERS.includes(c)) imm = true;
    else throw new CodegenError(`unsupported asm constraint '${c}' in "${text}"`);
  }
  return { early, ...(match !== undefined ? { match } : {}), ...(reg ? { reg } : {}), mem, imm };
}

/**
 * The register a name (as in clobber lists and `{reg}` constraints) denotes:
 * a register number (GPRs 0..15 at any width, xmm 16..31, x87 st(N) as
 * 32+N), or "ignore" for things that are not allocatable registers.
 */
export function registerNumber(name: string): number | "ignore" | undefined {
  const n = name.replace(/^%/, "").toLowerCase();
  for (const table of [GPR64, GPR32, GPR16, GPR8] as readonly (readonly string[])[]) {
    const k = table.indexOf(n);
    if (k >= 0) return k;
  }
  const high = ["ah", "ch", "dh", "bh"].indexOf(n);
  if (high >= 0) return high;
  const v = /^[xyz]mm([0-9]+)$/.exec(n);
  if (v && Number(v[1]) < 16) return xmm(Number(v[1]));
  if (n === "st") return ST0;
  const st = /^st\(?([0-7])\)?$/.exec(n);
  if (st) return ST0 + Number(st[1]);
  if (/^(cc|memory|flags|fpsr|fpcr|dirflag|mxcsr|mm[0-7]|k[0-7]|[xyz]mm(1[6-9]|2[0-9]|3[01]))$/.test(n)) return "ignore";
  return undefined;
}

// ---------------------------------------------------------------- templates

/** An operand as the template sees it, after register allocation and frame layout. */
export type AsmArg =
  | { kind: "reg"; reg: number; size: number }
  | { kind: "mem"; mem: MemOperand; size: number }
  | { kind: "imm"; value: bigint }
  | { kind: "sym"; name: string; off: number }
  | { kind: "label"; name: string };

const SIZE_MODIFIER: Record<string, number> = { b: 1, w: 2, k: 4, q: 8 };
const SUFFIX: Record<number, string> = { 1: "b", 2: "w", 4: "l", 8: "q" };

function regText(reg: number, size: number, mod: string): string {
  if (reg >= ST0) return X87[reg - ST0]!;
  // %x and %t name the 128- and 256-bit views of a vector register; by default its operand's width.
  if (reg >= 16) return mod === "t" || (mod !== "x" && size === 32) ? YMM[reg - 16]! : XMM[reg - 16]!;
  if (mod === "h") {
    if (reg > 3) throw new CodegenError(`%h needs one of a, b, c, d: got ${gprName(reg, 8)}`);
    return ["ah", "ch", "dh", "bh"][reg]!;
  }
  return gprName(reg, SIZE_MODIFIER[mod] ?? (size >= 8 ? 8 : size));
}

function symText(name: string, off: number): string {
  return name + (off > 0 ? `+${off}` : off < 0 ? String(off) : "");
}

function renderArg(a: AsmArg, mod: string): string {
  // c, P, p and a print a constant or symbol bare, as an address rather than an immediate.
  const bare = mod !== "" && "cPpa".includes(mod);
  switch (a.kind) {
    case "reg":
      if (mod === "z") return SUFFIX[a.size] ?? "";
      if (mod === "a") return `(%${regText(a.reg, 8, "")})`;
      return (mod === "V" ? "" : "%") + regText(a.reg, a.size, mod);
    case "mem":
      if (mod === "z") return SUFFIX[a.size] ?? "";
      return printOperand(mod === "H" ? { ...a.mem, disp: a.mem.disp + 8n } : a.mem);
    case "imm":
      if (mod === "n") return String(-a.value);
      return (bare ? "" : "$") + String(a.value);
    case "sym":
      return (bare ? "" : "$") + symText(a.name, a.off);
    case "label":
      return a.name;
  }
}

/**
 * Substitute operands into an asm template: `%N`, `%[name]`, `%lN` (labels
 * count after inputs), modifiers `%b %w %k %q %h %x %t %c %n %P %p %a %l %z %V %H`,
 * `%%`, `%=` (a number unique to this asm) and `%{ %| %}`; `{att|intel}`
 * dialect alternatives keep the AT&T text.
 */
export function expandTemplate(tmpl: string, args: readonly AsmArg[], names: readonly (string | undefined)[], unique: number): string {
  let out = "";
  // 0: outside braces; 1: in the AT&T alternative; 2: in a skipped one.
  let dialect = 0;
  for (let i = 0; i < tmpl.length; i++) {
    const c = tmpl[i]!;
    if (c === "{") { dialect = 1; continue; }
    if (c === "|" && dialect > 0) { dialect = 2; continue; }
    if (c === "}" && dialect > 0) { dialect = 0; continue; }
    if (c !== "%") { if (dialect !== 2) out += c; continue; }
    const n = tmpl[++i];
    if (n === undefined) throw new CodegenError("asm template ends with '%'");
    let text: string;
    if (n === "%" || n === "{" || n === "|" || n === "}") text = n;
    else if (n === "=") text = String(unique);
    else {
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
      text = renderArg(arg, mod === "l" ? "" : mod);
    }
    if (dialect !== 2) out += text;
  }
  return out;
}
