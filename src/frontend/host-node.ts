// The FileSystemHost the command-line driver uses: plain synchronous fs calls.

import * as fs from "node:fs";
import type { FileSystemHost } from "./host.js";

export class NodeHost implements FileSystemHost {
  readFile(path: string): string | undefined {
    try {
      return fs.readFileSync(path, "latin1");
    } catch {
      return undefined;
    }
  }

  fileExists(path: string): boolean {
    try {
      return fs.statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
    } catch {
      return false;
    }
  }

  mtime(path: string): number | undefined {
    try {
      return fs.statSync(path).mtimeMs;
    } catch {
      return undefined;
    }
  }

  realpath(path: string): string {
    try {
      return fs.realpathSync.native(path);
    } catch {
      return path;
    }
  }
}
