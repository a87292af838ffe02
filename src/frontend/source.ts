// Source files and positions. Every token points back at a SourceFile by index
// so diagnostics can print the line and a caret without keeping strings around.

export interface SourceFile {
  readonly id: number;
  /** The name as it appears in diagnostics and line markers (as written in #include). */
  readonly name: string;
  /** File contents decoded as latin1, so every byte of a string literal survives. */
  readonly text: string;
  /** Offsets of line starts, computed lazily for diagnostics. */
  lineStarts?: number[];
  /** #line directives, by physical line (ascending): the presumed positions diagnostics show. */
  remaps?: LineRemap[];
  /** Positions (fallthroughKey) of the tokens a fallthrough comment comes right before (-Wimplicit-fallthrough). */
  fallthroughComments?: Set<number>;
}

/** The key of a token position in SourceFile.fallthroughComments. */
export function fallthroughKey(line: number, col: number): number {
  return line * 0x100000 + col;
}

/**
 * gcc's -Wimplicit-fallthrough=3 comments: the whole comment says that the
 * case falls through ("FALLTHROUGH", "fall through", "Falls thru.", "-fallthrough"…).
 */
const FALLTHROUGH_COMMENT = new RegExp("^[ \t]*(?:-fallthrough|@fallthrough@|lint -fallthrough[ \t]*|" +
  "[ \t.!]*(?:ELSE,? |INTENTIONAL(?:LY)? )?FALL(?:S | |-)?THR(?:OUGH|U)[ \t.!]*(?:-[^\n\r]*)?|" +
  "[ \t.!]*(?:Else,? |Intentional(?:ly)? )?Fall(?:(?:s | |-)[Tt]|t)hr(?:ough|u)[ \t.!]*(?:-[^\n\r]*)?|" +
  "[ \t.!]*(?:[Ee]lse,? |[Ii]ntentional(?:ly)? )?fall(?:s | |-)?thr(?:ough|u)[ \t.!]*(?:-[^\n\r]*)?)[ \t]*$");

/** Is a comment's text (without its delimiters) a fallthrough comment? */
export function isFallthroughComment(body: string): boolean {
  return body.length < 200 && /fall|FALL|Fall/.test(body) && FALLTHROUGH_COMMENT.test(body);
}

/**
 * The bytes of text made from sources: sources are read as latin1 (one char
 * per byte), so what is derived from them (preprocessed output, assembly,
 * diagnostics quoting a line) goes back out byte for byte and a UTF-8
 * identifier stays UTF-8. Text holding a char above 0xff can only be the
 * compiler's own Unicode and is written as UTF-8.
 */
export function textBytes(text: string): Buffer {
  // eslint-disable-next-line no-control-regex
  return Buffer.from(text, /[^\x00-\xff]/.test(text) ? "utf8" : "latin1");
}

/** From physical line `from` on, a file's line L is presumed to be line L + delta of `name`. */
export interface LineRemap {
  from: number;
  delta: number;
  name: string;
}

export class SourceManager {
  readonly files: SourceFile[] = [];

  add(name: string, text: string): SourceFile {
    const file: SourceFile = { id: this.files.length, name, text };
    this.files.push(file);
    return file;
  }

  get(id: number): SourceFile {
    return this.files[id];
  }

  /** Record a #line directive: from physical line `from` on, lines are `line + delta` of `name`. */
  remap(id: number, from: number, delta: number, name: string): void {
    const file = this.files[id];
    const remaps = (file.remaps ??= []);
    // A re-included file runs its directives again: same line, same effect.
    const last = remaps[remaps.length - 1];
    if (last !== undefined && last.from >= from) {
      const same = remaps.findIndex((r) => r.from === from);
      if (same >= 0) remaps[same] = { from, delta, name };
      return;
    }
    remaps.push({ from, delta, name });
  }

  /** The presumed file name and line (after #line directives) of a physical position. */
  presumed(id: number, line: number): { name: string; line: number } {
    const file = this.files[id];
    const remaps = file.remaps;
    if (remaps !== undefined) {
      for (let i = remaps.length - 1; i >= 0; i--) {
        if (remaps[i].from <= line) return { name: remaps[i].name, line: line + remaps[i].delta };
      }
    }
    return { name: file.name, line };
  }

  /** The text of line `line` (1-based) of a file, without its newline. */
  lineText(id: number, line: number): string {
    const file = this.files[id];
    if (!file.lineStarts) {
      const starts = [0];
      const t = file.text;
      for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) starts.push(i + 1);
      file.lineStarts = starts;
    }
    const start = file.lineStarts[line - 1];
    if (start === undefined) return "";
    let end = file.text.indexOf("\n", start);
    if (end < 0) end = file.text.length;
    return file.text.slice(start, end).replace(/\r$/, "");
  }
}
