// The IR verifier: rejects malformed IR with an InternalCompilerError naming
// the function and the pass that produced it. It checks
//   - structure: unique labels, existing branch targets, one definition per temp,
//     blockaddr and indirectbr name only blocks in the address-taken list;
//   - types: every operand has the type its position requires, conversions go
//     the right way, constants are of the right kind;
//   - SSA: every use is dominated by its definition (phi uses at the end of
//     the incoming block), and each phi has exactly one entry per predecessor.
// Unreachable blocks are checked for types but not dominance (as in LLVM).

import type { ArgType, Func, IntBin, InlineAsm, Inst, Module, RetType, Type, Value } from "./ir.js";
import { INT_BIN_OPS, asmOperands, bitWidth, instDst, instOperands, isFloatType, isIntType, successors, termOperands } from "./ir.js";
import { buildCFG, buildDomTree } from "./cfg.js";
import { InternalCompilerError } from "./errors.js";

export function verifyModule(m: Module, pass?: string): void {
  const names = new Set<string>();
  for (const g of m.globals) {
    if (names.has(g.name)) throw new InternalCompilerError(`duplicate symbol $${g.name}`, { pass });
    names.add(g.name);
    if (g.align < 1 || (g.align & (g.align - 1)) !== 0) throw new InternalCompilerError(`bad alignment of $${g.name}`, { pass });
  }
  for (const f of m.funcs) {
    if (names.has(f.name)) throw new InternalCompilerError(`duplicate symbol $${f.name}`, { pass });
    names.add(f.name);
    verifyFunc(f, pass);
  }
}

function argScalar(t: ArgType | RetType): Type {
  return t.kind === "scalar" ? t.type : "ptr";
}

/** The types of asmOperands(a), in order. */
function asmOperandTypes(a: InlineAsm): Type[] {
  const ts: Type[] = [];
  for (const o of a.outputs) if (o.kind === "mem") ts.push("ptr");
  for (const x of a.inputs) ts.push(x.kind === "mem" ? "ptr" : x.type);
  return ts;
}

/** The type each operand of `i` must have, in instOperands order. */
function operandTypes(i: Inst): Type[] {
  switch (i.op) {
    case "alloca": return i.dynSize ? ["i64"] : [];
    case "load": return ["ptr"];
    case "store": return [i.type, "ptr"];
    case "fneg": case "copy": return [i.type];
    case "select": return ["i1", i.type, i.type];
    case "addr": case "blockaddr": return [];
    case "call": {
      const ts = i.args.map((a) => argScalar(a.type));
      if (i.callee.kind === "value") ts.unshift("ptr");
      if (i.retAddr) ts.push("ptr");
      if (i.chain) ts.push("ptr");
      return ts;
    }
    case "memcpy": return ["ptr", "ptr", "i64"];
    case "memset": return ["ptr", "i8", "i64"];
    case "va_start": case "va_end": case "va_arg": return ["ptr"];
    case "va_copy": return ["ptr", "ptr"];
    case "intrinsic": return i.args.map(() => "any" as Type);
    case "asm": return asmOperandTypes(i);
    case "icmp": case "fcmp": return [i.type, i.type];
    default:
      if ("from" in i) return [i.from];
      // Pointer arithmetic: ptr op i64 (byte offsets, alignment masks).
      if (i.type === "ptr") return ["ptr", "i64"];
      return [i.type, i.type];
  }
}

function resultType(i: Inst): Type | undefined {
  switch (i.op) {
    case "alloca": case "addr": case "blockaddr": return "ptr";
    case "icmp": case "fcmp": return "i1";
    case "call": return i.ret.kind === "scalar" ? i.ret.type : undefined;
    case "va_arg": return argScalar(i.type);
    case "store": case "memcpy": case "memset": case "va_start": case "va_end": case "va_copy": case "asm": return undefined;
    case "intrinsic": return i.type;
    default: return "to" in i ? i.to : i.type;
  }
}

