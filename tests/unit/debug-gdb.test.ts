// -g under gdb: programs in tests/unit/debug/ (structs, unions, bit-fields,
// enums, arrays, nested scopes with shadowing, recursion, a two-file program)
// built by tscc and by gcc at -g -O0 run the same gdb script (break file:line,
// run, next/step, finish, print of locals, parameters, members and elements,
// ptype, bt); the transcripts must be the same once addresses and process ids
// are masked. At -O2, backtraces and line stepping are right and values gdb
// cannot know are "<optimized out>", never wrong. On x86_64 gdb runs the
// programs itself; riscv64 and aarch64 programs run under qemu-user's gdb stub
// (on a Unix socket of their own: parallel workers need no free ports) and
// gdb-multiarch attaches to it, the cross gcc being the reference.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { requireBundle, requireForEach, type Need } from "./require.js";
import { compareObjects } from "../asm/compare.js";

const DIR = join(import.meta.dirname, "debug");
const work = mkdtempSync(join(tmpdir(), "tscc-gdb-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Compiler = "gcc" | "tscc";

/** How programs for one target are built and debugged. */
interface DebugTarget {
  arch: "x86_64" | "riscv64" | "aarch64";
  /** The gcc whose transcript is the reference. */
  gcc: string;
  /** GNU as for the target, with the options gcc gives it. */
  as: string[];
  needs: Need[];
  /** gdb's output (stdout and stderr) for `script` on `exe`; `run` in the script starts the program. */
  debug(exe: string, script: string[]): string;
}

const GDB_SETUP = ["set pagination off", "set width 0"];

/** gdb running the program itself (the host's architecture). */
function nativeGdb(exe: string, script: string[]): string {
  const args = ["-nx", "-batch", ...[...GDB_SETUP, ...script].flatMap((c) => ["-ex", c]), exe];
  const r = spawnSync("gdb", args, { cwd: DIR, encoding: "utf8", timeout: 60_000 });
  return r.stdout + r.stderr;
}

let stubs = 0;

/**
 * gdb-multiarch on a program qemu-user runs stopped at its first instruction
 * (in the dynamic loader): `run` becomes `continue`, and the libraries come
 * from the cross sysroot.
 */
function qemuGdb(qemu: string, sysroot: string) {
  return (exe: string, script: string[]): string => {
    const socket = join(work, `gdbstub-${process.pid}-${stubs++}.sock`);
    const child = spawn(qemu, ["-L", sysroot, "-g", socket, exe], { stdio: "ignore" });
    try {
      // The stub listens once the socket exists.
      const wait = new Int32Array(new SharedArrayBuffer(4));
      for (let i = 0; i < 500 && !existsSync(socket); i++) Atomics.wait(wait, 0, 0, 20);
      if (!existsSync(socket)) throw new Error(`${qemu} -g ${socket} ${exe}: no gdb stub`);
      const commands = [...GDB_SETUP, `set sysroot ${sysroot}`, `file ${exe}`, `target remote ${socket}`,
        ...script.map((c) => (c === "run" ? "continue" : c))];
      const r = spawnSync("gdb-multiarch", ["-nx", "-batch", ...commands.flatMap((c) => ["-ex", c])], { cwd: DIR, encoding: "utf8", timeout: 60_000 });
      return r.stdout + r.stderr;
    } finally {
      child.kill("SIGKILL");
    }
  };
}

const crossNeeds = (qemu: string, gcc: string, sysroot: string, loader: string): Need[] =>
  [qemu, gcc, "gdb-multiarch", { file: join(sysroot, "lib", loader), what: "the cross C library" }];

const TARGETS: DebugTarget[] = [
  { arch: "x86_64", gcc: "gcc", as: ["as"], needs: ["gcc", "gdb", { hostArch: "x64" }], debug: nativeGdb },
  {
    arch: "riscv64", gcc: "riscv64-linux-gnu-gcc",
    as: ["riscv64-linux-gnu-as", "-march=rv64imafdc_zicsr_zifencei", "-mabi=lp64d", "-misa-spec=20191213"],
    needs: crossNeeds("qemu-riscv64", "riscv64-linux-gnu-gcc", "/usr/riscv64-linux-gnu", "ld-linux-riscv64-lp64d.so.1"),
    debug: qemuGdb("qemu-riscv64", "/usr/riscv64-linux-gnu"),
  },
  {
    arch: "aarch64", gcc: "aarch64-linux-gnu-gcc", as: ["aarch64-linux-gnu-as"],
    needs: crossNeeds("qemu-aarch64", "aarch64-linux-gnu-gcc", "/usr/aarch64-linux-gnu", "ld-linux-aarch64.so.1"),
    debug: qemuGdb("qemu-aarch64", "/usr/aarch64-linux-gnu"),
  },
];

function build(target: DebugTarget, cc: Compiler, sources: string[], out: string, flags: string[]): void {
  const [cmd, pre] = cc === "gcc" ? [target.gcc, []] : [process.execPath, [requireBundle(), "-target", target.arch]];
  const r = spawnSync(cmd, [...pre, "-w", ...flags, ...sources, "-o", out], { cwd: DIR, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cc} ${sources.join(" ")}: ${r.stderr}`);
}

/**
 * gdb's transcript of `script` on `exe`, with addresses, process ids and the
 * sandbox's ASLR warning masked, and the values of `uninitialized` locals
 * (garbage from whatever the frame slot held: each compiler lays out frames its own way).
 */
function gdb(target: DebugTarget, exe: string, script: string[], uninitialized: readonly string[] = []): string {
  return target.debug(exe, script)
    .split("\n")
    .filter((l) => !l.startsWith("warning: Error disabling address space randomization"))
    .map((l) => (uninitialized.some((v) => l.startsWith(`${v} = `)) ? `${l.slice(0, l.indexOf(" = "))} = <uninitialized>` : l))
    .join("\n")
    .replace(/0x[0-9a-f]+/g, "0xADDR")
    .replace(/process \d+/g, "process N");
}

/** A script file's commands (one per line). */
function script(name: string): string[] {
  const r = spawnSync("cat", [join(DIR, name)], { encoding: "utf8" });
  return r.stdout.split("\n").filter((l) => l.trim() !== "");
}

/** The test programs, and the locals their scripts' `info locals` show before initialisation. */
const PROGRAMS: [name: string, sources: string[], uninitialized: string[]][] = [
  ["structs", ["structs.c"], []],
  ["scopes", ["scopes.c"], ["i", "f"]],
  ["two", ["two-main.c", "two-util.c"], []],
];

describe.each(TARGETS)("tscc -g -O0 under gdb on $arch: the same transcript as gcc -g -O0", (target) => {
  requireForEach(...target.needs);
  it.each(PROGRAMS)("%s", (name, sources, uninitialized) => {
    const commands = script(`${name}.gdb`);
    const transcripts = (["gcc", "tscc"] as const).map((cc) => {
      const exe = join(work, `${name}-${target.arch}-${cc}`);
      build(target, cc, sources, exe, ["-g", "-O0"]);
      return gdb(target, exe, commands, uninitialized);
    });
    // The script ran to its end (a command gdb refuses stops a batch run).
    expect(transcripts[0]).not.toContain("Error in sourced command");
    expect(transcripts[0].split("\n").length).toBeGreaterThan(15);
    expect(transcripts[1]).toBe(transcripts[0]);
  }, 120_000);
});

describe.each(TARGETS)("tscc -g -O2 under gdb on $arch", (target) => {
  requireForEach(...target.needs.filter((n) => n !== target.gcc));
  it("recursion: backtrace, finish values and stepping are right; unknown values are <optimized out>", () => {
    const exe = join(work, `scopes-${target.arch}-O2`);
    build(target, "tscc", ["scopes.c"], exe, ["-g", "-O2"]);
    const t = gdb(target, exe, ["break fact", "run", "continue", "bt", "print n", "info locals", "delete", "finish", "next", "bt"]);
    // Second stop: fact called from fact (line 9) called from main (line 32).
    expect(t).toMatch(/#0 {2}fact \(n=(<optimized out>|4)\) at scopes\.c:\d+\n#1 {2}0xADDR in fact \(n=(<optimized out>|5)\) at scopes\.c:9\n#2 {2}0xADDR in main \(\) at scopes\.c:32/);
    expect(t).toMatch(/\$1 = (<optimized out>|4)\n/);
    expect(t).toMatch(/below = (<optimized out>|\d+)/);
    expect(t).toContain("Value returned is $2 = 24");
    // `finish` returns into fact(5) at the multiplication (line 10); `next` goes on to its closing brace.
    expect(t).toMatch(/fact \(n=(<optimized out>|5)\) at scopes\.c:10\n10\t {2}return n \* below;\nValue returned is \$2 = 24\n11\t\}\n#0 {2}fact \(n=(<optimized out>|5)\) at scopes\.c:11\n#1 {2}0xADDR in main \(\) at scopes\.c:32/);
    expect(t).not.toContain("Error in sourced command");
  }, 120_000);

  it("a pointer parameter kept in a register prints as <optimized out>, never a wrong value", () => {
    const exe = join(work, `structs-${target.arch}-O2`);
    build(target, "tscc", ["structs.c"], exe, ["-g", "-O2"]);
    const t = gdb(target, exe, ["break area", "run", "bt", "print *s", "print s->corners[1].x", "finish"]);
    expect(t).toMatch(/#1 {2}0xADDR in main \(\) at structs\.c:53/);
    // `s` is a parameter the optimiser keeps in a register: unknown, so not shown.
    expect(t).toMatch(/\n(value has been optimized out|\$\d+ = \{name = 0xADDR "triangle", corners = \{\{x = 1, y = 2\}, \{x = 7, y = 2\}, \{x = 1, y = 10\}\}.*)\n/);
    expect(t).toMatch(/\n(value has been optimized out|\$\d+ = 7)\n/);
    expect(t).toMatch(/Value returned is \$\d+ = 24/);
  }, 120_000);
});

describe.each(TARGETS)("tscc -S -g output on $arch", (target) => {
  requireForEach(target.as[0]);
  it("GNU as makes of it the object tscc -c makes (debug sections included)", () => {
    const failures: string[] = [];
    for (const opt of ["-O0", "-O2"]) for (const name of ["structs", "scopes"]) {
      const base = join(work, `${name}-${target.arch}${opt}`);
      for (const out of ["-S", "-c"]) build(target, "tscc", [`${name}.c`], `${base}${out === "-S" ? ".s" : ".o"}`, [out, "-g", opt]);
      const r = spawnSync(target.as[0], [...target.as.slice(1), "--gdwarf-5", `${base}.s`, "-o", `${base}-gas.o`], { encoding: "utf8" });
      if (r.status !== 0) { failures.push(`${name} ${opt}: ${r.stderr.split("\n").slice(0, 2).join(" ")}`); continue; }
      const diffs = compareObjects(readFileSync(`${base}-gas.o`), readFileSync(`${base}.o`));
      if (diffs.length) failures.push(`${name} ${opt}: ${diffs[0]}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe("tscc -g output is valid DWARF", () => {
  requireForEach("llvm-dwarfdump");
  // Every third program on x86_64, every sixth on the cross targets (the same code paths, fewer seconds).
  it.each([["x86_64", 3], ["riscv64", 6], ["aarch64", 6]] as const)("llvm-dwarfdump --verify accepts the %s objects of the C test programs at -O0 and -O2 (DWARF 5 and 4)", (arch, every) => {
    const cdir = join(DIR, "../c");
    const programs = readdirSync(cdir).filter((f) => f.endsWith(".c")).sort().filter((_, i) => i % every === 0);
    const failures: string[] = [];
    for (const p of programs) {
      for (const flags of [["-g", "-O0"], ["-g", "-O2", "-gdwarf-4"]]) {
        const obj = join(work, `${p}-${arch}.o`);
        const r = spawnSync(process.execPath, [requireBundle(), "-target", arch, "-w", "-c", ...flags, join(cdir, p), "-o", obj], { encoding: "utf8" });
        if (r.status !== 0) { failures.push(`${p} ${flags.join(" ")}: ${r.stderr.split("\n")[0]}`); continue; }
        const v = spawnSync("llvm-dwarfdump", ["--verify", obj], { encoding: "utf8" });
        if (v.status !== 0) failures.push(`${p} ${flags.join(" ")}: ${v.stdout.split("\n").find((l) => /error/i.test(l))}`);
      }
    }
    expect(failures).toEqual([]);
    expect(programs.length).toBeGreaterThan(3);
  }, 180_000);
});
