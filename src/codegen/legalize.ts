// Legalisation before instruction selection, shared by every backend: IR
// rewrites that make a function fit what the machine layer can express,
// told the target's limits (`LegalizeLimits`). They run on the IR the code
// generator is handed (after the optimiser), so no pass after them sees it.
//
// Today: critical-edge splitting, which phi elimination needs (its copies
// go at the end of each predecessor), and library calls for what the
// target has no instructions for (binary128, 128-bit division).

import type * as ir from "../ir/ir.js";
import { mapSuccessors, successors, temp } from "../ir/ir.js";

/** What a target's instruction selection cannot take and wants rewritten first. */
export interface LegalizeLimits {
  /** Give every edge into a block with phis from a block with several successors a block of its own. */
  readonly splitCriticalEdges: boolean;
  /** binary128 arithmetic, compares and conversions become libgcc calls (__addtf3, __lttf2, __extenddftf2 …). */
  readonly softFloat128: boolean;
  /** 128-bit division and remainder, and conversions between 128-bit integers and floats, become libgcc calls. */
  readonly i128DivCalls: boolean;
}

export function legalizeFunction(f: ir.Func, limits: LegalizeLimits): void {
  if (limits.softFloat128 || limits.i128DivCalls) softLibcalls(f, limits);
  if (limits.splitCriticalEdges) splitCriticalEdges(f);
}

/**
 * Split every edge from a block with several successors into a block with
 * phis, so phi copies have a block of their own.
 *
 * An indirectbr edge cannot get a new block in between (the jump goes to the
 * label's address), so when its target has phis and other predecessors the
 * target's label moves to a new landing block in front of it: the landing
 * block (what `&&label` now means) takes the indirectbr's copies and falls
 * through into the old block, which gets a fresh label for its direct
 * predecessors. That needs the indirectbr to be the target's only indirect
 * predecessor (lowering makes one dispatch block per function); otherwise the
 * copies go before the jump.
 */
function splitCriticalEdges(f: ir.Func): void {
  const byLabel = new Map(f.blocks.map((b) => [b.label, b]));
  const labels = new Set(byLabel.keys());
  const fresh = (base: string): string => {
    let name = base;
    while (labels.has(name)) name += "_";
    labels.add(name);
    return name;
  };
  const preds = new Map<string, string[]>(f.blocks.map((b) => [b.label, []]));
  for (const b of f.blocks) for (const s of new Set(successors(b.term))) preds.get(s)!.push(b.label);

  // Landing blocks for indirectbr targets: label -> the landing block placed before it.
  const landing = new Map<string, ir.Block>();
  for (const b of f.blocks) {
    if (b.term.op !== "indirectbr") continue;
    for (const s of new Set(b.term.targets)) {
      const target = byLabel.get(s)!;
      const ps = preds.get(s)!;
      if (!target.phis.length || ps.length < 2 || target === b) continue;
      if (ps.some((p) => p !== b.label && byLabel.get(p)!.term.op === "indirectbr")) continue;
      const moved = fresh(`${s}.direct`);
      // Everything that named the old block as a CFG node now names `moved`;
      // the indirectbr edge (and the label's address) stays with `s`.
      for (const p of ps) {
        if (p === b.label) continue;
        mapSuccessors(byLabel.get(p)!.term, (l) => (l === s ? moved : l));
      }
      for (const succ of new Set(successors(target.term))) {
        for (const ph of byLabel.get(succ)!.phis) for (const x of ph.incoming) if (x.block === s) x.block = moved;
      }
      if (successors(target.term).includes(s)) mapSuccessors(target.term, (l) => (l === s ? moved : l));
      target.label = moved;
      const pad: ir.Block = { label: s, phis: [], insts: [], term: { op: "br", target: moved } };
      for (const ph of target.phis) for (const x of ph.incoming) if (x.block === b.label) x.block = s;
      byLabel.set(moved, target);
      byLabel.set(s, pad);
      landing.set(moved, pad);
    }
  }

  const hasPhis = new Set(f.blocks.filter((b) => b.phis.length).map((b) => b.label));
  const order: ir.Block[] = [];
  for (const b of f.blocks) {
    const pad = landing.get(b.label);
    if (pad) order.push(pad);
    order.push(b);
    if (b.term.op === "indirectbr") continue;
    const succs = [...new Set(successors(b.term))];
    if (succs.length < 2) continue;
    const rename = new Map<string, string>();
    // The false/default edge's block goes first: it is the fall-through.
    if (b.term.op === "condbr") succs.reverse();
    for (const s of succs) {
      if (!hasPhis.has(s)) continue;
      const name = fresh(`${b.label}.${s}`);
      rename.set(s, name);
      // Right after the predecessor, so its fall-through edge needs no jump.
      order.push({ label: name, phis: [], insts: [], term: { op: "br", target: s } });
      for (const p of byLabel.get(s)!.phis) for (const x of p.incoming) if (x.block === b.label) x.block = name;
    }
    if (rename.size) mapSuccessors(b.term, (l) => rename.get(l) ?? l);
  }
  f.blocks = order;
}


/**
 * Operations with no instructions on the target, as calls to the libgcc
 * routines every target's runtime has (tscc's runtime/ or libgcc): binary128
 * arithmetic, compares and conversions, the 128-bit integer division family
 * and the conversions between 128-bit integers and floats. The names are
 * libgcc's on all three targets.
 */
function softLibcalls(f: ir.Func, limits: LegalizeLimits): void {
  for (const b of f.blocks) {
    const out: ir.Inst[] = [];
    for (const i of b.insts) {
      const lib = libcallFor(f, i, limits);
      if (lib) out.push(...lib);
      else out.push(i);
    }
    b.insts = out;
  }
}

