// Structs and unions of 1, 2, 4 or 8 bytes as register operands of asm: gcc
// gives them the integer mode of their size (the kernel's xchg() on a struct,
// arch/x86/include/asm/cmpxchg.h).
// expect: 2 1 42 7 ab
#include <stdio.h>
struct s4 { short a, b; };
union u8 { long l; void *p; };
struct c1 { char c; };
struct w2 { unsigned char lo, hi; };
static int rotate(struct s4 *p) { struct s4 r = *p; asm("roll $16, %0" : "+r"(r)); *p = r; return r.a; }
static long through(union u8 u) { long out; asm("movq %1, %0" : "=r"(out) : "r"(u)); return out; }
static struct c1 seven(void) { struct c1 c; asm("movb $7, %0" : "=q"(c)); return c; }
static struct w2 swap(struct w2 w) { asm("xchgb %b0, %h0" : "+Q"(w)); return w; }
int main(void) {
  struct s4 x = { 1, 2 };
  rotate(&x);
  union u8 u;
  u.l = 42;
  struct w2 w = swap((struct w2){ 0xb, 0xa });
  printf("%d %d %ld %d %x%x\n", x.a, x.b, through(u), seven().c, w.lo, w.hi);
  return 0;
}
