// x86_64 relocations (System V AMD64 psABI, chapter 4.4 and the TLS ABI by
// Drepper), PLT entries, and the code rewrites GNU ld performs in executables:
// GOT loads of local symbols become `lea`, and general/local-dynamic TLS
// sequences become initial-exec or local-exec ones.
//
// Formulas use the psABI's letters: S symbol address, A addend, P place,
// G GOT slot address, L PLT entry address, GOT the _GLOBAL_OFFSET_TABLE_.

import { EM, R_X86_64 } from "../elf/constants.js";
import type { Rela } from "../elf/types.js";
import type { Context } from "./context.js";
import type { InputSection } from "./files.js";
import type { ApplySite, LinkTarget, RelocSite } from "./target.js";

const R = (name: string): number => R_X86_64.get(`R_X86_64_${name}`);

/** Everything a handler needs about one relocation. */
/** Relocations debug information uses, with their link-time value and field width. */
const NON_ALLOC = new Map<number, { bytes: 0 | 4 | 8; value: "abs" | "pc" | "dtpoff" | "size" }>([
  [R("NONE"), { bytes: 0, value: "abs" }],
  [R("64"), { bytes: 8, value: "abs" }],
  [R("32"), { bytes: 4, value: "abs" }],
  [R("32S"), { bytes: 4, value: "abs" }],
  [R("PC32"), { bytes: 4, value: "pc" }],
  [R("PC64"), { bytes: 8, value: "pc" }],
  [R("DTPOFF32"), { bytes: 4, value: "dtpoff" }],
  [R("DTPOFF64"), { bytes: 8, value: "dtpoff" }],
  [R("SIZE32"), { bytes: 4, value: "size" }],
  [R("SIZE64"), { bytes: 8, value: "size" }],
]);

/** Scan returns/apply returns: how many following relocations the handler consumed. */
interface Handler {
  scan(s: RelocSite): number;
  apply(s: ApplySite): number;
}

// ---- helpers ---------------------------------------------------------------------------------

function gotBase(ctx: Context): number {
  return ctx.gotPlt.size > 0 ? ctx.gotPlt.addr : ctx.got.addr;
}

function relName(type: number): string {
  return R_X86_64.describe(type);
}

function overflow(s: ApplySite, value: number, signed: boolean, bits: number): void {
  const lo = signed ? -(2 ** (bits - 1)) : 0;
  const hi = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  if (value < lo || value > hi) {
    const where = s.sym.isLocal ? "" : ` against symbol \`${s.sym.name}'`;
    s.ctx.diag.error(`${s.sec.file}:(${s.sec.name}+0x${s.rel.offset.toString(16)}): relocation truncated to fit: ${relName(s.rel.type)}${where}`);
  }
}

const write32 = (s: ApplySite, v: number, signed: boolean): void => {
  overflow(s, v, signed, 32);
  s.out.setUint32(s.at, v >>> 0, true);
};
const write64 = (s: ApplySite, v: number): void => {
  s.out.setBigUint64(s.at, BigInt.asUintN(64, BigInt(v)), true);
};

/** The input byte at offset `d` from the place (for recognising instructions). */
const inputByte = (s: RelocSite, d: number): number => s.sec.data[s.rel.offset + d];

const isExecutable = (ctx: Context): boolean => !ctx.isShared;

// ---- GOT load relaxation -------------------------------------------------------------------

type GotRelaxation = "lea" | "call" | "jmp" | undefined;

/**
 * GOT-indirect accesses to a symbol resolved in the output need no GOT:
 * `mov foo@GOTPCREL(%rip), %reg` → `lea foo(%rip), %reg`,
 * `call *foo@GOTPCREL(%rip)` → `addr32 call foo`, `jmp *…` → `jmp foo; nop`.
 * (Static PIEs depend on it: their start-up code calls through the GOT before relocating it.)
 */
function gotRelaxation(s: RelocSite): GotRelaxation {
  const { ctx, sym, rel } = s;
  if (rel.type === R("GOTPCREL") || rel.offset < 2) return undefined;
  if (ctx.preemptible(sym) || sym.isIfunc || sym.kind === "undefined" || sym.kind === "shared") return undefined;
  // In PIC output an absolute symbol's value is not reachable PC-relatively.
  if (ctx.pic && sym.isAbsolute) return undefined;
  const op = inputByte(s, -2);
  const modrm = inputByte(s, -1);
  if (op === 0x8b) return "lea";
  if (op === 0xff && modrm === 0x15 && rel.type === R("GOTPCRELX")) return "call";
  if (op === 0xff && modrm === 0x25 && rel.type === R("GOTPCRELX")) return "jmp";
  return undefined;
}

