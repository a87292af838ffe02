// riscv64 Inst → machine code, as GNU as 2.40 assembles it: pseudo
// instructions expanded (`li` with gas's constant-building sequence, `la`
// through the GOT under `.option pic`), every instruction compressed when C
// is enabled and an RVC form fits, branches and jumps as relaxable fragments
// (c.beqz → beq → bne+jal), and fixups with riscv kinds.

import { AsmError, type EncFixup, type Encoded, type EncodedBytes, type InstContext, type Relaxable } from "../arch.js";
import type { Expr } from "../expr.js";
import { C_FORMS, compress, cBranch, cJump } from "./compress.js";
import { bImm, hi20, iImm, lo12, sImm, uImm, type RvFixupKind } from "./fields.js";
import { FPR, GPR, type Inst, type Operand, type RelocOperator } from "./inst.js";
import { CSRS, EXTENSION_OF, OPCODES, ROUNDING_MODES } from "./opcodes.js";

/** `.option` state. */
export interface RvOptions {
  rvc: boolean; relax: boolean; pic: boolean;
  /** Extensions of the ISA string beyond rv64gc that enable table instructions (zba, zbb). */
  readonly extensions: ReadonlySet<string>;
}

export interface RvContext extends InstContext {
  /** A new local label at the current location (gas's `.L0 ` label that a %pcrel_lo names). */
  pcrelLabel(): string;
}

const GPR_INDEX = new Map<string, number>([
  ...GPR.map((r, i) => [r, i] as [string, number]), ...Array.from({ length: 32 }, (_, i) => [`x${i}`, i] as [string, number]), ["fp", 8],
]);
const FPR_INDEX = new Map<string, number>([
  ...FPR.map((r, i) => [r, i] as [string, number]), ...Array.from({ length: 32 }, (_, i) => [`f${i}`, i] as [string, number]),
]);

export const gprIndex = (name: string): number | undefined => GPR_INDEX.get(name);
export const fprIndex = (name: string): number | undefined => FPR_INDEX.get(name);

/** Operator → fixup kind in an I-type, S-type or U-type field. */
const I_KIND: Partial<Record<RelocOperator, RvFixupKind>> = { lo: "lo12_i", pcrel_lo: "pcrel_lo12_i", tprel_lo: "tprel_lo12_i" };
const S_KIND: Partial<Record<RelocOperator, RvFixupKind>> = { lo: "lo12_s", pcrel_lo: "pcrel_lo12_s", tprel_lo: "tprel_lo12_s" };
const U_KIND: Partial<Record<RelocOperator, RvFixupKind>> = {
  hi: "hi20", pcrel_hi: "pcrel_hi20", got_pcrel_hi: "got_hi20", tprel_hi: "tprel_hi20",
  tls_ie_pcrel_hi: "tls_got_hi20", tls_gd_pcrel_hi: "tls_gd_hi20",
};

/** Kinds gas follows with R_RISCV_RELAX under `.option relax`. */
const RELAXABLE = new Set<string>(["hi20", "lo12_i", "lo12_s", "pcrel_hi20", "pcrel_lo12_i", "pcrel_lo12_s", "tprel_hi20", "tprel_lo12_i", "tprel_lo12_s", "tprel_add", "call"]);
/** Kinds whose instructions the linker may delete or shorten when relaxing (gas ends the frag after them). */
const LINKER_REWRITES = new Set<string>(["hi20", "pcrel_hi20", "tprel_hi20", "tprel_add", "call"]);
/** Kinds that are PC-relative. */
const PCREL = new Set<string>(["branch", "jal", "rvc_branch", "rvc_jump", "call", "pcrel_hi20", "got_hi20", "tls_got_hi20", "tls_gd_hi20"]);

interface Field { c?: bigint; e?: Expr; op?: RelocOperator }

class Builder {
  readonly bytes: number[] = [];
  readonly fixups: EncFixup[] = [];
  /** A 4-byte lui/auipc of a constant was emitted (gas treats its operand as %hi: see `result`). */
  constantUpper = false;
  constructor(readonly opts: RvOptions) {}

