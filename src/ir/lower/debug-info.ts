// -g: the AST's types, files and positions as the IR's debug description
// (src/ir/debug.ts). One builder per translation unit; FunctionLowerer asks it
// for positions and types while it lowers.

import type * as A from "../../frontend/ast.js";
import { Q, type Type as CType, type IntType as CIntType, type FloatType as CFloatType } from "../../frontend/types.js";
import type { BaseEncoding, DebugLoc, DebugType, ModuleDebug } from "../debug.js";

export interface DebugOptions {
  level: 1 | 2;
  version: 4 | 5;
  producer: string;
  /** The primary source as named on the command line. */
  name: string;
  compDir: string;
  /** The file name and line a physical position is presumed to have (after #line). */
  presumed(file: number, line: number): { name: string; line: number };
}

/** gcc's spellings of the integer types: the names gdb prints. */
const INT_NAMES: Record<CIntType["name"], string> = {
  bool: "_Bool", char: "char", schar: "signed char", uchar: "unsigned char", short: "short int",
  ushort: "short unsigned int", int: "int", uint: "unsigned int", long: "long int", ulong: "long unsigned int",
  llong: "long long int", ullong: "long long unsigned int", int128: "__int128", uint128: "__int128 unsigned",
};
const FLOAT_NAMES: Record<CFloatType["name"], string> = {
  float: "float", double: "double", ldouble: "long double", float16: "_Float16", float128: "_Float128",
  float32x: "_Float32x", float64x: "_Float64x",
};

export class DebugInfoBuilder {
  readonly debug: ModuleDebug;
  private readonly fileIndex = new Map<string, number>();
  private readonly typeIndex = new Map<string, number>();
  private readonly records = new Map<object, number>();

  constructor(private readonly opts: DebugOptions) {
    this.debug = {
      level: opts.level, version: opts.version, producer: opts.producer, name: opts.name, compDir: opts.compDir,
      files: [], types: [], globals: [],
    };
    this.file(opts.name);
  }

  private file(name: string): number {
    let i = this.fileIndex.get(name);
    if (i === undefined) {
      i = this.debug.files.length;
      this.debug.files.push(name);
      this.fileIndex.set(name, i);
    }
    return i;
  }

  /** A source position in scope `scope`. */
  loc(at: A.Stmt["loc"], scope: number): DebugLoc {
    const p = this.opts.presumed(at.file, at.line);
    return { file: this.file(p.name), line: p.line, col: at.col, scope };
  }

  position(at: A.Stmt["loc"] | undefined): { file: number; line: number; col: number } {
    if (!at) return { file: 0, line: 0, col: 0 };
    const p = this.opts.presumed(at.file, at.line);
    return { file: this.file(p.name), line: p.line, col: at.col };
  }

  private add(t: DebugType, key?: string): number {
    const i = this.debug.types.length;
    this.debug.types.push(t);
    if (key !== undefined) this.typeIndex.set(key, i);
    return i;
  }

  private keyed(key: string, make: () => DebugType): number {
    return this.typeIndex.get(key) ?? this.add(make(), key);
  }

  /** The type of something declared with a typedef name (`typedefName`) or a plain type. */
  declared(t: CType, typedefName: string | undefined): number | undefined {
    const to = this.type(t);
    if (typedefName === undefined || to === undefined) return to;
    return this.keyed(`typedef ${typedefName} ${to}`, () => ({ k: "typedef", name: typedefName, to, file: 0, line: 0, col: 0 }));
  }

  /** The debug type of a C type; undefined for void. */
  type(t: CType): number | undefined {
    let inner = this.unqualified(t);
    if (t.typedefName !== undefined && inner !== undefined) {
      const base = inner;
      inner = this.keyed(`typedef ${t.typedefName} ${base}`, () => ({ k: "typedef", name: t.typedefName!, to: base, file: 0, line: 0, col: 0 }));
    }
    if (t.quals & Q.Volatile) { const to = inner; inner = this.keyed(`volatile ${to}`, () => ({ k: "volatile", to })); }
    if (t.quals & Q.Const) { const to = inner; inner = this.keyed(`const ${to}`, () => ({ k: "const", to })); }
    return inner;
  }

