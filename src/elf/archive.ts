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
