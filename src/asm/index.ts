// The assembler's entry point: gas-syntax text → ELF relocatable object.
// No file system access here: `.include`/`.incbin` go through `opts.readFile`.

import { Assembler, type AssembleOptions, type Diagnostic } from "./assembler.js";
import { StatementRunner } from "./control.js";
import { allocateBss } from "./directives.js";
import { finishSection, layoutSection } from "./layout.js";
import { splitStatements } from "./lexer.js";
import { writeObject } from "./elf-object.js";
import { x86_64Assembler } from "./x86_64/arch.js";
import type { ArchAssembler } from "./arch.js";
import { AsmError } from "./arch.js";
import { EvalError } from "./value.js";

export type { Diagnostic, AssembleOptions } from "./assembler.js";

export interface AssembleResult {
  /** The object file, absent when there were errors. */
  object?: Uint8Array;
  diagnostics: Diagnostic[];
}

const ARCHES: Record<string, ArchAssembler> = { x86_64: x86_64Assembler };

/** Architectures with an integrated assembler. */
export const ASSEMBLER_ARCHES: readonly string[] = Object.keys(ARCHES);

export function assembleFile(text: string, opts: AssembleOptions & { arch?: string }): AssembleResult {
  const arch = ARCHES[opts.arch ?? "x86_64"];
  if (!arch) return { diagnostics: [{ file: opts.fileName, line: 0, message: `no integrated assembler for ${opts.arch}`, severity: "error" }] };
  const asm = new Assembler(arch, opts);
  new StatementRunner(asm).run(splitStatements(text, opts.fileName));
  asm.cfi.finish(asm);
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
    for (const c of asm.localCommons) allocateBss(asm, c.sym, c.size, c.align);
    const code = asm.sections.slice();
    for (const s of code) layoutSection(asm, s);
    asm.cfi.emit(asm);
    const eh = asm.sectionsByName.get(".eh_frame");
    if (eh && !code.includes(eh)) layoutSection(asm, eh);
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