// ---- TLS sequences -----------------------------------------------------------------------------

/** The general-dynamic call sequence ends with a call to __tls_get_addr through the next relocation. */
function tlsCallFollows(s: RelocSite): boolean {
  const next = s.rels[s.i + 1];
  // The call's displacement follows the lea's: +5/+6 after TLSLD's, +8 after TLSGD's padded form.
  if (!next || next.offset < s.rel.offset + 4 || next.offset > s.rel.offset + 8) return false;
  return next.type === R("PLT32") || next.type === R("PC32") || next.type === R("GOTPCRELX") || next.type === R("GOTPCREL");
}

/** Can `mov/add foo@gottpoff(%rip), %reg` become an immediate form? */
function canRelaxIe(s: RelocSite): boolean {
  if (!isExecutable(s.ctx) || s.ctx.preemptible(s.sym) || s.rel.offset < 3) return false;
  const op = inputByte(s, -2);
  return op === 0x8b || op === 0x03;
}

const LE_FROM_GD = [0x64, 0x48, 0x8b, 0x04, 0x25, 0, 0, 0, 0, 0x48, 0x8d, 0x80]; // mov %fs:0,%rax; lea x@tpoff(%rax),%rax
const IE_FROM_GD = [0x64, 0x48, 0x8b, 0x04, 0x25, 0, 0, 0, 0, 0x48, 0x03, 0x05]; // mov %fs:0,%rax; add x@gottpoff(%rip),%rax
const LE_FROM_LD = [0x66, 0x66, 0x66, 0x64, 0x48, 0x8b, 0x04, 0x25, 0, 0, 0, 0]; // data16×3 mov %fs:0,%rax

function putBytes(s: ApplySite, offsetFromPlace: number, bytes: readonly number[]): void {
  bytes.forEach((b, k) => s.out.setUint8(s.at + offsetFromPlace + k, b));
}

// ---- the handlers, by relocation type ---------------------------------------------------------

const none: Handler = { scan: () => 0, apply: () => 0 };

