// The state of one link and the target-independent policy questions every
// relocation asks: is this symbol preemptible, where does it live, does a
// reference to it need a GOT slot, a PLT entry, a copy relocation or a
// dynamic relocation. Targets decide *which* of these a relocation type needs;
// this file decides what each need means for the output kind.

import { SHF_WRITE, STT_FUNC, STT_GNU_IFUNC, STV_DEFAULT } from "../elf/constants.js";
import { Diagnostics, LinkError } from "./diagnostics.js";
import { DynamicSection, DynstrSection, DynsymSection, GnuHashSection, SysvHashSection, VerneedSection, VersymSection } from "./dynamic.js";
import type { Chunk, InputSection, ObjectFile, OutputSection, SharedFile } from "./files.js";
import type { LinkConfig } from "./options.js";
import { SymbolTable, type Symbol } from "./symbol.js";
import {
  BssSection, BuildIdSection, GotPltSection, GotSection, InterpSection, IpltSection, PltSection, RelaSection,
  type GotEntry, type SyntheticSection,
} from "./synthetic.js";
import type { LinkTarget } from "./target.js";

export interface TlsLayout {
  /** Address of the TLS initialisation image (PT_TLS p_vaddr). */
  start: number;
  /** p_memsz rounded up to the alignment. */
  size: number;
  align: number;
}

export class Context {
  readonly symtab = new SymbolTable();
  readonly objects: ObjectFile[] = [];
  readonly shared: SharedFile[] = [];
  readonly comdatSignatures = new Set<string>();
  /** Some object asks for an executable stack (or lacks .note.GNU-stack). */
  execStack = false;
  /** Sections --gc-sections left out (for -Map and --print-gc-sections). */
  readonly collected: InputSection[] = [];
  /** Archive members loaded, with the reference that pulled each in (for -Map). */
  readonly archiveMembers: Array<{ member: string; by: string; symbol: string }> = [];

  // Synthetic sections, created once the output kind is known (createSynthetic).
  readonly got = new GotSection();
  readonly gotPlt: GotPltSection;
  readonly plt: PltSection;
  readonly iplt: IpltSection;
  readonly relaDyn: RelaSection;
  readonly relaPlt: RelaSection;
  readonly dynstr = new DynstrSection();
  readonly dynsym = new DynsymSection();
  readonly gnuHash = new GnuHashSection(this.dynsym);
  readonly sysvHash = new SysvHashSection(this.dynsym);
  readonly verneed = new VerneedSection();
  readonly versym = new VersymSection(this.dynsym, this.verneed);
  readonly commons = new BssSection("COMMON");
  readonly copies = new BssSection(".dynbss");
  dynamic: DynamicSection | undefined;
  interp: InterpSection | undefined;
  buildId: BuildIdSection | undefined;
  /** Extra synthetic sections and the output section each goes to. */
  readonly extraSynthetic: Array<{ section: SyntheticSection; output: string }> = [];

  outputSections: OutputSection[] = [];
  tls: TlsLayout | undefined;
  textRel = false;
  /** A shared object with initial-exec TLS accesses: it needs static TLS space (DF_STATIC_TLS). */
  staticTls = false;

  constructor(readonly cfg: LinkConfig, readonly diag: Diagnostics, readonly target: LinkTarget) {
    this.gotPlt = new GotPltSection(this);
    this.plt = new PltSection(this);
    this.iplt = new IpltSection(this);
    this.relaDyn = new RelaSection(".rela.dyn", target.dyn.relative);
    this.relaPlt = new RelaSection(".rela.plt", target.dyn.relative);
    if (target.gotHeaderHoldsDynamic) this.got.add("dynamic", undefined);
  }

  // ---- output kind --------------------------------------------------------------------------

  get isShared(): boolean {
    return this.cfg.kind === "shared";
  }

  /** Position-independent output: addresses are relative to a load base chosen at run time. */
  get pic(): boolean {
    return this.cfg.kind === "pie" || this.cfg.kind === "shared";
  }

  /** A .dynamic section: shared objects, PIEs (static-pie too, for self-relocation) and executables using DSOs. */
  get hasDynamicSection(): boolean {
    return this.pic || this.shared.length > 0;
  }

  get hasInterp(): boolean {
    return this.hasDynamicSection && !this.isShared && !this.cfg.static && !this.cfg.noDynamicLinker;
  }

