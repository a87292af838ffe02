// Computed-goto dispatch (Lua's lvm.c with LUA_USE_JUMPTABLE): 40 labels, each
// ending in goto *disp[*pc++], 40 variables live across all of them. With an
// indirectbr per goto (N*M edges, every label's phis copied in every goto
// block) tscc -O1+ took minutes and overflowed the stack; lowering now sends
// every goto * through one dispatch block.
#include <stdio.h>
int run(const unsigned char *code) {
  static void *disp[] = {&&op0,&&op1,&&op2,&&op3,&&op4,&&op5,&&op6,&&op7,&&op8,&&op9,&&op10,&&op11,&&op12,&&op13,&&op14,&&op15,&&op16,&&op17,&&op18,&&op19,&&op20,&&op21,&&op22,&&op23,&&op24,&&op25,&&op26,&&op27,&&op28,&&op29,&&op30,&&op31,&&op32,&&op33,&&op34,&&op35,&&op36,&&op37,&&op38,&&op39, &&done};
  int v0 = 0; int v1 = 1; int v2 = 2; int v3 = 3; int v4 = 4; int v5 = 5; int v6 = 6; int v7 = 7; int v8 = 8; int v9 = 9; int v10 = 10; int v11 = 11; int v12 = 12; int v13 = 13; int v14 = 14; int v15 = 15; int v16 = 16; int v17 = 17; int v18 = 18; int v19 = 19; int v20 = 20; int v21 = 21; int v22 = 22; int v23 = 23; int v24 = 24; int v25 = 25; int v26 = 26; int v27 = 27; int v28 = 28; int v29 = 29; int v30 = 30; int v31 = 31; int v32 = 32; int v33 = 33; int v34 = 34; int v35 = 35; int v36 = 36; int v37 = 37; int v38 = 38; int v39 = 39;
  const unsigned char *pc = code;
  goto *disp[*pc++];
  op0: v0 += v1 ^ 0; v0 -= v0 >> 1; goto *disp[*pc++];
  op1: v1 += v2 ^ 1; v7 -= v1 >> 1; goto *disp[*pc++];
  op2: v2 += v3 ^ 2; v14 -= v2 >> 1; goto *disp[*pc++];
  op3: v3 += v4 ^ 3; v21 -= v3 >> 1; goto *disp[*pc++];
  op4: v4 += v5 ^ 4; v28 -= v4 >> 1; goto *disp[*pc++];
  op5: v5 += v6 ^ 5; v35 -= v5 >> 1; goto *disp[*pc++];
  op6: v6 += v7 ^ 6; v2 -= v6 >> 1; goto *disp[*pc++];
  op7: v7 += v8 ^ 7; v9 -= v7 >> 1; goto *disp[*pc++];
  op8: v8 += v9 ^ 8; v16 -= v8 >> 1; goto *disp[*pc++];
  op9: v9 += v10 ^ 9; v23 -= v9 >> 1; goto *disp[*pc++];
  op10: v10 += v11 ^ 10; v30 -= v10 >> 1; goto *disp[*pc++];
  op11: v11 += v12 ^ 11; v37 -= v11 >> 1; goto *disp[*pc++];
  op12: v12 += v13 ^ 12; v4 -= v12 >> 1; goto *disp[*pc++];
  op13: v13 += v14 ^ 13; v11 -= v13 >> 1; goto *disp[*pc++];
  op14: v14 += v15 ^ 14; v18 -= v14 >> 1; goto *disp[*pc++];
  op15: v15 += v16 ^ 15; v25 -= v15 >> 1; goto *disp[*pc++];
  op16: v16 += v17 ^ 16; v32 -= v16 >> 1; goto *disp[*pc++];
  op17: v17 += v18 ^ 17; v39 -= v17 >> 1; goto *disp[*pc++];
  op18: v18 += v19 ^ 18; v6 -= v18 >> 1; goto *disp[*pc++];
  op19: v19 += v20 ^ 19; v13 -= v19 >> 1; goto *disp[*pc++];
  op20: v20 += v21 ^ 20; v20 -= v20 >> 1; goto *disp[*pc++];
  op21: v21 += v22 ^ 21; v27 -= v21 >> 1; goto *disp[*pc++];
  op22: v22 += v23 ^ 22; v34 -= v22 >> 1; goto *disp[*pc++];
  op23: v23 += v24 ^ 23; v1 -= v23 >> 1; goto *disp[*pc++];
  op24: v24 += v25 ^ 24; v8 -= v24 >> 1; goto *disp[*pc++];
  op25: v25 += v26 ^ 25; v15 -= v25 >> 1; goto *disp[*pc++];
  op26: v26 += v27 ^ 26; v22 -= v26 >> 1; goto *disp[*pc++];
  op27: v27 += v28 ^ 27; v29 -= v27 >> 1; goto *disp[*pc++];
  op28: v28 += v29 ^ 28; v36 -= v28 >> 1; goto *disp[*pc++];
  op29: v29 += v30 ^ 29; v3 -= v29 >> 1; goto *disp[*pc++];
  op30: v30 += v31 ^ 30; v10 -= v30 >> 1; goto *disp[*pc++];
  op31: v31 += v32 ^ 31; v17 -= v31 >> 1; goto *disp[*pc++];
  op32: v32 += v33 ^ 32; v24 -= v32 >> 1; goto *disp[*pc++];
  op33: v33 += v34 ^ 33; v31 -= v33 >> 1; goto *disp[*pc++];
  op34: v34 += v35 ^ 34; v38 -= v34 >> 1; goto *disp[*pc++];
  op35: v35 += v36 ^ 35; v5 -= v35 >> 1; goto *disp[*pc++];
  op36: v36 += v37 ^ 36; v12 -= v36 >> 1; goto *disp[*pc++];
  op37: v37 += v38 ^ 37; v19 -= v37 >> 1; goto *disp[*pc++];
  op38: v38 += v39 ^ 38; v26 -= v38 >> 1; goto *disp[*pc++];
  op39: v39 += v0 ^ 39; v33 -= v39 >> 1; goto *disp[*pc++];
  done: return v0 + v1 + v2 + v3 + v4 + v5 + v6 + v7 + v8 + v9 + v10 + v11 + v12 + v13 + v14 + v15 + v16 + v17 + v18 + v19 + v20 + v21 + v22 + v23 + v24 + v25 + v26 + v27 + v28 + v29 + v30 + v31 + v32 + v33 + v34 + v35 + v36 + v37 + v38 + v39;
}
int main(void) {
  unsigned char code[] = {0,5,10,15,20,25,30,35,0,5,10,15,20,25,30,35,0,5,10,15,20,25,30,35,0,5,10,15,20,25,30,35,0,5,10,15,20,25,30,35,0,5,10,15,20,25,30,35,0,5,10,15,20,25,30,35,0,5,10,15,20,25,30,35,0,5,10,15,20,25,30,35,0,5,10,15,20,25,30,35,0,5,10,15,20,25,30,35,0,5,10,15,20,25,30,35,0,5,10,15,20,25,30,35,0,5,10,15,20,25,30,35,0,5,10,15,20,25,30,35, 40};
  printf("%d\n", run(code));
  return 0;
}
// expect: 6838
