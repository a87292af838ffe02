// The AArch64 ArchAssembler: gas syntax in, A64 words out; fixup kinds are
// the relocation names (without R_AARCH64_), whose fields are patched here
// when gas would resolve them itself; mapping symbols ($x/$d) as gas makes them.

import { AsmError, type ArchAssembler, type ArchFactory, type Encoded, type InstContext } from "../arch.js";
import type { Assembler } from "../assembler.js";
import type { AsmSymbol, Fixup, Section } from "../model.js";
import type { Value } from "../value.js";
import { EM, R_AARCH64, SHF_EXECINSTR, STT_TLS } from "../../elf/constants.js";
import { encodeInst, type A64Encoded, type EncodeContext } from "./encoder.js";
import type { Feature } from "./opcodes.js";
import type { Inst } from "./inst.js";
import { parseInstruction } from "./parser.js";
import { splitArgs } from "../lexer.js";

const NOP = 0xd503201f;

/**
 * Where a fixup kind's value goes when the assembler knows it: PC-relative
 * word offsets (bits, position), adr's split byte offset, a 12-bit low part
 * shifted right by the access size, or a 16-bit group of a move-wide.
 */
type Field =
  | { readonly f: "branch"; readonly bits: number; readonly at: number }
  | { readonly f: "adr" }
  | { readonly f: "lo12"; readonly shift: number }
  | { readonly f: "movw"; readonly group: number };

function fieldOf(kind: string): Field | undefined {
  switch (kind) {
    case "JUMP26": case "CALL26": return { f: "branch", bits: 26, at: 0 };
    case "CONDBR19": case "LD_PREL_LO19": return { f: "branch", bits: 19, at: 5 };
    case "TSTBR14": return { f: "branch", bits: 14, at: 5 };
    case "ADR_PREL_LO21": return { f: "adr" };
    case "ADD_ABS_LO12_NC": return { f: "lo12", shift: 0 };
  }
  const ldst = /^LDST(8|16|32|64|128)_ABS_LO12_NC$/.exec(kind);
  if (ldst) return { f: "lo12", shift: Math.log2(Number(ldst[1]) / 8) };
  const movw = /^MOVW_UABS_G(\d)(_NC)?$/.exec(kind);
  if (movw) return { f: "movw", group: Number(movw[1]) };
  return undefined;
}

function toEncoded(e: A64Encoded): Encoded {
  const bytes = [e.word & 0xff, (e.word >>> 8) & 0xff, (e.word >>> 16) & 0xff, e.word >>> 24];
  if (!e.fixup) return { kind: "bytes", bytes, fixups: [] };
  return {
    kind: "bytes", bytes,
    fixups: [{ offset: 0, kind: e.fixup.reloc, size: 4, expr: e.fixup.expr, pcrel: e.fixup.pcrel, bias: 0n, signed: false }],
  };
}

/** DWARF register numbers (AArch64 DWARF ABI): x0-x30 0-30, sp 31, v0-v31 64-95. */
const DWARF: Readonly<Record<string, number>> = {
  ...Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`x${i}`, i])),
  ...Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`w${i}`, i])),
  sp: 31, wsp: 31,
  ...Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`v${i}`, 64 + i])),
  ...Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`d${i}`, 64 + i])),
  ...Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`s${i}`, 64 + i])),
  ...Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`q${i}`, 64 + i])),
};

type MapState = "x" | "d";

/**
 * Mapping symbols as gas places them: `$x` before the first instruction of a
 * run, `$d` before data in a code section, and in any section before
 * `.zero`/`.skip`/`.fill` and alignment padding (gas's fill and align frags).
 * A later mapping symbol at the same place replaces an earlier one.
 */
class MappingSymbols {
  private readonly state = new Map<Section, MapState>();
  /** Every mapping symbol made, in order. */
  private readonly made: AsmSymbol[] = [];

  mark(asm: Assembler, want: MapState): void {
    const sec = asm.currentSection();
    if (this.state.get(sec) === want) return;
    this.state.set(sec, want);
    this.made.push(asm.symbols.get(asm.localLabel("$" + want, true))!);
  }

  /**
   * With final addresses: a mapping symbol at the same address as a later
   * one of its section, or at the section's end, marks nothing and goes.
   */
  prune(): void {
    const at = (s: AsmSymbol): number => s.frag!.address + s.fragOffset;
    const lastAt = new Map<Section, number>();
    for (let i = this.made.length - 1; i >= 0; i--) {
      const s = this.made[i];
      const sec = s.section!;
      const a = at(s);
      if (a === sec.size || lastAt.get(sec) === a) s.keep = false;
      lastAt.set(sec, a);
    }
  }

