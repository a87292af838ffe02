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
      const member: ArchiveMember = { name: memberName(rawName, longNames), headerOffset: o, data: thin ? undefined : body };
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

export interface NewArchiveMember {
  name: string;
  data: Uint8Array;
  /** The global symbols this member defines, for the symbol index. */
  symbols: readonly string[];
}

/**
 * A regular GNU archive: the symbol index "/" first, then "//" when a name
 * does not fit the 16-byte field, then the members (dates, owners and modes
 * zero, as `ar D` writes them, so the output depends only on the input).
 */
export function writeArchive(members: readonly NewArchiveMember[]): Uint8Array {
  // Names are bytes (latin1), as the reader takes them.
  const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const header = (name: string, size: number): Uint8Array =>
    bytes(name.padEnd(16) + "0".padEnd(12) + "0".padEnd(6) + "0".padEnd(6) + "644".padEnd(8) + String(size).padEnd(10) + "`\n");
  const padded = (n: number): number => n + (n & 1);

  let longNames = "";
  const names = members.map((m) => {
    if (m.name.length < 16 && !m.name.includes("/")) return m.name + "/";
    const ref = `/${longNames.length}`;
    longNames += m.name + "/\n";
    return ref;
  });

  const symbolCount = members.reduce((n, m) => n + m.symbols.length, 0);
  const symbolNames = members.flatMap((m) => m.symbols.map((s) => s + "\0")).join("");
  const indexSize = 4 + 4 * symbolCount + symbolNames.length;
  let offset = AR_MAGIC.length + HEADER_SIZE + padded(indexSize);
  if (longNames) offset += HEADER_SIZE + padded(longNames.length);
  const memberOffsets = members.map((m) => {
    const at = offset;
    offset += HEADER_SIZE + padded(m.data.length);
    return at;
  });

  const out = new Uint8Array(offset).fill(0x0a); // the padding byte after an odd-sized body is "\n"
  const dv = new DataView(out.buffer);
  let o = 0;
  const put = (b: Uint8Array): void => { out.set(b, o); o += b.length; };
  put(bytes(AR_MAGIC));
  put(header("/", indexSize));
  const indexStart = o;
  dv.setUint32(o, symbolCount, false);
  o += 4;
  members.forEach((m, i) => {
    for (let k = 0; k < m.symbols.length; k++, o += 4) dv.setUint32(o, memberOffsets[i], false);
  });
  put(bytes(symbolNames));
  o = indexStart + padded(indexSize);
  if (longNames) {
    put(header("//", longNames.length));
    put(bytes(longNames));
    o = padded(o);
  }
  members.forEach((m, i) => {
    put(header(names[i], m.data.length));
    put(m.data);
    o = padded(o);
  });
  return out;
}
