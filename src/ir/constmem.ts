// Constant memory: what the optimiser may read from read-only globals at
// compile time. A global qualifies when this module defines it, it is
// read-only, and nothing else can supply another definition (not weak, not
// thread-local). Relocated pieces (addresses) are not constants here.

import type { Global } from "./ir.js";

/** Bytes of an object: 0..255, or -1 where a relocated address lies. */
export type ConstBytes = Int16Array;

/** Size of a defined object (undefined for declarations). */
export function globalSize(g: Global): number | undefined {
  if (g.linkage === "common") return g.commonSize;
  if (!g.init) return undefined;
  let n = 0;
  for (const p of g.init) n += p.k === "bytes" ? p.data.length : p.k === "zero" ? p.size : p.width;
  return n;
}

/** Contents of a read-only object this module defines and nothing can replace, or undefined. */
export function readonlyBytes(g: Global): ConstBytes | undefined {
  if (!g.readonly || !g.init || g.linkage === "weak" || g.threadLocal) return undefined;
  const out = new Int16Array(globalSize(g) ?? 0);
  let at = 0;
  for (const p of g.init) {
    if (p.k === "bytes") { out.set(p.data, at); at += p.data.length; }
    else if (p.k === "zero") at += p.size;
    else { out.fill(-1, at, at + p.width); at += p.width; }
  }
  return out;
}

/** Little-endian unsigned integer of `size` bytes at `off`, or undefined if unknown or out of bounds. */
export function readLE(bytes: ConstBytes, off: number, size: number): bigint | undefined {
  if (off < 0 || off + size > bytes.length) return undefined;
  let v = 0n;
  for (let k = size - 1; k >= 0; k--) {
    const b = bytes[off + k]!;
    if (b < 0) return undefined;
    v = (v << 8n) | BigInt(b);
  }
  return v;
}
