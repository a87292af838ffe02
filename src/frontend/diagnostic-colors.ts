// Colours of diagnostics as gcc 12 writes them: SGR sequences followed by
// "erase to end of line" (`ESC[<sgr>m ESC[K` … `ESC[m ESC[K`), chosen per
// element by GCC_COLORS (`error=01;31:warning=01;35:…`). An empty GCC_COLORS
// turns colour off whatever -fdiagnostics-color says, as in gcc.

/** The elements gcc colours that tscc's diagnostics have. */
export interface DiagnosticPalette {
  readonly error: string;
  readonly warning: string;
  readonly note: string;
  /** The `file:line:col:` prefix. */
  readonly locus: string;
  /** Text in quotes inside a message. */
  readonly quote: string;
}

/** gcc 12's defaults (its documentation of GCC_COLORS lists the same). */
export const GCC_DEFAULT_PALETTE: DiagnosticPalette = { error: "01;31", warning: "01;35", note: "01;36", locus: "01", quote: "01" };

const PALETTE_KEYS: readonly (keyof DiagnosticPalette)[] = ["error", "warning", "note", "locus", "quote"];

/**
 * The palette for a GCC_COLORS value: undefined (not set) gives the defaults,
 * "" gives no colour at all; entries gcc knows but tscc has no element for
 * (range1, fixit-insert, …) are accepted and unused, malformed text ends the
 * parse with what was read so far (gcc does the same).
 */
export function paletteFromGccColors(value: string | undefined): DiagnosticPalette | undefined {
  if (value === undefined) return GCC_DEFAULT_PALETTE;
  if (value === "") return undefined;
  const p: Record<keyof DiagnosticPalette, string> = { ...GCC_DEFAULT_PALETTE };
  for (const entry of value.split(":")) {
    const m = /^([a-z0-9-]+)=([0-9;]*)$/.exec(entry);
    if (!m) break;
    const key = PALETTE_KEYS.find((k) => k === m[1]);
    if (key) p[key] = m[2]!;
  }
  return p;
}

/** `text` in the colour `sgr` (empty text stays empty). */
export function paint(sgr: string, text: string): string {
  return text === "" ? "" : `\x1b[${sgr}m\x1b[K${text}\x1b[m\x1b[K`;
}
