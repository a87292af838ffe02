// The linker's command line (GNU ld spellings, positional state) and the
// implicit linker scripts glibc installs.

import { describe, expect, it } from "vitest";
import { LinkError } from "../../src/link/diagnostics.js";
import { parseArgs } from "../../src/link/options.js";
import { parseScript } from "../../src/link/script.js";

describe("GNU ld options", () => {
  it("parses gcc's PIE link line", () => {
    const cfg = parseArgs(["--build-id", "--eh-frame-hdr", "-m", "elf_x86_64", "--hash-style=gnu", "--as-needed",
      "-dynamic-linker", "/lib64/ld-linux-x86-64.so.2", "-pie", "-o", "a.out", "Scrt1.o", "-L/usr/lib", "x.o",
      "-lgcc", "--push-state", "--as-needed", "-lgcc_s", "--pop-state", "-lc", "-z", "relro", "-znow"]);
    expect(cfg).toMatchObject({ kind: "pie", output: "a.out", emulation: "elf_x86_64", buildId: "sha1", ehFrameHdr: true,
      dynamicLinker: "/lib64/ld-linux-x86-64.so.2", libraryPaths: ["/usr/lib"] });
    expect([...cfg.z]).toEqual(["relro", "now"]);
    expect(cfg.inputs.map((i) => (i.kind === "file" ? i.path : i.kind === "lib" ? `-l${i.name}:${i.state.asNeeded}` : i.kind)))
      .toEqual(["Scrt1.o", "x.o", "-lgcc:true", "-lgcc_s:true", "-lc:true"]);
  });

  it("tracks -Bstatic/-Bdynamic, groups and whole-archive per input", () => {
    const cfg = parseArgs(["-static", "--start-group", "-lgcc", "-lc", "--end-group", "-Bdynamic", "--whole-archive", "y.a", "--no-whole-archive"]);
    expect(cfg.static).toBe(true);
    expect(cfg.inputs.map((i) => i.kind)).toEqual(["group-start", "lib", "lib", "group-end", "file"]);
    const y = cfg.inputs[4];
    expect(y.kind === "file" && y.state).toEqual({ staticOnly: false, asNeeded: false, wholeArchive: true });
  });

  it("accepts one or two dashes and joined values", () => {
    const cfg = parseArgs(["--output=o", "--sysroot=/sr", "-soname", "libx.so.1", "--defsym=a=b+4", "--wrap=malloc", "-shared", "-eentry", "--no-dynamic-linker"]);
    expect(cfg).toMatchObject({ output: "o", sysroot: "/sr", soname: "libx.so.1", kind: "shared", entry: "entry", noDynamicLinker: true });
    expect(cfg.defsym).toEqual([{ name: "a", expr: "b+4" }]);
    expect(cfg.wrap.has("malloc")).toBe(true);
  });

  it("rejects unknown options and missing values", () => {
    expect(() => parseArgs(["--frob"])).toThrow(LinkError);
    expect(() => parseArgs(["-o"])).toThrow(/requires an argument/);
    expect(() => parseArgs(["--pop-state"])).toThrow(/push-state/);
  });
});

describe("linker scripts", () => {
  it("reads glibc's libc.so", () => {
    const s = parseScript(`/* GNU ld script
   Use the shared library, but some functions are only in
   the static library, so try that secondarily.  */
OUTPUT_FORMAT(elf64-x86-64)
GROUP ( /lib/x86_64-linux-gnu/libc.so.6 /usr/lib/x86_64-linux-gnu/libc_nonshared.a  AS_NEEDED ( /lib64/ld-linux-x86-64.so.2 ) )
`, "libc.so");
    expect(s.groups).toEqual([{ group: true, inputs: [
      { name: "/lib/x86_64-linux-gnu/libc.so.6", asNeeded: false },
      { name: "/usr/lib/x86_64-linux-gnu/libc_nonshared.a", asNeeded: false },
      { name: "/lib64/ld-linux-x86-64.so.2", asNeeded: true },
    ] }]);
  });

  it("reads INPUT, -l names, SEARCH_DIR and ENTRY; refuses SECTIONS", () => {
    const s = parseScript("SEARCH_DIR(/opt/lib) INPUT(a.o, -lfoo) ENTRY(start)", "s");
    expect(s.groups[0]).toEqual({ group: false, inputs: [{ name: "a.o", asNeeded: false }, { name: "-lfoo", asNeeded: false }] });
    expect(s.searchDirs).toEqual(["/opt/lib"]);
    expect(s.entry).toBe("start");
    expect(() => parseScript("SECTIONS { . = 0x1000; }", "k.ld")).toThrow(/not supported/);
    expect(() => parseScript("GROUP ( a.o", "bad")).toThrow(/missing '\)'/);
  });
});
