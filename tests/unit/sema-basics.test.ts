// Semantic analysis: the typed AST carries the conversions, constants and
// static initializers that lowering relies on.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Expr, FunctionDef, ObjectSymbol, Stmt, TranslationUnit } from "../../src/frontend/ast.js";
import { typeToString } from "../../src/frontend/types.js";
import { parseText } from "./parse-util.js";

function parseOk(text: string, arch: "x86_64" | "aarch64" | "riscv64" = "x86_64"): TranslationUnit {
  const r = parseText(text, arch);
  expect(r.output).toBe("");
  expect(r.tu).toBeDefined();
  return r.tu!;
}

function global(tu: TranslationUnit, name: string): ObjectSymbol {
  const g = tu.globals.find((s) => s.name === name);
  if (!g) throw new Error(`no global ${name}`);
  return g;
}

function bytes(tu: TranslationUnit, name: string): number[] {
  return [...(global(tu, name).init?.bytes ?? [])];
}

function fn(tu: TranslationUnit, name: string): FunctionDef {
  const f = tu.functions.find((d) => d.sym.name === name);
  if (!f) throw new Error(`no function ${name}`);
  return f;
}

/** The expression of the first `return` in a function. */
function returned(f: FunctionDef): Expr {
  const find = (s: Stmt): Expr | undefined => {
    if (s.kind === "return") return s.value;
    if (s.kind === "block") for (const x of s.body) { const r = find(x); if (r) return r; }
    return undefined;
  };
  const e = find(f.body);
  if (!e) throw new Error("no return");
  return e;
}

/** A compact rendering of an expression tree: kinds, casts with their types. */
function show(e: Expr): string {
  switch (e.kind) {
    case "int": return `${e.value}`;
    case "var": return e.sym.name;
    case "cast": return `(${typeToString(e.type)})${show(e.operand)}`;
    case "binary": return `(${show(e.left)} ${e.op} ${show(e.right)}):${typeToString(e.type)}`;
    case "decay": return `decay(${show(e.operand)})`;
    case "deref": return `*${show(e.ptr)}`;
    case "ptradd": return `(${show(e.ptr)} +p ${show(e.index)}*${e.scale})`;
    case "member": return `${show(e.base)}.${e.member.name}`;
    case "assign": return `${show(e.target)} = ${show(e.value)}`;
    case "call": return `${show(e.callee)}(${e.args.map(show).join(", ")})`;
    default: return e.kind;
  }
}

describe("constants", () => {
  it("types integer constants per 6.4.4.1", () => {
    const tu = parseOk("int f(void) { return 0; }\nlong a = 2147483648; unsigned b = 0x80000000; long c = 4294967296; unsigned long long d = 18446744073709551615ULL;\n" +
      "int sa = sizeof(2147483648); int sb = sizeof(0x80000000); int sc = sizeof('a'); int sd = sizeof(1u);\n");
    expect(bytes(tu, "sa")[0]).toBe(8);
    expect(bytes(tu, "sb")[0]).toBe(4);
    expect(bytes(tu, "sc")[0]).toBe(4);
    expect(bytes(tu, "d")).toEqual([255, 255, 255, 255, 255, 255, 255, 255]);
  });
  it("rounds float literals exactly (no double rounding)", () => {
    // 1 + 2^-24 + 2^-60 is just above a float midpoint: correctly rounded up.
    const tu = parseOk("float f = 1.000000059604644776916790008544921875f; float g = 0.1f; double h = 0x1.8p1;\n");
    const dv = new DataView(new Uint8Array(bytes(tu, "f")).buffer);
    expect(dv.getFloat32(0, true)).toBe(1.00000011920928955078125);
    expect(new DataView(new Uint8Array(bytes(tu, "g")).buffer).getFloat32(0, true)).toBe(Math.fround(0.1));
    expect(new DataView(new Uint8Array(bytes(tu, "h")).buffer).getFloat64(0, true)).toBe(3);
  });
  it("folds 64- and 128-bit arithmetic with wrap-around", () => {
    const tu = parseOk("unsigned long a = -1UL * 3; long b = (long)(0x7fffffffffffffffL + 0UL + 1); int c = -2147483647 - 1;\n" +
      "unsigned __int128 d = (unsigned __int128)1 << 100; int e = (signed char)200; int f2 = 7 / -2; int g = -7 % 3; int h = 1 << 31 >> 31;\n");
    expect(bytes(tu, "a")).toEqual([253, 255, 255, 255, 255, 255, 255, 255]);
    expect(bytes(tu, "b")).toEqual([0, 0, 0, 0, 0, 0, 0, 128]);
    expect(bytes(tu, "d")[12]).toBe(16);
    expect(new Int32Array(new Uint8Array(bytes(tu, "e")).buffer)[0]).toBe(-56);
    expect(new Int32Array(new Uint8Array(bytes(tu, "f2")).buffer)[0]).toBe(-3);
    expect(new Int32Array(new Uint8Array(bytes(tu, "g")).buffer)[0]).toBe(-1);
    expect(new Int32Array(new Uint8Array(bytes(tu, "h")).buffer)[0]).toBe(-1);
  });
  it("evaluates long double statics in the target format", () => {
    const x = parseOk("long double x = 1.5L;\n", "x86_64");
    expect(bytes(x, "x").slice(0, 10)).toEqual([0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0x3f]);
    const a = parseOk("long double x = 1.5L;\n", "aarch64");
    expect(bytes(a, "x").slice(12)).toEqual([0, 0x80, 0xff, 0x3f]);
  });
});

