// Output files as the driver, the linker and the archiver write them: a
// reader never sees half a file, and a failed write leaves no debris. The
// bytes go to a temporary name beside the destination, which is renamed over
// it when complete. A destination that exists and is not a regular file
// (`-o /dev/null`, a FIFO, a terminal) is written in place instead: renaming
// over it would replace the device node itself (as root, /dev/null became a
// regular file that way).

import { chmodSync, lstatSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Temporary files not yet renamed into place (an exit handler may remove them). */
export const pendingOutputs = new Set<string>();

export function isSpecialFile(path: string): boolean {
  try {
    const st = lstatSync(path);
    return !st.isFile() && !st.isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Write `bytes` to `path` completely or not at all. `tag` names the writer in
 * the temporary name (`.out.tscc-ld-PID`); `mode` is applied before the rename.
 */
export function writeFileAtomically(path: string, bytes: Uint8Array, tag: string, mode?: number): void {
  if (isSpecialFile(path)) {
    writeFileSync(path, bytes);
    return;
  }
  const tmp = join(dirname(path), `.${basename(path)}.${tag}-${process.pid}`);
  pendingOutputs.add(tmp);
  try {
    writeFileSync(tmp, bytes);
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* never created */ }
    throw e;
  } finally {
    pendingOutputs.delete(tmp);
  }
}

/**
 * For outputs a tool writes itself (the system assembler or linker): the name
 * to give it, then `commitOutput` or `abandonOutput`.
 */
export function pendingOutputName(path: string, tag: string): string {
  const tmp = join(dirname(path), `.${basename(path)}.${tag}-${process.pid}`);
  pendingOutputs.add(tmp);
  return tmp;
}

export function commitOutput(pending: string, path: string): void {
  if (isSpecialFile(path)) {
    writeFileSync(path, readFileSync(pending));
    unlinkSync(pending);
  } else {
    renameSync(pending, path);
  }
  pendingOutputs.delete(pending);
}

export function abandonOutput(pending: string): void {
  try { unlinkSync(pending); } catch { /* never written */ }
  pendingOutputs.delete(pending);
}
