// Which -f, -m and -W options tscc accepts, as data. Build systems probe the
// compiler with options (autoconf's flag checks, CMake's check_c_compiler_flag,
// the kernel's cc-option) and turn features on when the compiler accepts them,
// so every option is one of:
//   - implemented: config.ts acts on it (F_FLAGS there, and the special cases);
//   - harmless: it cannot change what the program does (optimisation choices,
//     diagnostics formatting, or a request for what tscc does anyway) — listed
//     here, each group with the reason;
//   - anything else is refused exactly as gcc 12 refuses an unknown option:
//     `error: unrecognized command-line option '-fxyz'`, exit status 1.
// `-Wno-<anything>` is accepted silently, as gcc does. -m options are per
// target: each target's toolchain.ts lists its own.

import type { MOptionTable } from "../toolchain.js";
// tests/unit/driver-options.test.ts checks every option gcc 12 lists in its
// --help output against this classification.

/**
 * -f options that cannot change the meaning of a program, by name without
 * `no-` and with `=` kept for the joined forms (`align-functions=`).
 */
export const F_HARMLESS_GROUPS: readonly (readonly string[])[] = [
  // Optimisation choices (gcc's --help=optimizers) that only trade speed and size;
  // -fnon-call-exceptions asks that trapping instructions stay where they are,
  // which tscc's passes never move or delete (throwing needs -fexceptions, refused).
  ("aggressive-loop-optimizations align-jumps align-jumps= align-labels " +
    "align-labels= align-loops align-loops= allocation-dce allow-store-data-races auto-inc-dec bit-tests " +
    "branch-count-reg caller-saves code-hoisting combine-stack-adjustments compare-elim conserve-stack " +
    "cprop-registers crossjumping cse-follow-jumps cse-skip-blocks dce defer-pop delayed-branch " +
    "delete-dead-exceptions devirtualize devirtualize-speculatively dse early-inlining expensive-optimizations " +
    "finite-loops fold-simple-inlines forward-propagate function-cse gcse gcse-after-reload gcse-las gcse-lm " +
    "gcse-sm graphite graphite-identity guess-branch-probability hoist-adjacent-loads if-conversion " +
    "if-conversion2 indirect-inlining inline inline-atomics inline-functions inline-functions-called-once " +
    "inline-small-functions inline-limit= ipa-bit-cp ipa-cp ipa-cp-clone ipa-icf ipa-icf-functions " +
    "ipa-icf-variables ipa-modref ipa-profile ipa-pta ipa-pure-const ipa-ra ipa-reference " +
    "ipa-reference-addressable ipa-sra ipa-stack-alignment ipa-strict-aliasing ipa-vrp ira-algorithm= " +
    "ira-hoist-pressure ira-loop-pressure ira-region= ira-share-save-slots ira-share-spill-slots " +
    "isolate-erroneous-paths-attribute isolate-erroneous-paths-dereference ivopts " +
    "keep-gc-roots-live lifetime-dse lifetime-dse= limit-function-alignment live-range-shrinkage " +
    "loop-interchange loop-nest-optimize loop-parallelize-all loop-unroll-and-jam lra-remat modulo-sched " +
    "modulo-sched-allow-regmoves move-loop-invariants move-loop-stores nothrow-opt omit-frame-pointer " +
    "optimize-sibling-calls optimize-strlen partial-inlining peel-loops peephole peephole2 plt " +
    "predictive-commoning prefetch-loop-arrays printf-return-value profile-partial-training " +
    "profile-reorder-functions ree rename-registers reorder-blocks reorder-blocks-algorithm= " +
    "reorder-blocks-and-partition reorder-functions rerun-cse-after-loop reschedule-modulo-scheduled-loops " +
    "sched-critical-path-heuristic sched-dep-count-heuristic sched-group-heuristic sched-interblock " +
    "sched-last-insn-heuristic sched-pressure sched-rank-heuristic sched-spec sched-spec-insn-heuristic " +
    "sched-spec-load sched-spec-load-dangerous sched-stalled-insns sched-stalled-insns-dep " +
    "sched-stalled-insns-dep= sched-stalled-insns= sched2-use-superblocks schedule-fusion schedule-insns " +
    "schedule-insns2 section-anchors sel-sched-pipelining sel-sched-pipelining-outer-loops " +
    "sel-sched-reschedule-pipelined selective-scheduling selective-scheduling2 semantic-interposition " +
    "shrink-wrap shrink-wrap-separate simd-cost-model= split-ivs-in-unroller split-loops split-paths " +
    "split-wide-types split-wide-types-early ssa-backprop ssa-phiopt stack-reuse= stdarg-opt store-merging " +
    "strict-aliasing strict-enums thread-jumps toplevel-reorder tracer tree-bit-ccp tree-builtin-call-dce " +
    "tree-ccp tree-ch tree-coalesce-vars tree-copy-prop tree-cselim tree-dce tree-dominator-opts tree-dse " +
    "tree-forwprop tree-fre tree-loop-distribute-patterns tree-loop-distribution tree-loop-if-convert " +
    "tree-loop-im tree-loop-ivcanon tree-loop-optimize tree-loop-vectorize tree-lrs tree-parallelize-loops= " +
    "tree-partial-pre tree-phiprop tree-pre tree-pta tree-reassoc tree-scev-cprop tree-sink " +
    "tree-slp-vectorize tree-slsr tree-sra tree-switch-conversion tree-tail-merge tree-ter tree-vectorize " +
    "tree-vrp unconstrained-commons unroll-all-loops unroll-completely-grow-size unroll-loops unswitch-loops " +
    "var-tracking var-tracking-assignments var-tracking-assignments-toggle var-tracking-uninit " +
    "variable-expansion-in-unroller vect-cost-model vect-cost-model= version-loops-for-strides vpt web " +
    "opt-info save-optimization-record delete-null-pointer-checks non-call-exceptions " +
    "strict-overflow unit-at-a-time zee see merge-debug-strings cx-fortran-rules cx-limited-range " +
    "float-store trapping-math signed-zeros fp-contract= fp-int-builtin-inexact excess-precision= " +
    "keep-static-consts zero-initialized-in-bss dwarf2-cfi-asm inhibit-size-directive tls-model= " +
    "gnu-unique rtti threadsafe-statics abi-version= canonical-system-headers track-macro-expansion " +
    "track-macro-expansion= pch-deps pch-preprocess working-directory debug-cpp").split(" "),
  // Link-time optimisation: tscc's objects are always ordinary (fat) objects.
  ["lto", "lto=", "fat-lto-objects", "use-linker-plugin", "lto-compression-level=", "lto-partition=", "whole-program"],
  // How diagnostics look, not what is compiled (colour and -fdiagnostics-format are handled in config.ts).
  ("diagnostics-show-caret diagnostics-show-labels diagnostics-show-line-numbers diagnostics-show-option " +
    "diagnostics-show-cwe diagnostics-show-path-depths diagnostics-show-location= diagnostics-urls= " +
    "diagnostics-column-origin= diagnostics-column-unit= diagnostics-escape-format= diagnostics-path-format= " +
    "diagnostics-minimum-margin-width= diagnostics-parseable-fixits diagnostics-generate-patch " +
    "diagnostics-plain-output message-length= show-column tabstop= max-errors= verbose-asm ident " +
    "record-gcc-switches").split(" "),
  // Debug-information layout: the program is the same either way (-fdebug-prefix-map= is not applied to -g output yet).
  ["debug-prefix-map=", "debug-types-section", "eliminate-unused-debug-symbols", "eliminate-unused-debug-types",
    "emit-struct-debug-baseonly", "emit-struct-debug-detailed=", "emit-struct-debug-reduced", "eliminate-dwarf2-dups"],
  // Defaults tscc has: GNU extensions and the char set it accepts, IEEE-conforming floats.
  ["dollars-in-identifiers", "extended-identifiers", "signed-bitfields", "trampolines", "math-errno",
    "asm", "strict-volatile-bitfields", "permitted-flt-eval-methods=", "allow-parameterless-variadic-functions", "cond-mismatch", "lax-vector-conversions"],
];

