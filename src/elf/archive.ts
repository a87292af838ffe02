// `ar` archives as GNU ar writes them: the "!<arch>\n" magic, 60-byte member
// headers, the symbol index "/" (big-endian 32-bit offsets; "/SYM64/" with
// 64-bit ones), the long-name table "//" referenced as "/123", and thin
// archives ("!<thin>\n") whose members are files named relative to the archive.

import { latin1, FormatError } from "./bytes.js";

export const AR_MAGIC = "!<arch>\n";
export const THIN_MAGIC = "!<thin>\n";
const HEADER_SIZE = 60;

export interface ArchiveMember {
  /** Member name (for thin archives, the path relative to the archive's directory). */
  name: string;
  /** Offset of the member header in the archive: what the symbol index points at. */
  headerOffset: number;
  /** The member's bytes; undefined for thin archive members (read the named file). */
  data: Uint8Array | undefined;
  /** The size field of the header (for a thin member, the size of the named file when it was added). */
  size: number;
  /** The header's date, owner and mode fields, as written: `ar` keeps them when it rewrites the archive. */
  stamp: MemberStamp;
}

/** The text of a member header's date, uid, gid and mode (octal) fields. */
export interface MemberStamp {
  date: string;
  uid: string;
  gid: string;
  mode: string;
}

export interface Archive {
  thin: boolean;
  /** Symbol name → header offsets of the members defining it, in index order. */
  symbols: Array<{ name: string; offset: number }>;
  members: ArchiveMember[];
  memberAt(headerOffset: number): ArchiveMember | undefined;
}

export function isArchive(bytes: Uint8Array): boolean {
  const m = latin1(bytes, 0, Math.min(8, bytes.length));
  return m === AR_MAGIC || m === THIN_MAGIC;
}

export function readArchive(bytes: Uint8Array): Archive {
  const magic = latin1(bytes, 0, Math.min(8, bytes.length));
  const thin = magic === THIN_MAGIC;
  if (!thin && magic !== AR_MAGIC) throw new FormatError("not an archive");
  const field = (o: number, n: number): string => latin1(bytes, o, o + n).trimEnd();
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  let longNames: Uint8Array | undefined;
  let symbols: Array<{ name: string; offset: number }> = [];
  const members: ArchiveMember[] = [];
  const byOffset = new Map<number, ArchiveMember>();

  let o = 8;
  while (o < bytes.length) {
    if (o + HEADER_SIZE > bytes.length) throw new FormatError(`truncated archive member header at offset ${o}`);
    if (bytes[o + 58] !== 0x60 || bytes[o + 59] !== 0x0a) throw new FormatError(`bad archive member header at offset ${o}`);
    const rawName = field(o, 16);
    const size = Number.parseInt(field(o + 48, 10), 10);
    if (!Number.isFinite(size) || size < 0) throw new FormatError(`bad archive member size at offset ${o}`);
    const start = o + HEADER_SIZE;
    // Thin archives store only the special members' bodies; regular members live in their own files.
    const special = rawName === "/" || rawName === "//" || rawName === "/SYM64/";
    const bodySize = thin && !special ? 0 : size;
    if (start + bodySize > bytes.length) throw new FormatError(`truncated archive member ${rawName} at offset ${o}`);
    const body = bytes.subarray(start, start + bodySize);

    if (rawName === "/") symbols = readIndex(body, dv, start, 4);
    else if (rawName === "/SYM64/") symbols = readIndex(body, dv, start, 8);
    else if (rawName === "//") longNames = body;
    else {
      const stamp = { date: field(o + 16, 12), uid: field(o + 28, 6), gid: field(o + 34, 6), mode: field(o + 40, 8) };
      const member: ArchiveMember = { name: memberName(rawName, longNames), headerOffset: o, data: thin ? undefined : body, size, stamp };
      members.push(member);
      byOffset.set(o, member);
    }
    o = start + bodySize + (bodySize & 1); // members are 2-aligned
  }
  return { thin, symbols, members, memberAt: (off) => byOffset.get(off) };
}

function readIndex(body: Uint8Array, dv: DataView, start: number, width: 4 | 8): Array<{ name: string; offset: number }> {
  const rd = (p: number): number => (width === 4 ? dv.getUint32(start + p, false) : Number(dv.getBigUint64(start + p, false)));
  if (body.length < width) return [];
  const n = rd(0);
  if (width + n * width > body.length) throw new FormatError("truncated archive symbol index");
  const out: Array<{ name: string; offset: number }> = [];
  let s = width + n * width;
  for (let i = 0; i < n; i++) {
    let e = s;
    while (e < body.length && body[e] !== 0) e++;
    out.push({ name: latin1(body, s, e), offset: rd(width + i * width) });
    s = e + 1;
  }
  return out;
}

