// A deliberate miscompilation, for testing the project bisector (issue 7):
// TSCC_BREAK_PASS=PASS:FUNCTION makes the named pass "break" the named
// function after its first run. The breakage is well-formed IR (the verifier
// passes) but wrong: the first two-way branch has its targets swapped, or,
// in a function without one, the first integer add becomes a sub.

import type { Module } from "../ir.js";

export interface Sabotage { pass: string; func: string }

export function sabotageFromEnv(env: NodeJS.ProcessEnv = process.env): Sabotage | undefined {
  const spec = env.TSCC_BREAK_PASS;
  if (!spec) return undefined;
  const colon = spec.indexOf(":");
  if (colon <= 0 || colon === spec.length - 1) return undefined;
  return { pass: spec.slice(0, colon), func: spec.slice(colon + 1) };
}

export function sabotage(m: Module, func: string): void {
  const f = m.funcs.find((x) => x.name === func && x.blocks.length > 0);
  if (!f) return;
  for (const b of f.blocks) {
    const t = b.term;
    if (t.op === "condbr" && t.ifTrue !== t.ifFalse) {
      [t.ifTrue, t.ifFalse] = [t.ifFalse, t.ifTrue];
      return;
    }
  }
  for (const b of f.blocks) {
    for (const i of b.insts) {
      if (i.op === "add" && i.type !== "ptr") {
        i.op = "sub";
        return;
      }
    }
  }
}
