// Layout: give every fragment an address, growing branches from short to near
// until nothing changes (sizes only grow, so this terminates), then resolve
// fixups: write what is known, turn the rest into relocations.

import { AsmError } from "./arch.js";
import type { Assembler } from "./assembler.js";
import { encodeLeb } from "./directives.js";
import { fragSize, type AsmSymbol, type Fixup, type Frag, type RelaxFrag, type Section } from "./model.js";
import { EvalError, evaluate, isConst, type Value } from "./value.js";

/** A relocation; `sym` absent for symbol-less ones (R_RISCV_RELAX, R_RISCV_ALIGN). */
export interface Reloc { offset: number; type: number; sym?: AsmSymbol; addend: bigint }

/** Can the relaxable instruction's target be measured here rather than left to the linker? */
function targetIsLocal(asm: Assembler, f: RelaxFrag, sec: Section): boolean {
  let v: Value;
  try { v = evaluate(f.target, asm); } catch { return false; }
  return !!v.add && !v.sub && !v.reloc && v.add.section === sec && !!v.add.frag && v.add.bind !== "weak" && !v.add.common;
}

export function layoutSection(asm: Assembler, sec: Section): void {
  sec.frags = [...sec.subsections.entries()].sort((a, b) => a[0] - b[0]).flatMap((e) => e[1]);
  for (const f of sec.frags) if (f.kind === "relax") f.variant = f.inst.initial(f.local = targetIsLocal(asm, f, sec));
  asm.laidOut = true;
  // gas's first guess: alignments padded for these addresses, and a new
  // "region" after every alignment and .org (see the branch case below).
  const frags = sec.frags;
  const n = frags.length;
  const index = new Map<Frag, number>();
  const region = new Int32Array(n);
  let addr = 0, regionNo = 0;
  for (let i = 0; i < n; i++) {
    const f = frags[i];
    index.set(f, i);
    f.address = addr;
    region[i] = regionNo;
    if (f.kind === "align") {
      f.size = alignPad(f, addr);
      regionNo++;
    } else if (f.kind === "org") regionNo++;
    addr += fragSize(f);
  }
  // A local target never changes, only addresses do: its fragment and the
  // offset from that fragment's start, found once.
  const targetFrag = new Int32Array(n).fill(-1);
  const targetOffset = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = frags[i];
    if (f.kind !== "relax" || !f.local) continue;
    const v = evaluate(f.target, asm);
    targetFrag[i] = index.get(v.add!.frag!)!;
    targetOffset[i] = v.add!.fragOffset + Number(v.off);
  }
  if (frags.some((f) => f.kind === "relax" && !f.inst.stretch)) {
    relaxRecomputing(asm, sec, targetFrag, targetOffset);
    return;
  }
  // Relax like gas: one pass in address order per iteration, each fragment
  // seeing the addresses already updated in this pass ("stretch" for later
  // ones, i.e. those with a higher index than the one being looked at).
  if (frags.every((f) => f.kind === "data" || f.kind === "relax" || f.kind === "align")) {
    relaxBranchesAndAlignments(sec, region, targetFrag, targetOffset);
    return;
  }
  for (let iter = 0; ; iter++) {
    let changed = false;
    let at = 0;
    for (let i = 0; i < n; i++) {
      const f = frags[i];
      const stretch = at - f.address;
      f.address = at;
      switch (f.kind) {
        case "relax": {
          if (!f.local || f.variant === f.inst.sizes.length - 1) break;
          const t = targetFrag[i];
          const end = f.address + fragSize(f);
          // With `stretch`, a target not yet reached in this pass moves by
          // `stretch` too, as gas assumes, unless an alignment or .org lies
          // between that may absorb it; then a forward branch that would look
          // backward stays.
          let target = frags[t].address + targetOffset[i];
          if (f.inst.stretch && stretch !== 0 && t > i) {
            if (stretch < 0 || region[t] === region[i]) target += stretch;
            else if (target < end - 1) break;
          }
          let v = f.variant;
          while (v < f.inst.sizes.length - 1 && !f.inst.fits(v, target - f.address)) v++;
          if (v !== f.variant) { f.variant = v; changed = true; }
          break;
        }
        case "align": {
          const pad = alignPad(f, f.address);
          if (pad !== f.size) { f.size = pad; changed = true; }
          break;
        }
        case "org": {
          const t = Number(absoluteIn(asm, f.target, sec, f));
          const size = t - f.address;
          if (size < 0) throw located(f, "attempt to move .org backwards");
          if (size !== f.size) { f.size = size; changed = true; }
          break;
        }
        case "space": {
          const n = Math.max(0, Number(absoluteIn(asm, f.count, sec, f)));
          if (n !== f.size) { f.size = n; changed = true; }
          break;
        }
        case "leb": {
          const b = encodeLeb(absoluteIn(asm, f.expr, sec, f), f.signed);
          if (b.length !== f.bytes.length || b.some((x, i) => x !== f.bytes[i])) { f.bytes = b; changed = true; }
          break;
        }
        case "data": break;
      }
      at = f.address + fragSize(f);
    }
    if (!changed) break;
    if (iter > 1000) throw new AsmError(`relaxation of ${sec.name} does not converge`);
  }
  let size = 0;
  for (const f of frags) size = f.address + fragSize(f);
  sec.size = size;
}