describe("static initializers", () => {
  it("handles designators, brace elision and unknown-size arrays", () => {
    const tu = parseOk("struct P { char a; short b[2]; int c; };\n" +
      "struct P p[] = { 1, 2, 3, 4, [2].b[1] = 9, 10, { .c = 5 } };\nint m[][2] = { 1, 2, 3 };\nchar s[] = \"hi\";\nchar t[5] = \"hi\";\n");
    const p = global(tu, "p");
    expect(typeToString(p.type)).toBe("struct P[4]");
    const b = bytes(tu, "p");
    expect([b[0], b[2], b[4], b[8]]).toEqual([1, 2, 3, 4]);
    expect(b[24 + 4]).toBe(9);
    expect(b[24 + 8]).toBe(10);
    expect(b[36 + 8]).toBe(5);
    expect(typeToString(global(tu, "m").type)).toBe("int[2][2]");
    expect(bytes(tu, "s")).toEqual([104, 105, 0]);
    expect(bytes(tu, "t")).toEqual([104, 105, 0, 0, 0]);
  });
  it("packs bit-fields and emits relocations for address constants", () => {
    const tu = parseOk("struct B { unsigned a : 3, b : 5; int c : 9; };\nstruct B bb = { 5, 17, -1 };\n" +
      "int arr[10];\nint *pa = &arr[3] + 1;\nchar *ps = \"str\";\nlong diff = (char *)&arr[2] - (char *)&arr[0];\nstruct S { int x; int *y; } ss = { 1, &arr[1] };\n");
    expect(bytes(tu, "bb").slice(0, 4)).toEqual([5 | (17 << 3), 0xff, 1, 0]);
    const pa = global(tu, "pa").init!;
    expect(pa.relocs).toHaveLength(1);
    expect(pa.relocs[0].target?.name).toBe("arr");
    expect(pa.relocs[0].addend).toBe(16);
    const ps = global(tu, "ps").init!;
    expect(ps.relocs[0].target?.kind === "object" && ps.relocs[0].target.anon).toBe("string");
    expect(bytes(tu, "diff")[0]).toBe(8);
    expect(global(tu, "ss").init!.relocs[0]).toMatchObject({ offset: 8, addend: 4 });
  });
  it("initializes unions by first or designated member and anonymous members", () => {
    const tu = parseOk("union U { char c; int i; } u1 = { 65 }, u2 = { .i = 0x01020304 };\n" +
      "struct A { int k; union { int x; float f; }; int z; } a = { 1, .f = 1.0f, 7 };\n");
    expect(bytes(tu, "u1")).toEqual([65, 0, 0, 0]);
    expect(bytes(tu, "u2")).toEqual([4, 3, 2, 1]);
    const b = bytes(tu, "a");
    expect(b.slice(4, 8)).toEqual([0, 0, 0x80, 0x3f]);
    expect(b[8]).toBe(7);
  });
});

