// The linker's entry point: GNU ld's command line in, an exit status out.
// The driver calls runLinker with exactly the arguments it would give `ld`.

import { TSCC_VERSION } from "../version.js";
import { statSync, unlinkSync } from "node:fs";
import { LinkError } from "./diagnostics.js";
import { InputCache } from "./inputs.js";
import { link, TARGETS } from "./link.js";
import { parseArgs } from "./options.js";

export { InputCache } from "./inputs.js";
export { parseArgs } from "./options.js";

export interface LinkerIo {
  stderr: (s: string) => void;
  /** Where -v/--version go (standard output, as GNU ld prints them); stderr if absent. */
  stdout?: (s: string) => void;
  /** Reuse parsed inputs (libc) across links in one process. */
  cache?: InputCache;
}

const PROGRAM = "tscc-ld";
/** The GNU ld release (Debian 12's binutils) whose behaviour the linker matches. */
const GNU_LD_VERSION = "2.40";

/** Can this linker produce output for GNU ld emulation `emulation` (elf_x86_64, aarch64linux…)? */
export function supportsEmulation(emulation: string): boolean {
  return TARGETS.some((t) => t.emulations.includes(emulation));
}

export function runLinker(argv: readonly string[], io: LinkerIo): number {
  let output: string | undefined;
  try {
    const cfg = parseArgs(argv, (w) => io.stderr(`${PROGRAM}: warning: ${w}\n`));
    output = cfg.output;
    if (cfg.version) {
      // GNU ld's first line: build systems (libtool, the kernel's ld-version.sh)
      // read "GNU ld" and the version as the GNU ld whose command line and
      // output this linker follows.
      (io.stdout ?? io.stderr)(`GNU ld (tscc ${TSCC_VERSION}) ${GNU_LD_VERSION}\n`);
      if (cfg.inputs.length === 0) return 0;
    }
    const result = link(cfg, io.cache ?? new InputCache());
    for (const w of result.warnings) io.stderr(`${PROGRAM}: warning: ${w}\n`);
    for (const m of result.info) io.stderr(`${PROGRAM}: ${m}\n`);
    return 0;
  } catch (e) {
    if (e instanceof LinkError) {
      for (const line of e.message.split("\n")) io.stderr(`${PROGRAM}: error: ${line}\n`);
      removeStaleOutput(output);
      return 1;
    }
    // An internal error is still reported as a failed link, with enough to file a bug.
    const detail = process.env.TSCC_DEBUG ? (e as Error).stack : (e as Error).message;
    io.stderr(`${PROGRAM}: internal error: ${detail ?? String(e)} (set TSCC_DEBUG=1 for a stack trace)\n`);
    removeStaleOutput(output);
    return 1;
  }
}

/** A failed link leaves no output behind, not even an older one (GNU ld removes it too). */
function removeStaleOutput(path: string | undefined): void {
  if (!path) return;
  try {
    if (statSync(path).isFile()) unlinkSync(path);
  } catch { /* nothing there */ }
}
