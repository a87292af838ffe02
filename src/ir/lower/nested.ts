// GNU nested functions: what each function's frame object must hold.
//
// A nested function is lowered as a separate internal function that takes a
// static chain (`Func.chain`): the address of its enclosing function's frame
// object, one alloca holding everything the nested functions reach through it:
//
//   - the automatic objects of the enclosing function they use (a VLA as a
//     pointer to its storage, which is only allocated when its declaration runs);
//   - `link`: the function's own static chain, when it is itself nested, so
//     that a function nested two levels deep can walk up to its grandparent;
//   - one trampoline per nested function whose address is taken (it becomes a
//     plain code pointer that loads the chain and jumps to the function);
//   - one jump buffer (three pointers, for `setjmp`/`longjmp` intrinsics) per
//     `__label__` label a nested function jumps to (a non-local goto).
//
// This pass only reads the AST and decides the layouts; lower.ts emits the code.

import type * as A from "../../frontend/ast.js";
import { alignOf, hasVariableSize, sizeOf } from "../../frontend/types.js";
import type { DataLayout } from "../../target.js";

/** Where a captured object lives in its owner's frame object. */
export interface FrameObject {
  offset: number;
  /** The slot holds the object's address (VLAs), not the object. */
  indirect: boolean;
}

export interface FrameLayout {
  size: number;
  align: number;
  objects: Map<number, FrameObject>;
  /** Offset of the saved incoming static chain (nested functions only). */
  link?: number;
  /** Trampolines of the nested functions defined here whose address is taken: function symbol → offset. */
  trampolines: Map<A.FunctionSymbol, number>;
  /** Jump buffers of labels that nested functions jump to: label id → offset. */
  receivers: Map<number, number>;
}

/** Three pointers: frame pointer, resume address, stack pointer (see the setjmp intrinsic). */
const JUMP_BUFFER_SIZE = 24;

export class NestingPlan {
  /** Functions that enclose nested functions, and so have a frame object. */
  readonly frames = new Map<A.FunctionDef, FrameLayout>();
  /** The function each automatic object (parameters included) belongs to. */
  private readonly objectOwner = new Map<number, A.FunctionDef>();
  /** The function each label belongs to. */
  private readonly labelOwner = new Map<number, A.FunctionDef>();

  constructor(tu: A.TranslationUnit, private readonly layout: DataLayout) {
    const enclosers = new Set<A.FunctionDef>();
    for (const def of tu.functions) {
      const parent = def.sym.enclosing?.def;
      if (parent) enclosers.add(parent);
    }
    if (enclosers.size === 0) return;
    for (const def of tu.functions) {
      // A VLA bound in a nested function's parameter is a local of both: the nested one evaluates it.
      for (const o of def.locals) if (!o.isStatic && !this.objectOwner.has(o.id)) this.objectOwner.set(o.id, def);
      for (const l of def.labels) this.labelOwner.set(l.id, def);
    }
    const captured = new Map<A.FunctionDef, A.ObjectSymbol[]>();
    const trampolines = new Map<A.FunctionDef, A.FunctionSymbol[]>();
    const receivers = new Map<A.FunctionDef, A.Label[]>();
    const add = <T>(m: Map<A.FunctionDef, T[]>, def: A.FunctionDef, x: T): void => {
      let l = m.get(def);
      if (!l) m.set(def, (l = []));
      if (!l.includes(x)) l.push(x);
    };
    // Only nested functions and their enclosers can name a nested function or an outer object.
    for (const def of tu.functions) {
      if (!def.sym.enclosing && !enclosers.has(def)) continue;
      new UseWalker({
        object: (o) => {
          const owner = this.objectOwner.get(o.id);
          if (owner && owner !== def) add(captured, owner, o);
        },
        functionAddress: (f) => {
          const parent = f.enclosing?.def;
          if (parent) add(trampolines, parent, f);
        },
        nonlocalGoto: (l) => {
          const owner = this.labelOwner.get(l.id);
          if (owner && owner !== def) add(receivers, owner, l);
        },
      }).stmt(def.body);
    }
    for (const def of enclosers) {
      this.frames.set(def, this.layoutFrame(def, captured.get(def) ?? [], trampolines.get(def) ?? [], receivers.get(def) ?? []));
    }
  }

