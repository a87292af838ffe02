// src/elf: constants tables, reader (objects, shared objects with versions),
// ar archives (index, long names, thin) and the writer (round trip).

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readArchive } from "../../src/elf/archive.js";
import { FormatError } from "../../src/elf/bytes.js";
import { DT, EM, R_AARCH64, R_RISCV, R_X86_64, SHT, SHT_PROGBITS, SHT_STRTAB, SHT_SYMTAB, STB_GLOBAL, STT_FUNC } from "../../src/elf/constants.js";
import { ElfFile, readSharedObject } from "../../src/elf/reader.js";
import { assignOffsets, encodeSymbols, StringTable, writeElf, type SectionImage } from "../../src/elf/writer.js";

const dir = mkdtempSync(join(tmpdir(), "elf-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gccObject(name: string, source: string): string {
  const c = join(dir, `${name}.c`);
  writeFileSync(c, source);
  const o = join(dir, `${name}.o`);
  execFileSync("gcc", ["-c", "-O1", "-o", o, c]);
  return o;
}

describe("constant tables", () => {
  it("answer both directions", () => {
    expect(R_X86_64.get("R_X86_64_PLT32")).toBe(4);
    expect(R_X86_64.name(42)).toBe("R_X86_64_REX_GOTPCRELX");
    expect(R_AARCH64.get("R_AARCH64_CALL26")).toBe(283);
    expect(R_RISCV.name(19)).toBe("R_RISCV_CALL_PLT");
    expect(DT.get("DT_GNU_HASH")).toBe(0x6ffffef5);
    expect(SHT.describe(12345)).toContain("unknown");
    expect(() => EM.get("EM_NOPE")).toThrow();
  });
});

describe("reader", () => {
  it("reads sections, symbols and relocations of a gcc object", () => {
    const elf = new ElfFile(new Uint8Array(readFileSync(gccObject("r", "extern int g; int f(void) { return g + 1; }\n"))));
    expect(elf.header.machine).toBe(EM.get("EM_X86_64"));
    const text = elf.sectionByName(".text")!;
    expect(text.type).toBe(SHT_PROGBITS);
    const syms = elf.symbols(elf.symtab()!);
    expect(syms.find((s) => s.name === "f")).toMatchObject({ bind: STB_GLOBAL, type: STT_FUNC, shndx: text.index });
    const rels = elf.relocations(elf.sectionByName(".rela.text")!);
    expect(rels.map((r) => [R_X86_64.name(r.type), syms[r.sym].name])).toEqual([["R_X86_64_PC32", "g"]]);
  });

  it("reads a shared object's soname, needs and symbol versions", () => {
    const libc = "/lib/x86_64-linux-gnu/libc.so.6";
    const info = readSharedObject(new ElfFile(new Uint8Array(readFileSync(libc))));
    expect(info.soname).toBe("libc.so.6");
    expect(info.needed).toContain("ld-linux-x86-64.so.2");
    const printf = info.symbols.find((s) => s.name === "printf" && !s.hidden);
    expect(printf?.version).toBe("GLIBC_2.2.5");
    expect(info.versions.some((v) => v.name === "GLIBC_2.34")).toBe(true);
  });

  it("rejects truncated and non-ELF input with FormatError", () => {
    const bytes = new Uint8Array(readFileSync(gccObject("t", "int x;\n")));
    expect(() => new ElfFile(bytes.subarray(0, 40))).toThrow(FormatError);
    expect(() => new ElfFile(bytes.subarray(0, 200))).toThrow(/truncated/);
    expect(() => new ElfFile(new Uint8Array([1, 2, 3, 4]))).toThrow(/not an ELF/);
  });
});

describe("archives", () => {
  const members = ["a_member_with_a_long_file_name", "b"].map((n, i) => gccObject(n, `int fn_${i}(void) { return ${i}; }\n`));

  it("reads the symbol index and long names", () => {
    const lib = join(dir, "libx.a");
    execFileSync("ar", ["rcs", lib, ...members]);
    const ar = readArchive(new Uint8Array(readFileSync(lib)));
    expect(ar.thin).toBe(false);
    expect(ar.members.map((m) => m.name)).toEqual(["a_member_with_a_long_file_name.o", "b.o"]);
    const entry = ar.symbols.find((s) => s.name === "fn_1")!;
    expect(ar.memberAt(entry.offset)?.name).toBe("b.o");
    expect(new ElfFile(ar.memberAt(entry.offset)!.data!).header.type).toBe(1);
  });

  it("reads thin archives (members stay in their files)", () => {
    const lib = join(dir, "libthin.a");
    execFileSync("ar", ["rcsT", lib, ...members]);
    const ar = readArchive(new Uint8Array(readFileSync(lib)));
    expect(ar.thin).toBe(true);
    expect(ar.members[0].data).toBeUndefined();
    expect(ar.members[0].name).toContain("a_member_with_a_long_file_name.o");
    expect(ar.symbols.map((s) => s.name).sort()).toEqual(["fn_0", "fn_1"]);
  });
});

describe("writer", () => {
  it("round-trips a relocatable object through the reader and readelf", () => {
    const strtab = new StringTable();
    const code = Uint8Array.from([0xb8, 42, 0, 0, 0, 0xc3]); // mov $42,%eax; ret
    const syms = encodeSymbols([
      { nameOffset: 0, name: "", value: 0, size: 0, bind: 0, type: 0, visibility: 0, shndx: 0 },
      { nameOffset: strtab.add("answer"), name: "answer", value: 0, size: 6, bind: STB_GLOBAL, type: STT_FUNC, visibility: 0, shndx: 1 },
    ]);
    const str = strtab.finish();
    const sections: SectionImage[] = [
      { header: { name: ".text", type: SHT_PROGBITS, flags: 6, addr: 0, offset: 0, size: code.length, link: 0, info: 0, addralign: 16, entsize: 0 }, data: code },
      { header: { name: ".symtab", type: SHT_SYMTAB, flags: 0, addr: 0, offset: 0, size: syms.length, link: 3, info: 1, addralign: 8, entsize: 24 }, data: syms },
      { header: { name: ".strtab", type: SHT_STRTAB, flags: 0, addr: 0, offset: 0, size: str.length, link: 0, info: 0, addralign: 1, entsize: 0 }, data: str },
    ];
    const end = assignOffsets(sections);
    const bytes = writeElf({ header: { type: 1, machine: EM.get("EM_X86_64"), osabi: 0, entry: 0, flags: 0 }, programHeaders: [], sections, contentEnd: end });
    const elf = new ElfFile(bytes);
    expect(elf.sections.map((s) => s.name)).toEqual(["", ".text", ".symtab", ".strtab", ".shstrtab"]);
    expect([...elf.contents(elf.sectionByName(".text")!)]).toEqual([...code]);
    expect(elf.symbols(elf.symtab()!)[1]).toMatchObject({ name: "answer", size: 6, shndx: 1 });

    const path = join(dir, "written.o");
    writeFileSync(path, bytes);
    const main = gccObject("usewritten", "int answer(void); int main(void) { return answer() - 42; }\n");
    const exe = join(dir, "written");
    execFileSync("gcc", ["-o", exe, main, path]);
    expect(() => execFileSync(exe)).not.toThrow();
  });
});
