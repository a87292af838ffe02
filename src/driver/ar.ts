// tscc-ar and tscc-ranlib: GNU ar's command line over src/elf/archive.ts, so
// that building a project needs no binutils. The output is byte for byte what
// Debian's GNU ar writes (deterministic mode is the default there, as here).
//
//   ar [-]{d,m,p,q,r,s,t,x}[abcDfiNoOPsSTuUvV] [relpos] [count] archive [member...]
//   ranlib [-DtUvV] archive...
//
// Every change is made in memory and written to a temporary file renamed over
// the archive, so a failure (a missing input, say) leaves the archive as it was.

import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { writeFileAtomically } from "../output-file.js";
import { basename, dirname, isAbsolute, join, relative } from "node:path";
import { FormatError } from "../elf/bytes.js";
import {
  type ArchiveMember, DETERMINISTIC_STAMP, indexedSymbols, isArchive, type MemberStamp, readArchive, writeArchive,
} from "../elf/archive.js";
import { expandResponseFiles } from "./options.js";
import { TSCC_VERSION } from "./main.js";

export interface ArIo {
  stdout(data: string | Uint8Array): void;
  stderr(text: string): void;
}

const processIo: ArIo = {
  stdout: (d) => void process.stdout.write(d),
  stderr: (s) => void process.stderr.write(s),
};

class ArError extends Error {}

type Operation = "d" | "m" | "p" | "q" | "r" | "s" | "t" | "x";
const OPERATIONS = new Set<string>(["d", "m", "p", "q", "r", "s", "t", "x"]);
/** Modifiers accepted (`f`, truncating names for old systems, has no effect). */
const MODIFIERS = new Set<string>([..."abicDfNoOPsSTuUvV"]);

interface Command {
  operation: Operation;
  modifiers: Set<string>;
  /** The member named by `a`, `b` or `i`. */
  relpos?: string;
  /** The instance selected by `N`. */
  count: number;
  archive: string;
  files: string[];
  outputDir?: string;
}

/** A member of the archive being edited: old members keep their header fields, new ones get fresh ones. */
interface Member {
  name: string;
  data: Uint8Array;
  stamp: MemberStamp;
  /** Where the data came from: the archive (offset) or a file (path). */
  origin: { kind: "archive"; offset: number } | { kind: "file"; path: string };
}

/** Latin1 "byte string" of a file name, as archive names are kept (UTF-8 names stay their bytes). */
const nameBytes = (s: string): string => Buffer.from(s, "utf8").toString("latin1");
const nameText = (s: string): string => Buffer.from(s, "latin1").toString("utf8");

