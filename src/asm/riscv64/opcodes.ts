// The RV64GC base instructions (I, M, A, F, D, Zicsr, Zifencei, Zba, Zbb) as
// data: mnemonic, operand pattern, and the instruction's fixed bits. Pseudo
// instructions and compressed forms are derived in encoder.ts.
//
// Operand pattern letters:
//   d s t     rd, rs1, rs2 (integer registers)
//   D S T R   rd, rs1, rs2, rs3 (floating-point registers)
//   j         12-bit signed immediate (I-type), or %lo/%pcrel_lo/%tprel_lo
//   o         load address offset(rs1) (I-type offset)
//   q         store address offset(rs1) (S-type offset)
//   b         conditional branch target (B-type)
//   a         jump target (J-type)
//   u         20-bit upper immediate (U-type), or %hi/%pcrel_hi/…
//   >  <      shift amount, 6 bits / 5 bits
//   m         optional rounding mode (default dyn)
//   A         (rs1): an atomic's address
//   E         CSR name or number; Z 5-bit unsigned immediate (CSR immediate forms)
//   P Q       fence predecessor / successor sets
//   +         %tprel_add(sym): no bits, a relocation only

export interface OpcodeEntry {
  readonly mnemonic: string;
  readonly operands: string;
  readonly match: number;
}

const OP = { LOAD: 0x03, LOAD_FP: 0x07, MISC_MEM: 0x0f, OP_IMM: 0x13, AUIPC: 0x17, OP_IMM_32: 0x1b, STORE: 0x23, STORE_FP: 0x27, AMO: 0x2f, OP: 0x33, LUI: 0x37, OP_32: 0x3b, MADD: 0x43, MSUB: 0x47, NMSUB: 0x4b, NMADD: 0x4f, OP_FP: 0x53, BRANCH: 0x63, JALR: 0x67, JAL: 0x6f, SYSTEM: 0x73 } as const;

const enc = (opcode: number, funct3 = 0, funct7 = 0): number => ((funct7 << 25) | (funct3 << 12) | opcode) >>> 0;
const withRs2 = (m: number, rs2: number): number => (m | (rs2 << 20)) >>> 0;
const withImm12 = (m: number, imm: number): number => (m | (imm << 20)) >>> 0;

