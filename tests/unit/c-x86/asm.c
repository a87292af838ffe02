#include <stdio.h>
unsigned lo, hi;
static int add(int a, int b) { int r; asm("leal (%1,%2), %0" : "=r"(r) : "r"(a), "r"(b)); return r; }
static long swap8(long x) { asm("bswap %0" : "+r"(x)); return x; }
static unsigned char lowb(unsigned x) { unsigned char c; asm("movb %b1, %0" : "=q"(c) : "q"(x)); return c; }
int g;
__asm__(".text\n.globl forty_two\nforty_two:\n\tmovl $42, %eax\n\tret");
int forty_two(void);
static void mul(unsigned *rp) { __asm__ ("mull %3" : "=a" (rp[0]), "=d" (rp[1]) : "%0" (7), "rm" (7)); }
static long double sq(long double x) { long double r; __asm__ __volatile__ ("fsqrt" : "=t" (r) : "0" (x)); return r; }
static long double at2(long double y, long double x) { long double v; __asm __volatile__ ("fpatan\n\t" : "=t" (v) : "0" (x), "u" (y) : "st(1)"); return v; }
static int gt(int x) { asm goto ("cmpl $5, %0\n\tjg %l[big]" : : "r"(x) : "cc" : big); return 0; big: return 1; }
static int named(int x) { int y; asm("movl %[in], %[out]\n\taddl $1, %[out]" : [out] "=&r"(y) : [in] "rm"(x)); return y; }
static int mem(void) { int m = 3; asm("addl $4, %0" : "+m"(m)); return m; }
static double dx(double a) { asm("addsd %0, %0" : "+x"(a)); return a; }
static long sys_getpid(void) { register long n asm("rax") = 39; long r; asm volatile("syscall" : "=a"(r) : "r"(n) : "rcx", "r11", "memory"); return r; }
static long cl(long a) { asm("movq $1, %%rbx\n\taddq %%rbx, %0" : "+r"(a) : : "rbx"); return a; }
int main(void) {
  unsigned r[2];
  mul(r);
  printf("%d %lx %d %u %u %Lf %Lf\n", add(3, 4), swap8(0x0102030405060708L), lowb(0x1234), r[0], r[1], sq(16.0L), at2(1.0L, 1.0L));
  printf("%d %d %d %d %g %d %ld %ld %p\n", gt(3), gt(9), named(41), mem(), dx(1.5), sys_getpid() > 0, cl(5), (long)forty_two(), (void*)0);
  asm("nop; # %%");
  return 0;
}
