// The target registry: one `Target` per architecture, and the only list of
// them. The driver, the assembler, the linker and the toolchain lookup all
// consult it; everything a target does differently lives in its folder
// (src/backend-<arch>/target.ts) behind this interface.

import type { AssembleOptions } from "./asm/assembler.js";
import type { ArchFactory } from "./asm/arch.js";
import type { AbiTarget } from "./codegen/abi.js";
import type { RegisterFile } from "./codegen/mir.js";
import type { AsmLine } from "./asm/lines.js";
import type { Module } from "./ir/ir.js";
import type { LinkTarget } from "./link/target.js";
import type { ArchName, DataLayout } from "./target.js";
import type { Toolchain } from "./toolchain.js";
import { AARCH64_TARGET } from "./backend-aarch64/target.js";
import { RISCV64_TARGET } from "./backend-riscv64/target.js";
import { X86_64_TARGET } from "./backend-x86_64/target.js";

/** What every instruction type of an arch's assembler has in common. */
export interface InstLike { readonly kind: "inst" }

export interface CodegenOptions {
  optLevel: number;
  /** -fPIC: exported symbols may be interposed (shared objects). */
  pic: boolean;
  /** .cfi_* unwind information (gcc's default; off with -fno-asynchronous-unwind-tables). */
  unwindTables: boolean;
  /** -fcf-protection: bit 0 branch tracking (landing pads), bit 1 shadow stack. */
  cfProtection: number;
  /** -fstack-clash-protection: touch every page as the stack grows. */
  stackClashProtection: boolean;
  /** The -m options the target's `machineOptions` accepted, in command-line order. */
  machine?: readonly string[];
  /** -fno-jump-tables turns this off: switches become compare chains. */
  jumpTables?: boolean;
  /** -falign-functions=N: function entries aligned to N bytes (default 16). */
  functionAlign?: number;
}

/**
 * A code generator: IR module → the arch's assembler lines (src/codegen's
 * driver with the target's ABI, register file, isel and emitter behind it).
 */
export interface CodeGenerator<I extends InstLike = InstLike> {
  /** The calling convention (classification hooks for src/codegen/abi.ts). */
  readonly abi: AbiTarget;
  /** Registers, their classes and what callees preserve. */
  readonly regs: RegisterFile;
  emit(m: Module, opts: CodegenOptions): readonly AsmLine<I>[];
  /** gas text of those lines (-S). */
  print(lines: readonly AsmLine<I>[]): string;
}

export interface Target<I extends InstLike = InstLike> {
  readonly arch: ArchName;
  /** C data layout (what the frontend and lowering may know); predefined macros are keyed by `arch`. */
  readonly layout: DataLayout;
  /** Triple, sysroot, start files, -m options, qemu. */
  readonly toolchain: Toolchain;
  /** The integrated assembler (src/asm/<arch>); `-c` feeds it the code generator's lines directly. */
  readonly assembler: ArchFactory<I>;
  /** The linker's relocation and PLT handling (src/link/<arch>.ts), when tscc links this target. */
  readonly link?: LinkTarget;
  /** Absent: "code generation for <arch> is not implemented yet". */
  readonly codegen?: CodeGenerator<I>;
}

/** Every target, the host's default first (x86_64). */
export const TARGET_LIST: readonly Target[] = [X86_64_TARGET, AARCH64_TARGET, RISCV64_TARGET];

export function targetFor(arch: string): Target | undefined {
  return TARGET_LIST.find((t) => t.arch === arch);
}

export type { AssembleOptions };