/**
 * -f features tscc does not have: the positive form is refused, the `no-`
 * form asks for what tscc does anyway and is accepted.
 */
export const F_ABSENT_FEATURES: readonly string[] = (
  "exceptions stack-check stack-check= trapv " +
  "sanitize= sanitize-recover sanitize-recover= sanitize-address-use-after-scope sanitize-undefined-trap-on-error " +
  "profile-arcs test-coverage branch-probabilities profile-generate profile-generate= profile-use profile-use= " +
  "profile-values profile-update= split-stack harden-compares harden-conditional-branches live-patching " +
  "live-patching= openmp openmp-simd openacc ms-extensions plan9-extensions pack-struct pack-struct= " +
  "short-enums reg-struct-return pcc-struct-return leading-underscore keep-inline-functions " +
  "keep-static-functions merge-all-constants single-precision-constant rounding-math signaling-nans " +
  "fast-math finite-math-only unsafe-math-optimizations associative-math reciprocal-math " +
  "unsigned-bitfields gnu-tm time-report-details mem-report stack-usage callgraph-info " +
  "callgraph-info= instrument-functions-exclude-file-list= instrument-functions-exclude-function-list= " +
  "vtable-verify= zero-call-used-regs= trivial-auto-var-init= patchable-function-entry= " +
  "preprocessed directives-only sso-struct= wrapv-pointer input-charset= exec-charset= " +
  "wide-exec-charset="
).split(" ");