/**
 * Relaxation for instructions whose size is recomputed from scratch on every
 * pass (riscv's md_relax_frag): sizes may shrink as well as grow. gas's
 * first pass estimates each size in address order, seeing the fragments not
 * yet reached at address 0; every later pass sees the addresses already
 * moved in this pass for earlier fragments and last pass's for later ones.
 */
function relaxRecomputing(asm: Assembler, sec: Section, targetFrag: Int32Array, targetOffset: Float64Array): void {
  const frags = sec.frags;
  const n = frags.length;
  const choose = (f: RelaxFrag, i: number): number => {
    if (!f.local) return f.variant;
    const disp = frags[targetFrag[i]].address + targetOffset[i] - f.address;
    let v = 0;
    while (v < f.inst.sizes.length - 1 && !f.inst.fits(v, disp)) v++;
    return v;
  };
  /** The size `f` takes at its current address (fixed fragments: their size). */
  const sized = (f: Frag, i: number): number => {
    switch (f.kind) {
      case "relax": f.variant = choose(f, i); break;
      case "align": f.size = alignPad(f, f.address); break;
      case "org": {
        const size = Number(absoluteIn(asm, f.target, sec, f)) - f.address;
        if (size < 0) throw located(f, "attempt to move .org backwards");
        f.size = size;
        break;
      }
      case "space": f.size = Math.max(0, Number(absoluteIn(asm, f.count, sec, f))); break;
      case "leb": f.bytes = encodeLeb(absoluteIn(asm, f.expr, sec, f), f.signed); break;
      case "data": break;
    }
    return fragSize(f);
  };
  for (const f of frags) f.address = 0;
  let at = 0;
  for (let i = 0; i < n; i++) {
    frags[i].address = at;
    at += sized(frags[i], i);
  }
  for (let iter = 0; ; iter++) {
    let stretch = 0;
    let changed = false;
    for (let i = 0; i < n; i++) {
      const f = frags[i];
      const old = fragSize(f);
      f.address += stretch;
      const growth = sized(f, i) - old;
      if (growth !== 0) { stretch += growth; changed = true; }
    }
    if (!changed) break;
    if (iter > 1000) throw new AsmError(`relaxation of ${sec.name} does not converge`);
  }
  sec.size = n ? frags[n - 1].address + fragSize(frags[n - 1]) : 0;
}

