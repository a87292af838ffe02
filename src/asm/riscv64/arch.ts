// The riscv64 ArchAssembler: gas's `.option` state, ISA string and
// `.riscv.attributes`, mapping symbols, relocation types, linker relaxation
// (R_RISCV_RELAX, R_RISCV_ALIGN, ADD/SUB pairs for label differences) the way
// riscv64-linux-gnu-as 2.40 does them.

import { AsmError, type ArchAssembler, type ArchFactory, type Encoded, type InstContext } from "../arch.js";
import type { Assembler } from "../assembler.js";
import { ExprError, type Expr, type ExprParser } from "../expr.js";
import { parseStringLiteral, splitArgs } from "../lexer.js";
import type { Fixup, Section } from "../model.js";
import type { Value } from "../value.js";
import { readEscape } from "../expr.js";
import { EM, R_RISCV, SHF_EXECINSTR, STT_NOTYPE, STT_OBJECT, STT_TLS } from "../../elf/constants.js";
import { RvEncoder, type RvContext, type RvOptions } from "./encoder.js";
import { applyField } from "./fields.js";
import { FPR, GPR, RELOC_OPERATORS, type Inst } from "./inst.js";
import { parseInstruction } from "./parser.js";

const R = (name: string): number => R_RISCV.get("R_RISCV_" + name);

/** Fixup kind → relocation. */
const KIND_RELOC: Record<string, string> = {
  branch: "BRANCH", jal: "JAL", rvc_branch: "RVC_BRANCH", rvc_jump: "RVC_JUMP", call: "CALL_PLT",
  hi20: "HI20", lo12_i: "LO12_I", lo12_s: "LO12_S", pcrel_hi20: "PCREL_HI20", pcrel_lo12_i: "PCREL_LO12_I",
  pcrel_lo12_s: "PCREL_LO12_S", got_hi20: "GOT_HI20", tprel_hi20: "TPREL_HI20", tprel_lo12_i: "TPREL_LO12_I",
  tprel_lo12_s: "TPREL_LO12_S", tprel_add: "TPREL_ADD", tls_got_hi20: "TLS_GOT_HI20", tls_gd_hi20: "TLS_GD_HI20",
  align: "ALIGN", dtprel32: "TLS_DTPREL32", dtprel64: "TLS_DTPREL64",
};

/** Kinds whose bits gas fills with the distance to the target even when it leaves a relocation ("for objdump"). */
const TENTATIVE = new Set(["branch", "jal", "rvc_branch", "rvc_jump"]);
/** Kinds whose bits gas fills with the relocation's addend (hi/lo parts). */
const ADDEND_BITS = new Set(["hi20", "lo12_i", "lo12_s", "dtprel32", "dtprel64"]);

/** Fixup kinds that refer to thread-local storage. */
const TLS_KINDS = new Set(["tls_got_hi20", "tls_gd_hi20", "tprel_hi20", "tprel_lo12_i", "tprel_lo12_s", "tprel_add", "dtprel32", "dtprel64"]);

const EF_RISCV_RVC = 0x1;
const EF_RISCV_FLOAT_ABI_DOUBLE = 0x4;
const SHT_RISCV_ATTRIBUTES = 0x70000003;

/** Attribute tags of `.riscv.attributes` (RISC-V ELF psABI). */
const ATTRIBUTE_TAGS: Record<string, number> = {
  stack_align: 4, arch: 5, unaligned_access: 6, priv_spec: 8, priv_spec_minor: 10, priv_spec_revision: 12,
};

/** What gcc's driver asks for (-march=rv64imafdc_zicsr_zifencei -misa-spec=20191213), as gas spells it. */
export const DEFAULT_ARCH = "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0_zmmul1p0";

/** Extension versions of ISA spec 20191213 (what gas records when -march gives none). */
const VERSIONS: Record<string, string> = {
  i: "2p1", e: "2p0", m: "2p0", a: "2p1", f: "2p2", d: "2p2", q: "2p2", c: "2p0",
  zicsr: "2p0", zifencei: "2p0", zmmul: "1p0", zba: "1p0", zbb: "1p0", zbc: "1p0", zbs: "1p0",
};

