// Internal compiler errors: a bug in tscc, never a diagnostic about user code.
// They carry enough context (function, pass) to find the culprit from a report.

export class InternalCompilerError extends Error {
  readonly func: string | undefined;
  readonly pass: string | undefined;

  constructor(message: string, context: { func?: string; pass?: string } = {}) {
    const where = [context.pass && `in ${context.pass}`, context.func && `function ${context.func}`]
      .filter(Boolean)
      .join(", ");
    super(`internal compiler error${where ? ` (${where})` : ""}: ${message}`);
    this.name = "InternalCompilerError";
    this.func = context.func;
    this.pass = context.pass;
  }
}

export function ice(message: string, context: { func?: string; pass?: string } = {}): never {
  throw new InternalCompilerError(message, context);
}

/**
 * A problem in the user's program that only code generation can see (an
 * impossible inline-asm constraint, an unknown register name): reported as
 * an ordinary error, never as a crash.
 */
export class CodegenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CodegenError";
  }
}
