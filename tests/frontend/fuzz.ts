// Fuzzing the frontend with fast-check: no input may end in anything but diagnostics.
// A run throwing anything other than FatalError, or reporting an "internal compiler
// error", is a failure. Four properties:
//   lexer        random bytes through tokenize
//   preprocessor the seed corpus (tests/frontend/fuzz-seeds/*.c), mutated byte- and piece-wise
//   parser       the same mutated seeds, preprocessed and parsed, under several -std
//   tokens       random soup of C tokens (keywords, punctuators, literals) parsed
// The unit tests run a few thousand inputs (tests/unit/frontend-fuzz.test.ts); the long run:
//
//   npx tsx tests/frontend/fuzz.ts --runs 100000 [--seed 1]
//
// prints `N inputs, F failures` per property and writes counterexamples to
// .cache/logs/frontend-fuzz.log.

import { Command } from "commander";
import fc from "fast-check";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Diagnostics, FatalError } from "../../src/frontend/diagnostics.js";
import { MemoryHost } from "../../src/frontend/host.js";
import { tokenize } from "../../src/frontend/lexer.js";
import { parseTranslationUnit } from "../../src/frontend/parse.js";
import { printPreprocessed } from "../../src/frontend/pp-output.js";
import type { CStd } from "../../src/frontend/predefined.js";
import { preprocess } from "../../src/frontend/preprocess.js";
import { SourceManager } from "../../src/frontend/source.js";
import { DATA_LAYOUTS, type ArchName } from "../../src/target.js";

const SEED_DIR = join(import.meta.dirname, "fuzz-seeds");

/** The seed corpus: small files that between them use most of the language. */
export const SEEDS: readonly string[] = readdirSync(SEED_DIR).filter((f) => f.endsWith(".c")).sort()
  .map((f) => readFileSync(join(SEED_DIR, f), "latin1"));

/** Fragments that are likely to matter to a lexer, preprocessor or parser. */
const PIECES = [
  "#define ", "#undef ", "#if ", "#ifdef X\n", "#elif 1\n", "#else\n", "#endif\n", "#include \"h.h\"\n", "#line 7\n",
  "#pragma pack(1)\n", "#pragma once\n", "__VA_ARGS__", "__VA_OPT__(", "##", "#", "(", ")", "[", "]", "{", "}",
  ",", ";", ":", "::", "...", "?", "=", "*", "&", "->", ".", "+", "-", "<<=", "\\\n", "\n", " ", "\t", "/*", "*/", "//",
  "'", "\"", "'\\", "\"\\x", "L'", "u8\"", "0x", "1e+", "0b1", "1'0", ".5", "123456789012345678901234567890",
  "int ", "char ", "struct ", "union ", "enum ", "typedef ", "static ", "const ", "void ", "long ", "unsigned ",
  "_Bool ", "_Complex ", "_Atomic(", "_Alignas(", "_Generic(", "_Static_assert(", "sizeof ", "typeof(",
  "__attribute__((", "__asm__(", "__extension__ ", "__builtin_offsetof(", "({", "})", "&&", "goto *",
  "case ", "default:", "return ", "if (", "else ", "for (;;)", "while (", "do ", "switch (", "[[", "]]",
  "x", "y", "f(", "main", "%:", "<:", "@", "`", "$", "\x00", "\xff",
];

/** A few C tokens for the token-soup property. */
const TOKENS = [
  "int", "char", "long", "short", "unsigned", "signed", "float", "double", "void", "_Bool", "struct", "union", "enum",
  "typedef", "static", "extern", "const", "volatile", "restrict", "inline", "register", "auto", "_Atomic", "_Alignas",
  "_Noreturn", "_Thread_local", "__attribute__", "__typeof__", "__auto_type", "__int128", "_Complex", "__real__",
  "sizeof", "_Alignof", "_Generic", "_Static_assert", "if", "else", "for", "while", "do", "switch", "case", "default",
  "break", "continue", "return", "goto", "asm", "__builtin_va_arg", "__builtin_offsetof", "x", "y", "f", "s", "T",
  "0", "1", "42u", "0x7fffffffffffffff", "1.5", "1e400", "'a'", "\"s\"", "(", ")", "[", "]", "{", "}", ";", ",",
  ":", "?", "=", "+=", "*", "&", "&&", "||", "!", "~", "-", "--", "++", "->", ".", "...", "<", ">>", "/", "%",
];

export interface FuzzFailure {
  property: string;
  input: string;
  reason: string;
}

type Mutation = { op: number; at: number; len: number; piece: string; byte: number };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.nat(6), at: fc.nat(), len: fc.nat(16), piece: fc.constantFrom(...PIECES), byte: fc.integer({ min: 0, max: 255 }),
});

/** Apply edits to a text: delete, insert a piece, replace a byte, duplicate, swap in a piece, truncate. */
export function mutate(text: string, edits: readonly Mutation[]): string {
  let s = text;
  for (const { op, at: rawAt, len, piece, byte } of edits) {
    const at = s.length === 0 ? 0 : rawAt % (s.length + 1);
    switch (op) {
      case 0: s = s.slice(0, at) + s.slice(at + len); break;
      case 1: s = s.slice(0, at) + piece + s.slice(at); break;
      case 2: s = s.slice(0, at) + String.fromCharCode(byte) + s.slice(at + 1); break;
      case 3: s = s.slice(0, at) + s.slice(at, at + len * 4) + s.slice(at); break;
      case 4: s = s.slice(0, at) + piece + s.slice(at + len); break;
      case 5: s = s.slice(0, at + len * 8); break;
      default: s = s.slice(0, at) + piece.repeat(len + 1) + s.slice(at); break;
    }
  }
  return s;
}

