// IR → text. The grammar is in IR.md; parser.ts reads exactly what this writes.

import type {
  AggLayout, ArgType, Block, Func, Global, InitPiece, InlineAsm, Inst, Module, RetType, Terminator, Type, Value,
} from "./ir.js";
import { isFloatType } from "./ir.js";
import { floatValue } from "./float.js";

export function printModule(m: Module): string {
  const out: string[] = [];
  for (const a of m.asm) out.push(`asm ${textLiteral(a)}`);
  if (m.asm.length) out.push("");
  for (const t of m.types) out.push(printTypeDef(t));
  if (m.types.length) out.push("");
  for (const g of m.globals) out.push(printGlobal(g));
  if (m.globals.length) out.push("");
  for (const f of m.funcs) out.push(printFunc(f));
  return out.join("\n");
}

export function printTypeDef(t: AggLayout): string {
  const fields = t.fields.map((f) => `${f.type} ${f.offset}`).join(", ");
  return `type :${t.name} = size ${t.size} align ${t.align}${t.complex ? " complex" : ""}${t.vector ? " vector" : ""}${t.union ? " union" : ""} { ${fields} }`;
}

function quote(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => "\\" + c)}"`;
}

function bytesLiteral(data: Uint8Array): string {
  let s = '"';
  for (const b of data) {
    if (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c) s += String.fromCharCode(b);
    else s += "\\" + b.toString(16).padStart(2, "0");
  }
  return s + '"';
}

/** A string of arbitrary text (asm templates): UTF-8 bytes, escaped like `bytes`. */
function textLiteral(s: string): string {
  return bytesLiteral(new TextEncoder().encode(s));
}

/** `vector N ` for a vector asm operand kept in memory (see AsmOutput). */
function vectorSize(n: number | undefined): string {
  return n === undefined ? "" : `vector ${n} `;
}

/** The body shared by `asm` and `asmgoto`: flags, template, operands, clobbers. */
function printAsmBody(f: Func, a: InlineAsm): string {
  const name = (n: string | undefined): string => (n !== undefined ? `[${n}] ` : "");
  let s = (a.volatile ? "volatile " : "") + textLiteral(a.template);
  if (a.outputs.length) {
    s += " out(" + a.outputs.map((o) => name(o.name) + textLiteral(o.constraint) + " " + (o.kind === "reg"
      ? `${f.temps[o.dst]!.type} %${f.temps[o.dst]!.name}`
      : `mem ${vectorSize(o.vector)}${printValue(f, o.addr, "ptr")}`)).join(", ") + ")";
  }
  if (a.inputs.length) {
    s += " in(" + a.inputs.map((x) => name(x.name) + textLiteral(x.constraint) + " " + (x.kind === "value"
      ? `${x.type} ${printValue(f, x.value, x.type)}`
      : `mem ${vectorSize(x.vector)}${printValue(f, x.addr, "ptr")}`)).join(", ") + ")";
  }
  if (a.clobbers.length) s += " clobber(" + a.clobbers.map(textLiteral).join(", ") + ")";
  return s;
}

function printAttrs(o: { linkage: string; visibility: string; section?: string; used?: boolean }): string {
  let s = "";
  if (o.linkage !== "external") s += " " + o.linkage;
  if (o.visibility !== "default") s += " " + o.visibility;
  if (o.used) s += " used";
  if (o.section !== undefined) s += " section " + quote(o.section);
  return s;
}

export function printInitPiece(p: InitPiece): string {
  switch (p.k) {
    case "bytes": return `bytes ${bytesLiteral(p.data)}`;
    case "zero": return `zero ${p.size}`;
    case "sym": {
      if (p.block === undefined) return `sym${p.width} ${symRef(p.name, p.addend)}`;
      const minus = p.minusBlock !== undefined ? ` - @${p.minusBlock}` : "";
      return `sym${p.width} $${p.name} @${p.block}${minus}${addendText(p.addend)}`;
    }
  }
}

function addendText(off: bigint): string {
  return off > 0n ? "+" + off : off < 0n ? String(off) : "";
}

