// The ABI interoperability matrix: a deterministic set of function signatures
// covering every way values cross a call on the psABIs (integers of each width
// and signedness, float/double/long double, pointers, small structs in one or
// two registers of either class, mixed int/float structs, structs passed in
// memory, unions, nested and packed records, arrays in structs, __int128,
// varargs). `generate(seed, n)` returns two C files: `callee.c` defines the
// functions and checks every argument it receives; `caller.c` calls them with
// known values and checks every result. Compiling one half with gcc and the
// other with tscc, in both directions, proves the two agree.

export interface AbiFiles {
  callee: string;
  caller: string;
  count: number;
}

interface CType {
  /** The C spelling of the type (a typedef name for records). */
  name: string;
  /** An expression of this type with value number `k` (distinct per k). */
  value: (k: number) => string;
  /** A C expression comparing `x` with value number k: true when equal. */
  equals: (x: string, k: number) => string;
  /** Can be passed through `...` (no float/char/short: they are promoted). */
  variadic: boolean;
}

const scalar = (name: string, value: (k: number) => string, variadic = true): CType => ({
  name, value, equals: (x, k) => `(${x} == ${value(k)})`, variadic,
});

const SCALARS: CType[] = [
  scalar("signed char", (k) => `(signed char)${(k * 37) % 250 - 125}`, false),
  scalar("unsigned char", (k) => `(unsigned char)${(k * 53) % 256}`, false),
  scalar("short", (k) => `(short)${(k * 1237) % 60000 - 30000}`, false),
  scalar("unsigned short", (k) => `(unsigned short)${(k * 7919) % 65536}`, false),
  scalar("int", (k) => `${(k * 104729) % 2000000000 - 1000000000}`),
  scalar("unsigned", (k) => `${(k * 2654435761) % 4294967296}u`),
  scalar("long", (k) => `${-(k * 982451653) - 5}L`),
  scalar("unsigned long long", (k) => `0x${(0x9e3779b97f4a7c15n * BigInt(k + 1) & 0xffffffffffffffffn).toString(16)}ULL`),
  scalar("float", (k) => `${k + 0.5}f`, false),
  scalar("double", (k) => `${k * 1.25 - 3}`),
  scalar("long double", (k) => `${k * 2.5 + 0.25}L`),
  scalar("void *", (k) => `(void *)${k * 16 + 8}L`),
  scalar("__int128", (k) => `(((__int128)${k + 3} << 70) + ${k * 11})`),
];

interface RecordSpec {
  name: string;
  fields: [string, string][]; // [type, field name]
  union?: boolean;
  packed?: boolean;
}

/** Records that exercise each classification rule. */
const RECORDS: RecordSpec[] = [
  { name: "S_c", fields: [["signed char", "a"]] },
  { name: "S_sc", fields: [["short", "a"], ["signed char", "b"]] },
  { name: "S_ii", fields: [["int", "a"], ["int", "b"]] },
  { name: "S_iii", fields: [["int", "a"], ["int", "b"], ["int", "c"]] },
  { name: "S_if", fields: [["int", "a"], ["float", "b"]] },
  { name: "S_ff", fields: [["float", "a"], ["float", "b"]] },
  { name: "S_fff", fields: [["float", "a"], ["float", "b"], ["float", "c"]] },
  { name: "S_ffff", fields: [["float", "a"], ["float", "b"], ["float", "c"], ["float", "d"]] },
  { name: "S_d", fields: [["double", "a"]] },
  { name: "S_dd", fields: [["double", "a"], ["double", "b"]] },
  { name: "S_ddd", fields: [["double", "a"], ["double", "b"], ["double", "c"]] },
  { name: "S_ld", fields: [["long", "a"], ["double", "b"]] },
  { name: "S_dl", fields: [["double", "a"], ["long", "b"]] },
  { name: "S_lll", fields: [["long", "a"], ["long", "b"], ["long", "c"]] },
  { name: "S_fi_c", fields: [["float", "a"], ["int", "b"], ["signed char", "c"]] },
  { name: "S_cd", fields: [["signed char", "a"], ["double", "b"]] },
  { name: "S_LD", fields: [["long double", "a"]] },
  { name: "S_arr3", fields: [["signed char", "a[3]"]] },
  { name: "S_arr5i", fields: [["int", "a[5]"]] },
  { name: "S_nest", fields: [["struct { float x, y; }", "p"], ["double", "d"]] },
  { name: "S_pk", fields: [["signed char", "a"], ["int", "b"], ["short", "c"]], packed: true },
  { name: "U_if", fields: [["int", "i"], ["float", "f"]], union: true },
  { name: "U_dl", fields: [["double", "d"], ["long", "l"]], union: true },
  { name: "S_empty_tail", fields: [["int", "a"], ["signed char", "b"], ["double", "c"]] },
  { name: "S_i128", fields: [["__int128", "a"]] },
];