function absolute(bits: 8 | 16 | 32 | 64, signed: boolean): Handler {
  return {
    scan(s) {
      if (bits === 64) {
        s.ctx.needAbsoluteWord(s.sym, s.sec, s.rel.offset, s.rel.addend);
        return 0;
      }
      const { ctx, sym } = s;
      if (ctx.pic && !sym.isAbsolute && !(sym.isUndefWeak && !ctx.preemptible(sym))) {
        ctx.diag.error(`${s.sec.file}: relocation ${relName(s.rel.type)} against ${sym.isLocal ? `\`${s.sec.name}'` : `symbol \`${sym.name}'`} can not be used when making a ${ctx.isShared ? "shared object" : "PIE object"}; recompile with -fPIE`);
        return 0;
      }
      ctx.needDirectAccess(sym, s.sec, relName(s.rel.type));
      return 0;
    },
    apply(s) {
      const v = s.S + s.A;
      if (bits === 64) write64(s, v);
      else if (bits === 32) write32(s, v, signed);
      else if (bits === 16) { overflow(s, v, signed, 16); s.out.setUint16(s.at, v & 0xffff, true); }
      else { overflow(s, v, signed, 8); s.out.setUint8(s.at, v & 0xff); }
      return 0;
    },
  };
}

function pcRelative(bits: 8 | 16 | 32 | 64): Handler {
  return {
    scan(s) {
      s.ctx.needDirectAccess(s.sym, s.sec, relName(s.rel.type));
      return 0;
    },
    apply(s) {
      const v = s.S + s.A - s.P;
      if (bits === 64) write64(s, v);
      else if (bits === 32) write32(s, v, true);
      else if (bits === 16) { overflow(s, v, true, 16); s.out.setUint16(s.at, v & 0xffff, true); }
      else { overflow(s, v, true, 8); s.out.setUint8(s.at, v & 0xff); }
      return 0;
    },
  };
}

const plt32: Handler = {
  scan(s) {
    s.ctx.needPltCall(s.sym);
    return 0;
  },
  apply(s) {
    write32(s, s.ctx.pltAddr(s.sym) + s.A - s.P, true);
    return 0;
  },
};

const gotPcRel: Handler = {
  scan(s) {
    if (!gotRelaxation(s)) s.ctx.needGot(s.sym);
    return 0;
  },
  apply(s) {
    switch (gotRelaxation(s)) {
      case "lea":
        s.out.setUint8(s.at - 2, 0x8d);
        write32(s, s.S + s.A - s.P, true);
        break;
      case "call":
        s.out.setUint8(s.at - 2, 0x67); // addr32 prefix keeps the length
        s.out.setUint8(s.at - 1, 0xe8);
        write32(s, s.S + s.A - s.P, true);
        break;
      case "jmp":
        // e9 rel32 starts one byte earlier; a nop fills the last byte.
        s.out.setUint8(s.at - 2, 0xe9);
        s.out.setUint8(s.at + 3, 0x90);
        s.out.setInt32(s.at - 1, s.S + s.A - s.P + 1, true);
        break;
      default:
        write32(s, s.ctx.got.entryAddr(s.sym.gotIndex) + s.A - s.P, true);
    }
    return 0;
  },
};

const gotPcRel64: Handler = {
  scan(s) { s.ctx.needGot(s.sym); return 0; },
  apply(s) { write64(s, s.ctx.got.entryAddr(s.sym.gotIndex) + s.A - s.P); return 0; },
};

/** GOT32/GOT64: the slot's offset from _GLOBAL_OFFSET_TABLE_. */
function gotOffset(bits: 32 | 64): Handler {
  return {
    scan(s) { s.ctx.needGot(s.sym); return 0; },
    apply(s) {
      const v = s.ctx.got.entryAddr(s.sym.gotIndex) + s.A - gotBase(s.ctx);
      if (bits === 64) write64(s, v); else write32(s, v, true);
      return 0;
    },
  };
}

function gotPc(bits: 32 | 64): Handler {
  return {
    scan: () => 0,
    apply(s) {
      const v = gotBase(s.ctx) + s.A - s.P;
      if (bits === 64) write64(s, v); else write32(s, v, true);
      return 0;
    },
  };
}

const gotOff64: Handler = {
  scan(s) {
    if (s.sym.isIfunc) s.ctx.iplt.add(s.sym);
    return 0;
  },
  apply(s) { write64(s, s.S + s.A - gotBase(s.ctx)); return 0; },
};

const pltOff64: Handler = {
  scan(s) { s.ctx.needPltCall(s.sym); return 0; },
  apply(s) { write64(s, s.ctx.pltAddr(s.sym) + s.A - gotBase(s.ctx)); return 0; },
};

function size(bits: 32 | 64): Handler {
  return {
    scan: () => 0,
    apply(s) {
      const v = s.sym.size + s.A;
      if (bits === 64) write64(s, v); else write32(s, v, false);
      return 0;
    },
  };
}

function tpOff(bits: 32 | 64): Handler {
  return {
    scan(s) {
      if (s.ctx.isShared) s.ctx.diag.error(`${s.sec.file}: relocation ${relName(s.rel.type)} against \`${s.sym.name}' can not be used when making a shared object; recompile with -fPIC`);
      return 0;
    },
    apply(s) {
      const v = s.ctx.tpoff(s.sym) + s.A;
      if (bits === 64) write64(s, v); else write32(s, v, true);
      return 0;
    },
  };
}

/** DTPOFF32/64: offset in the module's block; in executables the local-dynamic code became local-exec. */
function dtpOff(bits: 32 | 64): Handler {
  return {
    scan: () => 0,
    apply(s) {
      const v = (isExecutable(s.ctx) ? s.ctx.tpoff(s.sym) : s.ctx.dtpoff(s.sym)) + s.A;
      if (bits === 64) write64(s, v); else write32(s, v, true);
      return 0;
    },
  };
}

const gotTpOff: Handler = {
  scan(s) {
    if (!canRelaxIe(s)) s.ctx.needGotTp(s.sym);
    return 0;
  },
  apply(s) {
    if (canRelaxIe(s)) {
      // REX.R (the register in ModRM.reg) becomes REX.B (the register in ModRM.rm).
      const rex = s.out.getUint8(s.at - 3);
      const op = s.out.getUint8(s.at - 2);
      const reg = (s.out.getUint8(s.at - 1) >> 3) & 7;
      if (rex === 0x4c) s.out.setUint8(s.at - 3, 0x49);
      s.out.setUint8(s.at - 2, op === 0x8b ? 0xc7 : 0x81); // mov $imm / add $imm
      s.out.setUint8(s.at - 1, 0xc0 | reg);
      write32(s, s.ctx.tpoff(s.sym) + s.A + 4, true);
      return 0;
    }
    write32(s, s.ctx.got.entryAddr(s.sym.gotTpIndex) + s.A - s.P, true);
    return 0;
  },
};

