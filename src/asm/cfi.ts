// .cfi_* directives → .eh_frame (or .debug_frame, `.cfi_sections`). Each directive is recorded with a label at
// its location; once code is laid out the FDE instructions are written with
// DW_CFA_advance_loc between locations, as gas does (one CIE per distinct
// initial state, FDEs padded to 8 bytes, pc_begin as a PC-relative fixup).

import { AsmError } from "./arch.js";
import type { Assembler } from "./assembler.js";
import { encodeLeb } from "./directives.js";
import { splitArgs } from "./lexer.js";
import type { AsmSymbol } from "./model.js";
import { SHF_ALLOC, SHT_PROGBITS } from "../elf/constants.js";

/**
 * One CFI instruction at a location; `cieable` when gas may move it into a
 * CIE (not remember_state or an escape); `advance` when gas recorded an
 * advance before it (the location's fragment or offset changed since the
 * previous one, even if layout makes the distance zero).
 */
interface CfiInsn { loc: AsmSymbol; bytes: number[]; cieable: boolean; advance: boolean }
/** A label difference in an FDE left to the linker (linker relaxation). */
interface CfiFixup { at: number; size: 1 | 2 | 4 | 8; form: "add" | "set" | "set6"; a: AsmSymbol; b: AsmSymbol }
/** A symbol's address in a CIE/FDE field: pc_begin (PC-relative in .eh_frame), the CIE pointer of .debug_frame. */
interface FrameRef { at: number; sym: AsmSymbol; size: 4 | 8; pcrel: boolean }

/** The sections `.cfi_sections` may ask for: .eh_frame is loaded (unwinding at run time), .debug_frame is not. */
interface FrameKind { name: ".eh_frame" | ".debug_frame"; flags: number }
const FRAME_KINDS: readonly FrameKind[] = [{ name: ".eh_frame", flags: SHF_ALLOC }, { name: ".debug_frame", flags: 0 }];
interface Fde { start: AsmSymbol; end?: AsmSymbol; insns: CfiInsn[]; signal: boolean }

const DW_CFA = {
  advance_loc: 0x40, offset: 0x80, restore: 0xc0, advance_loc1: 0x02, advance_loc2: 0x03, advance_loc4: 0x04,
  offset_extended: 0x05, restore_extended: 0x06, undefined: 0x07, same_value: 0x08, register: 0x09,
  remember_state: 0x0a, restore_state: 0x0b, def_cfa: 0x0c, def_cfa_register: 0x0d, def_cfa_offset: 0x0e,
  offset_extended_sf: 0x11, val_offset: 0x14,
} as const;

export class CfiState {
  private fde: Fde | undefined;
  readonly fdes: Fde[] = [];
  private cfaOffset = 8;
  private readonly stateStack: number[] = [];
  /** The sections the frames go to (`.cfi_sections`). */
  private readonly sections = new Set<string>([".eh_frame"]);