/** libgcc's mode letters. */
const MODE: Partial<Record<ir.Type, string>> = { i32: "si", i64: "di", i128: "ti", f32: "sf", f64: "df", f80: "xf", f128: "tf" };
const I128_DIV: Partial<Record<ir.IntBinOp, string>> = { sdiv: "__divti3", udiv: "__udivti3", srem: "__modti3", urem: "__umodti3" };
/**
 * binary128 compares: libgcc's three-way routines return a value whose sign
 * test (against 0) is the predicate, with NaNs made to fail the ordered ones
 * (__lttf2/__letf2 give 1, __gttf2/__getf2 -1, __eqtf2/__netf2 1); an
 * unordered predicate is the negation of the opposite ordered one.
 */
const F128_CMP: Partial<Record<ir.FCmpPred, readonly [string, ir.ICmpPred]>> = {
  oeq: ["__eqtf2", "eq"], une: ["__netf2", "ne"], olt: ["__lttf2", "slt"], ole: ["__letf2", "sle"],
  ogt: ["__gttf2", "sgt"], oge: ["__getf2", "sge"], ult: ["__getf2", "slt"], ule: ["__gttf2", "sle"],
  ugt: ["__letf2", "sgt"], uge: ["__lttf2", "sge"], uno: ["__unordtf2", "ne"], ord: ["__unordtf2", "eq"],
};

function libcallFor(f: ir.Func, i: ir.Inst, limits: LegalizeLimits): ir.Inst[] | undefined {
  const out: ir.Inst[] = [];
  const tmp = (type: ir.Type): number => {
    f.temps.push({ name: `legal.${f.temps.length}`, type });
    return f.temps.length - 1;
  };
  const call = (name: string, ret: ir.Type, args: readonly (readonly [ir.Type, ir.Value])[], dst = tmp(ret)): ir.Value => {
    out.push({ op: "call", dst, ret: { kind: "scalar", type: ret }, callee: { kind: "sym", name }, args: args.map(([type, value]) => ({ type: { kind: "scalar", type }, value })) });
    return temp(dst);
  };
  const zero: ir.Value = { k: "int", value: 0n };
  switch (i.op) {
    case "sdiv": case "udiv": case "srem": case "urem":
      if (i.type !== "i128" || !limits.i128DivCalls) return undefined;
      call(I128_DIV[i.op]!, "i128", [["i128", i.a], ["i128", i.b]], i.dst);
      return out;
    case "fadd": case "fsub": case "fmul": case "fdiv":
      if (i.type !== "f128" || !limits.softFloat128) return undefined;
      call(`__${i.op.slice(1)}tf3`, "f128", [["f128", i.a], ["f128", i.b]], i.dst);
      return out;
    case "fcmp": {
      if (i.type !== "f128" || !limits.softFloat128) return undefined;
      const test = (pred: ir.FCmpPred, dst = tmp("i1")): ir.Value => {
        const [fn, cc] = F128_CMP[pred]!;
        out.push({ op: "icmp", dst, pred: cc, type: "i32", a: call(fn, "i32", [["f128", i.a], ["f128", i.b]]), b: zero });
        return temp(dst);
      };
      if (F128_CMP[i.pred]) { test(i.pred, i.dst); return out; }
      // ueq = unordered or equal; one is its negation.
      const either = i.pred === "ueq" ? i.dst : tmp("i1");
      out.push({ op: "or", dst: either, type: "i1", a: test("uno"), b: test("oeq") });
      if (i.pred === "one") out.push({ op: "xor", dst: i.dst, type: "i1", a: temp(either), b: { k: "int", value: 1n } });
      return out;
    }
    case "fpext": case "fptrunc":
      if ((i.from !== "f128" && i.to !== "f128") || !limits.softFloat128) return undefined;
      call(i.op === "fpext" ? `__extend${MODE[i.from]}tf2` : `__trunctf${MODE[i.to]}2`, i.to, [[i.from, i.a]], i.dst);
      return out;
    case "sitofp": case "uitofp": {
      const u = i.op === "uitofp" ? "un" : "";
      if (i.from === "i128" && limits.i128DivCalls && (i.to !== "f128" || limits.softFloat128)) {
        call(`__float${u}ti${MODE[i.to]}`, i.to, [["i128", i.a]], i.dst);
        return out;
      }
      if (i.to !== "f128" || !limits.softFloat128) return undefined;
      // Narrow integers are widened to 32 bits first: libgcc starts at SImode.
      const wide: ir.Type = i.from === "i64" ? "i64" : "i32";
      let arg = i.a;
      if (wide !== i.from) {
        const w = tmp(wide);
        out.push({ op: i.op === "sitofp" ? "sext" : "zext", dst: w, from: i.from, to: wide, a: i.a });
        arg = temp(w);
      }
      call(`__float${u}${MODE[wide]}tf`, "f128", [[wide, arg]], i.dst);
      return out;
    }
    case "fptosi": case "fptoui": {
      const u = i.op === "fptoui" ? "uns" : "";
      if (i.to === "i128" && limits.i128DivCalls && (i.from !== "f128" || limits.softFloat128)) {
        call(`__fix${u}${MODE[i.from]}ti`, "i128", [[i.from, i.a]], i.dst);
        return out;
      }
      if (i.from !== "f128" || !limits.softFloat128) return undefined;
      const wide: ir.Type = i.to === "i64" ? "i64" : "i32";
      if (wide === i.to) { call(`__fix${u}tf${MODE[wide]}`, wide, [["f128", i.a]], i.dst); return out; }
      out.push({ op: "trunc", dst: i.dst, from: wide, to: i.to, a: call(`__fix${u}tf${MODE[wide]}`, wide, [["f128", i.a]]) });
      return out;
    }
    default:
      return undefined;
  }
}
