// Inlining of `always_inline` functions, at every -O level (gcc inlines them
// even at -O0), and the GNU variadic forwarding that only inlining can do:
// `__builtin_va_arg_pack()` / `__builtin_va_arg_pack_len()`, which glibc's
// _FORTIFY_SOURCE wrappers (`printf` → `__printf_chk(…, __va_arg_pack())`)
// are made of. Afterwards functions marked `inlineOnly` (GNU `extern inline`,
// C99 inline definitions that are not the external one) are dropped: what
// still refers to them gets the external symbol, as with gcc.
//
// A call site is expanded in place: its block is split after the call, the
// callee's blocks are copied in with fresh labels and temps, parameters
// become the argument values (aggregates get a fresh copy: the callee may
// write its own), static allocas move to the caller's entry block, and each
// `ret` becomes a branch to the continuation, where a phi (on the call's own
// result temp) merges the returned values.

import {
  mapInstOperands, mapSuccessors, mapTermOperands, removeUnreachableBlocks, successors,
  type Block, type Call, type CallArg, type Func, type Inst, type Module, type Terminator, type Value,
} from "../ir.js";
import { CodegenError } from "../errors.js";
import type { PassOptions } from "./pipeline.js";

/** Intrinsics that observe or capture their own function's frame: such a callee is not inlined. */
const FRAME_INTRINSICS = new Set(["frame_address", "return_address", "setjmp", "longjmp", "init_trampoline"]);

/** Inlines per caller before giving up (a chain of always_inline functions expanding without end). */
const MAX_INLINES_PER_FUNCTION = 2000;

export function inline(m: Module, o: PassOptions): void {
  const candidates = m.funcs.filter((f) => f.alwaysInline === true && f.noInline !== true);
  // At -O2 the inliner (inliner.ts) may still want inline-only bodies; it drops them.
  const keepInlineOnly = o.optLevel >= 2 && !o.noInline;
  // Most modules have nothing to do here: no walk of their code then.
  if (candidates.length === 0 && (keepInlineOnly || !m.funcs.some((f) => f.inlineOnly))) return;
  const byName = new Map(m.funcs.map((f) => [f.name, f]));
  const labelsOutside = functionsWithLabelsReferencedOutside(m);
  const inlinable = new Set(candidates.filter((f) => canInline(f, labelsOutside) && !callsItself(f, byName)));
  let counter = 0;
  for (const caller of m.funcs) {
    let done = 0;
    // Blocks are appended as calls are expanded; the scan reaches them too, so
    // always_inline calls inside an inlined body are expanded as well.
    for (let bi = 0; bi < caller.blocks.length && done < MAX_INLINES_PER_FUNCTION; bi++) {
      const block = caller.blocks[bi]!;
      for (let ii = 0; ii < block.insts.length; ii++) {
        const call = block.insts[ii]!;
        if (call.op !== "call" || call.callee.kind !== "sym") continue;
        const callee = byName.get(call.callee.name);
        if (callee === undefined || callee === caller || !inlinable.has(callee) || !argumentsFit(call, callee)) continue;
        expandCall(caller, bi, ii, call, callee, ++counter);
        done++;
        break; // the rest of this block moved to the continuation block
      }
    }
    if (done > 0) removeUnreachableBlocks(caller);
  }
  // Bodies kept only for inlining go; so do static always_inline functions
  // nothing refers to any more (gcc does not emit them either, even at -O0).
  const referenced = candidates.some((f) => f.linkage === "internal" && !f.used) ? referencedSymbols(m) : new Set<string>();
  const dropped = (f: Func): boolean => (f.inlineOnly === true && (!keepInlineOnly || f.alwaysInline === true)) || (f.alwaysInline === true && f.linkage === "internal" && !f.used && !referenced.has(f.name));
  m.funcs = m.funcs.filter((f) => !dropped(f));
  // Only always_inline functions may use __builtin_va_arg_pack (lowering checks the rest).
  for (const f of candidates) {
    if (!dropped(f) && usesVaArgPack(f)) throw new CodegenError(`invalid use of '__builtin_va_arg_pack ()' in '${f.name}', which is not inlined`);
  }
}

/** Symbols named by instructions of other functions and by static data. */
function referencedSymbols(m: Module): Set<string> {
  const out = new Set<string>();
  for (const f of m.funcs) {
    for (const b of f.blocks) {
      for (const i of b.insts) {
        if (i.op === "call" && i.callee.kind === "sym" && i.callee.name !== f.name) out.add(i.callee.name);
        else if (i.op === "addr") out.add(i.sym);
        else if (i.op === "blockaddr" && i.func !== undefined) out.add(i.func);
      }
    }
  }
  for (const g of m.globals) for (const p of g.init ?? []) if (p.k === "sym") out.add(p.name);
  // File-scope asm may name anything: keep what it mentions.
  for (const text of m.asm) for (const w of text.split(/[^A-Za-z0-9_.$]+/)) if (w) out.add(w);
  return out;
}