  private layoutFrame(def: A.FunctionDef, objects: A.ObjectSymbol[], tramps: A.FunctionSymbol[], labels: A.Label[]): FrameLayout {
    const frame: FrameLayout = { size: 0, align: 8, objects: new Map(), trampolines: new Map(), receivers: new Map() };
    const place = (size: number, align: number): number => {
      const at = Math.ceil(frame.size / align) * align;
      frame.size = at + size;
      frame.align = Math.max(frame.align, align);
      return at;
    };
    if (def.sym.enclosing) frame.link = place(8, 8);
    for (const l of labels) frame.receivers.set(l.id, place(JUMP_BUFFER_SIZE, 8));
    for (const f of tramps) frame.trampolines.set(f, place(this.layout.trampoline.size, this.layout.trampoline.align));
    // Params and locals in declaration order, so the frame reads like the function.
    for (const o of def.locals) {
      if (!objects.includes(o)) continue;
      // Storage allocated at run time (a vladecl) is reached through a pointer in the frame.
      if (hasVariableSize(o.type)) frame.objects.set(o.id, { offset: place(8, 8), indirect: true });
      else {
        const align = Math.max(alignOf(o.type), o.align ?? 1, o.attrs.aligned ?? 1);
        frame.objects.set(o.id, { offset: place(Math.max(1, sizeOf(o.type)), align), indirect: false });
      }
    }
    frame.size = Math.max(8, frame.size);
    return frame;
  }

  /** The function an automatic object belongs to (undefined outside nested-function code). */
  ownerOfObject(o: A.ObjectSymbol): A.FunctionDef | undefined {
    return this.objectOwner.get(o.id);
  }

  ownerOfLabel(l: A.Label): A.FunctionDef | undefined {
    return this.labelOwner.get(l.id);
  }
}

/** Nesting depth: 0 for a file-scope function. Enclosing functions are lowered first. */
export function nestingDepth(def: A.FunctionDef): number {
  let n = 0;
  for (let s = def.sym.enclosing; s; s = s.enclosing) n++;
  return n;
}

interface UseSink {
  object(o: A.ObjectSymbol): void;
  /** A nested function used other than by a direct call. */
  functionAddress(f: A.FunctionSymbol): void;
  nonlocalGoto(l: A.Label): void;
}

/** Walks a function body reporting the uses a frame layout depends on. */
class UseWalker {
  constructor(private readonly sink: UseSink) {}

  stmt(s: A.Stmt): void {
    switch (s.kind) {
      case "block": for (const x of s.body) this.stmt(x); return;
      case "expr": this.expr(s.expr); return;
      case "empty": case "break": case "continue": return;
      case "decl": if (s.init) this.init(s.init); return;
      case "vladecl": this.expr(s.size); return;
      case "if": this.expr(s.cond); this.stmt(s.then); if (s.else) this.stmt(s.else); return;
      case "while": this.expr(s.cond); this.stmt(s.body); return;
      case "do": this.stmt(s.body); this.expr(s.cond); return;
      case "for":
        if (s.init) this.stmt(s.init);
        if (s.cond) this.expr(s.cond);
        if (s.step) this.expr(s.step);
        this.stmt(s.body);
        return;
      case "switch": this.expr(s.cond); this.stmt(s.body); return;
      case "case": case "label": this.stmt(s.body); return;
      case "return": if (s.value) this.expr(s.value); return;
      case "goto": this.sink.nonlocalGoto(s.label); return;
      case "computedgoto": this.expr(s.target); return;
      case "asm":
        for (const o of s.outputs) this.expr(o.expr);
        for (const o of s.inputs) this.expr(o.expr);
        return;
    }
  }

  private init(init: A.LocalInit): void {
    for (const item of init.items) this.expr(item.expr);
  }

  expr(e: A.Expr): void {
    switch (e.kind) {
      case "int": case "float": case "string": case "labeladdr": return;
      case "var":
        if (e.sym.kind === "object") this.sink.object(e.sym);
        else this.sink.functionAddress(e.sym);
        return;
      case "member": this.expr(e.base); if (e.offset) this.expr(e.offset); return;
      case "deref": this.expr(e.ptr); return;
      case "addr": case "decay": case "cast": case "unary": case "real": case "imag": this.expr(e.operand); return;
      case "binary": case "ptrdiff": case "logical": case "comma": this.expr(e.left); this.expr(e.right); return;
      case "ptradd": this.expr(e.ptr); this.expr(e.index); return;
      case "cond": this.expr(e.cond); if (e.then) this.expr(e.then); this.expr(e.else); return;
      case "assign": this.expr(e.target); this.expr(e.value); if (e.size) this.expr(e.size); return;
      case "opassign": this.expr(e.target); this.expr(e.value); return;
      case "incdec": this.expr(e.target); return;
      case "call": {
        // A direct call passes the chain itself; any other use needs a trampoline.
        const c = e.callee;
        const direct = (c.kind === "decay" || c.kind === "addr") && c.operand.kind === "var" && c.operand.sym.kind === "function";
        if (!direct) this.expr(c);
        for (const a of e.args) this.expr(a);
        return;
      }
      case "builtin": for (const a of e.args) this.expr(a); return;
      case "vaarg": this.expr(e.ap); return;
      case "stmtexpr": for (const s of e.body) this.stmt(s); if (e.result) this.expr(e.result); return;
      case "compound": this.sink.object(e.sym); if (e.init) this.init(e.init); return;
    }
  }
}
