// Link errors. Messages follow GNU ld's wording where users know it
// ("undefined reference to `foo'"), so scripts and people grepping logs find them.

/** A fatal problem with the link; the message is for the user. */
export class LinkError extends Error {}

/** Collects non-fatal errors (all undefined references are reported, not just the first). */
export class Diagnostics {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];

  error(message: string): void {
    this.errors.push(message);
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  /** Stop the link if any error has been reported. */
  check(): void {
    if (this.errors.length) throw new LinkError(this.errors.join("\n"));
  }
}