export function runAr(argv: readonly string[], io: ArIo = processIo, program = "tscc-ar"): number {
  try {
    const args = expandResponseFiles(argv, (p) => {
      try { return readFileSync(p, "latin1"); } catch { return undefined; }
    });
    const cmd = parseArArgs(args, io, program);
    if (!cmd) return 0;
    return execute(cmd, io, program);
  } catch (e) {
    if (e instanceof ArError || e instanceof FormatError) {
      io.stderr(`${program}: error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

export function runRanlib(argv: readonly string[], io: ArIo = processIo, program = "tscc-ranlib"): number {
  const modifiers = new Set<string>();
  const archives: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--version" || a === "-V" || a === "-v") { io.stdout(`${program} (tscc ${TSCC_VERSION}) — GNU ranlib compatible command line\n`); return 0; }
    if (a === "--help" || a === "-h") { io.stdout(`Usage: ${program} [-DtU] archive...\n Generate an index to speed access to archives\n`); return 0; }
    if (a === "--plugin") { i++; continue; }
    if (a.startsWith("--plugin=") || a.startsWith("--target=")) continue;
    if (a === "-D" || a === "-U") { modifiers.add(a[1]); continue; }
    if (a === "-t") continue; // updates the BSD index's timestamp: nothing to do for a GNU index
    if (a.startsWith("-") && a.length > 1) { io.stderr(`${program}: error: unknown option '${a}'\n`); return 1; }
    archives.push(a);
  }
  if (archives.length === 0) { io.stderr(`${program}: error: no archive given\nUsage: ${program} [-DtU] archive...\n`); return 1; }
  for (const archive of archives) {
    try {
      execute({ operation: "s", modifiers, count: 1, archive, files: [] }, io, program);
    } catch (e) {
      if (e instanceof ArError || e instanceof FormatError) { io.stderr(`${program}: error: ${e.message}\n`); return 1; }
      throw e;
    }
  }
  return 0;
}

const USAGE = (program: string): string =>
  `Usage: ${program} [-]{dmpqrstx}[abcDfiNoOPsSTuUvV] [member-name] [count] archive-file file...\n` +
  " d: delete  m: move  p: print  q: quick append  r: replace or insert  s: index (ranlib)  t: list  x: extract\n";

/** GNU ar's grammar: the key letters come first, with or without a dash, perhaps split over several dashed words. */
function parseArArgs(args: readonly string[], io: ArIo, program: string): Command | undefined {
  if (args.length === 0) throw new ArError(`no operation specified\n${USAGE(program)}`);
  const letters: string[] = [];
  const positional: string[] = [];
  let outputDir: string | undefined;
  let thinFlag = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (positional.length > 0 || (a[0] !== "-" && letters.length > 0) || a === "-") { positional.push(a); continue; }
    if (a === "--") { positional.push(...args.slice(i + 1)); break; }
    if (a === "--version" || a === "-V") { io.stdout(`${program} (tscc ${TSCC_VERSION}) — GNU ar compatible command line\n`); return undefined; }
    if (a === "--help" || a === "-h") { io.stdout(USAGE(program)); return undefined; }
    if (a === "--thin") { thinFlag = true; continue; }
    if (a === "--plugin" || a === "--target" || a === "--output") {
      if (i + 1 >= args.length) throw new ArError(`option '${a}' requires an argument`);
      if (a === "--output") outputDir = args[i + 1];
      i++;
      continue;
    }
    if (a.startsWith("--output=")) { outputDir = a.slice(9); continue; }
    if (a.startsWith("--plugin=") || a.startsWith("--target=")) continue;
    if (a.startsWith("--")) throw new ArError(`unrecognized option '${a}'`);
    if (a.startsWith("-X")) continue; // AIX object mode: meaningless for ELF
    letters.push(...(a[0] === "-" ? a.slice(1) : a));
  }
  // `s` is the operation alone (ranlib) and a modifier next to another one.
  const operations = new Set(letters.filter((c) => OPERATIONS.has(c) && c !== "s"));
  if (operations.size > 1) throw new ArError("two different operation options specified");
  const operation = ([...operations][0] ?? (letters.includes("s") ? "s" : undefined)) as Operation | undefined;
  const modifiers = new Set<string>();
  for (const c of letters) {
    if (c === operation) continue;
    if (MODIFIERS.has(c)) modifiers.add(c);
    else if (c === "l") throw new ArError("modifier 'l' (library dependencies) is not supported");
    else throw new ArError(`invalid option -- '${c}'\n${USAGE(program)}`);
  }
  if (operation === undefined) throw new ArError(`no operation specified\n${USAGE(program)}`);
  if (thinFlag) modifiers.add("T");
  let relpos: string | undefined;
  let count = 1;
  if (["a", "b", "i"].some((m) => modifiers.has(m)) && (operation === "r" || operation === "m")) {
    relpos = positional.shift();
    if (relpos === undefined) throw new ArError("no member name given for the 'a', 'b' or 'i' modifier");
  }
  if (modifiers.has("N")) {
    const n = positional.shift();
    count = Number(n);
    if (!Number.isInteger(count) || count < 1) throw new ArError(`'N' needs a positive count, not '${n ?? ""}'`);
  }
  const archive = positional.shift();
  if (archive === undefined) throw new ArError(`no archive specified\n${USAGE(program)}`);
  return { operation, modifiers, relpos, count, archive, files: positional, outputDir };
}

function execute(cmd: Command, io: ArIo, program: string): number {
  const { operation, modifiers: mods } = cmd;
  const verbose = mods.has("v");
  const exists = existsSync(cmd.archive);
  if (!exists && operation !== "r" && operation !== "q") throw new ArError(`${cmd.archive}: No such file or directory`);
  let thin = mods.has("T");
  let members: Member[] = [];
  if (exists) {
    const bytes = new Uint8Array(readFileSync(cmd.archive));
    if (!isArchive(bytes)) throw new ArError(`${cmd.archive}: file format not recognized`);
    const old = readArchive(bytes);
    if (thin && !old.thin) throw new ArError(`cannot convert existing library ${cmd.archive} to thin format`);
    thin = old.thin;
    members = old.members.map((m) => ({ name: m.name, data: memberData(cmd.archive, m), stamp: m.stamp, origin: { kind: "archive", offset: m.headerOffset } }));
  } else if ((operation === "r" || operation === "q") && !mods.has("c")) io.stderr(`${program}: creating ${cmd.archive}\n`);

  const matchName = (file: string): string => nameBytes(mods.has("P") || thin ? thinName(cmd.archive, file, thin) : basename(file));
  /** The `count`-th member called `name` (the first, without N). */
  const find = (name: string): number => {
    let seen = 0;
    return members.findIndex((m) => m.name === name && ++seen === cmd.count);
  };
  const selected = (): Member[] => {
    if (cmd.files.length === 0) return members;
    const out: Member[] = [];
    for (const f of cmd.files) {
      const i = find(matchName(f));
      if (i < 0) io.stderr(`no entry ${f} in archive\n`);
      else out.push(members[i]);
    }
    return out;
  };
  const deterministic = !mods.has("U");
  const newMember = (file: string): Member => {
    let data: Uint8Array;
    let stamp = DETERMINISTIC_STAMP;
    try {
      const st = statSync(file);
      if (st.isDirectory()) throw new ArError(`${file}: Is a directory`);
      data = new Uint8Array(readFileSync(file));
      if (!deterministic) stamp = { date: String(Math.floor(st.mtimeMs / 1000)), uid: String(st.uid), gid: String(st.gid), mode: st.mode.toString(8) };
    } catch (e) {
      if (e instanceof ArError) throw e;
      throw new ArError(`${file}: No such file or directory`);
    }
    return { name: matchName(file), data, stamp, origin: { kind: "file", path: file } };
  };
  /** Where `r`, `q` and `m` put members: before or after the relpos member, else at the end. */
  const insertionPoint = (): number => {
    if (cmd.relpos === undefined) return members.length;
    const i = members.findIndex((m) => m.name === nameBytes(basename(cmd.relpos ?? "")));
    if (i < 0) return members.length;
    return mods.has("a") ? i + 1 : i;
  };

  switch (operation) {
    case "t":
      for (const m of selected()) {
        const offset = mods.has("O") ? ` 0x${(originOffset(m) + 60).toString(16)}` : "";
        io.stdout(verbose ? `${longListing(m)}${offset}\n` : `${nameText(m.name)}${offset}\n`);
      }
      return 0;
    case "p":
      for (const m of selected()) {
        if (verbose) io.stdout(`\n<${nameText(m.name)}>\n\n`);
        io.stdout(m.data);
      }
      return 0;
    case "x": {
      if (thin) throw new ArError("'x' cannot be used on thin archives");
      const dir = cmd.outputDir ?? ".";
      if (cmd.outputDir) mkdirSync(dir, { recursive: true });
      for (const m of selected()) {
        // A member name is a file name, never a path out of the output directory.
        if (m.name.includes("/") || m.name === "." || m.name === ".." || m.name === "") throw new ArError(`${nameText(m.name)}: illegal output pathname for archive member`);
        const path = join(dir, nameText(m.name));
        if (verbose) io.stdout(`x - ${nameText(m.name)}\n`);
        writeFileSync(path, m.data);
        const mode = Number.parseInt(m.stamp.mode, 8);
        if (Number.isFinite(mode)) chmodSync(path, mode & 0o7777);
        const date = Number(m.stamp.date);
        if (mods.has("o") && Number.isFinite(date)) utimesSync(path, date, date);
      }
      return 0;
    }
    case "d":
      for (const f of cmd.files) {
        const i = find(matchName(f));
        if (i < 0) { if (verbose) io.stdout(`No member named \`${f}'\n`); continue; }
        if (verbose) io.stdout(`d - ${nameText(members[i].name)}\n`);
        members.splice(i, 1);
      }
      break;
    case "m": {
      const moving: Member[] = [];
      for (const f of cmd.files) {
        const i = find(matchName(f));
        if (i < 0) throw new ArError(`no entry ${f} in archive ${cmd.archive}`);
        if (verbose) io.stdout(`m - ${nameText(members[i].name)}\n`);
        moving.push(...members.splice(i, 1));
      }
      members.splice(insertionPoint(), 0, ...moving);
      break;
    }
    case "q":
      for (const f of cmd.files) {
        if (verbose) io.stdout(`a - ${f}\n`);
        members.push(newMember(f));
      }
      break;
    case "r": {
      if (mods.has("u") && deterministic) io.stderr(`${program}: warning: 'u' modifier ignored since 'D' is the default (see 'U')\n`);
      const newerOnly = mods.has("u") && !deterministic;
      // As GNU ar: a file replaces the first old member of its name; files named twice on the line are both added.
      for (const f of cmd.files) {
        const name = matchName(f);
        const i = members.findIndex((m) => m.origin.kind === "archive" && m.name === name);
        if (i >= 0) {
          if (newerOnly && !isNewer(f, members[i])) continue;
          if (verbose) io.stdout(`r - ${f}\n`);
          members[i] = newMember(f);
        } else {
          if (verbose) io.stdout(`a - ${f}\n`);
          members.splice(cmd.relpos === undefined ? members.length : insertionPoint(), 0, newMember(f));
        }
      }
      break;
    }
    case "s":
      break;
  }

  const bytes = writeArchive(
    members.map((m) => ({ name: m.name, data: m.data, stamp: m.stamp, symbols: indexedSymbols(m.data) })),
    { thin, index: !mods.has("S"), indexDate: deterministic ? "0" : String(Math.floor(Date.now() / 1000)) },
  );
  replaceFile(cmd.archive, bytes);
  return 0;
}