/** An -march value (`rv64gc`, `rv64imafdc_zicsr_zba`) as the ISA string gas records. */
export function marchToArch(march: string): string {
  const m = /^rv(32|64)([a-z]*)((?:_[a-z0-9]+)*)$/.exec(march.toLowerCase());
  if (!m) throw new AsmError(`invalid ISA string \`${march}'`);
  const singles = m[2].replace("g", "imafd").split("").filter((c, i, a) => a.indexOf(c) === i);
  const multi = m[3].split("_").filter((x) => x);
  if (m[2].includes("g")) multi.push("zicsr", "zifencei");
  const named = [...singles, ...new Set(multi)].map((x) => x.replace(/\d+p\d+$/, ""));
  return canonicalArch(`rv${m[1]}` + named.map((x, i) => `${i ? "_" : ""}${x}${VERSIONS[x] ?? "1p0"}`).join(""));
}

/** DWARF register numbers: x0–x31 are 0–31, f0–f31 are 32–63. */
const DWARF: Record<string, number> = {
  ...Object.fromEntries(GPR.map((r, i) => [r, i])), ...Object.fromEntries(FPR.map((r, i) => [r, 32 + i])),
  ...Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`x${i}`, i])),
  ...Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`f${i}`, 32 + i])), fp: 8,
};

