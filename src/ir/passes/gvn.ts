// gvn: global value numbering by dominator-tree scoped hashing, with
// redundant-load elimination and store-to-load forwarding.
//
// Walking the dominator tree, an instruction computing what a dominating one
// already computed (same operation, same operands after replacement; operands
// of commutative integer operations in a fixed order) is replaced by it: the
// repeated `addr $g`, index arithmetic and comparisons lowering emits. Phis of
// one block with the same incoming values merge too.
//
// Memory: a list of (address, type) → value facts flows along each block;
// a block starts with the facts all its predecessors end with (the dominator
// tree is walked with children in reverse postorder, so every forward
// predecessor is done first; a loop header, reached by a back edge, starts
// with none).
// A load of a known (address, type) is the known value; a load or a store
// makes its value known; a store, memcpy or memset forgets the facts it may
// alias (alias.ts); a call or anything opaque forgets every fact about memory
// that may escape. Volatile accesses are never forwarded. Functions calling
// setjmp and kin get no memory facts: a longjmp returns with memory as it is.

import { AliasInfo, asmNamedSymbols } from "../alias.js";
import { buildCFG, buildDomTree } from "../cfg.js";
import {
  callsReturnsTwice, mapInstOperands, mapTermOperands, storeSize,
  type Func, type Inst, type Module, type Type, type Value,
} from "../ir.js";

const COMMUTATIVE = new Set(["add", "mul", "and", "or", "xor"]);
/** Memory facts kept at once (the oldest go first): bounds the work per store in huge blocks. */
const MAX_FACTS = 64;
interface MemFact { addr: Value; type: Type; value: Value }

export function gvn(m: Module): void {
  const asmNames = asmNamedSymbols(m);
  for (const f of m.funcs) if (f.blocks.length > 0) gvnFunc(f, asmNames);
}

const key = (v: Value): string => (v.k === "temp" ? `%${v.id}` : v.k === "int" ? `${v.value}` : v.k === "float" ? `f${v.bits}` : "undef");

/** The hash key of a pure instruction, or undefined for one that is not numbered. */
function exprKey(i: Inst): string | undefined {
  switch (i.op) {
    case "add": case "sub": case "mul": case "sdiv": case "udiv": case "srem": case "urem":
    case "and": case "or": case "xor": case "shl": case "lshr": case "ashr": {
      let [a, b] = [key(i.a), key(i.b)];
      if (COMMUTATIVE.has(i.op) && a > b) [a, b] = [b, a];
      return `${i.op} ${i.type} ${a} ${b}`;
    }
    case "fadd": case "fsub": case "fmul": case "fdiv": return `${i.op} ${i.type} ${key(i.a)} ${key(i.b)}`;
    case "fneg": return `fneg ${i.type} ${key(i.a)}`;
    case "icmp": case "fcmp": return `${i.op} ${i.pred} ${i.type} ${key(i.a)} ${key(i.b)}`;
    case "trunc": case "zext": case "sext": case "fptosi": case "fptoui": case "sitofp": case "uitofp":
    case "fpext": case "fptrunc": case "ptrtoint": case "inttoptr": case "bitcast":
      return `${i.op} ${i.from} ${i.to} ${key(i.a)}`;
    case "select": return `select ${i.type} ${key(i.cond)} ${key(i.a)} ${key(i.b)}`;
    case "addr": return `addr ${i.sym} ${i.offset}`;
    default: return undefined;
  }
}

/** The facts every one of the lists holds (same address, type and value). */
function meetFacts(lists: MemFact[][]): MemFact[] {
  const [first, ...rest] = lists;
  const same = (x: MemFact, y: MemFact): boolean => x.type === y.type && key(x.addr) === key(y.addr) && key(x.value) === key(y.value);
  return first!.filter((x) => rest.every((l) => l.some((y) => same(x, y))));
}

