// What a backend hands the assembler: its arch's instructions (`I`, any type
// with `kind: "inst"`) mixed with labels, directives and verbatim text (inline
// asm). `-S` prints these lines; `-c` encodes them without a text round trip
// (`assembleLines`).

export interface Label { readonly kind: "label"; readonly name: string }
/** An assembler directive with its arguments already in gas syntax. */
export interface Directive { readonly kind: "directive"; readonly name: string; readonly args: readonly string[] }
/** Text passed through as written: the expansion of an inline asm statement. */
export interface Verbatim { readonly kind: "verbatim"; readonly text: string }

export type AsmLine<I extends { readonly kind: "inst" }> = I | Label | Directive | Verbatim;

export const label = (name: string): Label => ({ kind: "label", name });
export const directive = (name: string, ...args: string[]): Directive => ({ kind: "directive", name, args });
export const verbatim = (text: string): Verbatim => ({ kind: "verbatim", text });

/**
 * gas text of a backend's lines: the arch prints its instructions, the rest
 * is the same everywhere but for the separator between directive arguments
 * (riscv64 gcc writes `,`, the others `, `).
 */
export function printLines<I extends { readonly kind: "inst" }>(lines: readonly AsmLine<I>[], inst: (i: I) => string, argSeparator = ", "): string {
  let text = "";
  for (const l of lines) {
    switch (l.kind) {
      case "label": text += `${l.name}:\n`; break;
      case "directive": text += (l.args.length ? `\t${l.name}\t${l.args.join(argSeparator)}` : `\t${l.name}`) + "\n"; break;
      case "verbatim": text += l.text + "\n"; break;
      default: text += inst(l) + "\n";
    }
  }
  return text;
}