const tlsGd: Handler = {
  scan(s) {
    const { ctx, sym } = s;
    if (isExecutable(ctx) && tlsCallFollows(s)) {
      if (ctx.preemptible(sym)) ctx.needGotTp(sym);
      return 1; // the __tls_get_addr call is rewritten too
    }
    ctx.needTlsGd(sym);
    return 0;
  },
  apply(s) {
    const { ctx, sym } = s;
    if (isExecutable(ctx) && tlsCallFollows(s)) {
      // 16 bytes from 4 before the place: data16 lea x@tlsgd(%rip),%rdi; data16 data16 rex.W call __tls_get_addr
      if (ctx.preemptible(sym)) {
        putBytes(s, -4, IE_FROM_GD);
        const p2 = s.P + 8; // the add's displacement
        s.out.setInt32(s.at + 8, ctx.got.entryAddr(sym.gotTpIndex) - (p2 + 4), true);
      } else {
        putBytes(s, -4, LE_FROM_GD);
        s.out.setInt32(s.at + 8, ctx.tpoff(sym) + s.A + 4, true);
      }
      return 1;
    }
    write32(s, ctx.got.entryAddr(sym.tlsGdIndex) + s.A - s.P, true);
    return 0;
  },
};

const tlsLd: Handler = {
  scan(s) {
    if (isExecutable(s.ctx) && tlsCallFollows(s)) return 1;
    s.ctx.needTlsLd();
    return 0;
  },
  apply(s) {
    const { ctx } = s;
    if (isExecutable(ctx) && tlsCallFollows(s)) {
      // lea x@tlsld(%rip),%rdi (7 bytes from 3 before the place); call __tls_get_addr (5, or 6 via GOT).
      putBytes(s, -3, LE_FROM_LD);
      const next = s.rels[s.i + 1];
      if (next.type === R("GOTPCRELX") || next.type === R("GOTPCREL")) s.out.setUint8(s.at + 9, 0x90);
      return 1;
    }
    write32(s, ctx.got.entryAddr(ctx.got.tlsLdIndex) + s.A - s.P, true);
    return 0;
  },
};

const HANDLERS = new Map<number, Handler>([
  [R("NONE"), none],
  [R("64"), absolute(64, false)],
  [R("32"), absolute(32, false)],
  [R("32S"), absolute(32, true)],
  [R("16"), absolute(16, false)],
  [R("8"), absolute(8, false)],
  [R("PC64"), pcRelative(64)],
  [R("PC32"), pcRelative(32)],
  [R("PC16"), pcRelative(16)],
  [R("PC8"), pcRelative(8)],
  [R("PLT32"), plt32],
  [R("GOTPCREL"), gotPcRel],
  [R("GOTPCRELX"), gotPcRel],
  [R("REX_GOTPCRELX"), gotPcRel],
  [R("GOTPCREL64"), gotPcRel64],
  [R("GOT32"), gotOffset(32)],
  [R("GOT64"), gotOffset(64)],
  [R("GOTPC32"), gotPc(32)],
  [R("GOTPC64"), gotPc(64)],
  [R("GOTOFF64"), gotOff64],
  [R("PLTOFF64"), pltOff64],
  [R("SIZE32"), size(32)],
  [R("SIZE64"), size(64)],
  [R("TPOFF32"), tpOff(32)],
  [R("TPOFF64"), tpOff(64)],
  [R("DTPOFF32"), dtpOff(32)],
  [R("DTPOFF64"), dtpOff(64)],
  [R("GOTTPOFF"), gotTpOff],
  [R("TLSGD"), tlsGd],
  [R("TLSLD"), tlsLd],
]);

function handlerFor(ctx: Context, sec: InputSection, rel: Rela): Handler | undefined {
  const h = HANDLERS.get(rel.type);
  if (!h) {
    ctx.diag.error(`${sec.file}: unsupported relocation type ${relName(rel.type)} (${rel.type}) in section ${sec.name} at offset 0x${rel.offset.toString(16)}`);
  }
  return h;
}