  directive(asm: Assembler, name: string, args: string): void {
    const a = splitArgs(args);
    const reg = (t: string | undefined): number => {
      const s = (t ?? "").trim().replace(/^%/, "");
      if (/^[0-9]+$/.test(s)) return Number(s);
      const n = asm.arch.cfi.registers[s];
      if (n === undefined) throw new AsmError(`bad register expression`);
      return n;
    };
    const num = (t: string | undefined): number => Number(asm.absolute(t ?? "0"));
    const dataAlign = asm.arch.cfi.dataAlign;
    if (name === ".cfi_sections") {
      this.sections.clear();
      for (const x of a) {
        const kind = FRAME_KINDS.find((k) => k.name === x.trim());
        if (!kind) throw new AsmError(`unknown or unsupported CFI section \`${x.trim()}'`);
        this.sections.add(kind.name);
      }
      return;
    }
    if (name === ".cfi_startproc") {
      if (this.fde) throw new AsmError("previous CFI entry not closed (missing .cfi_endproc)");
      this.fde = { start: this.label(asm), insns: [], signal: false };
      this.cfaOffset = asm.arch.cfi.initialCfaOffset;
      return;
    }
    const fde = this.fde;
    if (!fde) throw new AsmError("CFI instruction used without previous .cfi_startproc");
    const emit = (...bytes: number[]): void => {
      const loc = this.label(asm);
      const prev = fde.insns.length ? fde.insns[fde.insns.length - 1].loc : fde.start;
      const advance = prev.frag !== loc.frag || prev.fragOffset !== loc.fragOffset;
      fde.insns.push({ loc, bytes, cieable: name !== ".cfi_remember_state" && name !== ".cfi_escape", advance });
    };
    const offsetInsn = (r: number, off: number): void => {
      const f = off / dataAlign;
      if (Number.isInteger(f) && f >= 0 && r < 64) emit(DW_CFA.offset | r, ...encodeLeb(BigInt(f), false));
      // A register past the 6-bit field (aarch64 v8-v15 are 72-79) takes the unsigned extended form.
      else if (Number.isInteger(f) && f >= 0) emit(DW_CFA.offset_extended, ...encodeLeb(BigInt(r), false), ...encodeLeb(BigInt(f), false));
      else emit(DW_CFA.offset_extended_sf, ...encodeLeb(BigInt(r), false), ...encodeLeb(BigInt(Math.trunc(off / dataAlign)), true));
    };
    switch (name) {
      case ".cfi_endproc":
        fde.end = this.label(asm);
        this.fdes.push(fde);
        this.fde = undefined;
        return;
      case ".cfi_def_cfa":
        this.cfaOffset = num(a[1]);
        return emit(DW_CFA.def_cfa, ...encodeLeb(BigInt(reg(a[0])), false), ...encodeLeb(BigInt(this.cfaOffset), false));
      case ".cfi_def_cfa_offset":
        this.cfaOffset = num(a[0]);
        return emit(DW_CFA.def_cfa_offset, ...encodeLeb(BigInt(this.cfaOffset), false));
      case ".cfi_adjust_cfa_offset":
        this.cfaOffset += num(a[0]);
        return emit(DW_CFA.def_cfa_offset, ...encodeLeb(BigInt(this.cfaOffset), false));
      case ".cfi_def_cfa_register":
        return emit(DW_CFA.def_cfa_register, ...encodeLeb(BigInt(reg(a[0])), false));
      case ".cfi_offset": return offsetInsn(reg(a[0]), num(a[1]));
      case ".cfi_rel_offset": return offsetInsn(reg(a[0]), num(a[1]) - this.cfaOffset);
      case ".cfi_restore": {
        const r = reg(a[0]);
        return r < 64 ? emit(DW_CFA.restore | r) : emit(DW_CFA.restore_extended, ...encodeLeb(BigInt(r), false));
      }
      case ".cfi_undefined": return emit(DW_CFA.undefined, ...encodeLeb(BigInt(reg(a[0])), false));
      case ".cfi_same_value": return emit(DW_CFA.same_value, ...encodeLeb(BigInt(reg(a[0])), false));
      case ".cfi_register": return emit(DW_CFA.register, ...encodeLeb(BigInt(reg(a[0])), false), ...encodeLeb(BigInt(reg(a[1])), false));
      case ".cfi_remember_state": this.stateStack.push(this.cfaOffset); return emit(DW_CFA.remember_state);
      case ".cfi_restore_state": this.cfaOffset = this.stateStack.pop() ?? this.cfaOffset; return emit(DW_CFA.restore_state);
      case ".cfi_escape": return emit(...a.map((x) => num(x) & 0xff));
      case ".cfi_signal_frame": fde.signal = true; return;
      case ".cfi_val_offset": return emit(DW_CFA.val_offset, ...encodeLeb(BigInt(reg(a[0])), false), ...encodeLeb(BigInt(Math.trunc(num(a[1]) / dataAlign)), true));
    }
    throw new AsmError(`unsupported CFI directive ${name}`);
  }

