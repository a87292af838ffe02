// A switch-dispatched bytecode interpreter: branches, a jump table, memory traffic.
#include <stdio.h>
enum { PUSH, ADD, SUB, DUP, JNZ, DEC, SWAP, POP, HALT };
static const int program[] = {
  PUSH, 0, PUSH, 30000000,          // acc counter
  /* 4: */ SWAP, PUSH, 3, ADD, SWAP, // acc += 3
  DEC, DUP, JNZ, 4, POP, HALT,
};
int main(void) {
  long stack[16];
  int sp = 0, pc = 0;
  for (;;) {
    switch (program[pc++]) {
    case PUSH: stack[sp++] = program[pc++]; break;
    case ADD: sp--; stack[sp - 1] += stack[sp]; break;
    case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
    case DUP: stack[sp] = stack[sp - 1]; sp++; break;
    case JNZ: { int t = program[pc++]; if (stack[--sp]) pc = t; break; }
    case DEC: stack[sp - 1]--; break;
    case SWAP: { long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
    case POP: sp--; break;
    case HALT: printf("%ld\n", stack[sp - 1]); return 0;
    }
  }
}
