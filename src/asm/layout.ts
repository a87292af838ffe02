// Layout: give every fragment an address, growing branches from short to near
// until nothing changes (sizes only grow, so this terminates), then resolve
// fixups: write what is known, turn the rest into relocations.

import { AsmError } from "./arch.js";
import type { Assembler } from "./assembler.js";
import { encodeLeb } from "./directives.js";
import { fragSize, type AsmSymbol, type BranchFrag, type Fixup, type Frag, type Section } from "./model.js";
import { EvalError, evaluate, isConst, type Value } from "./value.js";

export interface Reloc { offset: number; type: number; sym: AsmSymbol; addend: bigint }

/** Can `jmp target` from `sec` be relaxed (resolved here) rather than left to the linker? */
function branchIsLocal(asm: Assembler, f: BranchFrag, sec: Section): boolean {
  let v: Value;
  try { v = evaluate(f.target, asm); } catch { return false; }
  return !!v.add && !v.sub && !v.reloc && v.add.section === sec && !!v.add.frag && v.add.bind !== "weak" && !v.add.common;
}

export function layoutSection(asm: Assembler, sec: Section): void {
  sec.frags = [...sec.subsections.entries()].sort((a, b) => a[0] - b[0]).flatMap((e) => e[1]);
  for (const f of sec.frags) if (f.kind === "branch") f.long = !(f.local = branchIsLocal(asm, f, sec));
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
  // A short branch's target never changes, only addresses do: its fragment
  // and the offset from that fragment's start, found once.
  const targetFrag = new Int32Array(n).fill(-1);
  const targetOffset = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = frags[i];
    if (f.kind !== "branch" || f.long) continue;
    const v = evaluate(f.target, asm);
    targetFrag[i] = index.get(v.add!.frag!)!;
    targetOffset[i] = v.add!.fragOffset + Number(v.off);
  }
  // Relax like gas: one pass in address order per iteration, each fragment
  // seeing the addresses already updated in this pass ("stretch" for later
  // ones, i.e. those with a higher index than the one being looked at).
  if (frags.every((f) => f.kind === "data" || f.kind === "branch" || f.kind === "align")) {
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
        case "branch": {
          if (f.long) break;
          const t = targetFrag[i];
          const end = f.address + fragSize(f);
          // A target not yet reached in this pass moves by `stretch` too, as
          // gas assumes, unless an alignment or .org lies between that may
          // absorb it; then a forward branch that would look backward stays.
          let target = frags[t].address + targetOffset[i];
          if (stretch !== 0 && t > i) {
            if (stretch < 0 || region[t] === region[i]) target += stretch;
            else if (target < end - 1) break;
          }
          const disp = target - end;
          if (disp < -128 || disp > 127) { f.long = true; changed = true; }
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
 * The relaxation loop below for the common case (code: data, branches and
 * alignments only) on typed arrays: a big function's text takes many passes
 * (~90 for SQLite's), and object property accesses dominated them.
 */
function relaxBranchesAndAlignments(sec: Section, region: Int32Array, targetFrag: Int32Array, targetOffset: Float64Array): void {
  const frags = sec.frags;
  const n = frags.length;
  const DATA = 0, SHORT = 1, LONG = 2, ALIGN = 3;
  const kind = new Uint8Array(n), addr = new Float64Array(n), size = new Int32Array(n);
  const longSize = new Int32Array(n), align = new Int32Array(n), max = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const f = frags[i];
    addr[i] = f.address;
    size[i] = fragSize(f);
    if (f.kind === "branch") {
      kind[i] = f.long ? LONG : SHORT;
      const was = f.long;
      f.long = true;
      longSize[i] = fragSize(f);
      f.long = was;
    } else if (f.kind === "align") {
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
      if (k === SHORT) {
        const t = targetFrag[i];
        const end = at + size[i];
        let target = addr[t] + targetOffset[i];
        let grow = true;
        if (stretch !== 0 && t > i) {
          if (stretch < 0 || region[t] === region[i]) target += stretch;
          else if (target < end - 1) grow = false;
        }
        const disp = target - end;
        if (grow && (disp < -128 || disp > 127)) { kind[i] = LONG; size[i] = longSize[i]; changed = true; }
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
    if (f.kind === "branch") f.long = kind[i] === LONG;
    else if (f.kind === "align") f.size = size[i];
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
  // gas creates the fixups of branches left to the linker when relaxation
  // starts, after all others: their relocations come last.
  const branchRelocs: Reloc[] = [];
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
      case "branch": {
        let p = f.address;
        for (const b of f.prefixes) out[p++] = b;
        if (!f.long) {
          const v = evaluate(f.target, asm);
          const t = v.add!.frag!.address + v.add!.fragOffset + Number(v.off);
          out[p] = f.cond < 0 ? 0xeb : 0x70 + f.cond;
          out[p + 1] = (t - (p + 2)) & 0xff;
          break;
        }
        if (f.cond < 0) out[p++] = 0xe9;
        else { out[p++] = 0x0f; out[p++] = 0x80 + f.cond; }
        const fx: Fixup = { offset: 0, size: 4, expr: f.target, pcrel: true, bias: -4n, signed: true, branch: !f.local, file: f.file, line: f.line };
        asm.stmt = { text: "", file: f.file, line: f.line };
        try { applyFixup(asm, sec, out, p, fx, branchRelocs, f.local); } catch (e) {
          if (e instanceof AsmError || e instanceof EvalError) asm.error(e.message); else throw e;
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
  return { data: out, relocs: [...relocs, ...branchRelocs] };
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
  const v = evaluate(f.expr, asm);
  if (isConst(v) && !v.reloc) {
    if (f.pcrel) throw new AsmError("cannot represent a PC-relative reference to an absolute value");
    checkRange(v.off, f.size, f.signed);
    put(out, at, v.off, f.size);
    return;
  }
  let pcrel = f.pcrel;
  let addend = v.off + f.bias;
  if (v.sub) {
    // a - b with b in this section: a PC-relative reference.
    if (pcrel || v.sub.section !== sec || !v.sub.frag) throw new AsmError(`can't resolve \`${v.add?.name ?? "0"}' - \`${v.sub.name}'`);
    pcrel = true;
    addend += BigInt(at - addr(v.sub));
    if (!v.add) throw new AsmError(`can't resolve \`0' - \`${v.sub.name}'`);
  }
  const s = v.add!;
  const forcedReloc = !!v.reloc || (f.branch === true && s.bind !== "local" && !isTemp(asm, s));
  // Resolve here what the linker need not see: references to local symbols of
  // this section (gas leaves global ones to the linker, except relaxed jumps).
  if (pcrel && !forcedReloc && s.section === sec && s.frag && (s.bind === "local" || relaxedBranch) && !s.common) {
    const val = BigInt(addr(s)) + addend - BigInt(at);
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
  const type = asm.arch.relocType(fx, v, s.bind === "local");
  let sym = s;
  if (s.bind === "local" && s.section && s.frag && !s.isSection && !asm.arch.keepsSymbol(fx, v)) {
    // In a mergeable section gas keeps the symbol for PC-relative references
    // and for others with an offset from it (the linker must know which
    // piece is meant); an alias (`.set .LC3, .LC97+8`) is then the symbol.
    const merge = (s.section.flags & 0x10) !== 0;
    const aliasBase = v.alias ? v.aliasBase ?? 0n : 0n;
    if (!merge || (!pcrel && v.off - aliasBase === 0n)) {
      addend += BigInt(addr(s));
      sym = s.section.symbol;
    } else if (v.alias) {
      addend -= aliasBase;
      sym = v.alias;
    }
  }
  sym.usedInReloc = true;
  relocs.push({ offset: at, type, sym, addend });
  if (!pcrel) checkRange(0n, f.size, f.signed);
}

function isTemp(asm: Assembler, s: AsmSymbol): boolean {
  return asm.isTemporary(s);
}
