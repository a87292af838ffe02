// Compare the spelled tokens of two -E outputs (line markers and whitespace ignored).
import { readFileSync } from "node:fs";
import { Diagnostics } from "../../../src/frontend/diagnostics.js";
import { tokenizeString } from "../../../src/frontend/lexer.js";
import { SourceManager } from "../../../src/frontend/source.js";
const toks = (path: string): string[] => {
  const text = readFileSync(path, "latin1").split("\n").filter((l) => !l.startsWith("#")).join("\n");
  const d = new Diagnostics(new SourceManager(), undefined, () => {});
  return tokenizeString(text, path, d).map((t) => t.text);
};
const a = toks(process.argv[2]);
const b = toks(process.argv[3]);
let i = 0;
while (i < a.length && i < b.length && a[i] === b[i]) i++;
if (i === a.length && i === b.length) console.log(`same: ${a.length} tokens`);
else console.log(`differ at token ${i} of ${a.length}/${b.length}:\n  A: ${a.slice(Math.max(0, i - 10), i + 10).join(" ")}\n  B: ${b.slice(Math.max(0, i - 10), i + 10).join(" ")}`);