  private unqualified(t: CType): number | undefined {
    switch (t.kind) {
      case "void": return undefined;
      case "int": {
        const name = INT_NAMES[t.name];
        const encoding: BaseEncoding = t.name === "bool" ? "boolean" : t.size === 1 ? (t.signed ? "signed_char" : "unsigned_char") : t.signed ? "signed" : "unsigned";
        return this.base(name, t.size, encoding);
      }
      case "float": return this.base(FLOAT_NAMES[t.name], t.size, "float");
      case "complex": {
        const e = t.elem;
        const name = e.kind === "float" ? `complex ${FLOAT_NAMES[e.name]}` : `complex ${INT_NAMES[e.name]}`;
        return this.base(name, 2 * e.size, e.kind === "float" ? "complex_float" : e.signed ? "signed" : "unsigned");
      }
      case "pointer": {
        const to = this.type(t.to);
        return this.keyed(`ptr ${to}`, () => ({ k: "pointer", to, size: 8 }));
      }
      case "array": {
        const counts: (number | undefined)[] = [];
        let e: CType = t;
        while (e.kind === "array" && (e === t || e.quals === 0)) {
          counts.push(e.vla ? undefined : e.length);
          e = e.elem;
        }
        const elem = this.type(e) ?? this.base("char", 1, "signed_char");
        return this.keyed(`array ${elem} ${counts.join(",")}`, () => ({ k: "array", elem, counts }));
      }
      case "vector": {
        const elem = this.type(t.elem) ?? this.base("char", 1, "signed_char");
        const n = t.size / Math.max(1, sizeOfElem(t.elem));
        return this.keyed(`array ${elem} ${n}`, () => ({ k: "array", elem, counts: [n] }));
      }
      case "function": {
        const ret = this.type(t.ret);
        const params = t.params.map((p) => this.type(p.type) ?? this.base("int", 4, "signed"));
        return this.keyed(`fn ${ret} ${params.join(",")} ${t.prototyped} ${t.variadic}`, () => ({ k: "function", ret, params, prototyped: t.prototyped, varargs: t.variadic }));
      }
      case "struct": case "union": {
        const rec = t.rec;
        const known = this.records.get(rec);
        if (known !== undefined) return known;
        const first = rec.members[0]?.loc;
        const at = this.position(first);
        const entry: DebugType = { k: t.kind, name: rec.tag, size: rec.complete ? rec.size : undefined, members: [], ...at };
        const i = this.add(entry);
        this.records.set(rec, i); // before the members: they may point back at this record
        if (entry.k === "struct" || entry.k === "union") {
          for (const m of rec.members) {
            const type = this.declared(m.type, m.typedefName) ?? this.base("int", 4, "signed");
            const pos = this.position(m.loc);
            if (m.bitWidth !== undefined) {
              if (m.name === undefined) continue; // unnamed bit-fields are padding
              entry.members.push({ name: m.name, type, offset: m.offset, bitSize: m.bitWidth, bitOffset: m.offset * 8 + (m.bitOffset ?? 0), line: pos.line, col: pos.col });
            } else entry.members.push({ name: m.name, type, offset: m.offset, line: pos.line, col: pos.col });
          }
        }
        return i;
      }
      case "enum": {
        const info = t.info;
        const known = this.records.get(info);
        if (known !== undefined) return known;
        const underlying = this.unqualified(info.underlying)!;
        const values = (info.enumerators ?? []).map((e) => ({ name: e.name, value: e.value }));
        const i = this.add({ k: "enum", name: info.tag, size: info.underlying.size, underlying, values, file: 0, line: 0, col: 0 });
        this.records.set(info, i);
        return i;
      }
    }
  }

  private base(name: string, size: number, encoding: BaseEncoding): number {
    return this.keyed(`base ${name}`, () => ({ k: "base", name, size, encoding }));
  }
}

function sizeOfElem(t: CType): number {
  return t.kind === "int" || t.kind === "float" ? t.size : 1;
}