function fieldScalar(type: string): CType | undefined {
  return SCALARS.find((s) => s.name === type) ?? (type === "char" ? SCALARS[0] : type === "long" ? SCALARS[6] : undefined);
}

function recordType(r: RecordSpec): CType {
  // Value number k fills every leaf with k-derived values; equality compares leaves.
  const leaves: { path: string; type: string }[] = [];
  for (const [type, field] of r.fields) {
    const arr = /^(\w+)\[(\d+)\]$/.exec(field);
    if (arr) for (let i = 0; i < Number(arr[2]); i++) leaves.push({ path: `${arr[1]}[${i}]`, type });
    else if (type.startsWith("struct {")) leaves.push({ path: `${field}.x`, type: "float" }, { path: `${field}.y`, type: "float" });
    else leaves.push({ path: field, type });
  }
  const used = r.union ? leaves.slice(0, 1) : leaves;
  return {
    name: r.name,
    value: (k) => `(${r.name}){ ${r.union ? "" : ""}${used.map((l, i) => `.${l.path} = ${fieldScalar(l.type)!.value(k + i)}`).join(", ")} }`,
    equals: (x, k) => `(${used.map((l, i) => fieldScalar(l.type)!.equals(`${x}.${l.path}`, k + i)).join(" && ")})`,
    variadic: true,
  };
}

function recordDecl(r: RecordSpec): string {
  const kw = r.union ? "union" : "struct";
  const attr = r.packed ? " __attribute__((packed))" : "";
  return `typedef ${kw}${attr} { ${r.fields.map(([t, f]) => `${t} ${f};`).join(" ")} } ${r.name};`;
}

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generate(seed: number, count: number): AbiFiles {
  const rand = rng(seed);
  const types: CType[] = [...SCALARS, ...RECORDS.map(recordType)];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const header = [
    "#include <stdarg.h>",
    "#include <stdio.h>",
    "#include <stdlib.h>",
    ...RECORDS.map(recordDecl),
    "",
  ].join("\n");
  let callee = header + "static int bad;\nstatic void fail(int f, int a) { printf(\"callee: f%d arg %d wrong\\n\", f, a); bad++; }\nint callee_failures(void) { return bad; }\n";
  let caller = header + "int callee_failures(void);\n";
  const calls: string[] = [];
  for (let i = 0; i < count; i++) {
    const variadic = i % 7 === 6;
    const nparams = 1 + Math.floor(rand() * (i % 5 === 0 ? 14 : 6));
    const params = Array.from({ length: nparams }, () => pick(types));
    const ret = i % 11 === 0 ? undefined : pick(types);
    const retName = ret ? ret.name : "void";
    const fixed = variadic ? params.slice(0, 1 + Math.floor(rand() * 2)).filter(Boolean) : params;
    const varArgs = variadic ? params.slice(fixed.length).filter((t) => t.variadic) : [];
    const proto = `${retName} f${i}(${fixed.map((t, j) => `${t.name} p${j}`).join(", ")}${variadic ? ", ..." : ""})`;
    const body: string[] = [];
    fixed.forEach((t, j) => body.push(`  if (!${t.equals(`p${j}`, i * 31 + j)}) fail(${i}, ${j});`));
    if (variadic) {
      body.push("  va_list ap;", `  va_start(ap, p${fixed.length - 1});`);
      varArgs.forEach((t, j) => {
        const n = fixed.length + j;
        body.push(`  { ${t.name} v = va_arg(ap, ${t.name}); if (!${t.equals("v", i * 31 + n)}) fail(${i}, ${n}); }`);
      });
      body.push("  va_end(ap);");
    }
    if (ret) body.push(`  return ${ret.value(i * 7 + 1)};`);
    callee += `${proto} {\n${body.join("\n")}\n}\n`;
    caller += `${proto};\n`;
    const args = [...fixed, ...varArgs].map((t, j) => t.value(i * 31 + j)).join(", ");
    if (ret) calls.push(`  { ${ret.name} r = f${i}(${args}); if (!${ret.equals("r", i * 7 + 1)}) { printf("caller: f${i} result wrong\\n"); bad++; } }`);
    else calls.push(`  f${i}(${args});`);
  }
  caller += `int main(void) {\n  int bad = 0;\n${calls.join("\n")}\n  bad += callee_failures();\n  if (bad) printf("%d ABI mismatches\\n", bad);\n  return bad != 0;\n}\n`;
  return { callee, caller, count };
}