  get bindNow(): boolean {
    return this.cfg.z.has("now");
  }

  get relro(): boolean {
    return !this.cfg.z.has("norelro");
  }

  get baseAddress(): number {
    return this.pic ? 0 : this.target.execBase;
  }

  // ---- symbols ------------------------------------------------------------------------------

  /** May the dynamic linker bind this symbol to a definition outside the output? */
  preemptible(sym: Symbol): boolean {
    if (sym.isLocal) return false;
    if (sym.kind === "shared") return true;
    if (!this.isShared) return false;
    if (sym.visibility !== STV_DEFAULT) return false;
    if (sym.kind === "undefined") return true;
    if (sym.kind === "linker") return false;
    return !this.cfg.bsymbolic;
  }

  /** The address of a definition itself (for an IFUNC: its resolver). */
  definedAddr(sym: Symbol): number {
    switch (sym.kind) {
      case "defined":
        if (!sym.section) return sym.value;
        if (sym.section.discarded || !sym.section.output) return 0;
        return sym.section.addr + sym.value;
      case "common":
        return sym.value; // converted to "defined" before layout; unreachable afterwards
      case "linker":
        return sym.value;
      case "shared":
        if (sym.copyOffset >= 0) return this.copies.addr + sym.copyOffset;
        if (sym.canonicalPlt) return this.pltAddr(sym);
        return 0;
      case "undefined":
        return 0;
    }
  }

  /** S in relocation formulas: the address code sees (an IFUNC's canonical PLT entry). */
  symAddr(sym: Symbol): number {
    if (sym.ipltIndex >= 0) return this.iplt.entryAddr(sym.ipltIndex);
    return this.definedAddr(sym);
  }

  pltAddr(sym: Symbol): number {
    if (sym.pltIndex >= 0) return this.plt.entryAddr(sym.pltIndex);
    if (sym.ipltIndex >= 0) return this.iplt.entryAddr(sym.ipltIndex);
    return this.symAddr(sym);
  }

  /** Does this .dynsym entry define the symbol (rather than import it)? */
  isDynamicDefinition(sym: Symbol): boolean {
    return (sym.kind !== "undefined" && sym.kind !== "shared") || sym.copyOffset >= 0;
  }

  outputSectionOf(sym: Symbol): OutputSection | undefined {
    if (sym.copyOffset >= 0) return this.copies.output;
    if (sym.ipltIndex >= 0) return this.iplt.output;
    if (sym.kind === "linker") return this.outputSections.find((o) => o.addr <= sym.value && sym.value <= o.addr + o.size);
    return sym.section?.output;
  }

  /** st_value in the output's symbol tables: an address, or for TLS symbols the offset in the TLS template (gABI). */
  symbolTableValue(sym: Symbol): number {
    return sym.isTls ? this.dtpoff(sym) : this.symAddr(sym);
  }

  /** Offset from the thread pointer (the target says where it points in the block: TLS variant I or II). */
  tpoff(sym: Symbol): number {
    if (!this.tls) return 0;
    return this.definedAddr(sym) - this.tls.start - this.target.threadPointerOffset(this.tls);
  }

  /** Offset within this module's TLS block (st_value of TLS symbols). */
  dtpoff(sym: Symbol): number {
    return this.tls ? this.definedAddr(sym) - this.tls.start : 0;
  }

  /** The value of a DTPREL relocation: the offset in the block minus the target's bias. */
  dtprel(sym: Symbol): number {
    return this.dtpoff(sym) - this.target.dtpOffsetBias;
  }

  // ---- needs recorded while scanning relocations ------------------------------------------

  /** A call through a PLT32-style relocation. */
  needPltCall(sym: Symbol): void {
    if (this.preemptible(sym)) {
      this.plt.add(sym);
      this.dynsym.add(sym);
    } else if (sym.isIfunc) this.iplt.add(sym);
  }