const rows: [string, string, number][] = [
  ["lui", "d,u", enc(OP.LUI)], ["auipc", "d,u", enc(OP.AUIPC)],
  ["jal", "d,a", enc(OP.JAL)], ["jalr", "d,o", enc(OP.JALR)],
  ["beq", "s,t,b", enc(OP.BRANCH, 0)], ["bne", "s,t,b", enc(OP.BRANCH, 1)], ["blt", "s,t,b", enc(OP.BRANCH, 4)],
  ["bge", "s,t,b", enc(OP.BRANCH, 5)], ["bltu", "s,t,b", enc(OP.BRANCH, 6)], ["bgeu", "s,t,b", enc(OP.BRANCH, 7)],
  ["lb", "d,o", enc(OP.LOAD, 0)], ["lh", "d,o", enc(OP.LOAD, 1)], ["lw", "d,o", enc(OP.LOAD, 2)], ["ld", "d,o", enc(OP.LOAD, 3)],
  ["lbu", "d,o", enc(OP.LOAD, 4)], ["lhu", "d,o", enc(OP.LOAD, 5)], ["lwu", "d,o", enc(OP.LOAD, 6)],
  ["sb", "t,q", enc(OP.STORE, 0)], ["sh", "t,q", enc(OP.STORE, 1)], ["sw", "t,q", enc(OP.STORE, 2)], ["sd", "t,q", enc(OP.STORE, 3)],
  ["addi", "d,s,j", enc(OP.OP_IMM, 0)], ["slti", "d,s,j", enc(OP.OP_IMM, 2)], ["sltiu", "d,s,j", enc(OP.OP_IMM, 3)],
  ["xori", "d,s,j", enc(OP.OP_IMM, 4)], ["ori", "d,s,j", enc(OP.OP_IMM, 6)], ["andi", "d,s,j", enc(OP.OP_IMM, 7)],
  ["slli", "d,s,>", enc(OP.OP_IMM, 1)], ["srli", "d,s,>", enc(OP.OP_IMM, 5)], ["srai", "d,s,>", enc(OP.OP_IMM, 5, 0x20)],
  ["addiw", "d,s,j", enc(OP.OP_IMM_32, 0)], ["slliw", "d,s,<", enc(OP.OP_IMM_32, 1)], ["srliw", "d,s,<", enc(OP.OP_IMM_32, 5)],
  ["sraiw", "d,s,<", enc(OP.OP_IMM_32, 5, 0x20)],
  ["add", "d,s,t", enc(OP.OP, 0)], ["sub", "d,s,t", enc(OP.OP, 0, 0x20)], ["sll", "d,s,t", enc(OP.OP, 1)], ["slt", "d,s,t", enc(OP.OP, 2)],
  ["sltu", "d,s,t", enc(OP.OP, 3)], ["xor", "d,s,t", enc(OP.OP, 4)], ["srl", "d,s,t", enc(OP.OP, 5)], ["sra", "d,s,t", enc(OP.OP, 5, 0x20)],
  ["or", "d,s,t", enc(OP.OP, 6)], ["and", "d,s,t", enc(OP.OP, 7)],
  ["addw", "d,s,t", enc(OP.OP_32, 0)], ["subw", "d,s,t", enc(OP.OP_32, 0, 0x20)], ["sllw", "d,s,t", enc(OP.OP_32, 1)],
  ["srlw", "d,s,t", enc(OP.OP_32, 5)], ["sraw", "d,s,t", enc(OP.OP_32, 5, 0x20)],
  ["ecall", "", enc(OP.SYSTEM)], ["ebreak", "", withImm12(enc(OP.SYSTEM), 1)],
  ["fence.i", "", enc(OP.MISC_MEM, 1)],
  ["csrrw", "d,E,s", enc(OP.SYSTEM, 1)], ["csrrs", "d,E,s", enc(OP.SYSTEM, 2)], ["csrrc", "d,E,s", enc(OP.SYSTEM, 3)],
  ["csrrwi", "d,E,Z", enc(OP.SYSTEM, 5)], ["csrrsi", "d,E,Z", enc(OP.SYSTEM, 6)], ["csrrci", "d,E,Z", enc(OP.SYSTEM, 7)],
  // M
  ["mul", "d,s,t", enc(OP.OP, 0, 1)], ["mulh", "d,s,t", enc(OP.OP, 1, 1)], ["mulhsu", "d,s,t", enc(OP.OP, 2, 1)],
  ["mulhu", "d,s,t", enc(OP.OP, 3, 1)], ["div", "d,s,t", enc(OP.OP, 4, 1)], ["divu", "d,s,t", enc(OP.OP, 5, 1)],
  ["rem", "d,s,t", enc(OP.OP, 6, 1)], ["remu", "d,s,t", enc(OP.OP, 7, 1)],
  ["mulw", "d,s,t", enc(OP.OP_32, 0, 1)], ["divw", "d,s,t", enc(OP.OP_32, 4, 1)], ["divuw", "d,s,t", enc(OP.OP_32, 5, 1)],
  ["remw", "d,s,t", enc(OP.OP_32, 6, 1)], ["remuw", "d,s,t", enc(OP.OP_32, 7, 1)],
  // Zba, Zbb
  ["sh1add", "d,s,t", enc(OP.OP, 2, 0x10)], ["sh2add", "d,s,t", enc(OP.OP, 4, 0x10)], ["sh3add", "d,s,t", enc(OP.OP, 6, 0x10)],
  ["add.uw", "d,s,t", enc(OP.OP_32, 0, 0x04)], ["sh1add.uw", "d,s,t", enc(OP.OP_32, 2, 0x10)],
  ["sh2add.uw", "d,s,t", enc(OP.OP_32, 4, 0x10)], ["sh3add.uw", "d,s,t", enc(OP.OP_32, 6, 0x10)],
  ["slli.uw", "d,s,>", enc(OP.OP_IMM_32, 1, 0x04)],
  ["andn", "d,s,t", enc(OP.OP, 7, 0x20)], ["orn", "d,s,t", enc(OP.OP, 6, 0x20)], ["xnor", "d,s,t", enc(OP.OP, 4, 0x20)],
  ["clz", "d,s", withImm12(enc(OP.OP_IMM, 1), 0x600)], ["ctz", "d,s", withImm12(enc(OP.OP_IMM, 1), 0x601)],
  ["cpop", "d,s", withImm12(enc(OP.OP_IMM, 1), 0x602)], ["clzw", "d,s", withImm12(enc(OP.OP_IMM_32, 1), 0x600)],
  ["ctzw", "d,s", withImm12(enc(OP.OP_IMM_32, 1), 0x601)], ["cpopw", "d,s", withImm12(enc(OP.OP_IMM_32, 1), 0x602)],
  ["max", "d,s,t", enc(OP.OP, 6, 0x05)], ["maxu", "d,s,t", enc(OP.OP, 7, 0x05)], ["min", "d,s,t", enc(OP.OP, 4, 0x05)],
  ["minu", "d,s,t", enc(OP.OP, 5, 0x05)],
  ["sext.b", "d,s", withImm12(enc(OP.OP_IMM, 1), 0x604)], ["sext.h", "d,s", withImm12(enc(OP.OP_IMM, 1), 0x605)],
  ["zext.h", "d,s", enc(OP.OP_32, 4, 0x04)],
  ["rol", "d,s,t", enc(OP.OP, 1, 0x30)], ["ror", "d,s,t", enc(OP.OP, 5, 0x30)], ["rolw", "d,s,t", enc(OP.OP_32, 1, 0x30)],
  ["rorw", "d,s,t", enc(OP.OP_32, 5, 0x30)], ["rori", "d,s,>", enc(OP.OP_IMM, 5, 0x30)], ["roriw", "d,s,<", enc(OP.OP_IMM_32, 5, 0x30)],
  ["orc.b", "d,s", withImm12(enc(OP.OP_IMM, 5), 0x287)], ["rev8", "d,s", withImm12(enc(OP.OP_IMM, 5), 0x6b8)],
];