const mutatedSeed = fc.tuple(fc.nat(SEEDS.length - 1), fc.array(mutation, { minLength: 1, maxLength: 8 }))
  .map(([i, edits]) => mutate(SEEDS[i], edits));
const stds: fc.Arbitrary<CStd> = fc.constantFrom<CStd>("gnu17", "gnu23", "c99", "gnu89");
const arches: fc.Arbitrary<ArchName> = fc.constantFrom<ArchName>("x86_64", "aarch64", "riscv64");

/** Runs `f`; returns why it failed, or undefined when it ended in success or diagnostics only. */
function guard(messages: () => string, f: () => void): string | undefined {
  try {
    f();
  } catch (e) {
    if (!(e instanceof FatalError)) return `threw ${e instanceof Error ? (e.stack ?? e.message).split("\n").slice(0, 4).join(" | ") : String(e)}`;
  }
  const m = messages();
  const ice = m.split("\n").find((l) => l.includes("internal compiler error"));
  return ice === undefined ? undefined : ice.slice(0, 300);
}

function newDiags(): { diags: Diagnostics; messages: () => string } {
  let text = "";
  return { diags: new Diagnostics(new SourceManager(), undefined, (t) => { text += t; }), messages: () => text };
}

export function lexOnce(text: string): string | undefined {
  const { diags, messages } = newDiags();
  return guard(messages, () => {
    const toks = tokenize(diags.sources.add("t.c", text), diags, { deferQuoteErrors: true });
    if (toks.length === 0 || toks[toks.length - 1].kind !== "eof") throw new Error("no eof token");
  });
}

const HEADERS = { "h.h": "#pragma once\n#define H 1\nint h;\n" };

export function preprocessOnce(text: string, std: CStd, arch: ArchName, parse: boolean): string | undefined {
  const { diags, messages } = newDiags();
  return guard(messages, () => {
    const host = new MemoryHost({ "t.c": text, ...HEADERS });
    const pp = preprocess("t.c", host, diags, { target: DATA_LAYOUTS[arch], std, preinclude: "", includeDirs: ["."] });
    if (!parse) {
      printPreprocessed(pp);
      return;
    }
    parseTranslationUnit(pp.tokens, { layout: DATA_LAYOUTS[arch], std }, diags);
  });
}

export function parseTokensOnce(tokens: readonly string[], std: CStd): string | undefined {
  return preprocessOnce(tokens.join(" "), std, "x86_64", true);
}

/** The four properties, each as an fc property whose failures are also collected. */
export function properties(failures: FuzzFailure[]): Record<string, fc.IProperty<unknown[]>> {
  const check = (property: string, input: string, reason: string | undefined): boolean => {
    if (reason === undefined) return true;
    failures.push({ property, input, reason });
    return false;
  };
  return {
    lexer: fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      const text = String.fromCharCode(...bytes);
      return check("lexer", text, lexOnce(text));
    }),
    preprocessor: fc.property(mutatedSeed, stds, (text, std) => check("preprocessor", text, preprocessOnce(text, std, "x86_64", false))),
    parser: fc.property(mutatedSeed, stds, arches, (text, std, arch) => check("parser", text, preprocessOnce(text, std, arch, true))),
    tokens: fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }), stds, (toks, std) =>
      check("tokens", toks.join(" "), parseTokensOnce(toks, std))),
  } as Record<string, fc.IProperty<unknown[]>>;
}

async function main(): Promise<void> {
  const o = new Command()
    .option("--runs <n>", "inputs in all, shared by the four properties", "100000")
    .option("--seed <n>", "fast-check seed", "1")
    .option("--only <property>", "lexer, preprocessor, parser or tokens")
    .parse()
    .opts<{ runs: string; seed: string; only?: string }>();
  const failures: FuzzFailure[] = [];
  const props = Object.entries(properties(failures)).filter(([name]) => o.only === undefined || name === o.only);
  const each = Math.ceil(Number(o.runs) / props.length);
  let total = 0;
  for (const [name, prop] of props) {
    const started = Date.now();
    const before = failures.length;
    let ran = 0;
    // Many small batches: a failure is recorded and the run goes on (no shrinking).
    const batch = 1000;
    for (let done = 0; done < each; done += batch) {
      const r = fc.check(prop, { numRuns: Math.min(batch, each - done), seed: Number(o.seed) + done, endOnFailure: true });
      ran += r.numRuns;
    }
    total += ran;
    console.log(`${name}: ${ran} inputs, ${failures.length - before} failures in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  }
  const log = join(import.meta.dirname, "../../.cache/logs/frontend-fuzz.log");
  mkdirSync(dirname(log), { recursive: true });
  writeFileSync(log, failures.map((f) => `ERROR: ${f.property}: ${f.reason}\n  input: ${JSON.stringify(f.input).slice(0, 4000)}\n`).join(""));
  console.log(`fuzz: ${total} inputs, ${failures.length} failures; log: .cache/logs/frontend-fuzz.log`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 2;
  });
}
