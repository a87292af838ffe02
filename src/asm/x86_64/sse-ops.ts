// The SSE2 integer operations (66 0f <op> /r) as [mnemonic, opcode] pairs: the
// legacy forms in opcodes.ts and their VEX forms in opcodes-vex.ts use the same table.

/** Two-operand operations on packed integers (the VEX forms add a vvvv source). */
export const SSE2_INTEGER_OPS: readonly (readonly [string, string])[] = [
    ["paddb", "fc"], ["paddw", "fd"], ["paddd", "fe"], ["paddq", "d4"], ["psubb", "f8"], ["psubw", "f9"], ["psubd", "fa"], ["psubq", "fb"],
    ["pmullw", "d5"], ["pmulhw", "e5"], ["pmulhuw", "e4"], ["pmuludq", "f4"], ["pmaddwd", "f5"],
    ["pand", "db"], ["pandn", "df"], ["por", "eb"], ["pxor", "ef"],
    ["pcmpeqb", "74"], ["pcmpeqw", "75"], ["pcmpeqd", "76"], ["pcmpgtb", "64"], ["pcmpgtw", "65"], ["pcmpgtd", "66"],
    ["punpcklbw", "60"], ["punpcklwd", "61"], ["punpckldq", "62"], ["packsswb", "63"], ["packuswb", "67"],
    ["punpckhbw", "68"], ["punpckhwd", "69"], ["punpckhdq", "6a"], ["packssdw", "6b"], ["punpcklqdq", "6c"], ["punpckhqdq", "6d"],
    ["paddusb", "dc"], ["paddusw", "dd"], ["paddsb", "ec"], ["paddsw", "ed"], ["psubusb", "d8"], ["psubusw", "d9"],
    ["psubsb", "e8"], ["psubsw", "e9"], ["pminub", "da"], ["pmaxub", "de"], ["pminsw", "ea"], ["pmaxsw", "ee"],
    ["pavgb", "e0"], ["pavgw", "e3"], ["psadbw", "f6"],
  ];

/** Shifts whose count is an %xmm register or memory (the VEX forms keep an %xmm count for %ymm data). */
export const SSE2_SHIFTS_BY_XMM: readonly (readonly [string, string])[] = [
    ["psrlw", "d1"], ["psrld", "d2"], ["psrlq", "d3"], ["psraw", "e1"], ["psrad", "e2"], ["psllw", "f1"], ["pslld", "f2"], ["psllq", "f3"],
];