function memberName(raw: string, longNames: Uint8Array | undefined): string {
  if (raw.startsWith("/") && raw.length > 1 && /^\/\d+$/.test(raw)) {
    if (!longNames) throw new FormatError(`archive member ${raw} refers to a missing long-name table`);
    const off = Number(raw.slice(1));
    let e = off;
    while (e < longNames.length && longNames[e] !== 0x0a) e++;
    const name = latin1(longNames, off, e);
    return name.endsWith("/") ? name.slice(0, -1) : name;
  }
  return raw.endsWith("/") ? raw.slice(0, -1) : raw;
}


/** What `ar D` (Debian's default) writes for every new member: no date, owner root, mode 644. */
export const DETERMINISTIC_STAMP: MemberStamp = { date: "0", uid: "0", gid: "0", mode: "644" };

export interface NewArchiveMember {
  /** Member name as bytes in a latin1 string (for thin archives, the path relative to the archive's directory). */
  name: string;
  /** The member's bytes (a thin archive stores only their size). */
  data: Uint8Array;
  /** The global symbols it defines, for the index; undefined for a member that is not an object file. */
  symbols: readonly string[] | undefined;
  /** Header fields; DETERMINISTIC_STAMP when absent. */
  stamp?: MemberStamp;
}

export interface ArchiveOptions {
  /** "!<thin>\n": members stay in their own files. */
  thin?: boolean;
  /** Write the symbol index (default true). As GNU ar, none is written when no member is an object file. */
  index?: boolean;
  /** The index header's date field: "0" (deterministic), or the time of writing under `ar U`. */
  indexDate?: string;
  /** Member offsets above this need the 64-bit index "/SYM64/" (a parameter so tests need not write 4 GiB). */
  offsetLimit32?: number;
}

/** Bytes of a latin1 string. */
const bytesOf = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const even = (n: number): number => n + (n & 1);

/**
 * An archive byte for byte as GNU ar 2.40 writes it: the symbol index "/"
 * first (header fields zero, body padded to even with NUL and the padding
 * counted in the size), then the long-name table "//" (blank header fields,
 * entries "name/\n", size rounded up to even with "\n") for names over 15
 * bytes (every name, in a thin archive, where a name repeated by the member
 * before it reuses that entry), then the members, each padded to even with "\n".
 */
export function writeArchive(members: readonly NewArchiveMember[], options: ArchiveOptions = {}): Uint8Array {
  const thin = options.thin === true;
  let longNames = "";
  let previous: { name: string; ref: string } | undefined;
  const names = members.map((m) => {
    if (!thin && m.name.length <= 15 && !m.name.includes("/")) return m.name + "/";
    if (thin && previous?.name === m.name) return previous.ref;
    // GNU ar quirk: in a thin archive, a member whose file name (sans directory) is exactly
    // 15 bytes keeps the "/" that would have ended its short name in the field's last byte.
    const ref = thin && m.name.slice(m.name.lastIndexOf("/") + 1).length === 15 ? `/${longNames.length}`.padEnd(15) + "/" : `/${longNames.length}`;
    longNames += m.name + "/\n";
    previous = { name: m.name, ref };
    return ref;
  });

  const withIndex = options.index !== false && members.some((m) => m.symbols !== undefined);
  const symbolCount = members.reduce((n, m) => n + (m.symbols?.length ?? 0), 0);
  const symbolNames = members.flatMap((m) => (m.symbols ?? []).map((s) => s + "\0")).join("");
  const bodySize = (m: NewArchiveMember): number => (thin ? 0 : even(m.data.length));
  const layout = (width: 4 | 8): { indexSize: number; offsets: number[]; end: number } => {
    const raw = width + width * symbolCount + symbolNames.length;
    const indexSize = withIndex ? (width === 4 ? even(raw) : Math.ceil(raw / 8) * 8) : 0;
    let at = AR_MAGIC.length + (withIndex ? HEADER_SIZE + indexSize : 0) + (longNames ? HEADER_SIZE + even(longNames.length) : 0);
    const offsets = members.map((m) => {
      const here = at;
      at += HEADER_SIZE + bodySize(m);
      return here;
    });
    return { indexSize, offsets, end: at };
  };
  let width: 4 | 8 = 4;
  let plan = layout(4);
  if (withIndex && plan.offsets.some((o) => o > (options.offsetLimit32 ?? 0xffffffff))) plan = layout((width = 8));

  const out = new Uint8Array(plan.end);
  let o = 0;
  const put = (b: Uint8Array): void => {
    out.set(b, o);
    o += b.length;
  };
  const header = (name: string, size: number, stamp: MemberStamp | undefined): Uint8Array => {
    const s = stamp ?? { date: "", uid: "", gid: "", mode: "" };
    return bytesOf(name.padEnd(16) + s.date.padEnd(12) + s.uid.padEnd(6) + s.gid.padEnd(6) + s.mode.padEnd(8) + String(size).padEnd(10) + "`\n");
  };
  put(bytesOf(thin ? THIN_MAGIC : AR_MAGIC));
  if (withIndex) {
    put(header(width === 4 ? "/" : "/SYM64/", plan.indexSize, { date: options.indexDate ?? "0", uid: "0", gid: "0", mode: "0" }));
    const start = o;
    const dv = new DataView(out.buffer);
    const word = (v: number): void => {
      if (width === 4) dv.setUint32(o, v, false);
      else dv.setBigUint64(o, BigInt(v), false);
      o += width;
    };
    word(symbolCount);
    members.forEach((m, i) => m.symbols?.forEach(() => word(plan.offsets[i])));
    put(bytesOf(symbolNames)); // the padding after the names stays NUL
    o = start + plan.indexSize;
  }
  if (longNames) {
    put(header("//", even(longNames.length), undefined));
    put(bytesOf(longNames));
    if (o & 1) out[o++] = 0x0a;
  }
  members.forEach((m, i) => {
    put(header(names[i], m.data.length, m.stamp ?? DETERMINISTIC_STAMP));
    if (thin) return;
    put(m.data);
    if (o & 1) out[o++] = 0x0a;
  });
  return out;
}

