/* -mpc32 / -mpc64: x87 arithmetic rounds to 24 or 53 bits of mantissa from
   before main on, as with gcc's crtprec32.o / crtprec64.o. The precision
   control field is bits 8-9 of the x87 control word; TSCC_X87_PRECISION is
   its new value (0x000: single, 0x200: double). */
static void __attribute__((constructor, used)) tscc_set_x87_precision(void) {
  unsigned short cw;
  __asm__ volatile("fnstcw %0" : "=m"(cw));
  cw = (unsigned short)((cw & ~0x300) | TSCC_X87_PRECISION);
  __asm__ volatile("fldcw %0" : : "m"(cw));
}