/** Why a conversion is ill-typed, or undefined if it is fine. */
function convError(i: Extract<Inst, { from: Type }>): string | undefined {
  const { from, to } = i;
  const int = (t: Type): boolean => isIntType(t);
  const fl = (t: Type): boolean => isFloatType(t);
  switch (i.op) {
    case "trunc": return int(from) && int(to) && bitWidth(to) < bitWidth(from) ? undefined : "trunc must narrow an integer";
    case "zext": case "sext": return int(from) && int(to) && bitWidth(to) > bitWidth(from) ? undefined : `${i.op} must widen an integer`;
    case "fptosi": case "fptoui": return fl(from) && int(to) ? undefined : `${i.op} converts float to int`;
    case "sitofp": case "uitofp": return int(from) && fl(to) ? undefined : `${i.op} converts int to float`;
    case "fpext": return fl(from) && fl(to) && bitWidth(to) > bitWidth(from) ? undefined : "fpext must widen a float";
    case "fptrunc": return fl(from) && fl(to) && bitWidth(to) < bitWidth(from) ? undefined : "fptrunc must narrow a float";
    case "ptrtoint": return from === "ptr" && int(to) ? undefined : "ptrtoint converts ptr to int";
    case "inttoptr": return int(from) && to === "ptr" ? undefined : "inttoptr converts int to ptr";
    case "bitcast": return bitWidth(from) === bitWidth(to) && from !== to ? undefined : "bitcast needs equal widths";
  }
}

