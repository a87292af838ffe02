// licm: loop-invariant code motion. Every loop gets a preheader (loops.ts);
// then, innermost loop first, an instruction of the loop whose operands are
// all defined outside it is moved to the end of the preheader when that is
// safe wherever the loop is entered:
//
//  - pure instructions that cannot trap (hasSideEffects false: division only
//    by a safe constant), whether or not every iteration runs them;
//  - non-volatile loads that cannot fault early (from a global or a local at a
//    constant offset inside it) or that run on every iteration (their block
//    dominates every latch and every exit), when nothing in the loop may
//    write those bytes (alias.ts): no aliasing store, memcpy or memset, and
//    no call or opaque instruction if the memory may escape.
//
// An instruction moved out of an inner loop is then a candidate in the outer one.

import { AliasInfo, asmNamedSymbols } from "../alias.js";
import { callsReturnsTwice, hasSideEffects, initSize, instOperands, storeSize, type Func, type Global, type Inst, type Module, type Value } from "../ir.js";
import { ensurePreheader, FuncAnalyses } from "../loops.js";

export function licm(m: Module): void {
  const asmNames = asmNamedSymbols(m);
  const globals = new Map(m.globals.map((g) => [g.name, g]));
  for (const f of m.funcs) if (f.blocks.length > 0) licmFunc(f, asmNames, globals);
}

type Write = { kind: "range"; addr: Value; size: number | undefined } | { kind: "opaque" };

function licmFunc(f: Func, asmNames: ReadonlySet<string>, globals: ReadonlyMap<string, Global>): void {
  const a = new FuncAnalyses(f);
  if (a.loops.loops.length === 0) return;
  // Preheaders first (each one made changes the block indices), then a stable forest.
  for (let changed = true; changed; ) {
    changed = false;
    for (const l of a.loops.loops) {
      const n = f.blocks.length;
      ensurePreheader(a, l);
      if (f.blocks.length !== n) { changed = true; break; }
    }
  }
  const forest = a.loops;
  const alias = new AliasInfo(f, asmNames);
  const allocaSize = new Map<number, number>();
  const defBlock = new Map<number, number>();
  f.blocks.forEach((b, bi) => {
    for (const p of b.phis) defBlock.set(p.dst, bi);
    for (const i of b.insts) {
      if ("dst" in i && i.dst !== undefined) defBlock.set(i.dst, bi);
      if (i.op === "alloca" && i.dynSize === undefined) allocaSize.set(i.dst, i.size);
      if (i.op === "asm") for (const o of i.outputs) if (o.kind === "reg") defBlock.set(o.dst, bi);
    }
  });
  // setjmp: a longjmp may come back with other values in memory than those loaded before.
  const loadsMayMove = !f.blocks.some((b) => b.insts.some((i) =>
    (i.op === "intrinsic" && i.name === "setjmp") || callsReturnsTwice(i)));

  /** Can `size` bytes at `addr` be loaded anywhere without faulting? */
  const dereferenceable = (addr: Value, size: number): boolean => {
    const loc = alias.locate(addr);
    if (loc.offset === undefined || loc.offset < 0n) return false;
    let extent: number | undefined;
    if (loc.root.startsWith("a")) extent = allocaSize.get(Number(loc.root.slice(1)));
    else if (loc.root.startsWith("g")) {
      const g = globals.get(loc.root.slice(1));
      if (g && g.linkage !== "weak") extent = g.init ? initSize(g.init) : g.commonSize;
    }
    return extent !== undefined && loc.offset + BigInt(size) <= BigInt(extent);
  };

  for (const loop of forest.loops) {
    const pre = ensurePreheader(a, loop);
    if (!pre) continue;
    const preIndex = f.blocks.indexOf(pre);
    const writes: Write[] = [];
    for (const b of loop.blocks) for (const i of f.blocks[b]!.insts) {
      const w = writeOf(i);
      if (w) writes.push(w);
    }
    // Blocks run by every iteration that completes or leaves the loop.
    const latchesAndExits = [...loop.blocks].filter((b) => a.cfg.succs[b]!.some((s) => s === loop.header || !loop.blocks.has(s)));
    const everyIteration = (b: number): boolean => latchesAndExits.every((x) => a.dom.dominates(b, x));
    const invariant = (v: Value): boolean => v.k !== "temp" || !loop.blocks.has(defBlock.get(v.id) ?? -1);
    const unclobbered = (addr: Value, size: number): boolean =>
      writes.every((w) => (w.kind === "opaque" ? !alias.escapes(addr) : !alias.mayAlias(addr, size, w.addr, w.size)));
    for (const bi of a.cfg.rpo) {
      if (!loop.blocks.has(bi)) continue;
      const block = f.blocks[bi]!;
      block.insts = block.insts.filter((i) => {
        if (!hoistable(i) || !instOperands(i).every(invariant)) return true;
        if (i.op === "load" && !(loadsMayMove && (dereferenceable(i.addr, storeSize(i.type)) || everyIteration(bi)) && unclobbered(i.addr, storeSize(i.type)))) return true;
        pre.insts.push(i);
        defBlock.set((i as { dst: number }).dst, preIndex);
        return false;
      });
    }
  }
}

/** Instructions that may be moved at all: loads (further checked) and pure, non-trapping ones with a result. */
function hoistable(i: Inst): boolean {
  if (i.op === "load") return !i.volatile;
  if (i.op === "alloca" || i.op === "call" || i.op === "intrinsic" || i.op === "asm" || i.op === "va_arg" || i.op === "blockaddr") return false;
  return "dst" in i && i.dst !== undefined && !hasSideEffects(i);
}

/** What an instruction may write. */
function writeOf(i: Inst): Write | undefined {
  switch (i.op) {
    case "store": return { kind: "range", addr: i.addr, size: storeSize(i.type) };
    case "memcpy": case "memset": return { kind: "range", addr: i.dstAddr, size: i.size.k === "int" ? Number(i.size.value) : undefined };
    case "call": case "va_start": case "va_end": case "va_copy": case "va_arg": case "intrinsic": case "asm": return { kind: "opaque" };
    default: return undefined;
  }
}
