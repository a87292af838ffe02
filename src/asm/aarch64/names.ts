// Named operands: barrier options, prefetch operations, system registers.

/** DMB/DSB/ISB options by name → CRm. */
export const BARRIERS: Readonly<Record<string, number>> = {
  oshld: 1, oshst: 2, osh: 3, nshld: 5, nshst: 6, nsh: 7, ishld: 9, ishst: 10, ish: 11, ld: 13, st: 14, sy: 15,
};

/** PRFM operations; the index is the encoding (gaps have no name). */
export const PREFETCH_OPS: readonly string[] = [
  "pldl1keep", "pldl1strm", "pldl2keep", "pldl2strm", "pldl3keep", "pldl3strm", "", "",
  "plil1keep", "plil1strm", "plil2keep", "plil2strm", "plil3keep", "plil3strm", "", "",
  "pstl1keep", "pstl1strm", "pstl2keep", "pstl2strm", "pstl3keep", "pstl3strm",
];

/** System registers user code touches: [op0, op1, CRn, CRm, op2]. */
const SYSREGS: Readonly<Record<string, readonly [number, number, number, number, number]>> = {
  nzcv: [3, 3, 4, 2, 0], daif: [3, 3, 4, 2, 1], fpcr: [3, 3, 4, 4, 0], fpsr: [3, 3, 4, 4, 1],
  tpidr_el0: [3, 3, 13, 0, 2], tpidrro_el0: [3, 3, 13, 0, 3], tpidr_el1: [3, 0, 13, 0, 4],
  ctr_el0: [3, 3, 0, 0, 1], dczid_el0: [3, 3, 0, 0, 7], midr_el1: [3, 0, 0, 0, 0], mpidr_el1: [3, 0, 0, 0, 5],
  cntfrq_el0: [3, 3, 14, 0, 0], cntpct_el0: [3, 3, 14, 0, 1], cntvct_el0: [3, 3, 14, 0, 2],
  sp_el0: [3, 0, 4, 1, 0], currentel: [3, 0, 4, 2, 2], id_aa64isar0_el1: [3, 0, 0, 6, 0], id_aa64pfr0_el1: [3, 0, 0, 4, 0],
};

/** The 15-bit o0:op1:CRn:CRm:op2 field (bits 5-19) of MRS/MSR, for a name or `s<op0>_<op1>_c<n>_c<m>_<op2>`. */
export function sysregEncoding(name: string): number | undefined {
  const generic = /^s([23])_([0-7])_c(\d+)_c(\d+)_([0-7])$/.exec(name);
  const f = generic ? generic.slice(1).map(Number) : SYSREGS[name];
  if (!f) return undefined;
  const [op0, op1, crn, crm, op2] = f;
  if (crn > 15 || crm > 15) return undefined;
  return ((op0 - 2) << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

export const SYSREG_NAMES: readonly string[] = Object.keys(SYSREGS);