/** -f options whose `=value` is harmless for some values only (the default behaviour). */
const F_HARMLESS_VALUES: Readonly<Record<string, readonly string[]>> = {
  "trivial-auto-var-init=": ["uninitialized"],
  "zero-call-used-regs=": ["skip"],
  "stack-check=": ["no"],
  // tscc reads and writes UTF-8 (wide strings UTF-32): other character sets are not converted.
  "input-charset=": ["UTF-8", "utf-8", "UTF8", "utf8"],
  "exec-charset=": ["UTF-8", "utf-8", "UTF8", "utf8"],
  "wide-exec-charset=": ["UTF-32", "UTF-32LE", "utf-32", "utf-32le"],
};

const F_HARMLESS = new Set(F_HARMLESS_GROUPS.flat());
const F_ABSENT = new Set(F_ABSENT_FEATURES);

/** The table key of `-f<v>`: `no-` dropped, a joined value cut after `=`. */
function fKey(v: string): { key: string; on: boolean; value?: string } {
  const on = !v.startsWith("no-");
  const name = on ? v : v.slice(3);
  const eq = name.indexOf("=");
  return eq < 0 ? { key: name, on } : { key: name.slice(0, eq + 1), on, value: name.slice(eq + 1) };
}

/** Is `-f<v>` accepted without acting on it? (Implemented options are decided in config.ts first.) */
export function fOptionHarmless(v: string): boolean {
  const { key, on, value } = fKey(v);
  if (F_HARMLESS.has(key)) return true;
  if (F_ABSENT.has(key)) {
    if (!on) return true;
    return value !== undefined && (F_HARMLESS_VALUES[key]?.includes(value) ?? false);
  }
  return false;
}

/** Is `-m<v>` in the target's table (src/backend-<arch>/toolchain.ts)? */
export function mOptionAccepted(table: MOptionTable, v: string): boolean {
  if (table.exact.includes(v)) return true;
  const eq = v.indexOf("=");
  if (eq < 0) return false;
  const allowed = table.values[v.slice(0, eq + 1)];
  return allowed !== undefined && (allowed.includes(v.slice(eq + 1)) || allowed.includes("*"));
}