function usesVaArgPack(f: Func): boolean {
  return f.blocks.some((b) => b.insts.some((i) => (i.op === "call" && i.vaPack === true) || (i.op === "intrinsic" && i.name === "va_arg_pack_len")));
}

/**
 * Functions whose labels something other than their own `blockaddr`s names:
 * static data (`&&label` in an initializer) or a nested function. A copy of
 * such a body would not be the one those addresses lead to.
 */
export function functionsWithLabelsReferencedOutside(m: Module): Set<string> {
  const out = new Set<string>();
  for (const g of m.globals) for (const p of g.init ?? []) if (p.k === "sym" && p.block !== undefined) out.add(p.name);
  for (const f of m.funcs) for (const b of f.blocks) for (const i of b.insts) if (i.op === "blockaddr" && i.func !== undefined) out.add(i.func);
  return out;
}

/**
 * Whether a body can be copied into another function at all. Its own label
 * addresses (`&&label` used inside it) are fine: each copy gets its labels.
 */
export function canInline(f: Func, labelsOutside: ReadonlySet<string>): boolean {
  if (f.chain !== undefined || f.blocks.length === 0 || labelsOutside.has(f.name)) return false;
  for (const b of f.blocks) {
    for (const i of b.insts) {
      if (i.op === "va_start" || (i.op === "blockaddr" && i.func !== undefined)) return false;
      if (i.op === "intrinsic" && FRAME_INTRINSICS.has(i.name)) return false;
    }
  }
  return true;
}

function sameArgType(a: CallArg["type"], b: CallArg["type"]): boolean {
  if (a.kind === "scalar") return b.kind === "scalar" && a.type === b.type;
  return b.kind === "agg" && a.layout.size === b.layout.size;
}

/** The call passes what the callee takes (K&R calls and casts may not). */
export function argumentsFit(call: Call, callee: Func): boolean {
  if (call.chain !== undefined) return false;
  if (call.args.length < callee.params.length || (call.args.length > callee.params.length && !callee.varargs)) return false;
  for (let k = 0; k < callee.params.length; k++) if (!sameArgType(call.args[k]!.type, callee.params[k]!.type)) return false;
  const r = call.ret;
  const cr = callee.ret;
  if (r.kind === "void") return true; // a result may be ignored
  if (cr.kind === "void") return false;
  return sameArgType(r, cr) && (r.kind === "scalar" || call.retAddr !== undefined);
}

/** Does `f` reach itself through direct calls of functions defined here? (Such a body cannot be expanded for ever.) */
function callsItself(f: Func, byName: Map<string, Func>): boolean {
  const seen = new Set<Func>();
  const stack = [f];
  while (stack.length) {
    const g = stack.pop()!;
    for (const b of g.blocks) {
      for (const i of b.insts) {
        if (i.op !== "call" || i.callee.kind !== "sym") continue;
        const h = byName.get(i.callee.name);
        if (h === f) return true;
        if (h && !seen.has(h)) { seen.add(h); stack.push(h); }
      }
    }
  }
  return false;
}

function cloneInst(i: Inst): Inst {
  switch (i.op) {
    case "call": return { ...i, args: i.args.map((a) => ({ ...a })) };
    case "intrinsic": return { ...i, args: [...i.args] };
    case "asm": return { ...i, outputs: i.outputs.map((o) => ({ ...o })), inputs: i.inputs.map((x) => ({ ...x })), clobbers: [...i.clobbers] };
    default: return { ...i };
  }
}

function cloneTerm(t: Terminator): Terminator {
  switch (t.op) {
    case "switch": return { ...t, cases: t.cases.map((c) => ({ ...c })) };
    case "indirectbr": return { ...t, targets: [...t.targets] };
    case "asmgoto": return {
      ...t, targets: [...t.targets],
      asm: { ...t.asm, outputs: t.asm.outputs.map((o) => ({ ...o })), inputs: t.asm.inputs.map((x) => ({ ...x })), clobbers: [...t.asm.clobbers] },
    };
    default: return { ...t };
  }
}

function setDst(i: Inst, f: (id: number) => number): void {
  if (i.op === "asm") {
    for (const o of i.outputs) if (o.kind === "reg") o.dst = f(o.dst);
  } else if ("dst" in i && i.dst !== undefined) {
    i.dst = f(i.dst);
  }
}

