// The optimisation pipeline, in order. -O0 runs only what gcc also does at
// -O0 (inlining always_inline functions, the stack protector); -O1 runs the passes of minOpt 1,
// -O2 and up (and -Os) add those of minOpt 2. The verifier runs after every
// pass when `verify` is set, naming the pass that broke the IR.
//
// | pass        | -O | what it does                                                      |
// |-------------|----|-------------------------------------------------------------------|
// | inline      | 0  | always_inline bodies, __builtin_va_arg_pack, drops inline-only    |
// | mem2reg     | 1  | promotes scalar allocas to SSA values                             |
// | constfold   | 1  | folds constants and algebraic identities                          |
// | sroa        | 1  | splits non-escaping aggregates into scalars                       |
// | dce         | 1  | removes unused side-effect-free instructions                      |
// | simplifycfg | 1  | folds branches, merges blocks, threads jumps                      |
// | inliner     | 2  | cost-model inlining (small, `inline`, static called once)         |
// | globaldce   | 1  | drops unreferenced static functions and objects                   |
// | libcalls    | 1  | folds/expands C library calls, is_constant, object_size           |
// | condprop    | 1  | facts from dominating branches decide comparisons                 |
// | instcombine | 2  | strength reduction by constants: shifts, masks, magic division    |
// | gvn         | 2  | dominator-scoped value numbering, redundant loads                 |
// | ranges      | 2  | integer comparisons decided by value ranges and dominating tests  |
// | licm        | 2  | hoists loop-invariant instructions to preheaders                  |
// | stackprotect| 0  | -fstack-protector canaries (after the optimiser)                  |

import type { Module } from "../ir.js";
import { verifyModule } from "../verifier.js";
import { printModule } from "../printer.js";
import { inline } from "./inline.js";
import { mem2reg } from "./mem2reg.js";
import { constfold } from "./constfold.js";
import { dce } from "./dce.js";
import { simplifycfg } from "./simplifycfg.js";
import { libcalls } from "./libcalls.js";
import { condprop } from "./condprop.js";
import { sroa } from "./sroa.js";
import { globaldce } from "./globaldce.js";
import { inliner } from "./inliner.js";
import { gvn } from "./gvn.js";
import { instcombine } from "./instcombine.js";
import { licm } from "./licm.js";
import { ranges } from "./ranges.js";
import { sabotage, sabotageFromEnv } from "./sabotage.js";
import { stackprotect, type StackProtectorMode } from "./stackprotect.js";

/** What passes may know of the command line. */
export interface PassOptions {
  readonly optLevel: number;
  /** -fno-inline: only always_inline functions are inlined. */
  readonly noInline: boolean;
  /** -fstack-protector[-strong|-all|-explicit]. */
  readonly stackProtector?: StackProtectorMode;
}

export interface Pass {
  readonly name: string;
  readonly run: (m: Module, o: PassOptions) => void;
  /** Lowest -O level that runs this pass. */
  readonly minOpt: number;
}

export const PIPELINE: readonly Pass[] = [
  { name: "inline", run: inline, minOpt: 0 },
  { name: "mem2reg", run: mem2reg, minOpt: 1 },
  { name: "constfold", run: constfold, minOpt: 1 },
  { name: "sroa", run: sroa, minOpt: 1 },
  { name: "mem2reg", run: mem2reg, minOpt: 1 },
  { name: "constfold", run: constfold, minOpt: 1 },
  { name: "dce", run: dce, minOpt: 2 },
  { name: "simplifycfg", run: simplifycfg, minOpt: 2 },
  // Before libcalls: __builtin_constant_p of an inlined argument may become true.
  { name: "inliner", run: inliner, minOpt: 2 },
  { name: "globaldce", run: globaldce, minOpt: 2 },
  { name: "sroa", run: sroa, minOpt: 2 },
  { name: "mem2reg", run: mem2reg, minOpt: 2 },
  { name: "constfold", run: constfold, minOpt: 2 },
  { name: "libcalls", run: libcalls, minOpt: 1 },
  { name: "constfold", run: constfold, minOpt: 1 },
  { name: "dce", run: dce, minOpt: 1 },
  { name: "simplifycfg", run: simplifycfg, minOpt: 1 },
  { name: "condprop", run: condprop, minOpt: 1 },
  { name: "constfold", run: constfold, minOpt: 1 },
  { name: "dce", run: dce, minOpt: 1 },
  { name: "simplifycfg", run: simplifycfg, minOpt: 1 },
  { name: "instcombine", run: instcombine, minOpt: 2 },
  { name: "gvn", run: gvn, minOpt: 2 },
  { name: "ranges", run: ranges, minOpt: 2 },
  { name: "licm", run: licm, minOpt: 2 },
  { name: "constfold", run: constfold, minOpt: 2 },
  { name: "dce", run: dce, minOpt: 2 },
  { name: "simplifycfg", run: simplifycfg, minOpt: 2 },
  { name: "globaldce", run: globaldce, minOpt: 1 },
  // Code-generation options that act on the IR, after the optimiser.
  { name: "stackprotect", run: (m, o) => stackprotect(m, o.stackProtector ?? "none"), minOpt: 0 },
];

export interface PipelineOptions {
  verify?: boolean;
  /** -fno-inline */
  noInline?: boolean;
  /** Called with the IR text after the named pass (`--print-after=NAME`, or "*" for all). */
  printAfter?: { pass: string; sink: (text: string) => void };
  /** -fstack-protector[-strong|-all|-explicit]. */
  stackProtector?: StackProtectorMode;
  /** Runs each pass (-ftime-report times them by name). */
  runPass?: (name: string, run: () => void) => void;
}

export function runPipeline(m: Module, optLevel: number, opts: PipelineOptions = {}): void {
  if (opts.verify) verifyModule(m, "input");
  // Only the first run of the named pass breaks the function: a pass that runs
  // an even number of times would otherwise undo its own breakage.
  let broken = sabotageFromEnv();
  // TSCC_SKIP_PASSES=gvn,licm: leave passes out, to measure what each buys (bench/workloads.ts).
  const skipped = new Set((process.env.TSCC_SKIP_PASSES ?? "").split(",").filter((x) => x !== ""));
  const po: PassOptions = {
    optLevel, noInline: opts.noInline === true || skipped.has("inliner"),
    ...(opts.stackProtector ? { stackProtector: opts.stackProtector } : {}),
  };
  for (const p of PIPELINE) {
    if (optLevel < p.minOpt || skipped.has(p.name)) continue;
    if (opts.runPass) opts.runPass(p.name, () => p.run(m, po));
    else p.run(m, po);
    if (broken?.pass === p.name) {
      sabotage(m, broken.func);
      broken = undefined;
    }
    if (opts.verify) verifyModule(m, p.name);
    if (opts.printAfter && (opts.printAfter.pass === p.name || opts.printAfter.pass === "*")) {
      opts.printAfter.sink(`# after ${p.name}\n${printModule(m)}`);
    }
  }
}

/** Run one pass by name (tests use this for IR-in/IR-out fixtures). */
export function runPass(m: Module, name: string, verify = true, o: PassOptions = { optLevel: 2, noInline: false }): void {
  const p = PIPELINE.find((x) => x.name === name);
  if (!p) throw new Error(`unknown pass ${name}`);
  p.run(m, o);
  if (verify) verifyModule(m, p.name);
}