describe("conversions are explicit", () => {
  it("inserts promotions and usual arithmetic conversions", () => {
    const tu = parseOk("int f(char c, unsigned u, long l) { return c + u + l; }\nunsigned long g(unsigned long a, long long b) { return a + b; }\n");
    expect(show(returned(fn(tu, "f")))).toBe("(int)((long int)((unsigned int)(int)c + u):unsigned int + l):long int");
    expect(show(returned(fn(tu, "g")))).toBe("(long unsigned int)((long long unsigned int)a + (long long unsigned int)b):long long unsigned int");
  });
  it("decays arrays, scales pointer arithmetic and converts arguments", () => {
    const tu = parseOk("int h(long x);\nint a[4];\nint f(int i) { return a[i] + h(i); }\n");
    expect(show(returned(fn(tu, "f")))).toBe("(*(decay(a) +p (long int)i*4) + decay(h)((long int)i)):int");
  });
  it("promotes bit-fields by width", () => {
    const tu = parseOk("struct S { unsigned a : 3; unsigned b : 32; } s;\nlong f(void) { return s.a - 1 < 0; }\nlong g(void) { return s.b - 1 < 0; }\n");
    expect(show(returned(fn(tu, "f")))).toContain("(int)s.a");
    expect(show(returned(fn(tu, "g")))).toContain("s.b - 1");
  });
  it("computes VLA sizes at run time", () => {
    const tu = parseOk("unsigned long f(int n) { int a[n][3]; return sizeof a; }\n");
    const f = fn(tu, "f");
    expect(f.hasVla).toBe(true);
    expect(f.body.body.some((s) => s.kind === "vladecl")).toBe(true);
    expect(returned(f).kind).toBe("binary");
  });
});

describe("variably sized structs (GNU)", () => {
  it("computes run-time offsets and the size where the declaration is reached", () => {
    const tu = parseOk("unsigned long f(int n) { struct S { char c; int a[n]; short b; } s; s.b = 1; n++; return sizeof s; }\n");
    const f = fn(tu, "f");
    const decl = f.body.body.find((s) => s.kind === "vladecl");
    expect(decl).toBeDefined();
    // The count of `a`, the end of `a`, the offset of `b`, the end of `b`, the rounded size: before the object.
    const before = f.body.body.slice(0, f.body.body.indexOf(decl!)).filter((s) => s.kind === "expr");
    expect(before.length).toBe(5);
    const ret = returned(f);
    expect(ret.kind === "var" && ret.sym.kind === "object" && ret.sym.anon).toBe("layout");
  });
  it("reports what it does not support instead of miscompiling", () => {
    const cases: [string, string][] = [
      ["int f(int n) { static struct S { int a[n]; } s; return sizeof s; }", "storage size of 's' isn't constant"],
      ["int f(int n) { struct S { int a[n]; } s; int use(struct S x) { return x.a[0]; } return use(s); }", "passing a variably sized 'struct S' by value is not supported"],
      ["int f(int n, struct K { int a[n]; } *p) { return p->a[0]; }", "variably sized struct or union outside a function body is not supported"],
      ["int f(int n) { struct S { int a[n]; } s, t = s; return 0; }", "variable-sized object may not be initialized"],
    ];
    for (const [text, message] of cases) {
      const r = parseText(text + "\n");
      expect(r.output).toContain("error: " + message);
    }
  });
});