/** `%op(expr)` as an expression node (the operand parser also sees it in data directives). */
function relocOperator(p: ExprParser): Expr | undefined {
  if (p.s[p.pos] !== "%") return undefined;
  const m = /^%([a-z_]+)\s*\(/.exec(p.s.slice(p.pos));
  if (!m || !(RELOC_OPERATORS as readonly string[]).includes(m[1])) return undefined;
  p.pos += m[0].length;
  const a = p.expr();
  p.ws();
  if (p.s[p.pos] !== ")") throw new ExprError("missing ')'");
  p.pos++;
  return { k: "op", op: m[1], a };
}

/** The ISA string gas records for an `.attribute arch` string: z-extensions implied by others added, in canonical order. */
export function canonicalArch(arch: string): string {
  const parts = arch.toLowerCase().split("_").filter((x) => x);
  const names = new Set(parts.map((p) => p.replace(/\d.*$/, "")));
  if (names.has("m") && !names.has("zmmul")) parts.push("zmmul1p0");
  const order = "imafdqlcbkjtpvnh";
  const xlen = parts[0].slice(0, 4);
  parts[0] = parts[0].slice(4);
  const head = parts.filter((p) => !p.startsWith("z") && !p.startsWith("s") && !p.startsWith("x"))
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
  head[0] = xlen + head[0];
  const z = parts.filter((p) => p.startsWith("z")).sort((a, b) => order.indexOf(a[1]) - order.indexOf(b[1]) || (a < b ? -1 : a > b ? 1 : 0));
  const rest = parts.filter((p) => p.startsWith("s") || p.startsWith("x"));
  return [...head, ...z, ...rest].join("_");
}

/** The multi-letter extensions named in an ISA string (zba, zbb, …). */
const extensionsOf = (arch: string): Set<string> => new Set(arch.split("_").slice(1).map((p) => p.replace(/\d+p\d+$/, "")).filter((p) => p.length > 1));

const hasC = (arch: string): boolean => arch.split("_").some((p, i) => (i === 0 ? /^rv(32|64)[a-z0-9]*c\d/.test(p) || /^rv(32|64)g?c/.test(p) : /^c\d/.test(p)));

class Riscv64Assembler implements ArchAssembler<Inst> {
  readonly machine = EM.get("EM_RISCV");
  readonly syntax = { commentChars: "#", lineCommentChars: "", wordSize: 4, alignIsPow2: true, relocOperator, fakeLabelName: ".L0 " } as const;
  readonly textAlign: number;
  readonly sortRelocs = true;
  readonly allSectionSymbols = true;
  readonly lateLocalLabels = true;
  readonly fillEndsFragment = true;
  readonly cfi = {
    version: 3, codeAlign: 1, dataAlign: -4, raReg: 1, initial: [0x0d, 2], initialCfaOffset: 0, registers: DWARF, pcrelType: R("32_PCREL"),
  };
  readonly linkerRelax = {
    // gas leaves every label difference in code to the linker, relaxing or not (2.40).
    differenceIsFixed: (sec: Section): boolean => (sec.flags & SHF_EXECINSTR) === 0,
    differenceRelocs: (size: number, form: "add" | "set" | "set6"): { add: number; sub: number } | undefined => {
      if (form === "set6") return { add: R("SET6"), sub: R("SUB6") };
      const bits = { 1: "8", 2: "16", 4: "32", 8: "64" }[size];
      if (!bits || (form === "set" && size === 8)) return undefined;
      return { add: R((form === "set" ? "SET" : "ADD") + bits), sub: R("SUB" + bits) };
    },
    relaxRelocType: R("RELAX"),
  };
  readonly directives: ReadonlyMap<string, (asm: Assembler, args: string) => void>;

  private opts: RvOptions = { rvc: true, relax: true, pic: false, extensions: new Set() };
  private readonly optionStack: { opts: RvOptions; arch: string }[] = [];
  private arch = DEFAULT_ARCH;
  private usedRvc = false;
  private readonly attributes = new Map<number, number | string>();
  /** Mapping state per code section: "x" after an instruction, "d" after data. */
  private readonly mapping = new Map<Section, "x" | "d">();
  /** The ISA string the last `$x…` symbol of each section named. */
  private readonly mappedArch = new Map<Section, string>();

  constructor(args: readonly string[]) {
    for (const a of args) {
      if (a === "-fpic" || a === "-fPIC") this.opts.pic = true;
      else if (a === "-fno-pic") this.opts.pic = false;
      else if (a === "-mrelax") this.opts.relax = true;
      else if (a === "-mno-relax") this.opts.relax = false;
      else if (a.startsWith("-march=")) this.arch = marchToArch(a.slice(7));
    }
    this.opts.rvc = hasC(this.arch);
    this.opts = { ...this.opts, extensions: extensionsOf(this.arch) };
    this.textAlign = this.opts.rvc ? 2 : 4;
    this.directives = new Map<string, (asm: Assembler, args: string) => void>([
      [".option", (_asm, a) => this.option(a.trim())],
      [".attribute", (_asm, a) => this.attribute(a)],
      [".dword", (asm, a) => { for (const x of splitArgs(a)) asm.emitValue(asm.parseExpr(x), 8); }],
      [".half", (asm, a) => { for (const x of splitArgs(a)) asm.emitValue(asm.parseExpr(x), 2); }],
      [".dtprelword", (asm, a) => this.dtprel(asm, a, 4)],
      [".dtpreldword", (asm, a) => this.dtprel(asm, a, 8)],
    ]);
  }

  /** `.dtprelword`/`.dtpreldword`: offsets from the TLS block (debug info of TLS variables). */
  private dtprel(asm: Assembler, args: string, size: 4 | 8): void {
    for (const x of splitArgs(args)) {
      this.beforeData(asm);
      const f = asm.data();
      f.fixups.push({ offset: f.buf.length, kind: size === 4 ? "dtprel32" : "dtprel64", size, expr: asm.parseExpr(x), pcrel: false, bias: 0n, signed: false, file: asm.stmt.file, line: asm.stmt.line });
      f.buf.fill(size, 0);
    }
  }

  private option(a: string): void {
    const arch = /^arch\s*,\s*(.*)$/.exec(a);
    if (arch) return this.optionArch(arch[1].trim());
    switch (a) {
      case "rvc": this.opts = { ...this.opts, rvc: true }; return;
      case "norvc": this.opts = { ...this.opts, rvc: false }; return;
      case "relax": this.opts = { ...this.opts, relax: true }; return;
      case "norelax": this.opts = { ...this.opts, relax: false }; return;
      case "pic": this.opts = { ...this.opts, pic: true }; return;
      case "nopic": this.opts = { ...this.opts, pic: false }; return;
      case "push": this.optionStack.push({ opts: { ...this.opts }, arch: this.arch }); return;
      case "pop": {
        const o = this.optionStack.pop();
        if (!o) throw new AsmError(".option pop with no .option push");
        this.opts = o.opts;
        this.arch = o.arch;
        return;
      }
      case "csr-check": case "no-csr-check": return;
    }
    throw new AsmError(`unrecognized .option directive: ${a}`);
  }

  /** `.option arch, rv64gc` or `.option arch, +zbb, -c`. */
  private optionArch(spec: string): void {
    if (/^rv(32|64)/.test(spec)) this.arch = marchToArch(spec);
    else {
      const xlen = this.arch.slice(0, 4);
      const exts = new Map(this.arch.slice(4).split("_").map((p) => {
        const name = p.replace(/\d+p\d+$/, "");
        return [name, p.slice(name.length)] as [string, string];
      }));
      for (const item of splitArgs(spec)) {
        const m = /^([+-])([a-z][a-z0-9]*?)(\d+p\d+)?$/.exec(item);
        if (!m) throw new AsmError(`unknown ISA extension \`${item}' in .option arch`);
        if (m[1] === "+") exts.set(m[2], m[3] ?? VERSIONS[m[2]] ?? "1p0");
        else exts.delete(m[2]);
      }
      this.arch = canonicalArch(xlen + [...exts].map(([k, v]) => k + v).join("_"));
    }
    this.opts = { ...this.opts, rvc: hasC(this.arch), extensions: extensionsOf(this.arch) };
  }

  private attribute(a: string): void {
    const [tagText, value] = splitArgs(a);
    const tag = ATTRIBUTE_TAGS[(tagText ?? "").replace(/^Tag_RISCV_/, "")] ?? (/^\d+$/.test(tagText ?? "") ? Number(tagText) : undefined);
    if (tag === undefined) throw new AsmError(`unknown attribute \`${tagText}'`);
    if (tag === 5) {
      const bytes = parseStringLiteral(value ?? "", readEscape);
      if (!bytes) throw new AsmError("bad string constant");
      this.arch = canonicalArch(String.fromCharCode(...bytes));
      this.opts = { ...this.opts, rvc: hasC(this.arch), extensions: extensionsOf(this.arch) };
      return;
    }
    const n = Number(value);
    if (!Number.isInteger(n)) throw new AsmError("expected numeric constant");
    this.attributes.set(tag, n);
  }

  elfFlags(): number {
    return EF_RISCV_FLOAT_ABI_DOUBLE | (hasC(this.arch) || this.usedRvc ? EF_RISCV_RVC : 0);
  }

  private mapTo(cx: InstContext, state: "x" | "d"): void {
    const sec = cx.currentSection();
    if ((sec.flags & SHF_EXECINSTR) === 0) return;
    const was = this.mapping.get(sec);
    const archChanged = state === "x" && this.mappedArch.get(sec) !== this.arch;
    if (was === state && !archChanged) return;
    this.mapping.set(sec, state);
    if (archChanged) this.mappedArch.set(sec, this.arch);
    cx.localLabel(archChanged ? "$x" + this.arch : "$" + state, true);
  }

  instruction(mnemonic: string, operands: string, cx: InstContext): Encoded {
    return this.encodeInst(parseInstruction(mnemonic, operands), cx);
  }

  encodeInst(inst: Inst, cx: InstContext): Encoded {
    this.mapTo(cx, "x");
    if (this.opts.rvc) this.usedRvc = true;
    const ctx: RvContext = {
      parseExpr: (t) => cx.parseExpr(t), constant: (e) => cx.constant(e), localLabel: (n, k) => cx.localLabel(n, k),
      currentSection: () => cx.currentSection(), pcrelLabel: () => cx.localLabel(".L0 "),
    };
    return new RvEncoder(ctx, this.opts).encode(inst);
  }

  beforeData(asm: Assembler): void {
    this.mapTo(asm, "d");
  }

  /** Alignment padding outside linker relaxation: zero bytes to 2, a c.nop to 4 (with C), then 4-byte nops. */
  nops(n: number): number[] {
    const out: number[] = [];
    while (n % 2 !== 0) { out.push(0); n--; }
    if (n % 4 === 2) { out.push(0x01, 0x00); n -= 2; }
    for (; n > 0; n -= 4) out.push(0x13, 0x00, 0x00, 0x00);
    return out;
  }

  alignCode(asm: Assembler, align: number, _max: number): boolean {
    const insnAlign = this.opts.rvc ? 2 : 4;
    if (align <= insnAlign) return true;
    if (!this.opts.relax) return false;
    // The linker deletes what it does not need of the worst case: nops and R_RISCV_ALIGN (addend = their size).
    const size = align - insnAlign;
    this.mapTo(asm, "x");
    const f = asm.data();
    const at = f.buf.length;
    f.buf.append(this.nops(size));
    f.fixups.push({ offset: at, kind: "align", size: 4, expr: { k: "num", v: BigInt(size) }, pcrel: false, bias: 0n, signed: false, file: asm.stmt.file, line: asm.stmt.line });
    // The linker may delete some of these bytes: distances across them are not the assembler's to fold.
    asm.breakFrag();
    return true;
  }

  relocType(f: Fixup, v: Value, _symbolIsLocal: boolean): number {
    // A TLS relocation makes its symbol a TLS symbol (gas), defined here or not.
    if (f.kind && TLS_KINDS.has(f.kind) && v.add && !v.add.isSection && (v.add.type === STT_NOTYPE || v.add.type === STT_OBJECT)) v.add.type = STT_TLS;
    if (f.kind) return R(KIND_RELOC[f.kind]);
    if (v.reloc === "PLT" && f.pcrel && f.size === 4) return R("PLT32");
    if (v.reloc) throw new AsmError(`relocation %${v.reloc} is not valid here`);
    if (f.pcrel) {
      if (f.size === 4) return R("32_PCREL");
      throw new AsmError(`cannot represent a ${f.size}-byte PC-relative relocation`);
    }
    if (f.size === 4) return R("32");
    if (f.size === 8) return R("64");
    throw new AsmError(`cannot represent a relocation in a ${f.size}-byte field`);
  }

  keepsSymbol(): boolean {
    return true;
  }

  applyFixup(f: Fixup, value: bigint, out: Uint8Array, at: number): number | undefined {
    if (f.kind === "align") return R("ALIGN");
    applyField(f.kind!, value, out, at);
    return undefined;
  }

  resolvesLocally(): boolean {
    return false;
  }

  /** The bits gas writes into an instruction it leaves a relocation on. */
  relocatedBits(f: Fixup, target: bigint, addend: bigint, out: Uint8Array, at: number): void {
    if (!f.kind) return;
    if (TENTATIVE.has(f.kind)) {
      try { applyField(f.kind, target - BigInt(at), out, at); } catch { /* out of range: the linker will say so */ }
    } else if (ADDEND_BITS.has(f.kind)) applyField(f.kind, addend, out, at);
  }

  finish(asm: Assembler): void {
    // gas pads the last subsection of a code section to the section's
    // alignment: zeros under relaxation (the linker realigns), else nops.
    for (const sec of asm.sections) {
      if ((sec.flags & SHF_EXECINSTR) === 0 || sec.align <= 1 || sec.subsections.size === 0) continue;
      const last = Math.max(...sec.subsections.keys());
      sec.subsections.get(last)!.push({ kind: "align", address: 0, align: sec.align, fill: this.opts.relax ? 0 : "nop", fillSize: 1, max: 0, size: 0 });
    }
    // .riscv.attributes: "A", then the "riscv" vendor subsection holding one file-scope subsection.
    const attrs = new Map(this.attributes);
    attrs.set(5, this.arch);
    const body: number[] = [];
    for (const tag of [...attrs.keys()].sort((a, b) => a - b)) {
      const v = attrs.get(tag)!;
      if (typeof v === "string") body.push(tag, ...[...v].map((c) => c.charCodeAt(0)), 0);
      else if (v !== 0) body.push(tag, ...uleb(v));
    }
    const file = [1, ...le32(5 + body.length), ...body];
    const vendor = [...le32(4 + 6 + file.length), ..."riscv".split("").map((c) => c.charCodeAt(0)), 0, ...file];
    const saved = { section: asm.current, subsection: asm.subsection };
    asm.current = asm.section(".riscv.attributes", SHT_RISCV_ATTRIBUTES, 0);
    asm.current.symbol.lateSection = "final";
    asm.subsection = 0;
    asm.data().buf.append([0x41, ...vendor]);
    asm.current = saved.section;
    asm.subsection = saved.subsection;
  }
}

function uleb(v: number): number[] {
  const out: number[] = [];
  do { let b = v & 0x7f; v >>>= 7; if (v) b |= 0x80; out.push(b); } while (v);
  return out;
}
const le32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

export const riscv64Assembler: ArchFactory<Inst> = (args = []) => new Riscv64Assembler(args);
