// Public face of the IR: what lowering, the driver and the backends import.

export * from "./ir.js";
export { CodegenError, InternalCompilerError, ice } from "./errors.js";
export { FuncBuilder, newModule, defineGlobal, defineType, scalar, agg, VOID, intValue, floatValue } from "./builder.js";
export { printModule, printFunc } from "./printer.js";
export { parseModule, IRParseError } from "./parser.js";
export { verifyModule, verifyFunc } from "./verifier.js";
export { runPipeline, runPass, PIPELINE } from "./passes/pipeline.js";
export type { PipelineOptions, Pass } from "./passes/pipeline.js";
export type { StackProtectorMode } from "./passes/stackprotect.js";
export { buildCFG, buildDomTree } from "./cfg.js";
export { floatBits } from "./float.js";
