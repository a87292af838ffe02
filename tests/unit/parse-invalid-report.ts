// Print which invalid-program expectations fail: npx tsx tests/unit/parse-invalid-report.ts
import { readdirSync } from "node:fs";
import { INVALID_DIR, checkInvalid } from "./parse-util.js";

const files = readdirSync(INVALID_DIR).filter((f) => f.endsWith(".c")).sort();
let ok = 0;
for (const f of files) {
  const r = checkInvalid(f);
  if (r === undefined) ok++;
  else console.log(`${f}: ${r}`);
}
console.log(`${ok} of ${files.length} match`);
