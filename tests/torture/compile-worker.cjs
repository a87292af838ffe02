// A compile server for the torture runner: runs tscc's driver in-process for
// each request (`main(argv)` from the bundle), so the JIT stays warm and
// libc is parsed once by the linker, instead of paying a Node start-up per test.
const { parentPort } = require("node:worker_threads");
const path = require("node:path");
const tscc = require(path.join(__dirname, "../../dist/tscc.cjs"));

let captured = "";
const capture = (chunk) => {
  captured += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("latin1");
  return true;
};
process.stderr.write = capture;
process.stdout.write = capture;

parentPort.on("message", ({ id, args, cwd }) => {
  captured = "";
  let status;
  try {
    if (cwd) process.chdir(cwd);
    status = tscc.main(args);
  } catch (e) {
    status = 1;
    captured += `internal compiler error: ${e && e.message}\n`;
  }
  parentPort.postMessage({ id, status, output: captured });
});
