// Reading the command line's inputs in order, the way GNU ld does: objects
// are always loaded; archive members only when they define a symbol that is
// still undefined (re-scanning every archive of a --start-group/--end-group
// until nothing more is pulled in); shared objects contribute definitions
// bound at run time; linker scripts found among inputs (glibc's libc.so)
// expand into the files they name.

import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { isArchive, readArchive, type Archive } from "../elf/archive.js";
import { FormatError } from "../elf/bytes.js";
import {
  ET, EM, GRP_COMDAT, SHF_ALLOC, SHF_EXCLUDE, SHF_EXECINSTR, SHT_FINI_ARRAY, SHT_GROUP, SHT_INIT_ARRAY,
  SHT_NOBITS, SHT_NOTE, SHT_PREINIT_ARRAY, SHT_PROGBITS, STB_LOCAL, STB_WEAK, STV_DEFAULT, SHN_UNDEF,
  SHT_NULL, SHT_SYMTAB, SHT_STRTAB, SHT_RELA, SHT_SYMTAB_SHNDX,
} from "../elf/constants.js";
import { ElfFile, isElf, readSharedObject, type SharedObjectInfo } from "../elf/reader.js";
import type { SectionHeader } from "../elf/types.js";
import type { Context } from "./context.js";
import { LinkError } from "./diagnostics.js";
import { definitionSection, InputSection, ObjectFile, SharedFile } from "./files.js";
import type { InputState, LinkConfig } from "./options.js";
import { looksLikeScript, parseScript } from "./script.js";
import type { Symbol } from "./symbol.js";

/**
 * Parsed inputs that stay valid while the file is unchanged. A process linking
 * many programs (the test harnesses) shares one, so libc is parsed once.
 */
export class InputCache {
  private readonly files = new Map<string, { stamp: string; bytes: Uint8Array }>();
  private readonly elves = new Map<string, ElfFile>();
  private readonly archives = new Map<string, Archive>();
  private readonly sharedInfo = new Map<string, SharedObjectInfo>();

  read(path: string): Uint8Array {
    const st = statSync(path);
    const stamp = `${st.mtimeMs}:${st.size}`;
    const hit = this.files.get(path);
    if (hit && hit.stamp === stamp) return hit.bytes;
    const bytes = new Uint8Array(readFileSync(path));
    this.files.set(path, { stamp, bytes });
    // Anything derived from an older version of the file is stale.
    for (const m of [this.elves, this.archives, this.sharedInfo]) for (const k of m.keys()) if (k.startsWith(path)) m.delete(k);
    return bytes;
  }

  elf(key: string, bytes: Uint8Array): ElfFile {
    let e = this.elves.get(key);
    if (!e) {
      e = new ElfFile(bytes);
      this.elves.set(key, e);
    }
    return e;
  }

  archive(path: string, bytes: Uint8Array): Archive {
    let a = this.archives.get(path);
    if (!a) {
      a = readArchive(bytes);
      this.archives.set(path, a);
    }
    return a;
  }

  shared(path: string, elf: ElfFile): SharedObjectInfo {
    let s = this.sharedInfo.get(path);
    if (!s) {
      s = readSharedObject(elf);
      this.sharedInfo.set(path, s);
    }
    return s;
  }
}

interface ArchiveInput {
  path: string;
  archive: Archive;
  loaded: Set<number>;
}

export class InputLoader {
  private groupDepth = 0;
  private groupArchives: ArchiveInput[] = [];
  private readonly seenShared = new Set<string>();

  constructor(private readonly ctx: Context, private readonly cache: InputCache) {}

  /** Load every input of the command line, in order. */
  loadAll(): void {
    const cfg = this.ctx.cfg;
    for (const u of cfg.undefined) {
      const s = this.ctx.symtab.intern(u);
      s.referenced = true;
      s.strongRef = true;
    }
    for (const item of cfg.inputs) {
      if (item.kind === "group-start") this.beginGroup();
      else if (item.kind === "group-end") this.endGroup();
      else if (item.kind === "file") this.loadPath(item.path, item.state, item.path);
      else this.loadPath(this.findLibrary(item.name, item.state), item.state, `-l${item.name}`);
    }
    if (this.groupDepth > 0) throw new LinkError("--start-group without --end-group");
  }

  private beginGroup(): void {
    if (this.groupDepth++ === 0) this.groupArchives = [];
  }