  /** One instruction word; `mnemonic` says which compressed forms gas would consider (none if undefined). */
  word(w: number, fix?: { kind: RvFixupKind; e: Expr }, mnemonic?: string): void {
    const at = this.bytes.length;
    const forms = mnemonic !== undefined ? C_FORMS.get(mnemonic) : undefined;
    const c = !fix && forms && this.opts.rvc ? compress(w >>> 0, forms) : undefined;
    if (c !== undefined) this.bytes.push(c & 0xff, c >>> 8);
    else {
      this.bytes.push(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24);
      if (!fix && ((w & 0x7f) === 0x37 || (w & 0x7f) === 0x17)) this.constantUpper = true;
    }
    if (fix) this.fixup(at, fix.kind, fix.e);
  }

  fixup(offset: number, kind: RvFixupKind, expr: Expr, size: 2 | 4 | 8 = 4): void {
    const f: EncFixup = { offset, kind, size, expr, pcrel: PCREL.has(kind), bias: 0n, signed: true };
    if (this.opts.relax && RELAXABLE.has(kind)) f.relax = true;
    this.fixups.push(f);
  }

  result(): Encoded {
    // gas starts a new frag after an instruction the linker may delete or shorten.
    const endsFragment = this.constantUpper || this.fixups.some((f) => f.kind !== undefined && LINKER_REWRITES.has(f.kind));
    return { kind: "bytes", bytes: this.bytes, fixups: this.fixups, endsFragment };
  }
}

function bad(i: Inst): AsmError {
  return new AsmError(`illegal operands \`${i.mnemonic} ${i.operands.map(describe).join(",")}'`);
}

function describe(o: Operand): string {
  switch (o.kind) {
    case "reg": return o.reg;
    case "imm": return String(o.value);
    case "sym": return o.op ? `%${o.op}(${o.expr})` : o.expr;
    case "mem": return `${describe(o.offset)}(${o.base})`;
    case "rm": return o.mode;
    case "fence": return o.set;
    case "csr": return o.name;
  }
}

/** An operand as an identifier (CSR names, rounding modes, fence sets arrive from text as symbols). */
function word(o: Operand): string | undefined {
  if (o.kind === "sym" && !o.op && /^[A-Za-z_.][A-Za-z0-9_.]*$/.test(o.expr)) return o.expr;
  if (o.kind === "rm") return o.mode;
  if (o.kind === "fence") return o.set;
  if (o.kind === "csr") return o.name;
  if (o.kind === "reg") return o.reg;
  return undefined;
}

export class RvEncoder {
  constructor(private readonly cx: RvContext, private readonly opts: RvOptions) {}

  private gpr(i: Inst, o: Operand | undefined): number {
    const n = o?.kind === "reg" ? GPR_INDEX.get(o.reg) : undefined;
    if (n === undefined) throw bad(i);
    return n;
  }

  private fpr(i: Inst, o: Operand | undefined): number {
    const n = o?.kind === "reg" ? FPR_INDEX.get(o.reg) : undefined;
    if (n === undefined) throw bad(i);
    return n;
  }

  private field(i: Inst, o: Operand | undefined): Field {
    if (!o) throw bad(i);
    if (o.kind === "imm") return { c: o.value };
    if (o.kind !== "sym") throw bad(i);
    const e = this.cx.parseExpr(o.expr);
    if (o.op) {
      const c = this.cx.constant(e);
      if (c !== undefined) {
        if (o.op === "hi") return { c: BigInt(hi20(c)) };
        if (o.op === "lo") return { c: BigInt(lo12(c)) };
      }
      return { e, op: o.op };
    }
    const c = this.cx.constant(e);
    return c !== undefined ? { c } : { e };
  }

  /** A constant operand in [min, max]. */
  private constIn(i: Inst, o: Operand | undefined, min: bigint, max: bigint, what = "immediate"): number {
    const f = this.field(i, o);
    if (f.c === undefined) throw bad(i);
    if (f.c < min || f.c > max) throw new AsmError(`${what} out of range`);
    return Number(f.c);
  }