  /** Data directive: a code section switches to `$d`; elsewhere only a section already mapped does. */
  data(asm: Assembler): void {
    const sec = asm.currentSection();
    if (this.state.get(sec) === undefined && !(sec.flags & SHF_EXECINSTR)) return;
    this.mark(asm, "d");
  }
}

/**
 * The extensions an `.arch` name with `+ext`/`+noext` suffixes enables:
 * armv8.1-a and later include LSE and CRC32; fp16, aes (crypto) only when named (as gas has it).
 */
function archFeatures(spec: string): Set<Feature> {
  const [name, ...exts] = spec.trim().toLowerCase().split("+");
  const version = /^armv(\d+)(?:\.(\d+))?-a$/.exec(name);
  const features = new Set<Feature>();
  if (version && (Number(version[1]) > 8 || Number(version[2] ?? 0) >= 1)) { features.add("lse"); features.add("crc"); }
  for (const e of exts) applyExtension(features, e);
  return features;
}
function applyExtension(features: Set<Feature>, ext: string): void {
  const off = ext.startsWith("no");
  const name = off ? ext.slice(2) : ext;
  // crypto is aes (and sha2, which has no forms here); other extensions have none either.
  const feature = name === "crypto" ? "aes" : name;
  if (feature !== "lse" && feature !== "fp16" && feature !== "crc" && feature !== "aes") return;
  if (off) features.delete(feature);
  else features.add(feature);
}