  private endGroup(): void {
    if (this.groupDepth === 0) throw new LinkError("--end-group without --start-group");
    if (--this.groupDepth > 0) return;
    // Members pulled from one archive may need members of an earlier one: rescan until stable.
    let changed = true;
    while (changed) {
      changed = false;
      for (const a of this.groupArchives) if (this.extract(a)) changed = true;
    }
    this.groupArchives = [];
  }

  private searchDirs(): string[] {
    const sysroot = this.ctx.cfg.sysroot;
    return this.ctx.cfg.libraryPaths.map((d) => {
      if (sysroot && d.startsWith("=")) return join(sysroot, d.slice(1));
      if (sysroot && d.startsWith("$SYSROOT")) return join(sysroot, d.slice("$SYSROOT".length));
      return d;
    });
  }

  findLibrary(name: string, state: InputState): string {
    const dirs = this.searchDirs();
    const exists = (p: string): boolean => {
      try { return statSync(p).isFile(); } catch { return false; }
    };
    if (name.startsWith(":")) {
      for (const d of dirs) if (exists(join(d, name.slice(1)))) return join(d, name.slice(1));
    } else {
      for (const d of dirs) {
        if (!state.staticOnly && exists(join(d, `lib${name}.so`))) return join(d, `lib${name}.so`);
        if (exists(join(d, `lib${name}.a`))) return join(d, `lib${name}.a`);
      }
    }
    throw new LinkError(`cannot find -l${name}: No such file or directory`);
  }