// A: lr/sc and AMOs, each with .aq, .rl and .aqrl variants (bits 26 and 25).
const AMO_OPS: [string, number][] = [
  ["amoadd", 0x00], ["amoswap", 0x01], ["amoxor", 0x04], ["amoor", 0x08], ["amoand", 0x0c],
  ["amomin", 0x10], ["amomax", 0x14], ["amominu", 0x18], ["amomaxu", 0x1c],
];
const ORDERINGS: [string, number][] = [["", 0], [".aq", 2], [".rl", 1], [".aqrl", 3]];
for (const [w, f3] of [["w", 2], ["d", 3]] as const) {
  for (const [sfx, bits] of ORDERINGS) {
    rows.push([`lr.${w}${sfx}`, "d,A", enc(OP.AMO, f3, (0x02 << 2) | bits)]);
    rows.push([`sc.${w}${sfx}`, "d,t,A", enc(OP.AMO, f3, (0x03 << 2) | bits)]);
    for (const [name, f5] of AMO_OPS) rows.push([`${name}.${w}${sfx}`, "d,t,A", enc(OP.AMO, f3, (f5 << 2) | bits)]);
  }
}

// F and D: fmt 0 = single, 1 = double.
for (const [t, fmt, f3] of [["s", 0, 2], ["d", 1, 3]] as const) {
  const fp = (f5: number, funct3 = 0): number => enc(OP.OP_FP, funct3, (f5 << 2) | fmt);
  rows.push(
    [t === "s" ? "flw" : "fld", "D,o", enc(OP.LOAD_FP, f3)],
    [t === "s" ? "fsw" : "fsd", "T,q", enc(OP.STORE_FP, f3)],
    [`fmadd.${t}`, "D,S,T,R,m", enc(OP.MADD, 0, fmt)], [`fmsub.${t}`, "D,S,T,R,m", enc(OP.MSUB, 0, fmt)],
    [`fnmsub.${t}`, "D,S,T,R,m", enc(OP.NMSUB, 0, fmt)], [`fnmadd.${t}`, "D,S,T,R,m", enc(OP.NMADD, 0, fmt)],
    [`fadd.${t}`, "D,S,T,m", fp(0x00)], [`fsub.${t}`, "D,S,T,m", fp(0x01)], [`fmul.${t}`, "D,S,T,m", fp(0x02)],
    [`fdiv.${t}`, "D,S,T,m", fp(0x03)], [`fsqrt.${t}`, "D,S,m", fp(0x0b)],
    [`fsgnj.${t}`, "D,S,T", fp(0x04, 0)], [`fsgnjn.${t}`, "D,S,T", fp(0x04, 1)], [`fsgnjx.${t}`, "D,S,T", fp(0x04, 2)],
    [`fmin.${t}`, "D,S,T", fp(0x05, 0)], [`fmax.${t}`, "D,S,T", fp(0x05, 1)],
    [`feq.${t}`, "d,S,T", fp(0x14, 2)], [`flt.${t}`, "d,S,T", fp(0x14, 1)], [`fle.${t}`, "d,S,T", fp(0x14, 0)],
    [`fclass.${t}`, "d,S", fp(0x1c, 1)],
    [`fcvt.w.${t}`, "d,S,m", withRs2(fp(0x18), 0)], [`fcvt.wu.${t}`, "d,S,m", withRs2(fp(0x18), 1)],
    [`fcvt.l.${t}`, "d,S,m", withRs2(fp(0x18), 2)], [`fcvt.lu.${t}`, "d,S,m", withRs2(fp(0x18), 3)],
    // Converting a 32-bit integer to double is exact: no rounding-mode operand (rm field 0).
    t === "s" ? [`fcvt.${t}.w`, "D,s,m", withRs2(fp(0x1a), 0)] : [`fcvt.${t}.w`, "D,s", withRs2(fp(0x1a), 0)],
    t === "s" ? [`fcvt.${t}.wu`, "D,s,m", withRs2(fp(0x1a), 1)] : [`fcvt.${t}.wu`, "D,s", withRs2(fp(0x1a), 1)],
    [`fcvt.${t}.l`, "D,s,m", withRs2(fp(0x1a), 2)], [`fcvt.${t}.lu`, "D,s,m", withRs2(fp(0x1a), 3)],
    [t === "s" ? "fmv.x.w" : "fmv.x.d", "d,S", fp(0x1c, 0)],
    [t === "s" ? "fmv.w.x" : "fmv.d.x", "D,s", fp(0x1e, 0)],
  );
}
rows.push(
  ["fcvt.s.d", "D,S,m", withRs2(enc(OP.OP_FP, 0, 0x20), 1)],
  ["fcvt.d.s", "D,S", withRs2(enc(OP.OP_FP, 0, 0x21), 0)],
  ["fmv.x.s", "d,S", enc(OP.OP_FP, 0, 0x70)], ["fmv.s.x", "D,s", enc(OP.OP_FP, 0, 0x78)],
);