function symRef(name: string, off: bigint | number): string {
  const o = BigInt(off);
  return `$${name}${o > 0n ? "+" + o : o < 0n ? String(o) : ""}`;
}

export function printGlobal(g: Global): string {
  let s = "global" + printAttrs(g);
  if (g.threadLocal) s += " tls";
  if (g.readonly) s += " readonly";
  s += ` align ${g.align}`;
  if (g.commonSize !== undefined) s += ` size ${g.commonSize}`;
  s += ` $${g.name}`;
  if (g.init) s += ` = { ${g.init.map(printInitPiece).join(", ")} }`;
  return s;
}

export function printArgType(t: ArgType | RetType): string {
  return t.kind === "scalar" ? t.type + (t.ext ? ` ${t.ext}ext` : "") : t.kind === "agg" ? `:${t.layout.name}` : "void";
}

export function printFunc(f: Func): string {
  const tn = (id: number): string => "%" + f.temps[id]!.name;
  const params = f.params.map((p) => `${printArgType(p.type)} ${tn(p.temp)}`);
  if (f.chain !== undefined) params.unshift(`chain ${tn(f.chain)}`);
  if (f.varargs) params.push("...");
  const taken = f.addressTaken.length ? ` addresstaken [${f.addressTaken.map((l) => "@" + l).join(", ")}]` : "";
  const inl = (f.alwaysInline ? " alwaysinline" : "") + (f.noInline ? " noinline" : "") + (f.inlineHint ? " inlinehint" : "") + (f.inlineOnly ? " inlineonly" : "")
    + (f.stackProtect === "require" ? " sspreq" : f.stackProtect === "never" ? " nossp" : "");
  const lines = [`function${printAttrs(f)}${inl} ${printArgType(f.ret)} $${f.name}(${params.join(", ")})${taken} {`];
  for (const b of f.blocks) for (const l of printBlock(f, b)) lines.push(l);
  lines.push("}", "");
  return lines.join("\n");
}

export function printValue(f: Func, v: Value, ty?: Type): string {
  switch (v.k) {
    case "temp": return "%" + (f.temps[v.id]?.name ?? `?${v.id}`);
    case "int": return v.value.toString();
    case "undef": return "undef";
    case "float": return printFloat(v.bits, ty);
  }
}

function printFloat(bits: bigint, ty: Type | undefined): string {
  if (ty !== undefined && isFloatType(ty)) {
    const x = floatValue(ty, bits);
    if (x !== undefined && Number.isFinite(x)) {
      if (Object.is(x, -0)) return "-0.0";
      const s = String(x);
      return /[.e]/.test(s) ? s : s + ".0";
    }
  }
  return "0x" + bits.toString(16);
}

function printBlock(f: Func, b: Block): string[] {
  const v = (x: Value, t?: Type): string => printValue(f, x, t);
  const d = (id: number): string => "%" + f.temps[id]!.name;
  const lines = [`@${b.label}`];
  for (const p of b.phis) {
    const inc = p.incoming.map((i) => `@${i.block} ${v(i.value, p.type)}`).join(", ");
    lines.push(`  ${d(p.dst)} = phi ${p.type} ${inc}`);
  }
  for (const i of b.insts) lines.push("  " + printInst(f, i));
  lines.push("  " + printTerm(f, b.term));
  return lines;
}

