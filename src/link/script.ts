// GNU ld scripts as they appear among linker inputs: the small "implicit"
// scripts glibc and others install as libc.so / libm.so, e.g.
//   OUTPUT_FORMAT(elf64-x86-64)
//   GROUP ( /lib/x86_64-linux-gnu/libc.so.6 /usr/lib/x86_64-linux-gnu/libc_nonshared.a
//           AS_NEEDED ( /lib64/ld-linux-x86-64.so.2 ) )
// Only the input-selecting commands are meaningful here; SECTIONS and other
// layout commands are reported as unsupported rather than silently ignored.

import { LinkError } from "./diagnostics.js";

export interface ScriptInput {
  /** A path, or `-lNAME` for a library search. */
  name: string;
  asNeeded: boolean;
}

export interface ScriptCommands {
  /** GROUP(...) inputs form a group; INPUT(...) inputs do not. */
  groups: Array<{ group: boolean; inputs: ScriptInput[] }>;
  searchDirs: string[];
  entry: string | undefined;
}

/** Tokens: words (file names may contain / . - + = :), parentheses, commas and `;`. */
function tokenize(text: string, file: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) throw new LinkError(`${file}: unterminated comment in linker script`);
      i = end + 2;
      continue;
    }
    if (c === "(" || c === ")" || c === "," || c === ";" || c === "{" || c === "}") { out.push(c); i++; continue; }
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new LinkError(`${file}: unterminated string in linker script`);
      out.push(text.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !/[\s(),;{}"]/.test(text[j])) j++;
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}

/** Commands whose argument list is consumed and ignored (they describe the output format). */
const IGNORED = new Set(["OUTPUT_FORMAT", "OUTPUT_ARCH", "TARGET", "STARTUP", "OUTPUT", "VERSION", "NOCROSSREFS"]);

export function parseScript(text: string, file: string): ScriptCommands {
  const toks = tokenize(text, file);
  const result: ScriptCommands = { groups: [], searchDirs: [], entry: undefined };
  let p = 0;
  const expect = (t: string): void => {
    if (toks[p] !== t) throw new LinkError(`${file}: syntax error in linker script: expected '${t}', found '${toks[p] ?? "end of file"}'`);
    p++;
  };
  /** The argument list of a command, with AS_NEEDED(...) nesting flattened. */
  const fileList = (asNeeded: boolean): ScriptInput[] => {
    expect("(");
    const inputs: ScriptInput[] = [];
    while (toks[p] !== ")") {
      if (p >= toks.length) throw new LinkError(`${file}: syntax error in linker script: missing ')'`);
      const t = toks[p++];
      if (t === ",") continue;
      if (t === "AS_NEEDED") inputs.push(...fileList(true));
      else inputs.push({ name: t, asNeeded });
    }
    p++;
    return inputs;
  };
  const skipArgs = (): void => {
    expect("(");
    let depth = 1;
    while (depth > 0) {
      if (p >= toks.length) throw new LinkError(`${file}: syntax error in linker script: missing ')'`);
      const t = toks[p++];
      if (t === "(") depth++;
      else if (t === ")") depth--;
    }
  };
  while (p < toks.length) {
    const cmd = toks[p++];
    if (cmd === ";") continue;
    if (cmd === "GROUP" || cmd === "INPUT") result.groups.push({ group: cmd === "GROUP", inputs: fileList(false) });
    else if (cmd === "SEARCH_DIR") {
      expect("(");
      result.searchDirs.push(toks[p++]);
      expect(")");
    } else if (cmd === "ENTRY") {
      expect("(");
      result.entry = toks[p++];
      expect(")");
    } else if (IGNORED.has(cmd)) skipArgs();
    else throw new LinkError(`${file}: linker script command '${cmd}' is not supported`);
  }
  return result;
}

/** Whether a file that is neither ELF nor an archive looks like a linker script worth parsing. */
export function looksLikeScript(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0 || (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12)) return false;
  }
  return n > 0;
}