/** Instructions of extensions outside rv64gc: accepted only when the ISA string names the extension. */
export const EXTENSION_OF: ReadonlyMap<string, string> = new Map([
  ...["sh1add", "sh2add", "sh3add", "add.uw", "sh1add.uw", "sh2add.uw", "sh3add.uw", "slli.uw"].map((m) => [m, "zba"] as [string, string]),
  ...["andn", "orn", "xnor", "clz", "ctz", "cpop", "clzw", "ctzw", "cpopw", "max", "maxu", "min", "minu", "sext.b", "sext.h", "zext.h",
    "rol", "ror", "rolw", "rorw", "rori", "roriw", "orc.b", "rev8"].map((m) => [m, "zbb"] as [string, string]),
]);

export const OPCODES: ReadonlyMap<string, OpcodeEntry> = new Map(rows.map(([mnemonic, operands, match]) => [mnemonic, { mnemonic, operands, match }]));

export { OP };

/** Rounding modes (the rm field). */
export const ROUNDING_MODES: Readonly<Record<string, number>> = { rne: 0, rtz: 1, rdn: 2, rup: 3, rmm: 4, dyn: 7 };

/** CSRs gas knows by name (the unprivileged ones and the common machine/supervisor ones). */
export const CSRS: Readonly<Record<string, number>> = {
  fflags: 0x001, frm: 0x002, fcsr: 0x003,
  cycle: 0xc00, time: 0xc01, instret: 0xc02, cycleh: 0xc80, timeh: 0xc81, instreth: 0xc82,
  sstatus: 0x100, sie: 0x104, stvec: 0x105, scounteren: 0x106, sscratch: 0x140, sepc: 0x141, scause: 0x142,
  stval: 0x143, sip: 0x144, satp: 0x180,
  mvendorid: 0xf11, marchid: 0xf12, mimpid: 0xf13, mhartid: 0xf14, mstatus: 0x300, misa: 0x301, medeleg: 0x302,
  mideleg: 0x303, mie: 0x304, mtvec: 0x305, mcounteren: 0x306, mscratch: 0x340, mepc: 0x341, mcause: 0x342,
  mtval: 0x343, mip: 0x344, mcycle: 0xb00, minstret: 0xb02,
};