export function verifyFunc(f: Func, pass?: string): void {
  const fail = (msg: string): never => {
    throw new InternalCompilerError(msg, { func: f.name, pass });
  };
  if (f.blocks.length === 0) fail("function has no blocks");
  const labels = new Set<string>();
  for (const b of f.blocks) {
    if (labels.has(b.label)) fail(`duplicate block @${b.label}`);
    labels.add(b.label);
  }
  const taken = new Set(f.addressTaken);
  for (const l of taken) if (!labels.has(l)) fail(`address-taken block @${l} does not exist`);
  for (const b of f.blocks) {
    const t = b.term;
    for (const l of successors(t)) if (!labels.has(l)) fail(`@${b.label} branches to unknown block @${l}`);
    if (t.op === "indirectbr") for (const l of t.targets) if (!taken.has(l)) fail(`indirectbr in @${b.label} to @${l}, whose address is not taken`);
    if (t.op === "switch") {
      const seen = new Set<bigint>();
      for (const c of t.cases) {
        const v = BigInt.asUintN(bitWidth(t.type), c.value);
        if (seen.has(v)) fail(`duplicate switch case ${c.value} in @${b.label}`);
        seen.add(v);
      }
    }
  }
  const cfg = buildCFG(f);
  const dom = buildDomTree(cfg);
  // The entry runs once: parameters and the prologue live there.
  if (cfg.preds[0]!.length) fail(`entry block @${f.blocks[0]!.label} has predecessors`);

  // Where each temp is defined: block index and position (-1 for phis/params).
  const defBlock = new Array<number>(f.temps.length).fill(-2);
  const defPos = new Array<number>(f.temps.length).fill(0);
  const define = (id: number, block: number, pos: number, type: Type | undefined): void => {
    const info = f.temps[id];
    if (!info) fail(`definition of nonexistent temp ${id}`);
    if (defBlock[id] !== -2) fail(`%${info!.name} is defined more than once`);
    if (type !== undefined && info!.type !== type) fail(`%${info!.name} is declared ${info!.type} but defined as ${type}`);
    defBlock[id] = block;
    defPos[id] = pos;
  };
  for (const p of f.params) define(p.temp, 0, -2, argScalar(p.type));
  if (f.chain !== undefined) define(f.chain, 0, -2, "ptr");
  f.blocks.forEach((b, bi) => {
    for (const p of b.phis) define(p.dst, bi, -1, p.type);
    b.insts.forEach((i, ii) => {
      if (i.op === "asm") {
        // Each register output defines its temp, of whatever type it was declared.
        for (const o of i.outputs) if (o.kind === "reg") define(o.dst, bi, ii, undefined);
        return;
      }
      const d = instDst(i);
      const rt = resultType(i);
      if (d !== undefined) {
        if (rt === undefined) fail(`'${i.op}' cannot have a result`);
        define(d, bi, ii, rt);
      } else if (rt !== undefined && i.op !== "call" && i.op !== "intrinsic") fail(`'${i.op}' needs a result`);
    });
  });

  const typeName = (v: Value): string => (v.k === "temp" ? `%${f.temps[v.id]?.name}` : v.k);
  /** Check one use: type and dominance. `at` is [block, position] of the use. */
  const use = (v: Value, want: Type, block: number, pos: number, what: string): void => {
    if (v.k === "undef") return;
    if (v.k === "int") {
      if (want !== "any" as Type && !isIntType(want) && want !== "ptr") fail(`integer constant used as ${want} in ${what}`);
      return;
    }
    if (v.k === "float") {
      if (want !== "any" as Type && !isFloatType(want)) fail(`float constant used as ${want} in ${what}`);
      return;
    }
    const info = f.temps[v.id];
    if (!info) return fail(`use of nonexistent temp ${v.id} in ${what}`);
    if (want !== "any" as Type && info.type !== want) fail(`${typeName(v)} has type ${info.type}, expected ${want} in ${what}`);
    const db = defBlock[v.id]!;
    if (db === -2) fail(`${typeName(v)} is used but never defined`);
    if (cfg.rpoNum[block] === -1) return;
    const ok = db === block ? defPos[v.id]! < pos : dom.dominates(db, block);
    if (!ok) fail(`${typeName(v)} does not dominate its use in ${what} (@${f.blocks[block]!.label})`);
  };

  f.blocks.forEach((b, bi) => {
    const predLabels = cfg.preds[bi]!.map((p) => f.blocks[p]!.label).sort();
    for (const p of b.phis) {
      const inc = p.incoming.map((x) => x.block).sort();
      if (inc.length !== predLabels.length || inc.some((l, k) => l !== predLabels[k])) {
        fail(`phi %${f.temps[p.dst]!.name} in @${b.label} lists [${inc.join(" ")}] but predecessors are [${predLabels.join(" ")}]`);
      }
      for (const x of p.incoming) {
        const pb = cfg.index.get(x.block)!;
        // A phi operand is used at the end of its incoming block.
        use(x.value, p.type, pb, Number.MAX_SAFE_INTEGER, `phi in @${b.label}`);
      }
    }
    b.insts.forEach((i, ii) => {
      const what = `'${i.op}' in @${b.label}`;
      const ops = instOperands(i);
      const tys = operandTypes(i);
      ops.forEach((v, k) => use(v, tys[k]!, bi, ii, what));
      if ("from" in i) {
        const e = convError(i);
        if (e) fail(`${e} (${i.from} to ${i.to}) in @${b.label}`);
      }
      if ((i.op === "sdiv" || i.op === "udiv" || i.op === "srem" || i.op === "urem" || i.op === "mul" ||
        i.op === "shl" || i.op === "lshr" || i.op === "ashr") && i.type === "ptr") fail(`${what} on ptr`);
      // The TypeScript types say so, but lowering casts: check the class at run time.
      if ((i.op === "fneg" || i.op === "fcmp" || i.op === "fadd" || i.op === "fsub" || i.op === "fmul" || i.op === "fdiv") &&
        !isFloatType(i.type)) fail(`${what} on ${i.type}`);
      if (i.op === "icmp" && isFloatType(i.type)) fail(`${what} on ${i.type}`);
      if ((INT_BIN_OPS as readonly string[]).includes(i.op) && isFloatType((i as IntBin).type)) fail(`${what} on ${(i as IntBin).type}`);
      if (i.op === "alloca" && (i.align < 1 || (i.align & (i.align - 1)) !== 0)) fail(`bad alignment in ${what}`);
      if (i.op === "call") {
        if (i.ret.kind === "agg" && !i.retAddr) fail(`call returning an aggregate needs 'into' in @${b.label}`);
        if (i.ret.kind !== "agg" && i.retAddr) fail(`'into' on a call not returning an aggregate in @${b.label}`);
        if (i.fixedArgs !== undefined && i.fixedArgs > i.args.length) fail(`bad variadic split in ${what}`);
      }
      if (i.op === "blockaddr" && i.func === undefined && !taken.has(i.block)) fail(`blockaddr of @${i.block}, which is not in the address-taken list`);
    });
    const t = b.term;
    const tops = termOperands(t);
    const end = b.insts.length;
    if (t.op === "condbr") use(tops[0]!, "i1", bi, end, `condbr in @${b.label}`);
    if (t.op === "switch") use(tops[0]!, t.type, bi, end, `switch in @${b.label}`);
    if (t.op === "indirectbr") use(tops[0]!, "ptr", bi, end, `indirectbr in @${b.label}`);
    if (t.op === "asmgoto") {
      if (t.asm.outputs.some((o) => o.kind === "reg")) fail(`asmgoto in @${b.label} defines a temp`);
      const tys = asmOperandTypes(t.asm);
      tops.forEach((v, k) => use(v, tys[k]!, bi, end, `asmgoto in @${b.label}`));
    }
    if (t.op === "ret") {
      if (f.ret.kind === "void" && t.value) fail(`ret with a value in void function (@${b.label})`);
      if (f.ret.kind !== "void" && !t.value) fail(`ret without a value (@${b.label})`);
      if (t.value) use(t.value, argScalar(f.ret), bi, end, `ret in @${b.label}`);
    }
  });
}
