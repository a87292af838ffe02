// The opcode table lines (opcodes.ts) parsed into `Form` records, indexed by mnemonic.

import { FORM_LINES } from "./opcodes.js";

export type ImmSize = 1 | 2 | 4 | 8;

export interface Form {
  readonly mnemonic: string;
  readonly ops: readonly string[];
  /** Operand size from the suffix (1/2/4/8), 0 when the form has none. */
  readonly size: number;
  /** Registered under the bare mnemonic: the size must come from a register operand. */
  readonly inferred: boolean;
  /** 64-bit operand size is the default (push/pop/indirect branches): no REX.W. */
  readonly d64: boolean;
  readonly rexW: boolean;
  /** Legacy prefix bytes that are part of the opcode (66/f2/f3/9b/67), in order. */
  readonly prefixes: readonly number[];
  readonly opcode: readonly number[];
  readonly modrm?: number | "r";
  readonly plus?: "r" | "i";
  /** Immediate sizes, in operand order (3-operand forms have one immediate). */
  readonly imm?: ImmSize;
  readonly trailing?: number;
  readonly rel?: 1 | 4;
  /**
   * VEX-encoded (AVX, AVX2, FMA, F16C, BMI1/2): the mandatory prefix and the
   * 0f/0f38/0f3a escape bytes of the line become the prefix's pp and map
   * fields, `L1` sets VEX.L (256-bit), `W` sets VEX.W.
   */
  readonly vex?: { readonly pp: number; readonly map: number; readonly l: 0 | 1 };
  /** Table order: ties between equally long encodings go to the earlier form. */
  readonly order: number;
}

const SUFFIX_SIZE: Record<string, number> = { b: 1, w: 2, l: 4, q: 8 };
const PREFIX_BYTES = new Set([0x66, 0xf2, 0xf3, 0x9b, 0x67]);

function parseLine(line: string, order: number, out: Form[]): void {
  const [lhs, enc] = line.split("|").map((s) => s.trim());
  const m = /^(\S+?)(?:\{([bwlq]+)\})?(?:\s+(.*))?$/.exec(lhs);
  if (!m) throw new Error(`bad opcode table line: ${line}`);
  const base = m[1];
  const ops = m[3] ? m[3].split(",").map((s) => s.trim()) : [];
  const toks = enc.split(/\s+/);
  let d64 = false, rexW = false;
  const prefixes: number[] = [];
  const opcode: number[] = [];
  let modrm: number | "r" | undefined;
  let plus: "r" | "i" | undefined;
  let imm: "b" | "w" | "d" | "q" | "z" | undefined;
  let trailing: number | undefined;
  let rel: 1 | 4 | undefined;
  let vex = false;
  let vexL: 0 | 1 = 0;
  for (const t of toks) {
    if (t === "vex") vex = true;
    else if (t === "L1") vexL = 1;
    else if (t === "d64") d64 = true;
    else if (t === "W") rexW = true;
    else if (t === "/r") modrm = "r";
    else if (/^\/[0-7]$/.test(t)) modrm = Number(t[1]);
    else if (/^i[bwdqz]$/.test(t)) imm = t[1] as typeof imm;
    else if (t === "rel") rel = 4;
    else if (t === "rel8") rel = 1;
    else if (/^#[0-9a-f]{2}$/.test(t)) trailing = parseInt(t.slice(1), 16);
    else if (/^[0-9a-f]{2}\+[ri]$/.test(t)) { opcode.push(parseInt(t, 16)); plus = t.endsWith("r") ? "r" : "i"; }
    else if (/^[0-9a-f]{2}$/.test(t)) {
      const b = parseInt(t, 16);
      if (opcode.length === 0 && PREFIX_BYTES.has(b) && toks.indexOf(t) < toks.length - 1 && !(b === 0x66 && rel)) prefixes.push(b);
      else opcode.push(b);
    } else throw new Error(`bad encoding token '${t}' in: ${line}`);
  }
  let vexFields: Form["vex"];
  if (vex) {
    // 0f → map 1, 0f 38 → 2, 0f 3a → 3; 66/f3/f2 → pp 1/2/3.
    if (opcode[0] !== 0x0f) throw new Error(`VEX line without 0f escape: ${line}`);
    const map = opcode[1] === 0x38 ? 2 : opcode[1] === 0x3a ? 3 : 1;
    opcode.splice(0, map === 1 ? 1 : 2);
    const pp = prefixes.length === 0 ? 0 : ({ 0x66: 1, 0xf3: 2, 0xf2: 3 } as Record<number, number>)[prefixes[0]!];
    if (pp === undefined || prefixes.length > 1) throw new Error(`bad VEX prefix in: ${line}`);
    prefixes.length = 0;
    vexFields = { pp, map, l: vexL };
  }
  const sizes = m[2] ? [...m[2]] : [undefined];
  for (const suf of sizes) {
    const size = suf ? SUFFIX_SIZE[suf] : 0;
    const immSize = imm === undefined ? undefined : imm === "z" ? (Math.min(size || 4, 4) as ImmSize) : ({ b: 1, w: 2, d: 4, q: 8 } as const)[imm];
    const f = { ops, size, d64, rexW, prefixes, opcode, modrm, plus, imm: immSize, trailing, rel, vex: vexFields, order };
    out.push({ ...f, mnemonic: base + (suf ?? ""), inferred: false });
    if (suf) out.push({ ...f, mnemonic: base, inferred: true });
  }
}

/**
 * Forms by mnemonic, parsed on first request: parsing the whole table took
 * ~90 ms of every tscc start-up, and a compile uses a few dozen mnemonics.
 * A mnemonic's forms keep table order, as a full parse would list them.
 */
class LazyForms {
  /** Mnemonic → indices of the table lines that define it (built on the first lookup). */
  private lines: Map<string, number[]> | undefined;
  private readonly parsed = new Map<number, Form[]>();
  private readonly forms = new Map<string, readonly Form[] | undefined>();

  get(mnemonic: string): readonly Form[] | undefined {
    if (this.forms.has(mnemonic)) return this.forms.get(mnemonic);
    const indices = this.index().get(mnemonic);
    const forms = indices?.flatMap((i) => this.line(i).filter((f) => f.mnemonic === mnemonic));
    this.forms.set(mnemonic, forms);
    return forms;
  }

  /** Every mnemonic with its forms (the whole table parsed: for tests that enumerate it). */
  entries(): [string, readonly Form[]][] {
    return [...this.index().keys()].map((mn) => [mn, this.get(mn)!]);
  }

  private line(i: number): Form[] {
    let forms = this.parsed.get(i);
    if (!forms) {
      forms = [];
      parseLine(FORM_LINES[i]!, i, forms);
      this.parsed.set(i, forms);
    }
    return forms;
  }

  /** The mnemonics of each line: `base` and, with a `{bwlq}` suffix set, base + each suffix. */
  private index(): Map<string, number[]> {
    if (this.lines) return this.lines;
    const lines = new Map<string, number[]>();
    const add = (mn: string, i: number): void => {
      const l = lines.get(mn);
      if (l === undefined) lines.set(mn, [i]);
      else if (l[l.length - 1] !== i) l.push(i);
    };
    FORM_LINES.forEach((line, i) => {
      const m = /^\s*(\S+?)(?:\{([bwlq]+)\})?(?:\s|\||$)/.exec(line);
      if (!m) throw new Error(`bad opcode table line: ${line}`);
      add(m[1]!, i);
      for (const suf of m[2] ?? "") add(m[1]! + suf, i);
    });
    return (this.lines = lines);
  }
}

export const FORMS = new LazyForms();