/** Bytes of an old member: in the archive, or for a thin archive in the file it names. */
function memberData(archive: string, m: ArchiveMember): Uint8Array {
  if (m.data) return m.data;
  const path = isAbsolute(nameText(m.name)) ? nameText(m.name) : join(dirname(archive), nameText(m.name));
  try {
    return new Uint8Array(readFileSync(path));
  } catch {
    throw new ArError(`${path}: No such file or directory (member of thin archive ${archive})`);
  }
}

/** A thin archive names a file relative to the archive's directory (absolute names stay absolute). */
function thinName(archive: string, file: string, thin: boolean): string {
  if (!thin || isAbsolute(file)) return file;
  return relative(dirname(archive), file) || basename(file);
}

function originOffset(m: Member): number {
  return m.origin.kind === "archive" ? m.origin.offset : 0;
}

function isNewer(file: string, m: Member): boolean {
  const date = Number(m.stamp.date);
  return !Number.isFinite(date) || Math.floor(statSync(file).mtimeMs / 1000) > date;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `ar tv`: "rw-r--r-- 0/0   1552 Jan  1 00:00 1970 name", the date in local time. */
function longListing(m: Member): string {
  const mode = Number.parseInt(m.stamp.mode, 8) || 0;
  let perms = "";
  for (let shift = 6; shift >= 0; shift -= 3) {
    const bits = (mode >> shift) & 7;
    perms += (bits & 4 ? "r" : "-") + (bits & 2 ? "w" : "-") + (bits & 1 ? "x" : "-");
  }
  const d = new Date((Number(m.stamp.date) || 0) * 1000);
  const two = (n: number): string => String(n).padStart(2, "0");
  const date = `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2)} ${two(d.getHours())}:${two(d.getMinutes())} ${d.getFullYear()}`;
  return `${perms} ${Number(m.stamp.uid) || 0}/${Number(m.stamp.gid) || 0} ${String(m.data.length).padStart(6)} ${date} ${nameText(m.name)}`;
}

/** Write next to the target and rename over it, so nobody sees half an archive. */
function replaceFile(path: string, bytes: Uint8Array): void {
  try {
    writeFileAtomically(path, bytes, "tscc-ar");
  } catch (e) {
    throw new ArError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