  encode(i: Inst): Encoded {
    const b = new Builder(this.opts);
    const special = this.pseudo(i, b);
    if (special) return special;
    this.base(i, b);
    return b.result();
  }

  /** One table instruction into `b`, compressed as gas would compress `formsOf` (false: never). */
  base(i: Inst, b: Builder, formsOf: string | false = i.mnemonic): void {
    const entry = OPCODES.get(i.mnemonic);
    const ext = EXTENSION_OF.get(i.mnemonic);
    if (!entry || (ext && !this.opts.extensions.has(ext))) throw new AsmError(`unrecognized opcode \`${i.mnemonic}'${ext ? `, extension \`${ext}' required` : ""}`);
    const pattern = entry.operands ? entry.operands.split(",") : [];
    const ops = i.operands;
    let w = entry.match;
    let fix: { kind: RvFixupKind; e: Expr } | undefined;
    let k = 0;
    for (const p of pattern) {
      const o = ops[k];
      switch (p) {
        case "d": w |= this.gpr(i, o) << 7; break;
        case "s": w |= this.gpr(i, o) << 15; break;
        case "t": w |= this.gpr(i, o) << 20; break;
        case "D": w |= this.fpr(i, o) << 7; break;
        case "S": w |= this.fpr(i, o) << 15; break;
        case "T": w |= this.fpr(i, o) << 20; break;
        case "R": w |= this.fpr(i, o) << 27; break;
        case "j": {
          const f = this.field(i, o);
          if (f.c !== undefined) {
            if (f.c < -2048n || f.c > 2047n) throw new AsmError(`illegal operands \`${i.mnemonic}': immediate out of range`);
            w |= iImm(Number(f.c));
          } else {
            const kind = f.op ? I_KIND[f.op] : undefined;
            if (!kind) throw bad(i);
            fix = { kind, e: f.e! };
          }
          break;
        }
        case "o": case "q": {
          if (o?.kind !== "mem") throw bad(i);
          w |= this.gpr(i, { kind: "reg", reg: o.base }) << 15;
          const f = this.field(i, o.offset);
          if (f.c !== undefined) {
            if (f.c < -2048n || f.c > 2047n) throw new AsmError(`illegal operands \`${i.mnemonic}': offset out of range`);
            w |= p === "o" ? iImm(Number(f.c)) : sImm(Number(f.c));
          } else {
            const kind = f.op ? (p === "o" ? I_KIND : S_KIND)[f.op] : undefined;
            if (!kind) throw bad(i);
            fix = { kind, e: f.e! };
          }
          break;
        }
        case "u": {
          const f = this.field(i, o);
          if (f.c !== undefined) {
            if (f.c < 0n || f.c > 0xfffffn) throw new AsmError("lui expression not in range 0..1048575");
            w |= uImm(Number(f.c));
          } else {
            const kind = f.op ? U_KIND[f.op] : undefined;
            if (!kind) throw bad(i);
            fix = { kind, e: f.e! };
          }
          break;
        }
        case ">": w |= this.constIn(i, o, 0n, 63n, "improper shift amount") << 20; break;
        case "<": w |= this.constIn(i, o, 0n, 31n, "improper shift amount") << 20; break;
        case "Z": w |= this.constIn(i, o, 0n, 31n) << 15; break;
        case "E": {
          const name = o && word(o);
          const n = name !== undefined ? CSRS[name] : undefined;
          w |= (n ?? this.constIn(i, o, 0n, 4095n, "improper CSR")) << 20;
          break;
        }
        case "A": {
          if (o?.kind !== "mem" || o.offset.kind !== "imm" || o.offset.value !== 0n) throw bad(i);
          w |= this.gpr(i, { kind: "reg", reg: o.base }) << 15;
          break;
        }
        case "m": {
          // Optional: absent means dyn.
          if (!o) { w |= 7 << 12; continue; }
          const name = word(o);
          const rm = name !== undefined ? ROUNDING_MODES[name] : undefined;
          if (rm === undefined) throw bad(i);
          w |= rm << 12;
          break;
        }
        default: throw new AsmError(`internal: operand pattern ${p}`);
      }
      k++;
    }
    if (k !== ops.length) throw bad(i);
    b.word(w >>> 0, fix, formsOf === false ? undefined : formsOf);
  }

  /** A branch or jump target: a plain expression (`@plt` only where `call`/`tail` allow it). */
  private branchTarget(i: Inst, o: Operand | undefined, plt = false): Expr {
    // A symbol may be named like a register (a function called `ft1`).
    if (o?.kind === "reg") return this.cx.parseExpr(o.reg);
    if (o?.kind !== "sym" || o.op) throw bad(i);
    const e = this.cx.parseExpr(o.expr);
    if (hasSpecifier(e) && !(plt && e.k === "sym" && e.reloc === "PLT")) throw bad(i);
    return e;
  }

  /** Pseudo instructions and the instructions with special layout; undefined for a plain table instruction. */
  private pseudo(i: Inst, b: Builder): Encoded | undefined {
    const ops = i.operands;
    const mn = i.mnemonic;
    const R = (r: number): Operand => ({ kind: "reg", reg: GPR[r] });
    const Imm = (v: number | bigint): Operand => ({ kind: "imm", value: BigInt(v) });
    const emit = (m: string, ...o: Operand[]): Encoded => { this.base({ kind: "inst", mnemonic: m, operands: o }, b); return b.result(); };
    const n = ops.length;
    switch (mn) {
      case "nop": if (n) throw bad(i); return emit("addi", R(0), R(0), Imm(0));
      case "mv": {
        if (n !== 2) throw bad(i);
        const rd = this.gpr(i, ops[0]), rs = this.gpr(i, ops[1]);
        if (this.opts.rvc && rd !== 0 && rs !== 0) { b.bytes.push(...le16((4 << 13) | (rd << 7) | (rs << 2) | 2)); return b.result(); }
        this.base({ kind: "inst", mnemonic: "addi", operands: [ops[0], ops[1], Imm(0)] }, b, false);
        return b.result();
      }
      case "not": return n === 2 ? emit("xori", ops[0], ops[1], Imm(-1)) : undefined;
      case "neg": return n === 2 ? emit("sub", ops[0], R(0), ops[1]) : undefined;
      case "negw": return n === 2 ? emit("subw", ops[0], R(0), ops[1]) : undefined;
      case "sext.w": return n === 2 ? emit("addiw", ops[0], ops[1], Imm(0)) : undefined;
      case "zext.b": return n === 2 ? emit("andi", ops[0], ops[1], Imm(255)) : undefined;
      case "sext.b": case "sext.h": case "zext.h": case "zext.w": {
        // Without Zbb (Zba for zext.w) gas builds these from a shift pair.
        if (n !== 2 || this.opts.extensions.has(mn === "zext.w" ? "zba" : "zbb")) return mn === "zext.w" && n === 2 ? emit("add.uw", ops[0], ops[1], R(0)) : undefined;
        const bits = { "sext.b": 56, "sext.h": 48, "zext.h": 48, "zext.w": 32 }[mn];
        this.base({ kind: "inst", mnemonic: "slli", operands: [ops[0], ops[1], Imm(bits)] }, b);
        this.base({ kind: "inst", mnemonic: mn.startsWith("s") ? "srai" : "srli", operands: [ops[0], ops[0], Imm(bits)] }, b);
        return b.result();
      }
      case "seqz": return n === 2 ? emit("sltiu", ops[0], ops[1], Imm(1)) : undefined;
      case "snez": return n === 2 ? emit("sltu", ops[0], R(0), ops[1]) : undefined;
      case "sltz": return n === 2 ? emit("slt", ops[0], ops[1], R(0)) : undefined;
      case "sgtz": return n === 2 ? emit("slt", ops[0], R(0), ops[1]) : undefined;
      case "sgt": return n === 3 ? emit("slt", ops[0], ops[2], ops[1]) : undefined;
      case "sgtu": return n === 3 ? emit("sltu", ops[0], ops[2], ops[1]) : undefined;
      case "fmv.s": case "fmv.d": return n === 2 ? emit(`fsgnj.${mn.slice(4)}`, ops[0], ops[1], ops[1]) : undefined;
      case "fabs.s": case "fabs.d": return n === 2 ? emit(`fsgnjx.${mn.slice(5)}`, ops[0], ops[1], ops[1]) : undefined;
      case "fneg.s": case "fneg.d": return n === 2 ? emit(`fsgnjn.${mn.slice(5)}`, ops[0], ops[1], ops[1]) : undefined;
      case "fgt.s": case "fgt.d": return n === 3 ? emit(`flt.${mn.slice(4)}`, ops[0], ops[2], ops[1]) : undefined;
      case "fge.s": case "fge.d": return n === 3 ? emit(`fle.${mn.slice(4)}`, ops[0], ops[2], ops[1]) : undefined;
      case "csrr": return n === 2 ? emit("csrrs", ops[0], ops[1], R(0)) : undefined;
      case "csrw": case "csrs": case "csrc": return n === 2 ? emit(`csrr${mn[3]}`, R(0), ops[0], ops[1]) : undefined;
      case "csrwi": case "csrsi": case "csrci": return n === 2 ? emit(`csrr${mn[3]}i`, R(0), ops[0], ops[1]) : undefined;
      case "rdcycle": case "rdtime": case "rdinstret": case "rdcycleh": case "rdtimeh": case "rdinstreth":
        return n === 1 ? emit("csrrs", ops[0], { kind: "csr", name: mn.slice(2) }, R(0)) : undefined;
      case "frcsr": case "frrm": case "frflags": {
        const csr = { frcsr: "fcsr", frrm: "frm", frflags: "fflags" }[mn];
        return n === 1 ? emit("csrrs", ops[0], { kind: "csr", name: csr }, R(0)) : undefined;
      }
      case "fscsr": case "fsrm": case "fsflags": {
        const csr = { fscsr: "fcsr", fsrm: "frm", fsflags: "fflags" }[mn];
        if (n === 1) return emit("csrrw", R(0), { kind: "csr", name: csr }, ops[0]);
        return n === 2 ? emit("csrrw", ops[0], { kind: "csr", name: csr }, ops[1]) : undefined;
      }
      case "fence": {
        const set = (o: Operand | undefined): number => {
          const s = o && word(o);
          if (s === undefined || !/^i?o?r?w?$/.test(s) || s === "") throw bad(i);
          return (s.includes("i") ? 8 : 0) | (s.includes("o") ? 4 : 0) | (s.includes("r") ? 2 : 0) | (s.includes("w") ? 1 : 0);
        };
        const [pred, succ] = n === 0 ? [15, 15] : n === 2 ? [set(ops[0]), set(ops[1])] : (() => { throw bad(i); })();
        b.word((pred << 24 | succ << 20 | 0x0f) >>> 0);
        return b.result();
      }
      case "fence.tso": if (n) throw bad(i); b.word(0x8330000f); return b.result();
      case "ret": if (n) throw bad(i); return emit("jalr", R(0), { kind: "mem", base: "ra", offset: { kind: "imm", value: 0n } });
      case "jr": case "jalr": {
        const rd = mn === "jr" ? R(0) : R(1);
        if (n === 1 && ops[0].kind === "reg") return emit("jalr", rd, { kind: "mem", base: GPR[this.gpr(i, ops[0])], offset: { kind: "imm", value: 0n } });
        if (n === 1 && ops[0].kind === "mem") return emit("jalr", rd, ops[0]);
        if (mn === "jalr" && n === 2 && ops[1].kind === "reg") return emit("jalr", ops[0], { kind: "mem", base: GPR[this.gpr(i, ops[1])], offset: { kind: "imm", value: 0n } });
        if (mn === "jr" && n === 2 && ops[0].kind === "reg" && ops[1].kind === "imm") return emit("jalr", R(0), { kind: "mem", base: GPR[this.gpr(i, ops[0])], offset: ops[1] });
        if (mn === "jalr" && n === 3 && ops[2].kind === "imm") return emit("jalr", ops[0], { kind: "mem", base: GPR[this.gpr(i, ops[1])], offset: ops[2] });
        return mn === "jalr" ? undefined : (() => { throw bad(i); })();
      }
      case "li": return this.li(i, b);
      case "lla": return this.pcrel(i, b, "pcrel_hi20", "addi");
      case "la": return this.opts.pic ? this.pcrel(i, b, "got_hi20", "ld") : this.pcrel(i, b, "pcrel_hi20", "addi");
      case "la.tls.ie": return this.pcrel(i, b, "tls_got_hi20", "ld");
      case "la.tls.gd": return this.pcrel(i, b, "tls_gd_hi20", "addi");
      case "call": case "tail": {
        if (n !== 1) throw bad(i);
        const e = this.branchTarget(i, ops[0], true);
        const link = mn === "call" ? 1 : 6;
        const rd = mn === "call" ? 1 : 0;
        b.bytes.push(...le32(0x17 | (link << 7)), ...le32(0x67 | (rd << 7) | (link << 15)));
        b.fixup(0, "call", e, 8);
        return b.result();
      }
      case "j": return n === 1 ? this.jump(i, 0, ops[0], true) : undefined;
      case "jal":
        if (n === 1) return this.jump(i, 1, ops[0], false);
        if (n === 2 && ops[1].kind !== "mem") return this.jump(i, this.gpr(i, ops[0]), ops[1], false);
        return undefined;
      case "beqz": return n === 2 ? this.branch(i, 0, this.gpr(i, ops[0]), 0, ops[1]) : undefined;
      case "bnez": return n === 2 ? this.branch(i, 1, this.gpr(i, ops[0]), 0, ops[1]) : undefined;
      case "blez": return n === 2 ? this.branch(i, 5, 0, this.gpr(i, ops[0]), ops[1]) : undefined;
      case "bgez": return n === 2 ? this.branch(i, 5, this.gpr(i, ops[0]), 0, ops[1]) : undefined;
      case "bltz": return n === 2 ? this.branch(i, 4, this.gpr(i, ops[0]), 0, ops[1]) : undefined;
      case "bgtz": return n === 2 ? this.branch(i, 4, 0, this.gpr(i, ops[0]), ops[1]) : undefined;
      case "beq": case "bne": case "blt": case "bge": case "bltu": case "bgeu":
        return n === 3 ? this.branch(i, BRANCH_F3[mn], this.gpr(i, ops[0]), this.gpr(i, ops[1]), ops[2]) : undefined;
      case "bgt": case "ble": case "bgtu": case "bleu": {
        const f3 = { bgt: 4, ble: 5, bgtu: 6, bleu: 7 }[mn];
        return n === 3 ? this.branch(i, f3, this.gpr(i, ops[1]), this.gpr(i, ops[0]), ops[2]) : undefined;
      }
      case "lb": case "lh": case "lw": case "ld": case "lbu": case "lhu": case "lwu": case "flw": case "fld":
        if (n >= 2 && ops[1].kind === "sym" && !ops[1].op) return this.globalAccess(i, b, true);
        return undefined;
      case "sb": case "sh": case "sw": case "sd": case "fsw": case "fsd":
        if (n === 3 && ops[1].kind === "sym" && !ops[1].op) return this.globalAccess(i, b, false);
        return undefined;
      case "add":
        // `add rd, rs, tp, %tprel_add(sym)`: a relocation on the add, which is never compressed.
        if (n === 4 && ops[3].kind === "sym" && ops[3].op === "tprel_add") {
          const e = this.cx.parseExpr(ops[3].expr);
          this.base({ kind: "inst", mnemonic: "add", operands: ops.slice(0, 3) }, b, false);
          b.fixup(0, "tprel_add", e);
          return b.result();
        }
        return undefined;
    }
    return undefined;
  }

  /** auipc + addi/ld through a `.L0 ` label at the auipc (lla, la, la.tls.*). */
  private pcrel(i: Inst, b: Builder, hi: RvFixupKind, lo: "addi" | "ld"): Encoded {
    if (i.operands.length !== 2) throw bad(i);
    const rd = this.gpr(i, i.operands[0]);
    const e = this.branchTarget(i, i.operands[1]);
    const label = this.cx.pcrelLabel();
    b.bytes.push(...le32(0x17 | (rd << 7)));
    b.fixup(0, hi, e);
    const loWord = lo === "addi" ? 0x13 | (rd << 7) | (rd << 15) : 0x3003 | (rd << 7) | (rd << 15);
    b.bytes.push(...le32(loWord));
    b.fixup(4, "pcrel_lo12_i", { k: "sym", name: label });
    return b.result();
  }

  /** `lw rd, sym` / `sw rs, sym, rt`: auipc + access through %pcrel_lo. */
  private globalAccess(i: Inst, b: Builder, load: boolean): Encoded {
    const ops = i.operands;
    // Integer loads use the destination for the address; FP loads and stores name a temporary.
    const fpLoad = i.mnemonic === "flw" || i.mnemonic === "fld";
    if (ops.length !== (load && !fpLoad ? 2 : 3)) throw bad(i);
    const rt = load && !fpLoad ? this.gpr(i, ops[0]) : this.gpr(i, ops[2]);
    const target = ops[1];
    if (target.kind !== "sym") throw bad(i);
    const e = this.cx.parseExpr(target.expr);
    const label = this.cx.pcrelLabel();
    b.bytes.push(...le32(0x17 | (rt << 7)));
    b.fixup(0, "pcrel_hi20", e);
    const entry = OPCODES.get(i.mnemonic)!;
    const reg = load ? (entry.operands[0] === "D" ? this.fpr(i, ops[0]) : this.gpr(i, ops[0])) << 7 : (entry.operands[0] === "T" ? this.fpr(i, ops[0]) : this.gpr(i, ops[0])) << 20;
    b.bytes.push(...le32((entry.match | reg | (rt << 15)) >>> 0));
    b.fixup(4, load ? "pcrel_lo12_i" : "pcrel_lo12_s", { k: "sym", name: label });
    return b.result();
  }

  /** `li rd, imm`: gas's sequence (lui/addi(w)/slli…), each instruction compressed when possible. */
  private li(i: Inst, b: Builder): Encoded {
    if (i.operands.length !== 2) throw bad(i);
    const rd = this.gpr(i, i.operands[0]);
    const f = this.field(i, i.operands[1]);
    if (f.c === undefined) {
      // A symbolic value: gas takes it as `addi rd, zero, %lo-less` only when it folds later; reject like a non-constant.
      throw new AsmError(`illegal operands \`li': the value must be a constant`);
    }
    const v = BigInt.asIntN(64, f.c);
    if (v >= -2048n && v <= 2047n) {
      this.base({ kind: "inst", mnemonic: "addi", operands: [i.operands[0], { kind: "reg", reg: "zero" }, { kind: "imm", value: v }] }, b, "li");
      return b.result();
    }
    for (const [w, mn] of loadConstant(rd, v)) b.word(w, undefined, mn);
    return b.result();
  }

  /** `j`/`jal`: c.j when C is on, the link register is zero and the target is near; else jal. */
  private jump(i: Inst, rd: number, target: Operand, mayCompress: boolean): Encoded {
    const e = this.branchTarget(i, target);
    // Only `j` has a compressed form on rv64 (c.jal is rv32-only; `jal x0, L` stays 4 bytes).
    const rvc = this.opts.rvc && mayCompress;
    const jal = (0x6f | (rd << 7)) >>> 0;
    const inst: Relaxable = {
      sizes: rvc ? [2, 4] : [4],
      stretch: false,
      relocsLast: true,
      initial: (local) => (rvc && local ? 0 : rvc ? 1 : 0),
      fits: (v, disp) => !rvc || v === 1 || (disp >= -2048 && disp < 2048),
      encode: (v): EncodedBytes => {
        if (rvc && v === 0) return { bytes: le16(cJump(0)), fixups: [fx(0, "rvc_jump", e)] };
        return { bytes: le32(jal), fixups: [fx(0, "jal", e)] };
      },
    };
    return { kind: "relax", target: e, inst };
  }

  /** A conditional branch: c.beqz/c.bnez, B-type, or an inverted branch over a jal when out of range. */
  private branch(i: Inst, f3: number, rs1: number, rs2: number, target: Operand): Encoded {
    const e = this.branchTarget(i, target);
    // c.beqz/c.bnez: beq/bne against zero with the other register in x8..x15.
    const creg = rs2 === 0 && rs1 >= 8 && rs1 < 16 ? rs1 : -1;
    const rvc = this.opts.rvc && (f3 === 0 || f3 === 1) && creg >= 0;
    const word = (f: number, off: number): number => (0x63 | (f << 12) | (rs1 << 15) | (rs2 << 20) | bImm(off)) >>> 0;
    const sizes = rvc ? [2, 4, 6, 8] : [4, 8];
    const inst: Relaxable = {
      sizes,
      stretch: false,
      relocsLast: true,
      initial: (local) => (local ? 0 : sizes.length - 1),
      fits: (v, disp) => {
        const size = sizes[v];
        if (size === 2) return disp >= -256 && disp < 256;
        if (size === 4) return disp >= -4096 && disp < 4096;
        return true;
      },
      encode: (v): EncodedBytes => {
        switch (sizes[v]) {
          case 2: return { bytes: le16(cBranch(f3 === 1, creg, 0)), fixups: [fx(0, "rvc_branch", e)] };
          case 4: return { bytes: le32(word(f3, 0)), fixups: [fx(0, "branch", e)] };
          case 6: return { bytes: [...le16(cBranch(f3 === 0, creg, 6)), ...le32(0x6f)], fixups: [fx(2, "jal", e)] };
          default: return { bytes: [...le32(word(f3 ^ 1, 8)), ...le32(0x6f)], fixups: [fx(4, "jal", e)] };
        }
      },
    };
    return { kind: "relax", target: e, inst };
  }
}