  /** A GOT slot holding the symbol's address. */
  needGot(sym: Symbol): number {
    if (sym.gotIndex >= 0) return sym.gotIndex;
    sym.gotIndex = this.got.add("addr", sym);
    const at = sym.gotIndex * 8;
    if (this.preemptible(sym)) {
      this.dynsym.add(sym);
      this.relaDyn.add({ chunk: this.got, offset: at, type: this.target.dyn.globDat, sym, addend: () => 0 });
    } else if (sym.isIfunc && sym.ipltIndex < 0) {
      // Only the GOT refers to it: the slot gets the resolved function directly.
      this.ifuncGotSlots.push(sym);
    } else if (this.pic && !sym.isAbsolute && !sym.isUndefWeak && sym.kind !== "undefined") {
      this.relaDyn.add({ chunk: this.got, offset: at, type: this.target.dyn.relative, sym: undefined, addend: () => this.symAddr(sym) });
    }
    return sym.gotIndex;
  }

  /** GOT slots of IFUNCs reached only through the GOT: IRELATIVE, grouped with the PLT's. */
  readonly ifuncGotSlots: Symbol[] = [];

  /** An initial-exec GOT slot with the thread-pointer offset. */
  needGotTp(sym: Symbol): number {
    if (sym.gotTpIndex >= 0) return sym.gotTpIndex;
    sym.gotTpIndex = this.got.add("tpoff", sym);
    const at = sym.gotTpIndex * 8;
    if (this.isShared) this.staticTls = true;
    if (this.preemptible(sym)) {
      this.dynsym.add(sym);
      this.relaDyn.add({ chunk: this.got, offset: at, type: this.target.dyn.tpoff64, sym, addend: () => 0 });
    } else if (this.isShared) {
      this.relaDyn.add({ chunk: this.got, offset: at, type: this.target.dyn.tpoff64, sym: undefined, addend: () => this.dtpoff(sym) });
    }
    return sym.gotTpIndex;
  }

  /** A general-dynamic (module, offset) GOT pair. */
  needTlsGd(sym: Symbol): number {
    if (sym.tlsGdIndex >= 0) return sym.tlsGdIndex;
    sym.tlsGdIndex = this.got.add("dtpmod", sym);
    this.got.add("dtpoff", sym);
    const at = sym.tlsGdIndex * 8;
    const d = this.target.dyn;
    if (this.preemptible(sym)) {
      this.dynsym.add(sym);
      this.relaDyn.add({ chunk: this.got, offset: at, type: d.dtpmod64, sym, addend: () => 0 });
      this.relaDyn.add({ chunk: this.got, offset: at + 8, type: d.dtpoff64, sym, addend: () => 0 });
    } else if (this.isShared) {
      this.relaDyn.add({ chunk: this.got, offset: at, type: d.dtpmod64, sym: undefined, addend: () => 0 });
    }
    return sym.tlsGdIndex;
  }

  /**
   * A TLS descriptor: two GOT words the dynamic linker fills (resolver, argument)
   * through one descriptor relocation, against the symbol or, for a local one,
   * against nothing with the offset in the module's block as addend.
   */
  needTlsDesc(sym: Symbol): number {
    if (sym.tlsDescIndex >= 0) return sym.tlsDescIndex;
    const type = this.target.dyn.tlsdesc;
    if (type === undefined) this.fail(`${this.target.name}: TLS descriptors are not supported`);
    sym.tlsDescIndex = this.got.add("tlsdesc", sym);
    this.got.add("tlsdesc", sym);
    const at = sym.tlsDescIndex * 8;
    if (this.preemptible(sym)) {
      this.dynsym.add(sym);
      this.relaDyn.add({ chunk: this.got, offset: at, type, sym, addend: () => 0 });
    } else {
      this.relaDyn.add({ chunk: this.got, offset: at, type, sym: undefined, addend: () => this.dtpoff(sym) });
    }
    return sym.tlsDescIndex;
  }

  /** The local-dynamic module-id pair (one per output). */
  needTlsLd(): number {
    if (this.got.tlsLdIndex >= 0) return this.got.tlsLdIndex;
    this.got.tlsLdIndex = this.got.add("dtpmod", undefined);
    this.got.add("dtpoff", undefined);
    if (this.isShared) {
      this.relaDyn.add({ chunk: this.got, offset: this.got.tlsLdIndex * 8, type: this.target.dyn.dtpmod64, sym: undefined, addend: () => 0 });
    }
    return this.got.tlsLdIndex;
  }

