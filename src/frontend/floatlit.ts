// Exact conversion of floating literals to the wide formats (x87 80-bit and
// IEEE binary128). A double cannot carry a long double literal's precision,
// so the literal's text is converted here with exact BigInt arithmetic and
// round-half-even, the way a C library's strtold does.

interface Format {
  /** Significand precision in bits, including the leading bit. */
  precision: number;
  expBits: number;
  /** The leading significand bit is stored (x87) rather than implicit (binary128). */
  explicitLead: boolean;
}

const FORMATS = {
  f80: { precision: 64, expBits: 15, explicitLead: true },
  f128: { precision: 113, expBits: 15, explicitLead: false },
} as const satisfies Record<string, Format>;

const bitLength = (x: bigint): number => x.toString(2).length;

/** Parse a C floating literal (decimal or hex, any suffix) into sign, and value = num / den. */
function parseLiteral(text: string): { neg: boolean; num: bigint; den: bigint } | undefined {
  let s = text.replace(/'/g, "").replace(/(?:[fFlL]|f16|f32|f64|f128|F16|F32|F64|F128|[fF]32x|[fF]64x|[iIjJ])+$/, "");
  let neg = false;
  if (s.startsWith("-")) { neg = true; s = s.slice(1); }
  const hex = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
  if (hex) {
    const int = hex[1] ?? "", frac = hex[2] ?? "";
    const mant = BigInt("0x0" + int + frac);
    const exp = Number(hex[3]) - 4 * frac.length;
    return exp >= 0 ? { neg, num: mant << BigInt(exp), den: 1n } : { neg, num: mant, den: 1n << BigInt(-exp) };
  }
  const dec = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!dec || (dec[1] === "" && (dec[2] ?? "") === "")) return undefined;
  const int = dec[1] ?? "", frac = dec[2] ?? "";
  const mant = BigInt("0" + int + frac);
  const exp = Number(dec[3] ?? 0) - frac.length;
  if (Math.abs(exp) > 6000) {
    // Far outside every format: the sign of the exponent alone decides (inf or zero).
    return exp > 0 && mant !== 0n ? { neg, num: 1n << 20000n, den: 1n } : { neg, num: 0n, den: 1n };
  }
  return exp >= 0 ? { neg, num: mant * 10n ** BigInt(exp), den: 1n } : { neg, num: mant, den: 10n ** BigInt(-exp) };
}

/** The bit pattern of a literal in f80 or f128, or undefined if the text is not a literal. */
export function wideFloatBits(text: string, type: "f80" | "f128"): bigint | undefined {
  const lit = parseLiteral(text);
  if (!lit) return undefined;
  const f: Format = FORMATS[type];
  const total = 1 + f.expBits + f.precision - (f.explicitLead ? 0 : 1);
  const signBit = lit.neg ? 1n << BigInt(total - 1) : 0n;
  if (lit.num === 0n) return signBit;
  const bias = (1 << (f.expBits - 1)) - 1;
  const maxExp = (1 << f.expBits) - 1;
  const p = f.precision;
  // Scale so that the quotient has exactly p bits: value = q * 2^e.
  let e = bitLength(lit.num) - bitLength(lit.den) - p;
  const minE = 1 - bias - (p - 1); // exponent of the smallest subnormal's unit
  const quotient = (exp: number): { q: bigint; rem: bigint; den: bigint } => {
    const num = exp >= 0 ? lit.num : lit.num << BigInt(-exp);
    const den = exp >= 0 ? lit.den << BigInt(exp) : lit.den;
    return { q: num / den, rem: num % den, den };
  };
  let { q, rem, den } = quotient(e);
  if (bitLength(q) > p) { e++; ({ q, rem, den } = quotient(e)); }
  else if (bitLength(q) < p) { e--; ({ q, rem, den } = quotient(e)); }
  if (e < minE) { e = minE; ({ q, rem, den } = quotient(e)); }
  // Round half to even.
  const twice = 2n * rem;
  if (twice > den || (twice === den && (q & 1n) === 1n)) q++;
  if (bitLength(q) > p) { q >>= 1n; e++; }
  const subnormal = bitLength(q) < p;
  const biased = subnormal ? 0 : e + (p - 1) + bias;
  if (biased >= maxExp) {
    // Overflow: infinity.
    const inf = BigInt(maxExp) << BigInt(f.precision - (f.explicitLead ? 0 : 1));
    return signBit | inf | (f.explicitLead ? 1n << BigInt(p - 1) : 0n);
  }
  const fraction = f.explicitLead ? q : q & ((1n << BigInt(p - 1)) - 1n);
  return signBit | (BigInt(biased) << BigInt(f.precision - (f.explicitLead ? 0 : 1))) | fraction;
}