function hasSpecifier(e: Expr): boolean {
  switch (e.k) {
    case "sym": return e.reloc !== undefined;
    case "un": case "op": return true;
    case "bin": return hasSpecifier(e.a) || hasSpecifier(e.b);
    default: return false;
  }
}

const BRANCH_F3: Record<string, number> = { beq: 0, bne: 1, blt: 4, bge: 5, bltu: 6, bgeu: 7 };

function fx(offset: number, kind: RvFixupKind, expr: Expr): EncFixup {
  return { offset, kind, size: kind === "rvc_branch" || kind === "rvc_jump" ? 2 : 4, expr, pcrel: true, bias: 0n, signed: true };
}

const le16 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff];
const le32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

/**
 * gas's sequence for a constant that does not fit addi's 12 bits: a 32-bit
 * signed value is lui (+ addiw); a wider one is built from its upper bits
 * (recursively) shifted left past their trailing zeros, plus the low 12 bits.
 */
export function loadConstant(rd: number, v: bigint): [number, string][] {
  const lower = BigInt.asIntN(12, v);
  const upper = BigInt.asIntN(64, v - lower);
  if (v !== BigInt.asIntN(32, v)) {
    let shift = 12n;
    while (((upper >> shift) & 1n) === 0n) shift++;
    const out = loadConstant(rd, BigInt.asIntN(64, upper) >> shift);
    out.push([(0x13 | (rd << 7) | (1 << 12) | (rd << 15) | (Number(shift) << 20)) >>> 0, "slli"]);
    if (lower !== 0n) out.push([(0x13 | (rd << 7) | (rd << 15) | iImm(Number(lower))) >>> 0, "addi"]);
    return out;
  }
  const out: [number, string][] = [];
  let src = 0;
  if (upper !== 0n) {
    out.push([(0x37 | (rd << 7) | uImm(Number(BigInt.asUintN(32, upper) >> 12n))) >>> 0, "lui"]);
    src = rd;
  }
  if (lower !== 0n || src === 0) out.push([(0x1b | (rd << 7) | (src << 15) | iImm(Number(lower))) >>> 0, "addiw"]);
  return out;
}