  /** A label at the current location; named like gas's `.` labels where a relocation may name it. */
  private label(asm: Assembler): AsmSymbol {
    const s = asm.tempSymbolHere();
    s.elfName = asm.arch.syntax.fakeLabelName;
    // gas makes these full symbols when it meets the directive (not lazily like other `.L` labels).
    s.materialized = true;
    return s;
  }

  /** Check for an unterminated FDE at end of input. */
  finish(asm: Assembler): void {
    if (this.fde) asm.error("open CFI at the end of file; missing .cfi_endproc directive");
  }

  /** Write .eh_frame and/or .debug_frame; call after code sections are laid out (needs final label addresses). */
  emit(asm: Assembler): void {
    if (this.fdes.length === 0) return;
    for (const kind of FRAME_KINDS) if (this.sections.has(kind.name)) this.emitFrames(asm, kind);
  }

  private emitFrames(asm: Assembler, kind: FrameKind): void {
    const sec = asm.section(kind.name, SHT_PROGBITS, kind.flags);
    sec.symbol.lateSection = "implicit";
    sec.align = 8;
    asm.current = sec;
    asm.subsection = 0;
    const eh = kind.name === ".eh_frame";
    /** CIEs made so far: augmentation, the FDE-start instructions moved into them, offset, start label. */
    const cies: { aug: string; insns: string[]; offset: number; label?: AsmSymbol }[] = [];
    const addr = (s: AsmSymbol): number => s.frag!.address + s.fragOffset;
    const lr = asm.arch.linkerRelax;
    this.fdes.forEach((fde, n) => {
      // .debug_frame has no augmentation (its addresses are absolute, nothing to say about them).
      const aug = !eh ? "" : fde.signal ? "zRS" : "zR";
      // As gas: an FDE uses the first CIE whose instructions its own first
      // ones repeat (no advance before them); with none, a new CIE takes the
      // FDE's instructions up to the first advance (or remember_state/escape).
      const movable = (i: number): boolean => i < fde.insns.length && fde.insns[i].cieable && !fde.insns[i].advance;
      const text = (i: number): string => fde.insns[i].bytes.join(",");
      let cie = cies.find((c) => c.aug === aug && c.insns.every((t, i) => movable(i) && text(i) === t));
      if (!cie) {
        let lead = 0;
        while (movable(lead)) lead++;
        cie = { aug, insns: fde.insns.slice(0, lead).map((_, i) => text(i)), offset: asm.data().buf.length, label: eh ? undefined : this.label(asm) };
        cies.push(cie);
        const p = asm.arch.cfi;
        const body = [
          ...(eh ? [0, 0, 0, 0] : [0xff, 0xff, 0xff, 0xff]), p.version ?? 1, ...[...aug].map((c) => c.charCodeAt(0)), 0,
          ...encodeLeb(BigInt(p.codeAlign), false), ...encodeLeb(BigInt(p.dataAlign), true), p.raReg, ...(eh ? [1, 0x1b] : []),
          ...p.initial, ...fde.insns.slice(0, lead).flatMap((i) => i.bytes),
        ];
        this.record(asm, body, [], eh ? 4 : 8);
        // gas aligns after each CIE: a fragment boundary the arch may mark.
        asm.arch.frag?.(asm, "align");
      }
      const lead = cie.insns.length;
      const f = asm.data();
      const here = f.buf.length;
      const insns: number[] = [];
      // Under linker relaxation a distance between fragments is the linker's
      // to compute: the field is written as zero with SET/SUB relocations.
      const symbolic = (a: AsmSymbol, b: AsmSymbol): boolean => !!lr && !lr.differenceIsFixed(a.section!) && !asm.sameFrag(a, b);
      const diffs: CfiFixup[] = [];
      // CIE pointer, pc_begin, pc_range, then .eh_frame's augmentation length.
      const bodyStart = eh ? 13 : 20;
      let locSym = fde.start;
      for (const i of fde.insns.slice(lead)) {
        // Advances count in units of the code alignment factor (4 on aarch64).
        const d = (addr(i.loc) - addr(locSym)) / asm.arch.cfi.codeAlign;
        if (d > 0) {
          const sym = symbolic(i.loc, locSym);
          const at = bodyStart + insns.length;
          const v = sym ? 0 : d;
          if (d < 0x40) { insns.push(DW_CFA.advance_loc | v); if (sym) diffs.push({ at, size: 1, form: "set6", a: i.loc, b: locSym }); }
          else if (d < 0x100) { insns.push(DW_CFA.advance_loc1, v); if (sym) diffs.push({ at: at + 1, size: 1, form: "set", a: i.loc, b: locSym }); }
          else if (d < 0x10000) { insns.push(DW_CFA.advance_loc2, v & 0xff, v >> 8); if (sym) diffs.push({ at: at + 1, size: 2, form: "set", a: i.loc, b: locSym }); }
          else { insns.push(DW_CFA.advance_loc4, v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24); if (sym) diffs.push({ at: at + 1, size: 4, form: "set", a: i.loc, b: locSym }); }
          locSym = i.loc;
        }
        insns.push(...i.bytes);
      }
      // The range is an ordinary difference in data: left to the linker like any across code it may relax.
      const rangeSymbolic = !!lr && !lr.differenceIsFixed(fde.start.section!);
      const rangeAt = eh ? 8 : 12, rangeSize = eh ? 4 : 8;
      if (rangeSymbolic) diffs.unshift({ at: rangeAt, size: rangeSize, form: "add", a: fde.end!, b: fde.start });
      const range = rangeSymbolic ? 0 : addr(fde.end!) - addr(fde.start);
      const le = (v: number, size: number): number[] => Array.from({ length: size }, (_, i) => (i < 4 ? (v >>> (8 * i)) & 0xff : 0));
      // .eh_frame: the distance from this field back to the CIE, pc_begin PC-relative;
      // .debug_frame: the CIE's offset in the section and pc_begin as absolute addresses (relocations).
      const ciePtr = eh ? here + 4 - cie.offset : 0;
      const body = [...le(ciePtr, 4), ...le(0, eh ? 4 : 8), ...le(range, rangeSize), ...(eh ? [0] : []), ...insns];
      const refs: FrameRef[] = eh ? [{ at: 4, sym: fde.start, size: 4, pcrel: true }]
        : [{ at: 0, sym: cie.label!, size: 4, pcrel: false }, { at: 4, sym: fde.start, size: 8, pcrel: false }];
      // gas pads entries to 4 bytes and the last one to the section alignment (.debug_frame: all to 8).
      this.record(asm, body, refs, !eh || n === this.fdes.length - 1 ? 8 : 4, diffs);
    });
  }

  /** Append one CIE/FDE: length word, body, DW_CFA_nop padding. */
  private record(asm: Assembler, body: number[], refs: FrameRef[], align: number, diffs: readonly CfiFixup[] = []): void {
    const f = asm.data();
    const start = f.buf.length;
    while ((start + 4 + body.length) % align !== 0) body.push(0);
    f.buf.int(BigInt(body.length), 4);
    f.buf.append(body);
    for (const p of refs) {
      p.sym.referenced = true;
      f.fixups.push({ offset: start + 4 + p.at, size: p.size, expr: { k: "sym", name: p.sym.name }, pcrel: p.pcrel, bias: 0n, signed: p.pcrel, file: asm.stmt.file, line: asm.stmt.line });
    }
    for (const d of diffs) {
      d.a.referenced = d.b.referenced = true;
      const expr = { k: "bin", op: "-", a: { k: "sym", name: d.a.name }, b: { k: "sym", name: d.b.name } } as const;
      f.fixups.push({ offset: start + 4 + d.at, size: d.size, expr, pcrel: false, bias: 0n, signed: false, diffForm: d.form, file: asm.stmt.file, line: asm.stmt.line });
    }
  }
}