const SHT_SYMTAB = 2;
const SHN_UNDEF = 0;
const SHN_COMMON = 0xfff2;
/** STB_GLOBAL, STB_WEAK, STB_GNU_UNIQUE: the bindings GNU ar indexes (with any common symbol). */
const INDEXED_BINDINGS = new Set([1, 2, 10]);

/**
 * The names an archive index lists for a member, in symbol-table order: the
 * defined global, weak and unique symbols and the commons, as GNU ar does.
 * Undefined for a member that is not an ELF file (stored without symbols).
 * Reads ELF32 and ELF64 of either byte order, so any target's objects work.
 */
export function indexedSymbols(bytes: Uint8Array): string[] | undefined {
  if (bytes.length < 52 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return undefined;
  const is64 = bytes[4] === 2;
  const little = bytes[5] !== 2;
  if ((bytes[4] !== 1 && !is64) || (is64 && bytes.length < 64)) return undefined;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fits = (at: number, n: number): boolean => at >= 0 && at + n <= bytes.length;
  const u16 = (at: number): number => dv.getUint16(at, little);
  const u32 = (at: number): number => dv.getUint32(at, little);
  const addr = (at: number): number => (is64 ? Number(dv.getBigUint64(at, little)) : u32(at));
  const shoff = addr(is64 ? 40 : 32);
  const shentsize = u16(is64 ? 58 : 46);
  let shnum = u16(is64 ? 60 : 48);
  if (shoff === 0 || shentsize < (is64 ? 64 : 40) || !fits(shoff, shentsize)) return [];
  if (shnum === 0) shnum = addr(shoff + (is64 ? 32 : 20)); // extended numbering: the count is in section 0's sh_size
  const section = (i: number): { type: number; offset: number; size: number; link: number; entsize: number } | undefined => {
    const at = shoff + i * shentsize;
    if (i >= shnum || !fits(at, shentsize)) return undefined;
    return is64
      ? { type: u32(at + 4), offset: addr(at + 24), size: addr(at + 32), link: u32(at + 40), entsize: addr(at + 56) }
      : { type: u32(at + 4), offset: u32(at + 16), size: u32(at + 20), link: u32(at + 24), entsize: u32(at + 36) };
  };
  const names: string[] = [];
  for (let i = 0; i < shnum; i++) {
    const symtab = section(i);
    if (symtab?.type !== SHT_SYMTAB) continue;
    const strtab = section(symtab.link);
    const entsize = symtab.entsize || (is64 ? 24 : 16);
    if (!strtab || !fits(symtab.offset, symtab.size) || !fits(strtab.offset, strtab.size)) throw new FormatError("symbol table outside the file");
    for (let at = symtab.offset + entsize; at + entsize <= symtab.offset + symtab.size; at += entsize) {
      const info = bytes[at + (is64 ? 4 : 12)];
      const shndx = u16(at + (is64 ? 6 : 14));
      if (shndx === SHN_UNDEF || !(INDEXED_BINDINGS.has(info >> 4) || shndx === SHN_COMMON)) continue;
      const start = strtab.offset + u32(at);
      let end = start;
      while (end < strtab.offset + strtab.size && bytes[end] !== 0) end++;
      names.push(latin1(bytes, start, end));
    }
    break;
  }
  return names;
}
