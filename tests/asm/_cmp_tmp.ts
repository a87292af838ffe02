import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { assembleFile, formatDiagnostic } from "../../src/asm/index.js";
import { compareObjects } from "./compare.js";
const GAS = ["-march=rv64imafdc_zicsr_zifencei", "-mabi=lp64d", "-misa-spec=20191213"];
for (const f of process.argv.slice(2)) {
  execFileSync("riscv64-linux-gnu-as", [...GAS, f, "-o", "/tmp/rvasm/gas.o"]);
  const r = assembleFile(readFileSync(f, "latin1"), { fileName: f, arch: "riscv64" });
  if (!r.object) { console.log(f, r.diagnostics.map(formatDiagnostic)); continue; }
  writeFileSync("/tmp/rvasm/ours.o", r.object);
  const d = compareObjects(readFileSync("/tmp/rvasm/gas.o"), r.object, { symbolOrder: true });
  console.log(f, d.length ? d.slice(0, 8).join("\n  ") : "IDENTICAL");
}