  private read(path: string, shown: string): Uint8Array {
    try {
      return this.cache.read(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new LinkError(`cannot find ${shown}: ${code === "ENOENT" ? "No such file or directory" : (e as Error).message}`);
    }
  }

  private loadPath(path: string, state: InputState, shown: string): void {
    const bytes = this.read(path, shown);
    if (isArchive(bytes)) return this.loadArchive(path, bytes, state);
    if (isElf(bytes)) {
      const elf = this.elfOf(path, bytes, path);
      if (elf.header.type === ET.get("ET_DYN")) return this.loadShared(path, elf, state);
      return this.addObject(path, elf);
    }
    if (looksLikeScript(bytes)) return this.loadScript(path, new TextDecoder().decode(bytes), state);
    throw new LinkError(`${path}: file format not recognized`);
  }

  private elfOf(key: string, bytes: Uint8Array, shown: string): ElfFile {
    try {
      return this.cache.elf(key, bytes);
    } catch (e) {
      if (e instanceof FormatError) throw new LinkError(`${shown}: ${e.message}`);
      throw e;
    }
  }

  private loadScript(path: string, text: string, state: InputState): void {
    const script = parseScript(text, path);
    const sysroot = this.ctx.cfg.sysroot;
    const inSysroot = sysroot !== undefined && resolve(path).startsWith(resolve(sysroot) + "/");
    for (const d of script.searchDirs) this.ctx.cfg.libraryPaths.push(d);
    if (script.entry && !this.ctx.cfg.entry) this.ctx.cfg.entry = script.entry;
    for (const g of script.groups) {
      if (g.group) this.beginGroup();
      for (const input of g.inputs) {
        const st: InputState = { ...state, asNeeded: state.asNeeded || input.asNeeded };
        if (input.name.startsWith("-l")) {
          this.loadPath(this.findLibrary(input.name.slice(2), st), st, input.name);
          continue;
        }
        let p = input.name;
        if (isAbsolute(p) && inSysroot) p = join(sysroot!, p);
        else if (!isAbsolute(p)) {
          const local = join(dirname(path), p);
          const found = [local, ...this.searchDirs().map((d) => join(d, p))].find((c) => {
            try { return statSync(c).isFile(); } catch { return false; }
          });
          p = found ?? p;
        }
        this.loadPath(p, st, p);
      }
      if (g.group) this.endGroup();
    }
  }

  private loadArchive(path: string, bytes: Uint8Array, state: InputState): void {
    let archive: Archive;
    try {
      archive = this.cache.archive(path, bytes);
    } catch (e) {
      if (e instanceof FormatError) throw new LinkError(`${path}: ${e.message}`);
      throw e;
    }
    const input: ArchiveInput = { path, archive, loaded: new Set() };
    if (state.wholeArchive) {
      for (const m of archive.members) this.loadMember(input, m.headerOffset);
      return;
    }
    if (archive.symbols.length === 0 && archive.members.length > 0) {
      throw new LinkError(`${path}: error adding symbols: archive has no index; run ranlib to add one`);
    }
    this.extract(input);
    if (this.groupDepth > 0) this.groupArchives.push(input);
  }

  /** Pull in every member defining a currently undefined, strongly referenced symbol. */
  private extract(a: ArchiveInput): boolean {
    let any = false;
    let changed = true;
    while (changed) {
      changed = false;
      for (const { name, offset } of a.archive.symbols) {
        if (a.loaded.has(offset)) continue;
        const s = this.ctx.symtab.get(name);
        if (!s || s.kind !== "undefined" || !s.strongRef) continue;
        this.loadMember(a, offset, s);
        changed = any = true;
      }
    }
    return any;
  }

  private loadMember(a: ArchiveInput, offset: number, wanted?: Symbol): void {
    a.loaded.add(offset);
    const m = a.archive.memberAt(offset);
    if (!m) throw new LinkError(`${a.path}: archive index points at a missing member (offset ${offset})`);
    const shown = `${a.path}(${m.name})`;
    if (wanted) this.ctx.archiveMembers.push({ member: shown, by: wanted.firstRef?.name ?? "--undefined", symbol: wanted.name });
    const bytes = m.data ?? this.read(join(dirname(a.path), m.name), shown);
    if (!isElf(bytes)) throw new LinkError(`${shown}: file format not recognized`);
    const elf = this.elfOf(`${a.path}(${offset})`, bytes, shown);
    this.addObject(shown, elf);
  }

  private loadShared(path: string, elf: ElfFile, state: InputState): void {
    const ctx = this.ctx;
    if (ctx.cfg.static || ctx.cfg.kind === "relocatable") {
      throw new LinkError(`attempted static link of dynamic object \`${path}'`);
    }
    this.checkMachine(path, elf);
    const info = this.cache.shared(path, elf);
    const file = new SharedFile(path, info, state.asNeeded);
    if (this.seenShared.has(file.soname)) return;
    this.seenShared.add(file.soname);
    ctx.shared.push(file);
    for (const s of file.symbols) {
      if (s.shndx === SHN_UNDEF || s.bind === STB_LOCAL || s.hidden || !s.name) continue;
      ctx.symtab.define(ctx.symtab.intern(s.name), {
        kind: "shared", file, section: undefined, value: s.value, size: s.size, type: s.type, bind: s.bind,
        version: s.version,
      });
    }
  }

  private checkMachine(name: string, elf: ElfFile): void {
    if (elf.header.machine !== this.ctx.target.machine) {
      throw new LinkError(`${name}: file is for ${EM.describe(elf.header.machine)}, not ${this.ctx.target.name} (incompatible input)`);
    }
  }

  addObject(name: string, elf: ElfFile): void {
    const ctx = this.ctx;
    if (elf.header.type !== ET.get("ET_REL")) throw new LinkError(`${name}: not a relocatable object, shared object or archive`);
    this.checkMachine(name, elf);
    const obj = new ObjectFile(name, elf);
    ctx.objects.push(obj);

    const discarded = this.comdatDiscards(obj);
    for (const h of elf.sections) {
      if (h.name === ".note.GNU-stack") {
        obj.execStack = (h.flags & SHF_EXECINSTR) !== 0;
        continue;
      }
      if (!(ctx.cfg.kind === "relocatable" ? isCarried(h) : isLoaded(h, ctx.cfg))) continue;
      const sec = new InputSection(obj, h);
      sec.discarded = discarded.has(h.index);
      obj.sections[h.index] = sec;
    }
    const missingNoteMeansExec = ctx.target.missingStackNoteMeansExec && !ctx.cfg.z.has("noexecstack");
    if (obj.execStack === undefined ? missingNoteMeansExec : obj.execStack) ctx.execStack = true;
    obj.attachRelocations();
    obj.makeLocals();
    this.resolveGlobals(obj);
  }

  /** Claim this object's COMDAT groups; the members of groups already claimed are discarded. */
  private comdatDiscards(obj: ObjectFile): Set<number> {
    const out = new Set<number>();
    for (const h of obj.elf.sections) {
      if (h.type !== SHT_GROUP) continue;
      const d = obj.elf.data;
      const flags = d.u32(h.offset);
      const signature = obj.elfSymbols[h.info]?.name ?? "";
      const members: number[] = [];
      for (let o = 4; o + 4 <= h.size; o += 4) members.push(d.u32(h.offset + o));
      obj.groups.push({ signature, symbol: h.info, comdat: (flags & GRP_COMDAT) !== 0, members });
      if (!(flags & GRP_COMDAT)) continue;
      if (this.ctx.comdatSignatures.has(signature)) for (const m of members) out.add(m);
      else this.ctx.comdatSignatures.add(signature);
    }
    return out;
  }

  private resolveGlobals(obj: ObjectFile): void {
    const ctx = this.ctx;
    const wrap = ctx.cfg.wrap;
    for (let i = obj.firstGlobal; i < obj.elfSymbols.length; i++) {
      const e = obj.elfSymbols[i];
      const where = definitionSection(obj, e);
      const undefined_ = where === "undef" || (where instanceof InputSection && where.discarded);
      let name = e.name;
      if (undefined_ && wrap.size) {
        if (wrap.has(name)) name = `__wrap_${name}`;
        else if (name.startsWith("__real_") && wrap.has(name.slice(7))) name = name.slice(7);
      }
      const sym = ctx.symtab.intern(name);
      obj.symbols[i] = sym;
      if (e.visibility !== STV_DEFAULT) {
        sym.visibility = sym.visibility === STV_DEFAULT ? e.visibility : Math.min(sym.visibility, e.visibility);
      }
      if (undefined_) {
        sym.referenced = true;
        if (e.bind !== STB_WEAK) sym.strongRef = true;
        if (!sym.firstRef) sym.firstRef = obj;
        // A typed reference tells what a later shared definition is (for copy relocations) — keep the definition's type.
        continue;
      }
      const dup = ctx.symtab.define(sym, {
        kind: where === "common" ? "common" : "defined",
        file: obj,
        section: where instanceof InputSection ? where : undefined,
        value: where === "common" ? 0 : e.value,
        size: e.size,
        type: e.type,
        bind: e.bind,
        commonAlign: where === "common" ? Math.max(1, e.value) : undefined,
      });
      if (dup && !ctx.cfg.allowMultipleDefinition && !ctx.cfg.z.has("muldefs")) {
        ctx.diag.error(`${obj}: multiple definition of \`${name}'; ${dup}: first defined here`);
      }
    }
  }
}

/** Debug information, which -S (and -s) leave out. */
export const DEBUG_SECTION = /^\.(z?debug|stab|line$|gnu\.debuglto_)/;

/**
 * Sections that become part of the output: allocated contents, minus markers
 * and excluded ones; and the non-allocated ones GNU ld keeps too (debug
 * information, .comment), which follow the loaded image in the file.
 */
function isLoaded(h: SectionHeader, cfg: LinkConfig): boolean {
  if (h.flags & SHF_EXCLUDE) return false;
  if (!(h.flags & SHF_ALLOC)) {
    if (h.type !== SHT_PROGBITS || cfg.stripAll) return false;
    // Markers read at link time, not contents (.note.GNU-stack, link warnings, LTO bytecode).
    if (h.name === ".note.GNU-stack" || h.name.startsWith(".gnu.warning") || h.name.startsWith(".gnu.lto_")) return false;
    return !(cfg.stripDebug && DEBUG_SECTION.test(h.name));
  }
  // Merging x86 ISA/feature properties is not implemented; dropping them is what --no-… would give.
  if (h.name === ".note.gnu.property") return false;
  return h.type === SHT_PROGBITS || h.type === SHT_NOBITS || h.type === SHT_NOTE || h.type === SHT_INIT_ARRAY
    || h.type === SHT_FINI_ARRAY || h.type === SHT_PREINIT_ARRAY || h.type === 0x70000001 /* SHT_X86_64_UNWIND */;
}

/** Sections a relocatable link (-r) carries over: all but the tables it writes anew. */
function isCarried(h: SectionHeader): boolean {
  if (h.type === SHT_NULL || h.type === SHT_SYMTAB || h.type === SHT_STRTAB || h.type === SHT_RELA || h.type === SHT_GROUP) return false;
  if (h.type === SHT_SYMTAB_SHNDX) return false;
  // Property notes need merging, not concatenation; without one the final link assumes no properties.
  return h.name !== ".note.gnu.property";
}