/**
 * The relaxation loop below for the common case (code: data, relaxable
 * instructions and alignments only) on typed arrays: a big function's text
 * takes many passes (~90 for SQLite's), and object property accesses
 * dominated them.
 */
function relaxBranchesAndAlignments(sec: Section, region: Int32Array, targetFrag: Int32Array, targetOffset: Float64Array): void {
  const frags = sec.frags;
  const n = frags.length;
  const DATA = 0, RELAX = 1, FIXED = 2, ALIGN = 3;
  const kind = new Uint8Array(n), addr = new Float64Array(n), size = new Int32Array(n);
  const align = new Int32Array(n), max = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const f = frags[i];
    addr[i] = f.address;
    size[i] = fragSize(f);
    if (f.kind === "relax") kind[i] = f.local && f.variant < f.inst.sizes.length - 1 ? RELAX : FIXED;
    else if (f.kind === "align") {
      kind[i] = ALIGN;
      align[i] = f.align;
      max[i] = f.max;
    } else kind[i] = DATA;
  }
  for (let iter = 0; ; iter++) {
    let changed = false;
    let at = 0;
    for (let i = 0; i < n; i++) {
      const stretch = at - addr[i];
      addr[i] = at;
      const k = kind[i];
      if (k === RELAX) {
        const f = frags[i] as RelaxFrag;
        const t = targetFrag[i];
        const end = at + size[i];
        let target = addr[t] + targetOffset[i];
        let grow = true;
        if (f.inst.stretch && stretch !== 0 && t > i) {
          if (stretch < 0 || region[t] === region[i]) target += stretch;
          else if (target < end - 1) grow = false;
        }
        if (grow && !f.inst.fits(f.variant, target - at)) {
          const last = f.inst.sizes.length - 1;
          do f.variant++; while (f.variant < last && !f.inst.fits(f.variant, target - at));
          if (f.variant === last) kind[i] = FIXED;
          size[i] = f.inst.sizes[f.variant];
          changed = true;
        }
      } else if (k === ALIGN) {
        let pad = (align[i] - (at % align[i])) % align[i];
        if (max[i] && pad > max[i]) pad = 0;
        if (pad !== size[i]) { size[i] = pad; changed = true; }
      }
      at = addr[i] + size[i];
    }
    if (!changed) break;
    if (iter > 1000) throw new AsmError(`relaxation of ${sec.name} does not converge`);
  }
  for (let i = 0; i < n; i++) {
    const f = frags[i];
    f.address = addr[i];
    if (f.kind === "align") f.size = size[i];
  }
  sec.size = n ? addr[n - 1] + size[n - 1] : 0;
}

function alignPad(f: { align: number; max: number }, address: number): number {
  const pad = (f.align - (address % f.align)) % f.align;
  return f.max && pad > f.max ? 0 : pad;
}

function located(f: { file: string; line: number }, msg: string): AsmError {
  return new AsmError(`${f.file}:${f.line}: ${msg}`);
}

function absoluteIn(asm: Assembler, e: Fixup["expr"], _sec: Section, f: { file: string; line: number }): bigint {
  const v = evaluate(e, asm);
  if (!isConst(v)) throw located(f, "expression is not a constant after layout");
  return v.off;
}