function gvnFunc(f: Func, asmNames: ReadonlySet<string>): void {
  const cfg = buildCFG(f);
  const dom = buildDomTree(cfg);
  const alias = new AliasInfo(f, asmNames);
  const trackMemory = !f.blocks.some((b) => b.insts.some((i) =>
    (i.op === "intrinsic" && i.name === "setjmp") || callsReturnsTwice(i)));
  const repl = new Map<number, Value>();
  const get = (v: Value): Value => (v.k === "temp" ? repl.get(v.id) ?? v : v);
  const table = new Map<string, Value>();
  const memOut: MemFact[][] = f.blocks.map(() => []);
  const done = new Uint8Array(f.blocks.length);

  // Iterative preorder walk of the dominator tree; each entry undoes its table keys when left.
  const stack: { b: number; added: string[] | undefined }[] = [{ b: 0, added: undefined }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.added) {
      for (const k of top.added) table.delete(k);
      stack.pop();
      continue;
    }
    const added: string[] = [];
    top.added = added;
    const bi = top.b;
    const block = f.blocks[bi]!;
    const preds = cfg.preds[bi]!;
    let mem: MemFact[] = trackMemory && preds.length > 0 && preds.every((p) => done[p]) ? meetFacts(preds.map((p) => memOut[p]!)) : [];
    const number = (k: string, dst: number): void => {
      const hit = table.get(k);
      if (hit) repl.set(dst, hit);
      else { table.set(k, { k: "temp", id: dst }); added.push(k); }
    };
    for (const phi of block.phis) {
      const incoming = phi.incoming.map((x) => `${x.block}:${key(get(x.value))}`).sort().join(",");
      number(`phi ${bi} ${phi.type} ${incoming}`, phi.dst);
    }
    block.phis = block.phis.filter((p) => !repl.has(p.dst));
    const remember = (fact: MemFact): void => {
      if (mem.length >= MAX_FACTS) mem.shift();
      mem.push(fact);
    };
    const kept: Inst[] = [];
    for (const i of block.insts) {
      mapInstOperands(i, get);
      if (i.op === "copy") { repl.set(i.dst, i.a); continue; }
      const k = exprKey(i);
      if (k !== undefined && "dst" in i && i.dst !== undefined) {
        number(k, i.dst);
        if (repl.has(i.dst)) continue;
        kept.push(i);
        continue;
      }
      kept.push(i);
      if (!trackMemory) continue;
      switch (i.op) {
        case "load": {
          if (i.volatile) break;
          const a = key(i.addr);
          const fact = mem.find((x) => x.type === i.type && key(x.addr) === a);
          if (fact) { repl.set(i.dst, fact.value); kept.pop(); }
          else remember({ addr: i.addr, type: i.type, value: { k: "temp", id: i.dst } });
          break;
        }
        case "store":
          mem = mem.filter((x) => !alias.mayAlias(x.addr, storeSize(x.type), i.addr, storeSize(i.type)));
          if (!i.volatile) remember({ addr: i.addr, type: i.type, value: i.value });
          break;
        case "memcpy": case "memset": {
          const size = i.size.k === "int" ? Number(i.size.value) : undefined;
          mem = mem.filter((x) => !alias.mayAlias(x.addr, storeSize(x.type), i.dstAddr, size));
          break;
        }
        case "alloca": break;
        default:
          // Calls, va_*, intrinsics, asm: whatever memory they can reach may change.
          mem = mem.filter((x) => !alias.escapes(x.addr));
      }
    }
    block.insts = kept;
    memOut[bi] = mem;
    done[bi] = 1;
    // Pushed last = walked first: children in reverse postorder.
    const children = [...dom.children[bi]!].sort((x, y) => cfg.rpoNum[y]! - cfg.rpoNum[x]!);
    for (const c of children) stack.push({ b: c, added: undefined });
  }

  if (repl.size === 0) return;
  for (const b of f.blocks) {
    for (const p of b.phis) for (const x of p.incoming) x.value = get(x.value);
    for (const i of b.insts) mapInstOperands(i, get);
    mapTermOperands(b.term, get);
  }
}
