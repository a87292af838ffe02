// Run tscc's linker from the command line with GNU ld's arguments:
//   npx tsx tests/link/tscc-ld.ts -pie -o a.out Scrt1.o … -lc …
import { runLinker } from "../../src/link/index.js";

process.exitCode = runLinker(process.argv.slice(2), { stderr: (s) => process.stderr.write(s) });
