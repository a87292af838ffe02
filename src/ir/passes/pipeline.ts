// The optimisation pipeline, in order. -O0 runs only what gcc also does at
// -O0 (inlining always_inline functions, the stack protector); -O1 and up run the whole list. The verifier runs after
// every pass when `verify` is set, naming the pass that broke the IR.

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
import { sabotage, sabotageFromEnv } from "./sabotage.js";
import { stackprotect, type StackProtectorMode } from "./stackprotect.js";

export interface Pass {
  readonly name: string;
  readonly run: (m: Module, opts: PipelineOptions) => void;
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
  { name: "libcalls", run: libcalls, minOpt: 1 },
  { name: "constfold", run: constfold, minOpt: 1 },
  { name: "dce", run: dce, minOpt: 1 },
  { name: "simplifycfg", run: simplifycfg, minOpt: 1 },
  { name: "condprop", run: condprop, minOpt: 1 },
  { name: "constfold", run: constfold, minOpt: 1 },
  { name: "dce", run: dce, minOpt: 1 },
  { name: "simplifycfg", run: simplifycfg, minOpt: 1 },
  { name: "globaldce", run: globaldce, minOpt: 1 },
  // Code-generation options that act on the IR, after the optimiser.
  { name: "stackprotect", run: (m, o) => stackprotect(m, o.stackProtector ?? "none"), minOpt: 0 },
];

export interface PipelineOptions {
  verify?: boolean;
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
  for (const p of PIPELINE) {
    if (optLevel < p.minOpt) continue;
    if (opts.runPass) opts.runPass(p.name, () => p.run(m, opts));
    else p.run(m, opts);
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
export function runPass(m: Module, name: string, verify = true, opts: PipelineOptions = {}): void {
  const p = PIPELINE.find((x) => x.name === name);
  if (!p) throw new Error(`unknown pass ${name}`);
  p.run(m, opts);
  if (verify) verifyModule(m, p.name);
}
