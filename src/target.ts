// What the target-independent layers (frontend, IR lowering) may know about a
// target: its name and data layout. Everything else target-specific (ABI
// classification, instruction selection, encodings, relocations) lives in the
// target's own folder behind its `Target` in the registry (src/targets.ts).

export type ArchName = "x86_64" | "aarch64" | "riscv64";

/** The C data layout of a target (LP64 on all three supported targets). */
export interface DataLayout {
  readonly arch: ArchName;
  /** GNU triple, as printed by -dumpmachine. */
  readonly triple: string;
  readonly charIsSigned: boolean;
  /** x87 80-bit extended (x86_64: size 16, align 16) or IEEE binary128 (others). */
  readonly longDouble: "x87" | "binary128";
  readonly pointerSize: 8;
  readonly sizeofLong: 8;
  /** 4, or 2 with -fshort-wchar (then wchar_t is unsigned short). */
  readonly sizeofWchar: 2 | 4;
  readonly wcharIsSigned: boolean;
  /** Maximum alignment a scalar type needs (alignof(max_align_t)). */
  readonly maxAlign: number;
  /**
   * What a bare `__attribute__((aligned))` means (`__BIGGEST_ALIGNMENT__`): the
   * widest alignment any instruction wants, 32 on x86_64 once AVX is on.
   */
  readonly biggestAlignment: number;
  /**
   * What `__builtin_va_list` is: SysV's one-element array of `__va_list_tag`, AAPCS64's
   * `__va_list` struct, or a plain `void *` (RISC-V).
   */
  readonly vaList: "x86_64" | "aarch64" | "pointer";
  /** Unnamed bit-fields count towards a record's alignment (gcc's TARGET_ALIGN_ANON_BITFIELD). */
  readonly anonBitfieldAlign: boolean;
  /**
   * Size and alignment of the trampoline that gives a GNU nested function whose
   * address is taken a plain code address (the `init_trampoline` intrinsic
   * writes it; it lives in the enclosing function's frame).
   */
  readonly trampoline: { readonly size: number; readonly align: number };
}

export const DATA_LAYOUTS: Readonly<Record<ArchName, DataLayout>> = {
  x86_64: {
    arch: "x86_64", triple: "x86_64-linux-gnu", charIsSigned: true, longDouble: "x87",
    pointerSize: 8, sizeofLong: 8, sizeofWchar: 4, wcharIsSigned: true, maxAlign: 16, biggestAlignment: 16,
    vaList: "x86_64", anonBitfieldAlign: false, trampoline: { size: 24, align: 8 },
  },
  aarch64: {
    arch: "aarch64", triple: "aarch64-linux-gnu", charIsSigned: false, longDouble: "binary128",
    pointerSize: 8, sizeofLong: 8, sizeofWchar: 4, wcharIsSigned: false, maxAlign: 16, biggestAlignment: 16,
    vaList: "aarch64", anonBitfieldAlign: true, trampoline: { size: 32, align: 8 },
  },
  riscv64: {
    arch: "riscv64", triple: "riscv64-linux-gnu", charIsSigned: false, longDouble: "binary128",
    pointerSize: 8, sizeofLong: 8, sizeofWchar: 4, wcharIsSigned: true, maxAlign: 16, biggestAlignment: 16,
    vaList: "pointer", anonBitfieldAlign: false, trampoline: { size: 32, align: 8 },
  },
};