// ---- PLT code ----------------------------------------------------------------------------------

function writeBytes(out: DataView, at: number, bytes: readonly number[]): void {
  bytes.forEach((b, k) => out.setUint8(at + k, b));
}

export const X86_64: LinkTarget = {
  name: "x86_64",
  machine: EM.get("EM_X86_64"),
  emulations: ["elf_x86_64"],
  pageSize: 0x1000,
  execBase: 0x400000,
  dynamicLinker: "/lib64/ld-linux-x86-64.so.2",
  dyn: {
    relative: R("RELATIVE"), globDat: R("GLOB_DAT"), jumpSlot: R("JUMP_SLOT"), copy: R("COPY"),
    irelative: R("IRELATIVE"), abs64: R("64"), dtpmod64: R("DTPMOD64"), dtpoff64: R("DTPOFF64"), tpoff64: R("TPOFF64"),
  },
  gotSymbolInGotPlt: true,
  gotHeaderHoldsDynamic: false,
  gotPltHeaderEntries: 3,
  missingStackNoteMeansExec: true,
  pltHeaderSize: 16,
  pltEntrySize: 16,

  relocName: relName,

  scan(ctx, sec, rels, i, sym) {
    const h = handlerFor(ctx, sec, rels[i]);
    return h ? h.scan({ ctx, sec, rels, i, rel: rels[i], sym }) : 0;
  },

  apply(ctx, sec, rels, i, sym, out, at) {
    const rel = rels[i];
    const h = HANDLERS.get(rel.type);
    if (!h) return 0;
    return h.apply({ ctx, sec, rels, i, rel, sym, out, at, P: sec.addr + rel.offset, A: rel.addend, S: ctx.symAddr(sym) });
  },

  applyNonAlloc(ctx, sec, rel, sym, out, at, tombstone) {
    const field = NON_ALLOC.get(rel.type);
    if (!field) {
      ctx.diag.error(`${sec.file}:(${sec.name}+0x${rel.offset.toString(16)}): relocation ${relName(rel.type)} is not supported in a non-allocated section`);
      return;
    }
    if (field.bytes === 0) return;
    let value: number;
    if (tombstone !== undefined) value = tombstone;
    else if (field.value === "dtpoff") value = ctx.symAddr(sym) + rel.addend - (ctx.tls?.start ?? 0);
    else if (field.value === "size") value = sym.size + rel.addend;
    else if (field.value === "pc") value = ctx.symAddr(sym) + rel.addend - (sec.addr + rel.offset);
    else value = ctx.symAddr(sym) + rel.addend;
    if (field.bytes === 8) out.setBigUint64(at, BigInt.asUintN(64, BigInt(value)), true);
    else out.setUint32(at, value >>> 0, true);
  },

  writePltHeader(out, at, pltAddr, gotPltAddr) {
    // pushq GOT+8(%rip); jmpq *GOT+16(%rip); nopl 0(%rax)
    writeBytes(out, at, [0xff, 0x35, 0, 0, 0, 0, 0xff, 0x25, 0, 0, 0, 0, 0x0f, 0x1f, 0x40, 0x00]);
    out.setInt32(at + 2, gotPltAddr + 8 - (pltAddr + 6), true);
    out.setInt32(at + 8, gotPltAddr + 16 - (pltAddr + 12), true);
  },

  writePltEntry(out, at, entryAddr, gotSlotAddr, index, pltAddr, lazy) {
    // jmpq *slot(%rip); pushq $index; jmpq PLT0 — or, for IFUNC entries, the jump then int3 padding.
    writeBytes(out, at, [0xff, 0x25, 0, 0, 0, 0]);
    out.setInt32(at + 2, gotSlotAddr - (entryAddr + 6), true);
    if (lazy) {
      writeBytes(out, at + 6, [0x68, 0, 0, 0, 0, 0xe9, 0, 0, 0, 0]);
      out.setUint32(at + 7, index, true);
      out.setInt32(at + 12, pltAddr - (entryAddr + 16), true);
    } else {
      writeBytes(out, at + 6, new Array(10).fill(0xcc));
    }
  },

  lazySlotValue(entryAddr) {
    return entryAddr + 6;
  },

  // TLS variant II: the block ends where %fs:0 points.
  threadPointerOffset: (tls) => tls.size,
  dtpOffsetBias: 0,
};
