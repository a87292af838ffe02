// The preprocessor's window on the file system. The frontend never touches
// `fs` or `process` itself (DESIGN.md: the compiler is also a library), so the
// driver passes a host: host-node.ts for the command line, an in-memory map
// for tests and in-process use.

export interface FileSystemHost {
  /** The file's bytes decoded as latin1 (so string literals keep every byte), or undefined. */
  readFile(path: string): string | undefined;
  /** True if `path` names a regular file that can be read. */
  fileExists(path: string): boolean;
  /**
   * A canonical name for the file, used to decide whether two paths are the
   * same file (#pragma once, include guards). Without it the path itself is used.
   */
  realpath?(path: string): string;
  /** Modification time in milliseconds since the epoch (for __TIMESTAMP__). */
  mtime?(path: string): number | undefined;
}

/** An in-memory host: file name → contents. Paths are used exactly as given. */
export class MemoryHost implements FileSystemHost {
  readonly files: Map<string, string>;

  constructor(files: Record<string, string> | Map<string, string> = {}) {
    this.files = files instanceof Map ? files : new Map(Object.entries(files));
  }

  readFile(path: string): string | undefined {
    return this.files.get(normalizePath(path));
  }

  fileExists(path: string): boolean {
    return this.files.has(normalizePath(path));
  }

  realpath(path: string): string {
    return normalizePath(path);
  }
}

/** Lexically simplify a path: drop "." components and empty components (not "..": symlinks). */
export function normalizePath(path: string): string {
  const abs = path.startsWith("/");
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    parts.push(part);
  }
  const joined = parts.join("/");
  return abs ? "/" + joined : joined === "" ? "." : joined;
}
