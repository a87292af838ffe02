// Little-endian field access over a byte buffer. ELF64 offsets and addresses
// are held as JavaScript numbers: every file and address space we handle fits
// in 2^53, and arithmetic on numbers is far cheaper than on bigints. Values
// that are genuinely 64-bit signed (addends) go through getBigInt64.

/** The input is not a well-formed file of the expected kind. */
export class FormatError extends Error {}

export class ByteView {
  readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  /** Throw a FormatError unless [offset, offset+size) lies inside the buffer. */
  check(offset: number, size: number, what: string): void {
    if (offset < 0 || size < 0 || offset + size > this.bytes.length) {
      throw new FormatError(`truncated file: ${what} at offset ${offset} (size ${size}) lies past the end (${this.bytes.length} bytes)`);
    }
  }

  u8(o: number): number { return this.bytes[o]; }
  u16(o: number): number { return this.view.getUint16(o, true); }
  u32(o: number): number { return this.view.getUint32(o, true); }
  i32(o: number): number { return this.view.getInt32(o, true); }
  u64(o: number): number { return Number(this.view.getBigUint64(o, true)); }
  i64(o: number): number { return Number(this.view.getBigInt64(o, true)); }

  /** A NUL-terminated string starting at `o` (latin1: names are bytes, not text). */
  cstr(o: number, end = this.bytes.length): string {
    let e = o;
    while (e < end && this.bytes[e] !== 0) e++;
    return latin1(this.bytes, o, e);
  }

  sub(offset: number, size: number): Uint8Array {
    return this.bytes.subarray(offset, offset + size);
  }
}

export function latin1(bytes: Uint8Array, start: number, end: number): string {
  // Symbol names are short: a loop beats any call setup. Longer runs (string
  // tables, archive indexes, merged strings) go through Node's native decoder.
  if (end - start <= 24) {
    let s = "";
    for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
    return s;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");
}

/** A growable little-endian output buffer. */
export class ByteWriter {
  private buf = new Uint8Array(256);
  private dv = new DataView(this.buf.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const nb = new Uint8Array(cap);
    nb.set(this.buf.subarray(0, this.length));
    this.buf = nb;
    this.dv = new DataView(nb.buffer);
  }

  u8(v: number): this { this.reserve(1); this.buf[this.length++] = v & 0xff; return this; }
  u16(v: number): this { this.reserve(2); this.dv.setUint16(this.length, v, true); this.length += 2; return this; }
  u32(v: number): this { this.reserve(4); this.dv.setUint32(this.length, v >>> 0, true); this.length += 4; return this; }
  i32(v: number): this { this.reserve(4); this.dv.setInt32(this.length, v, true); this.length += 4; return this; }
  /** Any value in [-2^63, 2^64): negative numbers are written in two's complement. */
  u64(v: number): this { this.reserve(8); setU64(this.dv, this.length, v); this.length += 8; return this; }
  bytes(b: Uint8Array): this { this.reserve(b.length); this.buf.set(b, this.length); this.length += b.length; return this; }
  zeros(n: number): this { this.reserve(n); this.buf.fill(0, this.length, this.length + n); this.length += n; return this; }
  align(a: number): this { const pad = (a - (this.length % a)) % a; return this.zeros(pad); }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Store a 64-bit value given as a number (negative → two's complement). */
export function setU64(dv: DataView, offset: number, v: number): void {
  dv.setBigUint64(offset, BigInt.asUintN(64, BigInt(Math.trunc(v))), true);
}

export const alignUp = (v: number, a: number): number => (a <= 1 ? v : Math.ceil(v / a) * a);