export function printInst(f: Func, i: Inst): string {
  const v = (x: Value, t?: Type): string => printValue(f, x, t);
  const d = (id: number): string => "%" + f.temps[id]!.name + " = ";
  switch (i.op) {
    case "alloca":
      return `${d(i.dst)}alloca ${i.dynSize ? v(i.dynSize, "i64") : i.size}, align ${i.align}${i.ssp ? `, ssp ${i.ssp}` : ""}`;
    case "load":
      return `${d(i.dst)}load ${i.volatile ? "volatile " : ""}${i.type} ${v(i.addr, "ptr")}`;
    case "store":
      return `store ${i.volatile ? "volatile " : ""}${i.type} ${v(i.value, i.type)}, ${v(i.addr, "ptr")}`;
    case "fneg": return `${d(i.dst)}fneg ${i.type} ${v(i.a, i.type)}`;
    case "icmp": case "fcmp":
      return `${d(i.dst)}${i.op} ${i.pred} ${i.type} ${v(i.a, i.type)}, ${v(i.b, i.type)}`;
    case "select":
      return `${d(i.dst)}select ${i.type} ${v(i.cond, "i1")}, ${v(i.a, i.type)}, ${v(i.b, i.type)}`;
    case "copy": return `${d(i.dst)}copy ${i.type} ${v(i.a, i.type)}`;
    case "addr": return `${d(i.dst)}addr ${symRef(i.sym, i.offset)}`;
    case "blockaddr": return `${d(i.dst)}blockaddr ${i.func !== undefined ? `$${i.func} ` : ""}@${i.block}`;
    case "call": {
      const args = i.args.map((a) => `${printArgType(a.type)} ${v(a.value, a.type.kind === "scalar" ? a.type.type : "ptr")}`);
      if (i.fixedArgs !== undefined) args.splice(i.fixedArgs, 0, "...");
      if (i.chain) args.unshift(`chain ${v(i.chain, "ptr")}`);
      const callee = i.callee.kind === "sym" ? `$${i.callee.name}` : v(i.callee.value, "ptr");
      const into = i.retAddr ? ` into ${v(i.retAddr, "ptr")}` : "";
      const builtin = i.builtin !== undefined ? ` builtin $${i.builtin}` : "";
      const pack = i.vaPack ? " vapack" : "";
      return `${i.dst !== undefined ? d(i.dst) : ""}call ${printArgType(i.ret)} ${callee}(${args.join(", ")})${into}${builtin}${pack}`;
    }
    case "memcpy":
      return `memcpy ${v(i.dstAddr, "ptr")}, ${v(i.srcAddr, "ptr")}, ${v(i.size, "i64")}, align ${i.align}`;
    case "memset":
      return `memset ${v(i.dstAddr, "ptr")}, ${v(i.byte, "i8")}, ${v(i.size, "i64")}, align ${i.align}`;
    case "va_start": case "va_end": return `${i.op} ${v(i.ap, "ptr")}`;
    case "va_copy": return `va_copy ${v(i.dstAp, "ptr")}, ${v(i.srcAp, "ptr")}`;
    case "va_arg": return `${d(i.dst)}va_arg ${printArgType(i.type)} ${v(i.ap, "ptr")}`;
    case "intrinsic": {
      const args = i.args.map((a) => v(a, i.type)).join(", ");
      return `${i.dst !== undefined ? d(i.dst) : ""}intrinsic ${i.name}${i.type ? " " + i.type : ""} (${args})`;
    }
    case "asm": return "asm " + printAsmBody(f, i);
    default:
      if ("from" in i) return `${d(i.dst)}${i.op} ${i.from} ${v(i.a, i.from)} to ${i.to}`;
      return `${d(i.dst)}${i.op} ${i.type} ${v(i.a, i.type)}, ${v(i.b, i.type)}`;
  }
}

function retScalar(f: Func): Type | undefined {
  return f.ret.kind === "scalar" ? f.ret.type : f.ret.kind === "agg" ? "ptr" : undefined;
}

export function printTerm(f: Func, t: Terminator): string {
  const v = (x: Value, ty?: Type): string => printValue(f, x, ty);
  switch (t.op) {
    case "br": return `br @${t.target}`;
    case "condbr": return `condbr ${v(t.cond, "i1")}, @${t.ifTrue}, @${t.ifFalse}`;
    case "switch": {
      const cases = t.cases.map((c) => `${c.value} @${c.target}`).join(", ");
      return `switch ${t.type} ${v(t.value, t.type)}, @${t.default} [${cases}]`;
    }
    case "ret": return t.value ? `ret ${v(t.value, retScalar(f))}` : "ret";
    case "unreachable": return "unreachable";
    case "indirectbr": return `indirectbr ${v(t.addr, "ptr")}, [${t.targets.map((l) => "@" + l).join(", ")}]`;
    case "asmgoto":
      return `asmgoto ${printAsmBody(f, t.asm)}, @${t.fallthrough}, [${t.targets.map((l) => "@" + l).join(", ")}]`;
  }
}