/** Write one section's bytes and collect its relocations. */
export function finishSection(asm: Assembler, sec: Section): { data: Uint8Array; relocs: Reloc[] } {
  const out = new Uint8Array(sec.size);
  const relocs: Reloc[] = [];
  // gas creates the fixups of some relaxed instructions (x86 branches) when
  // relaxation ends, after all others: their relocations come last.
  const lateRelocs: Reloc[] = [];
  for (const f of sec.frags) {
    switch (f.kind) {
      case "data": {
        out.set(f.buf.view(), f.address);
        for (const x of f.fixups) {
          asm.stmt = { text: "", file: x.file, line: x.line };
          try {
            applyFixup(asm, sec, out, f.address + x.offset, x, relocs);
          } catch (e) {
            if (e instanceof AsmError || e instanceof EvalError) asm.error(e.message);
            else throw e;
          }
        }
        break;
      }
      case "relax": {
        const enc = f.inst.encode(f.variant, f.local);
        out.set(enc.bytes, f.address);
        for (const x of enc.fixups) {
          asm.stmt = { text: "", file: f.file, line: f.line };
          try {
            applyFixup(asm, sec, out, f.address + x.offset, { ...x, file: f.file, line: f.line }, f.inst.relocsLast ? lateRelocs : relocs, f.local);
          } catch (e) {
            if (e instanceof AsmError || e instanceof EvalError) asm.error(e.message); else throw e;
          }
        }
        break;
      }
      case "align": {
        if (f.fill === "nop") out.set(asm.arch.nops(f.size), f.address);
        else for (let i = 0; i < f.size; i++) out[f.address + i] = f.fillSize === 1 ? f.fill : (f.fill >> (8 * (i % f.fillSize))) & 0xff;
        break;
      }
      case "org": case "space": out.fill(f.fill, f.address, f.address + f.size); break;
      case "leb": out.set(f.bytes, f.address); break;
    }
  }
  const all = [...relocs, ...lateRelocs];
  // The order gas's fixup pass first names each symbol in (see AsmSymbol.relocOrder).
  for (const r of all) if (r.sym) r.sym.relocOrder ??= asm.relocCount++;
  if (asm.arch.sortRelocs) all.sort((a, b) => a.offset - b.offset);
  return { data: out, relocs: all };
}

function put(out: Uint8Array, at: number, v: bigint, size: number): void {
  let x = BigInt.asUintN(size * 8, v);
  for (let i = 0; i < size; i++) { out[at + i] = Number(x & 0xffn); x >>= 8n; }
}

function checkRange(v: bigint, size: number, signed: boolean | "any"): void {
  if (size === 8) return;
  const bits = BigInt(size * 8);
  const min = signed === true ? -(1n << (bits - 1n)) : -(1n << (bits - 1n));
  const max = signed === true ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
  if (v < min || v > max) throw new AsmError(`value of ${v} too large for field of ${size} byte${size > 1 ? "s" : ""}`);
}

function addr(s: AsmSymbol): number {
  return s.frag!.address + s.fragOffset;
}