export function aarch64Assembler(): ArchAssembler<Inst> {
  const mapping = new MappingSymbols();
  /** gas's default is armv8-a: no LSE, no fp16 until `.arch`/`.arch_extension` say so. */
  let features = new Set<Feature>();
  const withFeatures = (cx: InstContext): EncodeContext => ({ parseExpr: (t) => cx.parseExpr(t), constant: (e) => cx.constant(e), features });
  /** `.tlsdesccall sym`: a TLSDESC_CALL relocation at the next instruction. */
  let tlsdescCall: string | undefined;

  const encoded = (e: A64Encoded, cx: InstContext): Encoded => {
    mapping.mark(cx as Assembler, "x");
    const enc = toEncoded(e);
    if (tlsdescCall === undefined || enc.kind !== "bytes") return enc;
    const marker = { offset: 0, kind: "TLSDESC_CALL", size: 4 as const, expr: cx.parseExpr(tlsdescCall), pcrel: false, bias: 0n, signed: false };
    tlsdescCall = undefined;
    return { ...enc, fixups: [marker, ...enc.fixups] };
  };

  const rawWords = (asm: Assembler, args: string): void => {
    for (const a of splitArgs(args)) {
      const v = asm.constant(asm.parseExpr(a));
      if (v === undefined) throw new AsmError(".inst needs a constant");
      mapping.mark(asm, "x");
      asm.append({ kind: "bytes", bytes: [0, 8, 16, 24].map((s) => Number((BigInt.asUintN(32, v) >> BigInt(s)) & 0xffn)), fixups: [] });
    }
  };

  return {
    machine: EM.get("EM_AARCH64"),
    syntax: { commentChars: "", lineCommentChars: "#", commentString: "//", wordSize: 4, alignIsPow2: true },
    elfFlags: () => 0,

    instruction(mnemonic: string, operands: string, cx: InstContext): Encoded {
      return encoded(encodeInst(parseInstruction(mnemonic, operands), withFeatures(cx)), cx);
    },

    encodeInst(inst: Inst, cx: InstContext): Encoded {
      return encoded(encodeInst(inst, withFeatures(cx)), cx);
    },

    nops(n: number): number[] {
      // Padding that is not a whole number of words starts with zero bytes, as gas does.
      const out: number[] = new Array<number>(n % 4).fill(0);
      for (let i = 0; i < n >> 2; i++) out.push(NOP & 0xff, (NOP >>> 8) & 0xff, (NOP >>> 16) & 0xff, NOP >>> 24);
      return out;
    },

    relocType(f: Fixup, v: Value, _symbolIsLocal: boolean): number {
      if (f.kind) {
        // gas makes the symbol of a TLS relocation thread-local (an undefined one too).
        if (/TLS/.test(f.kind) && v.add && !v.add.isSection) v.add.type = STT_TLS;
        return R_AARCH64.get("R_AARCH64_" + f.kind);
      }
      const name = f.pcrel ? { 2: "PREL16", 4: "PREL32", 8: "PREL64" }[f.size as 2 | 4 | 8] : { 2: "ABS16", 4: "ABS32", 8: "ABS64" }[f.size as 2 | 4 | 8];
      if (!name) throw new AsmError(`cannot represent a ${f.size}-byte ${f.pcrel ? "PC-relative " : ""}relocation`);
      return R_AARCH64.get("R_AARCH64_" + name);
    },

    /** GOT and TLS relocations name their symbol; the rest may point at the section. */
    keepsSymbol(f: Fixup): boolean {
      return !!f.kind && /GOT|TLS/.test(f.kind);
    },

    /** gas resolves branches, literal loads and adr to local labels itself; adrp pages wait for the linker. */
    resolvesLocally(f: Fixup): boolean {
      const field = f.kind ? fieldOf(f.kind) : undefined;
      return field?.f === "branch" || field?.f === "adr";
    },

    applyFixup(f: Fixup, value: bigint, out: Uint8Array, at: number): number | undefined {
      const field = fieldOf(f.kind!);
      if (!field) throw new AsmError(`cannot resolve a ${f.kind} relocation against a constant`);
      let word = (out[at] | (out[at + 1] << 8) | (out[at + 2] << 16) | (out[at + 3] << 24)) >>> 0;
      switch (field.f) {
        case "branch": {
          const lim = 1n << BigInt(field.bits + 1);
          if ((value & 3n) !== 0n) throw new AsmError("misaligned branch destination");
          if (value < -lim || value >= lim) throw new AsmError(field.bits === 14 ? "conditional branch out of range" : "branch out of range");
          const mask = (1 << field.bits) - 1;
          word |= (Number(BigInt.asUintN(field.bits, value >> 2n)) & mask) << field.at;
          break;
        }
        case "adr": {
          if (value < -(1n << 20n) || value >= 1n << 20n) throw new AsmError("immediate out of range");
          const v = Number(BigInt.asUintN(21, value));
          word |= ((v & 3) << 29) | ((v >> 2) << 5);
          break;
        }
        case "lo12": {
          const lo = Number(BigInt.asUintN(12, value));
          if (lo & ((1 << field.shift) - 1)) throw new AsmError("misaligned offset");
          word |= (lo >> field.shift) << 10;
          break;
        }
        case "movw":
          word |= Number((BigInt.asUintN(64, value) >> BigInt(field.group * 16)) & 0xffffn) << 5;
          break;
      }
      word >>>= 0;
      out[at] = word & 0xff; out[at + 1] = (word >>> 8) & 0xff; out[at + 2] = (word >>> 16) & 0xff; out[at + 3] = word >>> 24;
      return undefined;
    },

    afterLayout(): void {
      mapping.prune();
    },

    beforeData(asm: Assembler): void {
      mapping.data(asm);
    },

    /** gas's fill and align fragments get a mapping symbol in any section: `$x` for code alignment, `$d` otherwise. */
    frag(asm: Assembler, kind: "fill" | "align"): void {
      mapping.mark(asm, kind === "align" && asm.isCode ? "x" : "d");
    },

    directives: new Map<string, (asm: Assembler, args: string) => void>([
      [".xword", (asm, a) => { for (const x of splitArgs(a)) asm.emitValue(asm.parseExpr(x), 8); }],
      [".dword", (asm, a) => { for (const x of splitArgs(a)) asm.emitValue(asm.parseExpr(x), 8); }],
      [".inst", rawWords],
      [".tlsdesccall", (_asm, a) => { tlsdescCall = a.trim(); }],
      [".arch", (_asm, a) => { features = archFeatures(a); }],
      [".arch_extension", (_asm, a) => applyExtension(features, a.trim().toLowerCase())],
      [".cpu", () => undefined],
      [".variant_pcs", () => { throw new AsmError(".variant_pcs is not supported"); }],
    ]),

    textAlign: 1,
    /** gas on aarch64 keeps every section symbol, used or not. */
    allSectionSymbols: true,

    // CIE: code alignment 4, data alignment -8, return address in x30; CFA = sp+0.
    cfi: { codeAlign: 4, dataAlign: -8, raReg: 30, initial: [0x0c, 31, 0], initialCfaOffset: 0, registers: DWARF, pcrelType: R_AARCH64.get("R_AARCH64_PREL32") },
  };
}

export const aarch64: ArchFactory<Inst> = aarch64Assembler;
