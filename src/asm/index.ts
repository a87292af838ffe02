// The assembler's entry point: gas-syntax text → ELF relocatable object.
// No file system access here: `.include`/`.incbin` go through `opts.readFile`.

import { Assembler, type AssembleOptions, type Diagnostic } from "./assembler.js";
import { StatementRunner } from "./control.js";
import { finishSection, layoutSection } from "./layout.js";
import { splitStatements } from "./lexer.js";
import { writeObject } from "./elf-object.js";
import { TARGET_LIST, targetFor } from "../targets.js";
import type { AsmLine } from "./lines.js";
import type { ArchAssembler, ArchFactory } from "./arch.js";
import { AsmError } from "./arch.js";
import { EvalError } from "./value.js";

export type { Diagnostic, AssembleOptions } from "./assembler.js";

export interface AssembleResult {
  /** The object file, absent when there were errors. */
  object?: Uint8Array;
  diagnostics: Diagnostic[];
}

/** Architectures with an integrated assembler (every target in the registry, src/targets.ts). */
export const ASSEMBLER_ARCHES: readonly string[] = TARGET_LIST.map((t) => t.arch);

export function assembleFile(text: string, opts: AssembleOptions & { arch?: string }): AssembleResult {
  const factory = targetFor(opts.arch ?? "x86_64")?.assembler;
  if (!factory) return { diagnostics: [{ file: opts.fileName, line: 0, message: `no integrated assembler for ${opts.arch}`, severity: "error" }] };
  return assembleWith(factory(opts.args), opts, (asm, runner) => runner.run(splitStatements(text, opts.fileName, 1, asm.arch.syntax)));
}

/**
 * Assemble a backend's instructions without a text round trip: an `Inst`
 * goes straight to the arch's encoder, directives and inline-asm text through
 * the statement runner. Diagnostics carry the line the `-S` output would have,
 * and the object is byte for byte what assembling that output gives.
 */
export function assembleLines<I extends { readonly kind: "inst" }>(lines: readonly AsmLine<I>[], opts: AssembleOptions & { arch: ArchFactory<I> }): AssembleResult {
  const arch = opts.arch(opts.args);
  return assembleWith(arch, opts, (asm, runner) => {
    let line = 1;
    for (const l of lines) {
      const st = { text: "", file: opts.fileName, line };
      switch (l.kind) {
        case "inst":
          runner.guard(st, () => asm.append(arch.encodeInst(l, asm)));
          break;
        case "label":
          runner.guard(st, () => asm.defineLabel(l.name));
          break;
        case "directive":
          runner.run([{ ...st, text: l.args.length ? `${l.name}\t${l.args.join(", ")}` : l.name }]);
          break;
        case "verbatim":
          runner.run(splitStatements(l.text, opts.fileName, line, arch.syntax));
          line += countNewlines(l.text);
          break;
      }
      line++;
    }
  });
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

function assembleWith(arch: ArchAssembler<unknown>, opts: AssembleOptions, feed: (asm: Assembler, runner: StatementRunner) => void): AssembleResult {
  const asm = new Assembler(arch, opts);
  feed(asm, new StatementRunner(asm));
  asm.cfi.finish(asm);
  try {
    arch.finish?.(asm);
  } catch (e) {
    if (e instanceof AsmError || e instanceof EvalError) asm.error(e.message); else throw e;
  }
  if (asm.hasErrors) return { diagnostics: asm.diagnostics };
  try {
    for (const s of asm.symbolList) {
      // Undefined temporaries are errors; other undefined symbols are external references.
      if (!s.defined && !s.equ && !s.common && !s.isSection && s.referenced) {
        if (asm.isTemporary(s)) {
          asm.stmt = { text: "", file: opts.fileName, line: 0 };
          asm.error(`undefined local symbol \`${s.name.replace(/\x02.*$/, "")}'`);
        } else if (s.bind === "local") s.bind = "global";
      }
    }
    if (asm.hasErrors) return { diagnostics: asm.diagnostics };
    const code = asm.sections.slice();
    // Code with line rows first: the line program and the view numbers other debug sections use need its addresses.
    const withRows = asm.lines.sectionsWithRows();
    for (const s of withRows) layoutSection(asm, s);
    asm.lines.emit(asm);
    for (const s of code) if (!withRows.includes(s)) layoutSection(asm, s);
    for (const s of asm.sections) if (!code.includes(s) && s.name.startsWith(".debug_")) layoutSection(asm, s);
    asm.cfi.emit(asm);
    for (const name of [".eh_frame", ".debug_frame"]) {
      const frames = asm.sectionsByName.get(name);
      if (frames && !code.includes(frames)) layoutSection(asm, frames);
    }
    arch.afterLayout?.(asm);
    const finished = asm.sections.map((sec) => ({ sec, ...finishSection(asm, sec) }));
    if (asm.hasErrors) return { diagnostics: asm.diagnostics };
    const object = writeObject(asm, finished);
    if (asm.hasErrors) return { diagnostics: asm.diagnostics };
    return { object, diagnostics: asm.diagnostics };
  } catch (e) {
    if (e instanceof AsmError || e instanceof EvalError) {
      asm.error(e.message);
      return { diagnostics: asm.diagnostics };
    }
    throw e;
  }
}

/** `file:line: Error: message`, as GNU as prints it. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}: ${d.severity === "error" ? "Error" : "Warning"}: ${d.message}`;
}

export { AsmError };