export function expandCall(caller: Func, blockIndex: number, instIndex: number, call: Call, callee: Func, n: number): void {
  const block = caller.blocks[blockIndex]!;
  const suffix = `.in${n}`;
  const label = (l: string): string => l + suffix;

  // Fresh temps for everything the callee defines.
  const tempMap = new Map<number, number>();
  const fresh = (id: number): number => {
    let t = tempMap.get(id);
    if (t === undefined) {
      const info = callee.temps[id]!;
      t = caller.temps.length;
      caller.temps.push({ name: info.name + suffix, type: info.type });
      tempMap.set(id, t);
    }
    return t;
  };
  const values = new Map<number, Value>();
  const head: Inst[] = [];
  const entryAllocas: Inst[] = [];
  for (let k = 0; k < callee.params.length; k++) {
    const p = callee.params[k]!;
    const arg = call.args[k]!;
    if (p.type.kind === "scalar") { values.set(p.temp, arg.value); continue; }
    // The callee owns its copy of an aggregate argument.
    const copy = fresh(p.temp);
    entryAllocas.push({ op: "alloca", dst: copy, size: Math.max(1, p.type.layout.size), align: p.type.layout.align });
    head.push({ op: "memcpy", dstAddr: { k: "temp", id: copy }, srcAddr: arg.value, size: { k: "int", value: BigInt(p.type.layout.size) }, align: p.type.layout.align });
  }
  const remap = (v: Value): Value => {
    if (v.k !== "temp") return v;
    return values.get(v.id) ?? { k: "temp", id: fresh(v.id) };
  };
  const packed = call.args.slice(callee.params.length);

  // The continuation: the rest of the call's block, with its terminator.
  const cont: Block = { label: label(`${block.label}.ret`), phis: [], insts: block.insts.slice(instIndex + 1), term: block.term };
  for (const s of successors(cont.term)) {
    const succ = caller.blocks.find((b) => b.label === s);
    for (const phi of succ?.phis ?? []) for (const inc of phi.incoming) if (inc.block === block.label) inc.block = cont.label;
  }
  block.insts = [...block.insts.slice(0, instIndex), ...head];
  block.term = { op: "br", target: label(callee.blocks[0]!.label) };

  const returns: { block: string; value?: Value }[] = [];
  const copies: Block[] = callee.blocks.map((cb, bi) => {
    const nb: Block = { label: label(cb.label), phis: [], insts: [], term: { op: "unreachable" } };
    for (const phi of cb.phis) {
      nb.phis.push({ dst: fresh(phi.dst), type: phi.type, incoming: phi.incoming.map((x) => ({ block: label(x.block), value: remap(x.value) })) });
    }
    for (const orig of cb.insts) {
      if (orig.op === "intrinsic" && orig.name === "va_arg_pack_len") {
        nb.insts.push({ op: "copy", dst: fresh(orig.dst!), type: "i32", a: { k: "int", value: BigInt(packed.length) } });
        continue;
      }
      const i = cloneInst(orig);
      mapInstOperands(i, remap);
      setDst(i, fresh);
      if (i.op === "blockaddr") i.block = label(i.block);
      if (i.op === "call" && i.vaPack) {
        i.args.push(...packed.map((a) => ({ ...a })));
        delete i.vaPack;
      }
      // Static allocas of the entry block are allocated once, in the caller's entry.
      if (bi === 0 && i.op === "alloca" && i.dynSize === undefined) entryAllocas.push(i);
      else nb.insts.push(i);
    }
    const t = cloneTerm(cb.term);
    if (t.op === "ret") {
      const v = t.value === undefined ? undefined : remap(t.value);
      if (v !== undefined && call.retAddr !== undefined && callee.ret.kind === "agg") {
        const lay = callee.ret.layout;
        nb.insts.push({ op: "memcpy", dstAddr: call.retAddr, srcAddr: v, size: { k: "int", value: BigInt(lay.size) }, align: lay.align });
      }
      returns.push(v === undefined ? { block: nb.label } : { block: nb.label, value: v });
      nb.term = { op: "br", target: cont.label };
    } else {
      mapTermOperands(t, remap);
      mapSuccessors(t, label);
      nb.term = t;
    }
    return nb;
  });

  if (call.dst !== undefined && call.ret.kind === "scalar") {
    const type = call.ret.type;
    if (returns.length === 0) cont.insts.unshift({ op: "copy", dst: call.dst, type, a: { k: "undef" } });
    else cont.phis.push({ dst: call.dst, type, incoming: returns.map((r) => ({ block: r.block, value: r.value ?? { k: "undef" } })) });
  }
  caller.blocks.splice(blockIndex + 1, 0, ...copies, cont);
  caller.addressTaken.push(...callee.addressTaken.map(label));
  caller.blocks[0]!.insts.unshift(...entryAllocas);
}