describe("declarations", () => {
  it("merges redeclarations and computes linkage and inline definitions", () => {
    const tu = parseOk("extern int x; int x = 3; static int y; int y2;\ninline int il(void) { return 1; }\nextern inline int el(void) { return 2; }\nstatic inline int sl(void) { return 3; }\n");
    expect(tu.globals.filter((g) => g.name === "x")).toHaveLength(1);
    expect(global(tu, "y").linkage).toBe("internal");
    expect(global(tu, "y2").defined).toBe(true);
    expect(fn(tu, "il").sym.externalDefinition).toBe(false);
    expect(fn(tu, "el").sym.externalDefinition).toBe(true);
    expect(fn(tu, "sl").sym.externalDefinition).toBe(true);
  });
  it("warns for implicit declarations like gcc 12 and gives library functions their builtin type", () => {
    const r = parseText("int main(void) { abort(); foo(1); return 0; }\n");
    expect(r.errors).toBe(0);
    expect(r.output).toContain("warning: implicit declaration of function 'abort' [-Wimplicit-function-declaration]");
    expect(r.output).toContain("implicit declaration of function 'foo'");
  });
  it("accepts K&R definitions and promotes their parameter types", () => {
    const tu = parseOk("int f(a, b, c) char a; float b; int c; { return a + b + c; }\n");
    const f = fn(tu, "f");
    expect(f.sym.type.prototyped).toBe(false);
    expect(f.sym.type.params.map((p) => typeToString(p.type))).toEqual(["int", "double", "int"]);
    expect(f.params.map((p) => typeToString(p.type))).toEqual(["char", "float", "int"]);
  });
  it("picks gcc's enum underlying types", () => {
    const tu = parseOk("enum A { a1 = 1 } ea; enum B { b1 = -1 } eb; enum C { c1 = 0x100000000 } ec; enum D : unsigned char { d1 } ed;\n" +
      "int sa = sizeof ea, sc = sizeof ec, sd = sizeof ed; int neg = (enum A)-1 < 0, negb = (enum B)-1 < 0;\n", "x86_64");
    expect(bytes(tu, "sa")[0]).toBe(4);
    expect(bytes(tu, "sc")[0]).toBe(8);
    expect(bytes(tu, "neg")[0]).toBe(0);
    expect(bytes(tu, "negb")[0]).toBe(1);
    const c23 = parseText("enum D : unsigned char { d1 } ed; int sd = sizeof ed;\n", "x86_64", "c23");
    expect(c23.errors).toBe(0);
  });
  it("collects switch cases, labels and asm operands", () => {
    const tu = parseOk("int f(int x) { void *p = &&l2; switch (x) { case 1 ... 3: return 1; case 7: goto l2; default: break; }\n" +
      "l2: __asm__ volatile(\"nop\" : \"=r\"(x) : \"r\"(x) : \"memory\"); goto *p; }\n");
    const f = fn(tu, "f");
    const sw = f.body.body.find((s) => s.kind === "switch");
    expect(sw?.kind === "switch" && sw.cases.map((c) => [c.lo, c.hi, c.isDefault])).toEqual([[1n, 3n, false], [7n, 7n, false], [0n, 0n, true]]);
    expect(f.hasComputedGoto).toBe(true);
    expect(f.labels.find((l) => l.name === "l2")?.addressTaken).toBe(true);
  });
  it("types va_list per target", () => {
    for (const arch of ["x86_64", "aarch64", "riscv64"] as const) {
      const tu = parseOk("__builtin_va_list ap; int n = sizeof ap;\nint f(int a, ...) { __builtin_va_list v; __builtin_va_start(v, a); int r = __builtin_va_arg(v, int); __builtin_va_end(v); return r; }\n", arch);
      expect(bytes(tu, "n")[0]).toBe({ x86_64: 24, aarch64: 32, riscv64: 8 }[arch]);
      expect(fn(tu, "f").usesVarargs).toBe(true);
    }
  });
});

describe("C23", () => {
  it("parses the C23 features modern code uses", () => {
    const text = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "parse", "c23.c"), "latin1");
    const r = parseText(text, "x86_64", "c23");
    expect(r.output).toBe("");
    const tu = r.tu!;
    expect(typeToString(global(tu, "inferred").type)).toBe("double");
    expect(typeToString(global(tu, "g").type)).toBe("int");
    expect(bytes(tu, "g")).toEqual([0x40, 0x42, 0x0f, 0]);
    expect(global(tu, "al").align).toBe(16);
  });
});

describe("pointer targets differing only in signedness", () => {
  it("are gcc's -Wpointer-sign, not incompatible pointer types", () => {
    const r = parseText("int f(int *); void g(unsigned *u, char *c, long *l) { f(u); unsigned char *uc = c; (void)uc; f((int *)l); }");
    expect(r.output).toContain("warning: pointer targets in passing argument 1 of 'f' differ in signedness [-Wpointer-sign]");
    expect(r.output).toContain("warning: pointer targets in initialization of 'unsigned char *' from 'char *' differ in signedness [-Wpointer-sign]");
    expect(r.output).not.toContain("incompatible-pointer-types");
    const wider = parseText("int f(int *); void g(unsigned long *u) { f(u); }");
    expect(wider.output).toContain("from incompatible pointer type [-Wincompatible-pointer-types]");
  });
});