function applyFixup(asm: Assembler, sec: Section, out: Uint8Array, at: number, f: Fixup, relocs: Reloc[], relaxedBranch = false): void {
  const arch = asm.arch;
  const v = asm.evaluateFixup(f.expr);
  if (isConst(v) && !v.reloc) {
    if (f.kind) {
      const type = arch.applyFixup!(f, v.off, out, at);
      if (type !== undefined) relocs.push({ offset: at, type, addend: v.off });
      return;
    }
    if (f.pcrel) throw new AsmError("cannot represent a PC-relative reference to an absolute value");
    checkRange(v.off, f.size, f.signed);
    put(out, at, v.off, f.size);
    return;
  }
  let pcrel = f.pcrel;
  let addend = v.off + f.bias;
  if (v.sub && arch.linkerRelax && !pcrel && !f.kind) {
    // A label difference the linker must compute (code between may shrink): ADD/SUB pair.
    const pair = arch.linkerRelax.differenceRelocs(f.size, f.diffForm ?? "add");
    if (!pair || !v.add) throw new AsmError(`can't resolve \`${v.add?.name ?? "0"}' - \`${v.sub.name}'`);
    for (const s of [v.add, v.sub]) { if (s.bind === "local" && !s.defined && !s.equ && !s.common) s.bind = "global"; markUsed(asm, s); }
    if (f.diffForm === "set" || f.diffForm === "set6") {
      // gas writes the difference as it stands now; the SET relocation replaces it.
      const d = BigInt(addr(v.add) - addr(v.sub)) + v.off;
      if (f.diffForm === "set6") out[at] = (out[at] & 0xc0) | Number(d & 0x3fn);
      else put(out, at, d, f.size);
    }
    relocs.push({ offset: at, type: pair.add, sym: v.add, addend: v.off });
    relocs.push({ offset: at, type: pair.sub, sym: v.sub, addend: 0n });
    return;
  }
  if (v.sub) {
    // a - b with b in this section: a PC-relative reference.
    if (pcrel || v.sub.section !== sec || !v.sub.frag) throw new AsmError(`can't resolve \`${v.add?.name ?? "0"}' - \`${v.sub.name}'`);
    pcrel = true;
    addend += BigInt(at - addr(v.sub));
    if (!v.add) throw new AsmError(`can't resolve \`0' - \`${v.sub.name}'`);
  }
  if (!v.add) throw new AsmError("cannot represent a relocation against an absolute value");
  const s = v.add;
  const forcedReloc = !!v.reloc || (f.branch === true && s.bind !== "local" && !isTemp(asm, s));
  // Resolve here what the linker need not see: references to local symbols of
  // this section (gas leaves global ones to the linker, except relaxed jumps).
  if (pcrel && !forcedReloc && s.section === sec && s.frag && (s.bind === "local" || relaxedBranch) && !s.common && (arch.resolvesLocally?.(f) ?? true)) {
    const val = BigInt(addr(s)) + addend - BigInt(at);
    if (f.kind) { arch.applyFixup!(f, val, out, at); return; }
    checkRange(val, f.size, true);
    put(out, at, val, f.size);
    return;
  }
  const local = s.bind === "local" && !s.common;
  if (local && !s.defined && !s.equ) {
    // An undefined symbol becomes a global reference (gas does the same).
    s.bind = "global";
  }
  const fx: Fixup = { ...f, pcrel };
  const type = arch.relocType(fx, v, s.bind === "local");
  let sym = s;
  if (s.bind === "local" && s.section && s.frag && !s.isSection && !arch.keepsSymbol(fx, v)) {
    // In a mergeable section gas keeps the symbol for PC-relative references
    // and for others with an offset from it (the linker must know which
    // piece is meant); an alias (`.set .LC3, .LC97+8`) is then the symbol.
    const merge = (s.section.flags & 0x10) !== 0;
    const aliasBase = v.alias ? v.aliasBase ?? 0n : 0n;
    // An instruction field of an arch fixup kind (aarch64 adrp/add :lo12:)
    // keeps the symbol only for a nonzero addend, PC-relative or not.
    if (!merge || ((!pcrel || !!f.kind) && v.off - aliasBase === 0n)) {
      addend += BigInt(addr(s));
      sym = s.section.symbol;
    } else if (v.alias) {
      addend -= aliasBase;
      sym = v.alias;
    }
  } else if (v.alias && arch.keepsSymbol(fx, v) && (arch.linkerRelax || asm.isTemporary(s))) {
    // Under linker relaxation every relocation keeps its symbol: a local alias is that symbol.
    // So it is when the symbol kept is a nameless one (aarch64 TLS against `.set .LANCHOR0, .`).
    addend -= v.aliasBase ?? 0n;
    sym = v.alias;
  }
  markUsed(asm, sym);
  relocs.push({ offset: at, type, sym, addend });
  if (f.kind && arch.relocatedBits) arch.relocatedBits(f, BigInt(s.frag ? addr(s) : 0) + v.off, addend - f.bias, out, at);
  if (f.relax && arch.linkerRelax) relocs.push({ offset: at, type: arch.linkerRelax.relaxRelocType, addend });
  if (!pcrel && !f.kind) checkRange(0n, f.size, f.signed);
}

function markUsed(_asm: Assembler, s: AsmSymbol): void {
  s.usedInReloc = true;
}

function isTemp(asm: Assembler, s: AsmSymbol): boolean {
  return asm.isTemporary(s);
}
