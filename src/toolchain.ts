// How a target's programs are put together and run on Linux: the facts the
// driver needs to assemble, link and (in tests) execute for one target.
// Each backend folder exports one of these from its toolchain.ts.

import type { ArchName, DataLayout } from "./target.js";

export interface Toolchain {
  readonly arch: ArchName;
  readonly layout: DataLayout;
  /** Canonical Debian triple: also the multiarch directory name. */
  readonly triple: string;
  /** Names accepted by -target besides full triples starting with the arch (x86_64-pc-linux-gnu…). */
  readonly aliases: readonly string[];
  /** Prefix of the cross binutils (`aarch64-linux-gnu-`); the host's own tools have none. */
  readonly binutilsPrefix: string;
  /** GNU ld -m emulation. */
  readonly ldEmulation: string;
  /** Extra GNU ld flags this target's gcc passes. */
  readonly ldExtraFlags: readonly string[];
  /** PT_INTERP of dynamically linked programs. */
  readonly dynamicLinker: string;
  /** Debian's cross "sysroot" (include/ and lib/ directly under it), used when not the host. */
  readonly crossRoot: string;
  /** Runs a program of this target on another host (qemu-user), or undefined. */
  readonly qemu: string;
  /**
   * The -m options tscc accepts for this target: those it implements and
   * those that ask for what it does anyway (the default ABI, the base ISA).
   * Every other -m option is refused as gcc refuses an unknown one.
   */
  readonly mOptions: MOptionTable;
  /**
   * -m options that link a start-up object (gcc's crtprec64.o for -mpc64):
   * the object's file name (the same as gcc's, so -fuse-ld=bfd finds gcc's)
   * and the runtime source and defines tscc builds it from; `null` for the
   * option of the group that asks for the default (no object: -mpc80). The
   * last option of the group on the command line decides.
   */
  readonly startObjects: Readonly<Record<string, StartObject | null>>;
  /** -fcf-protection (Intel CET: endbr64 landing pads, the shadow-stack note) exists on this target. */
  readonly cfProtection: boolean;
  /** ISA extensions selected by `-m<name>`/`-mno-<name>` and `-march=` (see IsaFeatures). */
  readonly isa?: IsaFeatures;
  /** -m options that change code generation (see MachineOptions). */
  readonly machineOptions?: MachineOptions;
}

/**
 * -m options the target's code generator acts on (x86_64: -mno-sse,
 * -mcmodel=kernel, retpolines …). The driver keeps the accepted ones in
 * command-line order and hands the list to the code generator
 * (CodegenOptions.machine), which reads it the same way.
 */
export interface MachineOptions {
  /** Is `-m<v>` one of them (with an implemented value)? */
  accepts(v: string): boolean;
  /** The predefined macros the list changes, or gcc's error for the combination. */
  macros(list: readonly string[], pic: boolean): MachineMacros | { error: string };
}

/** Macros to remove, then to define (`NAME` or `NAME=VALUE`, as -U/-D take them). */
export interface MachineMacros { readonly undef: readonly string[]; readonly define: readonly string[] }

/**
 * Optional instruction-set extensions as gcc's driver treats them: `-mX`
 * turns X on with everything it `requires` and `implies`; `-mno-X` turns off
 * X and every extension that requires it, and with those the extensions they
 * only implied (gcc drops -mpopcnt's macro with -msse4.2 -mno-sse4.1 unless
 * -mpopcnt was given). Enabled extensions define their macros; tscc's code
 * generator never uses them by itself, they serve the intrinsics headers.
 */
export interface IsaFeatures {
  readonly features: Readonly<Record<string, IsaFeature>>;
  /** Other spellings: `sse4` is `sse4.2`. */
  readonly aliases: Readonly<Record<string, string>>;
  /** `-mno-` spellings that mean another feature's `-mno-` (`-mno-sse4` is `-mno-sse4.1`). */
  readonly offAliases: Readonly<Record<string, string>>;
  /** -march= values: the features each turns on (the baseline: none). */
  readonly march: Readonly<Record<string, readonly string[]>>;
}

export interface IsaFeature {
  readonly macros: readonly string[];
  /** Needed by this one: turned on with it, and turning them off turns it off. */
  readonly requires: readonly string[];
  /** Turned on with it, but independent of it afterwards. */
  readonly implies: readonly string[];
  /** A bare `aligned` attribute means this much while the feature is on (AVX: 32). */
  readonly biggestAlignment?: number;
}

export interface StartObject { readonly object: string; readonly source: string; readonly defines: readonly string[] }

/**
 * Accepted -m options: `exact` are whole texts after `-m`; `values` maps a
 * joined spelling (`arch=`) to its accepted values (`*`: any value).
 */
export interface MOptionTable {
  readonly exact: readonly string[];
  readonly values: Readonly<Record<string, readonly string[]>>;
}