  gotEntryStaticValue(e: GotEntry): number {
    const sym = e.sym;
    switch (e.kind) {
      case "addr":
        return !sym || this.preemptible(sym) ? 0 : sym.isIfunc && sym.ipltIndex < 0 ? this.definedAddr(sym) : this.symAddr(sym);
      case "tpoff":
        return sym && !this.preemptible(sym) && !this.isShared ? this.tpoff(sym) : 0;
      case "dtpmod":
        return this.isShared ? 0 : 1; // the executable is always module 1
      case "dtpoff":
        return sym && !this.preemptible(sym) ? this.dtprel(sym) : 0;
      case "dynamic":
        return this.dynamic ? this.dynamic.addr : 0;
      case "tlsdesc":
        return 0;
    }
  }

  /**
   * A reference that needs the symbol's address in the output image itself
   * (PC-relative or absolute data/code). For a symbol of a shared object that
   * means a copy relocation (data) or a canonical PLT entry (functions).
   */
  needDirectAccess(sym: Symbol, sec: InputSection, relName: string): void {
    if (sym.isIfunc) {
      this.iplt.add(sym);
      return;
    }
    if (!this.preemptible(sym)) return;
    if (this.isShared) {
      this.diag.error(`${sec.file}: relocation ${relName} against symbol \`${sym.name}' can not be used when making a shared object; recompile with -fPIC`);
      return;
    }
    if (sym.type === STT_FUNC || sym.type === STT_GNU_IFUNC) {
      if (!sym.canonicalPlt) {
        this.plt.add(sym);
        sym.canonicalPlt = true;
        this.dynsym.add(sym);
      }
      return;
    }
    this.needCopy(sym);
  }

  private needCopy(sym: Symbol): void {
    if (sym.copyOffset >= 0) return;
    const dso = sym.file as SharedFile;
    if (sym.size === 0) this.diag.warn(`copy relocation against \`${sym.name}' of size 0 from ${dso.path}`);
    let align = 1;
    while (align < 64 && sym.value % (align * 2) === 0) align *= 2;
    const offset = this.copies.allocate(sym.size, align);
    // Aliases (environ and __environ) must move with it, or the library keeps using its own copy.
    const target = dso.symbols.find((d) => d.name === sym.name && !d.hidden);
    const group = [sym];
    if (target) {
      for (const a of dso.aliasesOf(target)) {
        const other = this.symtab.get(a.name);
        if (other && other.kind === "shared" && other.file === dso && other.copyOffset < 0) group.push(other);
      }
    }
    for (const s of group) {
      s.copyOffset = offset;
      this.dynsym.add(s);
    }
    this.relaDyn.add({ chunk: this.copies, offset, type: this.target.dyn.copy, sym, addend: () => 0 });
  }

  /**
   * A word-sized absolute reference (R_X86_64_64 in data). Returns true when
   * the place is filled by a dynamic relocation instead of a static value.
   */
  needAbsoluteWord(sym: Symbol, sec: InputSection, offset: number, addend: number): boolean {
    if (this.preemptible(sym)) {
      if (!this.isShared && !(sec.flags & SHF_WRITE) && (sym.type === STT_FUNC || sym.type === STT_GNU_IFUNC)) {
        this.needDirectAccess(sym, sec, "R_ABS64");
        return false;
      }
      this.dynsym.add(sym);
      this.noteTextRel(sec);
      this.relaDyn.add({ chunk: sec, offset, type: this.target.dyn.abs64, sym, addend: () => addend });
      return true;
    }
    if (sym.isIfunc) this.iplt.add(sym);
    if (this.pic && !sym.isAbsolute && !(sym.isUndefWeak && !sym.isLocal)) {
      this.noteTextRel(sec);
      this.relaDyn.add({ chunk: sec, offset, type: this.target.dyn.relative, sym: undefined, addend: () => this.symAddr(sym) + addend });
      return true;
    }
    return false;
  }

  private noteTextRel(sec: InputSection): void {
    if (sec.flags & SHF_WRITE) return;
    if (this.cfg.z.has("text")) {
      this.diag.error(`${sec.file}: relocation in read-only section \`${sec.name}'; recompile with -fPIC`);
    }
    this.textRel = true;
  }

  fail(message: string): never {
    throw new LinkError(message);
  }

  /** All chunks of all output sections, for writing. */
  *chunks(): Iterable<Chunk> {
    for (const o of this.outputSections) yield* o.chunks;
  }
}
